package audit

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// This file holds the page tokenizer: golang.org/x/net/html's Tokenizer
// rewritten to read a page in place. Both split a page into the same
// tokens (same types, same raw bytes, same start tags with the same
// attributes), which TestTokenizerMatchesXNetHTML and FuzzTokenizer
// check; only the way differs:
//
//   - it reads a []byte by index instead of an io.Reader byte by byte, and
//     skips text, script data, RCDATA and bogus comments with
//     bytes.IndexByte up to the next byte that matters;
//   - it neither copies nor rewrites the page: a tag's name and attributes
//     are spans of the page, lower-cased and decoded only when the audit
//     reads them (see name, key and value);
//   - CDATA sections are never allowed (x/net/html's default), and nothing
//     limits the buffer (nor does x/net/html unless told).
//
// The state functions keep x/net/html's names and order, so the two can
// be read side by side; z.end is x/net/html's z.raw.end and z.eof its
// z.err != nil.

// tokenType is the kind of a token, as html.TokenType.
type tokenType uint8

const (
	errorToken tokenType = iota // the end of the page (or of a tag cut short by it)
	textToken
	startTagToken
	endTagToken
	selfClosingTagToken
	commentToken
	doctypeToken
)

// span is a range of bytes in the page, start inclusive, end exclusive.
type span struct{ start, end int }

// tokenizer reads the tokens of one page.
type tokenizer struct {
	src []byte
	// start and end are the current token's raw bytes src[start:end];
	// src[end:] is still to read.
	start, end int
	eof        bool // the page was read to its end: every next token is errorToken
	// data is a start or end tag's name; for other tokens it is only kept
	// as far as x/net/html uses it to move (readDoctype backs up to it).
	data span
	// attrs are the current start tag's attributes, key and value spans
	// (the value's quotes excluded), without those whose key is empty or
	// repeats an earlier key, as html.Tokenizer.TagAttr returns them.
	attrs   [][2]span
	pending [2]span
	// seen holds the lower-cased keys of a start tag with very many
	// attributes, so that dropping repeated keys stays linear.
	seen map[string]bool
	// rawTag is the lower-case name of the raw text element whose text
	// the next token is ("script", "title"…), "" for none.
	rawTag string
	// skipText is set by a reader who needs no text but the text of raw
	// text elements (after <script>): next then reads on past the text
	// before a tag, comment or doctype and returns that token alone.
	skipText bool

	nameBuf, keyBuf []byte // scratch for name and key
}

// name returns the current tag's name as html.Tokenizer.TagName does:
// lower-cased, a NUL byte read as U+FFFD. It is valid until the next call.
func (z *tokenizer) name() []byte {
	return decodeName(&z.nameBuf, z.src[z.data.start:z.data.end])
}

// key returns the key of attribute i of the current start tag as
// html.Tokenizer.TagAttr does (see name). It is valid until the next
// call.
func (z *tokenizer) key(i int) []byte {
	k := z.attrs[i][0]
	return decodeName(&z.keyBuf, z.src[k.start:k.end])
}

// decodeName returns b lower-cased (ASCII letters only) with each NUL
// byte replaced by U+FFFD: b itself when that changes nothing, else a
// copy in *buf.
func decodeName(buf *[]byte, b []byte) []byte {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' || c == 0 {
			out := (*buf)[:0]
			for _, c := range b {
				switch {
				case c == 0:
					out = append(out, "\uFFFD"...)
				case 'A' <= c && c <= 'Z':
					out = append(out, c+'a'-'A')
				default:
					out = append(out, c)
				}
			}
			*buf = out
			return out
		}
	}
	return b
}

// value returns the value of attribute i of the current start tag as
// html.Tokenizer.TagAttr does: NUL bytes read as U+FFFD, CR and CR LF as
// LF, character references decoded as in an attribute. A value with none
// of these is returned in place, one with numeric references only
// ("tel:&#43;1301…", as html/template writes a +) decoded here, the few
// others by x/net/html itself, from the tag's raw bytes.
func (z *tokenizer) value(i int) []byte {
	v := z.attrs[i][1]
	b := z.src[v.start:v.end]
	numeric := false
	for j, c := range b {
		switch {
		case c == '\r' || c == 0:
			return z.decodeValue(i)
		case c == '&':
			if j+1 >= len(b) || b[j+1] != '#' {
				return z.decodeValue(i)
			}
			numeric = true
		}
	}
	if numeric {
		return unescapeNumeric(b)
	}
	return b
}

