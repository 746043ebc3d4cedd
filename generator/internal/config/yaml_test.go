package config

import (
	"strings"
	"testing"
)

// A YAML mistake in config.yaml is reported on the line where it starts —
// not where the parser noticed it, often lines later — quoting that line,
// with advice for that kind of mistake.
func TestYAMLErrorLines(t *testing.T) {
	head := "baseURL: https://clinic.example/\ntitle: Test Clinic\n"
	for _, tc := range []struct {
		name, src  string
		line, col  int
		msg, fix   string
		sourceLine string
	}{
		{"unclosed quote", head + "clinic:\n  name: \"Test Clinic\n  telephone: \"+1-301-555-0100\"\n  email: info@clinic.test\nparams:\n  a: 1\n",
			4, 9, `the quote " opened here is never closed on this line`, `end the value with " on the same line`, `  name: "Test Clinic`},
		{"missing ]", head + "taxonomies: [tags, categories\nparams:\n  a: 1\n",
			3, 13, "the list opened with [ is never closed", "end the list on the same line with ]", "taxonomies: [tags, categories"},
		{"missing }", head + "clinic:\n  geo: {latitude: 38.9, longitude: -76.9\n  name: X\n",
			4, 8, "the map opened with { is never closed", "end it on the same line with }", "  geo: {latitude: 38.9, longitude: -76.9"},
		{"missing :", head + "language en-US\ntimeZone: UTC\n",
			3, 1, "this line has no colon after its key", "e.g. language: …", "language en-US"},
		{"tab", head + "clinic:\n\tname: X\n",
			4, 1, "the line is indented with a tab", "indent with spaces, never tabs", "\tname: X"},
		{"tab, yaml.v3 names the line above", head + "language: en-US\npaginate: 5\n\ttimeZone: UTC\n",
			5, 1, "the line is indented with a tab", "indent with spaces, never tabs", "\ttimeZone: UTC"},
		{"colon in value", head + "clinic:\n  name: Clinic: main site\n",
			4, 9, `the value holds ": "`, "put the value in quotes", "  name: Clinic: main site"},
		{"bad indentation", head + "clinic:\n  name: X\n    telephone: \"1\"\n",
			5, 5, "indented under a key that already has a value", "start it in the same column", `    telephone: "1"`},
		{"unclosed quote before a comment, noticed four lines later", head + "clinic:\n  telephone: \"+1-301-555-0100   # PLACEHOLDER: fictional\n  email: info@clinic.test\n  address:\n    streetAddress: \"1 Main St\"\n    addressLocality: Bladensburg\n",
			4, 14, `the quote " opened here is never closed on this line`, `end the value with " on the same line`, `  telephone: "+1-301-555-0100   # PLACEHOLDER: fictional`},
		{"list item out of line under a key with a comment", head + "health:\n  mentalHealthTerms:   # tags that show the crisis box\n    - mental health\n   - peer support\n",
			6, 4, "indentation does not match", "in the same column", "   - peer support"},
		{"list item out of line", head + "taxonomies:\n  - tags\n - categories\n",
			5, 2, "indentation does not match", "in the same column", " - categories"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Load([]byte(tc.src))
			if len(ds) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(ds), ds)
			}
			d := ds[0]
			if d.Line != tc.line || d.Column() != tc.col || !strings.Contains(d.Msg, tc.msg) || !strings.Contains(d.Fix, tc.fix) || d.Source != tc.sourceLine {
				t.Errorf("got %s (source %q, column %d)\nwant line %d col %d, %q; %q, source %q", d.Error(), d.Source, d.Column(), tc.line, tc.col, tc.msg, tc.fix, tc.sourceLine)
			}
		})
	}
}
