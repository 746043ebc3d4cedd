// Package jsonld builds each page's schema.org structured data as Go
// values (maps and slices) for a <script type="application/ld+json">
// block. The values are encoded by encoding/json (html/template does it
// when a layout writes {{.JSONLD}} in that script), never by text
// templates, so no title or name can break the JSON.
//
// # Contract
//
// ForPage is pure: the model in, a value out; the same page always gives
// the same value, and encoding/json writes map keys in sorted order, so the
// output is deterministic. It returns nil for the 404 page (nothing to
// describe); a layout's {{with .JSONLD}} then writes no script at all.
//
// Every URL is absolute, made from config baseURL as site.Page.Permalink
// is. Nodes that other nodes point to have stable "@id"s:
//
//	<baseURL>#clinic           the MedicalClinic (see Clinic)
//	<baseURL>#website          the WebSite
//	<permalink>#webpage        the page itself
//	<permalink>#breadcrumb     its BreadcrumbList
//	<permalink>#article        an article's BlogPosting
//	<permalink>#service        a service page's service
//	<person URL>#person        an author's or reviewer's Person
//
// # What each page says
//
//   - home: WebPage about the clinic, the WebSite, and the full
//     MedicalClinic node.
//   - /contact/: ContactPage and the full MedicalClinic node; /about/:
//     AboutPage. Other pages point to the clinic by "@id" only.
//   - articles: MedicalWebPage (lastReviewed, reviewedBy, medicalAudience
//     patients, breadcrumb) whose mainEntity is a BlogPosting (headline,
//     description, dates, author, image, publisher → the clinic).
//   - services: WebPage whose mainEntity is the service, with provider →
//     the clinic (see Clinical for the type).
//   - lists and term pages: CollectionPage; people: ProfilePage about the
//     Person.
//   - every page below home: a BreadcrumbList made from Page.Breadcrumbs
//     (ListItem positions from 1), the same trail the visible
//     <nav aria-label="Breadcrumb"> shows.
//
// A missing recommended clinic field (phone, address, hours, geo) is
// already a config warning; this package leaves such fields out and never
// invents them.
package jsonld

import (
	"net/url"
	"strings"
	"time"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/taxonomy"
)

// Context is the JSON-LD @context of every block.
const Context = "https://schema.org"

// ClinicID is the clinic node's stable @id: baseURL + "#clinic".
func ClinicID(c *config.Config) string { return base(c) + "#clinic" }

// WebsiteID is the WebSite node's @id: baseURL + "#website".
func WebsiteID(c *config.Config) string { return base(c) + "#website" }

