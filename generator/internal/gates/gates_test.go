package gates

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/sitetest"
)

// fixture is the repository's site, built once per test binary, and the Go
// test server that serves it.
type fixture struct {
	repo string // the repository root
	dir  string // the built site
	url  string // the test server, "http://127.0.0.1:port" (no trailing slash)
	// html lists every generated .html file, slash paths under dir.
	html []string
	// kinds maps each page kind to one URL path of that kind to test.
	kinds map[site.Kind]string
	// langKinds are the same for each other language of a multilingual
	// site ("es" → kind → "/es/articulos/…"), so the browser gates check
	// its pages too.
	langKinds map[string]map[site.Kind]string
	langs     []string
}

// shared holds the fixture and what to undo after the last test. It is set
// once (by the first test that asks) and only read after that.
var shared struct {
	once    sync.Once
	f       *fixture
	err     error
	tmp     string
	cleanup func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.cleanup != nil {
		shared.cleanup()
	}
	if shared.tmp != "" {
		os.RemoveAll(shared.tmp)
	}
	os.Exit(code)
}

// builtSite returns the built sample site, building it and starting its
// server on first use.
func builtSite(t *testing.T) *fixture {
	t.Helper()
	shared.once.Do(func() { shared.f, shared.err = setUp(sitetest.RepoRoot(t)) })
	if shared.err != nil {
		t.Fatalf("building the sample site: %v", shared.err)
	}
	return shared.f
}

func setUp(repo string) (*fixture, error) {
	tmp, err := os.MkdirTemp("", "gates-")
	if err != nil {
		return nil, err
	}
	shared.tmp = tmp
	f := &fixture{repo: repo, dir: filepath.Join(tmp, "public"), kinds: map[site.Kind]string{}}
	srv := httptest.NewUnstartedServer(nil)
	shared.cleanup = srv.Close
	f.url = "http://" + srv.Listener.Addr().String()

	// The site is built for the address it is served from, as a staging
	// deploy is (generator build --base-url): canonical and share URLs
	// then point at the server the tools load pages from.
	res := build.Run(repo, f.dir, build.Options{BaseURL: f.url + "/", Now: sitetest.Now(), Compress: true})
	if res.Diags.HasErrors() {
		return nil, fmt.Errorf("build failed:\n%s", res.Diags.Err())
	}
	f.html = f.outputs("*.html")
	f.kinds = representatives(f.dir, res.Project.Site.Pages)
	f.langKinds = map[string]map[site.Kind]string{}
	for _, s := range res.Project.Sites[1:] {
		k := representatives(f.dir, s.Pages)
		k[site.Kind404] = s.Lang.Prefix + "/404.html" // served as a page, status 200
		f.langKinds[s.Lang.Code] = k
		f.langs = append(f.langs, s.Lang.Code)
	}

	rules, err := readHeaderRules(filepath.Join(f.dir, "_headers"))
	if err != nil {
		return nil, err
	}
	srv.Config.Handler = staticHost{dir: f.dir, rules: rules}
	srv.Start()
	return f, nil
}

// outputs lists the built files whose name matches the pattern
// (path.Match syntax, e.g. "*.svg"), as sorted slash paths under f.dir.
func (f *fixture) outputs(pattern string) []string {
	var out []string
	filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ok, _ := path.Match(pattern, d.Name()); ok {
			rel, _ := filepath.Rel(f.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// refresh finds a meta refresh, quoted or minified.
var refresh = regexp.MustCompile(`(?i)<meta[^>]+http-equiv=["']?refresh`)

// isRedirect reports whether a generated page is an alias that sends the
// browser on to another page.
func (f *fixture) isRedirect(t *testing.T, rel string) bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return refresh.Match(b)
}

// missingPath is a URL path no site has; the host answers it with the 404 page.
const missingPath = "/no-such-page/"

// representatives picks, for each page kind, the page with the largest
// output (the most to check); for term pages and term indexes, tags are
// preferred to other taxonomies. The 404 kind is a missing URL, so the
// status is checked too.
func representatives(dir string, pages []*site.Page) map[site.Kind]string {
	best := map[site.Kind]string{}
	size := map[site.Kind]int64{}
	for _, pg := range pages {
		if pg.Kind == site.Kind404 {
			best[pg.Kind] = missingPath
			continue
		}
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(build.OutputPath(pg))))
		if err != nil {
			continue
		}
		n := st.Size()
		if (pg.Kind == site.KindTerm || pg.Kind == site.KindTerms) && strings.HasPrefix(pg.URL, "/tags/") {
			n += 1 << 40
		}
		if n > size[pg.Kind] {
			best[pg.Kind], size[pg.Kind] = pg.URL, n
		}
	}
	return best
}

