package readability

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGradeFormula checks the formula against published figures.
func TestGradeFormula(t *testing.T) {
	tests := []struct {
		name                        string
		words, sentences, syllables int
		want                        float64
	}{
		// Wikipedia, "Flesch–Kincaid readability tests": "The Australian
		// platypus is seemingly a hybrid of a mammal and reptilian
		// creature." is 11.3 with 24 syllables and 13 words:
		// 0.39×13/1 + 11.8×24/13 − 15.59 = 5.07 + 21.785 − 15.59 = 11.265.
		{"platypus", 13, 1, 24, 11.3},
		// Same article: Green Eggs and Ham has 812 words averaging 5.7 words
		// a sentence and 1.02 syllables a word (every word one syllable but
		// "anywhere", 3 syllables, 8 times: 812 + 8×2 = 828), grade −1.3:
		// 0.39×812/142 + 11.8×828/812 − 15.59 = 2.230 + 12.033 − 15.59 = −1.327.
		{"green eggs and ham", 812, 142, 828, -1.3},
		// The floor: every sentence one word of one syllable.
		// 0.39 + 11.8 − 15.59 = −3.4.
		{"floor", 1, 1, 1, -3.4},
		// Nothing to divide by: 0, never NaN.
		{"no words", 0, 0, 0, 0},
		{"no sentences", 10, 0, 12, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := grade(tt.words, tt.sentences, tt.syllables); got != tt.want {
				t.Errorf("grade(%d, %d, %d) = %v, want %v", tt.words, tt.sentences, tt.syllables, got, tt.want)
			}
		})
	}
}

// TestMeasurePlatypus counts the published example from prose: the counts
// match the published ones, and one sentence of 13 words is too little to
// grade a page on.
func TestMeasurePlatypus(t *testing.T) {
	got := Measure("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.")
	want := Stats{Words: 13, Sentences: 1, Syllables: 24, Minutes: 1, Reason: "fewer than 30 words of prose"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Measure mismatch (-want +got):\n%s", diff)
	}
}

// easy is a worked example, counted by hand.
//
//	Peer support groups meet every week.        6 words  1+2+1+1+2+1 = 8 syllables
//	A trained peer leads each group.            6 words  1+1+1+1+1+1 = 6
//	You can join at any time, and it is free.  10 words  1+1+1+1+2+1+1+1+1+1 = 11
//	Call the clinic to save your place.         7 words  1+1+2+1+1+1+1 = 8
//	Bring a friend if you like.                 6 words  1+1+1+1+1+1 = 6
//	                                           35 words, 5 sentences, 39 syllables
//
// grade = 0.39×35/5 + 11.8×39/35 − 15.59 = 2.73 + 13.149 − 15.59 = 0.289 → 0.3
//
// Sentence scores (the same formula with one sentence):
//
//	1: 0.39×6  + 11.8×8/6   − 15.59 =  2.483 →  2.5
//	3: 0.39×10 + 11.8×11/10 − 15.59 =  1.29  →  1.3
//	4: 0.39×7  + 11.8×8/7   − 15.59 =  0.626 →  0.6
//	2 and 5: 0.39×6 + 11.8×6/6 − 15.59 = −1.45
const easy = `Peer support groups meet every week. A trained peer leads each group.
You can join at any time, and it is free.

Call the clinic to save your place. Bring a friend if you like.`

