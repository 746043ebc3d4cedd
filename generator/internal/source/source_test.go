package source

import (
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
