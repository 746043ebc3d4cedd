package readability

import (
	"strings"
	"testing"
)

// BenchmarkMeasure measures a 2,000-word article (the easy and hard worked
// examples repeated) and pathological inputs that must stay linear.
func BenchmarkMeasure(b *testing.B) {
	inputs := []struct{ name, text string }{
		{"article", strings.Repeat(easy+"\n\n"+hard+"\n\n", 29)},
		{"dots", strings.Repeat("a.", 50_000)},
		{"spaced dots", strings.Repeat(". ", 50_000)},
		{"one long word", strings.Repeat("ab", 50_000)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				Measure(in.text)
			}
		})
	}
}
