// Package corpus writes the benchmark's synthetic clinic blog: N articles
// of about 1,200 words with headings, lists, bold words, internal links
// and YAML front matter (title, date, description, tags, categories), each
// article drawn from one of ten topic clusters whose words and most of
// whose tags it uses, so that related-post lists can be scored against the
// clusters ([Score]).
//
// Like editors' real sites, 30 % of articles (Options.Untagged) have no tags
// and half as many again only the catch-all tag "health".
//
// The output is deterministic for a seed, and byte for byte the corpus of
// the Python generator the benchmark used before (gen_corpus.py, drawing
// from Python's random.Random): the same seed gives the same files, so
// figures measured with either compare. That is why the drawing order
// below is kept exactly, down to the short-circuit that draws no number for
// the first article's links.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Options are gen_corpus.py's flags.
type Options struct {
	Section  string  // content folder: content/<Section>/*.md (--section, "articles")
	Seed     int64   // --seed (1)
	Untagged float64 // share of articles with no tags (--untagged, 0.3)
	// Translated is the share of articles that also get a Spanish
	// stand-in translation, <slug>.es.md beside <slug>.md (see
	// Translation); 0, the default, writes none (gen_corpus.py had no
	// such option).
	Translated float64
}

// Defaults are the options the benchmark uses.
func Defaults() Options { return Options{Section: "articles", Seed: 1, Untagged: 0.3} }

// Article is one generated file.
type Article struct {
	Slug  string // file name without .md: NNNNN-title-words
	Topic string // the cluster it was drawn from
	Text  []byte // front matter and Markdown body
}

// cluster is a topic: its name and its words, in gen_corpus.py's order.
type cluster struct {
	name  string
	words []string
}

// vocabulary returns the clusters in their fixed order (the order decides
// which one a drawn index picks).
func vocabulary() []cluster {
	c := func(name, words string) cluster { return cluster{name, strings.Fields(words)} }
	return []cluster{
		c("peer-support", "peer support group recovery belonging hope connection sharing lived experience stigma empathy mentor listening community encouragement trust isolation"),
		c("depression", "depression mood sadness therapy antidepressant sleep energy motivation cognitive behavioral counseling hopelessness fatigue appetite serotonin"),
		c("anxiety", "anxiety panic worry breathing exposure calm nervous fear relaxation mindfulness stress heart racing avoidance coping grounding"),
		c("vaccination", "vaccine immunization influenza shot dose booster schedule measles tetanus pertussis shingles records reminder pharmacy antibodies"),
		c("chronic-care", "chronic diabetes hypertension blood pressure glucose insulin monitoring care plan medication adherence kidney cholesterol diet exercise"),
		c("telemedicine", "telemedicine video visit online appointment remote camera secure portal prescription refill follow-up broadband privacy home convenience"),
		c("urgent-care", "urgent injury sprain fever cough stitches walk-in x-ray infection burn fracture wait emergency triage weekend"),
		c("family-practice", "family physician checkup pediatric wellness screening prevention annual physical children parents history referral primary household"),
		c("caregiving", "caregiver elder parent dementia respite burnout support aging home safety falls memory companionship patience schedule"),
		c("medication", "medication dosage pharmacist side effects refill interaction pill organizer adherence prescription label generic missed dose storage"),
	}
}

const (
	commonWords = "the a and of to in is for with that on your you can are as be this it or by from at have more an not will help may our their when they which about also"
	categories  = "Mental Health Patients,Clinic News,Preventive Care,Chronic Care,Family Health,Telehealth,Caregivers,Urgent Care"
)

// generator holds one run's random source and vocabulary.
type generator struct {
	rng      *pyRand
	clusters []cluster
	tags     [][]string // per cluster: its name, then name-word for its first nine words
	common   []string
	cats     []string
	untagged float64
}

// Generate makes n articles and passes each, in order, to emit; it stops
// at emit's first error.
func Generate(n int, o Options, emit func(Article) error) error {
	g := &generator{
		rng:      newPyRand(o.Seed),
		clusters: vocabulary(),
		common:   strings.Fields(commonWords),
		cats:     strings.Split(categories, ","),
		untagged: o.Untagged,
	}
	for _, c := range g.clusters {
		t := []string{c.name}
		for _, w := range c.words[:9] {
			t = append(t, c.name+"-"+w)
		}
		g.tags = append(g.tags, t)
	}
	slugs := make([]string, 0, n)
	for i := range n {
		var c int
		if i < len(g.clusters) {
			c = i
		} else {
			c = g.rng.below(len(g.clusters))
		}
		a := g.article(i, c, slugs)
		slugs = append(slugs, a.Slug)
		if err := emit(a); err != nil {
			return err
		}
	}
	return nil
}

