package diag

import (
	"strings"
	"unicode/utf8"
)

// YAMLProblem is what went wrong in a YAML text, placed where it starts.
type YAMLProblem struct {
	// Line is the 1-based line of the YAML text where the problem starts
	// (the line that opens the unclosed bracket or quote, the key without
	// its colon…); Col is its 1-based column, 0 when the whole line.
	Line, Col int
	// Msg says what is wrong, Fix how to fix it.
	Msg, Fix string
}

// ExplainYAML places a YAML parser error (yaml.v2 or yaml.v3; msg without
// its "yaml: line N: " prefix) in lines, the YAML text split into lines,
// at the line where the problem starts, and says what to do about that
// kind of mistake. The parsers name the line where they noticed the
// problem, often the line after it (a missing ] is noticed on the next
// key; an unclosed quote at the end of the text), so ExplainYAML looks for
// the cause in the text: line is the parser's 1-based line, a hint used
// when the text shows nothing (0 when the parser named none).
func ExplainYAML(lines []string, line int, msg string) YAMLProblem {
	if len(lines) == 0 {
		return YAMLProblem{max(line, 0), 0, msg, "check the YAML"}
	}
	if line > len(lines) {
		line = len(lines)
	}
	hint := line
	if hint < 1 {
		hint = 1
	}
	const quoteFix = "put a value that contains : # [ ] { } or starts with a quote in quotes"
	switch {
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		if l, c, ok := unclosed(lines, hint, '[', ']'); ok {
			return YAMLProblem{l, c, "the list opened with [ is never closed", "end the list on the same line with ], e.g. tags: [flu, vaccines]"}
		}
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		if l, c, ok := unclosed(lines, hint, '{', '}'); ok {
			return YAMLProblem{l, c, "the map opened with { is never closed", "end it on the same line with }, e.g. geo: {latitude: 38.9, longitude: -76.9}"}
		}
	case strings.Contains(msg, "could not find expected ':'"):
		if l, ok := noColon(lines, hint); ok {
			return missingColon(lines, l)
		}
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "cannot start any token"):
		if l, ok := tabbed(lines, hint); ok && (l == hint || strings.Contains(msg, "tab character")) {
			return YAMLProblem{l, 1, "the line is indented with a tab", "indent with spaces, never tabs"}
		}
	}
	// An unclosed quote is noticed at the end of the text, or lines later
	// where the quote happens to close ("did not find expected key",
	// "mapping values are not allowed" on the line after that quote). The
	// parsers that name the line where a block started may name one
	// above the quote: look as far as the end then.
	limit := hint
	if strings.Contains(msg, "end of stream") || strings.Contains(msg, "did not find expected") ||
		strings.Contains(msg, "could not find expected ':'") {
		limit = len(lines)
	}
	if l, c, q, ok := openQuote(lines, limit); ok {
		return YAMLProblem{l, c, "the quote " + string(q) + " opened here is never closed on this line",
			"end the value with " + string(q) + " on the same line, or leave out the quote"}
	}
	if l, c, ok := textAfterQuote(lines, limit); ok {
		return YAMLProblem{l, c, "text follows the closing quote",
			"put the whole value in quotes, e.g. title: '\"Flu\" shots for adults'"}
	}
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		l := hint
		if c := valueWithColon(lines[l-1]); c > 0 {
			return YAMLProblem{l, c, "the value holds \": \", which YAML reads as another key",
				`put the value in quotes (title: "Diabetes: what to know"), or start a setting that belongs inside another on its own line, indented under it`}
		}
		// "title Flu\ndescription: …" reads as one key over two lines.
		if l > 1 {
			if p, ok := noColon(lines, l-1); ok && p == l-1 {
				return missingColon(lines, p)
			}
		}
		if b, ok := badIndent(lines, 1); ok {
			l = b
		}
		return YAMLProblem{l, 0, "this line is indented under a key that already has a value",
			"start it in the same column as the keys above it, or put the value in quotes if it goes on from the line above"}
	case strings.Contains(msg, "did not find expected key"),
		strings.Contains(msg, "did not find expected '-' indicator"):
		l := hint
		if b, ok := badIndent(lines, 1); ok {
			l = b
		}
		return YAMLProblem{l, 0, "this line's indentation does not match the lines above it",
			"start keys at the same level in the same column, and list items (- …) in the same column"}
	case strings.Contains(msg, "unknown anchor"), strings.Contains(msg, "found character that cannot start any token"),
		strings.Contains(msg, "expected alphabetic or numeric character"):
		l := reserved(lines, hint)
		return YAMLProblem{l, valueStart(lines[l-1]), "a value starts with a character YAML reserves (* & @ ` % !)",
			"put the value in quotes, e.g. title: \"*New* hours\""}
	case strings.Contains(msg, "tab character"):
		return YAMLProblem{hint, 0, msg, "indent with spaces, never tabs"}
	case strings.Contains(msg, "end of stream"), strings.Contains(msg, "did not find expected node content"),
		strings.Contains(msg, "did not find expected ','"):
		return YAMLProblem{hint, 0, msg, "a quote or bracket opened on this line or above is never closed; close it"}
	}
	return YAMLProblem{hint, 0, msg, "check the YAML on this line; " + quoteFix}
}

