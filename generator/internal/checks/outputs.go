package checks

import (
	"fmt"
	"path"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// TwoSources is the error for a file of content/ that would be published
// at out, where a file of assets/ is published too (content/favicon.svg
// and assets/favicon.svg): one would silently replace the other.
func TwoSources(contentPath, out string) diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Path: contentPath, Code: "output-two-sources",
		Msg: fmt.Sprintf("both this file and assets/%s would be published as /%s", out, out),
		Fix: "keep one of the two: remove this file, or the one in assets/"}
}

// OutputSet is every output of a build with its source, in the order
// OutputClashes takes them: an output belongs to its first source, and a
// clash is reported at the editor's file of the two, so the build's own
// files come first.
type OutputSet struct {
	// Built are the files the build makes itself: the host's files, the
	// output marker, then the generated files (feeds, sitemap…).
	Built []BuiltFile
	// Files are the files published from assets/ or content/: the
	// fingerprinted assets, then the files copied as they are.
	Files []SourceFile
	// Pages are the pages with their output paths.
	Pages []PageOutput
}

// BuiltFile is an output the build makes, and what it is ("a file the
// build generates").
type BuiltFile struct{ Out, What string }

// SourceFile is an output copied from an editor's file (Source is
// "assets/…" or "content/…").
type SourceFile struct{ Source, Out string }

// PageOutput is a page and the output path it is rendered to.
type PageOutput struct {
	Page *site.Page
	Out  string
}

// OutputClashes reports two sources with one output path, or an output
// inside what another source writes as a file (url: /index.xml makes
// index.xml/index.html, but index.xml is the RSS feed), at the editor's
// file and line: the page's url:, slug: or title: line, or the content
// file. Two pages with one URL are site.Build's to report.
func OutputClashes(set OutputSet) diag.List {
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

	for _, b := range set.Built {
		s := outSource{what: b.What}
		if old, ok := add(b.Out, s); !ok {
			report(b.Out, "", old, s)
		}
	}
	for _, f := range set.Files {
		s := outSource{file: f.Source}
		if old, ok := add(f.Out, s); !ok {
			report(f.Out, "", old, s)
		}
	}
	for _, po := range set.Pages {
		s := outSource{doc: po.Page.Doc, page: po.Page}
		if old, ok := add(po.Out, s); !ok && old.page == nil {
			report(po.Out, "", old, s) // page against page: site.Build said so
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