// hard is a second worked example, counted by hand.
//
//	Med-i-ca-tion man-age-ment ap-point-ments are a-vail-a-ble for
//	pa-tients with chron-ic con-di-tions.
//	    10 words  4+3+3+1+4+1+2+1+2+3 = 24 syllables
//	Our tel-e-med-i-cine ser-vic-es pro-vide con-ven-ient con-sul-ta-tions
//	with ex-pe-ri-enced pro-vid-ers.
//	    9 words   1+5+3+2+3+4+1+4+3 = 26
//	Vac-ci-na-tions are ad-min-is-tered ac-cord-ing to rec-om-men-da-tions
//	from pub-lic health au-thor-i-ties.
//	    10 words  4+1+4+3+1+5+1+2+1+4 = 26
//	Please call us with ques-tions.
//	    5 words   1+1+1+1+2 = 6
//	    34 words, 4 sentences, 82 syllables
//
// grade = 0.39×34/4 + 11.8×82/34 − 15.59 = 3.315 + 28.459 − 15.59 = 16.184 → 16.2
//
// Sentence scores:
//
//	2: 0.39×9  + 11.8×26/9  − 15.59 = 22.009 → 22.0
//	3: 0.39×10 + 11.8×26/10 − 15.59 = 18.99  → 19.0
//	1: 0.39×10 + 11.8×24/10 − 15.59 = 16.63  → 16.6
//	4: 0.39×5  + 11.8×6/5   − 15.59 =  0.52  →  0.5
const hard = `Medication management appointments are available for patients with chronic conditions.
Our telemedicine services provide convenient consultations with experienced providers.
Vaccinations are administered according to recommendations from public health authorities.
Please call us with questions.`

