package build_test

import (
	"os"
	"strings"
	"testing"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/incremental"
	"clinicgen/generator/internal/sitetest"
)

// The preview (a Live project) suggests the closest page for a broken link
// as check and build do (testdata/script/link_suggest.txtar).
func TestLiveSuggestsLinks(t *testing.T) {
	s := sitetest.Write(t, "-- config.yaml --\nbaseURL: http://localhost/\ntitle: T\n"+
		"-- content/articles/flu.md --\n---\ntitle: Flu\ndate: 2026-01-02\n---\nSee [vaccines](vaccinations.md).\n"+
		"-- content/services/vaccinations-management.md --\n---\ntitle: Vaccinations\n---\nShots.\n")
	l, _ := incremental.NewLive(os.DirFS(s.Root), build.Options{Dev: true, Now: sitetest.Now()})
	for _, d := range l.Diags() {
		if d.Code == "link-broken" {
			if !strings.HasPrefix(d.Fix, "did you mean ../services/vaccinations-management.md? ") {
				t.Errorf("fix %q lacks the suggestion", d.Fix)
			}
			return
		}
	}
	t.Errorf("no broken-link error in %v", l.Diags())
}
