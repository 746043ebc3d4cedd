package checks

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// brief is a diagnostic as its path, line, column, code and message.
func brief(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Severity.String()+" "+d.Path+":"+itoa(d.Line)+":"+itoa(d.Col)+" "+d.Code+" "+d.Msg)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPlaceholders(t *testing.T) {
	cfg := config.Config{Source: []byte("baseURL: https://clinic.example/\ntitle: T\nphone: 555-0100\nemail: PLACEHOLDER\nnote: 555-0199\n"),
		Lines: map[string]int{"baseURL": 1}}
	all := Placeholders(&cfg, false)
	want := []string{
		"warning config.yaml:1:24 config-placeholder baseURL is a placeholder domain: canonical links, the sitemap, feeds and redirects would all point at it",
		"warning config.yaml:3:8 config-placeholder fictional 555-01xx phone number still in config.yaml",
		"warning config.yaml:4:8 config-placeholder value marked PLACEHOLDER: the clinic has not confirmed it",
		"warning config.yaml:5:7 config-placeholder fictional 555-01xx phone number still in config.yaml",
	}
	if diff := cmp.Diff(want, brief(all)); diff != "" {
		t.Errorf("Placeholders (-want +got):\n%s", diff)
	}
	if got := Placeholders(&cfg, true); len(got) != 3 {
		t.Errorf("with --base-url, %d warnings, want 3 (baseURL no longer counts)", len(got))
	}
	kinds := PlaceholderKinds(all, true)
	if len(kinds) != 3 {
		t.Fatalf("PlaceholderKinds: %v", brief(kinds))
	}
	if k := kinds[1]; k.Severity != diag.Error || !strings.HasSuffix(k.Msg, "(and 1 more line; `check` lists them all)") || !strings.HasSuffix(k.Fix, "or build with --allow-placeholders") {
		t.Errorf("the 555 kind refused: %+v", k)
	}
	if k := PlaceholderKinds(all, false); k[0].Severity != diag.Warning {
		t.Errorf("not refused: %v", brief(k))
	}
}

func TestPlaceholderHost(t *testing.T) {
	for base, want := range map[string]bool{
		"http://localhost:1313/": true, "https://clinic.example/": true, "http://127.0.0.1/": true,
		"https://www.example.org/": true, "https://a.test/": true, "https://clinic.org/": false,
		"https://example.community/": false, "://bad": true,
	} {
		if got := PlaceholderHost(base); got != want {
			t.Errorf("PlaceholderHost(%q) = %v, want %v", base, got, want)
		}
	}
}

func TestSkipped(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	draft := &markdown.Doc{Path: "content/d.md", FrontSrc: []byte("title: D\ndraft: true\npublishDate: 2026-06-01\n")}
	draft.FM.PublishDate = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	sched := &markdown.Doc{Path: "content/s.md", FrontSrc: []byte("title: S\ndate: 2026-07-01\n")}
	ds := Skipped([]site.Skip{
		{Path: "content/d.md", Reason: "draft", Line: 2},
		{Path: "content/s.md", Reason: "scheduled", Line: 2, When: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)},
		{Path: "content/x.md", Reason: "expired", Line: 0, When: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	}, map[string]*markdown.Doc{"content/d.md": draft, "content/s.md": sched}, now)
	want := []string{
		"warning content/d.md:2:8 skipped-draft draft: this page is not published; once it is no longer a draft it will be published on 2026-06-01 00:00 UTC",
		"warning content/s.md:2:7 skipped-scheduled scheduled: this page will be published on 2026-07-01 00:00 UTC",
		"warning content/x.md:0:0 skipped-expired expired: this page has not been published since 2026-01-01 00:00 UTC",
	}
	if diff := cmp.Diff(want, brief(ds)); diff != "" {
		t.Errorf("Skipped (-want +got):\n%s", diff)
	}
}

