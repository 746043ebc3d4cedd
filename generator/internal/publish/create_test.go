package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestCreateNew(t *testing.T) {
	root := t.TempDir()
	if err := CreateNew(root, "content/articles/a.md", []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, "content", "articles", "a.md"))
	if err != nil || string(got) != "new" {
		t.Fatalf("created file = %q, %v; want %q", got, err, "new")
	}

	// Whatever is already at rel stays as it was.
	if err := os.WriteFile(filepath.Join(root, "kept.md"), []byte("editor's work"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "link.md")
	if err := os.Symlink(filepath.Join(root, "nowhere.md"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, rel := range []string{"content/articles/a.md", "kept.md", "folder.md", "link.md"} {
		t.Run(rel, func(t *testing.T) {
			err := CreateNew(root, rel, []byte("overwritten"))
			if !errors.Is(err, fs.ErrExist) {
				t.Errorf("CreateNew(%q) error = %v, want fs.ErrExist", rel, err)
			}
		})
	}
	if got, _ := os.ReadFile(filepath.Join(root, "kept.md")); string(got) != "editor's work" {
		t.Errorf("existing file changed to %q", got)
	}
	if _, err := os.Lstat(filepath.Join(root, "nowhere.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link's target was created (Lstat: %v)", err)
	}
}

func TestCreateNewBadPath(t *testing.T) {
	root := t.TempDir()
	for _, rel := range []string{"", "/abs.md", "../escape.md", `a\b.md`, "a/./b.md"} {
		if err := CreateNew(root, rel, []byte("x")); err == nil {
			t.Errorf("CreateNew(%q) succeeded", rel)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "escape.md")); err == nil {
		t.Error("a file was written outside the root")
	}
}

func TestReplace(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "config.yaml")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Replace(root, "config.yaml", []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "new" {
		t.Fatalf("replaced file = %q, %v", got, err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old file's 0600", st.Mode().Perm())
	}
	// Only an existing regular file is replaced; nothing is created.
	if err := Replace(root, "missing.md", []byte("x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "missing.md")); err == nil {
		t.Error("Replace created a file")
	}
	os.Mkdir(filepath.Join(root, "dir"), 0o755)
	if err := Replace(root, "dir", []byte("x")); err == nil {
		t.Error("a folder was replaced")
	}
	if err := Replace(root, "../x", []byte("x")); err == nil {
		t.Error("a path outside root was accepted")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}
