package render

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/site"
)

// TestSiteWidePartials checks which partials are rendered once per build,
// and that a cached render is byte for byte the uncached one (Dev renders
// never cache), whatever the context the partial is called in.
func TestSiteWidePartials(t *testing.T) {
	tests := []struct {
		name    string
		partial string // partials/x.html
		extra   string // partials/y.html
		call    string // how page.html calls x
		wide    bool
	}{
		{name: "config", partial: `<p>{{.Config.Title}}</p>`, wide: true},
		{name: "range over config", partial: `{{range .Config.Menu}}<a href="{{.URL}}">{{.Name}}</a>{{end}}`, wide: true},
		{name: "site and now", partial: `{{len .Site.Pages}} {{.Now.Year}} {{$.Config.Title}}`, wide: true},
		{name: "variables", partial: `{{$c := .Config}}{{range $i, $m := $c.Menu}}{{$i}}{{$m.Name}}{{end}}`, wide: true},
		{name: "wide partial call", partial: `<div>{{template "partials/y.html" .}}</div>`, extra: `{{.Config.Title}}`, wide: true},
		{name: "page", partial: `<p>{{.Page.Title}}</p>`},
		{name: "page by $", partial: `{{with .Config}}{{$.Page.Title}}{{end}}`},
		{name: "json-ld", partial: `{{.JSONLD}}`},
		{name: "dot printed", partial: `{{printf "%T" .}}`},
		{name: "dot passed to a function", partial: `{{with dict "d" .}}{{.d.Page.Title}}{{end}}`},
		{name: "dot in a variable", partial: `{{$d := .}}{{$d.Page.Title}}`},
		{name: "with dot", partial: `{{with .}}{{.Page.Title}}{{end}}`},
		{name: "$ passed on", partial: `{{with .Config}}{{template "partials/y.html" $}}{{end}}`, extra: `{{.Config.Title}}`},
		{name: "else keeps the data", partial: `{{with .Config.Title}}{{.}}{{else}}{{.Page.Title}}{{end}}`},
		{name: "calls a page partial", partial: `{{template "partials/y.html" .}}`, extra: `{{.Page.Title}}`},
		{name: "calls a layout template", partial: `{{template "main" .}}`},
		{name: "passes other data", partial: `{{template "partials/y.html" .Config}}`, extra: `{{.Title}}`},
		{name: "attribute context", partial: `{{.Config.Title}}`, call: `<p title="{{template "partials/x.html" .}}">t</p>`, wide: true},
		{name: "script context", partial: `{{.Config.Title}}`, call: `<script type="application/ld+json">{{template "partials/x.html" .}}</script>`, wide: true},
		{name: "ends in an attribute", partial: `<a href="/x/{{.Config.Title}}`, call: `{{template "partials/x.html" .}}">x</a>`, wide: true},
	}
	cfg := &config.Config{Title: `Clinic "A" & <B>`, Menu: []config.Link{{Name: "Home", URL: "/"}, {Name: "About", URL: "/about/"}}}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call := tt.call
			if call == "" {
				call = `{{template "partials/x.html" .}}`
			}
			layouts := map[string][]byte{
				"_default/baseof.html": []byte(`<!DOCTYPE html><html><body>{{block "main" .}}{{end}}{{template "partials/x.html" .}}</body></html>`),
				"_default/page.html":   []byte(`{{define "main"}}<h1>{{.Page.Title}}</h1>` + call + `{{end}}`),
				"partials/x.html":      []byte(tt.partial),
			}
			if tt.extra != "" {
				layouts["partials/y.html"] = []byte(tt.extra)
			}
			r, ds := New(cfg, layouts, nil, Options{})
			if len(ds) > 0 {
				t.Fatalf("New: %v", ds)
			}
			if got := r.wide[cacheKey{"_default/page.html", "partials/x.html"}]; got != tt.wide {
				t.Errorf("partials/x.html site-wide = %v, want %v", got, tt.wide)
			}
			dev, _ := New(cfg, layouts, nil, Options{Dev: true})
			s := &site.Site{Pages: []*site.Page{{}, {}}}
			for _, title := range []string{"One", "Two <&>"} {
				pg := &site.Page{Kind: site.KindPage, Title: title}
				got, gds := r.Page(&Data{Page: pg, Site: s, Now: now})
				want, wds := dev.Page(&Data{Page: pg, Site: s, Now: now})
				if diff := cmp.Diff(string(want), string(got)); diff != "" {
					t.Errorf("cached render differs (-uncached +cached):\n%s", diff)
				}
				if diff := cmp.Diff(wds, gds); diff != "" {
					t.Errorf("diagnostics differ (-uncached +cached):\n%s", diff)
				}
			}
		})
	}
}

// TestCacheKey checks that a cached partial follows the Site and Now it
// is rendered for.
func TestCacheKey(t *testing.T) {
	layouts := map[string][]byte{
		"_default/baseof.html": []byte(`{{block "main" .}}{{end}}|{{template "partials/f.html" .}}`),
		"_default/page.html":   []byte(`{{define "main"}}{{.Page.Title}}{{end}}`),
		"partials/f.html":      []byte(`{{len .Site.Pages}} pages, {{.Now.Year}}`),
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
		site *site.Site
		now  time.Time
		want string
	}{
		{one, y2025, "A|1 pages, 2025"},
		{one, y2025, "A|1 pages, 2025"},
		{two, y2025, "A|2 pages, 2025"},
		{two, y2026, "A|2 pages, 2026"},
		{one, y2026, "A|1 pages, 2026"},
	} {
		got, ds := r.Page(&Data{Page: &site.Page{Kind: site.KindPage, Title: "A"}, Site: tt.site, Now: tt.now})
		if len(ds) > 0 || string(got) != tt.want {
			t.Errorf("Page = %q, %v; want %q", got, ds, tt.want)
		}
	}
}

// TestThemeSiteWide checks that the default theme's footer, help strip and
// head links are rendered once per build and its header, which marks the
// current page, is not.
func TestThemeSiteWide(t *testing.T) {
	r, ds := New(&config.Config{Title: "T"}, themeLayouts(t), nil, Options{})
	if len(ds) > 0 {
		t.Fatalf("New: %v", ds)
	}
	var got []string
	for k := range r.wide {
		if k.set == "_default/article.html" {
			got = append(got, k.partial)
		}
	}
	for _, want := range []string{"partials/footer.html", "partials/help-strip.html", "partials/head-links.html"} {
		if !strings.Contains(strings.Join(got, " "), want) {
			t.Errorf("%s is not cached in _default/article.html; cached: %v", want, got)
		}
	}
	if strings.Contains(strings.Join(got, " "), "partials/header.html") {
		t.Errorf("partials/header.html is cached, but it marks the current page")
	}
}
