package feeds

import (
	"encoding/xml"
	"sort"
	"time"

	"clinicgen/generator/internal/site"
)

// Sitemaps protocol 0.9 (https://www.sitemaps.org/protocol.html).
type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemap lists every published page but the 404 and search pages, sorted
// by URL (the search page is noindex: it has nothing of its own to find).
// Alias redirects are not pages of the model, so they never appear; nor
// does a term page that lists only unpublished pages.
func (b *builder) sitemap() []byte {
	var set urlset
	seen := map[string]bool{}
	for _, p := range b.s.Pages {
		if p == nil || p.Kind == site.Kind404 || p.Kind == site.KindSearch || p.Draft || p.Scheduled || p.Expired {
			continue
		}
		if p.Kind == site.KindTerm && len(b.published(p.Pages)) == 0 {
			continue // a term page of unpublished pages only (dev builds)
		}
		loc := p.Permalink
		if loc == "" {
			loc = b.abs(p.URL)
		}
		if seen[loc] {
			continue
		}
		seen[loc] = true
		set.URLs = append(set.URLs, sitemapURL{Loc: loc, Lastmod: format(b.lastmod(p), rfc3339)})
	}
	sort.Slice(set.URLs, func(i, j int) bool { return set.URLs[i].Loc < set.URLs[j].Loc })
	return marshalXML(set)
}

// lastmod is a regular page's Modified(); for a list, the newest
// modification among the pages it lists (and its own intro); zero when
// nothing it shows carries a date.
func (b *builder) lastmod(p *site.Page) time.Time {
	if p.IsRegular() {
		return p.Modified()
	}
	items := b.published(p.Pages)
	switch p.Kind {
	case site.KindTerms:
		if p.Taxonomy != nil {
			for _, t := range p.Taxonomy.Terms {
				items = append(items, b.published(t.Pages)...)
			}
		}
	case site.KindPeople:
		for _, who := range b.s.People {
			items = append(items, b.published(who.Pages)...)
		}
	}
	if p.Intro != nil {
		items = append(items, p.Intro)
	}
	return newest(items)
}

// robots allows every crawler everywhere and names the sitemap.
func (b *builder) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.abs("/sitemap.xml") + "\n")
}
