package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

// Person ids that are the same, or differ only in case or punctuation
// (dirtyf and DirtyF, as imported Jekyll authors can be), would share one
// person page: an error at the second one's line, naming both.
func TestPeopleIDs(t *testing.T) {
	src := "title: T\npeople:\n  - {id: dirtyf, name: Frank}\n  - {id: DirtyF, name: Frank T.}\n  - {id: dirtyf, name: Again}\n  - {id: dr_lee, name: Dr. Lee}\n  - {id: dr-lee, name: Lee}\n  - {id: ana, name: Ana}\n"
	_, ds := Load([]byte(src))
	var got []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			got = append(got, d.Pos()+": "+d.Msg)
		}
	}
	want := []string{
		`config.yaml:4:3: person ids "dirtyf" and "DirtyF" would share the page /people/dirtyf/`,
		`config.yaml:5:3: person id "dirtyf" is used twice`,
		`config.yaml:7:3: person ids "dr_lee" and "dr-lee" would share the page /people/dr-lee/`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
