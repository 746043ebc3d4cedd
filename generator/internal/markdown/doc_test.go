package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func mustParse(t *testing.T, o Options, src string) (*Doc, diag.List) {
	t.Helper()
	d, ds := New(o).Parse(testPath, []byte(src))
	if d == nil {
		t.Fatalf("Parse returned no Doc: %v", ds)
	}
	return d, ds
}

func TestDocFacts(t *testing.T) {
	src := `---
title: Flu shots
---
Flu shots protect you. See [our services](../services/flu.md#book) and the
[CDC](https://www.cdc.gov/flu/ "CDC").

## Who needs one

![A nurse gives a shot](nurse.svg) ![](line.svg "decorative")

### Children

Read [more](#who-needs-one), visit www.cdc.gov or mail info@clinic.example.

## Who needs one
`
	d, ds := mustParse(t, Options{ResolveImage: caseImage}, src)
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics: %v", ds)
	}
	wantHeadings := []Heading{
		{Level: 2, ID: "who-needs-one", Text: "Who needs one", Line: 7},
		{Level: 3, ID: "children", Text: "Children", Line: 11},
		{Level: 2, ID: "who-needs-one-1", Text: "Who needs one", Line: 15},
	}
	if diff := cmp.Diff(wantHeadings, d.Headings); diff != "" {
		t.Errorf("Headings (-want +got):\n%s", diff)
	}
	wantLinks := []Link{
		{Dest: "../services/flu.md#book", Target: "content/services/flu.md", Fragment: "book", Line: 4},
		{Dest: "https://www.cdc.gov/flu/", Line: 5, External: true},
		{Dest: "#who-needs-one", Fragment: "who-needs-one", Line: 13},
		{Dest: "www.cdc.gov", Line: 13, External: true},
		{Dest: "info@clinic.example", Line: 13},
	}
	if diff := cmp.Diff(wantLinks, d.Links); diff != "" {
		t.Errorf("Links (-want +got):\n%s", diff)
	}
	wantImages := []Image{
		{Src: "nurse.svg", URL: "/images/nurse.svg", Alt: "A nurse gives a shot", Width: 640, Height: 480, Line: 9},
		{Src: "line.svg", URL: "/images/line.svg", Width: 640, Height: 480, Line: 9, Decorative: true},
	}
	if diff := cmp.Diff(wantImages, d.Images); diff != "" {
		t.Errorf("Images (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"who-needs-one", "children", "who-needs-one-1"}, d.IDs); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	if d.BodyLine != 4 {
		t.Errorf("BodyLine = %d", d.BodyLine)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name, body, fm, want string
	}{
		{"front matter wins", "First.\n\n<!--more-->\n", "summary: From front matter.\n", "From front matter."},
		{"text before the more marker", "One *a*\nline.\n\n- item\n\n<!--more-->\n\nLater.\n", "", "One a line. item"},
		{"inline more marker", "First part <!-- more --> second part.\n", "", "First part"},
		{"first top-level paragraph", "## Heading\n\n![Pic](p.svg)\n\n> quote\n\nThe   first\nparagraph.\n\nSecond.\n", "", "The first paragraph."},
		{"no paragraph: first prose", "- one\n- two\n", "", "one"},
		{"marker at the top falls back", "<!--more-->\n\nOnly paragraph.\n", "", "Only paragraph."},
		{"nothing", "## Only a heading\n", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := mustParse(t, Options{}, "---\ntitle: T\n"+tc.fm+"---\n"+tc.body)
			if d.Summary != tc.want {
				t.Errorf("Summary = %q, want %q", d.Summary, tc.want)
			}
		})
	}
}

