package gates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clinicgen/generator/internal/headers"
)

// TestNginxQueryRedirects: the query rules of _redirects (WordPress's
// /?p=123 short links, issue 16) work in a real nginx: the short link
// redirects, the home page without it is served, another p is not
// redirected, and extra arguments do not stop the match.
func TestNginxQueryRedirects(t *testing.T) {
	bin, ok := program("nginx", "/usr/sbin/nginx")
	requireTool(t, ok, "nginx", "apt-get install -y nginx")
	root := t.TempDir()
	for name, data := range map[string]string{
		"index.html":              "<!DOCTYPE html><title>Home</title>",
		"articles/flu/index.html": "<!DOCTYPE html><title>Flu</title>",
		"about/index.html":        "<!DOCTYPE html><title>About</title>",
		"404.html":                "<!DOCTYPE html><title>Not found</title>",
		"old/index.html":          "<!DOCTYPE html><title>Moved</title>",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := headers.Site{
		Base:      "http://localhost/",
		Files:     []string{"index.html", "articles/flu/index.html", "about/index.html", "404.html"},
		Redirects: headers.ParseRedirects([]byte("/ p=12 /articles/flu/ 301\n/ page_id=7 /about/ 301\n/old/ /about/ 301\n")),
	}
	include := filepath.Join(root, headers.NginxFile)
	if err := os.WriteFile(include, s.Nginx(), 0o644); err != nil {
		t.Fatal(err)
	}
	ng := startNginx(t, bin, root, include)
	for _, c := range []struct {
		path     string
		status   int
		location string
	}{
		{"/?p=12", 301, "/articles/flu/"},
		{"/?page_id=7", 301, "/about/"},
		{"/?utm_source=x&p=12", 301, "/articles/flu/"},
		{"/?p=13", 200, ""},
		{"/", 200, ""},
		{"/old/", 301, "/about/"},
	} {
		r := get(t, ng.url, c.path)
		if r.status != c.status || !strings.HasSuffix(r.header.Get("Location"), c.location) {
			t.Errorf("GET %s: %d to %q, want %d to %q", c.path, r.status, r.header.Get("Location"), c.status, c.location)
		}
		if c.status == 200 && !strings.Contains(string(r.body), "<title>Home</title>") {
			t.Errorf("GET %s: body %.80q, want the home page", c.path, r.body)
		}
	}
}
