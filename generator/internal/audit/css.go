package audit

import (
	"clinicgen/generator/internal/diag"
)

// Stylesheet audits a CSS output: rel is where it is published
// ("css/main.3f2a9c1b07.css"), srcPath and src its source file
// ("assets/css/main.css"), whose url() and @import references are checked
// like any resource and reported at their line in src. Safe for
// concurrent use.
func (a *Auditor) Stylesheet(rel, srcPath string, src []byte) {
	a.File(rel)
	at := a.pageURL(rel)
	for _, r := range cssURLs(src) {
		line, col := diag.LineCol(src, r.off)
		place := Place{Path: srcPath, Line: line, Col: col, Source: diag.LineOf(src, line), Shared: true}
		ref := Ref{Off: r.off, Tag: "css", Attr: r.kind, Value: r.url}
		s := &scan{a: a, rel: rel, url: at, loc: func(Ref) Place { return place }}
		s.resource(ref, a.resolve(at, r.url))
	}
}

// cssRef is one url() or @import in a stylesheet.
type cssRef struct {
	off  int    // offset of url( or @import
	kind string // "url()" or "@import"
	url  string
}

// cssURLs finds the url() and @import references of a stylesheet, skipping
// comments and strings that are not part of one. Escapes inside them are
// kept as written: a URL that needs them is not a plain site path anyway.
func cssURLs(src []byte) []cssRef {
	var out []cssRef
	n := len(src)
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	hasFold := func(i int, s string) bool {
		if i+len(s) > n {
			return false
		}
		for j := 0; j < len(s); j++ {
			if lower(src[i+j]) != s[j] {
				return false
			}
		}
		return true
	}
	isIdent := func(c byte) bool {
		return c == '-' || c == '_' || c >= 0x80 || '0' <= c && c <= '9' || 'a' <= lower(c) && lower(c) <= 'z'
	}
	space := func(i int) int {
		for i < n && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '\f') {
			i++
		}
		return i
	}
	// str reads a quoted string starting at i (the quote) and returns its
	// raw content and the offset after it.
	str := func(i int) (string, int) {
		q := src[i]
		j := i + 1
		for j < n && src[j] != q && src[j] != '\n' {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		end := min(j, n)
		return string(src[i+1 : end]), min(j+1, n)
	}
	// url reads url( at i and returns its value and the offset after it.
	url := func(i int) (string, int) {
		j := space(i + 4)
		if j < n && (src[j] == '"' || src[j] == '\'') {
			v, k := str(j)
			k = space(k)
			if k < n && src[k] == ')' {
				k++
			}
			return v, k
		}
		k := j
		for k < n && src[k] != ')' {
			k++
		}
		end := k
		for end > j && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\n') {
			end--
		}
		return string(src[j:end]), min(k+1, n)
	}
	for i := 0; i < n; {
		c := src[i]
		switch {
		case c == '/' && i+1 < n && src[i+1] == '*':
			end := -1
			for j := i + 2; j+1 < n; j++ {
				if src[j] == '*' && src[j+1] == '/' {
					end = j + 2
					break
				}
			}
			if end < 0 {
				return out
			}
			i = end
		case c == '"' || c == '\'':
			_, i = str(i)
		case c == '\\':
			i += 2
		case hasFold(i, "url(") && (i == 0 || !isIdent(src[i-1])):
			v, next := url(i)
			out = append(out, cssRef{off: i, kind: "url()", url: v})
			i = next
		case hasFold(i, "@import") && (i+7 >= n || !isIdent(src[i+7])):
			j := space(i + 7)
			switch {
			case j < n && (src[j] == '"' || src[j] == '\''):
				v, next := str(j)
				out = append(out, cssRef{off: i, kind: "@import", url: v})
				i = next
			case hasFold(j, "url("):
				v, next := url(j)
				out = append(out, cssRef{off: i, kind: "@import", url: v})
				i = next
			default:
				i = j
			}
		default:
			i++
		}
	}
	return out
}
