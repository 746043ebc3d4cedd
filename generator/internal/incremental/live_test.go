package incremental_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/incremental"
	"clinicgen/generator/internal/sitetest"
)

// These tests hold incremental.Live to its promise: after any sequence of
// updates (and the background remodel), the project renders exactly what a
// fresh load of the same files renders.

func liveOpts() build.Options { return build.Options{Dev: true, Now: sitetest.Now()} }

// outputs renders every page and extra of a project, by output path.
func outputs(t *testing.T, p *build.Project) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, pg := range p.Site.Pages {
		b, ds := p.RenderPage(pg)
		if ds.HasErrors() {
			t.Fatalf("render %s: %v", pg.URL, ds.Err())
		}
		out[build.OutputPath(pg)] = string(b)
	}
	for _, o := range p.Extras() {
		out[o.Path] = string(o.Data)
	}
	return out
}

// sameAsFresh fails unless l renders what a fresh load of root renders.
func sameAsFresh(t *testing.T, l *incremental.Live, root string) {
	t.Helper()
	fresh, ds := build.Load(os.DirFS(root), liveOpts())
	if fresh == nil {
		t.Fatalf("fresh load failed: %v", ds)
	}
	want, got := outputs(t, fresh), outputs(t, l.Project())
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("live project differs from a fresh load (-fresh +live):\n%s", diff)
	}
	var wantDiags, gotDiags []string
	for _, d := range ds {
		wantDiags = append(wantDiags, d.Error())
	}
	for _, d := range l.Diags() {
		gotDiags = append(gotDiags, d.Error())
	}
	if diff := cmp.Diff(wantDiags, gotDiags); diff != "" {
		t.Errorf("live diagnostics differ from a fresh load (-fresh +live):\n%s", diff)
	}
}

