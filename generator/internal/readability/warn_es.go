package readability

import (
	"strconv"

	"clinicgen/generator/internal/diag"
)

// CodePerspicuity is the diagnostic code of a Spanish perspicuity warning.
const CodePerspicuity = "readability-perspicuity"

// Targets are the site's reading targets (config readability): MaxGrade
// for English pages, MinPerspicuity for Spanish ones. A target that is
// not positive is the default (DefaultMaxGrade, DefaultMinPerspicuity).
type Targets struct {
	MaxGrade, MinPerspicuity float64
}

func (t Targets) maxGrade() float64 {
	if t.MaxGrade > 0 {
		return t.MaxGrade
	}
	return DefaultMaxGrade
}

func (t Targets) minPerspicuity() float64 {
	if t.MinPerspicuity > 0 {
		return t.MinPerspicuity
	}
	return DefaultMinPerspicuity
}

// OffTarget reports whether st was measured and misses its target: a
// Spanish page (Index IndexPerspicuity) whose Score is below
// MinPerspicuity, any other page whose Grade is above MaxGrade.
func (st Stats) OffTarget(t Targets) bool {
	if !st.Measured {
		return false
	}
	if st.Index == IndexPerspicuity {
		return st.Score < t.minPerspicuity()
	}
	return st.Grade > t.maxGrade()
}

// DiagnosticsFor returns the warning for the page at path when st misses
// its target (see OffTarget): Diagnostics for English, DiagnosticsES for
// Spanish. It is the one call for a site of several languages.
func DiagnosticsFor(path string, st Stats, t Targets) diag.List {
	if st.Index == IndexPerspicuity {
		return DiagnosticsES(path, st, t.MinPerspicuity)
	}
	return Diagnostics(path, st, t.MaxGrade)
}

// DiagnosticsES returns one warning for the page at path when st, a
// Spanish measure, was measured and its perspicuity is below
// minPerspicuity (DefaultMinPerspicuity when minPerspicuity <= 0), such as
//
//	msg: perspicuity 48.2 (algo difícil) is below the target of 55 (Szigriszt-Pazos, INFLESZ scale)
//	fix: start with the hardest sentences: "La administración …" (perspicuity 12.5); …
//
// naming the page's hardest sentences, each shortened to its first twelve
// words, with its own perspicuity. As for Diagnostics, the warning is
// about the whole file (Line 0); the caller may place it.
func DiagnosticsES(path string, st Stats, minPerspicuity float64) diag.List {
	t := Targets{MinPerspicuity: minPerspicuity}
	if st.Index != IndexPerspicuity || !st.OffTarget(t) {
		return nil
	}
	fix := hardestFix(st.Hardest, "perspicuity")
	msg := "perspicuity " + strconv.FormatFloat(st.Score, 'f', 1, 64) + " (" + Band(st.Score) +
		") is below the target of " + strconv.FormatFloat(t.minPerspicuity(), 'f', -1, 64) +
		" (Szigriszt-Pazos, INFLESZ scale)"
	d := diag.At(diag.Warning, path, nil, 0, 0, msg, fix)
	d.Code = CodePerspicuity
	return diag.List{d}
}
