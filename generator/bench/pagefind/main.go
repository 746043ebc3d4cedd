// Command pagefind compares the site search with Pagefind on the same
// built site, query by query, in headless Chromium:
//
//	go run ./generator build --destination /tmp/site
//	npm install pagefind@1.6.0   # in a scratch folder
//	go run ./generator/bench/pagefind -site /tmp/site -pagefind node_modules/.bin/pagefind
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
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
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

type query struct {
	Query string   `json:"query"`
	First []string `json:"first"`
}

func main() {
	siteDir := flag.String("site", "", "a site built by `generator build` (with .gz copies)")
	bin := flag.String("pagefind", "pagefind", "the pagefind executable")
	queries := flag.String("queries", "generator/internal/gates/testdata/search_queries.json", "the queries")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium's executable")
	flag.Parse()
	if *siteDir == "" {
		log.Fatal("-site is required")
	}
	var qs []query
	data, err := os.ReadFile(*queries)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, &qs); err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "pagefind-compare-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := copyMarked(*siteDir, dir); err != nil {
		log.Fatal(err)
	}
	cmd := exec.Command(*bin, "--site", dir)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("pagefind: %v", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	// The server notes every path asked for: Pagefind's worker fetches its
	// WASM and index chunks where the page's own request events miss them.
	fsrv := http.FileServer(http.Dir(dir))
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Lock()
		asked.paths = append(asked.paths, r.URL.Path)
		asked.Unlock()
		fsrv.ServeHTTP(w, r)
	}))
	base := "http://" + ln.Addr().String()
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(*chromium), chromedp.NoDefaultBrowserCheck}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "no-first-run", "disable-background-networking", "disable-component-update", "disable-sync"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()

	fmt.Println("| query | ours: first result | bytes | Pagefind: first result | bytes |")
	fmt.Println("| --- | --- | --- | --- | --- |")
	right := map[string]int{}
	bytesTotal := map[string]int{}
	for _, q := range qs {
		row := []string{"`" + q.Query + "`"}
		for _, engine := range []string{"ours", "pagefind"} {
			first, n, err := ask(actx, base, dir, engine, q.Query)
			if err != nil {
				log.Fatalf("%s %q: %v", engine, q.Query, err)
			}
			mark := "✗"
			if slices.Contains(q.First, first) {
				mark = "✓"
				right[engine]++
			}
			if first == "" {
				first = "(none)"
			}
			bytesTotal[engine] += n
			row = append(row, mark+" "+first, fmt.Sprint(n))
		}
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
	for _, e := range []string{"ours", "pagefind"} {
		fmt.Printf("%s: %d of %d first results right; mean bytes per first query %d\n", e, right[e], len(qs), bytesTotal[e]/len(qs))
	}
	fmt.Printf("index files: ours %d bytes (gzip), Pagefind %d bytes (index, fragments, meta)\n",
		sizeOf(dir, "search-index", func(p string) bool { return strings.HasSuffix(p, ".json") }),
		sizeOf(dir, "pagefind", func(p string) bool {
			return strings.Contains(p, "/index/") || strings.Contains(p, "/fragment/") || strings.HasSuffix(p, ".pf_meta")
		}))
}

var mainTag = regexp.MustCompile(`<main\b`)

// asked is every path the server was asked for since the last ask.
var asked struct {
	sync.Mutex
	paths []string
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
func ask(actx context.Context, base, dir, engine, q string) (string, int, error) {
	asked.Lock()
	asked.paths = nil
	asked.Unlock()
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
	asked.Lock()
	defer asked.Unlock()
	n := 0
	for _, p := range asked.paths {
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
