package site

import (
	"strings"

	"golang.org/x/text/language"

	"clinicgen/generator/internal/slug"
)

// u puts the model's language prefix before a site path ("/es" + "/x/").
func (b *builder) u(p string) string { return b.opt.Lang.Prefix + p }

// sectionURL is a section's name in URLs: the language's own name for it
// (languages.N.sections), else the folder name as a slug.
func (b *builder) sectionURL(section string) string {
	if n := b.opt.Lang.Sections[section]; n != "" {
		return n
	}
	return slug.Make(section)
}

// t is a theme string for the model's own words, else the English one.
func (b *builder) t(key, english string) string {
	if b.opt.T != nil {
		if s := b.opt.T(key); s != "" {
			return s
		}
	}
	return english
}

// translationKeys reports two content files of one language that claim
// the same translation (x.md and x.en.md, or two files with one
// translationKey), naming both.
func (b *builder) translationKeys() {
	if b.opt.Lang.Code == "" {
		return
	}
	seen := map[string]*Page{}
	for _, p := range b.s.Regular {
		q, ok := seen[p.TranslationKey]
		if !ok {
			seen[p.TranslationKey] = p
			continue
		}
		key := "translationKey"
		if p.Doc.FM.Lines[key] == 0 {
			key = "title"
		}
		what := "the translation of " + strings.TrimPrefix(p.TranslationKey, "file:") + ".md"
		if k, ok := strings.CutPrefix(p.TranslationKey, "key:"); ok {
			what = "translationKey " + k
		}
		b.errAt(p.Doc, key, "keep one of them, or give one a different translationKey", "%s and %s both claim %s in language %s", q.Path, p.Path, what, b.opt.Lang.Code)
	}
	for _, p := range b.s.Pages {
		if p.Pager != nil && p.Pager.Number > 1 {
			p.TranslationKey = ""
		}
	}
}

// Link joins the models of a multilingual site, the default language
// first: each page gets its Translations (the pages of the other models
// with its TranslationKey) and each model all of them as Languages.
func Link(sites []*Site) {
	if len(sites) < 2 {
		return
	}
	byKey := map[string][]*Page{}
	for _, s := range sites {
		s.Languages = sites
		for _, p := range s.Pages {
			if p.TranslationKey != "" && (p.Pager == nil || p.Pager.Number == 1) {
				byKey[p.TranslationKey] = append(byKey[p.TranslationKey], p)
			}
		}
	}
	for _, ps := range byKey {
		if len(ps) < 2 {
			continue
		}
		for _, p := range ps {
			for _, q := range ps {
				if q != p && q.Lang != p.Lang {
					p.Translations = append(p.Translations, q)
				}
			}
		}
	}
}

// Translation returns the page's version in language code, nil if none.
func (p *Page) Translation(code string) *Page {
	if p.Lang == code {
		return p
	}
	for _, q := range p.Translations {
		if q.Lang == code {
			return q
		}
	}
	return nil
}

// LangLink is one entry of a language switcher or of a page's hreflang
// alternates.
type LangLink struct {
	Code, Name string
	// Short is the language's base code in capitals ("ES", "EN"), for a
	// switcher where a name does not fit (the theme's, on phones).
	Short     string
	URL       string // site-relative
	Permalink string
	// Same is true when URL is the page's own translation (false: the
	// language's home page, as the page has no translation there).
	Same bool
	// Current is the page's own language.
	Current bool
}

// Switcher lists every language of the site with where its link goes for
// page p: p's translation, else that language's home page. Empty on a site
// with one language.
func (s *Site) Switcher(p *Page) []LangLink {
	var out []LangLink
	for _, o := range s.Languages {
		l := LangLink{Code: o.Lang.Code, Name: o.Lang.Name, Short: short(o.Lang.Code), Current: o == s}
		if t := p.Translation(o.Lang.Code); t != nil && (o == s || t != p) {
			l.URL, l.Permalink, l.Same = t.URL, t.Permalink, true
		} else if o.Home != nil {
			l.URL, l.Permalink = o.Home.URL, o.Home.Permalink
		}
		out = append(out, l)
	}
	return out
}

// SwitcherKey tells apart the pages whose Switcher differs: "" for
// every page without a translation (their switcher links each other
// language's home page), else the translations' URLs. A layout caches
// the switcher's markup by it:
//
//	{{partialCached "partials/language-switcher.html" . (.Site.SwitcherKey .Page)}}
func (s *Site) SwitcherKey(p *Page) string {
	if len(p.Translations) == 0 {
		return ""
	}
	var b strings.Builder
	for _, t := range p.Translations {
		b.WriteString(t.URL)
		b.WriteByte(' ')
	}
	return b.String()
}

// Alternates are p's hreflang alternates: p itself and each translation,
// in language order (empty when p has no translation).
func (s *Site) Alternates(p *Page) []LangLink {
	if len(p.Translations) == 0 || len(s.Languages) == 0 {
		return nil
	}
	var alts []LangLink
	for _, o := range s.Languages {
		if t := p.Translation(o.Lang.Code); t != nil {
			alts = append(alts, LangLink{Code: o.Lang.Code, Name: o.Lang.Name, URL: t.URL, Permalink: t.Permalink, Same: true, Current: t == p})
		}
	}
	return alts
}

// XDefault is the permalink of p's x-default alternate: its default
// language version, else the first of its Alternates ("" when none).
func (s *Site) XDefault(p *Page) string {
	if alts := s.Alternates(p); len(alts) > 0 {
		return alts[0].Permalink
	}
	return ""
}

// HomeURL is the URL of the home page of the model's language: "/", or
// "/es/" for Spanish.
func (s *Site) HomeURL() string {
	if s == nil {
		return "/"
	}
	if s.Home != nil {
		return s.Home.URL
	}
	return s.Lang.Prefix + "/"
}

// Locale is the language as Open Graph writes it (og:locale): language
// and region joined by "_", the region the most likely one when the code
// has none ("es" gives "es_ES", "es-US" gives "es_US"; golang.org/x/text).
func Locale(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return strings.ReplaceAll(code, "-", "_")
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// OGLocale is the og:locale of the model's language.
func (s *Site) OGLocale() string {
	if s.ogLocale == "" {
		return Locale(s.Config.Language) // a Site not made by Build
	}
	return s.ogLocale
}

// OGAlternates are the og:locale values of p's translations.
func (s *Site) OGAlternates(p *Page) []string {
	var out []string
	for _, t := range p.Translations {
		out = append(out, Locale(t.Lang))
	}
	return out
}

// short is a code's language part in capitals: "en-US" gives "EN".
func short(code string) string {
	base, _, _ := strings.Cut(code, "-")
	return strings.ToUpper(base)
}
