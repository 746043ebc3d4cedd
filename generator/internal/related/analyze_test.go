package related

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// counts decodes t into stem → count, naming each hash by the stem in
// names that has it (or by its hex value).
func counts(t Terms, names []string) map[string]int {
	byHash := map[uint64]string{}
	for _, n := range names {
		byHash[hash48([]byte(n))] = n
	}
	out := map[string]int{}
	for _, p := range t.packed {
		name, ok := byHash[p>>16]
		if !ok {
			name = fmt.Sprintf("%#x", p>>16)
		}
		out[name] = int(p & 0xffff)
	}
	return out
}

func keys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name              string
		title, desc, body string
		want              map[string]int
	}{
		{
			name: "words lower-cased, stop words dropped",
			body: "The Flu shot is safe for you and your family.",
			want: map[string]int{"flu": 1, "shot": 1, "safe": 1, "family": 1},
		},
		{
			name: "plurals stemmed",
			body: "therapies therapy caregivers caregiver glasses illnesses stress cactus shoes flies",
			want: map[string]int{"therapy": 2, "caregiver": 2, "glass": 1, "illness": 1, "stress": 1, "cactus": 1, "shoe": 1, "fly": 1},
		},
		{
			name:  "title counts three times, description twice",
			title: "Peer Support", desc: "Support groups", body: "support",
			want: map[string]int{"peer": 3, "support": 6, "group": 2},
		},
		{
			name: "apostrophes join words",
			body: "Don’t skip your child's shots; it's 'quoted'",
			want: map[string]int{"skip": 1, "child": 1, "shot": 1, "quoted": 1},
		},
		{
			name: "one-letter words and punctuation dropped",
			body: "a b c -- x-ray: 3 doses, 24/7",
			want: map[string]int{"ray": 1, "dose": 1, "24": 1},
		},
		{
			name: "Markdown link destinations skipped",
			body: "Read [flu facts](/articles/peer-support-groups/) and [more](https://example.com/vaccines) now",
			want: map[string]int{"read": 1, "flu": 1, "fact": 1},
		},
		{
			name: "unterminated link destination ends at the line",
			body: "see [x](/articles/broken\nvaccines",
			want: map[string]int{"see": 1, "vaccine": 1},
		},
		{
			name: "non-ASCII letters kept and lower-cased",
			body: "Vacunas CONTRA la gripe, niños y Ärzte",
			want: map[string]int{"vacuna": 1, "contra": 1, "la": 1, "gripe": 1, "niño": 1, "ärzte": 1},
		},
		{
			name: "combining marks stay in the word",
			body: "nin\u0303os",
			want: map[string]int{"nin\u0303o": 1},
		},
		{
			name: "overlong runs are not words",
			body: "flu " + strings.Repeat("x", 41) + " " + strings.Repeat("é", 21) + " shot",
			want: map[string]int{"flu": 1, "shot": 1},
		},
		{
			name: "longest word kept",
			body: strings.Repeat("y", 40),
			want: map[string]int{strings.Repeat("y", 40): 1},
		},
		{
			name: "empty",
			want: map[string]int{},
		},
		{
			name: "invalid UTF-8 separates words",
			body: "flu\xffshot",
			want: map[string]int{"flu": 1, "shot": 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := counts(Analyze(tt.title, tt.desc, tt.body), keys(tt.want))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Analyze (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnalyzeManyWords(t *testing.T) {
	// Enough distinct words to grow the counting table several times.
	var b strings.Builder
	want := map[string]int{}
	for i := range 3000 {
		w := fmt.Sprintf("w%d", i)
		fmt.Fprintf(&b, "%s %s ", w, w)
		want[w] = 2
	}
	got := counts(Analyze("", "", b.String()), keys(want))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Analyze (-want +got):\n%s", diff)
	}
}

func TestAnalyzeCountSaturates(t *testing.T) {
	got := counts(Analyze("", "", strings.Repeat("flu ", 70000)), []string{"flu"})
	if got["flu"] != 0xffff {
		t.Errorf("count %d, want 65535", got["flu"])
	}
}

func TestStem(t *testing.T) {
	tests := map[string]string{
		"therapies": "therapy", "flies": "fly", "series": "sery", // Harman's rule, applied consistently
		"glasses": "glass", "illnesses": "illness",
		"shoes": "shoe", "boxes": "boxe", "does": "doe", "agrees": "agree", "toes": "toe",
		"caregivers": "caregiver", "stress": "stress", "virus": "virus",
		"gas": "gas", "its": "its", "is": "is", "s": "s",
	}
	for in, want := range tests {
		if got := string(stem([]byte(in))); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStopWordsAreStems(t *testing.T) {
	// Stop words are checked before stemming; a stop word must not also
	// survive as a stem of a longer word by accident, and the list must be
	// lower-case ASCII as Analyze produces it.
	for _, w := range []string{"the", "and", "you", "youre", "dont", "theyve"} {
		if !stopWord([]byte(w)) {
			t.Errorf("%q is not a stop word", w)
		}
	}
	for _, w := range []string{"flu", "health", "support", "care"} {
		if stopWord([]byte(w)) {
			t.Errorf("%q is a stop word", w)
		}
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	want := Analyze("Flu shots", "When to get one", "Influenza vaccines are updated every year.")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				got := Analyze("Flu shots", "When to get one", "Influenza vaccines are updated every year.")
				if !cmp.Equal(got.packed, want.packed) {
					t.Error("Analyze gave different results concurrently")
					return
				}
			}
		})
	}
	wg.Wait()
}

func FuzzAnalyze(f *testing.F) {
	f.Add("Flu Shots", "Why", "Don't [x](/y) skip ñ\xff")
	f.Fuzz(func(t *testing.T, title, desc, body string) {
		terms := Analyze(title, desc, body)
		for k := 1; k < len(terms.packed); k++ {
			if terms.packed[k-1]>>16 >= terms.packed[k]>>16 {
				t.Fatalf("stems not sorted or not distinct at %d", k)
			}
		}
		for _, p := range terms.packed {
			if p&0xffff == 0 {
				t.Fatal("stem with count 0")
			}
		}
	})
}
