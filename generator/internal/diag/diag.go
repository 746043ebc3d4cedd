// Package diag holds the one message form every stage uses for an editor's
// mistake: a Diagnostic names the file, line and column, quotes the offending
// source line, says what is wrong and how to fix it.
//
// Stages never print; they return diagnostics. The CLI formats them with
// Format (a terminal-friendly text form with a caret under the column, colour
// only when asked) or as JSON. A build fails when any diagnostic is an Error.
package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Warning is reported but does not fail a build.
	Warning Severity = iota
	// Error fails the build (exit code 1) and leaves the previous output untouched.
	Error
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText makes a Severity encode as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one message about one place in one file.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Path is slash-separated and relative to the site root, e.g.
	// "content/articles/peer-support.md" or "config.yaml".
	Path string `json:"path"`
	// Line and Col are 1-based; 0 means unknown (the whole file, or the whole line).
	Line int `json:"line,omitempty"`
	Col  int `json:"col,omitempty"`
	// Msg says what is wrong, Fix how to fix it. Both are plain sentences
	// without a trailing full stop.
	Msg string `json:"message"`
	Fix string `json:"fix,omitempty"`
	// Source is the offending source line, without its newline, if known.
	Source string `json:"source,omitempty"`
	// Code is a short stable identifier for machines and tests, e.g. "frontmatter-yaml".
	Code string `json:"code,omitempty"`
}

// Error formats the diagnostic on one line: "path:line:col: msg; fix".
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Pos())
	b.WriteString(": ")
	b.WriteString(Escape(d.Msg))
	if d.Fix != "" {
		b.WriteString("; ")
		b.WriteString(Escape(d.Fix))
	}
	return b.String()
}

// Pos returns "path", "path:line" or "path:line:col", the path escaped
// (see Escape).
func (d Diagnostic) Pos() string {
	path := Escape(d.Path)
	switch col := d.Column(); {
	case d.Line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d", path, d.Line, col)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", path, d.Line)
	}
	return path
}

// Escape returns s with every character that could act on a terminal or
// hide text written %q-style: C0 and C1 control characters and DEL
// ("\x1b", "\u009b"), the bidirectional overrides and isolates
// ("\u202e"), and invalid UTF-8 bytes ("\xff"). A file name or a quoted
// YAML line then cannot clear the screen, colour the output or forge a
// diagnostic line, on a terminal or in a CI log. Every path, message and
// quoted line a diagnostic prints goes through it; a tab stays a tab.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if escaped(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(escapeRune(s[i:i+n], r, n))
		i += n
	}
	return b.String()
}

// escaped reports whether the rune r (n bytes long) is written escaped.
func escaped(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// escapeRune returns the text Escape writes for the rune r spelt raw.
func escapeRune(raw string, r rune, n int) string {
	switch {
	case !escaped(r, n):
		return raw
	case r == utf8.RuneError:
		return fmt.Sprintf(`\x%02x`, raw[0])
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// Column is Col, or, when only the line is known and quoted, the column of
// the line's first non-blank character, so every message with a line also
// has a column and a caret.
func (d Diagnostic) Column() int {
	if d.Col > 0 || d.Line <= 0 || d.Source == "" {
		return d.Col
	}
	col := 1
	for _, r := range d.Source {
		if r != ' ' && r != '\t' {
			return col
		}
		col++
	}
	return 0
}

// At returns a diagnostic for path at line/col, quoting that line of src
// (src may be nil). Line and col are 1-based; 0 means unknown.
func At(sev Severity, path string, src []byte, line, col int, msg, fix string) Diagnostic {
	return Diagnostic{Severity: sev, Path: path, Line: line, Col: col, Msg: msg, Fix: fix, Source: LineOf(src, line)}
}

// Errorf is At with Error severity and a formatted message; fix is taken verbatim.
func Errorf(path string, src []byte, line, col int, fix, format string, args ...any) Diagnostic {
	return At(Error, path, src, line, col, fmt.Sprintf(format, args...), fix)
}

// Warnf is At with Warning severity and a formatted message; fix is taken verbatim.
func Warnf(path string, src []byte, line, col int, fix, format string, args ...any) Diagnostic {
	return At(Warning, path, src, line, col, fmt.Sprintf(format, args...), fix)
}

// LineOf returns line n (1-based) of src without its line ending, or "".
func LineOf(src []byte, n int) string {
	if n <= 0 || src == nil {
		return ""
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimRight(string(src), "\r")
}

// LineCol converts a byte offset in src into a 1-based line and column
// (column counted in runes).
func LineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col = 1 + len([]rune(string(src[start:off])))
	return line, col
}

// List is a set of diagnostics from one run.
type List []Diagnostic

// Errors counts the diagnostics with Error severity.
func (l List) Errors() int { return l.count(Error) }

// Warnings counts the diagnostics with Warning severity.
func (l List) Warnings() int { return l.count(Warning) }

func (l List) count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool { return l.Errors() > 0 }

// Sort orders diagnostics by path, line, column, message, then errors
// before warnings, so output is stable however the stages ran in parallel.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Msg != b.Msg {
			return a.Msg < b.Msg
		}
		return a.Severity > b.Severity // errors first
	})
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ErrList(l)
}

