package readability

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// esEasy and esHard are the worked examples of the Spanish measure; their
// counts are worked out by hand in TestMeasureSpanish.
const (
	esEasy = "La clínica abre de lunes a viernes. Puede llamar por teléfono para pedir una cita. " +
		"Si tiene dolor en el pecho, llame al 911 de inmediato. Nuestro equipo habla español y le puede ayudar."
	esHard = "La administración intravenosa de medicamentos antiinflamatorios requiere supervisión profesional continuada. " +
		"Las complicaciones cardiovasculares asociadas necesitan evaluación especializada inmediata en establecimientos hospitalarios acreditados. " +
		"El tratamiento debe administrarse exclusivamente bajo vigilancia médica permanente y documentada por profesionales sanitarios cualificados."
)

// TestSpanishFormula checks the two formulas against the worked example
// of the package documentation: 10 words, 2 sentences, 16 syllables.
//
//	Szigriszt-Pazos: 206.835 − 62.3 × 16/10 − 10/2 = 206.835 − 99.68 − 5 = 102.155 → 102.2
//	Fernández-Huerta: 206.84 − 60 × 16/10 − 1.02 × 10/2 = 206.84 − 96 − 5.1 = 105.74 → 105.7
func TestSpanishFormula(t *testing.T) {
	if got := perspicuity(10, 2, 16); got != 102.2 {
		t.Errorf("perspicuity(10, 2, 16) = %v, want 102.2", got)
	}
	if got := fernandezHuerta(10, 2, 16); got != 105.7 {
		t.Errorf("fernandezHuerta(10, 2, 16) = %v, want 105.7", got)
	}
	// No division by zero.
	if perspicuity(0, 0, 0) != 0 || fernandezHuerta(5, 0, 7) != 0 {
		t.Error("a zero count must give 0")
	}
	st := MeasureLang("es", "El niño come pan. La casa es grande y bonita.")
	if st.Words != 10 || st.Sentences != 2 || st.Syllables != 16 {
		t.Errorf("counts = %d words, %d sentences, %d syllables; want 10, 2, 16", st.Words, st.Sentences, st.Syllables)
	}
}

