package build_test

import (
	"strings"
	"testing"
	"time"

	"clinicgen/generator/internal/sitetest"
)

// TestContactHours: the contact page writes opening hours as the site's
// language does ("8 AM–6 PM" for en-US), days in a row as a range
// ("Monday–Friday"), and drops closures that have passed by the day of the
// build (issue 20, item 11).
func TestContactHours(t *testing.T) {
	hours := `  hours:
    - {days: [Monday, Tuesday, Wednesday, Thursday, Friday], opens: "08:00", closes: "18:00"}
    - {days: [Saturday], opens: "09:30", closes: "12:00"}
  closures:
    - {name: Thanksgiving Day, date: 2026-11-26}
    - {name: Christmas Day, date: 2026-12-25}
`
	yaml := strings.Replace(clinicYAML, `  hours:
    - {days: [Monday, Tuesday], opens: "08:00", closes: "18:00"}
  closures:
    - {name: Thanksgiving Day, date: 2026-11-26}
`, hours, 1)
	if yaml == clinicYAML {
		t.Fatal("clinicYAML's hours changed; update this test")
	}
	s := sitetest.Write(t, yaml+strings.Join(healthFiles, ""))
	// December 3, 2026, 02:00 UTC is still December 2 in New York: the
	// day is the site's.
	s.Opt.Now = time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)
	s.Rebuild()
	s.AssertOK()
	page := s.File("contact/index.html")
	hoursTable := text(between(page, "<table class=hours>", "</table>"))
	for _, w := range []string{"Monday–Friday8 AM–6 PM", "Saturday9:30 AM–12 PM"} {
		if !strings.Contains(hoursTable, w) {
			t.Errorf("hours %q lack %q", hoursTable, w)
		}
	}
	if strings.Contains(hoursTable, "08:00") || strings.Contains(hoursTable, "Tuesday") {
		t.Errorf("hours %q still in 24-hour time or day by day", hoursTable)
	}
	// The machine-readable times stay 24-hour.
	if !strings.Contains(page, "<time datetime=08:00>8 AM</time>") {
		t.Errorf("contact page lacks <time datetime=08:00>8 AM</time>:\n%s", between(page, "<table class=hours>", "</table>"))
	}
	closures := text(between(page, "<ul class=closures>", "</ul>"))
	if strings.Contains(closures, "Thanksgiving") || !strings.Contains(closures, "Christmas Day") {
		t.Errorf("closures %q: want Christmas only, Thanksgiving has passed", closures)
	}

	// The day before Thanksgiving, it is still shown.
	s.Opt.Now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	s.Rebuild()
	s.AssertOK()
	if c := text(between(s.File("contact/index.html"), "<ul class=closures>", "</ul>")); !strings.Contains(c, "Thanksgiving") {
		t.Errorf("closures %q lack the coming Thanksgiving", c)
	}
}
