package related

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"clinicgen/generator/internal/cputime"
)

// The synthetic corpus mirrors the benchmark's (generator/bench/corpus): ten topic
// clusters of fifteen words, sentences mixing cluster words (four parts own
// topic, one part a second topic) with common words, 30 % untagged articles
// and 15 % tagged only "health", a random category. It adds what the
// benchmark's corpus lacks: a long tail of rarer words (Zipf-distributed over 30,000),
// as real text has, so vocabularies and posting lists are realistic in size.

var synthClusters = [][]string{
	strings.Fields("peer support group recovery belonging hope connection sharing lived experience stigma empathy mentor listening community encouragement trust isolation"),
	strings.Fields("depression mood sadness therapy antidepressant sleep energy motivation cognitive behavioral counseling hopelessness fatigue appetite serotonin"),
	strings.Fields("anxiety panic worry breathing exposure calm nervous fear relaxation mindfulness stress heart racing avoidance coping grounding"),
	strings.Fields("vaccine immunization influenza shot dose booster schedule measles tetanus pertussis shingles records reminder pharmacy antibodies"),
	strings.Fields("chronic diabetes hypertension blood pressure glucose insulin monitoring care plan medication adherence kidney cholesterol diet exercise"),
	strings.Fields("telemedicine video visit online appointment remote camera secure portal prescription refill follow-up broadband privacy home convenience"),
	strings.Fields("urgent injury sprain fever cough stitches walk-in x-ray infection burn fracture wait emergency triage weekend"),
	strings.Fields("family physician checkup pediatric wellness screening prevention annual physical children parents history referral primary household"),
	strings.Fields("caregiver elder parent dementia respite burnout support aging home safety falls memory companionship patience schedule"),
	strings.Fields("medication dosage pharmacist side effects refill interaction pill organizer adherence prescription label generic missed dose storage"),
}

var synthCommon = strings.Fields("the a and of to in is for with that on your you can are as be this it or by from at have more an not will help may our their when they which about also")

var synthCategories = []string{"mental-health-patients", "clinic-news", "preventive-care", "chronic-care", "family-health", "telehealth", "caregivers", "urgent-care"}

// synthWord spells the k-th long-tail word with letters only.
func synthWord(b *strings.Builder, k uint64) {
	b.WriteString("zq")
	for {
		b.WriteByte(byte('a' + k%26))
		k /= 26
		if k == 0 {
			return
		}
	}
}

