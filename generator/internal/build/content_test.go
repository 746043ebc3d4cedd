package build_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/sitetest"
)

// TestContentAllowList (issue 13 item 4): content/ publishes Markdown in
// any spelling, and images, PDFs and other downloads; an HTML page or a
// script is a warning and is not published; backups are skipped without
// a word; content/.well-known/ is published.
func TestContentAllowList(t *testing.T) {
	s := buildClinic(t,
		mdFile("plan.MD", "title: Plan\ndraft: true\n", "A draft plan."),
		mdFile("notes.markdown", "title: Notes\n", "Published notes."),
		"-- content/articles/post.md.orig --\n---\ntitle: Old\n---\nA merge backup.\n",
		"-- content/articles/post.md~ --\n---\ntitle: Old\n---\nAn editor backup.\n",
		"-- content/x.html --\n<script>alert(1)</script>\n",
		"-- content/forms/intake.pdf --\n%PDF-1.4\n",
		"-- content/.well-known/security.txt --\nContact: mailto:security@clinic.example\n",
	)
	s.AssertDiag("warning", "content/x.html: a .html file in content/ is not published")
	for _, d := range s.Diags() {
		switch d.Path {
		case "content/articles/post.md.orig", "content/articles/post.md~":
			t.Errorf("a backup file is reported: %s", d.Error())
		}
	}
	s.AssertNoFile("x.html")
	s.AssertNoFile("plan.MD")
	s.AssertNoFile("plan/index.html") // a draft, now read as one
	s.AssertNoFile("notes.markdown")
	s.AssertFile("notes/index.html", "Published notes.")
	s.AssertNoFile("articles/post.md.orig")
	s.AssertNoFile("articles/post.md~")
	s.AssertFile("forms/intake.pdf", "%PDF")
	s.AssertFile(".well-known/security.txt", "Contact: mailto:security@clinic.example")
}

// TestUnsafeSVG (issue 13 item 5): an SVG that could run script or load
// from another origin, in content/ or assets/images/, fails the build at
// its element's line, and public/ stays as it was.
func TestUnsafeSVG(t *testing.T) {
	const svgHead = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"4\" height=\"4\">\n"
	tests := []struct {
		name, file, svg string
		want            []string
	}{
		{"script in content", "content/articles/chart.svg", svgHead + "<rect width=\"4\" height=\"4\"/>\n<script>alert(document.cookie)</script>\n</svg>\n",
			[]string{"content/articles/chart.svg:3:1:", "SVG: <script> element runs script"}},
		{"event handler in assets/images", "assets/images/logo.svg", svgHead + "<rect width=\"4\" height=\"4\" onclick=\"alert(1)\"/>\n</svg>\n",
			[]string{"assets/images/logo.svg:2:1:", "event handler onclick on <rect>"}},
		{"javascript link", "content/articles/chart.svg", svgHead + "<a xlink:href=\"javascript:alert(1)\"><text>x</text></a>\n</svg>\n",
			[]string{"content/articles/chart.svg:2:1:", "runs script"}},
		{"external image", "assets/images/logo.svg", svgHead + "\n<image href=\"https://tracker.example/p.png\"/>\n</svg>\n",
			[]string{"assets/images/logo.svg:3:1:", "refers to another origin"}},
		{"foreignObject", "content/articles/chart.svg", svgHead + "<foreignObject width=\"4\" height=\"4\"><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>\n</svg>\n",
			[]string{"content/articles/chart.svg:2:1:", "<foreignObject> embeds HTML"}},
		{"external stylesheet", "content/articles/chart.svg", svgHead + "<style>@import url(https://fonts.example/a.css);</style>\n</svg>\n",
			[]string{"content/articles/chart.svg:2:8:", "@import"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, before := goodSite(t)
			s.Edit(tt.file, tt.svg)
			s.Rebuild()
			s.AssertFailed()
			s.AssertDiag(append([]string{"error"}, tt.want...)...)
			if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
				t.Errorf("public/ changed on a failed build (-before +after):\n%s", diff)
			}
		})
	}
}
