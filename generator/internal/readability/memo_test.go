package readability

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMeasureMemo checks Measure, whose token memo lets tokens share an
// entry when they differ in case or in the punctuation at their ends,
// against counting every token of every sentence on its own, and a
// Measurer, whose memo keeps the tokens of the texts before, against
// Measure.
func TestMeasureMemo(t *testing.T) {
	words := []string{"the", "The", "THE", "tHe", "HIV", "hiv", "Hiv", "hIV", "fear,", "Fear.", "(fear)", "FEAR",
		"don't", "DON'T", "Don't", "café", "CAFÉ", "Café", "it's", "It's", "İt", "İT", "AB", "Ab", "aB", "ab",
		"ADHD", "Adhd", "adhd", "every", "EVERY", "Every", "3.5", "COVID-19", "covid-19", "U.S.", "u.s.", "ÜBER",
		"über", "中文", "—", "/", "...", "(", "*bold*", "\"Quote\"", "management", "MANAGEMENT", "I", "i", "a", "A",
		// Short tokens that are not only letters (see wordMemo): digits, and
		// bytes that setting bit 0x20 would turn into other punctuation.
		"24", "2026", "x2", "a1", "a@b", "a`b", "a[b", "a{b", "a_b", "a^b", "a~b", "a\x07b", "a'b", "abcdefgh", "Abcdefgh", "abcdefghi",
		// Bytes next to a–z in the ASCII table, in and after runs of a–z
		// longer than eight bytes (see asciiscan.LowerRun).
		"abcdefgh{ijk", "abcdefghij}", "abcdefghi~", "abcdefgh|x", "abcdefghi`", "abcdefgh@x", "abcdefghi\x7f"}
	rng := rand.New(rand.NewSource(1))
	// Random words too, far more than the memos hold, so that their
	// entries are replaced: short and long, some capitalised.
	for range 8000 {
		w := make([]byte, 1+rng.Intn(14))
		for k := range w {
			w[k] = "abcdefghijklmnopqrstuvwxyzAEIOUY"[rng.Intn(32)]
		}
		words = append(words, string(w))
	}
	var m Measurer // reused from text to text, as a parse worker does
	for n := range 1000 {
		var b strings.Builder
		for range 10 + rng.Intn(300) {
			b.WriteString(words[rng.Intn(len(words))])
			b.WriteString([]string{" ", " ", " ", ". ", "\n", "\n\n"}[rng.Intn(6)])
		}
		text := b.String()
		got := Measure(text)
		if reused := m.Measure(text); !cmp.Equal(reused, got) {
			t.Fatalf("case %d: a reused Measurer differs from Measure (-Measure +Measurer):\n%s", n, cmp.Diff(got, reused))
		}
		var want Stats
		for _, s := range SplitSentences(text) {
			w, syl := countSimply(s)
			if w > 0 {
				want.Sentences++
				want.Words += w
				want.Syllables += syl
			}
		}
		if got.Words != want.Words || got.Sentences != want.Sentences || got.Syllables != want.Syllables {
			t.Fatalf("case %d: Measure counts %d words, %d sentences, %d syllables; one token at a time: %d, %d, %d\n%q",
				n, got.Words, got.Sentences, got.Syllables, want.Words, want.Sentences, want.Syllables, text)
		}
		for _, h := range got.Hardest {
			if w, syl := countSimply(h.Text); h.Words != w || h.Syllables != syl {
				t.Fatalf("case %d: hardest %q has %d words, %d syllables; one token at a time: %d, %d", n, h.Text, h.Words, h.Syllables, w, syl)
			}
		}
	}
}

// countSimply counts the words and syllables of a sentence token by token,
// without the memo.
func countSimply(sentence string) (words, syllables int) {
	for _, tok := range strings.FieldsFunc(sentence, isTokenSep) {
		c := countToken(tok)
		words += c.words
		syllables += c.syllables
	}
	return words, syllables
}
