package markdown

import (
	"bytes"
	stdhtml "html"
	"net/url"
	"path"
	"strconv"
	"strings"

	"clinicgen/generator/internal/diag"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// placeholderScheme starts the href of a link to a .md file until Resolve
// fills in the page's URL. goldmark's URL escaping leaves it intact, and
// Resolve looks for it only right after ` href="`, which body text cannot
// produce (text has its quotes escaped as &quot;). Links written with this
// scheme are dropped as unsafe, so an editor cannot forge one.
const placeholderScheme = "clinicgen-md:"

// relExternal is the rel attribute of links to other sites.
const relExternal = "noopener noreferrer"

// transform walks the document once, in document order: it checks and
// rewrites links, images, headings and raw HTML, and collects plain text.
func (st *state) transform(doc *ast.Document) {
	// If goldmark-meta ended the front matter before our closing line, the
	// rest of it is now body text. scanFront prevents that; this makes sure.
	if c := doc.FirstChild(); c != nil && c.Pos() >= 0 && c.Pos() < st.bodyStart {
		st.split = true
		return
	}
	st.moreAt = -1
	if n := len(st.gsrc) - st.bodyStart; cap(st.prose) < n {
		st.prose = make([]byte, 0, n)
	}
	st.prose = st.prose[:0]
	st.visit(doc, false)
	st.outline()
}

// visit handles the children of n. noProse is true inside headings, tables,
// footnotes and inline content, whose text is not prose.
func (st *state) visit(n ast.Node, noProse bool) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling() // c may be removed or replaced
		st.node(c, noProse)
		c = next
	}
}

func (st *state) node(n ast.Node, noProse bool) {
	switch n := n.(type) {
	case *ast.Heading:
		if st.heading(n) {
			st.visit(n, true)
		}
	case *ast.Paragraph, *ast.TextBlock:
		if !noProse {
			st.addProse(n)
		}
		st.visit(n, true)
	case *ast.HTMLBlock:
		st.htmlBlock(n)
	case *ast.RawHTML:
		st.rawHTML(n)
	case *ast.Link:
		st.visit(n, true) // images inside the link first
		st.link(n)
	case *ast.AutoLink:
		st.autoLink(n)
	case *ast.Image:
		st.image(n)
	case *east.Table, *east.FootnoteList:
		st.visit(n, true)
	case *east.TableCell:
		// goldmark would write style="text-align:…", which the site's
		// Content-Security-Policy blocks (the table extension is set to
		// write nothing); the theme styles these classes.
		if c := alignClass(n.Alignment); c != "" {
			n.SetAttributeString("class", c)
		}
		st.visit(n, noProse)
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.CodeSpan, *ast.Text, *ast.String:
		// no links, images or HTML inside
	default:
		st.visit(n, noProse)
	}
}

// pos returns the offset of n in the source, using the nearest ancestor
// with a position when n has none.
func (st *state) pos(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(*ast.Document); ok {
			break
		}
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return st.bodyStart
}

// alignClass is the class of a table cell with an alignment ("" without).
func alignClass(a east.Alignment) string {
	switch a {
	case east.AlignLeft:
		return "align-left"
	case east.AlignCenter:
		return "align-center"
	case east.AlignRight:
		return "align-right"
	}
	return ""
}

// heading records a heading, checks its attributes and id, and reports
// whether it stays: an empty heading is dropped with a Warning. Levels are
// checked by outline, once every heading is known.
func (st *state) heading(h *ast.Heading) bool {
	off := st.pos(h)
	txt := st.plainText(h)
	if txt == "" && !hasImage(h) {
		st.addAt(diag.Warning, "heading-empty", off, "write the heading's text after the #, or remove the line",
			"empty heading is dropped")
		h.Parent().RemoveChild(h.Parent(), h)
		return false
	}
	line := st.lineOf(off)
	id := st.headingAttrs(h, txt, off)
	if h.Level == 1 {
		st.h1 = true
	}
	st.headings = append(st.headings, Heading{Level: h.Level, ID: id, Text: txt, Line: line})
	st.hnodes = append(st.hnodes, headingNode{h: h, off: off})
	return true
}

// hasImage reports whether n holds an image.
func hasImage(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.Image); ok || hasImage(c) {
			return true
		}
	}
	return false
}

