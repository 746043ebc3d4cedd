package markdown

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// state is everything about one Parse call. It travels through goldmark in
// the parser.Context, so the shared goldmark instance holds none of it.
type state struct {
	p    *Parser
	path string
	// src is the normalised file (no BOM, LF line ends); diagnostics quote it.
	src []byte
	// gsrc is what goldmark parses: src with empty YAML list items rewritten.
	// It has the same lines as src, and the same bytes after the front matter.
	gsrc       []byte
	bodyStart  int   // offset of the first body byte in gsrc
	lineStarts []int // offsets in gsrc where each line starts
	diags      diag.List

	headings []Heading
	links    []Link
	images   []Image
	mdLinks  []mdLink
	prose    []byte
	textBuf  []byte // scratch for plainText
	moreAt   int    // length of prose at <!--more-->, -1 when absent
	// prose[firstStart:firstEnd] is the first top-level paragraph
	// (firstEnd 0: none yet).
	firstStart, firstEnd int
	hnodes               []headingNode // the headings, for outline
	h1                   bool          // the body has a level-1 heading
	pc                   parser.Context
	category             string // Jekyll's category key, added to categories
	bodyLine             int    // 1-based line where the body starts (0 until known)
	dropped              int    // diagnostics left out past maxDiags
	droppedErr           bool   // one of them was an Error
	rawLine              int    // last line warned about raw HTML (one warning per line)
	split                bool   // goldmark-meta's block ended before ours (see transform)

	// yaml and yamlErr are the front matter block as goldmark-meta's block
	// parser found it, decoded by frontParser: what meta.TryGet would return.
	yaml    map[string]any
	yamlErr error
}

// frontBlock is where the front matter is, as this package decides it.
type frontBlock struct {
	closeLine int    // 1-based line of the closing ---
	end       int    // offset in src just past the closing line (and its newline)
	gend      int    // the same offset in gsrc
	gsrc      []byte // the source goldmark gets
	keys      []keyLine
}

