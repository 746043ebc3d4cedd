package build

import (
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/render"
	"clinicgen/generator/internal/site"
)

// langOf finds the language of a content file from its name: x.es.md is
// Spanish when es is configured. ok is false for a name whose suffix is a
// language code config.yaml does not list (x.fr.md): that file is left
// out, with a warning. A name without a language suffix (or whose second
// extension is no language code, like v1.2.md) is the default language.
func langOf(cfg *config.Config, file string) (code string, ok bool) {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	ext := path.Ext(base)
	if ext == "" {
		return cfg.Languages[0].Code, true
	}
	suffix := ext[1:]
	if _, known := cfg.LanguageByCode(suffix); known {
		return suffix, true
	}
	if looksLikeLang(suffix) {
		return suffix, false
	}
	return cfg.Languages[0].Code, true
}

// pageLang is the language a content file is written in, which picks its
// readability measure and safe-messaging phrase list: the language code
// in its name (x.es.md is Spanish), else siteLang (config language: the
// default language on a site with languages:, see config.defaultLanguage).
// On a site with languages: this is the language langOf gives the page
// (a code the site does not list leaves the page out anyway). It needs
// only the site's language, so the dev server's updates (parseInput) read
// a page exactly as the full build does.
func pageLang(siteLang, file string) string {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if ext := path.Ext(base); ext != "" && looksLikeLang(ext[1:]) {
		return ext[1:]
	}
	return siteLang
}

// looksLikeLang reports whether s is written like a BCP 47 language tag
// (two or three letters, optionally a region or script).
func looksLikeLang(s string) bool {
	head, _, _ := strings.Cut(s, "-")
	if len(head) < 2 || len(head) > 3 {
		return false
	}
	for _, r := range head {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	_, err := language.Parse(s)
	return err == nil
}

// buildModels builds the site model: one per language of a multilingual
// site, from the inputs split by language, with the translations linked
// (site.Link), the default language first; else the one model. strs are
// each language's theme strings, for the model's own words.
func buildModels(cfg *config.Config, inputs []site.Input, opt site.Options, strs map[string]*render.Strings) ([]*site.Site, diag.List) {
	if !cfg.Multilingual() {
		if s := strs[cfg.DefaultLanguage()]; s != nil {
			opt.T = s.Get
		}
		s, ds := site.Build(cfg, inputs, opt)
		return []*site.Site{s}, ds
	}
	var ds diag.List
	parts := map[string][]site.Input{}
	for _, in := range inputs {
		code, ok := langOf(cfg, in.Doc.Path)
		if !ok {
			ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: in.Doc.Path, Code: "unknown-language",
				Msg: "the file name ends in ." + code + ", which is not a language in config.yaml; the page is not published",
				Fix: "add " + code + " to languages: in config.yaml, or rename the file"})
			continue
		}
		parts[code] = append(parts[code], in)
	}
	var sites []*site.Site
	for i, l := range cfg.Languages {
		lcfg, o := langModel(cfg, i, opt, strs)
		s, mds := site.Build(lcfg, parts[l.Code], o)
		ds = append(ds, mds...)
		sites = append(sites, s)
	}
	site.Link(sites)
	return sites, ds
}

// langModel is the configuration and options the model of language i of
// a multilingual site is built with: its URL prefix, section names and
// theme strings.
func langModel(cfg *config.Config, i int, opt site.Options, strs map[string]*render.Strings) (*config.Config, site.Options) {
	l := cfg.Languages[i]
	opt.Lang = site.Lang{Code: l.Code, Name: l.Name, Sections: l.Sections, Default: i == 0}
	if i > 0 {
		opt.Lang.Prefix = "/" + strings.ToLower(l.Code)
	}
	if s := strs[l.Code]; s != nil {
		opt.T = s.Get
	}
	return cfg.ForLanguage(l.Code), opt
}

// newRenderers parses the layouts once per language (each language's
// Renderer has its own configuration and theme strings). The layouts'
// errors are reported once.
func (p *Project) newRenderers(layouts map[string][]byte, dev bool) diag.List {
	var ds diag.List
	rs := map[string]*render.Renderer{}
	var def *render.Renderer
	for i, s := range p.Sites {
		code := s.Lang.Code
		if code == "" {
			code = p.Config.DefaultLanguage()
		}
		r, rds := render.New(s.Config, layouts, p.Manifest, render.Options{Dev: dev, Strings: p.strs[code], Languages: p.strs})
		if i == 0 {
			ds = rds
			def = r
		}
		rs[s.Lang.Code] = r
	}
	if ds.HasErrors() && p.Renderer != nil {
		return ds // serve keeps the last good layouts
	}
	p.Renderer, p.renderers = def, rs
	return ds
}

// themeStrings loads layouts/i18n for every language of the site.
func themeStrings(cfg *config.Config, layouts map[string][]byte) (map[string]*render.Strings, diag.List) {
	var ds diag.List
	out := map[string]*render.Strings{}
	def := cfg.DefaultLanguage()
	for _, code := range cfg.LanguageCodes() {
		s, sds := render.LoadStrings(layouts, code, def)
		if l, ok := cfg.LanguageByCode(code); ok {
			s.DateFormat = l.DateFormat
		}
		ds = append(ds, sds...)
		out[code] = s
	}
	return out, ds
}

// pages is every page of every language's model.
func (p *Project) pages() []*site.Page {
	if len(p.Sites) < 2 {
		return p.Site.Pages
	}
	var out []*site.Page
	for _, s := range p.Sites {
		out = append(out, s.Pages...)
	}
	return out
}

// siteOf is the model a page belongs to.
func (p *Project) siteOf(pg *site.Page) *site.Site {
	for _, s := range p.Sites {
		if s.Lang.Code == pg.Lang {
			return s
		}
	}
	return p.Site
}

// rendererOf is the Renderer of a page's language.
func (p *Project) rendererOf(pg *site.Page) *render.Renderer {
	if r := p.renderers[pg.Lang]; r != nil {
		return r
	}
	return p.Renderer
}

// Untranslated is one language's content pages that other languages have
// and it lacks (`check` lists them).
type Untranslated struct {
	Lang string // language code
	Name string // the language's name
	// Paths are the content files (of the default language when it has
	// the page, else of the first language that does) whose page has no
	// translation in Lang, sorted.
	Paths []string
}

// untranslated lists, per language but the first, the content pages it
// lacks; and, for the default language, the pages only other languages
// have. Empty on a site with one language.
func (p *Project) untranslated() []Untranslated {
	if len(p.Sites) < 2 {
		return nil
	}
	type slot struct {
		path  string
		langs map[string]bool
	}
	var keys []string
	slots := map[string]*slot{}
	for _, s := range p.Sites {
		for _, pg := range s.Regular {
			sl := slots[pg.TranslationKey]
			if sl == nil {
				sl = &slot{path: pg.Path, langs: map[string]bool{}}
				slots[pg.TranslationKey] = sl
				keys = append(keys, pg.TranslationKey)
			}
			sl.langs[pg.Lang] = true
		}
	}
	var out []Untranslated
	for _, s := range p.Sites {
		u := Untranslated{Lang: s.Lang.Code, Name: s.Lang.Name}
		for _, k := range keys {
			if !slots[k].langs[s.Lang.Code] {
				u.Paths = append(u.Paths, slots[k].path)
			}
		}
		if len(u.Paths) > 0 {
			sort.Strings(u.Paths)
			out = append(out, u)
		}
	}
	return out
}
