package readability

import (
	"fmt"
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
func Diagnostics(path string, st Stats, maxGrade float64) []diag.Diagnostic {
	if maxGrade <= 0 {
		maxGrade = DefaultMaxGrade
	}
	if !st.Measured || st.Grade <= maxGrade {
		return nil
	}
	var parts []string
	for _, s := range st.Hardest {
		parts = append(parts, fmt.Sprintf("%q (grade %.1f)", Excerpt(s.Text, 12), s.Score))
	}
	fix := "use shorter sentences and shorter words"
	if len(parts) > 0 {
		fix = "start with the hardest sentences: " + strings.Join(parts, "; ")
	}
	d := diag.Warnf(path, nil, 0, 0, fix, "reading grade %.1f is above the target of %s (Flesch–Kincaid)",
		st.Grade, strconv.FormatFloat(maxGrade, 'f', -1, 64))
	d.Code = Code
	return []diag.Diagnostic{d}
}

// Excerpt returns the first n words of text, with "…" when it had more.
func Excerpt(text string, n int) string {
	f := strings.Fields(text)
	if len(f) <= n {
		return strings.Join(f, " ")
	}
	if n <= 0 {
		return "…"
	}
	return strings.Join(f[:n], " ") + " …"
}
