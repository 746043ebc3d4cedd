package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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
