package config

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Language is one entry of `languages:`. The first entry is the default
// language: its pages keep the site's plain URLs (/articles/x/); every
// other language lives under /<code>/ (/es/articulos/x/). Every field but
// Code and Name is optional and, when left out, keeps the site-wide value.
type Language struct {
	Code string `yaml:"code"` // BCP 47, e.g. "en" or "es"; checked with golang.org/x/text/language
	Name string `yaml:"name"` // the language's name in itself: "English", "Español"

	Title      string  `yaml:"title"`
	Menu       []Link  `yaml:"menu"`
	Footer     []Link  `yaml:"footer"`
	Crisis     *Crisis `yaml:"crisis"`
	Disclaimer string  `yaml:"disclaimer"` // health.disclaimer in this language
	// Description replaces clinic.description (home page and feeds).
	Description string `yaml:"description"`
	// MentalHealthTerms are added to health.mentalHealthTerms for this
	// language's pages: the tags that put the crisis box on a page, in
	// this language ("salud mental").
	MentalHealthTerms []string `yaml:"mentalHealthTerms"`
	// DateFormat overrides the i18n file's dateFormat (see docs/layouts.md).
	DateFormat string `yaml:"dateFormat"`
	// Sections maps a section folder under content/ to the name its
	// URLs use in this language: {articles: articulos, services: servicios}.
	Sections map[string]string `yaml:"sections"`
	// Search holds this language's search settings: its synonym
	// groups, added to the built-in ones for the language
	// (search.DefaultSynonymsFor). The top-level search.synonyms are the
	// default language's.
	Search LanguageSearch `yaml:"search"`
}

// LanguageSearch is the search: block of one entry of `languages:`.
type LanguageSearch struct {
	Synonyms [][]string `yaml:"synonyms"`
}

// Multilingual reports whether config.yaml has a `languages:` list.
func (c *Config) Multilingual() bool { return len(c.Languages) > 0 }

// DefaultLanguage is the code of the default language: the first entry of
// `languages:`, else the base of `language:` ("en" for "en-US").
func (c *Config) DefaultLanguage() string {
	if len(c.Languages) > 0 {
		return c.Languages[0].Code
	}
	tag, err := language.Parse(c.Language)
	if err != nil {
		return c.Language
	}
	base, _ := tag.Base()
	return base.String()
}

// LanguageCodes lists the configured language codes, the default first
// (just the default when there is no `languages:` list).
func (c *Config) LanguageCodes() []string {
	if len(c.Languages) == 0 {
		return []string{c.DefaultLanguage()}
	}
	out := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		out[i] = l.Code
	}
	return out
}

