package related

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/search"
)

// TestRealCorpusPrecision scores related lists on real writing whose
// topics are known: a directory of Markdown posts filed in one folder per
// topic (DIR/<topic>/<post>.md, such as github.com/jbranchaud/til, MIT
// licensed, whose posts open with a "# Title" line). The topics are hidden
// from the index (no taxa): each list comes from the text alone. A related
// link is a hit when its post has the page's topic; the figure to beat is
// a random pick, whose expected precision is the chance that another post
// has the page's topic. Each post is parsed by the generator's Markdown
// parser (its plain-text prose and headings, as a build sees them) and
// analysed two ways: by Analyze, and by the site search's analysis
// (search.Analyze through FromCounts), which the build uses. It runs only
// when RELATED_CORPUS names the directory:
//
//	RELATED_CORPUS=/tmp/til go test -run RealCorpusPrecision -v ./generator/internal/related
//
// Both must score above twice a random pick, with no empty list. The
// figures are in README.md (Related posts: measured precision); Analyze,
// which scored higher on the whole, is the one the build uses.
func TestRealCorpusPrecision(t *testing.T) {
	dir := os.Getenv("RELATED_CORPUS")
	if dir == "" {
		t.Skip("RELATED_CORPUS not set")
	}
	type post struct {
		key, topic  string
		title       string
		description string
		headings    []string
		prose       string
	}
	var posts []post
	parser := markdown.New(markdown.Options{})
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if d.IsDir() || len(parts) < 2 || !strings.HasSuffix(p, ".md") || d.Name() == "_index.md" || strings.HasPrefix(parts[0], ".") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		title, body := "", string(src)
		if first, rest, ok := strings.Cut(body, "\n"); ok && strings.HasPrefix(first, "# ") {
			title, body = strings.TrimSpace(first[2:]), "---\ndraft: false\n---\n"+rest
		}
		doc, ds := parser.Parse(rel, []byte(body))
		if doc == nil {
			return fmt.Errorf("%s: %v", rel, ds)
		}
		if title == "" {
			title = doc.FM.Title
		}
		ps := post{key: rel, topic: parts[0], title: title, description: doc.FM.Description, prose: doc.Prose}
		for _, h := range doc.Headings {
			ps.headings = append(ps.headings, h.Text)
		}
		posts = append(posts, ps)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) < 100 {
		t.Fatalf("%d posts in %s, want at least 100", len(posts), dir)
	}
	sort.Slice(posts, func(i, j int) bool { return posts[i].key < posts[j].key })
	size := map[string]int{}
	for _, p := range posts {
		size[p.topic]++
	}
	n := len(posts)
	var random float64
	for _, p := range posts {
		random += float64(size[p.topic]-1) / float64(n-1)
	}
	random /= float64(n)

	score := func(name string, text func(p post) Terms) float64 {
		docs := make([]Doc, n)
		for i, p := range posts {
			docs[i] = Doc{Key: p.key, Text: text(p)}
		}
		lists := Build(docs, DefaultWeights()).All(5)
		var hits, links, empty int
		for i, list := range lists {
			if len(list) == 0 {
				empty++
			}
			for _, m := range list {
				links++
				if posts[m.Doc].topic == posts[i].topic {
					hits++
				}
			}
		}
		precision := float64(hits) / float64(max(links, 1))
		t.Logf("%-8s posts=%d topics=%d links=%d empty=%d precision=%.4f (random pick %.4f)",
			name, n, len(size), links, empty, precision, random)
		if empty > 0 {
			t.Errorf("%s: %d empty lists, want 0", name, empty)
		}
		return precision
	}
	before := score("related", func(p post) Terms { return Analyze(p.title, p.description, p.prose) })
	after := score("search", func(p post) Terms {
		d := search.Analyze(search.Text{Title: p.title, Description: p.description, Headings: p.headings, Body: p.prose})
		return searchTerms(d.Terms())
	})
	if after <= 2*random || before <= 2*random {
		t.Errorf("precision %.4f (Analyze) and %.4f (search analysis), random pick %.4f: want both above twice random", before, after, random)
	}
}

// searchTerms returns the Terms of a document analysed by the site search:
// counts maps each stem to its weighted number of occurrences
// (search.Doc.Terms), hashed as Analyze hashes its stems.
func searchTerms(counts map[string]int) Terms {
	packed := make([]uint64, 0, len(counts))
	for s, c := range counts {
		packed = append(packed, hash48([]byte(s))<<16|uint64(min(c, 0xffff)))
	}
	slices.Sort(packed)
	return Terms{packed: slices.CompactFunc(packed, func(a, b uint64) bool { return a>>16 == b>>16 })}
}
