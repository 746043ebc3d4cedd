package build_test

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"html"
	"image"
	"image/color"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/sitetest"
)

// Integration tests of issue 2, the generator core: each point of "What to
// build" on a small txtar site built with the repository's theme, and the
// sample site itself. The bad-input lines are in badinput_test.go.

// clinicYAML is sitetest.Clinic: a complete config.yaml and the pages the
// theme links to from every site.
const clinicYAML = sitetest.Clinic

// mdFile is one content file of an archive: front matter lines, then body.
func mdFile(name, front, body string) string { return sitetest.MD(name, front, body) }

// buildClinic builds clinicYAML plus the given archive files.
func buildClinic(t *testing.T, files ...string) *sitetest.Site {
	t.Helper()
	s := sitetest.Build(t, clinicYAML+strings.Join(files, ""))
	s.AssertOK()
	return s
}

// updating reports whether golden files should be rewritten (-update). The
// flag is registered here unless another test file of the package already
// did.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

// tagTok is one start tag of an HTML page.
type tagTok struct {
	Name  string
	Attrs map[string]string // names lower-cased, values unescaped
}

// startTags tokenizes HTML the way a browser does, as far as start tags go:
// comments, end tags and the raw text of script and style elements are
// skipped, attribute values may be quoted or not, and a "<" that starts no
// tag is text. It lets the tests see what a browser would take for markup.
func startTags(h string) []tagTok {
	var out []tagTok
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(h); {
		j := strings.IndexByte(h[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		switch {
		case strings.HasPrefix(h[i:], "!--"):
			if k := strings.Index(h[i+3:], "-->"); k >= 0 {
				i += 3 + k + 3
			} else {
				i = len(h)
			}
			continue
		case i < len(h) && (h[i] == '!' || h[i] == '/' || h[i] == '?'):
			if k := strings.IndexByte(h[i:], '>'); k >= 0 {
				i += k + 1
			} else {
				i = len(h)
			}
			continue
		case i >= len(h) || !isLetter(h[i]):
			continue // a "<" that is text
		}
		k := i
		for k < len(h) && !isSpace(h[k]) && h[k] != '/' && h[k] != '>' {
			k++
		}
		tok := tagTok{Name: strings.ToLower(h[i:k]), Attrs: map[string]string{}}
		i = k
		for i < len(h) && h[i] != '>' {
			if isSpace(h[i]) || h[i] == '/' {
				i++
				continue
			}
			k := i + 1
			for k < len(h) && !isSpace(h[k]) && h[k] != '=' && h[k] != '>' && h[k] != '/' {
				k++
			}
			name := strings.ToLower(h[i:k])
			i = k
			for i < len(h) && isSpace(h[i]) {
				i++
			}
			val := ""
			if i < len(h) && h[i] == '=' {
				i++
				for i < len(h) && isSpace(h[i]) {
					i++
				}
				if i < len(h) && (h[i] == '"' || h[i] == '\'') {
					q := h[i]
					e := strings.IndexByte(h[i+1:], q)
					if e < 0 {
						e = len(h) - i - 1
					}
					val = h[i+1 : i+1+e]
					i += e + 2
				} else {
					k := i
					for k < len(h) && !isSpace(h[k]) && h[k] != '>' {
						k++
					}
					val = h[i:k]
					i = k
				}
			}
			if _, dup := tok.Attrs[name]; !dup {
				tok.Attrs[name] = html.UnescapeString(val)
			}
		}
		i++
		out = append(out, tok)
		if tok.Name == "script" || tok.Name == "style" {
			if e := strings.Index(strings.ToLower(h[min(i, len(h)):]), "</"+tok.Name); e >= 0 {
				i += e
			} else {
				i = len(h)
			}
		}
	}
	return out
}

// tags returns the attributes of every <name> start tag in h.
func tags(h, name string) []map[string]string {
	var out []map[string]string
	for _, t := range startTags(h) {
		if t.Name == name {
			out = append(out, t.Attrs)
		}
	}
	return out
}

// between returns the text of html from the first start up to end
// (exclusive), "" when start is missing.
func between(html, start, end string) string {
	i := strings.Index(html, start)
	if i < 0 {
		return ""
	}
	rest := html[i:]
	if j := strings.Index(rest, end); j >= 0 {
		return rest[:j]
	}
	return rest
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// text strips the tags from an HTML fragment and collapses white space.
func text(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(h, ""))), " ")
}

