package build_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/sitetest"
)

// Integration tests of issue 4's findability: the feeds, the sitemap,
// robots.txt, alias redirects and head metadata of a built site, parsed
// with encoding/xml and encoding/json and checked element by element.

// feedFiles are three articles (newest: peer, then flu, then old), a
// service and a page; only the articles belong in the feeds.
var feedFiles = []string{
	mdFile("articles/flu.md", "title: Flu shots & you\ndate: 2026-10-01T09:30:00\ndescription: Why and when.\n"+
		"tags: [flu, vaccines]\ncategories: [Vaccinations]\nauthor: writer\n", "First paragraph is the summary.\n\nSecond paragraph."),
	mdFile("articles/peer.md", "title: Peer support\ndate: 2026-10-05\nlastmod: 2026-10-20\nsummary: A custom summary.\n"+
		"tags: [peer support]\ncategories: [Mental health]\n", "Body text."),
	mdFile("articles/old.md", "title: An old one\ndate: 2025-01-01\ntags: [flu]\n", "Old text."),
	mdFile("services/urgent-care.md", "title: Urgent care\n", "Walk in."),
	mdFile("about.md", "title: About us\n", "We are a clinic."),
}

// xmlStrict decodes XML, refusing anything not well-formed.
func xmlStrict(t *testing.T, name, data string, v any) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(data))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s is not valid XML: %v\n%s", name, err, data)
	}
}

