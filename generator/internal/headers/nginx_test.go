package headers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// directive is one parsed nginx directive, with its block if it has one.
type directive struct {
	args  []string
	block []directive
}

// parseNginx reads nginx configuration syntax: words and quoted strings,
// ";" ends a directive, "{ … }" is a block, "#" starts a comment.
func parseNginx(t *testing.T, src string) []directive {
	t.Helper()
	var toks []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == ';' || c == '{' || c == '}':
			toks = append(toks, string(c))
			i++
		case c == '"':
			var b strings.Builder
			i++
			for i < len(src) && src[i] != '"' {
				if src[i] == '\\' && i+1 < len(src) {
					i++
				}
				b.WriteByte(src[i])
				i++
			}
			if i >= len(src) {
				t.Fatal("unterminated string")
			}
			i++
			toks = append(toks, "\x00"+b.String()) // marked as quoted
		default:
			j := i
			for j < len(src) && !strings.ContainsRune(" \t\n;{}#\"", rune(src[j])) {
				j++
			}
			toks = append(toks, src[i:j])
			i = j
		}
	}
	var parse func() []directive
	pos := 0
	parse = func() []directive {
		var out []directive
		var cur []string
		for pos < len(toks) {
			tk := toks[pos]
			pos++
			switch tk {
			case ";":
				out = append(out, directive{args: cur})
				cur = nil
			case "{":
				out = append(out, directive{args: cur, block: parse()})
				cur = nil
			case "}":
				if cur != nil {
					t.Fatalf("directive %q not ended by ;", cur)
				}
				return out
			default:
				cur = append(cur, strings.TrimPrefix(tk, "\x00"))
			}
		}
		if cur != nil {
			t.Fatalf("directive %q not ended by ;", cur)
		}
		return out
	}
	return parse()
}

// choose picks the location nginx uses for uri among prefix locations:
// an exact "=" match, else the longest prefix ("^~" or plain).
func choose(locs []directive, uri string) *directive {
	var best *directive
	bestLen := -1
	for i := range locs {
		l := &locs[i]
		switch {
		case len(l.args) == 3 && l.args[1] == "=":
			if l.args[2] == uri {
				return l
			}
		case len(l.args) == 3 && l.args[1] == "^~", len(l.args) == 2:
			p := l.args[len(l.args)-1]
			if strings.HasPrefix(uri, p) && len(p) > bestLen {
				best, bestLen = l, len(p)
			}
		}
	}
	return best
}

