package cli

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

const (
	// limitFloor is the least soft memory limit a build sets (see softLimit).
	limitFloor = 240 << 20
	// buildGCPercent is the GOGC a build runs with under that limit.
	buildGCPercent = 400
	// limitEvery is how many progress calls pass between two looks at
	// the live heap.
	limitEvery = 256
)

// softLimit wraps a build's progress callback (next may be nil) so that the
// build runs with a heap budget instead of GOGC=100: from the first
// progress call the Go runtime gets GOGC=400 and a soft memory limit of
// twice the live heap, but not less than 240 MiB, looked at again every
// 256 progress calls; restore puts back the GOGC and the limit there were.
// GOMEMLIMIT or GOGC in the environment, if set, win and nothing is
// changed.
//
// Why: the garbage collector lets the heap grow to twice what was live at
// its last cycle (GOGC=100). A build's live heap grows from nothing to
// about 105 MB for 10,000 articles while it allocates some 4 GB in short-
// lived buffers, so with GOGC=100 it collected 72 times, most of them while
// the heap was small. Under a fixed budget it collects only when the heap
// reaches the limit: 50 collections for the same build, peak resident
// memory about 260 MB (it was 250 MB). Twice the live heap is never less
// room than GOGC=100 gives, so a larger site whose live heap passes 120 MiB
// keeps the usual behaviour instead of collecting without pause
// (thrashing) at a fixed limit.
func softLimit(next func(phase string, done, total int)) (progress func(string, int, int), restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return next, func() {}
	}
	var mu sync.Mutex
	set, calls := false, 0
	prevLimit, prevPercent := int64(0), 0
	progress = func(phase string, done, total int) {
		mu.Lock()
		if calls%limitEvery == 0 {
			limit := max(int64(limitFloor), 2*liveHeap())
			if !set {
				set, prevPercent = true, debug.SetGCPercent(buildGCPercent)
				prevLimit = debug.SetMemoryLimit(limit)
			} else {
				debug.SetMemoryLimit(limit)
			}
		}
		calls++
		mu.Unlock()
		if next != nil {
			next(phase, done, total)
		}
	}
	restore = func() {
		mu.Lock()
		defer mu.Unlock()
		if set {
			debug.SetMemoryLimit(prevLimit)
			debug.SetGCPercent(prevPercent)
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
