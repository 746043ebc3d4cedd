// Package headers decides the HTTP response headers a host must send with
// the built site and writes them in the two forms hosts read:
//
//	_headers     Netlify and Cloudflare Pages
//	_nginx.conf  an include for an nginx server { } block
//
// Both are made from the same Go values (Security, CacheImmutable,
// CacheShort) and the same list of outputs, so they cannot drift apart.
//
// # Policy
//
// Every response gets the Security headers: a Content-Security-Policy that
// allows nothing from other origins and no inline script or style (the
// audit package makes the build fail on any page that would need more),
// Referrer-Policy: no-referrer, X-Content-Type-Options: nosniff,
// X-Frame-Options: DENY with frame-ancestors 'none', a Permissions-Policy
// that turns off the powerful features and the advertising-interest APIs,
// and Cross-Origin-Opener-Policy: same-origin.
//
// Fingerprinted files (their name carries a hash of their content, so a
// changed file has a new name) get CacheImmutable; everything else (HTML,
// feeds, plain images) gets CacheShort.
//
// # _headers
//
// Netlify and Cloudflare Pages apply every rule whose pattern matches a
// request, and Cloudflare joins the values of a header set by two rules
// with a comma ("max-age=300, max-age=31536000" would be a broken
// Cache-Control). So the security headers live in one rule for "/*", and
// Cache-Control is set by rules that never overlap: a "/dir/*" rule for a
// folder whose files all share one policy, exact paths otherwise. When
// that would exceed MaxRules (Cloudflare's limit is 100), the CacheShort
// rules are left out and the host's default (max-age=0, must-revalidate on
// both) applies to those files.
//
// # _nginx.conf
//
// The include holds server-level directives only: index, error_page 404,
// gzip_static, the add_header lines, and location blocks that change
// nothing but the $clinic_cache variable (so they inherit the add_header
// lines: nginx drops inherited add_header lines in any block that has its
// own), plus one exact location per redirect of _redirects, one location
// per language folder with its own error_page 404 (/es/ answers misses
// with /es/404.html), and hides the host files (_headers, _redirects,
// _nginx.conf).
//
// Output is deterministic: the same Site gives the same bytes.
package headers

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
)

// Header is one response header.
type Header struct {
	Name, Value string
}

// Cache-Control values.
const (
	// CacheImmutable is for fingerprinted files: a year, never revalidated.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheShort is for everything else: browsers may reuse a copy for
	// five minutes, then must ask again (a corrected page reaches readers
	// within minutes).
	CacheShort = "public, max-age=300, must-revalidate"
)

// CSP is the Content-Security-Policy: everything from the site's own
// origin, nothing inline, no plugins, no framing, no <base> tricks, forms
// only to the site itself.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
	"connect-src 'self'; media-src 'self'; object-src 'none'; frame-src 'none'; worker-src 'self'; " +
	"manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// PermissionsPolicy turns off features the site never uses. Every name is
// one Chromium recognises (checked with Chromium 156): an unknown name
// makes the browser log a console error on every page.
const PermissionsPolicy = "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), " +
	"geolocation=(), gyroscope=(), hid=(), idle-detection=(), interest-cohort=(), magnetometer=(), " +
	"microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), " +
	"usb=(), xr-spatial-tracking=()"

// Security returns the headers every response gets, in a fixed order.
func Security() []Header {
	return []Header{
		{"Content-Security-Policy", CSP},
		{"Referrer-Policy", "no-referrer"},
		{"X-Content-Type-Options", "nosniff"},
		{"X-Frame-Options", "DENY"},
		{"Permissions-Policy", PermissionsPolicy},
		{"Cross-Origin-Opener-Policy", "same-origin"},
	}
}

// The names of the generated files.
const (
	HeadersFile = "_headers"
	NginxFile   = "_nginx.conf"
	// BuildMarker is the file publish writes in every build's output
	// (publish.Marker); it is no part of the site either.
	BuildMarker = "_generator-build"
)

// HostFiles are outputs that configure a host or the build and are not
// part of the site: _redirects (from the feeds package), the two files made
// here and the build's marker.
var hostFiles = []string{HeadersFile, "_redirects", NginxFile, BuildMarker}

// IsHostFile reports whether rel is a host configuration file, which no
// page links to and hosts should not serve.
func IsHostFile(rel string) bool {
	for _, h := range hostFiles {
		if rel == h {
			return true
		}
	}
	return false
}

// MaxRules caps the rules of _headers (Cloudflare Pages allows 100).
const MaxRules = 100

// Site is what the files are made from.
type Site struct {
	// Base is the site's base URL; its path prefixes every pattern.
	Base string
	// Files lists every output (slash paths under the destination). .gz and
	// .br copies need not be listed.
	Files []string
	// Immutable reports whether an output is fingerprinted.
	Immutable func(rel string) bool
	// Redirects are the rules of _redirects (see ParseRedirects).
	Redirects []Redirect
	// NotFound are the folders with a 404 page of their own: each
	// language but the default, whose misses get its 404 page
	// ({Dir: "/es/", Page: "/es/404.html"}); /404.html answers the rest.
	// Site paths, without the base URL's path.
	NotFound []NotFound
}

// NotFound is a folder whose misses a host answers with the 404 page Page
// instead of the site's /404.html.
type NotFound struct {
	Dir, Page string
}

