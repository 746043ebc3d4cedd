package build

import (
	"html/template"
	"path"
	"strings"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/publish"
)

// trustedHTML marks the markdown stage's output as safe HTML: it was
// rendered by goldmark with raw HTML dropped (or allowed by the site's
// explicit policy) and dangerous links removed.
func trustedHTML(b []byte) template.HTML { return template.HTML(b) }

// minified reports whether an output is minified on its way to disk; CSS
// and JS arrive minified from the asset manifest.
func minified(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".xml", ".json", ".svg", ".webmanifest":
		return true
	}
	return false
}

// Transform returns the publish transformer that minifies text outputs.
func (p *Project) Transform() func(rel string, data []byte) ([]byte, error) {
	return func(rel string, data []byte) ([]byte, error) {
		if !minified(rel) {
			return data, nil
		}
		return p.min.Minify(assets.MediaType(rel), data)
	}
}

func newStage(dest string, p *Project, compress bool) (*publish.Stage, error) {
	return publish.NewStage(dest, publish.Options{Transform: p.Transform(), Compress: compress})
}
