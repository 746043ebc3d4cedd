// Package slug turns titles, file names and taxonomy terms into URL path
// segments.
//
// Make folds the text to ASCII, lower-cases it and joins its letters and
// digits with single dashes:
//
//	"Qué es la depresión?"   → "que-es-la-depresion"
//	"Ñandú"                  → "nandu"
//	"Straße & Smørrebrød"    → "strasse-smorrebrod"
//	"Don't panic"            → "dont-panic"
//	"COVID-19: what's new"   → "covid-19-whats-new"
//	"💊"  or  "健康"          → ""
//
// The rules, in order:
//
//  1. Compatibility decomposition (Unicode NFKD, as Django's slugify does),
//     then combining marks are dropped: "é" → "e", "ﬁ" → "fi", full-width
//     "Ａ１" → "a1", "²" → "2".
//  2. Letters that do not decompose are spelled out: ß → ss, æ → ae, œ → oe,
//     ø → o, ł → l, đ/ð → d, þ → th, ı → i, ħ → h, ŧ → t, ŋ → n.
//  3. Apostrophes (' ’ ‘ ʼ ` ´) are removed, not turned into dashes, so that
//     "Don't" stays one word ("dont") and "Children's" gives "childrens".
//  4. Upper case becomes lower case.
//  5. Every run of other characters (spaces, punctuation, emoji, and letters
//     of scripts without an ASCII spelling such as CJK, Cyrillic, Greek)
//     becomes one "-", and dashes are trimmed from both ends.
//
// Make may return "" when the input has no letters or digits it can spell in
// ASCII; callers must report that to the editor rather than publish an empty
// URL segment. Make is pure and safe for concurrent use.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make returns the URL path segment for s: ASCII a–z, 0–9 and single inner
// dashes, or "" if s has nothing it can spell that way. See the package
// documentation for the rules.
func Make(s string) string {
	if ascii(s) {
		return fold(s)
	}
	return fold(norm.NFKD.String(s))
}

// ascii reports whether s is pure ASCII, in which case decomposition is a no-op.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fold applies rules 2–5 to decomposed text.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false // a separator is pending
	put := func(t string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(t)
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			put(string(r))
		case r >= 'A' && r <= 'Z':
			put(string(r + 'a' - 'A'))
		case isApostrophe(r), unicode.Is(unicode.Mn, r):
			// dropped without a separator
		default:
			if t, ok := spelled(r); ok {
				put(t)
			} else {
				dash = true
			}
		}
	}
	return b.String()
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '`', '\u00b4':
		return true
	}
	return false
}

// spelled gives the ASCII spelling of letters that have no decomposition.
func spelled(r rune) (string, bool) {
	switch r {
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'þ', 'Þ':
		return "th", true
	case 'ı':
		return "i", true
	case 'ħ', 'Ħ':
		return "h", true
	case 'ŧ', 'Ŧ':
		return "t", true
	case 'ŋ', 'Ŋ':
		return "n", true
	}
	return "", false
}
