package jsonld

// The package's first implementation, built from nested map[string]any
// that html/template encoded with encoding/json on every page. It is kept
// here unchanged but for its names (map…) as the oracle of
// TestSameBytesAsMaps: the typed nodes must encode to exactly its bytes.

import (
	"net/url"
	"strings"
	"time"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/site"
)

// mapForPage returns the structured data for one page: an object with
// "@context" and "@graph", or nil for the 404 page and for a nil page.
func mapForPage(s *site.Site, p *site.Page) any {
	if s == nil || s.Config == nil || p == nil || p.Kind == site.Kind404 {
		return nil
	}
	g := &mapGraph{s: s, c: s.Config}
	var nodes []any
	page := g.webPage(p)
	switch p.Kind {
	case site.KindHome:
		page["about"] = mapRef(ClinicID(g.c))
		nodes = append(nodes, page, g.website(), mapClinic(g.c, s.Services()))
	case site.KindArticle:
		page["@type"] = "MedicalWebPage"
		mapPut(page, "lastReviewed", date(p.LastReviewed))
		if p.Reviewer != nil {
			page["reviewedBy"] = g.person(p.Reviewer, false)
		}
		page["medicalAudience"] = map[string]any{"@type": "MedicalAudience", "audienceType": "Patient"}
		page["mainEntity"] = g.blogPosting(p)
		nodes = append(nodes, page)
	case site.KindService:
		svc := g.service(p)
		page["mainEntity"] = mapRef(svc["@id"].(string))
		nodes = append(nodes, page, svc)
	case site.KindPage:
		switch p.URL {
		case "/contact/":
			page["@type"] = "ContactPage"
			page["about"] = mapRef(ClinicID(g.c))
			nodes = append(nodes, page, mapClinic(g.c, s.Services()))
		case "/about/":
			page["@type"] = "AboutPage"
			page["about"] = mapRef(ClinicID(g.c))
			nodes = append(nodes, page)
		default:
			nodes = append(nodes, page)
		}
	case site.KindPerson:
		page["@type"] = "ProfilePage"
		if p.Person != nil {
			page["mainEntity"] = g.person(p.Person, true)
		}
		nodes = append(nodes, page)
	case site.KindSearch:
		page["@type"] = "SearchResultsPage"
		nodes = append(nodes, page)
	default: // section lists, terms, term pages, people
		page["@type"] = "CollectionPage"
		nodes = append(nodes, page)
	}
	if bc := g.breadcrumbs(p); bc != nil {
		nodes = append(nodes, bc)
	}
	return map[string]any{"@context": Context, "@graph": nodes}
}

type mapGraph struct {
	s *site.Site
	c *config.Config
}

// webPage is the node every page starts from.
func (g *mapGraph) webPage(p *site.Page) map[string]any {
	perm := g.permalink(p)
	n := map[string]any{
		"@type":    "WebPage",
		"@id":      perm + "#webpage",
		"url":      perm,
		"isPartOf": mapRef(WebsiteID(g.c)),
	}
	mapPut(n, "name", p.Title)
	mapPut(n, "description", p.Description)
	mapPut(n, "inLanguage", g.c.Language)
	if hasTrail(p) {
		n["breadcrumb"] = mapRef(perm + "#breadcrumb")
	}
	return n
}

func (g *mapGraph) website() map[string]any {
	n := map[string]any{
		"@type":     "WebSite",
		"@id":       WebsiteID(g.c),
		"url":       base(g.c),
		"publisher": mapRef(ClinicID(g.c)),
	}
	mapPut(n, "name", g.c.Title)
	mapPut(n, "inLanguage", g.c.Language)
	return n
}

