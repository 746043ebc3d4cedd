package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Syllables estimates the number of syllables in one English word.
//
// There is no exact rule for English; FK tools all use a heuristic. This one,
// applied in order:
//
//  1. The word is split into runs of letters and runs of digits, and the
//     result is the sum over the runs. Anything else (hyphens, full stops in
//     "U.S.", a "%" sign) only separates runs; an apostrophe between letters
//     is dropped ("don't" is one run). A word with no letter and no digit
//     has 0 syllables; any other word has at least 1.
//  2. A run of digits counts one syllable per digit, at most 4 — a rough
//     stand-in for its spoken length ("7" → 1, "25" → 2, "2024" → 4). So
//     "3.5" is 2 and "COVID-19" is 2 + 2.
//  3. A run of letters is lower-cased and accented Latin vowels are folded
//     to plain ones, except that a final é is sounded ("café" is read as
//     "cafay"). An exact match in the exceptions table wins (a handful of
//     frequent words the rules get wrong: "business", "diabetes", "every").
//  4. A run of 2–4 capitals with a single vowel group is read as an
//     initialism, one syllable per letter: "HIV" 3, "FDA" 3, "ADHD" 4.
//     Common function words are exempt ("THE", "YOU"); other short words
//     written in capitals for emphasis ("CALL NOW") are over-counted.
//  5. Otherwise count vowel groups, where the vowels are a e i o u and y;
//     y is a consonant at the start of a word ("you") and between two
//     vowels ("saying", "beyond").
//  6. Then adjust:
//     - a final silent e is dropped ("vaccine" 2, "care" 1), except in
//     consonant + "le" ("people" 2, "simple" 2) and when it is the only
//     vowel ("the" 1, "she" 1);
//     - a final "-es" is silent unless it follows a sibilant (s x z ch sh
//     c g) or consonant + "l" ("makes" 1, "changes" 2, "tables" 2);
//     - a final "-ed" is silent unless it follows t or d, or consonant +
//     "l" ("helped" 1, "needed" 2, "handled" 2);
//     - a silent e before -ment -ful -ly -ness -less -ty is dropped
//     ("management" 3, "useful" 2, "safety" 2; not "settlement" 3);
//     - "-ing" after a vowel is its own syllable ("being" 2, "doing" 2);
//     - these vowel pairs are two syllables (hiatus): "ia" except after
//     c t s g l ("dial", "media"; but "special", "Australian"), "io"
//     except after t s c x g l n ("radio", "serious"; but "nation",
//     "million"), "iu" ("medium"), "ua" except after q g ("actual"; but
//     "quality", "language"), "ie" before a final "r", before "t", and
//     before "nt" or "nc" except after t c s n ("earlier", "anxiety",
//     "quiet", "client", "audience"; but "patient", "efficient",
//     "convenient", "friend");
//     - a final "-sm" adds one ("autism" 3).
//  7. A short table of stems then adds or removes one wherever the stem
//     occurs ("creat" +1 for "create", "created", "creation" but not
//     "creature"; "scien" +1; "suicid" +1; "every" −1 for "everything").
//
// The result is an estimate: English spelling does not determine
// pronunciation, and dictionaries disagree on words such as "every" (2 or
// 3) and "fire" (1 or 2). TestSyllables holds the dictionary counts of about
// 90 common words, health words among them; errors on a page's remaining
// words mostly cancel out in the average that the grade uses.
func Syllables(word string) int { return countRuns(word, letterRun) }

// countRuns is step 1 of Syllables and of SyllablesES: it splits word into
// runs of letters, each counted by letters (which returns the run's
// syllables and the index after it), and runs of digits, one syllable per
// digit, at most 4; anything else only separates runs.
func countRuns(word string, letters func(word string, i int) (syllables, next int)) int {
	total := 0
	for i := 0; i < len(word); {
		r, n := utf8.DecodeRuneInString(word[i:])
		switch {
		case isDigit(r):
			j := i
			for j < len(word) && isDigit(rune(word[j])) {
				j++
			}
			total += min(j-i, 4)
			i = j
		case unicode.IsLetter(r):
			var s int
			s, i = letters(word, i)
			total += s
		default:
			i += n
		}
	}
	return total
}