// unescapeNumeric returns b, whose every '&' starts "&#", with its
// numeric character references decoded as html.UnescapeString decodes
// them.
func unescapeNumeric(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] != '&' {
			out = append(out, b[i])
			i++
			continue
		}
		r, n := numericRef(b[i:])
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

// windows1252 maps the numeric references 0x80 to 0x9F to the
// characters Windows-1252 puts there, as browsers (and x/net/html) do.
var windows1252 = [32]rune{
	'\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
	'\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
	'\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
	'\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
}

// numericRef reads the character reference "&#…" at the start of s
// (x/net/html's unescapeEntity) and returns its character and length;
// '&' and 1 when s does not start one.
func numericRef(s []byte) (rune, int) {
	if len(s) <= 2 {
		return '&', 1
	}
	i := 2
	hex := false
	if s[i] == 'x' || s[i] == 'X' {
		hex = true
		i++
	}
	i0 := i
	x := rune(0)
	for ; i < len(s); i++ {
		c := s[i]
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case hex && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case hex && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			goto done
		}
		if x <= 0x10FFFF {
			if hex {
				x = 16*x + d
			} else {
				x = 10*x + d
			}
		}
	}
done:
	if i == i0 {
		return '&', 1
	}
	if i < len(s) && s[i] == ';' {
		i++
	}
	switch {
	case 0x80 <= x && x <= 0x9F:
		x = windows1252[x-0x80]
	case x == 0 || 0xD800 <= x && x <= 0xDFFF || x > 0x10FFFF:
		x = '\uFFFD'
	}
	return x, i
}

// decodeValue returns the value of attribute i of the current start tag
// as x/net/html's tokenizer reads it from the tag's raw bytes alone: a
// start tag is tokenized the same wherever it stands, and its attributes
// come in the same order as in attrs.
func (z *tokenizer) decodeValue(i int) []byte {
	t := html.NewTokenizer(bytes.NewReader(z.src[z.start:z.end]))
	if tt := t.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return nil // not reached: the tokenizers agree
	}
	_, more := t.TagName()
	for n := 0; more; n++ {
		var v []byte
		_, v, more = t.TagAttr()
		if n == i {
			return v
		}
	}
	return nil
}

// readByte returns the next byte, or sets eof at the end of the page.
func (z *tokenizer) readByte() byte {
	if z.end >= len(z.src) {
		z.eof = true
		return 0
	}
	c := z.src[z.end]
	z.end++
	return c
}

// skipTo moves past the next c and reports true, or moves to the end of
// the page, sets eof and reports false: readByte in a loop that looks for
// c, in one call.
func (z *tokenizer) skipTo(c byte) bool {
	// Most stretches are short (the newline between two tags, an
	// attribute's value): a loop finds their end before IndexByte would
	// have started.
	i := z.end
	for n := min(len(z.src), i+16); i < n; i++ {
		if z.src[i] == c {
			z.end = i + 1
			return true
		}
	}
	j := bytes.IndexByte(z.src[i:], c)
	if j < 0 {
		z.end = len(z.src)
		z.eof = true
		return false
	}
	z.end = i + j + 1
	return true
}

// Byte classes, for the loops that read names and values.
const (
	cSpace = 1 << iota // ' ', '\n', '\r', '\t', '\f'
	cSlash             // '/'
	cGT                // '>'
	cEq                // '='
)

var class = [256]uint8{' ': cSpace, '\n': cSpace, '\r': cSpace, '\t': cSpace, '\f': cSpace,
	'/': cSlash, '>': cGT, '=': cEq}

func isSpace(c byte) bool { return class[c] == cSpace }

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func (z *tokenizer) skipWhiteSpace() {
	if z.eof {
		return
	}
	for z.end < len(z.src) && isSpace(z.src[z.end]) {
		z.end++
	}
	if z.end >= len(z.src) {
		z.eof = true
	}
}

