package build

import (
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/feeds"
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
