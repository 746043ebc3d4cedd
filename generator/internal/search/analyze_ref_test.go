package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kljensen/snowball/english"
)

// docView is what a Doc holds, as maps.
type docView struct {
	Terms  map[string]int
	Words  map[string]Word
	Stops  map[string]bool
	Len    int
	Capped bool
}

func view(d *Doc) *docView {
	return &docView{Terms: d.Terms(), Words: d.Words(), Stops: d.Stops(), Len: d.Len, Capped: d.Capped}
}

// refAnalyze is Analyze as it was before an Analyzer counted a page's
// words in its working memory: three map updates at every word. The
// Analyzer must return exactly what it returns (TestAnalyzerMatchesReference).
func refAnalyze(t Text) *docView {
	d := &docView{Terms: map[string]int{}, Words: map[string]Word{}, Stops: map[string]bool{}}
	add := func(s string, w, limit int) bool {
		n := 0
		capped := false
		tokens(s, nil, func(b []byte) bool {
			if limit >= 0 && n >= limit {
				capped = true
				return false
			}
			n++
			tok := string(b)
			if english.IsStopWord(tok) {
				d.Stops[tok] = true
				return true
			}
			stem := Stem(tok)
			d.Terms[stem] += w
			wd := d.Words[tok]
			wd.Stem = stem
			wd.Count++
			d.Words[tok] = wd
			d.Len += w
			return true
		})
		return capped
	}
	add(t.Title, titleWeight, -1)
	add(t.Description, descriptionWeight, -1)
	for _, h := range t.Headings {
		add(h, headingWeight, -1)
	}
	d.Capped = add(t.Body, bodyWeight, MaxWords)
	return d
}

// TestAnalyzerMatchesReference analyses many pages with one Analyzer, as
// a parse worker does, past the point where its memo starts again, and
// compares each Doc with refAnalyze's.
func TestAnalyzerMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	common := strings.Fields("the vaccines vaccination flu shot for kid's children running runs ran don't " +
		"blood pressure Pressure BLOOD niño café 2024 a I of and is 3 x y health clinic clinics " +
		"caregivers caregiver’s it's")
	word := func(fresh *int) string {
		if r.IntN(3) == 0 {
			*fresh++
			return fmt.Sprintf("w%dq%s", *fresh, []string{"ing", "s", "ed", "ation", ""}[r.IntN(5)])
		}
		return common[r.IntN(len(common))]
	}
	text := func(n int, fresh *int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString([]string{" ", ", ", ". ", "\n", " — ", "'"}[r.IntN(6)])
			}
			b.WriteString(word(fresh))
		}
		return b.String()
	}
	var z Analyzer
	fresh := 0
	for page := 0; fresh < 2*maxMemo+1000; page++ {
		tx := Text{Title: text(1+r.IntN(8), &fresh), Description: text(r.IntN(20), &fresh), Body: text(r.IntN(MaxWords+400), &fresh)}
		for range r.IntN(4) {
			tx.Headings = append(tx.Headings, text(1+r.IntN(6), &fresh))
		}
		got, want := view(z.Analyze(tx)), refAnalyze(tx)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("page %d: Analyzer differs from refAnalyze (-want +got):\n%s", page, diff)
		}
	}
	if len(z.memo) > maxMemo+MaxWords+1000 {
		t.Errorf("memo holds %d words, want it to start again past %d", len(z.memo), maxMemo)
	}
}
