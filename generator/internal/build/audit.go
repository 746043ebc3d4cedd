package build

// This file wires the audit package into Render: every output passes
// through an audit on its way to emit, and each problem the audit finds
// is placed back in the file an editor can change (see package locate):
// a page's problems in its content file or layouts, a stylesheet's in its
// assets/ file, an alias redirect page's at the aliases line of its
// content file.
//
// Problems the markdown stage already reports (an h1 or a skipped heading
// level written in Markdown, an image it could not find) are not reported
// twice. content/ never publishes HTML as it is (see source.Publishable):
// every page is audited. The dev server renders pages one by
// one without Render and skips the audit; `generator build` and
// `generator check` run it.

import (
	"path"
	"strings"

	"clinicgen/generator/internal/audit"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/locate"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/source"
)

// auditRun is the audit of one Render.
type auditRun struct {
	p       *Project
	a       *audit.Auditor
	loc     *locate.Locator
	pages   map[string]*site.Page // output path → page
	aliases map[string]site.Alias // redirect page output path → alias
	css     map[string]string     // stylesheet output path → source path under assets/
	assets  map[string][]byte     // site path → source bytes of assets/
}

// audit returns emit wrapped so that every output is audited before it is
// handed on, the function that tells the audit a page's output is missing
// only because the page could not be rendered (its own error says why:
// links to it are not broken links too), and the function that finishes
// the audit once every output was emitted.
func (p *Project) audit(emit func(Output) error) (func(Output) error, func(path string), func() diag.List) {
	r := &auditRun{
		p:       p,
		a:       audit.New(audit.Options{Base: p.Config.BaseURL}),
		pages:   map[string]*site.Page{},
		aliases: map[string]site.Alias{},
		css:     map[string]string{},
		assets:  map[string][]byte{},
	}
	for _, pg := range p.pages() {
		r.pages[OutputPath(pg)] = pg
	}
	for _, a := range p.Site.Aliases {
		rel := strings.TrimPrefix(a.From, "/")
		switch ext := strings.ToLower(path.Ext(a.From)); {
		case strings.HasSuffix(a.From, "/"):
			r.aliases[rel+"index.html"] = a
		case ext == ".html" || ext == ".htm":
			r.aliases[rel] = a
		}
	}
	for name, a := range p.Manifest {
		if strings.EqualFold(path.Ext(a.Path), ".css") {
			r.css[a.Path] = "assets/" + name
		}
	}
	srcs := locate.Sources{
		Read:  p.mem.read,
		Facts: func(path string) *locate.Facts { return p.mem.facts[path] },
		URLOf: p.urlOf,
	}
	if s := p.src; s != nil {
		// Content files are read again when needed, not kept here: a
		// large site has thousands.
		srcs.Files = map[string][]byte{"config.yaml": s.Config}
		for _, f := range s.Layouts {
			srcs.Files[f.Path] = f.Data
		}
		for _, f := range s.Assets {
			r.assets[f.Path] = f.Data
		}
	}
	r.loc = locate.New(srcs)
	wrapped := func(o Output) error {
		r.check(o)
		return emit(o)
	}
	return wrapped, r.a.File, r.finish
}

// check audits one output.
func (r *auditRun) check(o Output) {
	ext := strings.ToLower(path.Ext(o.Path))
	switch {
	case ext == ".html" || ext == ".htm":
		pg := o.Page
		if pg == nil {
			pg = r.pages[o.Path]
		}
		switch alias := r.aliases[o.Path]; {
		case pg != nil:
			r.a.Page(o.Path, o.Data, r.loc.Page(pg, o.Data, func() string { return r.layoutOf(pg) }))
		case alias.Path != "":
			at := r.aliasPlace(alias)
			r.a.Page(o.Path, o.Data, func(audit.Ref) audit.Place { return at })
		default:
			r.a.Page(o.Path, o.Data, nil)
		}
	case r.css[o.Path] != "":
		name := r.css[o.Path]
		if src, ok := r.assets[name]; ok {
			r.a.Stylesheet(o.Path, name, src)
		} else {
			r.a.Stylesheet(o.Path, name, o.Data)
		}
	default:
		r.a.File(o.Path)
	}
}

// layoutOf is the layout pg is rendered with, "" when unknown.
func (r *auditRun) layoutOf(pg *site.Page) string {
	if r.p.Renderer == nil {
		return ""
	}
	_, layout := r.p.Renderer.Lookup(pg)
	return layout
}

// finish resolves the links and drops what the markdown stage reported.
func (r *auditRun) finish() diag.List {
	var out diag.List
	line := locate.Quoter(r.p.mem.read)
	for _, d := range r.a.Finish() {
		fromMarkdown := source.IsMarkdown(d.Path) && d.Line == 0
		switch d.Code {
		case audit.CodeH1, audit.CodeHeadingSkip:
			if fromMarkdown {
				continue // markdown: "heading-h1" and "heading-skip"
			}
		case audit.CodeFileMissing, audit.CodeExternal:
			if r.loc.ImageReported(d.Path, d.Line) {
				continue // markdown: "image-missing" and "image-external"
			}
		}
		if d.Source == "" && d.Line > 0 && strings.HasPrefix(d.Path, "content/") {
			d.Source = line(d.Path, d.Line) // a body's places have no Source
		}
		out = append(out, d)
	}
	return out
}

// aliasPlace is the aliases line of the content file that asked for a.
func (r *auditRun) aliasPlace(a site.Alias) audit.Place {
	pl := audit.Place{Path: a.Path}
	if pg, ok := r.p.Site.PageByPath(a.Path); ok && pg.Doc != nil {
		pl.Line = pg.Doc.FM.Lines["aliases"]
		pl.Source = diag.LineOf(pg.Doc.FrontSrc, pl.Line)
	}
	return pl
}
