package build_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/safemsg"
	"clinicgen/generator/internal/sitetest"
)

// Integration tests of issue 4's structured data and health-content
// duties: JSON-LD parsed and checked field by field, breadcrumbs, the
// crisis box and help strip, bylines and people pages, the review-due
// warning, the safe-messaging lint and clinic configuration errors.

var ldRE = regexp.MustCompile(`(?s)<script type=(?:"application/ld\+json"|application/ld\+json)>(.*?)</script>`)

// jsonLD decodes a page's one JSON-LD block.
func jsonLD(t *testing.T, html string) map[string]any {
	t.Helper()
	ms := ldRE.FindAllStringSubmatch(html, -1)
	if len(ms) != 1 {
		t.Fatalf("%d JSON-LD blocks, want 1", len(ms))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(ms[0][1]), &v); err != nil {
		t.Fatalf("JSON-LD is not valid JSON: %v\n%s", err, ms[0][1])
	}
	if v["@context"] != "https://schema.org" {
		t.Errorf("@context = %v", v["@context"])
	}
	return v
}

// node returns the @graph node of the given @type (a type among several
// counts), failing when there is none.
func node(t *testing.T, ld map[string]any, typ string) map[string]any {
	t.Helper()
	graph, _ := ld["@graph"].([]any)
	for _, n := range graph {
		m, _ := n.(map[string]any)
		switch ty := m["@type"].(type) {
		case string:
			if ty == typ {
				return m
			}
		case []any:
			if slices.Contains(ty, any(typ)) {
				return m
			}
		}
		// An article's BlogPosting is nested as the page's mainEntity.
		if me, ok := m["mainEntity"].(map[string]any); ok && me["@type"] == typ {
			return me
		}
	}
	t.Fatalf("no %s node in the JSON-LD graph", typ)
	return nil
}

// healthFiles are a mental-health article, a vaccination article, a
// clinical service, the peer support service and the contact page.
var healthFiles = []string{
	mdFile("articles/peer-support.md", "title: Peer support helps\ndate: 2026-09-01\nlastmod: 2026-10-01\ndescription: Why peers help.\n"+
		"tags: [peer support]\ncategories: [Mental health]\nauthor: writer\nreviewedBy: reviewer\nlastReviewed: 2026-09-30\n"+
		"image: peer.svg\nimageAlt: Two people talking\n", "Peers help.\n\n![Two people talking](peer.svg)"),
	"-- content/articles/peer.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"></svg>\n",
	mdFile("articles/vaccines.md", "title: Vaccines for adults\ndate: 2026-08-01\ndescription: Shots grown-ups need.\n"+
		"tags: [vaccines]\ncategories: [Vaccinations]\nauthor: writer\n", "Adults need shots too."),
	mdFile("services/peer-support-program.md", "title: Peer support program\nweight: 2\ndescription: Groups led by peers.\ntags: [peer support]\n", "Join a group."),
	mdFile("services/vaccinations.md", "title: Vaccinations\nweight: 1\ndescription: Shots for all ages.\ntags: [vaccines]\n", "Get your shots."),
}

// wantJSON decodes a JSON literal for comparison with a decoded node.
func wantJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad want JSON: %v", err)
	}
	return v
}

