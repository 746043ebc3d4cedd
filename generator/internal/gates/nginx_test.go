package gates

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nginxInclude is the include file the build writes for nginx.
const nginxInclude = "_nginx.conf"

// nginxServer is a real nginx serving a folder on a loopback port.
type nginxServer struct {
	url string // "http://127.0.0.1:port"
	dir string // its prefix: config, pid, logs, temp files
}

// startNginx starts nginx as a child process, in the foreground with one
// process (so it needs no other user and no /var paths), serving root with
// the include inside its server block. It stops when the test ends.
func startNginx(t *testing.T, bin, root, include string) *nginxServer {
	t.Helper()
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	mimeTypes := "types { text/html html; text/css css; application/json json; application/xml xml; image/svg+xml svg; text/plain txt; }"
	if _, err := os.Stat("/etc/nginx/mime.types"); err == nil {
		mimeTypes = "include /etc/nginx/mime.types;"
	}
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
    %[2]s
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[1]s/client_body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen %[3]s;
        server_name localhost;
        root %[4]s;
        include %[5]s;
    }
}
`, dir, mimeTypes, addr, root, include)
	confPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	errorLog := func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return string(b)
	}
	if out, err := exec.Command(bin, "-t", "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", confPath).CombinedOutput(); err != nil {
		t.Fatalf("nginx rejects the configuration with the include %s: %v\n%s\n%s", include, err, out, errorLog())
	}
	cmd := exec.Command(bin, "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", confPath)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("nginx exited at start: %v\n%s\n%s", err, out.String(), errorLog())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx never accepted connections on %s: %v\n%s", addr, err, errorLog())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return &nginxServer{url: "http://" + addr, dir: dir}
}

// response is one answer of the server, its body exactly as sent.
type response struct {
	status int
	header http.Header
	body   []byte
}

// get fetches a path without following redirects or decoding the body.
func get(t *testing.T, base, p string, header ...string) response {
	t.Helper()
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       10 * time.Second,
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, base+p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", p, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", p, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

// resolve makes a URL reference absolute against base.
func resolve(base, ref string) string {
	b, err := url.Parse(base + "/")
	if err != nil {
		return ref
	}
	u, err := b.Parse(ref)
	if err != nil {
		return ref
	}
	return u.String()
}

// A real nginx serves the built site with the include the build emits:
// pretty URLs, the 404 page with status 404 (the Spanish one under /es/),
// the security headers of _headers on every answer, .gz copies to clients that accept gzip, long
// immutable caching for fingerprinted CSS and short caching for pages,
// the redirects of _redirects, and no host configuration files.
func TestNginx(t *testing.T) {
	f := builtSite(t)
	bin, ok := program("nginx", "/usr/sbin/nginx")
	requireTool(t, ok, "nginx", "apt-get install -y nginx")
	include := filepath.Join(f.dir, nginxInclude)
	if _, err := os.Stat(include); err != nil {
		t.Fatalf("the build wrote no nginx include: %v", err)
	}
	ng := startNginx(t, bin, f.dir, include)
	file := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	t.Run("pretty URLs", func(t *testing.T) {
		for _, rel := range []string{"index.html", "articles/index.html", strings.TrimPrefix(f.kinds["article"], "/") + "index.html"} {
			p := urlOf(rel)
			r := get(t, ng.url, p)
			if r.status != 200 || !bytes.Equal(r.body, file(rel)) {
				t.Errorf("GET %s: status %d, %d bytes; want 200 and %s (%d bytes)", p, r.status, len(r.body), rel, len(file(rel)))
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("GET %s: Content-Type %q, want text/html", p, ct)
			}
		}
		r := get(t, ng.url, "/articles")
		if r.status != 301 || !strings.HasSuffix(r.header.Get("Location"), "/articles/") {
			t.Errorf("GET /articles: status %d, Location %q; want 301 to /articles/", r.status, r.header.Get("Location"))
		}
	})

	t.Run("404 page", func(t *testing.T) {
		for _, p := range []string{"/nope/", "/articles/nope/", "/nope.css"} {
			r := get(t, ng.url, p)
			if r.status != 404 || !bytes.Equal(r.body, file("404.html")) {
				t.Errorf("GET %s: status %d, body %.80q; want 404 and the site's 404.html", p, r.status, r.body)
			}
		}
		// A miss under a language's folder gets that language's 404
		// page, in that language, with status 404.
		es := file("es/404.html")
		if !bytes.Contains(es, []byte(`<html lang="es"`)) && !bytes.Contains(es, []byte(`<html lang=es`)) {
			t.Fatalf("es/404.html is not the Spanish page: %.200q", es)
		}
		for _, p := range []string{"/es/no-such-page", "/es/articulos/nope/", "/es/nope.css"} {
			r := get(t, ng.url, p)
			if r.status != 404 || !bytes.Equal(r.body, es) {
				t.Errorf("GET %s: status %d, body %.80q; want 404 and es/404.html", p, r.status, r.body)
			}
		}
		if r := get(t, ng.url, "/es/"); r.status != 200 || !bytes.Equal(r.body, file("es/index.html")) {
			t.Errorf("GET /es/: status %d; want 200 and es/index.html", r.status)
		}
	})

	t.Run("security headers", func(t *testing.T) {
		rules, err := readHeaderRules(filepath.Join(f.dir, "_headers"))
		if err != nil {
			t.Fatal(err)
		}
		var want [][2]string // the headers _headers gives every path
		for _, r := range rules {
			if r.pattern == "/*" {
				want = append(want, r.headers...)
			}
		}
		if len(want) == 0 {
			t.Fatalf("_headers has no rule for /*; rules: %v", rules)
		}
		css := f.outputs("*.css")
		for _, p := range []string{"/", f.kinds["article"], "/" + css[0], "/nope/", "/favicon.svg"} {
			r := get(t, ng.url, p)
			for _, kv := range want {
				if got := r.header.Values(kv[0]); len(got) != 1 || got[0] != kv[1] {
					t.Errorf("GET %s: %s = %q, want %q as in _headers", p, kv[0], got, kv[1])
				}
			}
			csp := r.header.Get("Content-Security-Policy")
			for _, w := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, w) {
					t.Errorf("GET %s: Content-Security-Policy %q lacks %q", p, csp, w)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("GET %s: Content-Security-Policy %q allows inline or eval'd script", p, csp)
			}
			for name, value := range map[string]string{"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"} {
				if got := r.header.Get(name); got != value {
					t.Errorf("GET %s: %s = %q, want %q", p, name, got, value)
				}
			}
			if r.header.Get("Permissions-Policy") == "" {
				t.Errorf("GET %s: no Permissions-Policy", p)
			}
		}
	})

	t.Run("gzip", func(t *testing.T) {
		rel := "index.html"
		if _, err := os.Stat(filepath.Join(f.dir, rel+".gz")); err != nil {
			t.Fatalf("the build wrote no %s.gz: %v", rel, err)
		}
		r := get(t, ng.url, "/", "Accept-Encoding", "gzip")
		if r.header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("GET / with Accept-Encoding: gzip: Content-Encoding %q, want gzip", r.header.Get("Content-Encoding"))
		}
		if !bytes.Equal(r.body, file(rel+".gz")) {
			t.Errorf("GET / with gzip: the body is not the built %s.gz", rel)
		}
		zr, err := gzip.NewReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(plain, file(rel)) {
			t.Errorf("GET / with gzip: decompressed body differs from %s (err %v)", rel, err)
		}
		if !strings.Contains(r.header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("GET / with gzip: Vary %q, want Accept-Encoding (caches must keep both forms)", r.header.Get("Vary"))
		}
		if r := get(t, ng.url, "/"); r.header.Get("Content-Encoding") != "" || !bytes.Equal(r.body, file(rel)) {
			t.Errorf("GET / without Accept-Encoding: Content-Encoding %q, want the plain file", r.header.Get("Content-Encoding"))
		}
	})

	t.Run("charset", func(t *testing.T) {
		// Without charset utf-8 nginx sends "text/html" alone (issue 20,
		// item 15); the include sets it.
		for _, p := range []string{"/", "/robots.txt"} {
			if ct := get(t, ng.url, p).header.Get("Content-Type"); !strings.Contains(strings.ToLower(ct), "charset=utf-8") {
				t.Errorf("GET %s: Content-Type %q, want charset=utf-8", p, ct)
			}
		}
	})

	t.Run("caching", func(t *testing.T) {
		css := f.outputs("*.css")
		if len(css) == 0 {
			t.Fatal("the build wrote no CSS")
		}
		for _, rel := range css {
			r := get(t, ng.url, "/"+rel)
			cc := r.header.Get("Cache-Control")
			if r.status != 200 || !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
				t.Errorf("GET /%s: status %d, Cache-Control %q; want 200 and a year, immutable", rel, r.status, cc)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
				t.Errorf("GET /%s: Content-Type %q, want text/css", rel, ct)
			}
		}
		for _, p := range []string{"/", f.kinds["article"], "/feed.json"} {
			cc := get(t, ng.url, p).header.Get("Cache-Control")
			if cc == "" || strings.Contains(cc, "immutable") {
				t.Errorf("GET %s: Cache-Control %q, want a short, revalidated lifetime", p, cc)
			}
		}
	})

	t.Run("redirects", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(f.dir, "_redirects"))
		if err != nil {
			t.Skipf("no _redirects: %v", err)
		}
		n := 0
		for _, line := range strings.Split(string(data), "\n") {
			fl := strings.Fields(line)
			if len(fl) < 2 || strings.HasPrefix(fl[0], "#") {
				continue
			}
			n++
			want := 301
			if len(fl) > 2 {
				fmt.Sscan(strings.TrimSuffix(fl[2], "!"), &want)
			}
			if dir, ok := strings.CutSuffix(fl[0], "*"); ok && want == 404 {
				// "/es/* /es/404.html 404": a language's 404 page
				// for its misses (the subtest "404 page" checks it too).
				p := dir + "no-such-page/"
				r := get(t, ng.url, p)
				if r.status != 404 || !bytes.Equal(r.body, file(strings.TrimPrefix(fl[1], "/"))) {
					t.Errorf("GET %s: status %d, body %.80q; want 404 and %s as in _redirects", p, r.status, r.body, fl[1])
				}
				continue
			}
			r := get(t, ng.url, fl[0])
			// nginx makes a relative Location absolute with its own address.
			if r.status != want || resolve(ng.url, r.header.Get("Location")) != resolve(ng.url, fl[1]) {
				t.Errorf("GET %s: status %d, Location %q; want %d to %s as in _redirects", fl[0], r.status, r.header.Get("Location"), want, fl[1])
			}
		}
		t.Logf("%d redirects checked", n)
	})

	t.Run("host files hidden", func(t *testing.T) {
		for _, p := range []string{"/_headers", "/_redirects", "/" + nginxInclude, "/_generator-build"} {
			if r := get(t, ng.url, p); r.status != 404 {
				t.Errorf("GET %s: status %d, want 404 (host configuration is not part of the site)", p, r.status)
			}
		}
	})
}
