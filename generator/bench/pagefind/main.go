// Command pagefind compares the site search with Pagefind on the same
// built site, query by query, in headless Chromium:
//
//	go run ./generator build --destination /tmp/site
//	(cd .ci && npm ci --ignore-scripts)   # Pagefind is pinned in .ci's lockfile
//	go run ./generator/bench/pagefind -site /tmp/site
//
// It copies the site, marks each page's <main> with data-pagefind-body
// (so Pagefind, like our index, reads the page's content and not its
// header, menus and footer, and skips pages without it: the search page
// and the 404 page), runs Pagefind over the copy, serves it, and for each
// query of generator/internal/gates/testdata/search_queries.json loads a
// fresh tab and asks each engine: ours through /search/?q=, Pagefind
// through its JavaScript API (search, then the first result's data). It
// prints whether each first result is one the query's list accepts, and
// the bytes the query fetched (the search script and index files, each
// counted at its gzip size as a host serves it; Pagefind's index files are
// compressed already), then each engine's totals and index size.
//
// TestCompare runs the same comparison on the sample site in CI and fails
// when our search gets fewer first results right than Pagefind.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func main() {
	siteDir := flag.String("site", "", "a site built by `generator build` (with .gz copies)")
	bin := flag.String("pagefind", ".ci/node_modules/.bin/pagefind", "the pagefind executable")
	queries := flag.String("queries", "generator/internal/gates/testdata/search_queries.json", "the queries")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium's executable")
	flag.Parse()
	if *siteDir == "" {
		log.Fatal("-site is required")
	}
	qs, err := readQueries(*queries)
	if err != nil {
		log.Fatal(err)
	}
	r, err := compare(*siteDir, *bin, *chromium, qs, os.Stderr)
	if err != nil {
		log.Fatal(err)
	}
	r.print(os.Stdout)
}

type query struct {
	Query string   `json:"query"`
	First []string `json:"first"`
}

func readQueries(name string) ([]query, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var qs []query
	if err := json.Unmarshal(data, &qs); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return qs, nil
}

// engines are the two searches compared, in the table's order.
var engines = [...]string{"ours", "pagefind"}

// report is the comparison: one row per query, totals per engine.
type report struct {
	rows       []row
	right      map[string]int // first results right
	bytes      map[string]int // bytes fetched, all queries
	indexBytes map[string]int // the index files' served size
}

type row struct {
	query string
	first map[string]string // engine → first result ("" for none)
	ok    map[string]bool   // engine → first result is one the query accepts
	bytes map[string]int    // engine → bytes fetched
}

// compare copies the site at siteDir, runs Pagefind (bin) over the copy,
// serves it and asks each query of qs of both engines in Chromium.
// Pagefind's output goes to log.
func compare(siteDir, bin, chromium string, qs []query, log io.Writer) (*report, error) {
	dir, err := os.MkdirTemp("", "pagefind-compare-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := copyMarked(siteDir, dir); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--site", dir)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pagefind: %v", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	// The server notes every path asked for: Pagefind's worker fetches its
	// WASM and index chunks where the page's own request events miss them.
	rec := &recorder{}
	fsrv := http.FileServer(http.Dir(dir))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(r.URL.Path)
		fsrv.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromium), chromedp.NoDefaultBrowserCheck}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run", "disable-background-networking", "disable-component-update", "disable-sync"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()

	r := &report{right: map[string]int{}, bytes: map[string]int{}}
	for _, q := range qs {
		rw := row{query: q.Query, first: map[string]string{}, ok: map[string]bool{}, bytes: map[string]int{}}
		for _, engine := range engines {
			first, n, err := ask(actx, rec, base, dir, engine, q.Query)
			if err != nil {
				return nil, fmt.Errorf("%s %q: %v", engine, q.Query, err)
			}
			rw.first[engine], rw.bytes[engine] = first, n
			if slices.Contains(q.First, first) {
				rw.ok[engine] = true
				r.right[engine]++
			}
			r.bytes[engine] += n
		}
		r.rows = append(r.rows, rw)
	}
	r.indexBytes = map[string]int{
		"ours": sizeOf(dir, "search-index", func(p string) bool { return strings.HasSuffix(p, ".json") }),
		"pagefind": sizeOf(dir, "pagefind", func(p string) bool {
			return strings.Contains(p, "/index/") || strings.Contains(p, "/fragment/") || strings.HasSuffix(p, ".pf_meta")
		}),
	}
	return r, nil
}

