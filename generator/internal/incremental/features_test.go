package incremental_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"clinicgen/generator/internal/incremental"
	"clinicgen/generator/internal/sitetest"
)

// These tests check that a Live project carries the build's features: the
// feeds, photos and link suggestions a build or check gives.

// fluArticle is the front matter of the article TestLiveGetsFeeds edits.
const fluArticle = "title: Flu shots & you\ndate: 2026-10-01T09:30:00\ndescription: Why and when.\n" +
	"tags: [flu, vaccines]\ncategories: [Vaccinations]\nauthor: writer\n"

// TestLiveGetsFeeds: the dev server's project reports the feeds' problems
// too and serves feeds that follow an edit of an article's body.
func TestLiveGetsFeeds(t *testing.T) {
	s := sitetest.Write(t, sitetest.Clinic+
		sitetest.MD("articles/flu.md", fluArticle, "First paragraph is the summary.\n\nSecond paragraph.")+
		sitetest.MD("articles/clash.md", "title: Clash\ndate: 2026-01-02\naliases: [/articles/flu/index.html/, \"/x?y\"]\n", "Text."))
	l, ds := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	found := false
	for _, d := range ds {
		if d.Path == "content/articles/clash.md" && strings.Contains(d.Msg, "query string") {
			found = true
		}
	}
	if !found {
		t.Errorf("the live project lacks the alias warning; got %v", ds)
	}
	extra := func(name string) string {
		for _, o := range l.Project().Extras() {
			if o.Path == name {
				return string(o.Data)
			}
		}
		t.Fatalf("no %s among the live project's outputs", name)
		return ""
	}
	if !strings.Contains(extra("index.xml"), "First paragraph is the summary.") {
		t.Fatalf("live index.xml lacks the summary")
	}
	s.Edit("content/articles/flu.md", "---\n"+fluArticle+"---\nA new first paragraph.\n")
	l.Update([]string{"content/articles/flu.md"})
	if feed := extra("index.xml"); !strings.Contains(feed, "A new first paragraph.") || strings.Contains(feed, "First paragraph is the summary.") {
		t.Errorf("live index.xml does not follow the edit:\n%s", feed)
	}
}

// TestLivePhotos: the dev server prepares each photo once; editing an
// article resizes nothing, a new imageFocus makes one crop, and a changed
// photo is prepared again.
func TestLivePhotos(t *testing.T) {
	s := sitetest.Write(t, sitetest.Clinic+
		sitetest.MD("articles/flu-day.md", "title: Flu-shot day\ndate: 2026-01-01\nimage: team.jpg\nimageAlt: The team\n",
			"![The waiting room](room.jpg)\n\nText.\n\n![The team](team.jpg)\n\n![A dot](dot.svg)"))
	s.Edit("content/articles/room.jpg", sitetest.GPSJPEG(t, 1000, 500))
	s.Edit("content/articles/team.jpg", sitetest.GPSJPEG(t, 1700, 850))
	s.Edit("content/articles/dot.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`)
	var resized atomic.Int64
	opt := liveOpts()
	opt.OnImageResize = func(string, int) { resized.Add(1) }
	l, ds := incremental.NewLive(os.DirFS(s.Root), opt)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if n := resized.Load(); n != 7 {
		t.Fatalf("load resized %d, want 7", n)
	}
	files := l.Project().Files
	for _, f := range []string{"articles/team-800w.jpg", "articles/team-share.jpg", "articles/room-480w.jpg"} {
		if len(files[f]) == 0 {
			t.Errorf("dev server has no %s", f)
		}
	}
	const md = "content/articles/flu-day.md"
	b, _ := os.ReadFile(filepath.Join(s.Root, md))
	s.Edit(md, strings.Replace(string(b), "Text.", "Other text.", 1))
	l.Update([]string{md})
	if n := resized.Load(); n != 7 {
		t.Errorf("a body edit resized %d more", n-7)
	}
	s.Edit(md, strings.Replace(string(b), "imageAlt: The team\n", "imageAlt: The team\nimageFocus: top\n", 1))
	l.Update([]string{md})
	if n := resized.Load(); n != 8 {
		t.Errorf("a new imageFocus resized %d, want 1 (the crop)", n-7)
	}
	if len(l.Project().Files["articles/team-share-top.jpg"]) == 0 {
		t.Error("no team-share-top.jpg after the focus changed")
	}
	s.Edit("content/articles/room.jpg", sitetest.GPSJPEG(t, 900, 600))
	l.Update([]string{"content/articles/room.jpg"})
	if n := resized.Load(); n != 10 {
		t.Errorf("a changed photo resized %d, want 2 (480, 800)", n-8)
	}
	// team.jpg is shown through its copies and share crop: its pages
	// must still be parsed again when it changes.
	s.Edit("content/articles/team.jpg", sitetest.GPSJPEG(t, 1300, 650))
	l.Update([]string{"content/articles/team.jpg"})
	if n := resized.Load(); n != 14 {
		t.Errorf("a changed team.jpg resized %d, want 4 (480, 800, 1200, share crop)", n-10)
	}
	pg, _ := l.Project().Site.PageByPath(md)
	html, _ := l.Project().RenderPage(pg)
	if !strings.Contains(string(html), "team.jpg 1300w") || strings.Contains(string(html), "team-1600w.jpg") {
		t.Errorf("the page still shows the old team.jpg:\n%s", html)
	}
	if d := l.Diags(); d.HasErrors() {
		t.Error(d)
	}
}

// The preview (a Live project) suggests the closest page for a broken link
// as check and build do (testdata/script/link_suggest.txtar).
func TestLiveSuggestsLinks(t *testing.T) {
	s := sitetest.Write(t, "-- config.yaml --\nbaseURL: http://localhost/\ntitle: T\n"+
		"-- content/articles/flu.md --\n---\ntitle: Flu\ndate: 2026-01-02\n---\nSee [vaccines](vaccinations.md).\n"+
		"-- content/services/vaccinations-management.md --\n---\ntitle: Vaccinations\n---\nShots.\n")
	l, _ := incremental.NewLive(os.DirFS(s.Root), liveOpts())
	for _, d := range l.Diags() {
		if d.Code == "link-broken" {
			if !strings.HasPrefix(d.Fix, "did you mean ../services/vaccinations-management.md? ") {
				t.Errorf("fix %q lacks the suggestion", d.Fix)
			}
			return
		}
	}
	t.Errorf("no broken-link error in %v", l.Diags())
}