func TestProse(t *testing.T) {
	body := "Intro with \"quotes\" &amp; a [link](https://e.com).\n" +
		"Second line.\n\n" +
		"## Heading is not prose\n\n" +
		"- An item with *words*\n- [Only a link](x.md)\n- <https://only.example>\n\n" +
		"> Quoted advice.\n\n" +
		"```\ncode is not prose\n```\n\n" +
		"| table | not prose |\n|---|---|\n| a | b |\n\n" +
		"Note[^1] and `code span`.\n\n" +
		"[^1]: Footnotes are not prose.\n"
	d, _ := mustParse(t, Options{}, "---\ntitle: T\n---\n"+body)
	want := "Intro with “quotes” & a link. Second line.\n\n" +
		"An item with words\n\n" +
		"Quoted advice.\n\n" +
		"Note and code span."
	if d.Prose != want {
		t.Errorf("Prose:\n got %q\nwant %q", d.Prose, want)
	}
}

func TestIDs(t *testing.T) {
	body := "## A\n\nText with id='fake' and id=\"also fake\" written out.[^n]\n\n" +
		"<div id='box'><span id=\"x&amp;y\">hi</span></div>\n\n[^n]: Note.\n"
	tests := []struct {
		raw  string
		want []string
	}{
		{"drop", []string{"a", "fnref:1", "fn:1"}},
		{"allow", []string{"a", "fnref:1", "box", "x&y", "fn:1"}},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			d, _ := mustParse(t, Options{RawHTML: tc.raw}, "---\ntitle: T\n---\n"+body)
			if diff := cmp.Diff(tc.want, d.IDs); diff != "" {
				t.Errorf("IDs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	src := "---\ntitle: T\n---\nA [one](one.md \"T\") and [two](/content/two.md#sec) and [gone](gone.md).\n"
	d, _ := mustParse(t, Options{}, src)
	var asked []string
	html, ds := d.Resolve(func(target string) (string, bool) {
		asked = append(asked, target)
		switch target {
		case "content/articles/one.md":
			return "/articles/one/?a=1&b=2", true
		case "content/two.md":
			return "/two/", true
		}
		return "", false
	})
	want := `<p>A <a href="/articles/one/?a=1&amp;b=2" title="T">one</a> and <a href="/two/#sec">two</a> and <a>gone</a>.</p>` + "\n"
	if string(html) != want {
		t.Errorf("HTML:\n got %s\nwant %s", html, want)
	}
	if diff := cmp.Diff([]string{"content/articles/one.md", "content/two.md", "content/articles/gone.md"}, asked); diff != "" {
		t.Errorf("targets (-want +got):\n%s", diff)
	}
	wantDiags := diag.List{{
		Severity: diag.Error, Path: testPath, Line: 4, Col: 56, Code: "link-broken",
		Source: "A [one](one.md \"T\") and [two](/content/two.md#sec) and [gone](gone.md).",
		Msg:    "links to content/articles/gone.md, which does not exist or is not published",
		Fix:    "check the file name, or remove the link until that page is published",
	}}
	if diff := cmp.Diff(wantDiags, ds); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	// Resolve leaves the Doc as it was: it can run again.
	again, _ := d.Resolve(func(string) (string, bool) { return "/x/", true })
	if bytes.Contains(again, []byte(placeholderScheme)) || !bytes.Contains(d.HTML, []byte(placeholderScheme)) {
		t.Errorf("second Resolve: %s (Doc HTML %s)", again, d.HTML)
	}

	plain, _ := mustParse(t, Options{}, "---\ntitle: T\n---\nNo links.\n")
	out, ds := plain.Resolve(func(string) (string, bool) { t.Error("url called without links"); return "", false })
	if string(out) != "<p>No links.</p>\n" || ds != nil {
		t.Errorf("got %q, %v", out, ds)
	}
}

// TestLineCol checks the line index against diag.LineCol at every offset.
func TestLineCol(t *testing.T) {
	src := []byte("---\ntitle: Café\n---\nÜber\n\n  naïve – line\nlast")
	st := &state{gsrc: src, lineStarts: lineStarts(src)}
	for off := 0; off <= len(src); off++ {
		if !utf8.RuneStart(src[min(off, len(src)-1)]) && off < len(src) {
			continue
		}
		l1, c1 := st.lineCol(off)
		l2, c2 := diag.LineCol(src, off)
		if l1 != l2 || c1 != c2 {
			t.Errorf("offset %d: lineCol = %d:%d, diag.LineCol = %d:%d", off, l1, c1, l2, c2)
		}
	}
}

// TestGoldmarkMetaPitfalls pins the goldmark-meta v1.1.0 behaviour this
// package guards against. If an upgrade changes it, revisit the guards.
func TestGoldmarkMetaPitfalls(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(meta.Meta))
	metaOf := func(src string) (map[string]any, map[string]any, error) {
		pc := parser.NewContext()
		md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
		tried, err := meta.TryGet(pc)
		return meta.Get(pc), tried, err
	}

	t.Run("a dash-only line closes the block", func(t *testing.T) {
		src := "---\ntitle: T\ntags:\n  -\ndraft: true\n---\nBody\n"
		got, _, _ := metaOf(src)
		if _, ok := got["draft"]; ok {
			t.Errorf("goldmark-meta read past the empty list item: %v", got)
		}
		d, _ := mustParse(t, Options{}, src)
		if !d.FM.Draft || string(d.HTML) != "<p>Body</p>\n" {
			t.Errorf("Parse: draft %v, HTML %q", d.FM.Draft, d.HTML)
		}
	})
	t.Run("Get swallows YAML errors", func(t *testing.T) {
		src := "---\ntitle: a: b\n---\n"
		got, tried, err := metaOf(src)
		if got != nil || tried != nil || err == nil {
			t.Errorf("Get = %v, TryGet = %v, %v", got, tried, err)
		}
		if d, ds := New(Options{}).Parse(testPath, []byte(src)); d != nil || !ds.HasErrors() {
			t.Errorf("Parse must fail: %v %v", d, ds)
		}
	})
	t.Run("nested maps are map[interface{}]interface{}", func(t *testing.T) {
		got, _, _ := metaOf("---\nparams:\n  a: 1\n---\n")
		if _, ok := got["params"].(map[any]any); !ok {
			t.Errorf("params is %T", got["params"])
		}
	})
}

// TestSplitGuard checks the last line of defence: when goldmark-meta ends
// the front matter before the closing line this package found, Parse must
// not treat the rest of the front matter as body text.
func TestSplitGuard(t *testing.T) {
	p := New(Options{})
	src := []byte("---\ntitle: T\n---\nBody\n")
	st := &state{p: p, path: testPath, src: src, gsrc: src, bodyStart: len(src), lineStarts: lineStarts(src)}
	pc := parser.NewContext()
	pc.Set(p.key, st)
	p.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if !st.split {
		t.Error("a body that starts before the closing line was not noticed")
	}
}

// TestRawHTMLWarnings checks one warning per line and the real line of
// each, in a body after a front matter with a rewritten line.
func TestRawHTMLWarnings(t *testing.T) {
	src := "---\ntitle: T\ntags:\n  -\n---\nA <b>b</b> <i>i</i>\n\n<p>block</p>\n\nx <br> y\n"
	_, ds := mustParse(t, Options{}, src)
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s %s", d.Pos(), d.Code))
	}
	want := []string{testPath + ":6:3 raw-html", testPath + ":8:1 raw-html", testPath + ":10:3 raw-html"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestParseConcurrent parses the same files from many goroutines (run with
// -race) and expects the sequential results.
func TestParseConcurrent(t *testing.T) {
	p := New(Options{ResolveImage: caseImage})
	srcs := []string{benchArticle(), benchArticle() + "\n## Extra\n\n[x](javascript:y)\n", "---\ntitle: T\ntags:\n  -\n---\n<b>x</b>\n"}
	type result struct {
		d  *Doc
		ds diag.List
	}
	want := make([]result, len(srcs))
	for i, s := range srcs {
		want[i].d, want[i].ds = p.Parse(testPath, []byte(s))
	}
	var wg sync.WaitGroup
	got := make([][]result, 8)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range srcs {
				d, ds := p.Parse(testPath, []byte(s))
				got[g] = append(got[g], result{d, ds})
				_ = i
			}
		}()
	}
	wg.Wait()
	opts := cmp.Options{cmp.AllowUnexported(result{}, Doc{}, mdLink{}), cmpopts.EquateEmpty()}
	for g := range got {
		if diff := cmp.Diff(want, got[g], opts); diff != "" {
			t.Fatalf("goroutine %d (-want +got):\n%s", g, diff)
		}
	}
}

// TestInputNotModified checks that Parse leaves the caller's bytes alone,
// including when it normalises and rewrites, and that the Doc does not
// change when the caller reuses them.
func TestInputNotModified(t *testing.T) {
	for _, s := range []string{"\uFEFF---\r\ntitle: T\r\ntags:\r\n  -\r\n---\r\n<!-- c -->\r\n", benchArticle()} {
		in := []byte(s)
		d, _ := New(Options{}).Parse(testPath, in)
		if string(in) != s {
			t.Errorf("input changed:\n%q\n%q", s, in)
		}
		front := string(d.FrontSrc)
		_, before := d.Resolve(func(string) (string, bool) { return "", false })
		for i := range in {
			in[i] = 'x'
		}
		_, after := d.Resolve(func(string) (string, bool) { return "", false })
		if string(d.FrontSrc) != front || !cmp.Equal(before, after) {
			t.Errorf("Doc changed with the input: %q, %v", d.FrontSrc, after)
		}
	}
}

func TestRawHTMLOption(t *testing.T) {
	for _, v := range []string{"", "drop", "DROP", "strip"} {
		_, ds := mustParse(t, Options{RawHTML: v}, "---\ntitle: T\n---\n<b>x</b>\n")
		if len(ds) != 1 || ds[0].Code != "raw-html" {
			t.Errorf("RawHTML %q: %v", v, ds)
		}
	}
	if !strings.Contains(string(benchDoc(t).HTML), "<h2") {
		t.Error("bench article did not render")
	}
}

func benchDoc(t *testing.T) *Doc {
	d, _ := mustParse(t, Options{ResolveImage: caseImage}, benchArticle())
	return d
}

// TestTooMany checks that one file reports at most maxDiags problems plus a
// count of the rest, and that quoted lines are clipped.
func TestTooMany(t *testing.T) {
	body := strings.Repeat("![](x.png)\n\n", 150) + strings.Repeat("long ", 400) + "<b>x</b>\n"
	_, ds := mustParse(t, Options{}, "---\ntitle: T\n---\n"+body)
	if len(ds) != maxDiags+1 {
		t.Fatalf("got %d diagnostics, want %d", len(ds), maxDiags+1)
	}
	want := diag.Diagnostic{Severity: diag.Error, Path: testPath, Code: "too-many",
		Msg: "51 more problems in this file are not shown", Fix: "fix the ones above and build again"}
	if diff := cmp.Diff(want, ds[len(ds)-1]); diff != "" {
		t.Errorf("last diagnostic (-want +got):\n%s", diff)
	}

	_, ds = mustParse(t, Options{}, "---\ntitle: T\n---\n"+strings.Repeat("é", 800)+" <b>x</b>\n")
	if len(ds) != 1 || len(ds[0].Source) > maxSource+len("…") || !strings.HasSuffix(ds[0].Source, "…") ||
		!utf8.ValidString(ds[0].Source) || ds[0].Col != 802 {
		t.Errorf("long line: %d diagnostics, col %d, source %d bytes", len(ds), ds[0].Col, len(ds[0].Source))
	}
}
