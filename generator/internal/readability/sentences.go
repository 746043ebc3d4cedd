package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	for _, b := range blocks(text) {
		out = appendSentences(out, b)
	}
	return out
}

// blocks returns the paragraphs, list items and table rows of text, each
// with its lines joined by spaces.
func blocks(text string) []string {
	var out []string
	var cur []string
	table := false // cur is a table row: the next line starts a new block
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
		}
		cur, table = nil, false
	}
	for line := range strings.Lines(text) {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case t[0] == '|':
			flush()
			if strings.Trim(t, "|-: \t") != "" { // not a |---|:--:| rule
				cur, table = []string{strings.ReplaceAll(t, "|", " ")}, true
			}
		default:
			if rest, ok := listItem(t); ok {
				flush()
				cur = []string{rest}
				continue
			}
			if table {
				flush()
			}
			cur = append(cur, t)
		}
	}
	flush()
	return out
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

// appendSentences splits one block (see SplitSentences) and appends its
// sentences to out. It walks the collapsed block by byte offsets, so each
// sentence is a substring of it.
func appendSentences(out []string, block string) []string {
	s := strings.Join(strings.Fields(block), " ")
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each invalid byte becomes U+FFFD
	}
	add := func(s string) {
		t := strings.TrimSpace(s)
		if strings.IndexFunc(t, isWordRune) >= 0 {
			out = append(out, t)
		}
	}
	start := 0
	for i := 0; i < len(s); {
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
		if j < len(s) && !isWideTerminator(r) && (s[j] != ' ' || !endsSentence(s, start, i, runEnd, j)) {
			i = j
			continue
		}
		add(s[start:j])
		start, i = j, j
	}
	add(s[start:])
	return out
}

// endsSentence decides whether the terminators s[i:runEnd] (followed by
// closers up to j, then a space) end the sentence that began at start.
func endsSentence(s string, start, i, runEnd, j int) bool {
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
	return !neverEnds(strings.ToLower(tok))
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
