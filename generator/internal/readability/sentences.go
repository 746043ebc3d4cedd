package readability

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/asciiscan"
)

// SplitSentences splits prose into sentences, each returned with its
// whitespace collapsed to single spaces. Pieces without a letter or a digit
// (a lone "…", a table rule "|---|") are dropped.
//
// Blocks come first: a blank line ends a paragraph, and a line that starts
// with a list marker ("- ", "* ", "+ ", "• ", "1. ", "1) ") starts a new
// list item, so a paragraph break or the end of a list item always ends a
// sentence, full stop or not. Lines that start with "|" are table rows:
// each row is its own block, its cell bars read as spaces. Other line
// breaks are soft (the same sentence continues).
//
// Inside a block a sentence ends at a run of . ! ? or … (with any closing
// quotes, brackets or emphasis marks after it) that is followed by a space
// or the end of the block, except:
//   - when the next word starts with a lower-case letter ("Are you OK?"
//     she asked; "at 9 a.m. on Monday"; "approx. three");
//   - after a title or Latin abbreviation that never ends a sentence in
//     our prose: Dr. Mr. Mrs. Ms. Mx. Prof. St. Rev. Gen. Sgt. Capt. e.g.
//     i.e. eg. ie. cf. vs. approx. Dept. U.S. U.K.;
//   - after a single capital initial ("J. Smith").
//
// Decimals ("3.5 mg"), versions and web addresses never split, because no
// space follows their full stop. An abbreviation that may end a sentence —
// a.m., p.m., etc., Inc. — splits only before a capital, so "at 9 a.m.
// Monday" is split wrongly; that costs one short sentence, not a crash.
func SplitSentences(text string) []string {
	var out []string
	eachBlock(text, func(block string) { out = appendSentences(out, block) })
	return out
}

// SplitSentencesES is SplitSentences for Spanish prose: it also knows
// the Spanish abbreviations after which a sentence never ends (see
// neverEndsES), and its sentences may open with ¿ or ¡ as any may.
func SplitSentencesES(text string) []string {
	var out []string
	eachBlock(text, func(block string) { out = appendSentencesLang(out, block, true) })
	return out
}

// eachBlock calls f with the paragraphs, list items and table rows of
// text, in order, each with its lines joined, its white space collapsed to
// single spaces (as strings.Fields and strings.Join would) and each
// invalid UTF-8 byte replaced with U+FFFD. A block of one plain line, the
// common case, is passed as a substring of text; the others are written
// one after another to a buffer that nothing overwrites, so every block
// passed to f stays as it is.
func eachBlock(text string, f func(block string)) {
	w := blockWriter{rest: len(text)}
	end := func() {
		if block, ok := w.end(); ok {
			f(block)
		}
	}
	table := false // the open block is a table row: the next line starts a new block
	for line := range strings.Lines(text) {
		w.rest -= len(line)
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			end()
			table = false
		case t[0] == '|':
			end()
			table = false
			if strings.Trim(t, "|-: \t") != "" { // not a |---|:--:| rule
				w.line(t, true)
				table = true
			}
		default:
			if rest, ok := listItem(t); ok {
				end()
				table = false
				w.line(rest, false)
				continue
			}
			if table {
				end()
				table = false
			}
			w.line(t, false)
		}
	}
	end()
}

// blockWriter gathers the lines of a block (see eachBlock) and passes the
// block on when it ends.
type blockWriter struct {
	lines int // of the open block
	// first is the open block's first line and bars whether its cell bars
	// "|" read as spaces; it is written to b only when the block is more.
	first string
	bars  bool
	b     strings.Builder
	rest  int  // bytes of text after the line read last, to size b
	from  int  // where the open block starts in b
	space bool // a space is due before the next word of the block
}

// line adds a line to the open block; bars says the cell bars "|" of a
// table row read as spaces.
func (w *blockWriter) line(t string, bars bool) {
	w.lines++
	switch w.lines {
	case 1:
		w.first, w.bars = t, bars
		return
	case 2:
		w.write(w.first, w.bars)
	}
	w.write(t, bars)
}

