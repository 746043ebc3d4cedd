package build_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/sitetest"
)

// TestAuditQuotesContentLines: a problem the audit finds in a Markdown
// body quotes the line it is on, although the build keeps no content
// file's bytes past parsing (the line is read again), for a Markdown link
// and for raw HTML alike.
func TestAuditQuotesContentLines(t *testing.T) {
	s := sitetest.Build(t, auditConfig("allow")+auditArticle(
		"Text.\n\nSee [the dosage](/articles/nope/) first.\n\nThen <a href=\"/articles/gone/\">this</a>."))
	s.AssertFailed()
	type place struct {
		Line, Col int
		Source    string
	}
	got := map[string]place{}
	for _, d := range s.Diags() {
		if d.Path == "content/articles/a.md" && d.Severity == diag.Error {
			got[d.Msg] = place{d.Line, d.Col, d.Source}
		}
	}
	want := map[string]place{
		"links to /articles/nope/, which is not a page of this site": {8, 5, "See [the dosage](/articles/nope/) first."},
		"links to /articles/gone/, which is not a page of this site": {10, 15, "Then <a href=\"/articles/gone/\">this</a>."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors in a.md (-want +got):\n%s\nall:\n%v", diff, s.Diags())
	}
}
