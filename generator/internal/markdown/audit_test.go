package markdown

import (
	"strings"
	"testing"

	"clinicgen/generator/internal/audit"
	"clinicgen/generator/internal/diag"
)

// auditBody runs the site's own audit over a page that holds the rendered
// body of d (resolved with caseURL) under the page title, and returns the
// problems the generator's rendering causes: what the Content-Security-
// Policy blocks, links without rel, a second h1, generated anchors
// (footnotes, heading ids) that point nowhere, and images without alt text
// or from another origin that Parse did not report itself. Problems an
// editor wrote (a link to a page that does not exist, an anchor to a
// heading that is not there) are theirs, and Parse or the build report
// them.
func auditBody(t testing.TB, d *Doc, parsed []diag.Diagnostic) diag.List {
	t.Helper()
	html, _ := d.Resolve(caseURL)
	page := "<!doctype html><html lang=en><head><title>T</title></head><body><main><h1>Title</h1>\n" +
		string(html) + "\n</main></body></html>"
	a := audit.New(audit.Options{Base: "https://clinic.example/"})
	a.Page("articles/case/index.html", []byte(page), nil)
	reported := map[string]bool{}
	for _, x := range parsed {
		reported[x.Code] = true
	}
	var bad diag.List
	for _, x := range a.Finish() {
		if x.Severity != diag.Error {
			continue
		}
		switch x.Code {
		case audit.CodeLinkMissing, audit.CodeFileMissing:
			continue // the editor's link or image, checked by the build
		case audit.CodeAnchorMissing:
			if !generatedAnchor(x.Msg) {
				continue
			}
		case audit.CodeImageAlt:
			if reported["image-alt"] {
				continue
			}
		case audit.CodeExternal:
			if reported["image-external"] {
				continue
			}
		}
		bad = append(bad, x)
	}
	return bad
}

// generatedAnchor reports whether an anchor-missing message is about an
// anchor the renderer wrote (a footnote's), not one the editor wrote.
func generatedAnchor(msg string) bool {
	return strings.Contains(msg, "#fn:") || strings.Contains(msg, "#fnref:")
}

// TestAuditAcceptsEveryConstruct renders each Markdown construct goldmark
// supports here and runs the page through the site's audit: nothing the
// generator renders from valid Markdown may fail its own audit.
func TestAuditAcceptsEveryConstruct(t *testing.T) {
	cases := []struct{ name, md, want string }{
		{"aligned table", "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n",
			`<td class="align-center">2</td>`},
		{"table without body", "| a |\n|:-:|\n", `<th class="align-center">a</th>`},
		{"footnote and backref", "Text.[^1] More.[^n]\n\n[^1]: A note.\n[^n]: Another.\n",
			`class="footnote-backref"`},
		{"task list", "- [x] done\n- [ ] to do\n", `type="checkbox"`},
		{"autolinks", "<https://example.org/a> www.example.com and https://example.net/x and <mail@example.org>\n",
			`rel="noopener noreferrer"`},
		{"strikethrough", "~~old~~ new\n", "<del>old</del>"},
		{"definition list", "Term\n: Definition one\n: Definition two\n", "<dl>"},
		{"heading attributes", "## Hours {#opening-hours .wide}\n\nSee [hours](#opening-hours).\n",
			`<h2 id="opening-hours" class="wide">`},
		{"heading attribute style dropped", "## Hours {style=\"color:red\" onclick=\"x()\" #h}\n", `<h2 id="h">`},
		{"repeated heading ids", "## A {#same}\n\n## B {#same}\n\n## Same\n", `id="same-1"`},
		{"h1 in the body", "# Big\n\n## Small\n", `<h2 id="big">`},
		{"empty headings", "#\n\n##\n\nText\n", "<p>Text</p>"},
		{"image", "![A nurse](nurse.jpg)\n", `alt="A nurse"`},
		{"decorative image", "![](line.svg \"decorative\")\n", `alt=""`},
		{"external link", "[WHO](https://who.int/)\n", `rel="noopener noreferrer"`},
		{"links to pages", "[care](../services/care.md#hours) and [top](#top)\n", `href="/services/care/#hours"`},
		{"code", "```html\n<script>alert(1)</script>\n<p style=\"x\">\n```\n\n`<style>`\n", "&lt;script&gt;"},
		{"html dropped", "<div style=\"color:red\" onclick=\"x()\">hi</div>\n\n<script>x()</script>\n", ""},
		{"typographer", "\"Quotes\" -- and --- dashes...\n", "“Quotes”"},
	}
	p := New(Options{ResolveImage: caseImage})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, ds := p.Parse(testPath, []byte(caseFront+tc.md))
			if ds.HasErrors() {
				t.Fatalf("Parse errors: %v", ds)
			}
			if html, _ := d.Resolve(caseURL); !strings.Contains(string(html), tc.want) {
				t.Errorf("HTML lacks %q:\n%s", tc.want, html)
			}
			if bad := auditBody(t, d, ds); len(bad) > 0 {
				t.Errorf("the audit rejects the rendered page: %v\nHTML:\n%s", bad, d.HTML)
			}
		})
	}
}

// TestAuditCatchesStyle proves auditBody can fail: goldmark's own table
// output (style="text-align:…") is rejected.
func TestAuditCatchesStyle(t *testing.T) {
	d := &Doc{HTML: []byte(`<table><tr><td style="text-align:left">x</td></tr></table>`)}
	if bad := auditBody(t, d, nil); len(bad) != 1 || bad[0].Code != audit.CodeInlineStyle {
		t.Fatalf("want one %s, got %v", audit.CodeInlineStyle, bad)
	}
}
