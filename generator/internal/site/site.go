package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/related"
	"clinicgen/generator/internal/search"
	"clinicgen/generator/internal/slug"
	"clinicgen/generator/internal/taxonomy"
)

// Input is one parsed content file with the figures the parse stage
// computed for it.
type Input struct {
	Doc     *markdown.Doc
	Reading readability.Stats
	Text    related.Terms // analysed text for related posts
	Search  *search.Doc   // analysed text for the site search
}

// Options are the publishing switches.
type Options struct {
	Drafts, Future, Expired bool
	// Include names content files published whatever the rules say (a
	// draft `check` was asked about by name).
	Include map[string]bool
	// Now decides what is future or expired; zero means time.Now().
	Now time.Time
	// Lang is the language this model is for (zero: a site with one
	// language).
	Lang Lang
	// T returns a theme string (layouts/i18n) for the model's own words
	// (breadcrumbs, generated page titles), "" when there is none; nil
	// keeps the English words.
	T func(key string) string
}

// Lang is the language one Site model is built for. A multilingual site
// is one model per language (see Link).
type Lang struct {
	Code string // BCP 47 code, "" for a site with one language
	Name string // the language's name in itself
	// Prefix is put before every URL the model makes: "" for the default
	// language, "/es" for Spanish.
	Prefix string
	// Sections maps a section folder to its URL name in this language.
	Sections map[string]string
	Default  bool
}

// Site is the whole model.
type Site struct {
	Config *config.Config
	// Pages is every output page: regular pages, then home, sections,
	// taxonomies, people and 404; list pages once per pager page.
	Pages []*Page
	// Regular is every published content page, sorted by path.
	Regular []*Page
	// Home is the home page (pager page 1).
	Home *Page
	// Sections maps a section name to its first list page.
	Sections map[string]*Page
	// SectionPages maps a section name to its regular pages in list order.
	SectionPages map[string][]*Page
	Taxonomies   []*Taxonomy
	People       []*Person
	Skipped      []Skip
	Aliases      []Alias
	// SearchURL is the URL of this language's search page ("" when
	// search is off), which the header's search field submits to.
	SearchURL string
	// Lang is the model's language; Languages is every language's model,
	// the default first, set by Link (nil for a site with one language).
	Lang      Lang
	Languages []*Site
	// byPath maps a content path to its page, for .md link resolution.
	byPath map[string]*Page
	// byURL maps a URL to its page (see PageAt).
	byURL map[string]*Page
	// ogLocale is Locale(Config.Language), worked out once (OGLocale is
	// read on every page).
	ogLocale string
}

// PageByPath returns the published page built from a content file.
func (s *Site) PageByPath(p string) (*Page, bool) {
	pg, ok := s.byPath[p]
	return pg, ok
}

// URLOf resolves a content path to its page's URL (for Markdown links).
func (s *Site) URLOf(p string) (string, bool) {
	pg, ok := s.byPath[p]
	if !ok {
		return "", false
	}
	return pg.URL, true
}

// Articles returns the articles section's pages, newest first.
func (s *Site) Articles() []*Page { return s.SectionPages[ArticlesSection] }

// Services returns the services section's pages, by weight.
func (s *Site) Services() []*Page { return s.SectionPages[ServicesSection] }

