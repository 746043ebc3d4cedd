package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// day is a test date, written at -04:00 so that offsets show.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 9, 30, 0, 0, time.FixedZone("EDT", -4*3600))
}

// now is the build's clock: after every published date, before future.md.
func now() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

// hardTitle has every character that needs care in XML and JSON, and a
// control character XML 1.0 forbids.
const hardTitle = "Salt & pepper <b>not bold</b> \"quoted\"\x01 ok"

// cleanTitle is hardTitle as it must read after decoding.
const cleanTitle = "Salt & pepper <b>not bold</b> \"quoted\" ok"

func loadConfig(t *testing.T, edit func(*config.Config)) *config.Config {
	t.Helper()
	src, err := os.ReadFile("testdata/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, ds := config.Load(src)
	if ds.HasErrors() {
		t.Fatalf("config: %v", ds)
	}
	if edit != nil {
		edit(&cfg)
	}
	return &cfg
}

func doc(path string, fm markdown.FrontMatter, summary string) site.Input {
	if fm.Lines == nil {
		fm.Lines = map[string]int{"title": 2, "aliases": 4}
	}
	return site.Input{Doc: &markdown.Doc{
		Path: path, FM: fm, Summary: summary,
		FrontSrc: []byte("---\ntitle: x\ndate: 2026-01-01\naliases: [x]\n---\n"),
	}}
}

// testSite is a small site with every publishing state: three published
// articles, a draft, a scheduled and an expired one, two services, two
// top-level pages and a home page.
func testSite(t *testing.T, edit func(*config.Config), extra ...site.Input) *site.Site {
	t.Helper()
	cfg := loadConfig(t, edit)
	in := []site.Input{
		doc("content/_index.md", markdown.FrontMatter{Title: "Welcome", Description: "Home description."}, ""),
		doc("content/articles/salt.md", markdown.FrontMatter{
			Title: hardTitle, Date: day(2026, 3, 1), Lastmod: day(2026, 3, 5),
			Tags: []string{"peer support"}, Categories: []string{"Mental Health"},
			Author: "writer", ReviewedBy: "reviewer", LastReviewed: day(2026, 3, 1),
			Image:   "salt.svg",
			Aliases: []string{"/old/salt/", "/2019/01/salt.html", "/salt.php", "/?p=12", "/index.php?p=12&lang=en"},
		}, "Summary with & and <tags> and \x02 a control character."),
		doc("content/articles/older.md", markdown.FrontMatter{
			Title: "Older article", Date: day(2026, 1, 10), Tags: []string{"vaccines"},
		}, "Older summary."),
		doc("content/articles/third.md", markdown.FrontMatter{
			Title: "Third article", Date: day(2026, 2, 15), Tags: []string{"vaccines"},
		}, "Third summary."),
		doc("content/articles/draft.md", markdown.FrontMatter{
			Title: "Draft article", Date: day(2026, 2, 1), Draft: true, Tags: []string{"peer support", "drafty"},
		}, "Draft summary."),
		doc("content/articles/future.md", markdown.FrontMatter{
			Title: "Future article", Date: day(2027, 1, 1), Tags: []string{"peer support"},
		}, "Future summary."),
		doc("content/articles/expired.md", markdown.FrontMatter{
			Title: "Expired article", Date: day(2025, 1, 1), ExpiryDate: day(2026, 5, 1), Tags: []string{"peer support"},
		}, "Expired summary."),
		doc("content/services/urgent-care.md", markdown.FrontMatter{
			Title: "Urgent care", Weight: 1, Tags: []string{"urgent care"},
		}, "Urgent care summary."),
		doc("content/services/peer-support-program.md", markdown.FrontMatter{
			Title: "Peer support program", Weight: 2, Tags: []string{"peer support"}, Lastmod: day(2026, 2, 2),
		}, "Peer support summary."),
		doc("content/contact.md", markdown.FrontMatter{Title: "Contact"}, "Contact us."),
	}
	in = append(in, extra...)
	s, ds := site.Build(cfg, in, site.Options{Now: now()})
	if ds.HasErrors() {
		t.Fatalf("site.Build: %v", ds)
	}
	return s
}

func files(t *testing.T, fs []File) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	for _, f := range fs {
		if _, dup := m[f.Path]; dup {
			t.Errorf("file %s written twice", f.Path)
		}
		m[f.Path] = f.Data
	}
	return m
}

