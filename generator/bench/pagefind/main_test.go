package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"clinicgen/generator/internal/build"
)

// TestCompare runs the README's comparison with Pagefind on the sample
// site: Pagefind (pinned in .ci's lockfile) indexes a copy of the built
// site and both engines answer the gates' search queries in Chromium. Our
// search must get at least as many first results right as Pagefind and
// each engine must find something for most queries (an engine that finds
// nothing means the comparison is broken, not that we won). The table is
// logged (go test -v) for the README. Without Chromium or Pagefind the test
// is skipped, except under CI=true, where it fails.
func TestCompare(t *testing.T) {
	if testing.Short() {
		t.Skip("drives Chromium")
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(root, ".ci/node_modules/.bin/pagefind")
	chromium, cerr := exec.LookPath("chromium")
	for what, missing := range map[string]bool{
		"pagefind (cd .ci && npm ci --ignore-scripts)": !exists(bin),
		"chromium (apt-get install chromium)":          cerr != nil,
	} {
		if !missing {
			continue
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; CI must install it", what)
		}
		t.Skipf("%s is missing; skipping", what)
	}
	qs, err := readQueries(filepath.Join(root, "generator/internal/gates/testdata/search_queries.json"))
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "public")
	if res := build.Run(root, site, build.Options{Compress: true}); res.Diags.HasErrors() {
		t.Fatalf("the sample site does not build:\n%v", res.Diags)
	}
	var log bytes.Buffer
	r, err := compare(site, bin, chromium, qs, &log)
	if err != nil {
		t.Fatalf("%v\npagefind said:\n%s", err, log.Bytes())
	}
	var table bytes.Buffer
	r.print(&table)
	t.Logf("\n%s", table.Bytes())
	if r.right["ours"] < r.right["pagefind"] {
		t.Errorf("our search has %d first results right, Pagefind %d, of %d queries", r.right["ours"], r.right["pagefind"], len(qs))
	}
	for _, e := range engines {
		found := 0
		for _, rw := range r.rows {
			if rw.first[e] != "" {
				found++
			}
		}
		if found*2 < len(qs) {
			t.Errorf("%s found a result for only %d of %d queries: the comparison is not measuring it", e, found, len(qs))
		}
		if r.indexBytes[e] == 0 {
			t.Errorf("%s: no index files measured", e)
		}
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
