// Package readability measures a page's prose: words, reading time and the
// Flesch–Kincaid grade level, and names the hardest sentences when the grade
// is above the site's target (config readability.maxGrade, default 8).
// Spanish prose is measured by the Szigriszt-Pazos perspicuity instead
// (MeasureLang; see the section Spanish below).
//
// The contract: Measure takes prose only — the caller has already removed
// front matter, headings, code, lists of links and markup — as paragraphs
// separated by blank lines. It never panics and never returns NaN or ±Inf,
// whatever the input (empty, one endless sentence, only numbers, Spanish,
// Chinese, invalid UTF-8). When there is not enough English prose to grade,
// Stats.Measured is false and Stats.Reason says why, in words an editor can
// act on; words and reading time are still counted.
//
// # The formula
//
// Flesch–Kincaid grade level (Kincaid et al., 1975, for the US Navy):
//
//	grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//
// rounded to one decimal. It is a US school grade: 8 means an eighth grader
// can follow the text. It has no upper bound (a 300-word run-on sentence
// scores above 100) and its floor is −3.4 (every sentence one word of one
// syllable); the raw value is reported, so a result can be checked against
// any published figure. A worked example, from the formula's Wikipedia
// article: "The Australian platypus is seemingly a hybrid of a mammal and
// reptilian creature." has 13 words, 24 syllables and 1 sentence, so
// 0.39 × 13 + 11.8 × 24/13 − 15.59 = 5.07 + 21.78 − 15.59 = 11.3.
//
// # Counting
//
// Sentences: see SplitSentences (abbreviations, decimals, ellipses, quotes;
// a paragraph break or the end of a list item always ends a sentence).
//
// Words: a sentence is cut at spaces, dashes (— –), slashes and ellipses;
// every piece with a letter or a digit is one word ("well-being", "3.5" and
// "COVID-19" are one word each). Chinese and Japanese are written without
// spaces, so each Han, Hiragana or Katakana character counts as one word,
// which gives a fair reading time for them.
//
// Syllables: see Syllables.
//
// Reading time: words ÷ 200 words a minute (a comfortable pace for health
// information read on screen), rounded to the nearest minute, at least 1
// when there is any word.
//
// # When a page is not measured
//
// In this order: no words at all ("no prose"); more non-Latin letters than
// Latin ones ("mostly non-Latin script, not English"); more than half the
// words are numbers ("mostly numbers, not prose"); fewer than 30 words;
// fewer than 2 sentences; fewer than 1 word in 10 is a common English
// function word such as "the", "of", "you" (Spanish or French text, or a
// list of names or services that is not prose). The grade of such text
// would be noise, so Grade is 0 and Hardest is empty.
//
// # Hardest sentences
//
// Each sentence gets the same formula on its own (one sentence, its words,
// its syllables) as its hardness Score: long sentences and long words both
// raise it. Hardest holds the three highest, hardest first (earlier first on
// a tie), so the editor knows where to start.
//
// # Spanish
//
// MeasureLang("es", prose) measures Spanish prose as Measure does English,
// with these differences:
//
//   - Syllables are counted by SyllablesES (the RAE's rules), sentences
//     split as by SplitSentencesES (Spanish abbreviations such as "Dra.",
//     "Ud." and "p. ej." never end a sentence).
//
//   - The score is the Szigriszt-Pazos perspicuity (Szigriszt Pazos,
//     Sistemas predictivos de legibilidad del mensaje escrito: fórmula de
//     perspicuidad, doctoral thesis, Madrid, 1993), Flesch's reading ease
//     refitted to Spanish:
//
//     P = 206.835 − 62.3 × (syllables / words) − (words / sentences)
//
//     rounded to one decimal, in Stats.Score (Stats.Index is
//     IndexPerspicuity). The higher, the easier; it is reported raw, so it
//     may fall below 0 or rise above 100. It is read on the INFLESZ scale
//     (Barrio-Cantalejo et al., "Validación de la Escala INFLESZ para
//     evaluar la legibilidad de los textos dirigidos a pacientes", Anales
//     del Sistema Sanitario de Navarra 31(2), 2008, 135–152), which was
//     validated on patient information: below 40 muy difícil, 40 to 55 algo
//     difícil, 55 to 65 normal, 65 to 80 bastante fácil, 80 and above muy
//     fácil (see Band). The site's target is at least 55, "normal"
//     (config readability.minPerspicuity, DefaultMinPerspicuity).
//
//   - Stats.Huerta is the Fernández-Huerta ease of the same counts
//     (Fernández Huerta, "Medidas sencillas de lecturabilidad", Consigna
//     214, 1959, 29–32), in the corrected form that uses words per
//     sentence:
//
//     L = 206.84 − 60 × (syllables / words) − 1.02 × (words / sentences)
//
//     (The 1959 article writes 0.60 × syllables per 100 words and 1.02 ×
//     sentences per 100 words; the second term, a mistranscription of
//     Flesch's, makes more sentences harder to read. Gwillim Law, "Error
//     in the Fernandez Huerta Readability Formula", 2011, and legible.es
//     give the corrected form used here.) It is informative only; no
//     target reads it.
//
//   - Grade is 0: Flesch–Kincaid is an English measure.
//
//   - Each sentence's Score is its own perspicuity, and Hardest holds the
//     three lowest, hardest first.
//
//   - A page is not measured for the same reasons as an English page,
//     with the Spanish function words ("de", "la", "que", "y", "el", "en"…)
//     standing for the English ones: fewer than 1 word in 10 of them means
//     the text is not Spanish prose.
//
// A worked example, checked by hand in TestSpanishFormula: "El niño come
// pan. La casa es grande y bonita." has 10 words, 2 sentences and 16
// syllables (el 1, ni-ño 2, co-me 2, pan 1; la 1, ca-sa 2, es 1, gran-de 2,
// y 1, bo-ni-ta 3), so P = 206.835 − 62.3 × 16/10 − 10/2 = 206.835 − 99.68
// − 5 = 102.155, 102.2 (muy fácil); L = 206.84 − 60 × 1.6 − 1.02 × 5 =
// 206.84 − 96 − 5.1 = 105.74, 105.7.
package readability

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/asciiscan"
)