// headingAttrs keeps the id and class of a heading's attributes ({#id .class},
// goldmark's heading attribute syntax) and drops the rest with a Warning:
// style or on… attributes would break the site's Content-Security-Policy.
// An id written by the editor that is empty, holds white space, is taken by
// an earlier heading or looks like a footnote's is replaced by a unique one
// made from the heading's text, with a Warning. It returns the id.
func (st *state) headingAttrs(h *ast.Heading, txt string, off int) string {
	id, hasID, class := "", false, any(nil)
	attrs := h.Attributes()
	dropped := false
	for _, a := range attrs {
		switch string(a.Name) {
		case "id":
			id, hasID = attrText(a.Value), true
		case "class":
			class = a.Value
		default:
			dropped = true
			st.addAt(diag.Warning, "heading-attribute", off, "keep only {#id} and {.class} after a heading",
				"heading attribute %q is dropped", string(a.Name))
		}
	}
	if dropped {
		h.RemoveAttributes()
		if hasID {
			h.SetAttributeString("id", []byte(id))
		}
		if class != nil {
			h.SetAttributeString("class", class)
		}
	}
	if !hasID {
		return ""
	}
	bad := ""
	switch {
	case id == "":
		bad = "is empty"
	case strings.ContainsAny(id, " \t\n\f\r"):
		bad = "holds a space"
	case strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:"):
		bad = "is kept for footnotes"
	default:
		for _, prev := range st.headings {
			if prev.ID == id {
				bad = "is used by an earlier heading"
				break
			}
		}
	}
	if bad == "" {
		return id
	}
	if st.pc == nil {
		return id
	}
	seed := id
	if strings.ContainsAny(id, " \t\n\f\r") || id == "" || strings.HasPrefix(id, "fn") {
		seed = txt
	}
	newID := string(st.pc.IDs().Generate([]byte(seed), ast.KindHeading))
	st.addAt(diag.Warning, "heading-id", off, "give each heading its own id without spaces, e.g. {#opening-hours}",
		"heading id %q %s; it is %q instead", id, bad, newID)
	h.SetAttributeString("id", []byte(newID))
	return newID
}

// attrText is an attribute value as text.
func attrText(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	}
	return ""
}

// headingNode is a heading of the body and its offset, for outline.
type headingNode struct {
	h   *ast.Heading
	off int
}

// outline checks the heading levels once every heading is known. A body
// with a level-1 heading (# in Markdown, common in posts written for other
// tools) gets every heading one level lower, h1 to h2 and so on down to h6,
// so the page keeps the title as its only h1; each such heading gets a
// Warning. A skipped level (after the shift) is a Warning.
func (st *state) outline() {
	if st.h1 {
		for i, hn := range st.hnodes {
			if hn.h.Level == 1 {
				st.addAt(diag.Warning, "heading-h1", hn.off,
					"use ## for sections (every heading of this page is shown one level lower)",
					"the title is the page's only h1, so this heading is shown as h2")
			}
			if hn.h.Level < 6 {
				hn.h.Level++
			}
			st.headings[i].Level = hn.h.Level
		}
	}
	prev := 1 // the title
	for _, hn := range st.hnodes {
		if l := hn.h.Level; l > prev+1 {
			st.addAt(diag.Warning, "heading-skip", hn.off,
				"use "+strings.Repeat("#", prev+1-boolInt(st.h1))+" here, so screen readers can follow the outline",
				"heading jumps from h%d to h%d", prev, l)
		}
		prev = hn.h.Level
	}
}

// boolInt is 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// addProse appends the plain text of a paragraph or list item line to the
// prose, unless it is a list item that is only a link.
func (st *state) addProse(n ast.Node) {
	if linkOnlyItem(n, st.gsrc) {
		return
	}
	before := len(st.prose)
	if before > 0 {
		st.prose = append(st.prose, "\n\n"...)
	}
	start := len(st.prose)
	st.prose = st.appendText(st.prose, n, true)
	st.prose = bytes.TrimRight(st.prose, " \t\n")
	if len(st.prose) <= start {
		st.prose = st.prose[:before]
		return
	}
	if _, top := n.Parent().(*ast.Document); top && st.firstEnd == 0 {
		if _, para := n.(*ast.Paragraph); para {
			// Later paragraphs only append to prose: these bytes stay.
			st.firstStart, st.firstEnd = start, len(st.prose)
		}
	}
}

