package config

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Text is a setting an editor writes once for every language, or once per
// language of a site with languages: (README "Languages"):
//
//	name: Christmas Day
//	name: {en-US: Christmas Day, es: Día de Navidad}
//
// The per-language form needs the default language's text; a language it
// leaves out shows the default language's. Load checks the shape (see
// checkText) and ForLanguage picks each language's text into the plain
// string field beside it (Closure.Name, Person.Role, Person.Bio), which is
// what layouts read.
type Text struct {
	plain  string
	byLang map[string]string
	keys   []string // the language codes as written, in order
	// bad describes a value of the wrong shape ("a list"); "" when
	// the value is usable.
	bad string
}

// UnmarshalYAML accepts a scalar or a map of scalars; any other shape is
// kept as a problem that checkText reports at the setting's line, with
// what to write instead.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	*t = Text{}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag != "!!null" {
			t.plain = n.Value
		}
	case yaml.MappingNode:
		t.byLang = map[string]string{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				t.bad = fmt.Sprintf("a map whose %s value is %s", k.Value, shape(v))
				return nil
			}
			if _, dup := t.byLang[k.Value]; !dup {
				t.keys = append(t.keys, k.Value)
			}
			t.byLang[k.Value] = v.Value
		}
	default:
		t.bad = shape(n)
	}
	return nil
}

// shape names a YAML node's kind for a message.
func shape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	case yaml.AliasNode:
		return "an alias"
	}
	return "text"
}

// In is the text for language code, else for the default language def
// (every language's when it was written once).
func (t Text) In(code, def string) string {
	if t.byLang == nil {
		return t.plain
	}
	if v := t.byLang[code]; v != "" {
		return v
	}
	return t.byLang[def]
}

// PerLanguage reports whether the text was written per language.
func (t Text) PerLanguage() bool { return t.byLang != nil }

// checkText reports a Text of the wrong shape, a language code that is
// not one of the site's, and a per-language text without the default
// language's, each at the setting's line (key is its dotted path, e.g.
// "clinic.closures.0.name"), and returns the default language's text.
func (c *Config) checkText(errAt func(key, fix, format string, args ...any), key string, t Text) string {
	def := c.DefaultLanguage()
	example := fmt.Sprintf("write one text, or one per language: {%s: …}", strings.Join(c.LanguageCodes(), ": …, "))
	if t.bad != "" {
		errAt(key, example, "%s is %s; it must be text, or a map from language codes to text", key, t.bad)
		return ""
	}
	if !t.PerLanguage() {
		return t.plain
	}
	codes := c.LanguageCodes()
	for _, k := range t.keys {
		known := false
		for _, code := range codes {
			known = known || k == code
		}
		if !known {
			line := key + "." + k
			if c.Lines[line] == 0 {
				line = key
			}
			errAt(line, "use the codes of languages: ("+strings.Join(codes, ", ")+")", "%s has a text for %q, which is not one of the site's languages", key, k)
		}
	}
	if strings.TrimSpace(t.byLang[def]) == "" {
		errAt(key, fmt.Sprintf("add %s: with the text in the default language", def), "%s has no text for the default language (%s)", key, def)
	}
	return t.In(def, def)
}

// written reports whether config.yaml gave the setting.
func (t Text) written() bool { return t.plain != "" || t.byLang != nil || t.bad != "" }

// checkTexts checks the settings written as Text and fills the plain
// fields beside them with the default language's text.
func (c *Config) checkTexts(errAt func(key, fix, format string, args ...any)) {
	for i := range c.Clinic.Closures {
		cl := &c.Clinic.Closures[i]
		if cl.Names.written() {
			cl.Name = c.checkText(errAt, fmt.Sprintf("clinic.closures.%d.name", i), cl.Names)
		}
	}
	for i := range c.People {
		p := &c.People[i]
		if p.Roles.written() {
			p.Role = c.checkText(errAt, fmt.Sprintf("people.%d.role", i), p.Roles)
		}
		if p.Bios.written() {
			p.Bio = c.checkText(errAt, fmt.Sprintf("people.%d.bio", i), p.Bios)
		}
	}
}

// textsIn sets the closures' names and the people's roles and bios to
// language code's text, in copies (the slices are c's).
func (c *Config) textsIn(code string) {
	def := c.DefaultLanguage()
	closures := make([]Closure, len(c.Clinic.Closures))
	for i, cl := range c.Clinic.Closures {
		if cl.Names.PerLanguage() {
			cl.Name = cl.Names.In(code, def)
		}
		closures[i] = cl
	}
	people := make([]Person, len(c.People))
	for i, p := range c.People {
		if p.Roles.PerLanguage() {
			p.Role = p.Roles.In(code, def)
		}
		if p.Bios.PerLanguage() {
			p.Bio = p.Bios.In(code, def)
		}
		people[i] = p
	}
	if c.Clinic.Closures != nil {
		c.Clinic.Closures = closures
	}
	if c.People != nil {
		c.People = people
	}
}
