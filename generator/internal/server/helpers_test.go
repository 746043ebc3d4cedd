package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"clinicgen/generator/internal/sitetest"
)

// testSite is a small site with three dated articles, a home page and an
// articles section, laid out with the repository's theme.
const testSite = sitetest.ThreeArticles

// ts is a running server on a test site.
type ts struct {
	t    *testing.T
	site *sitetest.Site
	srv  *Server
	url  string
	c    *http.Client
	log  *syncBuffer
	// stop ends the server and waits for Run to return; it runs at the
	// end of the test if the test did not call it.
	stop func()
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start lays out archive and serves it on a free loopback port until the
// test ends.
func start(t *testing.T, archive string) *ts {
	t.Helper()
	site := sitetest.Write(t, archive)
	return serve(t, site)
}

func serve(t *testing.T, site *sitetest.Site) *ts {
	t.Helper()
	log := &syncBuffer{}
	srv, err := New(Options{Root: site.Root, Addr: "127.0.0.1:0", Now: sitetest.Now(), Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	tr := &http.Transport{}
	x := &ts{t: t, site: site, srv: srv, url: strings.TrimSuffix(srv.URL(), "/"), log: log,
		c: &http.Client{Transport: tr, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	var once sync.Once
	x.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
			tr.CloseIdleConnections()
		})
	}
	t.Cleanup(func() {
		x.stop()
		if t.Failed() {
			t.Logf("server log:\n%s", log.String())
		}
	})
	x.waitWatching()
	return x
}

// waitWatching waits until the watcher has registered the site folder, so
// edits made right after start are seen: it touches a file the server
// ignores for content but still sees, and waits for nothing more than the
// watch list.
func (x *ts) waitWatching() {
	x.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if x.srv.watching() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	x.t.Fatal("watcher did not start")
}

// get fetches a path and returns status, body and headers.
func (x *ts) get(p string) (int, string, http.Header) {
	x.t.Helper()
	resp, err := x.c.Get(x.url + p)
	if err != nil {
		x.t.Fatalf("GET %s: %v", p, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		x.t.Fatalf("GET %s: %v", p, err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// body fetches a page that must answer 200.
func (x *ts) body(p string) string {
	x.t.Helper()
	code, b, _ := x.get(p)
	if code != http.StatusOK {
		x.t.Fatalf("GET %s: status %d, want 200\n%s", p, code, clip(b))
	}
	return b
}

// waitFor polls p until ok accepts its status and body, failing after a
// few seconds (a generous bound for a slow, loaded CI machine; the speed
// target is measured by TestServeLatency, not here).
func (x *ts) waitFor(p string, what string, ok func(code int, body string) bool) string {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var code int
	var b string
	for time.Now().Before(deadline) {
		code, b, _ = x.get(p)
		if ok(code, b) {
			return b
		}
		time.Sleep(10 * time.Millisecond)
	}
	x.t.Fatalf("GET %s never %s; last status %d:\n%s", p, what, code, clip(b))
	return ""
}

func (x *ts) waitContains(p, want string) string {
	x.t.Helper()
	return x.waitFor(p, "contained "+want, func(code int, b string) bool { return code == 200 && strings.Contains(b, want) })
}

func (x *ts) waitLacks(p, absent string) string {
	x.t.Helper()
	return x.waitFor(p, "lost "+absent, func(code int, b string) bool { return code == 200 && !strings.Contains(b, absent) })
}

func (x *ts) write(name, content string) {
	x.t.Helper()
	p := filepath.Join(x.site.Root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		x.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		x.t.Fatal(err)
	}
}

func (x *ts) remove(name string) {
	x.t.Helper()
	if err := os.RemoveAll(filepath.Join(x.site.Root, filepath.FromSlash(name))); err != nil {
		x.t.Fatal(err)
	}
}

func (x *ts) read(name string) string {
	x.t.Helper()
	b, err := os.ReadFile(filepath.Join(x.site.Root, filepath.FromSlash(name)))
	if err != nil {
		x.t.Fatal(err)
	}
	return string(b)
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// sse is one reload-event connection.
type sse struct {
	events chan [2]string // name, data
	close  func()
}

// events opens the reload stream and returns its events as they come.
func (x *ts) events() *sse {
	x.t.Helper()
	req, err := http.NewRequest("GET", x.url+eventsPath, nil)
	if err != nil {
		x.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	req = req.WithContext(ctx)
	resp, err := x.c.Transport.RoundTrip(req)
	if err != nil {
		cancel()
		x.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		x.t.Fatalf("event stream Content-Type %q", ct)
	}
	s := &sse{events: make(chan [2]string, 100)}
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "":
				if name != "" {
					s.events <- [2]string{name, data}
				}
				name, data = "", ""
			}
		}
	})
	s.close = func() {
		cancel()
		resp.Body.Close()
		wg.Wait()
	}
	x.t.Cleanup(s.close)
	return s
}

// next returns the next event with the given name, skipping others.
func (s *sse) next(t *testing.T, name string) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", name)
			}
			if ev[0] == name {
				return ev[1]
			}
		case <-timeout:
			t.Fatalf("no %q event", name)
		}
	}
}

// rawGet sends a request line as written (no client-side cleaning) and
// returns the status code and body.
func rawGet(t *testing.T, addr, method, target string, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(conn, method+" "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// goroutines waits for the goroutine count to fall to at most n and
// returns the count and, if it did not, every goroutine's stack.
func goroutines(n int) (int, string) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := runtime.NumGoroutine()
		if got <= n || time.Now().After(deadline) {
			if got <= n {
				return got, ""
			}
			buf := make([]byte, 1<<20)
			return got, string(buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openFDs counts this process's open file descriptors (Linux only; -1
// elsewhere).
func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}