// LanguageByCode returns the entry of `languages:` with that code.
func (c *Config) LanguageByCode(code string) (Language, bool) {
	for _, l := range c.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// ForLanguage returns a copy of c with one language's overrides applied:
// its title, menu, footer, crisis box, disclaimer and description, the
// closures' names and people's roles and bios in that language, and
// Language set to its code (which <html lang>, feeds and JSON-LD use), and
// its search synonyms. The
// default language of a site without `languages:` is c itself.
func (c *Config) ForLanguage(code string) *Config {
	l, ok := c.LanguageByCode(code)
	if !ok {
		return c
	}
	cc := *c
	cc.Language = l.Code
	cc.textsIn(l.Code)
	if l.Title != "" {
		cc.Title = l.Title
	}
	if l.Menu != nil {
		cc.Menu = l.Menu
	}
	if l.Footer != nil {
		cc.Footer = l.Footer
	}
	if l.Crisis != nil {
		cr := *l.Crisis
		if cr.Heading == "" {
			cr.Heading = c.Crisis.Heading
		}
		if cr.Lines == nil {
			cr.Lines = c.Crisis.Lines
		}
		if cr.Emergency == "" {
			cr.Emergency = c.Crisis.Emergency
		}
		cc.Crisis = cr
	}
	if len(l.MentalHealthTerms) > 0 {
		cc.Health.MentalHealthTerms = append(append([]string{}, c.Health.MentalHealthTerms...), l.MentalHealthTerms...)
	}
	if l.Disclaimer != "" {
		cc.Health.Disclaimer = l.Disclaimer
	}
	if l.Description != "" {
		cc.Clinic.Description = l.Description
	}
	if l.Code != c.Languages[0].Code {
		// Each language has its own index: the top-level synonyms are
		// the default language's.
		cc.Search.Synonyms = nil
	}
	if l.Search.Synonyms != nil {
		cc.Search.Synonyms = l.Search.Synonyms
	}
	return &cc
}

// validateLanguages checks `languages:`: each code is BCP 47 (the error is
// at its line), written once, and each entry has a name.
func (c *Config) validateLanguages(errAt func(key, fix, format string, args ...any)) {
	c.defaultLanguage(errAt)
	seen := map[string]bool{}
	for i, l := range c.Languages {
		key := fmt.Sprintf("languages.%d", i)
		codeKey := key + ".code"
		if c.Lines[codeKey] == 0 {
			codeKey = key
		}
		tag, err := language.Parse(l.Code)
		switch {
		case strings.TrimSpace(l.Code) == "":
			errAt(key, "add code: es (a BCP 47 language code)", "language %d has no code", i+1)
		case err != nil:
			errAt(codeKey, "use a BCP 47 code such as en, es or es-US", "language code %q is not BCP 47: %v", l.Code, err)
		case tag.String() != l.Code:
			errAt(codeKey, fmt.Sprintf("write it as %s", tag.String()), "language code %q is not written the BCP 47 way", l.Code)
		case seen[l.Code]:
			errAt(codeKey, "list each language once", "language %q is listed twice", l.Code)
		}
		seen[l.Code] = true
		if strings.TrimSpace(l.Name) == "" {
			errAt(key, "add name: the language's name in itself, e.g. name: Español", "language %q has no name", l.Code)
		}
		for dir, name := range l.Sections {
			if !simpleName(name) {
				errAt(key+".sections", "use lower-case letters, digits and hyphens, e.g. articulos", "section URL name %q (for %s) is not a simple name", name, dir)
			}
		}
		for _, m := range append(append([]Link{}, l.Menu...), l.Footer...) {
			if !strings.HasPrefix(m.URL, "/") {
				errAt(key, "menu and footer links are site paths such as /es/servicios/", "menu link %q must start with /", m.URL)
			}
		}
		if l.Crisis != nil {
			for j, cl := range l.Crisis.Lines {
				h := cl.Href
				if !strings.HasPrefix(h, "tel:") && !strings.HasPrefix(h, "sms:") && !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") {
					errAt(fmt.Sprintf("%s.crisis.lines.%d", key, j), "write tel:988, sms:988 or an https:// address", "crisis line %q links to %q, which is not a tel:, sms: or web address", cl.Name, h)
				}
				if cl.Text != "" && strings.TrimSpace(cl.TextAction) == "" {
					errAt(fmt.Sprintf("%s.crisis.lines.%d", key, j), "add textAction: the words before the number to text, in this language", "crisis line %q has text but no textAction", cl.Name)
				}
			}
		}
	}
}

// defaultLanguage keeps `language:` in step with the default language on a
// site with `languages:`: a content file without a language code in its
// name is read (readability, safe messaging) in `language:`, so when it is
// left out it becomes the first entry's code, and when it is written it
// must be the same language (en-US beside en is fine, en beside es is an
// error at its line).
func (c *Config) defaultLanguage(errAt func(key, fix, format string, args ...any)) {
	if len(c.Languages) == 0 {
		return
	}
	def := c.Languages[0].Code
	if c.Lines["language"] == 0 {
		c.Language = def
		return
	}
	a, errA := language.Parse(c.Language)
	b, errB := language.Parse(def)
	if errA != nil || errB != nil {
		return // a bad code is reported at its own line
	}
	ba, _ := a.Base()
	bb, _ := b.Base()
	if ba != bb {
		errAt("language", fmt.Sprintf("remove language: (the first of languages:, %s, is the default language), or write language: %s", def, def),
			"language: %s is not the default language: the first of languages: is %s", c.Language, def)
	}
}
