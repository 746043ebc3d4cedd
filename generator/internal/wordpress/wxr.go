// Package wordpress reads a WordPress export (WXR: RSS 2.0 with the wp:,
// content: and excerpt: namespaces) and turns its posts and pages into
// Markdown. It does no file I/O of its own: Read streams items from any
// io.Reader, and Convert works on one item's HTML at a time, so memory is
// bounded by the largest post, not by the export.
//
// The XML decoder is strict and knows only the five standard entities: a
// DOCTYPE or ENTITY declaration is an error, so no entity is ever expanded
// (no "billion laughs") and nothing is fetched.
package wordpress

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Site is what the export says about the old site (the channel).
type Site struct {
	Title, Link string
	// BaseURL is wp:base_blog_url (the blog's own URL), else the
	// channel link; internal links and uploads are recognised by it.
	BaseURL    string
	WXRVersion string
	Authors    []Author
	// Categories and Tags map a term's slug (nicename) to its name.
	Categories, Tags map[string]string
}

// Author is one wp:author of the channel.
type Author struct {
	Login       string `xml:"author_login"`
	Email       string `xml:"author_email"`
	DisplayName string `xml:"author_display_name"`
	FirstName   string `xml:"author_first_name"`
	LastName    string `xml:"author_last_name"`
}

// Item is one post, page, attachment, menu item or revision.
type Item struct {
	Title     string `xml:"title"`
	Link      string `xml:"link"`
	Creator   string `xml:"creator"`
	Content   string `xml:"encoded"` // content:encoded and excerpt:encoded, told apart by namespace in UnmarshalXML
	Excerpt   string `xml:"-"`
	ID        int64  `xml:"post_id"`
	DateGMT   string `xml:"post_date_gmt"`
	Date      string `xml:"post_date"`
	ModGMT    string `xml:"post_modified_gmt"`
	Name      string `xml:"post_name"`
	Status    string `xml:"status"`
	Parent    int64  `xml:"post_parent"`
	Type      string `xml:"post_type"`
	Password  string `xml:"post_password"`
	AttachURL string `xml:"attachment_url"`
	Terms     []Term `xml:"category"`
	Meta      []Meta `xml:"postmeta"`
	// Comments is the number of wp:comment elements (their text is not kept).
	Comments int `xml:"-"`
	// Line is the line of the export where the item starts.
	Line int `xml:"-"`
}

// Term is an item's category or tag.
type Term struct {
	Domain   string `xml:"domain,attr"` // "category" or "post_tag"
	Nicename string `xml:"nicename,attr"`
	Name     string `xml:",chardata"`
}

// Meta is one wp:postmeta pair.
type Meta struct {
	Key   string `xml:"meta_key"`
	Value string `xml:"meta_value"`
}

// MetaValue returns the value of the first postmeta with key, or "".
func (it *Item) MetaValue(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// Tags and Categories return the item's term names.
func (it *Item) Tags() []string       { return it.terms("post_tag") }
func (it *Item) Categories() []string { return it.terms("category") }

func (it *Item) terms(domain string) []string {
	var out []string
	for _, t := range it.Terms {
		if t.Domain == domain && strings.TrimSpace(t.Name) != "" {
			out = append(out, strings.TrimSpace(t.Name))
		}
	}
	return out
}

// Published returns the item's date from post_date_gmt, else from
// post_date read in loc (a draft's GMT date is all zeros); ok is false
// when neither parses.
func (it *Item) Published(loc *time.Location) (time.Time, bool) {
	return wpTime(it.DateGMT, it.Date, loc)
}

// Modified returns post_modified_gmt, if it parses.
func (it *Item) Modified() (time.Time, bool) {
	return wpTime(it.ModGMT, "", time.UTC)
}

func wpTime(gmt, local string, loc *time.Location) (time.Time, bool) {
	const layout = "2006-01-02 15:04:05"
	if t, err := time.ParseInLocation(layout, strings.TrimSpace(gmt), time.UTC); err == nil && t.Year() > 1 {
		return t, true
	}
	if t, err := time.ParseInLocation(layout, strings.TrimSpace(local), loc); err == nil && t.Year() > 1 {
		return t, true
	}
	return time.Time{}, false
}

// UnmarshalXML decodes an item, telling content:encoded from
// excerpt:encoded and counting comments without keeping them.
func (it *Item) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := it.field(d, t); err != nil {
				return err
			}
		}
	}
}

