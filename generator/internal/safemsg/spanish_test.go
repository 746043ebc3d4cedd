package safemsg

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

const (
	murio     = `"murió por suicidio"`
	intento   = `"intento de suicidio" or "sobrevivió a un intento de suicidio"`
	aumento   = `"aumento de la tasa de suicidio"`
	muerte    = `"muerte por suicidio" or "murió por suicidio"`
	chooses   = "presents suicide as a free choice"
	describes = "describes the method, which safe-messaging guidance asks to leave out"
)

func TestCheckSpanish(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Finding
	}{
		// Each phrase of the table.
		{"cometió suicidio", "Su hijo cometió suicidio.", []Finding{{1, 9, "cometió suicidio", murio, stigma}}},
		{"capitals", "COMETIÓ SUICIDIO", []Finding{{1, 1, "COMETIÓ SUICIDIO", murio, stigma}}},
		{"without the accent", "cometio suicidio", []Finding{{1, 1, "cometio suicidio", murio, stigma}}},
		{"mixed case and accents", "Cometío Suicídio", []Finding{{1, 1, "Cometío Suicídio", murio, stigma}}},
		{"cometer suicidio", "pensar en cometer suicidio", []Finding{{1, 11, "cometer suicidio", `"morir por suicidio" or "quitarse la vida"`, stigma}}},
		{"cometer un suicidio", "antes de cometer un suicidio", []Finding{{1, 10, "cometer un suicidio", `"morir por suicidio" or "quitarse la vida"`, stigma}}},
		{"cometieron", "Dos jóvenes cometieron suicidio.", []Finding{{1, 13, "cometieron suicidio", `"murieron por suicidio"`, stigma}}},
		{"cometen", "Muchos cometen suicidio.", []Finding{{1, 8, "cometen suicidio", `"mueren por suicidio"`, stigma}}},
		{"comete", "Quien comete suicidio", []Finding{{1, 7, "comete suicidio", `"muere por suicidio"`, stigma}}},
		{"ha cometido", "ha cometido suicidio", []Finding{{1, 4, "cometido suicidio", `"muerto por suicidio"`, stigma}}},
		{"across a line break", "Su hermano cometió\n  suicidio.", []Finding{{1, 12, "cometió suicidio", murio, stigma}}},
		{"not across a blank line", "cometió\n\nsuicidio", nil},
		{"suicidio exitoso", "un suicidio exitoso", []Finding{{1, 4, "suicidio exitoso", muerte, achieve}}},
		{"suicidio consumado", "casos de suicidio consumado", []Finding{{1, 10, "suicidio consumado", muerte, achieve}}},
		{"suicidios consumados", "SUICIDIOS CONSUMADOS", []Finding{{1, 1, "SUICIDIOS CONSUMADOS", muerte, achieve}}},
		{"se suicidó con éxito", "Se suicidó con éxito.", []Finding{{1, 1, "Se suicidó con éxito", murio, achieve}}},
		{"se suicido con exito", "se suicido con exito", []Finding{{1, 1, "se suicido con exito", murio, achieve}}},
		{"logró suicidarse", "Al final logró suicidarse.", []Finding{{1, 10, "logró suicidarse", murio, achieve}}},
		{"intento de suicidio exitoso", "un intento de suicidio exitoso", []Finding{{1, 4, "intento de suicidio exitoso", murio, achieve}}},
		{"intento exitoso about suicide", "Hablamos del suicidio. Fue un intento exitoso.", []Finding{{1, 31, "intento exitoso", murio, achieve}}},
		{"intento exitoso elsewhere", "Fue un intento exitoso de dejar de fumar.", nil},
		{"intento fallido about suicide", "Sobrevivió a un intento fallido de quitarse la vida.", []Finding{{1, 17, "intento fallido", intento, failure}}},
		{"intento fallido de suicidio", "tras un intento fallido de suicidio", []Finding{{1, 9, "intento fallido", intento, failure}}},
		{"intento de suicidio fallido", "tras un intento de suicidio fallido", []Finding{{1, 9, "intento de suicidio fallido", intento, failure}}},
		{"intentos frustrados", "Prevención del suicidio.\n\nTuvo dos intentos frustrados.", []Finding{{3, 10, "intentos frustrados", intento, failure}}},
		{"intento sin éxito", "El suicidio se puede prevenir. Un intento sin éxito.", []Finding{{1, 35, "intento sin éxito", intento, failure}}},
		{"suicidio fallido", "un suicidio fallido", []Finding{{1, 4, "suicidio fallido", intento, failure}}},
		{"intento fallido elsewhere", "Un intento fallido de iniciar sesión bloquea la cuenta.", nil},
		{"intento fallido, page not about suicide", "El primer intento fue un intento fallido.", nil},
		{"epidemia de suicidios", "una epidemia de suicidios", []Finding{{1, 5, "epidemia de suicidios", aumento, sensation}}},
		{"ola de suicidios", "la ola de suicidios", []Finding{{1, 4, "ola de suicidios", aumento, sensation}}},
		{"oleada de suicidios", "Una OLEADA de suicidios", []Finding{{1, 5, "OLEADA de suicidios", aumento, sensation}}},
		{"víctima del suicidio", "cada víctima del suicidio", []Finding{{1, 6, "víctima del suicidio", `"persona que murió por suicidio"`, stigma}}},
		{"victimas de suicidio", "las victimas de suicidio", []Finding{{1, 5, "victimas de suicidio", `"personas que murieron por suicidio"`, stigma}}},
		{"decidió quitarse la vida", "Decidió quitarse la vida.", []Finding{{1, 1, "Decidió quitarse la vida", murio, chooses}}},
		{"optó por acabar con su vida", "optó por acabar con su propia vida", []Finding{{1, 1, "optó por acabar con su propia vida", murio, chooses}}},
		{"method about suicide", "Murió por suicidio: se ahorcó en su casa.", []Finding{{1, 21, "se ahorcó", murio, describes}}},
		{"method, page not about suicide", "Se colgó la mochila y se fue.", nil},
		// No false positives.
		{"murió por suicidio", "Murió por suicidio. Se quitó la vida.", nil},
		{"intento de suicidio", "Después de un intento de suicidio, el apoyo ayuda.", nil},
		{"prevención", "La prevención del suicidio salva vidas.", nil},
		{"cometer errores", "Todos cometemos errores; cometió un error.", nil},
		{"inside a word", "recometió suicidio, suicidioexitoso", nil},
		{"inline code", "No escriba `cometió suicidio`.", nil},
		{"fenced code", "```\ncometió suicidio\n```", nil},
		{"empty", "", nil},
		{"invalid UTF-8", "\xff cometió suicidio \xfe", []Finding{{1, 3, "cometió suicidio", murio, stigma}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckLang([]byte(tt.body), 1, "es")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CheckLang(es, %q) mismatch (-want +got):\n%s", tt.body, diff)
			}
			if diff := cmp.Diff(referenceES(t, []byte(tt.body)), got); diff != "" {
				t.Errorf("CheckLang(es, %q) differs from the reference (-reference +got):\n%s", tt.body, diff)
			}
		})
	}
}

