package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestShareImage checks front matter `image`: resolved like a body image,
// an Error at its line when missing or not a file of the site.
func TestShareImage(t *testing.T) {
	resolve := func(from, src string) (Picture, bool) {
		switch {
		case from == "content/articles/a.md" && src == "pic.png":
			return Picture{URL: "/articles/pic.png", Width: 64, Height: 48}, true
		case src == "fake.jpg":
			return Picture{Problem: "fake.jpg is named like a JPEG image but holds an HTML page", Fix: "export the photo again"}, true
		}
		return Picture{}, false
	}
	tests := []struct {
		name, image string
		want        *Image
		err         string // the one error's "line: message", or ""
	}{
		{"next to the page", "pic.png", &Image{Src: "pic.png", URL: "/articles/pic.png", Width: 64, Height: 48, Alt: "A picture", Line: 3}, ""},
		{"missing", "nope.png", &Image{Src: "nope.png", Alt: "A picture", Line: 3}, `3: image "nope.png" not found`},
		{"not a photo", "fake.jpg", &Image{Src: "fake.jpg", Alt: "A picture", Line: 3}, `3: image "fake.jpg" cannot be published: fake.jpg is named like a JPEG image but holds an HTML page`},
		{"external https kept", "https://cdn.example/p.png", &Image{Src: "https://cdn.example/p.png", URL: "https://cdn.example/p.png", Alt: "A picture", Line: 3}, ""},
		{"data URL refused", "data:image/png;base64,AAAA", &Image{Src: "data:image/png;base64,AAAA", Alt: "A picture", Line: 3}, `3: image "data:image/png;base64,AAAA" is not a file of the site`},
	}
	p := New(Options{ResolveImage: resolve})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: A\nimage: \"" + tt.image + "\"\nimageAlt: A picture\n---\nBody.\n"
			d, ds := p.Parse("content/articles/a.md", []byte(src))
			if d == nil {
				t.Fatalf("no Doc: %v", ds)
			}
			if diff := cmp.Diff(tt.want, d.Share); diff != "" {
				t.Errorf("Share (-want +got):\n%s", diff)
			}
			var errs []string
			for _, x := range ds {
				errs = append(errs, strings.TrimPrefix(x.Error(), "content/articles/a.md:"))
			}
			switch {
			case tt.err == "" && len(errs) > 0:
				t.Errorf("unexpected diagnostics %q", errs)
			case tt.err != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], tt.err[:1]) || !strings.Contains(errs[0], tt.err[3:])):
				t.Errorf("diagnostics %q, want one %q", errs, tt.err)
			}
		})
	}
	d, _ := New(Options{}).Parse("content/a.md", []byte("---\ntitle: A\n---\nBody.\n"))
	if d.Share != nil {
		t.Errorf("Share %+v without an image", d.Share)
	}
}

// TestControlCharacters: a control character in the body becomes a space
// with one warning at the first; the caller's bytes stay as they were.
func TestControlCharacters(t *testing.T) {
	src := []byte("---\ntitle: A\n---\nPasted\vline and `code\x01` and\x7f more.\n\nTab\there and form\ffeed stay.\n")
	orig := string(src)
	d, ds := New(Options{}).Parse("content/a.md", src)
	if d == nil {
		t.Fatalf("no Doc: %v", ds)
	}
	if string(src) != orig {
		t.Errorf("Parse changed its input")
	}
	var got []string
	for _, x := range ds {
		got = append(got, x.Error())
	}
	want := []string{"content/a.md:4:7: invisible control characters (U+000B, and 2 more in this file) replaced with a space; delete it; text pasted from a word processor often brings one"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if strings.ContainsAny(string(d.HTML), "\v\x01\x7f") || strings.ContainsAny(d.Prose, "\v\x01\x7f") || strings.ContainsAny(d.Summary, "\v\x01\x7f") {
		t.Errorf("a control character reached the output: %q", d.HTML)
	}
	if !strings.Contains(string(d.HTML), "Pasted line") || !strings.Contains(string(d.HTML), "Tab\there") {
		t.Errorf("HTML %q", d.HTML)
	}
}

// TestShareFocus: imageFocus reaches ResolveShare, which resolves the
// share image when set; an unknown focus is an Error at its line.
func TestShareFocus(t *testing.T) {
	var got string
	p := New(Options{
		ResolveImage: func(string, string) (Picture, bool) { return Picture{URL: "/body.jpg"}, true },
		ResolveShare: func(_, src, focus string) (Picture, bool) {
			got = focus
			return Picture{URL: "/a-share.jpg", Width: 1200, Height: 630}, true
		},
	})
	d, ds := p.Parse("content/a.md", []byte("---\ntitle: A\nimage: a.jpg\nimageAlt: A\nimageFocus: top-left\n---\nBody.\n"))
	if len(ds) > 0 || got != "top-left" || d.Share.URL != "/a-share.jpg" || d.Share.Width != 1200 {
		t.Errorf("focus %q, share %+v, diags %v", got, d.Share, ds)
	}
	_, ds = p.Parse("content/a.md", []byte("---\ntitle: A\nimage: a.jpg\nimageAlt: A\nimageFocus: middle\n---\nBody.\n"))
	if len(ds) != 1 || ds[0].Line != 5 || !strings.Contains(ds[0].Error(), `imageFocus "middle"`) || !strings.Contains(ds[0].Fix, "top-left") {
		t.Errorf("diags %v", ds)
	}
}
