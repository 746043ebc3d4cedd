package render

// partialCached: a partial rendered once per build for each key a layout
// gives, as in Hugo.
//
//	{{partialCached "partials/page-item.html" CONTEXT VARIANT…}}
//
// executes the partial with CONTEXT as dot the first time the partial name
// and the VARIANT values come together in a build, and prints that output
// again whenever they come back, whatever CONTEXT is then. The variants
// must therefore say everything the output depends on besides the site:
// a list item drawn from one page is keyed by that page (a *site.Page) and
// by whatever else the call passes in (a heading level). Variants are
// compared with ==: pages, strings, numbers and booleans; anything else
// (a map, a list) is an error. At most three variants.
//
// Like a {{template}} call in HTML text, the output is HTML: call it where
// text goes, not inside an attribute or a script. Dev renders never cache:
// `generator serve` changes pages in place.
//
// In HTML text, html/template passes the output through its HTML escaper,
// which returns a template.HTML as it is; once a layout set is escaped,
// New drops that escaper from {{partialCached …}} actions (dropEscaper),
// which saves a reflective call per item of a list without changing a
// byte.

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
)

// maxVariants is how many variants one partialCached call may pass.
const maxVariants = 3

// keyedKey identifies one partialCached output.
type keyedKey struct {
	set, partial string
	n            int
	v            [maxVariants]any
}

// partialCachedIn returns the partialCached function of the layout set t
// (named set).
func (r *Renderer) partialCachedIn(set string, t *template.Template) func(string, any, ...any) (template.HTML, error) {
	run := func(partial string, ctx any) (template.HTML, error) {
		// A strings.Builder hands its bytes over without a copy; most
		// partials cached this way (list items, links) fit in the first
		// 512 bytes.
		var buf strings.Builder
		buf.Grow(512)
		if err := t.ExecuteTemplate(&buf, partial, ctx); err != nil {
			return "", err
		}
		return template.HTML(buf.String()), nil
	}
	return func(partial string, ctx any, variants ...any) (template.HTML, error) {
		if len(variants) > maxVariants {
			return "", fmt.Errorf("partialCached %q: %d variants, at most %d", partial, len(variants), maxVariants)
		}
		k := keyedKey{set: set, partial: partial, n: len(variants)}
		for i, v := range variants {
			if v != nil && !reflect.TypeOf(v).Comparable() {
				return "", fmt.Errorf("partialCached %q: variant %d is a %T, which cannot be a key; pass a page, a string or a number", partial, i+1, v)
			}
			k.v[i] = v
		}
		if r.dev {
			return run(partial, ctx)
		}
		// AppendPage has set the cache to the page's Site and Now.
		return r.keyed.get(nil, k, func() (template.HTML, error) { return run(partial, ctx) })
	}
}

// htmlEscaper is the escaper html/template appends to an action in HTML
// text context.
const htmlEscaper = "_html_template_htmlescaper"

// dropEscaper removes the HTML escaper from an action that prints a
// partialCached call in HTML text, {{partialCached … |
// _html_template_htmlescaper}} as html/template escaped it: partialCached
// returns template.HTML, which that escaper returns unchanged, so the
// output is the same. Actions in any other context (an attribute, a
// script) keep their escapers.
func dropEscaper(n *parse.ActionNode) {
	if p := n.Pipe; len(p.Decl) == 0 && len(p.Cmds) == 2 && isIdent(p.Cmds[0], "partialCached", false) && isIdent(p.Cmds[1], htmlEscaper, true) {
		p.Cmds = p.Cmds[:1]
	}
}

// isIdent reports whether the command c calls the function name (alone,
// with no arguments, when alone is set).
func isIdent(c *parse.CommandNode, name string, alone bool) bool {
	if len(c.Args) == 0 || (alone && len(c.Args) != 1) {
		return false
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == name
}
