package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// A language code that is not BCP 47 is an error at its line; so are a
// repeated code, a missing name and a section URL name that is no slug.
func TestLanguagesBadInput(t *testing.T) {
	src := "title: T\nlanguages:\n  - code: en\n    name: English\n  - code: español\n    name: Español\n  - code: en\n    name: English again\n  - code: fr\n  - code: de\n    name: Deutsch\n    sections: {articles: Artikel}\n"
	_, ds := Load([]byte(src))
	var got []string
	for _, d := range ds {
		if d.Severity != diag.Error {
			continue
		}
		got = append(got, d.Pos()+": "+d.Msg)
	}
	want := []string{
		`config.yaml:5:3: language code "español" is not BCP 47: language: tag is not well-formed`,
		`config.yaml:7:3: language "en" is listed twice`,
		`config.yaml:9:3: language "fr" has no name`,
		`config.yaml:12:5: section URL name "Artikel" (for articles) is not a simple name`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// ForLanguage applies one language's overrides and keeps the rest.
func TestForLanguage(t *testing.T) {
	src := "title: Clinic\nlanguage: en-US\nmenu:\n  - {name: Services, url: /services/}\nlanguages:\n  - {code: en, name: English}\n  - code: es\n    name: Español\n    title: Clínica\n    menu:\n      - {name: Servicios, url: /es/servicios/}\n    crisis:\n      heading: Si está en crisis\n"
	c, ds := Load([]byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if !c.Multilingual() || c.DefaultLanguage() != "en" || strings.Join(c.LanguageCodes(), ",") != "en,es" {
		t.Fatalf("languages: %v %q %v", c.Multilingual(), c.DefaultLanguage(), c.LanguageCodes())
	}
	es := c.ForLanguage("es")
	if es.Title != "Clínica" || es.Language != "es" || es.Menu[0].Name != "Servicios" || es.Crisis.Heading != "Si está en crisis" || len(es.Crisis.Lines) != len(c.Crisis.Lines) {
		t.Errorf("es = %q %q %v %+v", es.Title, es.Language, es.Menu, es.Crisis)
	}
	en := c.ForLanguage("en")
	if en.Title != "Clinic" || en.Language != "en" || en.Menu[0].Name != "Services" {
		t.Errorf("en = %q %q %v", en.Title, en.Language, en.Menu)
	}
	one, _ := Load([]byte("title: T\nlanguage: es-US\n"))
	if one.Multilingual() || one.DefaultLanguage() != "es" || one.ForLanguage("es") != &one {
		t.Errorf("a site with one language: %v %q", one.Multilingual(), one.DefaultLanguage())
	}
}

// On a site with languages:, language: (the language of content files
// without a code in their name) follows the default language: left out,
// it becomes the first code; written as another language, it is an error
// at its line.
func TestLanguageFollowsDefault(t *testing.T) {
	es, ds := Load([]byte("title: T\nlanguages:\n  - {code: es, name: Español}\n  - {code: en, name: English}\n"))
	if ds.HasErrors() || es.Language != "es" {
		t.Errorf("language = %q, %v; want es", es.Language, ds)
	}
	same, ds := Load([]byte("title: T\nlanguage: en-US\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n"))
	if ds.HasErrors() || same.Language != "en-US" {
		t.Errorf("language = %q, %v; want en-US kept", same.Language, ds)
	}
	_, ds = Load([]byte("title: T\nlanguage: en-US\nlanguages:\n  - {code: es, name: Español}\n  - {code: en, name: English}\n"))
	var got []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			got = append(got, d.Pos()+": "+d.Msg+"; "+d.Fix)
		}
	}
	want := []string{"config.yaml:2:1: language: en-US is not the default language: the first of languages: is es; remove language: (the first of languages:, es, is the default language), or write language: es"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