type xmlLink struct {
	XMLName xml.Name
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title         string    `xml:"title"`
		Links         []xmlLink `xml:"link"`
		Description   string    `xml:"description"`
		Language      string    `xml:"language"`
		LastBuildDate string    `xml:"lastBuildDate"`
		Items         []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				Value       string `xml:",chardata"`
			} `xml:"guid"`
			PubDate     string   `xml:"pubDate"`
			Description string   `xml:"description"`
			Categories  []string `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

// rssLinks splits a channel's <link> (text) from its <atom:link> (self).
func rssLinks(links []xmlLink) (link string, self xmlLink) {
	for _, l := range links {
		if l.XMLName.Space == "http://www.w3.org/2005/Atom" {
			self = l
		} else {
			link = l.Text
		}
	}
	return link, self
}

func TestRSSFeed(t *testing.T) {
	s := buildClinic(t, feedFiles...)
	var rss rssDoc
	xmlStrict(t, "index.xml", s.File("index.xml"), &rss)
	ch := rss.Channel
	link, self := rssLinks(ch.Links)
	if rss.Version != "2.0" || ch.Title != "Test Clinic" || link != "https://clinic.example/" ||
		ch.Description != "A neighbourhood clinic for tests." || ch.Language != "en-US" {
		t.Errorf("channel: version %q title %q link %q description %q language %q", rss.Version, ch.Title, link, ch.Description, ch.Language)
	}
	if self.Href != "https://clinic.example/index.xml" || self.Rel != "self" || self.Type != "application/rss+xml" {
		t.Errorf("atom:link self = %+v", self)
	}
	// RFC 822 dates with a four-digit year, in the site's time zone.
	if ch.LastBuildDate != "Tue, 20 Oct 2026 00:00:00 -0400" {
		t.Errorf("lastBuildDate %q", ch.LastBuildDate)
	}
	type item struct{ Title, Link, GUID, PermaLink, PubDate, Description, Categories string }
	var got []item
	for _, it := range ch.Items {
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("pubDate %q: %v", it.PubDate, err)
		}
		got = append(got, item{it.Title, it.Link, it.GUID.Value, it.GUID.IsPermaLink, it.PubDate, it.Description, strings.Join(it.Categories, "|")})
	}
	want := []item{
		{"Peer support", "https://clinic.example/articles/peer/", "https://clinic.example/articles/peer/", "true",
			"Mon, 05 Oct 2026 00:00:00 -0400", "A custom summary.", "peer support|Mental health"},
		{"Flu shots & you", "https://clinic.example/articles/flu/", "https://clinic.example/articles/flu/", "true",
			"Thu, 01 Oct 2026 09:30:00 -0400", "First paragraph is the summary.", "flu|vaccines|Vaccinations"},
		{"An old one", "https://clinic.example/articles/old/", "https://clinic.example/articles/old/", "true",
			"Wed, 01 Jan 2025 00:00:00 -0500", "Old text.", "flu"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RSS items (-want +got):\n%s", diff)
	}
}

func TestAtomFeed(t *testing.T) {
	s := buildClinic(t, feedFiles...)
	var feed struct {
		XMLName  xml.Name  `xml:"http://www.w3.org/2005/Atom feed"`
		Lang     string    `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Title    string    `xml:"title"`
		Subtitle string    `xml:"subtitle"`
		Links    []xmlLink `xml:"link"`
		ID       string    `xml:"id"`
		Updated  string    `xml:"updated"`
		Author   struct {
			Name string `xml:"name"`
			URI  string `xml:"uri"`
		} `xml:"author"`
		Entries []struct {
			Title     string  `xml:"title"`
			Link      xmlLink `xml:"link"`
			ID        string  `xml:"id"`
			Published string  `xml:"published"`
			Updated   string  `xml:"updated"`
			Author    struct {
				Name string `xml:"name"`
				URI  string `xml:"uri"`
			} `xml:"author"`
			Categories []struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
			Summary struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"summary"`
		} `xml:"entry"`
	}
	xmlStrict(t, "atom.xml", s.File("atom.xml"), &feed)
	if feed.Lang != "en-US" || feed.Title != "Test Clinic" || feed.Subtitle != "A neighbourhood clinic for tests." ||
		feed.ID != "https://clinic.example/" || feed.Updated != "2026-10-20T00:00:00-04:00" ||
		feed.Author.Name != "Test Clinic LLC" || feed.Author.URI != "https://clinic.example/" {
		t.Errorf("feed head: lang %q title %q subtitle %q id %q updated %q author %+v", feed.Lang, feed.Title, feed.Subtitle, feed.ID, feed.Updated, feed.Author)
	}
	var links []string
	for _, l := range feed.Links {
		links = append(links, l.Rel+" "+l.Type+" "+l.Href)
	}
	if want := []string{"self application/atom+xml https://clinic.example/atom.xml", "alternate text/html https://clinic.example/"}; !slices.Equal(links, want) {
		t.Errorf("feed links %q, want %q", links, want)
	}
	type entry struct{ Title, Link, ID, Published, Updated, Author, AuthorURI, Terms, Summary string }
	var got []entry
	for _, e := range feed.Entries {
		for _, d := range []string{e.Published, e.Updated} {
			if _, err := time.Parse(time.RFC3339, d); err != nil {
				t.Errorf("entry date %q: %v", d, err)
			}
		}
		if e.Link.Rel != "alternate" || e.Summary.Type != "text" {
			t.Errorf("entry %q: link rel %q, summary type %q", e.Title, e.Link.Rel, e.Summary.Type)
		}
		var terms []string
		for _, c := range e.Categories {
			terms = append(terms, c.Term)
		}
		got = append(got, entry{e.Title, e.Link.Href, e.ID, e.Published, e.Updated, e.Author.Name, e.Author.URI, strings.Join(terms, "|"), e.Summary.Text})
	}
	want := []entry{
		{"Peer support", "https://clinic.example/articles/peer/", "https://clinic.example/articles/peer/",
			"2026-10-05T00:00:00-04:00", "2026-10-20T00:00:00-04:00", "Test Clinic LLC", "https://clinic.example/", "peer support|Mental health", "A custom summary."},
		{"Flu shots & you", "https://clinic.example/articles/flu/", "https://clinic.example/articles/flu/",
			"2026-10-01T09:30:00-04:00", "2026-10-01T09:30:00-04:00", "Wren Writer", "https://clinic.example/people/writer/", "flu|vaccines|Vaccinations", "First paragraph is the summary."},
		{"An old one", "https://clinic.example/articles/old/", "https://clinic.example/articles/old/",
			"2025-01-01T00:00:00-05:00", "2025-01-01T00:00:00-05:00", "Test Clinic LLC", "https://clinic.example/", "flu", "Old text."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Atom entries (-want +got):\n%s", diff)
	}
}

func TestJSONFeed(t *testing.T) {
	s := buildClinic(t, feedFiles...)
	var feed map[string]any
	if err := json.Unmarshal([]byte(s.File("feed.json")), &feed); err != nil {
		t.Fatalf("feed.json: %v", err)
	}
	items := feed["items"]
	delete(feed, "items")
	wantHead := wantJSON(t, `{"version": "https://jsonfeed.org/version/1.1", "title": "Test Clinic",
		"home_page_url": "https://clinic.example/", "feed_url": "https://clinic.example/feed.json",
		"description": "A neighbourhood clinic for tests.", "language": "en-US",
		"authors": [{"name": "Test Clinic LLC", "url": "https://clinic.example/"}]}`)
	if diff := cmp.Diff(wantHead, feed); diff != "" {
		t.Errorf("feed.json head (-want +got):\n%s", diff)
	}
	var wantItems []any
	if err := json.Unmarshal([]byte(`[
	  {"id": "https://clinic.example/articles/peer/", "url": "https://clinic.example/articles/peer/", "title": "Peer support",
	   "summary": "A custom summary.", "content_text": "A custom summary.",
	   "date_published": "2026-10-05T00:00:00-04:00", "date_modified": "2026-10-20T00:00:00-04:00",
	   "authors": [{"name": "Test Clinic LLC", "url": "https://clinic.example/"}], "tags": ["peer support", "Mental health"]},
	  {"id": "https://clinic.example/articles/flu/", "url": "https://clinic.example/articles/flu/", "title": "Flu shots & you",
	   "summary": "First paragraph is the summary.", "content_text": "First paragraph is the summary.",
	   "date_published": "2026-10-01T09:30:00-04:00", "date_modified": "2026-10-01T09:30:00-04:00",
	   "authors": [{"name": "Wren Writer", "url": "https://clinic.example/people/writer/"}], "tags": ["flu", "vaccines", "Vaccinations"]},
	  {"id": "https://clinic.example/articles/old/", "url": "https://clinic.example/articles/old/", "title": "An old one",
	   "summary": "Old text.", "content_text": "Old text.",
	   "date_published": "2025-01-01T00:00:00-05:00", "date_modified": "2025-01-01T00:00:00-05:00",
	   "authors": [{"name": "Test Clinic LLC", "url": "https://clinic.example/"}], "tags": ["flu"]}
	]`), &wantItems); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantItems, items); diff != "" {
		t.Errorf("feed.json items (-want +got):\n%s", diff)
	}
}

func TestTermFeeds(t *testing.T) {
	s := buildClinic(t, feedFiles...)
	for file, want := range map[string][]string{
		"tags/flu/index.xml":                {"https://clinic.example/articles/flu/", "https://clinic.example/articles/old/"},
		"tags/peer-support/index.xml":       {"https://clinic.example/articles/peer/"},
		"categories/vaccinations/index.xml": {"https://clinic.example/articles/flu/"},
	} {
		var rss rssDoc
		xmlStrict(t, file, s.File(file), &rss)
		var got []string
		for _, it := range rss.Channel.Items {
			got = append(got, it.Link)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s items %v, want %v", file, got, want)
		}
		link, self := rssLinks(rss.Channel.Links)
		if base := "https://clinic.example/" + strings.TrimSuffix(file, "index.xml"); link != base || self.Href != base+"index.xml" {
			t.Errorf("%s: link %q, self %q", file, link, self.Href)
		}
	}
	var rss rssDoc
	xmlStrict(t, "tags/flu/index.xml", s.File("tags/flu/index.xml"), &rss)
	if rss.Channel.Title != "flu · Test Clinic" {
		t.Errorf("term feed title %q", rss.Channel.Title)
	}
}

func TestFeedLimitBaseURLAndFullContent(t *testing.T) {
	cfg := strings.Replace(clinicYAML, "health:", "feeds:\n  limit: 2\n  fullContent: true\nhealth:", 1)
	s := sitetest.Write(t, cfg+strings.Join(feedFiles, "")+
		mdFile("articles/linking.md", "title: Linking\ndate: 2026-10-10\n", "See [flu shots](flu.md) and [about](/about/) & \\<more>.\n\n![A dot](dot.svg)")+
		"-- content/articles/dot.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"></svg>\n")
	s.Opt.BaseURL = "https://preview.example.net/"
	s.Rebuild()
	s.AssertOK()
	var rss rssDoc
	xmlStrict(t, "index.xml", s.File("index.xml"), &rss)
	if n := len(rss.Channel.Items); n != 2 {
		t.Fatalf("%d items, want feeds.limit 2", n)
	}
	it := rss.Channel.Items[0]
	if it.Link != "https://preview.example.net/articles/linking/" {
		t.Errorf("item link %q does not use --base-url", it.Link)
	}
	// The whole article, with its links and images made absolute.
	for _, w := range []string{`href="https://preview.example.net/articles/flu/"`, `href="https://preview.example.net/about/"`,
		`src="https://preview.example.net/articles/dot.svg"`, "&amp; &lt;more&gt;"} {
		if !strings.Contains(it.Description, w) {
			t.Errorf("full-content item lacks %q:\n%s", w, it.Description)
		}
	}
	var feed struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(s.File("feed.json")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != 2 || !strings.Contains(feed.Items[0]["content_html"].(string), `href="https://preview.example.net/articles/flu/"`) {
		t.Errorf("feed.json items %v", feed.Items)
	}
	s.AssertFile("robots.txt", "Sitemap: https://preview.example.net/sitemap.xml")
}

// TestFeedsEscaping puts every character that needs care in XML and JSON
// into front matter and body: the feeds stay valid and say the same text.
func TestFeedsEscaping(t *testing.T) {
	const title = `Salt & pepper <b>not bold</b> "quoted" 'single' ]]> end`
	cfg := strings.Replace(clinicYAML, "health:", "feeds:\n  fullContent: true\nhealth:", 1)
	s := sitetest.Build(t, cfg+mdFile("articles/hard.md",
		"title: \"Salt & pepper <b>not bold</b> \\\"quoted\\\" 'single' ]]> end\\x01\"\ndate: 2026-10-01\n"+
			"description: \"Tab\\there & <there>\\x0b\"\ntags: [\"R&D <x>\"]\n",
		"Body with & and \\<angle> and \"quotes\" and ]]> too.\x0b Vertical tab."))
	s.AssertOK()
	var rss rssDoc
	xmlStrict(t, "index.xml", s.File("index.xml"), &rss)
	it := rss.Channel.Items[0]
	if it.Title != title {
		t.Errorf("RSS title %q, want %q", it.Title, title)
	}
	if !slices.Equal(it.Categories, []string{"R&D <x>"}) {
		t.Errorf("RSS categories %q", it.Categories)
	}
	if !strings.Contains(it.Description, "&amp; and &lt;angle&gt;") || !strings.Contains(it.Description, "]]&gt; too.") {
		t.Errorf("RSS description %q", it.Description)
	}
	var atom struct {
		Entries []struct {
			Title   string `xml:"title"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	xmlStrict(t, "atom.xml", s.File("atom.xml"), &atom)
	if atom.Entries[0].Title != title || !strings.Contains(atom.Entries[0].Content, "&lt;angle&gt;") {
		t.Errorf("Atom entry %+v", atom.Entries[0])
	}
	var rssTag rssDoc
	xmlStrict(t, "tag feed", s.File("tags/r-d-x/index.xml"), &rssTag)
	var jf struct {
		Items []struct {
			Title       string   `json:"title"`
			Summary     string   `json:"summary"`
			ContentHTML string   `json:"content_html"`
			Tags        []string `json:"tags"`
		} `json:"items"`
	}
	data := s.File("feed.json")
	if err := json.Unmarshal([]byte(data), &jf); err != nil {
		t.Fatalf("feed.json: %v", err)
	}
	if jf.Items[0].Title != title || !slices.Equal(jf.Items[0].Tags, []string{"R&D <x>"}) || !strings.Contains(jf.Items[0].ContentHTML, "&lt;angle&gt;") {
		t.Errorf("feed.json item %+v", jf.Items[0])
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	xmlStrict(t, "sitemap.xml", s.File("sitemap.xml"), &sm)
	// Nor does the page, its head or its JSON-LD: the model drops them from
	// titles, descriptions and summaries, and the body's become spaces with
	// a warning.
	page := s.File("articles/hard/index.html")
	if strings.ContainsAny(page, "\x01\x0b") || strings.Contains(page, `\u0001`) || strings.Contains(page, `\u000b`) {
		t.Errorf("the page holds a control character:\n%q", page)
	}
	s.AssertDiag("warning", "content/articles/hard.md:7:", "invisible control character (U+000B) replaced with a space")
	// No feed carries a control character XML 1.0 forbids.
	for _, f := range []string{"index.xml", "atom.xml", "feed.json", "sitemap.xml", "tags/r-d-x/index.xml"} {
		if c := s.File(f); strings.ContainsAny(c, "\x01\x0b") || bytes.Contains([]byte(c), []byte(`\u0001`)) {
			t.Errorf("%s holds a control character", f)
		}
	}
}

