package render

import (
	"strconv"
	"strings"
	"time"

	"clinicgen/generator/internal/config"
)

// The opening-hours functions (see the package comment):
//
//	days list             ["Monday" … "Friday", "Saturday"] gives
//	                      "Monday–Friday, Saturday": three or more days in a
//	                      row are a range
//	clock "18:00"         the time as the site's language writes it: "6 PM"
//	                      for en-US (12-hour languages), "18:00" otherwise
//	upcoming closures now the closures on or after now's day in the site's
//	                      time zone: a past closure is not shown

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// dayRanges writes a list of English day names with runs of three or more
// consecutive days as ranges, in the order given.
func dayRanges(days []string) string { return (&Strings{}).dayRanges(days) }

// dayRanges is dayRanges with the day names in the language.
func (s *Strings) dayRanges(days []string) string {
	idx := func(d string) int {
		for i, w := range weekdays {
			if strings.EqualFold(w, d) {
				return i
			}
		}
		return -1
	}
	var parts []string
	for i := 0; i < len(days); {
		j := i
		if idx(days[i]) >= 0 {
			for j+1 < len(days) && idx(days[j+1]) == idx(days[j])+1 {
				j++
			}
		}
		if j-i >= 2 {
			parts = append(parts, s.Day(days[i])+"–"+s.Day(days[j]))
			i = j + 1
			continue
		}
		parts = append(parts, s.Day(days[i]))
		i++
	}
	return strings.Join(parts, ", ")
}

// twelveHour lists the languages (BCP 47, or their prefix) that write
// times on a 12-hour clock with AM and PM.
var twelveHour = []string{"en-US", "en-CA", "en-AU", "en-NZ", "en-PH", "en-IN", "es-US"}

// clock writes a 24-hour "HH:MM" time as the language writes it:
// "8 AM", "6:30 PM", "12 PM" (noon) on a 12-hour clock; unchanged
// otherwise, and for anything that is not such a time.
func clock(lang, hhmm string) string {
	twelve := false
	for _, l := range twelveHour {
		if strings.EqualFold(lang, l) || strings.HasPrefix(strings.ToLower(lang), strings.ToLower(l)+"-") {
			twelve = true
		}
	}
	if !twelve {
		return hhmm
	}
	h, m, ok := strings.Cut(hhmm, ":")
	hour, err1 := strconv.Atoi(h)
	min, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hour < 0 || hour > 24 || min < 0 || min > 59 {
		return hhmm
	}
	suffix := "AM"
	if hour%24 >= 12 {
		suffix = "PM"
	}
	hour %= 12
	if hour == 0 {
		hour = 12
	}
	if min == 0 {
		return strconv.Itoa(hour) + " " + suffix
	}
	return strconv.Itoa(hour) + ":" + m + " " + suffix
}

// upcoming returns the closures dated today or later, today being now's
// day in loc (a zero now is the current time).
func upcoming(closures []config.Closure, now time.Time, loc *time.Location) []config.Closure {
	if now.IsZero() {
		now = time.Now()
	}
	if loc == nil {
		loc = time.UTC
	}
	today := now.In(loc).Format("2006-01-02")
	var out []config.Closure
	for _, c := range closures {
		if c.Date.Format("2006-01-02") >= today {
			out = append(out, c)
		}
	}
	return out
}
