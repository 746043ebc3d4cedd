package readability

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spanish prose
//
// MeasureLang("es", prose) measures Spanish prose as Measure does English,
// with these differences:
//
//   - Syllables are counted by SyllablesES (the RAE's rules), sentences
//     split as by SplitSentencesES (Spanish abbreviations such as "Dra.",
//     "Ud." and "p. ej." never end a sentence).
//   - The score is the Szigriszt-Pazos perspicuity (Szigriszt Pazos,
//     Sistemas predictivos de legibilidad del mensaje escrito: fórmula de
//     perspicuidad, doctoral thesis, Universidad Complutense de Madrid,
//     1993), Flesch's reading ease refitted to Spanish:
//
//     P = 206.835 − 62.3 × (syllables / words) − (words / sentences)
//
//     rounded to one decimal, in Stats.Score (Stats.Index is
//     IndexPerspicuity). The higher, the easier; it is reported raw, so it
//     may fall below 0 or rise above 100. It is read on the INFLESZ scale
//     (Barrio-Cantalejo et al., "Validación de la Escala INFLESZ para
//     evaluar la legibilidad de los textos dirigidos a pacientes", Anales
//     del Sistema Sanitario de Navarra 31(2), 2008, 135–152), which was
//     validated on patient information: below 40 muy difícil, 40 to 55 algo
//     difícil, 55 to 65 normal, 65 to 80 bastante fácil, 80 and above muy
//     fácil (see Band). The site's target is at least 55, "normal"
//     (config readability.minPerspicuity, DefaultMinPerspicuity).
//   - Stats.Huerta is the Fernández-Huerta ease of the same counts
//     (Fernández Huerta, "Medidas sencillas de lecturabilidad", Consigna
//     214, 1959), in the corrected form that uses words per sentence:
//
//     L = 206.84 − 60 × (syllables / words) − 1.02 × (words / sentences)
//
//     (The 1959 article writes 0.60 × syllables per 100 words and 1.02 ×
//     sentences per 100 words; the second term, a mistranscription of
//     Flesch's, makes more sentences harder to read. Law, "Assessing the
//     Fernández Huerta readability formula", 2011, and legible.es give the
//     corrected form used here.) It is informative only; no target reads
//     it.
//   - Grade is 0: Flesch–Kincaid is an English measure.
//   - Each sentence's Score is its own perspicuity, and Hardest holds the
//     three lowest, hardest first.
//   - A page is not measured for the same reasons as an English page,
//     with the Spanish function words ("de", "la", "que", "y", "el", "en"…)
//     standing for the English ones: fewer than 1 word in 10 of them means
//     the text is not Spanish prose.
//
// A worked example, checked by hand in TestSpanishFormula: "El niño come
// pan. La casa es grande y bonita." has 10 words, 2 sentences and 16
// syllables (el 1, ni-ño 2, co-me 2, pan 1; la 1, ca-sa 2, es 1, gran-de 2,
// y 1, bo-ni-ta 3), so P = 206.835 − 62.3 × 16/10 − 10/2 = 206.835 − 99.68
// − 5 = 102.155, 102.2 (muy fácil); L = 206.84 − 60 × 1.6 − 1.02 × 5 =
// 206.84 − 96 − 5.1 = 105.74, 105.7.

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
// Vds., Lic.), "p. ej." and the like, and those that a number or a name
// follows (núm., nº., pág., tel., av., avda., aprox.). "etc." is not one:
// it often ends a sentence, so it ends one before a capital, as in English.
func neverEndsES(tok string) bool {
	switch tok {
	case "dr", "dra", "sr", "sra", "srta", "sres", "sras", "d", "dña", "ud", "uds", "vd", "vds",
		"lic", "ing", "ej", "p. ej", "núm", "nº", "n.º", "pág", "págs", "tel", "tfno",
		"av", "avda", "aprox", "dto", "dpto", "cf", "vid":
		return true
	}
	return false
}
