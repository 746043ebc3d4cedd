package build

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
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
	if doc.HTML != nil || p.bodies[doc] == nil {
		t.Errorf("body not packed: HTML %q, packed %v", doc.HTML, p.bodies[doc])
	}
	html, rds := p.resolve(doc)
	want := "<p>Hello <strong>world</strong>.</p>\n<p>Über <a href=\"/articles/\">the list</a> and <img src=\"/articles/dot.svg\" alt=\"A dot\" width=\"4\" height=\"4\" decoding=\"async\">.</p>\n"
	if string(html) != want || len(rds) > 0 {
		t.Errorf("resolve = %q, %v\nwant %q", html, rds, want)
	}
	if doc.HTML != nil {
		t.Errorf("resolve wrote the shared Doc")
	}
	if got := [2]int{p.linkCol(doc, 0), p.imageCol(doc, 0)}; got != [2]int{6, 33} {
		t.Errorf("link and image columns = %v, want [6 33]", got)
	}
	if got := [2]int{p.linkCol(doc, 1), p.imageCol(&markdown.Doc{Path: "content/none.md"}, 0)}; got != [2]int{} {
		t.Errorf("columns of what is not there = %v, want zeros", got)
	}
	p.dropBody(doc)
	if html, _ := p.resolve(doc); len(html) != 0 {
		t.Errorf("resolve after dropBody = %q", html)
	}
}

// TestQuote: a message on a line of a parsed Markdown file quotes the
// line, read again from the site; others are left as they are.
func TestQuote(t *testing.T) {
	p := &Project{
		fsys:  fstest.MapFS{"content/a.md": {Data: []byte("---\ntags: [x]\n---\nBody line\n")}},
		Docs:  map[string]*markdown.Doc{"content/a.md": {}, "content/gone.md": nil},
		facts: map[string]*sourceFacts{},
	}
	ds := diag.List{
		{Path: "content/a.md", Line: 2},
		{Path: "content/a.md", Line: 4},
		{Path: "content/a.md", Line: 4, Source: "as it was"},
		{Path: "content/a.md", Line: 9},
		{Path: "content/gone.md", Line: 1},
		{Path: "config.yaml", Line: 1},
	}
	p.quote(ds)
	var got []string
	for _, d := range ds {
		got = append(got, d.Source)
	}
	if diff := cmp.Diff([]string{"tags: [x]", "Body line", "as it was", "", "", ""}, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

func TestColOf(t *testing.T) {
	data := []byte("---\ntitle: T\n---\nSee [a](/x/) and ![b](/x/).\nÜber [c](/y/ \"t\") [[d]](/z/)\n")
	tests := []struct {
		line int
		dest string
		want int
	}{
		{4, "/x/", 5}, // the first link with that address
		{5, "/y/", 6},
		{5, "/z/", 19}, // brackets in the text
		{4, "/none/", 0},
		{4, "", 0},
		{9, "/x/", 0}, // past the end
	}
	lines := lineReader{src: data} // read forwards and backwards, as the table goes
	for _, tt := range tests {
		if got := colOf(lines.line(tt.line), tt.dest); got != tt.want {
			t.Errorf("colOf(line %d, %q) = %d, want %d", tt.line, tt.dest, got, tt.want)
		}
	}
}

// TestLineReader checks lineReader against diag.LineOf, reading lines in
// every order.
func TestLineReader(t *testing.T) {
	for _, src := range [][]byte{nil, {}, []byte("one"), []byte("a\r\nb\r\r\n\nlast"), []byte("x\n\ny\n")} {
		r := lineReader{src: src}
		for _, n := range []int{1, 2, 3, 4, 5, 2, 0, -1, 4, 1, 6, 3} {
			if got, want := r.line(n), diag.LineOf(src, n); got != want {
				t.Errorf("%q: line(%d) = %q, want %q", src, n, got, want)
			}
		}
	}
}