// keyLine is a top-level front matter key and its 1-based file line.
type keyLine struct {
	key  string
	line int
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// normalise strips a UTF-8 BOM, turns CRLF (and a lone CR) into LF and
// rejects files that are
// not UTF-8 or hold nothing but whitespace. raw is never modified.
func (st *state) normalise(raw []byte) ([]byte, bool) {
	src := bytes.TrimPrefix(raw, bom)
	if bytes.IndexByte(src, '\r') >= 0 {
		// CRLF becomes LF. A lone CR (old Mac files) also becomes LF: YAML
		// and editors treat it as a line break, so lines agree everywhere.
		out := make([]byte, 0, len(src))
		for i := 0; i < len(src); i++ {
			c := src[i]
			if c == '\r' {
				if i+1 < len(src) && src[i+1] == '\n' {
					continue
				}
				c = '\n'
			}
			out = append(out, c)
		}
		src = out
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line, col := diag.LineCol(src, off)
		st.src = src
		st.add(diag.Error, "not-utf8", line, col, "save it as UTF-8", "file is not UTF-8 text")
		d := &st.diags[len(st.diags)-1]
		d.Source = strings.ToValidUTF8(d.Source, "\uFFFD")
		return nil, false
	}
	if len(bytes.TrimSpace(src)) == 0 {
		st.add(diag.Error, "empty-file", 0, 0,
			"start it with front matter (---, title: ..., ---) followed by the text",
			"file is empty")
		return nil, false
	}
	return src, true
}

// isFence reports whether line is "---" followed only by spaces or tabs.
func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// dashOnly reports whether t (already trimmed) is one or more dashes:
// the lines goldmark-meta v1.1.0 treats as the end of the front matter.
func dashOnly(t []byte) bool {
	if len(t) == 0 {
		return false
	}
	for _, c := range t {
		if c != '-' {
			return false
		}
	}
	return true
}

func trimBlank(b []byte) []byte { return bytes.Trim(b, " \t") }

// stripComment drops a trailing " # comment" (approximate: ignores quotes).
func stripComment(t []byte) []byte {
	if i := bytes.Index(t, []byte(" #")); i >= 0 {
		t = t[:i]
	}
	return bytes.TrimRight(t, " \t")
}

// opensBlockScalar reports whether a YAML line ends with a block scalar
// indicator (| or > with optional chomping/indent), so the lines below it
// that are more indented are text, not YAML.
func opensBlockScalar(t []byte) bool {
	t = stripComment(t)
	i := bytes.LastIndexByte(t, ' ')
	if i < 0 {
		return false
	}
	tok := t[i+1:]
	if len(tok) == 0 || (tok[0] != '|' && tok[0] != '>') {
		return false
	}
	for _, c := range tok[1:] {
		if c != '-' && c != '+' && (c < '1' || c > '9') {
			return false
		}
	}
	return true
}

// yamlLine is what scanFront remembers about a content line of the block.
type yamlLine struct {
	indent int
	seq    bool // a sequence entry: "- ..." or "-"
	open   bool // ends with ':' (a key whose value starts below)
}

// scanFront finds the front matter block, rewrites empty list items so that
// goldmark-meta sees exactly this block, and records the top-level keys.
func (st *state) scanFront(src []byte) (frontBlock, bool) {
	var fb frontBlock
	first := src
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		first = src[:i]
	}
	if !isFence(first) {
		st.noFront(src)
		return fb, false
	}
	var (
		rewrites     []int // offsets of the '-' of empty list items
		history      []yamlLine
		inScalar     bool
		scalarIndent int
		failed       bool
	)
	off, ln := len(first)+1, 2
	closed := false
	for off <= len(src) {
		e := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			e = off + i
		}
		line := src[off:e]
		if isFence(line) {
			closed = true
			fb.closeLine = ln
			fb.end = e + 1
			if fb.end > len(src) {
				fb.end = len(src)
			}
			break
		}
		if bytes.ContainsAny(line, "\v\f") {
			// goldmark takes a line of such spaces for a blank line that
			// ends the front matter; YAML does not accept them either.
			st.add(diag.Error, "frontmatter-control", ln, 0, "delete it (retype the line if you cannot see it)",
				"front matter line has an invisible form feed or vertical tab character")
			failed = true
			if e == len(src) {
				break
			}
			off, ln = e+1, ln+1
			continue
		}
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		t := trimBlank(line)
		blank := len(t) == 0
		// What goldmark-meta sees: it trims every ASCII space character
		// (also \v, \f, \r) and closes the block at a line of dashes.
		lead := len(line) - len(util.TrimLeftSpace(line))
		dashes := dashOnly(util.TrimRightSpace(line[lead:]))
		if inScalar && (blank || indent > scalarIndent) {
			if dashes {
				st.add(diag.Error, "frontmatter-dashes", ln, 0,
					"add words to that line, or write the value as one quoted string",
					"a line of only dashes inside a block of text would end the front matter early")
				failed = true
			}
		} else {
			inScalar = false
			switch {
			case dashes:
				if string(t) == "-" && lead == indent && inList(history, indent) {
					rewrites = append(rewrites, off+indent)
					history = append(history, yamlLine{indent: indent, seq: true})
					break
				}
				st.add(diag.Error, "frontmatter-dashes", ln, 0,
					"remove it; if it was meant to end the front matter, write exactly ---",
					"a line of only dashes inside the front matter")
				failed = true
			case blank || t[0] == '#':
				// nothing
			default:
				if indent == 0 {
					if k, ok := topKey(t); ok {
						for _, kl := range fb.keys {
							switch {
							case kl.key == k:
								st.add(diag.Error, "frontmatter-duplicate", ln, 0, "keep only one of them",
									"front matter key %q appears twice (lines %d and %d)", k, kl.line, ln)
								failed = true
							case strings.EqualFold(kl.key, k):
								// Keys are matched ignoring case: these are one key.
								st.add(diag.Error, "frontmatter-duplicate", ln, 0, "keep only one of them",
									"front matter keys %q (line %d) and %q (line %d) differ only in case, and case does not matter",
									kl.key, kl.line, k, ln)
							}
						}
						fb.keys = append(fb.keys, keyLine{key: k, line: ln})
					}
				}
				c := stripComment(t)
				history = append(history, yamlLine{
					indent: indent,
					seq:    t[0] == '-' && (len(t) == 1 || t[1] == ' ' || t[1] == '\t'),
					open:   len(c) > 0 && c[len(c)-1] == ':',
				})
				if opensBlockScalar(t) {
					inScalar, scalarIndent = true, indent
				}
			}
		}
		if e == len(src) {
			break
		}
		off, ln = e+1, ln+1
	}
	if !closed {
		st.add(diag.Error, "frontmatter-unclosed", 1, 0,
			"add a line with only --- after the last field", "front matter never closes")
		return fb, false
	}
	if failed {
		return fb, false
	}
	fb.gsrc, fb.gend = src, fb.end
	if len(rewrites) > 0 {
		const null = " null"
		g := make([]byte, 0, len(src)+len(rewrites)*len(null))
		prev := 0
		for _, at := range rewrites {
			// Replace everything after the dash up to the newline.
			e := at + 1 + bytes.IndexByte(src[at+1:], '\n')
			g = append(g, src[prev:at+1]...)
			g = append(g, null...)
			prev = e
		}
		g = append(g, src[prev:]...)
		fb.gsrc = g
		fb.gend += len(g) - len(src)
	}
	return fb, true
}

// inList reports whether a lone "-" at indent continues a YAML list: the
// nearest earlier line indented no deeper is a list entry at the same indent,
// or a key whose value starts below.
func inList(history []yamlLine, indent int) bool {
	for i := len(history) - 1; i >= 0; i-- {
		h := history[i]
		if h.indent > indent {
			continue
		}
		return (h.seq && h.indent == indent) || h.open
	}
	return false
}

