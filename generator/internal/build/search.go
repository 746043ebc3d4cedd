package build

import (
	"slices"
	"strconv"
	"strings"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/search"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/source"
)

// SearchDir is the output folder of the search index files. Every file in
// it is fingerprinted, so the host caches the whole folder for a year.
const SearchDir = "search-index"

// searchIndex builds the site search index from the model (see package
// search) into p.searchOut, and remembers its manifest's URL for the
// /search/ page and its files for the caching headers. Each language has
// its own index, analysed with its stemmer and stop words and its
// synonyms, in SearchDir for the default language and SearchDir/<code>
// for the others: a search page finds the pages of its language only. It
// indexes every published page a visitor may look for: content pages,
// the first page of each section and term list, people and the home page;
// never drafts, scheduled or expired pages (shown by `serve`), alias
// redirects (not pages), the 404 page, the search page itself, or what
// search.exclude names.
func (p *Project) searchIndex() []diag.Diagnostic {
	p.searchURLs, p.searchFiles, p.searchOut = nil, nil, nil
	if p.Site == nil || p.Config == nil || !p.Config.Search.On() {
		return nil
	}
	for i, s := range p.Sites {
		cfg := s.Config
		if cfg == nil || !cfg.Search.On() {
			continue
		}
		code := s.Lang.Code
		if code == "" {
			code = p.Config.DefaultLanguage()
		}
		dir := SearchDir
		if i > 0 {
			dir += "/" + strings.ToLower(s.Lang.Code)
		}
		es := searchEntries(s, code, cfg.Search.Exclude)
		syn := append(slices.Clone(search.DefaultSynonymsFor(code)), cfg.Search.Synonyms...)
		ix, err := search.Build(es, search.Options{Dir: dir, Synonyms: syn, Lang: code})
		if err != nil {
			return []diag.Diagnostic{{Severity: diag.Error, Path: "config.yaml", Msg: "cannot build the search index: " + err.Error(), Fix: "report this; set search.enabled: false to build without search meanwhile"}}
		}
		if p.searchURLs == nil {
			p.searchURLs, p.searchFiles = map[string]string{}, map[string]bool{}
		}
		p.searchURLs[s.Lang.Code] = ix.Manifest
		for _, f := range ix.Files {
			p.searchOut = append(p.searchOut, Output{Path: f.Path, Data: f.Data})
			p.searchFiles[f.Path] = true
		}
	}
	return nil
}

// searchLayout is the layout the /search/ page needs (render's lookup for
// a page of kind search outside any section).
const searchLayout = "layouts/_default/search.html"

// checkSearchLayout turns search off, with a warning, for a site whose
// layouts have no search page: a theme written before the site search
// (an older copy of the default theme, another tool's theme) still builds,
// without search, until the layout is added.
func checkSearchLayout(cfg *config.Config, layouts []source.File) diag.List {
	if !cfg.Search.On() {
		return nil
	}
	for _, f := range layouts {
		if f.Path == searchLayout {
			return nil
		}
	}
	off := false
	cfg.Search.Enabled = &off
	return diag.List{{Severity: diag.Warning, Path: "config.yaml", Line: cfg.Lines["search"], Code: "search-layout",
		Msg: "the site search is on but there is no " + searchLayout + ": the site is built without search",
		Fix: "copy layouts/_default/search.html (and the header's search field) from the generator's sample theme, or set search.enabled: false"}}
}

// searchEntries are the pages of one language's model to index, in model
// order; code is the language, for the pages analysed here.
func searchEntries(s *site.Site, code string, exclude []string) []search.Entry {
	var es []search.Entry
	for _, pg := range s.Pages {
		if pg.Draft || pg.Scheduled || pg.Expired || search.Excluded(exclude, pg.Section, pg.Path, pg.URL) {
			continue
		}
		e := search.Entry{URL: pg.URL, Title: pg.Title, Excerpt: pg.Description, Doc: pg.Search}
		switch pg.Kind {
		case site.KindArticle, site.KindService, site.KindPage:
			e.Boost = pg.Kind != site.KindPage
			if sec := s.Sections[pg.Section]; sec != nil {
				e.Section = sec.Title
			}
			if pg.Kind == site.KindArticle && !pg.Date.IsZero() {
				e.Date = pg.Date.Format("January 2, 2006")
			}
		case site.KindHome, site.KindSection:
			if pg.Pager != nil && pg.Pager.Number > 1 {
				continue
			}
			if pg.Intro != nil {
				e.Doc = pg.Intro.Search
			}
		case site.KindTerm:
			if pg.Pager != nil && pg.Pager.Number > 1 || pg.Term == nil {
				continue
			}
			e.Section = pg.Taxonomy.Title()
			if n := len(pg.Term.Pages); n == 1 {
				e.Excerpt = "1 page on this topic."
			} else {
				e.Excerpt = strconv.Itoa(n) + " pages on this topic."
			}
		case site.KindPerson:
			e.Section = "People"
			if pg.Person != nil {
				e.Doc = search.AnalyzeLang(code, search.Text{Title: pg.Title, Description: pg.Person.Role, Body: pg.Person.Bio})
			}
		default: // terms and people indexes, 404, search
			continue
		}
		if e.Doc == nil {
			e.Doc = search.AnalyzeLang(code, search.Text{Title: pg.Title, Description: pg.Description})
		}
		es = append(es, e)
	}
	return es
}
