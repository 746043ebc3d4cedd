//go:build race

package build_test

// raceSlowdown scales the time bounds of the slow-shape tests: the race
// detector makes this code about ten times slower.
const raceSlowdown = 10
