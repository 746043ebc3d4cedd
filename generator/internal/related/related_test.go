package related

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// doc is a compact fake document: key, date "2006-01-02" or "", taxa and
// body text.
func doc(key, date string, taxa []string, body string) Doc {
	d := Doc{Key: key, Taxa: taxa, Text: Analyze("", "", body)}
	if date != "" {
		var err error
		if d.Date, err = time.Parse("2006-01-02", date); err != nil {
			panic(err)
		}
	}
	return d
}

// keysOf returns the keys of matches, for readable comparisons.
func keysOf(docs []Doc, ms []Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, docs[m.Doc].Key)
	}
	return out
}

func find(docs []Doc, key string) int {
	for i, d := range docs {
		if d.Key == key {
			return i
		}
	}
	panic("no document " + key)
}

var clinicDocs = []Doc{
	doc("flu-shots.md", "2025-10-01", nil, "Flu shots protect you from influenza. Get your influenza vaccine every fall; the flu vaccine is safe."),
	doc("flu-myths.md", "2024-11-05", []string{"tags/vaccines"}, "Myths about the flu vaccine: the influenza shot cannot give you the flu."),
	doc("measles.md", "2023-02-01", []string{"tags/vaccines"}, "Measles vaccine schedule for children: two doses of the measles vaccine."),
	doc("peer-groups.md", "2025-01-15", []string{"tags/peer-support", "tags/health"}, "Peer support groups: people with lived experience share recovery and hope."),
	doc("peer-mentors.md", "2022-06-01", []string{"tags/peer-support"}, "Peer mentors listen and share lived experience of recovery."),
	doc("anxiety.md", "2025-03-01", []string{"tags/health"}, "Panic and worry: breathing exercises calm anxiety."),
	doc("sleep.md", "2025-03-02", []string{"tags/health"}, "Better sleep helps mood and energy."),
}

func TestRelatedUntaggedGetsTextNeighbours(t *testing.T) {
	ix := Build(clinicDocs, DefaultWeights())
	got := keysOf(clinicDocs, ix.Related(find(clinicDocs, "flu-shots.md"), 2))
	want := []string{"flu-myths.md", "measles.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Related(flu-shots) (-want +got):\n%s", diff)
	}
}

func TestRelatedRareTagBeatsCommonTag(t *testing.T) {
	// "health" is on most pages, "peer-support" on two. No text at all, so
	// tags and recency decide; recency favours sleep.md and anxiety.md.
	docs := []Doc{
		doc("peer-groups.md", "2025-01-15", []string{"tags/peer-support", "tags/health"}, ""),
		doc("peer-mentors.md", "2015-06-01", []string{"tags/peer-support"}, ""),
		doc("anxiety.md", "2025-01-16", []string{"tags/health"}, ""),
		doc("sleep.md", "2025-01-14", []string{"tags/health"}, ""),
		doc("diet.md", "2025-01-13", []string{"tags/health"}, ""),
		doc("news.md", "2025-01-12", []string{"tags/health"}, ""),
	}
	ix := Build(docs, DefaultWeights())
	got := ix.Related(0, 3)
	if k := docs[got[0].Doc].Key; k != "peer-mentors.md" {
		t.Fatalf("best match %s (%s), want peer-mentors.md; list %v", k, got[0].Explain(), keysOf(docs, got))
	}
	if got[0].Tags <= 2*got[1].Tags {
		t.Errorf("rare tag scores %.3f, common tag %.3f: want the rare one to count far more", got[0].Tags, got[1].Tags)
	}
}

