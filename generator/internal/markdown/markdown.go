// Package markdown turns one content file (YAML front matter + Markdown body)
// into a Doc: typed front matter, body HTML and the facts later stages need
// (headings, ids, links, images, summary and plain prose). It is the only
// package that imports goldmark and goldmark-meta.
//
// # Contract
//
// Parse is pure: bytes in, values out, no file I/O, no package-level state.
// One Parser holds one goldmark instance built by New; it is safe for
// concurrent use, because everything about one document lives in that
// document's parser.Context.
//
// Every problem an editor can fix is returned as a diag.Diagnostic naming the
// real path:line(:col) of the file (after a UTF-8 BOM is stripped and CRLF,
// or a lone CR, turned into LF), quoting the line as written. One file gets
// at most 100 diagnostics for its front matter and 100 for its body, then
// one more that counts the rest. Parse never panics on bad input, and the
// Doc shares no memory with the bytes passed in.
//
// Doc is nil only when the file is unusable: not UTF-8, empty, no front
// matter, front matter that never closes or is not valid YAML. Field-level
// front matter errors (a bad date, a missing title) still return a Doc, with
// the field left at its zero value, so one run reports every problem; any
// Error diagnostic fails the build.
//
// # Front matter
//
// The package, not goldmark-meta, decides where the front matter is: line 1 is
// "---" (trailing blanks allowed) and the block closes at the next line that
// is "---" (trailing blanks allowed). goldmark-meta v1.1.0 would close the
// block at any line made only of dashes, such as the empty YAML list item
// "  -"; such lines are rewritten to "  - null" (same YAML meaning, same line
// count) before goldmark sees the source, and any other dash-only line inside
// the block is an Error, as is a form feed or vertical tab (goldmark takes
// such a line for a blank line that ends the block). Should goldmark-meta
// still end the block early, Parse notices (the body would start inside the
// front matter) and reports an Error instead of publishing YAML as text.
//
// YAML is read as meta.TryGet would give it, never as meta.Get (which hides
// YAML errors), but decoded once instead of twice (see frontParser), and
// yaml.v2's block-relative line numbers are turned into file lines.
// Values are then checked and converted by hand; see FrontMatter.
//
// # Body
//
// The body is CommonMark plus GFM (tables, strikethrough, linkify, task
// lists), footnotes, definition lists, typographic punctuation (written as
// Unicode characters), heading attributes ({#id .class}) and unique
// automatic heading ids. Output is changed by an AST transformer,
// never by rewriting HTML text:
//
//   - raw HTML is dropped with a Warning unless Options.RawHTML is "allow";
//     HTML comments are always dropped; <!--more--> ends the summary.
//   - javascript:, vbscript:, data: and file: links are reduced to their text
//     with a Warning; external http(s) links get rel="noopener noreferrer".
//   - links to .md files get a site-relative Target and a placeholder href
//     that Doc.Resolve later replaces with the page's URL.
//   - images must be local: Options.ResolveImage gives their URL and size
//     (front matter `image` too, see Doc.Share),
//     and they get width, height, loading="lazy" and decoding="async". Alt text
//     is required unless the title is exactly "decorative".
//   - a level-1 heading is a Warning, and every heading of that body is
//     rendered one level lower (# as h2, ## as h3, down to h6), so the title
//     stays the page's only h1; a skipped heading level is a Warning; an
//     empty heading is dropped with a Warning.
//   - heading attributes other than id and class are dropped with a
//     Warning; an id that is empty, holds a space, repeats an earlier
//     heading's or starts like a footnote's (fn:, fnref:) is made unique.
//   - aligned table cells get class="align-left|center|right" instead of
//     goldmark's style attribute, which the Content-Security-Policy blocks.
//   - control characters HTML forbids (a vertical tab pasted from a word
//     processor) become spaces, with a Warning at the first.
package markdown

