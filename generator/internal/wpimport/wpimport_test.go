package wpimport_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/sitetest"
	"clinicgen/generator/internal/wpimport"
)

// wpFixture is the WordPress export and uploads of package wordpress's
// tests.
func wpFixture(t *testing.T) (export, uploads string) {
	t.Helper()
	dir := filepath.Join(sitetest.RepoRoot(t), "generator", "internal", "wordpress", "testdata")
	return filepath.Join(dir, "export.xml"), filepath.Join(dir, "uploads")
}

// TestImportWordPressThenBuild is issue 16's end-to-end test: the fixture
// imported into a fresh site builds, and its only errors are the images
// without alt text that the report named; with alt text written, it
// builds clean, with every old URL redirected.
func TestImportWordPressThenBuild(t *testing.T) {
	export, uploads := wpFixture(t)
	s := sitetest.Write(t, sitetest.Clinic)
	cfgBefore, _ := os.ReadFile(filepath.Join(s.Root, "config.yaml"))
	res := wpimport.Import(s.Root, export, wpimport.Options{Uploads: uploads})
	if res.Diags.HasErrors() {
		t.Fatalf("import failed:\n%v", res.Diags.Err())
	}
	named := map[string]int{}
	for _, p := range res.Report.NeedAlt {
		named[p.Path]++
	}
	if len(named) == 0 {
		t.Fatal("the fixture has images without alt text, but the report names none")
	}

	s.Rebuild()
	got := map[string]int{}
	for _, d := range s.Diags() {
		if d.Severity != diag.Error {
			continue
		}
		if !strings.Contains(d.Msg, "has no alt text") {
			t.Errorf("unexpected build error: %v", d)
			continue
		}
		got[d.Path]++
	}
	if !equalCounts(got, named) {
		t.Errorf("missing-alt errors by file %v, the report named %v", got, named)
	}

	// The editor writes the alt text; the site builds.
	for p := range named {
		b, err := os.ReadFile(filepath.Join(s.Root, p))
		if err != nil {
			t.Fatal(err)
		}
		s.Edit(p, strings.ReplaceAll(string(b), "![](", "![A photo from the clinic]("))
	}
	s.Rebuild()
	s.AssertOK()
	s.AssertFile("_redirects",
		"/ p=101 /articles/benefits-of-peer-support/ 301",
		"/ page_id=201 /about/ 301",
		"/2019/03/benefits-of-peer-support/ /articles/benefits-of-peer-support/ 301",
		"/category/mental-health/ /categories/mental-health/ 301",
		"/tag/peer-support/ /tags/peer-support/ 301")
	s.AssertFile("about/team/nurses/index.html", "Our nurses.")
	s.AssertFile("articles/apoyo-entre-pares-que-es/index.html", "Apoyo entre pares: ¿qué es?")
	s.AssertFile("_nginx.conf", `if ($arg_p = "101") {`)

	// config.yaml: the original bytes, then the new author and redirects.
	cfgAfter, _ := os.ReadFile(filepath.Join(s.Root, "config.yaml"))
	if !strings.HasPrefix(strings.Replace(string(cfgAfter), "  - id: \"mrivera\"\n    name: \"María Rivera\"\n    role: \"Author\"\n", "", 1), string(cfgBefore)) {
		t.Errorf("config.yaml was changed beyond the additions:\n%s", cfgAfter)
	}

	// Private and password-protected posts were never written anywhere.
	filepath.WalkDir(s.Root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, secret := range []string{"Private notes about patients", "Meeting room code", "Log-in instructions"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s holds the private text %q", p, secret)
			}
		}
		return nil
	})
}

