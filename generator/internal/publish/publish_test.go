package publish

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/google/go-cmp/cmp"
)

var (
	_ Writer = (*Stage)(nil)
	_ Writer = (*Memory)(nil)
)

// readTree returns every entry under dir: "d 0755" for a directory,
// "f 0644 <content>" for a file, keyed by slash path. A missing dir is nil.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			tree[rel] = fmt.Sprintf("d %o", info.Mode().Perm())
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			tree[rel] = fmt.Sprintf("f %o %s", info.Mode().Perm(), b)
		default:
			tree[rel] = "other " + info.Mode().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// siblings lists the names in dir.
func siblings(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// oldSite puts a previous build into dest and returns its tree.
func oldSite(t testing.TB, dest string) map[string]string {
	t.Helper()
	files := map[string]string{
		"index.html":              "<p>old home</p>",
		"stale/index.html":        "<p>a page the new build no longer has</p>",
		"articles/a/index.html":   "<p>old a</p>",
		"css/main.0123456789.css": "a{}",
		Marker:                    markerText, // made by a build
	}
	for rel, data := range files {
		p := filepath.Join(dest, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A read-only file and an odd directory mode must survive too.
	if err := os.Chmod(filepath.Join(dest, "index.html"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dest, "stale"), 0o700); err != nil {
		t.Fatal(err)
	}
	return readTree(t, dest)
}

// text returns n bytes of page-like text.
func text(n int) string {
	var b strings.Builder
	words := strings.Fields("clinic patients counseling support recovery family therapy appointment Bladensburg Maryland wellbeing")
	for i := 0; b.Len() < n; i++ {
		b.WriteString(words[(i*7)%len(words)])
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

func writeAll(t testing.TB, w Writer, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		if err := w.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStageCommitNewDest(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "site", "public") // parent "site" does not exist yet
	s, err := NewStage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(s.Dir()) != filepath.Dir(dest) || !strings.HasPrefix(filepath.Base(s.Dir()), "public.tmp-") {
		t.Errorf("staging dir %q is not a public.tmp-* sibling of %q", s.Dir(), dest)
	}
	writeAll(t, s, map[string]string{
		"index.html":               "<p>home</p>",
		"articles/x/index.html":    "<p>x</p>",
		"articles/y/index.html":    "<p>y</p>",
		".well-known/security.txt": "Contact: mailto:a@b",
		"empty.txt":                "",
	})
	if got := s.Files(); got != 5 {
		t.Errorf("Files() = %d, want 5", got)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		".":                        "d 755",
		"index.html":               "f 644 <p>home</p>",
		"articles":                 "d 755",
		"articles/x":               "d 755",
		"articles/x/index.html":    "f 644 <p>x</p>",
		"articles/y":               "d 755",
		"articles/y/index.html":    "f 644 <p>y</p>",
		".well-known":              "d 755",
		".well-known/security.txt": "f 644 Contact: mailto:a@b",
		"empty.txt":                "f 644 ",
		Marker:                     "f 644 " + markerText,
	}
	if diff := cmp.Diff(want, readTree(t, dest)); diff != "" {
		t.Errorf("dest tree (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"public"}, siblings(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("leftovers beside dest (-want +got):\n%s", diff)
	}
	// After a successful Commit, Abort is a no-op and Write/Commit are errors.
	if err := s.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if err := s.Write("late.html", nil); err == nil || !strings.Contains(err.Error(), "late.html") {
		t.Errorf("Write after Commit = %v, want an error naming late.html", err)
	}
	if err := s.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	if diff := cmp.Diff(want, readTree(t, dest)); diff != "" {
		t.Errorf("dest changed after Commit (-want +got):\n%s", diff)
	}
}

func TestStaleFilesRemoved(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	oldSite(t, dest)
	s, err := NewStage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	writeAll(t, s, map[string]string{
		"index.html":            "<p>new home</p>",
		"articles/a/index.html": "<p>new a</p>",
	})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		".":                     "d 755",
		"index.html":            "f 644 <p>new home</p>",
		"articles":              "d 755",
		"articles/a":            "d 755",
		"articles/a/index.html": "f 644 <p>new a</p>",
		Marker:                  "f 644 " + markerText,
	}
	if diff := cmp.Diff(want, readTree(t, dest)); diff != "" {
		t.Errorf("dest after second build (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"public"}, siblings(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("leftovers beside dest (-want +got):\n%s", diff)
	}
}

func TestAbortLeavesDestUntouched(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	before := oldSite(t, dest)
	s, err := NewStage(dest, Options{Compress: true})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, s, map[string]string{
		"index.html":       text(5000),
		"stale/index.html": "<p>changed</p>",
		"new/index.html":   "<p>new</p>",
	})
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, readTree(t, dest)); diff != "" {
		t.Errorf("Abort changed dest (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"public"}, siblings(t, filepath.Dir(dest))); diff != "" {
		t.Errorf("leftovers beside dest (-want +got):\n%s", diff)
	}
	if err := s.Abort(); err != nil {
		t.Errorf("second Abort: %v", err)
	}
	if err := s.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if err := s.Write("x.html", nil); err == nil {
		t.Error("Write after Abort succeeded")
	}
	if diff := cmp.Diff(before, readTree(t, dest)); diff != "" {
		t.Errorf("Commit/Write after Abort changed dest (-before +after):\n%s", diff)
	}
}

func TestNewStageRejectsDest(t *testing.T) {
	for _, dest := range []string{"", ".", "..", "/", "a/..", "public/.."} {
		t.Run(dest, func(t *testing.T) {
			if s, err := NewStage(dest, Options{}); err == nil {
				s.Abort()
				t.Errorf("NewStage(%q) succeeded", dest)
			}
		})
	}
}

func TestNewStageRefusesNonDirectory(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "file")
	if err := os.WriteFile(file, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(parent, "www")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(parent, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{file, link} {
		t.Run(filepath.Base(dest), func(t *testing.T) {
			s, err := NewStage(dest, Options{})
			if err == nil {
				s.Abort()
				t.Fatalf("NewStage(%s) succeeded", dest)
			}
			if !strings.Contains(err.Error(), "not a directory") {
				t.Errorf("error %q does not say why", err)
			}
		})
	}
	if diff := cmp.Diff([]string{"file", "link", "www"}, siblings(t, parent)); diff != "" {
		t.Errorf("NewStage left something behind (-want +got):\n%s", diff)
	}
}

func TestConcurrentWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := NewStage(dest, Options{Compress: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	const workers, each = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				// Pages of all workers share section directories.
				rel := fmt.Sprintf("s%d/p%d-%d/index.html", i%5, w, i)
				if err := s.Write(rel, []byte(rel+text(1500))); err != nil {
					errs <- err
				}
			}
		})
	}
	// All workers also race to write one shared path: exactly one may win.
	var wins sync.Map
	for w := range workers {
		wg.Go(func() {
			if s.Write("shared/index.html", []byte("x")) == nil {
				wins.Store(w, true)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	n := 0
	wins.Range(func(any, any) bool { n++; return true })
	if n != 1 {
		t.Errorf("%d concurrent writes of one path succeeded, want 1", n)
	}
	if got, want := s.Files(), workers*each+1; got != want {
		t.Errorf("Files() = %d, want %d", got, want)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dest)
	for w := range workers {
		for i := range each {
			rel := fmt.Sprintf("s%d/p%d-%d/index.html", i%5, w, i)
			if got, want := tree[rel], "f 644 "+rel+text(1500); got != want {
				t.Fatalf("%s = %.40q…, want %.40q…", rel, got, want)
			}
			if _, ok := tree[rel+".gz"]; !ok {
				t.Fatalf("%s.gz missing", rel)
			}
			if _, ok := tree[rel+".br"]; !ok {
				t.Fatalf("%s.br missing", rel)
			}
		}
	}
}

func TestWriteRejectsPath(t *testing.T) {
	tests := []struct {
		rel, why string
	}{
		{"", "empty path"},
		{"/index.html", "absolute"},
		{"//x", "absolute"},
		{`articles\x\index.html`, "backslash"},
		{"a\x00b.html", "NUL"},
		{"..", `".."`},
		{"../public2/index.html", `".."`},
		{"articles/../../etc/passwd", `".."`},
		{"articles/x/..", `".."`},
		{".", `"."`},
		{"./index.html", `"."`},
		{"a/./b.html", `"."`},
		{"articles//x.html", "empty path segment"},
		{"articles/x/", "empty path segment"},
	}
	writers := map[string]func(t *testing.T) Writer{
		"Stage": func(t *testing.T) Writer {
			s, err := NewStage(filepath.Join(t.TempDir(), "public"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Abort() })
			return s
		},
		"Memory": func(*testing.T) Writer { return NewMemory(Options{}) },
	}
	for wname, newWriter := range writers {
		for _, tt := range tests {
			t.Run(wname+"/"+tt.rel, func(t *testing.T) {
				err := newWriter(t).Write(tt.rel, []byte("x"))
				if err == nil {
					t.Fatalf("Write(%q) succeeded", tt.rel)
				}
				if !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.rel)) || !strings.Contains(err.Error(), tt.why) {
					t.Errorf("error %q does not name %q and say %q", err, tt.rel, tt.why)
				}
			})
		}
		// Names that only look odd are fine.
		for _, rel := range []string{"index.html", "a..b.html", "...", ".well-known/x", "x/y/z.tar.gz", "sp ace/ü.html"} {
			t.Run(wname+"/ok/"+rel, func(t *testing.T) {
				if err := newWriter(t).Write(rel, []byte("x")); err != nil {
					t.Errorf("Write(%q): %v", rel, err)
				}
			})
		}
	}
}

func TestDuplicateWrite(t *testing.T) {
	tests := []struct {
		name   string
		first  string
		size   int
		second string
	}{
		{"same path", "articles/x/index.html", 10, "articles/x/index.html"},
		{"explicit .gz after compressed page", "index.html", 2000, "index.html.gz"},
		{"page after its .br", "index.html.br", 2000, "index.html"},
	}
	writers := map[string]func(t *testing.T) Writer{
		"Stage": func(t *testing.T) Writer {
			s, err := NewStage(filepath.Join(t.TempDir(), "public"), Options{Compress: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Abort() })
			return s
		},
		"Memory": func(*testing.T) Writer { return NewMemory(Options{Compress: true}) },
	}
	for wname, newWriter := range writers {
		for _, tt := range tests {
			t.Run(wname+"/"+tt.name, func(t *testing.T) {
				w := newWriter(t)
				if err := w.Write(tt.first, []byte(text(tt.size))); err != nil {
					t.Fatal(err)
				}
				err := w.Write(tt.second, []byte(text(tt.size)))
				if err == nil || !strings.Contains(err.Error(), "written twice") {
					t.Fatalf("second write: %v, want a 'written twice' error", err)
				}
				if !strings.Contains(err.Error(), tt.second) && !strings.Contains(err.Error(), tt.first) {
					t.Errorf("error %q names neither path", err)
				}
			})
		}
	}
}

func TestTransform(t *testing.T) {
	errBad := errors.New("bad markup")
	o := Options{Transform: func(rel string, data []byte) ([]byte, error) {
		if strings.HasSuffix(rel, "broken.html") {
			return nil, errBad
		}
		if strings.HasSuffix(rel, ".html") {
			return bytes.ToUpper(data), nil
		}
		return data, nil
	}}
	dest := filepath.Join(t.TempDir(), "public")
	s, err := NewStage(dest, o)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	m := NewMemory(o)
	for _, w := range []Writer{s, m} {
		writeAll(t, w, map[string]string{"a/index.html": "<p>hi</p>", "robots.txt": "ok"})
		err := w.Write("a/broken.html", []byte("x"))
		if !errors.Is(err, errBad) || !strings.Contains(err.Error(), "a/broken.html") {
			t.Errorf("%T: transform error = %v, want it wrapped and naming a/broken.html", w, err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dest)
	if tree["a/index.html"] != "f 644 <P>HI</P>" || tree["robots.txt"] != "f 644 ok" {
		t.Errorf("stage did not apply Transform: %q, %q", tree["a/index.html"], tree["robots.txt"])
	}
	if _, ok := tree["a/broken.html"]; ok {
		t.Error("a/broken.html was written although its transform failed")
	}
	if got, _ := m.Get("a/index.html"); string(got) != "<P>HI</P>" {
		t.Errorf("memory did not apply Transform: %q", got)
	}
}

// TestRelease: a Stage hands back each transformed output once it is on
// disk (and the .gz/.br copies were made from it), never the data Write
// was given; a Memory writer keeps its outputs and hands back none.
func TestRelease(t *testing.T) {
	var mu sync.Mutex
	var released []string
	o := Options{
		Compress: true,
		Transform: func(rel string, data []byte) ([]byte, error) {
			if strings.HasSuffix(rel, ".html") {
				return bytes.ToUpper(data), nil
			}
			return data, nil
		},
		Release: func(b []byte) {
			mu.Lock()
			released = append(released, string(b))
			mu.Unlock()
			clear(b) // a reused buffer is overwritten by the next output
		},
	}
	dest := filepath.Join(t.TempDir(), "public")
	s, err := NewStage(dest, o)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	page := "<p>" + strings.Repeat("hello ", 400) + "</p>"
	writeAll(t, s, map[string]string{"a/index.html": page, "robots.txt": "ok"})
	m := NewMemory(o)
	writeAll(t, m, map[string]string{"b/index.html": "<p>kept</p>"})
	if diff := cmp.Diff([]string{strings.ToUpper(page)}, released); diff != "" {
		t.Errorf("released (-want +got):\n%s", diff)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dest)
	if tree["a/index.html"] != "f 644 "+strings.ToUpper(page) || tree["robots.txt"] != "f 644 ok" {
		t.Errorf("outputs changed by Release: %.40q, %q", tree["a/index.html"], tree["robots.txt"])
	}
	raw, err := os.ReadFile(filepath.Join(dest, "a", "index.html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(gunzip(t, raw)); got != strings.ToUpper(page) {
		t.Errorf(".gz holds %.40q, want the transformed page", got)
	}
	if got, _ := m.Get("b/index.html"); string(got) != "<P>KEPT</P>" {
		t.Errorf("memory output %q after Release, want it kept", got)
	}
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || zr.Comment != "" || !zr.ModTime.IsZero() || zr.OS != 255 || zr.Extra != nil {
		t.Errorf("gzip header %+v, want no name, comment, time or extra, OS 255", zr.Header)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func unbrotli(t testing.TB, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCompress(t *testing.T) {
	tests := []struct {
		rel      string
		size     int
		compress bool
	}{
		{"index.html", 4000, true},
		{"articles/x/index.HTML", 1025, true},
		{"just-small.html", 1024, false},
		{"css/main.css", 3000, true},
		{"js/app.js", 3000, true},
		{"search.json", 3000, true},
		{"index.xml", 3000, true},
		{"img/logo.svg", 3000, true},
		{"robots.txt", 3000, true},
		{"site.webmanifest", 3000, true},
		{"img/photo.jpg", 3000, false},
		{"fonts/a.woff2", 3000, false},
		{"archive.zip", 3000, false},
		{"README", 3000, false},
	}
	// Two independent builds must give identical bytes.
	var trees [2]map[string]string
	for run := range trees {
		dest := filepath.Join(t.TempDir(), "public")
		s, err := NewStage(dest, Options{Compress: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Abort()
		for _, tt := range tests {
			if err := s.Write(tt.rel, []byte(text(tt.size))); err != nil {
				t.Fatal(err)
			}
		}
		if got := s.Files(); got != len(tests) {
			t.Errorf("Files() = %d, want %d (not counting .gz/.br)", got, len(tests))
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		trees[run] = readTree(t, dest)
	}
	if diff := cmp.Diff(trees[0], trees[1]); diff != "" {
		t.Errorf("two builds differ (-first +second):\n%s", diff)
	}
	mem := NewMemory(Options{Compress: true})
	for _, tt := range tests {
		if err := mem.Write(tt.rel, []byte(text(tt.size))); err != nil {
			t.Fatal(err)
		}
	}
	dest := trees[0]
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			want := text(tt.size)
			for _, ext := range []string{".gz", ".br"} {
				file, onDisk := dest[tt.rel+ext]
				inMem, inMemory := mem.Get(tt.rel + ext)
				if onDisk != tt.compress || inMemory != tt.compress {
					t.Fatalf("%s%s on disk %v, in memory %v; want %v", tt.rel, ext, onDisk, inMemory, tt.compress)
				}
				if !tt.compress {
					continue
				}
				b := []byte(strings.TrimPrefix(file, "f 644 "))
				if !bytes.Equal(b, inMem) {
					t.Errorf("%s%s differs between Stage and Memory", tt.rel, ext)
				}
				var got []byte
				if ext == ".gz" {
					got = gunzip(t, b)
				} else {
					got = unbrotli(t, b)
				}
				if string(got) != want {
					t.Errorf("%s%s decompresses to %d bytes that differ from the %d written", tt.rel, ext, len(got), len(want))
				}
				if len(b) >= len(want) {
					t.Errorf("%s%s is %d bytes, not smaller than %d", tt.rel, ext, len(b), len(want))
				}
			}
		})
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory(Options{})
	data := []byte("<p>a</p>")
	writeAll(t, m, map[string]string{"z.html": "z", "a/index.html": "a", "m.css": "m"})
	if err := m.Write("b.html", data); err != nil {
		t.Fatal(err)
	}
	data[1] = 'X' // the caller reuses its buffer
	if got, ok := m.Get("b.html"); !ok || string(got) != "<p>a</p>" {
		t.Errorf("Get(b.html) = %q, %v; want the bytes as written", got, ok)
	}
	if _, ok := m.Get("nope.html"); ok {
		t.Error("Get of a missing path reported ok")
	}
	if got := m.Len(); got != 4 {
		t.Errorf("Len() = %d, want 4", got)
	}
	if diff := cmp.Diff([]string{"a/index.html", "b.html", "m.css", "z.html"}, m.Paths()); diff != "" {
		t.Errorf("Paths() (-want +got):\n%s", diff)
	}

	c := NewMemory(Options{Compress: true})
	if err := c.Write("big.html", []byte(text(3000))); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"big.html"}, c.Paths()); diff != "" {
		t.Errorf("Paths() with Compress lists siblings (-want +got):\n%s", diff)
	}
	if gz, ok := c.Get("big.html.gz"); !ok || string(gunzip(t, gz)) != text(3000) {
		t.Error("big.html.gz missing or wrong")
	}
	if c.Len() != 1 {
		t.Errorf("Len() = %d, want 1", c.Len())
	}
}

// Pooled compressors are reused across files: a file's compressed bytes must
// not depend on what was compressed before it.
func TestCompressIndependentOfHistory(t *testing.T) {
	page := []byte(text(5000))
	fresh := newChain(Options{Compress: true})
	want, err := fresh.outputs("index.html", page)
	if err != nil {
		t.Fatal(err)
	}
	used := newChain(Options{Compress: true})
	for i := range 5 {
		if _, err := used.outputs("other.html", []byte(strings.Repeat(fmt.Sprint(i), 3000)+text(4000))); err != nil {
			t.Fatal(err)
		}
	}
	got, err := used.outputs("index.html", page)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || len(want) != 3 {
		t.Fatalf("outputs: %d and %d files, want 3", len(got), len(want))
	}
	for i := range got {
		if got[i].rel != want[i].rel || !bytes.Equal(got[i].data, want[i].data) {
			t.Errorf("%s from a used compressor differs from a fresh one", got[i].rel)
		}
	}
}

func TestChain(t *testing.T) {
	errStop := errors.New("stop")
	appendT := func(s string) TransformFunc {
		return func(rel string, data []byte) ([]byte, error) {
			return append(append([]byte(nil), data...), s...), nil
		}
	}
	fail := func(string, []byte) ([]byte, error) { return nil, errStop }
	tests := []struct {
		name    string
		chain   TransformFunc
		want    string
		wantErr error
	}{
		{"empty", Chain(), "x", nil},
		{"in order", Chain(appendT("1"), nil, appendT("2")), "x12", nil},
		{"stops at error", Chain(appendT("1"), fail, appendT("2")), "", errStop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.chain("a.html", []byte("x"))
			if !errors.Is(err, tt.wantErr) || string(got) != tt.want {
				t.Errorf("got %q, %v; want %q, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestFileInTheWay checks that a page whose folder is already a file is an
// error naming the page, at any depth, and that a folder made by one Write
// serves the next.
func TestFileInTheWay(t *testing.T) {
	for _, tt := range []struct{ file, page string }{
		{"about", "about/index.html"},
		{"articles/x", "articles/x/index.html"},
		{"a/b", "a/b/c/index.html"},
	} {
		t.Run(tt.page, func(t *testing.T) {
			s, err := NewStage(filepath.Join(t.TempDir(), "public"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			if err := s.Write("articles/y/index.html", []byte("y")); err != nil {
				t.Fatal(err)
			}
			if err := s.Write(tt.file, []byte("f")); err != nil {
				t.Fatal(err)
			}
			err = s.Write(tt.page, []byte("p"))
			if err == nil || !strings.Contains(err.Error(), tt.page) || !strings.Contains(err.Error(), "not a directory") {
				t.Fatalf("Write(%s) = %v, want a 'not a directory' error naming it", tt.page, err)
			}
		})
	}
}
