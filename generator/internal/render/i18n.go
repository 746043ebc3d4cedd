package render

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"clinicgen/generator/internal/diag"
)

// Strings are one language's theme strings, from layouts/i18n/<code>.yaml,
// falling back to the default language's file key by key.
//
// An i18n file holds the words of the theme in one language:
//
//	dateFormat: "{day} de {month} de {year}"
//	months: [enero, febrero, …]       # January first
//	days: [lunes, martes, …]          # Monday first
//	strings:
//	  skip_to_content: Saltar al contenido principal
//	  min_read: "%d min de lectura"   # T "min_read" 5 formats with fmt
//	  page_count_one: "%d página"     # Tn "page_count" n picks _one or _other
//	  page_count_other: "%d páginas"
//
// golang.org/x/text formats numbers and plural rules but not dates, so
// month and day names come from this small table, one per language.
type Strings struct {
	Lang, Default string
	// DateFormat, when set (config.yaml languages.N.dateFormat), replaces
	// the files' dateFormat.
	DateFormat string
	own, def   *i18nFile
}

type i18nFile struct {
	Path       string            `yaml:"-"`
	DateFormat string            `yaml:"dateFormat"`
	Months     []string          `yaml:"months"`
	Days       []string          `yaml:"days"`
	Strings    map[string]string `yaml:"strings"`
}

// LoadStrings reads the i18n files of language lang and of the default
// language def from layouts (paths under layouts/). A key the default
// language's file has and lang's lacks is a warning naming the key and the
// language; T then gives the default language's string. A file that is not
// valid YAML is an error. No files at all is fine for a theme without T.
func LoadStrings(layouts map[string][]byte, lang, def string) (*Strings, diag.List) {
	var ds diag.List
	s := &Strings{Lang: lang, Default: def}
	s.own, ds = readI18n(layouts, lang, ds)
	if def != lang {
		s.def, ds = readI18n(layouts, def, ds)
		if s.own == nil && s.def != nil {
			ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: "layouts/i18n/" + lang + ".yaml",
				Msg: fmt.Sprintf("no theme strings for language %s: its pages use %s's", lang, def),
				Fix: "copy layouts/i18n/" + def + ".yaml to layouts/i18n/" + lang + ".yaml and translate it"})
		}
		if s.own != nil && s.def != nil {
			var keys []string
			for k := range s.def.Strings {
				if _, ok := s.own.Strings[k]; !ok {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			for _, k := range keys {
				ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: s.own.Path,
					Msg: fmt.Sprintf("theme string %q is missing for language %s: its pages show the %s text", k, lang, def),
					Fix: fmt.Sprintf("add %s: under strings: with the %s text", k, lang)})
			}
		}
	}
	return s, ds
}

func readI18n(layouts map[string][]byte, code string, ds diag.List) (*i18nFile, diag.List) {
	cands := []string{"i18n/" + code + ".yaml"}
	if base, _, ok := strings.Cut(code, "-"); ok {
		cands = append(cands, "i18n/"+base+".yaml")
	}
	for _, name := range cands {
		src, ok := layouts[name]
		if !ok {
			continue
		}
		f := &i18nFile{Path: "layouts/" + name}
		dec := yaml.NewDecoder(strings.NewReader(string(src)))
		dec.KnownFields(true)
		if err := dec.Decode(f); err != nil && err.Error() != "EOF" {
			line, msg := 0, err.Error()
			if m := i18nLineRE(msg); m > 0 {
				line = m
			}
			ds = append(ds, diag.Errorf(f.Path, src, line, 0, "write it as dateFormat:, months:, days: and strings: (see docs/layouts.md)", "theme strings are not valid: %s", msg))
			return nil, ds
		}
		if len(f.Months) != 0 && len(f.Months) != 12 {
			ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: f.Path, Msg: fmt.Sprintf("months has %d names", len(f.Months)), Fix: "list the twelve month names, January first"})
			f.Months = nil
		}
		if len(f.Days) != 0 && len(f.Days) != 7 {
			ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: f.Path, Msg: fmt.Sprintf("days has %d names", len(f.Days)), Fix: "list the seven day names, Monday first"})
			f.Days = nil
		}
		return f, ds
	}
	return nil, ds
}

