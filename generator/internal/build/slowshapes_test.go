package build_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"clinicgen/generator/internal/sitetest"
)

// Small input that once made a build slow or huge (issue 13 item 8). Each
// shape builds (or fails, for the tags) within a generous bound: ten times
// what it takes on a loaded two-core machine, scaled for the race
// detector. These are not benchmarks; they catch a return to quadratic
// time, which takes minutes.
func TestSlowShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds four large pages")
	}
	article := func(front, body string) string {
		return mdFile("articles/shape.md", "title: Shape\ndate: 2026-01-02\ndescription: A large page.\n"+front, body)
	}
	var notes, refs strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&refs, "Word[^%d] ", i)
		fmt.Fprintf(&notes, "[^%d]: Note %d.\n", i, i)
	}
	var tags []string
	for i := range 5000 {
		tags = append(tags, fmt.Sprintf("t%d", i))
	}
	// A wide table is the costly one: a million cells, each a node.
	head := "|" + strings.Repeat(" h |", 1000) + "\n|" + strings.Repeat("---|", 1000) + "\n"
	row := "|" + strings.Repeat("x|", 1000) + "\n"
	tests := []struct {
		name  string
		page  string
		bound time.Duration
		fail  []string // the error a failing shape reports
	}{
		{"20,000 footnotes", article("", refs.String()+"\n\n"+notes.String()), 60 * time.Second, nil},
		{"500,000 &amp;", article("", strings.Repeat("&amp; ", 500000)), 60 * time.Second, nil},
		{"5,000 tags", article("tags: ["+strings.Join(tags, ", ")+"]\n", "Body."), 30 * time.Second,
			[]string{"content/articles/shape.md:5:1:", "5000 tags"}},
		{"2 MB table", article("", head+strings.Repeat(row, 2_000_000/len(row))), 60 * time.Second, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			s := sitetest.Build(t, clinicYAML+tt.page)
			took := time.Since(start)
			if tt.fail != nil {
				s.AssertFailed()
				s.AssertDiag(append([]string{"error"}, tt.fail...)...)
			} else {
				s.AssertOK()
			}
			if bound := tt.bound * raceSlowdown; took > bound {
				t.Errorf("took %v, want under %v", took.Round(time.Millisecond), bound)
			}
			t.Logf("%s: %v", tt.name, took.Round(time.Millisecond))
		})
	}
}
