package audit

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"

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

type attr struct{ key, val string }

// scan is the audit of one page.
type scan struct {
	a      *Auditor
	rel    string // output path
	url    string // URL path the page is served at
	loc    Locator
	ids    map[string]bool
	h1s    int
	prevH  int // level of the previous heading, 0 before the first
	script int // offset of an inline script start tag, -1 when none is open
}

// Page audits one HTML output: rel is its output path ("articles/x/index.html"),
// src the HTML, loc places its elements in the sources (nil: every problem
// is reported at rel). Safe for concurrent use.
func (a *Auditor) Page(rel string, src []byte, loc Locator) {
	if loc == nil {
		loc = func(Ref) Place { return Place{} }
	}
	s := &scan{a: a, rel: rel, url: a.pageURL(rel), loc: loc, ids: map[string]bool{}, script: -1}
	z := html.NewTokenizer(bytes.NewReader(src))
	off := 0
	var attrs []attr
	for {
		tt := z.Next()
		start := off
		off += len(z.Raw())
		if s.script >= 0 {
			if tt == html.TextToken && len(z.Raw()) > 0 {
				s.problem(Ref{Off: s.script, Tag: "script"}, CodeInlineScript,
					"move the script into a file under assets/ and load it with <script src>",
					"inline <script> is blocked by the site's Content-Security-Policy")
			}
			s.script = -1
		}
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		attrs = attrs[:0]
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			if key := attrKey(k); key != "" {
				attrs = append(attrs, attr{key, string(v)})
			}
		}
		s.element(start, tagName(name), attrs)
	}
	s.done()
	a.mu.Lock()
	a.files[rel] = true
	a.ids[rel] = s.ids
	a.mu.Unlock()
}

// readAttrs are the attributes element reads (besides on… handlers),
// each mapped to itself so a lookup by the tokenizer's bytes yields the
// name without a copy. Any other attribute (class, width, aria-…) is
// never read and not kept.
var readAttrs = names("href", "src", "id", "rel", "alt", "type", "name", "content", "style",
	"srcset", "http-equiv", "action", "data", "poster", "xlink:href")

// commonTags are element names a page has by the thousand, kept without
// a copy.
var commonTags = names("a", "p", "li", "ul", "ol", "div", "span", "section", "nav", "link",
	"meta", "img", "time", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "br",
	"header", "footer", "main", "article", "aside", "address", "script", "table", "tr",
	"td", "th", "code", "pre", "blockquote", "figure", "figcaption", "html", "head",
	"body", "title", "button", "svg", "path", "sup", "sub", "hr", "caption", "thead", "tbody")

func names(ns ...string) map[string]string {
	m := make(map[string]string, len(ns))
	for _, n := range ns {
		m[n] = n
	}
	return m
}

// attrKey returns the name of an attribute element reads, "" for one it
// never does.
func attrKey(k []byte) string {
	if n, ok := readAttrs[string(k)]; ok {
		return n
	}
	if len(k) > 2 && k[0] == 'o' && k[1] == 'n' {
		return string(k) // an event handler
	}
	return ""
}

// tagName returns the element name b.
func tagName(b []byte) string {
	if n, ok := commonTags[string(b)]; ok {
		return n
	}
	return string(b)
}