// DefaultMaxGrade is the grade target when the configuration sets none:
// grade 8, the usual aim for patient education material.
const DefaultMaxGrade = 8

// WordsPerMinute is the reading speed behind Stats.Minutes.
const WordsPerMinute = 200

// MinWords and MinSentences are the least prose that Measure will grade.
const (
	MinWords     = 30
	MinSentences = 2
)

// Sentence is one sentence of a page with its counts.
type Sentence struct {
	// Text is the sentence with its whitespace collapsed.
	Text string
	// Words and Syllables are counted as for the whole page.
	Words, Syllables int
	// Score is the sentence's own Flesch–Kincaid grade, rounded to one
	// decimal: the higher, the harder. For Spanish (MeasureLang "es") it
	// is the sentence's own Szigriszt-Pazos perspicuity: the lower, the
	// harder.
	Score float64
}

// Stats is the measure of one page's prose.
type Stats struct {
	// Words, Sentences and Syllables are the totals the grade is made of.
	Words, Sentences, Syllables int
	// Grade is the Flesch–Kincaid grade level rounded to one decimal; 0
	// when not Measured, and for Spanish, whose measure is Score.
	Grade float64
	// Index names the measure in Score: "" for English (the measure is
	// Grade), IndexPerspicuity for Spanish. It is set only when Measured.
	Index string
	// Score is the Szigriszt-Pazos perspicuity (read on the INFLESZ
	// scale, see Band) of Spanish prose, rounded to one decimal: the
	// higher, the easier. Huerta is the Fernández-Huerta ease of the same
	// counts. Both are 0 for English and when not Measured.
	Score, Huerta float64
	// Measured is false when there is not enough prose of the language
	// (English, or Spanish for MeasureLang "es") to grade.
	Measured bool
	// Reason says why the page was not measured, e.g. "fewer than 30
	// words of prose"; empty when Measured.
	Reason string
	// Minutes is the reading time: Words at WordsPerMinute, rounded, at
	// least 1 when Words > 0.
	Minutes int
	// Hardest holds up to three sentences, hardest first (highest grade;
	// for Spanish, lowest perspicuity); empty when not Measured.
	Hardest []Sentence
}

// Measure counts and grades prose (paragraphs separated by blank lines).
// It is safe for concurrent use. A goroutine that measures many pages
// should use a Measurer, which remembers the words it has counted.
func Measure(prose string) Stats {
	var m Measurer
	return m.Measure(prose)
}

