package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"time"

	"clinicgen/generator/internal/site"
)

// RSS 2.0 (https://www.rssboard.org/rss-specification), with the
// atom:link rel="self" the RSS Advisory Board recommends.
type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Self          selfLink  `xml:"atom:link"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Items         []rssItem `xml:"item"`
}

type selfLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate,omitempty"`
	Description text     `xml:"description"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// text is an element holding either escaped text or, for HTML, a CDATA
// section (one of the two is empty and writes nothing).
type text struct {
	Type  string `xml:"type,attr,omitempty"` // Atom only
	Plain string `xml:",chardata"`
	HTML  string `xml:",cdata"`
}

// rss builds one RSS 2.0 channel of at most limit pages. self is the
// feed's own path under public/.
func (b *builder) rss(self, title, link, desc string, pages []*site.Page) []byte {
	if len(pages) > b.limit {
		pages = pages[:b.limit]
	}
	ch := rssChannel{
		Title:         xmlText(title),
		Link:          link,
		Description:   xmlText(desc),
		Self:          selfLink{Href: b.abs("/" + self), Rel: "self", Type: "application/rss+xml"},
		Language:      xmlText(b.s.Config.Language),
		LastBuildDate: format(newest(pages), rfc1123Z),
	}
	for _, p := range pages {
		it := rssItem{
			Title:      xmlText(p.Title),
			Link:       p.Permalink,
			GUID:       rssGUID{IsPermaLink: "true", Value: p.Permalink},
			PubDate:    format(p.Date, rfc1123Z),
			Categories: b.termNames(p),
		}
		if b.full {
			it.Description.HTML = b.body(p)
		} else {
			it.Description.Plain = xmlText(p.Summary)
		}
		ch.Items = append(ch.Items, it)
	}
	return marshalXML(rssFeed{Version: "2.0", AtomNS: atomNS, Channel: ch})
}

// Atom 1.0 (RFC 4287).
const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Link       atomLink       `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Author     atomPerson     `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *text          `xml:"summary,omitempty"`
	Content    *text          `xml:"content,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// atom builds atom.xml. The feed's updated is the newest entry's; with no
// entries at all it is the Unix epoch, so the output stays deterministic.
func (b *builder) atom(pages []*site.Page) []byte {
	if len(pages) > b.limit {
		pages = pages[:b.limit]
	}
	updated := newest(pages)
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	f := atomFeed{
		Lang:     xmlText(b.s.Config.Language),
		Title:    xmlText(b.s.Config.Title),
		Subtitle: xmlText(b.siteDescription()),
		Links: []atomLink{
			{Href: b.abs(b.prefix + "/atom.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: b.abs(b.prefix + "/"), Rel: "alternate", Type: "text/html"},
		},
		ID:      b.abs(b.prefix + "/"),
		Updated: updated.Format(rfc3339),
		Author:  atomPerson{Name: xmlText(b.publisher()), URI: b.abs(b.prefix + "/")},
	}
	for _, p := range pages {
		up := p.Modified()
		if up.IsZero() {
			up = updated
		}
		name, uri := b.author(p)
		e := atomEntry{
			Title:     xmlText(p.Title),
			Link:      atomLink{Href: p.Permalink, Rel: "alternate", Type: "text/html"},
			ID:        p.Permalink,
			Published: format(p.Date, rfc3339),
			Updated:   up.Format(rfc3339),
			Author:    atomPerson{Name: xmlText(name), URI: uri},
		}
		for _, t := range b.termNames(p) {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		if b.full {
			e.Content = &text{Type: "html", HTML: b.body(p)}
		} else {
			e.Summary = &text{Type: "text", Plain: xmlText(p.Summary)}
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	Summary       string       `json:"summary,omitempty"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published,omitempty"`
	DateModified  string       `json:"date_modified,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
}

// jsonFeed builds feed.json. JSON Feed needs content_html or content_text
// on every item, so a summary-only feed carries the summary as
// content_text as well.
func (b *builder) jsonFeed(pages []*site.Page) []byte {
	if len(pages) > b.limit {
		pages = pages[:b.limit]
	}
	f := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       xmlText(b.s.Config.Title),
		HomePageURL: b.abs(b.prefix + "/"),
		FeedURL:     b.abs(b.prefix + "/feed.json"),
		Description: xmlText(b.siteDescription()),
		Language:    b.s.Config.Language,
		Authors:     []jsonAuthor{{Name: xmlText(b.publisher()), URL: b.abs(b.prefix + "/")}},
		Items:       []jsonItem{},
	}
	for _, p := range pages {
		name, uri := b.author(p)
		it := jsonItem{
			ID:            p.Permalink,
			URL:           p.Permalink,
			Title:         xmlText(p.Title),
			Summary:       xmlText(p.Summary),
			DatePublished: format(p.Date, rfc3339),
			DateModified:  format(p.Modified(), rfc3339),
			Authors:       []jsonAuthor{{Name: xmlText(name), URL: uri}},
			Tags:          b.termNames(p),
		}
		if p.Image != nil {
			it.Image = b.absFor(p, p.Image.URL)
		}
		if b.full {
			it.ContentHTML = b.body(p)
		} else {
			it.ContentText = it.Summary
		}
		f.Items = append(f.Items, it)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // not embedded in HTML: keep & and < readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil // only strings: cannot happen
	}
	return buf.Bytes()
}
