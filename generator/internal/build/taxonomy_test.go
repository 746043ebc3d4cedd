package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/sitetest"
)

// Integration tests of issue 3: term pages, their index pages, term
// normalisation, hostile term values and related posts, each on a small
// txtar site built with the repository's theme.

// article returns a content file for the archive: title, date, and the
// front matter lines given (tags, categories…), then body.
func article(name, title, date, front, body string) string {
	return fmt.Sprintf("-- content/articles/%s.md --\n---\ntitle: %s\ndate: %s\n%s---\n%s\n", name, title, date, front, body)
}

// baseConfig is the start of every archive: the clinic pages the theme
// links to, then config.yaml, so tests append config lines after it.
const baseConfig = "-- content/contact.md --\n---\ntitle: Contact\n---\nCall us.\n" +
	"-- content/crisis-resources.md --\n---\ntitle: Crisis help\n---\nCall 988.\n" +
	"-- content/medical-disclaimer.md --\n---\ntitle: Medical disclaimer\n---\nNot advice.\n" +
	"-- content/services/_index.md --\n---\ntitle: Services\n---\nOur care.\n" +
	"-- config.yaml --\ntitle: Test clinic\nbaseURL: https://example.org/\n"

func TestTermPagesNewestFirstAndPaginated(t *testing.T) {
	ar := baseConfig + "paginate: 2\n"
	for i, d := range []string{"2024-01-05", "2024-03-05", "2024-02-05", "2024-05-05", "2024-04-05"} {
		ar += article(fmt.Sprintf("a%d", i), fmt.Sprintf("Flu article %d", i), d, "tags: [Flu Shots]\ncategories: [Vaccines]\n", "Flu shots every fall.")
	}
	s := sitetest.Build(t, ar)
	s.AssertOK()

	// Newest first across three pager pages: a3 (May), a4 (Apr) | a1 (Mar), a2 (Feb) | a0 (Jan).
	pages := []struct {
		file      string
		want      []string
		prev, nxt string
	}{
		{"tags/flu-shots/index.html", []string{"/articles/a3/", "/articles/a4/"}, "", "/tags/flu-shots/page/2/"},
		{"tags/flu-shots/page/2/index.html", []string{"/articles/a1/", "/articles/a2/"}, "/tags/flu-shots/", "/tags/flu-shots/page/3/"},
		{"tags/flu-shots/page/3/index.html", []string{"/articles/a0/"}, "/tags/flu-shots/page/2/", ""},
	}
	for _, pg := range pages {
		t.Run(pg.file, func(t *testing.T) {
			html := s.File(pg.file)
			if got := articleLinks(html); !cmp.Equal(got, pg.want) {
				t.Errorf("article links %v, want %v (newest first)", got, pg.want)
			}
			// The term page says which term it lists, on every pager page.
			s.AssertFile(pg.file, "Flu Shots", "All tags")
			for _, l := range []struct{ rel, url string }{{"prev", pg.prev}, {"next", pg.nxt}} {
				link := "rel=" + l.rel
				if l.url == "" {
					if strings.Contains(html, "<link "+link) || strings.Contains(html, link+">") {
						t.Errorf("has a %s link, want none", l.rel)
					}
					continue
				}
				if !strings.Contains(html, "href="+l.url) {
					t.Errorf("no link to %s (%s)", l.url, l.rel)
				}
			}
		})
	}
	s.AssertNoFile("tags/flu-shots/page/4/index.html")
	s.AssertNoFile("tags/flu-shots/page/1/index.html")
	s.AssertFile("tags/flu-shots/page/2/index.html", "page 2 of 3")

	// The index pages list every term with its count.
	s.AssertFile("tags/index.html", "href=/tags/flu-shots/>Flu Shots</a>", "(5 pages)")
	s.AssertFile("categories/index.html", "href=/categories/vaccines/>Vaccines</a>", "(5 pages)", "Every category used on this site")
	// Each article links its tags and categories.
	s.AssertFile("articles/a0/index.html", "Tagged: <a href=/tags/flu-shots/>Flu Shots</a>", "Filed under: <a href=/categories/vaccines/>Vaccines</a>")
}

