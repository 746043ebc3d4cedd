package config_test

import (
	"strings"
	"testing"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
)

// TestWrongTypes checks that a value of the wrong type in the clinic table
// is an error at its config.yaml line that says what the setting needs and
// names it in the fix.
func TestWrongTypes(t *testing.T) {
	const head = "title: T\nclinic:\n  name: X\n"
	tests := []struct {
		name, yaml string
		want       string // "line:col: message" prefix of the one error
		fix        string // in its fix
	}{
		{"address as text", "  address: \"1 Main St\"\n",
			`config.yaml:4:3: "1 Main St" is text, but this setting needs a table of settings`, "see clinic.address in"},
		{"long value quoted whole", "  address: \"1 Main St, Bladensburg\"\n",
			`config.yaml:4:3: "1 Main St, Bladensburg" is text, but this setting needs a table of settings`, "see clinic.address in"},
		{"address as a list", "  address:\n    - 1 Main St\n",
			`config.yaml:5:5: this value is a list, but the setting needs a table of settings`, "see clinic.address in"},
		{"postal code as a table", "  address:\n    postalCode: {a: 1}\n",
			`config.yaml:5:5: this value is a table of settings, but the setting needs text`, "see clinic.address.postalCode in"},
		{"hours as text", "  hours: \"9 to 5\"\n",
			`config.yaml:4:3: "9 to 5" is text, but this setting needs a list`, "see clinic.hours in"},
		{"hours row as a list", "  hours:\n    - [Monday, 8, 5]\n",
			`config.yaml:5:5: this value is a list, but the setting needs a table of settings`, "see clinic.hours.0 in"},
		{"days as text", "  hours:\n    - days: Monday\n      opens: \"08:00\"\n      closes: \"17:00\"\n",
			`config.yaml:5:5: "Monday" is text, but this setting needs a list`, "see clinic.hours.0.days in"},
		{"closing time as a list", "  hours:\n    - days: [Monday]\n      opens: \"08:00\"\n      closes: [17]\n",
			`config.yaml:7:7: this value is a list, but the setting needs text`, "see clinic.hours.0.closes in"},
		{"latitude as text", "  geo: {latitude: north}\n",
			`config.yaml:4:3: "north" is text, but this setting needs a number`, "see clinic.geo.latitude in"},
		{"closure date", "  closures:\n    - {name: X, date: tomorrow}\n",
			`config.yaml:5:5: "tomorrow" is not a date; write it as 2026-12-25`, ""},
		{"day name", "  hours:\n    - {days: [Mondays], opens: \"08:00\", closes: \"17:00\"}\n",
			`config.yaml:5:5: "Mondays" is not a day of the week`, "English day names"},
		{"opening time", "  hours:\n    - {days: [Monday], opens: 8am, closes: \"17:00\"}\n",
			`config.yaml:5:5: opening time "8am" is not a 24-hour time`, `"08:00"`},
		{"crisis line href", "crisis:\n  lines:\n    - {name: Bad, action: Call, number: \"1\", href: \"javascript:alert(1)\"}\n",
			`config.yaml:6:`, "tel:988"},
		{"crisis line text", "crisis:\n  lines:\n    - {name: Bad, action: Call, number: \"1\", href: \"tel:1\", text: \"tel:988\"}\n",
			`config.yaml:6:`, "sms:988"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := config.Load([]byte(head + tt.yaml))
			var errs []string
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d.Error())
				}
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0], tt.want) || !strings.Contains(errs[0], "; ") || !strings.Contains(errs[0][strings.Index(errs[0], "; "):], tt.fix) {
				t.Errorf("errors:\n%s\nwant one starting %q with %q in its fix", strings.Join(errs, "\n"), tt.want, tt.fix)
			}
		})
	}
}
