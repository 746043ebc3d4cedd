package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokensAndStems(t *testing.T) {
	var got []string
	Tokens("My kid's SHOTS: don't wait — vaccinations, 3-year-old, émigré ¿qué? 😀 x", func(tok string) bool {
		got = append(got, tok)
		return true
	})
	want := []string{"my", "kid", "shots", "dont", "wait", "vaccinations", "3", "year", "old", "émigré", "qué"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{
		"vaccinations": "vaccin", "vaccines": "vaccin", "vaccine": "vaccin",
		"pressure": "pressur", "shots": "shot", "running": "run", "telehealth": "telehealth",
		"2026": "2026", "émigré": "émigré", "er": "er",
	} {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAnalyzeWeightsAndStopWords(t *testing.T) {
	d := Analyze(Text{Title: "Flu shots", Description: "The flu", Headings: []string{"Who needs a shot"}, Body: "Shots for the flu, and more shots."})
	want := map[string]int{"flu": titleWeight + descriptionWeight + bodyWeight, "shot": titleWeight + headingWeight + 2*bodyWeight, "need": headingWeight}
	if diff := cmp.Diff(want, d.Terms()); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	for _, s := range []string{"the", "for", "and", "more", "who", "a"} {
		if _, ok := d.Terms()[s]; ok {
			t.Errorf("stop word %q was indexed", s)
		}
	}
	if !d.Stops()["the"] || !d.Stops()["who"] {
		t.Errorf("stop words seen = %v, want the and who among them", d.Stops())
	}
	if d.Words()["shots"].Stem != "shot" || d.Words()["shots"].Count != 3 {
		t.Errorf(`Words["shots"] = %+v, want stem shot seen 3 times`, d.Words()["shots"])
	}
}

// A 5 MB body is indexed up to MaxWords words.
func TestAnalyzeCapsTheBody(t *testing.T) {
	body := strings.Repeat("alpha beta gamma delta epsilon ", 5<<20/31) + " omega"
	d := Analyze(Text{Title: "Big", Body: body})
	if !d.Capped {
		t.Error("Capped = false for a 5 MB body")
	}
	if _, ok := d.Terms()["omega"]; ok {
		t.Error("a word past MaxWords was indexed")
	}
	if got := d.Len - titleWeight; got != MaxWords {
		t.Errorf("indexed body words = %d, want %d", got, MaxWords)
	}
	small := Analyze(Text{Body: "alpha omega"})
	if small.Capped {
		t.Error("Capped = true for a short body")
	}
}

func TestExcluded(t *testing.T) {
	pats := []string{"legal", "content/website-privacy.md", "about.md", "/articles/2019-*", "/contact"}
	for _, tt := range []struct {
		section, file, url string
		want               bool
	}{
		{"legal", "content/legal/hipaa.md", "/legal/hipaa/", true},
		{"", "content/website-privacy.md", "/website-privacy/", true},
		{"", "content/about.md", "/about/", true},
		{"articles", "content/articles/2019-flu.md", "/articles/2019-flu/", true},
		{"", "content/contact.md", "/contact/", true},
		{"articles", "content/articles/flu.md", "/articles/flu/", false},
		{"services", "content/services/legal.md", "/services/legal/", false},
		{"", "", "/tags/legal/", false},
	} {
		if got := Excluded(pats, tt.section, tt.file, tt.url); got != tt.want {
			t.Errorf("Excluded(%q, %q, %q) = %v, want %v", tt.section, tt.file, tt.url, got, tt.want)
		}
	}
}

func entries() []Entry {
	return []Entry{
		{URL: "/articles/vaccines/", Title: "Vaccines for adults", Section: "Health articles", Date: "March 3, 2026", Excerpt: "Which vaccinations adults need.", Boost: true,
			Doc: Analyze(Text{Title: "Vaccines for adults", Headings: []string{"Flu shots"}, Body: "Vaccinations protect adults. Get a flu vaccine every year."})},
		{URL: "/services/telemedicine/", Title: "Telemedicine", Section: "Our services", Boost: true,
			Doc: Analyze(Text{Title: "Telemedicine", Body: "A video visit with your clinician from home."})},
		{URL: "/tags/vaccines/", Title: "vaccines", Section: "Tags",
			Doc: Analyze(Text{Title: "vaccines"})},
	}
}

func files(ix *Index) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range ix.Files {
		m[f.Path] = f.Data
	}
	return m
}

// The same pages in any order give byte-identical files.
func TestBuildIsDeterministic(t *testing.T) {
	a, err := Build(entries(), Options{Dir: "search-index", Synonyms: DefaultSynonyms})
	if err != nil {
		t.Fatal(err)
	}
	es := entries()
	es[0], es[2] = es[2], es[0]
	for range 3 {
		b, err := Build(es, Options{Dir: "search-index", Synonyms: DefaultSynonyms})
		if err != nil {
			t.Fatal(err)
		}
		if a.Manifest != b.Manifest {
			t.Fatalf("manifest %s, then %s", a.Manifest, b.Manifest)
		}
		if diff := cmp.Diff(files(a), files(b)); diff != "" {
			t.Fatalf("rebuild differs (-first +second):\n%s", diff)
		}
	}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Path, "search-index/") || !fingerprinted(f.Path) {
			t.Errorf("file %s is not a fingerprinted file under search-index/", f.Path)
		}
	}
}

