package images

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"clinicgen/generator/internal/cputime"
)

// BenchmarkPhotos prepares 20 phone photos of 12 MP (4000×3000, with
// EXIF GPS), as a build does: on all cores, one image per worker at a
// time. "first" starts from an empty cache, "cached" from a full one.
//
//	go test ./generator/internal/images -run '^$' -bench Photos -benchtime 1x
func BenchmarkPhotos(b *testing.B) {
	base := phoneJPEG(b, photo(4000, 3000), 1)
	srcs := make([][]byte, 20)
	for i := range srcs {
		// Same pixels, different bytes: a comment makes each its own photo.
		c := jpegSegment(0xFE, []byte(fmt.Sprintf("photo %d", i)))
		srcs[i] = append(append(append([]byte(nil), base[:2]...), c...), base[2:]...)
	}
	run := func(b *testing.B, c *Cache) {
		p := &Processor{Settings: Settings{Widths: DefaultWidths(), Quality: DefaultQuality}, Cache: c}
		jobs := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					name := fmt.Sprintf("p%d.jpg", i)
					in, err := Inspect(name, srcs[i], 0)
					if err == nil {
						_, err = p.Process(name, srcs[i], in)
					}
					if err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for i := range srcs {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
	}
	b.Run("first", func(b *testing.B) {
		cpu := cputime.Used()
		for b.Loop() {
			b.StopTimer()
			c := NewCache(b.TempDir())
			b.StartTimer()
			run(b, c)
		}
		b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	b.Run("cached", func(b *testing.B) {
		dir := b.TempDir()
		run(b, NewCache(dir))
		cpu := cputime.Used()
		for b.Loop() {
			run(b, NewCache(dir))
		}
		b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
}
