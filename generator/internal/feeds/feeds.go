// Package feeds makes the files that let readers, search engines and old
// links find the site: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for articles, an
// RSS feed per taxonomy term, sitemap.xml, robots.txt, and a redirect page
// plus a _redirects line for every alias.
//
// # Contract
//
// Build is pure: the model in, files out, no I/O and no clock. The same
// model always gives byte-identical files. Every URL written is absolute,
// made from config baseURL the same way site.Page.Permalink is.
//
// Only published pages appear. The model already leaves out drafts,
// scheduled and expired pages; when a build lets them in (the dev server,
// --drafts, --future, --expired) they are still kept out of every feed and
// the sitemap, because those files are read by other machines that must
// never see them.
//
// Feeds and the sitemap are written with encoding/xml and encoding/json
// from Go structs, never from text templates. Characters XML 1.0 forbids
// (most control characters, invalid UTF-8) are removed from every text
// value; &, < and quotes are escaped by the encoders.
//
// # Files
//
//	index.xml                    RSS 2.0, newest articles first, feeds.limit items
//	atom.xml                     Atom 1.0, the same entries
//	feed.json                    JSON Feed 1.1, the same items
//	<taxonomy>/<slug>/index.xml  RSS 2.0 of one term's pages, in term-page order
//	sitemap.xml                  every published page, list pager pages included;
//	                             not the 404 page or alias redirects
//	robots.txt                   allows everything and names the sitemap
//	<alias>/index.html           a redirect page per alias (meta refresh,
//	                             canonical, noindex); an alias ending in
//	                             .html or .htm is the file itself
//	_redirects                   "/old/ /new/ 301" per alias, sorted, for
//	                             Netlify and Cloudflare Pages, and
//	                             "/old /new/ 301" for a folder alias typed
//	                             without its slash (one hop, not two)
//
// With feeds.fullContent each item carries the whole article (the HTML the
// content function returns, with root-relative href and src made absolute),
// otherwise its summary.
//
// An alias with another extension (old WordPress "/page.php") gets only its
// _redirects line: a static host would serve an HTML page under that name
// with the wrong media type. An alias holding "?" or "#" cannot be a static
// file at all and is reported as a warning.
package feeds

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/site"
)

// File is one generated file.
type File struct {
	Path string // slash path under public/, e.g. "index.xml"
	Data []byte
}

// defaultLimit is used when config feeds.limit is not positive.
const defaultLimit = 20

// Build makes every feed, the sitemap, robots.txt and the alias redirects
// from the model. content returns a page's rendered body HTML; it is only
// called when feeds.fullContent is set, and may be nil otherwise (a nil
// content falls back to summaries). Diagnostics report aliases that cannot
// be served (warnings) or that clash (errors), with the content file's
// path:line.
func Build(s *site.Site, content func(*site.Page) []byte) ([]File, diag.List) {
	if s == nil || s.Config == nil {
		return nil, nil
	}
	b := &builder{s: s, content: content, base: baseURL(s.Config.BaseURL)}
	b.limit = s.Config.Feeds.Limit
	if b.limit < 1 {
		b.limit = defaultLimit
	}
	b.full = s.Config.Feeds.FullContent && content != nil

	// A multilingual site has one set of feeds per language, under the
	// language's prefix (/es/index.xml), and one sitemap for all.
	sites := s.Languages
	if len(sites) == 0 {
		sites = []*site.Site{s}
	}
	for _, ls := range sites {
		lb := *b
		lb.s, lb.files, lb.prefix = ls, nil, ls.Lang.Prefix
		lb.feeds()
		b.files = append(b.files, lb.files...)
	}
	b.add("sitemap.xml", b.sitemap())
	b.add("robots.txt", b.robots())
	b.redirects()
	return b.files, b.ds
}

// feeds adds the feeds of one language's model: the articles' RSS, Atom
// and JSON feeds and an RSS feed per term.
func (b *builder) feeds() {
	s := b.s
	articles := b.published(s.Articles())
	self := strings.TrimPrefix(b.prefix+"/index.xml", "/")
	b.add(self, b.rss(self, s.Config.Title, b.abs(b.prefix+"/"), b.siteDescription(), articles))
	b.add(strings.TrimPrefix(b.prefix+"/atom.xml", "/"), b.atom(articles))
	b.add(strings.TrimPrefix(b.prefix+"/feed.json", "/"), b.jsonFeed(articles))
	for _, tx := range s.Taxonomies {
		for _, t := range tx.Terms {
			ps := b.published(t.Pages)
			if len(ps) == 0 {
				continue
			}
			p := strings.TrimPrefix(t.URL, "/") + "index.xml"
			title := t.Name + " · " + s.Config.Title
			desc := "Articles and pages about " + t.Name + " from " + s.Config.Title + "."
			if s.Lang.Code != "" && !s.Lang.Default {
				// The feed's own words follow the language only through
				// its title; the description names the term and site.
				desc = t.Name + " · " + s.Config.Title
			}
			b.add(p, b.rss(p, title, b.abs(t.URL), desc, ps))
		}
	}
}

type builder struct {
	// prefix is the language prefix of the feeds being made ("/es").
	prefix  string
	s       *site.Site
	content func(*site.Page) []byte
	base    string // baseURL, ending in "/"
	limit   int
	full    bool
	files   []File
	ds      diag.List
}

func (b *builder) add(p string, data []byte) {
	if data == nil {
		return
	}
	b.files = append(b.files, File{Path: p, Data: data})
}

