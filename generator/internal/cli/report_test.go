package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
)

// TestReportBuild: a build shows the reading-grade warnings of the first
// few pages in full and counts the rest on one line; every other message is
// shown, and the closing count counts everything.
func TestReportBuild(t *testing.T) {
	var ds diag.List
	for i := range buildGradePages + 3 {
		ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: fmt.Sprintf("content/p%d.md", i), Msg: "reading grade 12.0 is above the target of 8", Code: build.CodeGrade})
	}
	ds = append(ds,
		diag.Diagnostic{Severity: diag.Error, Path: "content/z.md", Msg: "broken link"},
		diag.Diagnostic{Severity: diag.Warning, Path: "content/z.md", Msg: "review due"})
	var out bytes.Buffer
	env := testEnv(io.Discard, &out)
	env.reportBuild(ds)
	got := out.String()
	if n := strings.Count(got, "reading grade"); n != buildGradePages {
		t.Errorf("%d reading-grade warnings shown, want %d:\n%s", n, buildGradePages, got)
	}
	for _, want := range []string{
		"content/z.md: error: broken link\n",
		"content/z.md: warning: review due\n",
		"… and 3 more pages above the reading-grade target: run generator check --format json to see them all\n1 error, 9 warnings\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}

	out.Reset()
	env.reportBuild(ds[buildGradePages-1:])
	if strings.Contains(out.String(), "more page") {
		t.Errorf("a count line with only %d grade warnings:\n%s", 4, out.String())
	}

	// Spanish pages' perspicuity warnings are trimmed apart, with their
	// own count line.
	for i := range buildGradePages + 2 {
		ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: fmt.Sprintf("content/p%d.es.md", i), Msg: "perspicuity 40.0 (algo difícil) is below the target of 55", Code: build.CodePerspicuity})
	}
	out.Reset()
	env.reportBuild(ds)
	got = out.String()
	if n, m := strings.Count(got, "reading grade"), strings.Count(got, "perspicuity 40.0"); n != buildGradePages || m != buildGradePages {
		t.Errorf("%d grade and %d perspicuity warnings shown, want %d of each:\n%s", n, m, buildGradePages, got)
	}
	if want := "… and 3 more pages above the reading-grade target: run generator check --format json to see them all\n" +
		"… and 2 more pages below the perspicuity target: run generator check --format json to see them all\n1 error, 16 warnings\n"; !strings.Contains(got, want) {
		t.Errorf("output lacks %q:\n%s", want, got)
	}
}