// TestMeasureSpanish checks the whole Spanish measure against two pages
// counted by hand.
//
// esEasy, 4 sentences, 34 words, 66 syllables:
//
//	La(1) clí-ni-ca(3) a-bre(2) de(1) lu-nes(2) a(1) vier-nes(2)                    7 words, 12 syllables
//	Pue-de(2) lla-mar(2) por(1) te-lé-fo-no(4) pa-ra(2) pe-dir(2) u-na(2) ci-ta(2)   8 words, 17
//	Si(1) tie-ne(2) do-lor(2) en(1) el(1) pe-cho(2) lla-me(2) al(1) 911(3) de(1)
//	in-me-dia-to(4)                                                                 11 words, 20
//	Nues-tro(2) e-qui-po(3) ha-bla(2) es-pa-ñol(3) y(1) le(1) pue-de(2) a-yu-dar(3)  8 words, 17
//
//	P = 206.835 − 62.3 × 66/34 − 34/4 = 206.835 − 120.935 − 8.5 = 77.40 → 77.4 (bastante fácil)
//	L = 206.84 − 60 × 66/34 − 1.02 × 34/4 = 206.84 − 116.471 − 8.67 = 81.70 → 81.7
//	per sentence: 206.835 − 62.3 × 12/7 − 7 = 93.035 → 93.0; 206.835 − 62.3 × 17/8 − 8
//	= 66.4475 → 66.4 (twice); 206.835 − 62.3 × 20/11 − 11 = 82.562 → 82.6.
//
// esHard, 3 sentences, 37 words, 142 syllables:
//
//	La(1) ad-mi-nis-tra-ción(5) in-tra-ve-no-sa(5) de(1) me-di-ca-men-tos(5)
//	an-ti-in-fla-ma-to-rios(7) re-quie-re(3) su-per-vi-sión(4) pro-fe-sio-nal(4)
//	con-ti-nua-da(4)                                                       10 words, 39 syllables
//	Las(1) com-pli-ca-cio-nes(5) car-dio-vas-cu-la-res(6) a-so-cia-das(4)
//	ne-ce-si-tan(4) e-va-lua-ción(4) es-pe-cia-li-za-da(6) in-me-dia-ta(4) en(1)
//	es-ta-ble-ci-mien-tos(6) hos-pi-ta-la-rios(5) a-cre-di-ta-dos(5)         12 words, 51
//	El(1) tra-ta-mien-to(4) de-be(2) ad-mi-nis-trar-se(5) ex-clu-si-va-men-te(6)
//	ba-jo(2) vi-gi-lan-cia(4) mé-di-ca(3) per-ma-nen-te(4) y(1) do-cu-men-ta-da(5)
//	por(1) pro-fe-sio-na-les(5) sa-ni-ta-rios(4) cua-li-fi-ca-dos(5)         15 words, 52
//
//	P = 206.835 − 62.3 × 142/37 − 37/3 = 206.835 − 239.097 − 12.333 = −44.60 → −44.6 (muy difícil)
//	L = 206.84 − 60 × 142/37 − 1.02 × 37/3 = 206.84 − 230.270 − 12.58 = −36.01 → −36.0
//	per sentence: 206.835 − 62.3 × 39/10 − 10 = −46.135 → −46.1;
//	206.835 − 62.3 × 51/12 − 12 = −69.94 → −69.9; 206.835 − 62.3 × 52/15 − 15 = −24.138 → −24.1.
func TestMeasureSpanish(t *testing.T) {
	s := func(text string, words, syllables int, score float64) Sentence {
		return Sentence{Text: text, Words: words, Syllables: syllables, Score: score}
	}
	tests := []struct {
		name  string
		prose string
		want  Stats
	}{
		{"easy", esEasy, Stats{
			Words: 34, Sentences: 4, Syllables: 66, Measured: true, Minutes: 1,
			Index: IndexPerspicuity, Score: 77.4, Huerta: 81.7,
			Hardest: []Sentence{
				s("Puede llamar por teléfono para pedir una cita.", 8, 17, 66.4),
				s("Nuestro equipo habla español y le puede ayudar.", 8, 17, 66.4),
				s("Si tiene dolor en el pecho, llame al 911 de inmediato.", 11, 20, 82.6),
			},
		}},
		{"hard", esHard, Stats{
			Words: 37, Sentences: 3, Syllables: 142, Measured: true, Minutes: 1,
			Index: IndexPerspicuity, Score: -44.6, Huerta: -36,
			Hardest: []Sentence{
				s("Las complicaciones cardiovasculares asociadas necesitan evaluación especializada inmediata en establecimientos hospitalarios acreditados.", 12, 51, -69.9),
				s("La administración intravenosa de medicamentos antiinflamatorios requiere supervisión profesional continuada.", 10, 39, -46.1),
				s("El tratamiento debe administrarse exclusivamente bajo vigilancia médica permanente y documentada por profesionales sanitarios cualificados.", 15, 52, -24.1),
			},
		}},
		{"too short", "El niño come pan. La casa es grande y bonita.", Stats{
			Words: 10, Sentences: 2, Syllables: 16, Minutes: 1, Reason: "fewer than 30 words of prose",
		}},
		{"English prose is not Spanish", easy, Stats{
			Words: 60, Sentences: 6, Syllables: 68, Minutes: 1,
			Reason: "too few common Spanish words: not Spanish, or a list rather than prose",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MeasureLang("es", tt.prose)
			if tt.name == "English prose is not Spanish" {
				// Its counts are the Spanish counter's; only the verdict matters.
				tt.want.Words, tt.want.Sentences, tt.want.Syllables = got.Words, got.Sentences, got.Syllables
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("MeasureLang(es) mismatch (-want +got):\n%s", diff)
			}
			if b := Band(got.Score); got.Measured && tt.name == "easy" && b != "bastante fácil" {
				t.Errorf("Band(%v) = %q, want bastante fácil", got.Score, b)
			}
		})
	}
}

// TestMeasureLangEnglish checks that any language but Spanish is measured
// exactly as Measure does, and that a Measurer used for both languages
// keeps them apart.
func TestMeasureLangEnglish(t *testing.T) {
	var m Measurer
	for _, lang := range []string{"", "en", "en-US", "fr", "e", "esp", "eses"} {
		for _, prose := range []string{easy, hard, esEasy} {
			if diff := cmp.Diff(Measure(prose), m.MeasureLang(lang, prose)); diff != "" {
				t.Errorf("MeasureLang(%q) differs from Measure (-Measure +MeasureLang):\n%s", lang, diff)
			}
			if diff := cmp.Diff(MeasureLang("es", esEasy), m.MeasureLang("es", esEasy)); diff != "" {
				t.Errorf("a Measurer used for English then Spanish differs (-fresh +reused):\n%s", diff)
			}
		}
	}
	for _, lang := range []string{"es", "ES", "es-US", "es-419", "es_MX"} {
		if !IsSpanish(lang) {
			t.Errorf("IsSpanish(%q) = false", lang)
		}
	}
}

