package cli

import (
	"runtime/debug"
	"testing"
)

// TestSoftLimit: from the first progress call the build runs with
// GOGC=400 and a limit of at least the floor and twice the live heap,
// every call is passed on, and both are put back afterwards; GOMEMLIMIT
// or GOGC in the environment turn it off.
func TestSoftLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	beforeLimit := debug.SetMemoryLimit(-1)
	beforePercent := debug.SetGCPercent(100)
	defer debug.SetGCPercent(beforePercent)
	var calls []string
	progress, restore := softLimit(func(phase string, done, total int) { calls = append(calls, phase) })
	if got := debug.SetMemoryLimit(-1); got != beforeLimit {
		t.Errorf("limit %d before the build started, want %d as before", got, beforeLimit)
	}
	progress("parse", 1, 2)
	got := debug.SetMemoryLimit(-1)
	if want := max(int64(limitFloor), 2*liveHeap()); got < want || got > max(int64(limitFloor), 4*liveHeap()) {
		t.Errorf("limit %d while building, want about %d", got, want)
	}
	if p := debug.SetGCPercent(buildGCPercent); p != buildGCPercent {
		t.Errorf("GOGC %d while building, want %d", p, buildGCPercent)
	}
	for i := range 2 * limitEvery {
		progress("render", i, 2*limitEvery)
	}
	restore()
	restore()
	if got := debug.SetMemoryLimit(-1); got != beforeLimit {
		t.Errorf("limit %d after restore, want %d", got, beforeLimit)
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GOGC %d after restore, want 100", p)
	}
	if len(calls) != 1+2*limitEvery {
		t.Errorf("%d progress calls passed on, want %d", len(calls), 1+2*limitEvery)
	}

	for _, env := range []string{"GOMEMLIMIT", "GOGC"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, map[string]string{"GOMEMLIMIT": "1GiB", "GOGC": "100"}[env])
			progress, restore := softLimit(func(string, int, int) {})
			progress("render", 1, 1)
			if got := debug.SetMemoryLimit(-1); got != beforeLimit {
				t.Errorf("limit %d with %s set, want %d", got, env, beforeLimit)
			}
			if p := debug.SetGCPercent(100); p != 100 {
				t.Errorf("GOGC %d with %s set, want 100", p, env)
			}
			restore()
		})
	}
}
