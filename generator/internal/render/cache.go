package render

// Site-wide partials are rendered once per build instead of once per page.
//
// A partial is site-wide when nothing it shows can differ from one page to
// the next: it reads only .Config, .Site, .Now and .Dev of its data (and
// values reached from them), never .Page or .JSONLD, never passes or prints
// the data itself, and calls only partials that are site-wide too. The
// footer and the help strip of the default theme are; the header, which
// marks the current page in the menu, is not. The analysis is conservative:
// what it cannot prove site-wide is executed for every page as before.
//
// After a layout set is parsed, New escapes it (html/template does that on
// first execution) and replaces each {{template "partials/x.html" .}} call
// left in HTML text context by an action that prints the partial's cached
// output. html/template names a call made in any other context (an
// attribute, a script) differently, so only calls whose output in that
// place is exactly the partial executed on its own are replaced. The cache
// is keyed by layout set, partial, *site.Site and Now, so a Renderer
// serves any number of builds; a Site must not change while its pages
// render. Dev renders (generator serve patches pages in place) never cache.

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	ttemplate "text/template"
	"text/template/parse"
	"time"

	"clinicgen/generator/internal/site"
)

// cacheFunc is the template function the rewritten calls use.
const cacheFunc = "_clinicgen_cached"

// cacheEntryPrefix names the template New adds to a layout set for each
// site-wide partial: {{template "partials/x.html" .}} alone, so the
// partial executes in HTML text context exactly as a call in text does.
const cacheEntryPrefix = "\x00cached:"

// siteWideRoots are the fields of Data a site-wide partial may read.
var siteWideRoots = map[string]bool{"Config": true, "Site": true, "Now": true, "Dev": true}

// buildCache holds outputs that hold for one Site and Now (one build):
// the site-wide partials (keyed by cacheKey) and the partialCached ones
// (keyedKey, cached.go).
type buildCache[K comparable] struct {
	mu      sync.Mutex
	site    *site.Site
	now     time.Time
	entries map[K]*cacheEntry
}

// use starts afresh when d's Site or Now is not the one cached.
func (c *buildCache[K]) use(d *Data) {
	c.mu.Lock()
	c.useLocked(d)
	c.mu.Unlock()
}

func (c *buildCache[K]) useLocked(d *Data) {
	if c.entries == nil || c.site != d.Site || !c.now.Equal(d.Now) || c.now.Location() != d.Now.Location() {
		c.site, c.now, c.entries = d.Site, d.Now, map[K]*cacheEntry{}
	}
}

// get returns the output for k, made by run the first time k is asked
// for since the last use. With d set, the cache first follows d's Site
// and Now.
func (c *buildCache[K]) get(d *Data, k K, run func() (template.HTML, error)) (template.HTML, error) {
	c.mu.Lock()
	switch {
	case d != nil:
		c.useLocked(d)
	case c.entries == nil:
		c.entries = map[K]*cacheEntry{}
	}
	e := c.entries[k]
	if e == nil {
		e = &cacheEntry{}
		c.entries[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.out, e.err = run() })
	return e.out, e.err
}

type cacheKey struct{ set, partial string }

type cacheEntry struct {
	once sync.Once
	out  template.HTML
	err  error
}

// cached returns the output of partial in the layout set named set for d,
// executing it the first time for d's Site and Now.
func (r *Renderer) cached(set, partial string, d *Data) (template.HTML, error) {
	t := r.sets[set]
	if d == nil || t == nil || !r.wide[cacheKey{set, partial}] {
		return "", fmt.Errorf("%s is internal to the generator", cacheFunc)
	}
	return r.cache.get(d, cacheKey{set, partial}, func() (template.HTML, error) {
		var buf bytes.Buffer
		err := t.ExecuteTemplate(&buf, cacheEntryPrefix+partial, d)
		return template.HTML(buf.String()), err
	})
}

// siteWidePartials returns the partials of the layout set t that render
// the same on every page.
func siteWidePartials(t *template.Template) []string {
	var out []string
	for _, x := range t.Templates() {
		if strings.HasPrefix(x.Name(), "partials/") && siteWide(t, x.Name(), map[string]bool{}) {
			out = append(out, x.Name())
		}
	}
	sort.Strings(out)
	return out
}

// cacheSiteWide adds a cache entry template for each of the site-wide
// partials wide to the layout set t (named set), escapes t, and rewrites
// its calls of those partials in text context to print their cached
// output (and its partialCached actions, see rewriteCalls). It must run before t is executed; when escaping fails, t is left
// as it was and Page reports the error.
func (r *Renderer) cacheSiteWide(set string, t *template.Template, wide []string) {
	var ok []string
	for _, p := range wide {
		if _, err := t.New(cacheEntryPrefix + p).Parse(`{{template "` + p + `" .}}`); err == nil {
			ok = append(ok, p)
		}
	}
	// Execute escapes every template it reaches before it evaluates
	// anything, and stops at the first field of the nil data with an
	// ExecError; any other error is an escaping error.
	escaped := func(err error) bool {
		var ee ttemplate.ExecError
		return err == nil || errors.As(err, &ee)
	}
	if !escaped(t.Execute(io.Discard, nil)) {
		return
	}
	rewrite := map[string]bool{}
	for _, p := range ok {
		// A partial that does not end in text context cannot stand alone.
		if escaped(t.ExecuteTemplate(io.Discard, cacheEntryPrefix+p, nil)) {
			rewrite[p] = true
			r.wide[cacheKey{set, p}] = true
		}
	}
	seen := map[*parse.ListNode]bool{}
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil && !strings.HasPrefix(x.Name(), cacheEntryPrefix) {
			rewriteCalls(x.Tree.Root, set, rewrite, seen)
		}
	}
}

