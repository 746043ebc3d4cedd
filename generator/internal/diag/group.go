package diag

import (
	"fmt"
	"io"
	"strconv"
)

// GroupFiles and GroupExamples shape FormatGrouped: a kind of message that
// repeats in more than GroupFiles files is shown by its first GroupExamples
// diagnostics and one line that counts the rest. A site of 4,000 posts
// copied from another tool must not print 4,000 identical lines.
const (
	GroupFiles    = 20
	GroupExamples = 5
)

// groupKey is a kind of message: the same severity, code and message (an
// unknown key "topics"), or, for what is left, the same severity and code
// (an image not found, whatever its name).
type groupKey struct {
	sev       Severity
	code, msg string
}

// group is the diagnostics of one kind.
type group struct {
	files map[string]bool
	n     int // diagnostics
	shown int // examples printed so far
}

// FormatGrouped is Format for long lists: a kind of message (same severity,
// code and message; else same severity and code) found in more than
// GroupFiles files is shown by its first GroupExamples diagnostics, in
// their place, followed by one line with the count of the rest. Lists where
// nothing repeats that much print exactly as Format prints them. Machines
// get every diagnostic from JSON.
func FormatGrouped(w io.Writer, l List, o Options) {
	exact := map[groupKey]*group{}
	for _, d := range l {
		k := groupKey{d.Severity, d.Code, d.Msg}
		g := exact[k]
		if g == nil {
			g = &group{files: map[string]bool{}}
			exact[k] = g
		}
		g.n++
		g.files[d.Path] = true
	}
	// What no exact group takes is grouped by code alone.
	byCode := map[groupKey]*group{}
	for _, d := range l {
		if len(exact[groupKey{d.Severity, d.Code, d.Msg}].files) > GroupFiles || d.Code == "" {
			continue
		}
		k := groupKey{sev: d.Severity, code: d.Code}
		g := byCode[k]
		if g == nil {
			g = &group{files: map[string]bool{}}
			byCode[k] = g
		}
		g.n++
		g.files[d.Path] = true
	}
	for _, d := range l {
		g, what := exact[groupKey{d.Severity, d.Code, d.Msg}], "like this"
		if len(g.files) <= GroupFiles {
			g, what = byCode[groupKey{sev: d.Severity, code: d.Code}], "of the kind "+d.Code
		}
		if g == nil || len(g.files) <= GroupFiles {
			Format(w, List{d}, o)
			continue
		}
		if g.shown >= GroupExamples {
			continue
		}
		Format(w, List{d}, o)
		g.shown++
		if g.shown == GroupExamples {
			fmt.Fprintf(w, "  … and %s more %s %s (%s in %s files); generator check --format json lists every one\n",
				thousands(g.n-GroupExamples), d.Severity.plural(g.n-GroupExamples), what,
				thousands(g.n), thousands(len(g.files)))
		}
	}
}

// plural is "error"/"errors", "warning"/"warnings".
func (s Severity) plural(n int) string {
	if n == 1 {
		return s.String()
	}
	return s.String() + "s"
}

// thousands writes n with comma separators: 2,686.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
