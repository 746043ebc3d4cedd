package site

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
)

// Unit tests of the model built from plain values: URLs, sections,
// pagination, terms, publishing rules and related posts.

// configOf loads a config.yaml with a title and base URL added.
func configOf(t *testing.T, yaml string) *config.Config {
	t.Helper()
	cfg, ds := config.Load([]byte("title: Clinic\nbaseURL: https://clinic.example/\n" + yaml))
	if ds.HasErrors() {
		t.Fatalf("config: %v", ds)
	}
	return &cfg
}

// build builds the model at now with default options.
func build(t *testing.T, cfg *config.Config, in ...Input) (*Site, diag.List) {
	t.Helper()
	s, ds := Build(cfg, in, Options{Now: now})
	return s, diag.List(ds)
}

// day is noon UTC on a day of 2026.
func day(month time.Month, d int) time.Time { return time.Date(2026, month, d, 12, 0, 0, 0, time.UTC) }

// urls lists the pages' URLs in order.
func urls(ps []*Page) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return out
}

// messages lists the diagnostics as "path:line: message".
func messages(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Pos()+": "+d.Msg)
	}
	return out
}

func TestURLs(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		fm         markdown.FrontMatter
		want       string
	}{
		{"top-level page", "content/about.md", markdown.FrontMatter{}, "/about/"},
		{"file name made a slug", "content/articles/Flu Shots & You.md", markdown.FrontMatter{}, "/articles/flu-shots-you/"},
		{"nested folders slugged", "content/services/Adult Care/walk in.md", markdown.FrontMatter{}, "/services/adult-care/walk-in/"},
		{"slug overrides the file name", "content/articles/a.md", markdown.FrontMatter{Slug: "Getting Your Shot!"}, "/articles/getting-your-shot/"},
		{"url overrides both", "content/articles/a.md", markdown.FrontMatter{Slug: "s", URL: "visit/today"}, "/visit/today/"},
		{"url is cleaned", "content/articles/a.md", markdown.FrontMatter{URL: "/x/../y//z/"}, "/y/z/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.fm.Title = "T"
			s, ds := build(t, configOf(t, ""), input(tc.path, tc.fm))
			if ds.HasErrors() {
				t.Fatal(messages(ds))
			}
			p, ok := s.PageByPath(tc.path)
			if !ok {
				t.Fatalf("no page for %s", tc.path)
			}
			if p.URL != tc.want || p.Permalink != "https://clinic.example"+tc.want {
				t.Errorf("URL %q, permalink %q; want %q", p.URL, p.Permalink, tc.want)
			}
			if u, ok := s.URLOf(tc.path); !ok || u != tc.want {
				t.Errorf("URLOf = %q, %v", u, ok)
			}
			if got := s.PageAt(tc.want); got != p {
				t.Errorf("PageAt(%q) = %v, want the page", tc.want, got)
			}
		})
	}
}

