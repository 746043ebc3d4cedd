package readability

import (
	"strconv"
	"strings"

	"clinicgen/generator/internal/diag"
)

// Code is the diagnostic code of a grade warning.
const Code = "readability-grade"

// Diagnostics returns one warning for the page at path when st was measured
// and its grade is above maxGrade (DefaultMaxGrade when maxGrade <= 0). The
// warning names the page's hardest sentences, each shortened to its first
// twelve words, with its own grade. The prose has no line numbers of its
// own, so the warning is about the whole file (Line 0).
func Diagnostics(path string, st Stats, maxGrade float64) diag.List {
	if maxGrade <= 0 {
		maxGrade = DefaultMaxGrade
	}
	if !st.Measured || st.Grade <= maxGrade {
		return nil
	}
	fix := hardestFix(st.Hardest, "grade")
	msg := "reading grade " + strconv.FormatFloat(st.Grade, 'f', 1, 64) + " is above the target of " +
		strconv.FormatFloat(maxGrade, 'f', -1, 64) + " (Flesch–Kincaid)"
	d := diag.At(diag.Warning, path, nil, 0, 0, msg, fix)
	d.Code = Code
	return diag.List{d}
}

// hardestFix is a warning's advice: the hardest sentences, each shortened
// to its first twelve words, with its own score under the measure's name
// ("grade", "perspicuity"). Built with strconv rather than fmt: a large
// site of hard pages makes thousands of these (%q and %.1f are
// strconv.AppendQuote and strconv.AppendFloat(x, 'f', 1, 64)).
func hardestFix(hardest []Sentence, measure string) string {
	if len(hardest) == 0 {
		return "use shorter sentences and shorter words"
	}
	b := make([]byte, 0, 48+len(hardest)*(110+len(measure)))
	b = append(b, "start with the hardest sentences: "...)
	for i, s := range hardest {
		if i > 0 {
			b = append(b, "; "...)
		}
		b = strconv.AppendQuote(b, Excerpt(s.Text, 12))
		b = append(b, " ("...)
		b = append(b, measure...)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, s.Score, 'f', 1, 64)
		b = append(b, ')')
	}
	return string(b)
}

// Excerpt returns the first n words of text, with "…" when it had more.
// Words are separated by white space, as strings.Fields has them.
func Excerpt(text string, n int) string {
	var b strings.Builder
	k := 0 // words written
	for f := range strings.FieldsSeq(text) {
		switch {
		case k == n || n < 0:
			if k == 0 {
				return "…"
			}
			b.WriteString(" …")
			return b.String()
		case k == 0:
			b.Grow(min(len(text), 160) + len(" …"))
		default:
			b.WriteByte(' ')
		}
		b.WriteString(f)
		k++
	}
	if n < 0 {
		return "…"
	}
	return b.String()
}
