// Package audit checks a rendered site the way a reader's browser and a
// strict host will meet it. It reads HTML and CSS as the build emits them
// and reports, as diag.Diagnostics:
//
//   - a resource loaded from another origin: src and srcset of img, source,
//     script, iframe, frame, embed, video, audio, track and input; poster;
//     object data; form action; <link href> for the rels a browser fetches
//     (stylesheet, icon, preload, manifest, preconnect…); href of SVG
//     image and use; CSS url() and @import. Other sites' addresses, absolute
//     addresses of this site, protocol-relative // addresses and data:,
//     blob: or file: URLs are all errors: the page must load everything from
//     whichever host serves it, under a Content-Security-Policy of 'self'.
//   - an outbound link (<a>, <area>) to another site without
//     rel="noopener noreferrer"; javascript: links.
//   - an internal link, <link rel=canonical|alternate|prev|next…> or meta
//     refresh target that is not an output of the build, and a #fragment
//     that is not an id (or <a name>) of the target page. "#top" and a
//     bare "#" are allowed, as browsers treat them.
//   - an image or other local resource that is not an output of the build;
//     an <img> without an alt attribute (alt="" is a decorative image).
//   - a page without exactly one <h1>.
//   - what the site's Content-Security-Policy would block: inline
//     <script> (data blocks such as application/ld+json are fine), on…=
//     event handler attributes, style attributes and <style> elements.
//   - a heading that skips a level (h2 then h4) as a Warning.
//
// # Contract
//
// An Auditor audits one build. Page, Stylesheet and File may be called from
// any number of goroutines, in any order; Finish is called once, after every
// output was handed in, and returns the diagnostics sorted. Only checks
// that need every output (links, anchors, missing files) wait for Finish.
//
// The auditor knows HTML, not the site's sources. Each Page call comes with
// a Locator that says where in the sources an element came from; the
// diagnostic is reported there. A problem in a shared source (a layout,
// config.yaml) is reported once, naming the first page (by output path)
// and how many more have it, whatever the order pages came in.
//
// Nothing here panics on bad input; malformed HTML is read the way
// browsers tokenize it, with github.com/tdewolff/parse/v2/html's Lexer
// (lexer.go), which reads it as golang.org/x/net/html's Tokenizer does
// but for the malformed cases lexer_test.go lists.
package audit

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"clinicgen/generator/internal/diag"
)

// Diagnostic codes, for tests and machines.
const (
	CodeExternal      = "external-resource"
	CodeLinkRel       = "link-rel"
	CodeLinkScript    = "link-javascript"
	CodeLinkMissing   = "link-missing"
	CodeAnchorMissing = "anchor-missing"
	CodeFileMissing   = "file-missing"
	CodeImageAlt      = "image-alt"
	CodeH1            = "h1-count"
	CodeHeadingSkip   = "heading-skip"
	CodeInlineScript  = "csp-inline-script"
	CodeInlineStyle   = "csp-inline-style"
	CodeInlineHandler = "csp-inline-handler"
)

// Options configure an Auditor.
type Options struct {
	// Base is the site's base URL ("https://clinic.example/" or with a
	// path). Links to absolute URLs under it are internal links; resources
	// loaded by such URLs are still errors. Outputs are served under its
	// path.
	Base string
}

// Place is where in the sources something comes from.
type Place struct {
	// Path is the site-relative source file, e.g. "content/articles/x.md"
	// or "layouts/partials/footer.html"; "" when unknown.
	Path string
	// Line and Col are 1-based; 0 is unknown.
	Line, Col int
	// Source is the quoted source line.
	Source string
	// Shared is set when the file serves many pages (a layout,
	// config.yaml): its problems are reported once with the pages named.
	Shared bool
	// Lazy, when set (and every other field zero), stands for a place in
	// a shared file that is costly to find and rarely needed: the
	// auditor asks Lazy.Find for it when it reports a problem there, and
	// in Finish for a reference still missing, not for every element.
	Lazy *Lazy
}

