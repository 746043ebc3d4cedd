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

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"time"

	"clinicgen/generator/internal/site"
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
		return r.keyed.get(k, func() (template.HTML, error) { return run(partial, ctx) })
	}
}

// buildCache holds the partialCached outputs of one build: one Site and
// Now. A Renderer serves any number of builds, one after another; a Site
// must not change while its pages render.
type buildCache struct {
	mu      sync.Mutex
	site    *site.Site
	now     time.Time
	entries map[keyedKey]*cacheEntry
}

type cacheEntry struct {
	once sync.Once
	out  template.HTML
	err  error
}

// use starts afresh when d's Site or Now is not the one cached.
func (c *buildCache) use(d *Data) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.site != d.Site || !c.now.Equal(d.Now) || c.now.Location() != d.Now.Location() {
		c.site, c.now, c.entries = d.Site, d.Now, map[keyedKey]*cacheEntry{}
	}
}

// get returns the output for k, made by run the first time k is asked
// for since the last use.
func (c *buildCache) get(k keyedKey, run func() (template.HTML, error)) (template.HTML, error) {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[keyedKey]*cacheEntry{}
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
