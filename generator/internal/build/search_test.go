package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// spanishSite is clinicYAML in English and Spanish, with a Spanish and an
// English page about vaccination.
func spanishSite(t *testing.T) *sitetest.Site {
	t.Helper()
	langs := "languages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n    sections: {articles: articulos, search: buscar}\n    search:\n      synonyms: [[piquete, pinchazo]]\nhealth:"
	s := sitetest.Build(t, strings.Replace(clinicYAML, "health:", langs, 1)+
		mdFile("articles/flu.md", "title: Flu shots\ndate: 2026-01-02\n", "Everyone over six months needs a yearly flu vaccination. Vacunación is the Spanish word.")+
		mdFile("articles/gripe.es.md", "title: La gripe\ndate: 2026-01-02\n", "La vacunación contra la gripe protege a toda la familia. Un pinchazo al año basta."))
	s.AssertOK()
	return s
}

// lookup finds the pages of an index (its manifest, root-relative) that
// hold word the way the browser's script does (assets/js/search.js,
// stemOf): the word's stem from the shard's words, else the word, else,
// in a language other than English, the word without up to three final
// letters when that is an indexed stem. It returns their URLs.
func lookup(t *testing.T, s *sitetest.Site, manifest, word string) []string {
	t.Helper()
	var man struct {
		DPS int         `json:"dps"`
		D   []string    `json:"d"`
		T   [][2]string `json:"t"`
		L   string      `json:"l"`
	}
	read := func(u string, v any) {
		t.Helper()
		if err := json.Unmarshal([]byte(s.File(strings.TrimPrefix(u, "/"))), v); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}
	read(manifest, &man)
	shardURL := ""
	for _, e := range man.T {
		if e[0] <= string([]rune(word)[:2]) {
			shardURL = e[1]
		}
	}
	var sh struct {
		P map[string][]any  `json:"p"`
		W map[string]string `json:"w"`
	}
	read(shardURL, &sh)
	stem := word
	if st, ok := sh.W[word]; ok {
		stem = st
	} else if _, ok := sh.P[word]; !ok && man.L != "" {
		rs := []rune(word)
		for n := len(rs) - 1; n >= max(4, len(rs)-3); n-- {
			if _, ok := sh.P[string(rs[:n])]; ok {
				stem = string(rs[:n])
				break
			}
		}
	}
	row := sh.P[stem]
	var urls []string
	id := 0
	for i := 1; i+1 < len(row); i += 2 {
		id += int(row[i].(float64))
		var rows [][5]string
		read(man.D[id/man.DPS], &rows)
		urls = append(urls, rows[id%man.DPS][0])
	}
	return urls
}

// Each language has its own index and search page: a Spanish query on the
// Spanish search page finds a Spanish page by another form of its word
// (Spanish stemming: "vacunas" and "vacunación" share "vacun") and never
// an English page, even one using the same word; the Spanish page's
// header field submits to the Spanish search page; the synonyms of
// languages.N.search.synonyms are in the Spanish index only.
func TestSearchPerLanguage(t *testing.T) {
	s := spanishSite(t)
	ref := regexp.MustCompile(`data-index="?(/search-index/[a-z/]*manifest\.[0-9a-f]{10}\.json)`)
	es := ref.FindStringSubmatch(s.File("es/buscar/index.html"))
	en := ref.FindStringSubmatch(s.File("search/index.html"))
	if es == nil || en == nil {
		t.Fatalf("search pages name manifests %v (es) and %v (en)", es, en)
	}
	if !strings.HasPrefix(es[1], "/search-index/es/") || strings.HasPrefix(en[1], "/search-index/es/") {
		t.Errorf("manifests %s (es), %s (en): want the Spanish one under /search-index/es/", es[1], en[1])
	}
	for _, w := range []string{"vacunas", "vacunación", "vacuna", "gripe"} {
		got := lookup(t, s, es[1], w)
		if !slices.Equal(got, []string{"/es/articulos/gripe/"}) {
			t.Errorf("Spanish %q finds %v, want the Spanish page only", w, got)
		}
	}
	if got := lookup(t, s, en[1], "vaccination"); !slices.Equal(got, []string{"/articles/flu/"}) {
		t.Errorf("English \"vaccination\" finds %v, want the English page only", got)
	}
	// English rules keep "vacunas" as it is: no English stem is cut out of it.
	if got := lookup(t, s, en[1], "vacunas"); len(got) != 0 {
		t.Errorf("English \"vacunas\" finds %v, want nothing", got)
	}
	s.AssertFile("es/articulos/gripe/index.html", `action=/es/buscar/`)
	s.AssertFile("articles/flu/index.html", `action=/search/`)
	s.AssertFile("es/buscar/index.html", `<title>Buscar · `, `<html lang=es`, `Buscar en artículos y servicios`, `rel=preload href=`+es[1])
	if m := s.File(strings.TrimPrefix(es[1], "/")); !strings.Contains(m, `"pinchazo"`) || !strings.Contains(m, `"l":"es"`) {
		t.Errorf("the Spanish manifest lacks its language or the config's Spanish synonyms: %.300s", m)
	}
	if m := s.File(strings.TrimPrefix(en[1], "/")); strings.Contains(m, `"pinchazo"`) || strings.Contains(m, `"l":`) {
		t.Errorf("the English manifest holds Spanish settings: %.300s", m)
	}
}
