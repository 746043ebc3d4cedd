package build_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"

	"clinicgen/generator/internal/sitetest"
)

// The "Bad input" lines of issue 2: each mistake is an error at its
// path:line saying what is wrong and how to fix it, the build fails (the
// CLI exits 1), public/ stays byte-for-byte as it was, and one build
// reports every mistake at once.

// badCase is one editor mistake: files to write ("" makes an empty file),
// files to remove, and the texts one error diagnostic must hold.
type badCase struct {
	name   string
	files  map[string]string
	remove []string
	want   []string
}

var badCases = []badCase{
	{"YAML syntax error",
		map[string]string{"content/articles/yaml.md": "---\ntitle: Flu: what to know\ndate: 2026-01-02\n---\nBody.\n"},
		nil, []string{"content/articles/yaml.md:2:8: front matter is not valid YAML", "in quotes"}},
	{"front matter that never closes",
		map[string]string{"content/articles/open.md": "---\ntitle: Open\ndate: 2026-01-02\n\nBody.\n"},
		nil, []string{"content/articles/open.md:1:1: front matter never closes", "add a line with only ---"}},
	{"missing title",
		map[string]string{"content/articles/untitled.md": "---\ndate: 2026-01-02\n---\nBody.\n"},
		nil, []string{"content/articles/untitled.md:1:1: front matter has no title", "add a line title:"}},
	{"date that does not parse",
		map[string]string{"content/articles/baddate.md": "---\ntitle: Bad date\ndate: 2026-13-45\n---\nBody.\n"},
		nil, []string{"content/articles/baddate.md:3:1: date \"2026-13-45\" is not a date", "write it as"}},
	{"field of the wrong type",
		map[string]string{"content/articles/tags.md": "---\ntitle: Tags\ntags: 5\n---\nBody.\n"},
		nil, []string{"content/articles/tags.md:3:1: tags must be a list of text, not a number", "tags: [a, b]"}},
	{"two pages with the same URL",
		map[string]string{
			"content/articles/one.md": "---\ntitle: One\nslug: same\n---\nBody.\n",
			"content/articles/two.md": "---\ntitle: Two\nslug: same\n---\nBody.\n",
		},
		nil, []string{"content/articles/one.md and content/articles/two.md both want the URL /articles/same/", "different slug"}},
	{"slug that escapes its section",
		map[string]string{"content/articles/escape.md": "---\ntitle: Escape\nslug: ../../etc\n---\nBody.\n"},
		nil, []string{"content/articles/escape.md:3:1: slug \"../../etc\" escapes its section"}},
	{"url that escapes the site",
		map[string]string{"content/articles/escurl.md": "---\ntitle: Escape\nurl: ../../outside/\n---\nBody.\n"},
		nil, []string{"content/articles/escurl.md:3:1: url \"../../outside/\" escapes its section"}},
	{"url that is another site's address",
		map[string]string{"content/articles/evilurl.md": "---\ntitle: Evil\nurl: https://evil.example/\n---\nBody.\n"},
		nil, []string{"content/articles/evilurl.md:3:1: url \"https://evil.example/\" is not a path of this site"}},
	{"alias that escapes the site",
		map[string]string{"content/articles/escalias.md": "---\ntitle: Escape\naliases: [/old/, ../../outside/]\n---\nBody.\n"},
		nil, []string{"content/articles/escalias.md:3:1: alias \"../../outside/\" escapes its section"}},
	{"alias that is another site's address",
		map[string]string{"content/articles/evilalias.md": "---\ntitle: Evil\naliases: [//evil.example/x/]\n---\nBody.\n"},
		nil, []string{"content/articles/evilalias.md:3:1: alias \"//evil.example/x/\" is not a path of this site"}},
	{"unknown layout",
		map[string]string{"content/articles/lay.md": "---\ntitle: Layout\nlayout: wide\n---\nBody.\n"},
		nil, []string{"content/articles/lay.md:3: layout \"wide\" not found: looked for layouts/articles/wide.html and layouts/_default/wide.html"}},
	{"more than 100 tags",
		map[string]string{"content/articles/manytags.md": "---\ntitle: Tags\ntags: [" + manyTags(101) + "]\n---\nBody.\n"},
		nil, []string{"content/articles/manytags.md:3:1: 101 tags on one page", "at most 100"}},
	{"a file in content/ and in assets/ for one output",
		map[string]string{
			"content/favicon.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`,
			"assets/favicon.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"></svg>`,
		},
		nil, []string{"content/favicon.svg: both this file and assets/favicon.svg would be published as /favicon.svg"}},
	{"file that is not UTF-8",
		map[string]string{"content/articles/latin1.md": "---\ntitle: Caf\xe9\n---\nBody.\n"},
		nil, []string{"content/articles/latin1.md:2:", "not UTF-8", "save it as UTF-8"}},
	{"empty file",
		map[string]string{"content/articles/empty.md": ""},
		nil, []string{"content/articles/empty.md: file is empty", "start it with front matter"}},
	{"layout with a template syntax error",
		map[string]string{"layouts/_default/article.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n<p>{{.Page.Title</p>\n{{end}}\n"},
		nil, []string{"layouts/_default/article.html:3", "fix the template at this line"}},
	{"layout that fails while rendering",
		map[string]string{"layouts/_default/article.html": "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n<p>{{.Page.NoSuchField}}</p>\n{{end}}\n"},
		nil, []string{"layouts/_default/article.html:3", "NoSuchField"}},
	{"missing layout",
		nil, []string{"layouts/_default/article.html"},
		[]string{"content/articles/good.md: no layout for this article page", "layouts/_default/article.html"}},
	{"missing image",
		map[string]string{"content/articles/noimg.md": "---\ntitle: No image\n---\nText.\n\n![A chart](chart.png)\n"},
		nil, []string{"content/articles/noimg.md:6:1: image \"chart.png\" not found"}},
	{"missing share image",
		map[string]string{"content/articles/share1.md": "---\ntitle: Share\nimage: nope.png\nimageAlt: Nothing\n---\nText.\n"},
		nil, []string{"content/articles/share1.md:3:1: image \"nope.png\" not found"}},
	{"share image without alt text",
		map[string]string{
			"content/articles/share.md": "---\ntitle: Share\nimage: dot.svg\n---\nText.\n",
			"content/articles/dot.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`,
		},
		nil, []string{"content/articles/share.md:3:1: image has no imageAlt"}},
	{"image without alt text",
		map[string]string{
			"content/articles/noalt.md": "---\ntitle: No alt\n---\nText.\n\n![](dot.svg)\n",
			"content/articles/dot.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`,
		},
		nil, []string{"content/articles/noalt.md:6:1: image \"dot.svg\" has no alt text", "decorative"}},
}

