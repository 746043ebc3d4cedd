// Package scaffold makes the file an editor starts a new page from: the
// Markdown file `generator new` writes, with complete front matter and a
// short hint in the body.
//
// The contract: New is pure (values in, a path and bytes out; it reads and
// writes nothing). The file it returns is a draft dated today in the site's
// time zone, with every front matter key of README.md's reference present
// (weight for services only),
// empty where the editor has to fill it in, and a comment saying what goes
// there. Built with --drafts, it builds without an error or a warning: its
// body is too short to be graded and has no links, images or raw HTML.
//
// Where the file goes:
//
//	article  content/articles/<slug>.md
//	service  content/services/<slug>.md
//	page     content/<slug>.md
//
// where <slug> is slug.Make(title), the same rule the model uses for URLs,
// so the file name and the page's URL agree.
package scaffold

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/slug"
)

// Kind is a kind of page `generator new` can start.
type Kind string

// The kinds of page New makes.
const (
	Article Kind = "article"
	Service Kind = "service"
	Page    Kind = "page"
)

// Kinds returns every Kind, in the order the help text lists them.
func Kinds() []Kind { return []Kind{Article, Service, Page} }

// Dir returns the folder, relative to the site root, a kind's files go in.
func (k Kind) Dir() string {
	switch k {
	case Article:
		return "content/articles"
	case Service:
		return "content/services"
	}
	return "content"
}

// File is a file to create.
type File struct {
	// Path is slash-separated and relative to the site root, e.g.
	// "content/articles/flu-shots.md".
	Path string
	Data []byte
}

// Site holds the few site facts a new file needs.
type Site struct {
	// Location is the site's time zone (config timeZone); nil means UTC.
	Location *time.Location
	// People are the ids an author or reviewer may take, for the comments.
	People []string
}

// New returns the file for a new page of kind k titled title, dated now in
// the site's time zone. It fails when the kind is unknown or the title has
// nothing to make a file name from (no letter or digit with an ASCII
// spelling, e.g. only emoji).
func New(k Kind, title string, s Site, now time.Time) (File, error) {
	if k != Article && k != Service && k != Page {
		return File{}, fmt.Errorf("unknown kind of page %q: use article, service or page", string(k))
	}
	title = strings.Join(strings.Fields(strings.ToValidUTF8(title, "")), " ")
	if title == "" {
		return File{}, fmt.Errorf("the title is empty: give one in quotes, e.g. \"Flu shots for adults\"")
	}
	name := slug.Make(title)
	if name == "" {
		return File{}, fmt.Errorf("cannot make a file name from the title %q: use a title with letters or digits", title)
	}
	if name == "index" {
		name = "index-page" // content/index.md would compete with the home page
	}
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	people := "none yet: add people to config.yaml"
	if len(s.People) > 0 {
		people = strings.Join(s.People, ", ")
	}

	var b strings.Builder
	line := func(key, value, comment string) {
		kv := key + ":"
		if value != "" {
			kv += " " + value
		}
		if comment == "" {
			b.WriteString(kv + "\n")
			return
		}
		fmt.Fprintf(&b, "%-26s # %s\n", kv, comment)
	}
	today := now.In(loc).Format("2006-01-02")
	b.WriteString("---\n")
	line("title", yamlText(title), "")
	line("date", today, "publication date; a later date waits until that day")
	line("lastmod", "", "date of the last significant update, e.g. "+today)
	line("publishDate", "", "optional: publish at this date instead of date")
	line("expiryDate", "", "optional: take the page down from this date")
	line("draft", "true", "set to false when the page is ready to publish")
	line("description", `""`, "one or two sentences for search results and cards")
	line("summary", `""`, "optional: list text; else the first paragraph")
	line("slug", "", "optional: the last part of the URL; else the file name")
	line("url", "", "optional: the whole URL path, e.g. /flu/")
	line("aliases", "[]", "old URLs that redirect here, e.g. [/old-page/]")
	line("tags", "[]", "e.g. [peer support, mental health]")
	line("categories", "[]", "e.g. [Mental Health]")
	if k == Service {
		line("weight", "", "position in the list of services: 1 comes first")
	}
	line("author", "", "who wrote it, one of: "+people)
	line("reviewedBy", "", "the clinician who reviewed it, one of: "+people)
	line("lastReviewed", "", "the date of that review, e.g. "+today)
	line("image", "", "share image for link previews, e.g. "+name+".svg next to this file")
	line("imageAlt", `""`, "what the share image shows, in a short sentence")
	line("imageFocus", "", "optional, for a photo: the part the share crop keeps, e.g. top")
	line("layout", "", "optional: a layout name; else the section's")
	line("translationKey", "", "optional: links translations whose file names differ (see README, Languages)")
	line("params", "{}", "optional: your own values for layouts")
	b.WriteString("---\n\n")
	b.WriteString(hint(k))
	return File{Path: k.Dir() + "/" + name + ".md", Data: []byte(b.String())}, nil
}

// hint is the body a new file starts with: plain prose the editor
// replaces, with no links or images that could break the build.
func hint(k Kind) string {
	what := "page"
	switch k {
	case Article:
		what = "article"
	case Service:
		what = "service page"
	}
	return "Replace this paragraph with a short opening that tells the reader what this " + what +
		" is about and who it is for.\n\n" +
		"## A first section\n\n" +
		"Use ## for section headings: the title is the page's only top heading. " +
		"Preview with generator serve. To publish (README.md, Publishing): set draft: false, " +
		"run generator check and fix every error, then build.\n"
}

// yamlText writes s as a YAML scalar: plain when that reads back as the
// same text, else double-quoted.
func yamlText(s string) string {
	if plainSafe(s) {
		return s
	}
	return strconv.Quote(s) // Go's escapes are all valid in YAML double quotes
}

// plainSafe reports whether s can be written unquoted: it starts with a
// letter, holds only letters, digits, spaces and harmless punctuation, and
// is not a word YAML reads as true, false or null.
func plainSafe(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return false
	}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~":
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
			continue
		}
		switch r {
		case '.', ',', '?', '!', '(', ')', '-', '–', '—', '’', '/':
			continue
		}
		return false
	}
	return true
}
