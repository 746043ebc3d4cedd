package locate

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"
)

// Sentence finds sentence in the Markdown source src, from line bodyLine on,
// and returns its 1-based line and column, or 0, 0. The sentence is plain
// text (markup removed), so both are compared by their letters and digits
// only, lower-cased; when the whole sentence is not found (a link's
// address sits in the middle of it in the source), ever shorter
// beginnings of it are: its first 48, 24 and 12 letters and digits.
//
// It walks the body once and matches as it goes (Knuth–Morris–Pratt), so
// it copies nothing of the body; this runs for every page above the
// reading target. It pays: a plain search (the body's letters and digits
// copied, lower-cased, into a string searched with strings.Index) made
// BenchmarkPlace three times slower.
func Sentence(src []byte, bodyLine int, sentence string) (line, col int) {
	start := 0
	for n := 1; n < bodyLine; n++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return 0, 0
		}
		start += i + 1
	}
	var needleBuf [256]rune
	needle := needleBuf[:0]
	for _, r := range sentence {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			needle = append(needle, unicode.ToLower(r))
		}
	}
	// The beginnings of the needle to look for, best first, and where in
	// src each was first found (-1: not yet).
	const least = 12 // a shorter beginning could be anywhere
	var want, found []int
	for _, n := range [...]int{len(needle), 48, 24, least} {
		if n > len(needle) || (n < least && n < len(needle)) || n == 0 {
			continue
		}
		want, found = append(want, n), append(found, -1)
	}
	if len(want) == 0 {
		return 0, 0
	}
	// fail[q-1] is the longest proper beginning of needle[:q] that also
	// ends it: where a match of q letters goes on after a mismatch.
	var failBuf, ringBuf [256]int
	fail, ring := failBuf[:0], ringBuf[:0]
	fail = append(fail, make([]int, len(needle))...)
	for q, k := 1, 0; q < len(needle); q++ {
		for k > 0 && needle[q] != needle[k] {
			k = fail[k-1]
		}
		if needle[q] == needle[k] {
			k++
		}
		fail[q] = k
	}
	// ring holds the offsets in src of the last len(needle) letters and
	// digits read, the start of a match among them; ring[at] is the
	// oldest.
	ring = append(ring, make([]int, len(needle))...)
	at := 0
	short := want[len(want)-1] // want is longest first
	q := 0                     // how much of the needle ends at the letter just read
	// While no match is under way (q == 0), only the needle's first letter
	// can start one: skip to it, in either case, or to a non-ASCII
	// character (which may lower-case to it: K, the Kelvin sign, is k).
	skip, first, upper := needle[0] < utf8.RuneSelf, byte(needle[0]), byte(unicode.ToUpper(needle[0]))
	for i, size := start, 1; i < len(src); i += size {
		if q == 0 && skip {
			if i = indexEither(src, i, first, upper); i == len(src) {
				break
			}
		}
		r := rune(src[i])
		size = 1
		switch c := src[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			r += 'a' - 'A'
		case c < utf8.RuneSelf:
			continue
		default:
			r, size = utf8.DecodeRune(src[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				continue
			}
			r = unicode.ToLower(r)
		}
		ring[at] = i
		if at++; at == len(ring) {
			at = 0
		}
		for q > 0 && needle[q] != r {
			q = fail[q-1]
		}
		if needle[q] != r {
			continue
		}
		if q++; q < short {
			continue
		}
		// q grows by one at most, so the first time it reaches n is the
		// end of the first match of needle[:n].
		for k, n := range want {
			if found[k] < 0 && q >= n {
				found[k] = ring[(at+len(ring)-n)%len(ring)]
			}
		}
		if found[0] >= 0 {
			break // the whole sentence: the best there is
		}
	}
	for _, off := range found {
		if off >= 0 {
			return diag.LineCol(src, off)
		}
	}
	return 0, 0
}

// indexEither returns the index of the first byte of b from i on that is
// x or y or not ASCII, or len(b). (Reading eight bytes at a time made
// BenchmarkSentence 10 µs faster per page above the target, under 1 % of
// a page's build: not worth the trick.)
func indexEither(b []byte, i int, x, y byte) int {
	for ; i < len(b); i++ {
		if c := b[i]; c == x || c == y || c >= utf8.RuneSelf {
			break
		}
	}
	return i
}