// Rule is one block of _headers: a URL pattern (exact, or ending in "*"
// for a prefix) and its headers.
type Rule struct {
	Pattern string
	Headers []Header
}

// prefix is the base URL's path without its final slash ("" at the root).
func (s Site) prefix() string {
	u, err := url.Parse(s.Base)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// node is a folder of outputs.
type node struct {
	files map[string]bool // name → immutable
	dirs  map[string]*node
	imm   int // immutable files in the subtree
	total int // files in the subtree
}

func (s Site) tree() *node {
	root := &node{files: map[string]bool{}, dirs: map[string]*node{}}
	for _, f := range s.Files {
		if IsHostFile(f) || f == "" {
			continue
		}
		imm := s.Immutable != nil && s.Immutable(f)
		n := root
		parts := strings.Split(f, "/")
		for _, d := range parts[:len(parts)-1] {
			n.total++
			if imm {
				n.imm++
			}
			c := n.dirs[d]
			if c == nil {
				c = &node{files: map[string]bool{}, dirs: map[string]*node{}}
				n.dirs[d] = c
			}
			n = c
		}
		n.total++
		if imm {
			n.imm++
		}
		n.files[parts[len(parts)-1]] = imm
	}
	return root
}

// cacheRules returns the non-overlapping Cache-Control rules: for each
// folder whose files all share a policy, "/folder/*"; else its files one
// by one, and its index URL ("/folder/") when it has an index.html.
func (s Site) cacheRules() (immutable, short []Rule) {
	add := func(pattern string, imm bool) {
		if !plainPattern(pattern) {
			return // the host cannot match it literally; its default applies
		}
		if imm {
			immutable = append(immutable, Rule{pattern, []Header{{"Cache-Control", CacheImmutable}}})
		} else {
			short = append(short, Rule{pattern, []Header{{"Cache-Control", CacheShort}}})
		}
	}
	var walk func(n *node, dir string)
	walk = func(n *node, dir string) {
		if idx, ok := n.files["index.html"]; ok {
			add(dir+"/", idx)
		}
		for _, name := range sortedKeys(n.files) {
			add(dir+"/"+name, n.files[name])
		}
		for _, name := range sortedKeys(n.dirs) {
			c := n.dirs[name]
			switch c.imm {
			case c.total:
				add(dir+"/"+name+"/*", true)
			case 0:
				add(dir+"/"+name+"/*", false)
			default:
				walk(c, dir+"/"+name)
			}
		}
	}
	walk(s.tree(), s.prefix())
	return immutable, short
}

// plainPattern reports whether p can be written in _headers and matched
// literally: no whitespace, no ":" (a placeholder) and no "*" but a final
// one.
func plainPattern(p string) bool {
	body := strings.TrimSuffix(p, "*")
	for _, c := range body {
		if c <= ' ' || c == 0x7f || c == ':' || c == '*' || c == '#' || c == '\\' {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Rules returns the rules of _headers, in file order: the security rule,
// then the immutable rules, then the short ones. dropped reports whether
// the short rules were left out to stay within MaxRules.
func (s Site) Rules() (rules []Rule, dropped bool) {
	rules = []Rule{{Pattern: s.prefix() + "/*", Headers: Security()}}
	imm, short := s.cacheRules()
	rules = append(rules, imm...)
	if len(rules)+len(short) > MaxRules {
		return rules, true
	}
	return append(rules, short...), false
}

// Headers returns the text of _headers.
func (s Site) Headers() []byte {
	rules, dropped := s.Rules()
	var b strings.Builder
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by the generator.\n")
	b.WriteString("# Every rule that matches a request applies, so Cache-Control rules never overlap.\n")
	if dropped {
		fmt.Fprintf(&b, "# Too many files for %d rules: only fingerprinted files get a Cache-Control here;\n# the host's default applies to the rest.\n", MaxRules)
	}
	for i, r := range rules {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r.Pattern)
		b.WriteByte('\n')
		for _, h := range r.Headers {
			fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
		}
	}
	return []byte(b.String())
}

// ParseHeaders reads a _headers file back into rules. It reports lines it
// cannot read; comments and blank lines are skipped.
func ParseHeaders(data []byte) ([]Rule, error) {
	var rules []Rule
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			rules = append(rules, Rule{Pattern: t})
			continue
		}
		name, value, ok := strings.Cut(t, ":")
		if !ok || len(rules) == 0 || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("_headers line %d: want an indented \"Name: value\" under a pattern, got %q", i+1, line)
		}
		r := &rules[len(rules)-1]
		r.Headers = append(r.Headers, Header{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
	return rules, nil
}

// Match reports whether a _headers pattern matches the URL path p: exactly,
// or as a prefix when the pattern ends in "*".
func Match(pattern, p string) bool {
	if pre, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(p, pre)
	}
	return pattern == p
}

// URLPath is the URL path an output is requested at: "/about/" for
// "about/index.html", "/feed.json" for "feed.json" (without the base path).
func URLPath(rel string) string {
	if rel == "index.html" {
		return "/"
	}
	if d, ok := strings.CutSuffix(rel, "/index.html"); ok {
		return "/" + d + "/"
	}
	return "/" + path.Clean(rel)
}
