package wordpress

import (
	"encoding/json"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// frontMatter is what an imported page's front matter holds.
type frontMatter struct {
	Title, Description, Author, Image, ImageAlt string
	Date, Lastmod                               time.Time
	Draft                                       bool
	Tags, Categories, Aliases                   []string
}

// render writes the front matter and body. Every string is written as a
// one-line JSON string, which YAML reads as the same double-quoted text,
// so no value can open a block or close the front matter.
func (fm *frontMatter) render(body string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	str := func(k, v string) {
		b.WriteString(k + ": " + quote(v) + "\n")
	}
	list := func(k string, vs []string) {
		if len(vs) == 0 {
			return
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = quote(v)
		}
		b.WriteString(k + ": [" + strings.Join(q, ", ") + "]\n")
	}
	str("title", fm.Title)
	if !fm.Date.IsZero() {
		b.WriteString("date: " + fm.Date.Format(time.RFC3339) + "\n")
	}
	if !fm.Lastmod.IsZero() {
		b.WriteString("lastmod: " + fm.Lastmod.Format(time.RFC3339) + "\n")
	}
	if fm.Draft {
		b.WriteString("draft: true\n")
	}
	if fm.Description != "" {
		str("description", fm.Description)
	}
	list("tags", fm.Tags)
	list("categories", fm.Categories)
	if fm.Author != "" {
		str("author", fm.Author)
	}
	list("aliases", fm.Aliases)
	if fm.Image != "" {
		str("image", fm.Image)
		str("imageAlt", fm.ImageAlt)
	}
	b.WriteString("---\n\n")
	b.WriteString(body)
	return []byte(b.String())
}

func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func htmlUnescape(s string) string { return html.UnescapeString(s) }
