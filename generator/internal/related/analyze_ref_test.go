package related

// This file keeps Analyze as it was before it was made faster (commit
// 67526cb), renamed, as the reference the fast one must match exactly:
// stem hashes, counts and their order decide term ids, and so the related
// lists. TestAnalyzeMatchesReference compares the two.

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// Occurrences weight the parts of a document: a word in the title counts as
// three occurrences, one in the description as two.
const (
	refTitleWeight       = 3
	refDescriptionWeight = 2
	refBodyWeight        = 1
)

// refMaxToken is the longest word kept, in bytes; longer runs of letters and
// digits (URLs without separators, base64, hashes) are not words.
const refMaxToken = 40

// refAnalyze is Analyze as it was. Analyze turns the title, description and plain-text body of a document
// into Terms: words are runs of letters and digits, lower-cased; apostrophes
// inside words are dropped ("don't" → "dont"); English stop words and
// one-character words are removed; plurals are reduced by Harman's "S"
// stemmer ("therapies" → "therapy", "caregivers" → "caregiver",
// "illnesses" → "illness"). Words in the
// title count three times, in the description twice. If the body is
// Markdown, link destinations ("](/articles/x/)") are skipped, so URLs do
// not count as words.
//
// Analyze is pure, allocation-light and safe for concurrent use.
func refAnalyze(title, description, body string) Terms {
	var a refAnalyzer
	a.refTable.init(len(body)/16 + 64)
	a.text(title, refTitleWeight)
	a.text(description, refDescriptionWeight)
	a.text(body, refBodyWeight)
	return Terms{packed: a.refTable.pack()}
}

// refAnalyzer tokenises text into a counting refTable.
type refAnalyzer struct {
	buf      [refMaxToken + utf8.UTFMax]byte
	n        int  // bytes of the current word in buf
	long     bool // the current word is longer than refMaxToken
	refTable refTable
}

func (a *refAnalyzer) text(s string, weight uint32) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				a.add(c)
			case 'A' <= c && c <= 'Z':
				a.add(c + 'a' - 'A')
			case c == '\'':
				// inside a word: dropped; elsewhere: harmless
			case c == ']' && i+1 < len(s) && s[i+1] == '(':
				a.word(weight)
				i += 2
				for i < len(s) && s[i] != ')' && s[i] != '\n' {
					i++
				}
			default:
				a.word(weight)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\u2019' || r == '\u02bc':
			// typographic apostrophe
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if a.n+utf8.RuneLen(r) <= refMaxToken {
				a.n += utf8.EncodeRune(a.buf[a.n:], r)
			} else {
				a.long = true
			}
		case unicode.Is(unicode.Mn, r):
			// a combining mark stays part of its word
			if a.n > 0 && a.n+size <= refMaxToken {
				a.n += copy(a.buf[a.n:], s[i:i+size])
			}
		default:
			a.word(weight)
		}
		i += size
	}
	a.word(weight)
}

func (a *refAnalyzer) add(c byte) {
	if a.n < refMaxToken {
		a.buf[a.n] = c
		a.n++
	} else {
		a.long = true
	}
}

// word ends the current word and counts it.
func (a *refAnalyzer) word(weight uint32) {
	w := a.buf[:a.n]
	long := a.long
	a.n, a.long = 0, false
	if long || len(w) < 2 || refStopWord(w) {
		return
	}
	w = refStem(w)
	a.refTable.add(refHash48(w), weight)
}

// stem is Harman's "S" stemmer (1991) with Porter's "sses" rule: it removes
// English plural endings only, which rarely merges unrelated words the way
// aggressive stemmers do.
func refStem(w []byte) []byte {
	n := len(w)
	if n <= 3 || w[n-1] != 's' {
		return w
	}
	switch {
	case n > 4 && w[n-4] == 's' && w[n-3] == 's' && w[n-2] == 'e': // Porter: "illnesses" → "illness"
		return w[:n-2]
	case w[n-3] == 'i' && w[n-2] == 'e' && w[n-4] != 'e' && w[n-4] != 'a':
		w[n-3] = 'y'
		return w[:n-2]
	case w[n-2] == 'e' && w[n-3] != 'a' && w[n-3] != 'e' && w[n-3] != 'o':
		return w[:n-1]
	case w[n-2] != 'u' && w[n-2] != 's':
		return w[:n-1]
	}
	return w
}

// hash48 is FNV-1a followed by a 64-bit finaliser, cut to 48 bits.
func refHash48(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h >> 16
}

// refTable is an open-addressing hash refTable from a 48-bit hash to a count.
type refTable struct {
	keys   []uint64 // hash+1; 0 is empty
	counts []uint32
	used   int
}

func (t *refTable) init(hint int) {
	size := 64
	for size < 2*hint {
		size <<= 1
	}
	t.keys = make([]uint64, size)
	t.counts = make([]uint32, size)
}

func (t *refTable) add(h uint64, weight uint32) {
	if 2*(t.used+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	k := h + 1
	for i := h & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			t.counts[i] += weight
			return
		case 0:
			t.keys[i] = k
			t.counts[i] = weight
			t.used++
			return
		}
	}
}

func (t *refTable) grow() {
	keys, counts := t.keys, t.counts
	t.keys = make([]uint64, 2*len(keys))
	t.counts = make([]uint32, 2*len(keys))
	t.used = 0
	for i, k := range keys {
		if k != 0 {
			t.add(k-1, counts[i])
		}
	}
}

func (t *refTable) pack() []uint64 {
	out := make([]uint64, 0, t.used)
	for i, k := range t.keys {
		if k != 0 {
			out = append(out, (k-1)<<16|uint64(min(t.counts[i], 0xffff)))
		}
	}
	slices.Sort(out)
	return out
}

