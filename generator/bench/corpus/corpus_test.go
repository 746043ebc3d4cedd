package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// The expected values come from CPython 3.11's random module.
func TestPyRand(t *testing.T) {
	r := newPyRand(1)
	if got, want := r.random(), 0.13436424411240122; got != want {
		t.Errorf("Random(1).random() = %v, want %v", got, want)
	}
	if got, want := r.uint32(), uint32(3639700191); got != want {
		t.Errorf("then getrandbits(32) = %v, want %v", got, want)
	}
	if got, want := r.randint(8, 20), 20; got != want {
		t.Errorf("then randint(8, 20) = %v, want %v", got, want)
	}
	if got, want := choice(r, ints(10000)), 1033; got != want {
		t.Errorf("then choice(range(10000)) = %v, want %v", got, want)
	}
	if diff := cmp.Diff([]int{4, 1, 7, 12}, sample(r, ints(15), 4)); diff != "" {
		t.Errorf("then sample(range(15), 4) (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		seed int64
		want float64
	}{{0, 0.8444218515250481}, {1<<40 + 5, 0.5043802970418443}} {
		if got := newPyRand(tc.seed).random(); got != tc.want {
			t.Errorf("Random(%d).random() = %v, want %v", tc.seed, got, tc.want)
		}
	}

	// Both of sample's strategies: a set of drawn indices for a large
	// population, a shrinking pool for a small one.
	r = newPyRand(3)
	for _, tc := range []struct {
		n, k int
		want []int
	}{
		{100, 6, []int{30, 75, 69, 16, 47, 77}},
		{30, 6, []int{15, 20, 18, 2, 19, 0}},
		{10, 10, []int{7, 4, 3, 1, 5, 9, 8, 6, 0, 2}},
	} {
		if diff := cmp.Diff(tc.want, sample(r, ints(tc.n), tc.k)); diff != "" {
			t.Errorf("sample(range(%d), %d) (-want +got):\n%s", tc.n, tc.k, diff)
		}
	}
	if got := r.randint(1, 1); got != 1 {
		t.Errorf("randint(1, 1) = %d", got)
	}
}

func ints(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestGenerateMatchesPython pins the default 1,000-article corpus to the
// one gen_corpus.py wrote (`gen_corpus.py OUT 1000`): the SHA-256 of the
// articles in order followed by topics.tsv.
func TestGenerateMatchesPython(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 1000, Defaults()); err != nil {
		t.Fatal(err)
	}
	tsv, err := os.ReadFile(filepath.Join(dir, "topics.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	lines := strings.Split(strings.TrimSuffix(string(tsv), "\n"), "\n")
	if len(lines) != 1000 {
		t.Fatalf("topics.tsv has %d lines, want 1000", len(lines))
	}
	for _, l := range lines {
		file, _, _ := strings.Cut(l, "\t")
		b, err := os.ReadFile(filepath.Join(dir, "content", file))
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	h.Write(tsv)
	if got, want := hex.EncodeToString(h.Sum(nil)), "33078682d4cf4718a1416f5c839401786ef143ee1104cea0b3af1e4e33ed41df"; got != want {
		t.Errorf("corpus hash = %s, want %s (gen_corpus.py's)", got, want)
	}
	if got, want := lines[0], "articles/00000-group-lived-recovery-sharing.md\tpeer-support"; got != want {
		t.Errorf("first topics line = %q, want %q", got, want)
	}
}

func TestGenerateShape(t *testing.T) {
	var got []Article
	o := Options{Section: "posts", Seed: 9, Untagged: 1}
	if err := Generate(12, o, func(a Article) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 12 {
		t.Fatalf("%d articles, want 12", len(got))
	}
	for i, a := range got {
		text := string(a.Text)
		if !strings.HasPrefix(a.Slug, fmt.Sprintf("%05d-", i)) {
			t.Errorf("article %d slug %q", i, a.Slug)
		}
		if !strings.HasPrefix(text, "---\ntitle: \"") || !strings.Contains(text, "\ntags: []\n") || !strings.Contains(text, "\n---\n## ") {
			t.Errorf("article %d (untagged 1: no tags) front matter:\n%.300s", i, text)
		}
		if i < 10 && a.Topic != vocabulary()[i].name {
			t.Errorf("article %d topic %q, want the clusters in turn (%q)", i, a.Topic, vocabulary()[i].name)
		}
	}
	if strings.Contains(string(got[0].Text), "Read more in") {
		t.Error("the first article links to an earlier one, but there is none")
	}
}

func TestScore(t *testing.T) {
	topics, err := ReadTopics(strings.NewReader("articles/a.md\tx\narticles/b.md\tx\narticles/c.md\ty\narticles/d.md\ty\n"))
	if err != nil {
		t.Fatal(err)
	}
	page := func(related string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("<main><a href=/articles/c/>in the body</a></main>" + related)}
	}
	public := fstest.MapFS{
		// two related links, one in topic; the self-link and an unknown page are not counted
		// (minified markup: no quotes, no </li>; a nested aside does not end the block)
		"articles/a/index.html": page(`<aside class=related><h2>Related articles</h2><ul><li><a href=/articles/b/>B</a><li><aside><a href="https://clinic.example/articles/c/">C</a></aside><li><a href=/articles/a/>A</a><li><a href=/articles/zz/>?</a></ul></aside><a href=/articles/d/>after</a>`),
		// no block at all: scored, empty
		// a "Related" heading without the class is not the block
		"articles/b/index.html": page(`<section><h2>Related articles</h2><a href=/articles/a/>A</a></section>`),
		// a block with only a self-link: empty
		"articles/c/index.html": page(`<SECTION CLASS="care related"><H3>Read next</H3><A HREF=/articles/c/>C</A></SECTION>`),
		// d has no page: not scored
	}
	got, err := Score(topics, public)
	if err != nil {
		t.Fatal(err)
	}
	want := Scores{Pages: 3, Empty: 2, Links: 2, Hits: 1}
	if got != want {
		t.Errorf("Score = %+v, want %+v", got, want)
	}
	if got, want := got.String(), "pages=3 empty=2 mean_len=0.67 precision=0.500"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if _, err := ReadTopics(strings.NewReader("articles/a.md x\n")); err == nil {
		t.Error("ReadTopics accepted a line without a tab")
	}
}

// Options.Translated writes every fifth article (for 0.2) again as a
// Spanish stand-in, <slug>.es.md, and leaves the English corpus as it is:
// common words in Spanish, topic words and link targets kept.
func TestTranslated(t *testing.T) {
	plain, tr := t.TempDir(), t.TempDir()
	if err := Write(plain, 50, Defaults()); err != nil {
		t.Fatal(err)
	}
	o := Defaults()
	o.Translated = 0.2
	if err := Write(tr, 50, o); err != nil {
		t.Fatal(err)
	}
	read := func(dir string) map[string]string {
		out := map[string]string{}
		es, _ := filepath.Glob(filepath.Join(dir, "content", "articles", "*.md"))
		for _, f := range es {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(f)] = string(b)
		}
		return out
	}
	p, q := read(plain), read(tr)
	var spanish []string
	for name, text := range q {
		base, ok := strings.CutSuffix(name, ".es.md")
		if !ok {
			if p[name] != text {
				t.Errorf("%s differs from the corpus without translations", name)
			}
			continue
		}
		spanish = append(spanish, base)
		en := p[base+".md"]
		if en == "" {
			t.Errorf("%s translates no article", name)
			continue
		}
		if len(strings.Fields(text)) != len(strings.Fields(en)) {
			t.Errorf("%s has %d words, its article %d", name, len(strings.Fields(text)), len(strings.Fields(en)))
		}
		if strings.Contains(" "+text+" ", " the ") || !strings.Contains(text, " el ") {
			t.Errorf("%s still has English common words: %.300s", name, text)
		}
		for _, l := range linkRE.FindAllString(en, -1) {
			if !strings.Contains(text, l) {
				t.Errorf("%s lost the link target %s", name, l)
			}
		}
	}
	if len(spanish) != 10 {
		t.Errorf("%d translations, want 10 (a fifth of 50): %v", len(spanish), spanish)
	}
	if len(q) != len(p)+10 {
		t.Errorf("%d files, want %d", len(q), len(p)+10)
	}
	if got := Translation([]byte("The clinic and you. See [this related article](/articles/00001-the-a/).")); string(got) != "El clinic y usted. See [este artículo relacionado](/articles/00001-the-a/)." {
		t.Errorf("Translation = %q", got)
	}
}
