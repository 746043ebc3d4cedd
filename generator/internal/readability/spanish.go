package readability

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IndexPerspicuity is Stats.Index for the Szigriszt-Pazos perspicuity.
const IndexPerspicuity = "szigriszt-pazos"

// DefaultMinPerspicuity is the perspicuity target of Spanish pages when
// the configuration sets none: 55, the lower bound of "normal" on the
// INFLESZ scale, the least that its authors advise for patient
// information.
const DefaultMinPerspicuity = 55

// IsSpanish reports whether lang, a BCP 47 language tag, is Spanish: "es"
// or "es-" followed by a region ("es-US", "es-419"), in any case.
func IsSpanish(lang string) bool {
	return len(lang) >= 2 && strings.EqualFold(lang[:2], "es") && (len(lang) == 2 || lang[2] == '-' || lang[2] == '_')
}

// MeasureLang measures prose in the language lang: Spanish (see IsSpanish)
// by the Spanish measure described above, anything else exactly as
// Measure.
func MeasureLang(lang, prose string) Stats {
	var m Measurer
	return m.MeasureLang(lang, prose)
}

// MeasureLang is the function MeasureLang, using m's memos (one for each
// language).
func (m *Measurer) MeasureLang(lang, prose string) Stats {
	if !IsSpanish(lang) {
		return m.Measure(prose)
	}
	if m.es == nil {
		m.es = &memos{words: wordMemo{spanish: true}, memo: tokenMemo{spanish: true}}
	}
	return m.measure(prose, &m.es.words, &m.es.memo, true)
}

// perspicuity is the Szigriszt-Pazos formula rounded to one decimal; 0
// when either count is 0.
func perspicuity(words, sentences, syllables int) float64 {
	if words <= 0 || sentences <= 0 {
		return 0
	}
	p := 206.835 - 62.3*float64(syllables)/float64(words) - float64(words)/float64(sentences)
	return math.Round(p*10) / 10
}

// fernandezHuerta is the corrected Fernández-Huerta formula rounded to one
// decimal; 0 when either count is 0.
func fernandezHuerta(words, sentences, syllables int) float64 {
	if words <= 0 || sentences <= 0 {
		return 0
	}
	l := 206.84 - 60*float64(syllables)/float64(words) - 1.02*float64(words)/float64(sentences)
	return math.Round(l*10) / 10
}

// Band returns the INFLESZ band of a perspicuity score, in Spanish as
// published: "muy difícil" (below 40), "algo difícil" (40 to below 55),
// "normal" (55 to below 65), "bastante fácil" (65 to below 80) or "muy
// fácil" (80 and above).
func Band(score float64) string {
	switch {
	case score < 40:
		return "muy difícil"
	case score < 55:
		return "algo difícil"
	case score < 65:
		return "normal"
	case score < 80:
		return "bastante fácil"
	}
	return "muy fácil"
}

// spanishWord reports whether tok, without what is not a letter at either
// end and lower-cased, is a Spanish function word (see functionWordES).
func spanishWord(tok string) bool {
	w := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) })
	if w == "" || len(w) > len("también") {
		return false
	}
	var buf [16]byte
	b := buf[:0]
	for _, r := range w {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return functionWordES(string(b))
}

// functionWordES reports the commonest Spanish function words (articles,
// prepositions, conjunctions, pronouns and the commonest forms of "ser",
// "estar", "haber"): a third or more of any Spanish prose.
func functionWordES(w string) bool {
	switch w {
	case "el", "la", "los", "las", "un", "una", "unos", "unas", "lo", "al", "del",
		"de", "a", "en", "con", "por", "para", "sin", "sobre", "entre", "desde", "hasta",
		"y", "e", "o", "u", "ni", "que", "pero", "si", "sí", "no", "como", "cuando", "porque",
		"se", "su", "sus", "le", "les", "me", "te", "nos", "mi", "mis", "tu", "tus",
		"yo", "él", "ella", "ellos", "ellas", "usted", "ustedes", "este", "esta", "esto",
		"estos", "estas", "ese", "esa", "eso", "es", "son", "ser", "está", "están",
		"estar", "hay", "ha", "han", "muy", "más", "ya", "también", "qué", "cómo":
		return true
	}
	return false
}

// neverEndsES lists the Spanish abbreviations (lower case, without their
// final full stop) after which a sentence never ends: titles and forms of
// address (Dr., Dra., Sr., Sra., Srta., Sres., D., Dña., Ud., Uds., Vd.,
// Vds., Lic., Ing.), the "ej." of "p. ej." (its "p." is followed by a
// lower-case word, which never starts a sentence), and those that a number
// or a name follows (núm., pág., tel., av., avda., aprox., dpto.). "etc."
// is not one: it often ends a sentence, so it ends one before a capital,
// as in English.
func neverEndsES(tok string) bool {
	switch tok {
	case "dr", "dra", "sr", "sra", "srta", "sres", "sras", "d", "dña", "ud", "uds", "vd", "vds",
		"lic", "ing", "ej", "núm", "pág", "págs", "tel", "tfno",
		"av", "avda", "aprox", "dto", "dpto", "cf", "vid":
		return true
	}
	return false
}
