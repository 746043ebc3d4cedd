package headers

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Redirect is one rule of a _redirects file.
type Redirect struct {
	From, To string // as written: percent-encoded URL paths (To may be absolute)
	Status   int
	// Query is a Netlify query condition, "p=123": the rule applies only
	// when the request has that query argument.
	Query string
}

// ParseRedirects reads the "from to [status]" lines of a _redirects file
// (the status defaults to 301). Comments, blank lines and lines it cannot
// read are skipped: the file is generated, and a rule nginx cannot express
// is better left to the HTML redirect page.
func ParseRedirects(data []byte) []Redirect {
	var out []Redirect
	for line := range strings.SplitSeq(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		r := Redirect{From: f[0], To: f[1], Status: 301}
		if k, v, ok := strings.Cut(f[1], "="); ok && len(f) > 2 && simpleArg(k) && simpleArg(v) {
			// "/ p=123 /articles/x/ 301": a query condition.
			r.Query, r.To = f[1], f[2]
			f = append(f[:1], f[2:]...)
		}
		if len(f) > 2 {
			n, err := strconv.Atoi(strings.TrimSuffix(f[2], "!"))
			if err != nil {
				continue
			}
			r.Status = n
		}
		out = append(out, r)
	}
	return out
}

// cacheVar is the nginx variable the include's locations set and its
// add_header line sends.
const cacheVar = "$clinic_cache"

// Nginx returns the text of the nginx include.
func (s Site) Nginx() []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	pre := s.prefix()
	w("# nginx settings for this site, written by the generator. Include it inside the\n")
	w("# server { } block whose root is this folder (see docs/deploy.md):\n")
	w("#\n#     root /srv/clinic/public;\n#     include /srv/clinic/public/%s;\n#\n", NginxFile)
	w("# nginx drops the add_header lines below in any block that has add_header lines\n")
	w("# of its own: do not add add_header inside these locations, and repeat all of\n")
	w("# them in any location of your own that sets one.\n")
	if pre != "" {
		w("#\n# baseURL has the path %s/: these locations expect requests under it, with\n# that path mapped to this folder.\n", pre)
	}
	w("\nindex index.html;\n")
	w("# Every text file the build writes is UTF-8: say so in Content-Type.\ncharset utf-8;\n")
	w("error_page 404 %s/404.html;\n", pre)
	w("\n# Send the .gz copies the build wrote to clients that accept gzip.\ngzip_static on;\ngzip_vary on;\n")
	w("# .br copies need the ngx_brotli module (Debian: libnginx-mod-http-brotli-static)\n")
	w("# and `brotli_static on;` in your server block, not here: each build rewrites this file.\n")
	w("\n# Short caching unless a location below says otherwise.\nset %s %s;\n", cacheVar, quote(CacheShort))
	w("add_header Cache-Control %s always;\n", cacheVar)
	for _, h := range Security() {
		w("add_header %s %s always;\n", h.Name, quote(h.Value))
	}
	w("\nlocation %s/ {\n    try_files $uri $uri/ =404;\n}\n", pre)
	for _, nf := range s.NotFound {
		if !safeNginx(nf.Dir) || !safeNginx(nf.Page) {
			continue
		}
		w("\n# Misses under %s get that language's 404 page.\n", pre+nf.Dir)
		w("location %s {\n    error_page 404 %s;\n    try_files $uri $uri/ =404;\n}\n", quote(pre+nf.Dir), quote(pre+nf.Page))
	}
	imm, _ := s.cacheRules()
	if len(imm) > 0 {
		w("\n# Fingerprinted files: their names change when their content does.\n")
	}
	for _, r := range imm {
		if p, ok := strings.CutSuffix(r.Pattern, "*"); ok {
			w("location ^~ %s {\n", quote(p))
		} else {
			w("location = %s {\n", quote(r.Pattern))
		}
		w("    set %s %s;\n    try_files $uri =404;\n}\n", cacheVar, quote(CacheImmutable))
	}
	w("\n# Host configuration files are not part of the site.\n")
	for _, f := range hostFiles {
		w("location = %s {\n    return 404;\n}\n", quote(pre+"/"+f))
	}
	var redirects []string
	queries := map[string][]string{} // path → its "if" lines
	var queryPaths []string
	for _, r := range s.Redirects {
		if r.Query != "" {
			from, err := url.PathUnescape(r.From)
			k, v, _ := strings.Cut(r.Query, "=")
			if err != nil || !safeNginx(from) || !safeNginx(r.To) || strings.Contains(r.To, "$") || r.Status < 301 || r.Status > 308 {
				continue
			}
			if queries[from] == nil {
				queryPaths = append(queryPaths, from)
			}
			queries[from] = append(queries[from], fmt.Sprintf("    if ($arg_%s = %s) {\n        return %d %s;\n    }\n", k, quote(v), r.Status, quote(r.To)))
			continue
		}
		from, err := url.PathUnescape(r.From)
		if err != nil || !safeNginx(from) || !safeNginx(r.To) || strings.Contains(r.To, "$") {
			continue
		}
		switch r.Status {
		case 301, 302, 303, 307, 308:
		default:
			continue
		}
		redirects = append(redirects, fmt.Sprintf("location = %s {\n    return %d %s;\n}\n", quote(from), r.Status, quote(r.To)))
	}
	if len(redirects) > 0 {
		w("\n# The redirects of _redirects.\n")
		for _, r := range redirects {
			b.WriteString(r)
		}
	}
	if len(queryPaths) > 0 {
		w("\n# The query-string redirects of _redirects (old /?p=123 short links).\n")
	}
	for _, p := range queryPaths {
		w("location = %s {\n", quote(p))
		for _, l := range queries[p] {
			b.WriteString(l)
		}
		w("    try_files $uri $uri/ =404;\n}\n")
	}
	return []byte(b.String())
}

// simpleArg reports whether s can be a query argument name or value in a
// rule: letters, digits, "-", "_" and ".".
func simpleArg(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// quote writes s as an nginx double-quoted string.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// safeNginx reports whether s can go into the include: no control
// characters (a newline would end the directive).
func safeNginx(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < ' ' || c == 0x7f {
			return false
		}
	}
	return true
}
