// Package locate maps a problem found in the output back to the file an
// editor can change, at file:line:col, and quotes that line:
//
//	inside a page's Markdown body   the content file and line: the link or
//	                                image of Doc.Links / Doc.Images with
//	                                that address, else (raw HTML) the line
//	                                where the address is written
//	anywhere else on the page       the layout file (and line) that holds
//	                                the address, else config.yaml where it
//	                                is written, else the page's layout
//
// It also finds a sentence of a page in its Markdown source (Sentence),
// and works out while a file's bytes are at hand where its links and
// images are (Facts), so the bytes need not be kept. It reads no file
// itself: what it needs is handed to it (Sources).
package locate

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"clinicgen/generator/internal/audit"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// Sources are what a Locator reads.
type Sources struct {
	// Files are the layouts (by site path, "layouts/...") and config.yaml,
	// as written; nil when they are not at hand (nothing outside the
	// bodies is placed then but at the page's layout).
	Files map[string][]byte
	// Read reads a content file again (nil when it cannot): a body with
	// raw HTML is searched for where an address is written.
	Read func(name string) []byte
	// Facts are the facts worked out while parsing the content file at
	// path (nil when there are none).
	Facts func(path string) *Facts
	// URLOf is the URL of the page made from a content file, for the
	// links to .md files.
	URLOf func(file string) (string, bool)
}

// A Locator places the elements of rendered pages (see Page). It is safe
// for concurrent use; it keeps what it found for the pages still to come.
type Locator struct {
	s       Sources
	partial []string // layouts/partials/* names, sorted

	// blob is every layout and config.yaml, each as written and
	// lower-cased (see written).
	blob []byte

	placesMu sync.Mutex
	places   map[string]*layoutPlaces // inLayout's answers, by layout

	mu     sync.Mutex
	known  map[knownImage]bool // content images placed that the markdown stage reported
	inBlob map[string]bool     // written's answers
}

// knownImage is a content image the markdown stage reported: its file and line.
type knownImage struct {
	path string
	line int
}

// New returns a Locator reading s.
func New(s Sources) *Locator {
	l := &Locator{s: s, places: map[string]*layoutPlaces{}, known: map[knownImage]bool{}, inBlob: map[string]bool{}}
	if s.Read == nil {
		l.s.Read = func(string) []byte { return nil }
	}
	if s.Facts == nil {
		l.s.Facts = func(string) *Facts { return nil }
	}
	if s.URLOf == nil {
		l.s.URLOf = func(string) (string, bool) { return "", false }
	}
	if s.Files == nil {
		return l
	}
	var names []string
	for name := range s.Files {
		if strings.HasPrefix(name, "layouts/partials/") {
			l.partial = append(l.partial, strings.TrimPrefix(name, "layouts/"))
		}
		if name == "config.yaml" || strings.HasPrefix(name, "layouts/") {
			names = append(names, name)
		}
	}
	sort.Strings(l.partial)
	sort.Strings(names)
	var blob []byte
	for _, name := range names {
		blob = append(blob, s.Files[name]...)
		blob = append(blob, 0)
		blob = append(blob, bytes.ToLower(s.Files[name])...)
		blob = append(blob, 0)
	}
	l.blob = blob
	return l
}

// ImageReported reports whether an image placed at line of the content
// file path is one the markdown stage could not find, and so reported
// already.
func (l *Locator) ImageReported(path string, line int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.known[knownImage{path, line}]
}

// region is where a Markdown body sits in a page's HTML.
type region struct {
	start, end int
	doc        *markdown.Doc
	seen       map[refKey]occurrence // by reference: the last one placed
	ix         *bodyIndex            // made at the first reference placed in the body
}

