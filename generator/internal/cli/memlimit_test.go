package cli

import (
	"runtime/debug"
	"testing"
)

// TestSoftLimit: the limit is set when rendering starts, not before, to
// at least the floor and twice the live heap, passes every call on, and
// is put back afterwards; GOMEMLIMIT in the environment turns it off.
func TestSoftLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	var calls []string
	progress, restore := softLimit(func(phase string, done, total int) { calls = append(calls, phase) })
	progress("parse", 1, 2)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d while parsing, want %d as before", got, before)
	}
	progress("render", 1, 2)
	got := debug.SetMemoryLimit(-1)
	if want := max(int64(limitFloor), 2*liveHeap()); got < want || got > max(int64(limitFloor), 4*liveHeap()) {
		t.Errorf("limit %d while rendering, want about %d", got, want)
	}
	progress("render", 2, 2)
	restore()
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after restore, want %d", got, before)
	}
	if len(calls) != 3 {
		t.Errorf("progress calls passed on: %v", calls)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	progress, restore = softLimit(func(string, int, int) {})
	progress("render", 1, 1)
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d with GOMEMLIMIT set, want %d", got, before)
	}
}
