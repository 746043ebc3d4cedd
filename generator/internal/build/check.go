package build

// This file is `generator check`: every validation a build runs, writing
// nothing, plus the editorial checks that do not stop a build (package
// checks) and the pages above the reading-grade target.

import (
	"os"
	"sort"
	"strings"
	"time"

	"clinicgen/generator/internal/checks"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/site"
)

// Diagnostic codes of the editorial checks (see package checks).
const (
	CodePlaceholder   = checks.CodePlaceholder
	CodeDraft         = checks.CodeDraft
	CodeScheduled     = checks.CodeScheduled
	CodeExpired       = checks.CodeExpired
	CodeNoDescription = checks.CodeNoDescription
	CodeNoReview      = checks.CodeNoReview
	CodeNoAuthor      = checks.CodeNoAuthor
)

// Figures are one content page's reading figures.
type Figures struct {
	// Path is the content file, URL the page's site-relative URL.
	Path, URL string
	Kind      site.Kind
	// Stats are the page's reading figures (Page.Reading), but Reason and
	// Hardest are kept only when the page was not measured or is above the
	// target.
	readability.Stats
	// AboveTarget is set when the page misses its reading target
	// (readability.Stats.OffTarget): an English page's Grade above
	// readability.maxGrade, a Spanish page's perspicuity below
	// readability.minPerspicuity. Hardest then holds the page's three
	// hardest sentences, hardest first.
	AboveTarget bool
}

// Report is what Check found.
type Report struct {
	// Project is nil when config.yaml could not be loaded.
	Project *Project
	// Diags holds every diagnostic a build would report and the editorial
	// warnings, sorted.
	Diags diag.List
	// Pages are the figures of every published content page, by path.
	Pages []Figures
	// Skipped are the pages the publishing rules leave out, by path.
	Skipped []site.Skip
	// MaxGrade is the reading-grade target (config readability.maxGrade).
	MaxGrade float64
	// MinPerspicuity is the Spanish pages' perspicuity target (config
	// readability.minPerspicuity).
	MinPerspicuity float64
	// Untranslated are, per language of a multilingual site, the content
	// pages it has no translation of.
	Untranslated []Untranslated
	Took         time.Duration
}

// Check runs every validation of a build on the site in root — Load, then
// rendering every page into nothing, as Run does with errors — and adds the
// editorial checks. It reads the site as Run does and writes nothing.
func Check(root string, opt Options) *Report {
	start := time.Now()
	r := &Report{MaxGrade: readability.DefaultMaxGrade, MinPerspicuity: readability.DefaultMinPerspicuity}
	dir, err := os.OpenRoot(root)
	if err != nil {
		r.Diags = diag.List{siteDirErr(root, err)}
		r.Took = time.Since(start)
		return r
	}
	defer dir.Close()
	if opt.Root == "" {
		opt.Root = root
	}
	opt.check = true
	p, ds := Load(dir.FS(), opt)
	r.Project, r.Diags = p, ds
	if p == nil {
		r.Took = time.Since(start)
		return r
	}
	r.Diags = append(r.Diags, p.Validate()...)
	r.Pages = p.Figures()
	r.Diags = append(r.Diags, p.ReadabilityWarnings(r.Pages)...)
	r.Diags = append(r.Diags, checks.Placeholders(p.Config, opt.BaseURL != "")...)
	r.Diags = append(r.Diags, p.skipped()...)
	r.Diags = append(r.Diags, checks.Editorial(p.contentPages(), p.Config.PeopleIDs())...)
	r.Diags = append(r.Diags, p.images.gpsWarnings()...)
	r.MaxGrade = p.maxGrade()
	r.MinPerspicuity = p.readingTargets().MinPerspicuity
	r.Untranslated = p.untranslated()
	for _, s := range p.Sites {
		r.Skipped = append(r.Skipped, s.Skipped...)
	}
	if p.Site != nil {
		sort.Slice(r.Skipped, func(i, j int) bool { return r.Skipped[i].Path < r.Skipped[j].Path })
	}
	if want := pathSet(opt.Only); want != nil {
		r.narrow(want)
	}
	r.Diags.Sort()
	r.Took = time.Since(start)
	return r
}

// narrow keeps only what is about the files in want: their diagnostics
// and figures, and the errors outside content/ (a layout that fails, a
// bad config.yaml) that would stop them being published.
func (r *Report) narrow(want map[string]bool) {
	ds := r.Diags[:0]
	for _, d := range r.Diags {
		if want[d.Path] || (d.Severity == diag.Error && !strings.HasPrefix(d.Path, "content/")) {
			ds = append(ds, d)
		}
	}
	r.Diags = ds
	pages := r.Pages[:0]
	for _, f := range r.Pages {
		if want[f.Path] {
			pages = append(pages, f)
		}
	}
	r.Pages = pages
	r.Skipped = nil
	r.Untranslated = nil
}

// Validate renders every page into nothing and returns what only
// rendering finds: broken links and anchors, template errors.
func (p *Project) Validate() diag.List {
	if p.Site == nil || p.Renderer == nil {
		return nil
	}
	return p.Render(func(Output) error { return nil })
}