// stopWord reports whether w is an English stop word: a function word that
// says nothing about a document's topic. Contractions appear without their
// apostrophe, as Analyze sees them.
func refStopWord(w []byte) bool {
	switch string(w) {
	case "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren", "arent", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
		"can", "cannot", "cant", "could", "couldnt",
		"did", "didnt", "do", "does", "doesnt", "doing", "dont", "down", "during",
		"each", "etc", "even", "ever", "every",
		"few", "for", "from", "further",
		"get", "gets", "got", "had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "hed", "hell", "her", "here", "heres", "hers", "herself", "hes", "him", "himself", "his", "how", "hows", "however",
		"id", "if", "ill", "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive",
		"just", "lets", "like",
		"may", "me", "might", "more", "most", "much", "must", "mustnt", "my", "myself",
		"no", "nor", "not", "now",
		"of", "off", "often", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
		"same", "shall", "shant", "she", "shed", "shell", "shes", "should", "shouldnt", "so", "some", "such",
		"than", "that", "thats", "the", "their", "theirs", "them", "themselves", "then", "there", "theres", "these", "they", "theyd", "theyll", "theyre", "theyve", "this", "those", "through", "to", "too",
		"under", "until", "up", "upon", "us",
		"very", "via",
		"was", "wasnt", "we", "wed", "well", "were", "werent", "weve", "what", "whats", "when", "whens", "where", "wheres", "whether", "which", "while", "who", "whom", "whos", "why", "whys", "will", "with", "within", "without", "wont", "would", "wouldnt",
		"yet", "you", "youd", "youll", "your", "youre", "yours", "yourself", "yourselves", "youve":
		return true
	}
	return false
}

// TestAnalyzeMatchesReference compares Analyze with refAnalyze on random
// texts made of the pieces Analyze treats differently: stop words (some
// longer than eight bytes), plurals of each stemming rule, capitals,
// apostrophes, digits, non-ASCII letters and marks, words at and past
// maxToken, link destinations and invalid UTF-8.
func TestAnalyzeMatchesReference(t *testing.T) {
	pieces := []string{
		"the", "The", "THE", "a", "an", "and", "yourselves", "Themselves", "ourselves", "yourself", "shouldnt", "shouldn't",
		"don't", "Don’t", "it's", "child's", "'quoted'", "therapies", "Therapies", "caregivers", "illnesses", "glasses",
		"stress", "cactus", "shoes", "flies", "ties", "days", "bus", "focus", "x", "X", "ok", "OK", "HIV", "COVID-19", "3",
		"24", "24/7", "2026", "3.5", "café", "Café", "naïve", "Straße", "ÉCOLE", "Жизнь", "中文", "e\u0301", "n\u0303o",
		"ǅemal", "İstanbul", "\u2019", "\u02bc", "—", "–", "…", "well-being", "e-mail", "peer", "support", "Support",
		strings.Repeat("a", 39), strings.Repeat("b", 40), strings.Repeat("c", 41), strings.Repeat("D", 45),
		strings.Repeat("é", 20), strings.Repeat("z", 38) + "é", strings.Repeat("z", 39) + "\u0301",
		"[flu](/articles/x/)", "](", "](unterminated", "]", "(", ")", "\n", "\n\n", ".", ",", ";", ":", "!", "?",
		"\xff", "\xc3", "\xe2\x80", "\t", "#", "*", "_", "`", "'", "''", "a'b", "'s",
		// Bytes next to a–z in the ASCII table, inside words of more than
		// eight bytes (see asciiscan.LowerRun).
		"abcdefg{hij", "abc|defghij", "lowercase~tilde", "{curly}", "abcdefgh`ijk", "abcdefgh@ijk", "abcdefgh[ijk",
		"abcdefghi\x7fj",
	}
	rng := rand.New(rand.NewPCG(7, 11))
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			switch rng.IntN(4) {
			case 0:
			case 1:
				b.WriteString("  ")
			default:
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	// Random words too, far more than an Analyzer's word cache holds, so
	// that its entries are replaced.
	for range 6000 {
		w := make([]byte, 2+rng.IntN(8))
		for k := range w {
			w[k] = "abcdefghijklmnopqrstuvwxyzAEIOUS"[rng.IntN(32)]
		}
		pieces = append(pieces, string(w))
	}
	var z Analyzer // reused, as a parse worker does: long and short texts in turn
	for i := range 3000 {
		n := rng.IntN(400)
		if i%100 == 0 {
			n = 20_000 // grows the Analyzer's table, which the next texts shrink
		}
		title, desc, body := text(rng.IntN(6)), text(rng.IntN(12)), text(n)
		want := refAnalyze(title, desc, body)
		for name, got := range map[string]Terms{"Analyze": Analyze(title, desc, body), "Analyzer.Analyze": z.Analyze(title, desc, body)} {
			if diff := cmp.Diff(want.packed, got.packed); diff != "" {
				t.Fatalf("text %d: %s(%q, %q, %q) differs from the reference (-want +got):\n%s", i, name, title, desc, body, diff)
			}
		}
	}
}

// TestStopWord compares stopWord with the switch it replaced on every stop
// word and on words one letter away from one.
func TestStopWord(t *testing.T) {
	for _, w := range stopWords {
		for _, v := range []string{w, w[1:], w[:len(w)-1], w + "s", "x" + w, strings.ToUpper(w[:1]) + w[1:]} {
			if v == "" {
				continue
			}
			if got, want := stopWord([]byte(v)), refStopWord([]byte(v)); got != want {
				t.Errorf("stopWord(%q) = %v, want %v", v, got, want)
			}
		}
	}
}
