package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFormat(t *testing.T) {
	src := []byte("---\ntitle: Flu\n\ttags: 5\n---\nSee [x](y.md).\n")
	l := List{
		Errorf("content/a.md", src, 5, 5, "check the file name", "links to %s, which does not exist", "y.md"),
		Warnf("content/a.md", src, 3, 0, "indent with spaces", "a tab in front matter"),
		{Severity: Warning, Path: "config.yaml", Msg: "clinic.geo is missing", Fix: "add latitude and longitude"},
	}
	var b bytes.Buffer
	Format(&b, l, Options{})
	want := `content/a.md:5:5: error: links to y.md, which does not exist; check the file name
  5 | See [x](y.md).
    |     ^
content/a.md:3:2: warning: a tab in front matter; indent with spaces
  3 |     tags: 5
    |     ^
config.yaml: warning: clinic.geo is missing; add latitude and longitude
`
	plain := b.String()
	if diff := cmp.Diff(want, plain); diff != "" {
		t.Errorf("Format (-want +got):\n%s", diff)
	}

	b.Reset()
	Format(&b, l[:1], Options{Color: true})
	got := b.String()
	for _, w := range []string{red + "error" + reset, bold + "content/a.md:5:5" + reset, red + "^" + reset} {
		if !strings.Contains(got, w) {
			t.Errorf("coloured output lacks %q:\n%q", w, got)
		}
	}
	if strings.Contains(plain, "\x1b") {
		t.Error("plain output has escape codes")
	}
}

func TestColumn(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want int
	}{
		{"given", Diagnostic{Line: 2, Col: 7, Source: "  x"}, 7},
		{"first non-blank", Diagnostic{Line: 2, Source: "  \tx: 1"}, 4},
		{"no source", Diagnostic{Line: 2}, 0},
		{"no line", Diagnostic{Source: "x"}, 0},
		{"blank line", Diagnostic{Line: 2, Source: "   "}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Column(); got != tt.want {
				t.Errorf("Column() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestLineOfAndLineCol(t *testing.T) {
	src := []byte("one\r\ntwo é\nthree")
	if got := LineOf(src, 1); got != "one" {
		t.Errorf("LineOf 1 = %q", got)
	}
	if got := LineOf(src, 3); got != "three" {
		t.Errorf("LineOf 3 = %q", got)
	}
	if got := LineOf(src, 4); got != "" {
		t.Errorf("LineOf past the end = %q", got)
	}
	if got := LineOf(nil, 1); got != "" {
		t.Errorf("LineOf nil = %q", got)
	}
	off := bytes.Index(src, []byte("three"))
	if l, c := LineCol(src, off); l != 3 || c != 1 {
		t.Errorf("LineCol = %d:%d, want 3:1", l, c)
	}
	off = bytes.Index(src, []byte("é")) + len("é")
	if l, c := LineCol(src, off); l != 2 || c != 6 {
		t.Errorf("LineCol after é = %d:%d, want 2:6 (runes, not bytes)", l, c)
	}
	if l, c := LineCol(src, -5); l != 1 || c != 1 {
		t.Errorf("LineCol(-5) = %d:%d", l, c)
	}
}

func TestSortSummaryJSON(t *testing.T) {
	l := List{
		{Severity: Warning, Path: "b.md", Line: 1, Msg: "m"},
		{Severity: Warning, Path: "a.md", Line: 2, Msg: "m"},
		{Severity: Error, Path: "a.md", Line: 2, Msg: "m"},
		{Severity: Error, Path: "a.md", Line: 1, Col: 3, Msg: "z"},
	}
	l.Sort()
	var order []string
	for _, d := range l {
		order = append(order, d.Pos()+" "+d.Severity.String())
	}
	want := []string{"a.md:1:3 error", "a.md:2 error", "a.md:2 warning", "b.md:1 warning"}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("Sort order (-want +got):\n%s", diff)
	}
	if got := Summary(l); got != "2 errors, 2 warnings" {
		t.Errorf("Summary = %q", got)
	}
	if got := Summary(l[:1]); got != "1 error, 0 warnings" {
		t.Errorf("Summary = %q", got)
	}
	if !l.HasErrors() || l[2:].HasErrors() {
		t.Error("HasErrors is wrong")
	}
	var b bytes.Buffer
	if err := JSON(&b, nil); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("JSON(nil) = %q, %v; want []", b.String(), err)
	}
	b.Reset()
	if err := JSON(&b, l[:1]); err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("JSON output does not parse: %v", err)
	}
	if len(back) != 1 || back[0]["severity"] != "error" {
		t.Errorf("JSON = %s", b.String())
	}
}

func TestNearest(t *testing.T) {
	known := []string{"title", "tags", "categories", "description", "lastmod", "count", "telephone"}
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"Title", "title", true},          // case only
		{"tagz", "tags", true},            // one edit
		{"categorys", "categories", true}, // one edit
		{"desc", "description", true},     // prefix
		{"lastmodified", "lastmod", true}, // the known key is a prefix
		{"cuont", "count", true},          // a swap of neighbours is one edit
		{"telephon", "telephone", true},   // prefix
		{"bogus", "", false},              // nothing close
		{"x", "", false},                  // too short to guess
	}
	for _, tt := range tests {
		got, ok := Nearest(tt.word, known)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := Nearest("tags", nil); ok {
		t.Error("Nearest with no known words suggested something")
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"content/a.md":             "content/a.md",
		"día\tsí — ok":             "día\tsí — ok",
		"x\x1b[2Jy":                `x\x1b[2Jy`,
		"a\rcontent/b.md:1: error": `a\x0dcontent/b.md:1: error`,
		"nl\nx\x00\x7f":            `nl\x0ax\x00\x7f`,
		"c1\u009b31m":              `c1\u009b31m`,
		"evil\u202egpj.md":         `evil\u202egpj.md`,
		"bad\xffbyte":              `bad\xffbyte`,
		"real \ufffd kept":         "real \ufffd kept",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// No path, message or quoted line reaches the output with a control
// character in it, and the caret still points at the right column.
func TestFormatEscapes(t *testing.T) {
	src := []byte("---\ntitle: \x1b[2Jx: y\n---\n")
	d := Errorf("content/\x1b]0;pwned\x07a\r.md", src, 2, 14, "quote the \x1b title", "bad value %q\x1b", "x")
	var b bytes.Buffer
	Format(&b, List{d}, Options{})
	want := `content/\x1b]0;pwned\x07a\x0d.md:2:14: error: bad value "x"\x1b; quote the \x1b title
  2 | title: \x1b[2Jx: y
    |                 ^
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Format (-want +got):\n%s", diff)
	}
	if e := d.Error(); strings.ContainsAny(e, "\x1b\x07\r") {
		t.Errorf("Error() = %q has control characters", e)
	}
	// JSON keeps the true bytes: the encoder escapes them itself.
	var j bytes.Buffer
	if err := JSON(&j, List{d}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(j.String(), "\x1b\x07\r") || !strings.Contains(j.String(), `\u001b]0;pwned`) {
		t.Errorf("JSON = %s", j.String())
	}
}
