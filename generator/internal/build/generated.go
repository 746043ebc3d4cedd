package build

import (
	"sort"

	"clinicgen/generator/internal/checks"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/feeds"
	"clinicgen/generator/internal/headers"
	"clinicgen/generator/internal/publish"
	"clinicgen/generator/internal/site"
)

// generate makes the files derived from the whole model — feeds, sitemap,
// robots.txt and alias redirects — into p.Generated and returns their
// diagnostics (an alias that clashes is an error, one that cannot be served
// a warning), so they fail or warn the build like any other mistake.
func (p *Project) generate() diag.List {
	p.Generated, p.genStale = nil, false
	if p.Site == nil {
		return nil
	}
	files, ds := feeds.Build(p.Site, p.feedBody)
	for _, f := range files {
		p.Generated = append(p.Generated, Output{Path: f.Path, Data: f.Data})
	}
	return ds
}

// feedBody is a page's body HTML for full-content feeds. Broken links in it
// are reported when the page itself renders, not again here.
func (p *Project) feedBody(pg *site.Page) []byte {
	if pg == nil || pg.Doc == nil {
		return nil
	}
	body, _ := p.resolve(pg.Doc)
	return body
}

// checkOutputs hands every output and its source to checks.OutputClashes:
// the build's own files first (an editor's file that clashes with one is
// the one to change), then the assets, the copied files and the pages.
func (p *Project) checkOutputs() diag.List {
	if p.Site == nil || p.src == nil {
		return nil
	}
	var set checks.OutputSet
	host := "a file the build writes for the host"
	set.Built = append(set.Built,
		checks.BuiltFile{Out: headers.HeadersFile, What: host},
		checks.BuiltFile{Out: headers.NginxFile, What: host},
		checks.BuiltFile{Out: publish.Marker, What: "the file that marks the folder as a build's output"})
	for _, o := range p.Generated {
		set.Built = append(set.Built, checks.BuiltFile{Out: o.Path, What: "a file the build generates"})
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
		set.Files = append(set.Files, checks.SourceFile{Source: "assets/" + n, Out: p.Manifest[n].Path})
	}
	files = files[:0]
	for n := range p.Files {
		files = append(files, n)
	}
	sort.Strings(files)
	for _, n := range files {
		from := "assets/" + n
		if content["content/"+n] {
			from = "content/" + n
		}
		set.Files = append(set.Files, checks.SourceFile{Source: from, Out: n})
	}
	for _, pg := range p.pages() {
		set.Pages = append(set.Pages, checks.PageOutput{Page: pg, Out: OutputPath(pg)})
	}
	return checks.OutputClashes(set)
}
