package audit

import (
	"bytes"

	"github.com/tdewolff/parse/v2"
	thtml "github.com/tdewolff/parse/v2/html"
	"golang.org/x/net/html"
)

// This file reads a page's tokens with github.com/tdewolff/parse/v2/html's
// Lexer, which splits a page in place (no copy per token), and gives the
// audit what it reads of them: each start tag with its lower-case name,
// its attributes (key lower-case, value unquoted and decoded as a browser
// reads it) and the offset of its '<' in the page, and the text that
// follows a start tag (the audit reads a <script>'s).
//
// The lexer and golang.org/x/net/html's Tokenizer read well-formed pages
// the same way (TestLexerMatchesXNetHTML). Where they part, on malformed
// HTML, the differences are listed in lexer_test.go (lexerDifferences).
// What the lexer does not do, this file adds:
//
//   - <svg>, <math> and <xml> come from the lexer as one token, the
//     element and all it holds; their content is read again with a lexer
//     of its own, so that the elements inside (<a>, <use>, <image>…) are
//     audited like any other;
//   - <noscript>, <noembed> and <noframes> hold raw text, as for
//     x/net/html (and a browser that runs scripts);
//   - attribute keys repeated in a tag are dropped but for the first, and
//     values are unquoted and decoded (see value).
//
// Between tokens, the lexer's input is moved on to the next '<' at once
// (skipText): out of a tag the lexer would read the bytes before it one
// by one and return the same token.
//
// The lexer lower-cases names in place and writes a NUL past the end of
// its input: it reads a copy of the page, never the page itself.

// tokenType is the kind of a token.
type tokenType uint8

const (
	errorToken    tokenType = iota // the end of the page (or of a tag cut short by it)
	textToken                      // text, a raw text element's included
	startTagToken                  // a start tag, "/>" or not
	otherToken                     // an end tag, comment or doctype
)

// frame is a lexer over the page or, for the content of an <svg>,
// <math> or <xml> element, over part of it.
type frame struct {
	in   *parse.Input
	l    *thtml.Lexer
	base int // offset in the page of the lexer's input
	// name is the name of the element the frame reads, "" for the page:
	// its start tag, the first token, is read under another name (see
	// next) and reported under this one.
	name string
}

// attr is one attribute of a start tag: key lower-case, val as in the
// page (quotes excluded).
type attr struct {
	key, val []byte
	raw      []byte // val as in the page, quotes included
}

// tokenizer reads the tokens of one page.
type tokenizer struct {
	buf    []byte  // the page's copy the lexers read
	frames []frame // the page's lexer, then one per <svg>, <math> or <xml> being read

	// start and end are the current token's offsets in the page.
	start, end int
	tagName    []byte // the current start tag's name, lower-case
	// attrs are the current start tag's attributes, without those whose
	// key is empty or repeats an earlier key.
	attrs []attr

	seen   map[string]bool // keys of a tag with many attributes
	valBuf []byte          // scratch for value
}

// reset makes z read src from its start, copied into buf (which may be
// nil) or a larger buffer.
func (z *tokenizer) reset(buf, src []byte) {
	// One byte more, for the NUL the lexer writes past its input.
	z.buf = append(buf[:0], src...)
	z.buf = append(z.buf, 0)[:len(src)]
	in := parse.NewInputBytes(z.buf)
	z.frames = append(z.frames[:0], frame{in: in, l: thtml.NewLexer(in)})
}

// cleared returns z's buffers emptied, for the next page: nothing of the
// last page is left in them but as bytes of buf and valBuf, which are
// overwritten.
func (z *tokenizer) cleared() tokenizer {
	clear(z.frames)
	clear(z.attrs)
	clear(z.seen)
	return tokenizer{buf: z.buf[:0], frames: z.frames[:0], attrs: z.attrs[:0], seen: z.seen, valBuf: z.valBuf[:0]}
}

// rawForXNet reports whether elements named name hold raw text for
// x/net/html but not for the lexer.
func rawForXNet(name []byte) bool {
	switch string(name) {
	case "noscript", "noembed", "noframes":
		return true
	}
	return false
}