// Lazy finds the places a Locator leaves to be found (see Place.Lazy).
// References of one page to the same thing with the same Lazy are one
// reference to it.
type Lazy struct {
	// Find returns the place of an element: a Shared one, which depends
	// on the Ref's Tag, Attr and Value and on whether Off is negative,
	// nothing else. It may be called from Finish, after the page.
	Find func(Ref) Place
}

// Ref is an element of a page that a Locator places.
type Ref struct {
	// Off is the byte offset of the element's start tag in the page; -1
	// when the problem is the page as a whole (no h1 at all).
	Off int
	// Tag is the element name, lower case ("img"); Attr the attribute at
	// fault ("src"), "" for the element itself; Value its value as the
	// browser reads it (entities decoded).
	Tag, Attr, Value string
	// Settled is set when the element passed every check that needs its
	// place: the Locator is called for it only so that it sees every
	// element in order (to count occurrences), and may return the zero
	// Place without looking for one.
	Settled bool
}

// Locator places an element of one page in the sources. The auditor calls
// it in document order, for every link it must resolve (with Ref.Settled
// when the link is already known to be good) and for every problem it
// finds; it is not called concurrently for one page. A place it would
// rather not look for yet it may leave to a Lazy (see Place.Lazy).
type Locator func(Ref) Place

// Auditor collects one build's outputs. Create it with New.
type Auditor struct {
	host     string    // base URL host, lower case ("" when Base is not absolute)
	own      [2]string // "https://" and "http://" with host
	basePath string    // base URL path with a final slash ("/" at the root)

	resolvedMu sync.RWMutex
	resolved   map[string]*resolved // raw URL → its meaning, for URLs whose meaning no page changes (see resolve)

	outMu sync.RWMutex
	files map[string]*atomic.Bool // every output (set) and every kept URL's target, slash path
	ids   map[string]string       // HTML output → its ids and <a name>s (see idList)

	mu      sync.Mutex
	pending map[pendingKey]*pending // references checked by Finish
	found   map[foundKey]*found     // problems found so far

	// scans holds the *scan of pages audited, with the buffers they
	// grew (the copy of a page the tokenizer reads, its ids), so that a
	// build allocates a few.
	scans sync.Pool
}

// New returns an Auditor for one build.
func New(o Options) *Auditor {
	a := &Auditor{
		basePath: "/",
		files:    map[string]*atomic.Bool{},
		ids:      map[string]string{},
		pending:  map[pendingKey]*pending{},
		found:    map[foundKey]*found{},
		resolved: map[string]*resolved{},
	}
	if u, err := url.Parse(o.Base); err == nil {
		a.host = strings.ToLower(u.Host)
		a.own = [2]string{"https://" + a.host, "http://" + a.host}
		if p := u.Path; p != "" {
			a.basePath = strings.TrimSuffix(p, "/") + "/"
		}
	}
	return a
}

// File records an output that is neither a page nor a stylesheet to audit
// (a feed, an image, a copied file), so links to it resolve.
func (a *Auditor) File(rel string) {
	a.outMu.Lock()
	a.fileFlag(rel).Store(true)
	a.outMu.Unlock()
}

// fileFlag returns the flag that is set once rel is an output, made if
// need be. The caller holds outMu for writing.
func (a *Auditor) fileFlag(rel string) *atomic.Bool {
	f := a.files[rel]
	if f == nil {
		f = new(atomic.Bool)
		a.files[rel] = f
	}
	return f
}

// isFile reports whether rel is an output. The caller holds outMu.
func (a *Auditor) isFile(rel string) bool {
	f := a.files[rel]
	return f != nil && f.Load()
}

// pendingKey identifies a reference that Finish resolves. References with
// the same target from the same place are checked once.
type pendingKey struct {
	file, frag string // the output the reference needs, and its #fragment ("" for none)
	alts       string // another output that also satisfies it ("" for none)
	code       string // CodeLinkMissing or CodeFileMissing
	shown      string // the reference as written in the page
	place      Place
	tag, attr  string // the element, for Lazy.Find ("" when place is not lazy)
}