// TestCheckLangEnglish: any language but Spanish is checked exactly as
// Check does, and Spanish pages are not checked for the English phrases.
func TestCheckLangEnglish(t *testing.T) {
	body := []byte("He committed suicide. Su hijo cometió suicidio.")
	for _, lang := range []string{"", "en", "en-US", "fr", "esp"} {
		if diff := cmp.Diff(Check(body, 3), CheckLang(body, 3, lang)); diff != "" {
			t.Errorf("CheckLang(%q) differs from Check (-Check +CheckLang):\n%s", lang, diff)
		}
	}
	for _, lang := range []string{"es", "ES", "es-US", "es-419"} {
		got := CheckLang(body, 3, lang)
		if len(got) != 1 || got[0].Phrase != "cometió suicidio" || got[0].Line != 3 || got[0].Col != 31 {
			t.Errorf("CheckLang(%q) = %+v, want only the Spanish phrase at 3:31", lang, got)
		}
	}
}

func TestDiagnosticsSpanish(t *testing.T) {
	src := []byte("---\ntitle: Cometió suicidio\n---\nSu hijo COMETIO SUICIDIO.\n")
	want := diag.List{{
		Severity: diag.Warning, Path: "a.es.md", Line: 4, Col: 9,
		Msg:    `"COMETIO SUICIDIO" is stigmatising wording`,
		Fix:    `write "murió por suicidio" (safe messaging guidelines)`,
		Source: "Su hijo COMETIO SUICIDIO.",
		Code:   "safe-messaging",
	}}
	if diff := cmp.Diff(want, DiagnosticsLang("a.es.md", src, 4, "es")); diff != "" {
		t.Errorf("DiagnosticsLang mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Diagnostics("a.md", src, 4), DiagnosticsLang("a.md", src, 4, "en")); diff != "" {
		t.Errorf("DiagnosticsLang(en) differs from Diagnostics:\n%s", diff)
	}
	var got []string
	for _, d := range FrontMatterLang("a.es.md", src[:strings.Index(string(src), "Su hijo")], map[string]int{"title": 2}, "es") {
		got = append(got, d.Error())
	}
	if diff := cmp.Diff([]string{`a.es.md:2:8: "Cometió suicidio" in title is stigmatising wording; write "murió por suicidio" (safe messaging guidelines)`}, got); diff != "" {
		t.Errorf("FrontMatterLang (-want +got):\n%s", diff)
	}
}

func FuzzCheckSpanish(f *testing.F) {
	for _, s := range []string{
		"", "Su hijo cometió suicidio.", "```\ncometió suicidio", "COMETIÓ\nSUICIDIO", "un intento\nfallido\n\nsuicidio",
		"víctimas del suicidio", "\xffcometio\r\n suicidio", "se ahorcó. suicidio",
	} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, body string, first int) {
		fs := CheckLang([]byte(body), first, "es")
		for i, x := range fs {
			if x.Line < 1 || x.Col < 1 || x.Phrase == "" || x.Suggestion == "" || x.Why == "" {
				t.Fatalf("bad finding %+v", x)
			}
			if i > 0 && (x.Line < fs[i-1].Line || x.Line == fs[i-1].Line && x.Col <= fs[i-1].Col) {
				t.Fatalf("findings out of order: %+v", fs)
			}
		}
		DiagnosticsLang("x.md", []byte(body), first, "es")
		if first == 1 {
			if diff := cmp.Diff(referenceES(t, []byte(body)), fs); diff != "" {
				t.Fatalf("differs from the reference (-reference +got):\n%s", diff)
			}
		}
	})
}

