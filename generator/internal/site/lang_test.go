package site

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/markdown"
)

// Two models, English and Spanish, linked: URLs under the language prefix
// with the section's own name, translations by file name and by
// translationKey, the switcher's fallback to the home page, hreflang
// alternates with x-default, and PageAt finding a translation.
func TestLink(t *testing.T) {
	cfg := configOf(t, "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español, sections: {articles: articulos}}\n")
	en, ds := Build(cfg.ForLanguage("en"), []Input{
		input("content/articles/flu.md", markdown.FrontMatter{Title: "Flu"}),
		input("content/articles/only.md", markdown.FrontMatter{Title: "Only"}),
		input("content/about.md", markdown.FrontMatter{Title: "About", TranslationKey: "about"}),
	}, Options{Now: now, Lang: Lang{Code: "en", Name: "English", Default: true}})
	if ds.HasErrors() {
		t.Fatal(messages(ds))
	}
	es, ds := Build(cfg.ForLanguage("es"), []Input{
		input("content/articles/flu.es.md", markdown.FrontMatter{Title: "Gripe", Slug: "gripe"}),
		input("content/acerca.es.md", markdown.FrontMatter{Title: "Acerca", TranslationKey: "about"}),
	}, Options{Now: now, Lang: Lang{Code: "es", Name: "Español", Prefix: "/es", Sections: map[string]string{"articles": "articulos"}}})
	if ds.HasErrors() {
		t.Fatal(messages(ds))
	}
	Link([]*Site{en, es})

	flu, _ := en.PageByPath("content/articles/flu.md")
	gripe, _ := es.PageByPath("content/articles/flu.es.md")
	about, _ := en.PageByPath("content/about.md")
	acerca, _ := es.PageByPath("content/acerca.es.md")
	only, _ := en.PageByPath("content/articles/only.md")
	if gripe.URL != "/es/articulos/gripe/" || acerca.URL != "/es/acerca/" || es.Home.URL != "/es/" || es.HomeURL() != "/es/" {
		t.Errorf("Spanish URLs: %s %s %s", gripe.URL, acerca.URL, es.Home.URL)
	}
	if flu.Translation("es") != gripe || gripe.Translation("en") != flu || about.Translation("es") != acerca || only.Translation("es") != nil {
		t.Errorf("translations: flu→%v gripe→%v about→%v only→%v", flu.Translations, gripe.Translations, about.Translations, only.Translations)
	}
	if en.Home.Translation("es") != es.Home || en.Sections["articles"].Translation("es") != es.Sections["articles"] {
		t.Error("the home pages and the articles lists are not linked")
	}

	got := []string{}
	for _, l := range en.Switcher(only) {
		got = append(got, l.Code+" "+l.URL)
	}
	if diff := cmp.Diff([]string{"en /articles/only/", "es /es/"}, got); diff != "" {
		t.Errorf("switcher of an untranslated page (-want +got):\n%s", diff)
	}
	got = got[:0]
	for _, l := range es.Alternates(gripe) {
		got = append(got, l.Code+" "+l.Permalink)
	}
	if diff := cmp.Diff([]string{"en https://clinic.example/articles/flu/", "es https://clinic.example/es/articulos/gripe/"}, got); diff != "" {
		t.Errorf("alternates (-want +got):\n%s", diff)
	}
	if x := es.XDefault(gripe); x != "https://clinic.example/articles/flu/" {
		t.Errorf("x-default = %q", x)
	}
	if len(en.Alternates(only)) != 0 || en.XDefault(only) != "" {
		t.Error("an untranslated page has alternates")
	}
	if es.PageAt("/about/") != acerca || es.PageAt("/articles/only/") != nil {
		t.Errorf("PageAt on the Spanish model: %v %v", es.PageAt("/about/"), es.PageAt("/articles/only/"))
	}
	if Locale("es") != "es_ES" || Locale("en-US") != "en_US" || Locale("es-US") != "es_US" {
		t.Errorf("Locale: %s %s %s", Locale("es"), Locale("en-US"), Locale("es-US"))
	}
}

// Two files of one language claiming one translation slot: an error
// naming both.
func TestTranslationSlotTaken(t *testing.T) {
	cfg := configOf(t, "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n")
	_, ds := Build(cfg.ForLanguage("es"), []Input{
		input("content/a.es.md", markdown.FrontMatter{Title: "A", TranslationKey: "k"}),
		input("content/b.es.md", markdown.FrontMatter{Title: "B", TranslationKey: "k"}),
	}, Options{Now: now, Lang: Lang{Code: "es", Name: "Español", Prefix: "/es"}})
	want := []string{"content/b.es.md: content/a.es.md and content/b.es.md both claim translationKey k in language es"}
	if diff := cmp.Diff(want, messages(ds)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