func get(attrs []attr, key string) (string, bool) {
	for _, a := range attrs {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

// element checks one start tag at offset off.
func (s *scan) element(off int, tag string, attrs []attr) {
	for _, at := range attrs {
		switch {
		case at.key == "id" && at.val != "":
			s.ids[at.val] = true
		case at.key == "name" && tag == "a" && at.val != "":
			s.ids[at.val] = true
		case at.key == "style":
			s.problem(Ref{Off: off, Tag: tag, Attr: "style", Value: at.val}, CodeInlineStyle,
				"move the rule into the site's stylesheet (assets/css/) and use a class",
				"style attribute on <%s> is blocked by the site's Content-Security-Policy", tag)
		case len(at.key) > 2 && strings.HasPrefix(at.key, "on"):
			s.problem(Ref{Off: off, Tag: tag, Attr: at.key, Value: at.val}, CodeInlineHandler,
				"remove it; behaviour belongs in a script file under assets/",
				"event handler %s on <%s> is blocked by the site's Content-Security-Policy", at.key, tag)
		}
	}
	ref := func(attr string) (Ref, bool) {
		v, ok := get(attrs, attr)
		return Ref{Off: off, Tag: tag, Attr: attr, Value: v}, ok
	}
	resource := func(attrs ...string) {
		for _, at := range attrs {
			if r, ok := ref(at); ok {
				s.resource(r)
			}
		}
	}
	switch tag {
	case "a", "area":
		if r, ok := ref("href"); ok {
			rel, _ := get(attrs, "rel")
			s.link(r, rel, true)
		}
	case "link":
		r, ok := ref("href")
		if !ok {
			break
		}
		rel, _ := get(attrs, "rel")
		fetched := false
		for _, t := range strings.Fields(strings.ToLower(rel)) {
			fetched = fetched || fetchRels[t]
		}
		if fetched {
			s.resource(r)
		} else {
			s.link(r, "", false)
		}
	case "img":
		resource("src")
		if r, ok := ref("srcset"); ok {
			s.srcset(r)
		}
		if _, ok := get(attrs, "alt"); !ok {
			src, _ := get(attrs, "src")
			s.problem(Ref{Off: off, Tag: tag, Attr: "src", Value: src}, CodeImageAlt,
				`add alt="what the image shows", or alt="" when it is purely decorative`,
				"image %s has no alt text", src)
		}
	case "source":
		resource("src")
		if r, ok := ref("srcset"); ok {
			s.srcset(r)
		}
	case "script":
		if _, ok := get(attrs, "src"); ok {
			resource("src")
			break
		}
		typ, _ := get(attrs, "type")
		if jsTypes[strings.ToLower(strings.TrimSpace(typ))] {
			s.script = off
		}
	case "iframe", "frame", "embed", "audio", "track":
		resource("src")
	case "video":
		resource("src", "poster")
	case "object":
		resource("data")
	case "input":
		if t, _ := get(attrs, "type"); strings.EqualFold(t, "image") {
			resource("src")
		}
	case "image", "use", "feimage":
		resource("href", "xlink:href")
	case "form":
		if r, ok := ref("action"); ok {
			switch t := s.a.resolve(s.url, r.Value); t.kind {
			case tExternal, tOwnAbs:
				s.problem(r, CodeExternal, "a static site cannot take form posts; link to the other site instead",
					"form sends its data to %s, another origin", r.Value)
			}
		}
	case "meta":
		if h, _ := get(attrs, "http-equiv"); strings.EqualFold(h, "refresh") {
			c, _ := get(attrs, "content")
			if u := refreshURL(c); u != "" {
				s.link(Ref{Off: off, Tag: tag, Attr: "content", Value: u}, "", false)
			}
		}
	case "style":
		s.problem(Ref{Off: off, Tag: tag}, CodeInlineStyle,
			"move the rules into the site's stylesheet (assets/css/)",
			"<style> element is blocked by the site's Content-Security-Policy")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		level := int(tag[1] - '0')
		if level == 1 {
			s.h1s++
			if s.h1s > 1 {
				s.problem(Ref{Off: off, Tag: tag}, CodeH1,
					"make it an h2 (## in Markdown); the page title is the only h1",
					"this is the page's h1 number %d; a page has exactly one h1", s.h1s)
			}
		}
		if s.prevH > 0 && level > s.prevH+1 {
			s.warn(Ref{Off: off, Tag: tag}, CodeHeadingSkip,
				"use h"+strconv.Itoa(s.prevH+1)+" here, so screen readers can follow the outline",
				"heading jumps from h%d to h%d", s.prevH, level)
		}
		s.prevH = level
	}
}

// done runs the checks of the page as a whole.
func (s *scan) done() {
	if s.h1s == 0 {
		s.problem(Ref{Off: -1, Tag: "h1"}, CodeH1, "give the layout one <h1> with the page title",
			"page has no h1; every page needs exactly one")
	}
}

func (s *scan) problem(r Ref, code, fix, format string, args ...any) {
	s.a.report(s.rel, s.loc(r), diag.Error, code, fix, format, args...)
}

func (s *scan) warn(r Ref, code, fix, format string, args ...any) {
	s.a.report(s.rel, s.loc(r), diag.Warning, code, fix, format, args...)
}

// link checks a hyperlink; outbound ones need rel="noopener noreferrer"
// when checkRel is set.
func (s *scan) link(r Ref, rel string, checkRel bool) {
	switch t := s.a.resolve(s.url, r.Value); t.kind {
	case tInternal, tOwnAbs:
		if s.a.settled(t, CodeLinkMissing) {
			r.Settled = true
			s.loc(r)
			return
		}
		s.a.need(s.rel, t, CodeLinkMissing, r.Value, s.loc(r))
	case tExternal:
		if !checkRel {
			return
		}
		toks := strings.Fields(strings.ToLower(rel))
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
			"javascript: link %q", r.Value)
	case tBad:
		s.problem(r, CodeLinkMissing, "check the address", "links to %q, which is not a valid address", r.Value)
	}
}

// resource checks a URL the browser fetches while loading the page.
func (s *scan) resource(r Ref) {
	const fix = "store the file with the site (content/ next to the page, or assets/) and use its local path; to send readers to another site, use an ordinary link"
	switch t := s.a.resolve(s.url, r.Value); t.kind {
	case tInternal:
		t.frag = ""
		if s.a.settled(t, CodeFileMissing) {
			r.Settled = true
			s.loc(r)
			return
		}
		s.a.need(s.rel, t, CodeFileMissing, r.Value, s.loc(r))
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
		s.resource(Ref{Off: r.Off, Tag: r.Tag, Attr: "srcset", Value: u})
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
