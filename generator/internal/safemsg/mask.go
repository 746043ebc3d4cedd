package safemsg

import "bytes"

// maskLower returns body with the parts the lint skips — fenced code
// blocks, inline code spans and HTML comments — overwritten with spaces,
// and A–Z lower-cased. Line breaks are kept and the length does not
// change, so a byte offset in the result is the same offset in body.
func maskLower(body []byte) string {
	b := make([]byte, len(body))
	for i, c := range body {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	// Masking reads only the characters ` ~ < ! - > and white space, which
	// lower-casing leaves as they are.
	maskFences(b, blank)
	maskComments(b, blank)
	maskCodeSpans(b, blank)
	return string(b)
}

// maskFences blanks fenced code blocks, fences included. A fence is a line
// that starts with three or more backticks or tildes; it closes at a line
// of at least as many of the same character, or at the end of the body, as
// in CommonMark. Unlike CommonMark, any indentation is allowed, so fences
// nested in list items are found too.
func maskFences(b []byte, blank func(from, to int)) {
	open := -1 // offset of the opening fence line, or -1
	var char byte
	var length int
	for off := 0; off < len(b); {
		end := bytes.IndexByte(b[off:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += off
		}
		line := b[off:end]
		c, n, rest := fence(line)
		switch {
		case open < 0 && n > 0 && !(c == '`' && bytes.IndexByte(rest, '`') >= 0):
			open, char, length = off, c, n
		case open >= 0 && c == char && n >= length && len(bytes.TrimSpace(rest)) == 0:
			blank(open, end)
			open = -1
		}
		off = end + 1
	}
	if open >= 0 {
		blank(open, len(b))
	}
}

// fence returns the fence character and length that start line (after
// its indentation), and the rest of the line; n is 0 when there is none.
func fence(line []byte) (c byte, n int, rest []byte) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i >= len(line) || (line[i] != '`' && line[i] != '~') {
		return 0, 0, nil
	}
	c = line[i]
	j := i
	for j < len(line) && line[j] == c {
		j++
	}
	if j-i < 3 {
		return 0, 0, nil
	}
	return c, j - i, line[j:]
}

// maskComments blanks HTML comments; an unclosed one runs to the end.
func maskComments(b []byte, blank func(from, to int)) {
	for off := 0; off < len(b); {
		i := bytes.Index(b[off:], []byte("<!--"))
		if i < 0 {
			return
		}
		start := off + i
		j := bytes.Index(b[start+4:], []byte("-->"))
		if j < 0 {
			blank(start, len(b))
			return
		}
		end := start + 4 + j + 3
		blank(start, end)
		off = end
	}
}

// maskCodeSpans blanks inline code: a run of n backticks up to the next
// run of exactly n backticks in the same paragraph. A run without a match
// is literal text.
func maskCodeSpans(s []byte, blank func(from, to int)) {
	// blank writes to s, but only behind i: what is ahead is as it was.
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := run(s, i)
		closeAt := -1
		for j := i + n; j < len(s); {
			if s[j] == '\n' && paragraphEnds(s, j) {
				break
			}
			if s[j] != '`' {
				j++
				continue
			}
			m := run(s, j)
			if m == n {
				closeAt = j
				break
			}
			j += m
		}
		if closeAt < 0 {
			i += n
			continue
		}
		blank(i, closeAt+n)
		i = closeAt + n
	}
}

// run returns the length of the run of s[i] starting at i.
func run(s []byte, i int) int {
	j := i
	for j < len(s) && s[j] == s[i] {
		j++
	}
	return j - i
}

// paragraphEnds reports whether the newline at s[i] is followed by a blank
// line.
func paragraphEnds(s []byte, i int) bool {
	rest := bytes.TrimLeft(s[i+1:], " \t\r")
	return len(rest) == 0 || rest[0] == '\n'
}