// linkOnlyItem reports whether n is the text of a list item that holds
// nothing but one link (a "see also" list), which is not prose.
func linkOnlyItem(n ast.Node, src []byte) bool {
	if _, ok := n.Parent().(*ast.ListItem); !ok {
		return false
	}
	links := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link, *ast.AutoLink:
			links++
		case *ast.Text:
			if len(trimBlank(c.Segment.Value(src))) != 0 {
				return false
			}
		case *east.TaskCheckBox:
		default:
			return false
		}
	}
	return links == 1
}

// plainText is the trimmed plain text of n's inline content, collected in
// st.textBuf, which is reused.
func (st *state) plainText(n ast.Node) string {
	st.textBuf = st.appendText(st.textBuf[:0], n, false)
	return string(bytes.TrimSpace(st.textBuf))
}

// appendText appends the plain text of n's inline content to b. With prose
// set, a <!--more--> comment marks where the summary ends.
func (st *state) appendText(b []byte, n ast.Node, prose bool) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment.Value(st.gsrc)
			if c.IsRaw() || (bytes.IndexByte(seg, '\\') < 0 && bytes.IndexByte(seg, '&') < 0) {
				b = append(b, seg...)
			} else {
				b = append(b, unescape(seg)...)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.RawHTML:
			if prose && st.moreAt < 0 && isMore(rawValue(c.Segments, st.gsrc)) {
				st.moreAt = len(b)
			}
		case *ast.AutoLink:
			b = append(b, c.Label(st.gsrc)...)
		case *ast.Image, *east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
		default:
			b = st.appendText(b, c, prose)
		}
	}
	return b
}

// unescape resolves backslash escapes and entity references the way the
// HTML renderer does for text.
func unescape(b []byte) []byte {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	return util.ResolveEntityNames(b)
}

// rawValue joins the segments of an inline raw HTML node.
func rawValue(segs *text.Segments, src []byte) []byte {
	if segs.Len() == 1 {
		seg := segs.At(0)
		return seg.Value(src)
	}
	var b []byte
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// isComment reports whether b (trimmed) is exactly one HTML comment.
func isComment(b []byte) bool {
	b = bytes.TrimSpace(b)
	return bytes.HasPrefix(b, []byte("<!--")) && bytes.Index(b, []byte("-->")) == len(b)-3 && len(b) >= 7
}

// isMore reports whether b is the summary marker <!--more--> (spaces and
// case inside the comment do not matter).
func isMore(b []byte) bool {
	b = bytes.TrimSpace(b)
	if !isComment(b) {
		return false
	}
	return bytes.EqualFold(bytes.TrimSpace(b[4:len(b)-3]), []byte("more"))
}

// htmlBlock drops HTML comments, and all raw HTML unless it is allowed.
func (st *state) htmlBlock(h *ast.HTMLBlock) {
	if h.HTMLBlockType == ast.HTMLBlockType2 {
		b := rawValue(h.Lines(), st.gsrc)
		if h.HasClosure() {
			// b may alias the source: the full slice expression makes
			// append copy instead of writing into it.
			b = append(b[:len(b):len(b)], h.ClosureLine.Value(st.gsrc)...)
		}
		if isComment(b) {
			if st.moreAt < 0 && isMore(b) {
				st.moreAt = len(st.prose)
			}
			h.Parent().RemoveChild(h.Parent(), h)
			return
		}
	}
	if st.p.allow {
		return
	}
	st.rawWarn(st.pos(h))
	h.Parent().RemoveChild(h.Parent(), h)
}

// rawHTML drops an inline HTML comment, and inline raw HTML unless allowed.
func (st *state) rawHTML(r *ast.RawHTML) {
	v := rawValue(r.Segments, st.gsrc)
	if isComment(v) {
		if st.moreAt < 0 && isMore(v) {
			st.moreAt = len(st.prose)
		}
		r.Parent().RemoveChild(r.Parent(), r)
		return
	}
	if st.p.allow {
		return
	}
	st.rawWarn(st.pos(r))
	r.Parent().RemoveChild(r.Parent(), r)
}

// rawWarn reports dropped raw HTML, once per line (an opening and a closing
// tag on one line are one problem).
func (st *state) rawWarn(off int) {
	line := st.lineOf(off)
	if line == st.rawLine {
		return
	}
	st.rawLine = line
	st.addAt(diag.Warning, "raw-html", off,
		"use Markdown, or set markdown.rawHTML: allow in config.yaml", "raw HTML is dropped")
}

// isUnsafe reports whether a destination runs code or embeds content:
// javascript:, vbscript:, data:, file:, or our own placeholder scheme.
// Like browsers, it ignores case and ASCII whitespace and control bytes.
func isUnsafe(dest []byte) bool {
	var buf [16]byte
	n := 0
	for _, c := range dest {
		if c <= ' ' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
		if n == len(buf) {
			break
		}
	}
	s := buf[:n]
	for _, p := range [...]string{"javascript:", "vbscript:", "data:", "file:", placeholderScheme} {
		if bytes.HasPrefix(s, []byte(p)) {
			return true
		}
	}
	return false
}

// scheme returns the lower-case URL scheme of dest, or "" when it has none.
func scheme(dest string) string {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(dest[:i])
		default:
			return ""
		}
	}
	return ""
}

