package audit

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// page wraps body in a valid page with one h1.
func page(body string) string {
	return "<!DOCTYPE html><html lang=en><head><title>T</title></head><body><h1>T</h1>\n" + body + "\n</body></html>"
}

// audit runs an Auditor over pages (output path → HTML) and extra files.
// The locator places each element at "<output>:line:col" of its start tag
// in the HTML, so tests see which element was blamed.
func audit(t *testing.T, base string, pages map[string]string, files ...string) []string {
	t.Helper()
	a := New(Options{Base: base})
	for _, f := range files {
		a.File(f)
	}
	var wg sync.WaitGroup
	for rel, h := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.Page(rel, []byte(h), func(r Ref) Place {
				if r.Off < 0 {
					return Place{Path: rel}
				}
				line, col := diag.LineCol([]byte(h), r.Off)
				return Place{Path: rel, Line: line, Col: col}
			})
		}()
	}
	wg.Wait()
	var out []string
	for _, d := range a.Finish() {
		out = append(out, fmt.Sprintf("%s %s %s: %s", d.Severity, d.Code, d.Pos(), d.Msg))
	}
	return out
}

func TestPage(t *testing.T) {
	const base = "https://clinic.example/"
	tests := []struct {
		name  string
		pages map[string]string
		files []string
		want  []string
	}{
		{
			name: "good page",
			pages: map[string]string{
				"index.html": page(`<a href="#main">skip</a><main id="main">` +
					`<a href="/about/">About</a> <a href="about/#team">Team</a> <a href="/about">no slash</a>` +
					`<a href="https://clinic.example/about/">own absolute</a> <a href="/feed.xml">feed</a>` +
					`<a href="https://other.example/" rel="noopener noreferrer">out</a> <a href="mailto:a@b.example">mail</a>` +
					`<a href="tel:+1301">call</a> <a href="#top">top</a> <a href="#">x</a>` +
					`<img src="/images/a.png" alt="A chart"> <img src="/images/a.png" srcset="/images/a.png 1x, /images/b.png 2x" alt="">` +
					`<script type="application/ld+json">{"@context":"https://schema.org"}</script>` +
					`<link rel="stylesheet" href="/css/main.css"><link rel="canonical" href="https://clinic.example/">` +
					`<link rel="me" href="https://social.example/@clinic">` +
					`</main>`),
				"about/index.html": page(`<h2 id="team">Team</h2><a name="old">old</a>`),
			},
			files: []string{"images/a.png", "images/b.png", "css/main.css", "feed.xml"},
		},
		{
			name: "external resources",
			pages: map[string]string{"index.html": page(
				"<img src=\"https://cdn.example/a.png\" alt=\"a\">\n" +
					"<iframe src=\"//video.example/embed/1\"></iframe>\n" +
					"<link rel=stylesheet href=\"https://fonts.example/css\">\n" +
					"<img src=\"/a.png\" srcset=\"/a.png 1x, https://cdn.example/b.png 2x\" alt=\"\">\n" +
					"<video src=\"/v.mp4\" poster=\"https://cdn.example/p.jpg\"></video><audio src=\"http://x.example/a.mp3\"></audio>\n" +
					"<form action=\"https://forms.example/post\"></form><object data=\"https://x.example/o.swf\"></object>\n" +
					"<script src=\"https://clinic.example/js/a.js\"></script><img src=\"data:image/png;base64,AA\" alt=\"\">\n" +
					"<svg><use href=\"https://x.example/s.svg#i\"></use></svg><embed src=\"https://x.example/e\">")},
			files: []string{"a.png", "v.mp4"},
			want: []string{
				"error external-resource index.html:2:1: <img src> loads https://cdn.example/a.png from another origin (https://cdn.example)",
				"error external-resource index.html:3:1: <iframe src> loads //video.example/embed/1 from another origin (//video.example)",
				"error external-resource index.html:4:1: <link href> loads https://fonts.example/css from another origin (https://fonts.example)",
				"error external-resource index.html:5:1: <img srcset> loads https://cdn.example/b.png from another origin (https://cdn.example)",
				"error external-resource index.html:6:1: <video poster> loads https://cdn.example/p.jpg from another origin (https://cdn.example)",
				"error external-resource index.html:6:64: <audio src> loads http://x.example/a.mp3 from another origin (http://x.example)",
				"error external-resource index.html:7:1: form sends its data to https://forms.example/post, another origin",
				"error external-resource index.html:7:50: <object data> loads https://x.example/o.swf from another origin (https://x.example)",
				"error external-resource index.html:8:1: <script src> loads https://clinic.example/js/a.js by the site's absolute address",
				"error external-resource index.html:8:55: <img src> uses a data: URL, which the site's Content-Security-Policy blocks",
				"error external-resource index.html:9:6: <use href> loads https://x.example/s.svg#i from another origin (https://x.example)",
				"error external-resource index.html:9:56: <embed src> loads https://x.example/e from another origin (https://x.example)",
			},
		},
		{
			name: "broken links and anchors",
			pages: map[string]string{
				"index.html": page("<a href=\"/nope/\">a</a>\n<a href=\"/about/#dosage\">b</a>\n<a href=\"#missing\">c</a>\n" +
					"<a href=\"https://clinic.example/gone/\">d</a>\n<a href=\"/about/#team\">ok</a>\n<a href=\"about/\">ok</a>\n" +
					"<link rel=canonical href=\"https://clinic.example/old/\">"),
				"about/index.html": page(`<h2 id="team">Team</h2><a href="../nope/">rel</a>`),
			},
			want: []string{
				"error link-missing about/index.html:2:24: links to ../nope/, which is not a page of this site",
				"error link-missing index.html:2:1: links to /nope/, which is not a page of this site",
				"error anchor-missing index.html:3:1: links to /about/#dosage, but that page has no element with id \"dosage\"",
				"error anchor-missing index.html:4:1: links to #missing, but this page has no element with id \"missing\"",
				"error link-missing index.html:5:1: links to https://clinic.example/gone/, which is not a page of this site",
				"error link-missing index.html:8:1: links to https://clinic.example/old/, which is not a page of this site",
			},
		},
		{
			name: "images: missing file and alt",
			pages: map[string]string{"index.html": page(
				"<img src=\"/images/a.png\">\n<img src=\"/images/nope.png\" alt=\"Nope\">\n<picture><source srcset=\"/images/x.webp\"><img src=\"/images/a.png\" alt=\"\"></picture>")},
			files: []string{"images/a.png"},
			want: []string{
				"error image-alt index.html:2:1: image /images/a.png has no alt text",
				"error file-missing index.html:3:1: loads /images/nope.png, which is not a file of this site",
				"error file-missing index.html:4:10: loads /images/x.webp, which is not a file of this site",
			},
		},
		{
			name: "h1 count and heading levels",
			pages: map[string]string{
				"two/index.html":  page("<h2>a</h2>\n<h4>skip</h4>\n<h1>Second</h1>"),
				"none/index.html": "<!DOCTYPE html><html><body><h2>x</h2></body></html>",
			},
			want: []string{
				"error h1-count none/index.html: page has no h1; every page needs exactly one",
				"warning heading-skip two/index.html:3:1: heading jumps from h2 to h4",
				"error h1-count two/index.html:4:1: this is the page's h1 number 2; a page has exactly one h1",
			},
		},
		{
			name: "outbound links and CSP",
			pages: map[string]string{"index.html": page(
				"<a href=\"https://other.example/\">no rel</a>\n<a href=\"https://other.example/\" rel=\"noopener\">half</a>\n" +
					"<a href=\"javascript:alert(1)\">js</a>\n<p style=\"color:red\" onclick=\"x()\">p</p>\n" +
					"<style>p{}</style>\n<script>alert(1)</script><script></script><script type=module src=\"/m.js\"></script>")},
			files: []string{"m.js"},
			want: []string{
				`error link-rel index.html:2:1: link to https://other.example/ leaves this site without rel="noopener noreferrer"`,
				`error link-rel index.html:3:1: link to https://other.example/ leaves this site without rel="noopener noreferrer"`,
				`error link-javascript index.html:4:1: javascript: link "javascript:alert(1)"`,
				"error csp-inline-handler index.html:5:1: event handler onclick on <p> is blocked by the site's Content-Security-Policy",
				"error csp-inline-style index.html:5:1: style attribute on <p> is blocked by the site's Content-Security-Policy",
				"error csp-inline-style index.html:6:1: <style> element is blocked by the site's Content-Security-Policy",
				"error csp-inline-script index.html:7:1: inline <script> is blocked by the site's Content-Security-Policy",
			},
		},
		{
			name: "meta refresh target",
			pages: map[string]string{
				"old/index.html":  page(`<meta http-equiv="refresh" content="0; url=https://clinic.example/new/">`),
				"old2/index.html": page(`<meta http-equiv="refresh" content="0;URL='/gone/'">`),
				"new/index.html":  page(""),
			},
			want: []string{"error link-missing old2/index.html:2:1: links to /gone/, which is not a page of this site"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := audit(t, base, tt.pages, tt.files...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBasePath: a site under a path resolves links under that path, and a
// link outside it is not a page of the site.
func TestBasePath(t *testing.T) {
	got := audit(t, "https://example.github.io/clinic/", map[string]string{
		"index.html":       page(`<a href="/clinic/about/">a</a><a href="about/">b</a><a href="/about/">c</a><img src="/clinic/logo.svg" alt="">`),
		"about/index.html": page(`<a href="../">home</a><a href="https://example.github.io/clinic/">home</a>`),
	}, "logo.svg")
	want := []string{"error link-missing index.html:2:53: links to /about/, which is not a page of this site"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestShared: a problem in a shared source is one diagnostic that names
// the first page and counts the others.
// TestShared checks that a problem of a shared source is reported once,
// naming the first page by path whatever the order pages came in.
func TestShared(t *testing.T) {
	for _, order := range [][]string{
		{"a/index.html", "b/index.html", "c/index.html"},
		{"c/index.html", "b/index.html", "a/index.html"},
	} {
		t.Run(order[0], func(t *testing.T) { testShared(t, order) })
	}
}

func testShared(t *testing.T, order []string) {
	a := New(Options{Base: "https://clinic.example/"})
	layout := Place{Path: "layouts/partials/footer.html", Line: 3, Col: 5, Shared: true}
	for _, rel := range order {
		a.Page(rel, []byte(page(`<a href="/gone/">x</a><img src="https://cdn.example/x.png" alt="">`)), func(r Ref) Place {
			if r.Tag == "h1" {
				return Place{Path: "layouts/_default/page.html"}
			}
			return layout
		})
	}
	var got []string
	for _, d := range a.Finish() {
		got = append(got, d.Error())
	}
	sort.Strings(got)
	want := []string{
		"layouts/partials/footer.html:3:5: <img src> loads https://cdn.example/x.png from another origin (https://cdn.example) (on /a/ and 2 more pages); store the file with the site (content/ next to the page, or assets/) and use its local path; to send readers to another site, use an ordinary link",
		"layouts/partials/footer.html:3:5: links to /gone/, which is not a page of this site (on /a/ and 2 more pages); check the address; to link to another page, link to its .md file and the build writes its URL",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestStylesheet(t *testing.T) {
	a := New(Options{Base: "https://clinic.example/"})
	a.File("images/logo.svg")
	css := "/* url(https://ignored.example/x.png) */\n" +
		"@import \"https://fonts.example/a.css\";\n" +
		"@import url(/css/local.css);\n" +
		"body { background: URL( '../images/logo.svg' ); content: \"url(https://not.example/)\" }\n" +
		".a { background-image: url(https://cdn.example/b.png) }\n" +
		".b { mask: url(data:image/svg+xml;base64,AA) }\n" +
		".c { background: url(missing.png) }\n"
	a.Stylesheet("css/main.abc.css", "assets/css/main.css", []byte(css))
	var got []string
	for _, d := range a.Finish() {
		got = append(got, fmt.Sprintf("%s: %s", d.Pos(), d.Msg))
	}
	want := []string{
		"assets/css/main.css:2:1: @import loads https://fonts.example/a.css from another origin (https://fonts.example) (on /css/main.abc.css)",
		"assets/css/main.css:3:1: loads /css/local.css, which is not a file of this site (on /css/main.abc.css)",
		"assets/css/main.css:5:24: url() loads https://cdn.example/b.png from another origin (https://cdn.example) (on /css/main.abc.css)",
		"assets/css/main.css:6:12: url() uses a data: URL, which the site's Content-Security-Policy blocks (on /css/main.abc.css)",
		"assets/css/main.css:7:18: loads missing.png, which is not a file of this site (on /css/main.abc.css)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSrcsetURLs(t *testing.T) {
	tests := map[string][]string{
		"a.png":                         {"a.png"},
		"a.png 1x, b.png 2x":            {"a.png", "b.png"},
		"  a.png  480w ,b.png 800w":     {"a.png", "b.png"},
		"a.png,b.png":                   {"a.png,b.png"},
		"a.png, b.png":                  {"a.png", "b.png"},
		"a.png (foo, bar) 1x, c.png 2x": {"a.png", "c.png"},
		"":                              nil,
		",,,":                           nil,
		"https://x.example/a,b.png 1x,": {"https://x.example/a,b.png"},
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, srcsetURLs(in)); diff != "" {
			t.Errorf("srcsetURLs(%q) (-want +got):\n%s", in, diff)
		}
	}
}

// TestNoPanic feeds malformed markup and URLs; the auditor must report or
// ignore them, never panic.
func TestNoPanic(t *testing.T) {
	inputs := []string{
		"", "<", "<a href", "<a href=\"%zz\">", "<img src=\"http://[::1\" alt=x>", "<script>", "<h1><h1><h1>",
		"<a href=\"javascript:\">", "<meta http-equiv=refresh content=\"0;url=\">", "<source srcset=\", ,\">",
		strings.Repeat("<div>", 10000), "\x00\xff<a href=\"\x00\">",
	}
	for _, in := range inputs {
		a := New(Options{Base: "::bad"})
		a.Page("x.html", []byte(in), nil)
		a.Stylesheet("x.css", "x.css", []byte(in+"url(\"x"))
		a.Finish()
	}
}

// TestOrder checks that a link is judged the same whether its target was
// audited before the page that links to it or after: links to outputs
// already handed in are settled at once, the others by Finish.
func TestOrder(t *testing.T) {
	target := page(`<h2 id="here">H</h2>`)
	linking := page(`<a href="/t/">t</a> <a href="/t/#here">here</a> <a href="/t/#gone">gone</a>
<a href="/t">bare</a> <a href="/t#gone">bare gone</a> <a href="/x/">x</a> <a href="/t/index.html#here">file</a>
<img src="/t/" alt=""> <a href="/f.txt#a">file fragment</a>`)
	want := []string{
		`error anchor-missing l/index.html:2: links to /t/#gone, but that page has no element with id "gone"`,
		`error anchor-missing l/index.html:3: links to /t#gone, but that page has no element with id "gone"`,
		`error link-missing l/index.html:3: links to /x/, which is not a page of this site`,
	}
	for _, targetFirst := range []bool{true, false} {
		t.Run(fmt.Sprint("target first ", targetFirst), func(t *testing.T) {
			a := New(Options{Base: "https://clinic.example/"})
			a.File("f.txt")
			loc := func(rel, h string) Locator {
				return func(r Ref) Place {
					line, _ := diag.LineCol([]byte(h), max(r.Off, 0))
					return Place{Path: rel, Line: line}
				}
			}
			order := []string{"t/index.html", "l/index.html"}
			if !targetFirst {
				order = []string{"l/index.html", "t/index.html"}
			}
			for _, rel := range order {
				h := map[string]string{"t/index.html": target, "l/index.html": linking}[rel]
				a.Page(rel, []byte(h), loc(rel, h))
			}
			var got []string
			for _, d := range a.Finish() {
				got = append(got, fmt.Sprintf("%s %s %s: %s", d.Severity, d.Code, d.Pos(), d.Msg))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
