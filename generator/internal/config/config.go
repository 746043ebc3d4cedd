// Package config turns config.yaml into a typed, validated Config.
//
// Load never fails silently: a YAML syntax error, a value of the wrong type
// (say `paginate: ten`, or an hours table given as a string) or an unknown
// key is a diagnostic at config.yaml:line. Keys left out take the defaults
// documented on each field, and setting one key of a nested table (such as
// related.weights.text) keeps the defaults of its siblings.
//
// Placeholders lists the values the clinic still has to confirm (fictional
// 555-01xx phone numbers, "PLACEHOLDER" and "TODO" text), for `check`.
package config

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/slug"
)

// File is the configuration file's name in the site root.
const File = "config.yaml"

// Config is the whole site configuration.
type Config struct {
	BaseURL  string `yaml:"baseURL"`  // absolute, ends in "/"; default "http://localhost/"
	Title    string `yaml:"title"`    // site title; required
	Language string `yaml:"language"` // BCP 47, default "en-US"
	// Languages, when set, make the site multilingual (see languages.go).
	Languages  []Language `yaml:"languages"`
	TimeZone   string     `yaml:"timeZone"` // IANA name, default "UTC"
	Paginate   int        `yaml:"paginate"` // items per list page, default 10
	Taxonomies []string   `yaml:"taxonomies"`
	Related    Related    `yaml:"related"`
	Feeds      Feeds      `yaml:"feeds"`
	Search     Search     `yaml:"search"`
	Markdown   Markdown   `yaml:"markdown"`
	Images     Images     `yaml:"images"`
	// Readability holds the reading-level target.
	Readability Readability `yaml:"readability"`
	Health      Health      `yaml:"health"`
	Clinic      Clinic      `yaml:"clinic"`
	Crisis      Crisis      `yaml:"crisis"`
	People      []Person    `yaml:"people"`
	Menu        []Link      `yaml:"menu"`
	Footer      []Link      `yaml:"footer"`
	// Redirects are old URLs no page's aliases hold (an old site's
	// category archives, say), each sent to a page of this site.
	Redirects []Redirect     `yaml:"redirects"`
	Params    map[string]any `yaml:"params"`

	// Location is TimeZone loaded; set by Load.
	Location *time.Location `yaml:"-"`
	// Lines maps dotted keys ("clinic.telephone") to their line in config.yaml.
	Lines map[string]int `yaml:"-"`
	// Source is the file's bytes, for quoting lines in later diagnostics.
	Source []byte `yaml:"-"`
}

// Related configures related posts.
type Related struct {
	Count    int     `yaml:"count"`    // default 5
	Weights  Weights `yaml:"weights"`  // each defaults separately
	Services int     `yaml:"services"` // related service pages per article, default 2
}

// Weights are the related-post score weights.
type Weights struct {
	Tags    float64 `yaml:"tags"`    // default 1
	Text    float64 `yaml:"text"`    // default 1
	Recency float64 `yaml:"recency"` // default 0.05
}

// Search configures the site search (the /search/ page and its index).
type Search struct {
	// Enabled is nil when config.yaml leaves it out: search is on.
	Enabled *bool `yaml:"enabled"`
	// Exclude lists sections ("legal"), content files
	// ("content/website-privacy.md") or URLs ("/contact/") left out of the
	// index; path.Match wildcards are allowed.
	Exclude []string `yaml:"exclude"`
	// Synonyms are groups of words or phrases that find each other, added
	// to the built-in groups (search.DefaultSynonyms).
	Synonyms [][]string `yaml:"synonyms"`
}

// On reports whether the site has search (search.enabled, default true).
func (s Search) On() bool { return s.Enabled == nil || *s.Enabled }

// Feeds configures RSS, Atom and JSON Feed output.
type Feeds struct {
	FullContent bool `yaml:"fullContent"` // default false: summaries
	Limit       int  `yaml:"limit"`       // default 20
}

// Markdown configures the Markdown policy.
type Markdown struct {
	RawHTML string `yaml:"rawHTML"` // "drop" (default) or "allow"
}