// next reads the next token the audit needs: a start tag once all its
// attributes are read, text, or another token; errorToken at the end of
// the page.
func (z *tokenizer) next() tokenType {
	for len(z.frames) > 0 {
		f := &z.frames[len(z.frames)-1]
		off := f.in.Offset() - f.in.Pos() // where the token starts (skipRaw moves on)
		skipText(f.in)
		tt, data := f.l.Next()
		switch tt {
		case thtml.ErrorToken:
			if len(z.frames) == 1 {
				z.start, z.end = f.base+off, f.base+off
				return errorToken
			}
			// The end of an element's content: back to the lexer around.
			f.in.Restore()
			z.frames = z.frames[:len(z.frames)-1]
			continue
		case thtml.TextToken:
			z.start, z.end = f.base+off, f.base+f.in.Offset()
			return textToken
		case thtml.StartTagToken:
			z.start = f.base + off
			z.tagName = f.l.Text()
			if off == 0 && f.name != "" {
				z.tagName = []byte(f.name)
			}
			if !z.readAttrs(f) {
				// The input ends inside the tag: the page, or the
				// element's content (then the lexer around goes on).
				if len(z.frames) == 1 {
					z.end = z.start
					return errorToken
				}
				f.in.Restore()
				z.frames = z.frames[:len(z.frames)-1]
				continue
			}
			z.end = f.base + f.in.Offset()
			if rawForXNet(z.tagName) {
				z.skipRaw(f)
			}
			return startTagToken
		case thtml.SVGToken, thtml.MathToken, thtml.XMLToken:
			// data is the whole element, "<svg…>…</svg>" (name lower-
			// cased): read it again with a lexer of its own, its name
			// made one the lexer reads as any other element ("s\x00g"),
			// reported as the element's own.
			name := "svg"
			if tt == thtml.MathToken {
				name = "math"
			} else if tt == thtml.XMLToken {
				name = "xml"
			}
			data[2] = 0 // in z.buf, already read; the new input is a copy (data has no room for the NUL)
			in := parse.NewInputBytes(data)
			z.frames = append(z.frames, frame{in: in, l: thtml.NewLexer(in), base: f.base + off, name: name})
			continue
		default:
			z.start, z.end = f.base+off, f.base+f.in.Offset()
			return otherToken
		}
	}
	return errorToken
}

// skipText moves in, the input of a lexer between two tokens and not in
// a tag, on to its next '<' (or its end) at once. Out of a tag, the lexer
// reads any other byte, in text and in raw text alike, by moving on by
// one and looking at the next (there are no template delimiters here):
// the token it returns is the same, read in a fraction of the time, as
// most of a page is text.
func skipText(in *parse.Input) {
	rest := in.Bytes()[in.Offset():]
	if len(rest) == 0 || rest[0] == '<' {
		return
	}
	i := bytes.IndexByte(rest, '<')
	if i < 0 {
		i = len(rest)
	}
	in.Move(i)
}

// readAttrs reads the attributes of the start tag f's lexer has just
// returned, up to its end. It reports false when the page ends first.
func (z *tokenizer) readAttrs(f *frame) bool {
	if bytes.IndexByte(z.tagName, 0) >= 0 {
		z.tagName = bytes.ReplaceAll(z.tagName, []byte{0}, []byte("\uFFFD"))
	}
	z.attrs = z.attrs[:0]
	clear(z.seen)
	for {
		tt, _ := f.l.Next()
		switch tt {
		case thtml.AttributeToken:
			key := f.l.AttrKey()
			// A '/' not before '>' is no part of a key (x/net/html
			// skips it), but for the lexer it begins one: "<br/ >".
			key = bytes.TrimLeft(key, "/")
			if len(key) == 0 {
				continue
			}
			if bytes.IndexByte(key, 0) >= 0 {
				key = bytes.ReplaceAll(key, []byte{0}, []byte("\uFFFD"))
			}
			if z.repeated(key) {
				continue
			}
			raw := f.l.AttrVal()
			z.attrs = append(z.attrs, attr{key: key, val: unquote(raw), raw: raw})
		case thtml.StartTagCloseToken, thtml.StartTagVoidToken:
			return true
		default: // ErrorToken: the page ends inside the tag
			return false
		}
	}
}

