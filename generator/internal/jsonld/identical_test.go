package jsonld

import (
	"bytes"
	"encoding/json"
	"html/template"
	"math"
	"strings"
	"testing"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// hard holds everything encoding/json escapes or passes through: HTML
// specials, quotes, a script end and a comment start, U+2028 and U+2029,
// non-ASCII, control characters and a byte that is not UTF-8.
const hard = "Salt & \"pepper\" </script><b> <!-- 'q' \u2028x\u2029 café 日本 \t\n\x01 \xff end"

// script is how layouts/partials/head.html writes .JSONLD.
var script = template.Must(template.New("head").Parse(`{{with .JSONLD}}<script type="application/ld+json">{{.}}</script>{{end}}`))

// inScript executes script with v as .JSONLD.
func inScript(t testing.TB, v any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := script.Execute(&buf, struct{ JSONLD any }{v}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// hardSite is a site whose every text holds hard, and whose optional
// texts are blank (" ") or missing wherever the data may leave them out.
func hardSite(t *testing.T) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://hard.example/sub" // no trailing slash
	cfg.Title = "Title " + hard
	cfg.Language = " "
	cfg.Taxonomies = []string{"tags", "categories"}
	yes := false
	cfg.Clinic = config.Clinic{
		Name:        " ", // falls back to the title
		LegalName:   hard,
		Description: " ",
		Telephone:   "+1 (301) <555>",
		Email:       "a&b@hard.example",
		Address:     config.Address{StreetAddress: hard, AddressRegion: " ", PostalCode: "0"},
		Geo:         &config.Geo{Latitude: 1e21, Longitude: -0.000001},
		Hours: []config.Hours{
			{Opens: " ", Closes: "late"},
			{Days: []string{"Sunday", hard}, Opens: "07:00"},
		},
		Closures: []config.Closure{
			{Name: " "},
			{Name: hard, Date: config.Date{Time: day(2026, 12, 25)}},
		},
		MedicalSpecialty:     []string{" ", "Primary Care", "https://example.org/Spec", "Dermatology"},
		AcceptingNewPatients: &yes,
		DirectionsURL:        " ",
	}
	cfg.People = []config.Person{
		{ID: "a", Name: "Ann " + hard, Credentials: " ", Role: hard, Bio: hard},
		{ID: "b", Name: " ", Bio: " "},
	}
	in := []site.Input{
		input("content/_index.md", markdown.FrontMatter{Title: hard, Description: " "}),
		input("content/articles/_index.md", markdown.FrontMatter{Title: "Articles " + hard}),
		input("content/services/_index.md", markdown.FrontMatter{Title: " "}),
		input("content/articles/full.md", markdown.FrontMatter{
			Title: hard, Description: hard, Date: day(2026, 3, 1), Lastmod: day(2026, 3, 5),
			Tags: []string{hard, "diet", "Mental health"}, Categories: []string{"Mental health", "Care " + hard},
			Author: "a", ReviewedBy: "b", LastReviewed: day(2026, 3, 4),
			Image: "../img/a b.png", ImageAlt: hard,
		}),
		input("content/articles/bare.md", markdown.FrontMatter{Title: "Bare", Description: " ", Image: "https://cdn.example/x.png", ImageAlt: " "}),
		input("content/articles/abs.md", markdown.FrontMatter{Title: "Abs", Author: "b", Image: "/img/y.png", Tags: []string{"x"}}),
		input("content/services/care.md", markdown.FrontMatter{Title: hard, Description: hard, Tags: []string{"care"}}),
		input("content/services/peer.md", markdown.FrontMatter{Title: " ", Tags: []string{"peer support"}}),
		input("content/contact.md", markdown.FrontMatter{Title: "Contact " + hard, Description: hard}),
		input("content/about.md", markdown.FrontMatter{Title: " "}),
		input("content/other.md", markdown.FrontMatter{Title: "Other"}),
	}
	s, ds := site.Build(&cfg, in, site.Options{Now: now()})
	if ds.HasErrors() {
		t.Fatalf("site.Build: %v", ds)
	}
	return s
}

// bareSite has a default config: no clinic data, no language, no people.
func bareSite(t *testing.T) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "http://bare.example/"
	in := []site.Input{
		input("content/_index.md", markdown.FrontMatter{}),
		input("content/posts/one.md", markdown.FrontMatter{Title: "One", Tags: []string{"t"}}),
		input("content/contact.md", markdown.FrontMatter{}),
	}
	s, ds := site.Build(&cfg, in, site.Options{Now: now()})
	if ds.HasErrors() {
		t.Fatalf("site.Build: %v", ds)
	}
	return s
}

// TestSameBytesAsMaps checks that every page of three sites gets, byte
// for byte, the script the map implementation (maps_test.go) got from
// html/template, and that the text is encoding/json's over the maps.
func TestSameBytesAsMaps(t *testing.T) {
	withDims := testSite(t)
	for _, p := range withDims.Pages {
		if p.Image != nil {
			p.Image.Width, p.Image.Height = 40, 20
		}
	}
	sites := map[string]*site.Site{"test": testSite(t), "test with image sizes": withDims, "hard": hardSite(t), "bare": bareSite(t)}
	kinds := map[site.Kind]bool{}
	for name, s := range sites {
		for _, p := range s.Pages {
			kinds[p.Kind] = true
			t.Run(name+" "+p.URL, func(t *testing.T) {
				got := ForPage(s, p)
				want := mapForPage(s, p)
				if p.Kind == site.Kind404 {
					if got != "" || want != nil {
						t.Fatalf("404 page: %q, maps %v", got, want)
					}
					return
				}
				b, err := json.Marshal(want)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(b) {
					t.Errorf("ForPage differs from encoding/json over maps:\n got %s\nwant %s", got, b)
				}
				if g, w := inScript(t, got), inScript(t, want); g != w {
					t.Errorf("script differs:\n got %s\nwant %s", g, w)
				}
			})
		}
		t.Run(name+" clinic", func(t *testing.T) {
			got, err := json.Marshal(Clinic(s.Config, s.Services()))
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(mapClinic(s.Config, s.Services()))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Clinic differs:\n got %s\nwant %s", got, want)
			}
		})
	}
	for _, k := range []site.Kind{site.KindHome, site.KindArticle, site.KindService, site.KindPage, site.KindSection,
		site.KindTerm, site.KindTerms, site.KindPerson, site.KindPeople, site.Kind404} {
		if !kinds[k] {
			t.Errorf("no %s page compared", k)
		}
	}
}