// Images configures how photos (JPEG and PNG in content/ and assets/) are
// published: resized copies for srcset, without the metadata a camera
// records. SVG, GIF and WebP files are copied as they are.
type Images struct {
	// Widths of the resized copies in pixels, default [480, 800, 1200,
	// 1600]; no copy is wider than its original.
	Widths []int `yaml:"widths"`
	// Quality of JPEG copies, 1..100, default 80 (PNG stays lossless).
	Quality int `yaml:"quality"`
	// MaxPixels is the largest width×height accepted, default 40000000.
	MaxPixels int `yaml:"maxPixels"`
	// Sizes is the sizes attribute of images in the article column.
	Sizes string `yaml:"sizes"`
	// Cache is the folder, relative to the site root, that keeps resized
	// copies between builds; default ".cache/images".
	Cache string `yaml:"cache"`
}

// Readability configures the reading-level warning.
type Readability struct {
	MaxGrade float64 `yaml:"maxGrade"` // default 8
	// MinPerspicuity is the Szigriszt-Pazos perspicuity target of Spanish
	// pages (INFLESZ scale; 55 is the lower bound of "normal").
	MinPerspicuity float64 `yaml:"minPerspicuity"` // default 55
}

// Health configures the health-content duties.
type Health struct {
	ReviewInterval    int      `yaml:"reviewInterval"` // months, default 12
	MentalHealthTerms []string `yaml:"mentalHealthTerms"`
	Disclaimer        string   `yaml:"disclaimer"`
}

// Clinic describes the medical clinic for pages and JSON-LD.
type Clinic struct {
	Name                 string    `yaml:"name"`
	LegalName            string    `yaml:"legalName"`
	Description          string    `yaml:"description"`
	Telephone            string    `yaml:"telephone"`
	Email                string    `yaml:"email"`
	Address              Address   `yaml:"address"`
	Geo                  *Geo      `yaml:"geo"`
	Hours                []Hours   `yaml:"hours"`
	Closures             []Closure `yaml:"closures"`
	MedicalSpecialty     []string  `yaml:"medicalSpecialty"`
	AcceptingNewPatients *bool     `yaml:"acceptingNewPatients"`
	Languages            []string  `yaml:"languages"`
	DirectionsURL        string    `yaml:"directionsURL"`
}

// Address is a postal address (schema.org PostalAddress field names).
type Address struct {
	StreetAddress   string `yaml:"streetAddress"`
	AddressLocality string `yaml:"addressLocality"`
	AddressRegion   string `yaml:"addressRegion"`
	PostalCode      string `yaml:"postalCode"`
	AddressCountry  string `yaml:"addressCountry"`
}

// Geo is a latitude and longitude.
type Geo struct {
	Latitude  float64 `yaml:"latitude"`
	Longitude float64 `yaml:"longitude"`
}

// Hours is one opening-hours row.
type Hours struct {
	Days   []string `yaml:"days"`   // English day names
	Opens  string   `yaml:"opens"`  // "08:00"
	Closes string   `yaml:"closes"` // "18:00"
}

// Closure is a day the clinic is closed.
type Closure struct {
	// Name is the closure's name in the configuration's language
	// (ForLanguage picks it from Names, which config.yaml's name: fills).
	Name  string `yaml:"-"`
	Names Text   `yaml:"name"` // "Christmas Day" or {en-US: …, es: …}
	Date  Date   `yaml:"date"`
}

// Date is a calendar day written as YYYY-MM-DD.
type Date struct{ time.Time }

// UnmarshalYAML accepts a YYYY-MM-DD date.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a date; write it as 2026-12-25", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// Crisis holds the crisis lines shown in the crisis box and help strip.
type Crisis struct {
	Heading   string       `yaml:"heading"`
	Lines     []CrisisLine `yaml:"lines"`
	Emergency string       `yaml:"emergency"`
}

// CrisisLine is one way to reach crisis help: Action and a link (Href) to
// Number, and, when Text is set (an sms: address), TextAction and a second
// link that opens a text message: "Call 988 or text 988".
type CrisisLine struct {
	Name   string `yaml:"name"`
	Action string `yaml:"action"`
	Number string `yaml:"number"`
	Href   string `yaml:"href"`
	// Then is said after the number, before any Text link: "and press 2"
	// (optional).
	Then       string `yaml:"then"`
	Text       string `yaml:"text"`       // "sms:988"; optional
	TextAction string `yaml:"textAction"` // default "or text"
}

