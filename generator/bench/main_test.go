//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/bench/corpus"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []float64
		want float64
	}{
		{"one", []float64{3}, 3},
		{"odd, unsorted", []float64{5, 1, 3}, 3},
		{"even: mean of the middle two", []float64{4, 1, 2, 10}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := append([]float64(nil), tc.in...)
			if got := median(in); got != tc.want {
				t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
			}
			if !cmp.Equal(in, tc.in) {
				t.Errorf("median sorted its argument: %v", in)
			}
		})
	}
}

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []int
		wantErr bool
	}{
		{"1000,10000", []int{1000, 10000}, false},
		{" 5 , 7", []int{5, 7}, false},
		{"1000,", nil, true},
		{"0", nil, true},
		{"ten", nil, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSizes(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("parseSizes(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseSizes(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestBenchConfig(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"replaced, comment and all", "title: X\npaginate: 10   # per page\nfeeds: {}\n", "title: X\npaginate: 20\nfeeds: {}\n"},
		{"added when missing", "title: X\n", "title: X\npaginate: 20\n"},
		{"a nested key is not the setting", "list:\n  paginate: 5\n", "list:\n  paginate: 5\npaginate: 20\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(benchConfig([]byte(tc.in))); got != tc.want {
				t.Errorf("benchConfig(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPrepareHugo(t *testing.T) {
	content := t.TempDir()
	dir := filepath.Join(t.TempDir(), "hugo-5")
	if err := prepareHugo(dir, content); err != nil {
		t.Fatal(err)
	}
	// A second run over a prepared folder starts again.
	if err := prepareHugo(dir, content); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"config.yaml", "layouts/index.html", "layouts/_default/single.html", "layouts/_default/baseof.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("Hugo site: %v", err)
		}
	}
	if got, err := os.Readlink(filepath.Join(dir, "content")); err != nil || got != content {
		t.Errorf("content links to %q (%v), want %q", got, err, content)
	}
}

func TestReportWithoutFloor(t *testing.T) {
	s := func(wall float64) []sample { return []sample{{wall: time.Duration(wall * float64(time.Second))}} }
	tools := []tool{{name: "generator"}, {name: "generator+compress"}}
	results := map[string][]sample{key(10, "generator"): s(1), key(10, "generator+compress"): s(1.5)}
	related := map[string]corpus.Scores{key(10, "generator"): {Pages: 10, Links: 50, Hits: 45}}
	var out strings.Builder
	report(&out, []int{10}, tools, 1, results, related)
	for _, want := range []string{
		"10 articles: generator+compress/generator 1.50×\n",
		"10 articles, generator: pages=10 empty=0 mean_len=5.00 precision=0.900\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "floor") {
		t.Errorf("report names the floor it did not run:\n%s", out.String())
	}
}
