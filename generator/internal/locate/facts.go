package locate

// This file is what later phases know of a Markdown file once its bytes
// are gone. A large site's sources weigh as much as its body HTML, so a
// build keeps neither them nor a copy: the parse phase works out, while a
// file's bytes are at hand, where its readability warning and the links
// and images of its body will be placed (Facts), and drops the bytes. The
// few later messages that quote a line of the file (a taxonomy warning, an
// audit problem in the body) read it again (Quoter).

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
)

// Facts are the places in one Markdown file that later phases report
// problems at.
type Facts struct {
	// Hardest is where the sentence FactsOf was asked to find starts (the
	// page's hardest, when the page has a readability warning); line 0
	// when it was not found.
	Hardest Position
	// linkCols and imageCols are the 1-based columns of Doc.Links and
	// Doc.Images on their lines (0: not found), as the audit places them.
	linkCols, imageCols []int
}

// Position is a line and column in a file and the text of that line.
type Position struct {
	Line, Col int
	Source    string
}

// FactsOf works out the facts of one parsed file, doc, from its bytes,
// data. sentence, unless "", is a sentence of its body to find (see
// Sentence).
func FactsOf(data []byte, doc *markdown.Doc, sentence string) *Facts {
	f := &Facts{linkCols: make([]int, len(doc.Links)), imageCols: make([]int, len(doc.Images))}
	lines := lineReader{src: data}
	for i, l := range doc.Links {
		f.linkCols[i] = colOf(lines.line(l.Line), l.Dest)
	}
	for i, im := range doc.Images {
		f.imageCols[i] = colOf(lines.line(im.Line), im.Src)
	}
	if sentence != "" {
		if line, col := Sentence(data, doc.BodyLine, sentence); line > 0 {
			f.Hardest = Position{Line: line, Col: col, Source: diag.LineOf(data, line)}
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

// LinkCol is the column of the Doc's Links[i] on its line, 0 when unknown
// (or f is nil).
func (f *Facts) LinkCol(i int) int {
	if f != nil && i < len(f.linkCols) {
		return f.linkCols[i]
	}
	return 0
}

// ImageCol is the column of the Doc's Images[i] on its line, 0 when
// unknown (or f is nil).
func (f *Facts) ImageCol(i int) int {
	if f != nil && i < len(f.imageCols) {
		return f.imageCols[i]
	}
	return 0
}

// Quoter returns a function that quotes line n of a site file, read by
// read (nil: it cannot be). It keeps the last file it read, so quoting
// sorted diagnostics reads each file once. It is not safe for concurrent
// use.
func Quoter(read func(name string) []byte) func(name string, n int) string {
	var last string
	var data []byte
	return func(name string, n int) string {
		if name != last {
			last, data = name, read(name)
		}
		return diag.LineOf(data, n)
	}
}