func build(t *testing.T, s *site.Site, content func(*site.Page) []byte) (map[string][]byte, diag.List) {
	t.Helper()
	fs, ds := Build(s, content)
	return files(t, fs), ds
}

// The parsed shapes, written from the specs rather than reusing the
// package's own structs, so a wrong tag there fails here.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title         string `xml:"title"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		// Links holds both <link> and <atom:link>; see rssDoc.link and
		// rssDoc.self.
		Links []struct {
			XMLName xml.Name
			Href    string `xml:"href,attr"`
			Rel     string `xml:"rel,attr"`
			Type    string `xml:"type,attr"`
			Text    string `xml:",chardata"`
		} `xml:"link"`
		Items []rssItemDoc `xml:"item"`
	} `xml:"channel"`
}

// link is the channel's RSS <link>.
func (r rssDoc) link() string {
	for _, l := range r.Channel.Links {
		if l.XMLName.Space == "" {
			return l.Text
		}
	}
	return ""
}

// self is the channel's <atom:link>: href, rel and type.
func (r rssDoc) self() []string {
	for _, l := range r.Channel.Links {
		if l.XMLName.Space == atomNS {
			return []string{l.Href, l.Rel, l.Type}
		}
	}
	return nil
}

type rssItemDoc struct {
	Title string `xml:"title"`
	Link  string `xml:"link"`
	GUID  struct {
		IsPermaLink string `xml:"isPermaLink,attr"`
		Value       string `xml:",chardata"`
	} `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description"`
	Categories  []string `xml:"category"`
}

func parseRSS(t *testing.T, data []byte) rssDoc {
	t.Helper()
	var r rssDoc
	if err := xml.Unmarshal(data, &r); err != nil {
		t.Fatalf("RSS does not parse: %v\n%s", err, data)
	}
	return r
}

func TestRSS(t *testing.T) {
	out, _ := build(t, testSite(t, nil), nil)
	r := parseRSS(t, out["index.xml"])
	if r.Version != "2.0" {
		t.Errorf("version = %q", r.Version)
	}
	ch := r.Channel
	got := append([]string{ch.Title, r.link(), ch.Description, ch.Language, ch.LastBuildDate}, r.self()...)
	want := []string{`Test & "Clinic" <Site>`, "https://clinic.example/", "Home description.", "en-US", "Thu, 05 Mar 2026 09:30:00 -0400",
		"https://clinic.example/index.xml", "self", "application/rss+xml"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("channel (-want +got):\n%s", d)
	}
	wantItems := []rssItemDoc{
		{Title: cleanTitle, Link: "https://clinic.example/articles/salt/", PubDate: "Sun, 01 Mar 2026 09:30:00 -0400",
			Description: "Summary with & and <tags> and  a control character.", Categories: []string{"peer support", "Mental Health"}},
		{Title: "Third article", Link: "https://clinic.example/articles/third/", PubDate: "Sun, 15 Feb 2026 09:30:00 -0400",
			Description: "Third summary.", Categories: []string{"vaccines"}},
		{Title: "Older article", Link: "https://clinic.example/articles/older/", PubDate: "Sat, 10 Jan 2026 09:30:00 -0400",
			Description: "Older summary.", Categories: []string{"vaccines"}},
	}
	for i := range wantItems {
		wantItems[i].GUID.IsPermaLink = "true"
		wantItems[i].GUID.Value = wantItems[i].Link
	}
	if d := cmp.Diff(wantItems, ch.Items); d != "" {
		t.Errorf("items (-want +got):\n%s", d)
	}
	for _, it := range ch.Items {
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("pubDate %q is not RFC 1123Z: %v", it.PubDate, err)
		}
	}
}

