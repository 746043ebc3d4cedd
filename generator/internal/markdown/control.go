package markdown

import (
	"strconv"

	"clinicgen/generator/internal/diag"
)

// controlChar reports whether b is a control character HTML forbids in
// text (and XML 1.0 in feeds): C0 controls other than tab, line feed and
// form feed, and DEL. Carriage returns are gone by now (normalise).
func controlChar(b byte) bool {
	return b < 0x20 && b != '\t' && b != '\n' && b != '\f' || b == 0x7f
}

// cleanBody replaces each control character of the body with a space (the
// same length, so every offset and column stays true) and warns once, at
// the first. Word processors put vertical tabs in pasted text for line
// breaks. gsrc is copied before it changes: it may share the caller's bytes.
func (st *state) cleanBody() {
	body := st.gsrc[st.bodyStart:]
	first, n := -1, 0
	for i, c := range body {
		if controlChar(c) {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if n == 0 {
		return
	}
	g := append([]byte(nil), st.gsrc...)
	for i := st.bodyStart + first; i < len(g); i++ {
		if controlChar(g[i]) {
			g[i] = ' '
		}
	}
	what := "an invisible control character"
	if n > 1 {
		what = "invisible control characters"
	}
	c := body[first]
	st.gsrc = g
	st.addAt(diag.Warning, "control-character", st.bodyStart+first,
		"delete it; text pasted from a word processor often brings one",
		"%s (U+%04X%s) replaced with a space", what, c, more(n))
}

func more(n int) string {
	if n < 2 {
		return ""
	}
	return ", and " + strconv.Itoa(n-1) + " more in this file"
}
