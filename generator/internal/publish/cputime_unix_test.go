//go:build unix

package publish

import (
	"syscall"
	"time"
)

// cpuTime returns the user+system CPU time of this process so far. The
// benchmarks report it beside wall time because the machine they run on is
// shared and wall time drifts with its load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