func TestRSSLimitAndFullContent(t *testing.T) {
	s := testSite(t, func(c *config.Config) { c.Feeds.Limit = 1; c.Feeds.FullContent = true })
	content := func(p *site.Page) []byte {
		return []byte(`<p>See <a href="/services/urgent-care/">care</a>, <img src="/images/x.png" alt="x">, ` +
			`<a href="//cdn.example/x">cdn</a> and <a href="#fn1">note</a>. A ]]> in text` + "\x03" + `.</p>`)
	}
	out, _ := build(t, s, content)
	wantBody := `<p>See <a href="https://clinic.example/services/urgent-care/">care</a>, <img src="https://clinic.example/images/x.png" alt="x">, ` +
		`<a href="//cdn.example/x">cdn</a> and <a href="#fn1">note</a>. A ]]> in text.</p>`

	r := parseRSS(t, out["index.xml"])
	if len(r.Channel.Items) != 1 || r.Channel.Items[0].Title != cleanTitle {
		t.Fatalf("limit 1: items = %+v", r.Channel.Items)
	}
	if d := cmp.Diff(wantBody, r.Channel.Items[0].Description); d != "" {
		t.Errorf("RSS full content (-want +got):\n%s", d)
	}

	var a atomDoc
	if err := xml.Unmarshal(out["atom.xml"], &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Entries) != 1 || a.Entries[0].Content.Type != "html" || a.Entries[0].Summary.Text != "" {
		t.Fatalf("atom entries = %+v", a.Entries)
	}
	if d := cmp.Diff(wantBody, a.Entries[0].Content.Text); d != "" {
		t.Errorf("Atom content (-want +got):\n%s", d)
	}

	var j jsonFeedDoc
	if err := json.Unmarshal(out["feed.json"], &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Items) != 1 || j.Items[0].ContentText != "" {
		t.Fatalf("json items = %+v", j.Items)
	}
	if d := cmp.Diff(wantBody, j.Items[0].ContentHTML); d != "" {
		t.Errorf("JSON Feed content_html (-want +got):\n%s", d)
	}
}

type atomDoc struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title    string   `xml:"http://www.w3.org/2005/Atom title"`
	Subtitle string   `xml:"http://www.w3.org/2005/Atom subtitle"`
	ID       string   `xml:"http://www.w3.org/2005/Atom id"`
	Updated  string   `xml:"http://www.w3.org/2005/Atom updated"`
	Links    []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Author  atomPersonDoc  `xml:"http://www.w3.org/2005/Atom author"`
	Entries []atomEntryDoc `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomPersonDoc struct {
	Name string `xml:"http://www.w3.org/2005/Atom name"`
	URI  string `xml:"http://www.w3.org/2005/Atom uri"`
}

type atomTextDoc struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntryDoc struct {
	Title string `xml:"http://www.w3.org/2005/Atom title"`
	Link  struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	ID         string        `xml:"http://www.w3.org/2005/Atom id"`
	Published  string        `xml:"http://www.w3.org/2005/Atom published"`
	Updated    string        `xml:"http://www.w3.org/2005/Atom updated"`
	Author     atomPersonDoc `xml:"http://www.w3.org/2005/Atom author"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
	Summary atomTextDoc `xml:"http://www.w3.org/2005/Atom summary"`
	Content atomTextDoc `xml:"http://www.w3.org/2005/Atom content"`
}