type pending struct {
	page  string // the first page, in path order, that has it: pages come in any order
	count int
}

// foundKey identifies a problem; the same problem in a shared source on
// many pages is one diagnostic.
type foundKey struct {
	sev   diag.Severity
	code  string
	msg   string
	fix   string
	place Place
}

type found struct {
	page  string // the first page, in path order, that has it
	count int
}

// report records a problem of page at place.
func (a *Auditor) report(page string, place Place, sev diag.Severity, code, fix, format string, args ...any) {
	k := foundKey{sev: sev, code: code, msg: fmt.Sprintf(format, args...), fix: fix, place: place}
	a.mu.Lock()
	defer a.mu.Unlock()
	f := a.found[k]
	if f == nil {
		f = &found{page: page}
		a.found[k] = f
	}
	f.page = min(f.page, page)
	f.count++
}

// pageURL is the URL path an output is served at.
func (a *Auditor) pageURL(rel string) string {
	switch {
	case rel == "index.html":
		return a.basePath
	case strings.HasSuffix(rel, "/index.html"):
		return a.basePath + strings.TrimSuffix(rel, "index.html")
	}
	return a.basePath + rel
}

// target is what a URL in a page refers to.
type target struct {
	kind  int    // one of the kinds below
	file  string // internal: the output path it needs
	alt   string // internal: another output that also serves it ("x/index.html" for "x")
	frag  string // internal: the decoded fragment
	other string // for messages: the origin or scheme
}

const (
	tEmpty    = iota // "" or a bare "#": nothing to check
	tInternal        // a file of this site
	tOwnAbs          // a file of this site by its absolute URL
	tExternal        // another origin (http, https or //)
	tScheme          // mailto:, tel:, sms: and other non-fetching schemes
	tScript          // javascript:
	tInline          // data:, blob:, file: — content that is not a site file
	tBad             // not a URL
)

// resolved is a URL of a page and what it refers to.
type resolved struct {
	raw string // as the browser reads it (entities decoded)
	t   target
	// linkOK and fileOK are set once a link to t, or a resource at t, is
	// settled (see settled): an answer that never turns false, kept for
	// every page that has the same URL.
	linkOK, fileOK atomic.Bool
	// need are the entries need last recorded references to t in;
	// guarded by Auditor.mu.
	need []needMemo
	// file and alt are the flags of t.file and t.alt (see fileFlag), for
	// a kept URL to a file of this site; nil otherwise.
	file, alt *atomic.Bool
}

// resolve classifies raw as found on the page served at pageURL. A URL
// that means the same on every page (see samePerPage) is resolved once
// and kept with its answers, as most links of a page are the menu's, the
// footer's and other pages' addresses; the others are resolved afresh.
func (a *Auditor) resolve(pageURL, raw string) *resolved {
	if !samePerPage(raw) {
		return &resolved{raw: raw, t: a.resolveURL(pageURL, raw)}
	}
	a.resolvedMu.RLock()
	u := a.resolved[raw]
	a.resolvedMu.RUnlock()
	if u == nil {
		u = a.keep(pageURL, raw)
	}
	return u
}

// resolveBytes is resolve for an attribute value read in place: it makes
// a string of raw only for a URL not met before.
func (a *Auditor) resolveBytes(pageURL string, raw []byte) *resolved {
	if !samePerPage(raw) {
		s := string(raw)
		return &resolved{raw: s, t: a.resolveURL(pageURL, s)}
	}
	a.resolvedMu.RLock()
	u := a.resolved[string(raw)]
	a.resolvedMu.RUnlock()
	if u == nil {
		u = a.keep(pageURL, string(raw))
	}
	return u
}

// keep resolves raw, which means the same on every page, and keeps it.
func (a *Auditor) keep(pageURL, raw string) *resolved {
	u := &resolved{raw: raw, t: a.resolveURL(pageURL, raw)}
	if k := u.t.kind; k == tInternal || k == tOwnAbs {
		a.outMu.Lock()
		u.file = a.fileFlag(u.t.file)
		if u.t.alt != "" {
			u.alt = a.fileFlag(u.t.alt)
		}
		a.outMu.Unlock()
	}
	a.resolvedMu.Lock()
	defer a.resolvedMu.Unlock()
	if v := a.resolved[raw]; v != nil {
		return v // another page was first
	}
	a.resolved[raw] = u
	return u
}

