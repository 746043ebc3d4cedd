package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var errInjected = errors.New("injected fault")

// faultFS is the real file system, except that the nth call of one
// operation fails (and, when sticky, every later call of it too). It counts
// the calls of every operation.
type faultFS struct {
	fileSystem
	op     string
	n      int
	sticky bool
	// noExchange makes Exchange unsupported, as outside Linux, so Commit
	// takes the two-rename path.
	noExchange bool

	mu    sync.Mutex
	calls map[string]int
}

func newFaultFS(op string, n int, sticky bool) *faultFS {
	return &faultFS{fileSystem: osFS{}, op: op, n: n, sticky: sticky, calls: map[string]int{}}
}

// withoutExchange returns f with Exchange unsupported.
func (f *faultFS) withoutExchange() *faultFS {
	f.noExchange = true
	return f
}

func (f *faultFS) hit(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[op]++
	c := f.calls[op]
	if op == f.op && (c == f.n || f.sticky && c > f.n) {
		return fmt.Errorf("%s call %d: %w", op, c, errInjected)
	}
	return nil
}

func (f *faultFS) MkdirAll(p string, perm fs.FileMode) error {
	if err := f.hit("mkdir"); err != nil {
		return err
	}
	return f.fileSystem.MkdirAll(p, perm)
}

func (f *faultFS) Mkdir(p string, perm fs.FileMode) error {
	if err := f.hit("mkdir"); err != nil {
		return err
	}
	return f.fileSystem.Mkdir(p, perm)
}

func (f *faultFS) MkdirTemp(dir, pattern string) (string, error) {
	if err := f.hit("mkdirtemp"); err != nil {
		return "", err
	}
	return f.fileSystem.MkdirTemp(dir, pattern)
}

func (f *faultFS) Chmod(name string, mode fs.FileMode) error {
	if err := f.hit("chmod"); err != nil {
		return err
	}
	return f.fileSystem.Chmod(name, mode)
}

func (f *faultFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	if err := f.hit("write"); err != nil {
		return err
	}
	return f.fileSystem.WriteFile(name, data, perm)
}

func (f *faultFS) Rename(oldpath, newpath string) error {
	if err := f.hit("rename"); err != nil {
		return err
	}
	return f.fileSystem.Rename(oldpath, newpath)
}

func (f *faultFS) RemoveAll(p string) error {
	if err := f.hit("remove"); err != nil {
		return err
	}
	return f.fileSystem.RemoveAll(p)
}

func (f *faultFS) Exchange(a, b string) error {
	if err := f.hit("exchange"); err != nil {
		return err
	}
	if f.noExchange {
		return fmt.Errorf("faultFS: %w", errors.ErrUnsupported)
	}
	return f.fileSystem.Exchange(a, b)
}

func (f *faultFS) Lstat(name string) (fs.FileInfo, error) {
	if err := f.hit("lstat"); err != nil {
		return nil, err
	}
	return f.fileSystem.Lstat(name)
}

// newFiles is the build the fault tests publish: nested directories, two
// pages large enough to be compressed, and an image that is not.
var newFiles = map[string]string{
	"index.html":            text(3000),
	"articles/a/index.html": text(2000),
	"articles/b/index.html": "<p>b</p>",
	"css/main.css":          "a{}",
	"img/logo.png":          text(3000),
}

// build publishes newFiles through fsys like the build package does: on any
// error it aborts and returns the error.
func build(fsys fileSystem, dest string) (err error) {
	s, err := newStage(fsys, dest, Options{Compress: true})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, s.Abort())
		}
	}()
	for _, rel := range []string{"index.html", "articles/a/index.html", "articles/b/index.html", "css/main.css", "img/logo.png"} {
		if err := s.Write(rel, []byte(newFiles[rel])); err != nil {
			return err
		}
	}
	return s.Commit()
}

