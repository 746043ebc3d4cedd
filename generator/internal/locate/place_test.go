package locate

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"clinicgen/generator/internal/audit"
	"clinicgen/generator/internal/cputime"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// testLayouts are a layout, its base and a partial, and config.yaml.
var testLayouts = map[string][]byte{
	"layouts/_default/baseof.html":  []byte("<html>\n<body>\n  <a href=\"/\">Home</a>\n  {{block \"main\" .}}{{end}}\n</body>\n</html>\n"),
	"layouts/_default/single.html":  []byte("{{define \"main\"}}\n<main>\n  <a href=\"/about/\">About us</a>\n  {{.Content}}\n</main>\n{{end}}\n"),
	"layouts/partials/footer.html":  []byte("<footer>\n  <IMG src=\"/logo.svg\">\n</footer>\n"),
	"config.yaml":                   []byte("title: T\nmenu:\n  - name: Visits\n    url: /visits/\n"),
	"layouts/_default/list.html":    []byte("<ul></ul>\n"),
	"layouts/partials/unused.html":  []byte("<p>nothing</p>\n"),
	"layouts/_default/summary.html": []byte("<p>{{.Summary}}</p>\n"),
}

// page parses one content file and renders it as the layout would, around
// its body.
func page(t testing.TB, path, src string) (*site.Page, []byte) {
	t.Helper()
	doc, ds := markdown.New(markdown.Options{RawHTML: "allow"}).Parse(path, []byte(src))
	if doc == nil {
		t.Fatalf("parse %s: %v", path, ds)
	}
	body := string(doc.HTML)
	pg := &site.Page{Doc: doc, Content: template.HTML(body)}
	html := "<html><body><a href=\"/\">Home</a><main><a href=\"/about/\">About us</a>" + body + "</main><footer><img src=\"/logo.svg\"></footer></body></html>"
	return pg, []byte(html)
}

// TestPage places elements of a rendered page in the Markdown body, in raw
// HTML of the body, in the layouts and in config.yaml.
func TestPage(t *testing.T) {
	const src = "---\ntitle: A\n---\nSee [one](/x/) and [two](/x/).\n\n<p><a href=\"/raw/\">raw</a> and <A HREF=\"/raw/\">again</A></p>\n\n![Dot](/dot.svg)\n"
	pg, html := page(t, "content/a.md", src)
	files := map[string][]byte{"content/a.md": []byte(src)}
	l := New(Sources{Files: testLayouts, Read: func(n string) []byte { return files[n] }})
	loc := l.Page(pg, html, func() string { return "_default/single.html" })
	at := func(tag, attr, value string, nth int) int {
		off := -1
		for range nth + 1 {
			off += 1 + strings.Index(strings.ToLower(string(html[off+1:])), attr+"=\""+value+"\"")
		}
		return off
	}
	place := func(tag, attr, value string, nth int) audit.Place {
		pl := loc(audit.Ref{Off: at(tag, attr, value, nth), Tag: tag, Attr: attr, Value: value})
		if pl.Lazy != nil {
			return pl.Lazy.Find(audit.Ref{Off: 0, Tag: tag, Attr: attr, Value: value})
		}
		return pl
	}
	for _, tc := range []struct {
		tag, attr, value string
		nth              int
		want             audit.Place
	}{
		{"a", "href", "/x/", 0, audit.Place{Path: "content/a.md", Line: 4}},
		{"a", "href", "/x/", 1, audit.Place{Path: "content/a.md", Line: 4}},
		{"a", "href", "/raw/", 0, audit.Place{Path: "content/a.md", Line: 6, Col: 13}},
		{"a", "href", "/raw/", 1, audit.Place{Path: "content/a.md", Line: 6, Col: 41}},
		{"img", "src", "/dot.svg", 0, audit.Place{Path: "content/a.md", Line: 8}},
		{"a", "href", "/about/", 0, audit.Place{Path: "layouts/_default/single.html", Line: 3, Col: 6, Source: "  <a href=\"/about/\">About us</a>", Shared: true}},
		{"a", "href", "/", 0, audit.Place{Path: "layouts/_default/baseof.html", Line: 3, Col: 6, Source: "  <a href=\"/\">Home</a>", Shared: true}},
		{"img", "src", "/logo.svg", 0, audit.Place{Path: "layouts/partials/footer.html", Line: 2, Col: 8, Source: "  <IMG src=\"/logo.svg\">", Shared: true}},
	} {
		if got := place(tc.tag, tc.attr, tc.value, tc.nth); got != tc.want {
			t.Errorf("%s %s=%q #%d placed at %+v, want %+v", tc.tag, tc.attr, tc.value, tc.nth, got, tc.want)
		}
	}
	// A value no file holds is at the page's layout; one of config.yaml
	// at its line there.
	if got := l.inLayout(l.layoutPlaces("_default/single.html"), audit.Ref{Tag: "a", Attr: "href", Value: "/nowhere/"}); got != (audit.Place{Path: "layouts/_default/single.html", Shared: true}) {
		t.Errorf("an address no file holds: %+v", got)
	}
	if got := l.searchLayouts("", audit.Ref{Tag: "a", Attr: "href", Value: "/visits/"}); got.Path != "config.yaml" || got.Line != 4 || got.Col != 10 {
		t.Errorf("an address of config.yaml: %+v", got)
	}
}

func TestNthIndexFold(t *testing.T) {
	for _, tc := range []struct {
		src, needle string
		n, want     int
	}{
		{"a<A href=x><a HREF=y>", "<a", 0, 1},
		{"a<A href=x><a HREF=y>", "<a", 1, 11},
		{"a<A href=x><a HREF=y>", "<a", 2, -1},
		{"aaaa", "aa", 1, 2}, // occurrences do not overlap
		{"x", "", 0, -1},
		{"Über <a>", "<A", 0, 6}, // non-ASCII before: still found
	} {
		if got := nthIndexFold([]byte(tc.src), tc.needle, tc.n); got != tc.want {
			t.Errorf("nthIndexFold(%q, %q, %d) = %d, want %d", tc.src, tc.needle, tc.n, got, tc.want)
		}
	}
}

