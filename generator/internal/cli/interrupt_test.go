package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/bench/corpus"
	"clinicgen/generator/internal/sitetest"
)

// TestMain lets a test run the generator in a child process: with
// CLI_TEST_MAIN set to its arguments (separated by newlines), the test
// binary is the generator.
func TestMain(m *testing.M) {
	if args := os.Getenv("CLI_TEST_MAIN"); args != "" {
		os.Exit(Main(strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

const interruptConfig = `
-- config.yaml --
baseURL: http://localhost/
title: Test Clinic
timeZone: America/New_York
clinic:
  name: Test Clinic
  telephone: "+1-301-555-0100"
  address: {streetAddress: "1 Main St", addressLocality: Bladensburg, addressRegion: MD, postalCode: "20710", addressCountry: US}
  geo: {latitude: 38.9, longitude: -76.9}
  hours:
    - {days: [Monday], opens: "08:00", closes: "17:00"}
-- content/articles/hello.md --
---
title: Hello
date: 2026-01-02
description: A first article.
---
Hello, readers.
`

// A build interrupted by Ctrl+C while it renders removes its staging
// folder, leaves the previous public/ as it was and says so.
func TestBuildInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 2,000 articles in a child process")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	s := sitetest.Write(t, interruptConfig)
	var out strings.Builder
	if code := Main([]string{"build", "--quiet", "--source", s.Root}, &out, &out); code != ExitOK {
		t.Log(out.String())
		t.Fatalf("first build: exit %d", code)
	}
	before := sitetest.Tree(t, s.Public)
	if err := corpus.Write(s.Root, 2000, corpus.Defaults()); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CLI_TEST_MAIN=build\n--source\n"+s.Root, "GENERATOR_NOW=2026-11-25T12:00:00Z")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Rendering has begun once a page is in the staging folder.
	pages := filepath.Join(s.Root, "public.tmp-*", "articles", "*", "index.html")
	var err error
poll:
	for {
		select {
		case err = <-exited:
			t.Fatalf("the build ended before a page was rendered (%v):\n%s", err, stderr.String())
		case <-time.After(2 * time.Millisecond):
			if m, _ := filepath.Glob(pages); len(m) > 0 {
				break poll
			}
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err = <-exited
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != ExitContent {
		t.Fatalf("interrupted build: %v, want exit code %d; stderr:\n%s", err, ExitContent, stderr.String())
	}
	if !strings.Contains(stderr.String(), "the build was interrupted; nothing was written") {
		t.Errorf("stderr does not say the build was interrupted:\n%s", stderr.String())
	}
	entries, err := os.ReadDir(s.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "public.") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
		t.Errorf("public/ changed (-before +after):\n%s", diff)
	}
}
