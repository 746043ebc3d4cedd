package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// An unknown setting names the nearest real one at any depth.
func TestUnknownSettingSuggestion(t *testing.T) {
	src := "title: T\nrelated:\n  cuont: 3\nclinic:\n  telephon: \"x\"\nbogus: 1\n"
	_, ds := Load([]byte(src))
	var got []string
	for _, d := range ds {
		got = append(got, d.Pos()+": "+d.Msg+"; "+d.Fix)
	}
	want := []string{
		`config.yaml:3:3: unknown setting "cuont"; did you mean "count"?`,
		`config.yaml:5:3: unknown setting "telephon"; did you mean "telephone"?`,
		`config.yaml:6:1: unknown setting "bogus"; check its spelling against the configuration reference in README.md`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestTaxonomyNames(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{{"tags", true}, {"body-systems", true}, {"icd10", true}, {"Conditions", false}, {"", false},
		{"a b", false}, {"x/y", false}, {"-x", false}, {"9lives", false}, {"état", false}} {
		if got := simpleName(tt.name); got != tt.ok {
			t.Errorf("simpleName(%q) = %v, want %v", tt.name, got, tt.ok)
		}
	}
	_, ds := Load([]byte("title: T\ntaxonomies: [tags, Conditions, tags]\n"))
	var got []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			got = append(got, d.Pos()+": "+d.Msg)
		}
	}
	want := []string{
		`config.yaml:2:1: taxonomy "Conditions" is empty, repeated or not a simple name`,
		`config.yaml:2:1: taxonomy "tags" is empty, repeated or not a simple name`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
