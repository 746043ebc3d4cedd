package locate

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// TestQuote: a message on a line of a parsed Markdown file quotes the
// line, read again from the site; others are left as they are.
func TestQuote(t *testing.T) {
	files := map[string][]byte{"content/a.md": []byte("---\ntags: [x]\n---\nBody line\n")}
	parsed := func(path string) bool { return path == "content/a.md" }
	ds := diag.List{
		{Path: "content/a.md", Line: 2},
		{Path: "content/a.md", Line: 4},
		{Path: "content/a.md", Line: 4, Source: "as it was"},
		{Path: "content/a.md", Line: 9},
		{Path: "content/gone.md", Line: 1},
		{Path: "config.yaml", Line: 1},
	}
	Quote(ds, parsed, func(name string) []byte { return files[name] })
	var got []string
	for _, d := range ds {
		got = append(got, d.Source)
	}
	if diff := cmp.Diff([]string{"tags: [x]", "Body line", "as it was", "", "", ""}, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

func TestColOf(t *testing.T) {
	data := []byte("---\ntitle: T\n---\nSee [a](/x/) and ![b](/x/).\nÜber [c](/y/ \"t\") [[d]](/z/)\n")
	tests := []struct {
		line int
		dest string
		want int
	}{
		{4, "/x/", 5}, // the first link with that address
		{5, "/y/", 6},
		{5, "/z/", 19}, // brackets in the text
		{4, "/none/", 0},
		{4, "", 0},
		{9, "/x/", 0}, // past the end
	}
	lines := lineReader{src: data} // read forwards and backwards, as the table goes
	for _, tt := range tests {
		if got := colOf(lines.line(tt.line), tt.dest); got != tt.want {
			t.Errorf("colOf(line %d, %q) = %d, want %d", tt.line, tt.dest, got, tt.want)
		}
	}
}

// TestLineReader checks lineReader against diag.LineOf, reading lines in
// every order.
func TestLineReader(t *testing.T) {
	for _, src := range [][]byte{nil, {}, []byte("one"), []byte("a\r\nb\r\r\n\nlast"), []byte("x\n\ny\n")} {
		r := lineReader{src: src}
		for _, n := range []int{1, 2, 3, 4, 5, 2, 0, -1, 4, 1, 6, 3} {
			if got, want := r.line(n), diag.LineOf(src, n); got != want {
				t.Errorf("%q: line(%d) = %q, want %q", src, n, got, want)
			}
		}
	}
}
