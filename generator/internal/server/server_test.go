package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/incremental"
	"clinicgen/generator/internal/sitetest"
)

// A served page is the built page plus the reload script, byte for byte;
// other outputs are the built files.
func TestServedPagesAreBuiltPagesPlusScript(t *testing.T) {
	x := start(t, testSite)
	dest := filepath.Join(t.TempDir(), "public")
	res := build.Run(x.site.Root, dest, build.Options{Now: sitetest.Now()})
	if res.Diags.HasErrors() {
		t.Fatalf("build: %v", res.Diags.Err())
	}
	for _, tc := range []struct{ url, file string }{
		{"/", "index.html"},
		{"/articles/", "articles/index.html"},
		{"/articles/alpha/", "articles/alpha/index.html"},
		{"/articles/beta/index.html", "articles/beta/index.html"},
		{"/tags/sleep/", "tags/sleep/index.html"},
		{"/tags/", "tags/index.html"},
		{"/favicon.svg", "favicon.svg"},
		{"/sitemap.xml", "sitemap.xml"},
		{"/index.xml", "index.xml"},
		{"/feed.json", "feed.json"},
		{"/robots.txt", "robots.txt"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dest, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			got := x.body(tc.url)
			if !strings.HasSuffix(tc.file, ".html") {
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("served file differs from the built one (-built +served):\n%s", diff)
				}
				return
			}
			if n := strings.Count(got, scriptTag); n != 1 {
				t.Fatalf("%d reload script tags, want 1", n)
			}
			if diff := cmp.Diff(string(want), strings.Replace(got, scriptTag, "", 1)); diff != "" {
				t.Errorf("served page differs from the built one beyond the script (-built +served):\n%s", diff)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(x.site.Root, "public")); !os.IsNotExist(err) {
		t.Errorf("serve wrote public/ (stat: %v)", err)
	}
}

// The build never carries the reload script.
func TestBuildHasNoReloadScript(t *testing.T) {
	s := sitetest.Build(t, testSite)
	s.AssertOK()
	for _, f := range []string{"index.html", "articles/alpha/index.html", "404.html"} {
		s.AssertFile(f, "! __livereload")
	}
}

func TestEditArticleBody(t *testing.T) {
	x := start(t, testSite)
	ev := x.events()
	if ev.next(t, "hello") == "" {
		t.Fatal("hello without an id")
	}
	before := x.body("/articles/alpha/")
	if !strings.Contains(before, "Alpha body text") {
		t.Fatalf("article body missing:\n%s", clip(before))
	}
	src := strings.Replace(x.read("content/articles/alpha.md"), "Alpha body text", "Rewritten alpha paragraph", 1)
	x.write("content/articles/alpha.md", src)
	var got reloadData
	if err := json.Unmarshal([]byte(ev.next(t, "reload")), &got); err != nil {
		t.Fatal(err)
	}
	if got.URL != "/articles/alpha/" {
		t.Errorf("reload url = %q, want the edited page /articles/alpha/", got.URL)
	}
	page := x.body("/articles/alpha/")
	if !strings.Contains(page, "Rewritten alpha paragraph") || strings.Contains(page, "Alpha body text") {
		t.Errorf("page not updated:\n%s", clip(page))
	}
	// The section list shows the page's summary, so it changed too.
	x.waitContains("/articles/", "Rewritten alpha paragraph")
}

func TestEditTitleChangesLists(t *testing.T) {
	x := start(t, testSite)
	x.body("/tags/stress/")
	src := strings.Replace(x.read("content/articles/gamma.md"), "title: Gamma Article", "title: Gamma Renamed", 1)
	x.write("content/articles/gamma.md", src)
	for _, u := range []string{"/articles/gamma/", "/articles/", "/tags/stress/", "/"} {
		x.waitContains(u, "Gamma Renamed")
	}
}

// A deleted article leaves its page, its section list, its tag pages and
// the related lists of the others.
func TestDeletedArticleDisappears(t *testing.T) {
	x := start(t, testSite)
	for _, u := range []string{"/articles/", "/tags/sleep/", "/articles/alpha/"} {
		if b := x.body(u); !strings.Contains(b, "/articles/beta/") {
			t.Fatalf("%s does not link beta before the delete:\n%s", u, clip(b))
		}
	}
	x.remove("content/articles/beta.md")
	x.waitFor("/articles/beta/", "answered 404", func(code int, _ string) bool { return code == http.StatusNotFound })
	for _, u := range []string{"/articles/", "/tags/sleep/", "/articles/alpha/", "/articles/gamma/", "/"} {
		x.waitLacks(u, "/articles/beta/")
	}
}

func TestNewFolderLater(t *testing.T) {
	x := start(t, testSite)
	x.write("content/news/deep/first.md", "---\ntitle: First News\ndate: 2026-04-01\n---\nFresh news body.\n")
	x.waitContains("/news/deep/first/", "Fresh news body")
	// A file added to the folder after it was created is seen too.
	x.write("content/news/deep/second.md", "---\ntitle: Second News\ndate: 2026-04-02\n---\nSecond news body.\n")
	x.waitContains("/news/deep/second/", "Second news body")
}

func TestDraftAndScheduledShownWithBadges(t *testing.T) {
	x := start(t, testSite+`-- content/articles/draft.md --
---
title: Draft Article
date: 2026-01-01
draft: true
---
Not yet.
-- content/articles/later.md --
---
title: Later Article
date: 2027-06-01
---
Next year.
`)
	if b := x.body("/articles/draft/"); !strings.Contains(b, "badge-draft") {
		t.Errorf("draft page has no Draft badge:\n%s", clip(b))
	}
	if b := x.body("/articles/later/"); !strings.Contains(b, "badge-scheduled") {
		t.Errorf("scheduled page has no Scheduled badge:\n%s", clip(b))
	}
}

var overlayPos = regexp.MustCompile(`content/articles/alpha\.md:\d+`)

func TestErrorOverlayAppearsAndClears(t *testing.T) {
	x := start(t, testSite)
	ev := x.events()
	if got := ev.next(t, "errors"); got != "[]" {
		t.Fatalf("initial errors event %s, want []", got)
	}
	good := x.read("content/articles/alpha.md")
	// A date that is not a date: the file still parses, with an error at
	// its line.
	x.write("content/articles/alpha.md", strings.Replace(good, "date: 2026-01-10", "date: next tuesday", 1))
	var items []overlayItem
	if err := json.Unmarshal([]byte(ev.next(t, "errors")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 || !overlayPos.MatchString(items[0].Pos) || items[0].Message == "" {
		t.Fatalf("errors event %+v, want an error at content/articles/alpha.md:line", items)
	}
	if items[0].Pos != "content/articles/alpha.md:3" && !strings.HasPrefix(items[0].Pos, "content/articles/alpha.md:3:") {
		t.Errorf("error at %s, want line 3 (the date line)", items[0].Pos)
	}
	// Every HTML response carries the overlay while the error exists.
	for _, u := range []string{"/articles/beta/", "/", "/no-such-page/"} {
		_, b, _ := x.get(u)
		if !strings.Contains(b, `id="`+overlayID+`"`) || !overlayPos.MatchString(b) {
			t.Errorf("%s has no overlay naming the file:\n%s", u, clip(b))
		}
	}
	// Front matter that does not close: the last good page stays.
	x.write("content/articles/alpha.md", strings.Replace(good, "tags: [sleep, stress]\n---", "tags: [sleep, stress]\n", 1))
	ev.next(t, "errors")
	if b := x.body("/articles/alpha/"); !strings.Contains(b, "Alpha body text") || !strings.Contains(b, overlayID) {
		t.Errorf("broken file should keep the last good page with the overlay:\n%s", clip(b))
	}
	// Fixed: the overlay goes.
	x.write("content/articles/alpha.md", good)
	if got := ev.next(t, "errors"); got != "[]" {
		t.Errorf("errors after the fix = %s, want []", got)
	}
	if b := x.body("/articles/beta/"); strings.Contains(b, overlayID) {
		t.Errorf("overlay still served after the fix:\n%s", clip(b))
	}
}

func TestBrokenConfigKeepsLastGoodSite(t *testing.T) {
	x := start(t, testSite)
	good := x.read("config.yaml")
	x.write("config.yaml", good+"paginate: [oops\n")
	b := x.waitContains("/articles/alpha/", overlayID)
	if !strings.Contains(b, "Alpha body text") || !strings.Contains(b, "config.yaml:") {
		t.Errorf("want the last good page with a config.yaml error:\n%s", clip(b))
	}
	x.write("config.yaml", strings.Replace(good, "title: Test Clinic", "title: Renamed Clinic", 1))
	b = x.waitContains("/", "Renamed Clinic")
	if strings.Contains(b, overlayID) {
		t.Errorf("overlay remains after the config was fixed:\n%s", clip(b))
	}
}

func TestLayoutErrorShownAndFixed(t *testing.T) {
	x := start(t, testSite)
	good := x.read("layouts/_default/baseof.html")
	x.write("layouts/_default/baseof.html", strings.Replace(good, "<main", "{{if}}<main", 1))
	b := x.waitContains("/articles/alpha/", overlayID)
	if !strings.Contains(b, "layouts/_default/baseof.html:") || !strings.Contains(b, "Alpha body text") {
		t.Errorf("want the last good layout with the template error:\n%s", clip(b))
	}
	x.write("layouts/_default/baseof.html", strings.Replace(good, "<main", `<main data-edited="yes"`, 1))
	b = x.waitContains("/articles/alpha/", `data-edited=yes`)
	if strings.Contains(b, overlayID) {
		t.Errorf("overlay remains after the layout was fixed:\n%s", clip(b))
	}
}

var cssLink = regexp.MustCompile(`href="?(/css/main\.[0-9a-f]+\.css)"?`)

func TestCSSChangeSwapsStylesheet(t *testing.T) {
	x := start(t, testSite)
	ev := x.events()
	m := cssLink.FindStringSubmatch(x.body("/articles/alpha/"))
	if m == nil {
		t.Fatal("no stylesheet link")
	}
	old := m[1]
	code, css, h := x.get(old)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/css") || css == "" {
		t.Fatalf("GET %s: %d %q", old, code, h.Get("Content-Type"))
	}
	x.write("assets/css/main.css", x.read("assets/css/main.css")+"\n.test-marker{color:#123456}\n")
	var swaps []incremental.CSSSwap
	if err := json.Unmarshal([]byte(ev.next(t, "css")), &swaps); err != nil {
		t.Fatal(err)
	}
	if len(swaps) != 1 || swaps[0].Old != old || swaps[0].New == old || swaps[0].Name != "css/main.css" || !strings.HasPrefix(swaps[0].Integrity, "sha384-") {
		t.Fatalf("css event %+v", swaps)
	}
	if _, body, _ := x.get(swaps[0].New); !strings.Contains(body, "#123456") {
		t.Errorf("new stylesheet lacks the change")
	}
	if b := x.body("/articles/alpha/"); !strings.Contains(b, swaps[0].New) {
		t.Errorf("page does not link the new stylesheet")
	}
}

func TestMethods(t *testing.T) {
	x := start(t, testSite)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		t.Run(m, func(t *testing.T) {
			req, _ := http.NewRequest(m, x.url+"/articles/alpha/", strings.NewReader("x"))
			resp, err := x.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s: %d Allow=%q, want 405 with Allow: GET, HEAD", m, resp.StatusCode, resp.Header.Get("Allow"))
			}
		})
	}
	t.Run("HEAD", func(t *testing.T) {
		resp, err := x.c.Head(x.url + "/articles/alpha/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.ContentLength <= 0 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("HEAD: %d length %d type %q", resp.StatusCode, resp.ContentLength, resp.Header.Get("Content-Type"))
		}
	})
}

