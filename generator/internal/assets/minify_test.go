package assets

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/bench/corpus"
)

func TestMinify(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		mediaType string
		in, want  string
	}{
		{"text/html", "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n</head>\n<body>\n<p>Hello   <b>world</b> </p>\n</body>\n</html>\n",
			"<!doctype html><html lang=en><head><title>T</title></head><body><p>Hello <b>world</b></p></body></html>"},
		{"text/html", "<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>", "<ul><li>one</li><li>two</li></ul>"},
		{"text/html; charset=utf-8", "<p>a</p>\n\n<p>b</p>", "<p>a</p><p>b</p>"},
		{"text/html", `<script type="application/ld+json">{ "@type" : "MedicalClinic", "name" : "ABS" }</script>`,
			`<script type=application/ld+json>{"@type":"MedicalClinic","name":"ABS"}</script>`},
		{"text/css", "a {\n  color: #ff0000;\n  margin: 0px 0px;\n}\n", "a{color:red;margin:0}"},
		{"text/css", ".card { & .title { color: red } }", ".card{& .title{color:red}}"},
		{"application/javascript", "function add(a, b) {\n  // sum\n  return a + b;\n}\n", "function add(e,t){return e+t}"},
		{"text/javascript", "var x = 1 ;", "var x=1"},
		{"application/json", "{\n  \"a\": [1, 2.50],\n  \"b\": \"c\"\n}", `{"a":[1,2.5],"b":"c"}`},
		{"application/ld+json", `{ "@context": "https://schema.org" }`, `{"@context":"https://schema.org"}`},
		{"application/manifest+json", "{ \"name\": \"ABS\",\n \"display\": \"standalone\" }", `{"name":"ABS","display":"standalone"}`},
		{"image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"> <!-- c --> <rect x="0" y="0" width="10" height="10"/> </svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect x="0" y="0" width="10" height="10"/></svg>`},
		{"application/xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n  <channel>\n    <title>News</title>\n  </channel>\n</rss>\n",
			`<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>`},
		{"application/rss+xml", "<rss>\n <channel/>\n</rss>", "<rss><channel/></rss>"},
		{"text/plain", "keep   this\n\n  as is\n", "keep   this\n\n  as is\n"},
		{"application/octet-stream", "\x00\x01  \x02", "\x00\x01  \x02"},
		{"", "anything  at all", "anything  at all"},
	}
	for _, tt := range tests {
		t.Run(tt.mediaType+"/"+tt.in, func(t *testing.T) {
			got, err := m.Minify(tt.mediaType, []byte(tt.in))
			if err != nil {
				t.Fatalf("Minify: %v", err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("Minify(%q) mismatch (-want +got):\n%s", tt.mediaType, diff)
			}
		})
	}
}

func TestMinifyErrors(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		mediaType, in string
		line, col     int
		msg           string // part of the message, if given
	}{
		{"application/javascript", "var x = 1;\nvar y = ;", 2, 9, ""},
		{"application/json", "{\"a\": }", 1, 7, ""},
		{"application/json", `{"a": 1`, 1, 7, ""},
		{"application/json", "", 1, 1, ""},
		{"application/json", "{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 11, ""},
		{"application/ld+json", "{\"a\": [1,]}", 1, 10, ""},
		// A truncated JSON-LD block inside a page is an error at its place in
		// the page, not silently minified into other broken JSON.
		{"text/html", "<!doctype html>\n<title>x</title>\n<script type=\"application/ld+json\">{\"name\": \"ABS\",}</script>", 3, 36, "at line 1, column 16 of the block"},
		{"text/html", "<p>x</p>\n<script type=\"application/ld+json\">\n{\"a\":\n</script>", 2, 36, "at line 2, column 6 of the block"},
	}
	for _, tt := range tests {
		t.Run(tt.mediaType+"/"+tt.in, func(t *testing.T) {
			got, err := m.Minify(tt.mediaType, []byte(tt.in))
			if err == nil {
				t.Fatalf("Minify = %q, want an error", got)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not a *SyntaxError", err, err)
			}
			if se.Line != tt.line || se.Col != tt.col || se.MediaType != tt.mediaType || se.Msg == "" || strings.Contains(se.Msg, "\n") {
				t.Errorf("error = %+v, want %s at %d:%d", se, tt.mediaType, tt.line, tt.col)
			}
			if !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("message %q does not say %q", se.Msg, tt.msg)
			}
			if got != nil {
				t.Errorf("output on error = %q, want nil", got)
			}
		})
	}
}

func TestMinifyHTMLStaysReadable(t *testing.T) {
	ld := `{
  "@context": "https://schema.org",
  "@type": "MedicalClinic",
  "name": "ABS Clinical Services LLC",
  "address": {"@type": "PostalAddress", "addressLocality": "Bladensburg", "addressRegion": "MD"},
  "description": "Say \"hello\" & <welcome>",
  "geo": {"latitude": 38.9390, "longitude": -76.9338}
}`
	page := `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Peer support | ABS</title>
    <link rel="stylesheet" href="/css/main.3f2a9c1b07.css" integrity="sha384-abc" crossorigin="anonymous">
    <script type="application/ld+json">` + ld + `</script>
  </head>
  <body>
    <main>
      <article><h1>Peer support</h1><p>Text.</p></article>
      <aside class="related">
        <h2>Related articles</h2>
        <ul>
          <li><a href="/articles/group-therapy/">Group therapy</a></li>
          <li><a class="x y" href="/articles/family-support/">Family support</a></li>
        </ul>
      </aside>
    </main>
  </body>
</html>
`
	out, err := NewMinifier().Minify("text/html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"<html lang=en>", "<head>", "</head>", "<body>", "</body></html>", "</p>", "</li>", "</h1>", "</article>"} {
		if !strings.Contains(s, want) {
			t.Errorf("minified page lacks %q:\n%s", want, s)
		}
	}
	// The benchmark's related-posts scorer still reads the minified page.
	slugs := corpus.RelatedLinks(out)
	if diff := cmp.Diff([]string{"group-therapy", "family-support"}, slugs); diff != "" {
		t.Errorf("related links (-want +got):\n%s", diff)
	}

	// The JSON-LD is minified, and still the same JSON.
	script := regexp.MustCompile(`<script type=application/ld\+json>(.*?)</script>`).FindStringSubmatch(s)
	if script == nil {
		t.Fatalf("JSON-LD script not found in:\n%s", s)
	}
	if strings.Contains(script[1], "\n") || len(script[1]) >= len(ld) {
		t.Errorf("JSON-LD not minified: %s", script[1])
	}
	var want, got any
	if err := json.Unmarshal([]byte(ld), &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(script[1]), &got); err != nil {
		t.Fatalf("minified JSON-LD is not JSON: %v\n%s", err, script[1])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSON-LD changed meaning (-want +got):\n%s", diff)
	}
}

func TestMinifierNilIsIdentity(t *testing.T) {
	var m *Minifier
	got, err := m.Minify("text/css", []byte("a { color: red }"))
	if err != nil || string(got) != "a { color: red }" {
		t.Errorf("nil Minifier: got %q, %v; want input unchanged", got, err)
	}
}

func TestMinifyConcurrent(t *testing.T) {
	m := NewMinifier()
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			in := fmt.Sprintf("<p>  page %d  </p>", i)
			want := fmt.Sprintf("<p>page %d</p>", i)
			for range 50 {
				got, err := m.Minify("text/html", []byte(in))
				if err != nil || string(got) != want {
					errs <- fmt.Errorf("got %q, %v; want %q", got, err, want)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestMediaType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"index.html", "text/html"},
		{"articles/x/index.HTML", "text/html"},
		{"css/main.css", "text/css"},
		{"js/app.js", "application/javascript"},
		{"search.json", "application/json"},
		{"index.xml", "application/xml"},
		{"sitemap.xml", "application/xml"},
		{"img/logo.svg", "image/svg+xml"},
		{"site.webmanifest", "application/manifest+json"},
		{"robots.txt", "text/plain"},
		{"img/photo.jpg", ""},
		{"fonts/a.woff2", ""},
		{"README", ""},
		{"dir.css/file", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MediaType(tt.name); got != tt.want {
				t.Errorf("MediaType(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// benchPage returns an article page of about n bytes, shaped like ours:
// head with JSON-LD, headings, paragraphs, lists, links, a related aside.
func benchPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Managing stress | ABS Clinical Services</title>
    <link rel="stylesheet" href="/css/main.3f2a9c1b07.css">
    <script type="application/ld+json">{ "@context": "https://schema.org", "@type": "Article", "headline": "Managing stress", "datePublished": "2024-05-01" }</script>
  </head>
  <body>
    <header class="site"><nav><a href="/">Home</a> <a href="/articles/">Articles</a></nav></header>
    <main>
      <article>
        <h1>Managing stress</h1>
`)
	words := strings.Fields("stress sleep therapy support family counseling recovery routine exercise wellbeing clinic appointment medication anxiety community")
	for i := 0; b.Len() < n-600; i++ {
		fmt.Fprintf(&b, "        <h2 id=\"section-%d\">Section %d</h2>\n        <p>", i, i)
		for j := range 60 {
			b.WriteString(words[(i*7+j*3)%len(words)])
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "<a href=\"/articles/topic-%d/\">read more</a>.</p>\n        <ul>\n          <li>%s</li>\n          <li>%s</li>\n        </ul>\n", i, words[i%len(words)], words[(i+5)%len(words)])
	}
	b.WriteString(`      </article>
      <aside class="related"><h2>Related articles</h2><ul><li><a href="/articles/a/">A</a></li></ul></aside>
    </main>
  </body>
</html>
`)
	return []byte(b.String())
}

func BenchmarkMinifyHTML(b *testing.B) {
	m := NewMinifier()
	page := benchPage(30 << 10)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Minify("text/html", page); err != nil {
			b.Fatal(err)
		}
	}
}

