package checks

import (
	"testing"
)

func TestValueCol(t *testing.T) {
	for line, want := range map[string]int{
		"draft: true":         8,
		"date:\t2027-01-05":   7,
		"expiryDate:":         0,
		"no colon":            0,
		"títle: ü":            8,
		"publishDate:   2027": 16,
	} {
		if got := valueCol(line); got != want {
			t.Errorf("valueCol(%q) = %d, want %d", line, got, want)
		}
	}
}