// A Measurer is Measure with a memo of the words it has counted (see
// tokenMemo) that it keeps from one call to the next, for a goroutine that
// measures many pages, such as a parse worker: the pages of a site share
// most of their words, so it counts few of them again. Its Measure returns
// exactly what the function Measure returns. The zero value is ready to
// use. A Measurer is not safe for concurrent use.
type Measurer struct {
	words wordMemo // short words of letters, most tokens
	memo  tokenMemo
	// es holds the memos of the Spanish measure (see MeasureLang), made
	// on first use: a Measurer that only measures English stays small.
	es *memos
}

// memos are the two memos of one language.
type memos struct {
	words wordMemo
	memo  tokenMemo
}

// Measure is the function Measure, using m's memo.
func (m *Measurer) Measure(prose string) Stats {
	return m.measure(prose, &m.words, &m.memo, false)
}

// measure is Measure (spanish false) or the Spanish measure (see
// MeasureLang) with the memos given, which must be those of the language.
func (m *Measurer) measure(prose string, words *wordMemo, memo *tokenMemo, spanish bool) Stats {
	var (
		st        Stats
		page      tally // the page's tokens
		sentBuf   [32]string
		sentences = sentBuf[:0] // one block's, reused
		top       [4]Sentence
		hard      = top[:0] // the hardest so far (see hardest)
	)
	eachBlock(prose, func(block string) {
		sentences = appendSentencesLang(sentences[:0], block, spanish)
		for _, text := range sentences {
			var t tally // the sentence's tokens
			for i := 0; ; {
				from, to, upper, end := nextToken(text, i)
				if end == i {
					break
				}
				i = end
				if to-from <= 8 && upper <= 1 && words.add(&t, text, from, to) {
					continue
				}
				memo.add(&t, text[from:to], upper)
			}
			if t.words == 0 {
				continue // nothing counted (a sentence of punctuation): it is no sentence
			}
			s := Sentence{Text: text, Words: t.words, Syllables: t.syllables}
			if spanish {
				// Lowest perspicuity first: hardest keeps the highest
				// Score, so it is given the negated one.
				s.Score = -perspicuity(t.words, 1, t.syllables)
			} else {
				s.Score = grade(t.words, 1, t.syllables)
			}
			hard = hardest(hard, s, 3)
			st.Sentences++
			page.addTally(t)
		}
	})
	st.Words, st.Syllables = page.words, page.syllables
	latin, nonLatin, numbers, english := page.latin, page.nonLatin, page.numbers, page.english
	if st.Words > 0 {
		st.Minutes = max(1, (st.Words+WordsPerMinute/2)/WordsPerMinute)
	}

	language := "English"
	if spanish {
		language = "Spanish"
	}
	switch {
	case st.Words == 0:
		st.Reason = "no prose"
	case nonLatin > latin:
		st.Reason = "mostly non-Latin script, not " + language
	case numbers*2 > st.Words:
		st.Reason = "mostly numbers, not prose"
	case st.Words < MinWords:
		st.Reason = "fewer than 30 words of prose"
	case st.Sentences < MinSentences:
		st.Reason = "fewer than 2 sentences"
	case english*10 < st.Words:
		st.Reason = "too few common " + language + " words: not " + language + ", or a list rather than prose"
	default:
		st.Measured = true
		if spanish {
			st.Index = IndexPerspicuity
			st.Score = perspicuity(st.Words, st.Sentences, st.Syllables)
			st.Huerta = fernandezHuerta(st.Words, st.Sentences, st.Syllables)
			for i := range hard {
				hard[i].Score = -hard[i].Score
			}
		} else {
			st.Grade = grade(st.Words, st.Sentences, st.Syllables)
		}
		// A sentence may be a substring of the prose: copy them (in one
		// piece), so the Stats a caller keeps do not keep the prose alive.
		n := 0
		for _, s := range hard {
			n += len(s.Text)
		}
		var b strings.Builder
		b.Grow(n)
		for _, s := range hard {
			b.WriteString(s.Text)
		}
		texts := b.String()
		st.Hardest = make([]Sentence, len(hard))
		for i, s := range hard {
			s.Text, texts = texts[:len(s.Text)], texts[len(s.Text):]
			st.Hardest[i] = s
		}
	}
	return st
}

