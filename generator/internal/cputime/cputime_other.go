//go:build !unix

// Package cputime reads the CPU time this process has used, for the
// benchmarks that report it beside wall time: on a shared machine wall
// time drifts with the load, CPU time much less.
package cputime

import "time"

// Used is not measured on this system: benchmarks report 0.
func Used() time.Duration { return 0 }