func TestMeasureWorkedExamples(t *testing.T) {
	tests := []struct {
		name, prose string
		want        Stats
	}{
		{"easy", easy, Stats{
			Words: 35, Sentences: 5, Syllables: 39, Grade: 0.3, Measured: true, Minutes: 1,
			Hardest: []Sentence{
				{Text: "Peer support groups meet every week.", Words: 6, Syllables: 8, Score: 2.5},
				{Text: "You can join at any time, and it is free.", Words: 10, Syllables: 11, Score: 1.3},
				{Text: "Call the clinic to save your place.", Words: 7, Syllables: 8, Score: 0.6},
			},
		}},
		{"hard", hard, Stats{
			Words: 34, Sentences: 4, Syllables: 82, Grade: 16.2, Measured: true, Minutes: 1,
			Hardest: []Sentence{
				{Text: "Our telemedicine services provide convenient consultations with experienced providers.", Words: 9, Syllables: 26, Score: 22.0},
				{Text: "Vaccinations are administered according to recommendations from public health authorities.", Words: 10, Syllables: 26, Score: 19.0},
				{Text: "Medication management appointments are available for patients with chronic conditions.", Words: 10, Syllables: 24, Score: 16.6},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Measure(tt.prose)); diff != "" {
				t.Errorf("Measure mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// words returns n words of ordinary prose with no full stop.
func words(n int) string {
	base := strings.Fields("the clinic helps people with their health and we are here for you every day of the week")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(base[i%len(base)])
	}
	return b.String()
}

// TestMeasureBadInput covers the inputs the issue names: each gets a figure
// or an explicit reason, never a crash, NaN or a division by zero.
func TestMeasureBadInput(t *testing.T) {
	spanish := "La clínica ofrece atención de urgencia y medicina familiar. " +
		"Los pacientes pueden pedir una cita por teléfono o en persona. " +
		"El grupo de apoyo entre pares se reúne cada semana y es gratuito. " +
		"Llame al consultorio para reservar su lugar en el grupo."
	tests := []struct {
		name, prose string
		// The fields that matter for bad input; Hardest is checked below.
		words, sentences, minutes int
		measured                  bool
		reason                    string
	}{
		{"empty", "", 0, 0, 0, false, "no prose"},
		{"white space", " \n\n \t", 0, 0, 0, false, "no prose"},
		{"punctuation only", "--- *** ... !!!", 0, 0, 0, false, "no prose"},
		{"only numbers", "2019 2020 2021 2022 2023\n\n12.5 13.1 14.0 15.2",
			9, 2, 1, false, "mostly numbers, not prose"},
		{"numbers-heavy table", "| Year | Visits |\n|---|---|\n| 2021 | 1,204 |\n| 2022 | 1,377 |\n| 2023 | 1,590 |",
			8, 4, 1, false, "mostly numbers, not prose"},
		{"short", "Call us today. We can help.", 6, 2, 1, false, "fewer than 30 words of prose"},
		{"only a list", "- Urgent care\n- Family practice\n- Chronic care services\n- Telemedicine services\n" +
			"- Vaccinations management\n- Peer support for mental health patients\n- Lab tests\n" +
			"- Sports physicals\n- School forms\n- Travel vaccines\n- Flu shots\n- Blood pressure checks",
			30, 12, 1, false, "too few common English words: not English, or a list rather than prose"},
		{"a short list", "- Urgent care\n- Family practice\n- Telemedicine", 5, 3, 1, false, "fewer than 30 words of prose"},
		{"500 words, no full stop", words(500), 500, 1, 3, false, "fewer than 2 sentences"},
		{"Spanish", spanish, 43, 4, 1, false, "too few common English words: not English, or a list rather than prose"},
		{"Chinese", "我们的诊所提供紧急护理和家庭医疗服务。同伴支持小组每周见面一次。", 30, 2, 1, false, "mostly non-Latin script, not English"},
		{"Russian", "Наша клиника предлагает неотложную помощь. Группа поддержки встречается каждую неделю.",
			10, 2, 1, false, "mostly non-Latin script, not English"},
		{"invalid UTF-8", "Call \xff\xfe us. Now \xc3.", 3, 2, 1, false, "fewer than 30 words of prose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Measure(tt.prose)
			if got.Words != tt.words || got.Sentences != tt.sentences || got.Minutes != tt.minutes ||
				got.Measured != tt.measured || got.Reason != tt.reason {
				t.Errorf("Measure = {Words:%d Sentences:%d Minutes:%d Measured:%v Reason:%q}, want {%d %d %d %v %q}",
					got.Words, got.Sentences, got.Minutes, got.Measured, got.Reason,
					tt.words, tt.sentences, tt.minutes, tt.measured, tt.reason)
			}
			if got.Grade != 0 || got.Hardest != nil {
				t.Errorf("not measured, yet Grade = %v, Hardest = %v", got.Grade, got.Hardest)
			}
		})
	}
}

// TestMeasureLongSentence: a 500-word run-on among normal sentences is
// graded (it is what makes the page hard) and named first.
func TestMeasureLongSentence(t *testing.T) {
	long := words(500)
	got := Measure(easy + "\n\n" + long)
	if !got.Measured {
		t.Fatalf("not measured: %s", got.Reason)
	}
	if got.Words != 535 || got.Sentences != 6 {
		t.Errorf("Words, Sentences = %d, %d; want 535, 6", got.Words, got.Sentences)
	}
	// 0.39×535/6 + 11.8×syllables/535 − 15.59 is about 35 + 14 − 16.
	if got.Grade < 30 || got.Grade > 40 || math.IsInf(got.Grade, 0) {
		t.Errorf("Grade = %v, want about 33", got.Grade)
	}
	if len(got.Hardest) != 3 || got.Hardest[0].Text != long || got.Hardest[0].Words != 500 {
		t.Errorf("Hardest[0] is not the 500-word sentence: %+v", got.Hardest)
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct{ words, want int }{
		{1, 1}, {299, 1}, {300, 2}, {499, 2}, {500, 3}, {1000, 5},
	}
	for _, tt := range tests {
		if got := Measure(words(tt.words)).Minutes; got != tt.want {
			t.Errorf("%d words: Minutes = %d, want %d", tt.words, got, tt.want)
		}
	}
}

func FuzzMeasure(f *testing.F) {
	for _, s := range []string{
		"", easy, hard, words(40), "Dr. J. Smith, e.g. 3.5 mg... OK?! \"Yes.\"",
		"- a\n- b\n\n| x | y |\n|---|---|\n1) z", "我们的诊所。", "\xff\xfe.\n\n. . .", "١٢٣ ٤٥٦",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st := Measure(s)
		finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
		if !finite(st.Grade) {
			t.Fatalf("Grade = %v", st.Grade)
		}
		if st.Words < 0 || st.Sentences < 0 || st.Syllables < 0 {
			t.Fatalf("negative count: %+v", st)
		}
		if (st.Words > 0) != (st.Minutes > 0) {
			t.Fatalf("Words = %d but Minutes = %d", st.Words, st.Minutes)
		}
		if st.Measured != (st.Reason == "") {
			t.Fatalf("Measured = %v with Reason %q", st.Measured, st.Reason)
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
			if i > 0 && h.Score > st.Hardest[i-1].Score {
				t.Fatalf("Hardest not in order: %+v", st.Hardest)
			}
		}
	})
}