// kindOrder is the order page kinds are tested in.
var kindOrder = []site.Kind{site.KindHome, site.KindArticle, site.KindService, site.KindPage, site.KindSection,
	site.KindTerm, site.KindTerms, site.KindPerson, site.KindPeople, site.Kind404, site.KindSearch}

// kindPages returns the representative pages in kindOrder, then those of
// each other language ("es/article", "es/search"); a kind the site lacks
// fails the
// test, since the gate would then check less than it says.
func (f *fixture) kindPages(t *testing.T) [][2]string {
	t.Helper()
	var out [][2]string
	for _, k := range kindOrder {
		u, ok := f.kinds[k]
		if !ok {
			t.Errorf("the sample site has no page of kind %q to check", k)
			continue
		}
		out = append(out, [2]string{string(k), u})
	}
	for _, lang := range f.langs {
		for _, k := range kindOrder {
			u, ok := f.langKinds[lang][k]
			if !ok {
				t.Errorf("the sample site has no %s page of kind %q to check", lang, k)
				continue
			}
			out = append(out, [2]string{lang + "/" + string(k), u})
		}
	}
	return out
}

// urlOf maps a generated .html file to the URL path it is served at.
func urlOf(rel string) string {
	if rel == "index.html" {
		return "/"
	}
	if strings.HasSuffix(rel, "/index.html") {
		return "/" + strings.TrimSuffix(rel, "index.html")
	}
	if rel == "404.html" {
		return missingPath
	}
	return "/" + rel
}

// staticHost serves a built site as static hosts do: "/x/" is x/index.html,
// a folder without its slash redirects, anything missing is 404.html with
// status 404, and the rules of the _headers file add their headers.
type staticHost struct {
	dir   string
	rules []headerRule
}

func (h staticHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	name := p
	if strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	full := filepath.Join(h.dir, filepath.FromSlash(name))
	status := http.StatusOK
	st, err := os.Stat(full)
	switch {
	case err == nil && st.IsDir():
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
		return
	case err != nil:
		full, status = filepath.Join(h.dir, "404.html"), http.StatusNotFound
	}
	data, err := os.ReadFile(full)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for _, rule := range h.rules {
		if rule.matches(p) {
			for _, kv := range rule.headers {
				w.Header().Add(kv[0], kv[1])
			}
		}
	}
	ctype := mime.TypeByExtension(filepath.Ext(full))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// headerRule is one block of a Netlify / Cloudflare Pages _headers file: a
// URL pattern ("*" matches any run of characters) and its headers.
type headerRule struct {
	pattern string
	headers [][2]string
}

func (r headerRule) matches(p string) bool {
	parts := strings.Split(r.pattern, "*")
	if !strings.HasPrefix(p, parts[0]) {
		return false
	}
	rest := p[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(rest, part)
		}
		j := strings.Index(rest, part)
		if j < 0 {
			return false
		}
		rest = rest[j+len(part):]
	}
	return rest == ""
}

// readHeaderRules reads a _headers file; a site without one has no rules.
func readHeaderRules(name string) ([]headerRule, error) {
	data, err := os.ReadFile(name)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			rules = append(rules, headerRule{pattern: trimmed})
		default:
			k, v, ok := strings.Cut(trimmed, ":")
			if !ok || len(rules) == 0 {
				return nil, fmt.Errorf("%s:%d: not a header line under a path: %q", name, n, line)
			}
			last := &rules[len(rules)-1]
			last.headers = append(last.headers, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
		}
	}
	return rules, sc.Err()
}

// ci reports whether missing tools are failures (CI=true) rather than skips.
func ci() bool { return os.Getenv("CI") == "true" }

