// Package browsertest starts Debian's Chromium for browser tests (the dev
// server's live reload and the CI quality gates), with the one set of flags
// this workplace requires. It is test support, like sitetest: only _test.go
// files import it.
//
// Without Chromium a test skips, saying how to install it, except on CI
// (CI=true), where a missing browser is a failure.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path returns Chromium's executable, or skips (fails under CI=true) the
// test when none is installed.
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; CI must install it: apt-get install -y chromium")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium); skipping the browser test")
	return ""
}

// Flags are the command-line flags every headless Chromium here runs with:
// no sandbox (CI runs as root) and nothing that talks to the network on its
// own, so the only requests are the page's.
func Flags() []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync"}
}

// Start starts Chromium with a fresh profile and returns a tab's context,
// bounded by timeout so that a hung browser fails the test instead of
// stalling CI. Everything is closed when the test ends.
func Start(t testing.TB, timeout time.Duration, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	aopts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(Path(t)), chromedp.UserDataDir(t.TempDir()), chromedp.NoDefaultBrowserCheck}
	for _, fl := range Flags() {
		aopts = append(aopts, chromedp.Flag(strings.TrimPrefix(fl, "--"), true))
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), aopts...)
	ctx, cancel := chromedp.NewContext(actx, opts...)
	ctx, tcancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		tcancel()
		cancel()
		acancel()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}