// letterRun counts the run of letters that starts at word[i] (steps 3 to
// 7 of the Syllables documentation) and returns the index after it.
func letterRun(word string, i int) (syllables, end int) {
	var buf [32]byte // the folded run, on the stack when short
	w := buf[:0]
	letters, caps := 0, true // caps: every letter is A–Z
	acute := false           // the last letter is an é, folded to e
	for i < len(word) {
		if c := word[i]; isASCIILetter(c) { // the common case
			caps = caps && c <= 'Z'
			w, acute = append(w, c|0x20), false // | 0x20: lower case
			letters++
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(word[i:])
		if isApostrophe(r) {
			if next, _ := utf8.DecodeRuneInString(word[i+n:]); unicode.IsLetter(next) {
				i += n
				continue // "don't", "clinic's": one run
			}
		}
		if !unicode.IsLetter(r) {
			break
		}
		caps = caps && 'A' <= r && r <= 'Z'
		w, acute = fold(w, r)
		letters++
		i += n
	}
	if acute && letters > 1 {
		w = append(w[:len(w)-1], "ay"...) // a final é is sounded: ca-fé, ré-su-mé
	}
	return letterSyllables(string(w), letters, caps), i
}

// exception returns the count for whole words (lower case) that the rules
// get wrong and that are common on a clinic's site. Keep this table small:
// fix a rule instead where one exists.
func exception(w string) (int, bool) {
	switch w {
	case "business": // busi-: the "ui" is one silent i
		return 2, true
	case "businesses":
		return 3, true
	case "diabetes": // di-a-be-tes: the final "-es" is sounded
		return 4, true
	case "every": // ev-ery, as dictionaries hyphenate it
		return 2, true
	case "everyone":
		return 3, true
	case "aids": // a word, not an initialism
		return 1, true
	case "recipe", "area", "idea", "video":
		return 3, true
	case "maybe":
		return 2, true
	}
	return 0, false
}

// stemAdjust returns the correction for stems the vowel rules miss,
// wherever they occur in w; a longer "unless" stem cancels it ("creature"
// is two syllables).
func stemAdjust(w string) int {
	// Which stems occur: one pass, looking only where one may start.
	var creat, scien, suicid, every, reali, lement bool
	for i := 0; i+5 <= len(w); i++ {
		switch w[i] {
		case 'c':
			creat = creat || strings.HasPrefix(w[i:], "creat")
		case 's':
			scien = scien || strings.HasPrefix(w[i:], "scien")
			suicid = suicid || strings.HasPrefix(w[i:], "suicid")
		case 'e':
			every = every || strings.HasPrefix(w[i:], "every")
		case 'r':
			reali = reali || strings.HasPrefix(w[i:], "reali")
		case 'l':
			lement = lement || strings.HasPrefix(w[i:], "lement")
		}
	}
	d := 0
	if creat && !strings.Contains(w, "creatur") { // cre-ate, cre-a-tion
		d++
	}
	if scien { // sci-ence, sci-en-tist
		d++
	}
	if suicid { // su-i-cide
		d++
	}
	if every { // ev-ery-thing
		d--
	}
	if reali { // re-al-ize, re-al-i-ty
		d++
	}
	if lement && !strings.Contains(w, "tlement") { // el-e-ment, sup-ple-ment (not set-tle-ment)
		d++
	}
	return d
}

// letterSyllables counts one run of letters, folded (see fold): letters is
// its length in letters, caps whether all of them were capitals A–Z.
func letterSyllables(w string, letters int, caps bool) int {
	if caps {
		if n, ok := initialism(w, letters); ok {
			return n
		}
	}
	if len(w) == 0 {
		return 1
	}
	if n, ok := exception(w); ok {
		return n
	}
	return max(vowelRules(w)+stemAdjust(w), 1)
}

// initialism reports whether a run of 2–4 capitals A–Z, given folded to
// lower case, has at most one vowel group ("HIV", "FDA", "ADHD"), and
// counts it one syllable per letter.
func initialism(w string, letters int) (int, bool) {
	if letters < 2 || letters > 4 {
		return 0, false
	}
	groups, prev := 0, false
	for _, c := range []byte(w) {
		v := c == 'y' || isVowelByte(c)
		if v && !prev {
			groups++
		}
		prev = v
	}
	if groups > 1 || functionWord(w) {
		return 0, false // "THE", "YOU" in capitals are words, not initialisms
	}
	return letters, true
}

// fold appends the letter r, lower-cased and with an accented Latin vowel
// mapped to a plain one, to dst; letters outside a–z are kept as
// consonants. acute reports an é, which a run's caller sounds when it is
// the last of several letters ("café").
func fold(dst []byte, r rune) (_ []byte, acute bool) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r)), false
	}
	r = unicode.ToLower(r)
	switch {
	case r == 'é':
		return append(dst, 'e'), true
	case strings.ContainsRune("àáâäãåā", r):
		r = 'a'
	case strings.ContainsRune("èêëē", r):
		r = 'e'
	case strings.ContainsRune("ìíîïī", r):
		r = 'i'
	case strings.ContainsRune("òóôöõøō", r):
		r = 'o'
	case strings.ContainsRune("ùúûüū", r):
		r = 'u'
	case strings.ContainsRune("ýÿ", r):
		r = 'y'
	}
	return utf8.AppendRune(dst, r), false
}