func TestRelatedNeverEmpty(t *testing.T) {
	// Nothing shared at all: the nearest dates fill the list.
	docs := []Doc{
		doc("a.md", "2020-01-01", nil, "alpha"),
		doc("b.md", "2020-01-10", nil, "bravo"),
		doc("c.md", "2020-03-01", nil, "charlie"),
		doc("d.md", "2019-12-01", nil, "delta"),
		doc("e.md", "", nil, ""),
	}
	ix := Build(docs, DefaultWeights())
	tests := []struct {
		key  string
		n    int
		want []string
	}{
		{"a.md", 2, []string{"b.md", "d.md"}},
		{"a.md", 10, []string{"b.md", "d.md", "c.md", "e.md"}},
		{"c.md", 1, []string{"b.md"}},
		{"e.md", 2, []string{"c.md", "b.md"}}, // undated: no recency, newest first
		{"e.md", 10, []string{"c.md", "b.md", "a.md", "d.md"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.key, tt.n), func(t *testing.T) {
			got := keysOf(docs, ix.Related(find(docs, tt.key), tt.n))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSizes(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3} {
		docs := clinicDocs[:n]
		ix := Build(docs, DefaultWeights())
		if ix.Len() != n {
			t.Errorf("Len() = %d, want %d", ix.Len(), n)
		}
		all := ix.All(5)
		if len(all) != n {
			t.Fatalf("%d docs: All gave %d lists", n, len(all))
		}
		for i, l := range all {
			if len(l) != n-1 {
				t.Errorf("%d docs: list %d has %d entries, want %d", n, i, len(l), n-1)
			}
		}
		if got := ix.Query(clinicDocs[0], 5); len(got) != n {
			t.Errorf("%d docs: Query gave %d, want %d", n, len(got), n)
		}
	}
}

func TestBadArguments(t *testing.T) {
	ix := Build(clinicDocs, DefaultWeights())
	for _, tt := range []struct{ i, n int }{{-1, 5}, {len(clinicDocs), 5}, {0, 0}, {0, -3}} {
		if got := ix.Related(tt.i, tt.n); got != nil {
			t.Errorf("Related(%d, %d) = %v, want nil", tt.i, tt.n, got)
		}
	}
	if got := ix.Query(clinicDocs[0], 0); got != nil {
		t.Errorf("Query(n=0) = %v, want nil", got)
	}
	for i, l := range ix.All(0) {
		if len(l) != 0 {
			t.Errorf("All(0)[%d] = %v, want empty", i, l)
		}
	}
	if got := ix.Related(0, math.MaxInt); len(got) != len(clinicDocs)-1 {
		t.Errorf("Related(0, MaxInt) has %d entries, want %d", len(got), len(clinicDocs)-1)
	}
}

func TestWeights(t *testing.T) {
	i := find(clinicDocs, "peer-groups.md")
	tests := []struct {
		name string
		w    Weights
		want string // best match
		zero func(Match) bool
	}{
		{"text only", Weights{Text: 1}, "peer-mentors.md", func(m Match) bool { return m.Tags == 0 && m.Recency == 0 }},
		{"tags only", Weights{Tags: 1}, "peer-mentors.md", func(m Match) bool { return m.Text == 0 && m.Recency == 0 }},
		{"recency only", Weights{Recency: 1}, "anxiety.md", func(m Match) bool { return m.Text == 0 && m.Tags == 0 }},
		{"bad weights count as zero", Weights{Tags: math.NaN(), Text: -1, Recency: math.Inf(1)}, "flu-shots.md", func(m Match) bool { return m.Score == 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := Build(clinicDocs, tt.w)
			got := ix.Related(i, 6)
			if len(got) != 6 {
				t.Fatalf("got %d matches, want 6", len(got))
			}
			if k := clinicDocs[got[0].Doc].Key; k != tt.want {
				t.Errorf("best match %s (%s), want %s", k, got[0].Explain(), tt.want)
			}
			for _, m := range got {
				if !tt.zero(m) {
					t.Errorf("%s: %s has a part that should be 0", clinicDocs[m.Doc].Key, m.Explain())
				}
			}
		})
	}
}

func TestTiesByDateThenKey(t *testing.T) {
	docs := []Doc{
		doc("q.md", "", nil, "flu vaccine"),
		doc("b.md", "2020-01-01", nil, "flu vaccine"),
		doc("a.md", "2020-01-01", nil, "flu vaccine"),
		doc("c.md", "2021-01-01", nil, "flu vaccine"),
		doc("d.md", "", nil, "flu vaccine"),
	}
	got := keysOf(docs, Build(docs, DefaultWeights()).Related(0, 4))
	want := []string{"c.md", "a.md", "b.md", "d.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMatchParts(t *testing.T) {
	ix := Build(clinicDocs, DefaultWeights())
	for i, l := range ix.All(10) {
		for _, m := range l {
			if m.Doc == i {
				t.Errorf("doc %d lists itself", i)
			}
			if d := m.Score - (m.Tags + m.Text + m.Recency); math.Abs(d) > 1e-12 {
				t.Errorf("%s: parts do not add up", m.Explain())
			}
			if m.Tags < 0 || m.Text < 0 || m.Recency < 0 || m.Text > 1+1e-6 || m.Tags > 1 || m.Recency > 0.05 {
				t.Errorf("%s: part out of range", m.Explain())
			}
		}
	}
	m := Match{Score: 1.25, Tags: 0.8, Text: 0.4, Recency: 0.05}
	if got, want := m.Explain(), "score 1.250 = tags 0.800 + text 0.400 + recency 0.050"; got != want {
		t.Errorf("Explain() = %q, want %q", got, want)
	}
}

func TestQuery(t *testing.T) {
	services := []Doc{
		doc("services/peer-support.md", "", []string{"tags/peer-support"}, "Peer support program: groups led by certified peer specialists with lived experience of recovery."),
		doc("services/vaccinations.md", "", []string{"tags/vaccines"}, "Vaccinations management: flu shots, measles and tetanus vaccines, records and reminders."),
		doc("services/urgent-care.md", "", nil, "Urgent care for injuries, sprains, fever and cuts, walk-in."),
	}
	ix := Build(services, DefaultWeights())
	tests := []struct {
		article Doc
		want    []string
	}{
		{clinicDocs[find(clinicDocs, "flu-shots.md")], []string{"services/vaccinations.md"}},
		{clinicDocs[find(clinicDocs, "peer-mentors.md")], []string{"services/peer-support.md"}},
		{doc("x.md", "", []string{"tags/peer-support"}, ""), []string{"services/peer-support.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.article.Key, func(t *testing.T) {
			got := ix.Query(tt.article, 3)
			if len(got) != 3 {
				t.Fatalf("got %d matches, want 3", len(got))
			}
			var similar []Match
			for _, m := range got {
				if m.Tags+m.Text > 0 {
					similar = append(similar, m)
				}
			}
			if diff := cmp.Diff(tt.want, keysOf(services, similar)); diff != "" {
				t.Errorf("similar services (-want +got):\n%s", diff)
			}
		})
	}
	// An article sharing nothing with any service still gets a full list,
	// with nothing similar in it.
	got := ix.Query(doc("y.md", "2020-01-01", []string{"tags/unknown"}, "zebra"), 2)
	if len(got) != 2 || got[0].Tags+got[0].Text != 0 {
		t.Errorf("Query(unrelated) = %v, want 2 matches scoring 0", got)
	}
}

// randomDocs makes n small documents over a tiny vocabulary, so that many
// share words and taxa and scores tie often.
func randomDocs(rng *rand.Rand, n int) []Doc {
	words := strings.Fields("flu shot vaccine peer support group anxiety panic sleep mood diet care")
	taxa := []string{"tags/a", "tags/b", "tags/c", "categories/x", "categories/y"}
	docs := make([]Doc, n)
	for i := range docs {
		var body []string
		for range rng.IntN(6) {
			body = append(body, words[rng.IntN(len(words))])
		}
		var tx []string
		for range rng.IntN(4) {
			tx = append(tx, taxa[rng.IntN(len(taxa))])
		}
		var date time.Time
		if rng.IntN(4) > 0 {
			date = time.Date(2020, 1, 1+rng.IntN(60), 0, 0, 0, 0, time.UTC)
		}
		docs[i] = Doc{Key: fmt.Sprintf("d%03d.md", rng.IntN(50)), Date: date, Taxa: tx, Text: Analyze("", "", strings.Join(body, " "))}
	}
	return docs
}

// tiny forces posting lists to be capped and candidates to be cut even on
// small sets, so those paths are tested too.
var tiny = tuning{keepTerms: 3, queryTerms: 2, postingCap: 3, candidates: 4, exhaustive: 8, budget: 6}

func TestListsCompleteAndDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, tune := range []tuning{defaultTuning(), tiny} {
		for size := range 40 {
			docs := randomDocs(rng, size)
			ix := build(docs, DefaultWeights(), tune)
			for _, n := range []int{1, 3, 5, 50} {
				all := ix.All(n)
				again := build(docs, DefaultWeights(), tune).All(n)
				if !cmp.Equal(all, again) {
					t.Fatalf("size %d, n %d: two builds differ", size, n)
				}
				for i, l := range all {
					if want := min(n, size-1); len(l) != want {
						t.Fatalf("size %d, n %d: list %d has %d entries, want %d", size, n, i, len(l), want)
					}
					if one := ix.Related(i, n); !cmp.Equal(l, one) {
						t.Fatalf("size %d, n %d: All()[%d] = %v, Related = %v", size, n, i, l, one)
					}
					seen := map[int]bool{i: true}
					for k, m := range l {
						if seen[m.Doc] {
							t.Fatalf("size %d, n %d: list %d repeats or contains itself: %v", size, n, i, l)
						}
						seen[m.Doc] = true
						if k > 0 && ix.compare(l[k-1], m) > 0 {
							t.Fatalf("size %d, n %d: list %d out of order: %v", size, n, i, l)
						}
					}
				}
			}
		}
	}
}

func TestSmallSiteIsExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	docs := randomDocs(rng, defaultTuning().exhaustive)
	ix := Build(docs, DefaultWeights())
	for i := range docs {
		if got, want := ix.Related(i, 5), bruteForce(ix, i, 5); !cmp.Equal(got, want) {
			t.Fatalf("doc %d: Related = %v, brute force = %v", i, got, want)
		}
	}
}

func TestCandidateSearchIsExactWithoutCaps(t *testing.T) {
	// With posting lists that are not capped and every stem looked up, the
	// partial scores of the candidate search are the exact scores minus
	// recency, so with no recency weight it must find what scoring every
	// document finds, even when it keeps only a few candidates.
	rng := rand.New(rand.NewPCG(4, 4))
	docs := randomDocs(rng, 300)
	uncapped := tuning{keepTerms: 64, queryTerms: 64, postingCap: 1000, candidates: 4, exhaustive: 0}
	ix := build(docs, Weights{Tags: 1, Text: 1}, uncapped)
	for i := range docs {
		for _, n := range []int{1, 5, 20} {
			if got, want := ix.Related(i, n), bruteForce(ix, i, n); !cmp.Equal(got, want) {
				t.Fatalf("doc %d, n %d: Related = %v, brute force = %v", i, n, got, want)
			}
		}
	}
}

func TestFillMatchesScoringEveryDocument(t *testing.T) {
	// Documents sharing nothing: the list is filled by date, and must be
	// what scoring every document by recency and breaking ties gives,
	// including many documents on the same day and undated ones.
	rng := rand.New(rand.NewPCG(5, 5))
	docs := make([]Doc, 200)
	for i := range docs {
		docs[i] = Doc{Key: fmt.Sprintf("d%02d.md", rng.IntN(30)), Text: Analyze("", "", fmt.Sprintf("w%d", i))}
		if rng.IntN(5) > 0 {
			docs[i].Date = time.Date(2020, 1, 1+rng.IntN(20), 0, 0, 0, 0, time.UTC)
		}
	}
	noExhaustive := defaultTuning()
	noExhaustive.exhaustive = 0
	for _, w := range []Weights{DefaultWeights(), {Tags: 1, Text: 1}} {
		ix := build(docs, w, noExhaustive)
		for i := range docs {
			for _, n := range []int{1, 7, 50, 300} {
				if got, want := ix.Related(i, n), bruteForce(ix, i, n); !cmp.Equal(got, want) {
					t.Fatalf("weights %+v, doc %d, n %d:\nRelated     %v\nbrute force %v", w, i, n, keysOf(docs, got), keysOf(docs, want))
				}
			}
		}
	}
}

func TestZeroWeightsFindNoCandidates(t *testing.T) {
	// With only recency weighted, the candidate search must give what
	// scoring every document gives: the nearest in date.
	rng := rand.New(rand.NewPCG(6, 6))
	docs := randomDocs(rng, 300)
	noExhaustive := defaultTuning()
	noExhaustive.exhaustive = 0
	ix := build(docs, Weights{Recency: 1}, noExhaustive)
	for i := range docs {
		if got, want := ix.Related(i, 5), bruteForce(ix, i, 5); !cmp.Equal(got, want) {
			t.Fatalf("doc %d:\nRelated     %v\nbrute force %v", i, keysOf(docs, got), keysOf(docs, want))
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	docs := randomDocs(rng, 400)
	ix := Build(docs, DefaultWeights())
	want := ix.All(5)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(docs); i += 4 {
				if got := ix.Related(i, 5); !cmp.Equal(got, want[i]) {
					t.Errorf("doc %d: concurrent Related differs", i)
				}
				ix.Query(docs[i], 3)
			}
		})
	}
	if again := ix.All(5); !cmp.Equal(again, want) {
		t.Error("All differs while other searches run")
	}
	wg.Wait()
}

// bruteForce scores document i against every other document.
func bruteForce(ix *Index, i, n int) []Match {
	s := ix.getScratch()
	q := ix.docQuery(i)
	for _, e := range q.terms {
		s.dense[e.id] = e.w
	}
	for _, e := range q.taxa {
		s.tdense[e.id] = e.w
	}
	var all []Match
	for j := range ix.Len() {
		if j != i {
			all = append(all, ix.score(s, q, j))
		}
	}
	clear(s.dense)
	clear(s.tdense)
	slices.SortFunc(all, ix.compare)
	return all[:min(n, len(all))]
}

// TestSmallSiteKeepsLightWords: on a site scored exhaustively, a word a
// page uses once, lighter than its 64 heaviest, still counts; on a large
// site the vector is cut.
func TestSmallSiteKeepsLightWords(t *testing.T) {
	var many strings.Builder
	for k := range 80 {
		w := make([]byte, 0, 8)
		for x := k + 1; x > 0; x /= 26 {
			w = append(w, byte('a'+x%26))
		}
		fmt.Fprintf(&many, "zz%s zz%s ", w, w) // 80 words, twice each
	}
	docs := []Doc{
		doc("a.md", "", nil, many.String()+" spirometry"),
		doc("b.md", "", nil, "spirometry measures breathing"),
		doc("c.md", "", nil, "unrelated words here"),
	}
	for _, tc := range []struct {
		name string
		tune tuning
		want bool
	}{
		{"small site", tuningFor(len(docs)), true},
		{"large-site cut", defaultTuning(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := build(docs, DefaultWeights(), tc.tune).Related(0, 2)
			if got := ms[0].Doc == 1 && ms[0].Text > 0; got != tc.want {
				t.Errorf("b.md first with text credit = %v, want %v; matches %+v", got, tc.want, ms)
			}
		})
	}
}

// TestOlderAndNewerEligible: a page's related list takes pages from both
// sides of its date, nearest first when nothing else differs, and the best
// text match however far away it is in date.
func TestOlderAndNewerEligible(t *testing.T) {
	docs := []Doc{
		doc("q.md", "2022-01-01", nil, "flu vaccine"),
		doc("far-older.md", "2015-01-01", nil, "flu vaccine"),
		doc("older.md", "2021-07-01", nil, "flu vaccine"),
		doc("newer.md", "2022-04-01", nil, "flu vaccine"),
		doc("far-newer.md", "2025-01-01", nil, "flu vaccine"),
		doc("best-newest.md", "2026-01-01", nil, "flu vaccine flu vaccine shots influenza"),
		doc("best-oldest.md", "2010-01-01", nil, "flu vaccine flu vaccine shots influenza"),
	}
	ix := Build(docs, DefaultWeights())
	got := keysOf(docs, ix.Related(0, 4))
	want := []string{"newer.md", "older.md", "far-newer.md", "far-older.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("equal texts (-want +got):\n%s", diff)
	}
	got = keysOf(docs, ix.Related(find(docs, "best-newest.md"), 1))
	if diff := cmp.Diff([]string{"best-oldest.md"}, got); diff != "" {
		t.Errorf("for best-newest.md, the best match is the oldest page (-want +got):\n%s", diff)
	}
}

// TestBudgetKeepsRareTaxa: when the candidate budget is spent before all
// posting lists are walked, the documents sharing a rare taxon with the
// page are still found, because taxa are walked before the text.
func TestBudgetKeepsRareTaxa(t *testing.T) {
	docs := []Doc{doc("q.md", "2025-01-01", []string{"tags/rare"}, "flu")}
	for i := range 20 {
		// Each shares "flu" with q.md but is mostly about other words, so
		// its text score is low.
		var b strings.Builder
		b.WriteString("flu")
		for k := range 30 {
			fmt.Fprintf(&b, " zz%dq%d", i, k)
		}
		docs = append(docs, doc(fmt.Sprintf("flu%02d.md", i), "2025-01-01", nil, b.String()))
	}
	docs = append(docs, doc("x.md", "2025-01-01", []string{"tags/rare"}, "zebra"))
	for _, budget := range []int{0, 8} {
		t.Run(fmt.Sprint("budget ", budget), func(t *testing.T) {
			tune := tuning{keepTerms: 64, queryTerms: 12, postingCap: 256, candidates: 4, budget: budget}
			got := keysOf(docs, build(docs, DefaultWeights(), tune).Related(0, 1))
			if diff := cmp.Diff([]string{"x.md"}, got); diff != "" {
				t.Errorf("Related(q.md) (-want +got):\n%s", diff)
			}
		})
	}
}
