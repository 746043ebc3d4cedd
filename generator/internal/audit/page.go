package audit

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"

	"clinicgen/generator/internal/diag"
)

// fetchRels are the <link rel> values for which a browser requests href
// (or contacts its origin) while loading the page.
var fetchRels = map[string]bool{
	"stylesheet": true, "icon": true, "shortcut": true, "apple-touch-icon": true,
	"apple-touch-icon-precomposed": true, "mask-icon": true, "manifest": true,
	"preload": true, "prefetch": true, "modulepreload": true, "prerender": true,
	"preconnect": true, "dns-prefetch": true, "expect": true,
}

// jsTypes are the <script type> values that make a classic or module
// script; any other type is a data block (application/ld+json) that never
// runs and that a Content-Security-Policy does not govern.
var jsTypes = map[string]bool{
	"": true, "module": true, "text/javascript": true, "application/javascript": true,
	"application/ecmascript": true, "application/x-ecmascript": true,
	"application/x-javascript": true, "text/ecmascript": true, "text/jscript": true,
	"text/livescript": true, "text/x-ecmascript": true, "text/x-javascript": true,
	"text/javascript1.0": true, "text/javascript1.1": true, "text/javascript1.2": true,
	"text/javascript1.3": true, "text/javascript1.4": true, "text/javascript1.5": true,
}

// scan is the audit of one page.
type scan struct {
	a      *Auditor
	rel    string // output path
	url    string // URL path the page is served at
	loc    Locator
	ids    []byte // an idList (see hasID)
	h1s    int
	prevH  int // level of the previous heading, 0 before the first
	script int // offset of an inline script start tag, -1 when none is open

	// own are the links into this page that were not settled, checked
	// once all its ids are known.
	own []ownLink

	z   tokenizer
	buf []byte // a word of rel, lower-cased
}

// ownLink is a link into the page itself, at place.
type ownLink struct {
	u     *resolved
	r     Ref
	place Place
}

// Page audits one HTML output: rel is its output path ("articles/x/index.html"),
// src the HTML, loc places its elements in the sources (nil: every problem
// is reported at rel). Safe for concurrent use; src is only read. Each
// output is handed in once.
func (a *Auditor) Page(rel string, src []byte, loc Locator) {
	if loc == nil {
		loc = func(Ref) Place { return Place{} }
	}
	s, _ := a.scans.Get().(*scan)
	if s == nil {
		s = new(scan)
	}
	*s = scan{a: a, rel: rel, url: a.pageURL(rel), loc: loc, ids: s.ids[:0], script: -1, own: s.own[:0], z: s.z, buf: s.buf}
	s.z.reset(s.z.buf, src)
	defer func() {
		// Nothing read from the page outlives Page but as a copy; the
		// scan keeps its buffers for the next page.
		clear(s.own)
		*s = scan{ids: s.ids, own: s.own[:0], z: s.z.cleared(), buf: s.buf}
		a.scans.Put(s)
	}()
	for {
		tt := s.z.next()
		if s.script >= 0 {
			if tt == textToken && s.z.end > s.z.start {
				s.problem(Ref{Off: s.script, Tag: "script"}, CodeInlineScript,
					"move the script into a file under assets/ and load it with <script src>",
					"inline <script> is blocked by the site's Content-Security-Policy")
			}
			s.script = -1
		}
		if tt == errorToken {
			break
		}
		if tt == startTagToken {
			s.element()
		}
	}
	s.done()
	a.outMu.Lock()
	a.ids[rel] = string(s.ids)
	a.fileFlag(rel).Store(true)
	a.outMu.Unlock()
	// A page of many links into itself (footnotes: two per note) looks
	// its ids up in a set, not the list, which would cost links × ids.
	has := func(f string) bool { return hasID(s.ids, f) }
	if len(s.own) > 16 {
		set := map[string]bool{}
		for ids := s.ids; len(ids) > 0; {
			i := bytes.IndexByte(ids, 0)
			set[string(ids[:i])] = true
			ids = ids[i+1:]
		}
		has = func(f string) bool { return set[f] }
	}
	for _, l := range s.own {
		// What Finish would find: the page is an output; a fragment
		// (not #top) must be one of its ids.
		if f := l.u.t.frag; f != "" && !strings.EqualFold(f, "top") && !has(f) {
			a.need(rel, l.u, CodeLinkMissing, l.r, l.place)
		}
	}
}