// ForPage returns the structured data for one page: an object with
// "@context" and "@graph", or nil for the 404 page and for a nil page.
func ForPage(s *site.Site, p *site.Page) any {
	if s == nil || s.Config == nil || p == nil || p.Kind == site.Kind404 {
		return nil
	}
	g := &graph{s: s, c: s.Config}
	var nodes []any
	page := g.webPage(p)
	switch p.Kind {
	case site.KindHome:
		page["about"] = ref(ClinicID(g.c))
		nodes = append(nodes, page, g.website(), Clinic(g.c, s.Services()))
	case site.KindArticle:
		page["@type"] = "MedicalWebPage"
		put(page, "lastReviewed", date(p.LastReviewed))
		if p.Reviewer != nil {
			page["reviewedBy"] = g.person(p.Reviewer, false)
		}
		page["medicalAudience"] = map[string]any{"@type": "MedicalAudience", "audienceType": "Patient"}
		page["mainEntity"] = g.blogPosting(p)
		nodes = append(nodes, page)
	case site.KindService:
		svc := g.service(p)
		page["mainEntity"] = ref(svc["@id"].(string))
		nodes = append(nodes, page, svc)
	case site.KindPage:
		switch p.URL {
		case "/contact/":
			page["@type"] = "ContactPage"
			page["about"] = ref(ClinicID(g.c))
			nodes = append(nodes, page, Clinic(g.c, s.Services()))
		case "/about/":
			page["@type"] = "AboutPage"
			page["about"] = ref(ClinicID(g.c))
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
	default: // section lists, terms, term pages, people
		page["@type"] = "CollectionPage"
		nodes = append(nodes, page)
	}
	if bc := g.breadcrumbs(p); bc != nil {
		nodes = append(nodes, bc)
	}
	return map[string]any{"@context": Context, "@graph": nodes}
}

type graph struct {
	s *site.Site
	c *config.Config
}

// webPage is the node every page starts from.
func (g *graph) webPage(p *site.Page) map[string]any {
	perm := g.permalink(p)
	n := map[string]any{
		"@type":    "WebPage",
		"@id":      perm + "#webpage",
		"url":      perm,
		"isPartOf": ref(WebsiteID(g.c)),
	}
	put(n, "name", p.Title)
	put(n, "description", p.Description)
	put(n, "inLanguage", g.c.Language)
	if hasTrail(p) {
		n["breadcrumb"] = ref(perm + "#breadcrumb")
	}
	return n
}

func (g *graph) website() map[string]any {
	n := map[string]any{
		"@type":     "WebSite",
		"@id":       WebsiteID(g.c),
		"url":       base(g.c),
		"publisher": ref(ClinicID(g.c)),
	}
	put(n, "name", g.c.Title)
	put(n, "inLanguage", g.c.Language)
	return n
}

// blogPosting is an article's mainEntity.
func (g *graph) blogPosting(p *site.Page) map[string]any {
	perm := g.permalink(p)
	n := map[string]any{
		"@type":            "BlogPosting",
		"@id":              perm + "#article",
		"mainEntityOfPage": ref(perm + "#webpage"),
		"publisher":        ref(ClinicID(g.c)),
		"url":              perm,
	}
	put(n, "headline", p.Title)
	put(n, "description", p.Description)
	put(n, "datePublished", datetime(p.Date))
	put(n, "dateModified", datetime(p.Modified()))
	put(n, "inLanguage", g.c.Language)
	if p.Author != nil {
		n["author"] = g.person(p.Author, false)
	} else {
		n["author"] = ref(ClinicID(g.c))
	}
	if p.Image != nil && p.Image.URL != "" {
		img := map[string]any{"@type": "ImageObject", "url": g.absFor(p, p.Image.URL)}
		put(img, "caption", p.Image.Alt)
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
func (g *graph) person(who *site.Person, full bool) map[string]any {
	u := g.abs(who.URL)
	n := map[string]any{"@type": "Person", "@id": u + "#person", "url": u}
	put(n, "name", who.Name)
	put(n, "jobTitle", who.Role)
	put(n, "honorificSuffix", who.Credentials)
	if full {
		put(n, "description", who.Bio)
	}
	return n
}

// breadcrumbs is the BreadcrumbList of a page below home, nil otherwise.
func (g *graph) breadcrumbs(p *site.Page) map[string]any {
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

func hasTrail(p *site.Page) bool { return p.Kind != site.KindHome && len(p.Breadcrumbs) > 0 }

func (g *graph) permalink(p *site.Page) string {
	if p.Permalink != "" {
		return p.Permalink
	}
	return g.abs(p.URL)
}

func (g *graph) abs(u string) string { return absURL(g.c, u) }

// absFor resolves a URL written in a page (an image) against its permalink.
func (g *graph) absFor(p *site.Page, u string) string {
	if strings.HasPrefix(u, "/") || hasScheme(u) {
		return g.abs(u)
	}
	b, err := url.Parse(g.permalink(p))
	r, err2 := url.Parse(u)
	if err != nil || err2 != nil {
		return g.abs(u)
	}
	return b.ResolveReference(r).String()
}

// base is baseURL with exactly one trailing slash.
func base(c *config.Config) string { return strings.TrimSuffix(c.BaseURL, "/") + "/" }

// absURL makes a site-relative URL absolute as Page.Permalink does.
func absURL(c *config.Config, u string) string {
	if hasScheme(u) || strings.HasPrefix(u, "//") {
		return u
	}
	return base(c) + strings.TrimPrefix(u, "/")
}

// hasScheme reports whether u starts with a URL scheme such as "https:".
func hasScheme(u string) bool {
	for i, c := range u {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

func ref(id string) map[string]any { return map[string]any{"@id": id} }

// put sets a text value unless it is empty.
func put(n map[string]any, k, v string) {
	if strings.TrimSpace(v) != "" {
		n[k] = v
	}
}

// date is a schema.org Date ("2006-01-02"), "" for the zero time.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// datetime is a schema.org DateTime (ISO 8601, RFC 3339), "" for zero.
func datetime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// nonClinicalTerm marks a service page as non-clinical.
const nonClinicalTerm = "peer support"

// Clinical reports whether a service page offers clinical care. Front
// matter `params: {clinical: false}` (or true) decides; without it, a
// service carrying the term "peer support" is non-clinical, because SAMHSA
// defines peer support as given by non-clinical peer workers, and every
// other service is clinical.
func Clinical(p *site.Page) bool {
	if v, ok := p.Params["clinical"].(bool); ok {
		return v
	}
	key := taxonomy.Key(nonClinicalTerm)
	for _, terms := range p.Terms {
		for _, t := range terms {
			if t.Key == key {
				return false
			}
		}
	}
	return true
}

// serviceType is the schema.org type of a service page's node.
//
// Why: the clinic's availableService expects MedicalProcedure, MedicalTest
// or MedicalTherapy. A procedure or a test is a single intervention, which
// urgent care, family practice or telemedicine are not; MedicalTherapy
// ("any medical intervention designed to prevent, treat, and cure human
// diseases") is the one that honestly covers a clinic's lines of care. It
// has no provider property, so clinical services are typed both
// MedicalTherapy and Service (a service an organisation provides). Peer
// support is non-clinical (SAMHSA) and must not be marked up as any
// medical treatment, so it is a plain Service, listed among the clinic's
// offers (makesOffer) rather than its availableService.
func serviceType(p *site.Page) any {
	if Clinical(p) {
		return []string{"MedicalTherapy", "Service"}
	}
	return "Service"
}

// service is a service page's node.
func (g *graph) service(p *site.Page) map[string]any {
	perm := g.permalink(p)
	n := map[string]any{
		"@type":    serviceType(p),
		"@id":      perm + "#service",
		"url":      perm,
		"provider": ref(ClinicID(g.c)),
	}
	put(n, "name", p.Title)
	put(n, "serviceType", p.Title)
	put(n, "description", p.Description)
	return n
}

// Clinic is the MedicalClinic node made from config.yaml's clinic table,
// listing the published service pages: clinical ones as availableService,
// the others as makesOffer (see Clinical). Empty config values are left
// out.
func Clinic(c *config.Config, services []*site.Page) map[string]any {
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
	put(n, "name", name)
	put(n, "legalName", cl.LegalName)
	put(n, "description", cl.Description)
	put(n, "telephone", cl.Telephone)
	put(n, "email", cl.Email)
	addr := map[string]any{"@type": "PostalAddress"}
	put(addr, "streetAddress", cl.Address.StreetAddress)
	put(addr, "addressLocality", cl.Address.AddressLocality)
	put(addr, "addressRegion", cl.Address.AddressRegion)
	put(addr, "postalCode", cl.Address.PostalCode)
	put(addr, "addressCountry", cl.Address.AddressCountry)
	if len(addr) > 1 {
		n["address"] = addr
	}
	if cl.Geo != nil {
		n["geo"] = map[string]any{"@type": "GeoCoordinates", "latitude": cl.Geo.Latitude, "longitude": cl.Geo.Longitude}
	}
	if hours := openingHours(cl); len(hours) > 0 {
		n["openingHoursSpecification"] = hours
	}
	var specs []string
	for _, s := range cl.MedicalSpecialty {
		s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
		if s == "" {
			continue
		}
		if !hasScheme(s) {
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
	put(n, "hasMap", cl.DirectionsURL)
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
		put(item, "name", p.Title)
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
func openingHours(cl config.Clinic) []any {
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
		put(spec, "opens", h.Opens)
		put(spec, "closes", h.Closes)
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
		put(spec, "name", cd.Name)
		out = append(out, spec)
	}
	return out
}