// end ends the open block and returns it, unless it is empty.
func (w *blockWriter) end() (block string, ok bool) {
	switch {
	case w.lines == 1 && plain(w.first, w.bars):
		block, ok = w.first, true
	case w.lines > 0:
		if w.lines == 1 {
			w.write(w.first, w.bars)
		}
		block, ok = w.b.String()[w.from:], w.b.Len() > w.from
	}
	w.lines, w.from, w.space = 0, w.b.Len(), false
	return block, ok
}

// write writes a line of the open block to b, collapsing its white space.
func (w *blockWriter) write(t string, bars bool) {
	if w.b.Cap() == 0 {
		// Enough for the rest of the text: collapsing never makes it
		// longer, but for U+FFFD in place of an invalid byte.
		w.b.Grow(w.b.Len() + len(t) + w.rest + 2*len(w.first))
	}
	w.space = true // lines are joined by a space
	if plain(t, bars) {
		w.word()
		w.b.WriteString(t)
		return
	}
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if c == ' ' || '\t' <= c && c <= '\r' || bars && c == '|' {
				w.space = true
				i++
				continue
			}
			j := i + 1 // a run of ASCII that is not space
			for j < len(t) && t[j] < utf8.RuneSelf && t[j] > ' ' && !(bars && t[j] == '|') {
				j++
			}
			w.word()
			w.b.WriteString(t[i:j])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		switch {
		case unicode.IsSpace(r):
			w.space = true
		case r == utf8.RuneError && n == 1:
			w.word()
			w.b.WriteRune(utf8.RuneError)
		default:
			w.word()
			w.b.WriteString(t[i : i+n])
		}
		i += n
	}
}

// plain reports a line that collapsing leaves as it is, the common case:
// ASCII words separated by single spaces.
func plain(t string, bars bool) bool {
	if t == "" || t[0] == ' ' || t[len(t)-1] == ' ' || bars && strings.IndexByte(t, '|') >= 0 {
		return false
	}
	// Eight bytes at a time (see asciiscan.ZeroBytes): no byte below ' ' or above
	// '~', and no space next to another; a false alarm (the byte after a
	// space marked as one too) only sends the line the long way.
	i, last := 0, uint64(0) // last: the previous word's spaces
	for ; i+8 <= len(t); i += 8 {
		x := asciiscan.Load8(t, i)
		spaces := asciiscan.ZeroBytes(x ^ ' '*asciiscan.Ones)
		if (x-' '*asciiscan.Ones)&^x&asciiscan.Highs|x&asciiscan.Highs|spaces&(spaces<<8|last>>56) != 0 {
			return false
		}
		last = spaces
	}
	prev := byte(0)
	if i > 0 {
		prev = t[i-1]
	}
	for ; i < len(t); i++ {
		c := t[i]
		// c is a control character or not ASCII, or c and prev are both
		// spaces (c|prev is a space only then, as c >= ' ').
		if c-' ' >= utf8.RuneSelf-' ' || c|prev == ' ' {
			return false
		}
		prev = c
	}
	return true
}

// word writes the space due before a word, if any.
func (w *blockWriter) word() {
	if w.space && w.b.Len() > w.from {
		w.b.WriteByte(' ')
	}
	w.space = false
}

