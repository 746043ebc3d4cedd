//go:build !race

package build_test

// raceSlowdown scales the time bounds of the slow-shape tests (see
// race_on_test.go).
const raceSlowdown = 1
