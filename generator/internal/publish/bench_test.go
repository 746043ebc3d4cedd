package publish

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"

	"clinicgen/generator/internal/cputime"
)

// vocabulary is what the benchmark pages are written in: the benchmark's
// corpus (generator/bench/corpus) is random sentences over a few hundred words,
// which compresses like real articles do (about 4:1 with gzip).
var vocabulary = strings.Fields(`
a about after all also an and anxiety appointment are as at be because been before belonging
between blood body breathing but by can care caregivers checkup children clinic clinical
community connection coping counseling daily depression diabetes diet doctor during each
early eat empathy encouragement every exercise experience family fatigue feel few first
for from group habits have health healthy heart help hope how if in insurance is isolation
it its just know lived lifestyle listening long make many may medication mental mentor
mood more most need new not nurse nutrition of often on one or other our panic patients
peer people physical plan pressure primary provider recovery reduce regular research risk
routine safe screening serotonin services sharing should sleep some stigma stress support
symptoms than that the their them there these they this through time to treatment trust
two understanding up use vaccine visit wellbeing what when which while who will with worry
year you your Bladensburg Maryland telehealth prevention chronic condition therapy`)

// benchPage returns an article page of about size bytes, different for each seed.
func benchPage(seed uint64, size int) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.Grow(size + 512)
	b.WriteString(`<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1"><title>Article | ABS Clinical Services LLC</title><link rel=stylesheet href=/css/main.3f2a9c1b07.css integrity=sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC crossorigin=anonymous><script type=application/ld+json>{"@context":"https://schema.org","@type":"MedicalWebPage","publisher":{"@type":"MedicalClinic","name":"ABS Clinical Services LLC","address":{"@type":"PostalAddress","addressLocality":"Bladensburg","addressRegion":"MD"}}}</script></head><body><header class=site><a href=/ class=brand>ABS Clinical Services</a><nav aria-label=Main><ul><li><a href=/>Home</a></li><li><a href=/services/>Services</a></li><li><a href=/articles/>Articles</a></li><li><a href=/about/>About</a></li><li><a href=/contact/>Contact</a></li></ul></nav></header><main><article>`)
	word := func() string { return vocabulary[r.IntN(len(vocabulary))] }
	fmt.Fprintf(&b, "<h1>%s %s %s</h1>", word(), word(), word())
	for b.Len() < size-700 {
		fmt.Fprintf(&b, "<h2 id=%s-%s>%s %s</h2>", word(), word(), word(), word())
		for range 1 + r.IntN(3) {
			b.WriteString("<p>")
			for range 40 + r.IntN(60) {
				b.WriteString(word())
				b.WriteByte(' ')
			}
			if r.IntN(3) == 0 {
				fmt.Fprintf(&b, `<a href=/articles/%s-%s-%d/>%s %s</a>`, word(), word(), r.IntN(10000), word(), word())
			}
			b.WriteString(".</p>")
		}
		if r.IntN(2) == 0 {
			b.WriteString("<ul>")
			for range 3 + r.IntN(3) {
				fmt.Fprintf(&b, "<li>%s %s %s %s</li>", word(), word(), word(), word())
			}
			b.WriteString("</ul>")
		}
	}
	b.WriteString(`</article><aside class=related><h2>Related articles</h2><ul>`)
	for range 5 {
		fmt.Fprintf(&b, `<li><a href=/articles/%s-%s-%d/>%s %s</a></li>`, word(), word(), r.IntN(10000), word(), word())
	}
	b.WriteString(`</ul></aside></main><footer><p>ABS Clinical Services LLC, Bladensburg, Maryland</p></footer></body></html>`)
	return []byte(b.String())
}

// BenchmarkStage publishes 10,000 pages of about 20 KB with all cores
// writing, then commits over the previous iteration's build, with and
// without precompression. Run with TMPDIR on tmpfs to measure the code
// rather than the disk.
func BenchmarkStage(b *testing.B) {
	const pages, distinct = 10000, 100
	var bodies [distinct][]byte
	total := 0
	for i := range bodies {
		bodies[i] = benchPage(uint64(i), 20<<10)
	}
	for i := range pages {
		total += len(bodies[i%distinct])
	}
	for _, compress := range []bool{false, true} {
		b.Run(fmt.Sprintf("compress=%v", compress), func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "public")
			b.SetBytes(int64(total))
			cpu0 := cputime.Used()
			for b.Loop() {
				s, err := NewStage(dest, Options{Compress: compress})
				if err != nil {
					b.Fatal(err)
				}
				jobs := make(chan int)
				errs := make(chan error, runtime.GOMAXPROCS(0))
				var wg sync.WaitGroup
				for range runtime.GOMAXPROCS(0) {
					wg.Go(func() {
						for i := range jobs {
							if err := s.Write(fmt.Sprintf("articles/page-%05d/index.html", i), bodies[i%distinct]); err != nil {
								errs <- err
								return
							}
						}
					})
				}
				for i := range pages {
					jobs <- i
				}
				close(jobs)
				wg.Wait()
				close(errs)
				if err := <-errs; err != nil {
					b.Fatal(err)
				}
				if err := s.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/build")
			b.ReportMetric((cputime.Used()-cpu0).Seconds()/float64(b.N), "cpu-s/build")
		})
	}
}

// BenchmarkCompress measures one 20 KB page at several gzip levels and
// brotli V2 levels, and brotli's classic encoder at quality 5 and 11 for
// reference, reporting the compressed size: the trade-off behind GzipLevel
// and BrotliLevel.
func BenchmarkCompress(b *testing.B) {
	page := benchPage(1, 20<<10)
	for _, level := range []int{1, 2, 6, 9} {
		b.Run(fmt.Sprintf("gzip=%d", level), func(b *testing.B) {
			c := &chain{gzipLevel: level}
			var out []byte
			b.SetBytes(int64(len(page)))
			cpu0 := cputime.Used()
			for b.Loop() {
				var err error
				if out, err = c.gzip(page); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "bytes-out")
			b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
	for _, q := range []int{1, 2, 3, 4, 5, 9} {
		b.Run(fmt.Sprintf("brotliV2=%d", q), func(b *testing.B) {
			c := &chain{brotliLevel: q}
			var out []byte
			b.SetBytes(int64(len(page)))
			cpu0 := cputime.Used()
			for b.Loop() {
				var err error
				if out, err = c.brotli(page); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "bytes-out")
			b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
	for _, q := range []int{5, 11} {
		b.Run(fmt.Sprintf("brotli=%d", q), func(b *testing.B) {
			var buf bytes.Buffer
			w := brotli.NewWriterLevel(&buf, q)
			b.SetBytes(int64(len(page)))
			cpu0 := cputime.Used()
			for b.Loop() {
				buf.Reset()
				w.Reset(&buf)
				if _, err := w.Write(page); err != nil {
					b.Fatal(err)
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes-out")
			b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