// Write writes n articles to dir/content/<section>/<slug>.md and the file
// → topic table to dir/topics.tsv ("<section>/<slug>.md<TAB>topic" lines),
// as gen_corpus.py does; with o.Translated, also that share of them as
// <slug>.es.md (not listed in topics.tsv).
func Write(dir string, n int, o Options) error {
	folder := filepath.Join(dir, "content", o.Section)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	var topics strings.Builder
	i := 0
	err := Generate(n, o, func(a Article) error {
		fmt.Fprintf(&topics, "%s/%s.md\t%s\n", o.Section, a.Slug, a.Topic)
		if o.Translated > 0 && translated(i, o.Translated) {
			if err := os.WriteFile(filepath.Join(folder, a.Slug+".es.md"), Translation(a.Text), 0o644); err != nil {
				return err
			}
		}
		i++
		return os.WriteFile(filepath.Join(folder, a.Slug+".md"), a.Text, 0o644)
	})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "topics.tsv"), []byte(topics.String()), 0o644)
}

// sentence is 8 to 20 words, each from words (45 %) or the common words,
// capitalised and with a full stop.
func (g *generator) sentence(words []string) string {
	n := g.rng.randint(8, 20)
	ws := make([]string, n)
	for i := range ws {
		if g.rng.random() < 0.45 {
			ws[i] = choice(g.rng, words)
		} else {
			ws[i] = choice(g.rng, g.common)
		}
	}
	return capitalize(strings.Join(ws, " "), false) + "."
}

func (g *generator) article(i, c int, slugs []string) Article {
	r := g.rng
	words := g.clusters[c].words
	other := r.below(len(g.clusters))
	mix := make([]string, 0, 4*len(words)+len(g.clusters[other].words))
	for range 4 {
		mix = append(mix, words...)
	}
	mix = append(mix, g.clusters[other].words...)

	title := titleCase(sample(r, words, 4))
	slug := fmt.Sprintf("%05d-%s", i, strings.Join(strings.Fields(strings.ToLower(title)), "-"))
	tags := sample(r, g.tags[c], r.randint(2, 4))
	if r.random() < 0.3 {
		tags = append(tags, choice(r, g.tags[other]))
	}
	if x := r.random(); x < g.untagged { // editors forget tags: none at all
		tags = nil
	} else if x < g.untagged*1.5 { // or use only a catch-all tag
		tags = []string{"health"}
	}
	y, m, d := 2015+i%11, 1+i%12, 1+i%28

	var body []string
	for range r.randint(3, 6) {
		body = append(body, "## "+titleCase(sample(r, words, 3))+"\n")
		for range r.randint(2, 4) {
			ss := make([]string, r.randint(3, 6))
			for k := range ss {
				ss[k] = g.sentence(mix)
			}
			para := strings.Join(ss, " ")
			if len(slugs) > 0 && r.random() < 0.3 {
				para += " Read more in [this related article](/articles/" + choice(r, slugs) + "/)."
			}
			if r.random() < 0.2 {
				para = strings.Replace(para, " care ", " **care** ", 1)
			}
			body = append(body, para+"\n")
		}
		if r.random() < 0.5 {
			var items []string
			for _, w := range sample(r, words, 4) {
				items = append(items, fmt.Sprintf("- **%s**: %s", capitalize(w, true), g.sentence(mix)))
			}
			body = append(body, strings.Join(items, "\n")+"\n")
		}
	}
	description := g.sentence(words)
	category := choice(r, g.cats)
	fm := strings.Join([]string{
		"---",
		`title: "` + title + `"`,
		fmt.Sprintf("date: %04d-%02d-%02d", y, m, d),
		`description: "` + description + `"`,
		"tags: [" + strings.Join(tags, ", ") + "]",
		`categories: ["` + category + `"]`,
		"---",
		"",
	}, "\n")
	return Article{Slug: slug, Topic: g.clusters[c].name, Text: []byte(fm + strings.Join(body, "\n"))}
}

// titleCase capitalises each word and joins them with spaces.
func titleCase(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = capitalize(w, true)
	}
	return strings.Join(out, " ")
}

// capitalize upper-cases s's first letter and, with lowerRest, lower-cases
// the rest (Python's str.capitalize; without it, s[0].upper() + s[1:]).
// The vocabulary is ASCII.
func capitalize(s string, lowerRest bool) string {
	if s == "" {
		return s
	}
	rest := s[1:]
	if lowerRest {
		rest = strings.ToLower(rest)
	}
	return strings.ToUpper(s[:1]) + rest
}
