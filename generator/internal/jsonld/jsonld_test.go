package jsonld

import (
	"bytes"
	"encoding/json"
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

func now() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 9, 30, 0, 0, time.FixedZone("EDT", -4*3600))
}

// hardTitle holds what must never break the JSON or the script element.
const hardTitle = `Salt & "pepper" </script><b>`

func input(path string, fm markdown.FrontMatter) site.Input {
	return site.Input{Doc: &markdown.Doc{Path: path, FM: fm, Summary: fm.Description}}
}

func testSite(t testing.TB) *site.Site {
	t.Helper()
	src, err := os.ReadFile("testdata/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, ds := config.Load(src)
	if ds.HasErrors() {
		t.Fatalf("config: %v", ds)
	}
	in := []site.Input{
		input("content/_index.md", markdown.FrontMatter{Title: "Welcome", Description: "Home."}),
		input("content/articles/_index.md", markdown.FrontMatter{Title: "Articles", Description: "All articles."}),
		input("content/services/_index.md", markdown.FrontMatter{Title: "Our services"}),
		input("content/articles/salt.md", markdown.FrontMatter{
			Title: hardTitle, Description: "About salt.", Date: day(2026, 3, 1), Lastmod: day(2026, 3, 5),
			Tags: []string{"blood pressure", "diet", "chronic care"}, Categories: []string{"Chronic Care"},
			Author: "writer", ReviewedBy: "reviewer", LastReviewed: day(2026, 3, 4),
			Image: "salt.svg", ImageAlt: "A salt shaker",
		}),
		input("content/articles/plain.md", markdown.FrontMatter{Title: "Plain", Date: day(2026, 1, 1)}),
		input("content/services/urgent-care.md", markdown.FrontMatter{
			Title: "Urgent care", Description: "Care that cannot wait.", Weight: 1, Tags: []string{"urgent care"},
		}),
		input("content/services/peer-support-program.md", markdown.FrontMatter{
			Title: "Peer support program", Description: "Groups led by peers.", Weight: 2, Tags: []string{"Peer Support", "mental health"},
		}),
		input("content/services/referrals.md", markdown.FrontMatter{
			Title: "Community referrals", Weight: 3, Params: map[string]any{"clinical": false},
		}),
		input("content/services/group-visits.md", markdown.FrontMatter{
			Title: "Group visits", Weight: 4, Tags: []string{"peer support"}, Params: map[string]any{"clinical": true},
		}),
		input("content/contact.md", markdown.FrontMatter{Title: "Contact"}),
		input("content/about.md", markdown.FrontMatter{Title: "About"}),
		input("content/privacy.md", markdown.FrontMatter{Title: "Privacy"}),
	}
	s, ds := site.Build(&cfg, in, site.Options{Now: now()})
	if ds.HasErrors() {
		t.Fatalf("site.Build: %v", ds)
	}
	return s
}

func page(t *testing.T, s *site.Site, u string) *site.Page {
	t.Helper()
	for _, p := range s.Pages {
		if p.URL == u {
			return p
		}
	}
	t.Fatalf("no page %s", u)
	return nil
}

// decoded returns v as a JSON reader sees it: ForPage's text as it is,
// any other value (Clinic's) encoded by encoding/json.
func decoded(t *testing.T, v any) any {
	t.Helper()
	data, ok := v.(template.JS)
	if !ok {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("encoding: %v", err)
		}
		data = template.JS(b)
	}
	var out any
	if err := json.Unmarshal([]byte(data), &out); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
	return out
}

type obj = map[string]any

func id(s string) obj { return obj{"@id": s} }

const (
	root    = "https://clinic.example/"
	clinic  = root + "#clinic"
	website = root + "#website"
)