// manyAttrs is the number of attributes past which repeated keys are
// found with a map rather than by comparing keys one by one.
const manyAttrs = 16

// repeated reports whether key is the key of an attribute already in
// z.attrs.
func (z *tokenizer) repeated(key []byte) bool {
	if len(z.attrs) < manyAttrs {
		for _, a := range z.attrs {
			if bytes.Equal(a.key, key) {
				return true
			}
		}
		return false
	}
	if z.seen == nil {
		z.seen = map[string]bool{}
	}
	if len(z.seen) == 0 {
		for _, a := range z.attrs {
			z.seen[string(a.key)] = true
		}
	}
	if z.seen[string(key)] {
		return true
	}
	z.seen[string(key)] = true
	return false
}

// unquote returns an attribute value as the lexer gives it without its
// quotes.
func unquote(v []byte) []byte {
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		q := v[0]
		v = v[1:]
		if len(v) > 0 && v[len(v)-1] == q {
			v = v[:len(v)-1]
		}
	}
	return v
}

// skipRaw moves f's lexer past the raw text of the element whose start
// tag it has just read, up to its end tag or the end of the input, as
// x/net/html does for the raw text elements the lexer does not know.
// The text is left for the lexer's next token.
func (z *tokenizer) skipRaw(f *frame) {
	src := f.in.Bytes()
	pos := f.in.Offset()
	end := len(src)
	for i := pos; ; i += 2 {
		j := bytes.Index(src[i:], []byte("</"))
		if j < 0 {
			break
		}
		i += j
		if k := i + 2 + len(z.tagName); k < len(src) && bytes.EqualFold(src[i+2:k], z.tagName) &&
			bytes.IndexByte([]byte(" \n\r\t\f/>"), src[k]) >= 0 {
			end = i
			break
		}
	}
	if end > pos {
		f.in.Move(end - pos)
	}
}

// name returns the current start tag's name, lower-case.
func (z *tokenizer) name() []byte { return z.tagName }

// key returns the key of attribute i of the current start tag,
// lower-case.
func (z *tokenizer) key(i int) []byte { return z.attrs[i].key }

// value returns the value of attribute i of the current start tag as a
// browser reads it: CR and CR LF as LF, NUL as U+FFFD, character
// references decoded as in an attribute (a named one without ';' before
// '=' or a letter or digit is left as it is). A value with none of these
// is returned in place; one with numeric references only ("tel:&#43;1…",
// as html/template writes a +) is decoded by html.UnescapeString, which
// decodes those as in an attribute; the few others are read by
// x/net/html's Tokenizer from an equal tag. It is valid until the next
// call.
func (z *tokenizer) value(i int) []byte {
	a := z.attrs[i]
	v := a.val
	numeric := false
	for j, c := range v {
		switch {
		case c == '\r' || c == 0:
			return z.decodeValue(a)
		case c == '&':
			if j+1 >= len(v) || v[j+1] != '#' {
				return z.decodeValue(a)
			}
			numeric = true
		}
	}
	if numeric {
		z.valBuf = append(z.valBuf[:0], html.UnescapeString(string(v))...)
		return z.valBuf
	}
	return v
}

// decodeValue returns the value of attribute a as x/net/html's Tokenizer
// reads it in the tag <a x=VALUE>, VALUE quoted as in the page.
func (z *tokenizer) decodeValue(a attr) []byte {
	z.valBuf = append(append(append(z.valBuf[:0], "<a x="...), a.raw...), '>')
	t := html.NewTokenizer(bytes.NewReader(z.valBuf))
	if tt := t.Next(); tt != html.StartTagToken {
		return nil // not reached: a value ends at the tag's end
	}
	if _, more := t.TagName(); !more {
		return nil // not reached
	}
	_, v, _ := t.TagAttr()
	return v
}