// splitFragment splits dest at the first '#'.
func splitFragment(dest string) (rest, fragment string) {
	if i := strings.IndexByte(dest, '#'); i >= 0 {
		return dest[:i], dest[i+1:]
	}
	return dest, ""
}

// link checks a link, marks external ones and turns links to .md files into
// placeholders.
func (st *state) link(l *ast.Link) {
	off := st.pos(l)
	line := st.lineOf(off)
	dest := string(l.Destination)
	if isUnsafe(l.Destination) {
		st.addAt(diag.Warning, "link-unsafe", off,
			"link only to web pages, pages of this site, email addresses or phone numbers",
			"unsafe link %q is dropped", dest)
		parent := l.Parent()
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
		return
	}
	rest, frag := splitFragment(dest)
	lk := Link{Dest: dest, Fragment: frag, Line: line}
	switch sc := scheme(dest); {
	case sc == "http" || sc == "https" || strings.HasPrefix(dest, "//"):
		lk.External = true
		l.SetAttributeString("rel", relExternal)
	case sc == "":
		if i := strings.IndexByte(rest, '?'); i >= 0 {
			rest = rest[:i]
		}
		if len(rest) < 3 || !strings.EqualFold(rest[len(rest)-3:], ".md") {
			break
		}
		target, ok := st.mdTarget(rest)
		if !ok {
			st.addAt(diag.Error, "link-outside", off,
				"link to pages inside content/, e.g. ../services/telemedicine.md",
				"link to %q points outside the site", dest)
			break
		}
		lk.Target = target
		st.mdLinks = append(st.mdLinks, mdLink{target: target, fragment: frag, line: line, off: off - st.bodyStart})
		l.Destination = strconv.AppendInt([]byte(placeholderScheme), int64(len(st.mdLinks)-1), 10)
	}
	st.links = append(st.links, lk)
}

// mdTarget turns a link path to a .md file into a site-relative slash path:
// "/content/x.md" is site-rooted, anything else is relative to the file.
func (st *state) mdTarget(p string) (string, bool) {
	if strings.IndexByte(p, '%') >= 0 {
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
	}
	var t string
	if strings.HasPrefix(p, "/") {
		t = strings.TrimPrefix(path.Clean(p), "/")
	} else {
		t = path.Join(path.Dir(st.path), p)
	}
	if t == "" || t == "." || t == ".." || strings.HasPrefix(t, "../") {
		return "", false
	}
	return t, true
}