func wantClinic() obj {
	return obj{
		"@type":       "MedicalClinic",
		"@id":         clinic,
		"url":         root,
		"name":        "Test Clinic LLC",
		"legalName":   "Test Clinic Legal LLC",
		"description": `A clinic for "tests" & <checks>.`,
		"telephone":   "+1-301-555-0100",
		"email":       "info@clinic.example",
		"address": obj{
			"@type": "PostalAddress", "streetAddress": "1 Test Street", "addressLocality": "Bladensburg",
			"addressRegion": "MD", "postalCode": "20710", "addressCountry": "US",
		},
		"geo": obj{"@type": "GeoCoordinates", "latitude": 38.9393, "longitude": -76.9336},
		"openingHoursSpecification": []any{
			obj{"@type": "OpeningHoursSpecification", "dayOfWeek": []any{"https://schema.org/Monday", "https://schema.org/Tuesday"}, "opens": "08:00", "closes": "18:00"},
			obj{"@type": "OpeningHoursSpecification", "dayOfWeek": []any{"https://schema.org/Saturday"}, "opens": "09:00", "closes": "13:00"},
			obj{"@type": "OpeningHoursSpecification", "name": "Thanksgiving Day", "dayOfWeek": "https://schema.org/Thursday",
				"opens": "00:00", "closes": "00:00", "validFrom": "2026-11-26", "validThrough": "2026-11-26"},
		},
		"medicalSpecialty":       []any{"https://schema.org/PrimaryCare"},
		"isAcceptingNewPatients": true,
		"knowsLanguage":          []any{"English", "Spanish"},
		"hasMap":                 "https://www.openstreetmap.org/search?query=Bladensburg",
		"availableService": []any{
			obj{"@type": []any{"MedicalTherapy", "Service"}, "@id": root + "services/urgent-care/#service", "name": "Urgent care", "url": root + "services/urgent-care/"},
			obj{"@type": []any{"MedicalTherapy", "Service"}, "@id": root + "services/group-visits/#service", "name": "Group visits", "url": root + "services/group-visits/"},
		},
		"makesOffer": []any{
			obj{"@type": "Offer", "itemOffered": obj{"@type": "Service", "@id": root + "services/peer-support-program/#service", "name": "Peer support program", "url": root + "services/peer-support-program/"}},
			obj{"@type": "Offer", "itemOffered": obj{"@type": "Service", "@id": root + "services/referrals/#service", "name": "Community referrals", "url": root + "services/referrals/"}},
		},
	}
}

func TestClinic(t *testing.T) {
	s := testSite(t)
	if d := cmp.Diff(any(wantClinic()), decoded(t, Clinic(s.Config, s.Services()))); d != "" {
		t.Errorf("clinic (-want +got):\n%s", d)
	}
}

func TestClinicLeavesOutMissingFields(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://x.example"
	cfg.Title = "Site title"
	want := obj{"@type": "MedicalClinic", "@id": "https://x.example/#clinic", "url": "https://x.example/", "name": "Site title"}
	if d := cmp.Diff(any(want), decoded(t, Clinic(&cfg, nil))); d != "" {
		t.Errorf("bare clinic (-want +got):\n%s", d)
	}
}

func TestArticle(t *testing.T) {
	s := testSite(t)
	const perm = root + "articles/salt/"
	writer := obj{"@type": "Person", "@id": root + "people/writer/#person", "url": root + "people/writer/", "name": "Wren Writer", "jobTitle": "Health writer"}
	reviewer := obj{"@type": "Person", "@id": root + "people/reviewer/#person", "url": root + "people/reviewer/", "name": "Rae Reviewer", "jobTitle": "Medical reviewer", "honorificSuffix": "MD"}
	want := obj{
		"@context": "https://schema.org",
		"@graph": []any{
			obj{
				"@type":           "MedicalWebPage",
				"@id":             perm + "#webpage",
				"url":             perm,
				"name":            hardTitle,
				"description":     "About salt.",
				"inLanguage":      "en-US",
				"isPartOf":        id(website),
				"breadcrumb":      id(perm + "#breadcrumb"),
				"lastReviewed":    "2026-03-04",
				"reviewedBy":      reviewer,
				"medicalAudience": obj{"@type": "MedicalAudience", "audienceType": "Patient"},
				"mainEntity": obj{
					"@type":            "BlogPosting",
					"@id":              perm + "#article",
					"url":              perm,
					"mainEntityOfPage": id(perm + "#webpage"),
					"headline":         hardTitle,
					"description":      "About salt.",
					"datePublished":    "2026-03-01T09:30:00-04:00",
					"dateModified":     "2026-03-05T09:30:00-04:00",
					"inLanguage":       "en-US",
					"author":           writer,
					"publisher":        id(clinic),
					"image":            obj{"@type": "ImageObject", "url": perm + "salt.svg", "caption": "A salt shaker"},
					"keywords":         []any{"blood pressure", "diet", "chronic care"}, // the category repeats a tag
					"articleSection":   []any{"Chronic Care"},
				},
			},
			obj{
				"@type": "BreadcrumbList",
				"@id":   perm + "#breadcrumb",
				"itemListElement": []any{
					obj{"@type": "ListItem", "position": 1.0, "name": "Home", "item": root},
					obj{"@type": "ListItem", "position": 2.0, "name": "Articles", "item": root + "articles/"},
					obj{"@type": "ListItem", "position": 3.0, "name": hardTitle, "item": perm},
				},
			},
		},
	}
	if d := cmp.Diff(any(want), decoded(t, ForPage(s, page(t, s, "/articles/salt/")))); d != "" {
		t.Errorf("article (-want +got):\n%s", d)
	}
}

