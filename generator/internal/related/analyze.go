package related

import (
	"encoding/binary"
	"slices"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/asciiscan"
)

// Terms is the analysed text of one document: each distinct word stem with
// how often it occurs. The zero value is an empty text. Terms are produced by
// Analyze and consumed by Build and Query; they carry no reference to the
// text they came from.
//
// A stem is stored as a 48-bit hash rather than interned in a shared
// dictionary, so that Analyze needs no shared state and runs in parallel
// parse workers without locks. Two different stems with the same hash are
// counted as one word; with the few hundred thousand distinct stems of a
// large site the chance of that happening at all is below 1 in 1000, and
// its effect is a slightly wrong similarity.
type Terms struct {
	// packed holds hash<<16 | count, sorted; counts saturate at 65535.
	packed []uint64
}

// Len returns the number of distinct stems.
func (t Terms) Len() int { return len(t.packed) }

// Occurrences weight the parts of a document: a word in the title counts as
// three occurrences, one in the description as two.
const (
	titleWeight       = 3
	descriptionWeight = 2
	bodyWeight        = 1
)

// maxToken is the longest word kept, in bytes; longer runs of letters and
// digits (URLs without separators, base64, hashes) are not words.
const maxToken = 40

// Analyze turns the title, description and plain-text body of a document
// into Terms: words are runs of letters and digits, lower-cased; apostrophes
// inside words are dropped ("don't" → "dont"); English stop words and
// one-character words are removed; plurals are reduced by Harman's "S"
// stemmer ("therapies" → "therapy", "caregivers" → "caregiver",
// "illnesses" → "illness"). Words in the
// title count three times, in the description twice. If the body is
// Markdown, link destinations ("](/articles/x/)") are skipped, so URLs do
// not count as words.
//
// Analyze is pure and safe for concurrent use. A goroutine that analyses
// many documents should use an Analyzer, which allocates only the Terms.
func Analyze(title, description, body string) Terms {
	var z Analyzer
	return z.Analyze(title, description, body)
}

// An Analyzer is Analyze with working memory (a counting table) that it
// keeps from one call to the next, for a goroutine that analyses many
// documents, such as a parse worker: its Analyze returns exactly what the
// function Analyze returns and allocates only the Terms. The zero value is
// ready to use. An Analyzer is not safe for concurrent use.
type Analyzer struct {
	a analyzer
}

// Analyze is the function Analyze, using z's working memory (which
// includes a memo of the words it has seen, see wordTerm).
func (z *Analyzer) Analyze(title, description, body string) Terms {
	a := &z.a
	a.n, a.long = 0, false
	a.table.reset(len(body)/64 + 64)
	a.text(title, titleWeight)
	a.text(description, descriptionWeight)
	a.text(body, bodyWeight)
	return Terms{packed: a.table.pack()}
}

// analyzer tokenises text into a counting table.
type analyzer struct {
	buf   [maxToken + utf8.UTFMax]byte
	n     int  // bytes of the current word in buf
	long  bool // the current word is longer than maxToken
	table table
	words asciiscan.Memo[wordTerm] // see wordTerm
}

// wordTerm is what a word counts for: nothing (a stop word) or the hash
// of its stem, pure functions of the word that an Analyzer keeps for the
// words of up to eight bytes it has seen (analyzer.words), keyed by pack8:
// the documents of a site share most of their words.
type wordTerm struct {
	hash uint64 // hash48 of its stem
	stop bool
}

// lookup returns what w, packed as k, counts for.
func (a *analyzer) lookup(w []byte, k uint64) wordTerm {
	if t, ok := a.words.Get(k); ok {
		return t
	}
	var t wordTerm
	if t.stop = stopWord(w); !t.stop {
		t.hash = hash48(stem(w))
	}
	a.words.Put(k, t)
	return t
}

func (a *analyzer) text(s string, weight uint32) {
	for i := 0; i < len(s); {
		c := s[i]
		if 'a' <= c && c <= 'z' && a.n == 0 {
			// A word of a–z only, the common case, is read in place: its
			// end is found eight bytes at a time and a word seen before is
			// found in the word cache without copying it.
			j := asciiscan.LowerRun(s, i+1)
			if j == len(s) || s[j] < utf8.RuneSelf && !isWordByte(s[j]) && s[j] != '\'' {
				if n := j - i; 2 <= n && n <= 8 {
					if t, ok := a.words.Get(packString(s, i, j)); ok {
						if !t.stop {
							a.table.add(t.hash, weight)
						}
						i = j
						continue
					}
				}
				if j-i <= maxToken {
					a.n = copy(a.buf[:], s[i:j])
				} else {
					a.long = true
				}
				a.word(weight)
				i = j
				continue
			}
		}
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c|0x20 && c|0x20 <= 'z', '0' <= c && c <= '9':
				// A run of ASCII letters and digits, the common case: they
				// are lower-cased by setting bit 0x20, which digits have.
				n, j := a.n, i
				for ; j < len(s); j++ {
					c := s[j]
					if l := c | 0x20; !('a' <= l && l <= 'z' || '0' <= c && c <= '9') {
						break
					} else if n < maxToken {
						a.buf[n] = l
						n++
					} else {
						a.long = true
					}
				}
				a.n, i = n, j
				continue
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
			if a.n+utf8.RuneLen(r) <= maxToken {
				a.n += utf8.EncodeRune(a.buf[a.n:], r)
			} else {
				a.long = true
			}
		case unicode.Is(unicode.Mn, r):
			// a combining mark stays part of its word
			if a.n > 0 && a.n+size <= maxToken {
				a.n += copy(a.buf[a.n:], s[i:i+size])
			}
		default:
			a.word(weight)
		}
		i += size
	}
	a.word(weight)
}

