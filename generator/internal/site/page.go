// Package site is the model stage: it turns parsed documents into typed
// Pages and everything derived from the whole set of them — URLs, sections,
// taxonomies and their term pages, pagination, related posts and related
// services, people pages, aliases and breadcrumbs. It does no I/O: Build
// takes values and returns values, so tests need no files.
//
// # Sections and URLs
//
// content/_index.md is the home page. content/<section>/_index.md gives a
// section its title and intro; content/<section>/<name>.md is a page of that
// section at /<section>/<slug>/; content/<name>.md is a top-level page at
// /<slug>/. The slug is front matter `slug`, else the file name, folded to
// lower-case ASCII words joined by hyphens. Front matter `url` replaces the
// whole path. Two pages with one URL is an error naming both files.
//
// # Publishing rules
//
// Drafts, pages whose publishDate (else date) is still in the future in the
// site's time zone, and pages whose expiryDate has passed are left out of
// every output — lists, term pages, related lists, feeds, sitemap — unless
// Options allow them. Each skipped page is listed in Site.Skipped with why.
package site

import (
	"html/template"
	"time"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/search"
)

// Kind is what a page is; it picks the layout.
type Kind string

// The page kinds. Regular content pages are KindArticle (in the articles
// section), KindService (in the services section) or KindPage (anywhere
// else); the rest are generated lists.
const (
	KindHome    Kind = "home"
	KindSection Kind = "list"
	KindArticle Kind = "article"
	KindService Kind = "service"
	KindPage    Kind = "page"
	KindTerm    Kind = "term"   // one tag or category, with its pages
	KindTerms   Kind = "terms"  // every term of one taxonomy
	KindPerson  Kind = "person" // an author or reviewer profile
	KindPeople  Kind = "people" // every person
	Kind404     Kind = "404"
	KindSearch  Kind = "search" // the site search page, when search is on
)

// The section names with special kinds.
const (
	ArticlesSection = "articles"
	ServicesSection = "services"
)

// Page is one output page. Generated pages (lists, terms, people, 404) have
// no Doc.
type Page struct {
	Kind    Kind
	Section string // first folder under content/; "" for top-level pages and home
	// Path is the source file (site-relative), "" for generated pages.
	Path string
	// URL is site-relative, starts and ends with "/" (404: "/404.html").
	URL string
	// Permalink is BaseURL + URL without its leading "/".
	Permalink string

	Title, Description, Summary string
	Date, Lastmod, PublishDate  time.Time
	ExpiryDate, LastReviewed    time.Time
	Draft                       bool
	Scheduled                   bool // publishes in the future (only shown by serve/--future)
	Expired                     bool // its expiryDate has passed (only shown with --expired)
	Weight                      int
	Layout                      string
	Params                      map[string]any
	Aliases                     []string

	Author, Reviewer *Person
	// Authors are every author of a page whose front matter has authors
	// (with author, if given, first), the byline Author first; nil when
	// author alone names the author (then Author is the only one).
	Authors []*Person
	Image   *Image

	// Terms holds the page's terms per taxonomy ("tags" → terms), in the
	// order the editor wrote them, each term once, never empty.
	Terms map[string][]*Term

	// Reading holds the page's reading figures (words, reading minutes,
	// grade), as the parse stage measured them.
	Reading readability.Stats

	// Crisis is set on pages about mental health: the layout shows the
	// crisis box before the body.
	Crisis bool
	// ReviewDue is set when LastReviewed is older than the review interval.
	ReviewDue bool

	// Related are the pages of the same section most related to this one,
	// best first; RelatedScores explains them, one entry per page.
	Related       []*Page
	RelatedScores []Score
	// RelatedServices are the service pages closest to an article (at most
	// related.services, only ones sharing words or terms with it);
	// RelatedServiceScores explains them.
	RelatedServices      []*Page
	RelatedServiceScores []Score

	// List pages: the pages on this pager page, and the pager.
	Pages []*Page
	Pager *Pager
	// Term is set on a KindTerm page, Taxonomy on KindTerm and KindTerms pages.
	Term     *Term
	Taxonomy *Taxonomy
	// Person is set on a KindPerson page.
	Person *Person
	// Intro is a section's or the home page's own _index.md page.
	Intro *Page

	Breadcrumbs []Crumb

	// Search is the page's text analysed for the site search (nil for
	// generated pages).
	Search *search.Doc
	// Lang is the page's language code ("" on a site with one language).
	Lang string
	// TranslationKey is what links a page to its translations: a content
	// file's translationKey, else its path without the language suffix;
	// a generated page's kind ("home", "section:articles"…); "" for pages
	// that have no translations (term pages, pager pages after the first).
	TranslationKey string
	// Translations are the same page in the other languages, in the order
	// of config.yaml's languages (set by Link).
	Translations []*Page

	// Doc is the parsed source; nil for generated pages.
	Doc *markdown.Doc
	// Content is the rendered body, filled in by the render stage.
	Content template.HTML
}

// IsRegular reports whether the page comes from a content file (not a
// generated list).
func (p *Page) IsRegular() bool {
	return p.Kind == KindArticle || p.Kind == KindService || p.Kind == KindPage
}

// Modified returns Lastmod, else Date.
func (p *Page) Modified() time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	return p.Date
}

// Image is a page's share image.
type Image struct {
	URL           string
	Alt           string
	Width, Height int
}

// Score is the explained score of one related page.
type Score struct {
	Total, Tags, Text, Recency float64
}

// Person is an author or reviewer with a profile page.
type Person struct {
	config.Person
	URL   string
	Pages []*Page // pages written or reviewed, newest first
}

// Term is one tag or category.
type Term struct {
	Taxonomy string // "tags"
	Key      string // matching key
	Name     string // most common spelling
	Slug     string
	URL      string // "/tags/peer-support/"
	Pages    []*Page
}

// Taxonomy is one kind of term, e.g. tags.
type Taxonomy struct {
	Name string // "tags"
	// Label is the name as the page's language writes it in a sentence
	// (theme string taxonomy_label_<name>, else Name): "etiquetas".
	Label string
	URL   string // "/tags/"
	Terms []*Term
}

// Title returns the taxonomy's display name: its name with the first
// letter in upper case ("Tags").
func (t *Taxonomy) Title() string {
	r, size := utf8.DecodeRuneInString(t.Name)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + t.Name[size:]
}

// Pager places one page of a paginated list.
type Pager struct {
	Number, Total           int
	First, Last, Prev, Next string // URLs; Prev/Next "" at the ends
}

// Crumb is one breadcrumb step.
type Crumb struct {
	Name, URL string
	// Current is set on the last step of every trail, the one the
	// breadcrumbs mark as the current page.
	Current bool
}

// Skip is a content page left out of the build.
type Skip struct {
	Path   string
	Reason string    // "draft", "scheduled", "expired"
	When   time.Time // scheduled: when it will publish; expired: when it expired
	Line   int       // the front matter line that decides it
}

// Alias is a redirect from an old URL to a page.
type Alias struct {
	From, To string
	Path     string // the content file that asked for it
}
