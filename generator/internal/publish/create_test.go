package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// openRoot opens a new temporary folder as an os.Root.
func openRoot(t *testing.T) (string, *os.Root) {
	t.Helper()
	root := t.TempDir()
	dir, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dir.Close() })
	return root, dir
}

func TestCreateNew(t *testing.T) {
	root, dir := openRoot(t)
	if err := CreateNew(dir, "content/articles/a.md", []byte("new")); err != nil {
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
			err := CreateNew(dir, rel, []byte("overwritten"))
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
	root, dir := openRoot(t)
	for _, rel := range []string{"", "/abs.md", "../escape.md", `a\b.md`, "a/./b.md"} {
		if err := CreateNew(dir, rel, []byte("x")); err == nil {
			t.Errorf("CreateNew(%q) succeeded", rel)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "escape.md")); err == nil {
		t.Error("a file was written outside the root")
	}
}

// TestCreateNewStaysInSite: a folder of the site that is a symbolic link to
// a folder outside it does not lead the new file out of the site.
func TestCreateNewStaysInSite(t *testing.T) {
	root, dir := openRoot(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "content")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := CreateNew(dir, "content/articles/a.md", []byte("x")); err == nil {
		t.Error("CreateNew followed a link out of the site")
	}
	if _, err := os.Stat(filepath.Join(outside, "articles")); err == nil {
		t.Error("a folder was made outside the site")
	}
}

func TestReplace(t *testing.T) {
	root, dir := openRoot(t)
	p := filepath.Join(root, "config.yaml")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Replace(dir, "config.yaml", []byte("new")); err != nil {
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
	if err := Replace(dir, "missing.md", []byte("x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "missing.md")); err == nil {
		t.Error("Replace created a file")
	}
	os.Mkdir(filepath.Join(root, "dir"), 0o755)
	if err := Replace(dir, "dir", []byte("x")); err == nil {
		t.Error("a folder was replaced")
	}
	if err := Replace(dir, "../x", []byte("x")); err == nil {
		t.Error("a path outside root was accepted")
	}
	// A folder of the site that links outside it does not lead there.
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "a.md"), []byte("theirs"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "content")); err == nil {
		if err := Replace(dir, "content/a.md", []byte("x")); err == nil {
			t.Error("Replace followed a link out of the site")
		}
		if b, _ := os.ReadFile(filepath.Join(outside, "a.md")); string(b) != "theirs" {
			t.Errorf("the file outside the site became %q", b)
		}
		os.Remove(filepath.Join(root, "content"))
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}