const wantClinic = `{
  "@id": "https://clinic.example/#clinic",
  "@type": "MedicalClinic",
  "name": "Test Clinic LLC",
  "url": "https://clinic.example/",
  "description": "A neighbourhood clinic for tests.",
  "telephone": "+1-301-555-0100",
  "email": "info@clinic.example",
  "address": {"@type": "PostalAddress", "streetAddress": "1 Main St", "addressLocality": "Bladensburg",
    "addressRegion": "MD", "postalCode": "20710", "addressCountry": "US"},
  "geo": {"@type": "GeoCoordinates", "latitude": 38.9393, "longitude": -76.9336},
  "openingHoursSpecification": [
    {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"],
     "opens": "08:00", "closes": "18:00"},
    {"@type": "OpeningHoursSpecification", "name": "Thanksgiving Day", "dayOfWeek": "https://schema.org/Thursday",
     "opens": "00:00", "closes": "00:00", "validFrom": "2026-11-26", "validThrough": "2026-11-26"}
  ],
  "medicalSpecialty": ["https://schema.org/PrimaryCare"],
  "isAcceptingNewPatients": true,
  "availableService": [
    {"@id": "https://clinic.example/services/vaccinations/#service", "@type": ["MedicalTherapy", "Service"],
     "name": "Vaccinations", "url": "https://clinic.example/services/vaccinations/"}
  ],
  "makesOffer": [
    {"@type": "Offer", "itemOffered": {"@id": "https://clinic.example/services/peer-support-program/#service",
     "@type": "Service", "name": "Peer support program", "url": "https://clinic.example/services/peer-support-program/"}}
  ]
}`

func TestJSONLDClinic(t *testing.T) {
	s := buildClinic(t, healthFiles...)
	// The home page and the contact page carry the whole clinic node.
	for _, f := range []string{"index.html", "contact/index.html"} {
		if diff := cmp.Diff(wantJSON(t, wantClinic), node(t, jsonLD(t, s.File(f)), "MedicalClinic")); diff != "" {
			t.Errorf("%s: MedicalClinic (-want +got):\n%s", f, diff)
		}
	}
	home := jsonLD(t, s.File("index.html"))
	if diff := cmp.Diff(wantJSON(t, `{"@type": "WebSite", "@id": "https://clinic.example/#website", "url": "https://clinic.example/",
		"name": "Test Clinic", "inLanguage": "en-US", "publisher": {"@id": "https://clinic.example/#clinic"}}`), node(t, home, "WebSite")); diff != "" {
		t.Errorf("WebSite (-want +got):\n%s", diff)
	}
	if got := node(t, jsonLD(t, s.File("contact/index.html")), "ContactPage")["about"]; !cmp.Equal(got, map[string]any{"@id": "https://clinic.example/#clinic"}) {
		t.Errorf("ContactPage about = %v", got)
	}
}

func TestJSONLDArticle(t *testing.T) {
	s := buildClinic(t, healthFiles...)
	ld := jsonLD(t, s.File("articles/peer-support/index.html"))
	page := node(t, ld, "MedicalWebPage")
	posting, _ := page["mainEntity"].(map[string]any)
	delete(page, "mainEntity")
	wantPage := `{
	  "@id": "https://clinic.example/articles/peer-support/#webpage",
	  "@type": "MedicalWebPage",
	  "url": "https://clinic.example/articles/peer-support/",
	  "name": "Peer support helps",
	  "description": "Why peers help.",
	  "inLanguage": "en-US",
	  "isPartOf": {"@id": "https://clinic.example/#website"},
	  "breadcrumb": {"@id": "https://clinic.example/articles/peer-support/#breadcrumb"},
	  "lastReviewed": "2026-09-30",
	  "reviewedBy": {"@id": "https://clinic.example/people/reviewer/#person", "@type": "Person", "name": "Rae Reviewer",
	    "honorificSuffix": "MD", "jobTitle": "Medical reviewer", "url": "https://clinic.example/people/reviewer/"},
	  "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"}
	}`
	if diff := cmp.Diff(wantJSON(t, wantPage), page); diff != "" {
		t.Errorf("MedicalWebPage (-want +got):\n%s", diff)
	}
	wantPosting := `{
	  "@id": "https://clinic.example/articles/peer-support/#article",
	  "@type": "BlogPosting",
	  "mainEntityOfPage": {"@id": "https://clinic.example/articles/peer-support/#webpage"},
	  "url": "https://clinic.example/articles/peer-support/",
	  "headline": "Peer support helps",
	  "description": "Why peers help.",
	  "datePublished": "2026-09-01T00:00:00-04:00",
	  "dateModified": "2026-10-01T00:00:00-04:00",
	  "inLanguage": "en-US",
	  "author": {"@id": "https://clinic.example/people/writer/#person", "@type": "Person", "name": "Wren Writer",
	    "honorificSuffix": "RN", "jobTitle": "Health writer", "url": "https://clinic.example/people/writer/"},
	  "publisher": {"@id": "https://clinic.example/#clinic"},
	  "image": {"@type": "ImageObject", "url": "https://clinic.example/articles/peer.svg", "caption": "Two people talking",
	    "width": 40, "height": 20},
	  "keywords": ["peer support", "Mental health"],
	  "articleSection": ["Mental health"]
	}`
	if diff := cmp.Diff(wantJSON(t, wantPosting), posting); diff != "" {
		t.Errorf("BlogPosting (-want +got):\n%s", diff)
	}
	// The publisher is the clinic node the home page describes.
	clinic := node(t, jsonLD(t, s.File("index.html")), "MedicalClinic")
	if pub := posting["publisher"].(map[string]any)["@id"]; pub != clinic["@id"] {
		t.Errorf("publisher %v is not the clinic %v", pub, clinic["@id"])
	}
	// Other pages point to the clinic by @id only.
	graph := ld["@graph"].([]any)
	for _, n := range graph {
		if n.(map[string]any)["@type"] == "MedicalClinic" {
			t.Errorf("an article repeats the whole clinic node")
		}
	}
}

