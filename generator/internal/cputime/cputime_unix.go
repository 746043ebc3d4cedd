//go:build unix

// Package cputime reads the CPU time this process has used, for the
// benchmarks that report it beside wall time: on a shared machine wall
// time drifts with the load, CPU time much less.
package cputime

import (
	"syscall"
	"time"
)

// Used returns the user+system CPU time of this process so far.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
