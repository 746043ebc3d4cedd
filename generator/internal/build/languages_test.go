package build_test

import (
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/sitetest"
)

// headLinks returns a page's hreflang alternates (hreflang → href) and its
// canonical URL.
func headLinks(t *testing.T, page string) (map[string]string, string) {
	t.Helper()
	alts := map[string]string{}
	canonical := ""
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return alts, canonical
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data != "link" {
				continue
			}
			a := map[string]string{}
			for _, at := range tok.Attr {
				a[at.Key] = at.Val
			}
			switch {
			case a["rel"] == "canonical":
				canonical = a["href"]
			case a["rel"] == "alternate" && a["hreflang"] != "":
				if _, dup := alts[a["hreflang"]]; dup {
					t.Errorf("hreflang %s twice", a["hreflang"])
				}
				alts[a["hreflang"]] = a["href"]
			}
		}
	}
}

// Over the whole built sample site, hreflang alternates are reciprocal:
// every page that lists alternates lists itself, an x-default, and each
// alternate it names lists exactly the same set back (Google ignores
// alternates that do not point back).
func TestSampleHreflangReciprocal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole sample site")
	}
	repo := sitetest.RepoRoot(t)
	dest := t.TempDir() + "/public"
	res := build.Run(repo, dest, build.Options{Now: sitetest.Now()})
	if res.Diags.HasErrors() {
		t.Fatalf("the sample site has errors:\n%v", res.Diags.Err())
	}
	tree := sitetest.Tree(t, dest)
	base := strings.TrimSuffix(res.Project.Config.BaseURL, "/")
	fileOf := func(u string) string {
		rel := strings.TrimPrefix(u, base+"/")
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		return rel
	}
	pages, linked := 0, 0
	for name, body := range tree {
		if path.Ext(name) != ".html" || strings.HasPrefix(name, "404") || strings.HasSuffix(name, "/404.html") {
			continue
		}
		alts, canonical := headLinks(t, body)
		pages++
		if len(alts) == 0 {
			continue
		}
		linked++
		self := false
		for lang, href := range alts {
			if href == canonical && lang != "x-default" {
				self = true
			}
		}
		if !self || alts["x-default"] == "" || len(alts) < 3 {
			t.Errorf("%s: alternates %v must include the page itself (%s), another language and x-default", name, alts, canonical)
		}
		for lang, href := range alts {
			other, ok := tree[fileOf(href)]
			if !ok {
				t.Errorf("%s: the %s alternate %s is not a built page", name, lang, href)
				continue
			}
			back, _ := headLinks(t, other)
			if len(back) != len(alts) {
				t.Errorf("%s lists %v, but its %s alternate %s lists %v", name, alts, lang, href, back)
				continue
			}
			for l, h := range alts {
				if back[l] != h {
					t.Errorf("%s: its %s alternate %s gives %s as %q, not %q", name, lang, href, l, back[l], h)
				}
			}
		}
	}
	if linked < 20 {
		t.Errorf("only %d of %d pages have hreflang alternates: the sample site should have its Spanish pages linked", linked, pages)
	}
}