func fingerprinted(p string) bool {
	parts := strings.Split(p, ".")
	return len(parts) == 3 && len(parts[1]) == 10 && parts[2] == "json"
}

func readManifest(t *testing.T, ix *Index) (manifest, map[string][]byte) {
	t.Helper()
	fs := files(ix)
	var m manifest
	if err := json.Unmarshal(fs[strings.TrimPrefix(ix.Manifest, "/")], &m); err != nil {
		t.Fatal(err)
	}
	return m, fs
}

func TestBuildPostingsAndDocs(t *testing.T) {
	ix, err := Build(entries(), Options{Dir: "search-index"})
	if err != nil {
		t.Fatal(err)
	}
	m, fs := readManifest(t, ix)
	if m.N != 3 || len(m.D) != 1 || len(m.T) != 1 {
		t.Fatalf("manifest n=%d d=%v t=%v, want 3 pages in one doc shard and one term shard", m.N, m.D, m.T)
	}
	var sh struct {
		P map[string][]any  `json:"p"`
		W map[string]string `json:"w"`
	}
	if err := json.Unmarshal(fs[strings.TrimPrefix(m.T[0][1], "/")], &sh); err != nil {
		t.Fatal(err)
	}
	// Pages by URL: 0 articles/vaccines, 1 services/telemedicine, 2 tags/vaccines.
	v := sh.P["vaccin"]
	if len(v) != 5 || v[0] != "vaccines" || v[1] != 0.0 || v[3] != 2.0 {
		t.Errorf(`p["vaccin"] = %v, want ["vaccines", 0, tf, 2, tf]`, v)
	}
	if sh.W["vaccinations"] != "vaccin" || sh.W["shots"] != "shot" {
		t.Errorf("w = %v, want vaccinations → vaccin and shots → shot", sh.W)
	}
	if _, ok := sh.W["home"]; ok {
		t.Error("a word equal to its stem is listed in w")
	}
	var docs [][5]string
	if err := json.Unmarshal(fs[strings.TrimPrefix(m.D[0], "/")], &docs); err != nil {
		t.Fatal(err)
	}
	if docs[0] != [5]string{"/articles/vaccines/", "Vaccines for adults", "Health articles", "March 3, 2026", "Which vaccinations adults need."} {
		t.Errorf("doc 0 = %q", docs[0])
	}
	if !slicesContain(m.S, "for") || !slicesContain(m.S, "with") {
		t.Errorf("stop words %v, want for and with", m.S)
	}
}

func slicesContain(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// Synonym phrases reach the browser with their words and stems.
func TestSynonymsInManifest(t *testing.T) {
	ix, err := Build(entries(), Options{Dir: "x", Synonyms: [][]string{{"bp", "Blood Pressure"}, {"lonely"}, {"shot", "vaccinations"}, {"checkup", "check up"}}})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := readManifest(t, ix)
	want := [][]phrase{
		{{W: []string{"bp"}, S: []string{"bp"}}, {W: []string{"blood", "pressure"}, S: []string{"blood", "pressur"}}},
		{{W: []string{"shot"}, S: []string{"shot"}}, {W: []string{"vaccinations"}, S: []string{"vaccin"}}},
		{{W: []string{"checkup"}, S: []string{"checkup"}}, {W: []string{"check", "up"}, S: []string{"check", ""}}},
	}
	if diff := cmp.Diff(want, m.Y); diff != "" {
		t.Errorf("synonyms (-want +got):\n%s", diff)
	}
}

// Many pages split into several term shards, each holding whole two-letter
// groups, listed in order.
func TestShardsSplitByPrefix(t *testing.T) {
	var es []Entry
	for i := range 400 {
		var body bytes.Buffer
		for j := range 60 {
			fmt.Fprintf(&body, "w%dx%d topic%d ", (i*7+j)%900, j, i%40)
		}
		es = append(es, Entry{URL: fmt.Sprintf("/p/%03d/", i), Title: "page", Doc: Analyze(Text{Body: body.String()})})
	}
	ix, err := Build(es, Options{Dir: "s"})
	if err != nil {
		t.Fatal(err)
	}
	m, fs := readManifest(t, ix)
	if len(m.T) < 2 {
		t.Fatalf("%d term shards, want several", len(m.T))
	}
	if len(m.D) != (400+DocsPerShard-1)/DocsPerShard {
		t.Errorf("%d doc shards for 400 pages", len(m.D))
	}
	seen := map[string]int{}
	for i, t2 := range m.T {
		if i > 0 && m.T[i-1][0] >= t2[0] {
			t.Errorf("shard %d starts at %q, not after %q", i, t2[0], m.T[i-1][0])
		}
		var sh shard
		if err := json.Unmarshal(fs[strings.TrimPrefix(t2[1], "/")], &sh); err != nil {
			t.Fatal(err)
		}
		for k := range sh.P {
			if j, ok := seen[prefix(k)]; ok && j != i {
				t.Errorf("group %q is in shards %d and %d", prefix(k), j, i)
			}
			seen[prefix(k)] = i
			if k < t2[0] || i+1 < len(m.T) && k >= m.T[i+1][0] {
				t.Errorf("key %q is in shard %d [%q, next)", k, i, t2[0])
			}
		}
	}
}
