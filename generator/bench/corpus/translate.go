package corpus

import (
	"regexp"
	"strings"
)

// The benchmark's translated articles (Options.Translated) are stand-ins
// for Spanish translations: the English article with its common words and
// link text in Spanish and its topic words kept (many are cognates:
// depresión, terapia…). They have the size and structure of the original
// (headings, lists, links, front matter), which is what a build's cost
// depends on, and are read as Spanish by the generator (x.es.md: the
// Spanish readability measure and phrase list). They are not Spanish a
// reader would accept, and are not meant to be.

// spanishWords maps each common word of the corpus to a Spanish one.
var spanishWords = map[string]string{
	"the": "el", "a": "un", "and": "y", "of": "de", "to": "a", "in": "en", "is": "es",
	"for": "para", "with": "con", "that": "que", "on": "sobre", "your": "su", "you": "usted",
	"can": "puede", "are": "son", "as": "como", "be": "ser", "this": "esto", "it": "lo",
	"or": "o", "by": "por", "from": "desde", "at": "en", "have": "tener", "more": "más",
	"an": "una", "not": "no", "will": "va", "help": "ayuda", "may": "quizás", "our": "nuestro",
	"their": "sus", "when": "cuando", "they": "ellos", "which": "cual", "about": "acerca",
	"also": "también",
}

var (
	wordRE = regexp.MustCompile(`[A-Za-z]+`)
	// linkRE finds a Markdown link, whose target must stay as written.
	linkRE = regexp.MustCompile(`\]\([^)]*\)`)
)

// translated reports whether article i is among the share that get a
// translation: spread evenly (every fifth for 0.2), so that the choice
// draws no random number and the English corpus stays as it is.
func translated(i int, share float64) bool {
	return int(float64(i+1)*share) > int(float64(i)*share)
}

// Translation is the Spanish stand-in of an article's text (see above).
func Translation(text []byte) []byte {
	s := strings.ReplaceAll(string(text), "[this related article]", "[este artículo relacionado]")
	var b strings.Builder
	last := 0
	for _, m := range linkRE.FindAllStringIndex(s, -1) {
		b.WriteString(toSpanish(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(toSpanish(s[last:]))
	return []byte(b.String())
}

// toSpanish replaces each common word, keeping a capital first letter.
func toSpanish(s string) string {
	return wordRE.ReplaceAllStringFunc(s, func(w string) string {
		es, ok := spanishWords[strings.ToLower(w)]
		if !ok || (w != strings.ToLower(w) && w != capitalize(strings.ToLower(w), false)) {
			return w
		}
		if w[0] >= 'A' && w[0] <= 'Z' {
			return strings.ToUpper(es[:1]) + es[1:]
		}
		return es
	})
}