// samePerPage reports whether raw means the same on every page, which
// resolveURL then works out without the page's URL: a root-relative or
// protocol-relative URL, or one that starts with a scheme (a letter,
// then letters, digits, +, - or ., then ':'), which url.Parse either
// rejects or reads as absolute.
func samePerPage[T string | []byte](raw T) bool {
	if len(raw) == 0 {
		return false
	}
	if raw[0] == '/' {
		return true
	}
	if !('a' <= raw[0] && raw[0] <= 'z' || 'A' <= raw[0] && raw[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == ':':
			return true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '+', c == '-', c == '.':
		default:
			return false
		}
	}
	return false
}

func (a *Auditor) resolveURL(pageURL, raw string) target {
	raw = strings.Trim(raw, " \t\n\f\r")
	// The commonest URLs, taken as url.Parse and ResolveReference (in
	// parseURL) would take them: a plain path, the same at this site's
	// address, and a plain #fragment of a page with a plain path.
	switch {
	case plainPath(raw):
		return a.inSite(target{kind: tInternal}, raw)
	case a.host != "":
		for _, own := range a.own {
			if p, ok := strings.CutPrefix(raw, own); ok && plainPath(p) {
				return a.inSite(target{kind: tOwnAbs}, p)
			}
		}
	}
	if len(raw) > 1 && raw[0] == '#' && plainFragment(raw[1:]) && plainPath(pageURL) {
		return a.inSite(target{kind: tInternal, frag: raw[1:]}, pageURL)
	}
	return a.parseURL(pageURL, raw)
}

// plainFragment reports whether f is made of letters, digits, '-', '_'
// and '.', which url.Parse takes as they are.
func plainFragment(f string) bool {
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return f != ""
}

// plainPath reports whether raw is a root-relative path that url.Parse
// reads as its Path alone and ResolveReference leaves as it is: "/",
// then segments of letters, digits, '-', '_', '.' and '~' (none "." or
// ".."), each but the last ended by one '/'. Most links of a site are.
func plainPath(raw string) bool {
	if raw == "" || raw[0] != '/' {
		return false
	}
	seg := 1 // start of the segment
	for i := 1; i <= len(raw); i++ {
		if i < len(raw) && raw[i] != '/' {
			switch c := raw[i]; {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
				continue
			}
			return false
		}
		switch raw[seg:i] {
		case "":
			if i < len(raw) {
				return false // "//"
			}
		case ".", "..":
			return false
		}
		seg = i + 1
	}
	return true
}

// parseURL is resolveURL for any URL (raw trimmed).
func (a *Auditor) parseURL(pageURL, raw string) target {
	if raw == "" || raw == "#" {
		return target{kind: tEmpty}
	}
	u, err := url.Parse(raw)
	if err != nil {
		if strings.HasPrefix(strings.ToLower(raw), "javascript:") {
			return target{kind: tScript}
		}
		return target{kind: tBad}
	}
	own := false
	switch sc := strings.ToLower(u.Scheme); sc {
	case "":
		if u.Host != "" {
			if a.host == "" || strings.ToLower(u.Host) != a.host {
				return target{kind: tExternal, other: "//" + u.Host}
			}
			own = true
		}
	case "http", "https":
		if a.host == "" || strings.ToLower(u.Host) != a.host {
			return target{kind: tExternal, other: sc + "://" + u.Host}
		}
		own = true
	case "javascript":
		return target{kind: tScript}
	case "data", "blob", "file", "filesystem":
		return target{kind: tInline, other: sc + ":"}
	default:
		return target{kind: tScheme, other: sc + ":"}
	}
	full := (&url.URL{Path: pageURL}).ResolveReference(u)
	t := target{kind: tInternal, frag: u.Fragment}
	if own {
		t.kind = tOwnAbs
	}
	return a.inSite(t, full.Path)
}

