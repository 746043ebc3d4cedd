package build

import (
	"html/template"
	"path"
	"strings"
	"sync"

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
	return p.transform(nil)
}

// transform is Transform minifying into buffers taken from pool (nil: a new
// buffer each time); see newStage.
func (p *Project) transform(pool *sync.Pool) func(rel string, data []byte) ([]byte, error) {
	return func(rel string, data []byte) ([]byte, error) {
		if !minified(rel) {
			return data, nil
		}
		var dst []byte
		if pool != nil {
			if b, ok := pool.Get().(*[]byte); ok {
				dst = *b
			}
		}
		return p.min.AppendMinify(dst, assets.MediaType(rel), data)
	}
}

// maxPooled is the largest minify buffer kept for reuse: a page's fits,
// a feed of every article is not worth holding on to.
const maxPooled = 1 << 20

// newStage opens the staging directory. Minified outputs are written into
// buffers the stage hands back once each is on disk (publish.Options.Release),
// so a build does not allocate one per page.
func newStage(dest string, p *Project, compress bool) (*publish.Stage, error) {
	pool := &sync.Pool{}
	release := func(b []byte) {
		if cap(b) <= maxPooled {
			b = b[:0]
			pool.Put(&b)
		}
	}
	return publish.NewStage(dest, publish.Options{Transform: p.transform(pool), Compress: compress, Release: release})
}