// contentPages returns every published page made from a content file —
// regular pages and the home and section pages' own _index.md — once each,
// by path.
func (p *Project) contentPages() []*site.Page {
	if p.Site == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []*site.Page
	add := func(pg *site.Page, url string) {
		if pg == nil || pg.Doc == nil || seen[pg.Doc.Path] {
			return
		}
		seen[pg.Doc.Path] = true
		if pg.URL == "" {
			// An _index.md page has no URL of its own: it is its list's.
			c := *pg
			c.URL = url
			pg = &c
		}
		out = append(out, pg)
	}
	for _, pg := range p.pages() {
		add(pg, pg.URL)
		add(pg.Intro, pg.URL)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Doc.Path < out[j].Doc.Path })
	return out
}

// maxGrade is the reading-grade target: readability.maxGrade, or the
// default when it is not positive.
func (p *Project) maxGrade() float64 {
	if p.Config != nil && p.Config.Readability.MaxGrade > 0 {
		return p.Config.Readability.MaxGrade
	}
	return readability.DefaultMaxGrade
}

// readingTargets are the reading targets of the site's pages: maxGrade
// for English, readability.minPerspicuity (or its default when it is not
// positive) for Spanish.
func (p *Project) readingTargets() readability.Targets {
	t := readability.Targets{MaxGrade: p.maxGrade(), MinPerspicuity: readability.DefaultMinPerspicuity}
	if p.Config != nil && p.Config.Readability.MinPerspicuity > 0 {
		t.MinPerspicuity = p.Config.Readability.MinPerspicuity
	}
	return t
}

// Figures returns the reading figures of every published content page, by
// path, from what the parse stage measured (Page.Reading): the hardest
// sentences of a page above the target, the reason a page was not
// measured.
func (p *Project) Figures() []Figures {
	var out []Figures
	targets := p.readingTargets()
	for _, pg := range p.contentPages() {
		r := pg.Reading
		f := Figures{Path: pg.Doc.Path, URL: pg.URL, Kind: pg.Kind, Stats: r,
			AboveTarget: r.OffTarget(targets)}
		if !f.AboveTarget && f.Measured {
			f.Reason, f.Hardest = "", nil
		}
		out = append(out, f)
	}
	return out
}

// ReadabilityWarnings returns one warning for each page that misses its
// reading target — an English page's grade above readability.maxGrade, a
// Spanish page's perspicuity below readability.minPerspicuity — naming its
// three hardest sentences (readability.DiagnosticsFor) and placed at the
// hardest one in the source, so the caret shows where to start.
func (p *Project) ReadabilityWarnings(figs []Figures) diag.List {
	var ds diag.List
	targets := p.readingTargets()
	for _, f := range figs {
		for _, d := range readability.DiagnosticsFor(f.Path, f.Stats, targets) {
			// The parse phase placed the hardest sentence (see locate.FactsOf).
			if fc := p.mem.facts[f.Path]; fc != nil && len(f.Hardest) > 0 && fc.Hardest.Line > 0 {
				d.Line, d.Col, d.Source = fc.Hardest.Line, fc.Hardest.Col, fc.Hardest.Source
			}
			ds = append(ds, d)
		}
	}
	return ds
}

// CodeGrade is the diagnostic code of a reading-grade warning.
const CodeGrade = readability.Code

// CodePerspicuity is the diagnostic code of a Spanish page's perspicuity
// warning.
const CodePerspicuity = readability.CodePerspicuity

// skipped returns one warning for each page the publishing rules leave
// out, saying when it will be published.
func (p *Project) skipped() diag.List {
	if p.Site == nil {
		return nil
	}
	now := p.opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	var skipped []site.Skip
	for _, s := range p.Sites {
		skipped = append(skipped, s.Skipped...)
	}
	return checks.Skipped(skipped, p.Docs, now)
}

// production reports whether this build is for the real site: asked for
// with --production, or a baseURL that is not a local or reserved
// example/test host.
func (p *Project) production() bool {
	if p.opt.Production {
		return true
	}
	return !checks.PlaceholderHost(p.Config.BaseURL)
}

// placeholderKinds are the placeholder warnings a build gives, one per
// kind (see checks.PlaceholderKinds).
func (p *Project) placeholderKinds() diag.List {
	return checks.PlaceholderKinds(checks.Placeholders(p.Config, p.opt.BaseURL != ""), p.production() && !p.opt.AllowPlaceholders)
}

// PlaceholderHost reports whether a base URL's host is local or a reserved
// example or test name (see checks.PlaceholderHost).
func PlaceholderHost(base string) bool { return checks.PlaceholderHost(base) }

// suggestLinks adds to each broken-link error in ds (from doc.Resolve) the
// published page the editor most likely meant (see checks.SuggestLinks).
func (p *Project) suggestLinks(doc *markdown.Doc, ds diag.List) diag.List {
	return checks.SuggestLinks(doc, ds, func() []string {
		var files []string
		for _, pg := range p.contentPages() {
			files = append(files, pg.Doc.Path)
		}
		return files
	})
}
