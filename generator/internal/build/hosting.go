package build

import (
	"clinicgen/generator/internal/headers"
	"clinicgen/generator/internal/site"
)

// hostFiles makes the host configuration files for the outputs: _headers
// (Netlify, Cloudflare Pages) and _nginx.conf (see package headers), which
// gives each language folder its own 404 page. extras
// are the non-page outputs, _redirects among them; pages are added here.
func (p *Project) hostFiles(extras []Output) []Output {
	if p.Site == nil || p.Config == nil {
		return nil
	}
	var all []string
	for _, pg := range p.pages() {
		all = append(all, OutputPath(pg))
	}
	var redirects []headers.Redirect
	for _, o := range extras {
		all = append(all, o.Path)
		if o.Path == "_redirects" {
			redirects = headers.ParseRedirects(o.Data)
		}
	}
	fingerprinted := map[string]bool{}
	for name, a := range p.Manifest {
		if a.Path != name {
			fingerprinted[a.Path] = true
		}
	}
	for f := range p.searchFiles {
		fingerprinted[f] = true
	}
	s := headers.Site{
		Base:      p.Config.BaseURL,
		Files:     all,
		Immutable: func(rel string) bool { return fingerprinted[rel] },
		Redirects: redirects,
		NotFound:  p.notFoundPages(),
	}
	return []Output{
		{Path: headers.HeadersFile, Data: s.Headers()},
		{Path: headers.NginxFile, Data: s.Nginx()},
	}
}

// notFoundPages lists each language but the default with its 404 page
// ("/es/" and "/es/404.html"), for the hosts that can serve it for misses
// under that folder; none on a site with one language.
func (p *Project) notFoundPages() []headers.NotFound {
	var out []headers.NotFound
	for _, s := range p.Sites {
		if s.Lang.Default || s.Lang.Prefix == "" {
			continue
		}
		for _, pg := range s.Pages {
			if pg.Kind == site.Kind404 {
				out = append(out, headers.NotFound{Dir: s.Lang.Prefix + "/", Page: pg.URL})
				break
			}
		}
	}
	return out
}