// noFront explains why a file has no usable front matter.
func (st *state) noFront(src []byte) {
	off, ln := 0, 1
	for off < len(src) {
		e := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			e = off + i
		}
		line := src[off:e]
		if len(trimBlank(line)) > 0 {
			switch {
			case isFence(line) && ln > 1:
				st.add(diag.Error, "frontmatter-start", ln, 0, "delete the blank lines above ---",
					"front matter must start on the very first line")
			case string(bytes.TrimRight(line, " \t")) == "+++":
				st.add(diag.Error, "frontmatter-toml", ln, 0,
					"write the front matter as YAML between two lines of ---",
					"TOML front matter (+++) is not supported")
			case string(trimBlank(line)) == "---":
				st.add(diag.Error, "frontmatter-start", ln, 0, "remove the spaces before ---",
					"the front matter must start with a line of exactly ---")
			default:
				st.add(diag.Error, "frontmatter-missing", 1, 0,
					"start the file with a line ---, then title: Your title, then another line ---",
					"file has no front matter, so the page has no title")
			}
			return
		}
		off, ln = e+1, ln+1
	}
}

// topKey returns the key of a top-level "key: value" line (t trimmed,
// starting at column 1). Known keys are returned without allocating.
func topKey(t []byte) (string, bool) {
	var k []byte
	switch t[0] {
	case '"', '\'':
		j := bytes.IndexByte(t[1:], t[0])
		if j < 0 {
			return "", false
		}
		k = t[1 : 1+j]
		rest := bytes.TrimLeft(t[2+j:], " \t")
		if len(rest) == 0 || rest[0] != ':' {
			return "", false
		}
	case '?', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`':
		return "", false
	default:
		for i := 0; i < len(t); i++ {
			if t[i] == ':' && (i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\t') {
				k = bytes.TrimRight(t[:i], " \t")
				break
			}
			if t[i] == '#' && i > 0 && (t[i-1] == ' ' || t[i-1] == '\t') {
				return "", false
			}
		}
		if k == nil {
			return "", false
		}
	}
	if known, ok := knownKey(k); ok {
		return known, true
	}
	return string(k), true
}

// yamlError turns a goldmark-meta (yaml.v2) error into a diagnostic at the
// real file line. yaml.v2 counts lines from the first line after the opening
// ---, which is file line 2.
func (st *state) yamlError(err error, fb frontBlock) {
	msg := err.Error()
	// yaml.v2 leaves the line out when the problem is on the block's first
	// line (its line 0), which is file line 2.
	line := 2
	if i := strings.Index(msg, "line "); i >= 0 {
		j := i + len("line ")
		k := j
		for k < len(msg) && msg[k] >= '0' && msg[k] <= '9' {
			k++
		}
		if n, err := strconv.Atoi(msg[j:k]); err == nil {
			line = n + 1
			rest := strings.TrimPrefix(msg[k:], ":")
			msg = strings.TrimSpace(rest)
			// yaml.v2 reports scanner errors with 1-based lines but parser
			// errors ("did not find expected ...") with libyaml's 0-based
			// problem line.
			if strings.HasPrefix(msg, "did not find expected") {
				line++
			}
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if line < 2 {
		line = 1
	} else if line >= fb.closeLine {
		line = fb.closeLine - 1
		if line < 2 {
			line = 1
		}
	}
	if strings.Contains(msg, "cannot unmarshal") {
		st.add(diag.Error, "frontmatter-yaml", line, 0,
			"write one key: value per line, e.g. title: Flu shots for adults",
			"front matter must be key: value lines, not a list or a single value")
		return
	}
	// The block's YAML is file lines 2 to closeLine-1; ExplainYAML finds
	// where the problem starts (the parser names where it noticed it).
	var lines []string
	for l := 2; l < fb.closeLine; l++ {
		lines = append(lines, st.sourceLine(l))
	}
	if len(lines) == 0 {
		st.add(diag.Error, "frontmatter-yaml", line, 0, "check the YAML on this line", "front matter is not valid YAML: %s", msg)
		return
	}
	pr := diag.ExplainYAML(lines, line-1, msg)
	st.add(diag.Error, "frontmatter-yaml", pr.Line+1, pr.Col, pr.Fix, "front matter is not valid YAML: %s", pr.Msg)
}

// lineStarts returns the offset where each line of src starts.
func lineStarts(src []byte) []int { return appendLineStarts(nil, src) }

// appendLineStarts appends the offset where each line of src starts to
// starts, which should be empty.
func appendLineStarts(starts []int, src []byte) []int {
	if cap(starts) == 0 {
		starts = make([]int, 0, 32+len(src)/40)
	}
	starts = append(starts, 0)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// lineOf maps an offset in gsrc to its 1-based line.
func (st *state) lineOf(off int) int {
	return sort.Search(len(st.lineStarts), func(i int) bool { return st.lineStarts[i] > off })
}

// lineCol maps an offset in gsrc to a 1-based line and rune column; it gives
// the same answer as diag.LineCol without rescanning the file.
func (st *state) lineCol(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(st.gsrc) {
		off = len(st.gsrc)
	}
	line = st.lineOf(off)
	start := st.lineStarts[line-1]
	return line, 1 + utf8.RuneCount(st.gsrc[start:off])
}