func TestAtom(t *testing.T) {
	out, _ := build(t, testSite(t, nil), nil)
	var a atomDoc
	if err := xml.Unmarshal(out["atom.xml"], &a); err != nil {
		t.Fatalf("Atom does not parse: %v\n%s", err, out["atom.xml"])
	}
	head := []string{a.Lang, a.Title, a.Subtitle, a.ID, a.Updated, a.Author.Name, a.Author.URI}
	wantHead := []string{"en-US", `Test & "Clinic" <Site>`, "Home description.", "https://clinic.example/",
		"2026-03-05T09:30:00-04:00", "Test Clinic LLC", "https://clinic.example/"}
	if d := cmp.Diff(wantHead, head); d != "" {
		t.Errorf("feed head (-want +got):\n%s", d)
	}
	if len(a.Links) != 2 || a.Links[0].Rel != "self" || a.Links[0].Href != "https://clinic.example/atom.xml" {
		t.Errorf("links = %+v", a.Links)
	}
	if len(a.Entries) != 3 {
		t.Fatalf("entries = %d, want 3 (no draft, future or expired)", len(a.Entries))
	}
	e := a.Entries[0]
	got := []string{e.Title, e.Link.Href, e.Link.Rel, e.ID, e.Published, e.Updated, e.Author.Name, e.Author.URI, e.Summary.Type, e.Summary.Text, e.Categories[0].Term, e.Categories[1].Term}
	want := []string{cleanTitle, "https://clinic.example/articles/salt/", "alternate", "https://clinic.example/articles/salt/",
		"2026-03-01T09:30:00-04:00", "2026-03-05T09:30:00-04:00", "Wren Writer", "https://clinic.example/people/writer/",
		"text", "Summary with & and <tags> and  a control character.", "peer support", "Mental Health"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("first entry (-want +got):\n%s", d)
	}
	// An entry without an author names the clinic.
	if a.Entries[2].Author.Name != "Test Clinic LLC" || a.Entries[2].Updated != "2026-01-10T09:30:00-04:00" {
		t.Errorf("last entry = %+v", a.Entries[2])
	}
	for _, s := range []string{a.Updated, e.Published, e.Updated} {
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			t.Errorf("%q is not RFC 3339", s)
		}
	}
}

