package build

// This file is `generator check`: every validation a build runs, writing
// nothing, plus the editorial checks that do not stop a build — values in
// config.yaml the clinic has not confirmed, pages left out of the site and
// when they will appear, pages without a description, articles without a
// medical review, and pages above the reading-grade target.

import (
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/site"
)

// Diagnostic codes of the checks in this file.
const (
	CodePlaceholder   = "config-placeholder"
	CodeDraft         = "skipped-draft"
	CodeScheduled     = "skipped-scheduled"
	CodeExpired       = "skipped-expired"
	CodeNoDescription = "missing-description"
	CodeNoReview      = "missing-review"
	CodeNoAuthor      = "missing-author"
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
	r.Diags = append(r.Diags, p.placeholders()...)
	r.Diags = append(r.Diags, p.skipped()...)
	r.Diags = append(r.Diags, p.editorial()...)
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
			if fc := p.facts[f.Path]; fc != nil && len(f.Hardest) > 0 && fc.Hardest.Line > 0 {
				d.Line, d.Col, d.Source = fc.Hardest.Line, fc.Hardest.Col, fc.Hardest.Source
			}
			ds = append(ds, d)
		}
	}
	return ds
}

// placeholders returns one warning for each config.yaml line that still
// holds a value the clinic has not confirmed. The baseURL line does not
// count when --base-url replaces it.
func (p *Project) placeholders() diag.List {
	cfg := p.Config
	var ds diag.List
	for _, ph := range config.Placeholders(cfg.Source) {
		baseURL := ph.Line == cfg.Lines["baseURL"]
		if baseURL && p.opt.BaseURL != "" {
			continue
		}
		line := diag.LineOf(cfg.Source, ph.Line)
		mark, msg := placeholderWords(ph.Found)
		fix := "replace it with the clinic's confirmed value and delete the placeholder note"
		if baseURL {
			msg = "baseURL is a placeholder domain: canonical links, the sitemap, feeds and redirects would all point at it"
			fix = "set baseURL to the clinic's real domain (or build with --base-url https://the-real-domain/)"
		}
		col := 0
		if i := strings.Index(line, mark); i >= 0 {
			col = utf8.RuneCountInString(line[:i]) + 1
		}
		d := diag.Warnf(config.File, cfg.Source, ph.Line, col, fix, "%s", msg)
		d.Code = CodePlaceholder
		ds = append(ds, d)
	}
	return ds
}

// placeholderWords returns what marks a placeholder of a kind in its line
// and what to call it.
func placeholderWords(kind string) (mark, msg string) {
	switch kind {
	case "555 number":
		return "555", "fictional 555-01xx phone number still in config.yaml"
	case "PLACEHOLDER":
		return "PLACEHOLDER", "value marked PLACEHOLDER: the clinic has not confirmed it"
	case ".example":
		return ".example", "address under the reserved .example domain still in config.yaml: no visitor can reach it"
	}
	return kind, "value marked " + kind + " still in config.yaml"
}

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
	const when = "2006-01-02 15:04 MST"
	var ds diag.List
	var skipped []site.Skip
	for _, s := range p.Sites {
		skipped = append(skipped, s.Skipped...)
	}
	for _, sk := range skipped {
		doc := p.Docs[sk.Path]
		var src []byte
		if doc != nil {
			src = doc.FrontSrc
		}
		var d diag.Diagnostic
		switch sk.Reason {
		case "draft":
			msg := "draft: this page is not published"
			if doc != nil {
				if pub := publishTime(doc.FM); pub.After(now) {
					msg += "; once it is no longer a draft it will be published on " + pub.Format(when)
				}
			}
			d = diag.Warnf(sk.Path, src, sk.Line, valueCol(diag.LineOf(src, sk.Line)),
				"set draft: false when it is ready; check it now with generator check "+sk.Path, "%s", msg)
			d.Code = CodeDraft
		case "scheduled":
			d = diag.Warnf(sk.Path, src, sk.Line, valueCol(diag.LineOf(src, sk.Line)),
				"it goes live with the first build after that time; preview it with generator serve or build --future",
				"scheduled: this page will be published on %s", sk.When.Format(when))
			d.Code = CodeScheduled
		case "expired":
			d = diag.Warnf(sk.Path, src, sk.Line, valueCol(diag.LineOf(src, sk.Line)),
				"remove expiryDate, or set a later one, to publish it again",
				"expired: this page has not been published since %s", sk.When.Format(when))
			d.Code = CodeExpired
		default:
			d = diag.Warnf(sk.Path, src, sk.Line, 0, "", "not published: %s", sk.Reason)
		}
		ds = append(ds, d)
	}
	return ds
}

// publishTime is publishDate, else date.
func publishTime(fm markdown.FrontMatter) time.Time {
	if !fm.PublishDate.IsZero() {
		return fm.PublishDate
	}
	return fm.Date
}

// valueCol returns the column of the value in a "key: value" line, or 0.
func valueCol(line string) int {
	i := strings.IndexByte(line, ':')
	if i < 0 {
		return 0
	}
	j := i + 1
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	if j == len(line) {
		return 0
	}
	return utf8.RuneCountInString(line[:j]) + 1
}

// editorial returns the warnings about content pages that build but are
// not finished: no description, an article without a medical review.
func (p *Project) editorial() diag.List {
	var ds diag.List
	for _, pg := range p.contentPages() {
		d := pg.Doc
		fm := d.FM
		closing := d.BodyLine - 1 // the front matter's closing ---
		if fm.Description == "" && fm.Summary == "" {
			line, fix := closing, "add a line description: with one or two plain sentences about the page, above this line"
			if l, ok := fm.Lines["description"]; ok {
				line, fix = l, "write one or two plain sentences about the page as its description"
			}
			w := diag.Warnf(d.Path, d.FrontSrc, line, 0, fix,
				"no description: search results and link previews will show the first paragraph instead")
			w.Code = CodeNoDescription
			ds = append(ds, w)
		}
		if pg.Kind == site.KindArticle && fm.Author == "" {
			line, ok := fm.Lines["author"]
			if !ok {
				line = closing
			}
			w := diag.Warnf(d.Path, d.FrontSrc, line, 0,
				"set author: to the people id of the writer in config.yaml ("+p.Config.PeopleIDs()+")",
				"no author: a health article should say who wrote it")
			w.Code = CodeNoAuthor
			ds = append(ds, w)
		}
		if pg.Kind == site.KindArticle && (fm.ReviewedBy == "" || fm.LastReviewed.IsZero()) {
			var missing []string
			for _, k := range []struct {
				key   string
				unset bool
			}{{"reviewedBy", fm.ReviewedBy == ""}, {"lastReviewed", fm.LastReviewed.IsZero()}} {
				if k.unset {
					missing = append(missing, k.key)
				}
			}
			line := closing
			for _, k := range missing {
				if l, ok := fm.Lines[k]; ok {
					line = l
					break
				}
			}
			w := diag.Warnf(d.Path, d.FrontSrc, line, 0,
				"have a clinician review it, then set reviewedBy: to their people id and lastReviewed: to the date",
				"no medical review recorded: %s %s", strings.Join(missing, " and "), plural(len(missing), "is", "are")+" not set")
			w.Code = CodeNoReview
			ds = append(ds, w)
		}
	}
	return ds
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// CodeGrade is the diagnostic code of a reading-grade warning.
const CodeGrade = readability.Code

// CodePerspicuity is the diagnostic code of a Spanish page's perspicuity
// warning.
const CodePerspicuity = readability.CodePerspicuity