// The attributes element reads (besides on… event handlers); any other
// attribute (class, width, aria-…) is never looked at.
const (
	atHref = iota
	atSrc
	atID
	atRel
	atAlt
	atType
	atName
	atContent
	atStyle
	atSrcset
	atHTTPEquiv
	atAction
	atData
	atPoster
	atXlinkHref
	atSrcdoc
	atFormaction
	numAttrs
)

// attrIndex returns the index of the attribute named key (lower case)
// if element reads it, else -1.
func attrIndex(key []byte) int {
	switch string(key) {
	case "href":
		return atHref
	case "src":
		return atSrc
	case "id":
		return atID
	case "rel":
		return atRel
	case "alt":
		return atAlt
	case "type":
		return atType
	case "name":
		return atName
	case "content":
		return atContent
	case "style":
		return atStyle
	case "srcset":
		return atSrcset
	case "http-equiv":
		return atHTTPEquiv
	case "action":
		return atAction
	case "data":
		return atData
	case "poster":
		return atPoster
	case "xlink:href":
		return atXlinkHref
	case "srcdoc":
		return atSrcdoc
	case "formaction":
		return atFormaction
	}
	return -1
}

// attrNames names the attributes element reads, by index.
var attrNames = [numAttrs]string{"href", "src", "id", "rel", "alt", "type", "name", "content",
	"style", "srcset", "http-equiv", "action", "data", "poster", "xlink:href", "srcdoc", "formaction"}

// knownTag returns the element name b (lower case) as a string without a
// copy if element tells it apart, else "".
func knownTag(b []byte) string {
	switch string(b) {
	case "a":
		return "a"
	case "area":
		return "area"
	case "link":
		return "link"
	case "img":
		return "img"
	case "source":
		return "source"
	case "script":
		return "script"
	case "iframe":
		return "iframe"
	case "frame":
		return "frame"
	case "embed":
		return "embed"
	case "audio":
		return "audio"
	case "track":
		return "track"
	case "video":
		return "video"
	case "object":
		return "object"
	case "input":
		return "input"
	case "image":
		return "image"
	case "use":
		return "use"
	case "feimage":
		return "feimage"
	case "form":
		return "form"
	case "base":
		return "base"
	case "meta":
		return "meta"
	case "style":
		return "style"
	case "h1":
		return "h1"
	case "h2":
		return "h2"
	case "h3":
		return "h3"
	case "h4":
		return "h4"
	case "h5":
		return "h5"
	case "h6":
		return "h6"
	}
	return ""
}

// tag is the start tag element checks.
type tag struct {
	off  int    // offset of its '<' in the page
	name string // lower case, "" for an element knownTag does not know
	raw  []byte // lower case
	// at holds, for each attribute element reads (see attrIndex), its
	// index in the tokenizer's attrs, -1 when the tag has none.
	at [numAttrs]int
}

// has reports whether the tag has attribute i.
func (t *tag) has(i int) bool { return t.at[i] >= 0 }

// tagName is the element's name, made a string for a name knownTag does
// not know.
func (t *tag) tagName() string {
	if t.name == "" {
		return string(t.raw)
	}
	return t.name
}

// value returns the value of attribute i of the tag, "" when absent, as
// the browser reads it (see tokenizer.value).
func (s *scan) value(t *tag, i int) []byte {
	if t.at[i] < 0 {
		return nil
	}
	return s.z.value(t.at[i])
}