// blogPosting is an article's mainEntity.
func (g *mapGraph) blogPosting(p *site.Page) map[string]any {
	perm := g.permalink(p)
	n := map[string]any{
		"@type":            "BlogPosting",
		"@id":              perm + "#article",
		"mainEntityOfPage": mapRef(perm + "#webpage"),
		"publisher":        mapRef(ClinicID(g.c)),
		"url":              perm,
	}
	mapPut(n, "headline", p.Title)
	mapPut(n, "description", p.Description)
	mapPut(n, "datePublished", datetime(p.Date))
	mapPut(n, "dateModified", datetime(p.Modified()))
	mapPut(n, "inLanguage", g.c.Language)
	if p.Author != nil {
		n["author"] = g.person(p.Author, false)
	} else {
		n["author"] = mapRef(ClinicID(g.c))
	}
	if p.Image != nil && p.Image.URL != "" {
		img := map[string]any{"@type": "ImageObject", "url": g.absFor(p, p.Image.URL)}
		mapPut(img, "caption", p.Image.Alt)
		if p.Image.Width > 0 && p.Image.Height > 0 {
			img["width"], img["height"] = p.Image.Width, p.Image.Height
		}
		n["image"] = img
	}
	var keywords, sections []string
	seen := map[string]bool{} // a tag and a category may be one word
	for _, name := range g.c.Taxonomies {
		for _, t := range p.Terms[name] {
			if !seen[t.Key] {
				seen[t.Key] = true
				keywords = append(keywords, t.Name)
			}
			if name == "categories" {
				sections = append(sections, t.Name)
			}
		}
	}
	if len(keywords) > 0 {
		n["keywords"] = keywords
	}
	if len(sections) > 0 {
		n["articleSection"] = sections
	}
	return n
}

// person is an author or reviewer, with a link to their profile page.
// full adds the biography (on the profile page itself).
func (g *mapGraph) person(who *site.Person, full bool) map[string]any {
	u := g.abs(who.URL)
	n := map[string]any{"@type": "Person", "@id": u + "#person", "url": u}
	mapPut(n, "name", who.Name)
	mapPut(n, "jobTitle", who.Role)
	mapPut(n, "honorificSuffix", who.Credentials)
	if full {
		mapPut(n, "description", who.Bio)
	}
	return n
}

// breadcrumbs is the BreadcrumbList of a page below home, nil otherwise.
func (g *mapGraph) breadcrumbs(p *site.Page) map[string]any {
	if !hasTrail(p) {
		return nil
	}
	items := make([]any, 0, len(p.Breadcrumbs))
	for i, c := range p.Breadcrumbs {
		items = append(items, map[string]any{
			"@type":    "ListItem",
			"position": i + 1,
			"name":     c.Name,
			"item":     g.abs(c.URL),
		})
	}
	return map[string]any{
		"@type":           "BreadcrumbList",
		"@id":             g.permalink(p) + "#breadcrumb",
		"itemListElement": items,
	}
}

func (g *mapGraph) permalink(p *site.Page) string {
	if p.Permalink != "" {
		return p.Permalink
	}
	return g.abs(p.URL)
}

func (g *mapGraph) abs(u string) string { return absURL(g.c, u) }

// absFor resolves a URL written in a page (an image) against its permalink.
func (g *mapGraph) absFor(p *site.Page, u string) string {
	if strings.HasPrefix(u, "/") || site.HasScheme(u) {
		return g.abs(u)
	}
	b, err := url.Parse(g.permalink(p))
	r, err2 := url.Parse(u)
	if err != nil || err2 != nil {
		return g.abs(u)
	}
	return b.ResolveReference(r).String()
}

func mapRef(id string) map[string]any { return map[string]any{"@id": id} }

// put sets a text value unless it is empty.
func mapPut(n map[string]any, k, v string) {
	if strings.TrimSpace(v) != "" {
		n[k] = v
	}
}

// service is a service page's node.
func (g *mapGraph) service(p *site.Page) map[string]any {
	perm := g.permalink(p)
	n := map[string]any{
		"@type":    serviceType(p),
		"@id":      perm + "#service",
		"url":      perm,
		"provider": mapRef(ClinicID(g.c)),
	}
	mapPut(n, "name", p.Title)
	mapPut(n, "serviceType", p.Title)
	mapPut(n, "description", p.Description)
	return n
}