func TestEditorial(t *testing.T) {
	article := &site.Page{Kind: site.KindArticle, Doc: &markdown.Doc{Path: "content/a.md", BodyLine: 5, FrontSrc: []byte("title: A\ndate: 2026-01-02\nreviewedBy: dr\n---\n")}}
	article.Doc.FM.ReviewedBy = "dr"
	article.Doc.FM.Lines = map[string]int{"reviewedBy": 3}
	done := &site.Page{Kind: site.KindPage, Doc: &markdown.Doc{Path: "content/p.md", BodyLine: 4}}
	done.Doc.FM.Description = "Described."
	ds := Editorial([]*site.Page{article, done}, "dr, writer")
	want := []string{
		"warning content/a.md:4:0 missing-description no description: search results and link previews will show the first paragraph instead",
		"warning content/a.md:4:0 missing-author no author: a health article should say who wrote it",
		"warning content/a.md:4:0 missing-review no medical review recorded: lastReviewed is not set",
	}
	if diff := cmp.Diff(want, brief(ds)); diff != "" {
		t.Errorf("Editorial (-want +got):\n%s", diff)
	}
	if !strings.Contains(ds[1].Fix, "(dr, writer)") {
		t.Errorf("the author fix does not name the people: %q", ds[1].Fix)
	}
}

func TestUnpublishedWarnings(t *testing.T) {
	ds := diag.List{
		{Severity: diag.Error, Path: "content/d.md", Msg: "broken"},
		{Severity: diag.Error, Path: "content/p.md", Msg: "broken"},
		{Severity: diag.Warning, Path: "content/s.md", Msg: "odd"},
	}
	got := brief(UnpublishedWarnings(ds, []site.Skip{{Path: "content/d.md", Reason: "draft"}, {Path: "content/s.md", Reason: "scheduled"}}))
	want := []string{
		"warning content/d.md:0:0  broken (not an error yet: the page is a draft and not published)",
		"error content/p.md:0:0  broken",
		"warning content/s.md:0:0  odd",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("UnpublishedWarnings (-want +got):\n%s", diff)
	}
}

func TestSuggestLinks(t *testing.T) {
	doc := &markdown.Doc{Path: "content/articles/flu.md", Links: []markdown.Link{{Line: 3, Target: "content/articles/vaccinations.md"}}}
	ds := diag.List{{Code: "link-broken", Line: 3, Msg: "links to content/articles/vaccinations.md, which is not a page", Fix: "fix the link"}}
	pages := func() []string {
		return []string{"content/articles/flu.md", "content/services/vaccinations-management.md", "content/about.md"}
	}
	got := SuggestLinks(doc, ds, pages)
	if want := "did you mean ../services/vaccinations-management.md? If not, fix the link"; got[0].Fix != want {
		t.Errorf("fix %q, want %q", got[0].Fix, want)
	}
	for _, tc := range []struct{ dir, to, want string }{
		{"content/articles", "content/services/x.md", "../services/x.md"},
		{"content/articles", "content/articles/x.md", "x.md"},
		{"content", "content/a/b/x.md", "a/b/x.md"},
	} {
		if got := relLink(tc.dir, tc.to); got != tc.want {
			t.Errorf("relLink(%q, %q) = %q, want %q", tc.dir, tc.to, got, tc.want)
		}
	}
	if best, ok := closestPage("content/b/same.md", []string{"content/a/same.md", "content/b/same.md"}); !ok || best != "content/b/same.md" {
		t.Errorf("closestPage prefers the target's folder: %q", best)
	}
}

func TestSVGAndTwoSources(t *testing.T) {
	ds := SVGFile("content/x.svg", []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script>\n</svg>\n"))
	if len(ds) != 1 || ds[0].Line != 2 || ds[0].Code != "svg-unsafe" {
		t.Errorf("SVGFile: %v", brief(ds))
	}
	if ds := SVGFile("content/x.png", []byte("<script>")); ds != nil {
		t.Errorf("a PNG was checked as SVG: %v", ds)
	}
	if d := TwoSources("content/favicon.svg", "favicon.svg"); d.Code != "output-two-sources" || !strings.Contains(d.Msg, "assets/favicon.svg") {
		t.Errorf("TwoSources: %+v", d)
	}
}
