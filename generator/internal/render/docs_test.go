package render

import (
	"html/template"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/site"
)

// TestLayoutsDoc: docs/layouts.md, where a template error sends the
// editor, documents every template function (a "### name" section), every
// field of what a layout reads (.Page, .Site, .Config and dot itself), and
// its examples use only functions that exist.
func TestLayoutsDoc(t *testing.T) {
	b, err := os.ReadFile("../../../docs/layouts.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	r := &Renderer{cfg: &config.Config{}}
	funcs := r.funcs()
	for name := range funcs {
		if !strings.Contains(doc, "\n### "+name+"\n") {
			t.Errorf("docs/layouts.md has no section for the template function %s", name)
		}
	}

	// The fields named in the first cell of a table row, by the heading
	// (### or **bold**) the table is under.
	documented := map[string][]string{}
	heading := ""
	cell := regexp.MustCompile("`\\.?(\\w+)`")
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			heading = strings.TrimSpace(strings.TrimLeft(line, "#"))
		case strings.HasPrefix(line, "**"):
			heading = strings.SplitN(strings.TrimPrefix(line, "**"), "**", 2)[0]
		case strings.HasPrefix(line, "| "):
			first := strings.SplitN(line[2:], " | ", 2)[0]
			for _, m := range cell.FindAllStringSubmatch(first, -1) {
				documented[heading] = append(documented[heading], m[1])
			}
		}
	}
	for _, c := range []struct {
		heading string
		typ     reflect.Type
	}{
		{"What a layout reads", reflect.TypeFor[Data]()},
		{".Page", reflect.TypeFor[site.Page]()},
		{".Site", reflect.TypeFor[site.Site]()},
		{".Config", reflect.TypeFor[config.Config]()},
		{"Clinic", reflect.TypeFor[config.Clinic]()},
		{"Crisis", reflect.TypeFor[config.Crisis]()},
		{"CrisisLine", reflect.TypeFor[config.CrisisLine]()},
	} {
		for f := range c.typ.Fields() {
			if f.IsExported() && !f.Anonymous && !slices.Contains(documented[c.heading], f.Name) {
				t.Errorf("docs/layouts.md, %s: the field %s is not in its table", c.heading, f.Name)
			}
		}
	}

	// Every example parses with the template functions layouts have.
	block := regexp.MustCompile("(?s)```\n(.*?)```")
	n := 0
	for _, m := range block.FindAllStringSubmatch(doc, -1) {
		if !strings.Contains(m[1], "{{") {
			continue
		}
		n++
		if _, err := template.New("example").Funcs(funcs).Parse(m[1]); err != nil {
			t.Errorf("docs/layouts.md example does not parse: %v\n%s", err, m[1])
		}
	}
	if n < len(funcs) {
		t.Errorf("docs/layouts.md has %d examples, fewer than the %d template functions", n, len(funcs))
	}
}
