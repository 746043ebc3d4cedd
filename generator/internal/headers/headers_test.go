package headers

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/publish"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sample is a small site: pages, fingerprinted CSS and JS, a folder that
// mixes fingerprinted and plain files, plain images and feeds.
func sample() Site {
	files := []string{
		"index.html", "404.html", "about/index.html", "articles/index.html", "articles/x/index.html",
		"articles/x/chart.png", "css/main.3f2a9c1b07.css", "css/print.aaaaaaaaaa.css",
		"js/app.0123456789.js", "js/README.txt", "js/index.html", "images/logo.svg", "feed.json",
		"tags/peer-support/index.xml", "_redirects", "_headers", "_nginx.conf",
	}
	imm := map[string]bool{"css/main.3f2a9c1b07.css": true, "css/print.aaaaaaaaaa.css": true, "js/app.0123456789.js": true}
	return Site{
		Base:      "https://clinic.example/",
		Files:     files,
		Immutable: func(rel string) bool { return imm[rel] },
		Redirects: ParseRedirects([]byte("/old/ /about/ 301\n/page.php /articles/x/ 301\n/caf%C3%A9/ /about/ 301\n")),
	}
}

// effective returns the headers Netlify and Cloudflare Pages send for the
// URL path p: those of every matching rule, a name set twice listed twice.
func effective(rules []Rule, p string) map[string][]string {
	out := map[string][]string{}
	for _, r := range rules {
		if Match(r.Pattern, p) {
			for _, h := range r.Headers {
				out[h.Name] = append(out[h.Name], h.Value)
			}
		}
	}
	return out
}

func TestHeadersParseBack(t *testing.T) {
	for _, base := range []string{"https://clinic.example/", "https://example.github.io/clinic/"} {
		t.Run(base, func(t *testing.T) {
			s := sample()
			s.Base = base
			pre := s.prefix()
			rules, err := ParseHeaders(s.Headers())
			if err != nil {
				t.Fatal(err)
			}
			want, dropped := s.Rules()
			if dropped {
				t.Fatal("short rules dropped for a small site")
			}
			if diff := cmp.Diff(want, rules); diff != "" {
				t.Fatalf("parsed rules differ from Rules() (-want +got):\n%s", diff)
			}
			for _, f := range s.Files {
				if IsHostFile(f) {
					continue
				}
				for _, p := range []string{pre + URLPath(f), pre + "/" + f} {
					got := effective(rules, p)
					for _, h := range Security() {
						if diff := cmp.Diff([]string{h.Value}, got[h.Name]); diff != "" {
							t.Errorf("%s: %s (-want +got):\n%s", p, h.Name, diff)
						}
					}
					cache := CacheShort
					if s.Immutable(f) {
						cache = CacheImmutable
					}
					if diff := cmp.Diff([]string{cache}, got["Cache-Control"]); diff != "" {
						t.Errorf("%s: Cache-Control (-want +got):\n%s", p, diff)
					}
				}
			}
		})
	}
}

// TestHeadersDeterministic: the order of Files does not matter.
func TestHeadersDeterministic(t *testing.T) {
	s := sample()
	want, wantN := s.Headers(), s.Nginx()
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		r.Shuffle(len(s.Files), func(i, j int) { s.Files[i], s.Files[j] = s.Files[j], s.Files[i] })
		if got := s.Headers(); string(got) != string(want) {
			t.Fatalf("_headers changed with the order of Files:\n%s", got)
		}
		if got := s.Nginx(); string(got) != string(wantN) {
			t.Fatalf("_nginx.conf changed with the order of Files:\n%s", got)
		}
	}
}

// TestHeadersTooManyRules: past MaxRules only the immutable rules stay,
// and they still do not overlap the security rule's headers.
func TestHeadersTooManyRules(t *testing.T) {
	s := Site{Base: "https://clinic.example/", Immutable: func(rel string) bool { return strings.HasPrefix(rel, "css/") }}
	for i := range 150 {
		s.Files = append(s.Files, fmt.Sprintf("page-%03d/index.html", i))
	}
	s.Files = append(s.Files, "css/main.0123456789.css")
	rules, dropped := s.Rules()
	if !dropped {
		t.Fatal("want short rules dropped")
	}
	if len(rules) > MaxRules {
		t.Fatalf("%d rules, want at most %d", len(rules), MaxRules)
	}
	parsed, err := ParseHeaders(s.Headers())
	if err != nil {
		t.Fatal(err)
	}
	if got := effective(parsed, "/css/main.0123456789.css")["Cache-Control"]; !cmp.Equal(got, []string{CacheImmutable}) {
		t.Errorf("css Cache-Control = %q", got)
	}
	if got := effective(parsed, "/page-001/")["Cache-Control"]; got != nil {
		t.Errorf("page Cache-Control = %q, want the host default", got)
	}
	if !strings.Contains(string(s.Headers()), "# Too many files") {
		t.Error("the file does not say why the short rules are missing")
	}
}

func TestParseHeadersErrors(t *testing.T) {
	for _, in := range []string{"  X: y\n", "/*\n  no colon\n", "/*\n  : v\n"} {
		if _, err := ParseHeaders([]byte(in)); err == nil {
			t.Errorf("ParseHeaders(%q): want an error", in)
		}
	}
}

func TestParseRedirects(t *testing.T) {
	got := ParseRedirects([]byte("# comment\n/a/ /b/ 301\n\n/c /d\n/e /f 302!\n/g /h x\nlonely\n"))
	want := []Redirect{{From: "/a/", To: "/b/", Status: 301}, {From: "/c", To: "/d", Status: 301}, {From: "/e", To: "/f", Status: 302}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestGolden(t *testing.T) {
	s := sample()
	for name, got := range map[string][]byte{"sample_headers.golden": s.Headers(), "sample_nginx.golden": s.Nginx()} {
		p := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(p, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}

func TestURLPath(t *testing.T) {
	for in, want := range map[string]string{"index.html": "/", "a/index.html": "/a/", "feed.json": "/feed.json", "a/b.css": "/a/b.css"} {
		if got := URLPath(in); got != want {
			t.Errorf("URLPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// The build's marker file is never served: nginx answers 404 for it.
func TestBuildMarkerIsHostFile(t *testing.T) {
	if BuildMarker != publish.Marker || !IsHostFile(publish.Marker) {
		t.Fatalf("BuildMarker = %q, publish.Marker = %q: the marker must be a host file", BuildMarker, publish.Marker)
	}
	conf := string(Site{Base: "https://x.example/"}.Nginx())
	if !strings.Contains(conf, "location = \"/"+publish.Marker+"\" {\n    return 404;") {
		t.Errorf("_nginx.conf has no 404 for %s:\n%s", publish.Marker, conf)
	}
}
