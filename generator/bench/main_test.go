//go:build linux

package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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
