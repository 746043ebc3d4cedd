package markdown

import (
	"testing"
	"time"
)

// TestParseDateForms covers the forms Hugo and Jekyll accept in front
// matter: a date without a zone is in the site's zone, one with a zone
// keeps it; impossible dates and times without a date are refused.
func TestParseDateForms(t *testing.T) {
	ny := newYork()
	at := func(y int, mo time.Month, d, h, mi, s int, loc *time.Location) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, loc)
	}
	minus5 := time.FixedZone("", -5*3600)
	ok := []struct {
		in   string
		want time.Time
	}{
		{"2026-01-10", at(2026, 1, 10, 0, 0, 0, ny)},
		{"2026-1-5", at(2026, 1, 5, 0, 0, 0, ny)},
		{"2026-01-10 09:30:00 -0500", at(2026, 1, 10, 9, 30, 0, minus5)}, // Jekyll, WordPress exports
		{"2026-01-10 09:30:00 -05:00", at(2026, 1, 10, 9, 30, 0, minus5)},
		{"2026-01-10 09:30:00", at(2026, 1, 10, 9, 30, 0, ny)},
		{"2026-01-10T09:30", at(2026, 1, 10, 9, 30, 0, ny)},
		{"2026-01-10T09:30:00", at(2026, 1, 10, 9, 30, 0, ny)},
		{"2026-01-10T09:30:00Z", at(2026, 1, 10, 9, 30, 0, time.UTC)},
		{"2026-01-10T09:30:00-05:00", at(2026, 1, 10, 9, 30, 0, minus5)},
		{"2026-01-10T09:30:00.123-05:00", time.Date(2026, 1, 10, 9, 30, 0, 123e6, minus5)},
		{"2026-01-10T09:30:00-0500", at(2026, 1, 10, 9, 30, 0, minus5)},
		{"Sat, 10 Jan 2026 09:30:00 -0500", at(2026, 1, 10, 9, 30, 0, minus5)}, // RFC 1123Z
		{"Sat, 10 Jan 2026 14:30:00 EST", at(2026, 1, 10, 14, 30, 0, ny)},      // RFC 1123: a zone name is read in the site zone, as Hugo does
		{"10 Jan 2026", at(2026, 1, 10, 0, 0, 0, ny)},
		{"Jan 10, 2026", at(2026, 1, 10, 0, 0, 0, ny)},
		{"January 10, 2026", at(2026, 1, 10, 0, 0, 0, ny)},
		{"10 January 2026", at(2026, 1, 10, 0, 0, 0, ny)},
	}
	for _, tc := range ok {
		got, good := parseDate(tc.in, ny)
		if !good || !got.Equal(tc.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", tc.in, got, good, tc.want)
		}
	}
	for _, in := range []string{"2026-02-30", "2026-13-01 10:00", "2026-01-10 25:00", "3:04PM",
		"Jan 2 15:04:05", "soon", "next week", "2026", "10/01/2026"} {
		if got, good := parseDate(in, ny); good {
			t.Errorf("parseDate(%q) = %v, want not a date", in, got)
		}
	}
}