import (
	"bytes"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Parser. The zero value drops raw HTML, reads dates
// without a zone as UTC and leaves image references unchanged.
type Options struct {
	// RawHTML is "drop" (the default, also for "" and any unknown value) or
	// "allow" (raw HTML is copied to the output; for trusted editors only).
	RawHTML string
	// Location is the zone for dates written without one (the site time
	// zone); nil means UTC.
	Location *time.Location
	// ResolveImage maps an image reference in the Markdown of fromPath
	// (site-relative slash path such as "content/articles/x.md"; src exactly
	// as written) to its public URL and pixel size. ok=false means the image
	// was not found, which is an Error. When ResolveImage is nil, local images
	// keep their src and get no size (for tools and tests).
	ResolveImage func(fromPath, src string) (url string, width, height int, ok bool)
}

// Parser parses content files. Build it once with New; it is safe for
// concurrent use.
type Parser struct {
	opts  Options
	allow bool
	key   parser.ContextKey
	md    goldmark.Markdown
	// scratch holds *scratch: memory a Parse call needs only while it
	// runs, kept for the next call.
	scratch sync.Pool
}

// scratch is the memory one Parse call uses only while it runs. Nothing of
// it reaches the Doc: Doc.HTML and Doc.Prose are exact copies.
type scratch struct {
	out    bytes.Buffer  // the rendered body
	prose  []byte        // the plain text being collected (state.prose)
	starts []int         // state.lineStarts
	hnodes []headingNode // state.hnodes
}

// Heading is one heading of the body.
type Heading struct {
	Level int    // 2..6 (1 is reported as an Error but still listed)
	ID    string // the generated id attribute, unique within the Doc
	Text  string // plain text
	Line  int    // 1-based file line
}

// Link is one link of the body, in document order.
type Link struct {
	// Dest is the destination as written in the Markdown (for autolinks, the
	// link text).
	Dest string
	// Target is the site-relative slash path of the .md file the link points
	// to (e.g. "content/services/telemedicine.md"), or "" when it does not
	// point to a .md file.
	Target string
	// Fragment is the part after '#', without the '#'.
	Fragment string
	// Line is the 1-based file line.
	Line int
	// External is true for http:, https: and protocol-relative (//) links.
	External bool
}

// Image is one image of the body, in document order.
type Image struct {
	Src        string // as written
	URL        string // public URL from Options.ResolveImage ("" when not resolved)
	Alt        string // plain alt text ("" for decorative images)
	Width      int    // pixels, 0 when unknown
	Height     int    // pixels, 0 when unknown
	Line       int    // 1-based file line
	Decorative bool   // the title was exactly "decorative"
}

// Doc is one parsed content file.
type Doc struct {
	Path string
	FM   FrontMatter
	// FrontSrc holds the file's bytes (normalised: no BOM, LF line ends) from
	// line 1 through the closing ---, for quoting lines in later diagnostics.
	FrontSrc []byte
	// BodyLine is the 1-based line where the body starts.
	BodyLine int
	// HTML is the rendered body. Links to other .md files carry placeholders;
	// use Resolve to get the final HTML.
	HTML []byte
	// Summary is plain text: FM.Summary, else the text before <!--more-->,
	// else the first paragraph. Whitespace is collapsed to single spaces.
	Summary string
	// Prose is the plain body text for readability and related-article
	// scoring: paragraphs, list items and blockquotes; not headings, code,
	// tables, footnotes or list items that are only a link. Paragraphs are
	// separated by "\n\n".
	Prose    string
	Headings []Heading
	// IDs lists every id attribute in HTML (headings, footnotes, raw HTML),
	// for #anchor checks.
	IDs    []string
	Links  []Link
	Images []Image
	// Share is front matter `image`, the page's share image, resolved like
	// a body image (nil without one). An external http(s) image is kept as
	// written, unresolved.
	Share *Image

	mdLinks []mdLink // placeholders in HTML, indexed by their number
	body    []byte   // a copy of the body source, for Resolve's diagnostics (only with mdLinks)
}

// mdLink is a link to a .md file whose href Resolve fills in.
type mdLink struct {
	target, fragment string
	line             int // 1-based file line
	off              int // offset of the link in Doc.body
}

// New builds a Parser and its goldmark instance.
func New(o Options) *Parser {
	p := &Parser{opts: o, allow: o.RawHTML == "allow", key: parser.NewContextKey()}
	rendererOpts := []renderer.Option{}
	if p.allow {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	p.md = goldmark.New(
		goldmark.WithExtensions(
			// extension.GFM with tables that write no style attribute:
			// the transformer gives aligned cells a class instead.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.DefinitionList,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typographic())),
		),
		goldmark.WithParserOptions(
			// goldmark-meta's block parser, at the priority meta.Meta
			// gives it, decoding the YAML once (see frontParser). Its AST
			// transformer is left out: it only reports YAML errors in the
			// HTML, and Parse returns no HTML then.
			parser.WithBlockParsers(util.Prioritized(frontParser{BlockParser: meta.NewParser(), key: p.key}, 0)),
			parser.WithAutoHeadingID(),
			// Before goldmark's own ATX heading parser (600): the same,
			// reading {#id .class} only where a line ends with '}'.
			parser.WithBlockParsers(util.Prioritized(newATXHeading(), 599)),
			// Run after every other transformer (lower numbers run first),
			// so the footnote list is already in place.
			parser.WithASTTransformers(util.Prioritized(&transformer{p: p}, 10000)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return p
}

// typographic writes smart punctuation as characters rather than entities, so
// plain text (summaries, prose, heading text) reads the same as the HTML.
func typographic() map[extension.TypographicPunctuation]string {
	return map[extension.TypographicPunctuation]string{
		extension.LeftSingleQuote:  "‘",
		extension.RightSingleQuote: "’",
		extension.LeftDoubleQuote:  "“",
		extension.RightDoubleQuote: "”",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«",
		extension.RightAngleQuote:  "»",
		extension.Apostrophe:       "’",
	}
}

// Parse parses the content file at path (a site-relative slash path such as
// "content/articles/x.md"). It never reads the disk. Diagnostics are sorted
// by line.
func (p *Parser) Parse(path string, src []byte) (*Doc, diag.List) {
	st := &state{p: p, path: path}
	doc := st.parse(src)
	st.diags.Sort()
	if st.dropped > 0 {
		st.diags = append(st.diags, tooMany(path, st.dropped, st.droppedErr))
	}
	return doc, st.diags
}

// maxDiags caps the diagnostics of one file: past it, an editor needs to
// fix the first ones, and a pathological file cannot flood memory.
const maxDiags = 100

// maxSource caps the quoted source line of a diagnostic, in bytes.
const maxSource = 1000

// tooMany is the closing diagnostic for the ones left out.
func tooMany(path string, n int, isErr bool) diag.Diagnostic {
	sev := diag.Warning
	if isErr {
		sev = diag.Error
	}
	return diag.Diagnostic{Severity: sev, Path: path, Code: "too-many",
		Msg: fmt.Sprintf("%d more problems in this file are not shown", n),
		Fix: "fix the ones above and build again"}
}

// clip shortens a quoted source line to maxSource bytes on a rune boundary.
func clip(b []byte) string {
	if len(b) <= maxSource {
		return string(b)
	}
	n := maxSource
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + "…"
}

func (st *state) parse(raw []byte) *Doc {
	src, ok := st.normalise(raw)
	if !ok {
		return nil
	}
	st.src = src
	fb, ok := st.scanFront(src)
	if !ok {
		return nil
	}
	st.gsrc = fb.gsrc
	st.bodyStart = fb.gend
	st.bodyLine = fb.closeLine + 1
	sc, _ := st.p.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer st.p.scratch.Put(sc)
	st.lineStarts = appendLineStarts(sc.starts[:0], st.gsrc)
	sc.starts = st.lineStarts[:0]
	// transform fills prose; sc keeps the memory when it had to grow.
	st.prose = sc.prose[:0]
	st.hnodes = sc.hnodes[:0]
	defer func() {
		sc.prose = st.prose[:0]
		clear(st.hnodes) // let the AST go
		sc.hnodes = st.hnodes[:0]
	}()
	st.cleanBody()

	pc := parser.NewContext()
	pc.Set(st.p.key, st)
	root := st.p.md.Parser().Parse(text.NewReader(st.gsrc), parser.WithContext(pc))

	m, err := st.yaml, st.yamlErr
	if err != nil {
		// Only the YAML error matters: the body was parsed against front
		// matter that does not exist.
		st.diags, st.dropped, st.droppedErr = st.diags[:0], 0, false
		st.yamlError(err, fb)
		return nil
	}
	if st.split {
		st.diags, st.dropped, st.droppedErr = st.diags[:0], 0, false
		st.add(diag.Error, "frontmatter-split", 1, 0,
			"look for lines made only of dashes or of unusual spaces between the --- lines",
			"the front matter could not be read as one block")
		return nil
	}
	d := &Doc{
		Path:     st.path,
		FrontSrc: bytes.Clone(src[:fb.end]),
		BodyLine: fb.closeLine + 1,
		Headings: st.headings,
		Links:    st.links,
		Images:   st.images,
		mdLinks:  st.mdLinks,
	}
	if len(st.mdLinks) > 0 {
		// A copy: the Doc must not change when the caller reuses src.
		d.body = bytes.Clone(st.gsrc[st.bodyStart:])
	}
	// The front matter gets its own share of maxDiags, so a body full of
	// problems cannot hide a bad date.
	bodyDiags := st.diags
	st.diags = nil
	d.FM = st.decodeFront(m, fb)
	d.Share = st.shareImage(d.FM)
	st.diags = append(st.diags, bodyDiags...)

	// Render into a reused buffer and keep an exact copy: a site holds
	// every page's HTML until it is written, and a buffer grown while
	// rendering is up to a third larger than its content.
	buf := &sc.out
	buf.Reset()
	body := len(st.gsrc) - fb.gend
	buf.Grow(body + body/3 + 64)
	if err := st.p.md.Renderer().Render(bufferWriter{buf}, st.gsrc, root); err != nil {
		// A bytes.Buffer does not fail; keep the diagnostic for completeness.
		st.add(diag.Error, "render", 0, 0, "", "the Markdown could not be rendered: %v", err)
		return nil
	}
	d.HTML = bytes.Clone(buf.Bytes())
	d.IDs = collectIDs(d.HTML, st.p.allow, d.Headings)
	d.Prose = string(st.prose)
	d.Summary = st.summary(d.FM.Summary)
	return d
}

// add records a diagnostic; line and col are 1-based (0: unknown). The
// offending line is quoted as the editor wrote it.
func (st *state) add(sev diag.Severity, code string, line, col int, fix, format string, args ...any) {
	if len(st.diags) >= maxDiags {
		st.dropped++
		st.droppedErr = st.droppedErr || sev == diag.Error
		return
	}
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	st.diags = append(st.diags, diag.Diagnostic{Severity: sev, Path: st.path, Line: line, Col: col,
		Msg: msg, Fix: fix, Source: st.sourceLine(line), Code: code})
}

// addAt records a diagnostic about the body at offset off of gsrc.
func (st *state) addAt(sev diag.Severity, code string, off int, fix, format string, args ...any) {
	if len(st.diags) >= maxDiags {
		st.dropped++
		st.droppedErr = st.droppedErr || sev == diag.Error
		return
	}
	line, col := st.lineCol(off)
	st.add(sev, code, line, col, fix, format, args...)
}

// sourceLine returns line n as the editor wrote it, clipped. Body lines come
// from the line index; front matter lines from the normalised source, since
// gsrc may have rewritten them.
func (st *state) sourceLine(n int) string {
	if n >= st.bodyLine && st.bodyLine > 0 && n <= len(st.lineStarts) {
		start, end := st.lineStarts[n-1], len(st.gsrc)
		if n < len(st.lineStarts) {
			end = st.lineStarts[n] - 1
		}
		return clip(st.gsrc[start:end])
	}
	return clip([]byte(diag.LineOf(st.src, n)))
}

// bufferWriter lets goldmark render straight into a bytes.Buffer; without
// it the renderer wraps the buffer in a 4 KB bufio.Writer for every file.
type bufferWriter struct{ *bytes.Buffer }

// Buffered implements util.BufWriter: nothing is held back.
func (bufferWriter) Buffered() int { return 0 }

// Flush implements util.BufWriter.
func (bufferWriter) Flush() error { return nil }

var _ util.BufWriter = bufferWriter{}

// transformer is the goldmark AST transformer; per-document state comes from
// the parser.Context, so the shared instance stays safe for concurrent use.
type transformer struct{ p *Parser }

// Transform implements parser.ASTTransformer.
func (t *transformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st, _ := pc.Get(t.p.key).(*state)
	if st == nil {
		return
	}
	st.pc = pc
	st.transform(doc)
	st.pc = nil
}