// Build assembles the model. The diagnostics hold errors (duplicate URLs,
// unknown taxonomy values…) and warnings (review due, unknown author…).
func Build(cfg *config.Config, in []Input, opt Options) (*Site, diag.List) {
	b := &builder{cfg: cfg, opt: opt, s: &Site{Config: cfg, Lang: opt.Lang, Sections: map[string]*Page{}, SectionPages: map[string][]*Page{}, byPath: map[string]*Page{}, ogLocale: Locale(cfg.Language)}}
	if b.opt.Now.IsZero() {
		b.opt.Now = time.Now()
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	b.now = b.opt.Now.In(loc)
	b.people()
	b.pages(in)
	b.configRedirects()
	b.taxonomies()
	b.lists()
	b.related(in)
	b.personPages()
	b.crumbs()
	b.checkURLs()
	b.translationKeys()
	return b.s, b.ds
}

type builder struct {
	cfg *config.Config
	opt Options
	now time.Time
	s   *Site
	ds  diag.List
	// intros are the _index.md pages by section ("" = home).
	intros map[string]*Page
	// texts holds each regular page's analysed text.
	texts map[*Page]related.Terms
}

func (b *builder) errAt(d *markdown.Doc, key, fix, format string, args ...any) {
	line := 0
	if d != nil {
		line = d.FM.Lines[key]
	}
	var src []byte
	p := ""
	if d != nil {
		src, p = d.FrontSrc, d.Path
	}
	b.ds = append(b.ds, diag.Errorf(p, src, line, 0, fix, format, args...))
}

func (b *builder) warnAt(d *markdown.Doc, key, fix, format string, args ...any) {
	line := 0
	if d != nil {
		line = d.FM.Lines[key]
	}
	b.ds = append(b.ds, diag.Warnf(d.Path, d.FrontSrc, line, 0, fix, format, args...))
}

func (b *builder) permalink(u string) string {
	return strings.TrimSuffix(b.cfg.BaseURL, "/") + u
}

// HasScheme reports whether u starts with a URL scheme such as "https:"
// (RFC 3986: a letter, then letters, digits, "+", "-" or ".", then ":"),
// so that it is absolute and must not be joined to the site's base URL.
func HasScheme(u string) bool {
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

func (b *builder) people() {
	for _, p := range b.cfg.People {
		b.s.People = append(b.s.People, &Person{Person: p, URL: b.u("/people/" + slug.Make(p.ID) + "/")})
	}
}

func (b *builder) person(id string) *Person {
	for _, p := range b.s.People {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// pages turns each input into a regular page, applying the publishing rules.
func (b *builder) pages(in []Input) {
	b.intros = map[string]*Page{}
	b.texts = map[*Page]related.Terms{}
	for _, it := range in {
		d := it.Doc
		if d == nil {
			continue
		}
		if skip, ok := b.skip(d); ok {
			b.s.Skipped = append(b.s.Skipped, skip)
			continue
		}
		rel := strings.TrimPrefix(d.Path, "content/")
		dir, file := path.Split(rel)
		dir = strings.TrimSuffix(dir, "/")
		section := dir
		if i := strings.IndexByte(section, '/'); i >= 0 {
			section = section[:i]
		}
		base := strings.TrimSuffix(file, path.Ext(file))
		if c := b.opt.Lang.Code; c != "" {
			base = strings.TrimSuffix(base, "."+c)
		}
		p := &Page{
			Section: section, Path: d.Path, Doc: d,
			Title: plainText(d.FM.Title), Description: plainText(d.FM.Description), Summary: plainText(d.Summary),
			Date: d.FM.Date, Lastmod: d.FM.Lastmod, PublishDate: d.FM.PublishDate,
			ExpiryDate: d.FM.ExpiryDate, LastReviewed: d.FM.LastReviewed,
			Draft: d.FM.Draft, Weight: d.FM.Weight, Layout: d.FM.Layout, Params: d.FM.Params,
			Reading: it.Reading, Search: it.Search,
		}
		if p.Summary == "" {
			p.Summary = p.Description
		}
		if p.Description == "" {
			p.Description = p.Summary
		}
		if pub := p.publishTime(); pub.After(b.now) {
			p.Scheduled = true
		}
		if !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(b.now) {
			p.Expired = true
		}
		if base == "_index" {
			b.intros[dir] = p
			if dir == "" {
				p.Kind = KindHome
			} else {
				p.Kind = KindSection
			}
			continue
		}
		switch section {
		case ArticlesSection:
			p.Kind = KindArticle
		case ServicesSection:
			p.Kind = KindService
		default:
			p.Kind = KindPage
		}
		s := d.FM.Slug
		if s == "" {
			s = slug.Make(base)
		} else {
			s = slug.Make(s)
		}
		if s == "" {
			key := "slug"
			if d.FM.Slug == "" {
				key = "title"
			}
			b.errAt(d, key, "set `slug:` to a few plain words, e.g. slug: flu-shots", "cannot make a URL from the file name %q", file)
			continue
		}
		switch {
		case d.FM.URL != "":
			u := "/" + strings.Trim(path.Clean("/"+d.FM.URL), "/") + "/"
			if u == "//" {
				u = "/"
			}
			p.URL = u
		case dir == "":
			p.URL = b.u("/" + s + "/")
		default:
			parts := strings.Split(dir, "/")
			for i := range parts {
				parts[i] = slug.Make(parts[i])
			}
			parts[0] = b.sectionURL(section)
			p.URL = b.u("/" + strings.Join(parts, "/") + "/" + s + "/")
		}
		p.Permalink = b.permalink(p.URL)
		if len(d.FM.Authors) == 0 && d.FM.Author != "" {
			if p.Author = b.person(d.FM.Author); p.Author == nil {
				b.errAt(d, "author", "use one of the people ids in config.yaml ("+b.cfg.PeopleIDs()+")", "author %q is not in the people list", d.FM.Author)
			}
		}
		for i, id := range d.FM.Authors {
			who := b.person(id)
			if who == nil {
				key := "authors"
				if i == 0 && d.FM.Author == id && d.FM.Lines["author"] > 0 {
					key = "author"
				}
				b.errAt(d, key, "use one of the people ids in config.yaml ("+b.cfg.PeopleIDs()+")", "author %q is not in the people list", id)
				continue
			}
			if i == 0 {
				p.Author = who
			}
			p.Authors = append(p.Authors, who)
		}
		if d.FM.ReviewedBy != "" {
			if p.Reviewer = b.person(d.FM.ReviewedBy); p.Reviewer == nil {
				b.errAt(d, "reviewedBy", "use one of the people ids in config.yaml ("+b.cfg.PeopleIDs()+")", "reviewer %q is not in the people list", d.FM.ReviewedBy)
			}
		}
		if d.FM.Image != "" {
			p.Image = b.shareImage(d)
		}
		if p.LastReviewed.After(b.now) {
			// A review cannot have happened yet: most likely a typo in
			// the year or a swapped month and day.
			b.warnAt(d, "lastReviewed", "set it to the day the clinician reviewed the page, today or earlier",
				"lastReviewed %s is in the future: probably a typo", p.LastReviewed.Format("2006-01-02"))
		}
		if !p.LastReviewed.IsZero() {
			due := p.LastReviewed.AddDate(0, b.cfg.Health.ReviewInterval, 0)
			if due.Before(b.now) {
				p.ReviewDue = true
				b.warnAt(d, "lastReviewed", "have a clinician review it again and update lastReviewed", "medical review is due: last reviewed %s, more than %d months ago", p.LastReviewed.Format("2006-01-02"), b.cfg.Health.ReviewInterval)
			}
		}
		for _, a := range d.FM.Aliases {
			// Clean the path; a query or fragment (which the feeds stage
			// warns about) is kept as written.
			rest := ""
			if i := strings.IndexAny(a, "?#"); i >= 0 {
				a, rest = a[:i], a[i:]
			}
			from := "/" + strings.Trim(path.Clean("/"+a), "/")
			if path.Ext(from) == "" && from != "/" {
				from += "/"
			}
			from += rest
			b.s.Aliases = append(b.s.Aliases, Alias{From: from, To: p.URL, Path: d.Path})
		}
		p.Aliases = d.FM.Aliases
		p.Lang = b.opt.Lang.Code
		p.TranslationKey = d.FM.TranslationKey
		if p.TranslationKey == "" {
			p.TranslationKey = "file:" + path.Join(dir, base)
		} else {
			p.TranslationKey = "key:" + p.TranslationKey
		}
		b.s.Regular = append(b.s.Regular, p)
		b.s.byPath[d.Path] = p
		b.texts[p] = it.Text
	}
	sort.Slice(b.s.Regular, func(i, j int) bool { return b.s.Regular[i].Path < b.s.Regular[j].Path })
}

// plainText drops the control characters HTML and XML forbid (a YAML
// escape such as "\x01" can put one in a title), keeping tabs and line
// breaks, so no page, feed or JSON-LD block carries one.
func plainText(s string) string {
	if !strings.ContainsFunc(s, forbidden) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if forbidden(r) {
			return -1
		}
		return r
	}, s)
}

func forbidden(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0xfffe || r == 0xffff
}

// shareImage is front matter `image` as the parse stage resolved it (see
// markdown.Doc.Share), else as a body image of the same name shows it.
func (b *builder) shareImage(d *markdown.Doc) *Image {
	if s := d.Share; s != nil && s.URL != "" {
		return &Image{URL: s.URL, Alt: d.FM.ImageAlt, Width: s.Width, Height: s.Height}
	}
	for _, im := range d.Images {
		if im.Src == d.FM.Image {
			return &Image{URL: im.URL, Alt: d.FM.ImageAlt, Width: im.Width, Height: im.Height}
		}
	}
	return &Image{URL: d.FM.Image, Alt: d.FM.ImageAlt}
}

func (p *Page) publishTime() time.Time {
	if !p.PublishDate.IsZero() {
		return p.PublishDate
	}
	return p.Date
}

// skip applies the publishing rules to one document.
func (b *builder) skip(d *markdown.Doc) (Skip, bool) {
	fm := d.FM
	if b.opt.Include[d.Path] {
		return Skip{}, false
	}
	if fm.Draft && !b.opt.Drafts {
		return Skip{Path: d.Path, Reason: "draft", Line: fm.Lines["draft"]}, true
	}
	pub, key := fm.PublishDate, "publishDate"
	if pub.IsZero() {
		pub, key = fm.Date, "date"
	}
	if !pub.IsZero() && pub.After(b.now) && !b.opt.Future {
		return Skip{Path: d.Path, Reason: "scheduled", When: pub, Line: fm.Lines[key]}, true
	}
	if !fm.ExpiryDate.IsZero() && !fm.ExpiryDate.After(b.now) && !b.opt.Expired {
		return Skip{Path: d.Path, Reason: "expired", When: fm.ExpiryDate, Line: fm.Lines["expiryDate"]}, true
	}
	return Skip{}, false
}

// taxonomies groups the terms of every published page.
func (b *builder) taxonomies() {
	mental := map[string]bool{}
	for _, t := range b.cfg.Health.MentalHealthTerms {
		mental[taxonomy.Key(t)] = true
	}
	for _, name := range b.cfg.Taxonomies {
		var uses []taxonomy.Use
		raw := make(map[*Page][]string, len(b.s.Regular))
		for _, p := range b.s.Regular {
			raw[p] = b.termsOf(p.Doc, name)
			line := p.Doc.FM.Lines[name]
			if name != "tags" && name != "categories" {
				line = paramLine(p.Doc, name)
			}
			for _, t := range raw[p] {
				uses = append(uses, taxonomy.Use{Term: t, Path: p.Path, Line: line})
			}
		}
		terms, ds := taxonomy.Collect(name, uses)
		b.ds = append(b.ds, ds...)
		b.ds = append(b.ds, taxonomy.NearDuplicates(name, terms)...)
		tx := &Taxonomy{Name: name, Label: b.t("taxonomy_label_"+name, name), URL: b.u("/" + name + "/")}
		byKey := map[string]*Term{}
		for _, t := range terms {
			term := &Term{Taxonomy: name, Key: t.Key, Name: t.Name, Slug: t.Slug, URL: tx.URL + t.Slug + "/"}
			byKey[t.Key] = term
			tx.Terms = append(tx.Terms, term)
		}
		for _, p := range b.s.Regular {
			seen := map[string]bool{}
			for _, t := range raw[p] {
				k := taxonomy.Key(t)
				term := byKey[k]
				if term == nil || seen[k] {
					continue
				}
				seen[k] = true
				if p.Terms == nil {
					p.Terms = map[string][]*Term{}
				}
				p.Terms[name] = append(p.Terms[name], term)
				term.Pages = append(term.Pages, p)
				if mental[k] {
					p.Crisis = true
				}
			}
		}
		for _, t := range tx.Terms {
			sortByDate(t.Pages)
		}
		b.s.Taxonomies = append(b.s.Taxonomies, tx)
	}
}

// termsOf returns a document's raw values for one taxonomy: tags and
// categories come from their front matter fields, any other taxonomy from
// params.<name> (see paramTerms).
func (b *builder) termsOf(d *markdown.Doc, name string) []string {
	switch name {
	case "tags":
		return d.FM.Tags
	case "categories":
		return d.FM.Categories
	}
	return b.paramTerms(d, name)
}

// sortByDate orders pages newest first, then by title and path.
func sortByDate(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, c := ps[i], ps[j]
		if !a.Date.Equal(c.Date) {
			return a.Date.After(c.Date)
		}
		if a.Title != c.Title {
			return a.Title < c.Title
		}
		return a.Path < c.Path
	})
}

