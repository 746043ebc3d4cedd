package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/sitetest"
)

// searchIndexText is every file of the search index, joined.
func searchIndexText(t *testing.T, s *sitetest.Site) string {
	t.Helper()
	ms, err := filepath.Glob(filepath.Join(s.Public, build.SearchDir, "*.json"))
	if err != nil || len(ms) == 0 {
		t.Fatalf("no search index files in %s (%v)", build.SearchDir, err)
	}
	var b strings.Builder
	for _, m := range ms {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			t.Errorf("%s is not JSON", m)
		}
		b.Write(data)
	}
	return b.String()
}

var manifestRef = regexp.MustCompile(`data-index="?(/search-index/manifest\.[0-9a-f]{10}\.json)`)

// The index holds what a visitor may find and nothing else: published
// pages, not drafts, scheduled or expired ones, alias redirects, the 404
// page or what search.exclude names. Its files are cached for a year and
// the search page names its manifest.
func TestSearchIndexHoldsPublishedPages(t *testing.T) {
	s := sitetest.Build(t, strings.Replace(clinicYAML, "health:", "search:\n  exclude: [editorial-policy.md, /contact/]\nhealth:", 1)+
		mdFile("articles/flu.md", "title: Flu shots\ndate: 2026-01-02\naliases: [/old-flu/]\ntags: [vaccines]\n", "## Who needs one\n\nEveryone over six months needs a yearly flu vaccination.")+
		mdFile("articles/draft.md", "title: Draft words\ndate: 2026-01-02\ndraft: true\n", "Zebracorn draft text.")+
		mdFile("articles/later.md", "title: Later words\ndate: 2027-06-01\n", "Zebracorn later text.")+
		mdFile("articles/gone.md", "title: Gone words\ndate: 2025-01-02\nexpiryDate: 2026-01-01\n", "Zebracorn expired text."))
	s.AssertOK()
	ix := searchIndexText(t, s)
	for _, want := range []string{`"/articles/flu/"`, `"vaccination":"vaccin"`, `"flu":["flu"`, `"/tags/vaccines/"`, `"/crisis-resources/"`, `"/people/writer/"`} {
		if !strings.Contains(ix, want) {
			t.Errorf("index lacks %s", want)
		}
	}
	for _, bad := range []string{"zebracorn", "/articles/draft/", "/articles/later/", "/articles/gone/", "/old-flu/", "/404.html", `"/search/"`, "/editorial-policy/", "/contact/"} {
		if strings.Contains(ix, bad) {
			t.Errorf("index holds %s", bad)
		}
	}
	page := s.File("search/index.html")
	m := manifestRef.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the search page names no manifest")
	}
	if !s.Exists(strings.TrimPrefix(m[1], "/")) {
		t.Errorf("the search page names %s, which was not written", m[1])
	}
	s.AssertFile("_headers", "/search-index/*\n  Cache-Control: public, max-age=31536000, immutable")
	s.AssertFile("search/index.html", `<meta name=robots content="noindex">`, `action=/search/`, `/tags/vaccines/`)
	s.AssertFile("index.html", `<form class=header-search role=search aria-label=Site action=/search/>`)
	s.AssertFile("sitemap.xml", "! /search/")
}

// The same site builds to byte-identical index files.
func TestSearchIndexIsDeterministic(t *testing.T) {
	s := buildClinic(t, mdFile("articles/flu.md", "title: Flu shots\ndate: 2026-01-02\n", "A flu vaccination every year."))
	first := searchIndexText(t, s)
	s.Rebuild()
	s.AssertOK()
	if second := searchIndexText(t, s); second != first {
		t.Errorf("a rebuild wrote a different index")
	}
}

// A theme without the search layout (a copy of the default theme made
// before the site search, another tool's theme) still builds, without
// search, and a warning says how to add it.
func TestSearchLayoutMissing(t *testing.T) {
	s, _ := goodSite(t)
	s.Edit("layouts/_default/search.html", "")
	s.Rebuild()
	s.AssertOK()
	s.AssertDiag("warning", "config.yaml", "the site search is on but there is no layouts/_default/search.html: the site is built without search",
		"or set search.enabled: false")
	s.AssertNoFile("search/index.html")
	if s.Exists(build.SearchDir) {
		t.Errorf("%s/ was written without a search page", build.SearchDir)
	}
	s.AssertFile("index.html", "! header-search")
}

// Once the index is built, a build lets the pages' analysed text go
// (memory for rendering); the index has it all.
func TestSearchAnalysesReleased(t *testing.T) {
	s := buildClinic(t, mdFile("articles/flu.md", "title: Flu shots\ndate: 2026-01-02\n", "A flu vaccination every year."))
	if !s.Exists(build.SearchDir) {
		t.Fatalf("no %s/ written", build.SearchDir)
	}
	for _, pg := range s.Result.Project.Site.Pages {
		if pg.Search != nil || pg.Intro != nil && pg.Intro.Search != nil {
			t.Errorf("%s keeps its search analysis after the index was built", pg.URL)
		}
	}
}

// search.enabled: false: no search page, index or header field.
func TestSearchDisabled(t *testing.T) {
	s := sitetest.Build(t, strings.Replace(clinicYAML, "health:", "search:\n  enabled: false\nhealth:", 1)+
		mdFile("articles/flu.md", "title: Flu shots\ndate: 2026-01-02\n", "A flu vaccination every year."))
	s.AssertOK()
	s.AssertNoFile("search/index.html")
	if s.Exists(build.SearchDir) {
		t.Errorf("%s/ was written with search off", build.SearchDir)
	}
	s.AssertFile("index.html", "! header-search")
	if pg, ok := s.Result.Project.Site.PageByPath("content/articles/flu.md"); !ok || pg.Search != nil {
		t.Errorf("with search off the page's text was analysed for it (%v)", ok)
	}
}
