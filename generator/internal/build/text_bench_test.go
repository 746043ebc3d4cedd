package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/related"
	"clinicgen/generator/internal/search"
)

// BenchmarkPageText10k measures the text work the parse phase does on
// every page after Markdown (see inputParser): readability's Measure and
// related's Analyze over the prose of the 10,000 articles of the bench
// site, as one parse worker does them, each op all the articles once, and
// the site search's Analyze (with the headings), which the parse worker
// also runs when search.enabled is true.
// It needs the site that BenchmarkBuild10k uses:
//
//	CLINICGEN_BENCH_WORK=/tmp/bench go test ./generator/internal/build -run '^$' -bench PageText10k
func BenchmarkPageText10k(b *testing.B) {
	dir := filepath.Join(benchSite(b, 10000), "content", "articles")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	type page struct {
		title, description, prose string
		headings                  []string
	}
	var pages []page
	parser := markdown.New(markdown.Options{})
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if doc, _ := parser.Parse("content/articles/"+e.Name(), data); doc != nil {
			p := page{title: doc.FM.Title, description: doc.FM.Description, prose: doc.Prose}
			for _, h := range doc.Headings {
				p.headings = append(p.headings, h.Text)
			}
			pages = append(pages, p)
		}
	}
	b.Run("Measure", func(b *testing.B) {
		var m readability.Measurer
		for b.Loop() {
			for _, p := range pages {
				m.Measure(p.prose)
			}
		}
	})
	b.Run("Analyze", func(b *testing.B) {
		var z related.Analyzer
		for b.Loop() {
			for _, p := range pages {
				z.Analyze(p.title, p.description, p.prose)
			}
		}
	})
	b.Run("Search", func(b *testing.B) {
		var z search.Analyzer
		for b.Loop() {
			for _, p := range pages {
				z.Analyze(search.Text{Title: p.title, Description: p.description, Headings: p.headings, Body: p.prose})
			}
		}
	})
}