func TestService(t *testing.T) {
	s := testSite(t)
	tests := []struct {
		url      string
		typ      any
		name     string
		desc     string
		position float64
	}{
		{"/services/urgent-care/", []any{"MedicalTherapy", "Service"}, "Urgent care", "Care that cannot wait.", 1},
		// Peer support is non-clinical (SAMHSA): never a medical type.
		{"/services/peer-support-program/", "Service", "Peer support program", "Groups led by peers.", 2},
		{"/services/referrals/", "Service", "Community referrals", "", 3},
		{"/services/group-visits/", []any{"MedicalTherapy", "Service"}, "Group visits", "", 4},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			perm := root + strings.TrimPrefix(tt.url, "/")
			pg := obj{
				"@type": "WebPage", "@id": perm + "#webpage", "url": perm, "name": tt.name, "inLanguage": "en-US",
				"isPartOf": id(website), "breadcrumb": id(perm + "#breadcrumb"), "mainEntity": id(perm + "#service"),
			}
			svc := obj{
				"@type": tt.typ, "@id": perm + "#service", "url": perm, "name": tt.name, "serviceType": tt.name,
				"provider": id(clinic),
			}
			if tt.desc != "" {
				pg["description"] = tt.desc
				svc["description"] = tt.desc
			}
			want := obj{"@context": "https://schema.org", "@graph": []any{pg, svc, obj{
				"@type": "BreadcrumbList", "@id": perm + "#breadcrumb",
				"itemListElement": []any{
					obj{"@type": "ListItem", "position": 1.0, "name": "Home", "item": root},
					obj{"@type": "ListItem", "position": 2.0, "name": "Our services", "item": root + "services/"},
					obj{"@type": "ListItem", "position": 3.0, "name": tt.name, "item": perm},
				},
			}}}
			if d := cmp.Diff(any(want), decoded(t, ForPage(s, page(t, s, tt.url)))); d != "" {
				t.Errorf("service (-want +got):\n%s", d)
			}
		})
	}
}

// TestEveryPage checks what every page of the model carries: the page
// node's type, the clinic node only on home and contact, and a breadcrumb
// list that mirrors Page.Breadcrumbs below home.
func TestEveryPage(t *testing.T) {
	s := testSite(t)
	wantType := map[site.Kind]string{
		site.KindHome: "WebPage", site.KindArticle: "MedicalWebPage", site.KindService: "WebPage", site.KindPage: "WebPage",
		site.KindSection: "CollectionPage", site.KindTerm: "CollectionPage", site.KindTerms: "CollectionPage",
		site.KindPeople: "CollectionPage", site.KindPerson: "ProfilePage", site.KindSearch: "SearchResultsPage",
	}
	special := map[string]string{"/contact/": "ContactPage", "/about/": "AboutPage"}
	for _, p := range s.Pages {
		t.Run(p.URL, func(t *testing.T) {
			v := ForPage(s, p)
			if p.Kind == site.Kind404 {
				if v != "" {
					t.Errorf("404 page has JSON-LD %v", v)
				}
				return
			}
			g, _ := decoded(t, v).(obj)["@graph"].([]any)
			byType := map[string][]obj{}
			for _, n := range g {
				o := n.(obj)
				if typ, ok := o["@type"].(string); ok {
					byType[typ] = append(byType[typ], o)
				}
			}
			first := g[0].(obj)
			want := wantType[p.Kind]
			if sp, ok := special[p.URL]; ok {
				want = sp
			}
			if first["@type"] != want || first["@id"] != p.Permalink+"#webpage" || first["url"] != p.Permalink {
				t.Errorf("page node = %v, want @type %s for %s", first, want, p.Permalink)
			}
			clinics := len(byType["MedicalClinic"])
			if wantClinics := map[bool]int{true: 1, false: 0}[p.Kind == site.KindHome || p.URL == "/contact/"]; clinics != wantClinics {
				t.Errorf("%d clinic nodes, want %d", clinics, wantClinics)
			}
			lists := byType["BreadcrumbList"]
			if p.Kind == site.KindHome {
				if len(lists) != 0 || first["breadcrumb"] != nil {
					t.Errorf("home page has a breadcrumb list")
				}
				return
			}
			if len(lists) != 1 {
				t.Fatalf("%d breadcrumb lists, want 1", len(lists))
			}
			var items []any
			for i, c := range p.Breadcrumbs {
				items = append(items, obj{"@type": "ListItem", "position": float64(i + 1), "name": c.Name, "item": root + strings.TrimPrefix(c.URL, "/")})
			}
			wantList := obj{"@type": "BreadcrumbList", "@id": p.Permalink + "#breadcrumb", "itemListElement": items}
			if d := cmp.Diff(wantList, lists[0]); d != "" {
				t.Errorf("breadcrumbs (-want +got):\n%s", d)
			}
			if d := cmp.Diff(any(id(p.Permalink+"#breadcrumb")), first["breadcrumb"]); d != "" {
				t.Errorf("page breadcrumb reference (-want +got):\n%s", d)
			}
		})
	}
}

