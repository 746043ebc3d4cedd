package site

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/related"
)

// Taxonomy values
//
// tags and categories come from their front matter fields, which the parse
// stage has already checked (a piece of text is read as comma-separated
// items with a warning; a number, a switch, a nested list or a table is an
// error). Any other taxonomy named in config.yaml comes from
// params.<name> and is checked here by the same rules:
//
//	params:
//	  conditions: [asthma, COPD]   a list of text: two terms
//	  conditions: asthma, COPD     one piece of text: two terms, and a warning
//	  conditions: [asthma, 7]      a number item is its text: "7"
//	  conditions: [[a], {b: c}]    an error per item; the item is left out
//	  conditions: 7                an error; the page has no conditions
//
// Blank and null items are dropped without a word. What is left goes to
// taxonomy.Collect, which drops terms without a usable slug with a warning.

// paramTerms returns a page's values for a taxonomy kept under params and
// reports values that are not text at the params line of the file.
func (b *builder) paramTerms(d *markdown.Doc, name string) []string {
	v, ok := d.FM.Params[name]
	if !ok || v == nil {
		return nil
	}
	line := paramLine(d, name)
	report := func(sev diag.Severity, fix, format string, args ...any) {
		mk := diag.Warnf
		if sev == diag.Error {
			mk = diag.Errorf
		}
		dg := mk(d.Path, d.FrontSrc, line, 0, fix, format, args...)
		dg.Code = "taxonomy-value"
		b.ds = append(b.ds, dg)
	}
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	switch x := v.(type) {
	case string:
		for _, s := range strings.Split(x, ",") {
			add(s)
		}
		if len(out) > 0 {
			report(diag.Warning, fmt.Sprintf("write it as a list: %s: [%s]", name, strings.Join(out, ", ")),
				"params.%s is one piece of text, read as %d comma-separated items", name, len(out))
		}
	case []any:
		for i, it := range x {
			switch y := it.(type) {
			case nil:
			case string:
				add(y)
			case int:
				add(strconv.Itoa(y))
			case int64:
				add(strconv.FormatInt(y, 10))
			case uint64:
				add(strconv.FormatUint(y, 10))
			case float64:
				add(strconv.FormatFloat(y, 'f', -1, 64))
			case bool:
				report(diag.Error, "put the item in quotes, e.g. \"yes\" (YAML reads yes, no, on, off, true and false as a switch)",
					"params.%s item %d is %v, not text", name, i+1, y)
			default:
				report(diag.Error, fmt.Sprintf("write each item as text: %s: [a, b]", name),
					"params.%s item %d is %s, not text", name, i+1, kindName(it))
			}
		}
	default:
		report(diag.Error, fmt.Sprintf("write %s: [a, b] under params", name),
			"params.%s must be a list of text, not %s", name, kindName(v))
	}
	return out
}

// kindName names a YAML value's kind for a message.
func kindName(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a table"
	case bool:
		return "true or false"
	case int, int64, uint64, float64:
		return "a number"
	}
	return "a value of another kind"
}

// paramLine returns the line of params.<name> in the front matter: the first
// indented line after the params key that starts with the name, else the
// params line itself.
func paramLine(d *markdown.Doc, name string) int {
	at := d.FM.Lines["params"]
	if at == 0 {
		return 0
	}
	lines := bytes.Split(d.FrontSrc, []byte("\n"))
	for i := at; i < len(lines); i++ { // lines[at] is the line after params:
		l := lines[i]
		trim := bytes.TrimLeft(l, " \t")
		if len(trim) == len(l) && len(trim) > 0 { // back at the top level
			break
		}
		if k, ok := bytes.CutPrefix(trim, []byte(name)); ok && bytes.HasPrefix(bytes.TrimLeft(k, " "), []byte(":")) {
			return i + 1
		}
	}
	return at
}

// closeServices keeps the service matches worth a link: those that share
// words or terms with the article (a recency credit alone says nothing), and
// after the first only those at least half as close as the first, so that a
// page about flu shots links to vaccinations management and not, for want
// of anything better, to a second service it barely touches.
func closeServices(ms []related.Match) []related.Match {
	out := ms[:0:0]
	for _, m := range ms {
		sim := m.Tags + m.Text
		if sim <= 0 {
			continue
		}
		if len(out) > 0 && sim < (out[0].Tags+out[0].Text)/2 {
			continue
		}
		out = append(out, m)
	}
	return out
}
