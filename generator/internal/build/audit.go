package build

// This file wires the audit package into Render: every output passes
// through an audit on its way to emit, and each problem the audit finds in
// the HTML is placed back in the file an editor can change:
//
//	inside a page's Markdown body   the content file and line: the link or
//	                                image of Doc.Links / Doc.Images with
//	                                that address, else (raw HTML) the line
//	                                where the address is written
//	anywhere else on the page       the layout file (and line) that holds
//	                                the address, else config.yaml where it
//	                                is written, else the page's layout
//	a stylesheet                    its assets/ file and line
//	an alias redirect page          the aliases line of its content file
//
// Problems the markdown stage already reports (an h1 or a skipped heading
// level written in Markdown, an image it could not find) are not reported
// twice. content/ never publishes HTML as it is (see source.Publishable):
// every page is audited. The dev server renders pages one by
// one without Render and skips the audit; `generator build` and
// `generator check` run it.

import (
	"bytes"
	"html"
	"index/suffixarray"
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
	"clinicgen/generator/internal/source"
)

// auditRun is the audit of one Render.
type auditRun struct {
	p       *Project
	a       *audit.Auditor
	pages   map[string]*site.Page // output path → page
	aliases map[string]site.Alias // redirect page output path → alias
	css     map[string]string     // stylesheet output path → source path under assets/
	src     map[string][]byte     // site path → source bytes (layouts, assets, config.yaml)
	partial []string              // layouts/partials/* names, sorted

	// written is an index of every layout and of config.yaml, each as
	// written and lower-cased (see written).
	writtenIx *suffixarray.Index

	placesMu sync.Mutex
	places   map[string]*layoutPlaces // inLayout's answers, by layout

	mu     sync.Mutex
	known  map[knownImage]bool // content images the markdown stage reported
	inBlob map[string]bool     // written's answers
}

// knownImage is a content image the markdown stage reported: its file and line.
type knownImage struct {
	path string
	line int
}