// unclosed finds the last line from 1 to last (and the one after) that
// opens the bracket open more often than it closes it, outside quotes, and
// the column of its last unmatched open.
func unclosed(lines []string, last int, open, close byte) (int, int, bool) {
	for l := min(last+1, len(lines)); l >= 1; l-- {
		depth, at := 0, -1
		var stack []int
		s := lines[l-1]
		var q byte
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case q != 0:
				if c == q {
					q = 0
				}
			case c == '"' || c == '\'':
				q = c
			case c == '#' && (i == 0 || s[i-1] == ' '):
				i = len(s)
			case c == open:
				depth++
				stack = append(stack, i)
			case c == close && depth > 0:
				depth--
				stack = stack[:len(stack)-1]
			}
		}
		if depth > 0 {
			at = stack[len(stack)-1]
			return l, utf8.RuneCountInString(s[:at]) + 1, true
		}
		if l <= last-8 {
			break // too far above to be the cause
		}
	}
	return 0, 0, false
}

// missingColon is the problem of line l, a key without its colon.
func missingColon(lines []string, l int) YAMLProblem {
	key := strings.TrimSpace(lines[l-1])
	if i := strings.IndexAny(key, " \t"); i > 0 {
		key = key[:i]
	}
	return YAMLProblem{l, 0, "this line has no colon after its key", "write the key, a colon and a space, then the value, e.g. " + key + ": …"}
}

// noColon finds the line at or above last (or just after it) that is
// neither blank, a comment, a list item, nor holds a colon.
func noColon(lines []string, last int) (int, bool) {
	for l := last; l >= 1 && l >= last-2; l-- {
		t := strings.TrimSpace(lines[l-1])
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "-") || strings.Contains(t, ":") {
			continue
		}
		return l, true
	}
	return 0, false
}

// tabbed finds the line with a tab in its indentation: last itself, else
// the line after it (yaml.v3 may name the line before), else the nearest
// above.
func tabbed(lines []string, last int) (int, bool) {
	has := func(l int) bool {
		s := lines[l-1]
		t := strings.TrimLeft(s, " \t")
		return strings.Contains(s[:len(s)-len(t)], "\t")
	}
	if has(last) {
		return last, true
	}
	if last < len(lines) && has(last+1) {
		return last + 1, true
	}
	for l := last - 1; l >= 1; l-- {
		if has(l) {
			return l, true
		}
	}
	return 0, false
}

// openQuote finds the first line up to last whose value starts with a
// quote that the line does not close, and the quote's column.
func openQuote(lines []string, last int) (int, int, byte, bool) {
	for l := 1; l <= last && l <= len(lines); l++ {
		s := lines[l-1]
		i := valueAt(s)
		if i < 0 {
			continue
		}
		q := s[i]
		if q != '"' && q != '\'' {
			continue
		}
		if !closes(s[i+1:], q) {
			return l, valueStart(s), q, true
		}
	}
	return 0, 0, 0, false
}