func TestJSONLDService(t *testing.T) {
	s := buildClinic(t, healthFiles...)
	for _, tt := range []struct {
		file, want string
	}{
		{"services/vaccinations/index.html", `{
		  "@id": "https://clinic.example/services/vaccinations/#service",
		  "@type": ["MedicalTherapy", "Service"],
		  "url": "https://clinic.example/services/vaccinations/",
		  "name": "Vaccinations", "serviceType": "Vaccinations", "description": "Shots for all ages.",
		  "provider": {"@id": "https://clinic.example/#clinic"}
		}`},
		// Peer support is non-clinical: a plain Service, never a medical therapy.
		{"services/peer-support-program/index.html", `{
		  "@id": "https://clinic.example/services/peer-support-program/#service",
		  "@type": "Service",
		  "url": "https://clinic.example/services/peer-support-program/",
		  "name": "Peer support program", "serviceType": "Peer support program", "description": "Groups led by peers.",
		  "provider": {"@id": "https://clinic.example/#clinic"}
		}`},
	} {
		ld := jsonLD(t, s.File(tt.file))
		svc := node(t, ld, "Service")
		if diff := cmp.Diff(wantJSON(t, tt.want), svc); diff != "" {
			t.Errorf("%s: service (-want +got):\n%s", tt.file, diff)
		}
		page := node(t, ld, "WebPage")
		if !cmp.Equal(page["mainEntity"], map[string]any{"@id": svc["@id"]}) {
			t.Errorf("%s: page mainEntity %v, want the service", tt.file, page["mainEntity"])
		}
	}
}

var crumbNavRE = regexp.MustCompile(`(?s)<nav class="breadcrumbs wrap" aria-label=Breadcrumb>(.*?)</nav>`)

