package readability

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"clinicgen/generator/bench/corpus"
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
			start, ops := cpuTime(), 0
			for b.Loop() {
				var m Measurer
				for _, p := range set.pages {
					m.Measure(p)
				}
				ops++
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(ops), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU time the process has used: steadier than wall time
// on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