// TestHardStringsEscaped checks that the hard text reaches the script
// escaped, so the output cannot end the element or a JavaScript line.
func TestHardStringsEscaped(t *testing.T) {
	s := hardSite(t)
	got := string(ForPage(s, page(t, s, "/articles/full/")))
	for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029", "\n", "\xff"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q written as it is:\n%s", bad, got)
		}
	}
	for _, esc := range []string{`\u003c/script\u003e`, `\u0026`, `\u2028`, `\u2029`, `\"pepper\"`, `café 日本`, `\t\n\u0001`, `\ufffd`} {
		if !strings.Contains(got, esc) {
			t.Errorf("no %s in:\n%s", esc, got)
		}
	}
}

// TestNonFiniteGeo: a clinic.geo of .nan cannot be encoded; the page gets
// the comment html/template wrote for the maps, byte for byte.
func TestNonFiniteGeo(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		s := testSite(t)
		s.Config.Clinic.Geo = &config.Geo{Latitude: v, Longitude: 1}
		got, want := inScript(t, ForPage(s, s.Home)), inScript(t, mapForPage(s, s.Home))
		if got != want {
			t.Errorf("geo %v: got\n%s\nwant\n%s", v, got, want)
		}
		if !strings.Contains(got, "*/null") {
			t.Errorf("geo %v: no error comment in %s", v, got)
		}
	}
}

// TestMarshalError checks marshalError's sanitising against what
// html/template's JS escaper writes for the same encoding/json error.
func TestMarshalError(t *testing.T) {
	for _, msg := range []string{"plain", "a */ b", "x</SCRIPT>y<script", "<!-- c"} {
		_, err := json.Marshal(failing(msg))
		if err == nil {
			t.Fatal("no error")
		}
		if got, want := inScript(t, marshalError(err)), inScript(t, failing(msg)); got != want {
			t.Errorf("%q: got\n%s\nwant\n%s", msg, got, want)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// failing is a json.Marshaler whose MarshalJSON fails with its text.
type failing string

func (f failing) MarshalJSON() ([]byte, error) { return nil, errString(f) }

// BenchmarkForPage encodes every page of the test site and writes it in
// the script, as a page render does: "maps" is the first implementation
// (html/template runs encoding/json over nested maps), "typed" this one,
// "template" the script alone (a constant text), the floor of both.
func BenchmarkForPage(b *testing.B) {
	s := testSite(b)
	for _, bc := range []struct {
		name string
		data func(*site.Site, *site.Page) any
	}{
		{"maps", mapForPage},
		{"typed", func(s *site.Site, p *site.Page) any { return ForPage(s, p) }},
		{"template", func(*site.Site, *site.Page) any { return template.JS("{}") }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			for b.Loop() {
				for _, p := range s.Pages {
					buf.Reset()
					if err := script.Execute(&buf, struct{ JSONLD any }{bc.data(s, p)}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
