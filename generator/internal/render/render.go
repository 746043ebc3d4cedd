// Package render is the render stage: it parses the site's html/template
// layouts once and executes them for each page of the model.
//
// # Layouts
//
// layouts/_default/baseof.html is the base: it defines the page skeleton
// and calls {{block "main" .}}. A kind layout ({{define "main"}}…) fills it.
// Files under layouts/partials/ are available to every layout as
// {{template "partials/name.html" .}}.
//
// The layout for a page is the first file that exists of:
//
//	layouts/<section>/<layout>.html   (front matter `layout`)
//	layouts/_default/<layout>.html
//	layouts/<section>/<kind>.html
//	layouts/_default/<kind>.html
//
// where kind is one of home, list, article, service, page, term, terms,
// person, people, 404. So an editor overrides one file without copying the
// rest. A section folder may also hold its own baseof.html.
//
// # Template data
//
// Every layout receives a *Data: .Page (the *site.Page), .Site (the
// *site.Site), .Config (the *config.Config), .Dev (true only under
// `generator serve`), .Now, and .JSONLD (the page's structured data as JSON
// text, set by the caller from jsonld.ForPage; a layout writes it with
// {{.}} in a <script type="application/ld+json"> block, where html/template
// passes it through as it is; "" for none).
//
// # Template functions
//
// asset, absURL, date, isoDate, datetime, tel, join, days, clock,
// upcoming, pluralize, hasPrefix, menuCurrent, dict and partialCached
// (see funcs and cached.go). docs/layouts.md is their reference for
// editors, with the fields of .Page, .Site and .Config and the lookup
// order; template errors point there, and TestLayoutsDoc keeps it whole.
//
// Everything is escaped by html/template; page bodies arrive as the
// sanitised HTML the markdown stage produced.
//
// # Partials that are the same on every page
//
// A partial that reads nothing of the page (only .Config, .Site, .Now,
// .Dev), such as the default theme's footer, help strip and head links,
// is called with partialCached and no variants, so it is executed once per
// build and its output reused on every page:
//
//	{{partialCached "partials/footer.html" .}}
//
// Calling it with {{template}} gives the same bytes, executed on every
// page.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/site"
)

// Data is what a layout sees as dot.
type Data struct {
	Page   *site.Page
	Site   *site.Site
	Config *config.Config
	Dev    bool
	Now    time.Time
	JSONLD template.JS // JSON text, trusted: written unescaped in a script
	// SearchIndex is the URL of the search index's manifest, which the
	// /search/ page hands to its script ("" when search is off).
	SearchIndex string
}

// Renderer holds the parsed layouts. It is safe for concurrent use.
type Renderer struct {
	files map[string][]byte // path under layouts/ → source
	sets  map[string]*template.Template
	man   assets.Manifest
	cfg   *config.Config
	dev   bool
	str   *Strings
	langs map[string]*Strings // every language's, for TIn

	keyed buildCache // partialCached outputs (cached.go)
}

// Options configure a Renderer.
type Options struct {
	// Dev marks a `serve` render (Data.Dev): drafts show badges and the
	// live-reload script is included.
	Dev bool
	// Strings are the theme strings of the language this Renderer
	// renders (nil: the default language's, from layouts/i18n).
	Strings *Strings
	// Languages are every language's theme strings by code, for TIn
	// (a page that speaks to readers of another language, such as the
	// 404 page offering the way to each language's home page).
	Languages map[string]*Strings
}