// TestImportWordPressSafety: a second import without --force writes
// nothing and names the files it would replace; --dry-run writes nothing;
// a broken export is an error and writes nothing.
func TestImportWordPressSafety(t *testing.T) {
	export, uploads := wpFixture(t)
	s := sitetest.Write(t, sitetest.Clinic)
	before := sitetest.Tree(t, s.Root)

	dry := wpimport.Import(s.Root, export, wpimport.Options{Uploads: uploads, DryRun: true})
	if dry.Diags.HasErrors() || len(dry.Files) == 0 {
		t.Fatalf("dry run: %v, files %v", dry.Diags, dry.Files)
	}
	assertSameTree(t, before, sitetest.Tree(t, s.Root), "after --dry-run")

	bad := filepath.Join(t.TempDir(), "feed.xml")
	os.WriteFile(bad, []byte(`<rss version="2.0"><channel><title>Blog</title><item><title>A post</title></item></channel></rss>`), 0o644)
	res := wpimport.Import(s.Root, bad, wpimport.Options{})
	if !res.Diags.HasErrors() || !strings.Contains(res.Diags.Err().Error(), "looks like an RSS feed") {
		t.Errorf("RSS feed: %v", res.Diags)
	}
	assertSameTree(t, before, sitetest.Tree(t, s.Root), "after a failed import")

	if res := wpimport.Import(s.Root, export, wpimport.Options{Uploads: uploads}); res.Diags.HasErrors() {
		t.Fatal(res.Diags.Err())
	}
	s.Edit("content/articles/flu-shots.md", "---\ntitle: Edited by hand\n---\nMine.\n")
	imported := sitetest.Tree(t, s.Root)
	again := wpimport.Import(s.Root, export, wpimport.Options{Uploads: uploads})
	if !again.Diags.HasErrors() || !strings.Contains(again.Diags.Err().Error(), "content/articles/flu-shots.md") || !strings.Contains(again.Diags.Err().Error(), "--force") {
		t.Errorf("second import: %v", again.Diags)
	}
	assertSameTree(t, imported, sitetest.Tree(t, s.Root), "after a refused second import")

	forced := wpimport.Import(s.Root, export, wpimport.Options{Uploads: uploads, Force: true})
	if forced.Diags.HasErrors() || len(forced.Replaced) == 0 {
		t.Fatalf("--force: %v, replaced %v", forced.Diags, forced.Replaced)
	}
	if b, _ := os.ReadFile(filepath.Join(s.Root, "content/articles/flu-shots.md")); !strings.Contains(string(b), "Flu shots: what to expect") {
		t.Errorf("--force did not replace the file:\n%s", b)
	}
	// The people are in config.yaml once, not twice.
	cfg, _ := os.ReadFile(filepath.Join(s.Root, "config.yaml"))
	if n := strings.Count(string(cfg), `id: "mrivera"`); n != 1 {
		t.Errorf("mrivera is in config.yaml %d times", n)
	}
}

func assertSameTree(t *testing.T, want, got map[string]string, when string) {
	t.Helper()
	var diff []string
	for k, v := range got {
		if w, ok := want[k]; !ok || w != v {
			diff = append(diff, k)
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			diff = append(diff, k+" (removed)")
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		t.Errorf("%s, files changed: %v", when, diff)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestImportWordPressConfigFirst: a config.yaml whose people list cannot
// be extended (a one-line [a, b] list) stops the import before any file
// is written.
func TestImportWordPressConfigFirst(t *testing.T) {
	export, uploads := wpFixture(t)
	s := sitetest.Write(t, "-- config.yaml --\nbaseURL: https://clinic.example/\ntitle: T\npeople: [{id: a, name: A}]\n-- content/_index.md --\n---\ntitle: Home\n---\nHi.\n")
	before := sitetest.Tree(t, s.Root)
	res := wpimport.Import(s.Root, export, wpimport.Options{Uploads: uploads})
	if !res.Diags.HasErrors() || !strings.Contains(res.Diags.Err().Error(), "people is written as [a, b]") {
		t.Errorf("diagnostics: %v", res.Diags)
	}
	assertSameTree(t, before, sitetest.Tree(t, s.Root), "after a refused import")
}

// TestImportWordPressURLClash: an existing content/about.md has the URL
// the imported about page (a section, content/about/_index.md) would
// take: the import names the file and writes nothing, even with --force.
func TestImportWordPressURLClash(t *testing.T) {
	export, uploads := wpFixture(t)
	s := sitetest.Write(t, sitetest.Clinic+sitetest.MD("about.md", "title: About\n", "Ours."))
	before := sitetest.Tree(t, s.Root)
	res := wpimport.Import(s.Root, export, wpimport.Options{Uploads: uploads, Force: true})
	if !res.Diags.HasErrors() || !strings.Contains(res.Diags.Err().Error(), "content/about.md: this page has the URL the imported page content/about/_index.md would have") {
		t.Errorf("diagnostics: %v", res.Diags)
	}
	assertSameTree(t, before, sitetest.Tree(t, s.Root), "after a refused import")
}
