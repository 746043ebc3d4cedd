package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file every build writes at the root of its output (and of
// its staging folder). A folder holding it was made by a build, so the next
// build may replace it whole, and a leftover staging or backup folder
// holding it may be removed. Hosts must not serve it: the generated
// _nginx.conf answers 404 for it (see headers.IsHostFile).
const Marker = "_generator-build"

// markerText is the marker's content: a note for whoever opens the folder.
const markerText = "This folder was made by the site generator (generator build).\n" +
	"The next build replaces it whole: do not keep files of your own here.\n"

// inputDirs are the site folders a build reads; no output may go inside
// one, or the next build would read its own output as input.
var inputDirs = []string{"content", "layouts", "assets"}

// CheckDestination reports why dest may not receive a build of the site in
// source, or nil. Symbolic links are resolved first. It refuses a dest
// that is the site folder, holds it, or sits inside one of its input
// folders (content/, layouts/, assets/), and an existing folder that is
// not empty and was not made by a build (it lacks Marker), since a build
// replaces its destination whole. A public/ made by a version of the
// generator that wrote no marker (it holds _headers, _nginx.conf and
// index.html) is accepted; the build then adds the marker.
func CheckDestination(source, dest string) error {
	src, err := resolve(source)
	if err != nil {
		return fmt.Errorf("publish: site folder %s: %w", source, err)
	}
	d, err := resolve(dest)
	if err != nil {
		return fmt.Errorf("publish: destination %s: %w", dest, err)
	}
	const how = "choose a new or empty folder, e.g. the default public/ in the site folder, with --destination"
	switch {
	case d == src:
		return fmt.Errorf("publish: the destination %s is the site folder itself; a build replaces its destination whole and would delete content/, layouts/ and config.yaml: %s", dest, how)
	case within(src, d):
		return fmt.Errorf("publish: the destination %s holds the site folder %s; a build replaces its destination whole and would delete the site: %s", dest, source, how)
	case within(d, src):
		rel, _ := filepath.Rel(src, d)
		first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		for _, in := range inputDirs {
			if first == in {
				return fmt.Errorf("publish: the destination %s is inside the site's %s/ folder, which the build reads: %s", dest, in, how)
			}
		}
	}
	return checkReplaceable(dest)
}

// checkReplaceable reports why the existing folder dest may not be
// replaced by a build: it is not empty and holds no Marker.
func checkReplaceable(dest string) error {
	fi, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if !fi.IsDir() {
		return nil // NewStage refuses it with its own message
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("publish: reading the destination: %w", err)
	}
	if len(entries) == 0 || hasMarker(dest) || legacyBuild(dest) {
		return nil
	}
	return fmt.Errorf("publish: the destination %s is not empty and was not made by a build (it has no %s file); a build replaces its destination whole and would delete what is in it: choose a new or empty folder with --destination, or move its files elsewhere first", dest, Marker)
}

// hasMarker reports whether dir holds a regular Marker file.
func hasMarker(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && fi.Mode().IsRegular()
}

// legacyBuild reports whether dir looks like the output of a generator
// older than the marker: _headers, _nginx.conf and index.html, all files.
func legacyBuild(dir string) bool {
	for _, name := range []string{"_headers", "_nginx.conf", "index.html"} {
		fi, err := os.Lstat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// resolve returns p absolute with every symbolic link resolved; the part
// of p that does not exist yet is kept as written.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				r = filepath.Join(r, rest[i])
			}
			return r, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = append(rest, filepath.Base(cur))
		cur = parent
	}
}

// within reports whether path p is strictly inside dir (both clean and absolute).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