func TestTraversalRefused(t *testing.T) {
	x := start(t, testSite)
	outside := filepath.Join(filepath.Dir(x.site.Root), "secret.txt")
	if err := os.WriteFile(outside, []byte("TOP-SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(x.url, "http://")
	for _, target := range []string{
		"/../secret.txt",
		"/articles/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/..%2fsecret.txt",
		"/..%2Fsecret.txt",
		"/%2e%2e%2fsecret.txt",
		"/%252e%252e/secret.txt",
		"/.%2e/secret.txt",
		"/..\\secret.txt",
		"/%5c..%5csecret.txt",
		"//etc/passwd",
		"/./config.yaml",
		"/articles/%00",
		"http://" + addr + "/../secret.txt",
	} {
		t.Run(target, func(t *testing.T) {
			code, body := rawGet(t, addr, "GET", target, addr)
			if code != http.StatusBadRequest {
				t.Errorf("status %d, want 400", code)
			}
			if strings.Contains(body, "TOP-SECRET") || strings.Contains(body, "root:") {
				t.Errorf("served a file from outside the site")
			}
		})
	}
	// Source files and the config are not outputs.
	for _, target := range []string{"/config.yaml", "/content/articles/alpha.md", "/layouts/_default/baseof.html", "/etc/passwd"} {
		t.Run(target, func(t *testing.T) {
			code, body := rawGet(t, addr, "GET", target, addr)
			if code != http.StatusNotFound || strings.Contains(body, "baseURL") || strings.Contains(body, "{{") {
				t.Errorf("status %d, want the 404 page", code)
			}
		})
	}
}

func TestSymlinkOutOfSiteNotServed(t *testing.T) {
	site := sitetest.Write(t, testSite)
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "s.txt"), []byte("TOP-SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "s.txt"), filepath.Join(site.Root, "content", "leak.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(site.Root, "content", "leakdir")); err != nil {
		t.Fatal(err)
	}
	x := serve(t, site)
	for _, u := range []string{"/leak.txt", "/leakdir/s.txt"} {
		code, body, _ := x.get(u)
		if code != http.StatusNotFound || strings.Contains(body, "TOP-SECRET") {
			t.Errorf("GET %s: %d, served the file outside the site", u, code)
		}
	}
	// A symlink made while serving is refused the same way.
	if err := os.Symlink(filepath.Join(outside, "s.txt"), filepath.Join(site.Root, "content", "late.txt")); err != nil {
		t.Fatal(err)
	}
	x.write("content/articles/alpha.md", x.read("content/articles/alpha.md")+"\nLate marker.\n")
	x.waitContains("/articles/alpha/", "Late marker")
	if code, body, _ := x.get("/late.txt"); code != http.StatusNotFound || strings.Contains(body, "TOP-SECRET") {
		t.Errorf("GET /late.txt: %d, served the file outside the site", code)
	}
}

func TestForeignHostRefused(t *testing.T) {
	x := start(t, testSite)
	addr := strings.TrimPrefix(x.url, "http://")
	for host, want := range map[string]int{
		"evil.example":         http.StatusForbidden,
		"evil.example:1313":    http.StatusForbidden,
		"localhost:1313":       http.StatusOK,
		"127.0.0.1":            http.StatusOK,
		"[::1]:1313":           http.StatusOK,
		"preview.localhost:80": http.StatusOK,
	} {
		if code, _ := rawGet(t, addr, "GET", "/", host); code != want {
			t.Errorf("Host %s: %d, want %d", host, code, want)
		}
	}
}

func TestContentTypesAnd404(t *testing.T) {
	x := start(t, testSite)
	for _, tc := range []struct {
		path, ctype string
		code        int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/favicon.svg", "image/svg+xml", 200},
		{"/index.xml", "application/rss+xml; charset=utf-8", 200},
		{"/sitemap.xml", "application/xml; charset=utf-8", 200},
		{"/robots.txt", "text/plain; charset=utf-8", 200},
		{"/__livereload.js", "text/javascript; charset=utf-8", 200},
		{"/no/such/page/", "text/html; charset=utf-8", 404},
		{"/missing.png", "text/html; charset=utf-8", 404},
	} {
		t.Run(tc.path, func(t *testing.T) {
			code, body, h := x.get(tc.path)
			if code != tc.code || h.Get("Content-Type") != tc.ctype {
				t.Errorf("%d %q, want %d %q", code, h.Get("Content-Type"), tc.code, tc.ctype)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff header")
			}
			if code == 404 && (!strings.Contains(body, "Page not found") || !strings.Contains(body, scriptTag)) {
				t.Errorf("404 is not the site's 404 page with the script:\n%s", clip(body))
			}
		})
	}
	code, _, h := x.get("/articles")
	if code != http.StatusMovedPermanently || h.Get("Location") != "/articles/" {
		t.Errorf("/articles: %d → %q, want 301 to /articles/", code, h.Get("Location"))
	}
}

// TestScriptMatchesOverlay: the live-reload script (livereload.js) draws
// the same overlay as the one reload.go renders into a page, with the same
// id, styles and cap on the errors listed, and listens where the server
// sends its events.
func TestScriptMatchesOverlay(t *testing.T) {
	js := string(script)
	for name, want := range map[string]string{
		"overlayID":    `var OVERLAY = "` + overlayID + `";`,
		"maxOverlay":   "var MAX = " + strconv.Itoa(maxOverlay) + ";",
		"eventsPath":   `new EventSource("` + eventsPath + `")`,
		"overlayStyle": `overlay: "` + overlayStyle + `"`,
		"headStyle":    `head: "` + headStyle + `"`,
		"listStyle":    `list: "` + listStyle + `"`,
		"itemStyle":    `item: "` + itemStyle + `"`,
		"posStyle":     `pos: "` + posStyle + `"`,
		"preStyle":     `pre: "` + preStyle + `"`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("livereload.js does not have %s as reload.go does: want %s", name, want)
		}
	}
}

// Removing a file clears its errors from the overlay without a restart:
// here a symbolic link leading outside the site, removed while serving.
func TestRemovedFileClearsErrors(t *testing.T) {
	site := sitetest.Write(t, testSite)
	outside := filepath.Join(t.TempDir(), "s.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site.Root, "content", "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"content/leak.txt", "content/old/leak.txt"} {
		if err := os.Symlink(outside, filepath.Join(site.Root, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	x := serve(t, site)
	const msg = "leads outside the site folder"
	body := x.waitContains("/", msg)
	if !strings.Contains(body, "content/leak.txt") || !strings.Contains(body, "content/old/leak.txt") {
		t.Fatalf("overlay does not name both links:\n%s", clip(body))
	}
	x.remove("content/leak.txt")
	body = x.waitLacks("/", "content/leak.txt")
	if !strings.Contains(body, "content/old/leak.txt") {
		t.Fatalf("overlay lost the error of the link still there:\n%s", clip(body))
	}
	// A whole folder removed takes its files' errors with it.
	x.remove("content/old")
	x.waitLacks("/", msg)
}
