package render

import "testing"

func TestClock(t *testing.T) {
	for _, tt := range []struct{ lang, in, want string }{
		{"en-US", "08:00", "8 AM"},
		{"en-US", "18:00", "6 PM"},
		{"en-US", "12:00", "12 PM"},
		{"en-US", "00:00", "12 AM"},
		{"en-US", "24:00", "12 AM"},
		{"en-US", "13:45", "1:45 PM"},
		{"en-us", "09:05", "9:05 AM"},
		{"en-GB", "18:00", "18:00"},
		{"de", "18:00", "18:00"},
		{"en-US", "noon", "noon"},
	} {
		if got := clock(tt.lang, tt.in); got != tt.want {
			t.Errorf("clock(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestDayRanges(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}, "Monday–Friday"},
		{[]string{"Monday", "Tuesday"}, "Monday, Tuesday"},
		{[]string{"Monday", "Wednesday", "Thursday", "Friday", "Sunday"}, "Monday, Wednesday–Friday, Sunday"},
		{[]string{"Saturday"}, "Saturday"},
		{nil, ""},
	} {
		if got := dayRanges(tt.in); got != tt.want {
			t.Errorf("dayRanges(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
