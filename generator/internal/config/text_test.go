package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// Closure names and people's roles and bios are one text or one per
// language; ForLanguage picks each language's, falling back to the
// default language's.
func TestTextPerLanguage(t *testing.T) {
	src := `title: T
languages:
  - {code: en-US, name: English}
  - {code: es, name: Español}
  - {code: fr, name: Français}
clinic:
  closures:
    - name: {en-US: Christmas Day, es: Día de Navidad}
      date: 2026-12-25
    - name: Founders' Day
      date: 2026-06-01
people:
  - id: a
    name: Ana
    role:
      en-US: Medical reviewer
      es: Revisión médica
    bio: Plain bio.
`
	c, ds := Load([]byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	type got struct{ Closures, Role, Bio string }
	read := func(cc *Config) got {
		return got{cc.Clinic.Closures[0].Name + "|" + cc.Clinic.Closures[1].Name, cc.People[0].Role, cc.People[0].Bio}
	}
	for code, want := range map[string]got{
		"en-US": {"Christmas Day|Founders' Day", "Medical reviewer", "Plain bio."},
		"es":    {"Día de Navidad|Founders' Day", "Revisión médica", "Plain bio."},
		"fr":    {"Christmas Day|Founders' Day", "Medical reviewer", "Plain bio."}, // none in French: the default's
	} {
		if diff := cmp.Diff(want, read(c.ForLanguage(code))); diff != "" {
			t.Errorf("ForLanguage(%s) (-want +got):\n%s", code, diff)
		}
	}
	// The loaded config itself holds the default language's texts, and
	// ForLanguage does not change it.
	if diff := cmp.Diff(got{"Christmas Day|Founders' Day", "Medical reviewer", "Plain bio."}, read(&c)); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

// A text of the wrong shape, a language the site does not list, and a
// per-language text without the default language's are errors at their
// lines that say what to write.
func TestTextBadInput(t *testing.T) {
	src := `title: T
languages:
  - {code: en, name: English}
  - {code: es, name: Español}
clinic:
  closures:
    - name: [Christmas, Navidad]
      date: 2026-12-25
    - name:
        en: New Year's Day
        fr: Jour de l'an
      date: 2026-01-01
people:
  - id: a
    name: Ana
    role: {es: Revisión médica}
    bio:
      en: [a, b]
`
	_, ds := Load([]byte(src))
	var got []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			got = append(got, d.Pos()+": "+d.Msg+"; "+d.Fix)
		}
	}
	want := []string{
		"config.yaml:7:5: clinic.closures.0.name is a list; it must be text, or a map from language codes to text; write one text, or one per language: {en: …, es: …}",
		`config.yaml:11:9: clinic.closures.1.name has a text for "fr", which is not one of the site's languages; use the codes of languages: (en, es)`,
		"config.yaml:16:5: people.0.role has no text for the default language (en); add en: with the text in the default language",
		"config.yaml:17:5: people.0.bio is a map whose en value is a list; it must be text, or a map from language codes to text; write one text, or one per language: {en: …, es: …}",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
