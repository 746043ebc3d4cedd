package diag

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// unknownIn returns one warning per file about the key k.
func unknownIn(n int, k string) List {
	var l List
	for i := range n {
		l = append(l, Diagnostic{Severity: Warning, Path: fmt.Sprintf("content/articles/p%04d.md", i), Line: 3,
			Code: "frontmatter-unknown", Msg: fmt.Sprintf("unknown front matter key %q", k), Fix: "remove it"})
	}
	return l
}

func TestFormatGrouped(t *testing.T) {
	var l List
	l = append(l, Diagnostic{Severity: Error, Path: "config.yaml", Line: 1, Msg: "bad", Code: "config"})
	l = append(l, unknownIn(2686, "topics")...)
	l = append(l, unknownIn(20, "colour")...) // 20 files: not grouped
	for i := range 30 {                       // one code, messages that differ
		l = append(l, Diagnostic{Severity: Error, Path: fmt.Sprintf("content/x%02d.md", i), Line: 9,
			Code: "image-missing", Msg: fmt.Sprintf("image %q not found", fmt.Sprint(i, ".png"))})
	}
	var b bytes.Buffer
	FormatGrouped(&b, l, Options{})
	out := b.String()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if want := 1 + 5 + 1 + 20 + 5 + 1; len(lines) != want {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), want, out)
	}
	for _, want := range []string{
		`content/articles/p0004.md:3: warning: unknown front matter key "topics"; remove it` + "\n" +
			`  … and 2,681 more warnings like this (2,686 in 2,686 files); generator check --format json lists every one`,
		`content/x04.md:9: error: image "4.png" not found` + "\n" +
			"  … and 25 more errors of the kind image-missing (30 in 30 files); generator check --format json lists every one",
		`content/articles/p0019.md:3: warning: unknown front matter key "colour"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "p0005.md:3: warning: unknown front matter key \"topics\"") {
		t.Errorf("a sixth example is shown:\n%s", out)
	}

	// Nothing repeats in more than 20 files: exactly Format's output.
	small := unknownIn(21, "a")[:20]
	var f, g bytes.Buffer
	Format(&f, small, Options{})
	FormatGrouped(&g, small, Options{})
	if f.String() != g.String() {
		t.Errorf("FormatGrouped changed a short list:\n%s\nwant\n%s", g.String(), f.String())
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2686: "2,686", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
