package assets

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"regexp"
	"testing"

	"clinicgen/generator/internal/diag"

	"github.com/google/go-cmp/cmp"
)

func TestFingerprint(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		name, in     string
		wantData     string
		wantPathLike string // regexp
	}{
		{"css/main.css", "body {\n  color: #000000;\n}\n", "body{color:#000}", `^css/main\.[0-9a-f]{10}\.css$`},
		{"js/app.js", "const answer = 40 + 2;\nconsole.log( answer );\n", "const answer=40+2;console.log(answer)", `^js/app\.[0-9a-f]{10}\.js$`},
		{"js/app.min.js", "let  a = 1", "let a=1", `^js/app\.min\.[0-9a-f]{10}\.js$`},
		{"img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">  <g/>  </svg>", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>", `^img/logo\.[0-9a-f]{10}\.svg$`},
		{"data/search.json", "[ 1, 2 ]", "[1,2]", `^data/search\.[0-9a-f]{10}\.json$`},
		{"fonts/a.woff2", "\x00binary  data", "\x00binary  data", `^fonts/a\.[0-9a-f]{10}\.woff2$`},
		{"LICENSE", "text  kept", "text  kept", `^LICENSE\.[0-9a-f]{10}$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Fingerprint(tt.name, []byte(tt.in), m)
			if err != nil {
				t.Fatal(err)
			}
			if string(a.Data) != tt.wantData {
				t.Errorf("Data = %q, want %q", a.Data, tt.wantData)
			}
			if !regexp.MustCompile(tt.wantPathLike).MatchString(a.Path) {
				t.Errorf("Path = %q, want it to match %s", a.Path, tt.wantPathLike)
			}
			// The hash in the name and the integrity are computed here
			// independently from the minified bytes.
			sum := sha256.Sum256([]byte(tt.wantData))
			if !regexp.MustCompile(`\.` + hex.EncodeToString(sum[:])[:10] + `(\.|$)`).MatchString(a.Path) {
				t.Errorf("Path %q does not carry the first 10 hex digits of sha256(data) %x", a.Path, sum[:5])
			}
			sri := sha512.Sum384([]byte(tt.wantData))
			if want := "sha384-" + base64.StdEncoding.EncodeToString(sri[:]); a.Integrity != want {
				t.Errorf("Integrity = %q, want %q", a.Integrity, want)
			}
			if a.Name != tt.name || a.URL != "/"+a.Path {
				t.Errorf("Name, URL = %q, %q; want %q, %q", a.Name, a.URL, tt.name, "/"+a.Path)
			}
		})
	}
}

func TestFingerprintStable(t *testing.T) {
	m := NewMinifier()
	a1, err1 := Fingerprint("css/main.css", []byte("a { color: red }"), m)
	a2, err2 := Fingerprint("css/main.css", []byte("a{color:red}"), m) // same after minifying
	b, err3 := Fingerprint("css/main.css", []byte("a { color: blue }"), m)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	if a1.Path != a2.Path || a1.Integrity != a2.Integrity {
		t.Errorf("same minified content, different names: %q %q", a1.Path, a2.Path)
	}
	if a1.Path == b.Path || a1.Integrity == b.Integrity {
		t.Errorf("different content, same name %q", a1.Path)
	}
}

func TestFingerprintNilMinifier(t *testing.T) {
	a, err := Fingerprint("css/main.css", []byte("a { color: red }"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(a.Data) != "a { color: red }" {
		t.Errorf("nil minifier changed the data: %q", a.Data)
	}
}

func TestFingerprintErrors(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		name, in  string
		want      diag.Diagnostic // Msg is checked by prefix
		msgPrefix string
	}{
		{"css/main.css", "body { color: red }\np { color red }\n",
			diag.Diagnostic{Severity: diag.Error, Path: "css/main.css", Line: 2, Col: 11, Source: "p { color red }", Code: "asset-syntax"},
			"CSS syntax error: expected colon"},
		{"css/main.css", "a { color: red; } }\n",
			diag.Diagnostic{Severity: diag.Error, Path: "css/main.css", Line: 1, Col: 20, Source: "a { color: red; } }", Code: "asset-syntax"},
			"CSS syntax error: unexpected ending"},
		{"js/app.js", "let a = 1;\nlet b = );\n",
			diag.Diagnostic{Severity: diag.Error, Path: "js/app.js", Line: 2, Col: 9, Source: "let b = );", Code: "asset-syntax"},
			"JavaScript syntax error: unexpected )"},
		{"data/x.json", "{\"a\": }",
			diag.Diagnostic{Severity: diag.Error, Path: "data/x.json", Line: 1, Col: 7, Source: "{\"a\": }", Code: "asset-syntax"},
			"JSON syntax error: invalid character"},
		{"../escape.css", "a{}", diag.Diagnostic{Severity: diag.Error, Path: "../escape.css"}, "asset name"},
		{"/abs.css", "a{}", diag.Diagnostic{Severity: diag.Error, Path: "/abs.css"}, "asset name"},
		{`css\win.css`, "a{}", diag.Diagnostic{Severity: diag.Error, Path: `css\win.css`}, "asset name"},
		{"", "a{}", diag.Diagnostic{Severity: diag.Error, Path: ""}, "asset name"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.in, func(t *testing.T) {
			_, err := Fingerprint(tt.name, []byte(tt.in), m)
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("error %v (%T) is not a diag.Diagnostic", err, err)
			}
			if len(d.Msg) < len(tt.msgPrefix) || d.Msg[:len(tt.msgPrefix)] != tt.msgPrefix {
				t.Errorf("Msg = %q, want prefix %q", d.Msg, tt.msgPrefix)
			}
			if d.Fix == "" {
				t.Errorf("diagnostic has no Fix: %+v", d)
			}
			d.Msg, d.Fix = "", ""
			if diff := cmp.Diff(tt.want, d); diff != "" {
				t.Errorf("diagnostic mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckCSSAcceptsModernCSS(t *testing.T) {
	for _, in := range []string{
		".card { & .title { color: red } &:hover { color: blue } }",
		"@layer base, components; @layer base { html { color: #000 } }",
		"@container sidebar (min-width: 400px) { .c { display: grid } }",
		":root { --x: { a: b }; --y: calc(1px + 2px); --empty:; }",
		"@supports (display: grid) and (not (display: inline-grid)) { a { b: c } }",
		"@font-face { font-family: X; src: url(a.woff2) format('woff2'); unicode-range: U+0000-00FF; }",
		"a:is(.x, .y) > b:where(:not(.z))::before { content: '\\201C'; inset: 0 auto auto 0 }",
		"@media (width >= 600px) { a { color: rgb(0 0 0 / 50%) } }",
		"@import url('x.css') layer(base) supports(display: grid) screen;",
		"@keyframes spin { from { transform: rotate(0) } to { transform: rotate(360deg) } }",
		"@property --x { syntax: '<length>'; inherits: false; initial-value: 0px; }",
		"a { color: red", // unclosed at the end: browsers close it too
		"",
	} {
		t.Run(in, func(t *testing.T) {
			if err := checkCSS([]byte(in)); err != nil {
				t.Errorf("checkCSS: %v", err)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	m := NewMinifier()
	files := map[string][]byte{
		"css/main.css":    []byte("body {\n  margin: 0px;\n}\n"),
		"js/menu.js":      []byte("let open = false ;\n"),
		"img/logo.svg":    []byte("<svg  width=\"1\" height=\"1\"/>"),
		"img/photo.jpg":   {0xff, 0xd8, 0xff},
		"robots.txt":      []byte("User-agent: *\n"),
		"fonts/x.woff2":   []byte("wOF2"),
		"css/print.CSS":   []byte("p { color: #000000 }"),
		"css/empty.css":   nil,
		"favicon/app.ico": {0, 0, 1, 0},
	}
	manifest, copies, err := Build(files, m)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct{ Name, Data string }
	var gotManifest []entry
	for name, a := range manifest {
		if name != a.Name {
			t.Errorf("manifest key %q holds asset named %q", name, a.Name)
		}
		want, err := Fingerprint(name, files[name], m)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, a); diff != "" {
			t.Errorf("manifest[%q] differs from Fingerprint (-want +got):\n%s", name, diff)
		}
		gotManifest = append(gotManifest, entry{name, string(a.Data)})
	}
	wantManifest := []entry{
		{"css/empty.css", ""},
		{"css/main.css", "body{margin:0}"},
		{"css/print.CSS", "p{color:#000}"},
		{"js/menu.js", "let open=!1"},
	}
	sortEntries := cmp.Transformer("sort", func(in []entry) map[string]string {
		out := map[string]string{}
		for _, e := range in {
			out[e.Name] = e.Data
		}
		return out
	})
	if diff := cmp.Diff(wantManifest, gotManifest, sortEntries); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}

	var wantCopies []Asset
	for _, name := range []string{"favicon/app.ico", "fonts/x.woff2", "img/logo.svg", "img/photo.jpg", "robots.txt"} {
		wantCopies = append(wantCopies, Asset{Name: name, Path: name, URL: "/" + name, Data: files[name]})
	}
	if diff := cmp.Diff(wantCopies, copies); diff != "" {
		t.Errorf("copies (-want +got):\n%s", diff)
	}
}

func TestBuildReportsEveryBrokenFile(t *testing.T) {
	files := map[string][]byte{
		"css/ok.css":  []byte("a{b:c}"),
		"css/bad.css": []byte("a {\n  color red;\n}\n"),
		"js/bad.js":   []byte("if (\n"),
		"../up.png":   {1},
	}
	manifest, copies, err := Build(files, NewMinifier())
	if manifest != nil || copies != nil {
		t.Errorf("Build returned values with an error: %v, %v", manifest, copies)
	}
	var list diag.ErrList
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not a diag.ErrList", err, err)
	}
	var got []string
	for _, d := range list {
		got = append(got, d.Pos())
	}
	want := []string{"../up.png", "css/bad.css:2:9", "js/bad.js:2:1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostic positions (-want +got):\n%s\nfull error:\n%v", diff, err)
	}
}

// FuzzFingerprint checks that no asset content panics or hangs the CSS check
// and minifiers, and that a success is reproducible.
func FuzzFingerprint(f *testing.F) {
	f.Add("a.css", []byte("a { color: red; } }"))
	f.Add("a.css", []byte(".card { & .title { color: red } } @media (width >= 1px) { a { b: c } }"))
	f.Add("a.js", []byte("let a = `x${1}`; if (a) { a = /re/g }"))
	f.Add("a.json", []byte(`{"a": [1, 2.50, "x"]}`))
	f.Add("a.svg", []byte(`<svg width="1"><path d="M0 0L1 1"/></svg>`))
	m := NewMinifier()
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := Fingerprint(name, data, m)
		if err != nil {
			return
		}
		b, err := Fingerprint(name, data, m)
		if err != nil || a.Path != b.Path {
			t.Errorf("second Fingerprint differs: %q vs %q, %v", a.Path, b.Path, err)
		}
	})
}