// sortByWeight orders pages by weight (0 last), then title and path.
func sortByWeight(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, c := ps[i], ps[j]
		wa, wc := a.Weight, c.Weight
		if wa == 0 {
			wa = 1 << 30
		}
		if wc == 0 {
			wc = 1 << 30
		}
		if wa != wc {
			return wa < wc
		}
		if a.Title != c.Title {
			return a.Title < c.Title
		}
		return a.Path < c.Path
	})
}

// lists builds the home page, section lists and taxonomy pages, paginated.
func (b *builder) lists() {
	bySection := map[string][]*Page{}
	for _, p := range b.s.Regular {
		if p.Section != "" {
			bySection[p.Section] = append(bySection[p.Section], p)
		}
	}
	var names []string
	for n := range bySection {
		names = append(names, n)
	}
	for n := range b.intros {
		if n != "" && bySection[n] == nil && !strings.Contains(n, "/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		ps := bySection[n]
		if n == ServicesSection {
			sortByWeight(ps)
		} else {
			sortByDate(ps)
		}
		b.s.SectionPages[n] = ps
		intro := b.intros[n]
		title := strings.ToUpper(n[:1]) + strings.ReplaceAll(n[1:], "-", " ")
		if intro != nil {
			title = intro.Title
		}
		first := b.paginate(KindSection, n, b.u("/"+b.sectionURL(n)+"/"), title, ps, intro, nil, nil)
		first.TranslationKey = "section:" + n
		b.s.Sections[n] = first
	}
	home := &Page{Kind: KindHome, URL: b.u("/"), TranslationKey: "home", Title: b.cfg.Title, Intro: b.intros[""], Pages: b.s.Articles()}
	if home.Intro != nil {
		home.Title = home.Intro.Title
		home.Description = home.Intro.Description
	}
	if home.Description == "" {
		home.Description = b.cfg.Clinic.Description
	}
	home.Permalink = b.permalink(home.URL)
	b.s.Home = home
	b.add(home)
	for _, tx := range b.s.Taxonomies {
		idx := &Page{Kind: KindTerms, URL: tx.URL, TranslationKey: "terms:" + tx.Name, Title: b.t("taxonomy_"+tx.Name, tx.Title()), Taxonomy: tx, Description: b.t("terms_description_"+tx.Name, "Every "+taxonomy.Singular(tx.Name)+" used on this site, with how many pages carry it.")}
		idx.Permalink = b.permalink(idx.URL)
		b.add(idx)
		for _, t := range tx.Terms {
			b.paginate(KindTerm, "", t.URL, t.Name, t.Pages, nil, t, tx)
		}
	}
	nf := &Page{Kind: Kind404, URL: b.u("/404.html"), TranslationKey: "404", Title: b.t("not_found_title", "Page not found"), Description: b.t("not_found_description", "The page you asked for is not here.")}
	nf.Permalink = b.permalink(nf.URL)
	b.add(nf)
	if b.cfg.Search.On() {
		// Its URL name is the language's (languages.N.sections.search:
		// /es/buscar/), like a section's.
		sp := &Page{Kind: KindSearch, URL: b.u("/" + b.sectionURL("search") + "/"), TranslationKey: "search", Title: b.t("search_title", "Search"),
			Description: fmt.Sprintf(b.t("search_description", "Search the health articles and services of %s."), b.cfg.Title)}
		sp.Permalink = b.permalink(sp.URL)
		b.add(sp)
		b.s.SearchURL = sp.URL
	}
}

// paginate adds the pager pages of one list and returns the first.
// Every pager page of a term list carries the term and its taxonomy.
func (b *builder) paginate(kind Kind, section, base, title string, ps []*Page, intro *Page, term *Term, tx *Taxonomy) *Page {
	size := b.cfg.Paginate
	if size < 1 {
		size = 10
	}
	total := (len(ps) + size - 1) / size
	if total == 0 {
		total = 1
	}
	urlOf := func(n int) string {
		if n == 1 {
			return base
		}
		return fmt.Sprintf("%spage/%d/", base, n)
	}
	var first *Page
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, n*size
		if hi > len(ps) {
			hi = len(ps)
		}
		pg := &Page{Kind: kind, Section: section, URL: urlOf(n), Title: title, Pages: ps[lo:hi], Intro: intro, Term: term, Taxonomy: tx}
		pg.Pager = &Pager{Number: n, Total: total, First: urlOf(1), Last: urlOf(total)}
		if n > 1 {
			pg.Pager.Prev = urlOf(n - 1)
		}
		if n < total {
			pg.Pager.Next = urlOf(n + 1)
		}
		if intro != nil {
			pg.Description = intro.Description
			pg.Layout = intro.Layout
		}
		if term != nil {
			pg.Description = fmt.Sprintf(b.t("term_description", "Articles and pages about %s."), term.Name)
		}
		if pg.Description == "" {
			pg.Description = fmt.Sprintf(b.t("list_description", "%s at %s."), title, b.cfg.Title)
		}
		pg.Permalink = b.permalink(pg.URL)
		b.add(pg)
		if first == nil {
			first = pg
		}
	}
	return first
}