// element checks the current start tag.
func (s *scan) element() {
	t := tag{off: s.z.start}
	t.raw = s.z.name()
	t.name = knownTag(t.raw)
	for i := range t.at {
		t.at[i] = -1
	}
	for i := range s.z.attrs {
		key := s.z.key(i)
		n := attrIndex(key)
		read := n >= 0
		if read {
			if t.at[n] < 0 {
				t.at[n] = i
			}
		} else if !(len(key) > 2 && key[0] == 'o' && key[1] == 'n') {
			continue // neither read nor an event handler
		}
		switch {
		case read && n == atID:
			if v := s.z.value(i); len(v) > 0 {
				s.ids = append(append(s.ids, v...), 0)
			}
		case read && n == atName:
			if v := s.z.value(i); len(v) > 0 && t.name == "a" {
				s.ids = append(append(s.ids, v...), 0)
			}
		case read && n == atStyle:
			tn := t.tagName()
			s.problem(Ref{Off: t.off, Tag: tn, Attr: "style", Value: string(s.z.value(i))}, CodeInlineStyle,
				"move the rule into the site's stylesheet (assets/css/) and use a class",
				"style attribute on <%s> is blocked by the site's Content-Security-Policy", tn)
		case !read:
			tn, k := t.tagName(), string(key)
			s.problem(Ref{Off: t.off, Tag: tn, Attr: k, Value: string(s.z.value(i))}, CodeInlineHandler,
				"remove it; behaviour belongs in a script file under assets/",
				"event handler %s on <%s> is blocked by the site's Content-Security-Policy", k, tn)
		}
	}
	resource := func(attrs ...int) {
		for _, at := range attrs {
			if t.has(at) {
				s.resource(Ref{Off: t.off, Tag: t.name, Attr: attrNames[at]}, s.a.resolveBytes(s.url, s.value(&t, at)))
			}
		}
	}
	srcset := func() {
		if t.has(atSrcset) {
			s.srcset(Ref{Off: t.off, Tag: t.name, Attr: "srcset", Value: string(s.value(&t, atSrcset))})
		}
	}
	switch t.name {
	case "a", "area":
		if t.has(atHref) {
			s.link(Ref{Off: t.off, Tag: t.name, Attr: "href"}, s.a.resolveBytes(s.url, s.value(&t, atHref)), s.value(&t, atRel), true)
		}
		if t.has(atXlinkHref) { // an SVG link
			s.link(Ref{Off: t.off, Tag: t.name, Attr: "xlink:href"}, s.a.resolveBytes(s.url, s.value(&t, atXlinkHref)), s.value(&t, atRel), true)
		}
	case "base":
		if t.has(atHref) {
			s.problem(Ref{Off: t.off, Tag: t.name, Attr: "href", Value: string(s.value(&t, atHref))}, CodeBase,
				"remove the <base> element; write addresses relative to the page, or starting with /",
				"<base href> changes what every relative address of the page points to")
		}
	case "link":
		if !t.has(atHref) {
			break
		}
		u := s.a.resolveBytes(s.url, s.value(&t, atHref))
		r := Ref{Off: t.off, Tag: t.name, Attr: "href"}
		if s.fetched(s.value(&t, atRel)) {
			s.resource(r, u)
		} else {
			s.link(r, u, nil, false)
		}
	case "img":
		resource(atSrc)
		srcset()
		if !t.has(atAlt) {
			src := string(s.value(&t, atSrc))
			s.problem(Ref{Off: t.off, Tag: t.name, Attr: "src", Value: src}, CodeImageAlt,
				`add alt="what the image shows", or alt="" when it is purely decorative`,
				"image %s has no alt text", src)
		}
	case "source":
		resource(atSrc)
		srcset()
	case "script":
		if t.has(atSrc) {
			resource(atSrc)
			break
		}
		if jsTypes[strings.ToLower(strings.TrimSpace(string(s.value(&t, atType))))] {
			s.script = t.off
		}
	case "iframe", "frame", "embed", "audio", "track":
		resource(atSrc)
		if t.name == "iframe" && t.has(atSrcdoc) {
			s.problem(Ref{Off: t.off, Tag: t.name, Attr: "srcdoc", Value: string(s.value(&t, atSrcdoc))}, CodeSrcdoc,
				"put the content on the page itself, or make it a page of the site and link to it",
				"<iframe srcdoc> embeds a whole document, scripts and all, that the audit does not check")
		}
	case "video":
		resource(atSrc, atPoster)
	case "object":
		resource(atData)
	case "input":
		if strings.EqualFold(string(s.value(&t, atType)), "image") {
			resource(atSrc)
		}
	case "image", "use", "feimage":
		resource(atHref, atXlinkHref)
	case "form":
		if t.has(atAction) {
			s.formAction(Ref{Off: t.off, Tag: t.name, Attr: "action"}, s.value(&t, atAction))
		}
	case "meta":
		if t.has(atHTTPEquiv) && strings.EqualFold(string(s.value(&t, atHTTPEquiv)), "refresh") {
			if u := refreshURL(string(s.value(&t, atContent))); u != "" {
				s.link(Ref{Off: t.off, Tag: t.name, Attr: "content"}, s.a.resolve(s.url, u), nil, false)
			}
		}
	case "style":
		s.problem(Ref{Off: t.off, Tag: t.name}, CodeInlineStyle,
			"move the rules into the site's stylesheet (assets/css/)",
			"<style> element is blocked by the site's Content-Security-Policy")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		level := int(t.name[1] - '0')
		if level == 1 {
			s.h1s++
			if s.h1s > 1 {
				s.problem(Ref{Off: t.off, Tag: t.name}, CodeH1,
					"make it an h2 (## in Markdown); the page title is the only h1",
					"this is the page's h1 number %d; a page has exactly one h1", s.h1s)
			}
		}
		if s.prevH > 0 && level > s.prevH+1 {
			s.warn(Ref{Off: t.off, Tag: t.name}, CodeHeadingSkip,
				"use h"+strconv.Itoa(s.prevH+1)+" here, so screen readers can follow the outline",
				"heading jumps from h%d to h%d", s.prevH, level)
		}
		s.prevH = level
	}
	if t.has(atFormaction) { // <button> and <input> override their form's action
		s.formAction(Ref{Off: t.off, Tag: t.tagName(), Attr: "formaction"}, s.value(&t, atFormaction))
	}
}

