// Package source is the load stage: it reads a site's files through an
// fs.FS and nothing else. It never parses; it only says which files there
// are and hands their bytes on.
//
// A site root holds config.yaml and the folders content/, layouts/ and
// assets/. Hidden files and folders (".git", ".DS_Store") and editor
// droppings ("x.md~", ".x.md.swp", "#x.md#", "x.md.orig", "4913") are
// skipped: they are never part of a site. content/.well-known/ is the one
// hidden folder read (security.txt lives there).
//
// content/ holds Markdown pages (IsMarkdown) and the files the site
// publishes as they are, by an allow-list of extensions (Publishable):
// images, PDFs and other downloads. Any other file (a page saved as .html,
// a script) is left out of Site.Content with a warning: nothing reaches
// the published site that the build does not know how to check.
package source

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"clinicgen/generator/internal/diag"
)

// File is one file of the site.
type File struct {
	// Path is slash-separated and relative to the site root,
	// e.g. "content/articles/peer-support.md".
	Path string
	Data []byte
	// Deferred is set for a file whose bytes Load left unread (see
	// Options.Defer): Data is nil, and the caller reads the file from the
	// same fs.FS when it needs it.
	Deferred bool
}

// Options say how LoadWith reads a site.
type Options struct {
	// Defer, if set, names the files (by path, as File.Path) whose bytes
	// are not read: a build reads its photos one at a time when it
	// prepares them, so its memory does not grow with their number.
	Defer func(path string) bool
}

// Site is every file a build reads.
type Site struct {
	Config  []byte // config.yaml; nil when missing
	Content []File // under content/, sorted by path
	Layouts []File // under layouts/, sorted by path
	Assets  []File // under assets/, sorted by path
}

// Dirs returns the folders Load reads, in the site root.
func Dirs() []string { return []string{"content", "layouts", "assets"} }

// Load reads config.yaml, content/, layouts/ and assets/ from fsys.
// Missing folders are fine (a site may have no assets); a missing
// config.yaml or content/ folder is an error diagnostic.
func Load(fsys fs.FS) (*Site, diag.List) {
	return LoadWith(fsys, Options{})
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, o Options) (*Site, diag.List) {
	s := &Site{}
	var ds diag.List
	b, err := fs.ReadFile(fsys, "config.yaml")
	switch {
	case err == nil:
		s.Config = b
	case errors.Is(err, fs.ErrNotExist):
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: "config.yaml", Msg: "config.yaml is missing", Fix: "run the command in the site's root folder, or pass --source DIR"})
	default:
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: "config.yaml", Msg: "cannot read config.yaml: " + err.Error(), Fix: "check the file's permissions"})
	}
	for _, dir := range Dirs() {
		files, errs := readTree(fsys, dir, o.Defer)
		ds = append(ds, errs...)
		switch dir {
		case "content":
			s.Content = files[:0]
			for _, f := range files {
				if IsMarkdown(f.Path) || Publishable(f.Path) {
					s.Content = append(s.Content, f)
					continue
				}
				ds = append(ds, Unpublishable(f.Path))
			}
		case "layouts":
			s.Layouts = files
		case "assets":
			s.Assets = files
		}
	}
	if _, err := fs.Stat(fsys, "content"); err != nil {
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: "content", Msg: "the content/ folder is missing", Fix: "create content/ with your Markdown pages, or pass --source DIR"})
	}
	return s, ds
}

