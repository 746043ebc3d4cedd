package server

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A hundred saves in one second end with the last one served.
func TestHundredSavesInOneSecond(t *testing.T) {
	x := start(t, testSite)
	ev := x.events()
	base := x.read("content/articles/alpha.md")
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for i := range 100 {
		<-tick.C
		x.write("content/articles/alpha.md", strings.Replace(base, "Alpha body text", fmt.Sprintf("Save number %03d", i), 1))
	}
	b := x.waitContains("/articles/alpha/", "Save number 099")
	if strings.Contains(b, overlayID) {
		t.Errorf("errors after the saves:\n%s", clip(b))
	}
	ev.next(t, "reload")
	// The background remodel settles on the last save too.
	x.waitContains("/articles/beta/", "Alpha Article")
}

// Editors save through temporary files; those never become pages.
func TestEditorTempFilesIgnored(t *testing.T) {
	x := start(t, testSite)
	page := "---\ntitle: Temp\ndate: 2026-01-01\n---\nTEMP-FILE-BODY\n"
	for _, name := range []string{".alpha.md.swp", "alpha.md~", "#alpha.md#", "4913", ".hidden.md", "x.tmp"} {
		x.write("content/articles/"+name, page)
	}
	// Vim-style save: write a temp file, rename it over the original.
	tmp := filepath.Join(x.site.Root, "content/articles/.alpha.md.tmp")
	if err := os.WriteFile(tmp, []byte(strings.Replace(x.read("content/articles/alpha.md"), "Alpha body text", "Renamed into place", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(x.site.Root, "content/articles/alpha.md")); err != nil {
		t.Fatal(err)
	}
	x.waitContains("/articles/alpha/", "Renamed into place")
	for _, u := range []string{"/articles/", "/", "/articles/temp/"} {
		if _, b, _ := x.get(u); strings.Contains(b, "TEMP-FILE-BODY") || strings.Contains(b, "/articles/temp/") {
			t.Errorf("%s shows a temporary file", u)
		}
	}
}

func TestContentFolderDeletedAndRestored(t *testing.T) {
	x := start(t, testSite)
	x.body("/articles/alpha/")
	saved := filepath.Join(t.TempDir(), "content")
	if err := os.Rename(filepath.Join(x.site.Root, "content"), saved); err != nil {
		t.Fatal(err)
	}
	x.waitFor("/articles/alpha/", "answered 404", func(code int, _ string) bool { return code == http.StatusNotFound })
	b := x.waitContains("/", overlayID)
	if !strings.Contains(b, "content/ folder is missing") {
		t.Errorf("no error about the missing folder:\n%s", clip(b))
	}
	// Put it back (a copy: rename across file systems may not work).
	if err := os.CopyFS(filepath.Join(x.site.Root, "content"), os.DirFS(saved)); err != nil {
		t.Fatal(err)
	}
	x.waitContains("/articles/alpha/", "Alpha body text")
	x.waitLacks("/", overlayID)
	// Edits inside the restored folder are watched again.
	x.write("content/articles/alpha.md", strings.Replace(x.read("content/articles/alpha.md"), "Alpha body text", "After restore", 1))
	x.waitContains("/articles/alpha/", "After restore")
}

func TestFileReplacedByFolder(t *testing.T) {
	x := start(t, testSite)
	x.remove("content/articles/beta.md")
	x.write("content/articles/beta.md/inner.md", "---\ntitle: Inner Page\ndate: 2026-07-01\n---\nInner body.\n")
	x.waitFor("/articles/beta/", "answered 404", func(code int, _ string) bool { return code == http.StatusNotFound })
	x.waitContains("/articles/beta-md/inner/", "Inner body")
	// And back to a file.
	x.remove("content/articles/beta.md")
	x.write("content/articles/beta.md", "---\ntitle: Beta Again\ndate: 2026-02-10\n---\nBeta is a file again.\n")
	x.waitContains("/articles/beta/", "Beta is a file again")
	x.waitFor("/articles/beta-md/inner/", "answered 404", func(code int, _ string) bool { return code == http.StatusNotFound })
}

// Browsers that drop their reload connection leave nothing behind, and
// stopping the server frees every goroutine and file it used.
func TestNoLeaks(t *testing.T) {
	runtime.GC()
	baseG, _ := goroutines(runtime.NumGoroutine())
	baseFD := openFDs()

	x := start(t, testSite)
	x.body("/")
	idleG := runtime.NumGoroutine()
	addr := strings.TrimPrefix(x.url, "http://")
	for range 20 {
		// A browser tab that vanishes mid-stream: raw connection, no
		// orderly close.
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", eventsPath, addr)
		buf := make([]byte, 512)
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := conn.Read(buf); err != nil {
			t.Fatal(err)
		}
		conn.Close()
	}
	for range 5 {
		ev := x.events()
		ev.next(t, "hello")
		ev.close()
	}
	// Changes after the drops are sent to nobody without blocking.
	x.write("content/articles/alpha.md", strings.Replace(x.read("content/articles/alpha.md"), "Alpha body text", "After the drops", 1))
	x.waitContains("/articles/alpha/", "After the drops")
	deadline := time.Now().Add(5 * time.Second)
	for x.srv.hub.count() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := x.srv.hub.count(); n != 0 {
		t.Errorf("%d reload clients still registered after they left", n)
	}
	x.c.Transport.(*http.Transport).CloseIdleConnections()
	if got, stacks := goroutines(idleG); stacks != "" {
		t.Errorf("%d goroutines after the clients left, want at most %d:\n%s", got, idleG, stacks)
	}

	x.stop()
	if got, stacks := goroutines(baseG); stacks != "" {
		t.Errorf("%d goroutines after the server stopped, want at most %d:\n%s", got, baseG, stacks)
	}
	if baseFD >= 0 {
		if got := openFDs(); got > baseFD {
			t.Errorf("%d open files after the server stopped, %d before", got, baseFD)
		}
	}
}

// A panic in a stage becomes an error diagnostic instead of stopping the
// server.
func TestSafelyTurnsPanicIntoError(t *testing.T) {
	d := safely("content/x.md", func() { panic("boom") })
	if d == nil || d.Path != "content/x.md" || !strings.Contains(d.Msg, "boom") || d.Fix == "" {
		t.Errorf("safely = %+v, want an error at content/x.md naming the panic", d)
	}
	if d := safely("", func() {}); d != nil {
		t.Errorf("safely without a panic = %+v, want nil", d)
	}
}