// tally is what tokens add up to (see countToken).
type tally struct {
	words, syllables, latin, nonLatin int
	numbers, english                  int // tokens that are numbers, function words
}

func (t *tally) addTally(u tally) {
	t.words += u.words
	t.syllables += u.syllables
	t.latin += u.latin
	t.nonLatin += u.nonLatin
	t.numbers += u.numbers
	t.english += u.english
}

func (t *tally) addCount(c tokenCount) {
	t.addTally(tally{words: c.words, syllables: c.syllables, latin: c.latin, nonLatin: c.nonLatin,
		numbers: b2i(c.number), english: b2i(c.english)})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tokenMemo remembers the counts of the tokens Measure saw last: words
// repeat (a page of 1,200 words has a few hundred distinct tokens, and the
// pages of a site share most of theirs), and countToken is a pure function
// of its token. It is a small hash table that keeps a copy of each key, so
// that it holds on to no page's text; when it is full, a token replaces
// another.
//
// Two tokens share an entry when countToken cannot tell them apart: the
// ASCII punctuation at either end of a token counts for nothing ("fear,"
// is "fear"), and neither does the case of its ASCII letters unless it
// has two capitals or more, which may make an initialism ("Fear" is
// "fear", "HIV" is not "hiv").
type tokenMemo struct {
	slots [1 << memoBits]memoSlot
	// spanish counts tokens for the Spanish measure (countTokenLang).
	spanish bool
}

const memoBits = 9

// memoSlot is one entry of tokenMemo, its counts in bytes: it keeps only
// keys of up to memoMax bytes, whose counts are never larger than that.
type memoSlot struct {
	key                               [memoMax]byte
	n                                 uint8  // bytes in key; 0: free
	caps                              bool   // key has two ASCII capitals or more
	hash                              uint32 // of key, see tokenMemo.add
	uses                              uint8  // hits since added, halved as others are added near it
	words, syllables, latin, nonLatin uint8
	number, english                   bool
}

// memoMax is the longest key the memo keeps; longer tokens are rare
// (addresses, long compounds) and are counted each time.
const memoMax = 24

// add adds the counts of a token to t, given its key (see nextToken) and
// the number of capitals A–Z in it.
func (m *tokenMemo) add(t *tally, key string, upper int) {
	if key == "" {
		return // punctuation only: nothing to count
	}
	if len(key) > memoMax {
		t.addCount(countTokenLang(key, m.spanish))
		return
	}
	caps := upper > 1
	// A hash of the key's length and three of its letters in lower case
	// (| 0x20) picks a slot; the key goes in the first free one of the
	// four from there, or else in the one of them used least, so that
	// the site's frequent words stay while rare ones come and go.
	h := uint32(len(key))
	h = h*31 + uint32(key[0]|0x20)
	h = h*31 + uint32(key[len(key)/2]|0x20)
	h = h*31 + uint32(key[len(key)-1]|0x20)
	h *= 0x9E3779B1 // Fibonacci hashing: the top bits are well mixed
	const n = uint32(len(m.slots))
	at := h >> (32 - memoBits)
	var e *memoSlot
	for k := range uint32(4) {
		s := &m.slots[(at+k)%n]
		if s.n == 0 {
			e = s
			break
		}
		if s.hash == h && s.caps == caps && int(s.n) == len(key) {
			if sk := s.key[:s.n]; string(sk) == key || !caps && equalFoldASCII(sk, key) {
				s.uses = min(s.uses+1, 1<<8-1)
				t.words += int(s.words)
				t.syllables += int(s.syllables)
				t.latin += int(s.latin)
				t.nonLatin += int(s.nonLatin)
				t.numbers += b2i(s.number)
				t.english += b2i(s.english)
				return
			}
		}
	}
	if e == nil {
		for k := range uint32(4) {
			s := &m.slots[(at+k)%n]
			if e == nil || s.uses < e.uses {
				e = s
			}
			s.uses /= 2
		}
	}
	c := countTokenLang(key, m.spanish)
	*e = memoSlot{n: uint8(len(key)), hash: h, caps: caps, words: uint8(c.words), syllables: uint8(c.syllables),
		latin: uint8(c.latin), nonLatin: uint8(c.nonLatin), number: c.number, english: c.english}
	copy(e.key[:], key)
	t.addCount(c)
}

// wordMemo is a faster tokenMemo for the commonest tokens: keys of one to
// eight ASCII letters with at most one capital ("the", "Fear"), which
// tokenMemo would file under the same entry whatever their case. Such a key
// is read as one little-endian word, lower-cased, and looked up with one
// multiplication and an integer comparison or two. Its counts follow from
// the key but for two: a word, its letters all Latin, not a number; only
// its syllables and whether it is a function word are kept.
type wordMemo struct {
	m asciiscan.Memo[wordCount] // keyed by the lower-cased letters, zero-padded
	// spanish counts words for the Spanish measure (countTokenLang).
	spanish bool
}

// wordCount is what wordMemo keeps of a word's counts.
type wordCount struct {
	syllables uint8
	english   bool
}

// Eight bytes at a time (see asciiscan.ZeroBytes): letterLo and letterHi added to
// bytes below 0x80 set the top bit of those at least 'a' and of those
// above 'z'.
const letterLo, letterHi = (0x80 - 'a') * asciiscan.Ones, (0x80 - 'z' - 1) * asciiscan.Ones

// add adds the counts of the token s[from:to] to t and reports true when
// the token is one wordMemo keeps: one to eight letters A–Z or a–z, at
// most one capital (the caller checks the length and the capitals).
func (m *wordMemo) add(t *tally, s string, from, to int) bool {
	n := to - from
	if n <= 0 {
		return false
	}
	var x uint64
	if from+8 <= len(s) {
		x = asciiscan.Load8(s, from)
	} else {
		for k := n - 1; k >= 0; k-- {
			x = x<<8 | uint64(s[from+k])
		}
	}
	mask := ^uint64(0) >> (64 - 8*n)     // the n bytes
	top := asciiscan.Highs & mask        // their top bits
	x = (x | 0x20*asciiscan.Ones) & mask // bit 0x20 set: lower case
	// Every byte ASCII, at least 'a' and not above 'z'; no other byte is
	// a letter once bit 0x20 is set.
	if x&top != 0 || (x+letterLo)&top != top || (x+letterHi)&top != 0 {
		return false
	}
	if w, ok := m.m.Get(x); ok {
		t.words++
		t.latin += n
		t.syllables += int(w.syllables)
		t.english += b2i(w.english)
		return true
	}
	c := countTokenLang(s[from:to], m.spanish)
	if c.words != 1 || c.latin != n || c.nonLatin != 0 || c.number || c.syllables > 1<<8-1 {
		return false // cannot be, but then the general memo counts it
	}
	m.m.Put(x, wordCount{syllables: uint8(c.syllables), english: c.english})
	t.addCount(c)
	return true
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && !isASCIILetter(c) && !('0' <= c && c <= '9')
}

// equalFoldASCII reports whether a and b are the same but for the case of
// their ASCII letters.
func equalFoldASCII(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x|0x20 != y|0x20 || !isASCIILetter(x) || !isASCIILetter(y) {
			return false
		}
	}
	return true
}

