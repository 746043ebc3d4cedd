package markdown

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"clinicgen/generator/internal/diag"

	"github.com/spf13/cast"
)

// FrontMatter is the typed front matter of a content file. Keys are matched
// ignoring case (expirydate is expiryDate, as Hugo reads them): title date
// lastmod publishDate expiryDate draft description summary slug url aliases
// tags categories author authors reviewedBy lastReviewed image imageAlt imageFocus
// weight layout params. Keys that differ only in case in one file are an
// Error. A few keys of Hugo and Jekyll are read the way those tools read
// them (published: false is a draft, category one more category, excerpt a
// summary) or ignored with a
// Warning that names the tool (permalink, menu, toc…); any other key is a
// Warning and is ignored (the editor's own keys belong under params).
//
// Loose values are converted where the meaning is plain: a number or yes/no
// written for a text field is kept as written; a list item that is a number
// becomes its text; a quoted whole number is accepted as weight; aliases may
// be one path; categories written as one piece of text without commas are
// split at spaces, as Jekyll does. Everything else of the wrong type is an
// Error and leaves the field at its zero value.
type FrontMatter struct {
	Title, Description, Summary, Slug, URL, Author, ReviewedBy, Image, ImageAlt, Layout string

	// TranslationKey links the translations of one page whose file names
	// differ (see README "Languages"); "" links them by file name.
	TranslationKey string

	// Authors are the person ids of authors and author, author first,
	// without repeats, when authors is given (nil otherwise: Author alone
	// is the author); Author is the first of them (the byline).
	Authors []string

	// ImageFocus says which part of a photo `image` the share crop keeps:
	// one of ImageFocuses() ("" means center).
	ImageFocus string

	// Dates are zero when absent. A date written without a zone is in
	// Options.Location.
	Date, Lastmod, PublishDate, ExpiryDate, LastReviewed time.Time

	Draft bool

	// Aliases, Tags and Categories are trimmed, without empty or repeated
	// items.
	Aliases, Tags, Categories []string

	Weight int

	// Params is the editor's own map; nested maps are map[string]any and
	// nested lists []any.
	Params map[string]any

	// Lines maps each top-level key to its 1-based line in the file, as
	// written and, for a key written in another case, by its name here
	// (Lines["expiryDate"] for expirydate).
	Lines map[string]int
}

// ImageFocuses returns the values of imageFocus.
func ImageFocuses() []string {
	return []string{"center", "top", "bottom", "left", "right", "top-left", "top-right", "bottom-left", "bottom-right"}
}

// maxListItems is the number of tags, categories or aliases above which a
// Warning says the list has stopped being useful.
const maxListItems = 25

// knownKeyList returns the front matter keys in the documented order.
func knownKeyList() []string {
	return []string{"title", "date", "lastmod", "publishDate", "expiryDate", "draft", "description",
		"summary", "slug", "url", "aliases", "tags", "categories", "author", "authors", "reviewedBy",
		"lastReviewed", "image", "imageAlt", "imageFocus", "weight", "layout", "translationKey", "params"}
}

// knownKey returns the canonical string for a known key without allocating.
func knownKey(k []byte) (string, bool) {
	switch string(k) {
	case "title":
		return "title", true
	case "date":
		return "date", true
	case "lastmod":
		return "lastmod", true
	case "publishDate":
		return "publishDate", true
	case "expiryDate":
		return "expiryDate", true
	case "draft":
		return "draft", true
	case "description":
		return "description", true
	case "summary":
		return "summary", true
	case "slug":
		return "slug", true
	case "url":
		return "url", true
	case "aliases":
		return "aliases", true
	case "tags":
		return "tags", true
	case "categories":
		return "categories", true
	case "author":
		return "author", true
	case "authors":
		return "authors", true
	case "reviewedBy":
		return "reviewedBy", true
	case "lastReviewed":
		return "lastReviewed", true
	case "image":
		return "image", true
	case "imageAlt":
		return "imageAlt", true
	case "weight":
		return "weight", true
	case "imageFocus":
		return "imageFocus", true
	case "layout":
		return "layout", true
	case "params":
		return "params", true
	case "translationKey":
		return "translationKey", true
	}
	return "", false
}

