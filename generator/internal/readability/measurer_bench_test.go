package readability

import (
	"os"
	"path/filepath"
	"testing"

	"clinicgen/generator/bench/corpus"
	"clinicgen/generator/internal/cputime"
)

// BenchmarkMeasurer measures pages one after the other with one Measurer,
// as a parse worker does: 200 articles of the benchmark site (a few
// hundred distinct words) and the sample site's 30 pages (22,000 words of
// real prose). It is the benchmark that decides whether a speed trick of
// this package pays its way.
func BenchmarkMeasurer(b *testing.B) {
	var bench []string
	if err := corpus.Generate(200, corpus.Defaults(), func(a corpus.Article) error {
		bench = append(bench, string(a.Text))
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob("../../../content/*.md")
	more, _ := filepath.Glob("../../../content/*/*.md")
	var sample []string
	for _, f := range append(files, more...) {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sample = append(sample, string(text))
	}
	if len(sample) == 0 {
		b.Fatal("no sample pages under ../../../content")
	}
	for _, set := range []struct {
		name  string
		pages []string
	}{{"bench", bench}, {"sample", sample}} {
		b.Run(set.name, func(b *testing.B) {
			n := 0
			for _, p := range set.pages {
				n += len(p)
			}
			b.SetBytes(int64(n))
			start, ops := cputime.Used(), 0
			for b.Loop() {
				var m Measurer
				for _, p := range set.pages {
					m.Measure(p)
				}
				ops++
			}
			b.ReportMetric(float64(cputime.Used()-start)/float64(ops), "cpu-ns/op")
		})
	}
}
