package safemsg

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"
)

// Spanish pages
//
// CheckLang, DiagnosticsLang and FrontMatterLang take the page's language
// (a BCP 47 tag): for Spanish ("es", "es-US"…) they check the Spanish
// phrases below; for any other they are Check, Diagnostics and
// FrontMatter. Matching ignores case and accents ("COMETIÓ SUICIDIO",
// "cometio suicidio"), follows the verb's forms and crosses a single line
// break; the code spans, fences and comments skipped are as for English.
// Messages stay in English, as all of the generator's; the suggestions
// are in Spanish.
//
//	escriba                              en lugar de                            why
//	"murió por suicidio" (and the        "cometió suicidio", "cometer           "cometer" suggests a crime or a sin
//	  verb's other forms)                  (un/el) suicidio"…
//	"murió por suicidio"                 "suicidio exitoso/consumado/logrado",  presents suicide as an achievement
//	                                     "se suicidó con éxito", "logró
//	                                     suicidarse", "intento exitoso"
//	"intento de suicidio" or             "intento (de suicidio) fallido/        presents surviving as a failure
//	  "sobrevivió a un intento de          frustrado", "suicidio fallido",
//	  suicidio"                            "intento sin éxito"
//	"aumento de la tasa de suicidio"     "epidemia/ola/oleada de suicidios"     sensationalises
//	"persona que murió por suicidio"     "víctima de(l) suicidio"               stigmatising
//	"murió por suicidio"                 "decidió/eligió/optó por quitarse      presents suicide as a free choice
//	                                       la vida"
//	"murió por suicidio"                 "se ahorcó", "se colgó", "se pegó      describes the method
//	                                       un tiro"
//
// As in English, "intento fallido", "intento exitoso", "intento sin éxito"
// and the method phrases count only when they are about suicide: the rest
// of the sentence when "de", "por" or "para" follows, else the page
// (suicid…, "quitarse la vida"…). "suicidio" as a modifier ("cometer
// suicidio prevención" does not occur; "suicidio consumado" does) is not
// special-cased.
//
// Sources: Organización Mundial de la Salud and Asociación Internacional
// para la Prevención del Suicidio, "Prevención del suicidio: un recurso
// para profesionales de los medios de comunicación. Actualización 2017"
// (Spanish edition, Organización Panamericana de la Salud, 2018): avoid
// language that sensationalises or normalises suicide or presents it as a
// solution, and avoid describing the method; Acosta Artiles, Rodríguez
// Rodríguez-Caro and Cejas Méndez, "Noticias sobre suicidio en los medios
// de comunicación. Recomendaciones de la OMS", Revista Española de Salud
// Pública 91 (2017), which summarises them for Spanish writers; Mexico's
// Comisión Nacional de Salud Mental y Adicciones (CONASAMA), in its course
// for the media on suicidal behaviour, which asks for "ha muerto por
// suicidio" rather than "se ha suicidado" or "suicidio consumado"; and the
// Spanish network Red AIPIS, which asks not to speak of "oleadas de
// suicidios". The rows on "cometer", "exitoso" and "fallido" are the
// Spanish forms of the English rows (reportingonsuicide.org), which these
// guides follow.

// IsSpanish reports whether lang, a BCP 47 language tag, is Spanish: "es"
// or "es-" followed by a region, in any case.
func IsSpanish(lang string) bool {
	return len(lang) >= 2 && strings.EqualFold(lang[:2], "es") && (len(lang) == 2 || lang[2] == '-' || lang[2] == '_')
}

// CheckLang is Check for a page in the language lang: the Spanish phrases
// for Spanish, Check for any other.
func CheckLang(body []byte, firstLine int, lang string) []Finding {
	if !IsSpanish(lang) {
		return Check(body, firstLine)
	}
	return checkES(body, firstLine)
}

// DiagnosticsLang is Diagnostics for a page in the language lang.
func DiagnosticsLang(path string, src []byte, bodyLine int, lang string) diag.List {
	if !IsSpanish(lang) {
		return Diagnostics(path, src, bodyLine)
	}
	return diagnostics(path, src, bodyLine, checkES)
}

// FrontMatterLang is FrontMatter for a page in the language lang.
func FrontMatterLang(path string, frontSrc []byte, lines map[string]int, lang string) diag.List {
	if !IsSpanish(lang) {
		return FrontMatter(path, frontSrc, lines)
	}
	return frontMatter(path, frontSrc, lines, checkES)
}

// esRule is one row of the Spanish table.
type esRule struct {
	// re matches the phrase at the start of the text (it is anchored);
	// first are the beginnings of the phrase's first word, lower case
	// without accents: re runs only where a word starts with one.
	re    *regexp.Regexp
	first []string
	why   string
	// suggest returns the wordings to write, given the match's
	// submatches, lower-cased and without accents (groups[0] is the
	// whole match).
	suggest func(groups []string) []string
	// context asks for the match to be about suicide (see aboutSuicideES).
	context bool
}

