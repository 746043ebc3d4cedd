package server

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestServeLatency measures the speed target: one article edited
// on a large site, from the file write to the new HTML being served. It is
// a benchmark, not a test: it prints p50/p95 and asserts no duration. It
// runs only when SERVE_LATENCY_SITE names a prepared site, such as the
// benchmark's 10,000-article corpus with this repository's theme and
// config (written to /tmp/b/site-10000):
//
//	go run ./generator/bench -prepare -sizes 10000 -work /tmp/b
//	SERVE_LATENCY_SITE=/tmp/b/site-10000 go test -run TestServeLatency -v -timeout 30m ./generator/internal/server/
//
// SERVE_LATENCY_EDITS sets the number of edits (default 40).
// SERVE_LATENCY_EDIT=title edits the title instead of the body (a change
// of the model's shape, which rebuilds the model). When hugo is
// on PATH, the same edit loop runs against `hugo server` over the same
// content with the benchmark's Hugo site, generator/bench/hugo-site
// (HUGO_SITE overrides the path).
// SERVE_LATENCY_HUGO=off skips hugo. SERVE_LATENCY_LOG=1 shows the server's log. The edited file is restored
// at the end.
func TestServeLatency(t *testing.T) {
	root := os.Getenv("SERVE_LATENCY_SITE")
	if root == "" {
		t.Skip("set SERVE_LATENCY_SITE to a site folder (see the comment) to measure edit-to-served latency")
	}
	edits := 40
	if v := os.Getenv("SERVE_LATENCY_EDITS"); v != "" {
		fmt.Sscan(v, &edits)
	}
	names, err := filepath.Glob(filepath.Join(root, "content", "articles", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no articles in %s/content/articles", root)
	}
	slices.Sort(names)
	file := names[len(names)/2]
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.WriteFile(file, orig, 0o644) })
	slug := strings.TrimSuffix(filepath.Base(file), ".md")
	t.Logf("site %s: %d articles; editing %s", root, len(names), filepath.Base(file))

	// Ours.
	start := time.Now()
	var log io.Writer
	if os.Getenv("SERVE_LATENCY_LOG") != "" {
		log = os.Stderr
	}
	srv, err := New(Options{Root: root, Addr: "127.0.0.1:0", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generator serve: loaded in %s", time.Since(start).Round(time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	for !srv.watching() {
		time.Sleep(5 * time.Millisecond)
	}
	rel, _ := filepath.Rel(root, file)
	srv.mu.Lock()
	pg, ok := srv.live.Project().Site.PageByPath(filepath.ToSlash(rel))
	srv.mu.Unlock()
	if !ok {
		t.Fatalf("no page for %s", rel)
	}
	ours := editLoop(t, strings.TrimSuffix(srv.URL(), "/")+pg.URL, file, orig, edits, "ours")
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
	_ = os.WriteFile(file, orig, 0o644)
	report(t, "generator serve", ours)

	// Hugo, if installed.
	hugo, err := exec.LookPath("hugo")
	if os.Getenv("SERVE_LATENCY_HUGO") == "off" {
		return
	}
	if err != nil {
		t.Log("hugo not on PATH: no comparison")
		return
	}
	hugoSite := os.Getenv("HUGO_SITE")
	if hugoSite == "" {
		hugoSite = filepath.Join("..", "..", "bench", "hugo-site")
	}
	if _, err := os.Stat(hugoSite); err != nil {
		t.Logf("no hugo site at %s: no comparison", hugoSite)
		return
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(hugoSite)); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join(root, "content"))
	if err := os.Symlink(abs, filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	hctx, hcancel := context.WithCancel(context.Background())
	defer hcancel()
	cmd := exec.CommandContext(hctx, hugo, "server", "--source", dir, "--bind", "127.0.0.1", "--port", fmt.Sprint(port),
		"--disableLiveReload", "--quiet")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start = time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		hcancel()
		_ = cmd.Wait()
	}()
	url := fmt.Sprintf("http://127.0.0.1:%d/articles/%s/", port, slug)
	deadline := time.Now().Add(10 * time.Minute)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("hugo server did not serve %s", url)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("hugo server: ready in %s", time.Since(start).Round(time.Millisecond))
	theirs := editLoop(t, url, file, orig, edits, "hugo")
	report(t, "hugo server", theirs)
}

// editLoop edits file n times, each time adding a new marker paragraph,
// and measures from the write to the first response of url that holds the
// marker. Pauses between edits vary (0.1 to 1.5 s), so some edits land
// while a background rebuild runs and some after it.
func editLoop(t *testing.T, url, file string, orig []byte, n int, tag string) []time.Duration {
	t.Helper()
	c := &http.Client{Timeout: 30 * time.Second}
	get := func() string {
		resp, err := c.Get(url)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if !strings.Contains(get(), "<") {
		t.Fatalf("%s: %s does not answer", tag, url)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var out []time.Duration
	for i := range n {
		marker := fmt.Sprintf("latencymarker%s%03d", tag, i)
		data := append(append([]byte{}, orig...), "\n\nEdited paragraph "+marker+".\n"...)
		if os.Getenv("SERVE_LATENCY_EDIT") == "title" {
			data = []byte(strings.Replace(string(orig), "\ntitle: ", "\ntitle: "+marker+" ", 1))
		}
		t0 := time.Now()
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for !strings.Contains(get(), marker) {
			if time.Since(t0) > time.Minute {
				t.Fatalf("%s: edit %d never served", tag, i)
			}
			time.Sleep(2 * time.Millisecond)
		}
		out = append(out, time.Since(t0))
		time.Sleep(time.Duration(100+rng.IntN(1400)) * time.Millisecond)
	}
	return out
}

func report(t *testing.T, name string, ds []time.Duration) {
	t.Helper()
	s := slices.Clone(ds)
	slices.Sort(s)
	q := func(p float64) time.Duration { return s[int(p*float64(len(s)-1)+0.5)] }
	line := fmt.Sprintf("%-16s edits %d  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms",
		name, len(s), ms(q(0.5)), ms(q(0.95)), ms(s[len(s)-1]))
	t.Log(line)
	fmt.Println(line)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
