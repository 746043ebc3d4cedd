// Package jsonld builds each page's schema.org structured data for a
// <script type="application/ld+json"> block. The nodes are Go structs
// encoded by encoding/json, never by text templates, so no title or name
// can break the JSON; ForPage hands the layout the encoded text as
// template.JS, which html/template writes as it is when a layout writes
// {{.JSONLD}} in that script.
//
// # Contract
//
// ForPage is pure: the model in, the JSON text out; the same page always
// gives the same bytes. It returns "" for the 404 page (nothing to
// describe); a layout's {{with .JSONLD}} then writes no script at all.
//
// The text is exactly what html/template wrote when it was given the same
// data as nested map[string]any: encoding/json's output (keys in byte
// order, "<", ">", "&", U+2028 and U+2029 escaped as \u sequences, so the
// text cannot end the script element), which html/template's JS escaper
// passes through unchanged. Every struct therefore declares its fields in
// the byte order of their JSON keys ("@context", "@graph", "@id", "@type",
// then the others, uppercase before lowercase), and a text field that a
// blank value leaves out is tagged omitempty and set through text.
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
//     Person; the search page: SearchResultsPage.
//   - every page below home: a BreadcrumbList made from Page.Breadcrumbs
//     (ListItem positions from 1), the same trail the visible
//     <nav aria-label="Breadcrumb"> shows.
//
// A missing recommended clinic field (phone, address, hours, geo) is
// already a config warning; this package leaves such fields out and never
// invents them.
package jsonld