func (b *builder) add(p *Page) {
	p.Lang = b.opt.Lang.Code
	b.s.Pages = append(b.s.Pages, p)
}

// related fills Related on every page of every section but services (each
// list min(related.count, pages in the section − 1) long, so never empty when
// the section has two pages), and RelatedServices on every article (see
// closeServices).
func (b *builder) related(in []Input) {
	w := related.Weights{Tags: b.cfg.Related.Weights.Tags, Text: b.cfg.Related.Weights.Text, Recency: b.cfg.Related.Weights.Recency}
	doc := func(p *Page) related.Doc {
		var taxa []string
		for _, name := range b.cfg.Taxonomies {
			for _, t := range p.Terms[name] {
				taxa = append(taxa, name+"/"+t.Key)
			}
		}
		return related.Doc{Key: p.Path, Date: p.Date, Taxa: taxa, Text: b.texts[p]}
	}
	var svcIx *related.Index
	services := b.s.SectionPages[ServicesSection]
	if len(services) > 0 && b.cfg.Related.Services > 0 {
		docs := make([]related.Doc, len(services))
		for i, p := range services {
			docs[i] = doc(p)
		}
		svcIx = related.Build(docs, w)
	}
	for name, ps := range b.s.SectionPages {
		if name == ServicesSection || len(ps) < 2 {
			continue
		}
		docs := make([]related.Doc, len(ps))
		for i, p := range ps {
			docs[i] = doc(p)
		}
		ix := related.Build(docs, w)
		all := ix.All(b.cfg.Related.Count)
		for i, p := range ps {
			for _, m := range all[i] {
				p.Related = append(p.Related, ps[m.Doc])
				p.RelatedScores = append(p.RelatedScores, Score{Total: m.Score, Tags: m.Tags, Text: m.Text, Recency: m.Recency})
			}
		}
	}
	if svcIx != nil {
		for _, p := range b.s.Regular {
			if p.Kind != KindArticle {
				continue
			}
			for _, m := range closeServices(svcIx.Query(doc(p), b.cfg.Related.Services)) {
				p.RelatedServices = append(p.RelatedServices, services[m.Doc])
				p.RelatedServiceScores = append(p.RelatedServiceScores, Score{Total: m.Score, Tags: m.Tags, Text: m.Text, Recency: m.Recency})
			}
		}
	}
}