// listItem reports whether line starts with a list marker and returns the
// rest of it.
func listItem(line string) (string, bool) {
	for _, m := range [...]string{"- ", "* ", "+ ", "• "} {
		if rest, ok := strings.CutPrefix(line, m); ok {
			return rest, true
		}
	}
	digits := 0
	for digits < len(line) && digits < 9 && line[digits] >= '0' && line[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits+1 < len(line) && (line[digits] == '.' || line[digits] == ')') && line[digits+1] == ' ' {
		return line[digits+2:], true
	}
	return "", false
}

// appendSentences splits one block, as blocks returns it (see
// SplitSentences), and appends its sentences to out. Each sentence is a
// substring of block.
func appendSentences(out []string, s string) []string {
	return appendSentencesLang(out, s, false)
}

// appendSentencesLang is appendSentences with the Spanish abbreviations
// too when spanish is set.
func appendSentencesLang(out []string, s string, spanish bool) []string {
	add := func(s string) {
		t := strings.TrimSpace(s)
		if strings.IndexFunc(t, isWordRune) >= 0 {
			out = append(out, t)
		}
	}
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != '.' && c != '!' && c != '?' {
			i = skipPlain(s, i+1) // ASCII, not a terminator: the common case
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isTerminator(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isTerminator(r) {
				break
			}
			j += n
		}
		runEnd := j
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isCloser(r) {
				break
			}
			j += n
		}
		// A full-width stop (Chinese, Japanese) ends its sentence with
		// no space after it.
		if j < len(s) && !isWideTerminator(r) && (s[j] != ' ' || !endsSentence(s, start, i, runEnd, j, spanish)) {
			i = j
			continue
		}
		add(s[start:j])
		start, i = j, j
	}
	add(s[start:])
	return out
}

// skipPlain returns the index of the first byte of s from i on that is
// . ! ? or not ASCII (and so may start a terminator), or len(s), eight
// bytes at a time (see asciiscan.ZeroBytes).
func skipPlain(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := asciiscan.Load8(s, i)
		if m := asciiscan.ZeroBytes(x^'.'*asciiscan.Ones) | asciiscan.ZeroBytes(x^'!'*asciiscan.Ones) | asciiscan.ZeroBytes(x^'?'*asciiscan.Ones) | x&asciiscan.Highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '.' || c == '!' || c == '?' {
			break
		}
	}
	return i
}

// endsSentence decides whether the terminators s[i:runEnd] (followed by
// closers up to j, then a space) end the sentence that began at start.
func endsSentence(s string, start, i, runEnd, j int, spanish bool) bool {
	k := j
	for k < len(s) {
		r, n := utf8.DecodeRuneInString(s[k:])
		if r != ' ' && !isOpener(r) {
			break
		}
		k += n
	}
	if k == len(s) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(s[k:]); unicode.IsLower(r) {
		return false
	}
	if runEnd-i != 1 || s[i] != '.' {
		return true // ! ? … and runs such as "?!" or "..."
	}
	w := i
	for w > start && s[w-1] != ' ' {
		w--
	}
	for w < i {
		r, n := utf8.DecodeRuneInString(s[w:])
		if !isOpener(r) {
			break
		}
		w += n
	}
	tok := s[w:i]
	if r, n := utf8.DecodeRuneInString(tok); n > 0 && n == len(tok) && unicode.IsUpper(r) {
		return false // an initial: "J. Smith"
	}
	lower := strings.ToLower(tok)
	return !neverEnds(lower) && !(spanish && neverEndsES(lower))
}

// neverEnds lists the abbreviations (lower case, without their final full
// stop) after which a sentence never ends in our prose.
func neverEnds(tok string) bool {
	switch tok {
	case "dr", "mr", "mrs", "ms", "mx", "prof", "st", "rev", "gen", "sgt", "capt",
		"e.g", "i.e", "eg", "ie", "cf", "vs", "approx", "dept", "u.s", "u.k":
		return true
	}
	return false
}

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…' || isWideTerminator(r) || r == '؟' || r == '।'
}

// isWideTerminator reports the full-width sentence stops of Chinese and
// Japanese text, which no space follows.
func isWideTerminator(r rune) bool { return r == '。' || r == '！' || r == '？' }

func isCloser(r rune) bool { return strings.ContainsRune("\"'”’)]»*_", r) }

func isOpener(r rune) bool { return strings.ContainsRune("\"'“‘([«¿¡*_", r) }

// isWordRune reports a letter or a digit: what makes a token a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