// requireTool skips the test (fails it under CI=true) when a tool is
// missing, saying how to install it.
func requireTool(t *testing.T, ok bool, what, install string) {
	t.Helper()
	if ok {
		return
	}
	if ci() {
		t.Fatalf("%s is missing; CI must install it: %s", what, install)
	}
	t.Skipf("%s is missing (%s); skipping this gate", what, install)
}

// program finds an executable among names (paths or names on PATH).
func program(names ...string) (string, bool) {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, true
		}
	}
	return "", false
}

// npmTool returns the path of a file of a tool pinned in .ci/package.json.
func (f *fixture) npmTool(t *testing.T, pkg, file string) string {
	t.Helper()
	p := filepath.Join(f.repo, ".ci", "node_modules", pkg, filepath.FromSlash(file))
	_, err := os.Stat(p)
	requireTool(t, err == nil, "npm package "+pkg, "cd .ci && npm ci")
	return p
}

// The test server answers as a static host does, with the headers of the
// built _headers file; the browser gates rely on it.
func TestStaticHost(t *testing.T) {
	f := builtSite(t)
	rules, err := readHeaderRules(filepath.Join(f.dir, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("the build wrote no _headers rules; the browser gates would run without the site's Content-Security-Policy")
	}
	index, _ := os.ReadFile(filepath.Join(f.dir, "index.html"))
	notFound, _ := os.ReadFile(filepath.Join(f.dir, "404.html"))
	tests := []struct {
		path     string
		status   int
		body     []byte
		location string
	}{
		{"/", 200, index, ""},
		{"/index.html", 200, index, ""},
		{missingPath, 404, notFound, ""},
		{"/articles", 301, nil, "/articles/"},
		{"/../../etc/passwd", 404, notFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			r := get(t, f.url, tc.path)
			if r.status != tc.status || (tc.body != nil && !bytes.Equal(r.body, tc.body)) || r.header.Get("Location") != tc.location {
				t.Errorf("GET %s: status %d, %d bytes, Location %q; want %d, %d bytes, Location %q",
					tc.path, r.status, len(r.body), r.header.Get("Location"), tc.status, len(tc.body), tc.location)
			}
			if tc.status != 301 && r.header.Get("Content-Security-Policy") == "" {
				t.Errorf("GET %s: no Content-Security-Policy; want the one of _headers", tc.path)
			}
		})
	}
}

func TestHeaderRules(t *testing.T) {
	rules := []headerRule{{pattern: "/*"}, {pattern: "/css/*"}, {pattern: "/*.html"}, {pattern: "/a/*/b"}, {pattern: "/exact/"}}
	tests := []struct {
		path string
		want []string
	}{
		{"/", []string{"/*"}},
		{"/css/main.1234.css", []string{"/*", "/css/*"}},
		{"/404.html", []string{"/*", "/*.html"}},
		{"/a/x/y/b", []string{"/*", "/a/*/b"}},
		{"/a/x/y/c", []string{"/*"}},
		{"/exact/", []string{"/*", "/exact/"}},
		{"/exact/more", []string{"/*"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			var got []string
			for _, r := range rules {
				if r.matches(tc.path) {
					got = append(got, r.pattern)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("rules matching %s = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

func TestReadHeaderRules(t *testing.T) {
	name := filepath.Join(t.TempDir(), "_headers")
	os.WriteFile(name, []byte("# comment\n/*\n  X-A: 1\n  Content-Security-Policy: default-src 'self'; img-src 'self'\n\n/css/*\n\tCache-Control: immutable\n"), 0o644)
	rules, err := readHeaderRules(name)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(rules)
	want := "[{/* [[X-A 1] [Content-Security-Policy default-src 'self'; img-src 'self']]} {/css/* [[Cache-Control immutable]]}]"
	if got != want {
		t.Errorf("rules = %s\nwant    %s", got, want)
	}
	os.WriteFile(name, []byte("  X-A: 1\n"), 0o644)
	if _, err := readHeaderRules(name); err == nil || !strings.Contains(err.Error(), "_headers:1:") {
		t.Errorf("a header line before any path: err = %v, want one naming _headers:1", err)
	}
}