// print writes the report as the README's Markdown table and totals.
func (r *report) print(w io.Writer) {
	fmt.Fprintln(w, "| query | ours: first result | bytes | Pagefind: first result | bytes |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, rw := range r.rows {
		cells := []string{"`" + rw.query + "`"}
		for _, e := range engines {
			mark, first := "✗", rw.first[e]
			if rw.ok[e] {
				mark = "✓"
			}
			if first == "" {
				first = "(none)"
			}
			cells = append(cells, mark+" "+first, fmt.Sprint(rw.bytes[e]))
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
	for _, e := range engines {
		mean := 0
		if len(r.rows) > 0 {
			mean = r.bytes[e] / len(r.rows)
		}
		fmt.Fprintf(w, "%s: %d of %d first results right; mean bytes per first query %d\n", e, r.right[e], len(r.rows), mean)
	}
	fmt.Fprintf(w, "index files: ours %d bytes (gzip), Pagefind %d bytes (index, fragments, meta)\n", r.indexBytes["ours"], r.indexBytes["pagefind"])
}

var mainTag = regexp.MustCompile(`<main\b`)

// recorder is every path the server was asked for since the last ask.
type recorder struct {
	mu    sync.Mutex
	paths []string
}

func (r *recorder) add(p string) {
	r.mu.Lock()
	r.paths = append(r.paths, p)
	r.mu.Unlock()
}

// take returns the paths asked for and forgets them.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.paths
	r.paths = nil
	return p
}

// copyMarked copies the site from src to dst, marking <main> for Pagefind
// on every page but the search and 404 pages.
func copyMarked(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r := filepath.ToSlash(rel)
		if strings.HasSuffix(r, ".html") && r != "404.html" && !strings.HasPrefix(r, "search/") {
			data = mainTag.ReplaceAll(data, []byte("<main data-pagefind-body"))
		}
		return os.WriteFile(out, data, 0o644)
	})
}

// ask runs one query on one engine in a fresh tab and returns the first
// result's URL and the bytes of the search files the server sent.
func ask(actx context.Context, rec *recorder, base, dir, engine, q string) (string, int, error) {
	rec.take()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	defer tcancel()
	// A fresh profile per engine would be cleaner; with the cache off,
	// every query fetches what it needs anew.
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return "", 0, err
	}
	js, _ := json.Marshal(q)
	var first string
	var err error
	if engine == "ours" {
		if err = chromedp.Do(ctx, chromedp.Navigate(base+"/search/?"+url.Values{"q": {q}}.Encode())); err != nil {
			return "", 0, err
		}
		first, err = chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(done => {
			const f = document.querySelector("form.search-form");
			const check = () => f.hasAttribute("data-answered")
				? done((document.querySelector("#search-results a") || {getAttribute: () => ""}).getAttribute("href"))
				: setTimeout(check, 20);
			check();
		})`, chromedp.EvalAwaitPromise))
	} else {
		if err = chromedp.Do(ctx, chromedp.Navigate(base+"/404.html")); err != nil {
			return "", 0, err
		}
		first, err = chromedp.Run(ctx, chromedp.Evaluate[string](`import("/pagefind/pagefind.js").then(async pf => {
			const r = await pf.search(`+string(js)+`);
			return r.results.length ? (await r.results[0].data()).url : "";
		})`, chromedp.EvalAwaitPromise))
	}
	if err != nil {
		return "", 0, err
	}
	n := 0
	for _, p := range rec.take() {
		if strings.HasPrefix(p, "/pagefind/") || strings.HasPrefix(p, "/search-index/") || strings.HasPrefix(p, "/js/") {
			n += served(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/"))))
		}
	}
	return first, n, nil
}

// served is a file's size as a host serves it: its .gz copy's when the
// build wrote one, gzip -9's for JavaScript and JSON, else its own.
func served(p string) int {
	if st, err := os.Stat(p + ".gz"); err == nil {
		return int(st.Size())
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	if strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".json") {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(data)
		w.Close()
		return buf.Len()
	}
	return len(data)
}

// sizeOf adds the served sizes of the files under dir/sub that keep says.
func sizeOf(dir, sub string, keep func(string) bool) int {
	n := 0
	filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".gz") && !strings.HasSuffix(p, ".br") && keep(filepath.ToSlash(p)) {
			n += served(p)
		}
		return nil
	})
	return n
}