type jsonFeedDoc struct {
	Version     string `json:"version"`
	Title       string `json:"title"`
	HomePageURL string `json:"home_page_url"`
	FeedURL     string `json:"feed_url"`
	Language    string `json:"language"`
	Items       []struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		Summary       string   `json:"summary"`
		ContentHTML   string   `json:"content_html"`
		ContentText   string   `json:"content_text"`
		Image         string   `json:"image"`
		DatePublished string   `json:"date_published"`
		DateModified  string   `json:"date_modified"`
		Tags          []string `json:"tags"`
		Authors       []struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"authors"`
	} `json:"items"`
}

func TestJSONFeed(t *testing.T) {
	out, _ := build(t, testSite(t, nil), nil)
	var j jsonFeedDoc
	if err := json.Unmarshal(out["feed.json"], &j); err != nil {
		t.Fatalf("feed.json does not parse: %v", err)
	}
	head := []string{j.Version, j.Title, j.HomePageURL, j.FeedURL, j.Language}
	if d := cmp.Diff([]string{"https://jsonfeed.org/version/1.1", `Test & "Clinic" <Site>`, "https://clinic.example/", "https://clinic.example/feed.json", "en-US"}, head); d != "" {
		t.Errorf("head (-want +got):\n%s", d)
	}
	if len(j.Items) != 3 {
		t.Fatalf("items = %d, want 3", len(j.Items))
	}
	it := j.Items[0]
	got := []string{it.ID, it.URL, it.Title, it.Summary, it.ContentText, it.ContentHTML, it.Image, it.DatePublished, it.DateModified, it.Authors[0].Name, it.Authors[0].URL}
	want := []string{"https://clinic.example/articles/salt/", "https://clinic.example/articles/salt/", cleanTitle,
		"Summary with & and <tags> and  a control character.", "Summary with & and <tags> and  a control character.", "",
		"https://clinic.example/articles/salt/salt.svg", "2026-03-01T09:30:00-04:00", "2026-03-05T09:30:00-04:00",
		"Wren Writer", "https://clinic.example/people/writer/"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("first item (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"peer support", "Mental Health"}, it.Tags); d != "" {
		t.Errorf("tags (-want +got):\n%s", d)
	}
}

func TestTermFeeds(t *testing.T) {
	out, _ := build(t, testSite(t, nil), nil)
	tests := []struct {
		path, title string
		links       []string
	}{
		{"tags/peer-support/index.xml", `peer support · Test & "Clinic" <Site>`,
			[]string{"https://clinic.example/articles/salt/", "https://clinic.example/services/peer-support-program/"}},
		{"tags/vaccines/index.xml", `vaccines · Test & "Clinic" <Site>`, []string{"https://clinic.example/articles/third/", "https://clinic.example/articles/older/"}},
		{"categories/mental-health/index.xml", `Mental Health · Test & "Clinic" <Site>`, []string{"https://clinic.example/articles/salt/"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			data, ok := out[tt.path]
			if !ok {
				t.Fatalf("no %s", tt.path)
			}
			r := parseRSS(t, data)
			var links []string
			for _, it := range r.Channel.Items {
				links = append(links, it.Link)
			}
			if d := cmp.Diff(tt.links, links); d != "" {
				t.Errorf("items (-want +got):\n%s", d)
			}
			if self := r.self(); r.Channel.Title != tt.title || len(self) == 0 || self[0] != "https://clinic.example/"+tt.path {
				t.Errorf("title %q, self %q", r.Channel.Title, self)
			}
		})
	}
	// The draft-only tag has no term page, so no feed.
	if _, ok := out["tags/drafty/index.xml"]; ok {
		t.Error("a feed for a tag used only by a draft")
	}
}

// TestNeverUnpublished looks for the unpublished pages' titles and URLs in
// every file, also when a dev build lets them into the model.
func TestNeverUnpublished(t *testing.T) {
	for _, opt := range []site.Options{{Now: now()}, {Now: now(), Drafts: true, Future: true, Expired: true}} {
		cfg := loadConfig(t, nil)
		var in []site.Input
		for _, n := range []string{"draft", "future", "expired"} {
			fm := markdown.FrontMatter{Title: "Secret " + n, Date: day(2026, 2, 1), Tags: []string{"secret-" + n}}
			switch n {
			case "draft":
				fm.Draft = true
			case "future":
				fm.Date = day(2027, 1, 1)
			case "expired":
				fm.ExpiryDate = day(2026, 3, 1)
			}
			in = append(in, doc("content/articles/"+n+".md", fm, "Secret summary."))
		}
		in = append(in, doc("content/articles/shown.md", markdown.FrontMatter{Title: "Shown", Date: day(2026, 1, 1), Tags: []string{"peer support"}}, "Shown."))
		s, _ := site.Build(cfg, in, opt)
		fs, _ := Build(s, func(*site.Page) []byte { return []byte("<p>body</p>") })
		for _, f := range fs {
			for _, bad := range []string{"Secret", "secret-", "/articles/draft/", "/articles/future/", "/articles/expired/"} {
				if bytes.Contains(f.Data, []byte(bad)) {
					t.Errorf("drafts=%v: %s contains %q", opt.Drafts, f.Path, bad)
				}
			}
		}
		if !bytes.Contains(files(t, fs)["index.xml"], []byte("/articles/shown/")) {
			t.Errorf("drafts=%v: the published article is missing", opt.Drafts)
		}
	}
}

func TestSitemap(t *testing.T) {
	out, _ := build(t, testSite(t, nil), nil)
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			Lastmod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(out["sitemap.xml"], &set); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, out["sitemap.xml"])
	}
	var got []string
	for _, u := range set.URLs {
		got = append(got, strings.TrimPrefix(u.Loc, "https://clinic.example")+" "+u.Lastmod)
	}
	const salt, third, older, peer = "2026-03-05T09:30:00-04:00", "2026-02-15T09:30:00-04:00", "2026-01-10T09:30:00-04:00", "2026-02-02T09:30:00-04:00"
	want := []string{
		"/ " + salt, // home: its newest article
		"/articles/ " + salt,
		"/articles/older/ " + older,
		"/articles/page/2/ " + older, // pager page 2 lists only the older article
		"/articles/salt/ " + salt,
		"/articles/third/ " + third,
		"/categories/ " + salt,
		"/categories/mental-health/ " + salt,
		"/contact/ ", // no date: no lastmod
		"/people/ " + salt,
		"/people/reviewer/ " + salt,
		"/people/writer/ " + salt,
		"/services/ " + peer,
		"/services/peer-support-program/ " + peer,
		"/services/urgent-care/ ",
		"/tags/ " + salt,
		"/tags/peer-support/ " + salt,
		"/tags/urgent-care/ ",
		"/tags/vaccines/ " + third,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sitemap (-want +got):\n%s", d)
	}
}

func TestRobots(t *testing.T) {
	out, _ := build(t, testSite(t, nil), nil)
	want := "User-agent: *\nAllow: /\n\nSitemap: https://clinic.example/sitemap.xml\n"
	if d := cmp.Diff(want, string(out["robots.txt"])); d != "" {
		t.Errorf("robots.txt (-want +got):\n%s", d)
	}
}

func TestRedirects(t *testing.T) {
	tests := []struct {
		name, baseURL string
		want          string
	}{
		{"root", "https://clinic.example/",
			"/ p=12 /articles/salt/ 301\n/2019/01/salt.html /articles/salt/ 301\n/old/salt /articles/salt/ 301\n/old/salt/ /articles/salt/ 301\n/salt.php /articles/salt/ 301\n"},
		{"base path", "https://example.org/clinic/",
			"/clinic/ p=12 /clinic/articles/salt/ 301\n/clinic/2019/01/salt.html /clinic/articles/salt/ 301\n/clinic/old/salt /clinic/articles/salt/ 301\n/clinic/old/salt/ /clinic/articles/salt/ 301\n/clinic/salt.php /clinic/articles/salt/ 301\n"},
	}
	// A folder alias ("/old/salt/") also gets its form without the slash,
	// so "/old/salt" is one hop to the page, not two (issue 20, item 17).
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ds := build(t, testSite(t, func(c *config.Config) { c.BaseURL = tt.baseURL }), nil)
			if d := cmp.Diff(tt.want, string(out["_redirects"])); d != "" {
				t.Errorf("_redirects (-want +got):\n%s", d)
			}
			// A one-argument query alias ("/?p=12", a WordPress short
			// link) is a Netlify query rule; one with two arguments is a
			// warning at the aliases line.
			if len(ds) != 1 || ds[0].Severity != diag.Warning || ds[0].Path != "content/articles/salt.md" || ds[0].Line != 4 ||
				!strings.Contains(ds[0].Msg, "/index.php?p=12&lang=en") {
				t.Errorf("diagnostics = %v", ds)
			}
		})
	}
	out, _ := build(t, testSite(t, nil), nil)
	for _, p := range []string{"old/salt/index.html", "2019/01/salt.html"} {
		if _, ok := out[p]; !ok {
			t.Errorf("no redirect page %s", p)
		}
	}
	for p := range out {
		if strings.Contains(p, "salt.php") || strings.Contains(p, "?") {
			t.Errorf("unexpected file %s", p)
		}
	}
}

// redirectDoc is the alias page read as XML (it is polyglot markup).
type redirectDoc struct {
	XMLName xml.Name `xml:"html"`
	Lang    string   `xml:"lang,attr"`
	Head    struct {
		Title string `xml:"title"`
		Metas []struct {
			Charset   string `xml:"charset,attr"`
			Name      string `xml:"name,attr"`
			HTTPEquiv string `xml:"http-equiv,attr"`
			Content   string `xml:"content,attr"`
		} `xml:"meta"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"head"`
	Body struct {
		Main struct {
			H1 string `xml:"h1"`
			P  struct {
				A struct {
					Href string `xml:"href,attr"`
					Text string `xml:",chardata"`
				} `xml:"a"`
			} `xml:"p"`
		} `xml:"main"`
	} `xml:"body"`
}

func TestRedirectPage(t *testing.T) {
	out, _ := build(t, testSite(t, nil), nil)
	data := out["old/salt/index.html"]
	if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>\n")) {
		t.Errorf("no doctype:\n%s", data)
	}
	var h redirectDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	if err := dec.Decode(&h); err != nil {
		t.Fatalf("redirect page is not well-formed: %v\n%s", err, data)
	}
	const target = "https://clinic.example/articles/salt/"
	metas := map[string]string{}
	for _, m := range h.Head.Metas {
		switch {
		case m.Charset != "":
			metas["charset"] = m.Charset
		case m.HTTPEquiv != "":
			metas[m.HTTPEquiv] = m.Content
		default:
			metas[m.Name] = m.Content
		}
	}
	wantMetas := map[string]string{"charset": "utf-8", "robots": "noindex", "refresh": "0; url=" + target, "viewport": "width=device-width, initial-scale=1"}
	if d := cmp.Diff(wantMetas, metas); d != "" {
		t.Errorf("meta (-want +got):\n%s", d)
	}
	if len(h.Head.Links) != 1 || h.Head.Links[0].Rel != "canonical" || h.Head.Links[0].Href != target {
		t.Errorf("links = %+v", h.Head.Links)
	}
	got := []string{h.Lang, h.Head.Title, h.Body.Main.H1, h.Body.Main.P.A.Href, h.Body.Main.P.A.Text}
	want := []string{"en-US", "Page moved: " + cleanTitle, "This page has moved", target, cleanTitle}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("page (-want +got):\n%s", d)
	}
	// html/template escaped the title: the raw bytes hold no <b>.
	if bytes.Contains(data, []byte("<b>")) {
		t.Errorf("title not escaped:\n%s", data)
	}
}

func TestAliasClash(t *testing.T) {
	tests := []struct {
		name    string
		aliases []string
		msg     string
	}{
		{"two pages claim one alias", []string{"/old/salt/"}, "alias /old/salt/ is also claimed by content/articles/salt.md"},
		{"alias overwrites a page file", []string{"/contact/index.html"}, "would overwrite the generated file contact/index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			other := doc("content/zz-other.md", markdown.FrontMatter{Title: "Other", Aliases: tt.aliases}, "")
			_, ds := build(t, testSite(t, nil, other), nil)
			var errs []string
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d.Pos()+": "+d.Msg)
				}
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/zz-other.md:4:1: ") || !strings.Contains(errs[0], tt.msg) {
				t.Errorf("errors = %q, want one at content/zz-other.md:4:1 saying %q", errs, tt.msg)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := Build(testSite(t, nil), nil)
	b, _ := Build(testSite(t, nil), nil)
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("two builds differ:\n%s", d)
	}
}

func TestXMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tnewline\ncr\r", "tab\tnewline\ncr\r"},
		{"nul\x00 bell\x07 esc\x1b", "nul bell esc"},
		{"bad utf8 \xff\xfe end", "bad utf8  end"},
		{"noncharacter \uFFFE\uFFFF", "noncharacter "},
		{"emoji 🙂 and é", "emoji 🙂 and é"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := xmlText(tt.in); got != tt.want {
				t.Errorf("xmlText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNilSite(t *testing.T) {
	if fs, ds := Build(nil, nil); fs != nil || ds != nil {
		t.Errorf("Build(nil) = %v, %v", fs, ds)
	}
}
