package safemsg

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkCheck lints a long article, a long page with none of the
// rules' words (most pages: one scan, nothing more) and a paragraph of
// unmatched backtick runs (the worst case for code-span masking, which
// runs only when a rule's first word is there).
func BenchmarkCheck(b *testing.B) {
	article, err := os.ReadFile("testdata/article.md")
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		body []byte
	}{
		{"article x20", []byte(strings.Repeat(string(article), 20))},
		{"plain x400", []byte(strings.Repeat("Peer support can help you feel less alone. A peer *listens*,\nshares what helped them, and walks with you to your next visit.\n\n", 400))},
		{"backtick runs", []byte(strings.Repeat("`` ` ", 2000))},
		{"backtick runs and a rule word", []byte(strings.Repeat("`` ` ", 2000) + "suicide")},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.body)))
			for b.Loop() {
				Check(in.body, 1)
			}
		})
	}
}