// next reads the next token and returns its type; its raw bytes are
// src[start:end].
func (z *tokenizer) next() tokenType {
	z.start = z.end
	z.data = span{z.end, z.end}
	if z.eof {
		return errorToken
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			z.end = len(z.src)
			z.eof = true
			z.data.end = z.end
		} else {
			z.readRawOrRCDATA()
		}
		if z.data.end > z.data.start {
			return textToken
		}
	}
loop:
	for {
		if !z.skipTo('<') {
			break loop
		}
		// Is the '<' part of a tag, comment or doctype? If not, it is
		// part of the text.
		c := z.readByte()
		if z.eof {
			break loop
		}
		var tt tokenType
		switch {
		case isLetter(c):
			tt = startTagToken
		case c == '/':
			tt = endTagToken
		case c == '!' || c == '?':
			tt = commentToken
		default:
			z.end-- // reconsume c
			continue
		}
		// Text before the tag is a token of its own, returned first.
		if x := z.end - len("<a"); z.start < x {
			if z.skipText {
				z.start = x
			} else {
				z.end = x
				z.data.end = x
				return textToken
			}
		}
		switch tt {
		case startTagToken:
			return z.readStartTag()
		case endTagToken:
			c = z.readByte()
			if z.eof {
				break loop
			}
			if c == '>' {
				return commentToken // "</>": no token at all, an empty comment in x/net/html
			}
			if isLetter(c) {
				z.readTag(false)
				if z.eof {
					return errorToken
				}
				return endTagToken
			}
			z.end--
			z.readUntilCloseAngle()
			return commentToken
		case commentToken:
			if c == '!' {
				return z.readMarkupDeclaration()
			}
			z.end--
			z.readUntilCloseAngle()
			return commentToken
		}
	}
	if z.start < z.end && !z.skipText {
		z.data.end = z.end
		return textToken
	}
	z.start = z.end
	return errorToken
}

// readRawOrRCDATA reads up to the "</" of the end tag of rawTag.
func (z *tokenizer) readRawOrRCDATA() {
	if z.rawTag == "script" {
		z.readScript()
		z.rawTag = ""
		return
	}
	for {
		if !z.skipTo('<') {
			break
		}
		c := z.readByte()
		if z.eof {
			break
		}
		if c != '/' {
			z.end--
			continue
		}
		if z.readRawEndTag() || z.eof {
			break
		}
	}
	z.data.end = z.end
	z.rawTag = ""
}

// readRawEndTag reads the rawTag of "</rawTag" followed by a space, '/'
// or '>', and then backs up to its '<' and reports true; else it reports
// false. "</" has been read.
func (z *tokenizer) readRawEndTag() bool {
	for i := 0; i < len(z.rawTag); i++ {
		c := z.readByte()
		if z.eof {
			return false
		}
		if c != z.rawTag[i] && c != z.rawTag[i]-('a'-'A') {
			z.end--
			return false
		}
	}
	c := z.readByte()
	if z.eof {
		return false
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		z.end -= 3 + len(z.rawTag) // "</", the name and c
		return true
	}
	z.end--
	return false
}

// readScript reads up to the next </script> end tag, following the
// rules for escaping and hiding it (html.Tokenizer.readScript).
func (z *tokenizer) readScript() {
	defer func() {
		z.data.end = z.end
	}()
	var c byte

scriptData:
	if !z.skipTo('<') {
		return
	}
	goto scriptDataLessThanSign

scriptDataLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '/':
		goto scriptDataEndTagOpen
	case '!':
		goto scriptDataEscapeStart
	}
	z.end--
	goto scriptData

scriptDataEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptData

scriptDataEscapeStart:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapeStartDash
	}
	z.end--
	goto scriptData

scriptDataEscapeStartDash:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '-' {
		goto scriptDataEscapedDashDash
	}
	z.end--
	goto scriptData

scriptDataEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataEscapedEndTagOpen
	}
	if isLetter(c) {
		goto scriptDataDoubleEscapeStart
	}
	z.end--
	goto scriptData

