package asciiscan

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

// TestMemo puts far more words than the Memo holds and checks that every
// hit returns the value put for that very key, that a word asked for often
// survives the churn, and that a word never put is never found.
func TestMemo(t *testing.T) {
	var m Memo[uint64]
	const frequent = 0xF00D
	m.Put(frequent, ^uint64(frequent))
	hits := 0
	for k := uint64(1); k <= 50000; k++ {
		key := k * 0x9E3779B97F4A7C15 // spread, like packed words
		if key == 0 || key == frequent {
			continue
		}
		if v, ok := m.Get(key); ok {
			t.Fatalf("key %#x found before it was put: %#x", key, v)
		}
		m.Put(key, ^key)
		if v, ok := m.Get(key); !ok || v != ^key {
			t.Fatalf("Get(%#x) right after Put = %#x, %v", key, v, ok)
		}
		if v, ok := m.Get(frequent); ok {
			if v != ^uint64(frequent) {
				t.Fatalf("frequent word has %#x", v)
			}
			hits++
		}
	}
	if hits < 49000 {
		t.Errorf("the frequent word was found %d times in 50,000; churn evicted it", hits)
	}
}