// articleLinks returns the article URLs a list page links to from its
// page list, in order.
func articleLinks(html string) []string {
	i := strings.Index(html, "page-list")
	if i < 0 {
		return nil
	}
	html = html[i:]
	if j := strings.Index(html, "</ul>"); j >= 0 {
		html = html[:j]
	}
	var out []string
	for _, m := range regexp.MustCompile(`href="?(/articles/[^/"> ]+/)`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestTermNormalisation(t *testing.T) {
	s := sitetest.Build(t, baseConfig+
		article("one", "One", "2024-01-01", "tags: [Peer Support, caregiver]\n", "Peer groups.")+
		article("two", "Two", "2024-01-02", "tags: [peer-support, \"  \", \"\", null, caregivers]\n", "Peer groups.")+
		article("three", "Three", "2024-01-03", "tags: [\"peer   support\", Peer Support]\n", "Peer groups.")+
		article("four", "Four", "2024-01-04", "tags: [Peer Support]\n", "Peer groups."))
	s.AssertOK()

	// One term, shown with its most common spelling, counted once per page.
	s.AssertFile("tags/index.html", "href=/tags/peer-support/>Peer Support</a> <span class=count>(4 pages)</span>")
	s.AssertFile("tags/peer-support/index.html", "/articles/one/", "/articles/two/", "/articles/three/", "/articles/four/")
	for _, f := range []string{"one", "two", "three", "four"} {
		s.AssertFile("articles/"+f+"/index.html", "<a href=/tags/peer-support/>Peer Support</a>", "! peer-support</a>", "! peer support</a>")
	}
	// Blank, whitespace-only and null items leave no trace.
	s.AssertFile("articles/two/index.html", "Tagged: <a href=/tags/peer-support/>Peer Support</a>, <a href=/tags/caregivers/>caregivers</a></p>")
	// Near-duplicates are a warning naming the files of both spellings.
	s.AssertDiag("warning", "content/articles/two.md:4", `tag "caregivers" (content/articles/two.md) looks like "caregiver" (content/articles/one.md)`, `use one spelling in every file`)
}

// TestNoEmptyTermLink feeds hostile term values to every taxonomy and
// checks every link to a term page in the built site: its URL has a
// non-empty segment, its target exists and its text is not blank. Terms
// whose slug would be empty are reported and not published.
func TestNoEmptyTermLink(t *testing.T) {
	hostile := []string{`""`, `"  "`, `null`, `"!!!"`, `"—…«»"`, `"🙂"`, `"💊🩺"`, `"健康"`, `"\t"`, `"\u200b"`, `"- -"`, `"/"`, `"../"`, `"%"`, `"<>"`}
	list := "[" + strings.Join(hostile, ", ") + "]"
	s := sitetest.Build(t, baseConfig+"taxonomies: [tags, categories, conditions]\n"+
		article("hostile", "Hostile", "2024-01-01", "tags: "+list+"\ncategories: "+list+"\nparams:\n  conditions: "+list+"\n", "Only bad terms.")+
		article("mixed", "Mixed", "2024-01-02", "tags: [\"!!!\", Flu, \"🙂\"]\n", "Flu.")+
		article("plain", "Plain", "2024-01-03", "", "Nothing."))
	s.AssertOK()

	for _, want := range []string{`tag "!!!" has no letters or digits`, `tag "🙂" has no letters or digits`, `tag "健康" has no letters or digits that can be written in a web address`, `category "!!!" has no letters or digits`} {
		s.AssertDiag("content/articles/hostile.md:", want)
	}
	s.AssertDiag("content/articles/mixed.md:4", `tag "!!!"`)

	// A page whose terms are all unusable prints no term line at all.
	s.AssertFile("articles/hostile/index.html", "! Tagged:", "! Filed under:", "! Conditions:", "! class=terms")
	s.AssertFile("articles/mixed/index.html", "Tagged: <a href=/tags/flu/>Flu</a></p>")
	s.AssertFile("tags/index.html", "href=/tags/flu/>Flu</a>")
	s.AssertFile("categories/index.html", "Nothing here yet.")

	termLink := regexp.MustCompile(`<a href="?/(tags|categories|conditions)/([^"> ]*)"?[^>]*>(.*?)</a>`)
	links := 0
	for rel, html := range sitetest.Tree(t, s.Public) {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		for _, m := range termLink.FindAllStringSubmatch(html, -1) {
			links++
			target, text := m[2], m[3]
			if target == "" { // the taxonomy index itself
				continue
			}
			if !regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*/((page/[0-9]+/)?)$`).MatchString(target) {
				t.Errorf("%s links to /%s/%s: not a term page URL", rel, m[1], target)
			}
			if !s.Exists(m[1] + "/" + target + "index.html") {
				t.Errorf("%s links to /%s/%s, which was not built", rel, m[1], target)
			}
			if strings.TrimSpace(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(text, "")) == "" {
				t.Errorf("%s has a term link with no text: %s", rel, m[0])
			}
		}
	}
	if links == 0 {
		t.Fatal("found no term links at all; the check is not looking at the right markup")
	}
	// Only /tags/flu/ is a term page.
	dirs, _ := filepath.Glob(filepath.Join(s.Public, "*", "*", "index.html"))
	var terms []string
	for _, d := range dirs {
		rel, _ := filepath.Rel(s.Public, d)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "tags/") || strings.HasPrefix(rel, "categories/") || strings.HasPrefix(rel, "conditions/") {
			terms = append(terms, rel)
		}
	}
	if diff := cmp.Diff([]string{"tags/flu/index.html"}, terms); diff != "" {
		t.Errorf("term pages (-want +got):\n%s", diff)
	}
}

func TestTermBadInput(t *testing.T) {
	many := make([]string, 300)
	for i := range many {
		many[i] = fmt.Sprintf("topic %d", i)
	}
	tests := []struct {
		name, front string
		fail        bool
		diag        []string
		html        []string
	}{
		{"string", "tags: flu, vaccines\n", false,
			[]string{"content/articles/bad.md:4", "warning", "tags is one piece of text, read as 2 comma-separated items", "write tags as a list: tags: [flu, vaccines]"},
			[]string{"<a href=/tags/flu/>flu</a>, <a href=/tags/vaccines/>vaccines</a>"}},
		{"number", "tags: 5\n", true,
			[]string{"content/articles/bad.md:4", "error", "tags must be a list of text"}, nil},
		{"nested list", "tags: [flu, [a, b]]\n", true,
			[]string{"content/articles/bad.md:4", "error", "tags item 2 is a list, not text"}, nil},
		{"map", "categories: {a: b}\n", true,
			[]string{"content/articles/bad.md:4", "error", "categories must be a list of text"}, nil},
		{"a hundred", "tags: [" + strings.Join(many[:100], ", ") + "]\n", false,
			[]string{"content/articles/bad.md:4", "warning", "tags has 100 items"},
			[]string{"<a href=/tags/topic-0/>topic 0</a>", "<a href=/tags/topic-99/>topic 99</a>"}},
		{"hundreds", "tags: [" + strings.Join(many, ", ") + "]\n", true, // issue 13: each tag has a page and a feed listing the page
			[]string{"content/articles/bad.md:4", "error", "300 tags on one page", "at most 100"}, nil},
		{"sentence as a tag", "tags: [flu, " + strings.Repeat("a pasted sentence ", 20) + "]\n", false,
			[]string{"content/articles/bad.md:4", "warning", `tag "a pasted sentence a pasted sentence a pa…" is 359 characters long, too long for a tag page`},
			[]string{"Tagged: <a href=/tags/flu/>flu</a></p>", "! pasted"}},
		{"custom taxonomy as text", "params:\n  conditions: asthma\n", false,
			[]string{"content/articles/bad.md:5", "warning", "conditions is one piece of text"},
			[]string{"Conditions: <a href=/conditions/asthma/>asthma</a>"}},
		{"custom taxonomy number item", "params:\n  conditions: [asthma, 7]\n", false,
			nil, // a number item is its text, without a message
			[]string{"<a href=/conditions/asthma/>asthma</a>, <a href=/conditions/7/>7</a>"}},
		{"custom taxonomy nested list", "params:\n  other: 1\n  conditions: [asthma, [x]]\n", true,
			[]string{"content/articles/bad.md:6", "error", "params.conditions item 2 is a list, not text"}, nil},
		{"custom taxonomy number", "params:\n  conditions: 7\n", true,
			[]string{"content/articles/bad.md:5", "error", "params.conditions must be a list of text, not a number"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := sitetest.Build(t, baseConfig+"taxonomies: [tags, categories, conditions]\n"+
				article("bad", "Bad", "2024-01-01", tc.front, "Body.")+
				article("good", "Good", "2024-01-02", "tags: [flu]\n", "Flu."))
			if tc.fail {
				s.AssertFailed()
			} else {
				s.AssertOK()
			}
			if tc.diag != nil {
				s.AssertDiag(tc.diag...)
			} else {
				for _, d := range s.Diags() {
					if d.Path == "content/articles/bad.md" {
						t.Errorf("unexpected diagnostic: %v", d)
					}
				}
			}
			if len(tc.html) > 0 {
				s.AssertFile("articles/bad/index.html", tc.html...)
			}
		})
	}
}

func TestRelatedOnUntaggedPages(t *testing.T) {
	s := sitetest.Build(t, baseConfig+
		article("flu-a", "Flu shots for adults", "2024-01-01", "", "Influenza vaccine shots protect adults every influenza season. Get the influenza vaccine.")+
		article("flu-b", "Flu shots for children", "2024-02-01", "tags: [vaccines]\n", "Children need the influenza vaccine too; influenza shots are safe.")+
		article("bp", "Blood pressure at home", "2024-03-01", "tags: [chronic care]\n", "Measure blood pressure at home with a cuff. Write down each blood pressure reading.")+
		article("bp2", "Blood pressure medicines", "2024-04-01", "tags: [chronic care]\n", "Blood pressure medicines work best taken daily; a cuff at home shows the blood pressure.")+
		article("lone", "Sleep", "2024-05-01", "", "Zebra quokka narwhal.")+
		"-- content/services/vaccinations.md --\n---\ntitle: Vaccinations management\n---\nInfluenza vaccine shots and vaccine records for adults and children.\n"+
		"-- content/services/chronic-care.md --\n---\ntitle: Chronic care\n---\nHelp with blood pressure, diabetes and chronic care plans.\n")
	s.AssertOK()
	related := func(rel string) []string {
		html := s.File(rel)
		m := regexp.MustCompile(`(?s)<aside class=related[^>]*><h2[^>]*>Related[^<]*</h2>(.*?)</aside>`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("%s has no related block", rel)
		}
		var out []string
		for _, l := range regexp.MustCompile(`href="?/articles/([^/"]+)/`).FindAllStringSubmatch(m[1], -1) {
			out = append(out, l[1])
		}
		return out
	}
	// The untagged flu article finds the other flu article through its text.
	if got := related("articles/flu-a/index.html"); len(got) != 4 || got[0] != "flu-b" {
		t.Errorf("flu-a related = %v, want flu-b first and 4 in all", got)
	}
	// An article sharing nothing still gets a full list.
	if got := related("articles/lone/index.html"); len(got) != 4 {
		t.Errorf("lone related = %v, want 4 articles", got)
	}
	if got := related("articles/bp/index.html"); got[0] != "bp2" {
		t.Errorf("bp related = %v, want bp2 first", got)
	}
	// Related services: the closest first, and only ones that share something.
	s.AssertFile("articles/flu-a/index.html", "Care for this at our clinic", "<a href=/services/vaccinations/>Vaccinations management</a>", "! <a href=/services/chronic-care/>")
	s.AssertFile("articles/bp/index.html", "<a href=/services/chronic-care/>Chronic care</a>", "! <a href=/services/vaccinations/>")
	s.AssertFile("articles/lone/index.html", "! Care for this at our clinic")
	// Services themselves get no related-services block.
	s.AssertFile("services/vaccinations/index.html", "! Care for this at our clinic")
}

func TestRelatedCountAndWeightsFromConfig(t *testing.T) {
	ar := baseConfig + "related:\n  count: 2\n  weights:\n    text: 0\n"
	for i := range 5 {
		ar += article(fmt.Sprintf("a%d", i), fmt.Sprintf("A%d", i), fmt.Sprintf("2024-01-0%d", i+1), "tags: [flu]\n", "Flu.")
	}
	s := sitetest.Build(t, ar)
	s.AssertOK()
	html := s.File("articles/a0/index.html")
	block := regexp.MustCompile(`(?s)Related articles</h2>(.*?)</aside>`).FindStringSubmatch(html)
	if block == nil {
		t.Fatal("no related block")
	}
	if n := strings.Count(block[1], "<li>"); n != 2 {
		t.Errorf("related list has %d entries, want related.count = 2", n)
	}
	// With text weight 0 and the same tag everywhere, the nearest in date win.
	s.AssertFile("articles/a2/index.html", "Related articles</h2><ul><li><a href=/articles/a3/>A3</a></li><li><a href=/articles/a1/>A1</a></li></ul></aside>")
}

func TestBuildIsDeterministic(t *testing.T) {
	ar := baseConfig + "paginate: 3\n"
	for i := range 12 {
		tags := []string{"flu", "Flu", "chronic care", "peer support", "Peer-Support"}[i%5]
		ar += article(fmt.Sprintf("a%02d", i), fmt.Sprintf("Article %d", i), fmt.Sprintf("2024-0%d-01", 1+i%3), "tags: ["+tags+", health]\n",
			strings.Repeat("Same words in every article. ", 3))
	}
	s := sitetest.Build(t, ar)
	s.AssertOK()
	first := sitetest.Tree(t, s.Public)
	for range 2 {
		if err := os.RemoveAll(s.Public); err != nil {
			t.Fatal(err)
		}
		s.Rebuild()
		s.AssertOK()
		if diff := cmp.Diff(first, sitetest.Tree(t, s.Public)); diff != "" {
			t.Fatalf("a second build differs (-first +second):\n%s", diff)
		}
	}
}

// TestOneArticleHasNoRelatedBlock: with nothing to relate, the block is
// left out rather than printed empty.
func TestOneArticleHasNoRelatedBlock(t *testing.T) {
	s := sitetest.Build(t, baseConfig+article("only", "Only", "2024-01-01", "tags: [flu]\n", "Flu."))
	s.AssertOK()
	s.AssertFile("articles/only/index.html", "<h1>Only</h1>", "! Related", "! class=related")
}
