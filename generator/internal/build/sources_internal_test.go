package build

import (
	"testing"
	"testing/fstest"
	"time"
)

// TestLoadKeepsNoSources: once parsed, a Markdown file's bytes are gone
// from the Project and its body HTML is packed, yet the page's body, the
// places of its links and images and the lines messages quote are all
// still there.
func TestLoadKeepsNoSources(t *testing.T) {
	const page = "---\ntitle: A\ndate: 2026-01-02\n---\nHello **world**.\n\nÜber [the list](/articles/) and ![A dot](dot.svg).\n"
	fsys := fstest.MapFS{
		"config.yaml":              {Data: []byte("baseURL: https://clinic.example/\ntitle: Test Clinic\n")},
		"content/articles/a.md":    {Data: []byte(page)},
		"content/articles/dot.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`)},
	}
	p, ds := Load(fsys, Options{Now: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)})
	if p == nil {
		t.Fatalf("no project:\n%v", ds)
	}
	for _, f := range p.src.Content {
		switch f.Path {
		case "content/articles/a.md":
			if f.Data != nil {
				t.Errorf("%s: %d bytes kept after parsing", f.Path, len(f.Data))
			}
		case "content/articles/dot.svg":
			if f.Data == nil {
				t.Errorf("%s: a copied file lost its bytes", f.Path)
			}
		}
	}
	doc := p.Docs["content/articles/a.md"]
	if doc == nil {
		t.Fatalf("a.md did not parse:\n%v", ds)
	}
	if doc.HTML != nil || p.mem.bodies[doc] == nil {
		t.Errorf("body not packed: HTML %q, packed %v", doc.HTML, p.mem.bodies[doc])
	}
	html, rds := p.resolve(doc)
	want := "<p>Hello <strong>world</strong>.</p>\n<p>Über <a href=\"/articles/\">the list</a> and <img src=\"/articles/dot.svg\" alt=\"A dot\" width=\"4\" height=\"4\" decoding=\"async\">.</p>\n"
	if string(html) != want || len(rds) > 0 {
		t.Errorf("resolve = %q, %v\nwant %q", html, rds, want)
	}
	if doc.HTML != nil {
		t.Errorf("resolve wrote the shared Doc")
	}
	if got := [2]int{p.mem.facts[doc.Path].LinkCol(0), p.mem.facts[doc.Path].ImageCol(0)}; got != [2]int{6, 33} {
		t.Errorf("link and image columns = %v, want [6 33]", got)
	}
	if got := [2]int{p.mem.facts[doc.Path].LinkCol(1), p.mem.facts["content/none.md"].ImageCol(0)}; got != [2]int{} {
		t.Errorf("columns of what is not there = %v, want zeros", got)
	}
	p.mem.dropBody(doc)
	if html, _ := p.resolve(doc); len(html) != 0 {
		t.Errorf("resolve after dropBody = %q", html)
	}
}
