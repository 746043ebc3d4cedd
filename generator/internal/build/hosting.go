package build

import (
	"clinicgen/generator/internal/headers"
)

// hostFiles makes the host configuration files for the outputs: _headers
// (Netlify, Cloudflare Pages) and _nginx.conf (see package headers). extras
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
	}
	return []Output{
		{Path: headers.HeadersFile, Data: s.Headers()},
		{Path: headers.NginxFile, Data: s.Nginx()},
	}
}