func TestNginx(t *testing.T) {
	s := sample()
	conf := parseNginx(t, string(s.Nginx()))
	server := map[string][][]string{}
	var locs []directive
	for _, d := range conf {
		if d.args[0] == "location" {
			locs = append(locs, d)
			for _, in := range d.block {
				if in.args[0] == "add_header" {
					t.Errorf("location %q has add_header: it would drop the server's headers", d.args[1:])
				}
			}
			continue
		}
		if d.block != nil {
			t.Errorf("unexpected block %q", d.args)
		}
		server[d.args[0]] = append(server[d.args[0]], d.args[1:])
	}
	want := [][]string{{"Cache-Control", cacheVar, "always"}}
	for _, h := range Security() {
		want = append(want, []string{h.Name, h.Value, "always"})
	}
	if diff := cmp.Diff(want, server["add_header"]); diff != "" {
		t.Errorf("server add_header (-want +got):\n%s", diff)
	}
	for name, args := range map[string][]string{
		"gzip_static": {"on"}, "error_page": {"404", "/404.html"}, "index": {"index.html"},
		"set": {cacheVar, CacheShort},
	} {
		if diff := cmp.Diff([][]string{args}, server[name]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	// Every output is served by a location that sets the right cache
	// policy (or leaves the server's short one) and tries the file.
	for _, f := range s.Files {
		uri := "/" + f
		l := choose(locs, uri)
		if l == nil {
			t.Errorf("%s: no location", uri)
			continue
		}
		cache, try, ret := CacheShort, "", ""
		for _, in := range l.block {
			switch in.args[0] {
			case "set":
				cache = in.args[2]
			case "try_files":
				try = strings.Join(in.args[1:], " ")
			case "return":
				ret = strings.Join(in.args[1:], " ")
			}
		}
		if IsHostFile(f) {
			if ret != "404" {
				t.Errorf("%s: host file served (return %q)", uri, ret)
			}
			continue
		}
		if try == "" {
			t.Errorf("%s: location %q has no try_files", uri, l.args[1:])
		}
		want := CacheShort
		if s.Immutable(f) {
			want = CacheImmutable
		}
		if cache != want {
			t.Errorf("%s: Cache-Control %q, want %q", uri, cache, want)
		}
	}
	// The redirects of _redirects, decoded as nginx matches them.
	var got []string
	for _, l := range locs {
		for _, in := range l.block {
			if in.args[0] == "return" && in.args[1] != "404" {
				got = append(got, fmt.Sprintf("%s -> %s %s", l.args[2], in.args[1], in.args[2]))
			}
		}
	}
	wantR := []string{"/old/ -> 301 /about/", "/page.php -> 301 /articles/x/", "/café/ -> 301 /about/"}
	if diff := cmp.Diff(wantR, got); diff != "" {
		t.Errorf("redirects (-want +got):\n%s", diff)
	}
}

// TestNginxUnsafeRedirects: a rule nginx would misread is left out.
func TestNginxUnsafeRedirects(t *testing.T) {
	s := Site{Base: "https://clinic.example/", Redirects: []Redirect{
		{From: "/a/", To: "/b$x/", Status: 301}, {From: "/c%0A/", To: "/d/", Status: 301}, {From: "/e/", To: "/f/", Status: 200}, {From: "/g%zz/", To: "/h/", Status: 301}, {From: "/q\"/", To: "/r/", Status: 301},
	}}
	conf := string(s.Nginx())
	for _, bad := range []string{"/b$x/", "/d/", "/f/", "/h/"} {
		if strings.Contains(conf, bad) {
			t.Errorf("unsafe redirect to %s written:\n%s", bad, conf)
		}
	}
	if !strings.Contains(conf, `location = "/q\"/" {`) {
		t.Errorf("quote not escaped:\n%s", conf)
	}
	parseNginx(t, conf)
}

// TestNginxQueryRedirects: a Netlify query rule ("/ p=12 /x/ 301") is
// read with its condition and becomes an if on $arg_p in an exact
// location, so WordPress short links work on nginx too.
func TestNginxQueryRedirects(t *testing.T) {
	rs := ParseRedirects([]byte("/ p=12 /articles/salt/ 301\n/ page_id=7 /about/ 301\n/old/ /new/ 301\n/ a=b&c=d /x/ 301\n"))
	want := []Redirect{{From: "/", To: "/articles/salt/", Status: 301, Query: "p=12"}, {From: "/", To: "/about/", Status: 301, Query: "page_id=7"}, {From: "/old/", To: "/new/", Status: 301}}
	if diff := cmp.Diff(want, rs); diff != "" {
		t.Fatalf("ParseRedirects (-want +got):\n%s", diff)
	}
	conf := string(Site{Base: "https://clinic.example/", Redirects: rs}.Nginx())
	wantConf := "location = \"/\" {\n    if ($arg_p = \"12\") {\n        return 301 \"/articles/salt/\";\n    }\n    if ($arg_page_id = \"7\") {\n        return 301 \"/about/\";\n    }\n    try_files $uri $uri/ =404;\n}\n"
	if !strings.Contains(conf, wantConf) {
		t.Errorf("nginx include lacks\n%s\nin\n%s", wantConf, conf)
	}
}

// TestNginxNotFound: a language folder gets a location of its own whose
// error_page is the language's 404 page, under the base URL's path; it
// sets no add_header, so the server's headers still apply.
func TestNginxNotFound(t *testing.T) {
	for _, tt := range []struct{ base, dir, page string }{
		{"https://clinic.example/", "/es/", "/es/404.html"},
		{"https://example.org/clinic/", "/clinic/es/", "/clinic/es/404.html"},
	} {
		s := Site{Base: tt.base, NotFound: []NotFound{{Dir: "/es/", Page: "/es/404.html"}}}
		var loc *directive
		conf := parseNginx(t, string(s.Nginx()))
		for i, d := range conf {
			if d.args[0] == "location" && len(d.args) == 2 && d.args[1] == tt.dir {
				loc = &conf[i]
			}
		}
		if loc == nil {
			t.Fatalf("%s: no location %s in\n%s", tt.base, tt.dir, s.Nginx())
		}
		want := []directive{{args: []string{"error_page", "404", tt.page}}, {args: []string{"try_files", "$uri", "$uri/", "=404"}}}
		if diff := cmp.Diff(want, loc.block, cmp.AllowUnexported(directive{})); diff != "" {
			t.Errorf("%s: location %s (-want +got):\n%s", tt.base, tt.dir, diff)
		}
	}
}