// published keeps the pages a feed or the sitemap may show.
func (b *builder) published(ps []*site.Page) []*site.Page {
	var out []*site.Page
	for _, p := range ps {
		if p != nil && !p.Draft && !p.Scheduled && !p.Expired {
			out = append(out, p)
		}
	}
	return out
}

// siteDescription is the home page's description, else the clinic's, else
// the title.
func (b *builder) siteDescription() string {
	if h := b.s.Home; h != nil && h.Description != "" {
		return h.Description
	}
	if d := b.s.Config.Clinic.Description; d != "" {
		return d
	}
	return b.s.Config.Title
}

// baseURL returns u with exactly one trailing slash.
func baseURL(u string) string { return strings.TrimSuffix(u, "/") + "/" }

// abs makes a site-relative URL absolute the way Page.Permalink does: a
// leading "/" means the site root, which is baseURL (possibly with a path).
// URLs with a scheme or "//" are returned unchanged; other relative URLs
// are resolved against baseURL.
func (b *builder) abs(u string) string {
	switch {
	case u == "":
		return ""
	case strings.HasPrefix(u, "//") || site.HasScheme(u):
		return u
	case strings.HasPrefix(u, "/"):
		return b.base + u[1:]
	}
	base, err := url.Parse(b.base)
	if err != nil {
		return b.base + u
	}
	ref, err := url.Parse(u)
	if err != nil {
		return b.base + u
	}
	return base.ResolveReference(ref).String()
}

// absFor is abs for a URL written in a page: a relative URL without a
// leading "/" is resolved against the page's permalink.
func (b *builder) absFor(p *site.Page, u string) string {
	if u == "" || strings.HasPrefix(u, "/") || site.HasScheme(u) {
		return b.abs(u)
	}
	base, err := url.Parse(p.Permalink)
	ref, err2 := url.Parse(u)
	if err != nil || err2 != nil || p.Permalink == "" {
		return b.abs(u)
	}
	return base.ResolveReference(ref).String()
}

// body returns a page's full HTML with root-relative links made absolute,
// and with characters XML forbids removed.
func (b *builder) body(p *site.Page) string {
	return xmlText(string(absolutize(b.content(p), b.base)))
}

// absolutize rewrites href="/…" and src="/…" attributes (not "//…") to
// absolute URLs under base, so links in a feed reader work. It relies on
// the markdown stage's output, where a double quote in text is always
// written as &quot;, so the pattern only matches inside tags.
func absolutize(html []byte, base string) []byte {
	var out bytes.Buffer
	out.Grow(len(html) + len(html)/8)
	for i := 0; i < len(html); {
		j, n := nextAttr(html[i:])
		if j < 0 {
			out.Write(html[i:])
			break
		}
		at := i + j + n // index of the "/" after the opening quote
		out.Write(html[i:at])
		if at+1 < len(html) && html[at+1] == '/' {
			out.WriteByte('/')
		} else {
			out.WriteString(base)
		}
		i = at + 1
	}
	return out.Bytes()
}

// nextAttr finds the next ` href="/` or ` src="/`, returning its offset
// and the length up to the slash.
func nextAttr(h []byte) (int, int) {
	best, n := -1, 0
	for _, pat := range []string{` href="/`, ` src="/`} {
		if k := bytes.Index(h, []byte(pat)); k >= 0 && (best < 0 || k < best) {
			best, n = k, len(pat)-1
		}
	}
	return best, n
}

// xmlText removes what XML 1.0 cannot carry: invalid UTF-8 and the
// characters outside #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF].
func xmlText(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if !xmlChar(r) {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && n <= 1) && xmlChar(r) {
			sb.WriteString(s[i : i+n])
		}
		i += n
	}
	return sb.String()
}

func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// marshalXML encodes v with the XML declaration and a final newline.
func marshalXML(v any) []byte {
	data, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		// The structs hold only strings and slices of them; this does
		// not happen. Returning nil leaves the file out rather than
		// writing a broken one.
		return nil
	}
	out := make([]byte, 0, len(xml.Header)+len(data)+1)
	out = append(out, xml.Header...)
	out = append(out, data...)
	return append(out, '\n')
}

// Date formats.
const (
	rfc1123Z = time.RFC1123Z // RSS 2.0 (RFC 822 with a four-digit year)
	rfc3339  = time.RFC3339  // Atom, JSON Feed, sitemap (W3C Datetime)
)

func format(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

// newest returns the latest modification time of the pages.
func newest(ps []*site.Page) time.Time {
	var t time.Time
	for _, p := range ps {
		if m := p.Modified(); m.After(t) {
			t = m
		}
	}
	return t
}

// termNames lists a page's terms of every taxonomy, in taxonomy order.
func (b *builder) termNames(p *site.Page) []string {
	var out []string
	for _, tx := range b.s.Taxonomies {
		for _, t := range p.Terms[tx.Name] {
			out = append(out, xmlText(t.Name))
		}
	}
	return out
}

// author returns a page's author name and absolute profile URL, else the
// clinic.
func (b *builder) author(p *site.Page) (name, uri string) {
	if a := p.Author; a != nil {
		return a.Name, b.abs(a.URL)
	}
	return b.publisher(), b.abs("/")
}

// publisher is the clinic's name, else the site title.
func (b *builder) publisher() string {
	if n := b.s.Config.Clinic.Name; n != "" {
		return n
	}
	return b.s.Config.Title
}
