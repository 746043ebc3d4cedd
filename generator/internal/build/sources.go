package build

// This file is what later phases know of a Markdown file once its bytes
// are gone. A large site's sources weigh as much as its body HTML, so Load
// keeps neither them nor a copy: the parse phase works out, while a file's
// bytes are at hand, where its readability warning and the links and
// images of its body will be placed (facts), and drops the bytes. The few
// later messages that quote a line of the file (a taxonomy warning, an
// audit problem in the body) read it again through the site's fs.FS.

import (
	"bytes"
	"io/fs"
	"strings"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/site"
)

// sourceFacts are the places in one Markdown file that later phases report
// problems at.
type sourceFacts struct {
	// hardest is where the page's hardest sentence starts, set when the
	// page has a readability warning (above the target, or not measured
	// with hardest sentences); line 0 when it was not found.
	hardest position
	// linkCols and imageCols are the 1-based columns of Doc.Links and
	// Doc.Images on their lines (0: not found), as the audit places them.
	linkCols, imageCols []int
}

// position is a line and column in a file and the text of that line.
type position struct {
	line, col int
	source    string
}

// factsOf works out the facts of one parsed file from its bytes. targets
// are the reading targets.
func factsOf(data []byte, in site.Input, targets readability.Targets) *sourceFacts {
	doc := in.Doc
	f := &sourceFacts{linkCols: make([]int, len(doc.Links)), imageCols: make([]int, len(doc.Images))}
	lines := lineReader{src: data}
	for i, l := range doc.Links {
		f.linkCols[i] = colOf(lines.line(l.Line), l.Dest)
	}
	for i, im := range doc.Images {
		f.imageCols[i] = colOf(lines.line(im.Line), im.Src)
	}
	r := in.Reading
	if len(r.Hardest) > 0 && (!r.Measured || r.OffTarget(targets)) {
		if line, col := locate(data, doc.BodyLine, r.Hardest[0].Text); line > 0 {
			f.hardest = position{line: line, col: col, source: diag.LineOf(data, line)}
		}
	}
	return f
}

// colOf is the 1-based column in text, a line, of the link or image
// written with destination dest (see linkStart), or 0.
func colOf(text, dest string) int {
	if i := linkStart(text, dest); i >= 0 {
		return 1 + utf8.RuneCountInString(text[:i])
	}
	return 0
}

// lineReader returns lines of src as diag.LineOf does, but reads on from
// the line it returned last when asked for a later one (links and images
// come in source order), instead of from the start of src each time.
type lineReader struct {
	src   []byte
	n, at int // src[at:] starts line n; 0, 0: not started
}

func (r *lineReader) line(n int) string {
	if n <= 0 || r.src == nil {
		return ""
	}
	if r.n == 0 || n < r.n {
		r.n, r.at = 1, 0
	}
	for ; r.n < n; r.n++ {
		i := bytes.IndexByte(r.src[r.at:], '\n')
		if i < 0 {
			return ""
		}
		r.at += i + 1
	}
	line := r.src[r.at:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return strings.TrimRight(string(line), "\r")
}

// linkCol is the column of doc.Links[i] on its line, 0 when unknown.
func (p *Project) linkCol(doc *markdown.Doc, i int) int {
	if f := p.facts[doc.Path]; f != nil && i < len(f.linkCols) {
		return f.linkCols[i]
	}
	return 0
}

// imageCol is the column of doc.Images[i] on its line, 0 when unknown.
func (p *Project) imageCol(doc *markdown.Doc, i int) int {
	if f := p.facts[doc.Path]; f != nil && i < len(f.imageCols) {
		return f.imageCols[i]
	}
	return 0
}

// readSource reads a site file again (nil when it cannot, or in a Project
// Load did not make). A file an editor changed since Load read it is read
// as it is now: it serves only to quote a line in a message.
func (p *Project) readSource(name string) []byte {
	if p.fsys == nil {
		return nil
	}
	data, err := fs.ReadFile(p.fsys, name)
	if err != nil {
		return nil
	}
	return data
}

// lineQuoter returns a function that quotes line n of a site file, reading
// each file again as readSource does. It keeps the last file it read, so
// quoting sorted diagnostics reads each file once. It is not safe for
// concurrent use.
func (p *Project) lineQuoter() func(name string, n int) string {
	var last string
	var data []byte
	return func(name string, n int) string {
		if name != last {
			last, data = name, p.readSource(name)
		}
		return diag.LineOf(data, n)
	}
}
