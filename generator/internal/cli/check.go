package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/site"
)

// runCheck is `generator check`: every validation a build runs and the
// editorial checks, writing nothing. Exit 1 on errors, 0 with warnings only.
func runCheck(env *Env, args []string) int {
	const usage = "check [--source DIR] [--drafts] [--future] [--expired] [--format text|json] [content/FILE.md...]"
	var f buildFlags
	fs := env.flagSet("check")
	f.register(fs)
	format := fs.String("format", "text", "text for people; json for programs: one JSON document with every diagnostic and each page's reading figures")
	if code := env.parse(fs, usage, args); code >= 0 {
		return code
	}
	// Files named on the command line are checked alone, published
	// whatever their draft, date or expiryDate say.
	var files []string
	for _, arg := range fs.Args() {
		rel, err := sitePath(f.source, arg)
		if err != nil {
			fmt.Fprintf(env.Stderr, "generator check: %v\n", err)
			return ExitUsage
		}
		files = append(files, rel)
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(env.Stderr, "generator check: --format %q is not text or json\n", *format)
		return ExitUsage
	}
	progress, done := env.startProgress(false)
	rep := build.Check(f.source, build.Options{
		BaseURL: f.baseURL, Drafts: f.drafts, Future: f.future, Expired: f.expired,
		Only: files, Now: env.Now(), Progress: progress,
	})
	done()
	if *format == "json" {
		if err := writeCheckJSON(env.Stdout, rep); err != nil {
			fmt.Fprintf(env.Stderr, "generator check: writing the report: %v\n", err)
			return ExitContent
		}
	} else {
		env.checkText(rep)
	}
	if rep.Diags.HasErrors() {
		return ExitContent
	}
	return ExitOK
}

// checkText writes the report for people: every diagnostic (a kind of
// message found in more than diag.GroupFiles files as a few examples and a
// count, see diag.FormatGrouped; --format json keeps every one), a line of
// reading figures, and the closing count.
func (env *Env) checkText(rep *build.Report) {
	w := env.Stdout
	diag.FormatGrouped(w, rep.Diags, diag.Options{Color: env.color(w)})
	if rep.Project != nil {
		above, below, unmeasured, spanish := 0, 0, 0, false
		for _, p := range rep.Pages {
			switch {
			case !p.Measured:
				unmeasured++
			case p.Index == readability.IndexPerspicuity:
				spanish = true
				if p.AboveTarget {
					below++
				}
			case p.AboveTarget:
				above++
			}
		}
		targets := fmt.Sprintf("%d above reading grade %s", above, gradeText(rep.MaxGrade))
		if spanish {
			targets += fmt.Sprintf(", %d below perspicuity %s", below, gradeText(rep.MinPerspicuity))
		}
		fmt.Fprintf(w, "Checked %s: %s, %d too short or not prose to grade; %s left out. Nothing was written.\n",
			plural(len(rep.Pages), "content page"), targets, unmeasured, plural(len(rep.Skipped), "page"))
		for _, u := range rep.Untranslated {
			fmt.Fprintf(w, "Not translated into %s (%s): %s: %s\n", u.Name, u.Lang, plural(len(u.Paths), "page"), diag.Escape(strings.Join(u.Paths, ", ")))
		}
		if n := len(rep.Skipped); n > 0 {
			// Pages left out are parsed but not rendered: their links
			// and anchors are not checked.
			pages, them, one := plural(n, "page"), "them", "one"
			if n == 1 {
				pages, them, one = "page", "it", "it"
			}
			fmt.Fprintf(w, "Links and anchors in the %s left out were not checked: check %s with %s, or name %s: generator check %s\n",
				pages, them, skippedFlags(rep.Skipped), one, rep.Skipped[0].Path)
		}
	}
	fmt.Fprintln(w, diag.Summary(rep.Diags))
}

// gradeText writes a grade (or perspicuity) target as written in
// config.yaml: 8, 8.5.
func gradeText(g float64) string {
	if g == float64(int(g)) {
		return fmt.Sprintf("%d", int(g))
	}
	return fmt.Sprintf("%g", g)
}

// CheckJSON is the document `generator check --format json` writes.
type CheckJSON struct {
	// Diagnostics are sorted by path, line and column.
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Counts      JSONCounts       `json:"counts"`
	// MaxGrade is the reading-grade target (config readability.maxGrade).
	MaxGrade float64 `json:"maxGrade"`
	// MinPerspicuity is the Spanish pages' perspicuity target (config
	// readability.minPerspicuity).
	MinPerspicuity float64 `json:"minPerspicuity"`
	// Pages are the published content pages, by path.
	Pages []JSONPage `json:"pages"`
	// Skipped are the pages left out of the site, by path.
	Skipped []JSONSkip `json:"skipped"`
	// Untranslated lists, per language of a multilingual site, the
	// content pages it has no translation of; left out on a site with
	// one language (and when every page is translated).
	Untranslated []JSONUntranslated `json:"untranslated,omitempty"`
}

// JSONUntranslated is one language's missing translations: Paths are the
// content files (of the default language when it has the page) with no
// page in language Lang.
type JSONUntranslated struct {
	Lang  string   `json:"lang"`
	Name  string   `json:"name"`
	Paths []string `json:"paths"`
}