// personPages adds a profile page per person and a people index.
func (b *builder) personPages() {
	if len(b.s.People) == 0 {
		return
	}
	for _, p := range b.s.Regular {
		seen := map[*Person]bool{}
		add := func(who *Person) {
			if who != nil && !seen[who] {
				seen[who] = true
				who.Pages = append(who.Pages, p)
			}
		}
		if p.Authors == nil {
			add(p.Author)
		}
		for _, who := range p.Authors {
			add(who)
		}
		add(p.Reviewer)
	}
	idx := &Page{Kind: KindPeople, URL: b.u("/people/"), TranslationKey: "people", Title: b.t("people_title", "Our writers and reviewers"), Description: b.t("people_description", "Who writes and medically reviews the health articles on this site.")}
	idx.Permalink = b.permalink(idx.URL)
	b.add(idx)
	for _, who := range b.s.People {
		sortByDate(who.Pages)
		title := who.Name
		if who.Credentials != "" {
			title += ", " + who.Credentials
		}
		pg := &Page{Kind: KindPerson, URL: who.URL, TranslationKey: "person:" + who.ID, Title: title, Person: who, Pages: who.Pages, Description: fmt.Sprintf(b.t("list_description", "%s at %s."), who.Role, b.cfg.Title)}
		pg.Permalink = b.permalink(pg.URL)
		b.add(pg)
	}
}