// decodeFront checks and converts the YAML map that goldmark-meta produced.
func (st *state) decodeFront(m map[string]any, fb frontBlock) FrontMatter {
	fm := FrontMatter{Lines: make(map[string]int, len(fb.keys))}
	for _, kl := range fb.keys {
		fm.Lines[kl.key] = kl.line
	}
	var authors []string
	for k, v := range m {
		line := fm.Lines[k]
		if line == 0 {
			line = 1 // a key the line scan did not see, e.g. {title: x}
		}
		if st.field(&fm, &authors, k, v, line) {
			continue
		}
		// Keys are matched ignoring case, as Hugo does (expirydate).
		if known := canonicalKey(k); known != k {
			if _, both := m[known]; both {
				continue // scanFront reported the pair; the exact name wins
			}
			if _, ok := fm.Lines[known]; !ok {
				fm.Lines[known] = line
			}
			st.field(&fm, &authors, known, v, line)
			continue
		}
		if !st.foreignKey(&fm, k, v, line) {
			st.unknownKey(k, line)
		}
	}
	if st.category != "" {
		fm.Categories = appendItem(fm.Categories, st.category)
	}
	if len(authors) > 0 {
		// A page with only author gets no list: nothing to allocate.
		fm.Authors = make([]string, 0, len(authors)+1)
		fm.Authors = appendItem(fm.Authors, fm.Author)
		fm.Authors = appendItems(fm.Authors, authors)
		fm.Author = fm.Authors[0]
	}

	if fm.Title == "" {
		if line, ok := fm.Lines["title"]; ok {
			st.add(diag.Error, "frontmatter-title", line, 0, "write the page title after title:",
				"title is empty")
		} else {
			st.add(diag.Error, "frontmatter-title", 1, 0,
				"add a line title: Your page title between the --- lines", "front matter has no title")
		}
	}
	if fm.Image != "" && fm.ImageAlt == "" {
		st.add(diag.Error, "frontmatter-image-alt", fm.Lines["image"], 0,
			"add imageAlt: a short description of what the share image shows",
			"image has no imageAlt")
	}
	if fm.ImageFocus != "" && !slices.Contains(ImageFocuses(), fm.ImageFocus) {
		st.add(diag.Error, "frontmatter-image-focus", fm.Lines["imageFocus"], 0,
			"use one of "+strings.Join(ImageFocuses(), ", "),
			"imageFocus %q is not a part of a picture", fm.ImageFocus)
	}
	if fm.Image != "" && fm.ImageAlt != "" {
		if msg, fix, bad := altProblem(fm.ImageAlt, fm.Image); bad {
			st.add(diag.Warning, "image-alt-text", fm.Lines["imageAlt"], 0, fix, "imageAlt: %s", msg)
		}
	}
	if fm.Slug != "" && (strings.ContainsAny(fm.Slug, `/\`) || fm.Slug == "." || fm.Slug == "..") {
		st.add(diag.Error, "frontmatter-slug", fm.Lines["slug"], 0,
			"use only lowercase letters, digits and hyphens, e.g. slug: flu-shots",
			"slug %q escapes its section", fm.Slug)
	}
	if fm.URL != "" {
		st.checkPath("url", fm.URL, fm.Lines["url"], "write the page's path from the site root, e.g. url: /services/flu-shots/")
	}
	for _, a := range fm.Aliases {
		st.checkPath("alias", a, fm.Lines["aliases"], "write the old path from the site root, e.g. aliases: [/flu/]")
	}
	for _, t := range []struct {
		key   string
		terms *[]string
	}{{"tags", &fm.Tags}, {"categories", &fm.Categories}} {
		if n := len(*t.terms); n > MaxTerms {
			st.add(diag.Error, "frontmatter-"+t.key, fm.Lines[t.key], 0,
				fmt.Sprintf("keep the few that say what the page is about (at most %d): each makes a page and a feed that list this page", MaxTerms),
				"%d %s on one page", n, t.key)
			*t.terms = (*t.terms)[:MaxTerms] // the rest of the build stays small
		}
	}
	return fm
}

// field decodes the known key k (exact name) into fm, or reports false.
func (st *state) field(fm *FrontMatter, authors *[]string, k string, v any, line int) bool {
	switch k {
	case "title":
		fm.Title = st.text(k, v, line)
	case "description":
		fm.Description = st.text(k, v, line)
	case "summary":
		fm.Summary = st.text(k, v, line)
	case "slug":
		fm.Slug = st.text(k, v, line)
	case "url":
		fm.URL = st.text(k, v, line)
	case "author":
		fm.Author = st.text(k, v, line)
	case "authors":
		*authors = st.list(k, v, line)
	case "reviewedBy":
		fm.ReviewedBy = st.text(k, v, line)
	case "image":
		fm.Image = st.text(k, v, line)
	case "imageAlt":
		fm.ImageAlt = st.text(k, v, line)
	case "imageFocus":
		fm.ImageFocus = st.text(k, v, line)
	case "layout":
		fm.Layout = st.text(k, v, line)
	case "translationKey":
		fm.TranslationKey = st.text(k, v, line)
	case "date":
		fm.Date = st.date(k, v, line)
	case "lastmod":
		fm.Lastmod = st.date(k, v, line)
	case "publishDate":
		fm.PublishDate = st.date(k, v, line)
	case "expiryDate":
		fm.ExpiryDate = st.date(k, v, line)
	case "lastReviewed":
		fm.LastReviewed = st.date(k, v, line)
	case "draft":
		fm.Draft = st.boolean(k, v, line)
	case "aliases":
		fm.Aliases = st.list(k, v, line)
	case "tags":
		fm.Tags = st.list(k, v, line)
	case "categories":
		fm.Categories = st.list(k, v, line)
	case "weight":
		fm.Weight = st.integer(k, v, line)
	case "params":
		fm.Params = st.params(v, line)
	default:
		return false
	}
	return true
}

// MaxTerms is the most tags, and the most categories, one page may have.
// Each term has a page and a feed that list every page with it, so a page
// of 5,000 tags wrote hundreds of megabytes.
const MaxTerms = 100

// checkPath reports a url or an alias (key) that is not a path of this
// site: one with a scheme or a host ("https://other.example/", which
// would become /https:/other.example/), or one that climbs out with "..".
func (st *state) checkPath(key, p string, line int, fix string) {
	switch {
	case scheme(p) != "" || strings.HasPrefix(p, "//") || strings.HasPrefix(p, `\\`):
		st.add(diag.Error, "frontmatter-"+key, line, 0, fix+"; a page of another site cannot be one of this site's URLs",
			"%s %q is not a path of this site", key, p)
	case strings.Contains(p, `\`) || hasDotDot(p):
		st.add(diag.Error, "frontmatter-"+key, line, 0, fix, "%s %q escapes its section", key, p)
	}
}

// hasDotDot reports whether a slash path has a ".." segment.
func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// rawValue returns the value of a top-level "key: value" line as written,
// without a trailing comment, or "" when it is not on that line.
func (st *state) rawValue(line int) string {
	l := []byte(diag.LineOf(st.src, line))
	i := bytes.IndexByte(l, ':')
	if i < 0 {
		return ""
	}
	return string(trimBlank(stripComment(l[i+1:])))
}

// text decodes a text field.
func (st *state) text(k string, v any, line int) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case int, int64, uint64, float64, bool:
		// YAML read a plain value as a number or yes/no (title: 2024,
		// author: No); the editor meant the text as written.
		if raw := st.rawValue(line); raw != "" {
			return raw
		}
		return fmt.Sprint(x)
	case []any:
		st.add(diag.Error, "frontmatter-type", line, 0, fmt.Sprintf("write it on one line: %s: your text", k),
			"%s must be text, not a list", k)
	default:
		st.add(diag.Error, "frontmatter-type", line, 0,
			fmt.Sprintf("write it on one line: %s: your text; put text that contains a colon in quotes", k),
			"%s must be text, not a group of fields", k)
	}
	return ""
}

// parseDate reads the date forms editors write, and those Hugo and Jekyll
// accept; a date without a zone is in loc.
//
// The common ISO forms are tried first, by hand (they accept a month or day
// without its leading zero, and "2006-01-02T15:04" without seconds). Then
// github.com/spf13/cast's list, the one Hugo uses: RFC 3339, RFC 1123 (with
// a numeric zone, or a zone name, which is read in loc as Hugo does), RFC 822, RFC 850, ANSIC, Unix and Ruby
// dates, "2006-01-02 15:04:05 -0700" (Jekyll's and WordPress exporters'),
// "02 Jan 2006"… Then the long forms "Jan 2, 2006", "January 2, 2006" and
// "2 January 2006". A time without a date (cast accepts "3:04PM") is not a
// date. An impossible day (2026-02-30) or month fails every form.
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	if len(s) < len("2 Jan 06") {
		return time.Time{}, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		// The accepted forms, most common first. Go's parser also
		// accepts fractional seconds after the seconds field.
		layouts := [...]struct {
			layout string
			zoned  bool
		}{
			{"2006-1-2", false},
			{time.RFC3339, true},
			{"2006-1-2T15:04:05Z07:00", true},
			{"2006-1-2 15:04", false},
			{"2006-1-2T15:04", false},
			{"2006-1-2 15:04:05", false},
			{"2006-1-2T15:04:05", false},
			{"2006-1-2 15:04:05Z07:00", true},
			{"2006-1-2T15:04Z07:00", true},
			{"2006-1-2 15:04Z07:00", true},
			{"2006-1-2 15:04:05 -07:00", true},
			{"2006-1-2 15:04:05 -0700", true},
		}
		for _, l := range layouts {
			var t time.Time
			var err error
			if l.zoned {
				t, err = time.Parse(l.layout, s)
			} else {
				t, err = time.ParseInLocation(l.layout, s, loc)
			}
			if err == nil {
				return t, true
			}
		}
	}
	if t, err := cast.ToTimeInDefaultLocationE(s, loc); err == nil {
		if t.Year() == 0 {
			return time.Time{}, false // a time of day without a date
		}
		return t, true
	}
	for _, l := range [...]string{"Jan 2, 2006", "January 2, 2006", "2 January 2006", "Jan 2 2006", "January 2 2006"} {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// date decodes a date field.
func (st *state) date(k string, v any, line int) time.Time {
	loc := st.p.opts.Location
	if loc == nil {
		loc = time.UTC
	}
	switch x := v.(type) {
	case nil:
		return time.Time{}
	case time.Time:
		return x
	case string:
		if t, ok := parseDate(strings.TrimSpace(x), loc); ok {
			return t
		}
		st.add(diag.Error, "frontmatter-date", line, 0, "write it as 2024-05-01, or 2024-05-01 14:30",
			"%s %q is not a date", k, x)
	case []any, map[any]any:
		st.add(diag.Error, "frontmatter-date", line, 0, "write it as 2024-05-01, or 2024-05-01 14:30",
			"%s must be one date", k)
	default:
		st.add(diag.Error, "frontmatter-date", line, 0, "write it as 2024-05-01, or 2024-05-01 14:30",
			"%s %v is not a date", k, x)
	}
	return time.Time{}
}

// boolean decodes draft.
func (st *state) boolean(k string, v any, line int) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		fix := fmt.Sprintf("write %s: true or %s: false, without quotes", k, k)
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "yes", "y", "on", "true", "1":
			fix = fmt.Sprintf("write %s: true", k)
		case "no", "n", "off", "false", "0":
			fix = fmt.Sprintf("write %s: false", k)
		}
		st.add(diag.Error, "frontmatter-type", line, 0, fix, "%s %q must be true or false", k, x)
	default:
		st.add(diag.Error, "frontmatter-type", line, 0,
			fmt.Sprintf("write %s: true or %s: false", k, k), "%s must be true or false", k)
	}
	return false
}

// integer decodes weight.
func (st *state) integer(k string, v any, line int) int {
	switch x := v.(type) {
	case nil:
		return 0
	case int:
		return x
	case int64:
		if x >= math.MinInt32 && x <= math.MaxInt32 {
			return int(x)
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) <= math.MaxInt32 {
			return int(x)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n
		}
	}
	st.add(diag.Error, "frontmatter-type", line, 0, fmt.Sprintf("write a whole number, e.g. %s: 10", k),
		"%s must be a whole number, not %s", k, fmtValue(v))
	return 0
}

// fmtValue shows a YAML value in a message: text quoted, lists and maps by kind.
func fmtValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case []any:
		return "a list"
	case map[any]any:
		return "a group of fields"
	}
	return fmt.Sprint(v)
}

// list decodes tags, categories and aliases.
func (st *state) list(k string, v any, line int) []string {
	var items []string
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		switch {
		case k == "aliases" || k == "authors":
			// One path, or one person (Hugo writes aliases either way).
			return appendItem(nil, strings.TrimSpace(x))
		case k == "categories" && !strings.Contains(x, ","):
			// Jekyll reads categories: health news as two categories.
			items = appendItems(items, strings.Fields(x))
			if len(items) < 2 {
				return items
			}
			st.add(diag.Warning, "frontmatter-list", line, 0,
				fmt.Sprintf("write %s as a list: %s: %s", k, k, flowList(items)),
				"%s is one piece of text, read as words separated by spaces, as Jekyll does", k)
			return items
		}
		for _, s := range strings.Split(x, ",") {
			items = appendItem(items, strings.TrimSpace(s))
		}
		if len(items) == 0 {
			return nil
		}
		st.add(diag.Warning, "frontmatter-list", line, 0,
			fmt.Sprintf("write %s as a list: %s: %s", k, k, flowList(items)),
			"%s is one piece of text, read as %d comma-separated items", k, len(items))
	case []any:
		items = make([]string, 0, len(x))
		for i, it := range x {
			switch y := it.(type) {
			case nil:
			case string:
				items = appendItem(items, strings.TrimSpace(y))
			case int:
				items = appendItem(items, strconv.Itoa(y))
			case int64:
				items = appendItem(items, strconv.FormatInt(y, 10))
			case uint64:
				items = appendItem(items, strconv.FormatUint(y, 10))
			case float64:
				items = appendItem(items, strconv.FormatFloat(y, 'f', -1, 64))
			case bool:
				st.add(diag.Error, "frontmatter-list", line, 0,
					"put the item in quotes, e.g. \"yes\" (YAML reads yes, no, on, off, true and false as a switch)",
					"%s item %d is %v, not text", k, i+1, y)
			default:
				st.add(diag.Error, "frontmatter-list", line, 0,
					fmt.Sprintf("write each item as text: %s: [a, b]", k),
					"%s item %d is %s, not text", k, i+1, fmtValue(it))
			}
		}
		if len(items) == 0 {
			return nil
		}
	default:
		st.add(diag.Error, "frontmatter-list", line, 0, fmt.Sprintf("write %s: [a, b]", k),
			"%s must be a list of text, not %s", k, kindOf(v))
		return nil
	}
	if len(items) > maxListItems {
		st.add(diag.Warning, "frontmatter-list", line, 0,
			fmt.Sprintf("keep the %d or fewer that describe the page best", maxListItems),
			"%s has %d items", k, len(items))
	}
	return items
}

// appendItems adds each of items with appendItem.
func appendItems(items, more []string) []string {
	for _, s := range more {
		items = appendItem(items, s)
	}
	return items
}

// canonicalKey returns the known key that k spells in another case
// ("expirydate" is "expiryDate"), else k.
func canonicalKey(k string) string {
	for _, known := range knownKeyList() {
		if strings.EqualFold(k, known) {
			return known
		}
	}
	return k
}

// foreignKey reads or ignores a key that Hugo or Jekyll front matter uses
// and this site does not, and reports whether k was one. published: false
// (Jekyll) makes a draft; category (Jekyll) is one more category; excerpt
// (Jekyll) is the summary unless summary is given. The others are ignored with a Warning naming the tool; the message
// is the same in every file, so a site copied from such a tool gets one
// line per key (see diag.Group).
func (st *state) foreignKey(fm *FrontMatter, k string, v any, line int) bool {
	switch lk := strings.ToLower(k); lk {
	case "published":
		if b, ok := v.(bool); ok {
			fm.Draft = fm.Draft || !b
			return true
		}
		st.boolean(k, v, line)
		return true
	case "category":
		// Jekyll: one category, added to categories.
		if s := st.text(k, v, line); s != "" {
			st.category = s
		}
		return true
	case "excerpt":
		if s := st.text(k, v, line); s != "" && fm.Summary == "" {
			fm.Summary = s
		}
		return true
	case "permalink":
		st.add(diag.Warning, "frontmatter-foreign", line, 0,
			"remove it; to keep an old address write url: /old/path/, or aliases: [/old/path/] to redirect it",
			"%q (a Jekyll key) is ignored: the page's address comes from its file name, slug or url", k)
		return true
	case "menu", "menus", "toc", "showtoc", "comments", "keywords", "linktitle", "type", "series",
		"sitemap", "outputs", "markup", "translationkey", "featured_image", "thumbnail", "cover",
		"images", "hidden", "headless", "cascade", "resources", "build", "iscjklanguage", "sidebar",
		"share", "related", "redirect_from", "lang":
		st.add(diag.Warning, "frontmatter-foreign", line, 0,
			"remove it, or move it under params: if a layout of this site needs it",
			"%q (a Hugo or Jekyll key) is not used by this site and is ignored", k)
		return true
	}
	return false
}

// appendItem adds a non-empty item that is not already there.
func appendItem(items []string, s string) []string {
	if s == "" {
		return items
	}
	for _, it := range items {
		if it == s {
			return items
		}
	}
	return append(items, s)
}

// flowList writes items as a YAML flow list, quoting items that need it.
func flowList(items []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		if strings.ContainsAny(it, `:#[]{},&*!|>'"%@`+"`") {
			b.WriteString(strconv.Quote(it))
		} else {
			b.WriteString(it)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// kindOf names a YAML value's kind for a message.
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case []any:
		return "a list"
	case bool:
		return "true/false"
	case int, int64, uint64, float64:
		return "a number"
	case map[any]any:
		return "a group of fields"
	}
	return fmt.Sprintf("%T", v)
}

// params converts the editor's own map.
func (st *state) params(v any, line int) map[string]any {
	switch x := v.(type) {
	case nil:
		return nil
	case map[any]any:
		m, _ := st.convert(x, "params", line).(map[string]any)
		return m
	}
	st.add(diag.Error, "frontmatter-type", line, 0,
		"put your own keys on the lines below params:, indented by two spaces",
		"params must be a group of key: value lines, not %s", kindOf(v))
	return nil
}

// convert turns yaml.v2's map[any]any into map[string]any, recursively.
func (st *state) convert(v any, where string, line int) any {
	switch x := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			ks, ok := k.(string)
			if !ok {
				st.add(diag.Error, "frontmatter-type", line, 0,
					fmt.Sprintf("put the key in quotes: \"%v\":", k),
					"key %v in %s is not text", k, where)
				continue
			}
			out[ks] = st.convert(val, where+"."+ks, line)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = st.convert(val, where+"["+strconv.Itoa(i)+"]", line)
		}
		return out
	}
	return v
}

// unknownKey warns about a key this package does not know, suggesting the
// nearest known key: one that differs only in case, one that starts with the
// key or that the key starts with ("desc", "lastmodified"), or one within a
// small edit distance ("tag", "categorys").
func (st *state) unknownKey(k string, line int) {
	if best, ok := diag.Nearest(k, knownKeyList()); ok {
		st.add(diag.Warning, "frontmatter-unknown", line, 0, fmt.Sprintf("did you mean %q?", best),
			"unknown front matter key %q", k)
		return
	}
	st.add(diag.Warning, "frontmatter-unknown", line, 0,
		"remove it, or put your own keys under params:", "unknown front matter key %q", k)
}