// newTree is what dest holds after build succeeds.
func newTree(t *testing.T) map[string]string {
	dest := filepath.Join(t.TempDir(), "public")
	if err := build(osFS{}, dest); err != nil {
		t.Fatal(err)
	}
	return readTree(t, dest)
}

// TestWriterErrors fails every disk operation of a build in turn, like
// tdewolff/minify's TestWriterErrors fails every write: each failure must
// surface as the build's error, and the previous build must be left byte for
// byte as it was, with nothing left beside it.
func TestWriterErrors(t *testing.T) {
	modes := []struct {
		name       string
		noExchange bool
		want       map[string]int
	}{
		// The marker is one more write; Commit exchanges the two folders
		// on Linux (see exchange_linux.go) and renames where it cannot.
		{"exchange", false, map[string]int{"mkdir": 5, "mkdirtemp": 1, "chmod": 1, "write": 10, "exchange": 1, "lstat": 2, "remove": 1}},
		{"rename", true, map[string]int{"mkdir": 5, "mkdirtemp": 1, "chmod": 1, "write": 10, "exchange": 1, "rename": 2, "lstat": 2, "remove": 1}},
	}
	if !exchangeWorks(t) {
		modes = modes[1:]
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			// A clean run counts the calls of each operation.
			clean := newFaultFS("", 0, false)
			clean.noExchange = m.noExchange
			dest := filepath.Join(t.TempDir(), "public")
			oldSite(t, dest)
			if err := build(clean, dest); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(newTree(t), readTree(t, dest)); diff != "" {
				t.Fatalf("clean build through faultFS differs (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(m.want, clean.calls); diff != "" {
				t.Fatalf("calls in a clean build (-want +got):\n%s", diff)
			}

			// "remove" is left out: the only remove of a successful build is
			// of the previous build after the swap (TestCommitLeftoverBackup).
			// So is "exchange" in the rename mode: it is the unsupported call.
			for _, op := range []string{"mkdir", "mkdirtemp", "chmod", "write", "rename", "exchange", "lstat"} {
				if op == "exchange" && m.noExchange {
					continue
				}
				for n := 1; n <= clean.calls[op]; n++ {
					t.Run(fmt.Sprintf("%s#%d", op, n), func(t *testing.T) {
						dest := filepath.Join(t.TempDir(), "public")
						before := oldSite(t, dest)
						f := newFaultFS(op, n, false)
						f.noExchange = m.noExchange
						err := build(f, dest)
						if !errors.Is(err, errInjected) {
							t.Fatalf("build error = %v, want the injected fault", err)
						}
						if diff := cmp.Diff(before, readTree(t, dest)); diff != "" {
							t.Errorf("dest changed (-before +after):\n%s", diff)
						}
						if diff := cmp.Diff([]string{"public"}, siblings(t, filepath.Dir(dest))); diff != "" {
							t.Errorf("leftovers beside dest (-want +got):\n%s", diff)
						}
					})
				}
			}
		})
	}
}

// exchangeWorks reports whether the temporary folder's file system can
// exchange two folders; the exchange tests are skipped when it cannot.
func exchangeWorks(t *testing.T) bool {
	t.Helper()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Mkdir(a, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(b, 0o755); err != nil {
		t.Fatal(err)
	}
	err := exchange(a, b)
	if err != nil && !errors.Is(err, errors.ErrUnsupported) {
		t.Fatal(err)
	}
	return err == nil
}

func TestWriterErrorsNoPreviousBuild(t *testing.T) {
	for _, op := range []string{"mkdir", "write", "rename"} {
		t.Run(op, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if err := build(newFaultFS(op, 1, false), dest); !errors.Is(err, errInjected) {
				t.Fatalf("build error = %v, want the injected fault", err)
			}
			if got := siblings(t, filepath.Dir(dest)); len(got) != 0 {
				t.Errorf("left behind: %v", got)
			}
		})
	}
}