// Clinic is the MedicalClinic node made from config.yaml's clinic table,
// listing the published service pages: clinical ones as availableService,
// the others as makesOffer (see Clinical). Empty config values are left
// out.
func mapClinic(c *config.Config, services []*site.Page) map[string]any {
	cl := c.Clinic
	n := map[string]any{
		"@type": "MedicalClinic",
		"@id":   ClinicID(c),
		"url":   base(c),
	}
	name := cl.Name
	if strings.TrimSpace(name) == "" {
		name = c.Title
	}
	mapPut(n, "name", name)
	mapPut(n, "legalName", cl.LegalName)
	mapPut(n, "description", cl.Description)
	mapPut(n, "telephone", cl.Telephone)
	mapPut(n, "email", cl.Email)
	addr := map[string]any{"@type": "PostalAddress"}
	mapPut(addr, "streetAddress", cl.Address.StreetAddress)
	mapPut(addr, "addressLocality", cl.Address.AddressLocality)
	mapPut(addr, "addressRegion", cl.Address.AddressRegion)
	mapPut(addr, "postalCode", cl.Address.PostalCode)
	mapPut(addr, "addressCountry", cl.Address.AddressCountry)
	if len(addr) > 1 {
		n["address"] = addr
	}
	if cl.Geo != nil {
		n["geo"] = map[string]any{"@type": "GeoCoordinates", "latitude": cl.Geo.Latitude, "longitude": cl.Geo.Longitude}
	}
	if hours := mapOpeningHours(cl); len(hours) > 0 {
		n["openingHoursSpecification"] = hours
	}
	var specs []string
	for _, s := range cl.MedicalSpecialty {
		s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
		if s == "" {
			continue
		}
		if !site.HasScheme(s) {
			s = "https://schema.org/" + s
		}
		specs = append(specs, s)
	}
	if len(specs) > 0 {
		n["medicalSpecialty"] = specs
	}
	if cl.AcceptingNewPatients != nil {
		n["isAcceptingNewPatients"] = *cl.AcceptingNewPatients
	}
	if len(cl.Languages) > 0 {
		n["knowsLanguage"] = cl.Languages
	}
	mapPut(n, "hasMap", cl.DirectionsURL)
	var avail, offers []any
	for _, p := range services {
		if p == nil || p.Draft || p.Scheduled || p.Expired {
			continue
		}
		perm := p.Permalink
		if perm == "" {
			perm = absURL(c, p.URL)
		}
		item := map[string]any{"@type": serviceType(p), "@id": perm + "#service", "url": perm}
		mapPut(item, "name", p.Title)
		if Clinical(p) {
			avail = append(avail, item)
		} else {
			offers = append(offers, map[string]any{"@type": "Offer", "itemOffered": item})
		}
	}
	if len(avail) > 0 {
		n["availableService"] = avail
	}
	if len(offers) > 0 {
		n["makesOffer"] = offers
	}
	return n
}

// openingHours turns the hours table and the holiday closures into
// OpeningHoursSpecification values. A closure is a one-day specification
// (validFrom = validThrough) with opens and closes both "00:00", which
// schema.org and Google read as closed all day.
func mapOpeningHours(cl config.Clinic) []any {
	var out []any
	for _, h := range cl.Hours {
		var days []string
		for _, d := range h.Days {
			days = append(days, "https://schema.org/"+d)
		}
		spec := map[string]any{"@type": "OpeningHoursSpecification"}
		if len(days) > 0 {
			spec["dayOfWeek"] = days
		}
		mapPut(spec, "opens", h.Opens)
		mapPut(spec, "closes", h.Closes)
		out = append(out, spec)
	}
	for _, cd := range cl.Closures {
		if cd.Date.IsZero() {
			continue
		}
		day := cd.Date.Format(time.DateOnly)
		spec := map[string]any{
			"@type":        "OpeningHoursSpecification",
			"dayOfWeek":    "https://schema.org/" + cd.Date.Weekday().String(),
			"opens":        "00:00",
			"closes":       "00:00",
			"validFrom":    day,
			"validThrough": day,
		}
		mapPut(spec, "name", cd.Name)
		out = append(out, spec)
	}
	return out
}