func TestSplitSentencesES(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"La Dra. García la atenderá. ¿Tiene preguntas? ¡Llámenos hoy!",
			[]string{"La Dra. García la atenderá.", "¿Tiene preguntas?", "¡Llámenos hoy!"}},
		{"El Sr. Pérez y la Sra. López viven en el núm. 5. Ud. puede venir. Uds. también.",
			[]string{"El Sr. Pérez y la Sra. López viven en el núm. 5.", "Ud. puede venir.", "Uds. también."}},
		{"Traiga sus medicinas, p. ej. Insulina o pastillas. Gracias.",
			[]string{"Traiga sus medicinas, p. ej. Insulina o pastillas.", "Gracias."}},
		{"La Srta. Ruiz trae vendas, gasas, etc. y cinta. Traiga gasas, etc. Luego pase.",
			[]string{"La Srta. Ruiz trae vendas, gasas, etc. y cinta.", "Traiga gasas, etc.", "Luego pase."}},
		{"Vea la pág. 12 y llame al Ing. Ruiz o a la Dra. Paz. Vive en la Av. Juárez, Dpto. 4.",
			[]string{"Vea la pág. 12 y llame al Ing. Ruiz o a la Dra. Paz.", "Vive en la Av. Juárez, Dpto. 4."}},
		{"«¿Le duele?», preguntó. —Sí. Mucho.",
			[]string{"«¿Le duele?», preguntó.", "—Sí.", "Mucho."}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, SplitSentencesES(tt.text)); diff != "" {
			t.Errorf("SplitSentencesES(%q) mismatch (-want +got):\n%s", tt.text, diff)
		}
	}
	// English does not know the Spanish titles.
	if got := SplitSentences("La Dra. García la atenderá."); len(got) != 2 {
		t.Errorf("SplitSentences splits the Spanish title into %q, want 2 pieces", got)
	}
}

