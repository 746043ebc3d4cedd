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
	for _, r := range s.Redirects {
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
	return []byte(b.String())
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
