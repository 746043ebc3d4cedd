package build

import (
	"bytes"
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
	}
	for _, tt := range tests {
		want := bytes.Index([]byte(tt.html), []byte(tt.s))
		if got := indexString([]byte(tt.html), tt.s); got != want {
			t.Errorf("indexString(%q, %q) = %d, want %d", tt.html, tt.s, got, want)
		}
	}
}