func TestDiagnosticsES(t *testing.T) {
	const path = "content/articles/servicios.es.md"
	hardWarning := diag.List{{
		Severity: diag.Warning,
		Path:     path,
		Msg:      "perspicuity -44.6 (muy difícil) is below the target of 55 (Szigriszt-Pazos, INFLESZ scale)",
		Fix: `start with the hardest sentences: ` +
			`"Las complicaciones cardiovasculares asociadas necesitan evaluación especializada inmediata en establecimientos hospitalarios acreditados." (perspicuity -69.9); ` +
			`"La administración intravenosa de medicamentos antiinflamatorios requiere supervisión profesional continuada." (perspicuity -46.1); ` +
			`"El tratamiento debe administrarse exclusivamente bajo vigilancia médica permanente y documentada por …" (perspicuity -24.1)`,
		Code: CodePerspicuity,
	}}
	hard, easy := MeasureLang("es", esHard), MeasureLang("es", esEasy)
	tests := []struct {
		name string
		st   Stats
		min  float64
		want diag.List
	}{
		{"below the target", hard, 55, hardWarning},
		{"no target means the default of 55", hard, 0, hardWarning},
		{"above the target", easy, 55, nil},
		{"equal to the target", easy, 77.4, nil},
		{"just below a higher target", easy, 77.5, diag.List{{
			Severity: diag.Warning, Path: path,
			Msg: "perspicuity 77.4 (bastante fácil) is below the target of 77.5 (Szigriszt-Pazos, INFLESZ scale)",
			Fix: `start with the hardest sentences: "Puede llamar por teléfono para pedir una cita." (perspicuity 66.4); ` +
				`"Nuestro equipo habla español y le puede ayudar." (perspicuity 66.4); ` +
				`"Si tiene dolor en el pecho, llame al 911 de inmediato." (perspicuity 82.6)`,
			Code: CodePerspicuity,
		}}},
		{"not measured", MeasureLang("es", "Difícil. Palabras."), 55, nil},
		{"an English measure is not judged by perspicuity", Measure(hard0()), 55, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DiagnosticsES(path, tt.st, tt.min)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DiagnosticsES mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// DiagnosticsFor picks the measure's own target.
	targets := Targets{MaxGrade: 8, MinPerspicuity: 55}
	if got := DiagnosticsFor(path, hard, targets); cmp.Diff(hardWarning, got) != "" {
		t.Errorf("DiagnosticsFor(Spanish) = %v", got)
	}
	if got, want := DiagnosticsFor(path, Measure(hard0()), targets), Diagnostics(path, Measure(hard0()), 8); cmp.Diff(want, got) != "" {
		t.Errorf("DiagnosticsFor(English) = %v, want %v", got, want)
	}
	if !hard.OffTarget(targets) || easy.OffTarget(targets) || !Measure(hard0()).OffTarget(targets) || Measure(easy0()).OffTarget(targets) {
		t.Error("OffTarget disagrees with the targets")
	}
}

// hard0 and easy0 are the English worked examples, under other names here
// so that the Spanish ones may be called hard and easy.
func hard0() string { return hard }
func easy0() string { return easy }

func TestBand(t *testing.T) {
	for _, tt := range []struct {
		score float64
		want  string
	}{
		{-10, "muy difícil"}, {39.9, "muy difícil"}, {40, "algo difícil"}, {54.9, "algo difícil"},
		{55, "normal"}, {64.9, "normal"}, {65, "bastante fácil"}, {79.9, "bastante fácil"},
		{80, "muy fácil"}, {120, "muy fácil"},
	} {
		if got := Band(tt.score); got != tt.want {
			t.Errorf("Band(%v) = %q, want %q", tt.score, got, tt.want)
		}
	}
}

func FuzzMeasureSpanish(f *testing.F) {
	for _, s := range []string{
		"", esEasy, esHard, easy, "¿Qué? ¡Sí! p. ej. Dra. núm. 5... «Hola».", "ahumado prohíbe búho güe qui",
		"hoy muy y Y YY ÜÜ ÍÚ", "\xff\xfe.\n\n. . .", "我们的诊所。", strings.Repeat("ñ", 40),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st := MeasureLang("es", s)
		finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
		if !finite(st.Score) || !finite(st.Huerta) || st.Grade != 0 {
			t.Fatalf("Score = %v, Huerta = %v, Grade = %v", st.Score, st.Huerta, st.Grade)
		}
		if st.Words < 0 || st.Sentences < 0 || st.Syllables < st.Words {
			t.Fatalf("bad counts: %+v", st)
		}
		if (st.Words > 0) != (st.Minutes > 0) {
			t.Fatalf("Words = %d but Minutes = %d", st.Words, st.Minutes)
		}
		if st.Measured != (st.Reason == "") || st.Measured != (st.Index == IndexPerspicuity) {
			t.Fatalf("Measured = %v with Reason %q, Index %q", st.Measured, st.Reason, st.Index)
		}
		if st.Measured && (st.Words < MinWords || st.Sentences < MinSentences) {
			t.Fatalf("measured %d words in %d sentences", st.Words, st.Sentences)
		}
		if len(st.Hardest) > 3 {
			t.Fatalf("%d hardest sentences", len(st.Hardest))
		}
		for i, h := range st.Hardest {
			if !finite(h.Score) || h.Words == 0 {
				t.Fatalf("Hardest[%d] = %+v", i, h)
			}
			if i > 0 && h.Score < st.Hardest[i-1].Score {
				t.Fatalf("Hardest not in order (lowest first): %+v", st.Hardest)
			}
		}
		for _, w := range strings.Fields(s) {
			if n := SyllablesES(w); n < 0 || n > len(w)+1 {
				t.Fatalf("SyllablesES(%q) = %d", w, n)
			}
		}
	})
}

// BenchmarkMeasureSpanish measures a Spanish article of about 2,000 words
// (the worked examples repeated) with one Measurer, as a parse worker
// does, beside the same with English for comparison.
func BenchmarkMeasureSpanish(b *testing.B) {
	es := strings.Repeat(esEasy+"\n\n"+esHard+"\n\n", 28)
	en := strings.Repeat(easy+"\n\n"+hard+"\n\n", 29)
	for _, in := range []struct{ name, lang, text string }{{"es", "es", es}, {"en", "en", en}} {
		b.Run(in.name, func(b *testing.B) {
			var m Measurer
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				m.MeasureLang(in.lang, in.text)
			}
		})
	}
}