// New parses every layout once. layouts maps paths relative to layouts/
// ("_default/baseof.html") to their source. Parse errors are diagnostics at
// the layout's file and line.
func New(cfg *config.Config, layouts map[string][]byte, man assets.Manifest, o Options) (*Renderer, diag.List) {
	r := &Renderer{files: layouts, sets: map[string]*template.Template{}, man: man, cfg: cfg, dev: o.Dev, str: o.Strings, langs: o.Languages}
	if r.str == nil {
		code := ""
		if cfg != nil {
			code = cfg.DefaultLanguage()
		}
		if code == "" {
			code = "en"
		}
		r.str, _ = LoadStrings(layouts, code, code) // the caller reports their problems
	}
	var ds diag.List
	var partials []string
	for name := range layouts {
		if strings.HasPrefix(name, "partials/") && strings.HasSuffix(name, ".html") {
			partials = append(partials, name)
		}
	}
	sort.Strings(partials)
	bases := map[string]*template.Template{}
	base := func(dir string) (*template.Template, bool) {
		name := dir + "/baseof.html"
		if _, ok := layouts[name]; !ok {
			name = "_default/baseof.html"
		}
		if t, ok := bases[name]; ok {
			return t, t != nil
		}
		src, ok := layouts[name]
		if !ok {
			bases[name] = nil
			return nil, false
		}
		t := template.New(name).Funcs(r.funcs())
		if _, err := t.Parse(string(src)); err != nil {
			ds = append(ds, templateErr(err, layouts))
			bases[name] = nil
			return nil, false
		}
		for _, p := range partials {
			if _, err := t.New(p).Parse(string(layouts[p])); err != nil {
				ds = append(ds, templateErr(err, layouts))
				bases[name] = nil
				return nil, false
			}
		}
		bases[name] = t
		return t, true
	}
	var names []string
	for name := range layouts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "partials/") || path.Base(name) == "baseof.html" {
			continue
		}
		b, ok := base(path.Dir(name))
		if !ok {
			if _, has := layouts["_default/baseof.html"]; !has {
				ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: "layouts/_default/baseof.html", Msg: "the base layout is missing", Fix: "create layouts/_default/baseof.html with {{block \"main\" .}}{{end}} where the page body goes"})
				return r, ds
			}
			continue
		}
		t, err := b.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(layouts[name]))
		}
		if err != nil {
			ds = append(ds, templateErr(err, layouts))
			continue
		}
		t.Funcs(template.FuncMap{"partialCached": r.partialCachedIn(name, t)})
		r.sets[name] = t
	}
	return r, ds
}

// Lookup returns the layout files tried for p, in order, and the first that
// exists ("" if none).
func (r *Renderer) Lookup(p *site.Page) (tried []string, found string) {
	kind := string(p.Kind)
	var cands []string
	if p.Layout != "" {
		if p.Section != "" {
			cands = append(cands, p.Section+"/"+p.Layout+".html")
		}
		cands = append(cands, "_default/"+p.Layout+".html")
	}
	if p.Section != "" {
		cands = append(cands, p.Section+"/"+kind+".html")
	}
	cands = append(cands, "_default/"+kind+".html")
	for _, c := range cands {
		if _, ok := r.sets[c]; ok {
			return cands, c
		}
	}
	return cands, ""
}

// foreignLayout reports the layout names Jekyll and Hugo sites write in
// nearly every file (layout: post). Without a layout of that name here,
// such a page uses its usual layout, as a page without layout: does;
// any other layout name that is not found is an error.
func foreignLayout(name string) bool {
	switch name {
	case "post", "page", "default", "single":
		return true
	}
	return false
}

// Page executes p's layout with d as dot.
func (r *Renderer) Page(d *Data) ([]byte, diag.List) {
	return r.AppendPage(nil, d)
}

// AppendPage is Page writing the page into dst's storage (from dst[:0],
// growing it as needed), so a caller that renders many pages one after
// another can reuse one buffer.
func (r *Renderer) AppendPage(dst []byte, d *Data) ([]byte, diag.List) {
	p := d.Page
	tried, name := r.Lookup(p)
	if name == "" {
		where := p.Path
		if where == "" {
			where = "layouts/_default/" + string(p.Kind) + ".html"
		}
		for i := range tried {
			tried[i] = "layouts/" + tried[i]
		}
		fix := "create one of " + strings.Join(tried, ", ")
		if p.Kind == site.KindSearch {
			fix += ", or turn the site search off with search.enabled: false in config.yaml"
		}
		return nil, diag.List{{Severity: diag.Error, Path: where, Line: lineOf(p, "layout"),
			Msg: fmt.Sprintf("no layout for this %s page", p.Kind), Fix: fix}}
	}
	if p.Layout != "" && !foreignLayout(p.Layout) && !strings.HasSuffix(name, "/"+p.Layout+".html") {
		var looked []string
		for _, c := range tried {
			if strings.HasSuffix(c, "/"+p.Layout+".html") {
				looked = append(looked, "layouts/"+c)
			}
		}
		return nil, []diag.Diagnostic{{Severity: diag.Error, Path: p.Path, Line: lineOf(p, "layout"),
			Msg: fmt.Sprintf("layout %q not found: looked for %s", p.Layout, strings.Join(looked, " and ")),
			Fix: "check the spelling, or remove the layout line to use " + "layouts/" + name}}
	}
	d.Config = r.cfg
	d.Dev = r.dev
	if !r.dev {
		r.keyed.use(d)
	}
	buf := bytes.NewBuffer(dst[:0])
	buf.Grow(32 << 10)
	if err := r.sets[name].Execute(buf, d); err != nil {
		return nil, diag.List{templateErr(err, r.files)}
	}
	return buf.Bytes(), nil
}

