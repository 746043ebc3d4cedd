package readability

import "testing"

// TestSyllables holds dictionary syllable counts (Merriam-Webster
// hyphenation; where dictionaries list two pronunciations, the comment says
// which one we follow).
func TestSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		// The words named in the issue.
		{"the", 1},
		{"every", 2}, // ev·ery; "ev-er-y" (3) is also heard
		{"people", 2},
		{"health", 1},
		{"medication", 4},
		{"vaccine", 2},
		{"create", 2},
		{"business", 2},
		{"mental", 2},
		{"support", 2},
		{"anxiety", 4},
		{"diabetes", 4},
		{"peer", 1},
		{"appointment", 3},
		// A clinic's vocabulary.
		{"patient", 2},
		{"patients", 2},
		{"doctor", 2},
		{"clinic", 2},
		{"care", 1},
		{"family", 3},
		{"practice", 2},
		{"urgent", 2},
		{"chronic", 2},
		{"telemedicine", 5},
		{"medicine", 3},
		{"insurance", 3},
		{"emergency", 4},
		{"prescription", 3},
		{"blood", 1},
		{"pressure", 2},
		{"nurse", 1},
		{"treatment", 2},
		{"therapy", 3},
		{"depression", 3},
		{"suicide", 3},
		{"information", 4},
		{"hospital", 3},
		{"cholesterol", 4},
		{"allergies", 3},
		{"infection", 3},
		{"symptoms", 2},
		{"available", 4},
		{"provider", 3},
		{"confidential", 4},
		{"facilitators", 5},
		{"counseling", 3},
		{"recovery", 4},
		{"vaccinations", 4},
		{"experienced", 4},
		{"management", 3},
		{"autism", 3},
		{"medium", 3},
		{"science", 2},
		// Rules for endings: silent e, -le, -es, -ed, -ing, suffixes.
		{"little", 2},
		{"simple", 2},
		{"tables", 2},
		{"makes", 1},
		{"changes", 2},
		{"helped", 1},
		{"needed", 2},
		{"created", 3},
		{"creature", 2},
		{"handled", 2},
		{"scheduled", 2},
		{"being", 2},
		{"going", 2},
		{"lying", 2},
		{"saying", 2},
		{"useful", 2},
		{"lonely", 2},
		{"safety", 2},
		{"settlement", 3},
		{"element", 3},
		// Vowel pairs said as one or as two.
		{"serious", 3},
		{"period", 3},
		{"million", 2},
		{"actual", 3},
		{"language", 2},
		{"quality", 3},
		{"earlier", 3},
		{"quiet", 2},
		{"client", 2},
		{"audience", 3},
		{"friend", 1},
		{"convenient", 3},
		{"efficient", 3},
		// y as a vowel and as a consonant.
		{"you", 1},
		{"year", 1},
		{"eye", 1},
		{"they", 1},
		{"beyond", 2},
		{"everything", 3},
		{"everyone", 3},
		// Case, accents, initialisms, numbers, punctuation.
		{"The", 1},
		{"Health", 1},
		{"café", 2},
		{"HIV", 3},
		{"FDA", 3},
		{"ADHD", 4},
		{"THE", 1},
		{"COVID-19", 4}, // CO-VID + 2 digits
		{"well-being", 3},
		{"don't", 1},
		{"clinic's", 2},
		{"U.S.", 2},
		{"7", 1},
		{"2024", 4},
		{"1000000", 4}, // capped at 4
		{"3.5", 2},
		{"50%", 2},
		{"", 0},
		{"—", 0},
		{"...", 0},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Syllables(tt.word); got != tt.want {
				t.Errorf("Syllables(%q) = %d, want %d", tt.word, got, tt.want)
			}
		})
	}
}

// TestSyllablesPlatypus checks the word-by-word count behind the published
// Flesch–Kincaid example (see TestMeasurePlatypus): 24 syllables.
func TestSyllablesPlatypus(t *testing.T) {
	words := []struct {
		w string
		n int
	}{
		{"The", 1}, {"Australian", 3}, {"platypus", 3}, {"is", 1}, {"seemingly", 3},
		{"a", 1}, {"hybrid", 2}, {"of", 1}, {"a", 1}, {"mammal", 2}, {"and", 1},
		{"reptilian", 3}, {"creature", 2},
	}
	total := 0
	for _, x := range words {
		if got := Syllables(x.w); got != x.n {
			t.Errorf("Syllables(%q) = %d, want %d", x.w, got, x.n)
		}
		total += x.n
	}
	if total != 24 {
		t.Errorf("table total = %d, want 24 (the published count)", total)
	}
}
