package config

import (
	"reflect"
	"strings"
	"testing"

	"clinicgen/generator/internal/diag"
)

func TestImagesDefaultsAndOverrides(t *testing.T) {
	c, ds := Load([]byte("title: T\n"))
	if diag.List(ds).HasErrors() {
		t.Fatal(ds)
	}
	want := Images{Widths: []int{480, 800, 1200, 1600}, Quality: 80, MaxPixels: 40_000_000, Sizes: "(min-width: 46rem) 42rem, 100vw", Cache: ".cache/images"}
	if !reflect.DeepEqual(c.Images, want) {
		t.Errorf("defaults %+v, want %+v", c.Images, want)
	}
	c, ds = Load([]byte("title: T\nimages:\n  widths: [320, 640]\n  quality: 70\n  cache: build-cache/img/\n"))
	if diag.List(ds).HasErrors() {
		t.Fatal(ds)
	}
	if !reflect.DeepEqual(c.Images.Widths, []int{320, 640}) || c.Images.Quality != 70 || c.Images.MaxPixels != 40_000_000 || c.Images.Cache != "build-cache/img" {
		t.Errorf("overrides: %+v", c.Images)
	}
}

func TestImagesInvalid(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"images:\n  quality: 0\n", "config.yaml:3:3: images.quality must be 1 to 100"},
		{"images:\n  widths: [800, 5]\n", "config.yaml:3:3: images.widths has 5"},
		{"images:\n  widths: []\n", "images.widths is empty"},
		{"images:\n  maxPixels: -1\n", "images.maxPixels must be positive"},
		{"images:\n  cache: ../elsewhere\n", "not a folder inside the site"},
		{"images:\n  cache: /tmp/x\n", "not a folder inside the site"},
		{"images:\n  cache: content/cache\n", "is inside content/"},
		{"images:\n  sizes: '\"><script>'\n", "not a sizes attribute"},
	} {
		_, ds := Load([]byte("title: T\n" + c.yaml))
		var got []string
		for _, d := range ds {
			got = append(got, d.Error())
		}
		if !strings.Contains(strings.Join(got, "\n"), c.want) {
			t.Errorf("%q: got %q, want %q", c.yaml, got, c.want)
		}
	}
}
