package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CreateNew writes data to the new file rel (a clean slash path) in the
// site folder dir, creating its folders; through an os.Root, as the site is
// read, so a symbolic link cannot lead the new file outside the site. It never replaces anything: when rel already
// exists, as a file, a folder or a link, it returns an error that matches
// fs.ErrExist and leaves it untouched. A write that fails half-way removes
// the partial file. It is how `generator new` adds a content file.
func CreateNew(dir *os.Root, rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	name := filepath.FromSlash(rel)
	if err := dir.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("creating the folder for %s: %w", rel, err)
	}
	// O_EXCL makes "does it exist?" and "create it" one step, so two
	// editors (or two runs) cannot both create the file.
	f, err := dir.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: %w", rel, fs.ErrExist)
		}
		return fmt.Errorf("creating %s: %w", rel, err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		dir.Remove(name)
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	return nil
}

// Replace writes data to the file rel (a clean slash path) in the site
// folder dir, which must already exist as a regular file, through a
// temporary file in the same folder renamed over it: a failure leaves the
// old file whole, and the file keeps its permissions. Like CreateNew it
// goes through an os.Root, so a symbolic link cannot lead it outside the
// site. It is how `generator import wordpress --force` replaces a page and
// how config.yaml gets the imported authors.
func Replace(dir *os.Root, rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	name := filepath.FromSlash(rel)
	st, err := dir.Lstat(name)
	if err != nil {
		return fmt.Errorf("replacing %s: %w", rel, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("replacing %s: it is not a regular file", rel)
	}
	var tmp string
	var f *os.File
	for i := 0; ; i++ {
		tmp = filepath.Join(filepath.Dir(name), fmt.Sprintf(".replace-%d-%d", os.Getpid(), i))
		f, err = dir.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, st.Mode().Perm())
		if err == nil || !errors.Is(err, fs.ErrExist) || i == 100 {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("replacing %s: %w", rel, err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, dir.Chmod(tmp, st.Mode().Perm())); err != nil {
		dir.Remove(tmp)
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	if err := dir.Rename(tmp, name); err != nil {
		dir.Remove(tmp)
		return fmt.Errorf("replacing %s: %w", rel, err)
	}
	return nil
}