// word ends the current word and counts it.
func (a *analyzer) word(weight uint32) {
	w := a.buf[:a.n]
	long := a.long
	a.n, a.long = 0, false
	if long || len(w) < 2 {
		return
	}
	if len(w) <= 8 {
		if t := a.lookup(w, pack8(w)); !t.stop {
			a.table.add(t.hash, weight)
		}
		return
	}
	if stopWord(w) {
		return
	}
	a.table.add(hash48(stem(w)), weight)
}

// stem is Harman's "S" stemmer (1991) with Porter's "sses" rule: it removes
// English plural endings only, which rarely merges unrelated words the way
// aggressive stemmers do.
func stem(w []byte) []byte {
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
func hash48(w []byte) uint64 {
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

// table is an open-addressing hash table from a 48-bit hash to a count.
type table struct {
	keys   []uint64 // hash+1; 0 is empty
	counts []uint32
	used   int
}

// reset empties t and makes it ready for about hint distinct keys,
// reusing its memory unless it is more than four times too large.
func (t *table) reset(hint int) {
	size := 64
	for size < 2*hint {
		size <<= 1
	}
	if len(t.keys) < size || len(t.keys) > 4*size {
		t.keys = make([]uint64, size)
		t.counts = make([]uint32, size)
	} else {
		clear(t.keys)
	}
	t.used = 0
}

func (t *table) add(h uint64, weight uint32) {
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

func (t *table) grow() {
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

func (t *table) pack() []uint64 {
	out := make([]uint64, 0, t.used)
	for i, k := range t.keys {
		if k != 0 {
			out = append(out, (k-1)<<16|uint64(min(t.counts[i], 0xffff)))
		}
	}
	slices.Sort(out)
	return out
}

// stopWords are the English stop words: function words that say nothing
// about a document's topic. Contractions appear without their apostrophe,
// as Analyze sees them. Read only.
var stopWords = [...]string{
	"about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
	"aren", "arent", "as", "at", "be", "because", "been", "before", "being", "below", "between",
	"both", "but", "by", "can", "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does",
	"doesnt", "doing", "dont", "down", "during", "each", "etc", "even", "ever", "every", "few", "for",
	"from", "further", "get", "gets", "got", "had", "hadnt", "has", "hasnt", "have", "havent",
	"having", "he", "hed", "hell", "her", "here", "heres", "hers", "herself", "hes", "him", "himself",
	"his", "how", "hows", "however", "id", "if", "ill", "im", "in", "into", "is", "isnt", "it", "its",
	"itself", "ive", "just", "lets", "like", "may", "me", "might", "more", "most", "much", "must",
	"mustnt", "my", "myself", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "only",
	"or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shall",
	"shant", "she", "shed", "shell", "shes", "should", "shouldnt", "so", "some", "such", "than",
	"that", "thats", "the", "their", "theirs", "them", "themselves", "then", "there", "theres",
	"these", "they", "theyd", "theyll", "theyre", "theyve", "this", "those", "through", "to", "too",
	"under", "until", "up", "upon", "us", "very", "via", "was", "wasnt", "we", "wed", "well", "were",
	"werent", "weve", "what", "whats", "when", "whens", "where", "wheres", "whether", "which",
	"while", "who", "whom", "whos", "why", "whys", "will", "with", "within", "without", "wont",
	"would", "wouldnt", "yet", "you", "youd", "youll", "your", "youre", "yours", "yourself",
	"yourselves", "youve",
}

// stopSet holds the stop words of up to eight bytes, each packed into a
// uint64 (see pack8), in an open-addressing hash set: one multiplication
// and a probe or two per word, where a switch on strings would compare it
// with several of them. Read only.
var stopSet = func() (set [512]uint64) {
	for _, w := range stopWords {
		if len(w) <= 8 {
			k := pack8([]byte(w))
			i := stopSlot(k)
			for set[i] != 0 {
				i = (i + 1) % len(set)
			}
			set[i] = k
		}
	}
	return set
}()

// stopSlot is where the packed word k is first looked for in stopSet.
func stopSlot(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> (64 - 9)) }

// pack8 returns the bytes of w, of at most eight, as a little-endian word
// padded with zeros. Words without a zero byte, such as the ones Analyze
// makes, pack to different words.
func pack8(w []byte) uint64 {
	if cap(w) >= 8 {
		return binary.LittleEndian.Uint64(w[:8]) & (^uint64(0) >> (64 - 8*len(w)))
	}
	var k uint64
	for i, c := range w {
		k |= uint64(c) << (8 * i)
	}
	return k
}

// packString is pack8(s[i:j]) for a string, j - i at most eight.
func packString(s string, i, j int) uint64 {
	if i+8 <= len(s) {
		return asciiscan.Load8(s, i) & (^uint64(0) >> (64 - 8*(j-i)))
	}
	var k uint64
	for n := j - 1; n >= i; n-- {
		k = k<<8 | uint64(s[n])
	}
	return k
}

// isWordByte reports an ASCII letter or digit.
func isWordByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
}

// stopWord reports whether w, of at least one byte, is one of stopWords.
func stopWord(w []byte) bool {
	if len(w) > 8 {
		switch string(w) {
		case "ourselves", "themselves", "yourselves":
			return true
		}
		return false
	}
	k := pack8(w)
	for i := stopSlot(k); stopSet[i] != 0; i = (i + 1) % len(stopSet) {
		if stopSet[i] == k {
			return true
		}
	}
	return false
}
