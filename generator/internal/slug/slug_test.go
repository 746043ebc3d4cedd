package slug

import (
	"regexp"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"Peer Support", "peer-support"},
		{"peer-support", "peer-support"},
		{"  peer   support  ", "peer-support"},
		{"Qué es", "que-es"},
		{"Qué es la depresión?", "que-es-la-depresion"},
		{"Ñandú", "nandu"},
		{"Straße", "strasse"},
		{"Ærø", "aero"},
		{"Smørrebrød", "smorrebrod"},
		{"Łódź", "lodz"},
		{"Þórður", "thordur"},
		{"Œuvre", "oeuvre"},
		{"İstanbul", "istanbul"},
		{"ﬁnance", "finance"},              // ligature, NFKD
		{"Ａ１ full width", "a1-full-width"}, // full-width forms, NFKD
		{"m²", "m2"},
		{"Don't panic", "dont-panic"},
		{"Don’t panic", "dont-panic"},
		{"Children's health", "childrens-health"},
		{"'quoted'", "quoted"},
		{"COVID-19: what's new", "covid-19-whats-new"},
		{"Flu shots — 2026", "flu-shots-2026"},
		{"a--b__c..d", "a-b-c-d"},
		{"---", ""},
		{"!!!", ""},
		{"💊", ""},
		{"💊 Medication tips 💊", "medication-tips"},
		{"健康", ""},
		{"健康 health", "health"},
		{"Здоровье", ""},
		{"content/articles/Flu Shots.md", "content-articles-flu-shots-md"},
		{"\xff\xfe bad utf8", "bad-utf8"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Make(tt.in); got != tt.want {
				t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

var shape = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

// FuzzMake checks the output shape and idempotence on any input.
func FuzzMake(f *testing.F) {
	for _, s := range []string{"Qué es", "Don't panic", "💊", "健康", "a--b", "Straße"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if !shape.MatchString(got) {
			t.Fatalf("Make(%q) = %q, not a slug", s, got)
		}
		if again := Make(got); again != got {
			t.Fatalf("Make(Make(%q)) = %q, want %q", s, again, got)
		}
	})
}

func BenchmarkMake(b *testing.B) {
	for b.Loop() {
		Make("Qué es la depresión? Straße & Smørrebrød")
	}
}