// audit returns emit wrapped so that every output is audited before it is
// handed on, and the function that finishes the audit once every output
// was emitted.
func (p *Project) audit(emit func(Output) error) (func(Output) error, func() diag.List) {
	r := &auditRun{
		p:       p,
		a:       audit.New(audit.Options{Base: p.Config.BaseURL}),
		pages:   map[string]*site.Page{},
		aliases: map[string]site.Alias{},
		css:     map[string]string{},
		src:     map[string][]byte{},
		places:  map[string]*layoutPlaces{},
		known:   map[knownImage]bool{},
		inBlob:  map[string]bool{},
	}
	for _, pg := range p.pages() {
		r.pages[OutputPath(pg)] = pg
	}
	for _, a := range p.Site.Aliases {
		rel := strings.TrimPrefix(a.From, "/")
		switch ext := strings.ToLower(path.Ext(a.From)); {
		case strings.HasSuffix(a.From, "/"):
			r.aliases[rel+"index.html"] = a
		case ext == ".html" || ext == ".htm":
			r.aliases[rel] = a
		}
	}
	for name, a := range p.Manifest {
		if strings.EqualFold(path.Ext(a.Path), ".css") {
			r.css[a.Path] = "assets/" + name
		}
	}
	if s := p.src; s != nil {
		r.src["config.yaml"] = s.Config
		// Content files are read again when needed (see inContent), not
		// kept here: a large site has thousands.
		for _, fs := range [][]source.File{s.Layouts, s.Assets} {
			for _, f := range fs {
				r.src[f.Path] = f.Data
				if strings.HasPrefix(f.Path, "layouts/partials/") {
					r.partial = append(r.partial, strings.TrimPrefix(f.Path, "layouts/"))
				}
			}
		}
		sort.Strings(r.partial)
		var names []string
		for name := range r.src {
			if name == "config.yaml" || strings.HasPrefix(name, "layouts/") {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		var blob []byte
		for _, name := range names {
			blob = append(blob, r.src[name]...)
			blob = append(blob, 0)
			blob = append(blob, bytes.ToLower(r.src[name])...)
			blob = append(blob, 0)
		}
		r.writtenIx = suffixarray.New(blob)
	}
	wrapped := func(o Output) error {
		r.check(o)
		return emit(o)
	}
	return wrapped, r.finish
}

// check audits one output.
func (r *auditRun) check(o Output) {
	ext := strings.ToLower(path.Ext(o.Path))
	switch {
	case ext == ".html" || ext == ".htm":
		pg := o.Page
		if pg == nil {
			pg = r.pages[o.Path]
		}
		switch alias := r.aliases[o.Path]; {
		case pg != nil:
			r.a.Page(o.Path, o.Data, r.pageLocator(pg, o.Data))
		case alias.Path != "":
			at := r.aliasPlace(alias)
			r.a.Page(o.Path, o.Data, func(audit.Ref) audit.Place { return at })
		default:
			r.a.Page(o.Path, o.Data, nil)
		}
	case r.css[o.Path] != "":
		name := r.css[o.Path]
		if src, ok := r.src[name]; ok {
			r.a.Stylesheet(o.Path, name, src)
		} else {
			r.a.Stylesheet(o.Path, name, o.Data)
		}
	default:
		r.a.File(o.Path)
	}
}

// finish resolves the links and drops what the markdown stage reported.
func (r *auditRun) finish() diag.List {
	var out diag.List
	line := r.p.lineQuoter()
	for _, d := range r.a.Finish() {
		fromMarkdown := source.IsMarkdown(d.Path) && d.Line == 0
		switch d.Code {
		case audit.CodeH1, audit.CodeHeadingSkip:
			if fromMarkdown {
				continue // markdown: "heading-h1" and "heading-skip"
			}
		case audit.CodeFileMissing, audit.CodeExternal:
			if r.known[knownImage{d.Path, d.Line}] {
				continue // markdown: "image-missing" and "image-external"
			}
		}
		if d.Source == "" && d.Line > 0 && strings.HasPrefix(d.Path, "content/") {
			d.Source = line(d.Path, d.Line) // see inContent
		}
		out = append(out, d)
	}
	return out
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
// Doc.Images by address, and for raw HTML the source, read once, with a
// suffix array of its lower-cased body.
type bodyIndex struct {
	links, images map[string][]int // unescapeURL(address) → indices, in order
	src           []byte
	body          int                // offset of the body in src
	low           *suffixarray.Index // of bytes.ToLower(src[body:]), nil when that changes sizes
	found         map[string][]int   // needle → its sorted offsets in the body
	newlines      []int              // offsets of src's line feeds
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
func (r *auditRun) index(rg *region) *bodyIndex {
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
// makes the suffix array at the first look-up.
func (ix *bodyIndex) nthIndexFold(r *auditRun, doc *markdown.Doc, needle string, n int) int {
	if needle == "" {
		return -1
	}
	if ix.src == nil {
		ix.src = r.p.readSource(doc.Path)
		ix.body = bodyStart(ix.src, doc.BodyLine)
		for i, c := range ix.src {
			if c == '\n' {
				ix.newlines = append(ix.newlines, i)
			}
		}
		if low := bytes.ToLower(ix.src[ix.body:]); len(low) == len(ix.src)-ix.body {
			ix.low = suffixarray.New(low)
		}
	}
	if ix.low == nil {
		return nthIndexFold(ix.src[ix.body:], needle, n) // non-ASCII case changes sizes: exact match
	}
	offs, ok := ix.found[needle]
	if !ok {
		offs = ix.low.Lookup([]byte(strings.ToLower(needle)), -1)
		sort.Ints(offs)
		// nthIndexFold counts occurrences that do not overlap.
		kept := offs[:0]
		for _, o := range offs {
			if len(kept) == 0 || o >= kept[len(kept)-1]+len(needle) {
				kept = append(kept, o)
			}
		}
		offs = kept
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

// pageLocator places the elements of one rendered page. The audit calls
// it for every link of every page: it finds the bodies without copying
// them, counts references in a map made at the first, and looks the
// page's layout up only to place something outside the bodies.
func (r *auditRun) pageLocator(pg *site.Page, html []byte) audit.Locator {
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
			layout := ""
			if r.p.Renderer != nil {
				_, layout = r.p.Renderer.Lookup(pg)
			}
			lp = r.layoutPlaces(layout)
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
// of), then checks the whole.
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
// column was worked out while parsing (see sources.go); only raw HTML
// needs the file, read again.
func (r *auditRun) inContent(rg *region, ref audit.Ref, n int) audit.Place {
	doc := rg.doc
	ix := r.index(rg)
	at := func(line, col int) audit.Place {
		return audit.Place{Path: doc.Path, Line: line, Col: col}
	}
	switch {
	case (ref.Tag == "a" || ref.Tag == "area") && ref.Attr == "href":
		if is := ix.links[unescapeURL(ref.Value)]; n < len(is) {
			i := is[n]
			return at(doc.Links[i].Line, r.p.linkCol(doc, i))
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
			return at(im.Line, r.p.imageCol(doc, i))
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
func (r *auditRun) mdHref(l markdown.Link) string {
	u, ok := r.p.urlOf(l.Target)
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
func (r *auditRun) layoutPlaces(layout string) *layoutPlaces {
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
func (r *auditRun) inLayout(lp *layoutPlaces, ref audit.Ref) audit.Place {
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
func (r *auditRun) written(v string) bool {
	r.mu.Lock()
	w, ok := r.inBlob[v]
	r.mu.Unlock()
	if ok {
		return w
	}
	for _, form := range []string{v, strings.ReplaceAll(v, "&", "&amp;")} {
		for _, b := range [][]byte{[]byte(form), bytes.ToLower([]byte(form))} {
			w = w || r.writtenIx != nil && len(r.writtenIx.Lookup(b, 1)) > 0
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

func (r *auditRun) searchLayouts(layout string, ref audit.Ref) audit.Place {
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
		if base := path.Dir(layout) + "/baseof.html"; r.src["layouts/"+base] != nil {
			names = append(names, base)
		}
	}
	names = append(names, "_default/baseof.html")
	names = append(names, r.partial...)
	for _, needle := range needles {
		for _, name := range names {
			src := r.src["layouts/"+name]
			if off := nthIndexFold(src, needle, 0); off >= 0 {
				line, col := diag.LineCol(src, off)
				return audit.Place{Path: "layouts/" + name, Line: line, Col: col, Source: diag.LineOf(src, line), Shared: true}
			}
		}
	}
	// A value from config.yaml (a menu entry, a crisis line).
	if v := ref.Value; len(v) > 1 {
		cfg := r.src["config.yaml"]
		if off := scalarIndex(cfg, v); off >= 0 {
			line, col := diag.LineCol(cfg, off)
			return audit.Place{Path: "config.yaml", Line: line, Col: col, Source: diag.LineOf(cfg, line), Shared: true}
		}
	}
	return fallback
}

// aliasPlace is the aliases line of the content file that asked for a.
func (r *auditRun) aliasPlace(a site.Alias) audit.Place {
	pl := audit.Place{Path: a.Path}
	if pg, ok := r.p.Site.PageByPath(a.Path); ok && pg.Doc != nil {
		pl.Line = pg.Doc.FM.Lines["aliases"]
		pl.Source = diag.LineOf(pg.Doc.FrontSrc, pl.Line)
	}
	return pl
}

// sameURL compares two addresses as a browser would request them:
// percent-encoding and HTML entities aside.
func sameURL(a, b string) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" {
		return false
	}
	return unescapeURL(a) == unescapeURL(b)
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
