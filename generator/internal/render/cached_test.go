package render

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/site"
)

// TestPartialCached: an item is executed once per build for each partial
// and variants, its output reused whatever the context is then; a new Site
// or Now starts afresh; Dev renders never cache; bad calls are errors that
// name the partial.
func TestPartialCached(t *testing.T) {
	layouts := map[string][]byte{
		"_default/baseof.html": []byte(`{{block "main" .}}{{end}}`),
		"_default/page.html": []byte(`{{define "main"}}{{range .Page.Pages}}` +
			`{{partialCached "partials/item.html" (dict "Page" . "Level" 2 "Title" $.Page.Title) .}}{{end}}{{end}}`),
		"_default/list.html": []byte(`{{define "main"}}{{partialCached "partials/item.html" (dict "Page" .Page "Level" 3 "Title" "x") .Page 3}}` +
			`{{partialCached "partials/item.html" (dict "Page" .Page "Level" 4 "Title" "x") .Page 4}}{{end}}`),
		"_default/term.html":   []byte(`{{define "main"}}{{partialCached "partials/item.html" . .Page.Pages}}{{end}}`),
		"_default/person.html": []byte(`{{define "main"}}{{partialCached "partials/item.html" . 1 2 3 4}}{{end}}`),
		"partials/item.html":   []byte(`<li><a href="{{.Page.URL}}">{{.Page.Title}}</a> h{{.Level}} in {{.Title}}</li>`),
	}
	cfg := &config.Config{Title: "T"}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	a := &site.Page{Kind: site.KindArticle, Title: "A & B", URL: "/articles/a/"}
	b := &site.Page{Kind: site.KindArticle, Title: "C", URL: "/articles/c/"}
	render := func(r *Renderer, s *site.Site, pg *site.Page, now time.Time) string {
		t.Helper()
		out, ds := r.Page(&Data{Page: pg, Site: s, Now: now})
		if len(ds) > 0 {
			t.Fatalf("Page(%s): %v", pg.Title, ds)
		}
		return string(out)
	}
	r, ds := New(cfg, layouts, nil, Options{})
	if len(ds) > 0 {
		t.Fatalf("New: %v", ds)
	}
	dev, _ := New(cfg, layouts, nil, Options{Dev: true})
	s := &site.Site{}
	first := &site.Page{Kind: site.KindPage, Title: "first", Pages: []*site.Page{a, b}}
	second := &site.Page{Kind: site.KindPage, Title: "second", Pages: []*site.Page{b, a}}
	want := `<li><a href="/articles/a/">A &amp; B</a> h2 in first</li><li><a href="/articles/c/">C</a> h2 in first</li>`
	if got := render(r, s, first, now); got != want {
		t.Errorf("first list:\n got %s\nwant %s", got, want)
	}
	// The second list passes another Title in the context but the same
	// variants: the items of the first are printed again.
	want2 := `<li><a href="/articles/c/">C</a> h2 in first</li><li><a href="/articles/a/">A &amp; B</a> h2 in first</li>`
	if got := render(r, s, second, now); got != want2 {
		t.Errorf("second list, cached items:\n got %s\nwant %s", got, want2)
	}
	if got := render(dev, s, second, now); !strings.Contains(got, "in second") || strings.Contains(got, "in first") {
		t.Errorf("dev render cached: %s", got)
	}
	if got := render(r, &site.Site{}, second, now); !strings.Contains(got, "in second") {
		t.Errorf("a new Site reused the last one's items: %s", got)
	}
	if got := render(r, s, first, now.Add(time.Hour)); !strings.Contains(got, "in first") {
		t.Errorf("a new Now reused the last one's items: %s", got)
	}
	// Variants tell items apart.
	l := &site.Page{Kind: site.KindSection, Title: "L", URL: "/l/"}
	if got, want := render(r, s, l, now), `<li><a href="/l/">L</a> h3 in x</li><li><a href="/l/">L</a> h4 in x</li>`; got != want {
		t.Errorf("variants:\n got %s\nwant %s", got, want)
	}
	// Concurrent renders agree.
	var wg sync.WaitGroup
	fresh := &site.Site{}
	outs := make([]string, 8)
	for i := range outs {
		wg.Go(func() {
			out, _ := r.Page(&Data{Page: first, Site: fresh, Now: now})
			outs[i] = string(out)
		})
	}
	wg.Wait()
	for i, o := range outs {
		if o != want {
			t.Errorf("concurrent render %d: %s", i, o)
		}
	}
	for _, tt := range []struct {
		kind site.Kind
		want string
	}{
		{site.KindTerm, `partialCached "partials/item.html": variant 1 is a []*site.Page, which cannot be a key`},
		{site.KindPerson, `partialCached "partials/item.html": 4 variants, at most 3`},
	} {
		_, ds := r.Page(&Data{Page: &site.Page{Kind: tt.kind, Title: "x"}, Site: s, Now: now})
		if len(ds) != 1 || !strings.Contains(ds[0].Msg, tt.want) {
			t.Errorf("%s: diagnostics %v, want one saying %q", tt.kind, ds, tt.want)
		}
	}
}