// vowelRules applies steps 5 and 6 of the Syllables documentation to a
// folded lower-case word.
func vowelRules(w string) int {
	n := len(w) // non-ASCII bytes are never vowels
	var buf [32]bool
	vowel := buf[:0]
	if n > len(buf) {
		vowel = make([]bool, n)
	}
	vowel = vowel[:n]
	for i, c := range []byte(w) {
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			vowel[i] = true
		case 'y':
			// y is a consonant at the start and between two vowels.
			vowel[i] = i > 0 && !(isVowelByte(w[i-1]) && i+1 < n && isVowelByte(w[i+1]))
		}
	}
	count := 0
	for i := range n {
		if vowel[i] && (i == 0 || !vowel[i-1]) {
			count++
		}
	}
	if count == 0 {
		return 1
	}
	at := func(i int) byte {
		if i < 0 || i >= n {
			return 0
		}
		return w[i]
	}
	cons := func(i int) bool { return i >= 0 && i < n && !vowel[i] }

	// Silent final e, -es, -ed.
	switch {
	case at(n-1) == 'e' && cons(n-2) && count > 1:
		if !(at(n-2) == 'l' && cons(n-3) && at(n-3) != 'l') {
			count--
		}
	case n > 3 && strings.HasSuffix(w, "es") && cons(n-3) && count > 1:
		sibilant := strings.ContainsRune("sxzcg", rune(at(n-3))) ||
			strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")
		le := at(n-3) == 'l' && cons(n-4) && at(n-4) != 'l'
		if !sibilant && !le {
			count--
		}
	case n > 3 && strings.HasSuffix(w, "ed") && cons(n-3) && count > 1:
		sounded := at(n-3) == 't' || at(n-3) == 'd'
		le := at(n-3) == 'l' && cons(n-4) && at(n-4) != 'l'
		if !sounded && !le {
			count--
		}
	}

	// A silent e before a suffix: care-ful, man-age-ment, lone-ly. (The
	// suffixes end in t, s, l or y.)
	if last := w[n-1]; count > 2 && (last == 't' || last == 's' || last == 'l' || last == 'y') {
		for _, suf := range [...]string{"ment", "ments", "ful", "fully", "ly", "ness", "less", "ty"} {
			if !strings.HasSuffix(w, suf) {
				continue
			}
			k := n - len(suf) - 1                               // index of the stem's last letter, an e
			le := at(k-1) == 'l' && cons(k-2) && at(k-2) != 'l' // set-tle-ment
			if k >= 2 && w[k] == 'e' && cons(k-1) && !le {
				count--
				break
			}
		}
	}
	// "-ing" after a vowel: be-ing, do-ing, ly-ing.
	if n > 4 && strings.HasSuffix(w, "ing") && vowel[n-4] {
		count++
	}
	// Hiatus: two adjacent vowels sounded separately.
	for i := 0; i+1 < n; i++ {
		if w[i] != 'i' && w[i] != 'u' {
			continue // every pair below starts with i or u
		}
		pair := w[i : i+2]
		prev := at(i - 1)
		switch pair {
		case "ia":
			if i > 0 && !strings.ContainsRune("ctsgl", rune(prev)) {
				count++
			}
		case "io":
			if i > 0 && !strings.ContainsRune("tscxgln", rune(prev)) {
				count++
			}
		case "iu":
			if i > 0 {
				count++
			}
		case "ua":
			if i > 0 && prev != 'q' && prev != 'g' {
				count++
			}
		case "ie":
			final := i+2 == n-1 && at(i+2) == 'r'                                                                     // earl-i-er
			iet := at(i+2) == 't'                                                                                     // qui-et, anx-i-e-ty
			ient := at(i+2) == 'n' && (at(i+3) == 't' || at(i+3) == 'c') && !strings.ContainsRune("tcsn", rune(prev)) // au-di-ence, cli-ent
			if i > 0 && (final || iet || ient) {
				count++
			}
		}
	}
	if n > 3 && strings.HasSuffix(w, "sm") && vowel[n-3] {
		count++
	}
	return count
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func isVowelByte(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// isDigit reports an ASCII digit; other scripts' digits are not counted.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }
