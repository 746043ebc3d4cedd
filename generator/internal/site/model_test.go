package site

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/markdown"
)

// Unit tests of model rules that need no files; the integration tests in
// build cover the rest through whole sites.

func testConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, ds := config.Load([]byte("title: T\nbaseURL: https://x.example/\nhealth:\n  mentalHealthTerms: [peer support]\n"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return &cfg
}

func input(path string, fm markdown.FrontMatter) Input {
	if fm.Lines == nil {
		fm.Lines = map[string]int{}
	}
	return Input{Doc: &markdown.Doc{Path: path, FM: fm}}
}

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func TestPlainTextFields(t *testing.T) {
	s, _ := Build(testConfig(t), []Input{input("content/about.md", markdown.FrontMatter{
		Title: "Salt\x01 & pepper\x7f", Description: "Tab\there\x0b, line\nbreak\u0085",
	})}, Options{Now: now})
	p, _ := s.PageByPath("content/about.md")
	if p.Title != "Salt & pepper" || p.Description != "Tab\there, line\nbreak" {
		t.Errorf("title %q, description %q", p.Title, p.Description)
	}
}

func TestAliasNormalised(t *testing.T) {
	s, _ := Build(testConfig(t), []Input{input("content/articles/a.md", markdown.FrontMatter{
		Title: "A", Aliases: []string{"old/", "/2019/a.html", "/?p=12", "/x/../y", "/"},
	})}, Options{Now: now})
	var got []string
	for _, a := range s.Aliases {
		got = append(got, a.From)
	}
	if want := []string{"/old/", "/2019/a.html", "/?p=12", "/y/", "/"}; !cmp.Equal(got, want) {
		t.Errorf("aliases %q, want %q", got, want)
	}
}

func TestUnpublishedMarks(t *testing.T) {
	in := []Input{
		input("content/articles/expired.md", markdown.FrontMatter{Title: "E", ExpiryDate: now.Add(-time.Hour)}),
		input("content/articles/later.md", markdown.FrontMatter{Title: "L", Date: now.Add(time.Hour)}),
		input("content/articles/now.md", markdown.FrontMatter{Title: "N", Date: now.Add(-time.Hour), ExpiryDate: now.Add(time.Hour)}),
	}
	s, _ := Build(testConfig(t), in, Options{Now: now, Expired: true, Future: true})
	for path, want := range map[string][2]bool{
		"content/articles/expired.md": {true, false},
		"content/articles/later.md":   {false, true},
		"content/articles/now.md":     {false, false},
	} {
		p, ok := s.PageByPath(path)
		if !ok {
			t.Fatalf("%s not published with Expired and Future", path)
		}
		if got := [2]bool{p.Expired, p.Scheduled}; got != want {
			t.Errorf("%s: expired, scheduled = %v, want %v", path, got, want)
		}
	}
}

func TestCrisisOnAnyKind(t *testing.T) {
	in := []Input{
		input("content/services/peer.md", markdown.FrontMatter{Title: "Peer program", Tags: []string{"Peer Support"}}),
		input("content/articles/peer.md", markdown.FrontMatter{Title: "Peer article", Categories: []string{"peer support"}}),
		input("content/services/shots.md", markdown.FrontMatter{Title: "Shots", Tags: []string{"vaccines"}}),
	}
	s, _ := Build(testConfig(t), in, Options{Now: now})
	for path, want := range map[string]bool{"content/services/peer.md": true, "content/articles/peer.md": true, "content/services/shots.md": false} {
		if p, _ := s.PageByPath(path); p.Crisis != want {
			t.Errorf("%s: crisis %v, want %v", path, p.Crisis, want)
		}
	}
}

func TestCrumbCurrentIsLast(t *testing.T) {
	in := []Input{
		input("content/articles/a.md", markdown.FrontMatter{Title: "A", Tags: []string{"x"}}),
		input("content/about.md", markdown.FrontMatter{Title: "About"}),
	}
	s, _ := Build(testConfig(t), in, Options{Now: now})
	trails := 0
	for _, p := range s.Pages {
		for i, c := range p.Breadcrumbs {
			if want := i == len(p.Breadcrumbs)-1; c.Current != want {
				t.Errorf("%s: crumb %d (%s) Current %v, want %v", p.URL, i, c.URL, c.Current, want)
			}
		}
		if len(p.Breadcrumbs) > 0 {
			trails++
		}
	}
	if trails < 3 {
		t.Errorf("only %d pages have breadcrumbs", trails)
	}
}

// TestHasScheme: the one scheme test feeds and jsonld share decides which
// URLs are left as they are and which are joined to the base URL.
func TestHasScheme(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.org/": true,
		"mailto:a@b.example":   true,
		"tel:+15555550100":     true,
		"git+ssh://host/repo":  true,
		"Physician":            false, // a schema.org specialty, joined to https://schema.org/
		"/images/a.png":        false,
		"images/a.png":         false,
		"//cdn.example/a.js":   false,
		":no-scheme":           false,
		"1http://x":            false,
		"a b:c":                false,
		"":                     false,
	} {
		if got := HasScheme(u); got != want {
			t.Errorf("HasScheme(%q) = %v, want %v", u, got, want)
		}
	}
}