func edit(t *testing.T, root, name, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if content == "" {
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, root, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLiveBodyEditPatchesInPlace(t *testing.T) {
	s := sitetest.Write(t, testSite)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	sameAsFresh(t, l, s.Root)

	const f = "content/articles/alpha.md"
	edit(t, s.Root, f, strings.Replace(readFile(t, s.Root, f), "Alpha body text", "Alpha opening words", 1))
	ch := l.Update([]string{f})
	if ch.All || !ch.Remodel {
		t.Fatalf("a body edit should patch in place and ask for a remodel: %+v", ch)
	}
	for _, u := range []string{"/articles/alpha/", "/articles/", "/tags/sleep/", "/tags/stress/", "/", "/articles/beta/"} {
		if !slices.Contains(ch.Dirty, u) {
			t.Errorf("dirty %v lacks %s", ch.Dirty, u)
		}
	}
	if diff := cmp.Diff([]string{"/articles/alpha/"}, ch.Edited); diff != "" {
		t.Errorf("edited (-want +got):\n%s", diff)
	}
	pg, _ := l.Project().Site.PageByPath(f)
	b, _ := l.Project().RenderPage(pg)
	if !strings.Contains(string(b), "Alpha opening words") {
		t.Errorf("patched page lacks the new text")
	}

	r := l.PrepareRemodel()
	r.Run()
	if _, ok := l.Apply(r); !ok {
		t.Fatal("remodel refused with no change in between")
	}
	sameAsFresh(t, l, s.Root)
}

func TestLiveRemodelRefusedAfterChange(t *testing.T) {
	s := sitetest.Write(t, testSite)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	const f = "content/articles/beta.md"
	r := l.PrepareRemodel()
	edit(t, s.Root, f, strings.Replace(readFile(t, s.Root, f), "Beta body", "Beta changed body", 1))
	l.Update([]string{f})
	r.Run()
	if _, ok := l.Apply(r); ok {
		t.Fatal("a remodel prepared before an update was applied over it")
	}
	r = l.PrepareRemodel()
	r.Run()
	if _, ok := l.Apply(r); !ok {
		t.Fatal("fresh remodel refused")
	}
	sameAsFresh(t, l, s.Root)
}

// Each step is applied to the files and to the Live; after each, the Live
// must match a fresh load.
func TestLiveMatchesFreshLoad(t *testing.T) {
	s := sitetest.Write(t, testSite)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	alpha := readFile(t, s.Root, "content/articles/alpha.md")
	steps := []struct {
		name  string
		files map[string]string // "" deletes
		all   bool              // want a whole-model change
	}{
		{"retitle", map[string]string{"content/articles/alpha.md": strings.Replace(alpha, "Alpha Article", "Alpha Renamed", 1)}, true},
		{"retag", map[string]string{"content/articles/alpha.md": strings.Replace(alpha, "[sleep, stress]", "[winter]", 1)}, true},
		{"new article", map[string]string{"content/articles/delta.md": "---\ntitle: Delta\ndate: 2026-05-01\ntags: [winter]\n---\nDelta body.\n"}, true},
		{"delete article", map[string]string{"content/articles/beta.md": ""}, true},
		{"section intro", map[string]string{"content/articles/_index.md": "---\ntitle: All Articles\n---\nNew intro.\n"}, true},
		{"new folder", map[string]string{"content/news/one.md": "---\ntitle: One\ndate: 2026-06-01\n---\nNews.\n"}, true},
		{"delete folder", map[string]string{"content/news": ""}, true},
		{"broken front matter keeps the page", map[string]string{"content/articles/gamma.md": "---\ntitle: [unclosed\n"}, false},
		{"image added", map[string]string{"content/articles/pic.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"></svg>`}, false},
		{"layout", map[string]string{"layouts/_default/baseof.html": strings.Replace(readFile(t, s.Root, "layouts/_default/baseof.html"), "<main", `<main data-x="1"`, 1)}, true},
		{"config", map[string]string{"config.yaml": strings.Replace(readFile(t, s.Root, "config.yaml"), "Test Clinic", "Other Clinic", 1)}, true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var paths []string
			for name, content := range st.files {
				edit(t, s.Root, name, content)
				paths = append(paths, name)
			}
			ch := l.Update(paths)
			if ch.All != st.all {
				t.Errorf("All = %v, want %v (%+v)", ch.All, st.all, ch)
			}
			if st.name == "broken front matter keeps the page" {
				if _, ok := l.Project().Site.PageByPath("content/articles/gamma.md"); !ok {
					t.Errorf("the last good page went away")
				}
				if !l.Diags().HasErrors() {
					t.Errorf("no error for the broken file")
				}
				// Fix it before comparing with a fresh load.
				edit(t, s.Root, "content/articles/gamma.md", "---\ntitle: Gamma Article\ndate: 2026-03-10\ntags: [stress]\n---\nGamma fixed.\n")
				l.Update([]string{"content/articles/gamma.md"})
			}
			if ch.Remodel {
				r := l.PrepareRemodel()
				r.Run()
				l.Apply(r)
			}
			sameAsFresh(t, l, s.Root)
		})
	}
}

func TestLiveFileReplacedByFolder(t *testing.T) {
	s := sitetest.Write(t, testSite)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	edit(t, s.Root, "content/articles/beta.md", "")
	edit(t, s.Root, "content/articles/beta.md/inner.md", "---\ntitle: Inner\ndate: 2026-07-01\n---\nInside a folder named like a file.\n")
	ch := l.Update([]string{"content/articles/beta.md"})
	if !ch.All {
		t.Errorf("want a model rebuild: %+v", ch)
	}
	if _, ok := l.Project().Site.PageByPath("content/articles/beta.md"); ok {
		t.Errorf("the replaced file's page remains")
	}
	if _, ok := l.Project().Site.PageByPath("content/articles/beta.md/inner.md"); !ok {
		t.Errorf("the file inside the new folder has no page")
	}
	sameAsFresh(t, l, s.Root)
}

func TestLiveContentFolderDeleted(t *testing.T) {
	s := sitetest.Write(t, testSite)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	edit(t, s.Root, "content", "")
	l.Update([]string{"content"})
	if n := len(l.Project().Site.Regular); n != 0 {
		t.Errorf("%d pages remain after content/ was deleted", n)
	}
	found := false
	for _, d := range l.Diags() {
		if d.Path == "content" && strings.Contains(d.Msg, "missing") {
			found = true
		}
	}
	if !found {
		t.Errorf("no diagnostic for the missing content/ folder: %v", l.Diags())
	}
	edit(t, s.Root, "content/articles/back.md", "---\ntitle: Back\ndate: 2026-08-01\n---\nBack again.\n")
	l.Update([]string{"content"})
	sameAsFresh(t, l, s.Root)
}

// TestLiveContentRules (issue 13 items 4, 5, 11): the dev server applies
// the build's rules to files added while it runs: an .html file is a
// warning and not served, an unsafe SVG and a content/ file that shadows
// an assets/ file are errors, content/.well-known/ is served; removing
// them clears their diagnostics.
func TestLiveContentRules(t *testing.T) {
	s := sitetest.Write(t, testSite)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	files := map[string]string{
		"content/x.html":                   "<script>alert(1)</script>\n",
		"content/articles/bad.svg":         "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script>\n</svg>\n",
		"content/.well-known/security.txt": "Contact: mailto:security@clinic.example\n",
		"assets/images/logo.svg":           `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`,
		"content/images/logo.svg":          `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"></svg>`,
	}
	var paths []string
	for name, content := range files {
		edit(t, s.Root, name, content)
		paths = append(paths, name)
	}
	slices.Sort(paths)
	l.Update(paths)
	sameAsFresh(t, l, s.Root)
	var got []string
	for _, d := range l.Diags() {
		got = append(got, d.Error())
	}
	for _, want := range []string{
		"content/x.html: a .html file in content/ is not published",
		"content/articles/bad.svg:2:1: SVG: <script> element runs script",
		"content/images/logo.svg: both this file and assets/images/logo.svg would be published as /images/logo.svg",
	} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, want) }) {
			t.Errorf("no diagnostic contains %q; got:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if _, ok := l.Project().Files[".well-known/security.txt"]; !ok {
		t.Errorf(".well-known/security.txt is not served")
	}
	if _, ok := l.Project().Files["x.html"]; ok {
		t.Errorf("x.html is served")
	}
	for _, name := range []string{"content/x.html", "content/articles/bad.svg", "content/images/logo.svg"} {
		edit(t, s.Root, name, "")
	}
	l.Update([]string{"content/x.html", "content/articles/bad.svg", "content/images/logo.svg"})
	sameAsFresh(t, l, s.Root)
}

// searchIndex joins the search index files among a project's extras.
func searchIndex(p *build.Project) string {
	var b strings.Builder
	for _, o := range p.Extras() {
		if strings.HasPrefix(o.Path, build.SearchDir+"/") {
			b.Write(o.Data)
		}
	}
	return b.String()
}

// Saving a page's body re-indexes it for the site search at once (only
// that page's text is analysed again), and the search page, which names
// the index's new manifest, is dirty.
func TestLiveBodyEditReindexesSearch(t *testing.T) {
	s := sitetest.Write(t, testSite)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	if strings.Contains(searchIndex(l.Project()), "zanzibar") {
		t.Fatal("the word is in the index before the edit")
	}
	const f = "content/articles/alpha.md"
	edit(t, s.Root, f, strings.Replace(readFile(t, s.Root, f), "Alpha body text", "Alpha zanzibar words", 1))
	ch := l.Update([]string{f})
	if ch.All {
		t.Fatalf("a body edit should patch in place: %+v", ch)
	}
	if !slices.Contains(ch.Dirty, "/search/") {
		t.Errorf("dirty %v lacks /search/", ch.Dirty)
	}
	if !strings.Contains(searchIndex(l.Project()), `"zanzibar":["zanzibar"`) {
		t.Errorf("the saved page's new word is not in the search index")
	}
	sameAsFresh(t, l, s.Root)
}

// multilingualSite is testSite in English and Spanish, alpha.md with its
// translation alpha.es.md (which links back to it) and a Spanish page
// without one.
const multilingualSite = "-- content/articles/alpha.es.md --\n---\ntitle: Artículo alfa\ndate: 2026-01-10\n---\nTexto del artículo alfa. [En inglés](alpha.md).\n" +
	"-- content/articles/alfa.es.md --\n---\ntitle: Otro artículo\ndate: 2026-01-11\n---\nTexto del otro artículo.\n"

func multilingual(t *testing.T) *sitetest.Site {
	t.Helper()
	site := strings.Replace(testSite, "related:", "languages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n    sections: {articles: articulos, search: buscar}\nrelated:", 1) + multilingualSite
	return sitetest.Write(t, site)
}

// Saving a Spanish page's body re-indexes it in the Spanish index, with
// Spanish stems (the dev server parses it in its file's language). The
// page is patched in place in the Spanish model, as on a site with one
// language: the whole site is not made again, only the page, the Spanish
// pages listing it and the Spanish search page are dirty.
func TestLiveBodyEditReindexesSpanishSearch(t *testing.T) {
	s := multilingual(t)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	const f = "content/articles/alfa.es.md"
	edit(t, s.Root, f, strings.Replace(readFile(t, s.Root, f), "Texto del", "Las vacunaciones del", 1))
	ch := l.Update([]string{f})
	if ch.All {
		t.Errorf("a body edit of a Spanish page remodelled the whole site: %+v", ch)
	}
	if !slices.Contains(ch.Dirty, "/es/buscar/") || !slices.Contains(ch.Dirty, "/es/articulos/alfa/") {
		t.Errorf("dirty %v lacks the Spanish page or /es/buscar/", ch.Dirty)
	}
	for _, u := range ch.Dirty {
		if !strings.HasPrefix(u, "/es/") {
			t.Errorf("an English page is dirty: %s (all: %v)", u, ch.Dirty)
		}
	}
	if !slices.Equal(ch.Edited, []string{"/es/articulos/alfa/"}) {
		t.Errorf("edited = %v, want the Spanish page's URL", ch.Edited)
	}
	var es, en strings.Builder
	for _, o := range l.Project().Extras() {
		switch {
		case strings.HasPrefix(o.Path, build.SearchDir+"/es/"):
			es.Write(o.Data)
		case strings.HasPrefix(o.Path, build.SearchDir+"/"):
			en.Write(o.Data)
		}
	}
	if !strings.Contains(es.String(), `"vacunaciones":"vacun"`) {
		t.Errorf("the saved Spanish page's new word is not in the Spanish index with its Spanish stem")
	}
	if strings.Contains(en.String(), "vacun") {
		t.Errorf("the Spanish word is in the English index")
	}
	sameAsFresh(t, l, s.Root)
}

// A body edit of a page with a translation patches it in place and keeps
// it linked to its translation (hreflang, switcher); a broken .md link in
// the Spanish page is reported at its line as a full build reports it, and
// a link to the English page resolves. Once fixed, every output equals a
// fresh load's.
func TestLiveBodyEditOfTranslatedPage(t *testing.T) {
	s := multilingual(t)
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	const f = "content/articles/alpha.es.md"
	edit(t, s.Root, f, strings.Replace(readFile(t, s.Root, f), "Texto del artículo alfa.", "Texto nuevo. [Roto](nada.md).", 1))
	ch := l.Update([]string{f})
	if ch.All {
		t.Errorf("a body edit of a translated page remodelled the whole site: %+v", ch)
	}
	if !slices.Contains(ch.Dirty, "/es/articulos/alpha/") {
		t.Errorf("dirty %v lacks the edited page", ch.Dirty)
	}
	pg, _ := l.Project().PageOf(f)
	if pg == nil || len(pg.Translations) != 1 || pg.Translations[0].URL != "/articles/alpha/" {
		t.Fatalf("the patched page lost its translation: %+v", pg)
	}
	var broken bool
	for _, d := range l.Diags() {
		if d.Path == f && d.Line > 0 && strings.Contains(d.Msg, "nada.md") {
			broken = true
		}
		if d.Path == f && strings.Contains(d.Msg, "alpha.md") {
			t.Errorf("the link to the English translation is reported: %v", d)
		}
	}
	if !broken {
		t.Errorf("the broken link in the Spanish page is not reported at its line: %v", l.Diags())
	}
	// Fixed: no error left, and the same outputs as a fresh load (which
	// reports links only when rendering).
	edit(t, s.Root, f, strings.Replace(readFile(t, s.Root, f), "[Roto](nada.md)", "[En inglés](alpha.md)", 1))
	if ch := l.Update([]string{f}); ch.All {
		t.Errorf("the fix remodelled the whole site: %+v", ch)
	}
	sameAsFresh(t, l, s.Root)
}
