// Package readability measures a page's prose: words, reading time and the
// Flesch–Kincaid grade level, and names the hardest sentences when the grade
// is above the site's target (config readability.maxGrade, default 8).
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
package readability

import (
	"iter"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultMaxGrade is the grade target when the configuration sets none:
// grade 8, the usual aim for patient education material.
const DefaultMaxGrade = 8

// WordsPerMinute is the reading speed behind Stats.ReadingMinutes.
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
	// decimal: the higher, the harder.
	Score float64
}

// Stats is the measure of one page's prose.
type Stats struct {
	// Words, Sentences and Syllables are the totals the grade is made of.
	Words, Sentences, Syllables int
	// Grade is the Flesch–Kincaid grade level rounded to one decimal; 0
	// when not Measured.
	Grade float64
	// Measured is false when there is not enough English prose to grade.
	Measured bool
	// Reason says why the page was not measured, e.g. "fewer than 30
	// words of prose"; empty when Measured.
	Reason string
	// ReadingMinutes is Words at WordsPerMinute, rounded, at least 1 when
	// Words > 0.
	ReadingMinutes int
	// Hardest holds up to three sentences, hardest first; empty when not
	// Measured.
	Hardest []Sentence
}

// Measure counts and grades prose (paragraphs separated by blank lines).
func Measure(prose string) Stats {
	var (
		st                                Stats
		sentences                         []Sentence
		latin, nonLatin, numbers, english int
	)
	// Words repeat: a page of 1,200 words has a few hundred distinct
	// tokens, and countToken is a pure function of its token.
	seen := map[string]tokenCount{}
	for _, text := range SplitSentences(prose) {
		s := Sentence{Text: text}
		for tok := range tokens(text) {
			c, ok := seen[tok]
			if !ok {
				c = countToken(tok)
				seen[tok] = c
			}
			s.Words += c.words
			s.Syllables += c.syllables
			latin += c.latin
			nonLatin += c.nonLatin
			if c.number {
				numbers++
			}
			if c.english {
				english++
			}
		}
		if s.Words == 0 {
			continue
		}
		s.Score = grade(s.Words, 1, s.Syllables)
		sentences = append(sentences, s)
		st.Words += s.Words
		st.Syllables += s.Syllables
	}
	st.Sentences = len(sentences)
	if st.Words > 0 {
		st.ReadingMinutes = max(1, (st.Words+WordsPerMinute/2)/WordsPerMinute)
	}

	switch {
	case st.Words == 0:
		st.Reason = "no prose"
	case nonLatin > latin:
		st.Reason = "mostly non-Latin script, not English"
	case numbers*2 > st.Words:
		st.Reason = "mostly numbers, not prose"
	case st.Words < MinWords:
		st.Reason = "fewer than 30 words of prose"
	case st.Sentences < MinSentences:
		st.Reason = "fewer than 2 sentences"
	case english*10 < st.Words:
		st.Reason = "too few common English words: not English, or a list rather than prose"
	default:
		st.Measured = true
		st.Grade = grade(st.Words, st.Sentences, st.Syllables)
		st.Hardest = hardest(sentences, 3)
	}
	return st
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

// hardest returns the n sentences with the highest Score, highest first,
// earlier first on a tie.
func hardest(ss []Sentence, n int) []Sentence {
	out := make([]Sentence, 0, n+1)
	for _, s := range ss {
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
	}
	for i := range out {
		// A sentence is a substring of its paragraph: copy it, so the
		// Stats a caller keeps do not keep the whole prose alive.
		out[i].Text = strings.Clone(out[i].Text)
	}
	return out
}

// tokens cuts a sentence into word candidates: at white space, dashes,
// slashes and ellipses (the fields of strings.FieldsFunc, without the slice).
func tokens(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1 // start of the current token, or -1 between tokens
		for i, r := range s {
			if isTokenSep(r) {
				if start >= 0 {
					if !yield(s[start:i]) {
						return
					}
					start = -1
				}
			} else if start < 0 {
				start = i
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

func isTokenSep(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '/' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r) || r == '—' || r == '–' || r == '…'
}

// tokenCount is what one token adds to the totals.
type tokenCount struct {
	words, syllables int
	latin, nonLatin  int  // letters by script
	number           bool // digits but no letter
	english          bool // a common English function word
}

func countToken(tok string) tokenCount {
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
		c.words, c.syllables = 1, max(1, Syllables(tok))
		c.number = letters == 0
		c.english = functionWord(strings.ToLower(strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) })))
	}
	return c
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
