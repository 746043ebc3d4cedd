package search

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// MaxWords caps how many words of a page's body are indexed; the title,
// description and headings are always indexed whole. A 5 MB page therefore
// costs the index no more than a long article (about 20 minutes of
// reading): its first MaxWords words are searchable, the rest are not.
const MaxWords = 5000

// maxToken is the longest word kept, in bytes: longer runs of letters and
// digits (URLs, hashes) are not words anyone types.
const maxToken = 40

// Field weights: one occurrence in the title counts as titleWeight in the
// body, and so on. The browser's BM25 sees the weighted count (a BM25F
// with one shared length normalisation).
const (
	titleWeight       = 6
	headingWeight     = 3
	descriptionWeight = 2
	bodyWeight        = 1
)

// Text is what is indexed of one page.
type Text struct {
	Title, Description string
	Headings           []string
	Body               string
}

// Doc is one page's analysed text: its stems with their weighted
// occurrences, the surface words that led to each stem, and the length
// used by BM25. It holds no reference to the text it came from.
//
// A large site holds every page's Doc until its index is built, so a Doc
// is kept small: slices sized to the page rather than maps, and a word
// spelled like its stem ("flu") is only a count beside the stem.
type Doc struct {
	// terms are the page's stems, first seen first.
	terms []docTerm
	// words are the surface words (lower-cased, apostrophes removed)
	// that are not spelled like their stem ("shots" for "shot").
	words []docWord
	// stops are the stop words seen (not indexed; listed so the browser
	// can drop them from a query).
	stops []string
	// Len is the number of indexed words, weighted like the terms.
	Len int
	// Capped is set when the body had more than MaxWords words.
	Capped bool
}

// docTerm is one stem of a page: its weighted count, and how often the
// page used the stem itself as a word.
type docTerm struct {
	stem         string
	weight, self int32
}

// docWord is a surface word of a page: its stem (an index in terms) and
// how often it was seen.
type docWord struct {
	tok         string
	term, count int32
}

// Word is a surface form of a stem.
type Word struct {
	Stem  string
	Count int
}

// Terms maps each stem of the page to its weighted count.
func (d *Doc) Terms() map[string]int {
	m := make(map[string]int, len(d.terms))
	for _, t := range d.terms {
		m[t.stem] = int(t.weight)
	}
	return m
}

// Words maps each surface word of the page to its stem and how often it
// was seen.
func (d *Doc) Words() map[string]Word {
	m := make(map[string]Word, len(d.terms)+len(d.words))
	for _, t := range d.terms {
		if t.self > 0 {
			m[t.stem] = Word{Stem: t.stem, Count: int(t.self)}
		}
	}
	for _, w := range d.words {
		m[w.tok] = Word{Stem: d.terms[w.term].stem, Count: int(w.count)}
	}
	return m
}

// Stops is the set of stop words the page used.
func (d *Doc) Stops() map[string]bool {
	m := make(map[string]bool, len(d.stops))
	for _, s := range d.stops {
		m[s] = true
	}
	return m
}

// Analyze tokenizes, drops stop words and stems t's parts. Words are runs
// of letters and digits, lower-cased; an apostrophe inside a word is
// dropped, and a final "'s" with it ("kid's" → "kid"). English stop words
// are dropped and the remaining words reduced by the Snowball (Porter2)
// English stemmer ("vaccinations" → "vaccin"). Only the first MaxWords
// words of the body are indexed.
//
// Analyze is pure and safe for concurrent use. A goroutine that analyses
// many pages should use an Analyzer, which remembers the stems it made.
func Analyze(t Text) *Doc {
	var z Analyzer
	return z.Analyze(t)
}

// An Analyzer is Analyze with working memory: a memo of the words it has
// seen with their stems (stemming is most of the work, and a site uses the
// same words on every page), a token buffer, and the counts of the page
// being analysed, kept per memoised word, so that a word costs one memo
// lookup and the Doc's maps are filled once per distinct word of the
// page rather than at every occurrence. The zero value is ready to use;
// it is not safe for concurrent use.
type Analyzer struct {
	lang  *language        // nil: English
	memo  map[string]int32 // token → index in words
	words []word
	// touched lists the words of the page being analysed, first
	// occurrence first; words[i].count and .weight are theirs.
	touched []int32
	buf     []byte
	// The Doc being made: its terms, words and stop words, and each
	// stem's index in pageTerms.
	pageTerms []docTerm
	pageWords []docWord
	pageStops []string
	termAt    map[string]int32
}

// word is one memoised token: the token, its stem, whether it is a stop
// word, and its occurrences and weighted count in the current page.
type word struct {
	tok, stem     string
	stop          bool
	count, weight int
}

// NewAnalyzer returns an Analyzer for the language of a BCP 47 code: its
// stemmer and stop words (Spanish for es, English for any other code).
func NewAnalyzer(code string) *Analyzer {
	return &Analyzer{lang: languageOf(code)}
}

// AnalyzeLang is Analyze in the language of a BCP 47 code.
func AnalyzeLang(code string, t Text) *Doc {
	return NewAnalyzer(code).Analyze(t)
}