func (it *Item) field(d *xml.Decoder, t xml.StartElement) error {
	text := func(dst *string) error { return d.DecodeElement(dst, &t) }
	wp := wpSpace(t.Name.Space)
	switch {
	case t.Name.Local == "title" && t.Name.Space == "":
		return text(&it.Title)
	case t.Name.Local == "link" && t.Name.Space == "":
		return text(&it.Link)
	case t.Name.Local == "creator":
		return text(&it.Creator)
	case t.Name.Local == "encoded" && strings.Contains(t.Name.Space, "excerpt"):
		return text(&it.Excerpt)
	case t.Name.Local == "encoded":
		return text(&it.Content)
	case t.Name.Local == "category" && t.Name.Space == "":
		var term Term
		if err := d.DecodeElement(&term, &t); err != nil {
			return err
		}
		it.Terms = append(it.Terms, term)
		return nil
	case wp && t.Name.Local == "postmeta":
		var m Meta
		if err := d.DecodeElement(&m, &t); err != nil {
			return err
		}
		it.Meta = append(it.Meta, m)
		return nil
	case wp && t.Name.Local == "comment":
		it.Comments++
		return d.Skip()
	case wp && (t.Name.Local == "post_id" || t.Name.Local == "post_parent"):
		var s string
		if err := text(&s); err != nil {
			return err
		}
		var n int64
		if s = strings.TrimSpace(s); s != "" {
			var err error
			if n, err = strconv.ParseInt(s, 10, 64); err != nil {
				return fmt.Errorf("wp:%s %q is not a number", t.Name.Local, s)
			}
		}
		if t.Name.Local == "post_id" {
			it.ID = n
		} else {
			it.Parent = n
		}
		return nil
	case wp:
		dst := map[string]*string{
			"post_date_gmt": &it.DateGMT, "post_date": &it.Date, "post_modified_gmt": &it.ModGMT,
			"post_name": &it.Name, "status": &it.Status, "post_type": &it.Type,
			"post_password": &it.Password, "attachment_url": &it.AttachURL,
		}[t.Name.Local]
		if dst != nil {
			return text(dst)
		}
	}
	return d.Skip()
}

// wpSpace reports whether a namespace is WordPress's wp: namespace, of
// any WXR version, over http (what WordPress writes) or https (which some
// exports use).
func wpSpace(ns string) bool {
	rest, ok := strings.CutPrefix(ns, "http://wordpress.org/export/")
	if !ok {
		rest, ok = strings.CutPrefix(ns, "https://wordpress.org/export/")
	}
	return ok && !strings.Contains(rest, "excerpt")
}

// ErrNotWXR is wrapped by Read's error for XML that is not a WordPress
// export (an RSS feed, say).
var ErrNotWXR = errors.New("not a WordPress export")

// Reader reads a WXR stream item by item.
type Reader struct {
	d    *xml.Decoder
	line func() int
	site Site
	// inChannel and seenRSS track where the decoder is.
	inChannel, seenRSS bool
}

// maxTokenDepth bounds how deep the export's own XML (not an item's HTML,
// which is text) may nest.
const maxTokenDepth = 64

// NewReader returns a Reader for r. The decoder is strict and has no
// entity map beyond XML's five, and Next refuses a DOCTYPE.
func NewReader(r io.Reader) *Reader {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.Entity = nil
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "us-ascii") {
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q: save the export as UTF-8", label)
	}
	rd := &Reader{d: d, site: Site{Categories: map[string]string{}, Tags: map[string]string{}}}
	rd.line = func() int { l, _ := d.InputPos(); return l }
	return rd
}

// Site returns what the channel said before the current item (authors,
// terms, base URL). WordPress writes all of it before the first item.
func (rd *Reader) Site() *Site { return &rd.site }

