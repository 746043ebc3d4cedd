package markdown

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestMaybeControl checks the 8-byte test against the byte-by-byte one: it
// must say yes exactly when a byte of the word is below 0x20 or is 0x7f.
func TestMaybeControl(t *testing.T) {
	want := func(w []byte) bool {
		for _, b := range w {
			if b < 0x20 || b == 0x7f {
				return true
			}
		}
		return false
	}
	check := func(w []byte) {
		t.Helper()
		if got := maybeControl(binary.LittleEndian.Uint64(w)); got != want(w) {
			t.Fatalf("maybeControl(% x) = %v, want %v", w, got, want(w))
		}
	}
	// Every byte value at every place, among fillers near the edges.
	for _, fill := range []byte{0x00, 0x1f, 0x20, 0x21, 'a', 0x7e, 0x7f, 0x80, 0x9f, 0xff} {
		for b := range 256 {
			for at := range 8 {
				w := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				w[at] = byte(b)
				check(w)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		w := make([]byte, 8)
		for i := range w {
			w[i] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				w[i] = byte(0x20 + r.IntN(0x60)) // mostly text
			}
		}
		check(w)
	}
}