// closes reports whether the quoted text rest (after its opening quote q)
// ends on this line.
func closes(rest string, q byte) bool {
	for i := 0; i < len(rest); i++ {
		switch {
		case q == '"' && rest[i] == '\\':
			i++
		case q == '\'' && rest[i] == '\'' && i+1 < len(rest) && rest[i+1] == '\'':
			i++
		case rest[i] == q:
			return true
		}
	}
	return false
}

// textAfterQuote finds the first line up to last whose quoted value is
// followed by more text, and the column of that text.
func textAfterQuote(lines []string, last int) (int, int, bool) {
	for l := 1; l <= last && l <= len(lines); l++ {
		s := lines[l-1]
		i := valueAt(s)
		if i < 0 {
			continue
		}
		v := valueStart(s)
		q := s[i]
		if q != '"' && q != '\'' {
			continue
		}
		j := strings.IndexByte(s[i+1:], q)
		if j < 0 {
			continue
		}
		after := strings.TrimSpace(s[i+1+j+1:])
		if after != "" && !strings.HasPrefix(after, "#") && after[0] != ',' && after[0] != ']' && after[0] != '}' {
			return l, v, true
		}
	}
	return 0, 0, false
}

// valueStart returns the 1-based column where the value of a "key: value"
// or "- value" line starts, or 0.
func valueStart(s string) int {
	j := valueAt(s)
	if j < 0 {
		return 0
	}
	return utf8.RuneCountInString(s[:j]) + 1
}

// valueAt returns the byte offset where the value of a "key: value" or
// "- value" line starts, or -1.
func valueAt(s string) int {
	i := strings.Index(s, ": ")
	j := i + 2
	if i < 0 {
		t := strings.TrimLeft(s, " ")
		if !strings.HasPrefix(t, "- ") {
			return -1
		}
		j = len(s) - len(t) + 2
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) {
		return -1
	}
	return j
}

// valueWithColon is the column where a "key: value" line's value starts
// when the value itself holds ": ", else 0.
func valueWithColon(s string) int {
	i := strings.Index(s, ": ")
	if i < 0 || !strings.Contains(s[i+2:], ": ") {
		return 0
	}
	return valueStart(s)
}

// badIndent finds the first line from line from on whose indentation
// fits none of the lines above it: deeper than the line before when that
// line already has a value, or between two levels.
func badIndent(lines []string, from int) (int, bool) {
	stack := []int{0}
	prev := ""
	for l := 1; l <= len(lines); l++ {
		s := lines[l-1]
		t := strings.TrimLeft(s, " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		n := len(s) - len(t)
		top := stack[len(stack)-1]
		bad := false
		switch {
		case n > top:
			p := strings.TrimSpace(stripComment(prev))
			if strings.HasSuffix(p, ":") || strings.HasPrefix(p, "- ") || p == "-" || strings.HasSuffix(p, "|") || strings.HasSuffix(p, ">") {
				stack = append(stack, n)
			} else {
				bad = true
			}
		case n < top:
			for len(stack) > 1 && stack[len(stack)-1] > n {
				stack = stack[:len(stack)-1]
			}
			bad = stack[len(stack)-1] != n
		}
		if bad && l >= from {
			return l, true
		}
		prev = s
	}
	return 0, false
}

// stripComment removes a YAML comment (a # after a space, outside quotes)
// from the end of a line.
func stripComment(s string) string {
	var q byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return s[:i]
		}
	}
	return s
}

// reserved finds the line whose value starts with a character YAML
// reserves: hint itself, else the first such line (yaml.v2 names no line
// for an unknown anchor), else hint.
func reserved(lines []string, hint int) int {
	starts := func(l int) bool {
		s := lines[l-1]
		i := valueAt(s)
		return i >= 0 && strings.IndexByte("*&@`%!", s[i]) >= 0
	}
	if starts(hint) {
		return hint
	}
	for l := 1; l <= len(lines); l++ {
		if starts(l) {
			return l
		}
	}
	return hint
}