// Next returns the next item, or io.EOF after the last one. Any other
// error means the export cannot be read further; it names the line.
func (rd *Reader) Next() (*Item, error) {
	depth := 0
	for {
		tok, err := rd.d.Token()
		if err == io.EOF {
			if !rd.seenRSS {
				return nil, fmt.Errorf("%w: the file is empty or has no <rss> element", ErrNotWXR)
			}
			if rd.site.WXRVersion == "" {
				return nil, fmt.Errorf("%w: it has no <wp:wxr_version>; export from WordPress with Tools → Export → All content", ErrNotWXR)
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, rd.syntaxErr(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, fmt.Errorf("line %d: the export declares a DOCTYPE or entities, which a WordPress export never does; it is refused so that no entity is expanded or fetched", rd.line())
		case xml.EndElement:
			depth--
			if t.Name.Local == "channel" {
				rd.inChannel = false
			}
		case xml.StartElement:
			depth++
			if depth > maxTokenDepth {
				return nil, fmt.Errorf("line %d: elements nested more than %d deep; this is not a WordPress export", rd.line(), maxTokenDepth)
			}
			if !rd.seenRSS {
				if t.Name.Local != "rss" {
					return nil, fmt.Errorf("%w: the first element is <%s>, not <rss>", ErrNotWXR, t.Name.Local)
				}
				rd.seenRSS = true
				continue
			}
			switch {
			case t.Name.Local == "channel":
				rd.inChannel = true
			case t.Name.Local == "item" && rd.inChannel:
				if rd.site.WXRVersion == "" {
					return nil, fmt.Errorf("%w: line %d: an item comes before any <wp:wxr_version>; this looks like an RSS feed — export from WordPress with Tools → Export → All content", ErrNotWXR, rd.line())
				}
				it := &Item{Line: rd.line()}
				if err := rd.d.DecodeElement(it, &t); err != nil {
					err = rd.syntaxErr(err)
					if it.ID != 0 || it.Title != "" {
						// Name the item as far as it was read.
						err = fmt.Errorf("%w (in the item starting on line %d: %q, wp:post_id %d)", err, it.Line, strings.TrimSpace(it.Title), it.ID)
					}
					return nil, err
				}
				return it, nil
			case rd.inChannel && depth == 3:
				if err := rd.channelField(t); err != nil {
					return nil, rd.syntaxErr(err)
				}
				depth--
			}
		}
	}
}

func (rd *Reader) syntaxErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if strings.Contains(msg, "unexpected EOF") {
			msg += " (the export is truncated: download it again)"
		}
		return fmt.Errorf("line %d: XML error: %s", se.Line, msg)
	}
	if err == io.ErrUnexpectedEOF {
		return fmt.Errorf("line %d: the export ends in the middle of an element (it is truncated: download it again)", rd.line())
	}
	return fmt.Errorf("line %d: %v", rd.line(), err)
}

// channelField reads one child of <channel> other than an item.
func (rd *Reader) channelField(t xml.StartElement) error {
	s := &rd.site
	wp := wpSpace(t.Name.Space)
	var text string
	switch {
	case t.Name.Space == "" && t.Name.Local == "title":
		return rd.d.DecodeElement(&s.Title, &t)
	case t.Name.Space == "" && t.Name.Local == "link":
		if err := rd.d.DecodeElement(&s.Link, &t); err != nil {
			return err
		}
		if s.BaseURL == "" {
			s.BaseURL = strings.TrimSpace(s.Link)
		}
		return nil
	case wp && t.Name.Local == "wxr_version":
		if err := rd.d.DecodeElement(&text, &t); err != nil {
			return err
		}
		s.WXRVersion = strings.TrimSpace(text)
		if s.WXRVersion == "" {
			s.WXRVersion = "?"
		}
		return nil
	case wp && t.Name.Local == "base_blog_url":
		if err := rd.d.DecodeElement(&text, &t); err != nil {
			return err
		}
		if strings.TrimSpace(text) != "" {
			s.BaseURL = strings.TrimSpace(text)
		}
		return nil
	case wp && t.Name.Local == "author":
		var a Author
		if err := rd.d.DecodeElement(&a, &t); err != nil {
			return err
		}
		s.Authors = append(s.Authors, a)
		return nil
	case wp && (t.Name.Local == "category" || t.Name.Local == "tag"):
		var c struct {
			Nicename string `xml:"category_nicename"`
			CatName  string `xml:"cat_name"`
			TagSlug  string `xml:"tag_slug"`
			TagName  string `xml:"tag_name"`
		}
		if err := rd.d.DecodeElement(&c, &t); err != nil {
			return err
		}
		if c.Nicename != "" {
			s.Categories[c.Nicename] = strings.TrimSpace(c.CatName)
		}
		if c.TagSlug != "" {
			s.Tags[c.TagSlug] = strings.TrimSpace(c.TagName)
		}
		return nil
	}
	return rd.d.Skip()
}