// ErrList is a List that failed a run; its Error method joins the errors.
type ErrList List

func (e ErrList) Error() string {
	var parts []string
	for _, d := range e {
		if d.Severity == Error {
			parts = append(parts, d.Error())
		}
	}
	return strings.Join(parts, "\n")
}

// Options control Format.
type Options struct {
	// Color adds ANSI colour; the CLI sets it only on a terminal without NO_COLOR.
	Color bool
}

const (
	red    = "\x1b[1;31m"
	yellow = "\x1b[1;33m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// Format writes each diagnostic in the editor-facing form:
//
//	content/articles/x.md:3:7: error: tags must be a list; write tags: [a, b]
//	    3 | tags: 5
//	      |       ^
//
// and no closing count (see Summary).
func Format(w io.Writer, l List, o Options) {
	for _, d := range l {
		sev := d.Severity.String()
		if o.Color {
			c := yellow
			if d.Severity == Error {
				c = red
			}
			sev = c + sev + reset
		}
		pos := d.Pos()
		if o.Color {
			pos = bold + pos + reset
		}
		fmt.Fprintf(w, "%s: %s: %s", pos, sev, Escape(d.Msg))
		if d.Fix != "" {
			fmt.Fprintf(w, "; %s", Escape(d.Fix))
		}
		fmt.Fprintln(w)
		if d.Source != "" && d.Line > 0 {
			num := fmt.Sprintf("%d", d.Line)
			src := strings.ReplaceAll(Escape(d.Source), "\t", "    ")
			fmt.Fprintf(w, "  %s | %s\n", num, src)
			if col := d.Column(); col > 0 {
				pad := caretPad(d.Source, col)
				caret := "^"
				if o.Color {
					caret = red + caret + reset
				}
				fmt.Fprintf(w, "  %s | %s%s\n", strings.Repeat(" ", len(num)), pad, caret)
			}
		}
	}
}

// caretPad returns the spaces that put a caret under rune column col of line,
// expanding tabs and escaping characters the way Format prints them.
func caretPad(line string, col int) string {
	n := 0
	i := 1
	for j, r := range line {
		if i >= col {
			break
		}
		_, size := utf8.DecodeRuneInString(line[j:])
		switch {
		case r == '\t':
			n += 4
		case escaped(r, size):
			n += len(escapeRune(line[j:j+size], r, size))
		default:
			n++
		}
		i++
	}
	if i < col {
		n += col - i
	}
	return strings.Repeat(" ", n)
}

// Summary returns the closing count, e.g. "2 errors, 5 warnings".
func Summary(l List) string {
	return plural(l.Errors(), "error") + ", " + plural(l.Warnings(), "warning")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// JSON writes the list as a JSON array (an empty list as []).
func JSON(w io.Writer, l List) error {
	if l == nil {
		l = List{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(l)
}