// autoLink checks an autolink (<https://...> or a bare www./https:// URL).
func (st *state) autoLink(a *ast.AutoLink) {
	off := st.pos(a)
	u := a.URL(st.gsrc)
	label := a.Label(st.gsrc)
	if isUnsafe(u) {
		st.addAt(diag.Warning, "link-unsafe", off,
			"link only to web pages, pages of this site, email addresses or phone numbers",
			"unsafe link %q is dropped", string(u))
		s := ast.NewString(util.EscapeHTML(label))
		s.SetCode(true) // already escaped
		a.Parent().ReplaceChild(a.Parent(), a, s)
		return
	}
	dest := string(label)
	_, frag := splitFragment(dest)
	lk := Link{Dest: dest, Fragment: frag, Line: st.lineOf(off)}
	if a.AutoLinkType == ast.AutoLinkURL {
		if sc := scheme(string(u)); sc == "http" || sc == "https" {
			lk.External = true
			a.SetAttributeString("rel", relExternal)
		}
	}
	st.links = append(st.links, lk)
}

// image checks an image and gives it its public URL, size and lazy loading.
func (st *state) image(img *ast.Image) {
	off := st.pos(img)
	src := string(img.Destination)
	im := Image{Src: src, Line: st.lineOf(off), Decorative: string(img.Title) == "decorative"}
	if !im.Decorative {
		im.Alt = st.plainText(img)
	}
	if scheme(src) != "" || strings.HasPrefix(src, "//") {
		st.addAt(diag.Error, "image-external", off,
			"save it in content/ next to the article or in assets/images/",
			"image %q must be stored with the site", src)
		img.Parent().RemoveChild(img.Parent(), img)
		st.images = append(st.images, im)
		return
	}
	switch resolve := st.p.opts.ResolveImage; {
	case src == "":
		st.addAt(diag.Error, "image-missing", off, "write ![what the image shows](file-name.jpg)",
			"image has no file name")
	case resolve != nil:
		u, w, h, ok := resolve(st.path, src)
		if !ok {
			st.addAt(diag.Error, "image-missing", off,
				"check the file name; keep images in content/ next to the article or in assets/images/",
				"image %q not found", src)
			break
		}
		im.URL, im.Width, im.Height = u, w, h
		img.Destination = []byte(u)
		if w > 0 {
			img.SetAttributeString("width", strconv.Itoa(w))
		}
		if h > 0 {
			img.SetAttributeString("height", strconv.Itoa(h))
		}
	}
	img.SetAttributeString("loading", "lazy")
	img.SetAttributeString("decoding", "async")
	switch {
	case im.Decorative:
		img.Title = nil
		img.RemoveChildren(img)
	case im.Alt == "":
		st.addAt(diag.Error, "image-alt", off,
			`add alt text that says what the image shows, or mark a purely decorative image with the title "decorative": ![](divider.svg "decorative")`,
			"image %q has no alt text", src)
	default:
		if msg, fix, bad := altProblem(im.Alt, src); bad {
			st.addAt(diag.Warning, "image-alt-text", off, fix, "image %q: %s", src, msg)
		}
	}
	st.images = append(st.images, im)
}

// collectIDs lists the id attributes in rendered HTML. goldmark writes them
// as id="..."; raw HTML (allowed) may also use single quotes. Text cannot
// produce ` id="` because the renderer escapes its quotes. An id equal to
// the next heading's shares that heading's string.
func collectIDs(h []byte, allow bool, headings []Heading) []string {
	var ids []string
	// Look for the '=' of "id=": far rarer in HTML than the 'i'.
	for i := 0; i+2 < len(h); {
		j := bytes.IndexByte(h[i+2:], '=')
		if j < 0 {
			break
		}
		at := i + j // where "id=" would start
		if h[at] != 'i' || h[at+1] != 'd' {
			i = at + 1
			continue
		}
		i = at + 3
		if at == 0 || i >= len(h) {
			continue
		}
		switch h[at-1] {
		case ' ', '\n', '\t':
		default:
			continue
		}
		q := h[i]
		if q != '"' && !(allow && q == '\'') {
			continue
		}
		k := bytes.IndexByte(h[i+1:], q)
		if k < 0 {
			break
		}
		raw := h[i+1 : i+1+k]
		i += k + 2
		var v string
		switch {
		case bytes.IndexByte(raw, '&') >= 0:
			v = stdhtml.UnescapeString(string(raw))
		case len(headings) > 0 && headings[0].ID == string(raw):
			v = headings[0].ID
			headings = headings[1:]
		default:
			v = string(raw)
		}
		ids = append(ids, v)
	}
	return ids
}
