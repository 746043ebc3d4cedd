package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFrom: a file from disk is published as it is, hard-linked
// where it can be (no byte copied), claimed like any output; the types
// Compress copies are refused.
func TestWriteFrom(t *testing.T) {
	parent := t.TempDir()
	src := filepath.Join(parent, "cache-entry")
	if err := os.WriteFile(src, []byte("jpeg bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(parent, "public")
	s, err := NewStage(dest, Options{Compress: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.WriteFrom("img/team.jpg", src); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFrom("img/team.jpg", src); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("second WriteFrom: %v", err)
	}
	if err := s.WriteFrom("index.html", src); err == nil {
		t.Error("WriteFrom accepted a compressible output")
	}
	if err := s.WriteFrom("../x.jpg", src); err == nil {
		t.Error("WriteFrom accepted an unclean path")
	}
	if s.Files() != 1 {
		t.Errorf("Files() = %d, want 1", s.Files())
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dest, "img", "team.jpg")
	if b, err := os.ReadFile(out); err != nil || string(b) != "jpeg bytes" {
		t.Fatalf("published %q, %v", b, err)
	}
	a, _ := os.Stat(src)
	b, _ := os.Stat(out)
	if !os.SameFile(a, b) {
		t.Error("not hard-linked on one file system")
	}
}