import (
	"encoding/json"
	"html/template"
	"net/url"
	"regexp"
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

// ForPage returns the structured data for one page, encoded: an object
// with "@context" and "@graph", or "" for the 404 page and for a nil page.
// The text is what html/template's JS escaper writes for the data (see the
// package doc), so a layout prints it with {{.}} in the script element.
func ForPage(s *site.Site, p *site.Page) template.JS {
	d := forPage(s, p)
	if d == nil {
		return ""
	}
	// An Encoder writes json.Marshal's bytes (HTML escaping on) straight
	// into the string, copied once, and ends them with a newline.
	var sb strings.Builder
	if err := json.NewEncoder(&sb).Encode(d); err != nil {
		return marshalError(err)
	}
	out := sb.String()
	return template.JS(out[:len(out)-1])
}

// scriptTagRe is html/template's pattern for a script tag in an error.
var scriptTagRe = regexp.MustCompile("(?i)<(/?)script")

// marshalError is what html/template's JS escaper writes when encoding/json
// fails, a JavaScript comment and null. The only failure possible here is
// a non-finite number (a clinic.geo of .nan or .inf in config.yaml).
func marshalError(err error) template.JS {
	msg := scriptTagRe.ReplaceAllString(err.Error(), `\x3C${1}script`)
	msg = strings.ReplaceAll(msg, "*/", "* /")
	msg = strings.ReplaceAll(msg, "<!--", `\x3C!--`)
	return template.JS(" /* " + msg + " */null ")
}

// document is the whole block.
type document struct {
	Context string `json:"@context"`
	Graph   []any  `json:"@graph"`
}

// ref points to a node by its "@id".
type ref struct {
	ID string `json:"@id"`
}

// webPage is the page itself: a WebPage or one of its subtypes.
type webPage struct {
	ID              string    `json:"@id"`
	Type            string    `json:"@type"`
	About           *ref      `json:"about,omitempty"`
	Breadcrumb      *ref      `json:"breadcrumb,omitempty"`
	Description     string    `json:"description,omitempty"`
	InLanguage      string    `json:"inLanguage,omitempty"`
	IsPartOf        ref       `json:"isPartOf"`
	LastReviewed    string    `json:"lastReviewed,omitempty"`
	MainEntity      any       `json:"mainEntity,omitempty"` // *blogPosting, *person or ref
	MedicalAudience *audience `json:"medicalAudience,omitempty"`
	Name            string    `json:"name,omitempty"`
	ReviewedBy      *person   `json:"reviewedBy,omitempty"`
	URL             string    `json:"url"`
}

// audience is an article's MedicalAudience.
type audience struct {
	Type         string `json:"@type"`
	AudienceType string `json:"audienceType"`
}

// webSite is the WebSite node of the home page.
type webSite struct {
	ID         string `json:"@id"`
	Type       string `json:"@type"`
	InLanguage string `json:"inLanguage,omitempty"`
	Name       string `json:"name,omitempty"`
	Publisher  ref    `json:"publisher"`
	URL        string `json:"url"`
}

// blogPosting is an article's mainEntity.
type blogPosting struct {
	ID               string       `json:"@id"`
	Type             string       `json:"@type"`
	ArticleSection   []string     `json:"articleSection,omitempty"`
	Author           any          `json:"author"` // *person, []*person (several authors) or the clinic's ref
	DateModified     string       `json:"dateModified,omitempty"`
	DatePublished    string       `json:"datePublished,omitempty"`
	Description      string       `json:"description,omitempty"`
	Headline         string       `json:"headline,omitempty"`
	Image            *imageObject `json:"image,omitempty"`
	InLanguage       string       `json:"inLanguage,omitempty"`
	Keywords         []string     `json:"keywords,omitempty"`
	MainEntityOfPage ref          `json:"mainEntityOfPage"`
	Publisher        ref          `json:"publisher"`
	URL              string       `json:"url"`
}

// imageObject is an article's image; width and height come together.
type imageObject struct {
	Type    string `json:"@type"`
	Caption string `json:"caption,omitempty"`
	Height  int    `json:"height,omitempty"`
	URL     string `json:"url"`
	Width   int    `json:"width,omitempty"`
}

// person is an author, a reviewer or a profile page's subject.
type person struct {
	ID              string `json:"@id"`
	Type            string `json:"@type"`
	Description     string `json:"description,omitempty"`
	HonorificSuffix string `json:"honorificSuffix,omitempty"`
	JobTitle        string `json:"jobTitle,omitempty"`
	Name            string `json:"name,omitempty"`
	URL             string `json:"url"`
}

// service is a service page's node.
type service struct {
	ID          string `json:"@id"`
	Type        any    `json:"@type"` // see serviceType
	Description string `json:"description,omitempty"`
	Name        string `json:"name,omitempty"`
	Provider    ref    `json:"provider"`
	ServiceType string `json:"serviceType,omitempty"`
	URL         string `json:"url"`
}

// breadcrumbList is the trail of a page below home.
type breadcrumbList struct {
	ID              string     `json:"@id"`
	Type            string     `json:"@type"`
	ItemListElement []listItem `json:"itemListElement"`
}

// listItem is one step of a breadcrumbList.
type listItem struct {
	Type     string `json:"@type"`
	Item     string `json:"item"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

// forPage is ForPage's data before encoding, nil when there is none.
func forPage(s *site.Site, p *site.Page) *document {
	if s == nil || s.Config == nil || p == nil || p.Kind == site.Kind404 {
		return nil
	}
	g := &graph{s: s, c: s.Config}
	nodes := make([]any, 0, 3)
	page := g.webPage(p)
	switch p.Kind {
	case site.KindHome:
		page.About = &ref{ClinicID(g.c)}
		nodes = append(nodes, page, g.website(), Clinic(g.c, s.Services()))
	case site.KindArticle:
		page.Type = "MedicalWebPage"
		page.LastReviewed = date(p.LastReviewed)
		if p.Reviewer != nil {
			page.ReviewedBy = g.person(p.Reviewer, false)
		}
		page.MedicalAudience = &audience{Type: "MedicalAudience", AudienceType: "Patient"}
		page.MainEntity = g.blogPosting(p)
		nodes = append(nodes, page)
	case site.KindService:
		svc := g.service(p)
		page.MainEntity = ref{svc.ID}
		nodes = append(nodes, page, svc)
	case site.KindPage:
		switch p.URL {
		case "/contact/":
			page.Type = "ContactPage"
			page.About = &ref{ClinicID(g.c)}
			nodes = append(nodes, page, Clinic(g.c, s.Services()))
		case "/about/":
			page.Type = "AboutPage"
			page.About = &ref{ClinicID(g.c)}
			nodes = append(nodes, page)
		default:
			nodes = append(nodes, page)
		}
	case site.KindPerson:
		page.Type = "ProfilePage"
		if p.Person != nil {
			page.MainEntity = g.person(p.Person, true)
		}
		nodes = append(nodes, page)
	case site.KindSearch:
		page.Type = "SearchResultsPage"
		nodes = append(nodes, page)
	default: // section lists, terms, term pages, people
		page.Type = "CollectionPage"
		nodes = append(nodes, page)
	}
	if bc := g.breadcrumbs(p); bc != nil {
		nodes = append(nodes, bc)
	}
	return &document{Context: Context, Graph: nodes}
}

type graph struct {
	s *site.Site
	c *config.Config
}

// webPage is the node every page starts from.
func (g *graph) webPage(p *site.Page) *webPage {
	perm := g.permalink(p)
	n := &webPage{
		Type:        "WebPage",
		ID:          perm + "#webpage",
		URL:         perm,
		IsPartOf:    ref{WebsiteID(g.c)},
		Name:        text(p.Title),
		Description: text(p.Description),
		InLanguage:  text(g.c.Language),
	}
	if hasTrail(p) {
		n.Breadcrumb = &ref{perm + "#breadcrumb"}
	}
	return n
}

func (g *graph) website() *webSite {
	return &webSite{
		Type:       "WebSite",
		ID:         WebsiteID(g.c),
		URL:        base(g.c),
		Publisher:  ref{ClinicID(g.c)},
		Name:       text(g.c.Title),
		InLanguage: text(g.c.Language),
	}
}

// blogPosting is an article's mainEntity.
func (g *graph) blogPosting(p *site.Page) *blogPosting {
	perm := g.permalink(p)
	n := &blogPosting{
		Type:             "BlogPosting",
		ID:               perm + "#article",
		MainEntityOfPage: ref{perm + "#webpage"},
		Publisher:        ref{ClinicID(g.c)},
		URL:              perm,
		Headline:         text(p.Title),
		Description:      text(p.Description),
		DatePublished:    datetime(p.Date),
		DateModified:     datetime(p.Modified()),
		InLanguage:       text(g.c.Language),
	}
	switch {
	case len(p.Authors) > 1:
		all := make([]*person, len(p.Authors))
		for i, who := range p.Authors {
			all[i] = g.person(who, false)
		}
		n.Author = all
	case p.Author != nil:
		n.Author = g.person(p.Author, false)
	default:
		n.Author = ref{ClinicID(g.c)}
	}
	if p.Image != nil && p.Image.URL != "" {
		img := &imageObject{Type: "ImageObject", URL: g.absFor(p, p.Image.URL), Caption: text(p.Image.Alt)}
		if p.Image.Width > 0 && p.Image.Height > 0 {
			img.Width, img.Height = p.Image.Width, p.Image.Height
		}
		n.Image = img
	}
	var seen []string // term keys in keywords: a tag and a category may be one word
	for _, name := range g.c.Taxonomies {
		for _, t := range p.Terms[name] {
			if !contains(seen, t.Key) {
				seen = append(seen, t.Key)
				n.Keywords = append(n.Keywords, t.Name)
			}
			if name == "categories" {
				n.ArticleSection = append(n.ArticleSection, t.Name)
			}
		}
	}
	return n
}

// contains reports whether list holds s; lists here are a page's few terms.
func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// person is an author or reviewer, with a link to their profile page.
// full adds the biography (on the profile page itself).
func (g *graph) person(who *site.Person, full bool) *person {
	u := g.abs(who.URL)
	n := &person{
		Type:            "Person",
		ID:              u + "#person",
		URL:             u,
		Name:            text(who.Name),
		JobTitle:        text(who.Role),
		HonorificSuffix: text(who.Credentials),
	}
	if full {
		n.Description = text(who.Bio)
	}
	return n
}

// breadcrumbs is the BreadcrumbList of a page below home, nil otherwise.
func (g *graph) breadcrumbs(p *site.Page) *breadcrumbList {
	if !hasTrail(p) {
		return nil
	}
	items := make([]listItem, len(p.Breadcrumbs))
	for i, c := range p.Breadcrumbs {
		items[i] = listItem{Type: "ListItem", Position: i + 1, Name: c.Name, Item: g.abs(c.URL)}
	}
	return &breadcrumbList{Type: "BreadcrumbList", ID: g.permalink(p) + "#breadcrumb", ItemListElement: items}
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

// base is baseURL with exactly one trailing slash.
func base(c *config.Config) string { return strings.TrimSuffix(c.BaseURL, "/") + "/" }

// absURL makes a site-relative URL absolute as Page.Permalink does.
func absURL(c *config.Config, u string) string {
	if site.HasScheme(u) || strings.HasPrefix(u, "//") {
		return u
	}
	return base(c) + strings.TrimPrefix(u, "/")
}

// text is v, or "" when v is blank, for an omitempty field: a blank name
// or description is left out, never written as "" or " ".
func text(v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	return v
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
func (g *graph) service(p *site.Page) *service {
	perm := g.permalink(p)
	return &service{
		Type:        serviceType(p),
		ID:          perm + "#service",
		URL:         perm,
		Provider:    ref{ClinicID(g.c)},
		Name:        text(p.Title),
		ServiceType: text(p.Title),
		Description: text(p.Description),
	}
}

// MedicalClinic is the clinic node (see Clinic). Its fields are declared
// in the byte order of their JSON keys; an empty one is left out.
type MedicalClinic struct {
	ID                        string                      `json:"@id"`
	Type                      string                      `json:"@type"`
	Address                   *PostalAddress              `json:"address,omitempty"`
	AvailableService          []ServiceRef                `json:"availableService,omitempty"`
	Description               string                      `json:"description,omitempty"`
	Email                     string                      `json:"email,omitempty"`
	Geo                       *GeoCoordinates             `json:"geo,omitempty"`
	HasMap                    string                      `json:"hasMap,omitempty"`
	IsAcceptingNewPatients    *bool                       `json:"isAcceptingNewPatients,omitempty"`
	KnowsLanguage             []string                    `json:"knowsLanguage,omitempty"`
	LegalName                 string                      `json:"legalName,omitempty"`
	MakesOffer                []Offer                     `json:"makesOffer,omitempty"`
	MedicalSpecialty          []string                    `json:"medicalSpecialty,omitempty"`
	Name                      string                      `json:"name,omitempty"`
	OpeningHoursSpecification []OpeningHoursSpecification `json:"openingHoursSpecification,omitempty"`
	Telephone                 string                      `json:"telephone,omitempty"`
	URL                       string                      `json:"url"`
}

// PostalAddress is the clinic's address; blank parts are left out.
type PostalAddress struct {
	Type            string `json:"@type"`
	AddressCountry  string `json:"addressCountry,omitempty"`
	AddressLocality string `json:"addressLocality,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	StreetAddress   string `json:"streetAddress,omitempty"`
}

// GeoCoordinates is the clinic's position.
type GeoCoordinates struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// OpeningHoursSpecification is one line of the clinic's hours, or a
// closure: one day (ValidFrom = ValidThrough) opening and closing at
// "00:00". DayOfWeek is a []string of day URLs for hours and one day URL
// string for a closure.
type OpeningHoursSpecification struct {
	Type         string `json:"@type"`
	Closes       string `json:"closes,omitempty"`
	DayOfWeek    any    `json:"dayOfWeek,omitempty"`
	Name         string `json:"name,omitempty"`
	Opens        string `json:"opens,omitempty"`
	ValidFrom    string `json:"validFrom,omitempty"`
	ValidThrough string `json:"validThrough,omitempty"`
}

// ServiceRef is a service the clinic lists: the service page's node by
// "@id", with its type, name and URL. Type is as serviceType says.
type ServiceRef struct {
	ID   string `json:"@id"`
	Type any    `json:"@type"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url"`
}

// Offer is a non-clinical service the clinic offers (makesOffer).
type Offer struct {
	Type        string     `json:"@type"`
	ItemOffered ServiceRef `json:"itemOffered"`
}

// Clinic is the MedicalClinic node made from config.yaml's clinic table,
// listing the published service pages: clinical ones as availableService,
// the others as makesOffer (see Clinical). Empty config values are left
// out. encoding/json writes it as the clinic's JSON-LD object.
func Clinic(c *config.Config, services []*site.Page) *MedicalClinic {
	cl := c.Clinic
	name := cl.Name
	if strings.TrimSpace(name) == "" {
		name = c.Title
	}
	n := &MedicalClinic{
		Type:                   "MedicalClinic",
		ID:                     ClinicID(c),
		URL:                    base(c),
		Name:                   text(name),
		LegalName:              text(cl.LegalName),
		Description:            text(cl.Description),
		Telephone:              text(cl.Telephone),
		Email:                  text(cl.Email),
		HasMap:                 text(cl.DirectionsURL),
		IsAcceptingNewPatients: cl.AcceptingNewPatients,
		KnowsLanguage:          cl.Languages,
	}
	addr := PostalAddress{
		Type:            "PostalAddress",
		StreetAddress:   text(cl.Address.StreetAddress),
		AddressLocality: text(cl.Address.AddressLocality),
		AddressRegion:   text(cl.Address.AddressRegion),
		PostalCode:      text(cl.Address.PostalCode),
		AddressCountry:  text(cl.Address.AddressCountry),
	}
	if addr != (PostalAddress{Type: "PostalAddress"}) {
		n.Address = &addr
	}
	if cl.Geo != nil {
		n.Geo = &GeoCoordinates{Type: "GeoCoordinates", Latitude: cl.Geo.Latitude, Longitude: cl.Geo.Longitude}
	}
	n.OpeningHoursSpecification = openingHours(cl)
	for _, s := range cl.MedicalSpecialty {
		s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
		if s == "" {
			continue
		}
		if !site.HasScheme(s) {
			s = "https://schema.org/" + s
		}
		n.MedicalSpecialty = append(n.MedicalSpecialty, s)
	}
	for _, p := range services {
		if p == nil || p.Draft || p.Scheduled || p.Expired {
			continue
		}
		perm := p.Permalink
		if perm == "" {
			perm = absURL(c, p.URL)
		}
		item := ServiceRef{Type: serviceType(p), ID: perm + "#service", URL: perm, Name: text(p.Title)}
		if Clinical(p) {
			n.AvailableService = append(n.AvailableService, item)
		} else {
			n.MakesOffer = append(n.MakesOffer, Offer{Type: "Offer", ItemOffered: item})
		}
	}
	return n
}

// openingHours turns the hours table and the holiday closures into
// OpeningHoursSpecification values. A closure is a one-day specification
// (validFrom = validThrough) with opens and closes both "00:00", which
// schema.org and Google read as closed all day.
func openingHours(cl config.Clinic) []OpeningHoursSpecification {
	var out []OpeningHoursSpecification
	for _, h := range cl.Hours {
		spec := OpeningHoursSpecification{Type: "OpeningHoursSpecification", Opens: text(h.Opens), Closes: text(h.Closes)}
		if len(h.Days) > 0 {
			days := make([]string, len(h.Days))
			for i, d := range h.Days {
				days[i] = "https://schema.org/" + d
			}
			spec.DayOfWeek = days
		}
		out = append(out, spec)
	}
	for _, cd := range cl.Closures {
		if cd.Date.IsZero() {
			continue
		}
		day := cd.Date.Format(time.DateOnly)
		out = append(out, OpeningHoursSpecification{
			Type:         "OpeningHoursSpecification",
			DayOfWeek:    "https://schema.org/" + cd.Date.Weekday().String(),
			Opens:        "00:00",
			Closes:       "00:00",
			ValidFrom:    day,
			ValidThrough: day,
			Name:         text(cd.Name),
		})
	}
	return out
}
