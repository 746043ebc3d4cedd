package swar

import (
	"math/bits"
	"strings"
	"testing"
)

// TestLowerRun compares LowerRun with a byte-by-byte scan for every byte
// value at every position of a run, within and after the eight-byte
// words it reads.
func TestLowerRun(t *testing.T) {
	for b := range 256 {
		for at := range 18 {
			s := strings.Repeat("q", at) + string([]byte{byte(b)}) + "zzzzzzzzz"
			for from := range min(at+1, 3) {
				want := from
				for want < len(s) && 'a' <= s[want] && s[want] <= 'z' {
					want++
				}
				if got := LowerRun(s, from); got != want {
					t.Errorf("LowerRun(%q, %d) = %d, want %d", s, from, got, want)
				}
			}
		}
	}
}

// TestZeroBytes finds each byte value at each position of a word through
// ZeroBytes(x ^ c*Ones), as the readability scans do.
func TestZeroBytes(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			b := []byte("........")
			if c == '.' {
				b = []byte("xxxxxxxx")
			}
			b[at] = byte(c)
			x := Load8(string(b), 0)
			m := ZeroBytes(x ^ uint64(c)*Ones)
			if m == 0 || bits.TrailingZeros64(m)/8 != at {
				t.Errorf("byte %#x at %d in %q: mask %#x", c, at, b, m)
			}
		}
	}
}

func TestLoad8(t *testing.T) {
	if got, want := Load8("xabcdefgh", 1), uint64(0x6867666564636261); got != want {
		t.Errorf("Load8 = %#x, want %#x", got, want)
	}
}
