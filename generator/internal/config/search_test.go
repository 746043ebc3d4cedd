package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// searchDiags keeps the diagnostics about search settings.
func searchDiags(ds []diag.Diagnostic) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if strings.Contains(d.Msg, "search") {
			out = append(out, d)
		}
	}
	return out
}

func TestSearchSettings(t *testing.T) {
	c, ds := Load([]byte("title: T\n"))
	ds = searchDiags(ds)
	if len(ds) != 0 || !c.Search.On() {
		t.Fatalf("default: On() = %v, diagnostics %v; want search on, no diagnostics", c.Search.On(), ds)
	}
	c, ds = Load([]byte("title: T\nsearch:\n  enabled: false\n  exclude: [legal, /contact/]\n  synonyms:\n    - [bp, blood pressure]\n"))
	ds = searchDiags(ds)
	if len(ds) != 0 || c.Search.On() {
		t.Fatalf("enabled: false: On() = %v, diagnostics %v", c.Search.On(), ds)
	}
	if diff := cmp.Diff([][]string{{"bp", "blood pressure"}}, c.Search.Synonyms); diff != "" {
		t.Errorf("synonyms (-want +got):\n%s", diff)
	}
	_, ds = Load([]byte("title: T\nsearch:\n  exclude: [\"[bad\"]\n  synonyms:\n    - [lonely]\n"))
	var got []string
	for _, d := range searchDiags(ds) {
		got = append(got, d.Severity.String()+" "+d.Pos()+": "+d.Msg)
	}
	want := []string{
		`warning config.yaml:4:3: search.synonyms group 1 has fewer than two words; it is ignored`,
		`error config.yaml:3:3: search.exclude entry "[bad" is not a valid pattern`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