// bodyIndex is what inContent looks references up in, made once per body
// so that placing every reference of a page costs about as much as the
// page (a page of 20,000 footnotes has 40,000 of them): Doc.Links and
// Doc.Images by address, and for raw HTML the source, read once, and its
// body lower-cased, each needle's occurrences found at its first look-up.
// (A suffix array of the body, and one of the layouts for written, made
// BenchmarkPlace 75 % slower: plain searches it is.)
type bodyIndex struct {
	links, images map[string][]int // unescapeURL(address) → indices, in order
	src           []byte
	body          int              // offset of the body in src
	low           []byte           // bytes.ToLower(src[body:]), nil when that changes sizes
	found         map[string][]int // needle → its offsets in the body, in order
	newlines      []int            // offsets of src's line feeds
}

// lineCol is diag.LineCol(src, body+off) without counting the lines
// before it again.
func (ix *bodyIndex) lineCol(off int) (line, col int) {
	off += ix.body
	i := sort.SearchInts(ix.newlines, off) // line feeds before off
	start := 0
	if i > 0 {
		start = ix.newlines[i-1] + 1
	}
	return i + 1, 1 + utf8.RuneCount(ix.src[start:off])
}

// index returns the region's bodyIndex, made if need be.
func (r *Locator) index(rg *region) *bodyIndex {
	if rg.ix != nil {
		return rg.ix
	}
	doc := rg.doc
	ix := &bodyIndex{links: map[string][]int{}, images: map[string][]int{}, found: map[string][]int{}}
	for i, l := range doc.Links {
		k := unescapeURL(l.Dest)
		ix.links[k] = append(ix.links[k], i)
		if l.Target != "" {
			if h := r.mdHref(l); h != "" {
				if k2 := unescapeURL(h); k2 != k {
					ix.links[k2] = append(ix.links[k2], i)
				}
			}
		}
	}
	for i, im := range doc.Images {
		k := unescapeURL(im.Src)
		ix.images[k] = append(ix.images[k], i)
		if im.URL != "" {
			if k2 := unescapeURL(im.URL); k2 != k {
				ix.images[k2] = append(ix.images[k2], i)
			}
		}
	}
	rg.ix = ix
	return ix
}

// nthIndexFold is nthIndexFold(src[body:], needle, n) on the index: it
// reads the source at the first look-up, and finds every occurrence of a
// needle at its first.
func (ix *bodyIndex) nthIndexFold(r *Locator, doc *markdown.Doc, needle string, n int) int {
	if needle == "" {
		return -1
	}
	if ix.src == nil {
		ix.src = r.s.Read(doc.Path)
		ix.body = bodyStart(ix.src, doc.BodyLine)
		for i, c := range ix.src {
			if c == '\n' {
				ix.newlines = append(ix.newlines, i)
			}
		}
		if low := bytes.ToLower(ix.src[ix.body:]); len(low) == len(ix.src)-ix.body {
			ix.low = low
		}
	}
	if ix.low == nil {
		return nthIndexFold(ix.src[ix.body:], needle, n) // non-ASCII case changes sizes: exact match
	}
	offs, ok := ix.found[needle]
	if !ok {
		// nthIndexFold counts occurrences that do not overlap.
		nd := []byte(strings.ToLower(needle))
		for off := 0; ; {
			i := bytes.Index(ix.low[off:], nd)
			if i < 0 {
				break
			}
			offs = append(offs, off+i)
			off += i + len(nd)
		}
		ix.found[needle] = offs
	}
	if n < len(offs) {
		return offs[n]
	}
	return -1
}

// refKey is a reference the way pageLocator counts them.
type refKey struct{ tag, attr, value string }

// occurrence is the nth (0-based) element with one reference, at off.
type occurrence struct{ off, n int }