// i18nLineRE finds "line N" in a yaml.v3 error.
func i18nLineRE(msg string) int {
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	j := i + 5
	for j < len(msg) && msg[j] >= '0' && msg[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(msg[i+5 : j])
	return n
}

// T is the T template function: the theme string key in the page's
// language, else in the default language; args, if any, are formatted
// into it with fmt.Sprintf. A key neither file has is a template error.
func (s *Strings) T(key string, args ...any) (string, error) {
	for _, f := range []*i18nFile{s.own, s.def} {
		if f == nil {
			continue
		}
		if v, ok := f.Strings[key]; ok {
			if len(args) > 0 {
				return fmt.Sprintf(v, args...), nil
			}
			return v, nil
		}
	}
	return "", fmt.Errorf("no theme string %q in layouts/i18n/%s.yaml (language %s)", key, s.Default, s.Lang)
}

// Tn is T for a count: the key's _one string when n is 1, else its _other
// string, with n formatted into it.
func (s *Strings) Tn(key string, n int) (string, error) {
	if n == 1 {
		return s.T(key+"_one", n)
	}
	return s.T(key+"_other", n)
}

// Get is the theme string key in the language, else in the default
// language; "" when neither has it.
func (s *Strings) Get(key string) string {
	v, err := s.T(key)
	if err != nil {
		return ""
	}
	return v
}

func (s *Strings) pick(get func(*i18nFile) bool) *i18nFile {
	for _, f := range []*i18nFile{s.own, s.def} {
		if f != nil && get(f) {
			return f
		}
	}
	return nil
}

// Date writes t the language's way: dateFormat with {day}, {month},
// {year} and {weekday}; "January 2, 2006" without i18n files.
func (s *Strings) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	ff := s.pick(func(f *i18nFile) bool { return f.DateFormat != "" })
	mf := s.pick(func(f *i18nFile) bool { return len(f.Months) == 12 })
	format := s.DateFormat
	if format == "" && ff != nil {
		format = ff.DateFormat
	}
	if format == "" || mf == nil {
		return t.Format("January 2, 2006")
	}
	wd := ""
	if df := s.pick(func(f *i18nFile) bool { return len(f.Days) == 7 }); df != nil {
		wd = df.Days[(int(t.Weekday())+6)%7]
	}
	// The placeholders are filled in one pass (a strings.Replacer built on
	// every call cost more than the rest of Date, which runs for every
	// date of every page).
	var b strings.Builder
	b.Grow(len(format) + 16)
	for format != "" {
		i := strings.IndexByte(format, '{')
		if i < 0 {
			b.WriteString(format)
			break
		}
		b.WriteString(format[:i])
		format = format[i:]
		switch {
		case strings.HasPrefix(format, "{day}"):
			b.WriteString(strconv.Itoa(t.Day()))
			format = format[len("{day}"):]
		case strings.HasPrefix(format, "{month}"):
			b.WriteString(mf.Months[t.Month()-1])
			format = format[len("{month}"):]
		case strings.HasPrefix(format, "{year}"):
			b.WriteString(strconv.Itoa(t.Year()))
			format = format[len("{year}"):]
		case strings.HasPrefix(format, "{weekday}"):
			b.WriteString(wd)
			format = format[len("{weekday}"):]
		default:
			b.WriteByte('{')
			format = format[1:]
		}
	}
	return b.String()
}

// Day translates an English day name (config.yaml's hours) into the
// language; unchanged without a days table.
func (s *Strings) Day(english string) string {
	df := s.pick(func(f *i18nFile) bool { return len(f.Days) == 7 })
	if df == nil {
		return english
	}
	for i, w := range weekdays {
		if strings.EqualFold(w, english) {
			return df.Days[i]
		}
	}
	return english
}
