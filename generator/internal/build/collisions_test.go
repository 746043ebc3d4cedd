package build_test

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/publish"
	"clinicgen/generator/internal/sitetest"
)

// A page or a content file that would be published where the build puts
// one of its own files is an error at the editor's file and line, and the
// previous public/ stays.
func TestOutputCollisions(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"page url on the feed",
			map[string]string{"content/pages/feed.md": "---\ntitle: Feed\nurl: /index.xml\n---\nBody.\n"},
			[]string{"content/pages/feed.md:3:1: this page would be published as /index.xml/index.html, but /index.xml is a file the build generates", "give the page another url:"}},
		{"page url on robots.txt",
			map[string]string{"content/pages/robots.md": "---\ntitle: Robots\nurl: /robots.txt\n---\nBody.\n"},
			[]string{"content/pages/robots.md:3:1: this page would be published as /robots.txt/index.html, but /robots.txt is a file the build generates"}},
		{"content file on robots.txt",
			map[string]string{"content/robots.txt": "User-agent: *\n"},
			[]string{"content/robots.txt: this file would be published as /robots.txt, which is also a file the build generates", "rename or move the file"}},
		{"content file on the sitemap",
			map[string]string{"content/sitemap.xml": "<urlset/>\n"},
			[]string{"content/sitemap.xml: this file would be published as /sitemap.xml, which is also a file the build generates"}},
		{"content file on a host file",
			map[string]string{"content/_headers": "/*\n  X-A: b\n"},
			[]string{"content/_headers: this file would be published as /_headers, which is also a file the build writes for the host"}},
		{"content file on the build marker",
			map[string]string{"content/" + publish.Marker: "x"},
			[]string{"content/_generator-build: this file would be published as /_generator-build"}},
		{"content file where a page's folder goes",
			map[string]string{"content/pages/about.md": "---\ntitle: About\nurl: /about/\n---\nBody.\n", "content/about": "a file"},
			[]string{"content/pages/about.md:3:1: this page would be published as /about/index.html, but /about is content/about"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, before := goodSite(t)
			for name, data := range c.files {
				s.Edit(name, data)
			}
			s.Rebuild()
			s.AssertFailed()
			s.AssertDiag(append([]string{"error"}, c.want...)...)
			for _, d := range s.Diags() {
				if strings.Contains(d.Msg, "cannot write output") || strings.Contains(d.Fix, "disk space") {
					t.Errorf("reported as a write error: %s", d.Error())
				}
			}
			if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
				t.Errorf("public/ changed on a failed build (-before +after):\n%s", diff)
			}
		})
	}
}

// When the disk fills up, every write after the first fails: the build
// reports the first failure only, and stops rendering.
func TestFullDiskOneMessage(t *testing.T) {
	var files []string
	for i := range 40 {
		files = append(files, mdFile(fmt.Sprintf("articles/a%02d.md", i), fmt.Sprintf("title: Article %d\ndate: 2026-01-01\n", i), "Body."))
	}
	s := buildClinic(t, files...)
	s.AssertOK()
	p, ds := build.Load(os.DirFS(s.Root), build.Options{Now: sitetest.Now()})
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	enospc := fmt.Errorf("write articles/x/index.html: %w", syscall.ENOSPC)
	var mu sync.Mutex
	calls, failed := 0, false
	rds := p.Render(func(o build.Output) error {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls < 5 {
			return nil
		}
		if !failed {
			failed = true
			return enospc
		}
		return fmt.Errorf("publish %s: %w", o.Path, publish.ErrStopped)
	})
	var writes []string
	for _, d := range rds {
		if strings.Contains(d.Msg, "cannot write output") {
			writes = append(writes, d.Error())
		}
	}
	if len(writes) != 1 || !strings.Contains(writes[0], "no space left on device") {
		t.Errorf("write errors:\n%s\nwant the first one only", strings.Join(writes, "\n"))
	}
	if pages := len(p.Site.Pages); calls >= pages {
		t.Errorf("%d outputs handed to the writer after it stopped, of %d pages: rendering went on", calls, pages)
	}
}
