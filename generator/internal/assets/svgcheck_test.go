package assets

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckSVG(t *testing.T) {
	const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4">` + "\n"
	tests := []struct {
		name, body string
		want       []string // "line:col <element> message" substrings, one per problem
	}{
		{"safe", `<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/><use href="#g"/><image href="photo.png"/><a href="/contact/"><text>Call</text></a>`, nil},
		{"script", "<script>alert(1)</script>", []string{"2:1 <script> <script> element runs script"}},
		{"script in another namespace", `<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>`, []string{"2:1 <script>"}},
		{"event handler", `<rect width="4" height="4" onload="alert(1)"/>`, []string{"2:1 <rect> event handler onload on <rect> runs script"}},
		{"javascript link", `<a xlink:href="javascript:alert(1)"><text>x</text></a>`, []string{`2:1 <a> xlink:href="javascript:alert(1)" on <a> runs script`}},
		{"spaced javascript link", "<a href=\" JaVa\tScRiPt:alert(1)\"><text>x</text></a>", []string{"2:1 <a> href="}},
		{"animate that writes a javascript link", `<a><animate attributeName="href" values="#;javascript:alert(1)"/><text>x</text></a>`, []string{"2:4 <animate> values="}},
		{"embedded raster image", `<image href="data:image/png;base64,iVBORw0KGgo="/>`, nil},
		{"embedded SVG document", `<use href="data:image/svg+xml;base64,PHN2Zz4="/>`, []string{"2:1 <use> href="}},
		{"external image", `<image href="https://cdn.example/x.png"/>`, []string{"2:1 <image> href=\"https://cdn.example/x.png\" on <image> refers to another origin"}},
		{"protocol-relative use", `<use xlink:href="//cdn.example/s.svg#a"/>`, []string{"2:1 <use> xlink:href"}},
		{"foreignObject", `<foreignObject width="4" height="4"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>`, []string{"2:1 <foreignObject> <foreignObject> embeds HTML"}},
		{"style import", "<style>@import url(https://fonts.example/x.css);</style>", []string{"2:8 <style> <style> imports a stylesheet"}},
		{"style url", "<style>rect { fill: url('https://x.example/p.svg#p') }</style>", []string{"2:8 <style> <style> loads url(https://x.example/p.svg#p) from another origin"}},
		{"presentation attribute url", `<rect fill="url(//x.example/p.svg#p)" width="4" height="4"/>`, []string{"2:1 <rect> fill on <rect> loads url(//x.example/p.svg#p)"}},
		{"style attribute url", `<rect style="fill: url(http://x.example/p)" width="4" height="4"/>`, []string{"2:1 <rect> style on <rect> loads url(http://x.example/p)"}},
		{"not XML", `<rect width="4"`, []string{"not well-formed XML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range CheckSVG([]byte(head + tt.body + "\n</svg>\n")) {
				got = append(got, fmt.Sprintf("%d:%d <%s> %s", p.Line, p.Col, p.Element, p.Msg))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
	if diff := cmp.Diff([]SVGProblem(nil), CheckSVG([]byte(head+"</svg>"))); diff != "" {
		t.Error(diff)
	}
}

func TestCheckSVGEntities(t *testing.T) {
	got := CheckSVG([]byte(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE svg [<!ENTITY a "aaaa">]>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>`))
	if len(got) == 0 || got[0].Line != 2 || !strings.Contains(got[0].Msg, "declares entities") {
		t.Errorf("got %+v, want the entity declaration on line 2", got)
	}
}