type sitemapDoc struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

// TestSitemap checks that sitemap.xml lists exactly the built pages (not
// the 404 page or alias redirects), each with its lastmod, and that
// robots.txt names it.
func TestSitemap(t *testing.T) {
	files := append([]string{}, feedFiles...)
	files = append(files, mdFile("articles/moved.md", "title: Moved\ndate: 2026-09-01\naliases: [/old-moved/]\n", "Text."))
	s := buildClinic(t, files...)
	var sm sitemapDoc
	xmlStrict(t, "sitemap.xml", s.File("sitemap.xml"), &sm)
	got := map[string]string{}
	var locs []string
	for _, u := range sm.URLs {
		if _, dup := got[u.Loc]; dup {
			t.Errorf("%s listed twice", u.Loc)
		}
		got[u.Loc] = u.Lastmod
		locs = append(locs, u.Loc)
		if u.Lastmod != "" {
			if _, err := time.Parse(time.RFC3339, u.Lastmod); err != nil {
				t.Errorf("%s lastmod %q: %v", u.Loc, u.Lastmod, err)
			}
		}
	}
	if !slices.IsSorted(locs) {
		t.Errorf("sitemap not sorted: %v", locs)
	}
	tree := sitetest.Tree(t, s.Public)
	var want []string
	for _, f := range pageFiles(tree) {
		if f == "404.html" {
			continue
		}
		want = append(want, "https://clinic.example/"+strings.TrimSuffix(f, "index.html"))
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, locs); diff != "" {
		t.Errorf("sitemap locs differ from the built pages (-pages +sitemap):\n%s", diff)
	}
	for loc, lastmod := range map[string]string{
		"https://clinic.example/articles/peer/":        "2026-10-20T00:00:00-04:00", // lastmod
		"https://clinic.example/articles/flu/":         "2026-10-01T09:30:00-04:00", // date
		"https://clinic.example/articles/":             "2026-10-20T00:00:00-04:00", // newest it lists
		"https://clinic.example/tags/flu/":             "2026-10-01T09:30:00-04:00",
		"https://clinic.example/":                      "2026-10-20T00:00:00-04:00",
		"https://clinic.example/about/":                "", // no date: no lastmod
		"https://clinic.example/services/urgent-care/": "",
	} {
		if got[loc] != lastmod {
			t.Errorf("%s lastmod %q, want %q", loc, got[loc], lastmod)
		}
	}
	s.AssertFile("robots.txt", "User-agent: *\nAllow: /\n", "Sitemap: https://clinic.example/sitemap.xml\n")
	s.AssertFile("404.html", "<h1>Page not found</h1>")
}

