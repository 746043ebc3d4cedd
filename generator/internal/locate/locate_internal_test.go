package locate

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIndexString: indexString finds a page's body in its HTML as
// bytes.Index does, whether the body is longer than the part it looks
// for first or not.
func TestIndexString(t *testing.T) {
	long := strings.Repeat("<p>body text</p>", 10)
	tests := []struct{ html, s string }{
		{"<main>" + long + "</main>", long},
		{"<main>" + long[:40] + "x" + long + "</main>", long}, // the first 32 bytes match early, the rest does not
		{"<main>" + long[:len(long)-1] + "</main>", long},     // cut short: absent
		{"<h1>T</h1><p>x</p>", "<p>x</p>"},
		{"<p>x</p>", "<p>x</p><p>y</p>"},
		{"", "<p>"},
		{"<p>", ""},
		{"a<p>x</p>", "<p>x</p>"},                               // the piece looked for is not at the start
		{"<p>x</p>", "<<p>x</p>"},                               // found where s would start before b
		{"<h2 id=a>A</h2><h2 id=a>A</h2>x", "<h2 id=a>A</h2>x"}, // the first piece found is not it
		{"<<<<", "<<"},                                          // no letter or digit
		{strings.Repeat("<", 70) + "a", strings.Repeat("<", 66) + "a"},
	}
	// And texts of a few letters, where pieces repeat.
	r := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "<p>a"[r.IntN(4)]
		}
		return string(b)
	}
	for range 5000 {
		html := text(r.IntN(80))
		s := text(r.IntN(50))
		if r.IntN(2) == 0 && len(html) > 0 {
			i := r.IntN(len(html))
			s = html[i:min(len(html), i+r.IntN(60))]
		}
		tests = append(tests, struct{ html, s string }{html, s})
	}
	for _, tt := range tests {
		want := bytes.Index([]byte(tt.html), []byte(tt.s))
		if got := indexString([]byte(tt.html), tt.s); got != want {
			t.Errorf("indexString(%q, %q) = %d, want %d", tt.html, tt.s, got, want)
		}
	}
}
