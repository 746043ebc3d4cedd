package build

import (
	"fmt"
	"path"
	"sort"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/headers"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/publish"
	"clinicgen/generator/internal/site"
)

// outSource is where one output comes from: a page (doc set, or a page the
// build makes), a file copied from content/ or assets/ (file set), or a
// file the build generates (what set).
type outSource struct {
	doc  *markdown.Doc
	page *site.Page
	file string
	what string
}

// editorFile reports whether an editor made the source (and can change it).
func (s outSource) editorFile() bool { return s.doc != nil || s.file != "" }

// describe names the source in a message.
func (s outSource) describe() string {
	switch {
	case s.doc != nil:
		return s.doc.Path
	case s.file != "":
		return s.file
	case s.page != nil:
		return "the " + string(s.page.Kind) + " page the build makes at " + s.page.URL
	}
	return s.what
}

// checkOutputs reports two sources with one output path, or an output
// inside what another source writes as a file (url: /index.xml makes
// index.xml/index.html, but index.xml is the RSS feed), at the editor's
// file and line: the page's url:, slug: or title: line, or the content
// file. Two pages with one URL are site.Build's to report.
func (p *Project) checkOutputs() diag.List {
	if p.Site == nil || p.src == nil {
		return nil
	}
	outs := map[string]outSource{}
	var order []string
	add := func(out string, s outSource) (outSource, bool) {
		if old, ok := outs[out]; ok {
			return old, false
		}
		outs[out] = s
		order = append(order, out)
		return s, true
	}
	var ds diag.List
	// report places one clash: out is written by a and b, or (inner set)
	// b writes inner inside out, which a writes as a file.
	report := func(out, inner string, a, b outSource) {
		if inner == "" && (!b.editorFile() || a.editorFile() && a.doc == nil && b.doc != nil) {
			a, b = b, a // place it at the editor's file, a page's line first
		}
		outside := false // b is the file out, with a inside it
		if inner != "" && !b.editorFile() {
			a, b, outside = b, a, true // the editor's file is the one outside
		}
		what := "file"
		if b.doc != nil {
			what = "page"
		}
		var msg string
		switch {
		case inner == "":
			msg = fmt.Sprintf("this %s would be published as /%s, which is also %s", what, out, a.describe())
		case outside:
			msg = fmt.Sprintf("this %s would be published as /%s, but %s is published inside it as /%s", what, out, a.describe(), inner)
		default:
			msg = fmt.Sprintf("this %s would be published as /%s, but /%s is %s", what, inner, out, a.describe())
		}
		switch {
		case b.doc != nil:
			key := "slug"
			if b.doc.FM.URL != "" {
				key = "url"
			}
			if b.doc.FM.Lines[key] == 0 {
				key = "title"
			}
			ds = append(ds, diag.Errorf(b.doc.Path, b.doc.FrontSrc, b.doc.FM.Lines[key], 0,
				"give the page another url: (or slug:)", "%s", msg))
		case b.file != "":
			ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: b.file, Msg: msg, Fix: "rename or move the file"})
		}
	}

	// The build's own files first: an editor's file that clashes with one
	// is the one to change.
	add(headers.HeadersFile, outSource{what: "a file the build writes for the host"})
	add(headers.NginxFile, outSource{what: "a file the build writes for the host"})
	add(publish.Marker, outSource{what: "the file that marks the folder as a build's output"})
	for _, o := range p.Generated {
		if old, ok := add(o.Path, outSource{what: "a file the build generates"}); !ok {
			report(o.Path, "", old, outSource{what: "a file the build generates"})
		}
	}
	content := map[string]bool{}
	for _, f := range p.src.Content {
		content[f.Path] = true
	}
	var files []string
	for n := range p.Manifest {
		files = append(files, n)
	}
	sort.Strings(files)
	for _, n := range files {
		s := outSource{file: "assets/" + n}
		if old, ok := add(p.Manifest[n].Path, s); !ok {
			report(p.Manifest[n].Path, "", old, s)
		}
	}
	files = files[:0]
	for n := range p.Files {
		files = append(files, n)
	}
	sort.Strings(files)
	for _, n := range files {
		s := outSource{file: "assets/" + n}
		if content["content/"+n] {
			s.file = "content/" + n
		}
		if old, ok := add(n, s); !ok {
			report(n, "", old, s)
		}
	}
	for _, pg := range p.pages() {
		s := outSource{doc: pg.Doc, page: pg}
		out := OutputPath(pg)
		if old, ok := add(out, s); !ok && old.page == nil {
			report(out, "", old, s) // page against page: site.Build said so
		}
	}
	// An output inside another that is a file: url: /index.xml writes
	// index.xml/index.html where the feed index.xml is.
	for _, out := range order {
		for dir := path.Dir(out); dir != "."; dir = path.Dir(dir) {
			if old, ok := outs[dir]; ok {
				report(dir, out, old, outs[out])
				break
			}
		}
	}
	return ds
}
