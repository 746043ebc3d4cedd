package build_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/headers"
	"clinicgen/generator/internal/sitetest"
)

// auditConfig is a small clinic; rawHTML is "drop" or "allow".
func auditConfig(rawHTML string) string {
	return `-- config.yaml --
baseURL: https://clinic.example/
title: Test Clinic
timeZone: America/New_York
markdown:
  rawHTML: ` + rawHTML + `
menu:
  - name: Articles
    url: /articles/
clinic:
  name: Test Clinic
  telephone: "+1-301-555-0100"
  address: {streetAddress: "1 Main St", addressLocality: Bladensburg, addressRegion: MD, postalCode: "20710", addressCountry: US}
-- content/articles/target.md --
---
title: Target
date: 2026-01-01
description: The page others link to.
---
## Dosage

How much to take.
-- content/articles/chart.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>
`
}

// auditArticle is content/articles/a.md with body lines after a five-line
// front matter, so the body's first line is line 6.
func auditArticle(body string) string {
	return "-- content/articles/a.md --\n---\ntitle: A\ndate: 2026-01-02\ndescription: An article.\n---\n" + body + "\n"
}

// TestAuditBadInput: each mistake fails the build with its path:line and
// leaves public/ as it was.
func TestAuditBadInput(t *testing.T) {
	tests := []struct {
		name, raw, body string
		extra           string // more txtar files
		want            []string
	}{
		{name: "external image in Markdown", raw: "drop",
			body: "Text.\n\n![A chart](https://cdn.example/chart.png)",
			want: []string{"content/articles/a.md:8:1:", `image "https://cdn.example/chart.png" must be stored with the site`}},
		{name: "external image in raw HTML", raw: "allow",
			body: "Text.\n\n<img src=\"https://cdn.example/chart.png\" alt=\"A chart\">",
			want: []string{"content/articles/a.md:8:11:", "<img src> loads https://cdn.example/chart.png from another origin (https://cdn.example)"}},
		{name: "external iframe", raw: "allow",
			body: "Watch:\n\n<iframe src=\"https://video.example/embed/1\" title=\"Video\"></iframe>",
			want: []string{"content/articles/a.md:8:14:", "<iframe src> loads https://video.example/embed/1 from another origin"}},
		{name: "external stylesheet in a layout", raw: "drop", body: "Text.",
			extra: "-- layouts/partials/head.html --\n<meta charset=\"utf-8\">\n<title>{{.Page.Title}}</title>\n<link rel=\"stylesheet\" href=\"https://fonts.example/css\">\n",
			want:  []string{"layouts/partials/head.html:3:24:", "<link href> loads https://fonts.example/css from another origin", "(on /"}},
		{name: "link to a missing page", raw: "drop",
			body: "Text.\n\nSee [the dosage](/articles/nope/#dosage).",
			want: []string{"content/articles/a.md:8:5:", "links to /articles/nope/#dosage, which is not a page of this site"}},
		{name: "link to a missing anchor", raw: "drop",
			body: "Text.\n\nSee [the dose](/articles/target/#dose).",
			want: []string{"content/articles/a.md:8:5:", `links to /articles/target/#dose, but that page has no element with id "dose"`}},
		{name: "link to a missing anchor of a .md file", raw: "drop",
			body: "Text.\n\nSee [the dose](target.md#dose).",
			want: []string{"content/articles/a.md:8:5:", `links to /articles/target/#dose, but that page has no element with id "dose"`}},
		{name: "missing alt text in Markdown", raw: "drop",
			body: "Text.\n\n![](chart.svg)",
			want: []string{"content/articles/a.md:8:1:", `image "chart.svg" has no alt text`}},
		{name: "missing alt text in raw HTML", raw: "allow",
			body: "Text.\n\n<img src=\"/articles/chart.svg\">",
			want: []string{"content/articles/a.md:8:11:", "image /articles/chart.svg has no alt text"}},
		{name: "relative image path in raw HTML", raw: "allow",
			body: "Text.\n\n<img src=\"chart.svg\" alt=\"A chart\">",
			want: []string{"content/articles/a.md:8:11:", "loads chart.svg, which is not a file of this site"}},
		{name: "two h1 in raw HTML", raw: "allow",
			body: "Text.\n\n<h1>Another title</h1>",
			want: []string{"content/articles/a.md:8:1:", "this is the page's h1 number 2"}},
		{name: "two h1 in a layout", raw: "drop", body: "Text.",
			extra: "-- layouts/_default/article.html --\n{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n<h1>Again</h1>\n{{.Page.Content}}\n{{end}}\n",
			want:  []string{"layouts/_default/article.html:2:1:", "this is the page's h1 number 2", "(on /articles/"}},
		{name: "broken menu link in config.yaml", raw: "drop", body: "Text.",
			extra: "",
			want:  []string{"config.yaml:8:10:", "links to /articles/, which is not a page of this site"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := sitetest.Build(t, auditConfig(tt.raw)+auditArticle("Text."))
			good.AssertOK()
			before := sitetest.Tree(t, good.Public)

			archive := auditConfig(tt.raw) + auditArticle(tt.body) + tt.extra
			if tt.name == "broken menu link in config.yaml" {
				archive = strings.Replace(archive, "url: /articles/", "url: /articlez/", 1)
				tt.want[1] = "links to /articlez/, which is not a page of this site"
			}
			s := good
			for _, name := range []string{"config.yaml", "content/articles/a.md", "layouts/partials/head.html", "layouts/_default/article.html"} {
				if f := txtarFile(archive, name); f != "" {
					s.Edit(name, f)
				}
			}
			s.Rebuild()
			s.AssertFailed()
			s.AssertDiag(append([]string{"error"}, tt.want...)...)
			if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
				t.Errorf("public/ changed on a failed build (-before +after):\n%s", diff)
			}
		})
	}
}

