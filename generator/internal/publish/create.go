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
