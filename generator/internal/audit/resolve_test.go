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

// TestHasID: an idList holds its ids whole, not their parts.
func TestHasID(t *testing.T) {
	tests := []struct {
		ids, id string
		want    bool
	}{
		{"", "main", false},
		{"main\x00", "main", true},
		{"main\x00", "mai", false},
		{"main\x00", "main2", false},
		{"a\x00main\x00b\x00", "main", true},
		{"a\x00main\x00b\x00", "b", true},
		{"a\x00main\x00b\x00", "a\x00main", false},
		{"x-main\x00", "main", false},
		{"Main\x00", "main", false},
		{"\uFFFD\x00", "\uFFFD", true},
	}
	for _, tt := range tests {
		t.Run(tt.ids+"/"+tt.id, func(t *testing.T) {
			if got := hasID(tt.ids, tt.id); got != tt.want {
				t.Errorf("hasID(%q, %q) = %v", tt.ids, tt.id, got)
			}
			if got := hasID([]byte(tt.ids), tt.id); got != tt.want {
				t.Errorf("hasID([]byte(%q), %q) = %v", tt.ids, tt.id, got)
			}
		})
	}
}