// TestBreadcrumbListMatchesVisibleTrail checks every page of a site: a page
// below home has a visible breadcrumb nav and a BreadcrumbList with the
// same names and URLs in the same order; home has neither.
func TestBreadcrumbListMatchesVisibleTrail(t *testing.T) {
	s := buildClinic(t, healthFiles...)
	tree := sitetest.Tree(t, s.Public)
	checked := 0
	for _, f := range pageFiles(tree) {
		html := tree[f]
		nav := crumbNavRE.FindStringSubmatch(html)
		var list map[string]any
		if f != "404.html" { // the 404 page describes nothing
			for _, n := range jsonLD(t, html)["@graph"].([]any) {
				if m := n.(map[string]any); m["@type"] == "BreadcrumbList" {
					list = m
				}
			}
		}
		if f == "index.html" || f == "404.html" {
			if nav != nil || list != nil {
				t.Errorf("%s has a breadcrumb trail", f)
			}
			continue
		}
		if nav == nil || list == nil {
			t.Errorf("%s: visible trail %v, BreadcrumbList %v; want both", f, nav != nil, list != nil)
			continue
		}
		type crumb struct{ Pos, Name, URL string }
		var visible, data []crumb
		for i, li := range regexp.MustCompile(`<li>(.*?)</li>`).FindAllStringSubmatch(nav[1], -1) {
			a := tags(li[1], "a")
			if len(a) != 1 {
				t.Fatalf("%s: crumb %q has %d links", f, li[1], len(a))
			}
			visible = append(visible, crumb{string(rune('1' + i)), text(li[1]), "https://clinic.example" + a[0]["href"]})
		}
		for _, it := range list["itemListElement"].([]any) {
			m := it.(map[string]any)
			data = append(data, crumb{string(rune('0' + int(m["position"].(float64)))), m["name"].(string), m["item"].(string)})
		}
		if diff := cmp.Diff(visible, data); diff != "" {
			t.Errorf("%s: BreadcrumbList differs from the visible trail (-visible +JSON-LD):\n%s", f, diff)
		}
		// The last crumb is the page itself.
		if last := visible[len(visible)-1]; !strings.Contains(html, `<link rel=canonical href=`+last.URL+`>`) {
			t.Errorf("%s: last crumb %s is not the page", f, last.URL)
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d pages checked", checked)
	}
}

func TestCrisisBox(t *testing.T) {
	s := buildClinic(t, healthFiles...)
	for _, tt := range []struct {
		file string
		want bool
	}{
		{"articles/peer-support/index.html", true},
		{"services/peer-support-program/index.html", true},
		{"articles/vaccines/index.html", false},
		{"services/vaccinations/index.html", false},
		{"contact/index.html", false},
	} {
		html := s.File(tt.file)
		box := strings.Index(html, "<section class=crisis-box")
		body := strings.Index(html, "<div class=prose>")
		if got := box >= 0; got != tt.want {
			t.Errorf("%s: crisis box %v, want %v", tt.file, got, tt.want)
			continue
		}
		if !tt.want {
			continue
		}
		if body < 0 || box > body || box < strings.Index(html, "<h1>") {
			t.Errorf("%s: crisis box at %d is not between the title and the body (%d)", tt.file, box, body)
		}
		got := text(between(html, "<section class=crisis-box", "</section>"))
		for _, w := range []string{"Call 988 or text 988 — 988 Suicide & Crisis Lifeline", "Chat online at 988lifeline.org", "call 911"} {
			if !strings.Contains(got, w) {
				t.Errorf("%s: crisis box %q lacks %q", tt.file, got, w)
			}
		}
	}
}

// TestCrisisLinesFromConfig edits the crisis lines in config.yaml once and
// finds the change in every crisis box and in the help strip of every page.
func TestCrisisLinesFromConfig(t *testing.T) {
	crisis := "crisis:\n  heading: Help right now\n  lines:\n" +
		"    - {name: Test Lifeline, action: Call or text, number: \"977\", href: \"tel:977\"}\n" +
		"    - {name: Veterans Line, action: Text, number: \"838255\", href: \"sms:838255\"}\n" +
		"    - {name: Warm Line, action: Call, number: \"1-800-555-0199\", href: \"tel:18005550199\", text: \"sms:55501\", textAction: or send a text to}\n" +
		"    - {name: Chat, action: Chat at, number: chat.example, href: \"https://chat.example/\"}\n"
	s := sitetest.Build(t, strings.Replace(clinicYAML, "people:", crisis+"people:", 1)+strings.Join(healthFiles, ""))
	s.AssertOK()
	box := s.File("articles/peer-support/index.html")
	for _, w := range []string{"Help right now", "<a href=tel:977>977</a> — Test Lifeline", "<a href=sms:838255>838255</a> — Veterans Line",
		"Call <a href=tel:18005550199>1-800-555-0199</a> or send a text to <a href=sms:55501>55501</a> — Warm Line",
		`<a href=https://chat.example/ rel="noopener noreferrer">chat.example</a>`} {
		if !strings.Contains(box, w) {
			t.Errorf("crisis box lacks %q", w)
		}
	}
	tree := sitetest.Tree(t, s.Public)
	for _, f := range pageFiles(tree) {
		strip := between(tree[f], "<aside class=help-strip", "</aside>")
		if !strings.Contains(strip, "<a href=tel:977>Call or text 977</a>") || strings.Contains(strip, "988") {
			t.Errorf("%s: help strip %q does not name the configured crisis line", f, strip)
		}
	}
}

// TestHelpStripOnEveryPage: the same help strip, in the same place (after
// the site header, before the breadcrumbs and the main content), on every
// page (WCAG 3.2.6).
func TestHelpStripOnEveryPage(t *testing.T) {
	s := buildClinic(t, healthFiles...)
	tree := sitetest.Tree(t, s.Public)
	var first string
	files := pageFiles(tree)
	if len(files) < 10 {
		t.Fatalf("only %d pages", len(files))
	}
	for _, f := range files {
		html := tree[f]
		if n := strings.Count(html, "<aside class=help-strip"); n != 1 {
			t.Errorf("%s: %d help strips", f, n)
			continue
		}
		strip := between(html, "<aside class=help-strip", "</aside>")
		if first == "" {
			first = strip
			for _, w := range []string{"Call the clinic: <a href=tel:+13015550100>+1-301-555-0100</a>", "<a href=/contact/>", "<a href=tel:988>Call 988</a> or text <a href=sms:988>988</a>"} {
				if !strings.Contains(strip, w) {
					t.Errorf("help strip %q lacks %q", strip, w)
				}
			}
		} else if strip != first {
			t.Errorf("%s: help strip differs:\n%s\nwant\n%s", f, strip, first)
		}
		at := strings.Index(html, "<aside class=help-strip")
		if h := strings.Index(html, "</header>"); h < 0 || h > at {
			t.Errorf("%s: help strip is not right after the site header", f)
		}
		if m := strings.Index(html, "<main"); m < at {
			t.Errorf("%s: help strip is not before the main content", f)
		}
		if b := strings.Index(html, `<nav class="breadcrumbs`); b >= 0 && b < at {
			t.Errorf("%s: help strip comes after the breadcrumbs", f)
		}
	}
}

func TestBylinesAndAuthorPages(t *testing.T) {
	s := buildClinic(t, append(healthFiles,
		mdFile("articles/unreviewed.md", "title: Not reviewed\ndate: 2026-07-01\nauthor: writer\n", "Text."),
		mdFile("articles/reviewed-only.md", "title: Reviewed only\ndate: 2026-07-02\nreviewedBy: reviewer\nlastReviewed: 2026-07-03\n", "Text."))...)
	for file, want := range map[string]string{
		"articles/peer-support/index.html":  "Written by Wren Writer, RN · Medically reviewed by Rae Reviewer, MD on September 30, 2026",
		"articles/unreviewed/index.html":    "Written by Wren Writer, RN",
		"articles/reviewed-only/index.html": "Medically reviewed by Rae Reviewer, MD on July 3, 2026",
	} {
		html := s.File(file)
		byline := between(html, "<p class=byline>", "</p>")
		if got := text(byline); got != want {
			t.Errorf("%s: byline %q, want %q", file, got, want)
		}
		if !strings.Contains(byline, "href=/people/") {
			t.Errorf("%s: byline does not link the profiles: %s", file, byline)
		}
		// The medical disclaimer closes every article.
		s.AssertFile(file, "<p class=disclaimer>This article is general health information, not medical advice.", "href=/medical-disclaimer/")
	}
	s.AssertFile("services/vaccinations/index.html", "! class=byline", "! class=disclaimer")
	// Each person has a profile page: name, credentials, role, bio and
	// what they wrote or reviewed, newest first.
	writer := s.File("people/writer/index.html")
	for _, w := range []string{"<h1>Wren Writer, RN</h1>", "Health writer", "Writes our articles in plain words."} {
		if !strings.Contains(writer, w) {
			t.Errorf("writer page lacks %q", w)
		}
	}
	var got []string
	for _, a := range tags(between(writer, "<main", "</main>"), "a") {
		if strings.HasPrefix(a["href"], "/articles/") {
			got = append(got, a["href"])
		}
	}
	if want := []string{"/articles/peer-support/", "/articles/vaccines/", "/articles/unreviewed/"}; !slices.Equal(got, want) {
		t.Errorf("writer page lists %v, want %v", got, want)
	}
	s.AssertFile("people/reviewer/index.html", "<h1>Rae Reviewer, MD</h1>", "Checks every article.", "/articles/peer-support/", "/articles/reviewed-only/", "! /articles/vaccines/")
	s.AssertFile("people/index.html", "href=/people/writer/", "href=/people/reviewer/")
	// The profile's JSON-LD is the same Person the articles point to.
	person := node(t, jsonLD(t, writer), "Person")
	if person["@id"] != "https://clinic.example/people/writer/#person" || person["description"] != "Writes our articles in plain words." {
		t.Errorf("profile Person %v", person)
	}
}

func TestUnknownAuthorIsAnError(t *testing.T) {
	s := sitetest.Build(t, clinicYAML+mdFile("articles/a.md", "title: A\ndate: 2026-01-01\nauthor: nobody\nreviewedBy: nobody-else\n", "Text."))
	s.AssertFailed()
	s.AssertDiag("error", "content/articles/a.md:4:", `author "nobody" is not in the people list`, "writer, reviewer")
	s.AssertDiag("error", "content/articles/a.md:5:", `reviewer "nobody-else" is not in the people list`)
}

func TestReviewDue(t *testing.T) {
	files := []string{
		mdFile("articles/old.md", "title: Old review\ndate: 2024-01-01\nreviewedBy: reviewer\nlastReviewed: 2025-10-01\n", "Text."),
		mdFile("articles/fresh.md", "title: Fresh review\ndate: 2024-01-01\nreviewedBy: reviewer\nlastReviewed: 2026-06-01\n", "Text."),
	}
	s := buildClinic(t, files...)
	s.AssertDiag("warning", "content/articles/old.md:5:1: medical review is due: last reviewed 2025-10-01, more than 12 months ago", "have a clinician review it again")
	for _, d := range s.Diags() {
		if d.Path == "content/articles/fresh.md" && strings.Contains(d.Msg, "review is due") {
			t.Errorf("fresh review warned about: %v", d)
		}
	}
	// The interval comes from config.yaml.
	s = sitetest.Build(t, strings.Replace(clinicYAML, "health:\n", "health:\n  reviewInterval: 24\n", 1)+strings.Join(files, ""))
	s.AssertOK()
	for _, d := range s.Diags() {
		if strings.Contains(d.Msg, "review is due") {
			t.Errorf("warned with a 24-month interval: %v", d)
		}
	}
}

// TestSafeMessagingLint runs the lint through a build: its warnings, at
// the file's real lines, are compared with testdata/safe-messaging.golden
// (go test -run TestSafeMessagingLint -update rewrites it).
func TestSafeMessagingLint(t *testing.T) {
	body := "Words matter. My uncle committed suicide in 2019.\n\n" +
		"A reporter wrote of a \"successful attempt\". Others spoke of a failed\nattempt when a person survived.\n\n" +
		"Some headlines call it a suicide epidemic.\n\n" +
		"We are committed to suicide prevention. A failed attempt to log in is fine.\n\n" +
		"Quoting on purpose: `committed suicide`.\n\n" +
		"```\nhe committed suicide\n```\n"
	s := buildClinic(t, mdFile("articles/words.md", "title: Talking about suicide\ndate: 2026-01-01\ntags: [mental health]\n", body),
		mdFile("articles/clean.md", "title: Clean\ndate: 2026-01-02\n", "She died by suicide. He survived a suicide attempt."))
	var lint diag.List
	for _, d := range s.Diags() {
		if d.Code == safemsg.Code {
			if d.Severity != diag.Warning || d.Path != "content/articles/words.md" {
				t.Errorf("unexpected lint diagnostic %v", d)
			}
			lint = append(lint, d)
		}
	}
	var got bytes.Buffer
	diag.Format(&got, lint, diag.Options{})
	golden := filepath.Join("testdata", "safe-messaging.golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("lint warnings differ from %s (-want +got):\n%s", golden, diff)
	}
}

func TestClinicConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		name, from, to string
		want           []string
	}{
		{"address as text",
			`  address: {streetAddress: "1 Main St", addressLocality: Bladensburg, addressRegion: MD, postalCode: "20710", addressCountry: US}`,
			`  address: "1 Main St, Bladensburg"`,
			[]string{"error", `config.yaml:11:3: "1 Main St, Bladensburg" is text, but this setting needs a table of settings`, "clinic.address"}},
		{"hours as text",
			"  hours:\n    - {days: [Monday, Tuesday], opens: \"08:00\", closes: \"18:00\"}\n",
			"  hours: weekdays 8 to 6\n",
			[]string{"error", `config.yaml:13:3: "weekdays 8 to 6" is text, but this setting needs a list`, "clinic.hours"}},
		{"hours row with a list for a time",
			`opens: "08:00"`,
			`opens: ["08:00"]`,
			[]string{"error", "config.yaml:14:", "this value is a list, but the setting needs text", "clinic.hours.0.opens"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, before := goodSite(t)
			cfg, err := os.ReadFile(filepath.Join(s.Root, "config.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(cfg, []byte(tt.from)) {
				t.Fatalf("config.yaml has no %q", tt.from)
			}
			s.Edit("config.yaml", strings.Replace(string(cfg), tt.from, tt.to, 1))
			s.Rebuild()
			s.AssertFailed()
			s.AssertDiag(tt.want...)
			if diff := cmp.Diff(before, sitetest.Tree(t, s.Public)); diff != "" {
				t.Errorf("public/ changed on a failed build:\n%s", diff)
			}
		})
	}
}

func TestMissingClinicFactsWarn(t *testing.T) {
	cfg := strings.Replace(clinicYAML, "  telephone: \"+1-301-555-0100\"\n", "", 1)
	cfg = strings.Replace(cfg, "  geo: {latitude: 38.9393, longitude: -76.9336}\n", "", 1)
	s := sitetest.Build(t, cfg+strings.Join(healthFiles, ""))
	s.AssertOK()
	s.AssertDiag("warning", "config.yaml:", "clinic.telephone is missing")
	s.AssertDiag("warning", "config.yaml:", "clinic.geo is missing")
	// Left out of the JSON-LD, never invented; the help strip has no phone.
	clinic := node(t, jsonLD(t, s.File("index.html")), "MedicalClinic")
	for _, k := range []string{"telephone", "geo"} {
		if _, ok := clinic[k]; ok {
			t.Errorf("clinic JSON-LD has %s = %v", k, clinic[k])
		}
	}
	s.AssertFile("index.html", "! Call the clinic", "! tel:+")
}
