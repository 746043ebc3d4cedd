package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlainPath: the URLs resolveURL resolves without net/url (plain
// paths, at the site's address or not, and plain fragments) resolve as
// net/url would have them, under any base URL and on any page.
func TestPlainPath(t *testing.T) {
	plain := []string{"/", "/a", "/a/", "/articles/x-1/", "/a.b/c~d_e", "/.well-known/x", "/a/..b/", "/a./", "/sub", "/sub/x/"}
	notPlain := []string{"", "a", "//a", "/a//b", "/./", "/a/./b", "/a/../b", "/a/..", "/a/.", "/a?x", "/a#b", "/a%20b", "/a b", "/a:b", "/é"}
	for _, raw := range plain {
		if !plainPath(raw) {
			t.Errorf("plainPath(%q) = false", raw)
		}
	}
	for _, raw := range notPlain {
		if plainPath(raw) {
			t.Errorf("plainPath(%q) = true", raw)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	raws := plain
	for range 20000 {
		b := []byte{'/'}
		for range r.IntN(12) {
			b = append(b, "/a.~-_Z9%?#: "[r.IntN(13)])
		}
		raws = append(raws, string(b))
	}
	// The same at the site's address, and as fragments.
	for _, p := range raws[:2000] {
		for _, pre := range []string{"https://clinic.example", "http://clinic.example", "HTTPS://clinic.example", "https://Clinic.example",
			"https://clinic.example:80", "https://clinic.examples", "https://example.github.io", "//clinic.example", "#", ""} {
			raws = append(raws, pre+p, pre+p[1:])
		}
	}
	for _, base := range []string{"https://clinic.example/", "https://example.github.io/sub/", ""} {
		a := New(Options{Base: base})
		for _, page := range []string{"/", "/sub/", "/articles/x/", "/sub/a/b.html", "/a b/", "/a/../b/"} {
			for _, raw := range raws {
				if got, want := a.resolveURL(page, raw), a.parseURL(page, strings.Trim(raw, " \t\n\f\r")); got != want {
					t.Fatalf("base %q, page %q: %q resolves to %+v, net/url makes it %+v", base, page, raw, got, want)
				}
			}
		}
	}
}
