package diag

import (
	"strings"
	"testing"
)

// ExplainYAML never panics and always names a line of the text, whatever
// the lines, the parser's line and its message.
func FuzzExplainYAML(f *testing.F) {
	for _, seed := range []string{
		"title: \"T\ndate: 1", "tags: [a, b\nx: 1", "a: {b: 1\nc: 2", "description the page\nw: 3",
		"\ttitle: T", "title: Flu: what", "title: \"A\" more", "a:\n  - b\n - c", "'", "- \"", ": ", "#", "",
	} {
		for _, msg := range []string{"did not find expected ',' or ']'", "did not find expected ',' or '}'",
			"could not find expected ':'", "found a tab character that violates indentation", "found unexpected end of stream",
			"mapping values are not allowed in this context", "did not find expected key", "unknown anchor 'x' referenced",
			"found character that cannot start any token", "something else"} {
			f.Add(seed, 1, msg)
			f.Add(seed, 0, msg)
			f.Add(seed, 99, msg)
		}
	}
	f.Fuzz(func(t *testing.T, text string, line int, msg string) {
		lines := strings.Split(text, "\n")
		pr := ExplainYAML(lines, line, msg)
		if pr.Line < 1 || pr.Line > len(lines) {
			t.Errorf("line %d outside 1..%d", pr.Line, len(lines))
		}
		if pr.Msg == "" && msg != "" || pr.Fix == "" {
			t.Errorf("empty message or fix: %+v", pr)
		}
	})
}
