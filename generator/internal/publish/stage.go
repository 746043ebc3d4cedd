package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// fileSystem is every disk operation a Stage makes, so tests can fail each
// one in turn. osFS is the real one.
type fileSystem interface {
	MkdirAll(path string, perm fs.FileMode) error
	Mkdir(path string, perm fs.FileMode) error
	MkdirTemp(dir, pattern string) (string, error)
	Chmod(name string, mode fs.FileMode) error
	WriteFile(name string, data []byte, perm fs.FileMode) error
	Rename(oldpath, newpath string) error
	RemoveAll(path string) error
	Lstat(name string) (fs.FileInfo, error)
	// Exchange swaps two directories in one step, or returns an error
	// matching errors.ErrUnsupported.
	Exchange(a, b string) error
	// CopyFile makes dst (new) hold src's bytes: a hard link when it can
	// make one, else a copy done by the kernel where it can
	// (copy_file_range).
	CopyFile(src, dst string) error
}

type osFS struct{}

func (osFS) MkdirAll(p string, perm fs.FileMode) error            { return os.MkdirAll(p, perm) }
func (osFS) Mkdir(p string, perm fs.FileMode) error               { return os.Mkdir(p, perm) }
func (osFS) MkdirTemp(dir, pattern string) (string, error)        { return os.MkdirTemp(dir, pattern) }
func (osFS) Chmod(name string, mode fs.FileMode) error            { return os.Chmod(name, mode) }
func (osFS) WriteFile(n string, b []byte, perm fs.FileMode) error { return os.WriteFile(n, b, perm) }
func (osFS) Rename(oldpath, newpath string) error                 { return os.Rename(oldpath, newpath) }
func (osFS) RemoveAll(p string) error                             { return os.RemoveAll(p) }
func (osFS) Lstat(name string) (fs.FileInfo, error)               { return os.Lstat(name) }
func (osFS) Exchange(a, b string) error                           { return exchange(a, b) }

func (osFS) CopyFile(src, dst string) error {
	if os.Link(src, dst) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in) // copy_file_range between two *os.File
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// Stage states.
const (
	open = iota
	committed
	aborted
)

// Stage writes one build into a staging directory beside its destination
// and swaps it in on Commit. Use it as
//
//	s, err := publish.NewStage("public", opts)
//	if err != nil { return err }
//	defer s.Abort() // no-op after a successful Commit
//	... s.Write(rel, data) from any number of goroutines ...
//	return s.Commit()
type Stage struct {
	fsys fileSystem
	dest string // destination directory, cleaned
	dir  string // staging directory, a sibling of dest
	c    *chain

	release func([]byte) // Options.Release
	lock    *os.File     // the staging directory, locked (see lockDir)

	// life is held shared by each Write and exclusively by Commit and Abort,
	// so no write is in flight while the directory moves or is removed.
	life  sync.RWMutex
	state int

	mu      sync.Mutex
	claimed map[string]bool // every rel stored or being stored, .gz/.br included
	dirs    map[string]bool // directories known to exist in the stage
	files   int
	failed  bool // a write to disk failed; see ErrStopped
}

// ErrStopped is what Write returns once a write to disk has failed: when
// the disk is full every later write fails too, and the first error says
// all there is to say. The build is aborted anyway.
var ErrStopped = errors.New("not written: an earlier write to disk failed")

// NewStage creates a fresh staging directory beside dest (in the same parent,
// named like "public.tmp-123456", so the final rename never crosses file
// systems) and returns a Stage writing into it, with Marker already in it.
// The parent is created if missing; dest itself is not touched until
// Commit. dest must be a directory or not exist: an existing file or
// symbolic link is an error, and so is a directory that is not empty and
// holds no Marker (see CheckDestination, which also checks dest against
// the site folder). First it removes the staging and backup folders of
// earlier builds of dest that were interrupted (see RemoveLeftovers).
func NewStage(dest string, o Options) (*Stage, error) {
	return newStage(osFS{}, dest, o)
}

