package source

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func paths(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path)
	}
	return out
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"config.yaml":                  {Data: []byte("title: T\n")},
		"content/b.md":                 {Data: []byte("b")},
		"content/articles/a.md":        {Data: []byte("a")},
		"content/articles/a.md~":       {Data: []byte("backup")},
		"content/articles/.a.md.swp":   {Data: []byte("swap")},
		"content/articles/#a.md#":      {Data: []byte("emacs")},
		"content/articles/4913":        {Data: []byte("vim")},
		"content/.git/HEAD":            {Data: []byte("hidden folder")},
		"content/articles/pic.svg":     {Data: []byte("<svg/>")},
		"layouts/_default/baseof.html": {Data: []byte("x")},
		"assets/css/main.css":          {Data: []byte("x")},
		"README.md":                    {Data: []byte("not part of the site")},
	}
	s, ds := Load(fsys)
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if string(s.Config) != "title: T\n" {
		t.Errorf("Config = %q", s.Config)
	}
	if diff := cmp.Diff([]string{"content/articles/a.md", "content/articles/pic.svg", "content/b.md"}, paths(s.Content)); diff != "" {
		t.Errorf("Content (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"layouts/_default/baseof.html"}, paths(s.Layouts)); diff != "" {
		t.Errorf("Layouts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"assets/css/main.css"}, paths(s.Assets)); diff != "" {
		t.Errorf("Assets (-want +got):\n%s", diff)
	}
}

func TestLoadMissing(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string // "path: msg"
	}{
		{"no config", fstest.MapFS{"content/a.md": {Data: []byte("a")}}, []string{"config.yaml: config.yaml is missing"}},
		{"no content", fstest.MapFS{"config.yaml": {Data: []byte("title: T")}}, []string{"content: the content/ folder is missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Load(tt.fsys)
			var got []string
			for _, d := range ds {
				got = append(got, d.Path+": "+d.Msg)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKind(t *testing.T) {
	for p, want := range map[string]string{
		"config.yaml":           "config",
		"./config.yaml":         "config",
		"content":               "content",
		"content/articles/a.md": "content",
		"layouts/x.html":        "layouts",
		"assets/css/main.css":   "assets",
		"contentx/a.md":         "",
		"public/index.html":     "",
		"go.mod":                "",
	} {
		if got := Kind(p); got != want {
			t.Errorf("Kind(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestLoadContentAllowList: content/ keeps Markdown (any case, .md or
// .markdown) and the allow-listed downloads; anything else is a warning
// and left out; backups are skipped silently; .well-known is read.
func TestLoadContentAllowList(t *testing.T) {
	fsys := fstest.MapFS{
		"config.yaml":                        {Data: []byte("title: T\n")},
		"content/plan.MD":                    {Data: []byte("a")},
		"content/plan2.markdown":             {Data: []byte("a")},
		"content/post.md.orig":               {Data: []byte("merge backup")},
		"content/post.md.rej":                {Data: []byte("patch reject")},
		"content/.#post.md":                  {Data: []byte("emacs lock")},
		"content/x.html":                     {Data: []byte("<script>alert(1)</script>")},
		"content/tool.js":                    {Data: []byte("alert(1)")},
		"content/Makefile":                   {Data: []byte("all:")},
		"content/forms/intake.PDF":           {Data: []byte("%PDF")},
		"content/articles/chart.png":         {Data: []byte("png")},
		"content/.well-known/security.txt":   {Data: []byte("Contact: mailto:x@example.org")},
		"content/.well-known/.hidden":        {Data: []byte("still hidden")},
		"content/articles/.hidden/secret.md": {Data: []byte("hidden")},
	}
	s, ds := Load(fsys)
	want := []string{"content/.well-known/security.txt", "content/articles/chart.png", "content/forms/intake.PDF", "content/plan.MD", "content/plan2.markdown"}
	if diff := cmp.Diff(want, paths(s.Content)); diff != "" {
		t.Errorf("Content (-want +got):\n%s", diff)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.Severity.String()+" "+d.Path+": "+d.Msg)
	}
	wantDiags := []string{
		"warning content/Makefile: a file with no extension in content/ is not published",
		"warning content/tool.js: a .js file in content/ is not published",
		"warning content/x.html: a .html file in content/ is not published",
	}
	if diff := cmp.Diff(wantDiags, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestIgnoredPath(t *testing.T) {
	for p, want := range map[string]bool{
		"content/.well-known/security.txt": false,
		"content/.well-known":              false,
		"content/.well-known/.x":           true,
		"content/a/.well-known/x.txt":      true,
		"assets/.well-known/x.txt":         true,
		"content/a.md.orig":                true,
		"content/.#a.md":                   true,
		"content/a.md":                     false,
	} {
		if got := IgnoredPath(p); got != want {
			t.Errorf("IgnoredPath(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestDefer: the files Options.Defer names are listed, not read; the rest
// are read as Load reads them.
func TestDefer(t *testing.T) {
	fsys := fstest.MapFS{
		"config.yaml":          {Data: []byte("title: T\n")},
		"content/a.md":         {Data: []byte("a")},
		"content/team.jpg":     {Data: []byte("jpeg bytes")},
		"assets/img/logo.png":  {Data: []byte("png bytes")},
		"layouts/_default/x.h": {Data: []byte("x")},
	}
	s, ds := LoadWith(fsys, Options{Defer: func(p string) bool { return strings.HasSuffix(p, ".jpg") || strings.HasSuffix(p, ".png") }})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	for _, f := range append(s.Content, s.Assets...) {
		photo := strings.HasSuffix(f.Path, ".jpg") || strings.HasSuffix(f.Path, ".png")
		if f.Deferred != photo || (photo && f.Data != nil) || (!photo && string(f.Data) != "a") {
			t.Errorf("%s: Deferred %v, Data %q", f.Path, f.Deferred, f.Data)
		}
	}
	if len(s.Assets) != 1 || len(s.Content) != 2 {
		t.Errorf("content %v, assets %v", paths(s.Content), paths(s.Assets))
	}
}