// Page places the elements of pg's rendered HTML, html; layout names the
// layout the page was rendered with (under layouts/; "" when unknown). The
// audit calls it for every link of every page: it finds the bodies
// without copying them, counts references in a map made at the first, and
// looks the page's layout up only to place something outside the bodies.
func (r *Locator) Page(pg *site.Page, html []byte, layout func() string) audit.Locator {
	var regions []region
	for _, x := range []*site.Page{pg, pg.Intro} {
		if x == nil || x.Doc == nil || x.Content == "" {
			continue
		}
		if i := indexString(html, string(x.Content)); i >= 0 {
			regions = append(regions, region{start: i, end: i + len(x.Content), doc: x.Doc})
		}
	}
	var lp *layoutPlaces
	return func(ref audit.Ref) audit.Place {
		for i := range regions {
			rg := &regions[i]
			if ref.Off >= rg.start && ref.Off < rg.end {
				// The nth element with this reference is the nth place
				// it is written; one element may be placed twice (no alt
				// text and a missing file).
				k := refKey{ref.Tag, ref.Attr, ref.Value}
				o, seen := rg.seen[k]
				switch {
				case !seen:
					o = occurrence{off: ref.Off}
				case o.off != ref.Off:
					o = occurrence{off: ref.Off, n: o.n + 1}
				}
				if rg.seen == nil {
					rg.seen = map[refKey]occurrence{}
				}
				rg.seen[k] = o
				if ref.Settled {
					return audit.Place{} // counted; nothing to report
				}
				return r.inContent(rg, ref, o.n)
			}
		}
		if ref.Settled {
			return audit.Place{}
		}
		if lp == nil {
			lp = r.layoutPlaces(layout())
		}
		// inLayout is costly and nearly always unneeded: most such
		// elements are links to pages still to come, which exist by
		// the time the audit finishes.
		return audit.Place{Lazy: lp.lazy}
	}
}

