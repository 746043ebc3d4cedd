package related

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"clinicgen/generator/bench/corpus"
	"clinicgen/generator/internal/search"
	"clinicgen/generator/internal/slug"
)

// TestCorpusPrecision scores related lists on the benchmark's corpus
// (generator/bench/corpus), the way corpus.Score scores a built site: the
// share of related links whose article is in the same topic cluster, and
// the number of empty lists. It runs only when CORPUS_SIZE is set to the
// number of articles to generate:
//
//	CORPUS_SIZE=10000 go test -run CorpusPrecision -v ./generator/internal/related
//
// With CORPUS_ANALYSIS=search the text is analysed by the site search's
// analysis instead of Analyze (see TestRealCorpusPrecision).
func TestCorpusPrecision(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv("CORPUS_SIZE"))
	if err != nil {
		t.Skip("CORPUS_SIZE not set")
	}
	var keys, texts []string
	topics := map[string]string{}
	err = corpus.Generate(n, corpus.Defaults(), func(a corpus.Article) error {
		key := "articles/" + a.Slug + ".md"
		keys, texts = append(keys, key), append(texts, string(a.Text))
		topics[key] = a.Topic
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	docs := make([]Doc, len(texts))
	useSearch := os.Getenv("CORPUS_ANALYSIS") == "search"
	parallel(len(texts), func(i int) { docs[i] = crudeDoc(keys[i], texts[i], useSearch) })
	read := time.Since(start)
	start = time.Now()
	ix := Build(docs, DefaultWeights())
	built := time.Since(start)
	start = time.Now()
	lists := ix.All(5)
	all := time.Since(start)

	// Precision overall and by how the article is tagged.
	group := func(d Doc) string {
		var tags []string
		for _, t := range d.Taxa {
			if strings.HasPrefix(t, "tags/") {
				tags = append(tags, t)
			}
		}
		switch {
		case len(tags) == 0:
			return "untagged"
		case len(tags) == 1 && tags[0] == "tags/health":
			return "health only"
		}
		return "tagged"
	}
	type tally struct{ pages, empty, hits, total int }
	by := map[string]*tally{"all": {}, "untagged": {}, "health only": {}, "tagged": {}}
	for i, list := range lists {
		want, ok := topics[docs[i].Key]
		if !ok {
			t.Fatalf("%s is not in topics.tsv", docs[i].Key)
		}
		for _, g := range []*tally{by["all"], by[group(docs[i])]} {
			g.pages++
			if len(list) == 0 {
				g.empty++
			}
			for _, m := range list {
				g.total++
				if topics[docs[m.Doc].Key] == want {
					g.hits++
				}
			}
		}
	}
	for _, name := range []string{"all", "untagged", "health only", "tagged"} {
		g := by[name]
		t.Logf("%-11s pages=%d empty=%d mean_len=%.2f precision=%.4f", name, g.pages, g.empty,
			float64(g.total)/float64(max(g.pages, 1)), float64(g.hits)/float64(max(g.total, 1)))
	}
	t.Logf("read+analyse %v, build %v, all %v", read.Round(time.Millisecond), built.Round(time.Millisecond), all.Round(time.Millisecond))
	empty, precision := by["all"].empty, float64(by["all"].hits)/float64(max(by["all"].total, 1))
	if empty > 0 {
		t.Errorf("%d empty lists, want 0", empty)
	}
	if precision < 0.95 {
		t.Errorf("precision %.3f, want at least 0.95", precision)
	}
}

// crudeDoc reads the front matter lines the corpus generator writes (title, date,
// description, tags, categories) and passes the rest as the body.
// With useSearch the text is analysed by search.Analyze rather than Analyze.
func crudeDoc(key, text string, useSearch bool) Doc {
	d := Doc{Key: key}
	var title, desc string
	body := text
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if fm, b, ok := strings.Cut(rest, "\n---\n"); ok {
			body = b
			for _, line := range strings.Split(fm, "\n") {
				k, v, _ := strings.Cut(line, ":")
				v = strings.Trim(strings.TrimSpace(v), `"`)
				switch k {
				case "title":
					title = v
				case "description":
					desc = v
				case "date":
					d.Date, _ = time.Parse("2006-01-02", v)
				case "tags", "categories":
					for _, term := range strings.Split(strings.Trim(v, "[]"), ",") {
						if s := slug.Make(strings.Trim(strings.TrimSpace(term), `"'`)); s != "" {
							d.Taxa = append(d.Taxa, k+"/"+s)
						}
					}
				}
			}
		}
	}
	if useSearch {
		d.Text = searchTerms(search.Analyze(search.Text{Title: title, Description: desc, Body: body}).Terms())
	} else {
		d.Text = Analyze(title, desc, body)
	}
	return d
}
