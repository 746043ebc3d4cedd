package build

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// The whole-build benchmarks build the sites that `go run ./generator/bench
// -prepare -work DIR` writes (DIR/site-N: N generated articles with the
// clinic's own content, layouts, assets and config.yaml). They skip unless
// CLINICGEN_BENCH_WORK names that DIR. Profile with
//
//	go run ./generator/bench -prepare -work /tmp/bench
//	CLINICGEN_BENCH_WORK=/tmp/bench go test ./generator/internal/build -run '^$' -bench 'Build10k$' -benchtime 1x -cpuprofile cpu.out -memprofile mem.out
//
// Wall time and peak memory next to the floor and Hugo come from `go run
// ./generator/bench` itself (see README.md, Benchmarks).

func BenchmarkBuild1k(b *testing.B)          { benchBuild(b, 1000, false) }
func BenchmarkBuild10k(b *testing.B)         { benchBuild(b, 10000, false) }
func BenchmarkBuild10kCompress(b *testing.B) { benchBuild(b, 10000, true) }

// benchSite returns the root of the bench site of n articles under
// CLINICGEN_BENCH_WORK, or skips b when there is none.
func benchSite(b *testing.B, n int) string {
	work := os.Getenv("CLINICGEN_BENCH_WORK")
	if work == "" {
		b.Skip("set CLINICGEN_BENCH_WORK to a folder made by go run ./generator/bench -prepare -work DIR")
	}
	root := filepath.Join(work, "site-"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(root, "config.yaml")); err != nil {
		b.Skipf("no site of %d articles: %v (go run ./generator/bench -prepare -sizes %d -work %s)", n, err, n, work)
	}
	return root
}

func benchBuild(b *testing.B, n int, compress bool) {
	root := benchSite(b, n)
	dest := filepath.Join(b.TempDir(), "public")
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	phases := map[string]time.Duration{}
	runs := 0
	for b.Loop() {
		res := Run(root, dest, Options{Now: now, Compress: compress})
		if res.Diags.HasErrors() {
			b.Fatalf("build failed:\n%v", res.Diags)
		}
		for _, ph := range res.Phases {
			phases[ph.Name] += ph.Took
		}
		runs++
	}
	for name, d := range phases {
		b.ReportMetric(d.Seconds()/float64(runs), name+"-s/op")
	}
}

// BenchmarkRenderPages1k executes the layouts for every page of the
// 1,000-article site, nothing else (no audit, no minify, no write): the
// template stage's own cost. Each op renders every page once, as one
// build does.
func BenchmarkRenderPages1k(b *testing.B) {
	dir, err := os.OpenRoot(benchSite(b, 1000))
	if err != nil {
		b.Skip(err)
	}
	defer dir.Close()
	p, ds := Load(dir.FS(), Options{Now: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)})
	if p == nil || ds.HasErrors() {
		b.Fatalf("load failed:\n%v", ds)
	}
	b.ReportAllocs()
	for b.Loop() {
		// A new Site each time, as a new build has: the layouts' caches
		// (site-wide and partialCached outputs) start empty.
		fresh := *p.Site
		p.Site = &fresh
		for _, pg := range p.Site.Pages {
			if _, rds := p.RenderPage(pg); len(rds) > 0 {
				b.Fatalf("%s: %v", pg.URL, rds)
			}
		}
	}
}
