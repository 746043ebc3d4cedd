//go:build unix

package images

import (
	"syscall"
	"time"
)

// cpuTime returns the user+system CPU time of this process so far. The
// photo benchmark reports it beside wall time because the machine it runs
// on is shared and wall time drifts with its load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