// txtarFile returns the content of one file of a txtar archive ("" if absent).
func txtarFile(archive, name string) string {
	marker := "-- " + name + " --\n"
	i := strings.Index(archive, marker)
	if i < 0 {
		return ""
	}
	rest := archive[i+len(marker):]
	if j := strings.Index(rest, "\n-- "); j >= 0 {
		rest = rest[:j+1]
	}
	return rest
}

// TestAuditGoodSite: a site with links to pages, anchors, .md files,
// images, raw HTML that follows the rules and outbound links builds
// without errors, and its outbound links carry rel="noopener noreferrer".
func TestAuditGoodSite(t *testing.T) {
	s := sitetest.Build(t, auditConfig("allow")+auditArticle(
		"Text with [the dosage](/articles/target/#dosage), [the same](target.md#dosage), [the list](/articles/),\n"+
			"[the feed](/index.xml), [the top](#top) and [another site](https://www.cdc.gov/).\n\n"+
			"![A chart](chart.svg)\n\n<img src=\"/articles/chart.svg\" alt=\"\">\n\n## Notes\n\n### Small print"))
	s.AssertOK()
	for _, d := range s.Diags() {
		if strings.HasPrefix(d.Path, "content/articles/a.md") {
			t.Errorf("unexpected diagnostic: %s", d.Error())
		}
	}
	s.AssertFile("articles/a/index.html", `href=https://www.cdc.gov/ rel="noopener noreferrer"`) // minified
	if !s.Exists(headers.HeadersFile) || !s.Exists(headers.NginxFile) {
		t.Fatalf("%s or %s missing", headers.HeadersFile, headers.NginxFile)
	}
}

// TestAuditHeadingSkipWarning: a skipped heading level in content is a
// warning (from the markdown stage), not a second one from the audit.
func TestAuditHeadingSkipWarning(t *testing.T) {
	s := sitetest.Build(t, auditConfig("drop")+auditArticle("Text.\n\n## A\n\n#### B"))
	s.AssertOK()
	s.AssertDiag("warning", "content/articles/a.md:10:1:", "heading jumps from h2 to h4")
	n := 0
	for _, d := range s.Diags() {
		if strings.Contains(d.Msg, "heading jumps") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d heading-jump warnings, want 1:\n%v", n, s.Diags())
	}
}