func TestAliasRedirects(t *testing.T) {
	s := buildClinic(t, mdFile("articles/flu.md",
		"title: Flu shots\ndate: 2026-01-01\naliases: [/old-flu/, /2019/05/flu-shots.html, /wp/flu.php, \"/?p=12\", \"/index.php?p=12&lang=en\"]\n", "Text."))
	// A query string cannot be a static file. One argument (WordPress's
	// /?p=12) becomes a Netlify query rule and an nginx $arg_ test; any
	// other query is a warning at the aliases line.
	s.AssertDiag("warning", "content/articles/flu.md:4:", "alias /index.php?p=12&lang=en has a query string")
	for _, d := range s.Diags() {
		if strings.Contains(d.Msg, "/?p=12") {
			t.Errorf("the one-argument query alias is reported: %v", d)
		}
		if strings.Contains(d.Msg, "/?p=12/") {
			t.Errorf("the alias is reported changed: %v", d)
		}
	}
	for _, f := range []string{"old-flu/index.html", "2019/05/flu-shots.html"} {
		page := s.File(f)
		var refresh, canonical, robots string
		for _, m := range tags(page, "meta") {
			if m["http-equiv"] == "refresh" {
				refresh = m["content"]
			}
			if m["name"] == "robots" {
				robots = m["content"]
			}
		}
		for _, l := range tags(page, "link") {
			if l["rel"] == "canonical" {
				canonical = l["href"]
			}
		}
		if refresh != "0; url=https://clinic.example/articles/flu/" || canonical != "https://clinic.example/articles/flu/" || robots != "noindex" {
			t.Errorf("%s: refresh %q canonical %q robots %q", f, refresh, canonical, robots)
		}
		s.AssertFile(f, `href=https://clinic.example/articles/flu/>Flu shots</a>`)
	}
	s.AssertNoFile("wp/flu.php")
	if got, want := s.File("_redirects"), "/ p=12 /articles/flu/ 301\n/2019/05/flu-shots.html /articles/flu/ 301\n/old-flu /articles/flu/ 301\n/old-flu/ /articles/flu/ 301\n/wp/flu.php /articles/flu/ 301\n"; got != want {
		t.Errorf("_redirects:\n%s\nwant\n%s", got, want)
	}
	// The alias typed without its slash is one hop on nginx too.
	s.AssertFile("_nginx.conf", "location = \"/old-flu\" {\n    return 301 \"/articles/flu/\";\n}", "if ($arg_p = \"12\") {\n        return 301 \"/articles/flu/\";")
	s.AssertFile("sitemap.xml", "! old-flu", "! flu-shots.html")
}