// inSite completes t, a reference to the URL path p of this site's host,
// with the output that serves p.
func (a *Auditor) inSite(t target, p string) target {
	if p+"/" == a.basePath {
		p = a.basePath
	}
	if !strings.HasPrefix(p, a.basePath) {
		t.file = "\x00outside the site's base path"
		return t
	}
	rel := strings.TrimPrefix(p, a.basePath)
	clean := path.Clean("/" + rel)
	switch {
	case clean == "/":
		t.file = "index.html"
	case rel == "" || strings.HasSuffix(rel, "/"):
		t.file = clean[1:] + "/index.html"
	default:
		t.file = clean[1:]
		t.alt = clean[1:] + "/index.html"
	}
	return t
}

// pendingFor is the key under which a need of t is recorded.
func pendingFor(t target, code, shown string, place Place) pendingKey {
	k := pendingKey{file: t.file, alts: t.alt, code: code, shown: shown, place: place}
	if code == CodeLinkMissing && !strings.EqualFold(t.frag, "top") {
		k.frag = t.frag
	}
	return k
}

// settledURL is settled for the target of u (without its fragment for
// CodeFileMissing), asking the outputs only until the answer is yes. A
// kept URL that needs no id asks its files' flags, without a look-up.
func (a *Auditor) settledURL(u *resolved, code string) bool {
	ok, t := &u.linkOK, u.t
	if code == CodeFileMissing {
		ok, t.frag = &u.fileOK, ""
	}
	if ok.Load() {
		return true
	}
	var yes bool
	if u.file != nil && pendingFor(t, code, "", Place{}).frag == "" {
		yes = u.file.Load() || u.alt != nil && u.alt.Load() // as satisfied
	} else {
		yes = a.settled(t, code)
	}
	if yes {
		ok.Store(true)
	}
	return yes
}

// settled reports whether a need of t (see need) is already met by the
// outputs handed in, so the page need not record it.
func (a *Auditor) settled(t target, code string) bool {
	k := pendingFor(t, code, "", Place{})
	a.outMu.RLock()
	defer a.outMu.RUnlock()
	return a.satisfied(k)
}