func TestScalarIndex(t *testing.T) {
	src := []byte("a: /visits/x\nb: \"/visits/\"\nc: - /visits/ # here\n")
	if got := scalarIndex(src, "/visits/"); got != 17 {
		t.Errorf("scalarIndex = %d, want 17 (the quoted whole value, not a prefix)", got)
	}
	if got := scalarIndex(src, "/none/"); got != -1 {
		t.Errorf("scalarIndex of a missing value = %d", got)
	}
}

func TestBodyStartAndLinkStart(t *testing.T) {
	src := []byte("one\ntwo\nthree")
	for n, want := range map[int]int{0: 0, 1: 0, 2: 4, 3: 8, 4: len(src), 9: len(src)} {
		if got := bodyStart(src, n); got != want {
			t.Errorf("bodyStart(%d) = %d, want %d", n, got, want)
		}
	}
	for _, tc := range []struct {
		line, dest string
		want       int
	}{
		{"See [a](/x/).", "/x/", 4},
		{"See ![a](/x/).", "/x/", 4},
		{"[[a] b](/x/)", "/x/", 0},
		{"<a href=/x/>", "/x/", 8},
		{"nothing", "/x/", -1},
		{"x", "", -1},
	} {
		if got := linkStart(tc.line, tc.dest); got != tc.want {
			t.Errorf("linkStart(%q, %q) = %d, want %d", tc.line, tc.dest, got, tc.want)
		}
	}
}

// benchSite is n pages like the sample's articles: links and images in
// Markdown, a few in raw HTML, links from the layouts around the body, and
// a hardest sentence to find near the end.
func benchSite(b *testing.B, n int) (pages []*site.Page, htmls [][]byte, srcs map[string][]byte, refs [][]audit.Ref) {
	srcs = map[string][]byte{}
	for i := range n {
		var sb strings.Builder
		fmt.Fprintf(&sb, "---\ntitle: Page %d\ndate: 2026-01-02\n---\n", i)
		for j := range 12 {
			fmt.Fprintf(&sb, "Peer support can help you feel less alone, says [the team](/articles/p%d/), and a peer\nwalks with you to your [next visit](/services/s%d/) at the clinic.\n\n", (i+j)%n, j)
			if j%4 == 0 {
				fmt.Fprintf(&sb, "![Photo %d](/images/p%d.svg)\n\n", j, j)
			}
		}
		if i%5 == 0 {
			sb.WriteString("<p>See <a href=\"/raw/\">our hours</a> or <a href=\"/raw/\">call</a>.</p>\n\n")
		}
		sb.WriteString("Call the clinic today to book your first appointment with a peer.\n")
		path := fmt.Sprintf("content/articles/p%d.md", i)
		srcs[path] = []byte(sb.String())
		pg, html := page(b, path, sb.String())
		pages, htmls = append(pages, pg), append(htmls, html)
	}
	// The references the audit hands the locator: every link and image,
	// in order, settled but for one in ten (as a broken one would be).
	for _, html := range htmls {
		var rs []audit.Ref
		k := 0
		for off := 0; ; {
			i := strings.Index(string(html[off:]), "=\"")
			if i < 0 {
				break
			}
			start := strings.LastIndexByte(string(html[:off+i]), '<')
			tag := strings.Fields(string(html[start+1 : off+i]))[0]
			attr := string(html[strings.LastIndexByte(string(html[:off+i]), ' ')+1 : off+i])
			end := off + i + 2 + strings.IndexByte(string(html[off+i+2:]), '"')
			if attr == "href" || attr == "src" || attr == "srcset" {
				rs = append(rs, audit.Ref{Off: start, Tag: strings.ToLower(tag), Attr: attr, Value: string(html[off+i+2 : end]), Settled: k%10 != 0})
				k++
			}
			off = end
		}
		refs = append(refs, rs)
	}
	return pages, htmls, srcs, refs
}

// BenchmarkPlace is this package's work for a build of 200 pages: the
// facts of each source (its links, images and hardest sentence), then
// every reference of every rendered page placed, one in ten found (as a
// problem would be).
func BenchmarkPlace(b *testing.B) {
	pages, htmls, srcs, refs := benchSite(b, 200)
	// Layouts the size of the sample's (45 KB with config.yaml).
	layouts := map[string][]byte{}
	for k, v := range testLayouts {
		layouts[k] = v
	}
	var big strings.Builder
	for i := range 400 {
		fmt.Fprintf(&big, "<li class=\"item\"><a href=\"{{ .URL }}#s%d\">{{ .Title }}</a></li>\n", i)
	}
	layouts["layouts/partials/big.html"] = []byte(big.String())
	start := cputime.Used()
	for b.Loop() {
		facts := map[string]*Facts{}
		for _, pg := range pages {
			facts[pg.Doc.Path] = FactsOf(srcs[pg.Doc.Path], pg.Doc, "Call the clinic today to book your first appointment with a peer.")
		}
		l := New(Sources{Files: layouts, Read: func(n string) []byte { return srcs[n] }, Facts: func(p string) *Facts { return facts[p] }})
		for i, pg := range pages {
			loc := l.Page(pg, htmls[i], func() string { return "_default/single.html" })
			for _, ref := range refs[i] {
				if pl := loc(ref); pl.Lazy != nil && !ref.Settled {
					pl.Lazy.Find(ref)
				}
			}
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}
