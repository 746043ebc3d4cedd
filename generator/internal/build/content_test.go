package build_test

import (
	"testing"
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