// need records that the page needs the target of u to exist (and its
// fragment to be an id; no fragment for CodeFileMissing), for Finish; r
// is the element, placed at place.
func (a *Auditor) need(page string, u *resolved, code string, r Ref, place Place) {
	t := u.t
	if code == CodeFileMissing {
		t.frag = ""
	}
	k := pendingFor(t, code, u.raw, place)
	switch {
	case place.Lazy != nil:
		k.tag, k.attr = r.Tag, r.Attr // a shared place, found in Finish
	case !place.Shared:
		k.shown += "\x00" + page // one entry per page: the message names no page
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	// A link of a layout to an output still to come is on every page,
	// with the same key or two (<link href> and <a href> to a feed): u
	// keeps their entries at hand.
	var pd *pending
	for _, m := range u.need {
		if m.key == k {
			pd = m.pd
			break
		}
	}
	if pd == nil {
		pd = a.pending[k]
		if pd == nil {
			pd = &pending{page: page}
			a.pending[k] = pd
		}
		if len(u.need) == maxNeedMemos {
			u.need = u.need[1:]
		}
		u.need = append(u.need, needMemo{k, pd})
	}
	pd.page = min(pd.page, page)
	pd.count++
}

// needMemo is a pending entry a URL's need went to.
type needMemo struct {
	key pendingKey
	pd  *pending
}

// maxNeedMemos bounds resolved.need, which keeps the latest.
const maxNeedMemos = 4

// placed returns the pending references with every lazy place found:
// those still missing (the others have nothing to report) take the place
// Lazy.Find gives, and merge with any other reference to the same thing
// from that place. The caller holds a.mu and a.outMu.
func (a *Auditor) placed() map[pendingKey]*pending {
	out := make(map[pendingKey]*pending, len(a.pending))
	for k, pd := range a.pending {
		if k.place.Lazy != nil {
			if a.satisfied(k) {
				continue
			}
			k.place = k.place.Lazy.Find(Ref{Tag: k.tag, Attr: k.attr, Value: k.shown})
			k.tag, k.attr = "", ""
		}
		if q := out[k]; q != nil {
			q.page = min(q.page, pd.page)
			q.count += pd.count
		} else {
			out[k] = &pending{page: pd.page, count: pd.count}
		}
	}
	return out
}

// satisfied reports whether the output (and the id) k needs was already
// handed in, so that Finish would find nothing wrong with k whatever comes
// after: outputs and ids are never taken back. The caller holds a.outMu.
func (a *Auditor) satisfied(k pendingKey) bool {
	if a.isFile(k.file) {
		if k.frag == "" {
			return true
		}
		ids, html := a.ids[k.file]
		return html && hasID(ids, k.frag)
	}
	// Finish prefers k.file, which may still come: only a need without a
	// fragment is settled by the other output.
	return k.frag == "" && k.alts != "" && a.isFile(k.alts)
}

// Finish resolves every link and returns all diagnostics, sorted.
func (a *Auditor) Finish() diag.List {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.outMu.RLock()
	defer a.outMu.RUnlock()
	for k, pd := range a.placed() {
		shown, _, _ := strings.Cut(k.shown, "\x00")
		file := k.file
		ok := a.isFile(file)
		if !ok && k.alts != "" && a.isFile(k.alts) {
			file, ok = k.alts, true
		}
		page := a.pageURL(pd.page)
		add := func(code, fix, format string, args ...any) {
			fk := foundKey{sev: diag.Error, code: code, msg: fmt.Sprintf(format, args...), fix: fix, place: k.place}
			f := a.found[fk]
			if f == nil {
				f = &found{page: pd.page}
				a.found[fk] = f
			}
			f.page = min(f.page, pd.page)
			f.count += pd.count
		}
		switch {
		case !ok && k.code == CodeFileMissing:
			add(CodeFileMissing, "check the file name; images and other files go in content/ next to the page or in assets/",
				"loads %s, which is not a file of this site", shown)
		case !ok:
			add(CodeLinkMissing, "check the address; to link to another page, link to its .md file and the build writes its URL",
				"links to %s, which is not a page of this site", shown)
		case k.frag != "":
			ids, html := a.ids[file]
			if !html || hasID(ids, k.frag) {
				continue
			}
			where := "that page"
			if a.pageURL(file) == page {
				where = "this page"
			}
			add(CodeAnchorMissing, "use the id of a heading on that page (see its address bar after clicking the heading's link), or remove the #part",
				"links to %s, but %s has no element with id %q", shown, where, k.frag)
		}
	}
	var ds diag.List
	for k, f := range a.found {
		msg := k.msg
		if k.place.Shared || k.place.Path == "" {
			msg += " (on " + a.pageURL(f.page)
			if f.count > 1 {
				msg += fmt.Sprintf(" and %d more %s", f.count-1, plural(f.count-1, "page"))
			}
			msg += ")"
		}
		p := k.place
		if p.Path == "" {
			p.Path = f.page
		}
		ds = append(ds, diag.Diagnostic{Severity: k.sev, Path: p.Path, Line: p.Line, Col: p.Col,
			Source: p.Source, Msg: msg, Fix: k.fix, Code: k.code})
	}
	// Map order must not leak into the output: order fully, errors first
	// where two messages share a place.
	ds.Sort()
	return ds
}

// An idList holds the ids of a page (and the names of its <a name>s),
// each followed by a NUL, which no id holds (a NUL in an attribute value
// reads as U+FFFD): one string per page, not a map of strings, as the
// audit keeps them for every page of the build and looks few up.
//
// hasID reports whether the idList ids holds id.
func hasID[T string | []byte](ids T, id string) bool {
	for len(ids) > 0 {
		i := 0
		for ids[i] != 0 {
			i++
		}
		if string(ids[:i]) == id {
			return true
		}
		ids = ids[i+1:]
	}
	return false
}

func plural(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}