// esPattern turns words written in lower case without accents into a
// pattern that matches them with or without accents, in lower case (see
// lowerLatin1), words separated as sep has them.
func esPattern(words ...string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(sep)
		}
		for _, r := range w {
			switch r {
			case 'a':
				b.WriteString("[aá]")
			case 'e':
				b.WriteString("[eé]")
			case 'i':
				b.WriteString("[ií]")
			case 'o':
				b.WriteString("[oó]")
			case 'u':
				b.WriteString("[uúü]")
			case ' ':
				b.WriteString(sep)
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// lowerLatin1 returns s, its ASCII letters already in lower case (see
// maskLower), with the capitals À–Þ of Latin-1 (Á, É, Í, Ñ, Ó, Ú, Ü…) in
// lower case too. Each is two bytes, as its lower case is, so a byte
// offset in the result is the same offset in s, and the rules need not
// ignore case, which makes them several times faster.
func lowerLatin1(s string) string {
	if strings.IndexByte(s, 0xC3) < 0 {
		return s
	}
	b := []byte(s)
	for i := 0; i+1 < len(b); i++ {
		if b[i] == 0xC3 && 0x80 <= b[i+1] && b[i+1] <= 0x9E && b[i+1] != 0x97 { // not ×
			b[i+1] += 0x20
			i++
		}
	}
	return string(b)
}

// foldES lower-cases s and removes the accents of its vowels.
func foldES(s string) string {
	return strings.Map(func(r rune) rune { return foldRuneES(unicode.ToLower(r)) }, s)
}

var esRules = sync.OnceValue(func() []esRule {
	re := func(words ...string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + esPattern(words...) + `)`) }
	first := func(ws ...string) []string { return ws }
	fixed := func(ws ...string) func([]string) []string {
		return func([]string) []string { return ws }
	}
	const (
		stigma      = "is stigmatising wording"
		achievement = "presents suicide as an achievement"
		failure     = "presents surviving as a failure"
		sensational = "is sensationalising wording"
		choice      = "presents suicide as a free choice"
		method      = "describes the method, which safe-messaging guidance asks to leave out"
	)
	cometer := map[string]string{
		"io": "murió", "ieron": "murieron", "er": "morir", "e": "muere", "en": "mueren",
		"ido": "muerto", "iendo": "muriendo", "ia": "moría", "ian": "morían", "a": "muera", "an": "mueran",
	}
	died := fixed("murió por suicidio")
	survived := fixed("intento de suicidio", "sobrevivió a un intento de suicidio")
	victim := func(g []string) []string {
		if strings.HasSuffix(g[1], "s") {
			return []string{"personas que murieron por suicidio"}
		}
		return []string{"persona que murió por suicidio"}
	}
	return []esRule{
		{re: re(`comet(ieron|iendo|ian|ido|io|ia|er|en|an|e|a) (?:(?:un|el) )?suicidio`), first: first("comet"), why: stigma,
			suggest: func(g []string) []string {
				if g[1] == "er" {
					return []string{"morir por suicidio", "quitarse la vida"}
				}
				return []string{cometer[g[1]] + " por suicidio"}
			}},
		{re: re(`suicidios? (?:exitosos?|consumados?|logrados?|completados?)`), first: first("suicid"), why: achievement, suggest: fixed("muerte por suicidio", "murió por suicidio")},
		{re: re(`se suicid(?:o|aron|a|an) con exito`), first: first("se"), why: achievement, suggest: died},
		{re: re(`(?:logro|logra|lograron|consiguio|consigue|consiguieron) suicidarse`), first: first("logr", "consig"), why: achievement, suggest: died},
		{re: re(`intentos? de suicidio (?:exitosos?|logrados?)`), first: first("intent"), why: achievement, suggest: died},
		{re: re(`intentos? (?:exitosos?|logrados?)`), first: first("intent"), why: achievement, suggest: died, context: true},
		{re: re(`intentos? de suicidio (?:fallidos?|frustrados?|sin exito)`), first: first("intent"), why: failure, suggest: survived},
		{re: re(`intentos? (?:fallidos?|frustrados?|sin exito)`), first: first("intent"), why: failure, suggest: survived, context: true},
		{re: re(`suicidios? (?:fallidos?|frustrados?)`), first: first("suicid"), why: failure, suggest: survived},
		{re: re(`(?:epidemias?|olas?|oleadas?) de suicidios?`), first: first("epidem", "ola", "olead"), why: sensational, suggest: fixed("aumento de la tasa de suicidio")},
		{re: re(`(victimas?) (?:de|del|por) suicidio`), first: first("victim"), why: stigma, suggest: victim},
		{re: re(`(?:decidio|decidieron|eligio|eligieron|escogio|opto por|optaron por) (?:quitarse|acabar con|terminar con) (?:la|su) (?:propia )?vida`), first: first("decid", "elig", "escog", "opt"),
			why: choice, suggest: died},
		{re: re(`se (?:ahorco|ahorcaron|colgo|colgaron|pego un tiro|pegaron un tiro)`), first: first("se"), why: method, suggest: died, context: true},
	}
})

// esMention matches Spanish words about suicide, for the context rules.
var esMention = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(esPattern(`(?:suicid|quit(?:arse|arte|arme|o|aron|a|an) la vida|(?:acabar|terminar) con (?:su|mi) vida)`))
})

