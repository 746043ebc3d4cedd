package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"time"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/publish"
	"clinicgen/generator/internal/scaffold"
	"clinicgen/generator/internal/source"
)

// ErrNewUsage marks a NewContent failure that is a mistake in the command
// (an unknown kind, a title without letters) rather than in the site.
var ErrNewUsage = errors.New("usage")

// NewContent creates the file for a new page of kind k (article, service
// or page) titled title in the site at root, dated now in the site's time
// zone (see package scaffold), and returns its slash path relative to root.
//
// It reads the site first, so a config.yaml with errors is reported (as
// diagnostics) before anything is written, and it never replaces a file:
// when one is already there, the diagnostic quotes its title line. A bad
// kind or title is returned as an error wrapping ErrNewUsage.
func NewContent(root string, k scaffold.Kind, title string, now time.Time) (string, diag.List, error) {
	// Through an os.Root, as Run reads the site: a symbolic link cannot
	// lead outside the site folder, to read or to write.
	dir, err := os.OpenRoot(root)
	if err != nil {
		return "", diag.List{siteDirErr(root, err)}, nil
	}
	defer dir.Close()
	src, lds := source.Load(dir.FS())
	var ds diag.List
	for _, d := range lds {
		if d.Path != "content" { // a site without content/ yet is fine: we are making it
			ds = append(ds, d)
		}
	}
	if src.Config == nil || ds.HasErrors() {
		ds.Sort()
		return "", ds, nil
	}
	cfg, cds := config.Load(src.Config)
	if cds.HasErrors() {
		ds = append(ds, cds...)
		ds.Sort()
		return "", ds, nil
	}
	var people []string
	for _, p := range cfg.People {
		people = append(people, p.ID)
	}
	f, err := scaffold.New(k, title, scaffold.Site{Location: cfg.Location, People: people}, now)
	if err != nil {
		return "", nil, errors.Join(ErrNewUsage, err)
	}
	if err := publish.CreateNew(dir, f.Path, f.Data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", diag.List{exists(f.Path, src)}, nil
		}
		return "", diag.List{writeErr(f.Path, err)}, nil
	}
	return f.Path, nil, nil
}

// exists is the diagnostic for a file NewContent will not replace, quoting
// the existing file's title line so the editor sees which page it is.
func exists(rel string, src *source.Site) diag.Diagnostic {
	const msg = "a file with this name already exists"
	const fix = "open it to edit that page, or choose a different title; generator new never replaces a file"
	for _, f := range src.Content {
		if f.Path != rel {
			continue
		}
		for n, line := range bytes.Split(f.Data, []byte("\n")) {
			if n > 0 && bytes.Equal(bytes.TrimRight(line, "\r"), []byte("---")) {
				break // end of the front matter
			}
			if bytes.HasPrefix(line, []byte("title:")) {
				return diag.Errorf(rel, f.Data, n+1, 1, fix, "%s", msg)
			}
		}
	}
	return diag.Errorf(rel, nil, 0, 0, fix, "%s", msg)
}
