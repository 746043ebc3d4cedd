package build

// This file keeps page bodies small between parse and render. A page's
// body HTML is made when its file is parsed but needed only when the page
// is rendered, after the whole model exists; a large site would hold every
// body at once in between (70 MB for 10,000 articles, half of what a build
// holds). Load therefore keeps each body snappy-compressed (a third to a
// half of its size; compressing and expanding all of them takes a fraction
// of a second) and the Doc's HTML is nil until a page needs it: resolve
// expands it into a copy of the Doc, so the shared Doc is never written
// while pages render in parallel.

import (
	"bytes"
	"io/fs"

	"github.com/golang/snappy"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/locate"
	"clinicgen/generator/internal/markdown"
)

// memory is how a Project Load made keeps its memory flat on a large site
// (its zero value, the dev server's Project, keeps everything):
//
//   - a Markdown file's bytes are dropped once parsed: facts keep where
//     later phases place problems in it, worked out while its bytes were
//     at hand (see locate.Facts), and read reads it again through fsys
//     for the few messages that quote one of its lines;
//   - bodies hold each parsed Doc's body HTML compressed, from parse to
//     render: a packed Doc's HTML is nil (use resolve, not Doc.Resolve);
//   - with once (set by Run, which renders each page once), Render drops
//     a page's body HTML (Doc.HTML or its packed copy) as soon as the
//     page is written, so a large site does not hold every body until
//     the end.
type memory struct {
	facts  map[string]*locate.Facts
	fsys   fs.FS
	bodies map[*markdown.Doc]*packedBody
	once   bool
}

func newMemory(fsys fs.FS) memory {
	return memory{facts: map[string]*locate.Facts{}, fsys: fsys, bodies: map[*markdown.Doc]*packedBody{}}
}

// read reads a site file again (nil when it cannot, or without fsys). A
// file an editor changed since Load read it is read as it is now: it
// serves only to quote a line in a message.
func (m *memory) read(name string) []byte {
	if m.fsys == nil {
		return nil
	}
	data, err := fs.ReadFile(m.fsys, name)
	if err != nil {
		return nil
	}
	return data
}

// packedBody is one Doc's body HTML, compressed.
type packedBody struct {
	data []byte // nil once the page is written (see Render)
}

// pack moves doc's body HTML into a packedBody. scratch is a buffer to
// compress into, returned for the next call: snappy needs room for more
// than the input, and only the exact result is kept.
func pack(doc *markdown.Doc, scratch []byte) (*packedBody, []byte) {
	if n := snappy.MaxEncodedLen(len(doc.HTML)); n > len(scratch) {
		scratch = make([]byte, n)
	}
	b := &packedBody{data: bytes.Clone(snappy.Encode(scratch, doc.HTML))}
	doc.HTML = nil
	return b, scratch
}

// resolve is doc.Resolve with the body expanded first when Load packed it.
func (p *Project) resolve(doc *markdown.Doc) ([]byte, diag.List) {
	if b := p.mem.bodies[doc]; doc.HTML == nil && b != nil && b.data != nil {
		html, err := snappy.Decode(nil, b.data)
		if err != nil {
			// Only memory corruption could cause it: say so rather than
			// publish a page without its body.
			return nil, diag.List{{Severity: diag.Error, Path: doc.Path,
				Msg: "the page's body was lost while building: " + err.Error(), Fix: "build again; report it if it happens again"}}
		}
		d := *doc
		d.HTML = html
		out, ds := d.Resolve(p.urlOf)
		return out, p.suggestLinks(doc, ds)
	}
	out, ds := doc.Resolve(p.urlOf)
	return out, p.suggestLinks(doc, ds)
}

// dropBody forgets doc's body HTML once its page is written: Run renders
// each page once (RenderPage makes it again only while it is kept).
func (m *memory) dropBody(doc *markdown.Doc) {
	if b := m.bodies[doc]; b != nil {
		b.data = nil
	}
	doc.HTML = nil
}