// synthDocs returns n deterministic synthetic documents and their clusters.
func synthDocs(n int) ([]Doc, []int) {
	docs := make([]Doc, n)
	topic := make([]int, n)
	parallel(n, func(i int) {
		rng := rand.New(rand.NewPCG(1, uint64(i)))
		zipf := rand.NewZipf(rng, 1.1, 1, 29999)
		c := i % len(synthClusters)
		if i >= len(synthClusters) {
			c = rng.IntN(len(synthClusters))
		}
		other := rng.IntN(len(synthClusters))
		topic[i] = c
		words := synthClusters[c]
		pick := func(b *strings.Builder, own bool) {
			r := rng.Float64()
			switch {
			case r < 0.08:
				synthWord(b, zipf.Uint64())
			case r < 0.50:
				if own || rng.IntN(5) > 0 {
					b.WriteString(words[rng.IntN(len(words))])
				} else {
					o := synthClusters[other]
					b.WriteString(o[rng.IntN(len(o))])
				}
			default:
				b.WriteString(synthCommon[rng.IntN(len(synthCommon))])
			}
		}
		sentence := func(b *strings.Builder, own bool) {
			for k := range 8 + rng.IntN(13) {
				if k > 0 {
					b.WriteByte(' ')
				}
				pick(b, own)
			}
			b.WriteString(". ")
		}
		var title, desc, body strings.Builder
		for k := range 4 {
			if k > 0 {
				title.WriteByte(' ')
			}
			title.WriteString(words[rng.IntN(len(words))])
		}
		sentence(&desc, true)
		for range 80 {
			sentence(&body, false)
		}
		d := Doc{
			Key:  fmt.Sprintf("articles/%06d.md", i),
			Date: time.Date(2015+i%11, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
			Text: Analyze(title.String(), desc.String(), body.String()),
		}
		switch r := rng.Float64(); {
		case r < 0.30:
		case r < 0.45:
			d.Taxa = []string{"tags/health"}
		default:
			for range 2 + rng.IntN(3) {
				d.Taxa = append(d.Taxa, fmt.Sprintf("tags/%d-%d", c, rng.IntN(10)))
			}
			if rng.IntN(10) < 3 {
				d.Taxa = append(d.Taxa, fmt.Sprintf("tags/%d-%d", other, rng.IntN(10)))
			}
		}
		d.Taxa = append(d.Taxa, "categories/"+synthCategories[rng.IntN(len(synthCategories))])
		docs[i] = d
	})
	return docs, topic
}

// precision returns the share of related documents in the same cluster and
// the number of empty lists.
func precision(lists [][]Match, topic []int) (float64, int) {
	hits, total, empty := 0, 0, 0
	for i, l := range lists {
		if len(l) == 0 {
			empty++
		}
		for _, m := range l {
			total++
			if topic[m.Doc] == topic[i] {
				hits++
			}
		}
	}
	return float64(hits) / float64(max(total, 1)), empty
}

func TestSyntheticPrecision(t *testing.T) {
	for _, n := range []int{100, 2000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			docs, topic := synthDocs(n)
			lists := Build(docs, DefaultWeights()).All(5)
			p, empty := precision(lists, topic)
			t.Logf("precision %.3f, %d empty lists", p, empty)
			if p < 0.95 || empty > 0 {
				t.Errorf("precision %.3f with %d empty lists, want at least 0.95 and none", p, empty)
			}
			for i, l := range lists {
				if len(l) != 5 {
					t.Fatalf("list %d has %d entries, want 5", i, len(l))
				}
			}
		})
	}
}

// benchCPU runs f in a b.Loop and also reports its CPU seconds per
// operation, which is steadier than wall time on a shared machine.
func benchCPU(b *testing.B, f func()) {
	start := cputime.Used()
	ops := 0
	for b.Loop() {
		f()
		ops++
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(ops), "cpu-s/op")
}

// benchAll times All(5) and reports the precision, the number of empty
// lists, and the share of list entries equal to scoring every document
// (on a sample of 200 documents).
func benchAll(b *testing.B, n int) {
	docs, topic := synthDocs(n)
	ix := Build(docs, DefaultWeights())
	var lists [][]Match
	benchCPU(b, func() { lists = ix.All(5) })
	p, empty := precision(lists, topic)
	b.ReportMetric(p, "precision")
	b.ReportMetric(float64(empty), "empty")
	same, total := 0, 0
	for i := 0; i < n; i += n / 200 {
		want := bruteForce(ix, i, 5)
		for k := range want {
			total++
			if lists[i][k].Doc == want[k].Doc {
				same++
			}
		}
	}
	b.ReportMetric(float64(same)/float64(total), "exact")
}

func BenchmarkAll10k(b *testing.B)  { benchAll(b, 10_000) }
func BenchmarkAll100k(b *testing.B) { benchAll(b, 100_000) }

func benchBuild(b *testing.B, n int) {
	docs, _ := synthDocs(n)
	benchCPU(b, func() { Build(docs, DefaultWeights()) })
}

func BenchmarkBuild10k(b *testing.B)  { benchBuild(b, 10_000) }
func BenchmarkBuild100k(b *testing.B) { benchBuild(b, 100_000) }

// BenchmarkAnalyze measures one 1,200-word article; 10,000 of them are the
// 12 million tokens of a 10k-article site.
func BenchmarkAnalyze(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var body strings.Builder
	for k := range 1200 {
		if k > 0 {
			body.WriteByte(' ')
		}
		if rng.IntN(2) == 0 {
			body.WriteString(synthCommon[rng.IntN(len(synthCommon))])
		} else {
			ws := synthClusters[rng.IntN(3)]
			body.WriteString(ws[rng.IntN(len(ws))])
		}
	}
	text := body.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Analyze("Peer Support Groups", "How peer support helps.", text)
	}
}
