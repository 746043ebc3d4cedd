package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/site"
)

// themeLayouts reads the default theme (the repository's layouts/).
func themeLayouts(t *testing.T) map[string][]byte {
	t.Helper()
	root := filepath.Join("..", "..", "..", "layouts")
	layouts := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		layouts[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return layouts
}

// TestThemeByline checks the dates and reading time the default theme's
// byline shows: Updated only on another day than Published, each part
// only when it exists.
func TestThemeByline(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name          string
		kind          site.Kind
		date, lastmod time.Time
		words         int
		want          string // the <p class="meta"> paragraph, "" for none
	}{
		{name: "published", kind: site.KindArticle, date: day(4, 9),
			want: `<p class="meta"><span>Published <time datetime="2025-03-04">March 4, 2025</time></span></p>`},
		{name: "updated the same day", kind: site.KindArticle, date: day(4, 9), lastmod: day(4, 17),
			want: `<p class="meta"><span>Published <time datetime="2025-03-04">March 4, 2025</time></span></p>`},
		{name: "updated later", kind: site.KindArticle, date: day(4, 9), lastmod: day(20, 8), words: 600,
			want: `<p class="meta"><span>Published <time datetime="2025-03-04">March 4, 2025</time></span><span>Updated <time datetime="2025-03-20">March 20, 2025</time></span><span>3 min read</span></p>`},
		{name: "updated only", kind: site.KindArticle, lastmod: day(20, 8),
			want: `<p class="meta"><span>Updated <time datetime="2025-03-20">March 20, 2025</time></span></p>`},
		{name: "reading time only", kind: site.KindArticle, words: 600,
			want: `<p class="meta"><span>3 min read</span></p>`},
		{name: "no reading time off articles", kind: site.KindPage, words: 600},
		{name: "nothing", kind: site.KindArticle},
	}
	man := assets.Manifest{"css/main.css": {Name: "css/main.css", URL: "/css/main.css"}}
	r, ds := New(&config.Config{Title: "T"}, themeLayouts(t), man, Options{})
	if len(ds) > 0 {
		t.Fatalf("New: %v", ds)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &site.Page{Kind: tt.kind, Title: "A", URL: "/a/", Date: tt.date, Lastmod: tt.lastmod,
				Reading: readability.Stats{Words: tt.words, Minutes: 3}}
			out, ds := r.Page(&Data{Page: p, Site: &site.Site{}})
			if len(ds) > 0 {
				t.Fatalf("Page: %v", ds)
			}
			got := ""
			if i := strings.Index(string(out), `<p class="meta">`); i >= 0 {
				got = string(out[i:])
				got = got[:strings.Index(got, "</p>")+len("</p>")]
			}
			if got != tt.want {
				t.Errorf("meta = %s\nwant   %s", got, tt.want)
			}
		})
	}
}