// formAction checks where a form sends its data: v, the value of r.
func (s *scan) formAction(r Ref, v []byte) {
	u := s.a.resolveBytes(s.url, v)
	r.Value = u.raw
	switch u.t.kind {
	case tExternal, tOwnAbs:
		s.problem(r, CodeExternal,
			"a static site cannot take form posts; link to the other site instead",
			"form sends its data to %s, another origin", u.raw)
	case tScript:
		s.problem(r, CodeLinkScript, "remove it; scripts in addresses are blocked by the site's Content-Security-Policy",
			"<%s %s> runs %s %q", r.Tag, r.Attr, u.t.other, u.raw)
	}
}

// fetched reports whether a <link> with this rel is requested while the
// page loads: whether one of its words, lower-cased, is a fetchRels
// value. An ASCII rel is read in place; any other as strings.Fields and
// strings.ToLower read it.
func (s *scan) fetched(rel []byte) bool {
	for _, c := range rel {
		if c >= utf8.RuneSelf {
			for _, w := range strings.Fields(strings.ToLower(string(rel))) {
				if fetchRels[w] {
					return true
				}
			}
			return false
		}
	}
	for len(rel) > 0 {
		i := 0
		for i < len(rel) && !asciiSpace(rel[i]) {
			i++
		}
		if i > 0 {
			s.buf = append(s.buf[:0], rel[:i]...)
			parse.ToLower(s.buf)
			if fetchRels[string(s.buf)] {
				return true
			}
		}
		for i < len(rel) && asciiSpace(rel[i]) {
			i++
		}
		rel = rel[i:]
	}
	return false
}

// asciiSpace reports whether c is an ASCII space for unicode.IsSpace
// (and so for strings.Fields).
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// done runs the checks of the page as a whole.
func (s *scan) done() {
	if s.h1s == 0 {
		s.problem(Ref{Off: -1, Tag: "h1"}, CodeH1, "give the layout one <h1> with the page title",
			"page has no h1; every page needs exactly one")
	}
}

func (s *scan) problem(r Ref, code, fix, format string, args ...any) {
	s.a.report(s.rel, s.place(r), diag.Error, code, fix, format, args...)
}

func (s *scan) warn(r Ref, code, fix, format string, args ...any) {
	s.a.report(s.rel, s.place(r), diag.Warning, code, fix, format, args...)
}

// place is where the Locator places r, a lazy place found.
func (s *scan) place(r Ref) Place {
	p := s.loc(r)
	if p.Lazy != nil {
		p = p.Lazy.Find(r)
	}
	return p
}

