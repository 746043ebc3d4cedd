package locate

import (
	"strings"
	"testing"
)

func TestSentence(t *testing.T) {
	src := []byte("---\ntitle: T\n---\nFirst *one*. Second\nline with a [link](x.md) in it.\n\nThird, with ü and “quotes”.\n" +
		"\u212Aelvin, with the Kelvin sign, a K that lower-cases to k.\n")
	tests := []struct {
		sentence  string
		line, col int
	}{
		{"First one.", 4, 1},
		{"Second line with a link in it.", 4, 14},
		{"Third, with ü and “quotes”.", 7, 1},
		{"Kelvin, with the Kelvin sign, a K that lower-cases to k.", 8, 1},
		{"Not in the file at all, anywhere.", 0, 0},
		{"title", 0, 0}, // in the front matter only
		{"", 0, 0},
		{"!!!", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			line, col := Sentence(src, 4, tt.sentence)
			if line != tt.line || col != tt.col {
				t.Errorf("Sentence(%q) = %d:%d, want %d:%d", tt.sentence, line, col, tt.line, tt.col)
			}
		})
	}
	if line, col := Sentence(src, 99, "First one."); line != 0 || col != 0 {
		t.Errorf("a body line past the end: %d:%d", line, col)
	}
}

// BenchmarkSentence places a sentence in a 6 KB page: its last sentence (the
// body is read to the end), and a sentence whose middle is not in the page
// (its beginning is found after the whole page is read).
func BenchmarkSentence(b *testing.B) {
	para := "Peer support can help you feel **less alone**. A peer listens, shares what\n" +
		"helped them, and walks with you to your [next visit](../visits.md).\n\n"
	src := []byte("---\ntitle: Peer support\n---\n" + strings.Repeat(para, 40) +
		"Call the clinic today to book your first appointment with a peer.\n")
	for _, bc := range []struct{ name, sentence string }{
		{"last sentence", "Call the clinic today to book your first appointment with a peer."},
		{"beginning only", "Call the clinic today to book your first visit with a counsellor."},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if line, _ := Sentence(src, 4, bc.sentence); line == 0 {
					b.Fatal("not found")
				}
			}
		})
	}
}

// TestIndexEither checks that indexEither stops at the first of its two
// bytes or a non-ASCII byte, wherever it falls in or after its eight-byte
// words.
func TestIndexEither(t *testing.T) {
	for n := 0; n <= 24; n++ {
		for at := 0; at <= n; at++ {
			for _, stop := range []string{"c", "C", "\xe2\x84\xaa", "\xff"} {
				b := []byte(strings.Repeat("ab d,", 6)[:at] + stop + strings.Repeat("x", n-at))
				for from := 0; from <= at; from++ {
					if got := indexEither(b, from, 'c', 'C'); got != at {
						t.Fatalf("indexEither(%q, %d) = %d, want %d", b, from, got, at)
					}
				}
			}
		}
		if b := []byte(strings.Repeat("y", n)); indexEither(b, 0, 'c', 'C') != n {
			t.Fatalf("indexEither(%q, 0) = %d, want %d", b, indexEither(b, 0, 'c', 'C'), n)
		}
	}
}
