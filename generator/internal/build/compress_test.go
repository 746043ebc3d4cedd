package build_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/sitetest"
)

// compressSite has text files on both sides of the 1 KB threshold.
var compressSite = auditConfig("drop") + auditArticle("Text.\n\n"+strings.Repeat("A sentence about health. ", 80)) + `
-- content/notes/exactly-1024.txt --
` + strings.Repeat("x", 1023) + `
-- content/notes/over-1024.txt --
` + strings.Repeat("x", 1024) + `
`

// TestPrecompressed builds a site with .gz and .br copies twice: both
// builds are byte-identical, every text output over 1 KB has both copies
// and the .gz holds exactly the output, and nothing else is compressed
// (small files, images, the host files _headers, _redirects, _nginx.conf).
func TestPrecompressed(t *testing.T) {
	var trees []map[string]string
	for range 2 {
		s := sitetest.Write(t, compressSite)
		s.Opt.Compress = true
		s.Rebuild()
		s.AssertOK()
		trees = append(trees, sitetest.Tree(t, s.Public))
	}
	if diff := cmp.Diff(trees[0], trees[1]); diff != "" {
		t.Fatalf("two builds differ (-first +second):\n%s", diff)
	}
	tree := trees[0]
	if len(tree["notes/exactly-1024.txt"]) != 1024 || len(tree["notes/over-1024.txt"]) != 1025 {
		t.Fatal("the threshold fixtures do not have the sizes the test expects")
	}
	text := map[string]bool{".html": true, ".css": true, ".js": true, ".json": true, ".xml": true, ".svg": true, ".txt": true, ".webmanifest": true}
	compressed := 0
	for rel, data := range tree {
		ext := path.Ext(rel)
		if ext == ".gz" || ext == ".br" {
			if _, ok := tree[strings.TrimSuffix(rel, ext)]; !ok {
				t.Errorf("%s has no uncompressed original", rel)
			}
			continue
		}
		want := text[ext] && len(data) > 1024
		_, gz := tree[rel+".gz"]
		_, br := tree[rel+".br"]
		if gz != want || br != want {
			t.Errorf("%s (%d bytes): .gz %v, .br %v; want %v", rel, len(data), gz, br, want)
			continue
		}
		if !want {
			continue
		}
		compressed++
		zr, err := gzip.NewReader(strings.NewReader(tree[rel+".gz"]))
		if err != nil {
			t.Fatalf("%s.gz: %v", rel, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s.gz: %v", rel, err)
		}
		if !bytes.Equal(got, []byte(data)) {
			t.Errorf("%s.gz does not hold %s", rel, rel)
		}
		if !zr.ModTime.IsZero() || zr.Name != "" {
			t.Errorf("%s.gz header has a time or name (%v, %q): builds would differ", rel, zr.ModTime, zr.Name)
		}
	}
	for _, rel := range []string{"_headers", "_nginx.conf", "notes/exactly-1024.txt"} {
		if _, ok := tree[rel]; !ok {
			t.Errorf("%s missing", rel)
		}
	}
	if _, ok := tree["notes/over-1024.txt.gz"]; !ok {
		t.Error("notes/over-1024.txt.gz missing: 1025 bytes is over the threshold")
	}
	if compressed < 5 {
		t.Errorf("only %d outputs compressed", compressed)
	}
}
