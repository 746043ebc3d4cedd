package audit

import (
	"math/rand/v2"
	"testing"
)

// TestPlainPath: a path plainPath lets resolveURL resolve without
// net/url resolves as net/url would have it, under any base path and on
// any page; the others are left to net/url.
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
	for _, base := range []string{"https://clinic.example/", "https://example.github.io/sub/", ""} {
		a := New(Options{Base: base})
		for _, page := range []string{"/", "/sub/", "/articles/x/", "/sub/a/b.html"} {
			for _, raw := range raws {
				if !plainPath(raw) {
					continue
				}
				if got, want := a.resolveURL(page, raw), a.parseURL(page, raw); got != want {
					t.Fatalf("base %q, page %q: %q resolves to %+v, net/url makes it %+v", base, page, raw, got, want)
				}
			}
		}
	}
}