// tdewolff's parsers rewrite their input in place; Minify must not let that
// reach the caller's bytes (the fuzzer found "A00000000=00" changed by the
// JavaScript minifier, so a second minification failed).
func TestMinifyDoesNotModifyInput(t *testing.T) {
	m := NewMinifier()
	tests := []struct{ mediaType, in string }{
		{"application/javascript", "A00000000=00"},
		{"application/javascript", "var A = 0x10, b = 1e3; // c\n"},
		{"text/html", `<DIV CLASS="A"><P>x</P></DIV><SCRIPT>var A = 00</SCRIPT>`},
		{"text/css", "A { COLOR: #FF0000; margin: 0PX }"},
		{"image/svg+xml", `< ="1"d="M11 111`},
		{"image/svg+xml", `<svg><path d="M 10.000 20.000 L 30 40"/></svg>`},
		{"application/json", `{"A": 1.0E3}`},
		{"application/xml", `<A  B="c"> x </A>`},
	}
	for _, tt := range tests {
		t.Run(tt.mediaType+"/"+tt.in, func(t *testing.T) {
			// Spare capacity, so an in-place NUL terminator would show too.
			in := make([]byte, len(tt.in), len(tt.in)+8)
			copy(in, tt.in)
			full := in[:cap(in)]
			before := string(full)
			m.Minify(tt.mediaType, in) // the error, if any, does not matter here
			if string(full) != before {
				t.Errorf("Minify modified its input:\nbefore %q\nafter  %q", before, full)
			}
		})
	}
}