// crumbs sets the breadcrumb trail of every page below home.
func (b *builder) crumbs() {
	home := Crumb{Name: b.t("home", "Home"), URL: b.u("/")}
	for _, p := range b.s.Regular {
		p.Breadcrumbs = []Crumb{home}
		if sec := b.s.Sections[p.Section]; sec != nil {
			p.Breadcrumbs = append(p.Breadcrumbs, Crumb{Name: sec.Title, URL: sec.URL})
		}
		p.Breadcrumbs = append(p.Breadcrumbs, Crumb{Name: p.Title, URL: p.URL})
	}
	for _, p := range b.s.Pages {
		switch p.Kind {
		case KindSection:
			p.Breadcrumbs = []Crumb{home, {Name: p.Title, URL: p.Pager.First}}
		case KindTerms:
			p.Breadcrumbs = []Crumb{home, {Name: p.Title, URL: p.URL}}
		case KindTerm:
			p.Breadcrumbs = []Crumb{home, {Name: b.t("taxonomy_"+p.Taxonomy.Name, p.Taxonomy.Title()), URL: p.Taxonomy.URL}, {Name: p.Title, URL: p.Pager.First}}
		case KindPeople, KindSearch:
			p.Breadcrumbs = []Crumb{home, {Name: p.Title, URL: p.URL}}
		case KindPerson:
			p.Breadcrumbs = []Crumb{home, {Name: b.t("people", "People"), URL: b.u("/people/")}, {Name: p.Title, URL: p.URL}}
		}
	}
	// Regular pages go first in Pages, in path order.
	b.s.Pages = append(append([]*Page{}, b.s.Regular...), b.s.Pages...)
	for _, p := range b.s.Pages {
		if n := len(p.Breadcrumbs); n > 0 {
			p.Breadcrumbs[n-1].Current = true
		}
	}
}

