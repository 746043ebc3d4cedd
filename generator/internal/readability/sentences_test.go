package readability

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"only blank lines", " \n\n\t\n", nil},
		{"full-width stops end sentences without a space", "如果您需要帮助。请致电我们！Need help? Call us.", []string{"如果您需要帮助。", "请致电我们！", "Need help?", "Call us."}},
		{"only punctuation", "... !? —", nil},
		{"one sentence without a full stop", "Peer support is free", []string{"Peer support is free"}},
		{"full stop, question, exclamation",
			"Feeling low? Call us! We can help.",
			[]string{"Feeling low?", "Call us!", "We can help."}},
		{"titles",
			"Dr. Lee sees patients on Monday. Mrs. Diaz and Mr. Cole lead the group. Ms. Ito and Prof. Ruiz help.",
			[]string{"Dr. Lee sees patients on Monday.", "Mrs. Diaz and Mr. Cole lead the group.", "Ms. Ito and Prof. Ruiz help."}},
		{"St. as in a name", "St. Mary's Hospital is near. Go there.",
			[]string{"St. Mary's Hospital is near.", "Go there."}},
		{"e.g. and i.e.",
			"Eat first, e.g. Toast or rice. Use one dose, i.e. One tablet. Stop.",
			[]string{"Eat first, e.g. Toast or rice.", "Use one dose, i.e. One tablet.", "Stop."}},
		{"U.S. before a capital",
			"The U.S. Food and Drug Administration approved it. It is safe.",
			[]string{"The U.S. Food and Drug Administration approved it.", "It is safe."}},
		{"a.m. before a lower-case word", "We open at 9 a.m. on weekdays. We close on Sunday.",
			[]string{"We open at 9 a.m. on weekdays.", "We close on Sunday."}},
		{"p.m. ending a sentence", "We are open until 5 p.m. Call before then.",
			[]string{"We are open until 5 p.m.", "Call before then."}},
		{"decimals", "Take 2.5 mg twice a day. A dose of 0.5 mL is enough.",
			[]string{"Take 2.5 mg twice a day.", "A dose of 0.5 mL is enough."}},
		{"web address", "Chat at 988lifeline.org any time. Or call 988.",
			[]string{"Chat at 988lifeline.org any time.", "Or call 988."}},
		{"initial", "J. Smith wrote this page. It was reviewed.",
			[]string{"J. Smith wrote this page.", "It was reviewed."}},
		{"ellipsis before a lower-case word", "Wait... then breathe out slowly.",
			[]string{"Wait... then breathe out slowly."}},
		{"ellipsis before a capital", "I was scared… Then I called. It helped.",
			[]string{"I was scared…", "Then I called.", "It helped."}},
		{"question inside quotes", `"Are you OK?" she asked. "Yes," I said.`,
			[]string{`"Are you OK?" she asked.`, `"Yes," I said.`}},
		{"full stop inside curly quotes", "He said “call 988.” Then he waited.",
			[]string{"He said “call 988.”", "Then he waited."}},
		{"full stop after a bracket", "Bring your card (if you have one). We will check it.",
			[]string{"Bring your card (if you have one).", "We will check it."}},
		{"lower-case after an unknown abbreviation", "It takes approx. three days. Rest.",
			[]string{"It takes approx. three days.", "Rest."}},
		{"soft line break", "This sentence\ncontinues here.\r\nAnd ends.",
			[]string{"This sentence continues here.", "And ends."}},
		{"paragraph break ends a sentence", "No full stop here\n\nNew paragraph",
			[]string{"No full stop here", "New paragraph"}},
		{"list items without full stops",
			"We offer:\n\n- Urgent care\n- Family practice\n* Telemedicine\n+ Vaccinations",
			[]string{"We offer:", "Urgent care", "Family practice", "Telemedicine", "Vaccinations"}},
		{"numbered list with a continuation line",
			"1. Call the clinic\n   to book a visit.\n2) Bring your card",
			[]string{"Call the clinic to book a visit.", "Bring your card"}},
		{"list item right after a paragraph line", "Bring:\n- your card",
			[]string{"Bring:", "your card"}},
		{"table", "| Vaccine | Age |\n|---|:--:|\n| Flu | 6 months |\nAsk us.",
			[]string{"Vaccine Age", "Flu 6 months", "Ask us."}},
		{"no space after a full stop", "Version 1.2.3 is out.No space.",
			[]string{"Version 1.2.3 is out.No space."}},
		{"repeated terminators", "Really?! Yes!!! OK.",
			[]string{"Really?!", "Yes!!!", "OK."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitSentences(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SplitSentences(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestPlain checks the fast test for lines that collapsing leaves as they
// are against its definition, on random lines of 0 to 24 bytes (so every
// case falls on either side of an eight-byte boundary).
func TestPlain(t *testing.T) {
	def := func(s string) bool { // ASCII without control characters, collapsed already
		for i := 0; i < len(s); i++ {
			if s[i] < ' ' || s[i] >= utf8.RuneSelf {
				return false
			}
		}
		return s != "" && strings.Join(strings.Fields(s), " ") == s
	}
	// Two spaces, a control character or a non-ASCII byte at every place
	// of a line of letters.
	for n := 2; n <= 24; n++ {
		for i := 0; i+1 < n; i++ {
			for _, bad := range []string{"  ", "\t", "\x1f", "\xc3\xa9"} {
				s := strings.Repeat("a", i) + bad + strings.Repeat("a", max(0, n-i-len(bad)))
				if plain(s, false) {
					t.Errorf("plain(%q) = true", s)
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "Z", " ", " ", "!", "~", "\x7f", "\t", "\x00", "é"}
	for range 200_000 {
		var b strings.Builder
		for n := rng.Intn(25); b.Len() < n; {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		got, want := plain(s, false), def(s)
		// plain may send a line with " !" the long way: never the reverse.
		if got != want && !(want && strings.Contains(s, " !")) {
			t.Fatalf("plain(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestSkipPlain checks that skipPlain stops at the first . ! ? or
// non-ASCII byte, wherever it falls in or after its eight-byte words.
func TestSkipPlain(t *testing.T) {
	for n := 0; n <= 24; n++ {
		for at := 0; at <= n; at++ {
			for _, stop := range []string{".", "!", "?", "\xe2\x80\xa6", "\xff"} {
				s := strings.Repeat("a b,", 6)[:at] + stop + strings.Repeat("x", n-at)
				for from := 0; from <= at; from++ {
					if got := skipPlain(s, from); got != at {
						t.Fatalf("skipPlain(%q, %d) = %d, want %d", s, from, got, at)
					}
				}
			}
		}
		if s := strings.Repeat("y", n); skipPlain(s, 0) != n {
			t.Fatalf("skipPlain(%q, 0) = %d, want %d", s, skipPlain(s, 0), n)
		}
	}
}