func newStage(fsys fileSystem, dest string, o Options) (*Stage, error) {
	if dest == "" {
		return nil, errors.New("publish: empty destination directory")
	}
	dest = filepath.Clean(dest)
	base := filepath.Base(dest)
	if base == "." || base == ".." || base == string(filepath.Separator) {
		return nil, fmt.Errorf("publish: destination %q must name a directory that can be replaced whole", dest)
	}
	// Only a directory is replaced: a file or a symbolic link (whose target
	// would keep the stale site while the link itself was swapped) is refused.
	if fi, err := fsys.Lstat(dest); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("publish: destination %s exists and is not a directory (%s); remove it or choose another", dest, fi.Mode().Type())
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := checkReplaceable(dest); err != nil {
		return nil, err
	}
	RemoveLeftovers(dest)
	parent := filepath.Dir(dest)
	if err := fsys.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	dir, err := fsys.MkdirTemp(parent, base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("publish: creating staging directory: %w", err)
	}
	// MkdirTemp makes the directory 0700; the site must stay readable.
	if err := fsys.Chmod(dir, 0o755); err != nil {
		return nil, errors.Join(fmt.Errorf("publish: %w", err), fsys.RemoveAll(dir))
	}
	// Lock before the marker exists: a concurrent build's cleanup removes
	// only marked folders it can lock.
	lock, err := lockDir(dir)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("publish: locking the staging directory: %w", err), fsys.RemoveAll(dir))
	}
	if err := fsys.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644); err != nil {
		return nil, errors.Join(fmt.Errorf("publish %s: %w", Marker, err), fsys.RemoveAll(dir), lock.Close())
	}
	return &Stage{
		fsys:    fsys,
		lock:    lock,
		dest:    dest,
		dir:     dir,
		c:       newChain(o),
		release: o.Release,
		claimed: map[string]bool{Marker: true},
		dirs:    map[string]bool{".": true},
	}, nil
}

// Dir returns the staging directory, for messages and tests.
func (s *Stage) Dir() string { return s.dir }

// Write transforms data, stores it at rel in the stage (creating parent
// directories) and, with Options.Compress, stores rel.gz and rel.br beside
// it. It rejects an unclean rel, a rel written before, and any write after
// Commit or Abort; every error names rel. After the first failed write to
// disk it writes nothing more and returns ErrStopped. Safe for concurrent
// use.
func (s *Stage) Write(rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	s.life.RLock()
	defer s.life.RUnlock()
	if err := s.admit(rel); err != nil {
		return err
	}
	outs, err := s.c.outputs(rel, data)
	if err != nil {
		return err
	}
	for _, o := range outs[1:] {
		if err := s.claim(o.rel); err != nil {
			return err
		}
	}
	if err := s.mkdir(path.Dir(rel)); err != nil {
		return s.fail(rel, err)
	}
	for _, o := range outs {
		if err := s.fsys.WriteFile(s.native(o.rel), o.data, 0o644); err != nil {
			return s.fail(o.rel, err)
		}
	}
	if out := outs[0].data; s.release != nil && len(out) > 0 && (len(data) == 0 || &out[0] != &data[0]) {
		s.release(out)
	}
	s.mu.Lock()
	s.files++
	s.mu.Unlock()
	return nil
}

// admit reports why rel may not be written now: the stage is committed or
// aborted, a write to disk failed (ErrStopped), or rel was written
// before; else it claims rel. The caller holds s.life for reading.
func (s *Stage) admit(rel string) error {
	if s.state != open {
		return fmt.Errorf("publish %s: stage already committed or aborted", rel)
	}
	if s.stopped() {
		return fmt.Errorf("publish %s: %w", rel, ErrStopped)
	}
	return s.claim(rel)
}

// WriteFrom stores at rel the bytes of the file src, as they are: a hard
// link to it when the file system allows (no byte is copied), else a
// copy. It is for outputs that Options.Transform leaves as they are
// (photos from the image cache: the caller vouches for that), and it
// refuses the types Compress would copy. The caller must not change src
// in place afterwards: the published file may be the same file.
// Otherwise it is Write.
func (s *Stage) WriteFrom(rel, src string) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	if compressible(rel) {
		return fmt.Errorf("publish %s: WriteFrom is for outputs written as they are", rel)
	}
	s.life.RLock()
	defer s.life.RUnlock()
	if err := s.admit(rel); err != nil {
		return err
	}
	if err := s.mkdir(path.Dir(rel)); err != nil {
		return s.fail(rel, err)
	}
	if err := s.fsys.CopyFile(src, s.native(rel)); err != nil {
		return s.fail(rel, err)
	}
	s.mu.Lock()
	s.files++
	s.mu.Unlock()
	return nil
}

// stopped reports whether a write to disk has failed.
func (s *Stage) stopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed
}

// fail records that writing rel to disk failed with err. The first
// failure is returned as it is; one that happened at the same time in
// another Write becomes ErrStopped.
func (s *Stage) fail(rel string, err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return fmt.Errorf("publish %s: %w", rel, ErrStopped)
	}
	s.failed = true
	return fmt.Errorf("publish %s: %w", rel, err)
}

// claim records that rel is being written, or reports that it was before.
func (s *Stage) claim(rel string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.claimed[rel] {
		return fmt.Errorf("publish %s: written twice; two outputs have the same URL", rel)
	}
	s.claimed[rel] = true
	return nil
}

