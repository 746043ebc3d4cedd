package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mkfile writes data at rel under root, creating folders.
func mkfile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckDestination(t *testing.T) {
	top := t.TempDir()
	site := filepath.Join(top, "site")
	mkfile(t, site, "config.yaml", "title: x\n")
	mkfile(t, site, "content/index.md", "# home\n")
	mkfile(t, site, "public/"+Marker, markerText)
	mkfile(t, site, "public/index.html", "<p>old</p>")
	mkfile(t, site, "preview/"+Marker, markerText)
	mkfile(t, site, "notes/todo.txt", "the editor's notes")
	mkfile(t, top, "old-public/_headers", "")
	mkfile(t, top, "old-public/_nginx.conf", "")
	mkfile(t, top, "old-public/index.html", "")
	mkfile(t, top, "downloads/report.pdf", "%PDF")
	if err := os.Mkdir(filepath.Join(top, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(site, filepath.Join(top, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("site", filepath.Join(top, "site-link")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dest string
		want string // "" for accepted, else a part of the error
	}{
		{"site/public", ""},
		{"site/preview", ""},     // a previous build under the site
		{"site/new-output", ""},  // does not exist yet
		{"site/public/sub", ""},  // inside a previous build: replaced whole later
		{"empty", ""},            // empty
		{"elsewhere/public", ""}, // does not exist yet
		{"old-public", ""},       // made by a generator older than the marker
		{"site-link/public", ""}, // through a link to the site
		{"site", "is the site folder itself"},
		{"site/.", "is the site folder itself"},
		{"link", "is the site folder itself"},
		{".", "holds the site folder"},
		{"site/content", "inside the site's content/ folder"},
		{"site/content/new", "inside the site's content/ folder"},
		{"site/layouts", "inside the site's layouts/ folder"},
		{"site-link/assets/x", "inside the site's assets/ folder"},
		{"site/notes", "not empty and was not made by a build"},
		{"downloads", "not empty and was not made by a build"},
	} {
		err := CheckDestination(site, filepath.Join(top, c.dest))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want accepted", c.dest, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want an error saying %q", c.dest, err, c.want)
		case c.want != "" && !strings.Contains(err.Error(), "--destination"):
			t.Errorf("%s: %v does not say how to proceed", c.dest, err)
		}
	}
	// Relative paths are taken from the working directory.
	t.Chdir(site)
	if err := CheckDestination(".", "."); err == nil {
		t.Error(`CheckDestination(".", ".") accepted`)
	}
	if err := CheckDestination(".", ".."); err == nil {
		t.Error(`CheckDestination(".", "..") accepted`)
	}
	if err := CheckDestination(".", "public"); err != nil {
		t.Errorf(`CheckDestination(".", "public") = %v`, err)
	}
}

// NewStage refuses to replace a folder that a build did not make, and
// leaves it as it was.
func TestNewStageRefusesForeignFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "docs")
	mkfile(t, dest, "report.pdf", "%PDF")
	before := readTree(t, dest)
	if _, err := NewStage(dest, Options{}); err == nil || !strings.Contains(err.Error(), Marker) {
		t.Fatalf("NewStage = %v, want an error naming %s", err, Marker)
	}
	if diff := cmp.Diff(before, readTree(t, dest)); diff != "" {
		t.Errorf("folder changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"docs"}, siblings(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("beside the folder (-want +got):\n%s", diff)
	}
}

func TestRemoveLeftovers(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("leftovers are removed only where flock exists")
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	mkfile(t, dest, Marker, markerText)
	// Marked leftovers of this destination: removed.
	mkfile(t, parent, "public.tmp-111/"+Marker, markerText)
	mkfile(t, parent, "public.tmp-111/index.html", "half a build")
	mkfile(t, parent, "public.old-aaa/"+Marker, markerText)
	// Not ours, or not this destination's: kept.
	mkfile(t, parent, "public.tmp-222/notes.txt", "no marker")
	mkfile(t, parent, "public.old-bbb", "a file, not a folder")
	mkfile(t, parent, "public2.tmp-333/"+Marker, markerText)
	mkfile(t, parent, "other.old-444/"+Marker, markerText)
	// A running build's staging folder (locked): kept.
	mkfile(t, parent, "public.tmp-555/"+Marker, markerText)
	lock, err := lockDir(filepath.Join(parent, "public.tmp-555"))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()

	removed := RemoveLeftovers(dest)
	for i, p := range removed {
		removed[i] = filepath.Base(p)
	}
	slices.Sort(removed)
	if diff := cmp.Diff([]string{"public.old-aaa", "public.tmp-111"}, removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	want := []string{"other.old-444", "public", "public.old-bbb", "public.tmp-222", "public.tmp-555", "public2.tmp-333"}
	if diff := cmp.Diff(want, siblings(t, parent)); diff != "" {
		t.Errorf("left (-want +got):\n%s", diff)
	}

	// Once its build is over, the leftover goes with the next NewStage.
	lock.Close()
	s, err := NewStage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, name := range siblings(t, parent) {
		if name == "public.tmp-555" {
			t.Error("NewStage left the unlocked leftover public.tmp-555")
		}
	}
}

// Two stages of one destination at once: neither removes the other's
// staging folder, and both commit.
func TestConcurrentStagesKeepEachOther(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	a, err := NewStage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewStage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, a, map[string]string{"index.html": "a"})
	writeAll(t, b, map[string]string{"index.html": "b"})
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest)["index.html"]; got != "f 644 b" {
		t.Errorf("index.html = %q, want the second build's", got)
	}
	if diff := cmp.Diff([]string{"public"}, siblings(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("leftovers (-want +got):\n%s", diff)
	}
}

// While builds are swapped in one after another, a reader of the
// destination (a web server serving it directly) always finds index.html.
func TestSwapKeepsIndex(t *testing.T) {
	if !exchangeWorks(t) {
		t.Skip("this file system cannot exchange folders; Commit renames twice")
	}
	dest := filepath.Join(t.TempDir(), "public")
	publishOnce := func(n int) {
		s, err := NewStage(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Abort()
		writeAll(t, s, map[string]string{"index.html": strings.Repeat("x", n), "a/index.html": "a"})
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	publishOnce(0)
	var stop atomic.Bool
	var misses, reads atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			if _, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil {
				misses.Add(1)
			}
			reads.Add(1)
		}
	}()
	for i := 1; i <= 200; i++ {
		publishOnce(i)
	}
	stop.Store(true)
	wg.Wait()
	if misses.Load() > 0 {
		t.Errorf("index.html was missing in %d of %d reads during 200 swaps", misses.Load(), reads.Load())
	}
}