// checkES is Check for Spanish (see CheckLang).
func checkES(body []byte, firstLine int) []Finding {
	if firstLine < 1 {
		firstLine = 1
	}
	if !mayMatchES(body) {
		return nil
	}
	lower := lowerLatin1(maskLower(body))
	page := sync.OnceValue(func() bool { return esMention().MatchString(lower) })
	var hits []hit
	rules := esRules()
	inWord := false // the rune before lower[at] is a letter, digit or _
	for at := 0; at < len(lower); {
		r, n := utf8.DecodeRuneInString(lower[at:])
		start := at
		at += n
		wordStart := !inWord && unicode.IsLetter(r)
		inWord = isWordRune(r)
		if !wordStart {
			continue
		}
		for _, rl := range rules {
			if !slices.ContainsFunc(rl.first, func(f string) bool { return hasFoldPrefixString(lower[start:], f) }) {
				continue
			}
			m := rl.re.FindStringSubmatchIndex(lower[start:])
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += start
				}
			}
			end := m[1]
			if next, _ := utf8.DecodeRuneInString(lower[end:]); isWordRune(next) {
				continue // "suicidios consumadosX": not the word
			}
			if rl.context && !aboutSuicideES(lower, end, page()) {
				continue
			}
			groups := make([]string, len(m)/2)
			for g := range groups {
				if m[2*g] >= 0 {
					groups[g] = foldES(lower[m[2*g]:m[2*g+1]])
				}
			}
			line, col := diag.LineCol(body, start)
			hits = append(hits, hit{start, end, Finding{
				Line:       firstLine + line - 1,
				Col:        col,
				Phrase:     collapse(string(body[start:end])),
				Suggestion: quoteAll(rl.suggest(groups)),
				Why:        rl.why,
			}})
		}
	}
	return nonOverlapping(hits)
}

// mayMatchES reports whether body holds a word that every Spanish phrase
// has, or needs the page to have: "suicid…", "intent…" or "vida", in any
// case, with or without accents. Most pages have none, and one scan is
// cheaper than masking the page and running the rules.
func mayMatchES(body []byte) bool {
	for i, c := range body {
		switch c | 0x20 { // lower case, for letters
		case 's':
			if hasFoldPrefix(body[i:], "suicid") {
				return true
			}
		case 'i':
			if hasFoldPrefix(body[i:], "intent") {
				return true
			}
		case 'v':
			if hasFoldPrefix(body[i:], "vida") {
				return true
			}
		case 0xC3 | 0x20: // the first byte of í or Í, which may start "íntent"
			if hasFoldPrefix(body[i:], "intent") {
				return true
			}
		}
	}
	return false
}

// hasFoldPrefix reports whether b starts with word (lower-case ASCII),
// each letter of b compared in lower case and without its accent.
func hasFoldPrefix(b []byte, word string) bool {
	for k := 0; k < len(word); k++ {
		r, n := utf8.DecodeRune(b)
		if n == 0 || foldRuneES(r) != rune(word[k]) {
			return false
		}
		b = b[n:]
	}
	return true
}

// hasFoldPrefixString is hasFoldPrefix for a string.
func hasFoldPrefixString(s, word string) bool {
	for k := 0; k < len(word); k++ {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 || foldRuneES(r) != rune(word[k]) {
			return false
		}
		s = s[n:]
	}
	return true
}

// foldRuneES lower-cases r and removes the accent of a Spanish vowel.
func foldRuneES(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	switch r {
	case 'á', 'Á':
		return 'a'
	case 'é', 'É':
		return 'e'
	case 'í', 'Í':
		return 'i'
	case 'ó', 'Ó':
		return 'o'
	case 'ú', 'Ú', 'ü', 'Ü':
		return 'u'
	}
	return r
}

// aboutSuicideES reports whether a phrase ending at lower[end:] is about
// suicide: by the rest of its sentence when "de", "por" or "para" follows,
// else by the whole page (page: whether it mentions suicide).
func aboutSuicideES(lower string, end int, page bool) bool {
	rest := strings.TrimLeft(lower[end:], " \t\r\n>")
	if w, _, _ := strings.Cut(rest, " "); w == "de" || w == "por" || w == "para" {
		stop := len(rest)
		if i := strings.IndexAny(rest, ".!?"); i >= 0 {
			stop = i
		}
		if i := strings.Index(rest[:stop], "\n\n"); i >= 0 {
			stop = i
		}
		return esMention().MatchString(rest[:stop])
	}
	return page
}