// grade is the Flesch–Kincaid formula rounded to one decimal; 0 when
// either count is 0, so it can never divide by zero.
func grade(words, sentences, syllables int) float64 {
	if words <= 0 || sentences <= 0 {
		return 0
	}
	g := 0.39*float64(words)/float64(sentences) + 11.8*float64(syllables)/float64(words) - 15.59
	return math.Round(g*10) / 10
}

// hardest adds s to out, the n sentences with the highest Score so far,
// highest first, earlier first on a tie.
func hardest(out []Sentence, s Sentence, n int) []Sentence {
	// After every sentence with a Score at least as high: a stable sort.
	at, _ := slices.BinarySearchFunc(out, s, func(a, b Sentence) int {
		if a.Score >= b.Score {
			return -1
		}
		return 1
	})
	if at < n {
		out = slices.Insert(out, at, s)[:min(n, len(out)+1)]
	}
	return out
}

// nextToken finds the next word candidate in s from i on and returns the
// index after it, or i when there is none. Tokens are cut at white space,
// dashes, slashes and ellipses (see isTokenSep). Its key, s[from:to], is
// the token without the ASCII characters at either end that are neither
// letters nor digits, which count for nothing (empty when that is all of
// it), and upper the number of capitals A–Z in it.
func nextToken(s string, i int) (from, to, upper, end int) {
	for i < len(s) { // separators
		if c := s[i]; c < utf8.RuneSelf {
			if !isASCIITokenSep(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isTokenSep(r) {
			break
		}
		i += n
	}
	from, to = -1, -1 // the key
	for i < len(s) {
		if s[i]-'a' < 26 { // a run of a–z, the common case
			if from < 0 {
				from = i
			}
			i = asciiscan.LowerRun(s, i+1)
			to = i
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if isASCIITokenSep(c) {
				break
			}
			if !isASCIIPunct(c) {
				if from < 0 {
					from = i
				}
				to = i + 1
				if c-'A' < 26 {
					upper++
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isTokenSep(r) {
			break
		}
		if from < 0 {
			from = i
		}
		to = i + n
		i += n
	}
	if from < 0 {
		return i, i, 0, i
	}
	return from, to, upper, i
}

func isASCIITokenSep(c byte) bool { return c == ' ' || c == '/' || '\t' <= c && c <= '\r' }

// isTokenSep reports what cuts a sentence into word candidates: white
// space, dashes, slashes and ellipses.
func isTokenSep(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIITokenSep(byte(r))
	}
	return unicode.IsSpace(r) || r == '—' || r == '–' || r == '…'
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// tokenCount is what one token adds to the totals.
type tokenCount struct {
	words, syllables int
	latin, nonLatin  int  // letters by script
	number           bool // digits but no letter
	english          bool // a common English function word
}

func countToken(tok string) tokenCount { return countTokenLang(tok, false) }

// countTokenLang is countToken for English or, when spanish is set, for
// Spanish: its syllables by SyllablesES and english set for a common
// Spanish function word (see spanishWord).
func countTokenLang(tok string, spanish bool) tokenCount {
	var c tokenCount
	letters, digits, cjk := 0, 0, 0
	for _, r := range tok {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
				letters++
				c.latin++
			case '0' <= r && r <= '9':
				digits++
			}
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			cjk++
			c.nonLatin++
		case unicode.IsLetter(r):
			letters++
			if unicode.Is(unicode.Latin, r) {
				c.latin++
			} else {
				c.nonLatin++
			}
		case unicode.IsDigit(r):
			digits++
		}
	}
	switch {
	case cjk > 0:
		c.words, c.syllables = cjk, cjk
	case letters+digits > 0:
		c.number = letters == 0
		if spanish {
			c.words, c.syllables = 1, max(1, SyllablesES(tok))
			c.english = letters > 0 && spanishWord(tok)
			break
		}
		c.words, c.syllables = 1, max(1, Syllables(tok))
		c.english = letters > 0 && english(tok)
	}
	return c
}

// english reports whether tok, without what is not a letter at either end
// and lower-cased, is a function word (see functionWord).
func english(tok string) bool {
	w := tok
	for len(w) > 0 && w[0] < utf8.RuneSelf && !isASCIILetter(w[0]) {
		w = w[1:]
	}
	for len(w) > 0 && w[len(w)-1] < utf8.RuneSelf && !isASCIILetter(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	if w != "" && (w[0] >= utf8.RuneSelf || w[len(w)-1] >= utf8.RuneSelf) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	}
	var buf [6]byte // the longest function word, "before"
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= utf8.RuneSelf:
			return functionWord(strings.ToLower(w))
		case i >= len(buf):
			return false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return functionWord(string(buf[:len(w)]))
}

// functionWord reports the commonest English function words: they make up
// a third or more of any English prose and almost none of Spanish or
// French, so their share tells English prose from other text.
func functionWord(w string) bool {
	switch w {
	case "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by",
		"for", "with", "from", "as", "is", "are", "was", "were", "be", "been",
		"it", "its", "it's", "this", "that", "these", "those", "you", "your",
		"we", "our", "they", "their", "he", "she", "his", "her", "i", "my",
		"them", "not", "can", "will", "may", "do", "does", "if", "when", "what",
		"who", "how", "which", "than", "so", "there", "have", "has", "had",
		"about", "more", "all", "some", "also", "after", "before", "into":
		return true
	}
	return false
}
