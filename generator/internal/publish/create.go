package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CreateNew writes data to the new file rel (a clean slash path) under
// root, creating its folders. It never replaces anything: when rel already
// exists, as a file, a folder or a link, it returns an error that matches
// fs.ErrExist and leaves it untouched. A write that fails half-way removes
// the partial file. It is how `generator new` adds a content file.
func CreateNew(root, rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	name := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("creating the folder for %s: %w", rel, err)
	}
	// O_EXCL makes "does it exist?" and "create it" one step, so two
	// editors (or two runs) cannot both create the file.
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: %w", rel, fs.ErrExist)
		}
		return fmt.Errorf("creating %s: %w", rel, err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	return nil
}

// Replace writes data to the file rel (a clean slash path) under root,
// which must already exist as a regular file, through a temporary file in
// the same folder renamed over it: a failure leaves the old file whole,
// and the file keeps its permissions. It is how `generator import
// wordpress --force` replaces a page and how config.yaml gets the
// imported authors.
func Replace(root, rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	name := filepath.Join(root, filepath.FromSlash(rel))
	st, err := os.Lstat(name)
	if err != nil {
		return fmt.Errorf("replacing %s: %w", rel, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("replacing %s: it is not a regular file", rel)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".replace-*")
	if err != nil {
		return fmt.Errorf("replacing %s: %w", rel, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), st.Mode().Perm())); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("replacing %s: %w", rel, err)
	}
	return nil
}
