package config

import (
	"os"
	"strings"
	"testing"

	"clinicgen/generator/internal/diag"
)

func TestAppendList(t *testing.T) {
	people := [][][2]string{{{"id", "mrivera"}, {"name", "María Rivera"}}}
	for _, c := range []struct{ name, in, want string }{
		{"after the last item, before the next key's comment",
			"title: T # the name\npeople:\n  - id: a   # first\n    name: A\n\n# menus\nmenu: []\n",
			"title: T # the name\npeople:\n  - id: a   # first\n    name: A\n  - id: \"mrivera\"\n    name: \"María Rivera\"\n\n# menus\nmenu: []\n"},
		{"last key of the file, no final newline",
			"people:\n- id: a\n  name: A",
			"people:\n- id: a\n  name: A\n- id: \"mrivera\"\n  name: \"María Rivera\"\n"},
		{"missing key", "title: T\n", "title: T\n\npeople:\n  - id: \"mrivera\"\n    name: \"María Rivera\"\n"},
		{"empty flow list", "people: []\ntitle: T\n", "people:\n  - id: \"mrivera\"\n    name: \"María Rivera\"\ntitle: T\n"},
		{"key without value", "people:\ntitle: T\n", "people:\n  - id: \"mrivera\"\n    name: \"María Rivera\"\ntitle: T\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := AppendList([]byte(c.in), "people", people)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	if _, err := AppendList([]byte("people: [a, b]\n"), "people", people); err == nil || !strings.Contains(err.Error(), "one line") {
		t.Errorf("flow list: err = %v", err)
	}
	if _, err := AppendList([]byte("people: 3\n"), "people", people); err == nil {
		t.Error("scalar: no error")
	}
}

// TestAppendListRepo edits the repository's own config.yaml: every
// original line is kept, and the file still loads with the new person.
func TestAppendListRepo(t *testing.T) {
	src, err := os.ReadFile("../../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := AppendList(src, "people", [][][2]string{{{"id", "new-author"}, {"name", "New Author"}}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Replace(string(out), "  - id: \"new-author\"\n    name: \"New Author\"\n", "", 1) != string(src) {
		t.Errorf("the edit changed other lines:\n%s", out)
	}
	cfg, ds := Load(out)
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("edited config: %v", d)
		}
	}
	if _, ok := cfg.Person("new-author"); !ok {
		t.Error("new person not loaded")
	}
}