// pageFiles lists the HTML pages of a built tree, without alias redirect
// pages (which say noindex).
func pageFiles(tree map[string]string) []string {
	var out []string
	for p, c := range tree {
		if strings.HasSuffix(p, ".html") && !strings.Contains(c, `content=noindex`) && !strings.Contains(c, `content="noindex"`) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func TestSectionsAndPrettyURLs(t *testing.T) {
	s := buildClinic(t,
		mdFile("about.md", "title: About us\n", "We are a clinic."),
		mdFile("articles/_index.md", "title: Health articles\ndescription: Plain guides.\n", "Read our **guides**."),
		mdFile("articles/flu-shots.md", "title: Flu shots\ndate: 2026-01-02\n", "Get one every fall."),
		mdFile("articles/Qué es la gripe.md", "title: La gripe\ndate: 2026-01-03\n", "Sobre la gripe."),
		mdFile("articles/by-slug.md", "title: By slug\ndate: 2026-01-04\nslug: Qué es\n", "A slug from front matter."),
		mdFile("articles/moved.md", "title: Moved\ndate: 2026-01-05\nurl: /visit/first-time/\n", "Front matter url."),
		mdFile("services/urgent-care.md", "title: Urgent care\n", "Walk in."),
		mdFile("guides/first-visit.md", "title: Your first visit\n", "Bring your insurance card."),
	)
	for file, h1 := range map[string]string{
		"about/index.html":                    "About us",
		"articles/flu-shots/index.html":       "Flu shots",
		"articles/que-es-la-gripe/index.html": "La gripe",
		"articles/que-es/index.html":          "By slug",
		"visit/first-time/index.html":         "Moved",
		"services/urgent-care/index.html":     "Urgent care",
		"guides/first-visit/index.html":       "Your first visit",
		"articles/index.html":                 "Health articles",
		"services/index.html":                 "Services",
		"guides/index.html":                   "Guides",
	} {
		s.AssertFile(file, "<h1>"+h1)
	}
	// Each page kind has its own layout: an article has a byline area and
	// the disclaimer, a service the booking box, a page neither.
	s.AssertFile("articles/flu-shots/index.html", "class=article", "class=disclaimer")
	s.AssertFile("services/urgent-care/index.html", "class=service", "Book or ask", "! class=disclaimer")
	s.AssertFile("about/index.html", "class=page", "! Book or ask", "! class=disclaimer")
	// Any other folder is a section with the default layouts.
	s.AssertFile("guides/first-visit/index.html", "class=page")
	s.AssertFile("guides/index.html", `href=/guides/first-visit/`)
	// _index.md gives the section its title and intro.
	s.AssertFile("articles/index.html", "<strong>guides</strong>", "<title>Health articles · Test Clinic</title>")
	for _, u := range []string{"/articles/flu-shots/", "/articles/que-es-la-gripe/", "/articles/que-es/", "/visit/first-time/"} {
		s.AssertFile("articles/index.html", "href="+u)
	}
	s.AssertNoFile("articles/moved/index.html")
	s.AssertNoFile("articles/_index/index.html")
}

func TestSectionPagination(t *testing.T) {
	var files []string
	for i, d := range []string{"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"} {
		files = append(files, mdFile("articles/a"+string(rune('1'+i))+".md", "title: Article "+string(rune('1'+i))+"\ndate: "+d+"\n", "Text."))
	}
	s := sitetest.Build(t, strings.Replace(clinicYAML, "timeZone:", "paginate: 2\ntimeZone:", 1)+strings.Join(files, ""))
	s.AssertOK()
	// Newest first: 5 4 | 3 2 | 1.
	want := map[string][]string{
		"articles/index.html":        {"/articles/a5/", "/articles/a4/"},
		"articles/page/2/index.html": {"/articles/a3/", "/articles/a2/"},
		"articles/page/3/index.html": {"/articles/a1/"},
	}
	for file, urls := range want {
		html := s.File(file)
		var got []string
		for _, a := range tags(between(html, "<main", "</main>"), "a") {
			if strings.HasPrefix(a["href"], "/articles/a") {
				got = append(got, a["href"])
			}
		}
		if !slices.Equal(got, urls) {
			t.Errorf("%s lists %v, want %v", file, got, urls)
		}
	}
	s.AssertFile("articles/index.html", `<link rel=next href=/articles/page/2/>`, "! rel=prev", "Page 1 of 3")
	s.AssertFile("articles/page/2/index.html", `<link rel=prev href=/articles/>`, `<link rel=next href=/articles/page/3/>`,
		"(page 2 of 3)", "<title>Articles, page 2 of 3 · Test Clinic</title>")
	s.AssertFile("articles/page/3/index.html", `<link rel=prev href=/articles/page/2/>`, "! rel=next")
	s.AssertNoFile("articles/page/1/index.html")
	s.AssertNoFile("articles/page/4/index.html")
}

func TestHomeShowsClinicServicesAndLatestArticles(t *testing.T) {
	var files []string
	for i := 1; i <= 6; i++ {
		n := string(rune('0' + i))
		files = append(files, mdFile("articles/a"+n+".md", "title: Article number "+n+"\ndate: 2026-01-0"+n+"\n", "Text."))
	}
	files = append(files,
		mdFile("services/urgent-care.md", "title: Urgent care\nweight: 1\ndescription: Same-day care.\n", "Walk in."),
		mdFile("services/telemedicine.md", "title: Telemedicine\nweight: 2\n", "Video visits."),
	)
	s := buildClinic(t, files...)
	home := s.File("index.html")
	s.AssertFile("index.html", "A neighbourhood clinic for tests.", "href=tel:+13015550100", "1 Main St", "Bladensburg",
		"Our services", "Same-day care.", "Latest health articles")
	services := between(home, `<section class=services`, `</section>`)
	if i, j := strings.Index(services, "/services/urgent-care/"), strings.Index(services, "/services/telemedicine/"); i < 0 || j < i {
		t.Errorf("home services out of weight order or missing:\n%s", services)
	}
	latest := between(home, `<section class=latest`, `</section>`)
	var got []string
	for _, a := range tags(latest, "a") {
		got = append(got, a["href"])
	}
	want := []string{"/articles/a6/", "/articles/a5/", "/articles/a4/", "/articles/a3/", "/articles/a2/", "/articles/"}
	if !slices.Equal(got, want) {
		t.Errorf("latest articles links %v, want %v", got, want)
	}
}

// unpublished are pages the publishing rules leave out at sitetest.Now()
// (2026-11-25 12:00 UTC, 07:00 in New York). Each shares the tag "flu",
// the section and words with the published page, so a term page, a feed or
// a related list would pick it up if the rules leaked.
var unpublished = []struct {
	file, slug, title, reason string
	line                      int
}{
	{"articles/drafted.md", "drafted", "Drafted flu piece", "draft", 5},
	{"articles/scheduled.md", "scheduled", "Scheduled flu piece", "scheduled", 3},
	// 10:00 in New York is 15:00 UTC, still ahead of Now: the date is read
	// in the site's time zone, not UTC.
	{"articles/later-today.md", "later-today", "Later today flu piece", "scheduled", 3},
	{"articles/publish-date.md", "publish-date", "Publish date flu piece", "scheduled", 4},
	{"articles/expired.md", "expired", "Expired flu piece", "expired", 4},
}

func publishingSite(t *testing.T) *sitetest.Site {
	return sitetest.Write(t, clinicYAML+
		mdFile("articles/published.md", "title: Flu shots now\ndate: 2026-10-01\ntags: [flu]\nauthor: writer\n", "Flu shots protect you every fall.")+
		mdFile("articles/drafted.md", "title: Drafted flu piece\ndate: 2026-10-02\ntags: [flu]\ndraft: true\nauthor: writer\n", "Flu shots protect you every fall.")+
		mdFile("articles/scheduled.md", "title: Scheduled flu piece\ndate: 2027-01-05\ntags: [flu]\nauthor: writer\n", "Flu shots protect you every fall.")+
		mdFile("articles/later-today.md", "title: Later today flu piece\ndate: 2026-11-25T10:00:00\ntags: [flu]\nauthor: writer\n", "Flu shots protect you every fall.")+
		mdFile("articles/publish-date.md", "title: Publish date flu piece\ndate: 2026-10-03\npublishDate: 2026-12-01\ntags: [flu]\nauthor: writer\n", "Flu shots protect you every fall.")+
		mdFile("articles/expired.md", "title: Expired flu piece\ndate: 2026-10-04\nexpiryDate: 2026-11-01\ntags: [flu]\nauthor: writer\n", "Flu shots protect you every fall.")+
		mdFile("services/urgent-care.md", "title: Urgent care\ntags: [flu]\n", "Flu shots protect you every fall."))
}

func TestPublishingRules(t *testing.T) {
	s := publishingSite(t).Rebuild()
	s.AssertOK()
	var got []site.Skip
	for _, sk := range s.Result.Project.Site.Skipped {
		got = append(got, site.Skip{Path: sk.Path, Reason: sk.Reason, Line: sk.Line})
	}
	var want []site.Skip
	for _, u := range unpublished {
		want = append(want, site.Skip{Path: "content/" + u.file, Reason: u.reason, Line: u.line})
	}
	sortSkips := func(a, b site.Skip) int { return strings.Compare(a.Path, b.Path) }
	slices.SortFunc(got, sortSkips)
	slices.SortFunc(want, sortSkips)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("skipped pages (-want +got):\n%s", diff)
	}
	// Left out of every output: pages, lists, term pages and their feeds,
	// related lists, people pages, the feeds and the sitemap.
	tree := sitetest.Tree(t, s.Public)
	for _, u := range unpublished {
		for file, content := range tree {
			if strings.Contains(content, "/articles/"+u.slug+"/") || strings.Contains(content, u.title) {
				t.Errorf("%s (%s) appears in %s", u.file, u.reason, file)
			}
		}
	}
	s.AssertFile("articles/published/index.html", "Flu shots now")
	s.AssertFile("tags/flu/index.html", "/articles/published/")
	s.AssertFile("index.xml", "/articles/published/")
}

func TestPublishingSwitches(t *testing.T) {
	for _, tt := range []struct {
		name string
		opt  func(*build.Options)
		in   []string // slugs now published
	}{
		{"drafts", func(o *build.Options) { o.Drafts = true }, []string{"drafted"}},
		{"future", func(o *build.Options) { o.Future = true }, []string{"scheduled", "later-today", "publish-date"}},
		{"expired", func(o *build.Options) { o.Expired = true }, []string{"expired"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := publishingSite(t)
			tt.opt(&s.Opt)
			s.Rebuild()
			s.AssertOK()
			for _, u := range unpublished {
				in := slices.Contains(tt.in, u.slug)
				if s.Exists("articles/"+u.slug+"/index.html") != in {
					t.Errorf("--%s: page %s published = %v, want %v", tt.name, u.slug, !in, in)
				}
				if in {
					s.AssertFile("tags/flu/index.html", "/articles/"+u.slug+"/")
				}
			}
			// A draft, scheduled or expired page shown on request is
			// still never offered to other machines.
			for _, slug := range tt.in {
				for _, f := range []string{"index.xml", "atom.xml", "feed.json", "sitemap.xml", "tags/flu/index.xml"} {
					s.AssertFile(f, "! /articles/"+slug+"/")
				}
			}
		})
	}
}

func TestLayoutLookup(t *testing.T) {
	s := sitetest.Write(t, clinicYAML+
		mdFile("articles/plain.md", "title: Plain article\ndate: 2026-01-01\n", "Text.")+
		mdFile("articles/special.md", "title: Special article\ndate: 2026-01-02\nlayout: special\n", "Text.")+
		mdFile("about.md", "title: Special page\nlayout: special\n", "Text.")+
		mdFile("services/urgent-care.md", "title: Urgent care\n", "Walk in."))
	s.Edit("layouts/_default/special.html", `{{define "main"}}<h1>{{.Page.Title}}</h1><p>default special layout</p>{{end}}`)
	s.Edit("layouts/articles/special.html", `{{define "main"}}<h1>{{.Page.Title}}</h1><p>articles special layout</p>{{end}}`)
	s.Edit("layouts/articles/article.html", `{{define "main"}}<h1>{{.Page.Title}}</h1><p>articles section layout</p>{{end}}`)
	s.Rebuild()
	s.AssertOK()
	// front matter layout in the section → front matter layout in
	// _default → the section's kind layout → _default's kind layout.
	s.AssertFile("articles/special/index.html", "articles special layout")
	s.AssertFile("about/index.html", "default special layout")
	s.AssertFile("articles/plain/index.html", "articles section layout", "! special layout")
	s.AssertFile("services/urgent-care/index.html", "Book or ask", "! layout</p>")
	// The base layout and partials still wrap an overriding layout.
	s.AssertFile("articles/plain/index.html", "class=help-strip", "class=site-footer")
}

// pngOf encodes a w×h PNG.
func pngOf(t *testing.T, w, h int) string {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestAssetsFingerprintedWithSRI(t *testing.T) {
	s := buildClinic(t, mdFile("about.md", "title: About\n", "Text."))
	links := tags(s.File("about/index.html"), "link")
	var css map[string]string
	for _, l := range links {
		if l["rel"] == "stylesheet" {
			css = l
		}
	}
	if css == nil {
		t.Fatalf("no stylesheet link in %v", links)
	}
	m := regexp.MustCompile(`^/css/main\.([0-9a-f]{10})\.css$`).FindStringSubmatch(css["href"])
	if m == nil {
		t.Fatalf("stylesheet %q is not fingerprinted", css["href"])
	}
	data := s.File(strings.TrimPrefix(css["href"], "/"))
	sum256 := sha256.Sum256([]byte(data))
	if hex.EncodeToString(sum256[:])[:10] != m[1] {
		t.Errorf("file name hash %s is not the content's", m[1])
	}
	sum384 := sha512.Sum384([]byte(data))
	if want := "sha384-" + base64.StdEncoding.EncodeToString(sum384[:]); css["integrity"] != want {
		t.Errorf("integrity %q, want %q", css["integrity"], want)
	}
	s.AssertNoFile("css/main.css")
	if strings.Count(data, "\n") > 1 {
		t.Errorf("CSS is not minified: %d lines", strings.Count(data, "\n"))
	}
}

func TestImagesGetSizeAndLazyLoading(t *testing.T) {
	s := sitetest.Write(t, clinicYAML+
		mdFile("articles/pictures.md", "title: Pictures\ndate: 2026-01-01\n",
			"A circle:\n\n![A red circle](circle.svg)\n\nA chart:\n\n![A bar chart](/images/chart.png)\n\n![](rule.svg \"decorative\")")+
		"-- content/articles/circle.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"37\" height=\"21\" viewBox=\"0 0 37 21\"><circle cx=\"10\" cy=\"10\" r=\"9\" fill=\"red\"/></svg>\n"+
		"-- content/articles/rule.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"2\" viewBox=\"0 0 300 2\"><rect width=\"300\" height=\"2\"/></svg>\n")
	chart := pngOf(t, 64, 48)
	s.Edit("assets/images/chart.png", chart)
	s.Rebuild()
	s.AssertOK()
	imgs := tags(between(s.File("articles/pictures/index.html"), "<main", "</main>"), "img")
	want := []map[string]string{
		{"src": "/articles/circle.svg", "alt": "A red circle", "width": "37", "height": "21", "decoding": "async"},
		{"src": "/images/chart.png", "alt": "A bar chart", "width": "64", "height": "48", "loading": "lazy", "decoding": "async"},
		{"src": "/articles/rule.svg", "alt": "", "width": "300", "height": "2", "loading": "lazy", "decoding": "async"},
	}
	for i := range imgs {
		delete(imgs[i], "title")
	}
	if diff := cmp.Diff(want, imgs); diff != "" {
		t.Errorf("images (-want +got):\n%s", diff)
	}
	if got := s.File("images/chart.png"); got != chart {
		t.Errorf("the PNG (no metadata, narrower than every copy) is not copied as it is")
	}
	s.AssertFile("articles/circle.svg", "<svg", "circle")
}

func TestOutputIsMinified(t *testing.T) {
	s := buildClinic(t,
		mdFile("articles/a.md", "title: A & B\ndate: 2026-01-01\ntags: [flu]\ndescription: First.\n", "Some   text\n\n- one\n- two"),
		mdFile("about.md", "title: About\n", "Text."),
		"-- content/articles/pic.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"   width=\"10\" height=\"10\">\n  <!-- a comment -->\n  <rect width=\"10\" height=\"10\"/>\n</svg>\n")
	m := assets.NewMinifier()
	for rel, content := range sitetest.Tree(t, s.Public) {
		mt := assets.MediaType(rel)
		switch path.Ext(rel) {
		case ".html", ".xml", ".json", ".svg", ".css":
		default:
			continue
		}
		again, err := m.Minify(mt, []byte(content))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if string(again) != content {
			t.Errorf("%s is not minified: minifying it again changes it", rel)
		}
		if strings.Contains(content, "\n  ") || strings.Contains(content, "<!--") {
			t.Errorf("%s keeps indentation or comments", rel)
		}
	}
}

func TestSampleSiteBuildsIdentically(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole sample site twice")
	}
	repo := sitetest.RepoRoot(t)
	opt := build.Options{Now: sitetest.Now()}
	var trees []map[string]string
	for range 2 {
		dest := filepath.Join(t.TempDir(), "public")
		res := build.Run(repo, dest, opt)
		if res.Diags.HasErrors() {
			t.Fatalf("the sample site has errors:\n%v", res.Diags.Err())
		}
		trees = append(trees, sitetest.Tree(t, dest))
	}
	if len(trees[0]) < 60 {
		t.Errorf("the sample site built only %d files", len(trees[0]))
	}
	if diff := cmp.Diff(trees[0], trees[1]); diff != "" {
		t.Errorf("two builds of the sample site differ (-first +second):\n%s", diff)
	}
}

func TestStaleFilesNeverSurvive(t *testing.T) {
	s := buildClinic(t,
		mdFile("articles/kept.md", "title: Kept\ndate: 2026-01-01\ntags: [kept]\n", "Text."),
		mdFile("articles/old.md", "title: Old\ndate: 2026-01-02\ntags: [gone]\n", "Text."),
		mdFile("articles/renamed.md", "title: Renamed\ndate: 2026-01-03\n", "Text."))
	for _, f := range []string{"articles/old/index.html", "tags/gone/index.html", "tags/gone/index.xml", "articles/renamed/index.html"} {
		if !s.Exists(f) {
			t.Fatalf("first build: %s missing", f)
		}
	}
	if err := os.WriteFile(filepath.Join(s.Public, "stray.html"), []byte("left by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Edit("content/articles/old.md", "")
	s.Edit("content/articles/renamed.md", "---\ntitle: Renamed\ndate: 2026-01-03\nslug: new-name\n---\nText.\n")
	s.Rebuild()
	s.AssertOK()
	for _, f := range []string{"articles/old/index.html", "tags/gone/index.html", "tags/gone/index.xml", "articles/renamed/index.html", "stray.html"} {
		s.AssertNoFile(f)
	}
	s.AssertFile("articles/new-name/index.html", "Renamed")
	s.AssertFile("sitemap.xml", "! /articles/old/", "! /tags/gone/", "/articles/new-name/")
}

// TestSymlinkOutsideSiteNotRead puts a symbolic link in content/ that leads
// to a file outside the site: the build refuses it and publishes nothing of
// it.
func TestSymlinkOutsideSiteNotRead(t *testing.T) {
	s := buildClinic(t, mdFile("about.md", "title: About\n", "Text."))
	before := sitetest.Tree(t, s.Public)
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	if err := os.WriteFile(secret, []byte("---\ntitle: Secret\n---\nTOP-SECRET-TEXT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(s.Root, "content", "secret.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(outside, filepath.Join(s.Root, "content", "elsewhere")); err != nil {
		t.Fatal(err)
	}
	// A link that stays inside the site is fine.
	if err := os.WriteFile(filepath.Join(s.Root, "shared.md"), []byte("---\ntitle: Shared\n---\nShared text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "shared.md"), filepath.Join(s.Root, "content", "shared.md")); err != nil {
		t.Fatal(err)
	}
	s.Rebuild()
	s.AssertFailed()
	s.AssertDiag("error", "content/secret.md", "leads outside the site folder")
	s.AssertDiag("error", "content/elsewhere", "leads outside the site folder")
	for _, d := range s.Diags() {
		if d.Path == "content/shared.md" {
			t.Errorf("a link inside the site is refused: %v", d)
		}
	}
	if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
		t.Errorf("public/ changed on a failed build:\n%s", diff)
	}
	// Once the outside links are gone, the inside one is published.
	for _, n := range []string{"secret.md", "elsewhere"} {
		if err := os.Remove(filepath.Join(s.Root, "content", n)); err != nil {
			t.Fatal(err)
		}
	}
	s.Rebuild()
	s.AssertOK()
	s.AssertFile("shared/index.html", "Shared text.")
	for rel, c := range sitetest.Tree(t, s.Public) {
		if strings.Contains(c, "TOP-SECRET-TEXT") {
			t.Errorf("%s holds text from outside the site", rel)
		}
	}
}