func readTree(fsys fs.FS, dir string, deferred func(string) bool) ([]File, diag.List) {
	var paths []string
	var ds diag.List
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: p, Msg: "cannot read: " + err.Error(), Fix: "check the file's permissions"})
			return nil
		}
		if p != dir && Ignored(d.Name()) && !(d.IsDir() && p == WellKnown) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: dir, Msg: "cannot read: " + err.Error(), Fix: "check the folder's permissions"})
	}
	// Read on all cores: a site of 10,000 articles spends most of its
	// loading in system calls, one file after another otherwise.
	files := make([]File, len(paths))
	errs := make([]error, len(paths))
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range next {
				files[i].Path = paths[i]
				if deferred != nil && deferred(paths[i]) {
					// Stat proves it readable now, as reading would.
					files[i].Deferred = true
					_, errs[i] = fs.Stat(fsys, paths[i])
					continue
				}
				files[i].Data, errs[i] = fs.ReadFile(fsys, paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	read := files[:0]
	for i, f := range files {
		if errs[i] != nil {
			ds = append(ds, readErr(f.Path, errs[i]))
			continue
		}
		read = append(read, f)
	}
	sort.Slice(read, func(i, j int) bool { return read[i].Path < read[j].Path })
	return read, ds
}

// readErr describes a file that cannot be read. A site read through an
// os.Root (as build and serve do) refuses symbolic links that lead outside
// the site folder, so nothing outside it can be published.
func readErr(p string, err error) diag.Diagnostic {
	if strings.Contains(err.Error(), "path escapes from parent") {
		return diag.Diagnostic{Severity: diag.Error, Path: p, Msg: "this symbolic link leads outside the site folder, which a build never reads", Fix: "copy the file into the site instead of linking to it"}
	}
	return diag.Diagnostic{Severity: diag.Error, Path: p, Msg: "cannot read: " + err.Error(), Fix: "check the file's permissions"}
}

// Ignored reports whether a file or folder name is never part of a site:
// hidden names and the temporary and backup files editors and merge tools
// write. (The folder WellKnown is read although its name is hidden; see
// IgnoredPath.)
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".bak"),
		strings.HasSuffix(name, ".orig"), strings.HasSuffix(name, ".rej"),
		name == "4913": // vim's write test
		return true
	}
	return false
}

// WellKnown is the one hidden folder a site publishes: RFC 8615's
// /.well-known/ (security.txt, and the like).
const WellKnown = "content/.well-known"

// IgnoredPath reports whether the slash path p, relative to the site
// root, is in or is an ignored file or folder (see Ignored), WellKnown
// aside.
func IgnoredPath(p string) bool {
	for i, e := range strings.Split(p, "/") {
		if e == ".well-known" && i == 1 && strings.HasPrefix(p, WellKnown) {
			continue
		}
		if Ignored(e) {
			return true
		}
	}
	return false
}

// IsMarkdown reports whether a content file is a Markdown page: its name
// ends in .md or .markdown, in any case.
func IsMarkdown(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// publishExts are the extensions of the files content/ publishes as they
// are: images, documents, calendar and contact cards, audio, video and
// captions. Nothing a browser runs (HTML, scripts, stylesheets) is here.
var publishExts = map[string]bool{
	".avif": true, ".gif": true, ".ico": true, ".jpeg": true, ".jpg": true, ".png": true, ".svg": true, ".webp": true,
	".pdf": true, ".txt": true, ".csv": true, ".rtf": true, ".epub": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true, ".zip": true,
	".ics": true, ".vcf": true,
	".mp3": true, ".m4a": true, ".ogg": true, ".wav": true, ".mp4": true, ".webm": true, ".vtt": true,
}

// Publishable reports whether a content file that is not Markdown is
// published as it is, by its extension (in any case).
func Publishable(p string) bool {
	return publishExts[strings.ToLower(path.Ext(p))]
}

// Unpublishable is the warning for a content file that is neither
// Markdown nor Publishable.
func Unpublishable(p string) diag.Diagnostic {
	ext := path.Ext(p)
	what := "a file with no extension"
	if ext != "" {
		what = "a " + ext + " file"
	}
	return diag.Diagnostic{Severity: diag.Warning, Path: p, Code: "content-unpublishable",
		Msg: what + " in content/ is not published",
		Fix: "write pages in Markdown (.md); content/ publishes images, PDFs and other downloads (see \"What content/ may hold\" in README.md); move anything else out of content/"}
}

// Kind says which part of the site a path belongs to, for the dev server
// deciding what to rebuild: "config", "content", "layouts", "assets", or "".
func Kind(p string) string {
	p = path.Clean(strings.TrimPrefix(p, "./"))
	if p == "config.yaml" {
		return "config"
	}
	for _, d := range Dirs() {
		if p == d || strings.HasPrefix(p, d+"/") {
			return d
		}
	}
	return ""
}