func TestURLErrors(t *testing.T) {
	in := []Input{
		input("content/articles/!!!.md", markdown.FrontMatter{Title: "No letters", Lines: map[string]int{"title": 2}}),
		input("content/articles/flu.md", markdown.FrontMatter{Title: "Flu", Lines: map[string]int{"title": 2}}),
		input("content/articles/other.md", markdown.FrontMatter{Title: "Other", Slug: "flu", Lines: map[string]int{"slug": 3}}),
		input("content/contact.md", markdown.FrontMatter{Title: "Contact", Aliases: []string{"/articles/flu/"}, Lines: map[string]int{"aliases": 4}}),
		input("content/landing.md", markdown.FrontMatter{Title: "Landing", URL: "/", Lines: map[string]int{"url": 5}}),
	}
	s, ds := build(t, configOf(t, ""), in...)
	want := []string{
		"content/articles/!!!.md:2: cannot make a URL from the file name \"!!!.md\"",
		"content/articles/other.md:3: content/articles/flu.md and content/articles/other.md both want the URL /articles/flu/",
		"content/landing.md:5: content/landing.md and the generated home page both want the URL /",
		"content/contact.md:4: alias /articles/flu/ is already the URL of /articles/flu/",
	}
	if diff := cmp.Diff(want, messages(ds)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if _, ok := s.PageByPath("content/articles/!!!.md"); ok {
		t.Error("a page without a URL was published")
	}
	if got := s.PageAt("/articles/flu/"); got == nil || got.Path != "content/articles/flu.md" {
		t.Errorf("PageAt(/articles/flu/) = %v, want the first page that took it", got)
	}
	if s.PageAt("/nowhere/") != nil || (*Site)(nil).PageAt("/") != nil {
		t.Error("PageAt found a page that is not there")
	}
}

func TestSections(t *testing.T) {
	in := []Input{
		input("content/articles/old.md", markdown.FrontMatter{Title: "Old", Date: day(1, 5)}),
		input("content/articles/new-b.md", markdown.FrontMatter{Title: "B", Date: day(3, 5)}),
		input("content/articles/new-a.md", markdown.FrontMatter{Title: "A", Date: day(3, 5)}),
		input("content/services/_index.md", markdown.FrontMatter{Title: "What we do", Description: "Care for everyone."}),
		input("content/services/light.md", markdown.FrontMatter{Title: "Light", Weight: 1}),
		input("content/services/heavy.md", markdown.FrontMatter{Title: "Heavy", Weight: 5}),
		input("content/services/none.md", markdown.FrontMatter{Title: "Unweighted"}),
		input("content/patient-forms/_index.md", markdown.FrontMatter{Title: "Forms"}),
		input("content/patient-forms/intake/_index.md", markdown.FrontMatter{Title: "Nested intro: no list of its own"}),
		input("content/_index.md", markdown.FrontMatter{Title: "Welcome", Description: "Home intro."}),
		input("content/about.md", markdown.FrontMatter{Title: "About"}),
	}
	s, ds := build(t, configOf(t, "clinic:\n  description: Fallback.\n"), in...)
	if ds.HasErrors() {
		t.Fatal(messages(ds))
	}
	if diff := cmp.Diff([]string{"/articles/new-a/", "/articles/new-b/", "/articles/old/"}, urls(s.Articles())); diff != "" {
		t.Errorf("articles newest first, then by title (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"/services/light/", "/services/heavy/", "/services/none/"}, urls(s.Services())); diff != "" {
		t.Errorf("services by weight, unweighted last (-want +got):\n%s", diff)
	}
	if got := len(s.Sections); got != 3 {
		t.Errorf("%d sections, want articles, patient-forms and services", got)
	}
	for name, want := range map[string][2]string{
		"articles":      {"Articles", "Articles at Clinic."},
		"services":      {"What we do", "Care for everyone."},
		"patient-forms": {"Forms", "Forms at Clinic."},
	} {
		sec := s.Sections[name]
		if sec == nil {
			t.Errorf("no %s section", name)
			continue
		}
		if sec.Kind != KindSection || sec.URL != "/"+name+"/" || sec.Title != want[0] || sec.Description != want[1] {
			t.Errorf("%s section: kind %s, URL %s, title %q, description %q; want title %q, description %q",
				name, sec.Kind, sec.URL, sec.Title, sec.Description, want[0], want[1])
		}
	}
	if got := s.Sections["patient-forms"].Pages; len(got) != 0 {
		t.Errorf("a section with only an intro lists %d pages", len(got))
	}
	for path, want := range map[string]Kind{
		"content/articles/old.md": KindArticle, "content/services/light.md": KindService, "content/about.md": KindPage,
	} {
		if p, _ := s.PageByPath(path); p == nil || p.Kind != want {
			t.Errorf("%s: kind %v, want %s", path, p, want)
		}
	}
	if _, ok := s.PageByPath("content/services/_index.md"); ok {
		t.Error("a section intro is a page of its own")
	}
	h := s.Home
	if h.Title != "Welcome" || h.Description != "Home intro." || h.URL != "/" || h.Permalink != "https://clinic.example/" {
		t.Errorf("home: %q %q %q %q", h.Title, h.Description, h.URL, h.Permalink)
	}
	if diff := cmp.Diff(urls(s.Articles()), urls(h.Pages)); diff != "" {
		t.Errorf("home lists the articles (-want +got):\n%s", diff)
	}
	// Without a home intro: the site's title and the clinic's description.
	s, _ = build(t, configOf(t, "clinic:\n  description: Fallback.\n"), in[0])
	if s.Home.Title != "Clinic" || s.Home.Description != "Fallback." {
		t.Errorf("home without an intro: %q, %q", s.Home.Title, s.Home.Description)
	}
}

func TestPagination(t *testing.T) {
	var in []Input
	for i := range 5 {
		in = append(in, input("content/articles/a"+string(rune('0'+i))+".md", markdown.FrontMatter{Title: "A", Date: day(1, 10-i), Tags: []string{"flu"}}))
	}
	s, ds := build(t, configOf(t, "paginate: 2\n"), in...)
	if ds.HasErrors() {
		t.Fatal(messages(ds))
	}
	type pager struct {
		URL, Prev, Next, First, Last string
		Number, Total                int
		Items                        []string
	}
	pagers := func(kind Kind, section string) []pager {
		var out []pager
		for _, p := range s.Pages {
			if p.Kind == kind && p.Section == section {
				out = append(out, pager{p.URL, p.Pager.Prev, p.Pager.Next, p.Pager.First, p.Pager.Last, p.Pager.Number, p.Pager.Total, urls(p.Pages)})
			}
		}
		return out
	}
	want := []pager{
		{"/articles/", "", "/articles/page/2/", "/articles/", "/articles/page/3/", 1, 3, []string{"/articles/a0/", "/articles/a1/"}},
		{"/articles/page/2/", "/articles/", "/articles/page/3/", "/articles/", "/articles/page/3/", 2, 3, []string{"/articles/a2/", "/articles/a3/"}},
		{"/articles/page/3/", "/articles/page/2/", "", "/articles/", "/articles/page/3/", 3, 3, []string{"/articles/a4/"}},
	}
	if diff := cmp.Diff(want, pagers(KindSection, "articles")); diff != "" {
		t.Errorf("section pager pages (-want +got):\n%s", diff)
	}
	if s.Sections["articles"].URL != "/articles/" {
		t.Errorf("Sections holds %s, want the first pager page", s.Sections["articles"].URL)
	}
	// A term list is paginated the same way, each page knowing its term.
	terms := pagers(KindTerm, "")
	if got := len(terms); got != 3 || terms[2].URL != "/tags/flu/page/3/" || terms[2].Prev != "/tags/flu/page/2/" {
		t.Errorf("term pager pages: %+v", terms)
	}
	for _, p := range s.Pages {
		if p.Kind == KindTerm && (p.Term == nil || p.Term.Key != "flu" || p.Taxonomy == nil || p.Taxonomy.Name != "tags") {
			t.Errorf("%s: term %v, taxonomy %v", p.URL, p.Term, p.Taxonomy)
		}
	}

	// An empty section still has one list page; paginate 0 means 10.
	s, _ = build(t, configOf(t, ""), append(in, input("content/news/_index.md", markdown.FrontMatter{Title: "News"}))...)
	if got := pagers(KindSection, "news"); len(got) != 1 || got[0].Total != 1 || got[0].Next != "" {
		t.Errorf("empty section: %+v", got)
	}
	if got := pagers(KindSection, "articles"); len(got) != 1 || len(got[0].Items) != 5 {
		t.Errorf("default page size: %+v", got)
	}
}

func TestTerms(t *testing.T) {
	in := []Input{
		input("content/articles/a.md", markdown.FrontMatter{Title: "A", Date: day(2, 1), Tags: []string{"Flu Shots", "flu shots"}, Categories: []string{"Prevention"}}),
		input("content/articles/b.md", markdown.FrontMatter{Title: "B", Date: day(3, 1), Tags: []string{"flu shots"}}),
		input("content/services/c.md", markdown.FrontMatter{Title: "C", Tags: []string{"Peer Support"}}),
	}
	s, ds := build(t, configOf(t, "health:\n  mentalHealthTerms: [peer support]\n"), in...)
	if ds.HasErrors() {
		t.Fatal(messages(ds))
	}
	var got []string
	for _, tx := range s.Taxonomies {
		for _, term := range tx.Terms {
			got = append(got, tx.Name+" "+term.Name+" "+term.URL+" "+strings.Join(urls(term.Pages), ","))
		}
	}
	want := []string{
		"tags flu shots /tags/flu-shots/ /articles/b/,/articles/a/",
		"tags Peer Support /tags/peer-support/ /services/c/",
		"categories Prevention /categories/prevention/ /articles/a/",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("terms: name (most common spelling), URL, pages newest first (-want +got):\n%s", diff)
	}
	a, _ := s.PageByPath("content/articles/a.md")
	if n := len(a.Terms["tags"]); n != 1 {
		t.Errorf("a page's two spellings of one tag give it %d terms, want 1", n)
	}
	if c, _ := s.PageByPath("content/services/c.md"); !c.Crisis || a.Crisis {
		t.Errorf("crisis: c %v (a mental-health tag), a %v", c.Crisis, a.Crisis)
	}
	var index *Page
	for _, p := range s.Pages {
		if p.Kind == KindTerms && p.URL == "/tags/" {
			index = p
		}
	}
	if index == nil || index.Taxonomy != s.Taxonomies[0] || index.Title != s.Taxonomies[0].Title() {
		t.Fatalf("tags index page: %+v", index)
	}
	var term *Page
	for _, p := range s.Pages {
		if p.URL == "/tags/flu-shots/" {
			term = p
		}
	}
	wantCrumbs := []Crumb{{Name: "Home", URL: "/"}, {Name: index.Title, URL: "/tags/"}, {Name: "flu shots", URL: "/tags/flu-shots/", Current: true}}
	if term == nil || !cmp.Equal(term.Breadcrumbs, wantCrumbs) {
		t.Errorf("term page breadcrumbs: %+v", term)
	}
}

// TestParamTaxonomy: a taxonomy other than tags and categories comes from
// params.<name>, and values that are not text are reported at its line.
func TestParamTaxonomy(t *testing.T) {
	front := []byte("---\ntitle: X\nparams:\n  other: 1\n  conditions: VALUE\n---\n")
	doc := func(path string, v any) Input {
		in := input(path, markdown.FrontMatter{Title: "X", Params: map[string]any{"conditions": v}, Lines: map[string]int{"title": 2, "params": 3}})
		in.Doc.FrontSrc = front
		return in
	}
	in := []Input{
		doc("content/articles/list.md", []any{"Asthma", 7, nil, " "}),
		doc("content/articles/text.md", "asthma, COPD"),
		doc("content/articles/switch.md", []any{"COPD", true}),
		doc("content/articles/number.md", 7),
	}
	s, ds := build(t, configOf(t, "taxonomies: [tags, conditions]\n"), in...)
	// The params line is 3; its conditions item is line 5.
	want := []string{
		"content/articles/number.md:5:3: params.conditions must be a list of text, not a number",
		"content/articles/switch.md:5:3: params.conditions item 2 is true, not text",
		"content/articles/text.md:5:3: params.conditions is one piece of text, read as 2 comma-separated items",
	}
	if diff := cmp.Diff(want, messages(ds)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	var got []string
	for _, term := range s.Taxonomies[1].Terms {
		got = append(got, term.URL+" "+strings.Join(urls(term.Pages), ","))
	}
	wantTerms := []string{
		"/conditions/7/ /articles/list/",
		"/conditions/asthma/ /articles/list/,/articles/text/",
		"/conditions/copd/ /articles/switch/,/articles/text/",
	}
	if diff := cmp.Diff(wantTerms, got); diff != "" {
		t.Errorf("conditions terms (-want +got):\n%s", diff)
	}
}

func TestPublishingRules(t *testing.T) {
	lines := map[string]int{"date": 3, "publishDate": 4, "expiryDate": 5, "draft": 6}
	fm := func(f markdown.FrontMatter) markdown.FrontMatter { f.Title, f.Lines = "T", lines; return f }
	in := []Input{
		input("content/articles/draft.md", fm(markdown.FrontMatter{Draft: true})),
		input("content/articles/tomorrow.md", fm(markdown.FrontMatter{Date: now.Add(24 * time.Hour)})),
		// publishDate decides over date
		input("content/articles/held.md", fm(markdown.FrontMatter{Date: now.Add(-time.Hour), PublishDate: now.Add(time.Hour)})),
		input("content/articles/released.md", fm(markdown.FrontMatter{Date: now.Add(time.Hour), PublishDate: now.Add(-time.Hour)})),
		// expiry is inclusive: expiring now is expired
		input("content/articles/expired.md", fm(markdown.FrontMatter{ExpiryDate: now})),
		input("content/articles/live.md", fm(markdown.FrontMatter{ExpiryDate: now.Add(time.Minute)})),
	}
	s, _ := build(t, configOf(t, ""), in...)
	var got []string
	for _, sk := range s.Skipped {
		got = append(got, sk.Path+" "+sk.Reason+" "+sk.When.Format(time.RFC3339)+" line "+string(rune('0'+sk.Line)))
	}
	want := []string{
		"content/articles/draft.md draft 0001-01-01T00:00:00Z line 6",
		"content/articles/tomorrow.md scheduled 2026-11-26T12:00:00Z line 3",
		"content/articles/held.md scheduled 2026-11-25T13:00:00Z line 4",
		"content/articles/expired.md expired 2026-11-25T12:00:00Z line 5",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"/articles/live/", "/articles/released/"}, urls(s.Regular)); diff != "" {
		t.Errorf("published (-want +got):\n%s", diff)
	}

	// Each switch publishes its own kind only.
	for _, tc := range []struct {
		name string
		opt  Options
		want []string
	}{
		{"drafts", Options{Drafts: true}, []string{"/articles/draft/", "/articles/live/", "/articles/released/"}},
		{"future", Options{Future: true}, []string{"/articles/held/", "/articles/live/", "/articles/released/", "/articles/tomorrow/"}},
		{"expired", Options{Expired: true}, []string{"/articles/expired/", "/articles/live/", "/articles/released/"}},
	} {
		tc.opt.Now = now
		s, _ := Build(configOf(t, ""), in, tc.opt)
		if diff := cmp.Diff(tc.want, urls(s.Regular)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}

	// The time zone decides what "now" is for dates written without one.
	cfg := configOf(t, "timeZone: America/New_York\n")
	nyMidnight := time.Date(2026, 11, 26, 0, 0, 0, 0, cfg.Location)
	s, _ = Build(cfg, []Input{input("content/articles/z.md", fm(markdown.FrontMatter{Date: nyMidnight}))}, Options{Now: time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)})
	if len(s.Skipped) != 1 {
		t.Errorf("at 22:00 in New York, a page dated that midnight is published")
	}
}

func TestReviewDue(t *testing.T) {
	in := []Input{
		input("content/articles/stale.md", markdown.FrontMatter{Title: "S", LastReviewed: now.AddDate(-1, 0, -1), Lines: map[string]int{"lastReviewed": 7}}),
		input("content/articles/fresh.md", markdown.FrontMatter{Title: "F", LastReviewed: now.AddDate(0, -11, 0)}),
	}
	s, ds := build(t, configOf(t, ""), in...)
	if got, want := messages(ds), []string{"content/articles/stale.md:7: medical review is due: last reviewed 2025-11-24, more than 12 months ago"}; !cmp.Equal(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	stale, _ := s.PageByPath("content/articles/stale.md")
	fresh, _ := s.PageByPath("content/articles/fresh.md")
	if !stale.ReviewDue || fresh.ReviewDue {
		t.Errorf("review due: stale %v, fresh %v", stale.ReviewDue, fresh.ReviewDue)
	}
	// A six-month interval makes the fresh one due too.
	if _, ds := build(t, configOf(t, "health:\n  reviewInterval: 6\n"), in...); ds.Warnings() != 2 {
		t.Errorf("with a 6-month interval: %q", messages(ds))
	}
}

// A lastReviewed date in the future cannot be a review that happened: a
// warning, at its line, says it is probably a typo. Today is fine.
func TestReviewInTheFuture(t *testing.T) {
	in := []Input{
		input("content/articles/typo.md", markdown.FrontMatter{Title: "T", LastReviewed: now.AddDate(1, 0, 0), Lines: map[string]int{"lastReviewed": 9}}),
		input("content/articles/today.md", markdown.FrontMatter{Title: "D", LastReviewed: now}),
	}
	_, ds := build(t, configOf(t, ""), in...)
	want := []string{"content/articles/typo.md:9: lastReviewed " + now.AddDate(1, 0, 0).Format("2006-01-02") + " is in the future: probably a typo"}
	if got := messages(ds); !cmp.Equal(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	if ds.HasErrors() {
		t.Errorf("a future review date is a warning, not an error: %q", messages(ds))
	}
}

func TestPeople(t *testing.T) {
	cfg := configOf(t, "people:\n  - {id: ana, name: Ana Diaz, credentials: MD, role: Physician}\n  - {id: bo, name: Bo Li, role: Nurse}\n")
	in := []Input{
		input("content/articles/a.md", markdown.FrontMatter{Title: "A", Date: day(1, 1), Author: "ana", ReviewedBy: "ana"}),
		input("content/articles/b.md", markdown.FrontMatter{Title: "B", Date: day(2, 1), Author: "bo", ReviewedBy: "ana"}),
		input("content/articles/c.md", markdown.FrontMatter{Title: "C", Author: "cy", Lines: map[string]int{"author": 4}}),
	}
	s, ds := build(t, cfg, in...)
	if got := messages(ds); len(got) != 1 || !strings.HasPrefix(got[0], `content/articles/c.md:4: author "cy" is not in the people list`) {
		t.Errorf("diagnostics %q", got)
	}
	var got []string
	for _, p := range s.Pages {
		if p.Kind == KindPerson || p.Kind == KindPeople {
			got = append(got, p.URL+" "+p.Title+" "+strings.Join(urls(p.Pages), ","))
		}
	}
	want := []string{"/people/ Our writers and reviewers ", "/people/ana/ Ana Diaz, MD /articles/b/,/articles/a/", "/people/bo/ Bo Li /articles/b/"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("people pages: each page once a person, newest first (-want +got):\n%s", diff)
	}
}

func TestAuthors(t *testing.T) {
	cfg := configOf(t, "people:\n  - {id: ana, name: Ana Diaz}\n  - {id: bo, name: Bo Li}\n")
	in := []Input{
		input("content/articles/a.md", markdown.FrontMatter{Title: "A", Date: day(1, 1), Author: "bo", Authors: []string{"bo", "ana"}}),
		input("content/articles/b.md", markdown.FrontMatter{Title: "B", Date: day(2, 1), Author: "ana", Authors: []string{"ana", "zed"},
			Lines: map[string]int{"authors": 5}}),
	}
	s, ds := build(t, cfg, in...)
	if got := messages(ds); len(got) != 1 || !strings.HasPrefix(got[0], `content/articles/b.md:5: author "zed" is not in the people list`) {
		t.Errorf("diagnostics %q", got)
	}
	a, _ := s.PageByPath("content/articles/a.md")
	if a.Author == nil || a.Author.ID != "bo" || len(a.Authors) != 2 || a.Authors[1].ID != "ana" {
		t.Fatalf("byline %v, authors %v", a.Author, a.Authors)
	}
	for _, p := range s.Pages {
		if p.Kind == KindPerson && p.URL == "/people/ana/" {
			if got := urls(p.Pages); !cmp.Equal(got, []string{"/articles/b/", "/articles/a/"}) {
				t.Errorf("ana's pages %v: a second author is listed too", got)
			}
		}
	}
}

func TestPagesOrder(t *testing.T) {
	s, _ := build(t, configOf(t, "taxonomies: [tags]\n"),
		input("content/services/s.md", markdown.FrontMatter{Title: "S"}),
		input("content/articles/a.md", markdown.FrontMatter{Title: "A", Tags: []string{"x"}}),
	)
	want := []string{"/articles/a/", "/services/s/", "/articles/", "/services/", "/", "/tags/", "/tags/x/", "/404.html", "/search/"}
	if diff := cmp.Diff(want, urls(s.Pages)); diff != "" {
		t.Errorf("Pages: regular pages by path, then sections, home, taxonomies, 404, search (-want +got):\n%s", diff)
	}
	s, _ = build(t, configOf(t, "search:\n  enabled: false\n"), input("content/articles/a.md", markdown.FrontMatter{Title: "A"}))
	if got := urls(s.Pages); got[len(got)-1] != "/404.html" {
		t.Errorf("with search.enabled false, Pages = %v, want no /search/ page", got)
	}
}

func TestRelated(t *testing.T) {
	in := []Input{
		input("content/articles/flu-1.md", markdown.FrontMatter{Title: "Flu 1", Date: day(1, 1), Tags: []string{"flu", "vaccines"}}),
		input("content/articles/flu-2.md", markdown.FrontMatter{Title: "Flu 2", Date: day(1, 2), Tags: []string{"flu", "vaccines"}}),
		input("content/articles/flu-3.md", markdown.FrontMatter{Title: "Flu 3", Date: day(1, 3), Tags: []string{"flu"}}),
		input("content/articles/sleep.md", markdown.FrontMatter{Title: "Sleep", Date: day(1, 4), Tags: []string{"sleep"}}),
		input("content/services/vaccinations.md", markdown.FrontMatter{Title: "Vaccinations", Tags: []string{"vaccines", "flu"}}),
		input("content/services/counselling.md", markdown.FrontMatter{Title: "Counselling", Tags: []string{"anxiety"}}),
		input("content/services/travel.md", markdown.FrontMatter{Title: "Travel health", Tags: []string{"vaccines", "travel"}}),
		input("content/team/only.md", markdown.FrontMatter{Title: "Only page in its section", Tags: []string{"flu"}}),
	}
	s, ds := build(t, configOf(t, "related:\n  count: 2\n"), in...)
	if ds.HasErrors() {
		t.Fatal(messages(ds))
	}
	page := func(p string) *Page {
		pg, ok := s.PageByPath("content/" + p + ".md")
		if !ok {
			t.Fatalf("no page %s", p)
		}
		return pg
	}
	flu1 := page("articles/flu-1")
	if diff := cmp.Diff([]string{"/articles/flu-2/", "/articles/flu-3/"}, urls(flu1.Related)); diff != "" {
		t.Errorf("flu-1 related: the closest, related.count of them (-want +got):\n%s", diff)
	}
	if len(flu1.RelatedScores) != len(flu1.Related) || flu1.RelatedScores[0].Total < flu1.RelatedScores[1].Total || flu1.RelatedScores[0].Tags <= 0 {
		t.Errorf("flu-1 scores %+v", flu1.RelatedScores)
	}
	for _, p := range s.Regular {
		for _, r := range p.Related {
			if r == p || r.Section != p.Section {
				t.Errorf("%s lists %s as related", p.URL, r.URL)
			}
		}
	}
	if got := page("articles/sleep").Related; len(got) != 2 {
		t.Errorf("sleep has %d related articles; an article's list is never empty when its section has others", len(got))
	}
	if got := page("services/vaccinations").Related; len(got) != 0 {
		t.Errorf("a service lists related pages: %v", urls(got))
	}
	if got := page("team/only").Related; len(got) != 0 {
		t.Errorf("the only page of its section lists %v", urls(got))
	}
	// Services: only those that share something, and only on articles.
	if diff := cmp.Diff([]string{"/services/vaccinations/"}, urls(flu1.RelatedServices)); diff != "" {
		t.Errorf("flu-1 services (-want +got):\n%s", diff)
	}
	if got := page("articles/sleep").RelatedServices; len(got) != 0 {
		t.Errorf("sleep links to services it shares nothing with: %v", urls(got))
	}
	if got := page("team/only").RelatedServices; len(got) != 0 {
		t.Errorf("a page that is not an article lists services: %v", urls(got))
	}
	// related.services: 0 turns them off.
	s, _ = build(t, configOf(t, "related:\n  services: 0\n"), in...)
	if p, _ := s.PageByPath("content/articles/flu-1.md"); len(p.RelatedServices) != 0 {
		t.Errorf("related.services 0: %v", urls(p.RelatedServices))
	}
}

// TestConfigRedirects: config.yaml's redirects join the aliases (cleaned,
// a query kept); one from a page's own URL is an error, one to no page a
// warning, both at config.yaml's redirects line.
func TestConfigRedirects(t *testing.T) {
	cfg := configOf(t, "redirects:\n  - {from: /category/flu-season, to: /tags/flu}\n  - {from: /articles/flu/, to: /about/}\n  - {from: \"/?cat=3\", to: /nowhere/}\n")
	in := []Input{
		input("content/articles/flu.md", markdown.FrontMatter{Title: "Flu", Tags: []string{"flu"}}),
		input("content/about.md", markdown.FrontMatter{Title: "About"}),
	}
	s, ds := build(t, cfg, in...)
	var got []Alias
	for _, a := range s.Aliases {
		if a.Path == "config.yaml" {
			got = append(got, a)
		}
	}
	want := []Alias{{From: "/category/flu-season/", To: "/tags/flu/", Path: "config.yaml"}, {From: "/articles/flu/", To: "/about/", Path: "config.yaml"}, {From: "/?cat=3", To: "/nowhere/", Path: "config.yaml"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	wantDs := []string{
		"config.yaml:3:1: redirect from /articles/flu/: /articles/flu/ is the URL of a page",
		"config.yaml:3:1: redirect from /?cat=3 goes to /nowhere/, which is not a page",
	}
	if diff := cmp.Diff(wantDs, messages(ds)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
