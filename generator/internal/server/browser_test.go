package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"clinicgen/generator/internal/browsertest"
	"clinicgen/generator/internal/sitetest"
)

// waitJS evaluates a boolean JavaScript expression in the page until it
// is true. Errors while the page reloads are retried.
func waitJS(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(25 * time.Millisecond)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
	path, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	t.Fatalf("browser never showed %s (last error %v); at %s:\n%s", what, last, path, text)
}

func waitClients(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.hub.count() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the page never opened its reload connection")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The editor's loop in a real browser: text edits appear without a
// manual reload, CSS applies without a reload, a broken front matter shows
// the overlay and the fix clears it, the browser follows the editor to the
// page being edited, and a restarted server reloads the page.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.Start(t, 90*time.Second)
	site := sitetest.Write(t, testSite)
	x := serve(t, site)

	if err := chromedp.Do(ctx, chromedp.Navigate(x.url+"/articles/alpha/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.body.innerText.includes("Alpha body text")`, "the article")
	waitClients(t, x.srv, 1)

	t.Run("markdown edit shows without a manual reload", func(t *testing.T) {
		x.write("content/articles/alpha.md", strings.Replace(x.read("content/articles/alpha.md"), "Alpha body text", "Freshly edited words", 1))
		waitJS(t, ctx, `document.body.innerText.includes("Freshly edited words")`, "the edited text")
	})

	t.Run("css change applies without a reload", func(t *testing.T) {
		waitClients(t, x.srv, 1)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__notReloaded = 42; true`)); err != nil {
			t.Fatal(err)
		}
		x.write("assets/css/main.css", x.read("assets/css/main.css")+"\nbody.kind-article { outline: 3px solid rgb(1, 2, 3); }\n")
		waitJS(t, ctx, `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`, "the new style")
		kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__notReloaded === 42`))
		if err != nil {
			t.Fatal(err)
		}
		if !kept {
			t.Error("the page reloaded for a CSS-only change; want the stylesheet swapped in place")
		}
	})

	good := x.read("content/articles/alpha.md")
	t.Run("broken front matter shows the overlay", func(t *testing.T) {
		x.write("content/articles/alpha.md", strings.Replace(good, "title: Alpha Article", "title: [Alpha Article", 1))
		waitJS(t, ctx, `(function () {
			var o = document.getElementById("`+overlayID+`");
			return !!o && /content\/articles\/alpha\.md:\d/.test(o.innerText) && o.innerText.includes("front matter");
		})()`, "the error overlay at content/articles/alpha.md:line")
	})

	t.Run("fixing it clears the overlay and shows the page", func(t *testing.T) {
		x.write("content/articles/alpha.md", strings.Replace(good, "Freshly edited words", "Fixed and back", 1))
		waitJS(t, ctx, `!document.getElementById("`+overlayID+`") && document.body.innerText.includes("Fixed and back")`, "the fixed page without the overlay")
	})

	t.Run("browser follows the editor to the page being edited", func(t *testing.T) {
		waitClients(t, x.srv, 1)
		x.write("content/articles/gamma.md", strings.Replace(x.read("content/articles/gamma.md"), "Gamma body", "Gamma edited body", 1))
		waitJS(t, ctx, `location.pathname === "/articles/gamma/" && document.body.innerText.includes("Gamma edited body")`, "the edited page")
	})

	t.Run("reconnects and reloads after a server restart", func(t *testing.T) {
		waitClients(t, x.srv, 1)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__beforeRestart = 1; true`)); err != nil {
			t.Fatal(err)
		}
		addr := strings.TrimPrefix(x.url, "http://")
		x.stop()
		x.write("content/articles/gamma.md", strings.Replace(x.read("content/articles/gamma.md"), "Gamma edited body", "Written while stopped", 1))
		srv, err := New(Options{Root: site.Root, Addr: addr, Now: sitetest.Now()})
		if err != nil {
			t.Fatal(err)
		}
		rctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- srv.Run(rctx) }()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		}()
		waitJS(t, ctx, `window.__beforeRestart === undefined && document.body.innerText.includes("Written while stopped")`, "the page reloaded from the new server")
	})
}