// rewriteCalls replaces, in list and below, each call of a partial in wide
// whose name html/template left as it is (text context) by a cached call,
// and drops the escaper html/template added after partialCached calls in
// text (dropEscaper, cached.go).
func rewriteCalls(list *parse.ListNode, set string, wide map[string]bool, seen map[*parse.ListNode]bool) {
	if list == nil || seen[list] {
		return
	}
	seen[list] = true
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			dropEscaper(n)
		case *parse.TemplateNode:
			if wide[n.Name] && isDot(n.Pipe) {
				if a := cachedAction(set, n.Name); a != nil {
					list.Nodes[i] = a
				}
			}
		case *parse.IfNode:
			rewriteCalls(n.List, set, wide, seen)
			rewriteCalls(n.ElseList, set, wide, seen)
		case *parse.WithNode:
			rewriteCalls(n.List, set, wide, seen)
			rewriteCalls(n.ElseList, set, wide, seen)
		case *parse.RangeNode:
			rewriteCalls(n.List, set, wide, seen)
			rewriteCalls(n.ElseList, set, wide, seen)
		case *parse.ListNode:
			rewriteCalls(n, set, wide, seen)
		}
	}
}

// cachedAction is the action {{_clinicgen_cached "set" "partial" .}}.
func cachedAction(set, partial string) parse.Node {
	tr := parse.New("cached")
	tr.Mode = parse.SkipFuncCheck
	src := "{{" + cacheFunc + " " + strconv.Quote(set) + " " + strconv.Quote(partial) + " .}}"
	tree, err := tr.Parse(src, "{{", "}}", map[string]*parse.Tree{})
	if err != nil || tree == nil || tree.Root == nil || len(tree.Root.Nodes) != 1 {
		return nil
	}
	return tree.Root.Nodes[0]
}

// isDot reports whether pipe is exactly ".".
func isDot(pipe *parse.PipeNode) bool {
	if pipe == nil || len(pipe.Decl) != 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := pipe.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

// siteWide reports whether the template name of set t renders the same
// for every page of a build. visiting guards against recursion.
func siteWide(t *template.Template, name string, visiting map[string]bool) bool {
	if visiting[name] {
		return false
	}
	visiting[name] = true
	defer delete(visiting, name)
	x := t.Lookup(name)
	if x == nil || x.Tree == nil || x.Tree.Root == nil {
		return false
	}
	v := wideCheck{t: t, visiting: visiting}
	return v.list(x.Tree.Root, true)
}

// wideCheck walks a template's tree; root tells whether dot is the *Data.
type wideCheck struct {
	t        *template.Template
	visiting map[string]bool
}

// pureFuncs are the functions a site-wide partial may call: the
// builtins but call, and this package's functions.
var pureFuncs = map[string]bool{
	"and": true, "or": true, "not": true, "len": true, "index": true, "slice": true,
	"print": true, "printf": true, "println": true, "html": true, "js": true, "urlquery": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"asset": true, "absURL": true, "date": true, "isoDate": true, "datetime": true,
	"tel": true, "join": true, "hasPrefix": true, "menuCurrent": true, "pluralize": true, "dict": true,
	"days": true, "clock": true, "upcoming": true,
}

func (v wideCheck) list(l *parse.ListNode, root bool) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		if !v.node(n, root) {
			return false
		}
	}
	return true
}

func (v wideCheck) node(n parse.Node, root bool) bool {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	case *parse.ActionNode:
		return v.pipe(n.Pipe, root)
	case *parse.IfNode:
		return v.pipe(n.Pipe, root) && v.list(n.List, root) && v.list(n.ElseList, root)
	case *parse.WithNode:
		// Inside, dot is the pipeline's value, which pipe proved is not
		// the data itself; the else branch keeps the outer dot.
		return v.pipe(n.Pipe, root) && v.list(n.List, false) && v.list(n.ElseList, root)
	case *parse.RangeNode:
		return v.pipe(n.Pipe, root) && v.list(n.List, false) && v.list(n.ElseList, root)
	case *parse.TemplateNode:
		if !root || !isDot(n.Pipe) || !strings.HasPrefix(n.Name, "partials/") {
			return false
		}
		return siteWide(v.t, n.Name, v.visiting)
	case *parse.ListNode:
		return v.list(n, root)
	}
	return false
}

func (v wideCheck) pipe(p *parse.PipeNode, root bool) bool {
	if p == nil {
		return true
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			if !v.arg(a, root) {
				return false
			}
		}
	}
	return true
}

func (v wideCheck) arg(a parse.Node, root bool) bool {
	switch a := a.(type) {
	case *parse.BoolNode, *parse.NumberNode, *parse.StringNode, *parse.NilNode:
		return true
	case *parse.IdentifierNode:
		return pureFuncs[a.Ident]
	case *parse.DotNode:
		return !root
	case *parse.FieldNode:
		return !root || siteWideRoots[a.Ident[0]]
	case *parse.VariableNode:
		// $ is the data; every other variable holds a value a checked
		// pipeline produced.
		if a.Ident[0] == "$" {
			return len(a.Ident) > 1 && siteWideRoots[a.Ident[1]]
		}
		return true
	case *parse.PipeNode:
		return v.pipe(a, root)
	case *parse.ChainNode:
		return v.arg(a.Node, root)
	}
	return false
}
