// Command searchtime measures the site search in headless Chromium on a
// built site: how long the search page takes to answer a query, and how
// many bytes of index it fetches to do so.
//
//	go run ./generator/bench -prepare -sizes 10000 -work /tmp/s
//	go run ./generator build --source /tmp/s/site-10000 --destination /tmp/s/public
//	go run ./generator/bench/searchtime -site /tmp/s/public -reps 3
//
// It serves the site on 127.0.0.1 and, for each query of
// generator/internal/gates/testdata/search_queries.json (or -queries),
// opens /search/ in a fresh tab with the browser cache off, then submits
// the query through the page's form (the submit path has no typing delay)
// and times, in the page, from the submit to the moment the page has shown
// its answer (the form's data-answered attribute names the query; the
// results are in the page by then). That first query includes fetching
// the manifest and the shards it needs from the local server and parsing
// them. The same query is then submitted again on the same page: the
// index files it needs are in memory, so that time is the ranking and the
// drawing alone. -latency adds that many milliseconds to every request,
// as a real network's round trips would. Every query is run -reps times in turn; the command
// prints each query's median times and bytes, then the p50 and p90 of
// all first and repeated queries, the bytes of index a first query
// fetched (the script and index files, each at its .gz size as a host
// serves it; gzip -9 when the build wrote no .gz), and the whole index's
// size.
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
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

type query struct {
	Query string `json:"query"`
}

// timing is one run of one query.
type timing struct {
	First, Again float64 // milliseconds
	Bytes        int     // index and script bytes the first query fetched
}

func main() {
	siteDir := flag.String("site", "", "a site built by `generator build`")
	queries := flag.String("queries", "generator/internal/gates/testdata/search_queries.json", "the queries")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium's executable")
	reps := flag.Int("reps", 3, "runs of each query")
	flag.Float64Var(&latency, "latency", 0, "milliseconds Chromium adds to every request (0: none), to see what the round trips of a real network cost")
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

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fsrv := http.FileServer(http.Dir(*siteDir))
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

	runs := make([][]timing, len(qs))
	for range *reps {
		for i, q := range qs {
			tm, err := ask(actx, base, *siteDir, q.Query)
			if err != nil {
				log.Fatalf("%q: %v", q.Query, err)
			}
			runs[i] = append(runs[i], tm)
		}
	}
	fmt.Println("| query | first (ms) | again (ms) | bytes fetched |")
	fmt.Println("| --- | --- | --- | --- |")
	var first, again, byts []float64
	for i, q := range qs {
		var f, a, b []float64
		for _, tm := range runs[i] {
			f, a, b = append(f, tm.First), append(a, tm.Again), append(b, float64(tm.Bytes))
		}
		first, again, byts = append(first, f...), append(again, a...), append(byts, b...)
		fmt.Printf("| `%s` | %.1f | %.1f | %.0f |\n", q.Query, quantile(f, 0.5), quantile(a, 0.5), quantile(b, 0.5))
	}
	fmt.Printf("first query: p50 %.1f ms, p90 %.1f ms; again: p50 %.1f ms, p90 %.1f ms (%d runs)\n",
		quantile(first, 0.5), quantile(first, 0.9), quantile(again, 0.5), quantile(again, 0.9), len(first))
	fmt.Printf("bytes a first query fetched (compressed): p50 %.0f, max %.0f\n", quantile(byts, 0.5), quantile(byts, 1))
	raw, gz, files := indexSize(filepath.Join(*siteDir, "search-index"))
	fmt.Printf("index: %d files, %d bytes, %d compressed\n", files, raw, gz)
}

// latency is the -latency flag.
var latency float64

// asked is every path the server was asked for since the last ask.
var asked struct {
	sync.Mutex
	paths []string
}

// timeQuery submits the query in the page's field and resolves to the
// milliseconds until the page has answered it.
const timeQuery = `(q) => new Promise((resolve, reject) => {
	const form = document.querySelector("form.search-form[data-index]");
	const field = document.getElementById("search-q");
	form.removeAttribute("data-answered");
	field.value = q;
	const start = performance.now();
	const obs = new MutationObserver(() => {
		if (form.getAttribute("data-answered") === q.trim()) {
			obs.disconnect();
			resolve(performance.now() - start);
		}
	});
	obs.observe(form, {attributes: true, attributeFilter: ["data-answered"]});
	form.requestSubmit();
	setTimeout(() => reject(new Error("no answer in 30 s")), 30000);
})`

// ask opens /search/ in a fresh tab with the cache off and times q twice.
func ask(actx context.Context, base, dir, q string) (timing, error) {
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	defer tcancel()
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return timing{}, err
	}
	if latency > 0 {
		if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: latency, DownloadThroughput: -1, UploadThroughput: -1}},
		}); err != nil {
			return timing{}, err
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/")); err != nil {
		return timing{}, err
	}
	asked.Lock()
	asked.paths = nil
	asked.Unlock()
	js, _ := json.Marshal(q)
	var tm timing
	var err error
	if tm.First, err = chromedp.Run(ctx, chromedp.Evaluate[float64]("("+timeQuery+")("+string(js)+")", chromedp.EvalAwaitPromise)); err != nil {
		return timing{}, err
	}
	asked.Lock()
	for _, p := range asked.paths {
		if strings.HasPrefix(p, "/search-index/") {
			tm.Bytes += served(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/"))))
		}
	}
	asked.Unlock()
	if tm.Again, err = chromedp.Run(ctx, chromedp.Evaluate[float64]("("+timeQuery+")("+string(js)+")", chromedp.EvalAwaitPromise)); err != nil {
		return timing{}, err
	}
	return tm, nil
}

// quantile returns the q-quantile of xs (nearest rank).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// served is a file's size as a host serves it: its .gz copy's when the
// build wrote one, else gzip -9's.
func served(p string) int {
	if st, err := os.Stat(p + ".gz"); err == nil {
		return int(st.Size())
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// indexSize returns the bytes of the index files under dir (not their .gz
// and .br copies), the same compressed, and their number.
func indexSize(dir string) (raw, gz, files int) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			return nil
		}
		if st, err := d.Info(); err == nil {
			raw += int(st.Size())
			gz += served(p)
			files++
		}
		return nil
	})
	return raw, gz, files
}