// referenceES is checkES the slow, simple way: each rule's pattern,
// unanchored, run over the whole text, no first words. checkES runs the
// anchored patterns only where a word starts with one of the rule's first
// words; if a rule's first words missed a way its phrase can start, the
// two would differ.
func referenceES(t testing.TB, body []byte) []Finding {
	lower := lowerLatin1(maskLower(body))
	type hit struct {
		start, end int
		f          Finding
	}
	var hits []hit
	for _, rl := range esRules() {
		src := strings.TrimSuffix(strings.TrimPrefix(rl.re.String(), "^(?:"), ")")
		re := regexp.MustCompile(src)
		for _, m := range re.FindAllStringSubmatchIndex(lower, -1) {
			start, end := m[0], m[1]
			if prev, _ := utf8.DecodeLastRuneInString(lower[:start]); isWordRune(prev) {
				continue
			}
			if next, _ := utf8.DecodeRuneInString(lower[end:]); isWordRune(next) {
				continue
			}
			if rl.context && !aboutSuicideES(lower, end, esMention().MatchString(lower)) {
				continue
			}
			groups := make([]string, len(m)/2)
			for g := range groups {
				if m[2*g] >= 0 {
					groups[g] = foldES(lower[m[2*g]:m[2*g+1]])
				}
			}
			line, col := diag.LineCol(body, start)
			hits = append(hits, hit{start, end, Finding{line, col, collapse(string(body[start:end])), quoteAll(rl.suggest(groups)), rl.why}})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var out []Finding
	last := -1
	for _, h := range hits {
		if h.start >= last {
			out = append(out, h.f)
			last = h.end
		}
	}
	return out
}

// BenchmarkCheckSpanish lints a Spanish page with none of the phrases
// (most pages) and one with several.
func BenchmarkCheckSpanish(b *testing.B) {
	plain := []byte(strings.Repeat("El apoyo entre pares le ayuda a sentirse menos solo. Un compañero *escucha*,\ncomparte lo que le ayudó y le acompaña a su próxima cita.\n\n", 400))
	phrases := []byte(strings.Repeat("La prevención del suicidio salva vidas. Nadie «cometió suicidio»: murió por suicidio tras un intento fallido.\n\n", 200))
	for _, in := range []struct {
		name string
		body []byte
	}{{"plain x400", plain}, {"phrases x200", phrases}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.body)))
			for b.Loop() {
				CheckLang(in.body, 1, "es")
			}
		})
	}
}