scriptDataEscapedEndTagOpen:
	if z.readRawEndTag() || z.eof {
		return
	}
	goto scriptDataEscaped

scriptDataDoubleEscapeStart:
	z.end--
	for i := 0; i < len("script"); i++ {
		c = z.readByte()
		if z.eof {
			return
		}
		if c != "script"[i] && c != "SCRIPT"[i] {
			z.end--
			goto scriptDataEscaped
		}
	}
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		goto scriptDataDoubleEscaped
	}
	z.end--
	goto scriptDataEscaped

scriptDataDoubleEscaped:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	c = z.readByte()
	if z.eof {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	c = z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		goto scriptDataDoubleEscapeEnd
	}
	z.end--
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapeEnd:
	if z.readRawEndTag() {
		z.end += len("</script>")
		goto scriptDataEscaped
	}
	if z.eof {
		return
	}
	goto scriptDataDoubleEscaped
}

// readComment reads a comment; "<!--" has been read.
func (z *tokenizer) readComment() {
	dashCount := 0
	beginning := true
	for {
		c := z.readByte()
		if z.eof {
			return
		}
		switch c {
		case '-':
			dashCount++
			continue
		case '>':
			if dashCount >= 2 || beginning {
				return
			}
		case '!':
			if dashCount >= 2 {
				c = z.readByte()
				if z.eof || c == '>' {
					return
				}
				if c == '-' {
					dashCount = 1
					beginning = false
					continue
				}
			}
		}
		dashCount = 0
		beginning = false
	}
}

// readUntilCloseAngle reads up to and including the next '>'.
func (z *tokenizer) readUntilCloseAngle() {
	z.data.start = z.end
	z.skipTo('>')
}

// readMarkupDeclaration reads a "<!--comment-->", a "<!DOCTYPE x>" or a
// "<!bogus comment>"; "<!" has been read.
func (z *tokenizer) readMarkupDeclaration() tokenType {
	z.data.start = z.end
	var c [2]byte
	for i := range 2 {
		c[i] = z.readByte()
		if z.eof {
			return commentToken
		}
	}
	if c[0] == '-' && c[1] == '-' {
		z.readComment()
		return commentToken
	}
	z.end -= 2
	if z.readDoctype() {
		return doctypeToken
	}
	z.readUntilCloseAngle()
	return commentToken
}

// readDoctype reads a doctype and reports true, or backs up to where it
// started and reports false; "<!" has been read.
func (z *tokenizer) readDoctype() bool {
	const s = "DOCTYPE"
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.eof {
			// x/net/html backs up and forgets the end, to find it again.
			z.end = z.data.start
			z.eof = false
			return false
		}
		if c != s[i] && c != s[i]+('a'-'A') {
			z.end = z.data.start
			return false
		}
	}
	if z.skipWhiteSpace(); z.eof {
		return true
	}
	z.readUntilCloseAngle()
	return true
}

// rawTags are the elements whose text is raw text or RCDATA for
// x/net/html's tokenizer (it treats noscript as a browser with scripts
// does).
var rawTags = []string{"iframe", "noembed", "noframes", "noscript", "plaintext",
	"script", "style", "textarea", "title", "xmp"}

// readStartTag reads a start tag; "<a" has been read, a being a letter.
func (z *tokenizer) readStartTag() tokenType {
	z.readTag(true)
	if z.eof {
		return errorToken
	}
	name := z.src[z.data.start:z.data.end]
	if n := len(name); n >= 3 && n <= 9 {
		for _, t := range rawTags {
			if equalFoldASCII(name, t) {
				z.rawTag = t
				break
			}
		}
	}
	// "/>" ends a self-closing tag unless its '/' ends an unquoted value
	// (<p a=/>).
	n := len(z.attrs)
	if z.src[z.end-2] == '/' && (n == 0 || z.end-2 != z.attrs[n-1][1].end-1) {
		return selfClosingTagToken
	}
	return startTagToken
}

