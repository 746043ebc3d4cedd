package cli

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// limitFloor is the least soft memory limit a build sets (see softLimit).
const limitFloor = 240 << 20

// softLimit wraps a build's progress callback (next may be nil) so that
// when rendering starts, the Go runtime gets a soft memory limit of twice
// the live heap, but not less than 240 MiB; restore puts back the limit
// there was. GOMEMLIMIT in the environment, if set, wins and nothing is
// changed.
//
// Why: the garbage collector lets the heap grow to twice what was live at
// its last cycle (GOGC=100), and while pages render that count includes
// the page buffers of the cycle in flight, so a 10,000-article build, with
// about 105 MB really live, peaked at 290-315 MB resident. A 240 MiB
// limit brings the peak to about 250 MB, for 70 collections instead of 59
// (about a second more collector CPU, some 6% of the build's). Twice the
// live heap is never less room than GOGC=100 gives, so a larger site whose
// live heap passes 120 MiB keeps the usual behaviour instead of collecting
// without pause (thrashing) at a fixed limit.
func softLimit(next func(phase string, done, total int)) (progress func(string, int, int), restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return next, func() {}
	}
	var once sync.Once
	var mu sync.Mutex
	set, prev := false, int64(0)
	progress = func(phase string, done, total int) {
		if phase == "render" {
			once.Do(func() {
				limit := max(int64(limitFloor), 2*liveHeap())
				mu.Lock()
				set, prev = true, debug.SetMemoryLimit(limit)
				mu.Unlock()
			})
		}
		if next != nil {
			next(phase, done, total)
		}
	}
	restore = func() {
		mu.Lock()
		defer mu.Unlock()
		if set {
			debug.SetMemoryLimit(prev)
			set = false
		}
	}
	return progress, restore
}

// liveHeap is the heap the last garbage collection found live, in bytes
// (0 before the first one).
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