// TextNumber is the number of the Text link, as shown ("988").
func (l CrisisLine) TextNumber() string {
	return strings.TrimSpace(strings.TrimPrefix(l.Text, "sms:"))
}

// Person is an author or reviewer.
type Person struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Credentials string `yaml:"credentials"`
	// Role and Bio are in the configuration's language: ForLanguage
	// picks them from Roles and Bios, which config.yaml's role: and
	// bio: fill (one text, or one per language).
	Role  string `yaml:"-"`
	Bio   string `yaml:"-"`
	Roles Text   `yaml:"role"`
	Bios  Text   `yaml:"bio"`
}

// Redirect is one entry of redirects: the old path and the new one.
type Redirect struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// Link is a menu entry.
type Link struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// Default returns the configuration used for keys config.yaml leaves out.
func Default() Config {
	return Config{
		BaseURL:     "http://localhost/",
		Language:    "en-US",
		TimeZone:    "UTC",
		Paginate:    10,
		Taxonomies:  []string{"tags", "categories"},
		Related:     Related{Count: 5, Services: 2, Weights: Weights{Tags: 1, Text: 1, Recency: 0.05}},
		Feeds:       Feeds{Limit: 20},
		Markdown:    Markdown{RawHTML: "drop"},
		Readability: Readability{MaxGrade: 8, MinPerspicuity: 55},
		Images:      Images{Widths: []int{480, 800, 1200, 1600}, Quality: 80, MaxPixels: 40_000_000, Sizes: "(min-width: 46rem) 42rem, 100vw", Cache: ".cache/images"},
		Health: Health{
			ReviewInterval:    12,
			MentalHealthTerms: []string{"mental health", "peer support", "depression", "anxiety", "suicide prevention", "crisis"},
			Disclaimer:        "This article is general health information, not medical advice. Talk with your own clinician about your situation.",
		},
		Crisis: Crisis{
			Heading: "If you are in crisis, help is available now",
			Lines: []CrisisLine{
				{Name: "988 Suicide & Crisis Lifeline", Action: "Call", Number: "988", Href: "tel:988", Text: "sms:988", TextAction: "or text"},
				{Name: "988 Lifeline chat", Action: "Chat online at", Number: "988lifeline.org", Href: "https://988lifeline.org/chat/"},
			},
			Emergency: "If you or someone else is in immediate danger, call 911.",
		},
	}
}

