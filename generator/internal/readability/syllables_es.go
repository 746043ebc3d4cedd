package readability

import (
	"unicode"
	"unicode/utf8"
)

// SyllablesES counts the syllables of one Spanish word.
//
// Unlike English, Spanish spelling fixes the syllables: a syllable is a
// vowel nucleus, and which vowels share a nucleus follows from the letters.
// The rules are those of the Real Academia Española and the Asociación de
// Academias, Ortografía de la lengua española (2010), in its sections on
// the syllable and on diphthongs, triphthongs and hiatus as written
// ("diptongos, triptongos e hiatos ortográficos"), applied in order:
//
//  1. As for English (see Syllables), the word is split into runs of
//     letters and runs of digits; a run of digits counts one syllable per
//     digit, at most 4 ("2024" → 4); anything else only separates runs;
//     a word with a letter or a digit has at least 1 syllable, so an
//     abbreviation without a vowel ("Sr.", "Dr.", "km") is 1; and a run
//     of 2–4 capitals A–Z with a single vowel group is an initialism, one
//     syllable per letter ("VIH" 3), unless it is a common Spanish word
//     written in capitals ("LOS", "QUE").
//  2. The vowels are a e o (abiertas, strong) and i u ü (cerradas, weak);
//     an accent on i or u (í, ú) makes it strong: it cannot share a
//     nucleus with a neighbour ("día", "país", "reúne"); accented a é ó
//     are strong as ever.
//  3. u is silent, not a vowel, in que qui gue gui ("queso" 2, "guitarra"
//     3); ü is sounded ("pingüino" 3, "cigüeña" 3); u before a or o after
//     q or g is sounded ("agua" 2, "guapo" 2).
//  4. y is a vowel (a weak one, as i) when no vowel follows it: at the
//     end of a word ("hoy", "muy", "Uruguay") or alone ("y"); before a
//     vowel it is a consonant ("ayuda", "yo").
//  5. h between two vowels does not separate them: "ahumado" is
//     ahu-ma-do (3), "prohibir" prohi-bir (2), "rehusar" rehu-sar (2).
//     The Ortografía counts them so (an h between vowels does not stop
//     them forming a diphthong, which is why "prohíbe" and "rehúso" need
//     their accent to mark the hiatus); some phoneticians hear a
//     hiatus there (a-hu-ma-do), and spoken Spanish varies. This counter
//     follows the RAE. An accent still marks a hiatus: "prohíbe" 3,
//     "búho" 2, "ahí" 2.
//  6. A run of consecutive vowels (with rule 5's h) is as many syllables
//     as it has strong vowels, and one when it has none: a weak vowel
//     next to any vowel forms a diphthong ("bien", "aire", "ciudad",
//     "cuidado") or a triphthong ("buey", "averiguáis"); two strong
//     vowels are a hiatus ("poeta" 3, "leer" 2, "cooperar" 4). Two
//     identical weak vowels are a hiatus too ("chiita" 3,
//     "antiinflamatorio" 7), as the Ortografía has them.
//
// The count is orthographic: it is that of careful speech and of the
// hyphenation dictionaries, not of fast speech, which joins vowels across
// words and inside them (sinalefa, sinéresis). The readability formulas
// were fitted to such counts.
func SyllablesES(word string) int { return countRuns(word, letterRunES) }

// Letter classes of the Spanish counter.
const (
	esConsonant = iota
	esWeak      // i u ü, y as a vowel
	esStrong    // a e o, any accented vowel
	esH         // h, which rule 5 may skip
)

// letterRunES counts the run of letters that starts at word[i] (rules 1
// to 6 of SyllablesES) and returns the index after it.
func letterRunES(word string, i int) (syllables, end int) {
	var buf [32]rune
	w := buf[:0] // the run, lower case
	caps := true // every letter is A–Z
	for i < len(word) {
		r, n := utf8.DecodeRuneInString(word[i:])
		if isApostrophe(r) {
			if next, _ := utf8.DecodeRuneInString(word[i+n:]); unicode.IsLetter(next) {
				i += n
				continue
			}
		}
		if !unicode.IsLetter(r) {
			break
		}
		caps = caps && 'A' <= r && r <= 'Z'
		w = append(w, unicode.ToLower(r))
		i += n
	}
	if caps && len(w) >= 2 && len(w) <= 4 {
		if n, ok := initialismES(w); ok {
			return n, i
		}
	}
	return max(1, nucleiES(w)), i
}

// initialismES reports whether a run of 2–4 capitals (given in lower
// case) is read letter by letter: it has one vowel group and is no common
// word.
func initialismES(w []rune) (int, bool) {
	groups, prev := 0, false
	for _, r := range w {
		v := r == 'a' || r == 'e' || r == 'i' || r == 'o' || r == 'u' || r == 'y'
		if v && !prev {
			groups++
		}
		prev = v
	}
	if groups > 1 || functionWordES(string(w)) {
		return 0, false
	}
	return len(w), true
}

// classES returns the class of w[k] in its word (rules 2 to 4).
func classES(w []rune, k int) int {
	next := func() rune {
		if k+1 < len(w) {
			return w[k+1]
		}
		return 0
	}
	switch w[k] {
	case 'a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú', 'à', 'è', 'ò', 'ì', 'ù', 'â', 'ê', 'ô', 'ä', 'ë', 'ö':
		return esStrong
	case 'i', 'ï', 'ü', 'î', 'û':
		return esWeak
	case 'u':
		if k > 0 && (w[k-1] == 'q' || w[k-1] == 'g') {
			switch next() {
			case 'e', 'i', 'é', 'í':
				return esConsonant // que, qui, gue, gui: a silent u
			}
		}
		return esWeak
	case 'y':
		if isVowelES(next()) {
			return esConsonant
		}
		return esWeak
	case 'h':
		return esH
	}
	return esConsonant
}

// isVowelES reports a Spanish vowel letter, in lower case.
func isVowelES(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü', 'à', 'è', 'ì', 'ò', 'ù', 'â', 'ê', 'î', 'ô', 'û', 'ä', 'ë', 'ï', 'ö':
		return true
	}
	return false
}

// nucleiES counts the vowel nuclei of a lower-case run of letters (rules
// 5 and 6).
func nucleiES(w []rune) int {
	var buf [32]uint8
	class := buf[:0]
	for k := range w {
		class = append(class, uint8(classES(w, k)))
	}
	total := 0
	for k := 0; k < len(w); {
		if class[k] != esWeak && class[k] != esStrong {
			k++
			continue
		}
		// A run of vowels, an h between two of them included.
		strong, weakOnly, identical := 0, true, 0
		var prev rune
		for k < len(w) {
			switch class[k] {
			case esStrong:
				strong++
				weakOnly = false
			case esWeak:
				if w[k] == prev {
					identical++ // chi-i-ta
				}
			case esH:
				if k+1 < len(w) && (class[k+1] == esWeak || class[k+1] == esStrong) {
					k++ // ahu-ma-do: the h does not separate
					prev = 0
					continue
				}
				prev = -1
			}
			if prev == -1 || class[k] == esConsonant {
				break
			}
			prev = w[k]
			k++
		}
		if weakOnly {
			total += 1 + identical
		} else {
			total += strong
		}
	}
	return total
}
