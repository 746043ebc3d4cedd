package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRelatedDefaults checks that each related setting keeps its default
// when config.yaml leaves it out, and that setting one key of a nested
// table keeps the defaults of its siblings.
func TestRelatedDefaults(t *testing.T) {
	def := Default().Related
	tests := []struct {
		name, yaml string
		want       Related
	}{
		{"absent", "", def},
		{"empty table", "related:\n", def},
		{"null table", "related: null\n", def},
		{"count only", "related:\n  count: 3\n", Related{Count: 3, Services: 2, Weights: def.Weights}},
		{"services only", "related:\n  services: 1\n", Related{Count: 5, Services: 1, Weights: def.Weights}},
		{"empty weights", "related:\n  weights:\n", def},
		{"one weight", "related:\n  weights:\n    text: 2.5\n", Related{Count: 5, Services: 2, Weights: Weights{Tags: 1, Text: 2.5, Recency: 0.05}}},
		{"tags off", "related:\n  weights:\n    tags: 0\n", Related{Count: 5, Services: 2, Weights: Weights{Tags: 0, Text: 1, Recency: 0.05}}},
		{"recency only, flow style", "related: {weights: {recency: 0.2}}\n", Related{Count: 5, Services: 2, Weights: Weights{Tags: 1, Text: 1, Recency: 0.2}}},
		{"all set", "related:\n  count: 8\n  services: 0\n  weights: {tags: 2, text: 0.5, recency: 0}\n", Related{Count: 8, Services: 0, Weights: Weights{Tags: 2, Text: 0.5, Recency: 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ds := Load([]byte("title: Test\n" + tt.yaml))
			for _, d := range ds {
				if d.Severity.String() == "error" {
					t.Fatalf("unexpected error: %v", d)
				}
			}
			if diff := cmp.Diff(tt.want, c.Related); diff != "" {
				t.Errorf("related (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRelatedDefaultValues(t *testing.T) {
	r := Default().Related
	if r.Count != 5 || r.Services != 2 || r.Weights != (Weights{Tags: 1, Text: 1, Recency: 0.05}) {
		t.Errorf("Default().Related = %+v, want count 5, services 2, weights 1/1/0.05", r)
	}
}

func TestRelatedInvalid(t *testing.T) {
	tests := []struct {
		yaml string
		line int
		msg  string
	}{
		{"related:\n  count: 0\n", 3, "related.count must be at least 1"},
		{"related:\n  services: -1\n", 3, "related.services cannot be negative"},
		{"related:\n  weights:\n    text: -1\n", 4, "related.weights.text cannot be negative"},
		{"related:\n  weights:\n    text: lots\n", 4, `"lots" is text, but this setting needs a number`},
		{"related:\n  weights:\n    txet: 1\n", 4, `unknown setting "txet"`},
		{"related:\n  count: five\n", 3, `"five" is text, but this setting needs a whole number`},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			_, ds := Load([]byte("title: Test\n" + tt.yaml))
			var got []string
			for _, d := range ds {
				got = append(got, d.Error())
				if d.Severity.String() == "error" && d.Path == File && d.Line == tt.line && d.Msg == tt.msg && d.Fix != "" {
					return
				}
			}
			t.Errorf("no error at config.yaml:%d saying %q; got:\n%s", tt.line, tt.msg, strings.Join(got, "\n"))
		})
	}
}
