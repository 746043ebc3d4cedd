package audit

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestPageReading: attributes are read as a browser reads them (character
// references decoded, names in any case, values quoted or not, the first
// of two equal names), and nothing inside raw text, RCDATA or a comment
// is an element. The expected diagnostics are what the audit reported
// when it read pages with golang.org/x/net/html's Tokenizer.
func TestPageReading(t *testing.T) {
	const base = "https://clinic.example/"
	tests := []struct {
		name  string
		pages map[string]string
		files []string
		want  []string
	}{
		{
			name: "character references in attributes",
			pages: map[string]string{"index.html": page(
				"<a href=\"/gone/?x=1&amp;y=2&copy=3\">a</a>\n" +
					"<a href=\"https://other.example/?a&amp;b&#61;&#x3D;\">b</a>\n" +
					"<h2 id=\"a&amp;b\">H</h2><a href=\"#a&amp;b\">c</a><a href=\"#a&b\">d</a><a href=\"#a&#38;b\">e</a>\n" +
					"<a href=\"tel:&#43;13015550100\">f</a><img src=\"/i&#46;png\" alt=\"\"><img src=\"/i&period;png\" alt=\"\">\n" +
					"<a href=\"#a&ampb\">g</a>")},
			files: []string{"i.png"},
			want: []string{
				"error link-missing index.html:2:1: links to /gone/?x=1&y=2&copy=3, which is not a page of this site",
				`error link-rel index.html:3:1: link to https://other.example/?a&b== leaves this site without rel="noopener noreferrer"`,
				`error anchor-missing index.html:6:1: links to #a&ampb, but this page has no element with id "a&ampb"`,
			},
		},
		{
			name: "names in upper case",
			pages: map[string]string{"index.html": page(
				"<IMG SRC=\"/nope.png\">\n<A HREF=\"HTTPS://OTHER.EXAMPLE/\" REL=NOOPENER>x</A>\n<P STYLE=\"color:red\" OnClick=\"y()\">p</P>\n" +
					"<H3 ID=Low>h</H3><a href=\"#Low\">ok</a><LINK REL=STYLESHEET HREF=\"HTTPS://FONTS.EXAMPLE/CSS\">")},
			want: []string{
				"error image-alt index.html:2:1: image /nope.png has no alt text",
				"error file-missing index.html:2:1: loads /nope.png, which is not a file of this site",
				`error link-rel index.html:3:1: link to HTTPS://OTHER.EXAMPLE/ leaves this site without rel="noopener noreferrer"`,
				"error csp-inline-handler index.html:4:1: event handler onclick on <p> is blocked by the site's Content-Security-Policy",
				"error csp-inline-style index.html:4:1: style attribute on <p> is blocked by the site's Content-Security-Policy",
				"warning heading-skip index.html:5:1: heading jumps from h1 to h3",
				"error external-resource index.html:5:39: <link href> loads HTTPS://FONTS.EXAMPLE/CSS from another origin (https://FONTS.EXAMPLE)",
			},
		},
		{
			name: "unquoted, empty and repeated attributes",
			pages: map[string]string{"index.html": page(
				"<a href=/gone/>a</a>\n<img src=/i.png alt=>\n<img src=/i.png alt>\n<a href=/i.png HREF=/gone2/>b</a>\n" +
					"<a href = '/gone3/' >c</a>\n<img src=/x.png/ alt=\"\">\n<a href=\"/a\"b\">d</a>")},
			files: []string{"i.png"},
			want: []string{
				"error link-missing index.html:2:1: links to /gone/, which is not a page of this site",
				"error link-missing index.html:6:1: links to /gone3/, which is not a page of this site",
				"error file-missing index.html:7:1: loads /x.png/, which is not a file of this site",
				"error link-missing index.html:8:1: links to /a, which is not a page of this site",
			},
		},
		{
			name: "raw text, RCDATA and comments hold no elements",
			pages: map[string]string{"index.html": page(
				"<script type=\"application/ld+json\">{\"x\":\"<img src=/nope.png>\"}</script>\n" +
					"<script>if (a<b && c>d) { x('</scrip') }</script>\n" +
					"<title><a href=/gone/></title><textarea><img src=/t.png></textarea><noscript><img src=/n.png></noscript>\n" +
					"<!-- <a href=/c/> --><style><a href=/s/></style><xmp><a href=/x/></xmp>\n" +
					"<script><!--<script>x</script>--></script><a href=/after/>z</a>")},
			want: []string{
				"error csp-inline-script index.html:3:1: inline <script> is blocked by the site's Content-Security-Policy",
				"error csp-inline-style index.html:5:22: <style> element is blocked by the site's Content-Security-Policy",
				"error csp-inline-script index.html:6:1: inline <script> is blocked by the site's Content-Security-Policy",
				"error link-missing index.html:6:43: links to /after/, which is not a page of this site",
			},
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

// TestLazyPlace: a Locator that leaves its places to a Lazy gets the
// diagnostics one that places every element at once gets, and is asked
// only for the places of what is reported. Two Lazys that find the same
// place make one diagnostic.
func TestLazyPlace(t *testing.T) {
	pages := map[string]string{
		"a/index.html": page(`<a href="/b/">b</a><a href="/gone/">gone</a><a href="/b/#x">x</a><a href="/b/#nope">nope</a><p style="x">s</p><img src="/gone.png" alt="">`),
		"b/index.html": page(`<h2 id="x">X</h2><a href="/a/">a</a><a href="/gone/">gone</a><a href="/gone/">again</a>`),
		"c/index.html": page(`<a href="/gone/">gone</a><a href="/b/#nope">nope</a>`),
	}
	// Every element is in one of two layouts, by page, placed at a line
	// that depends on the element alone.
	find := func(r Ref) Place {
		return Place{Path: "layouts/partials/footer.html", Line: len(r.Tag) + len(r.Attr) + len(r.Value), Shared: true}
	}
	var asked []string
	lazies := []*Lazy{
		{Find: func(r Ref) Place { asked = append(asked, "1 "+r.Value); return find(r) }},
		{Find: func(r Ref) Place { asked = append(asked, "2 "+r.Value); return find(r) }},
	}
	run := func(lazy bool) []string {
		a := New(Options{Base: "https://clinic.example/"})
		for _, rel := range []string{"a/index.html", "b/index.html", "c/index.html"} {
			a.Page(rel, []byte(pages[rel]), func(r Ref) Place {
				switch {
				case r.Tag == "h1":
					return Place{Path: "layouts/_default/baseof.html", Shared: true}
				case lazy:
					return Place{Lazy: lazies[map[string]int{"a/index.html": 0, "b/index.html": 1, "c/index.html": 1}[rel]]}
				}
				return find(r)
			})
		}
		var out []string
		for _, d := range a.Finish() {
			out = append(out, d.Error())
		}
		return out
	}
	want := run(false)
	if len(want) != 4 {
		t.Fatalf("the eager locator's diagnostics are not the ones this test is about:\n%v", want)
	}
	if diff := cmp.Diff(want, run(true)); diff != "" {
		t.Errorf("lazy places (-eager +lazy):\n%s", diff)
	}
	wantAsked := []string{"1 x", "1 /gone.png", "1 /gone/", "1 /b/#nope", "2 /gone/", "2 /b/#nope"}
	if diff := cmp.Diff(wantAsked, asked, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("places asked for (-want +got):\n%s", diff)
	}
}
