package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"clinicgen/generator/internal/incremental"
	"clinicgen/generator/internal/source"
)

// watch turns file events into batches of changed site paths until ctx is
// done. The site folder itself is watched (for config.yaml and the top
// folders coming and going) and content/, layouts/ and assets/ with every
// folder under them, including folders created later.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher) {
	s.addWatch(w, ".")
	for _, d := range source.Dirs() {
		s.addTree(w, d)
	}
	close(s.ready)
	pending := map[string]bool{}
	reload := false
	var timer *time.Timer
	var flush <-chan time.Time
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			rel, ok := s.rel(ev.Name)
			if !ok || ignored(rel) || source.Kind(rel) == "" {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := s.root.Stat(rel); err == nil && st.IsDir() {
					s.addTree(w, rel) // files made before the watch are read with the folder
				}
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				s.dropWatches(w, rel)
			}
			pending[rel] = true
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				reload = true // events were lost: read everything again
			} else {
				fmt.Fprintf(s.opt.Log, "watching files: %v\n", err)
				continue
			}
		case <-flush:
			flush = nil
			if reload {
				reload = false
				clear(pending)
				s.reloadAll()
				continue
			}
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			clear(pending)
			sort.Strings(paths)
			s.apply(paths)
			continue
		}
		if flush == nil && (len(pending) > 0 || reload) {
			timer = time.NewTimer(Batch)
			flush = timer.C
		}
	}
}

// reloadAll reads the whole site again (after lost events).
func (s *Server) reloadAll() {
	s.mu.Lock()
	var ch incremental.Change
	if s.live == nil {
		ch = s.load()
	} else if s.internal = safely("", func() { ch = s.live.Reload() }); s.internal != nil {
		ch.All = true
	}
	s.invalidate(ch)
	errsChanged := s.refreshErrors()
	s.mu.Unlock()
	s.announceErrors(errsChanged)
	if !ch.Empty() {
		s.hub.send(event("reload", reloadData{}))
	}
}

// rel turns a watcher path into a slash path relative to the site folder.
func (s *Server) rel(name string) (string, bool) {
	r, err := filepath.Rel(s.abs, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// ignored reports whether any element of a site path is hidden or an
// editor's temporary file.
func ignored(rel string) bool {
	if rel == "." {
		return false
	}
	for _, e := range strings.Split(rel, "/") {
		if e == ".." {
			return true
		}
	}
	return source.IgnoredPath(rel)
}

func (s *Server) addWatch(w *fsnotify.Watcher, rel string) {
	if err := w.Add(filepath.Join(s.abs, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(s.opt.Log, "cannot watch %s: %v\n", rel, err)
	}
}

// addTree watches rel and every folder under it. Symlinked folders are not
// followed: the site is read through an os.Root, which refuses links that
// lead out of the site folder.
func (s *Server) addTree(w *fsnotify.Watcher, rel string) {
	_ = fs.WalkDir(s.root.FS(), rel, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != rel && source.IgnoredPath(p) {
			return fs.SkipDir
		}
		s.addWatch(w, p)
		return nil
	})
}

// dropWatches stops watching a removed or renamed folder and the folders
// under it (the kernel drops removed ones itself; renamed ones would keep
// reporting under their old name).
func (s *Server) dropWatches(w *fsnotify.Watcher, rel string) {
	abs := filepath.Join(s.abs, filepath.FromSlash(rel))
	for _, p := range w.WatchList() {
		if p == abs || strings.HasPrefix(p, abs+string(os.PathSeparator)) {
			_ = w.Remove(p)
		}
	}
}

// watching reports whether the watcher has started.
func (s *Server) watching() bool {
	select {
	case <-s.ready:
		return true
	default:
		return false
	}
}
