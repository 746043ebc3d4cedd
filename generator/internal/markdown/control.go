package markdown

import (
	"encoding/binary"
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
	for i := 0; i < len(body); {
		if i+8 <= len(body) && !maybeControl(binary.LittleEndian.Uint64(body[i:])) {
			i += 8
			continue
		}
		end := min(i+8, len(body))
		for ; i < end; i++ {
			if controlChar(body[i]) {
				if first < 0 {
					first = i
				}
				n++
			}
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

// maybeControl reports whether one of the 8 bytes in w is below 0x20 or is
// 0x7f (DEL), so that the bytes need a closer look with controlChar. Most
// words of text have neither, and this tests 8 bytes at once (the "has a
// byte less than n" and "has a zero byte" tests of Bit Twiddling Hacks;
// both are exact for the word as a whole).
func maybeControl(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	del := w ^ (0x7f * ones) // a 0x7f byte becomes 0
	return ((w-0x20*ones)&^w|(del-ones)&^del)&highs != 0
}

func more(n int) string {
	if n < 2 {
		return ""
	}
	return ", and " + strconv.Itoa(n-1) + " more in this file"
}