// Load parses config.yaml. It returns a usable Config (defaults filled in)
// together with diagnostics; the Config must not be used when the
// diagnostics hold an Error.
func Load(src []byte) (Config, diag.List) {
	c := Default()
	c.Source = src
	c.Lines = map[string]int{}
	var ds diag.List
	errAt := func(line int, fix, format string, args ...any) {
		ds = append(ds, diag.Errorf(File, src, line, 0, fix, format, args...))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line, msg := yamlErr(err.Error())
		// The parser names the line where it noticed the problem;
		// ExplainYAML finds where it starts and what kind it is.
		pr := diag.ExplainYAML(strings.Split(strings.TrimRight(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n"), "\n"), line, msg)
		ds = append(ds, diag.Errorf(File, src, pr.Line, pr.Col, pr.Fix, "config.yaml is not valid YAML: %s", pr.Msg))
		return c, ds
	}
	if len(root.Content) == 0 {
		errAt(1, "add at least `title: Your site name`", "config.yaml is empty")
		return c, ds
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		errAt(doc.Line, "write config.yaml as `key: value` lines", "config.yaml must be a map of settings")
		return c, ds
	}
	recordLines(doc, "", c.Lines)
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		for _, e := range yamlErrs(err) {
			line, msg := yamlErr(e)
			fix := "see the configuration reference in README.md"
			if strings.Contains(msg, "not found in type") {
				name := strings.TrimPrefix(msg[:strings.Index(msg, " not found")], "field ")
				typ := msg[strings.LastIndex(msg, " ")+1:]
				msg = fmt.Sprintf("unknown setting %q", name)
				fix = "check its spelling against the configuration reference in README.md"
				if best, ok := diag.Nearest(name, settingsOf(typ)); ok {
					fix = fmt.Sprintf("did you mean %q?", best)
				}
			} else if strings.Contains(msg, "cannot unmarshal") {
				k, n := settingAt(doc, "", line, typeRE.FindStringSubmatch(msg))
				value := ""
				if k != "" {
					fix = "see " + k + " in the configuration reference in README.md"
					if n.Kind == yaml.ScalarNode {
						value = n.Value // yaml.v3 clips long values to "1 Main ..."
					}
				}
				msg = friendlyType(msg, value)
			}
			errAt(line, fix, "%s", msg)
		}
		return c, ds
	}
	ds = append(ds, c.validate()...)
	return c, ds
}

// simpleName reports whether s is a lower-case ASCII name that can stand
// as it is in a URL: a letter, then letters, digits and hyphens.
func simpleName(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
		case i > 0 && (r >= '0' && r <= '9' || r == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// settingsOf returns the setting names of the configuration type named
// typeName in a yaml.v3 error ("config.Clinic"), found by walking Config.
func settingsOf(typeName string) []string {
	var walk func(t reflect.Type, seen map[reflect.Type]bool) []string
	walk = func(t reflect.Type, seen map[reflect.Type]bool) []string {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return nil
		}
		seen[t] = true
		var names []string
		for i := range t.NumField() {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if tag != "" && tag != "-" {
				names = append(names, tag)
			}
		}
		if t.String() == typeName {
			return names
		}
		for i := range t.NumField() {
			if found := walk(t.Field(i).Type, seen); found != nil {
				return found
			}
		}
		return nil
	}
	return walk(reflect.TypeFor[Config](), map[reflect.Type]bool{})
}

func (c *Config) validate() diag.List {
	var ds diag.List
	at := func(key string) int { return c.Lines[key] }
	errAt := func(key, fix, format string, args ...any) {
		ds = append(ds, diag.Errorf(File, c.Source, at(key), 0, fix, format, args...))
	}
	warnAt := func(key, fix, format string, args ...any) {
		ds = append(ds, diag.Warnf(File, c.Source, at(key), 0, fix, format, args...))
	}
	if strings.TrimSpace(c.Title) == "" {
		errAt("title", "add `title: Your clinic's name`", "the site has no title")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errAt("baseURL", "write it like https://www.example.org/", "baseURL %q is not an absolute http(s) URL", c.BaseURL)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		errAt("timeZone", "use an IANA name such as America/New_York", "unknown time zone %q", c.TimeZone)
		loc = time.UTC
	}
	c.Location = loc
	c.validateLanguages(errAt)
	c.checkTexts(errAt)
	if c.Paginate < 1 {
		errAt("paginate", "use a whole number such as 10", "paginate must be at least 1")
	}
	if c.Related.Count < 1 {
		errAt("related.count", "use a whole number such as 5", "related.count must be at least 1")
	}
	if c.Related.Services < 0 {
		errAt("related.services", "use 0, 1 or 2", "related.services cannot be negative")
	}
	synKeys := []string{"search.synonyms"}
	synGroups := [][][]string{c.Search.Synonyms}
	for i, l := range c.Languages {
		synKeys = append(synKeys, fmt.Sprintf("languages.%d.search.synonyms", i))
		synGroups = append(synGroups, l.Search.Synonyms)
	}
	for k, groups := range synGroups {
		for i, g := range groups {
			words := 0
			for _, w := range g {
				if strings.TrimSpace(w) != "" {
					words++
				}
			}
			if words < 2 {
				warnAt(synKeys[k], "list two or more words or phrases in each group, e.g. [shot, vaccine]", "%s group %d has fewer than two words; it is ignored", synKeys[k], i+1)
			}
		}
	}
	for _, e := range c.Search.Exclude {
		if _, err := path.Match(e, ""); err != nil || strings.TrimSpace(e) == "" {
			errAt("search.exclude", "write a section name, a content file or a URL such as /contact/", "search.exclude entry %q is not a valid pattern", e)
		}
	}
	for _, k := range []struct {
		key string
		v   float64
	}{{"related.weights.tags", c.Related.Weights.Tags}, {"related.weights.text", c.Related.Weights.Text}, {"related.weights.recency", c.Related.Weights.Recency}} {
		if k.v < 0 {
			errAt(k.key, "use 0 to switch a part off", "%s cannot be negative", k.key)
		}
	}
	switch c.Markdown.RawHTML {
	case "drop", "allow":
	default:
		errAt("markdown.rawHTML", "use drop or allow", "markdown.rawHTML must be drop or allow, not %q", c.Markdown.RawHTML)
	}
	c.validateImages(errAt)
	if c.Feeds.Limit < 1 {
		errAt("feeds.limit", "use a whole number such as 20", "feeds.limit must be at least 1")
	}
	if c.Health.ReviewInterval < 1 {
		errAt("health.reviewInterval", "use a number of months such as 12", "health.reviewInterval must be at least 1 month")
	}
	seenTax := map[string]bool{}
	for i, t := range c.Taxonomies {
		if !simpleName(t) || seenTax[t] {
			errAt(fmt.Sprintf("taxonomies.%d", i), "use plural names of lower-case letters, digits and hyphens such as tags (they become /tags/ addresses)", "taxonomy %q is empty, repeated or not a simple name", t)
		}
		seenTax[t] = true
	}
	days := map[string]bool{"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true}
	for i, h := range c.Clinic.Hours {
		key := fmt.Sprintf("clinic.hours.%d", i)
		for _, d := range h.Days {
			if !days[d] {
				errAt(key, "use English day names such as Monday", "%q is not a day of the week", d)
			}
		}
		for _, t := range []string{h.Opens, h.Closes} {
			if _, err := time.Parse("15:04", t); err != nil {
				errAt(key, `write times as "08:00" in quotes`, "opening time %q is not a 24-hour time", t)
			}
		}
	}
	ids := map[string]bool{}
	pages := map[string]string{} // a person page's URL slug → the id that has it
	for i, p := range c.People {
		key := fmt.Sprintf("people.%d", i)
		if p.ID == "" || p.Name == "" {
			errAt(key, "give each person an id and a name", "person %d has no id or no name", i+1)
		}
		if ids[p.ID] {
			errAt(key, "give each person a different id", "person id %q is used twice", p.ID)
		} else if other, ok := pages[slug.Make(p.ID)]; ok && p.ID != "" {
			// dirtyf and DirtyF: each person has a page at /people/<id>/.
			errAt(key, "give each person an id that differs in more than case or punctuation",
				"person ids %q and %q would share the page /people/%s/", other, p.ID, slug.Make(p.ID))
		}
		ids[p.ID] = true
		if _, ok := pages[slug.Make(p.ID)]; !ok {
			pages[slug.Make(p.ID)] = p.ID
		}
	}
	for i, r := range c.Redirects {
		if !strings.HasPrefix(r.From, "/") || !strings.HasPrefix(r.To, "/") {
			errAt(fmt.Sprintf("redirects.%d", i), "write both as site paths, e.g. from: /category/news/ and to: /categories/news/", "redirect %q → %q: both must start with /", r.From, r.To)
		}
	}
	for _, m := range append(append([]Link{}, c.Menu...), c.Footer...) {
		if !strings.HasPrefix(m.URL, "/") {
			errAt("menu", "menu and footer links are site paths such as /about/", "menu link %q must start with /", m.URL)
		}
	}
	for i, l := range c.Crisis.Lines {
		h := l.Href
		if !strings.HasPrefix(h, "tel:") && !strings.HasPrefix(h, "sms:") && !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") {
			errAt(fmt.Sprintf("crisis.lines.%d.href", i), "write tel:988, sms:838255 or an https:// address", "crisis line %q links to %q, which is not a tel:, sms: or web address", l.Name, h)
		}
		if l.Text != "" && (!strings.HasPrefix(l.Text, "sms:") || l.TextNumber() == "") {
			errAt(fmt.Sprintf("crisis.lines.%d.text", i), "write the number to text as sms:988", "crisis line %q has text %q, which is not an sms: address", l.Name, l.Text)
		}
		if l.Text != "" && strings.TrimSpace(l.TextAction) == "" {
			c.Crisis.Lines[i].TextAction = "or text"
		}
	}
	// Recommended clinic facts (Google's LocalBusiness guidance).
	rec := []struct{ key, v string }{
		{"clinic.name", c.Clinic.Name},
		{"clinic.telephone", c.Clinic.Telephone},
		{"clinic.address.streetAddress", c.Clinic.Address.StreetAddress},
		{"clinic.address.addressLocality", c.Clinic.Address.AddressLocality},
		{"clinic.address.postalCode", c.Clinic.Address.PostalCode},
	}
	for _, r := range rec {
		if strings.TrimSpace(r.v) == "" {
			warnAt("clinic", "add it so search engines and visitors can find the clinic", "clinic setting %s is missing", r.key)
		}
	}
	if len(c.Clinic.Hours) == 0 {
		warnAt("clinic", "add opening hours so visitors know when to come", "clinic setting clinic.hours is missing")
	}
	if c.Clinic.Geo == nil {
		warnAt("clinic", "add latitude and longitude", "clinic setting clinic.geo is missing")
	}
	return ds
}

// Person returns the person with the given id.
func (c *Config) Person(id string) (Person, bool) {
	for _, p := range c.People {
		if p.ID == id {
			return p, true
		}
	}
	return Person{}, false
}

// PeopleIDs lists the ids of config.yaml's people for a message's fix,
// e.g. "clinic-editorial-team, medical-reviewer".
func (c *Config) PeopleIDs() string {
	var ids []string
	for _, p := range c.People {
		ids = append(ids, p.ID)
	}
	if len(ids) == 0 {
		return "none yet: add people to config.yaml first"
	}
	return strings.Join(ids, ", ")
}

// Placeholder is a configured value the clinic still has to confirm.
type Placeholder struct {
	Line  int
	Text  string
	Found string // what marks it: "555 number", "PLACEHOLDER", "TODO", ".example"
}

var (
	phone555 = regexp.MustCompile(`\b555[-. ]?01\d\d\b`)
	// exampleDomain is a host or e-mail address under the reserved
	// .example top-level domain (RFC 2606): never a real clinic's.
	exampleDomain = regexp.MustCompile(`[A-Za-z0-9-]\.example\b`)
)

// Placeholders lists config.yaml lines that still hold a fictional 555-01xx
// number, the words PLACEHOLDER or TODO (in a value or its comment), or a
// domain or e-mail address under .example.
func Placeholders(src []byte) []Placeholder {
	var out []Placeholder
	for i, line := range strings.Split(string(src), "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "#") {
			continue // a comment line describes, it holds no value
		}
		switch {
		case phone555.MatchString(line):
			out = append(out, Placeholder{Line: i + 1, Text: trim, Found: "555 number"})
		case strings.Contains(line, "PLACEHOLDER"):
			out = append(out, Placeholder{Line: i + 1, Text: trim, Found: "PLACEHOLDER"})
		case strings.Contains(line, "TODO"):
			out = append(out, Placeholder{Line: i + 1, Text: trim, Found: "TODO"})
		case exampleDomain.MatchString(line):
			out = append(out, Placeholder{Line: i + 1, Text: trim, Found: ".example"})
		}
	}
	return out
}

// recordLines stores the line of every mapping key and sequence item under
// its dotted path ("clinic.hours.0").
func recordLines(n *yaml.Node, prefix string, lines map[string]int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if prefix != "" {
				k = prefix + "." + k
			}
			lines[k] = n.Content[i].Line
			recordLines(n.Content[i+1], k, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			k := prefix + "." + strconv.Itoa(i)
			lines[k] = c.Line
			recordLines(c, k, lines)
		}
	}
}

func yamlErrs(err error) []string {
	if te, ok := err.(*yaml.TypeError); ok {
		return te.Errors
	}
	return []string{err.Error()}
}

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// yamlErr splits "yaml: line 3: msg" into 3 and "msg".
func yamlErr(s string) (int, string) {
	s = strings.TrimPrefix(s, "yaml: unmarshal errors:\n  ")
	m := lineRE.FindStringSubmatch(s)
	if m == nil {
		return 0, strings.TrimPrefix(s, "yaml: ")
	}
	n, _ := strconv.Atoi(m[1])
	return n, s[len(m[0]):]
}

var typeRE = regexp.MustCompile("cannot unmarshal !!(\\w+)(?: `([^`]*)`)? into (.+)$")

// settingAt finds the setting whose value yaml.v3's type error is about:
// the most nested dotted key ("clinic.hours.0.days") whose value starts at
// line and has the YAML type the error names (m is typeRE's match), and
// that value's node. The key is "" when none matches.
func settingAt(n *yaml.Node, key string, line int, m []string) (string, *yaml.Node) {
	if m == nil {
		return "", nil
	}
	best, bestNode := "", (*yaml.Node)(nil)
	if key != "" && n.Line == line && n.ShortTag() == "!!"+m[1] {
		best, bestNode = key, n
	}
	child := func(k string, v *yaml.Node) {
		if key != "" {
			k = key + "." + k
		}
		if found, fn := settingAt(v, k, line, m); len(found) > len(best) {
			best, bestNode = found, fn
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			child(n.Content[i].Value, n.Content[i+1])
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			child(strconv.Itoa(i), c)
		}
	}
	return best, bestNode
}

// friendlyType rewrites yaml.v3's type error for an editor.
func friendlyType(msg, value string) string {
	m := typeRE.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	kinds := map[string]string{"str": "text", "int": "a whole number", "float": "a number", "bool": "true or false", "seq": "a list", "map": "a table of settings"}
	got := kinds[m[1]]
	if got == "" {
		got = m[1]
	}
	want := m[3]
	switch {
	case strings.HasPrefix(want, "[]"):
		want = "a list"
	case strings.HasPrefix(want, "config."), strings.HasPrefix(want, "map"):
		want = "a table of settings"
	case want == "int":
		want = "a whole number"
	case want == "float64":
		want = "a number"
	case want == "bool":
		want = "true or false"
	case want == "string":
		want = "text"
	}
	if value != "" {
		m[2] = value
	}
	if m[2] != "" && len(m[2]) < 40 {
		return fmt.Sprintf("%q is %s, but this setting needs %s", m[2], got, want)
	}
	return fmt.Sprintf("this value is %s, but the setting needs %s", got, want)
}

// validateImages checks images.*.
func (c *Config) validateImages(errAt func(key, fix, format string, args ...any)) {
	im := &c.Images
	if len(im.Widths) == 0 {
		errAt("images.widths", "list widths in pixels such as [480, 800, 1200, 1600]", "images.widths is empty")
	}
	for i, w := range im.Widths {
		if w < 16 || w > 8192 {
			errAt(fmt.Sprintf("images.widths.%d", i), "use widths in pixels between 16 and 8192 such as 800", "images.widths has %d, not a sensible width", w)
		}
	}
	if im.Quality < 1 || im.Quality > 100 {
		errAt("images.quality", "use a number from 1 to 100; 80 suits photos", "images.quality must be 1 to 100, not %d", im.Quality)
	}
	if im.MaxPixels < 1 {
		errAt("images.maxPixels", "use a number of pixels such as 40000000 (40 MP)", "images.maxPixels must be positive")
	}
	if strings.TrimSpace(im.Sizes) == "" || strings.ContainsAny(im.Sizes, `"<>`) {
		errAt("images.sizes", "write a sizes attribute such as (min-width: 46rem) 42rem, 100vw", "images.sizes %q is not a sizes attribute", im.Sizes)
	}
	cache := strings.ReplaceAll(im.Cache, `\`, "/")
	clean := path.Clean(cache)
	top, _, _ := strings.Cut(clean, "/")
	switch {
	case cache == "" || path.IsAbs(cache) || clean == "." || clean == ".." || strings.HasPrefix(clean, "../"):
		errAt("images.cache", "use a folder inside the site such as .cache/images", "images.cache %q is not a folder inside the site", im.Cache)
	case top == "content" || top == "assets" || top == "layouts" || top == "public" || top == "static":
		errAt("images.cache", "use a folder that is not published or read as content, such as .cache/images", "images.cache %q is inside %s/", im.Cache, top)
	default:
		im.Cache = clean
	}
}
