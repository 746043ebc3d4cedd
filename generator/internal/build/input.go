package build

import (
	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/related"
	"clinicgen/generator/internal/safemsg"
	"clinicgen/generator/internal/search"
	"clinicgen/generator/internal/site"
)

// parseInput parses one Markdown content file and computes what the model
// needs from it: reading figures and the analysed text for related posts
// and the site search.
// It also runs the safe-messaging lint over the file. Both the full build
// (Load, through an inputParser per worker) and the dev server's
// incremental updates (Live) use it, so a page is modelled the same way on
// either path. The Input's Doc is nil when the file could not be parsed at
// all.
//
// Doc.Prose is emptied once measured and analysed: Reading keeps what the
// checks need (the reason, the hardest sentences), and a large site would
// otherwise keep a second copy of every page's text until it is written.
//
// With search off (search.enabled: false) the text is not analysed for
// the search. Each page is read in its own language (pageLang: x.es.md
// gets the Spanish readability measure and safe-messaging list beside an
// English x.md; other pages cfg.Language's). The search analyses a page
// in its file's language (x.es.md: Spanish stems and stop words) on a
// multilingual site.
func parseInput(parser *markdown.Parser, cfg *config.Config, path string, data []byte) (site.Input, diag.List) {
	ip := newInputParser(parser, cfg)
	return ip.parse(path, data)
}

// newInputParser is the inputParser of a build with cfg.
func newInputParser(parser *markdown.Parser, cfg *config.Config) inputParser {
	ip := inputParser{parser: parser, index: cfg.Search.On(), lang: cfg.Language}
	if cfg.Multilingual() {
		ip.searchLang = func(path string) string {
			code, _ := langOf(cfg, path)
			return code
		}
	} else {
		def := cfg.DefaultLanguage()
		ip.searchLang = func(string) string { return def }
	}
	return ip
}

// An inputParser is parseInput with working memory that one goroutine
// reuses from one file to the next, so that parsing a large site does not
// allocate it again for every page. It is not safe for concurrent use.
type inputParser struct {
	parser *markdown.Parser
	// lang is the site's language (config language); a page's own
	// language is pageLang(lang, path).
	lang     string
	measurer readability.Measurer
	analyzer related.Analyzer
	index    bool // analyse for the site search
	// searchLang is the language a content file's text is indexed in;
	// search holds an Analyzer per language.
	searchLang func(path string) string
	search     map[string]*search.Analyzer
}

// parse is parseInput with ip's configuration.
func (ip *inputParser) parse(path string, data []byte) (site.Input, diag.List) {
	doc, ds := ip.parser.Parse(path, data)
	if doc == nil {
		return site.Input{}, ds
	}
	lang := pageLang(ip.lang, path)
	in := site.Input{
		Doc:     doc,
		Reading: ip.measurer.MeasureLang(lang, doc.Prose),
		Text:    ip.analyzer.Analyze(doc.FM.Title, doc.FM.Description, doc.Prose),
	}
	if ip.index {
		headings := make([]string, len(doc.Headings))
		for i, h := range doc.Headings {
			headings[i] = h.Text
		}
		code := ip.searchLang(path)
		z := ip.search[code]
		if z == nil {
			if ip.search == nil {
				ip.search = map[string]*search.Analyzer{}
			}
			z = search.NewAnalyzer(code)
			ip.search[code] = z
		}
		in.Search = z.Analyze(search.Text{Title: doc.FM.Title, Description: doc.FM.Description, Headings: headings, Body: doc.Prose})
	}
	doc.Prose = ""
	ds = append(ds, safemsg.FrontMatterLang(path, doc.FrontSrc, doc.FM.Lines, lang)...)
	return in, append(ds, safemsg.DiagnosticsLang(path, data, doc.BodyLine, lang)...)
}