// link checks a hyperlink to u, at r; outbound ones need rel="noopener
// noreferrer" when checkRel is set.
func (s *scan) link(r Ref, u *resolved, rel []byte, checkRel bool) {
	r.Value = u.raw
	switch t := u.t; t.kind {
	case tInternal, tOwnAbs:
		if s.a.settledURL(u, CodeLinkMissing) {
			r.Settled = true
			s.loc(r)
			return
		}
		place := s.loc(r)
		if t.file == s.rel {
			// A link into this page, which is an output once audited:
			// Page checks it against the page's ids at its end.
			s.own = append(s.own, ownLink{u, r, place})
			return
		}
		s.a.need(s.rel, u, CodeLinkMissing, r, place)
	case tExternal:
		if !checkRel {
			return
		}
		toks := strings.Fields(strings.ToLower(string(rel)))
		var opener, referrer bool
		for _, tk := range toks {
			opener = opener || tk == "noopener"
			referrer = referrer || tk == "noreferrer"
		}
		if !opener || !referrer {
			s.problem(r, CodeLinkRel, `add rel="noopener noreferrer" to the link (Markdown links get it by themselves)`,
				"link to %s leaves this site without rel=\"noopener noreferrer\"", r.Value)
		}
	case tScript:
		s.problem(r, CodeLinkScript, "link to a page instead; scripts in links are blocked by the site's Content-Security-Policy",
			"%s link %q", t.other, r.Value)
	case tBad:
		s.problem(r, CodeLinkMissing, "check the address", "links to %q, which is not a valid address", r.Value)
	}
}

// resource checks u, at r, a URL the browser fetches while loading the
// page.
func (s *scan) resource(r Ref, u *resolved) {
	const fix = "store the file with the site (content/ next to the page, or assets/) and use its local path; to send readers to another site, use an ordinary link"
	r.Value = u.raw
	switch t := u.t; t.kind {
	case tInternal:
		if s.a.settledURL(u, CodeFileMissing) {
			r.Settled = true
			s.loc(r)
			return
		}
		s.a.need(s.rel, u, CodeFileMissing, r, s.loc(r))
	case tOwnAbs:
		s.problem(r, CodeExternal, "use the root-relative address (starting with /), so the page loads it from whichever host serves it",
			"%s loads %s by the site's absolute address", what(r), r.Value)
	case tExternal:
		s.problem(r, CodeExternal, fix, "%s loads %s from another origin (%s)", what(r), r.Value, t.other)
	case tInline, tScript, tScheme:
		s.problem(r, CodeExternal, "save it as a file in assets/ and use its path",
			"%s uses a %s URL, which the site's Content-Security-Policy blocks", what(r), schemeOf(r.Value))
	case tBad:
		s.problem(r, CodeFileMissing, "check the address", "%s %q is not a valid address", what(r), r.Value)
	}
}

// srcset checks each image candidate of a srcset attribute.
func (s *scan) srcset(r Ref) {
	for _, u := range srcsetURLs(r.Value) {
		s.resource(Ref{Off: r.Off, Tag: r.Tag, Attr: "srcset"}, s.a.resolve(s.url, u))
	}
}

// srcsetURLs returns the URLs of a srcset attribute, following the HTML
// parsing rules: a URL runs to the next whitespace, a trailing comma ends
// it, and descriptors run to the next comma outside parentheses.
func srcsetURLs(v string) []string {
	var out []string
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	i := 0
	for i < len(v) {
		for i < len(v) && (isSpace(v[i]) || v[i] == ',') {
			i++
		}
		start := i
		for i < len(v) && !isSpace(v[i]) {
			i++
		}
		u := v[start:i]
		if u == "" {
			break
		}
		if strings.HasSuffix(u, ",") {
			out = append(out, strings.TrimRight(u, ","))
			continue
		}
		out = append(out, u)
		depth := 0
		for i < len(v) {
			c := v[i]
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				break
			}
			i++
		}
	}
	return out
}

// refreshURL returns the URL of a meta refresh content value ("0; url=/x/").
func refreshURL(c string) string {
	_, rest, ok := strings.Cut(c, ";")
	if !ok {
		_, rest, ok = strings.Cut(c, ",")
		if !ok {
			return ""
		}
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= 4 && strings.EqualFold(rest[:3], "url") {
		r := strings.TrimSpace(rest[3:])
		if strings.HasPrefix(r, "=") {
			rest = strings.TrimSpace(r[1:])
		}
	}
	return strings.Trim(rest, `"'`)
}

// what names the element and attribute of r for a message: "<img src>",
// or "url()" and "@import" in a stylesheet.
func what(r Ref) string {
	if r.Tag == "css" {
		return r.Attr
	}
	return "<" + r.Tag + " " + r.Attr + ">"
}

func schemeOf(v string) string {
	if i := strings.IndexByte(v, ':'); i > 0 {
		return strings.ToLower(strings.TrimSpace(v[:i])) + ":"
	}
	return v
}