// TestMenuCurrent: an entry is "page" on its own page, "true" on the
// pages below it (never the home entry), "" elsewhere.
func TestMenuCurrent(t *testing.T) {
	cfg := &config.Config{Menu: []config.Link{{Name: "Home", URL: "/"}, {Name: "Articles", URL: "/articles/"}, {Name: "Contact", URL: "/contact/"}}}
	for _, tt := range []struct {
		url  string
		want []string
	}{
		{"/", []string{"page", "", ""}},
		{"/articles/", []string{"", "page", ""}},
		{"/articles/x/", []string{"", "true", ""}},
		{"/articles/page/2/", []string{"", "true", ""}},
		{"/contact/", []string{"", "", "page"}},
		{"/about/", []string{"", "", ""}},
		{"/404.html", []string{"", "", ""}},
	} {
		if got := menuCurrent(cfg, tt.url); !slices.Equal(got, tt.want) {
			t.Errorf("menuCurrent(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
	if got := menuCurrent(nil, "/"); got != nil {
		t.Errorf("menuCurrent without a config = %q, want nil", got)
	}
}

// TestPartialCachedLikeTemplate: partialCached prints the bytes a Dev
// render (never cached) prints, in HTML text and in an attribute.
func TestPartialCachedLikeTemplate(t *testing.T) {
	layouts := map[string][]byte{
		"_default/baseof.html": []byte(`{{block "main" .}}{{end}}`),
		"_default/page.html": []byte(`{{define "main"}}<ul>{{range .Page.Pages}}{{partialCached "partials/item.html" . .}}{{end}}</ul>` +
			`<p title="{{partialCached "partials/item.html" .Page .Page}}">{{partialCached "partials/item.html" .Page .Page | printf "%s"}}</p>{{end}}`),
		"partials/item.html": []byte(`<li><a href="{{.URL}}">{{.Title}}</a></li>`),
	}
	cfg := &config.Config{Title: "T"}
	r, ds := New(cfg, layouts, nil, Options{})
	dev, _ := New(cfg, layouts, nil, Options{Dev: true})
	if len(ds) > 0 {
		t.Fatalf("New: %v", ds)
	}
	pg := &site.Page{Kind: site.KindPage, Title: `"Q" & <A>`, URL: "/q/", Pages: []*site.Page{
		{Kind: site.KindArticle, Title: "A & B", URL: "/a/"}, {Kind: site.KindArticle, Title: "<C>", URL: "/c d/"}}}
	d := func() *Data { return &Data{Page: pg, Site: &site.Site{}} }
	got, ds := r.Page(d())
	want, dds := dev.Page(d())
	if len(ds)+len(dds) > 0 || string(got) != string(want) {
		t.Errorf("Page = %s, %v\nDev   %s, %v", got, ds, want, dds)
	}
	// In an attribute, html/template keeps the text of the HTML, escaped.
	if !strings.Contains(string(got), `<p title="&#34;Q&#34; &amp; &lt;A&gt;">&lt;li&gt;`) {
		t.Errorf("the attribute or the printf lost its escaping: %s", got)
	}
}

// TestPartialCachedSiteWide: without variants, a partial is executed for
// the first page of a build and printed again on the others, until the
// Site or Now changes.
func TestPartialCachedSiteWide(t *testing.T) {
	layouts := map[string][]byte{
		"_default/baseof.html": []byte(`{{block "main" .}}{{end}}|{{partialCached "partials/f.html" .}}`),
		"_default/page.html":   []byte(`{{define "main"}}{{.Page.Title}}{{end}}`),
		"partials/f.html":      []byte(`{{len .Site.Pages}} pages, {{.Now.Year}}, first on {{.Page.Title}}`),
	}
	r, ds := New(&config.Config{Title: "T"}, layouts, nil, Options{})
	if len(ds) > 0 {
		t.Fatalf("New: %v", ds)
	}
	one := &site.Site{Pages: []*site.Page{{}}}
	two := &site.Site{Pages: []*site.Page{{}, {}}}
	y2025 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	y2026 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		site  *site.Site
		now   time.Time
		title string
		want  string
	}{
		{one, y2025, "A", "A|1 pages, 2025, first on A"},
		{one, y2025, "B", "B|1 pages, 2025, first on A"},
		{two, y2025, "C", "C|2 pages, 2025, first on C"},
		{two, y2026, "D", "D|2 pages, 2026, first on D"},
		{one, y2026, "E", "E|1 pages, 2026, first on E"},
		{one, y2026, "F", "F|1 pages, 2026, first on E"},
	} {
		got, ds := r.Page(&Data{Page: &site.Page{Kind: site.KindPage, Title: tt.title}, Site: tt.site, Now: tt.now})
		if len(ds) > 0 || string(got) != tt.want {
			t.Errorf("Page = %q, %v; want %q", got, ds, tt.want)
		}
	}
}