func TestHome(t *testing.T) {
	s := testSite(t)
	got := decoded(t, ForPage(s, s.Home)).(obj)["@graph"].([]any)
	want := []any{
		obj{"@type": "WebPage", "@id": root + "#webpage", "url": root, "name": "Welcome", "description": "Home.", "inLanguage": "en-US",
			"isPartOf": id(website), "about": id(clinic)},
		obj{"@type": "WebSite", "@id": website, "url": root, "name": "Test Clinic", "inLanguage": "en-US", "publisher": id(clinic)},
		any(wantClinic()),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("home graph (-want +got):\n%s", d)
	}
}

func TestPersonPage(t *testing.T) {
	s := testSite(t)
	got := decoded(t, ForPage(s, page(t, s, "/people/reviewer/"))).(obj)["@graph"].([]any)[0].(obj)["mainEntity"]
	want := obj{"@type": "Person", "@id": root + "people/reviewer/#person", "url": root + "people/reviewer/", "name": "Rae Reviewer",
		"jobTitle": "Medical reviewer", "honorificSuffix": "MD", "description": "Reviews articles."}
	if d := cmp.Diff(any(want), got); d != "" {
		t.Errorf("person (-want +got):\n%s", d)
	}
}

// TestInScript writes the value the way layouts/partials/head.html does
// and reads the JSON back out of the script element: a title holding
// </script> must neither end the element nor change the data.
func TestInScript(t *testing.T) {
	s := testSite(t)
	v := ForPage(s, page(t, s, "/articles/salt/"))
	tmpl := template.Must(template.New("head").Parse(`{{with .}}<script type="application/ld+json">{{.}}</script>{{end}}`))
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, v); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	const open, end = `<script type="application/ld+json">`, `</script>`
	if strings.Count(html, end) != 1 || !strings.HasPrefix(html, open) || !strings.HasSuffix(html, end) {
		t.Fatalf("script element broken:\n%s", html)
	}
	var got any
	if err := json.Unmarshal([]byte(html[len(open):len(html)-len(end)]), &got); err != nil {
		t.Fatalf("script body is not JSON: %v\n%s", err, html)
	}
	if d := cmp.Diff(decoded(t, v), got); d != "" {
		t.Errorf("data changed in the script (-want +got):\n%s", d)
	}
	// A nil value (the 404 page) writes no script.
	buf.Reset()
	if err := tmpl.Execute(&buf, ForPage(s, page(t, s, "/404.html"))); err != nil || buf.Len() != 0 {
		t.Errorf("404: %q, %v", buf.String(), err)
	}
}

func TestClinical(t *testing.T) {
	s := testSite(t)
	tests := map[string]bool{
		"/services/urgent-care/":          true,
		"/services/peer-support-program/": false, // "Peer Support" tag, any spelling
		"/services/referrals/":            false, // params.clinical: false
		"/services/group-visits/":         true,  // params.clinical: true wins over the tag
	}
	for u, want := range tests {
		t.Run(u, func(t *testing.T) {
			if got := Clinical(page(t, s, u)); got != want {
				t.Errorf("Clinical = %v, want %v", got, want)
			}
		})
	}
}

func TestNil(t *testing.T) {
	if v := ForPage(nil, nil); v != "" {
		t.Errorf("ForPage(nil, nil) = %v", v)
	}
}

// TestAuthors: an article with several authors lists them all, the byline
// author first, as an array.
func TestAuthors(t *testing.T) {
	s := testSite(t)
	p := page(t, s, "/articles/salt/")
	p.Authors = []*site.Person{p.Author, p.Reviewer}
	got := decoded(t, ForPage(s, p)).(obj)["@graph"].([]any)[0].(obj)["mainEntity"].(obj)["author"]
	list, ok := got.([]any)
	if !ok || len(list) != 2 || list[0].(obj)["name"] != "Wren Writer" || list[1].(obj)["name"] != "Rae Reviewer" {
		t.Errorf("author = %v, want both people, the writer first", got)
	}
}