// JSONDiagnostic is one diagnostic. Line and Col are 1-based; 0 means the
// whole file (or the whole line). Col is the column the caret points at.
type JSONDiagnostic struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
	Fix      string `json:"fix"`
	Code     string `json:"code,omitempty"`
	// Source is the offending line, when known.
	Source string `json:"source,omitempty"`
}

// JSONCounts are the closing count.
type JSONCounts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// JSONPage is one page's reading figures. Grade is null and NotMeasured
// says why when the page has too little prose of its language to grade.
// A Spanish page measured has a null Grade and its Index
// ("szigriszt-pazos"), Perspicuity, Inflesz band and FernandezHuerta
// instead; AboveTarget then means its perspicuity is below
// minPerspicuity. English pages have none of those four fields.
type JSONPage struct {
	Path            string         `json:"path"`
	URL             string         `json:"url"`
	Kind            string         `json:"kind"`
	Words           int            `json:"words"`
	ReadingMinutes  int            `json:"readingMinutes"`
	Grade           *float64       `json:"grade"`
	Index           string         `json:"index,omitempty"`
	Perspicuity     *float64       `json:"perspicuity,omitempty"`
	Inflesz         string         `json:"inflesz,omitempty"`
	FernandezHuerta *float64       `json:"fernandezHuerta,omitempty"`
	NotMeasured     *string        `json:"notMeasured"`
	AboveTarget     bool           `json:"aboveTarget"`
	Hardest         []JSONSentence `json:"hardest,omitempty"` // only when AboveTarget
}

// JSONSentence is one of a page's hardest sentences with its own grade
// (English) or its own perspicuity (Spanish).
type JSONSentence struct {
	Text        string   `json:"text"`
	Grade       *float64 `json:"grade,omitempty"`
	Perspicuity *float64 `json:"perspicuity,omitempty"`
}

// JSONSkip is a page left out of the site. When is RFC 3339: when a
// scheduled page will be published or an expired one expired; null for a
// draft.
type JSONSkip struct {
	Path   string  `json:"path"`
	Line   int     `json:"line"`
	Reason string  `json:"reason"` // "draft", "scheduled" or "expired"
	When   *string `json:"when"`
}

// checkJSON turns a report into its JSON document.
func checkJSON(rep *build.Report) CheckJSON {
	doc := CheckJSON{
		Diagnostics:    []JSONDiagnostic{},
		Counts:         JSONCounts{Errors: rep.Diags.Errors(), Warnings: rep.Diags.Warnings()},
		MaxGrade:       rep.MaxGrade,
		MinPerspicuity: rep.MinPerspicuity,
		Pages:          []JSONPage{},
		Skipped:        []JSONSkip{},
	}
	for _, u := range rep.Untranslated {
		doc.Untranslated = append(doc.Untranslated, JSONUntranslated{Lang: u.Lang, Name: u.Name, Paths: u.Paths})
	}
	for _, d := range rep.Diags {
		doc.Diagnostics = append(doc.Diagnostics, JSONDiagnostic{
			Path: d.Path, Line: d.Line, Col: d.Column(), Severity: d.Severity.String(),
			Message: d.Msg, Fix: d.Fix, Code: d.Code, Source: d.Source,
		})
	}
	for _, p := range rep.Pages {
		jp := JSONPage{Path: p.Path, URL: p.URL, Kind: string(p.Kind), Words: p.Words, ReadingMinutes: p.Minutes, AboveTarget: p.AboveTarget}
		spanish := p.Index == readability.IndexPerspicuity
		switch {
		case p.Measured && spanish:
			score, huerta := p.Score, p.Huerta
			jp.Index, jp.Perspicuity, jp.Inflesz, jp.FernandezHuerta = p.Index, &score, readability.Band(score), &huerta
		case p.Measured:
			g := p.Grade
			jp.Grade = &g
		default:
			r := p.Reason
			jp.NotMeasured = &r
		}
		if p.AboveTarget {
			for _, s := range p.Hardest {
				score := s.Score
				js := JSONSentence{Text: s.Text, Grade: &score}
				if spanish {
					js.Grade, js.Perspicuity = nil, &score
				}
				jp.Hardest = append(jp.Hardest, js)
			}
		}
		doc.Pages = append(doc.Pages, jp)
	}
	for _, sk := range rep.Skipped {
		js := JSONSkip{Path: sk.Path, Line: sk.Line, Reason: sk.Reason}
		if !sk.When.IsZero() {
			w := sk.When.Format(time.RFC3339)
			js.When = &w
		}
		doc.Skipped = append(doc.Skipped, js)
	}
	return doc
}

func writeCheckJSON(w io.Writer, rep *build.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(checkJSON(rep))
}

// skippedFlags names the flags that would include the pages left out:
// "--drafts", "--drafts --future".
func skippedFlags(sk []site.Skip) string {
	var flags []string
	for _, r := range []struct{ reason, flag string }{{"draft", "--drafts"}, {"scheduled", "--future"}, {"expired", "--expired"}} {
		for _, s := range sk {
			if s.Reason == r.reason {
				flags = append(flags, r.flag)
				break
			}
		}
	}
	return strings.Join(flags, " ")
}