// manyTags is "t0, t1, …" with n tags.
func manyTags(n int) string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "t" + strconv.Itoa(i)
	}
	return strings.Join(tags, ", ")
}

// goodSite builds a site without mistakes, for a bad edit to fail against.
func goodSite(t *testing.T) (*sitetest.Site, map[string]string) {
	t.Helper()
	s := buildClinic(t, mdFile("articles/good.md", "title: Good\ndate: 2026-01-01\n", "All is well."))
	return s, sitetest.Tree(t, s.Public)
}

func TestBadInput(t *testing.T) {
	for _, c := range badCases {
		t.Run(c.name, func(t *testing.T) {
			s, before := goodSite(t)
			apply(t, s, c)
			s.Rebuild()
			s.AssertFailed()
			s.AssertDiag(append([]string{"error"}, c.want...)...)
			if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
				t.Errorf("public/ changed on a failed build (-before +after):\n%s", diff)
			}
		})
	}
}

// TestAllErrorsAtOnce makes every content mistake in one build: each is
// reported, and public/ is left as it was.
func TestAllErrorsAtOnce(t *testing.T) {
	s, before := goodSite(t)
	var wants [][]string
	for _, c := range badCases {
		if strings.HasPrefix(c.name, "layout") || c.name == "missing layout" {
			continue // one layout file cannot hold three mistakes
		}
		apply(t, s, c)
		wants = append(wants, append([]string{"error"}, c.want...))
	}
	// And one layout mistake alongside them.
	s.Edit("layouts/_default/service.html", "{{define \"main\"}}\n{{if}}\n{{end}}\n")
	s.Edit("content/services/walk-in.md", "---\ntitle: Walk-in care\n---\nCome in.\n")
	wants = append(wants, []string{"error", "layouts/_default/service.html:2"})
	s.Rebuild()
	s.AssertFailed()
	for _, w := range wants {
		s.AssertDiag(w...)
	}
	if n := len(s.Diags()); n < len(wants) {
		t.Errorf("%d diagnostics, want at least %d", n, len(wants))
	}
	if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
		t.Errorf("public/ changed on a failed build (-before +after):\n%s", diff)
	}
}

