package readability

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

func TestDiagnostics(t *testing.T) {
	const path = "content/articles/services.md"
	hardWarning := diag.List{{
		Severity: diag.Warning,
		Path:     path,
		Msg:      "reading grade 16.2 is above the target of 8 (Flesch–Kincaid)",
		Fix: `start with the hardest sentences: ` +
			`"Our telemedicine services provide convenient consultations with experienced providers." (grade 22.0); ` +
			`"Vaccinations are administered according to recommendations from public health authorities." (grade 19.0); ` +
			`"Medication management appointments are available for patients with chronic conditions." (grade 16.6)`,
		Code: Code,
	}}
	tests := []struct {
		name     string
		st       Stats
		maxGrade float64
		want     diag.List
	}{
		{"above the target", Measure(hard), 8, hardWarning},
		{"no target means the default of 8", Measure(hard), 0, hardWarning},
		{"below the target", Measure(hard), 16.5, nil},
		{"equal to the target", Measure(hard), 16.2, nil},
		{"easy text", Measure(easy), 8, nil},
		{"not measured", Measure("Hard. Words."), 0.5, nil},
		{"fractional target, no sentences known", Stats{Measured: true, Grade: 9}, 8.5, diag.List{{
			Severity: diag.Warning, Path: path,
			Msg:  "reading grade 9.0 is above the target of 8.5 (Flesch–Kincaid)",
			Fix:  "use shorter sentences and shorter words",
			Code: Code,
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diagnostics(path, tt.st, tt.maxGrade)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Diagnostics mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"", 3, ""},
		{"one  two\nthree", 3, "one two three"},
		{"one two three four", 3, "one two three …"},
		{"one two", 0, "…"},
		{"one two", -1, "…"},
		{"", 0, ""},
		{"", -1, "…"},
		{" \t ", 0, ""},
		{"  one\ttwo  three ", 2, "one two …"},
		{"one\u00a0two\u2003three", 3, "one two three"},
	}
	for _, tt := range tests {
		if got := Excerpt(tt.text, tt.n); got != tt.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
	}
	// As it was written first, with strings.Fields and strings.Join.
	fields := func(text string, n int) string {
		f := strings.Fields(text)
		if len(f) <= n {
			return strings.Join(f, " ")
		}
		if n <= 0 {
			return "…"
		}
		return strings.Join(f[:n], " ") + " …"
	}
	for _, tt := range tests {
		for n := -1; n <= 4; n++ {
			if got, want := Excerpt(tt.text, n), fields(tt.text, n); got != want {
				t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.text, n, got, want)
			}
		}
	}
}