// checkURLs reports two outputs with one URL, naming both sources.
func (b *builder) checkURLs() {
	seen := map[string]*Page{}
	for _, p := range b.s.Pages {
		if q, ok := seen[p.URL]; ok {
			what := func(x *Page) string {
				if x.Path != "" {
					return x.Path
				}
				return "the generated " + string(x.Kind) + " page"
			}
			d := p.Doc
			if d == nil {
				d = q.Doc
			}
			key := "slug"
			if d != nil && d.FM.URL != "" {
				key = "url"
			}
			if d != nil && d.FM.Lines[key] == 0 {
				key = "title"
			}
			b.errAt(d, key, "give one of them a different slug: or url:", "%s and %s both want the URL %s", what(q), what(p), p.URL)
			continue
		}
		seen[p.URL] = p
	}
	b.s.byURL = seen
	for _, a := range b.s.Aliases {
		p := b.s.byPath[a.Path]
		if q, ok := seen[a.From]; ok {
			if p == nil { // config.yaml's redirects
				b.configErr("remove the redirect: a page has that URL", "redirect from %s: %s is the URL of a page", a.From, q.URL)
				continue
			}
			b.errAt(p.Doc, "aliases", "remove the alias, or move the page that has that URL", "alias %s is already the URL of %s", a.From, q.URL)
		}
		if _, ok := seen[a.To]; !ok && p == nil {
			b.ds = append(b.ds, diag.Warnf("config.yaml", b.cfg.Source, b.cfg.Lines["redirects"], 0, "point it at a page of the site, or remove it", "redirect from %s goes to %s, which is not a page", a.From, a.To))
		}
	}
}

// configRedirects adds config.yaml's redirects to the aliases, so they
// get redirect pages and _redirects lines like any alias.
func (b *builder) configRedirects() {
	if b.opt.Lang.Code != "" && !b.opt.Lang.Default {
		return // config.yaml's redirects belong to the default language
	}
	for _, r := range b.cfg.Redirects {
		from := r.From
		rest := ""
		if i := strings.IndexAny(from, "?#"); i >= 0 {
			from, rest = from[:i], from[i:]
		}
		from = "/" + strings.Trim(path.Clean("/"+from), "/")
		if path.Ext(from) == "" && from != "/" {
			from += "/"
		}
		to := "/" + strings.Trim(path.Clean("/"+r.To), "/")
		if to != "/" && path.Ext(to) == "" {
			to += "/"
		}
		b.s.Aliases = append(b.s.Aliases, Alias{From: from + rest, To: to, Path: "config.yaml"})
	}
}

func (b *builder) configErr(fix, format string, args ...any) {
	b.ds = append(b.ds, diag.Errorf("config.yaml", b.cfg.Source, b.cfg.Lines["redirects"], 0, fix, format, args...))
}
