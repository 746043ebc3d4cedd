package search

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// A language is how one language's words are indexed: its stemmer and
// its stop words.
type language struct {
	code string
	stem func(tok string) string
	stop func(tok string) bool
}

var (
	langEnglish = &language{code: "en", stem: Stem, stop: english.IsStopWord}
	langSpanish = &language{code: "es", stem: stemSpanish, stop: spanish.IsStopWord}
)

// languageOf is the analysis for a BCP 47 code: Spanish for es and its
// regions (es-US), English for every other code. English is the
// generator's first language; a site in a language it has no stemmer for
// is indexed with English rules, which keep words that are not plain
// ASCII letters as they are.
func languageOf(code string) *language {
	base, _, _ := strings.Cut(strings.ToLower(code), "-")
	if base == "es" {
		return langSpanish
	}
	return langEnglish
}

// StemLang is the stem of a lower-case token in the language of code (see
// Stem for English).
func StemLang(code, tok string) string { return languageOf(code).stem(tok) }

// stemSpanish is the Snowball Spanish stem of a lower-case token made of
// letters (accented or not); numbers and other tokens are kept as they
// are. The stemmer drops the acute accents of the stem, so "vacunación"
// and "vacunacion" share a stem.
func stemSpanish(tok string) string {
	for _, r := range tok {
		if !unicode.IsLetter(r) {
			return tok
		}
	}
	if len([]rune(tok)) < 3 {
		return tok
	}
	return spanish.Stem(tok, true)
}

// DefaultSynonymsFor are the synonym groups a language starts with:
// DefaultSynonyms for English (and any language without its own list),
// DefaultSynonymsES for Spanish.
func DefaultSynonymsFor(code string) [][]string {
	if languageOf(code) == langSpanish {
		return DefaultSynonymsES
	}
	return DefaultSynonyms
}

// DefaultSynonymsES are the groups a Spanish index starts with: the
// clinic's services and the words Spanish-speaking patients use for them.
// A language's search.synonyms in config.yaml adds to them.
var DefaultSynonymsES = [][]string{
	{"vacuna", "vacunación", "inyección", "inmunización", "piquete"},
	{"gripe", "influenza", "gripa"},
	{"presión", "presión arterial", "tensión arterial", "hipertensión"},
	{"urgencias", "sala de emergencias", "emergencia"},
	{"niño", "niños", "hijo", "hija", "pediatría", "pediátrico"},
	{"telemedicina", "telesalud", "videoconsulta", "consulta virtual"},
	{"chequeo", "revisión", "examen físico", "examen anual", "consulta de rutina"},
	{"médico", "doctor", "doctora", "proveedor"},
	{"azúcar", "diabetes", "glucosa", "azúcar en la sangre"},
	{"grupo de apoyo", "apoyo entre pares", "grupo de pares"},
	{"deprimido", "depresión", "tristeza"},
	{"ansiedad", "nervios", "angustia", "pánico"},
	{"medicamento", "medicina", "medicinas", "receta"},
	{"cita", "consulta", "turno"},
	{"cuidador", "cuidadora", "cuidado de familiares"},
	{"suicidio", "crisis", "pensamientos suicidas"},
	{"embarazo", "embarazada", "prenatal"},
	{"seguro", "seguro médico", "aseguranza"},
}
