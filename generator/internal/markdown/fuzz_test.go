package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics and keeps its promises on any
// input: a nil Doc comes with an Error, every diagnostic names the file and
// a line inside it, and Resolve fills in every placeholder. A page made from
// valid Markdown (no Error) passes the site's own audit (see auditBody).
func FuzzParse(f *testing.F) {
	for _, tc := range frontMatterCases(f) {
		f.Add([]byte(tc.src), false)
	}
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, part := range bytes.Split(data, []byte(caseSep)) {
			f.Add(append([]byte(caseFront), part...), bytes.Contains([]byte(file), []byte("allow")))
		}
	}
	f.Add([]byte(benchArticle()), false)
	for _, md := range []string{
		"| a | b |\n|:-:|--:|\n| 1 | 2 |\n", "Term\n: Def\n", "## H {#x .y style=\"a\"}\n\n## H {#x}\n", "## H {id=5}\n",
		"#\n\n# A\n\n###### B\n", "x[^1]\n\n[^1]: n\n", "- [x] t\n", "~~s~~ www.example.com\n",
	} {
		f.Add([]byte(caseFront+md), false)
	}

	drop := New(Options{ResolveImage: caseImage})
	allow := New(Options{ResolveImage: caseImage, RawHTML: "allow"})
	f.Fuzz(func(t *testing.T, src []byte, allowHTML bool) {
		p := drop
		if allowHTML {
			p = allow
		}
		d, ds := p.Parse(testPath, src)
		if d == nil && !ds.HasErrors() {
			t.Fatalf("nil Doc without an Error: %v", ds)
		}
		// CRLF and a lone CR are one line break each.
		norm := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		lines := bytes.Count(norm, []byte("\n")) + bytes.Count(norm, []byte("\r")) + 1
		for _, x := range ds {
			if x.Path != testPath || x.Line < 0 || x.Line > lines || x.Msg == "" {
				t.Fatalf("bad diagnostic %+v (file has %d lines)", x, lines)
			}
			if x.Code == "frontmatter-split" {
				t.Fatalf("scanFront and goldmark-meta disagree about the front matter: %+v", x)
			}
			if !utf8.ValidString(x.Source) {
				t.Fatalf("diagnostic quotes invalid UTF-8: %q", x.Source)
			}
		}
		if d == nil {
			return
		}
		html, rds := d.Resolve(func(string) (string, bool) { return "/ok/", true })
		if len(rds) != 0 {
			t.Fatalf("Resolve with every page present reported %v", rds)
		}
		if !allowHTML && bytes.Contains(html, []byte(`href="`+placeholderScheme)) {
			t.Fatalf("placeholder left after Resolve:\n%s", html)
		}
		if !allowHTML && !ds.HasErrors() {
			if bad := auditBody(t, d, ds); len(bad) > 0 {
				t.Fatalf("valid Markdown fails the audit: %v\nHTML:\n%s", bad, html)
			}
		}
		d.Resolve(func(string) (string, bool) { return "", false })
		for _, l := range d.Links {
			if l.Line < d.BodyLine || l.Line > lines {
				t.Fatalf("link %+v outside the body (body line %d, %d lines)", l, d.BodyLine, lines)
			}
		}
	})
}