// When the new build cannot be moved in and the previous one cannot be moved
// back either, the error says where the previous build is, and it is whole.
func TestCommitRestoreFails(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	before := oldSite(t, dest)
	err := build(newFaultFS("rename", 2, true).withoutExchange(), dest)
	if !errors.Is(err, errInjected) {
		t.Fatalf("build error = %v, want the injected fault", err)
	}
	var backup string
	for _, name := range siblings(t, filepath.Dir(dest)) {
		if strings.HasPrefix(name, "public.old-") {
			backup = filepath.Join(filepath.Dir(dest), name)
		}
	}
	if backup == "" || !strings.Contains(err.Error(), backup) {
		t.Fatalf("error %q does not name the backup (%q)", err, backup)
	}
	if diff := cmp.Diff(before, readTree(t, backup)); diff != "" {
		t.Errorf("backup differs from the previous build (-before +backup):\n%s", diff)
	}
}

// When the swap worked but the previous build cannot be removed, dest holds
// the new build and the error names the leftover directory.
func TestCommitLeftoverBackup(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	before := oldSite(t, dest)
	s, err := newStage(newFaultFS("remove", 1, false).withoutExchange(), dest, Options{Compress: true})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, s, newFiles)
	err = s.Commit()
	if !errors.Is(err, errInjected) || !strings.Contains(err.Error(), "public.old-") {
		t.Fatalf("Commit error = %v, want the injected fault naming the old build", err)
	}
	if diff := cmp.Diff(newTree(t), readTree(t, dest)); diff != "" {
		t.Errorf("dest is not the new build (-want +got):\n%s", diff)
	}
	names := siblings(t, filepath.Dir(dest))
	if len(names) != 2 || !strings.HasPrefix(names[1], "public.old-") {
		t.Fatalf("beside dest: %v, want public and public.old-*", names)
	}
	if diff := cmp.Diff(before, readTree(t, filepath.Join(filepath.Dir(dest), names[1]))); diff != "" {
		t.Errorf("leftover differs from the previous build (-before +leftover):\n%s", diff)
	}
	if err := s.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
}

func TestAbortReportsRemoveError(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := newStage(newFaultFS("remove", 1, false), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); !errors.Is(err, errInjected) {
		t.Errorf("Abort error = %v, want the injected fault", err)
	}
}

// A full disk fails every write from some point on: the first failure is
// returned as it is, every later Write returns ErrStopped without trying
// the disk again, and Abort leaves nothing behind.
func TestWriteStopsAfterFirstDiskError(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	f := newFaultFS("write", 4, true) // the marker and two pages fit
	s, err := newStage(f, dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var real, stopped []error
	var wg sync.WaitGroup
	// A pool of GOMAXPROCS workers, as the build renders: at most that
	// many writes can be past the check when the first one fails. (200
	// goroutines at once made the bound below depend on the scheduler.)
	jobs := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range jobs {
				err := s.Write(fmt.Sprintf("p/%d/index.html", i), []byte("<p>x</p>"))
				mu.Lock()
				switch {
				case errors.Is(err, ErrStopped):
					stopped = append(stopped, err)
				case err != nil:
					real = append(real, err)
				}
				mu.Unlock()
			}
		})
	}
	for i := range 200 {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if len(real) != 1 || !errors.Is(real[0], errInjected) {
		t.Fatalf("errors other than ErrStopped: %v, want the one injected fault", real)
	}
	if len(stopped) != 200-2-1 {
		t.Errorf("%d writes returned ErrStopped, want %d", len(stopped), 200-2-1)
	}
	f.mu.Lock()
	writes := f.calls["write"]
	f.mu.Unlock()
	// Writes already past the check when the first failed may still try.
	if writes > 4+runtime.GOMAXPROCS(0)*2 {
		t.Errorf("%d disk writes, want about 4: Write went on trying a full disk", writes)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := siblings(t, filepath.Dir(dest)); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}
