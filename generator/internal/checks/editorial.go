package checks

// The editorial checks do not stop a build: values in config.yaml the
// clinic has not confirmed, pages left out of the site and when they will
// appear, pages without a description, articles without an author or a
// medical review.

import (
	"strings"
	"time"
	"unicode/utf8"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// Diagnostic codes of the checks in this file.
const (
	CodePlaceholder   = "config-placeholder"
	CodeDraft         = "skipped-draft"
	CodeScheduled     = "skipped-scheduled"
	CodeExpired       = "skipped-expired"
	CodeNoDescription = "missing-description"
	CodeNoReview      = "missing-review"
	CodeNoAuthor      = "missing-author"
)

// Placeholders returns one warning for each config.yaml line that still
// holds a value the clinic has not confirmed. The baseURL line does not
// count when baseURLGiven (--base-url replaces it).
func Placeholders(cfg *config.Config, baseURLGiven bool) diag.List {
	var ds diag.List
	for _, ph := range config.Placeholders(cfg.Source) {
		baseURL := ph.Line == cfg.Lines["baseURL"]
		if baseURL && baseURLGiven {
			continue
		}
		line := diag.LineOf(cfg.Source, ph.Line)
		mark, msg := placeholderWords(ph.Found)
		fix := "replace it with the clinic's confirmed value and delete the placeholder note"
		if baseURL {
			msg = "baseURL is a placeholder domain: canonical links, the sitemap, feeds and redirects would all point at it"
			fix = "set baseURL to the clinic's real domain (or build with --base-url https://the-real-domain/)"
		}
		col := 0
		if i := strings.Index(line, mark); i >= 0 {
			col = utf8.RuneCountInString(line[:i]) + 1
		}
		d := diag.Warnf(config.File, cfg.Source, ph.Line, col, fix, "%s", msg)
		d.Code = CodePlaceholder
		ds = append(ds, d)
	}
	return ds
}

// placeholderWords returns what marks a placeholder of a kind in its line
// and what to call it.
func placeholderWords(kind string) (mark, msg string) {
	switch kind {
	case "555 number":
		return "555", "fictional 555-01xx phone number still in config.yaml"
	case "PLACEHOLDER":
		return "PLACEHOLDER", "value marked PLACEHOLDER: the clinic has not confirmed it"
	case ".example":
		return ".example", "address under the reserved .example domain still in config.yaml: no visitor can reach it"
	}
	return kind, "value marked " + kind + " still in config.yaml"
}

// Skipped returns one warning for each page the publishing rules left
// out, saying when it will be published (docs are the parsed content
// files by path; now decides what is scheduled).
func Skipped(skipped []site.Skip, docs map[string]*markdown.Doc, now time.Time) diag.List {
	const when = "2006-01-02 15:04 MST"
	var ds diag.List
	for _, sk := range skipped {
		doc := docs[sk.Path]
		var src []byte
		if doc != nil {
			src = doc.FrontSrc
		}
		var d diag.Diagnostic
		switch sk.Reason {
		case "draft":
			msg := "draft: this page is not published"
			if doc != nil {
				if pub := publishTime(doc.FM); pub.After(now) {
					msg += "; once it is no longer a draft it will be published on " + pub.Format(when)
				}
			}
			d = diag.Warnf(sk.Path, src, sk.Line, valueCol(diag.LineOf(src, sk.Line)),
				"set draft: false when it is ready; check it now with generator check "+sk.Path, "%s", msg)
			d.Code = CodeDraft
		case "scheduled":
			d = diag.Warnf(sk.Path, src, sk.Line, valueCol(diag.LineOf(src, sk.Line)),
				"it goes live with the first build after that time; preview it with generator serve or build --future",
				"scheduled: this page will be published on %s", sk.When.Format(when))
			d.Code = CodeScheduled
		case "expired":
			d = diag.Warnf(sk.Path, src, sk.Line, valueCol(diag.LineOf(src, sk.Line)),
				"remove expiryDate, or set a later one, to publish it again",
				"expired: this page has not been published since %s", sk.When.Format(when))
			d.Code = CodeExpired
		default:
			d = diag.Warnf(sk.Path, src, sk.Line, 0, "", "not published: %s", sk.Reason)
		}
		ds = append(ds, d)
	}
	return ds
}

// publishTime is publishDate, else date.
func publishTime(fm markdown.FrontMatter) time.Time {
	if !fm.PublishDate.IsZero() {
		return fm.PublishDate
	}
	return fm.Date
}

// valueCol returns the column of the value in a "key: value" line, or 0.
func valueCol(line string) int {
	i := strings.IndexByte(line, ':')
	if i < 0 {
		return 0
	}
	j := i + 1
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	if j == len(line) {
		return 0
	}
	return utf8.RuneCountInString(line[:j]) + 1
}

// Editorial returns the warnings about content pages that build but are
// not finished: no description, an article without an author or a
// medical review. pages are the published content pages; peopleIDs lists
// the people of config.yaml for the fix (config.Config.PeopleIDs).
func Editorial(pages []*site.Page, peopleIDs string) diag.List {
	var ds diag.List
	for _, pg := range pages {
		d := pg.Doc
		fm := d.FM
		closing := d.BodyLine - 1 // the front matter's closing ---
		if fm.Description == "" && fm.Summary == "" {
			line, fix := closing, "add a line description: with one or two plain sentences about the page, above this line"
			if l, ok := fm.Lines["description"]; ok {
				line, fix = l, "write one or two plain sentences about the page as its description"
			}
			w := diag.Warnf(d.Path, d.FrontSrc, line, 0, fix,
				"no description: search results and link previews will show the first paragraph instead")
			w.Code = CodeNoDescription
			ds = append(ds, w)
		}
		if pg.Kind == site.KindArticle && fm.Author == "" {
			line, ok := fm.Lines["author"]
			if !ok {
				line = closing
			}
			w := diag.Warnf(d.Path, d.FrontSrc, line, 0,
				"set author: to the people id of the writer in config.yaml ("+peopleIDs+")",
				"no author: a health article should say who wrote it")
			w.Code = CodeNoAuthor
			ds = append(ds, w)
		}
		if pg.Kind == site.KindArticle && (fm.ReviewedBy == "" || fm.LastReviewed.IsZero()) {
			var missing []string
			for _, k := range []struct {
				key   string
				unset bool
			}{{"reviewedBy", fm.ReviewedBy == ""}, {"lastReviewed", fm.LastReviewed.IsZero()}} {
				if k.unset {
					missing = append(missing, k.key)
				}
			}
			line := closing
			for _, k := range missing {
				if l, ok := fm.Lines[k]; ok {
					line = l
					break
				}
			}
			w := diag.Warnf(d.Path, d.FrontSrc, line, 0,
				"have a clinician review it, then set reviewedBy: to their people id and lastReviewed: to the date",
				"no medical review recorded: %s %s", strings.Join(missing, " and "), plural(len(missing), "is", "are")+" not set")
			w.Code = CodeNoReview
			ds = append(ds, w)
		}
	}
	return ds
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
