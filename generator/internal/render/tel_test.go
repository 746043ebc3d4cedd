package render

import (
	"bytes"
	"html/template"
	"testing"
)

func TestTel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+1-301-555-0100", "tel:+13015550100"},
		{"(301) 555 0100", "tel:3015550100"},
		{"tel:988", "tel:988"},
		{"TEL:+1 301 555 0100", "tel:+13015550100"},
		{"sms:838255", "sms:838255"},
		{`988"><script>alert(1)</script>`, "tel:9881"},
		{"javascript:alert(1)", "tel:1"},
		{"", "tel:"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tel(tt.in); string(got) != tt.want {
				t.Errorf("tel(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTelInHref checks that html/template keeps the tel: and sms: links
// tel makes (a plain string would become "#ZgotmplZ") and still escapes
// the link text.
func TestTelInHref(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(template.FuncMap{"tel": tel}).Parse(`<a href="{{tel .}}">{{.}}</a>`))
	for in, want := range map[string]string{
		"+1-301-555-0100": `<a href="tel:&#43;13015550100">&#43;1-301-555-0100</a>`,
		"sms:838255":      `<a href="sms:838255">sms:838255</a>`,
		`<b>988</b>`:      `<a href="tel:988">&lt;b&gt;988&lt;/b&gt;</a>`,
	} {
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, in); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%q renders %s, want %s", in, buf.String(), want)
		}
	}
}
