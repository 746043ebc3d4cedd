package render

import (
	"strings"
	"testing"
	"time"
)

// Dates and day names in the language's own words; a key missing from the
// language falls back to the default language's, with a warning naming
// the key and the language; a broken file is an error at its file.
func TestStrings(t *testing.T) {
	layouts := map[string][]byte{
		"i18n/en.yaml": []byte("dateFormat: \"{month} {day}, {year}\"\nmonths: [January, February, March, April, May, June, July, August, September, October, November, December]\ndays: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday]\nstrings:\n  hi: Hello\n  bye: Goodbye\n"),
		"i18n/es.yaml": []byte("dateFormat: \"{weekday}, {day} de {month} de {year}\"\nmonths: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]\ndays: [lunes, martes, miércoles, jueves, viernes, sábado, domingo]\nstrings:\n  hi: Hola\n"),
	}
	es, ds := LoadStrings(layouts, "es", "en-US")
	if len(ds) != 1 || ds[0].Path != "layouts/i18n/es.yaml" || !strings.Contains(ds[0].Msg, `"bye" is missing for language es`) {
		t.Errorf("diagnostics = %v", ds)
	}
	d := time.Date(2026, 1, 14, 9, 0, 0, 0, time.UTC)
	if got := es.Date(d); got != "miércoles, 14 de enero de 2026" {
		t.Errorf("Date = %q", got)
	}
	if v, _ := es.T("hi"); v != "Hola" {
		t.Errorf("T hi = %q", v)
	}
	if v, _ := es.T("bye"); v != "Goodbye" {
		t.Errorf("T bye = %q, want the default language's", v)
	}
	if _, err := es.T("nope"); err == nil {
		t.Error("a key no file has is not an error")
	}
	if got := es.dayRanges([]string{"Monday", "Tuesday", "Wednesday", "Saturday"}); got != "lunes–miércoles, sábado" {
		t.Errorf("days = %q", got)
	}
	en, ds := LoadStrings(layouts, "en-US", "en-US")
	if len(ds) != 0 || en.Date(d) != "January 14, 2026" {
		t.Errorf("en-US reads en.yaml: %v %q", ds, en.Date(d))
	}

	layouts["i18n/es.yaml"] = []byte("months: [enero]\nstrings: [hola]\n")
	_, ds = LoadStrings(layouts, "es", "en")
	if len(ds) == 0 || ds[0].Path != "layouts/i18n/es.yaml" || ds[0].Line != 2 {
		t.Errorf("a broken file: %v", ds)
	}
}

// Date fills the placeholders as a strings.Replacer would (its former
// implementation, the oracle here), whatever else the format holds.
func TestDateFormatPlaceholders(t *testing.T) {
	s := &Strings{Lang: "en", Default: "en", own: &i18nFile{
		Months: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		Days:   []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
	}}
	d := time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)
	for _, f := range []string{"{day}", "{{day}}", "{month} {day}, {year}", "{weekday}{day}{month}{year}",
		"{", "}{", "{dayx} {yea", "día {day} {unknown}", "{weekday", "no placeholders", "{{{{year}"} {
		s.DateFormat = f
		want := strings.NewReplacer("{day}", "8", "{month}", "Mar", "{year}", "2026", "{weekday}", "Sun").Replace(f)
		if got := s.Date(d); got != want {
			t.Errorf("format %q: %q, want %q", f, got, want)
		}
	}
}