// mkdir creates the stage directory dir (slash path) and its parents once.
func (s *Stage) mkdir(dir string) error {
	s.mu.Lock()
	done, parent := s.dirs[dir], s.dirs[path.Dir(dir)]
	s.mu.Unlock()
	if done {
		return nil
	}
	// With the parent known to exist, one mkdir does (MkdirAll would stat
	// the directory and its parent first: a page's folder is new). If
	// the name exists, MkdirAll tells a directory made meanwhile by
	// another Write from a file in the way. Concurrent MkdirAll of one
	// path is safe; the map only saves syscalls.
	var err error
	if parent {
		err = s.fsys.Mkdir(s.native(dir), 0o755)
	}
	if !parent || errors.Is(err, fs.ErrExist) {
		err = s.fsys.MkdirAll(s.native(dir), 0o755)
	}
	if err != nil {
		return err
	}
	s.mu.Lock()
	for d := dir; !s.dirs[d]; d = path.Dir(d) {
		s.dirs[d] = true
	}
	s.mu.Unlock()
	return nil
}

// native returns the file system path of rel inside the stage.
func (s *Stage) native(rel string) string {
	return filepath.Join(s.dir, filepath.FromSlash(rel))
}

// Files returns how many outputs were written, not counting .gz and .br.
func (s *Stage) Files() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files
}

// Commit replaces dest with the stage. On Linux an existing dest is
// exchanged with the stage in one step (renameat2 RENAME_EXCHANGE), so a
// reader of dest always finds a whole build, and the previous build, now
// at the stage's path, is removed. Elsewhere, or when the file system
// cannot exchange, dest is renamed to a sibling backup, the stage is
// renamed to dest, and the backup is removed: for that moment dest does
// not exist. If the stage cannot be moved, the backup is renamed back, so
// dest is as it was and the stage remains for Abort. The error then names
// any backup that could not be restored. An error after the swap (the old
// build could not be removed) names the leftover directory; dest already
// holds the new build. Commit after Abort, or a second Commit, is an error.
func (s *Stage) Commit() error {
	s.life.Lock()
	defer s.life.Unlock()
	if s.state != open {
		return errors.New("publish: commit of a stage already committed or aborted")
	}
	if _, err := s.fsys.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := s.fsys.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("publish: moving the new build to %s: %w", s.dest, err)
		}
		s.done()
		return nil
	} else if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	// Hold the previous build's lock until it is removed, so no other
	// build's cleanup removes it under us.
	if old, err := lockDir(s.dest); err == nil {
		defer old.Close()
	}
	err := s.fsys.Exchange(s.dir, s.dest)
	if err == nil {
		s.done()
		if err := s.fsys.RemoveAll(s.dir); err != nil {
			return fmt.Errorf("publish: the new build is in %s, but the previous one could not be removed from %s: %w", s.dest, s.dir, err)
		}
		return nil
	}
	if !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("publish: swapping the new build into %s: %w", s.dest, err)
	}
	backup := s.dest + ".old-" + randomSuffix()
	if err := s.fsys.Rename(s.dest, backup); err != nil {
		return fmt.Errorf("publish: moving the previous build aside: %w", err)
	}
	if err := s.fsys.Rename(s.dir, s.dest); err != nil {
		err = fmt.Errorf("publish: moving the new build to %s: %w", s.dest, err)
		if rerr := s.fsys.Rename(backup, s.dest); rerr != nil {
			return fmt.Errorf("%w; restoring the previous build also failed (%v): it is in %s", err, rerr, backup)
		}
		return err
	}
	s.done()
	if err := s.fsys.RemoveAll(backup); err != nil {
		return fmt.Errorf("publish: the new build is in %s, but the previous one could not be removed from %s: %w", s.dest, backup, err)
	}
	return nil
}

// done marks the stage committed and drops its lock.
func (s *Stage) done() {
	s.state = committed
	s.lock.Close()
}

// Abort removes the staging directory and leaves dest untouched. It is a
// no-op after Commit succeeded or after an earlier Abort, so it can be
// deferred.
func (s *Stage) Abort() error {
	s.life.Lock()
	defer s.life.Unlock()
	if s.state != open {
		return nil
	}
	s.state = aborted
	defer s.lock.Close()
	if err := s.fsys.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("publish: removing staging directory: %w", err)
	}
	return nil
}

// randomSuffix returns 12 random hex digits for a backup directory name.
func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// RemoveLeftovers removes what interrupted builds of dest left beside it:
// staging folders (dest.tmp-*) and previous builds being removed
// (dest.old-*), each only when it holds Marker and no running build holds
// its lock. It returns the paths removed; a folder that cannot be removed
// is left for a later build. Outside Unix nothing is removed, since there
// is no telling whether a build is still writing there.
func RemoveLeftovers(dest string) []string {
	dest = filepath.Clean(dest)
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, base+".tmp-") && !strings.HasPrefix(name, base+".old-") {
			continue
		}
		dir := filepath.Join(parent, name)
		lock := tryLockDir(dir)
		if lock == nil {
			continue
		}
		if hasMarker(dir) && os.RemoveAll(dir) == nil {
			removed = append(removed, dir)
		}
		lock.Close()
	}
	return removed
}
