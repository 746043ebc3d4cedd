// Package search builds the site's search index at build time. The index
// is a set of static JSON files that the /search/ page's script
// (assets/js/search.js) fetches from the site itself: a visitor's query
// never leaves the browser.
//
// Analyze turns one page's title, description, headings and body into a
// Doc (Snowball English stems with weighted counts; stop words dropped; at
// most MaxWords words of body); AnalyzeLang and NewAnalyzer do it in
// another language (Spanish stems and stop words for es). A site in
// several languages has one index per language. Build sorts the pages by URL and writes:
// term shards, each holding every key that begins with the same two
// letters (so a query word, the words it is a prefix of, and its one-typo
// neighbours come in one file); page shards of DocsPerShard titles and
// snippets; and a small manifest naming them. Every file name carries a
// hash of its content, so the files are cached for a year and a rebuild of
// the same site writes the same bytes.
//
// # Ranking (in the browser)
//
// Each query word becomes a clause; a clause's alternatives are the word's
// stem (weight 1), its synonyms (0.9), for the last word the stems of
// longer words it begins (0.8, from two letters on), and for a word of
// five or more letters with no exact match the words one edit away that
// share its first two letters (0.7). A page scores Σ over clauses of the
// best alternative's weight × idf × tf, where tf is BM25's saturated,
// length-normalised term frequency (k1 1.2, b 0.75) over title ×6,
// headings ×3, description ×2 and body ×1, pre-computed here with a ×1.15
// boost for articles and services, and idf = ln(1 + (N−df+0.5)/(df+0.5)).
// The sum is multiplied by the share of clauses the page matches, so pages
// matching every word come first.
package search

import (
	"path"
	"strings"
)

// DefaultSynonyms are the groups every site starts with: the clinic's
// services and the words patients use for them. config.yaml's
// search.synonyms adds to them.
var DefaultSynonyms = [][]string{
	{"shot", "vaccine", "vaccination", "immunization", "jab"},
	{"flu", "influenza"},
	{"bp", "blood pressure", "hypertension"},
	{"er", "emergency room", "emergency department"},
	{"kid", "child", "children", "pediatric"},
	{"telehealth", "telemedicine", "video visit", "virtual visit"},
	{"checkup", "check up", "physical", "annual exam", "wellness visit"},
	{"doctor", "clinician", "provider", "physician"},
	{"sugar", "diabetes", "blood sugar", "glucose"},
	{"peer group", "support group", "peer support"},
	{"depressed", "depression", "low mood"},
	{"anxious", "anxiety", "worry", "panic"},
	{"meds", "medication", "medicine", "prescription"},
	{"walk in", "urgent care", "same day"},
	{"caregiver", "carer", "caretaker"},
	{"suicidal", "suicide", "crisis"},
}

// Excluded reports whether a page is left out of the index by one of the
// patterns of config.yaml's search.exclude: a section name ("legal"), a
// content file ("content/website-privacy.md" or "website-privacy.md") or a
// URL ("/website-privacy/"). A pattern may use path.Match wildcards
// ("/articles/2019-*").
func Excluded(patterns []string, section, file, url string) bool {
	rel := strings.TrimPrefix(file, "content/")
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if strings.HasPrefix(p, "/") {
			if match(p, url) || match(strings.TrimSuffix(p, "/")+"/", url) {
				return true
			}
			continue
		}
		if section != "" && p == section {
			return true
		}
		if file != "" && (match(p, file) || match(p, rel)) {
			return true
		}
	}
	return false
}

func match(pattern, s string) bool {
	if pattern == s {
		return true
	}
	ok, err := path.Match(pattern, s)
	return err == nil && ok
}
