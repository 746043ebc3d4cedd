package readability

import "testing"

// TestSyllablesES checks the Spanish counter against the syllables of
// words whose division follows from the rules of the Real Academia
// Española and the Asociación de Academias, Ortografía de la lengua
// española (2010), on the syllable, diphthongs, triphthongs and hiatus
// as written — the division in the comment of each group — and
// the RAE's own examples where it gives them ("guion", "truhan", "fie",
// "huida" and "jesuita" are single diphthongs as written; "ahumado",
// "prohibir" and "rehusar" keep the diphthong across h).
func TestSyllablesES(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		// Plain consonant–vowel syllables: ca-sa, pe-rro, ni-ño, ár-bol…
		{"casa", 2}, {"perro", 2}, {"niño", 2}, {"árbol", 2}, {"canción", 2},
		{"corazón", 3}, {"teléfono", 4}, {"médico", 3}, {"enfermera", 4},
		{"salud", 2}, {"hospital", 3}, {"clínica", 3}, {"consulta", 3},
		{"medicamento", 5}, {"enfermedad", 4}, {"necesita", 4}, {"llamar", 2},
		{"cáncer", 2}, {"vacuna", 3}, {"crisis", 2}, {"dolor", 2}, {"seguro", 3},
		{"seguridad", 4}, {"México", 3}, {"examen", 3}, {"psicólogo", 4},
		// Diphthongs, a weak vowel with any vowel: pa-cien-te, ciu-dad,
		// cui-da-do, bien, tiem-po, ai-re, au-to, rei-na, mur-cié-la-go,
		// dia-be-tes…
		{"paciente", 3}, {"ciudad", 2}, {"cuidado", 3}, {"bien", 1}, {"tiempo", 2},
		{"aire", 2}, {"auto", 2}, {"reina", 2}, {"murciélago", 4}, {"depresión", 3},
		{"ansiedad", 3}, {"suicidio", 3}, {"prevención", 3}, {"emergencia", 4},
		{"farmacia", 3}, {"diabetes", 3}, {"tratamiento", 4}, {"atención", 3},
		{"información", 4}, {"vacunación", 4}, {"estudio", 3}, {"escuela", 3},
		{"familia", 3}, {"riesgo", 2}, {"fiebre", 2}, {"ciencia", 2},
		{"náuseas", 3}, {"incluido", 3}, {"destruir", 2}, {"construí", 2},
		{"jesuita", 3}, {"fui", 1}, {"fue", 1}, {"dio", 1}, {"vio", 1},
		{"guion", 1}, {"fie", 1}, {"cuando", 2}, {"agua", 2}, {"guapo", 2},
		// Triphthongs: buey, U-ru-guay, Pa-ra-guay, a-ve-ri-guáis.
		{"buey", 1}, {"Uruguay", 3}, {"Paraguay", 3}, {"averiguáis", 4},
		// Hiatus of an accented weak vowel: dí-a, pa-ís, rí-o, re-ú-ne…
		{"día", 2}, {"país", 2}, {"río", 2}, {"reúne", 3}, {"baúl", 2},
		{"oído", 3}, {"leía", 3}, {"reír", 2}, {"maíz", 2}, {"oí", 2},
		{"Raúl", 2}, {"aún", 2}, {"línea", 3},
		// Hiatus of two strong vowels: po-e-ta, le-er, co-o-pe-rar…
		{"poeta", 3}, {"leer", 2}, {"creer", 2}, {"cooperar", 4}, {"caos", 2},
		{"héroe", 3}, {"océano", 4}, {"aéreo", 4}, {"teatro", 3},
		// Two identical weak vowels are a hiatus: chi-i-ta, an-ti-in-fla-ma-to-rio.
		{"chiita", 3}, {"antiinflamatorio", 7},
		// Silent u in que qui gue gui; ü sounded: que-so, quin-ce,
		// gui-ta-rra, gue-rra, psi-quia-tra, pin-güi-no, ci-güe-ña…
		{"queso", 2}, {"quince", 2}, {"guitarra", 3}, {"guerra", 2},
		{"psiquiatra", 3}, {"pingüino", 3}, {"cigüeña", 3}, {"agüero", 3},
		{"vergüenza", 3}, {"quórum", 2},
		// h between vowels does not break a diphthong (RAE): ahu-ma-do,
		// prohi-bir, rehu-sar, tru-han; an accent or two strong vowels
		// still make a hiatus: pro-hí-be, bú-ho, a-hí, al-co-hol…
		{"ahumado", 3}, {"prohibir", 2}, {"rehusar", 2}, {"truhan", 1},
		{"prohíbe", 3}, {"búho", 2}, {"ahí", 2}, {"alcohol", 3},
		{"zanahoria", 4}, {"vahído", 3}, {"ahora", 3}, {"cohete", 3},
		{"huevo", 2}, {"hueso", 2}, {"huir", 1}, {"huida", 2},
		// y: a vowel at the end of a word or alone, else a consonant.
		{"hoy", 1}, {"muy", 1}, {"rey", 1}, {"ley", 1}, {"y", 1},
		{"ayuda", 3}, {"ayer", 2}, {"yo", 1}, {"mayo", 2}, {"ayudarle", 4},
		// Case, numbers, abbreviations and initialisms, as in English.
		{"CORAZÓN", 3}, {"Médico", 3}, {"2024", 4}, {"911", 3}, {"24", 2},
		{"24/7", 3}, {"COVID-19", 4}, {"VIH", 3}, {"OMS", 3}, {"LOS", 1},
		{"ONU", 2}, {"Sr.", 1}, {"Dra.", 1}, {"km", 1}, {"", 0}, {"—", 0},
	}
	if n := len(tests); n < 80 {
		t.Fatalf("only %d words", n)
	}
	for _, tt := range tests {
		if got := SyllablesES(tt.word); got != tt.want {
			t.Errorf("SyllablesES(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}
