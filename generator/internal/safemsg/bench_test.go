package safemsg

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkCheck lints a long article and a paragraph of unmatched
// backtick runs (the worst case for code-span masking).
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
		{"backtick runs", []byte(strings.Repeat("`` ` ", 2000))},
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
