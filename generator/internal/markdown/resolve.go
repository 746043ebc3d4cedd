package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"

	"github.com/yuin/goldmark/util"
)

// Resolve returns the body HTML with each link to a .md file pointing at
// url(target), plus "#"+fragment when the link had one. When url returns
// ok=false, the link keeps its text but loses its href, and an Error names
// the link's line. url is called once per link, in document order. When the
// body has no such links, Resolve returns d.HTML itself (do not modify it).
func (d *Doc) Resolve(url func(target string) (string, bool)) ([]byte, diag.List) {
	if len(d.mdLinks) == 0 {
		return d.HTML, nil
	}
	var diags diag.List
	dropped := 0
	prefix := []byte(` href="` + placeholderScheme)
	out := make([]byte, 0, len(d.HTML)+len(d.mdLinks)*32)
	h := d.HTML
	for {
		i := bytes.Index(h, prefix)
		if i < 0 {
			break
		}
		// Read the link number up to the closing quote.
		j := i + len(prefix)
		n, k := 0, j
		for k < len(h) && '0' <= h[k] && h[k] <= '9' && k-j < 9 {
			n = n*10 + int(h[k]-'0')
			k++
		}
		if k == j || k >= len(h) || h[k] != '"' || n >= len(d.mdLinks) {
			// Not ours (only possible in allowed raw HTML): copy it as is.
			out = append(out, h[:j]...)
			h = h[j:]
			continue
		}
		l := d.mdLinks[n]
		out = append(out, h[:i]...)
		h = h[k+1:]
		u, ok := url(l.target)
		if !ok {
			if len(diags) >= maxDiags {
				dropped++
				continue
			}
			diags = append(diags, d.brokenLink(l))
			continue
		}
		if l.fragment != "" {
			u += "#" + l.fragment
		}
		out = append(out, ` href="`...)
		out = append(out, util.EscapeHTML(util.URLEscape([]byte(u), false))...)
		out = append(out, '"')
	}
	out = append(out, h...)
	if dropped > 0 {
		diags = append(diags, tooMany(d.Path, dropped, true))
	}
	return out, diags
}

// brokenLink is the Error for a link whose target has no URL.
func (d *Doc) brokenLink(l mdLink) diag.Diagnostic {
	src := d.body
	off := min(max(l.off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		end = off + i
	}
	return diag.Diagnostic{
		Severity: diag.Error, Path: d.Path, Line: l.line, Col: 1 + utf8.RuneCount(src[start:off]),
		Source: clip(src[start:end]), Code: "link-broken",
		Msg: "links to " + l.target + ", which does not exist or is not published",
		Fix: "check the file name, or remove the link until that page is published",
	}
}

// summary picks the summary: the front matter's, else the prose before
// <!--more-->, else the first top-level paragraph, else the first prose
// paragraph. Whitespace is collapsed to single spaces.
func (st *state) summary(fm string) string {
	if fm != "" {
		return fm
	}
	if st.moreAt >= 0 {
		if s := collapse(st.prose[:min(st.moreAt, len(st.prose))]); s != "" {
			return s
		}
	}
	if st.firstEnd > 0 {
		return collapse(st.prose[st.firstStart:st.firstEnd])
	}
	p := st.prose
	if i := bytes.Index(p, []byte("\n\n")); i >= 0 {
		p = p[:i]
	}
	return collapse(p)
}

// collapse trims b and turns every run of white space into one space, as
// strings.Join(strings.Fields(string(b)), " ") does, into a string of its
// own (no more memory than its length) made with one allocation.
func collapse(b []byte) string {
	n, same := collapseInto(nil, b)
	if same {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(n)
	collapseInto(&sb, b)
	return sb.String()
}

// collapseInto writes the collapsed b to sb (when not nil) and returns its
// length and whether it is b unchanged. White space is what unicode.IsSpace
// says; invalid UTF-8 is copied as it is.
func collapseInto(sb *strings.Builder, b []byte) (n int, same bool) {
	same = true
	pending := false // white space after some text, not yet written
	for i := 0; i < len(b); {
		c, size := b[i], 1
		var space bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if pending || n == 0 || c != ' ' {
				same = false // dropped or replaced
			}
			pending = n > 0
			i += size
			continue
		}
		if pending {
			n++
			if sb != nil {
				sb.WriteByte(' ')
			}
			pending = false
		}
		n += size
		if sb != nil {
			sb.Write(b[i : i+size])
		}
		i += size
	}
	if pending {
		same = false // trailing white space
	}
	return n, same
}