// indexString is bytes.Index(b, []byte(s)) without copying s (a page's
// body) to the heap: it looks for a piece of s, up to 32 bytes from its
// first letter or digit (a body starts with a '<', which a page is full
// of), then checks the whole. It pays: bytes.Index made BenchmarkPlace
// 50 % slower.
func indexString(b []byte, s string) int {
	at := 0
	for at < len(s) && at < 64 && !isAlnum(s[at]) {
		at++
	}
	if at == len(s) || at == 64 {
		at = 0
	}
	var head [32]byte
	n := copy(head[:], s[at:])
	for off := at; off <= len(b); {
		i := bytes.Index(b[off:], head[:n])
		if i < 0 {
			return -1
		}
		off += i // s would start at off-at
		if start := off - at; len(b)-start >= len(s) && string(b[start:start+len(s)]) == s {
			return start
		}
		off++
	}
	return -1
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// inContent places the nth element like ref in a Markdown body. The
// place has no Source: every link of every page is placed, few are
// reported, and finish quotes the line of those. A link's or image's
// column was worked out while parsing (see Facts); only raw HTML
// needs the file, read again.
func (r *Locator) inContent(rg *region, ref audit.Ref, n int) audit.Place {
	doc := rg.doc
	ix := r.index(rg)
	at := func(line, col int) audit.Place {
		return audit.Place{Path: doc.Path, Line: line, Col: col}
	}
	switch {
	case (ref.Tag == "a" || ref.Tag == "area") && ref.Attr == "href":
		if is := ix.links[unescapeURL(ref.Value)]; n < len(is) {
			i := is[n]
			return at(doc.Links[i].Line, r.s.Facts(doc.Path).LinkCol(i))
		}
	case ref.Tag == "img" && (ref.Attr == "src" || ref.Attr == "srcset"):
		if is := ix.images[unescapeURL(ref.Value)]; n < len(is) {
			i := is[n]
			im := doc.Images[i]
			if im.URL == "" {
				r.mu.Lock()
				r.known[knownImage{doc.Path, im.Line}] = true
				r.mu.Unlock()
			}
			return at(im.Line, r.s.Facts(doc.Path).ImageCol(i))
		}
	}
	// Raw HTML: the nth place the address is written in the body; else
	// (an address written with entities, a link whose Markdown the
	// check above did not match) the attribute, else the tag; else, for
	// an address, the body's first line: a problem with an address in a
	// body always has a line. An element written in Markdown (a heading)
	// has none: the markdown stage reported it (see finish).
	var needles []string
	if ref.Value != "" && ref.Attr != "" {
		needles = append(needles, ref.Value)
	}
	if ref.Attr != "" {
		needles = append(needles, ref.Attr+"=")
	}
	needles = append(needles, "<"+ref.Tag)
	for _, needle := range needles {
		for _, k := range []int{n, 0} {
			if off := ix.nthIndexFold(r, doc, needle, k); off >= 0 {
				line, col := ix.lineCol(off)
				return audit.Place{Path: doc.Path, Line: line, Col: col}
			}
		}
	}
	if ref.Attr == "" {
		return audit.Place{Path: doc.Path}
	}
	return audit.Place{Path: doc.Path, Line: max(doc.BodyLine, 1)}
}

// linkStart returns the offset in a Markdown line of the link or image
// whose destination is dest: its "[" (or "![") as the markdown stage
// reports it, else where dest is written, else -1.
func linkStart(line, dest string) int {
	if dest == "" {
		return -1
	}
	i := strings.Index(line, "]("+dest)
	if i < 0 {
		return strings.Index(line, dest)
	}
	depth := 0
	for j := i - 1; j >= 0; j-- {
		switch line[j] {
		case ']':
			depth++
		case '[':
			if depth > 0 {
				depth--
				continue
			}
			if j > 0 && line[j-1] == '!' {
				return j - 1
			}
			return j
		}
	}
	return strings.Index(line, dest)
}

// mdHref is the href Doc.Resolve wrote for a link to a .md file.
func (r *Locator) mdHref(l markdown.Link) string {
	u, ok := r.s.URLOf(l.Target)
	if !ok {
		return ""
	}
	if l.Fragment != "" {
		u += "#" + l.Fragment
	}
	return u
}

// layoutPlaces are inLayout's answers for the pages of one layout.
type layoutPlaces struct {
	layout string
	lazy   *audit.Lazy // inLayout for this layout
	mu     sync.RWMutex
	places map[refKey]audit.Place
}

// layoutPlaces returns the answers kept for layout.
func (r *Locator) layoutPlaces(layout string) *layoutPlaces {
	r.placesMu.Lock()
	defer r.placesMu.Unlock()
	lp := r.places[layout]
	if lp == nil {
		lp = &layoutPlaces{layout: layout, places: map[refKey]audit.Place{}}
		lp.lazy = &audit.Lazy{Find: func(ref audit.Ref) audit.Place { return r.inLayout(lp, ref) }}
		r.places[layout] = lp
	}
	return lp
}

// inLayout places an element that is not in a Markdown body: in the
// layouts the page uses, else in config.yaml, else at the page's layout.
// Its answers are shared places that depend on the element's tag,
// attribute and value alone (see audit.Lazy), and are kept.
func (r *Locator) inLayout(lp *layoutPlaces, ref audit.Ref) audit.Place {
	k := refKey{tag: ref.Tag, attr: ref.Attr, value: ref.Value}
	if ref.Off < 0 {
		k.value = "\x00page"
	}
	lp.mu.RLock()
	pl, ok := lp.places[k]
	lp.mu.RUnlock()
	if ok {
		return pl
	}
	if ref.Off >= 0 && ref.Attr != "" && ref.Value != "" && !r.written(ref.Value) {
		// Most addresses on a page come from the model (its own URL, its
		// tags, related articles): no file holds them, and searching
		// every layout for each would cost more than the build.
		pl = layoutFallback(lp.layout)
	} else {
		pl = r.searchLayouts(lp.layout, ref)
	}
	lp.mu.Lock()
	lp.places[k] = pl
	lp.mu.Unlock()
	return pl
}

// written reports whether the attribute value v may be written in a
// layout or in config.yaml: as it is, lower-cased, or with & as &amp;. It
// holds whenever searchLayouts could find v (nthIndexFold matches exactly
// or between equally long lower-cased texts, scalarIndex exactly).
func (r *Locator) written(v string) bool {
	r.mu.Lock()
	w, ok := r.inBlob[v]
	r.mu.Unlock()
	if ok {
		return w
	}
	for _, form := range []string{v, strings.ReplaceAll(v, "&", "&amp;")} {
		for _, b := range [][]byte{[]byte(form), bytes.ToLower([]byte(form))} {
			w = w || bytes.Contains(r.blob, b)
		}
	}
	r.mu.Lock()
	r.inBlob[v] = w
	r.mu.Unlock()
	return w
}

// layoutFallback is where searchLayouts places what no file holds: the
// page's layout.
func layoutFallback(layout string) audit.Place {
	fallback := audit.Place{Shared: true}
	if layout != "" {
		fallback.Path = "layouts/" + layout
	}
	return fallback
}

func (r *Locator) searchLayouts(layout string, ref audit.Ref) audit.Place {
	fallback := layoutFallback(layout)
	if ref.Off < 0 {
		return fallback
	}
	var needles []string
	switch {
	case ref.Attr != "" && ref.Value != "":
		esc := strings.ReplaceAll(ref.Value, "&", "&amp;")
		needles = []string{ref.Attr + `="` + ref.Value + `"`, ref.Attr + `="` + esc + `"`, ref.Attr + "='" + ref.Value + "'"}
	case ref.Attr != "":
		needles = []string{ref.Attr + "="}
	default:
		needles = []string{"<" + ref.Tag}
	}
	var names []string
	if layout != "" {
		names = append(names, layout)
		if base := path.Dir(layout) + "/baseof.html"; r.s.Files["layouts/"+base] != nil {
			names = append(names, base)
		}
	}
	names = append(names, "_default/baseof.html")
	names = append(names, r.partial...)
	for _, needle := range needles {
		for _, name := range names {
			src := r.s.Files["layouts/"+name]
			if off := nthIndexFold(src, needle, 0); off >= 0 {
				line, col := diag.LineCol(src, off)
				return audit.Place{Path: "layouts/" + name, Line: line, Col: col, Source: diag.LineOf(src, line), Shared: true}
			}
		}
	}
	// A value from config.yaml (a menu entry, a crisis line).
	if v := ref.Value; len(v) > 1 {
		cfg := r.s.Files["config.yaml"]
		if off := scalarIndex(cfg, v); off >= 0 {
			line, col := diag.LineCol(cfg, off)
			return audit.Place{Path: "config.yaml", Line: line, Col: col, Source: diag.LineOf(cfg, line), Shared: true}
		}
	}
	return fallback
}

func unescapeURL(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// bodyStart is the offset of line n (1-based) in src.
func bodyStart(src []byte, n int) int {
	off := 0
	for line := 1; line < n; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// nthIndexFold returns the offset of the nth (0-based) ASCII
// case-insensitive occurrence of needle in src, or -1.
func nthIndexFold(src []byte, needle string, n int) int {
	if needle == "" {
		return -1
	}
	low := bytes.ToLower(src)
	nd := []byte(strings.ToLower(needle))
	if len(low) != len(src) {
		low, nd = src, []byte(needle) // non-ASCII case changes sizes: exact match
	}
	off := 0
	for {
		i := bytes.Index(low[off:], nd)
		if i < 0 {
			return -1
		}
		if n == 0 {
			return off + i
		}
		n--
		off += i + len(nd)
	}
}

// scalarIndex finds v written as a whole YAML value in src (after ": ",
// "- " or a quote, up to a quote, a space or the line's end), or -1.
func scalarIndex(src []byte, v string) int {
	off := 0
	for {
		i := bytes.Index(src[off:], []byte(v))
		if i < 0 {
			return -1
		}
		at := off + i
		end := at + len(v)
		before := byte('\n')
		if at > 0 {
			before = src[at-1]
		}
		after := byte('\n')
		if end < len(src) {
			after = src[end]
		}
		if strings.IndexByte(" \"'", before) >= 0 && strings.IndexByte(" \"'\n\r#", after) >= 0 {
			return at
		}
		off = at + 1
	}
}
