package audit

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// BenchmarkPage audits a rendered article of the 10,000-article bench
// site (testdata/article.html, as the layouts render it, before
// minifying) mid-build: the site's other pages are outputs already, so its
// links settle.
func BenchmarkPage(b *testing.B) {
	src, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	a := New(Options{Base: "https://www.absclinicalservices.example/"})
	// Every page and file it links to, found with the auditor itself.
	probe := New(Options{Base: "https://www.absclinicalservices.example/"})
	const rel = "articles/00000-group-lived-recovery-sharing/index.html"
	probe.Page(rel, src, nil)
	for _, d := range probe.Finish() {
		if _, after, ok := strings.Cut(d.Msg, "links to /"); ok {
			f := strings.TrimSuffix(strings.Fields(after)[0], ",")
			if f == "" || strings.HasSuffix(f, "/") {
				f += "index.html"
			}
			a.File(f)
		}
	}
	for _, f := range []string{"css/main.afa30e9593.css", "favicon.svg", "images/logo.svg"} {
		a.File(f)
	}
	loc := func(Ref) Place { return Place{} }
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	a.Page(rel, src, loc)
	if ds := a.Finish(); len(ds) > 0 {
		b.Fatalf("the page has problems: %v", ds)
	}
	b.ResetTimer()
	for b.Loop() {
		a.Page(rel, src, loc)
	}
}

// BenchmarkTokenize reads testdata/article.html's tokens, tag names and
// attribute keys.
func BenchmarkTokenize(b *testing.B) {
	src, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var z tokenizer
		z.reset(nil, src)
		for tt := z.next(); tt != errorToken; tt = z.next() {
			if tt == startTagToken {
				z.name()
				for i := range z.attrs {
					z.key(i)
				}
			}
		}
	}
}

// BenchmarkPageEarly audits the same article as BenchmarkPage, but
// before any other output was handed in, as the build audits articles:
// the pages its menu, footer and related links lead to, its stylesheet
// and its feeds come later, and every such link is recorded for Finish.
// The article is audited under a new output path each time.
func BenchmarkPageEarly(b *testing.B) {
	src, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	a := New(Options{Base: "https://www.absclinicalservices.example/"})
	lazy := &Lazy{Find: func(Ref) Place { return Place{Path: "layouts/_default/single.html", Shared: true} }}
	loc := func(Ref) Place { return Place{Lazy: lazy} }
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		a.Page(fmt.Sprintf("articles/%05d/index.html", n), src, loc)
		n++
	}
}