// readTag reads a tag's name and attributes, keeping these in attrs when
// saveAttr; "<a" or "</a" has been read, a being a letter.
func (z *tokenizer) readTag(saveAttr bool) {
	z.attrs = z.attrs[:0]
	z.seen = nil
	z.readTagName()
	if z.skipWhiteSpace(); z.eof {
		return
	}
	for {
		c := z.readByte()
		if z.eof || c == '>' {
			break
		}
		z.end--
		z.readTagAttrKey()
		z.readTagAttrVal()
		if saveAttr && z.pending[0].start != z.pending[0].end && z.newKey(z.pending[0]) {
			z.attrs = append(z.attrs, z.pending)
		}
		if z.skipWhiteSpace(); z.eof {
			break
		}
	}
}

// newKeyScan is the number of attributes up to which newKey compares
// keys one by one; beyond, it keeps them in a map.
const newKeyScan = 16

// newKey reports whether the attribute key k (any case) is none of the
// kept attributes' keys.
func (z *tokenizer) newKey(k span) bool {
	key := z.src[k.start:k.end]
	if len(z.attrs) < newKeyScan {
		for _, a := range z.attrs {
			if equalFoldBytes(z.src[a[0].start:a[0].end], key) {
				return false
			}
		}
		return true
	}
	if z.seen == nil {
		z.seen = make(map[string]bool, 2*len(z.attrs))
		for _, a := range z.attrs {
			z.seen[string(lowerASCII(nil, z.src[a[0].start:a[0].end]))] = true
		}
	}
	low := lowerASCII(nil, key) // as x/net/html, which lowers ASCII letters only
	if z.seen[string(low)] {
		return false
	}
	z.seen[string(low)] = true
	return true
}

// readTagName sets data to the "div" of "<div k=v>"; its first byte has
// been read.
func (z *tokenizer) readTagName() {
	z.data.start = z.end - 1
	for i := z.end; i < len(z.src); i++ {
		switch class[z.src[i]] {
		case cSpace:
			z.end = i + 1
			z.data.end = i
			return
		case cSlash, cGT:
			z.end = i
			z.data.end = i
			return
		}
	}
	z.end = len(z.src)
	z.eof = true
	z.data.end = z.end
}

// readTagAttrKey sets pending[0] to the "k" of "<div k=v>".
func (z *tokenizer) readTagAttrKey() {
	z.pending[0].start = z.end
	for i := z.end; i < len(z.src); i++ {
		switch class[z.src[i]] {
		case cEq:
			if i == z.pending[0].start {
				continue // an '=' first is part of the name
			}
			fallthrough
		case cSpace, cSlash, cGT:
			z.end = i
			z.pending[0].end = i
			return
		}
	}
	z.end = len(z.src)
	z.eof = true
	z.pending[0].end = z.end
}

// readTagAttrVal sets pending[1] to the "v" of "<div k=v>".
func (z *tokenizer) readTagAttrVal() {
	z.pending[1] = span{z.end, z.end}
	if z.skipWhiteSpace(); z.eof {
		return
	}
	c := z.readByte()
	if z.eof {
		return
	}
	if c == '/' {
		return
	}
	if c != '=' {
		z.end--
		return
	}
	if z.skipWhiteSpace(); z.eof {
		return
	}
	quote := z.readByte()
	if z.eof {
		return
	}
	switch quote {
	case '>':
		z.end--
		return
	case '\'', '"':
		z.pending[1].start = z.end
		if z.skipTo(quote) {
			z.pending[1].end = z.end - 1
		} else {
			z.pending[1].end = z.end
		}
	default:
		z.pending[1].start = z.end - 1
		for i := z.end; i < len(z.src); i++ {
			switch class[z.src[i]] {
			case cSpace:
				z.end = i + 1
				z.pending[1].end = i
				return
			case cGT:
				z.end = i
				z.pending[1].end = i
				return
			}
		}
		z.end = len(z.src)
		z.eof = true
		z.pending[1].end = z.end
	}
}

// equalFoldASCII reports whether b is s (lower case) with any ASCII
// letters of b in upper case.
func equalFoldASCII(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// equalFoldBytes reports whether a and b are equal with ASCII letters
// lower-cased.
func equalFoldBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		c, d := a[i], b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// lowerASCII appends b to dst with its ASCII letters lower-cased.
func lowerASCII(dst, b []byte) []byte {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