// TestAliasClashFailsBuild: an alias two pages claim is an error from the
// feeds stage, and it fails the build (it used to be dropped).
func TestAliasClashFailsBuild(t *testing.T) {
	s, before := goodSite(t)
	s.Edit("content/articles/a.md", "---\ntitle: A\ndate: 2026-01-02\naliases: [/old/]\n---\nText.\n")
	s.Edit("content/articles/b.md", "---\ntitle: B\ndate: 2026-01-03\naliases: [/old/]\n---\nText.\n")
	s.Rebuild()
	s.AssertFailed()
	s.AssertDiag("error", "content/articles/b.md:4:", "alias /old/ is also claimed by content/articles/a.md")
	if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
		t.Errorf("public/ changed on a failed build:\n%s", diff)
	}
}

func TestHeadMetadata(t *testing.T) {
	s := buildClinic(t,
		mdFile("articles/pic.md", "title: With a picture\ndate: 2026-03-01\ndescription: A described page.\nimage: pic.svg\nimageAlt: A red square\n",
			"Body.\n\n![A red square](pic.svg)"),
		"-- content/articles/pic.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"60\"></svg>\n",
		mdFile("articles/plain.md", "title: Plain\ndate: 2026-03-02\n", "The first paragraph stands in.\n\nMore."),
		// A share image only in the front matter is found as a body image is.
		mdFile("articles/share-only.md", "title: Share only\ndate: 2026-03-03\nimage: /images/card.svg\nimageAlt: A card\n", "Body."),
		"-- content/images/card.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"></svg>\n")
	meta := func(file string) map[string]string {
		m := map[string]string{}
		page := s.File(file)
		for _, a := range tags(between(page, "<head", "</head>"), "meta") {
			if k := a["name"] + a["property"]; k != "" {
				m[k] = a["content"]
			}
		}
		for _, a := range tags(between(page, "<head", "</head>"), "link") {
			if a["rel"] == "canonical" {
				m["canonical"] = a["href"]
			}
		}
		m["title"] = text(strings.TrimPrefix(between(page, "<title>", "</title>"), "<title>"))
		return m
	}
	want := map[string]string{
		"title": "With a picture · Test Clinic", "description": "A described page.", "canonical": "https://clinic.example/articles/pic/",
		"og:title": "With a picture", "og:description": "A described page.", "og:url": "https://clinic.example/articles/pic/",
		"og:type": "article", "og:site_name": "Test Clinic", "og:image": "https://clinic.example/articles/pic.svg",
		"og:image:alt": "A red square", "og:image:width": "120", "og:image:height": "60", "twitter:card": "summary_large_image",
		"twitter:image:alt":      "A red square",
		"article:published_time": "2026-03-01T00:00:00-05:00", "viewport": "width=device-width,initial-scale=1",
	}
	if diff := cmp.Diff(want, meta("articles/pic/index.html")); diff != "" {
		t.Errorf("head of an article with an image (-want +got):\n%s", diff)
	}
	plain := meta("articles/plain/index.html")
	if plain["description"] != "The first paragraph stands in." || plain["og:description"] != plain["description"] || plain["twitter:card"] != "summary" {
		t.Errorf("head of an article without description or image: %v", plain)
	}
	share := meta("articles/share-only/index.html")
	if share["og:image"] != "https://clinic.example/images/card.svg" || share["og:image:width"] != "1200" || share["og:image:height"] != "630" {
		t.Errorf("front-matter-only share image: %v", share)
	}
	if img := node(t, jsonLD(t, s.File("articles/share-only/index.html")), "BlogPosting")["image"].(map[string]any); img["url"] != "https://clinic.example/images/card.svg" || img["width"] != 1200.0 {
		t.Errorf("JSON-LD image %v", img)
	}
	home := meta("index.html")
	if home["title"] != "Test Clinic" || home["og:type"] != "website" || home["canonical"] != "https://clinic.example/" || home["description"] != "A neighbourhood clinic for tests." {
		t.Errorf("home head: %v", home)
	}
	if nf := meta("404.html"); nf["canonical"] != "" {
		t.Errorf("the 404 page has a canonical URL %q", nf["canonical"])
	}
}