// apply makes a case's edits to the site.
func apply(t *testing.T, s *sitetest.Site, c badCase) {
	t.Helper()
	for name, content := range c.files {
		if content == "" {
			// sitetest's Edit deletes on "": write the empty file here.
			s.Edit(name, "x")
			if err := os.WriteFile(filepath.Join(s.Root, filepath.FromSlash(name)), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		s.Edit(name, content)
	}
	for _, name := range c.remove {
		s.Edit(name, "")
	}
}

func TestHostileContentStaysInert(t *testing.T) {
	s := buildClinic(t,
		mdFile("articles/hostile.md",
			"title: \"<script>alert('t')</script> & Co\"\n"+
				"date: 2026-01-01\n"+
				"description: '\"><img src=x onerror=alert(1)>'\n"+
				"tags: [\"<b>tag</b>\"]\n",
			"Text <iframe src=\"https://evil.example/\"></iframe> and [click me](javascript:alert(1)).\n\n"+
				"<script>alert(2)</script>\n\n"+
				"[data](data:text/html;base64,PHNjcmlwdD4=) and <a href=\"javascript:alert(3)\">raw link</a>."),
		mdFile("articles/friend.md", "title: Friend\ndate: 2026-01-02\ntags: [\"<b>tag</b>\"]\n", "A friend links [there](hostile.md)."))
	// Raw HTML is dropped with a warning naming the file and line; unsafe
	// links are reduced to their text.
	s.AssertDiag("warning", "content/articles/hostile.md:7:6: raw HTML is dropped")
	s.AssertDiag("warning", "content/articles/hostile.md:9:1: raw HTML is dropped")
	s.AssertDiag("warning", "content/articles/hostile.md:11:48: raw HTML is dropped")
	s.AssertDiag("warning", "content/articles/hostile.md:7:56: unsafe link \"javascript:alert(1)\" is dropped")
	s.AssertDiag("warning", "content/articles/hostile.md:11:1: unsafe link \"data:text/html")
	tree := sitetest.Tree(t, s.Public)
	// The search page (noindex, so not among pageFiles) lists every term.
	for _, rel := range append(pageFiles(tree), "search/index.html") {
		inert(t, rel, tree[rel])
	}
	if !strings.Contains(tree["search/index.html"], "&lt;b>tag&lt;/b>") {
		t.Error("search/index.html does not list the hostile tag as text")
	}
	const title = "<script>alert('t')</script> & Co"
	page := s.File("articles/hostile/index.html")
	for _, where := range []struct{ start, end, want string }{
		{"<h1>", "</h1>", title},
		{"<title>", "</title>", title + " · Test Clinic"},
		{"aria-current=page>", "</a>", title}, // the breadcrumb
	} {
		if got := text(strings.TrimPrefix(between(page, where.start, where.end), where.start)); got != where.want {
			t.Errorf("%s… shows %q, want the title as text %q", where.start, got, where.want)
		}
	}
	for _, m := range tags(page, "meta") {
		if m["name"] == "description" && m["content"] != `"><img src=x onerror=alert(1)>` {
			t.Errorf("meta description %q, want the description as text", m["content"])
		}
	}
	s.AssertFile("articles/hostile/index.html", "click me", "raw link")
	// The JSON-LD block stays one valid script that holds the title as data.
	if got := node(t, jsonLD(t, page), "BlogPosting")["headline"]; got != title {
		t.Errorf("JSON-LD headline %q", got)
	}
	// Feeds carry the title as text, and stay valid.
	var rss struct {
		Items []struct {
			Title string `xml:"title"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal([]byte(s.File("index.xml")), &rss); err != nil {
		t.Fatalf("index.xml: %v", err)
	}
	if !slices.ContainsFunc(rss.Items, func(it struct {
		Title string `xml:"title"`
	}) bool {
		return it.Title == title
	}) {
		t.Errorf("RSS items %v lack the title %q", rss.Items, title)
	}
}

// inert fails when a page holds markup a browser would act on: a script
// other than JSON-LD, a frame or plugin, an event-handler attribute, or a
// javascript:, vbscript: or data: link.
func inert(t *testing.T, rel, page string) {
	t.Helper()
	for _, tok := range startTags(page) {
		switch tok.Name {
		case "script":
			// The theme's own search script, from the site with SRI, is
			// the one script that runs.
			own := strings.HasPrefix(tok.Attrs["src"], "/js/search.") && strings.HasPrefix(tok.Attrs["integrity"], "sha384-")
			if tok.Attrs["type"] != "application/ld+json" && !own {
				t.Errorf("%s: a <script> that runs: %v", rel, tok.Attrs)
			}
		case "form":
			// The theme's search forms: a GET (the minifier drops the
			// default method="get") to the site's own /search/.
			if m := tok.Attrs["method"]; tok.Attrs["action"] != "/search/" || m != "" && m != "get" {
				t.Errorf("%s: a <form> element %v", rel, tok.Attrs)
			}
		case "iframe", "frame", "object", "embed", "base":
			t.Errorf("%s: a <%s> element", rel, tok.Name)
		}
		for name, v := range tok.Attrs {
			if strings.HasPrefix(name, "on") {
				t.Errorf("%s: <%s %s=%q>", rel, tok.Name, name, v)
			}
			v = strings.ToLower(strings.TrimSpace(v))
			for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
				if (name == "href" || name == "src" || name == "action") && strings.HasPrefix(v, scheme) {
					t.Errorf("%s: <%s %s=%q>", rel, tok.Name, name, v)
				}
			}
		}
	}
}

func TestRawHTMLAllowedByPolicy(t *testing.T) {
	s := sitetest.Build(t, strings.Replace(clinicYAML, "health:", "markdown:\n  rawHTML: allow\nhealth:", 1)+
		mdFile("about.md", "title: About\n", "Text <mark>marked</mark>.\n\n<div class=\"note\">A note.</div>"))
	s.AssertOK()
	for _, d := range s.Diags() {
		if strings.Contains(d.Msg, "raw HTML") {
			t.Errorf("raw HTML warned about although allowed: %v", d)
		}
	}
	s.AssertFile("about/index.html", "<mark>marked</mark>", "A note.")
}

// A page that cannot be rendered (here: an unknown layout) is one error at
// its own line. The links to it, from other pages' Markdown and from the
// lists and related articles the layouts make, are not errors of their
// own ("links to /articles/lay/, which is not a page of this site" on
// layouts/_default/list.html, with no line): they come right once the
// page's error is fixed.
func TestFailedPageIsNotABrokenLink(t *testing.T) {
	s, _ := goodSite(t)
	s.Edit("content/articles/lay.md", "---\ntitle: Wide\ndate: 2026-01-03\nlayout: wide\ntags: [flu]\n---\nBody.\n")
	s.Edit("content/articles/links.md", "---\ntitle: Links\ndate: 2026-01-02\ntags: [flu]\n---\nSee [the wide page](lay.md) and [its heading](lay.md#top).\n")
	s.Rebuild()
	s.AssertFailed()
	var errs []string
	for _, d := range s.Diags() {
		if d.Severity == diag.Error {
			errs = append(errs, d.Error())
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], `content/articles/lay.md:4: layout "wide" not found`) {
		t.Errorf("want only the layout error, got %d errors:\n%s", len(errs), strings.Join(errs, "\n"))
	}
}