func lineOf(p *site.Page, key string) int {
	if p.Doc == nil {
		return 0
	}
	return p.Doc.FM.Lines[key]
}

var tmplErrRE = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// templateErr turns a text/template error into a diagnostic at the
// layout's file and line.
func templateErr(err error, files map[string][]byte) diag.Diagnostic {
	msg := err.Error()
	m := tmplErrRE.FindStringSubmatch(msg)
	if m == nil {
		return diag.Diagnostic{Severity: diag.Error, Path: "layouts", Msg: msg, Fix: "fix the layout template (see docs/layouts.md)"}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	text := m[4]
	if i := strings.LastIndex(text, "template: "); i > 0 { // nested: report the innermost
		if mm := tmplErrRE.FindStringSubmatch(text[i:]); mm != nil {
			m = mm
			line, _ = strconv.Atoi(m[2])
			col, _ = strconv.Atoi(m[3])
			text = m[4]
		}
	}
	name := m[1]
	if j := strings.Index(text, ": "); j > 0 && strings.HasPrefix(text, "executing ") {
		text = text[j+2:]
	}
	return diag.Diagnostic{Severity: diag.Error, Path: "layouts/" + name, Line: line, Col: col,
		Msg: text, Fix: "fix the template at this line (see docs/layouts.md)",
		Source: diag.LineOf(files[name], line)}
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) (assets.Asset, error) {
			a, ok := r.man[name]
			if !ok {
				return assets.Asset{}, fmt.Errorf("no asset %q in assets/", name)
			}
			return a, nil
		},
		"absURL": func(u string) string {
			return strings.TrimSuffix(r.cfg.BaseURL, "/") + "/" + strings.TrimPrefix(u, "/")
		},
		"date": r.str.Date,
		"T":    r.str.T,
		"Tn":   r.str.Tn,
		"TIn":  r.tIn,
		"isoDate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.RFC3339)
		},
		// Bound to each layout set once it is parsed (cached.go).
		"partialCached": func(string, any, ...any) (template.HTML, error) {
			return "", fmt.Errorf("partialCached is not bound to a layout set")
		},
		"days": func(days []string) string {
			return r.str.dayRanges(days)
		},
		"clock": func(hhmm string) string { return clock(r.cfg.Language, hhmm) },
		"upcoming": func(cs []config.Closure, now time.Time) []config.Closure {
			return upcoming(cs, now, r.cfg.Location)
		},
		"tel":       tel,
		"join":      strings.Join,
		"hasPrefix": strings.HasPrefix,
		"menuCurrent": func(url string) []string {
			return menuCurrent(r.cfg, url)
		},
		"pluralize": func(n int, word string) string {
			if n == 1 {
				return "1 " + word
			}
			return strconv.Itoa(n) + " " + word + "s"
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key value pairs")
			}
			m := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict keys must be strings")
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// menuCurrent is the menuCurrent template function.
func menuCurrent(cfg *config.Config, url string) []string {
	if cfg == nil {
		return nil
	}
	out := make([]string, len(cfg.Menu))
	for i, m := range cfg.Menu {
		switch {
		case m.URL == url:
			out[i] = "page"
		case m.URL != "/" && strings.HasPrefix(url, m.URL):
			out[i] = "true"
		}
	}
	return out
}

// tel makes the href of a phone link: "+1-301-555-0100" and
// "tel:+1 301 555 0100" give "tel:+13015550100", and "sms:838255" gives
// "sms:838255". Everything but digits and "+" is dropped, so the result
// cannot carry markup or another scheme, and it is returned as a
// template.URL: html/template would otherwise replace a tel: or sms: URL
// with "#ZgotmplZ", since it lets only http, https and mailto through.
func tel(s string) template.URL {
	scheme := "tel:"
	s = strings.TrimSpace(s)
	if len(s) >= 4 {
		switch strings.ToLower(s[:4]) {
		case "sms:":
			scheme, s = "sms:", s[4:]
		case "tel:":
			s = s[4:]
		}
	}
	var b strings.Builder
	b.WriteString(scheme)
	for _, c := range s {
		if c == '+' || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		}
	}
	return template.URL(b.String())
}

// tIn is the TIn template function: T in the language code (one of the
// site's languages) instead of the page's.
func (r *Renderer) tIn(code, key string, args ...any) (string, error) {
	if s := r.langs[code]; s != nil {
		return s.T(key, args...)
	}
	if r.str != nil && r.str.Lang == code {
		return r.str.T(key, args...)
	}
	return "", fmt.Errorf("TIn: %q is not one of the site's languages", code)
}