// maxMemo bounds an Analyzer's memo: past it, the memo starts again.
const maxMemo = 1 << 16

// Analyze is the function Analyze, using z's working memory.
func (z *Analyzer) Analyze(t Text) *Doc {
	if z.memo == nil || len(z.memo) > maxMemo {
		z.memo = map[string]int32{}
		z.words = z.words[:0]
	}
	z.touched = z.touched[:0]
	z.add(t.Title, titleWeight, -1)
	z.add(t.Description, descriptionWeight, -1)
	for _, h := range t.Headings {
		z.add(h, headingWeight, -1)
	}
	capped := z.add(t.Body, bodyWeight, MaxWords)
	d := &Doc{Capped: capped}
	if z.termAt == nil {
		z.termAt = map[string]int32{}
	}
	z.pageTerms, z.pageWords, z.pageStops = z.pageTerms[:0], z.pageWords[:0], z.pageStops[:0]
	clear(z.termAt)
	for _, i := range z.touched {
		w := &z.words[i]
		if w.stop {
			z.pageStops = append(z.pageStops, w.tok)
		} else {
			at, ok := z.termAt[w.stem]
			if !ok {
				at = int32(len(z.pageTerms))
				z.termAt[w.stem] = at
				z.pageTerms = append(z.pageTerms, docTerm{stem: w.stem})
			}
			z.pageTerms[at].weight += int32(w.weight)
			if w.tok == w.stem {
				z.pageTerms[at].self = int32(w.count)
			} else {
				z.pageWords = append(z.pageWords, docWord{tok: w.tok, term: at, count: int32(w.count)})
			}
			d.Len += w.weight
		}
		w.count, w.weight = 0, 0
	}
	d.terms, d.words, d.stops = slices.Clone(z.pageTerms), slices.Clone(z.pageWords), slices.Clone(z.pageStops)
	return d
}

// lookup returns the index in z.words of the memoised word for tok (a
// lookup by a []byte key allocates nothing; only a new word does).
func (z *Analyzer) lookup(tok []byte) int32 {
	if i, ok := z.memo[string(tok)]; ok {
		return i
	}
	s := string(tok)
	l := z.lang
	if l == nil {
		l = langEnglish
	}
	w := word{tok: s, stop: l.stop(s)}
	if !w.stop {
		w.stem = l.stem(s)
	}
	i := int32(len(z.words))
	z.words = append(z.words, w)
	z.memo[s] = i
	return i
}

// add counts the words of s with weight w, at most limit words (-1: all);
// it reports whether words were left out.
func (z *Analyzer) add(s string, w, limit int) bool {
	n := 0
	capped := false
	z.buf = tokens(s, z.buf, func(tok []byte) bool {
		if limit >= 0 && n >= limit {
			capped = true
			return false
		}
		n++
		i := z.lookup(tok)
		m := &z.words[i]
		if m.count == 0 {
			z.touched = append(z.touched, i)
		}
		m.count++
		m.weight += w
		return true
	})
	return capped
}

// Stem is the Snowball English stem of a lower-case token. Tokens that are
// not plain ASCII letters (numbers, other scripts) are kept as they are.
func Stem(tok string) string {
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c < 'a' || c > 'z' {
			return tok
		}
	}
	if len(tok) < 3 {
		return tok
	}
	return english.Stem(tok, true)
}

// Tokens calls f with each word of s in order, lower-cased, until f
// returns false. The browser's script splits a query by the same rules
// (assets/js/search.js, tokens).
func Tokens(s string, f func(string) bool) {
	tokens(s, nil, func(tok []byte) bool { return f(string(tok)) })
}

// tokens is Tokens handing f each word in buf's storage (valid until f
// returns); it returns buf for reuse.
func tokens(s string, buf []byte, f func([]byte) bool) []byte {
	b := buf[:0]
	flush := func() bool {
		if len(b) == 0 {
			return true
		}
		tok := b
		b = b[:0]
		if len(tok) >= 2 && tok[len(tok)-2] == '\'' && tok[len(tok)-1] == 's' {
			tok = tok[:len(tok)-2]
		}
		if bytes.IndexByte(tok, '\'') >= 0 {
			out := tok[:0]
			for _, c := range tok {
				if c != '\'' {
					out = append(out, c)
				}
			}
			tok = out
		}
		if len(tok) == 0 || len(tok) > maxToken || utf8.RuneCount(tok) < 2 && !isDigit(tok) {
			return true
		}
		return f(tok)
	}
	prevWord := false
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			b = append(b, byte(r))
			prevWord = true
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r)+'a'-'A')
			prevWord = true
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b = utf8.AppendRune(b, unicode.ToLower(r))
			prevWord = true
		case (r == '\'' || r == '’') && prevWord && i < len(s):
			// An apostrophe inside a word ("kid's", "don't").
			next, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(next) {
				b = append(b, '\'')
				continue
			}
			prevWord = false
			if !flush() {
				return b
			}
		default:
			prevWord = false
			if !flush() {
				return b
			}
		}
	}
	flush()
	return b
}

func isDigit(s []byte) bool {
	return len(s) > 0 && s[0] >= '0' && s[0] <= '9'
}
