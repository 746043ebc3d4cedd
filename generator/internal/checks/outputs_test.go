package checks_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/checks"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// page is a content page whose front matter has a url: line on line 3
// (with url "", only a title: on line 2).
func page(path, url string) *site.Page {
	fm := markdown.FrontMatter{Title: "T", Lines: map[string]int{"title": 2}}
	src := "---\ntitle: T\n---\n"
	if url != "" {
		fm.URL, fm.Lines["url"] = url, 3
		src = "---\ntitle: T\nurl: " + url + "\n---\n"
	}
	return &site.Page{Kind: site.KindPage, URL: url, Doc: &markdown.Doc{Path: path, FM: fm, FrontSrc: []byte(src)}}
}

func TestOutputClashes(t *testing.T) {
	gen := "a file the build generates"
	host := "a file the build writes for the host"
	list := &site.Page{Kind: site.KindTerms, URL: "/tags.html"}
	for _, c := range []struct {
		name string
		set  checks.OutputSet
		want []string // each diagnostic's Error()
	}{
		{"nothing shared", checks.OutputSet{
			Built: []checks.BuiltFile{{"_headers", host}, {"index.xml", gen}},
			Files: []checks.SourceFile{{"assets/logo.svg", "logo.svg"}},
			Pages: []checks.PageOutput{{page("content/a.md", "/a/"), "a/index.html"}},
		}, nil},
		{"content file on a generated file", checks.OutputSet{
			Built: []checks.BuiltFile{{"robots.txt", gen}},
			Files: []checks.SourceFile{{"content/robots.txt", "robots.txt"}},
		}, []string{"content/robots.txt: this file would be published as /robots.txt, which is also a file the build generates; rename or move the file"}},
		{"asset on the host's file", checks.OutputSet{
			Built: []checks.BuiltFile{{"_headers", host}},
			Files: []checks.SourceFile{{"assets/_headers", "_headers"}},
		}, []string{"assets/_headers: this file would be published as /_headers, which is also a file the build writes for the host; rename or move the file"}},
		{"page inside a generated file, at its url: line", checks.OutputSet{
			Built: []checks.BuiltFile{{"index.xml", gen}},
			Pages: []checks.PageOutput{{page("content/feed.md", "/index.xml/"), "index.xml/index.html"}},
		}, []string{"content/feed.md:3:1: this page would be published as /index.xml/index.html, but /index.xml is a file the build generates; give the page another url: (or slug:)"}},
		{"page without url: inside a generated file, at its title: line", checks.OutputSet{
			Built: []checks.BuiltFile{{"sitemap.xml", gen}},
			Pages: []checks.PageOutput{{page("content/sitemap.xml.md", ""), "sitemap.xml/index.html"}},
		}, []string{"content/sitemap.xml.md:2:1: this page would be published as /sitemap.xml/index.html, but /sitemap.xml is a file the build generates; give the page another url: (or slug:)"}},
		{"a file on a page's output: at the file", checks.OutputSet{
			Files: []checks.SourceFile{{"content/b/index.html", "b/index.html"}},
			Pages: []checks.PageOutput{{page("content/b.md", ""), "b/index.html"}},
		}, []string{"content/b/index.html: this file would be published as /b/index.html, which is also content/b.md; rename or move the file"}},
		{"a generated file inside a page the build makes: nobody's to fix", checks.OutputSet{
			Built: []checks.BuiltFile{{"tags.html/feed.xml", gen}},
			Pages: []checks.PageOutput{{list, "tags.html"}},
		}, nil},
		{"two pages on one output: site.Build reports it", checks.OutputSet{
			Pages: []checks.PageOutput{{page("content/c.md", "/c/"), "c/index.html"}, {page("content/d.md", "/c/"), "c/index.html"}},
		}, nil},
		{"a file inside a page", checks.OutputSet{
			Files: []checks.SourceFile{{"content/e.html/x.png", "e.html/x.png"}},
			Pages: []checks.PageOutput{{page("content/e.md", "/e.html"), "e.html"}},
		}, []string{"content/e.html/x.png: this file would be published as /e.html/x.png, but /e.html is content/e.md; rename or move the file"}},
		{"a generated file inside a page", checks.OutputSet{
			Built: []checks.BuiltFile{{"f.html/feed.xml", gen}},
			Pages: []checks.PageOutput{{page("content/f.md", "/f.html"), "f.html"}},
		}, []string{"content/f.md:3:1: this page would be published as /f.html, but a file the build generates is published inside it as /f.html/feed.xml; give the page another url: (or slug:)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, d := range checks.OutputClashes(c.set) {
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
