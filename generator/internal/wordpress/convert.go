package wordpress

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	htmltomd "github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Resolver answers the questions conversion has about the rest of the
// export and the new site. Its methods may be called many times per post.
type Resolver interface {
	// Link returns the new href for a link to href (absolute, as written
	// in the post): a relative path to a Markdown file or a copied
	// upload, or "" to keep href as it is.
	Link(href string) string
	// Image returns the new src and alt text of an image; ok false leaves
	// the image out.
	Image(src, alt string) (newSrc, newAlt string, ok bool)
	// Gallery returns the source URLs of the attachments with these ids.
	Gallery(ids []string) []string
}

// Note is something conversion reports about one post.
type Note struct {
	Kind string // "shortcode", "embed", "dropped", "flattened"
	Text string
}

// Converter turns a post's HTML into Markdown. Make one per import; it is
// not safe for concurrent use.
type Converter struct {
	conv *htmltomd.Converter
}

// NewConverter returns a Converter with CommonMark, GFM tables and
// strikethrough.
func NewConverter() *Converter {
	return &Converter{conv: htmltomd.NewConverter(htmltomd.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		table.NewTablePlugin(),
		strikethrough.NewStrikethroughPlugin(),
	))}
}

// maxDepth is how deep elements may nest before conversion flattens them
// (keeping their text and images): WordPress content never needs more,
// and a post of nested <div>s must not exhaust the stack.
const maxDepth = 48

// Convert turns one post's content into Markdown: the paragraph rule for
// classic content, block comments removed, shortcodes, embeds, headings,
// links and images as the package documentation describes.
func (c *Converter) Convert(content string, r Resolver) (string, []Note, error) {
	var notes []Note
	content = strings.ReplaceAll(content, "\r\n", "\n")
	if !strings.Contains(content, "<!-- wp:") {
		content = Autop(content)
	}
	content = shortcodes(content, r, &notes)
	content, deep := limitDepth(content)
	if deep {
		notes = append(notes, Note{Kind: "flattened", Text: fmt.Sprintf("elements nested more than %d deep were flattened to their text and images", maxDepth)})
	}
	doc, err := html.Parse(strings.NewReader(content))
	if err != nil {
		return "", notes, err
	}
	body := findBody(doc)
	if body == nil {
		return "", notes, nil
	}
	clean(body, r, &notes, headingShift(body))
	out, err := c.conv.ConvertNode(body)
	if err != nil {
		return "", notes, err
	}
	md := strings.TrimSpace(string(out))
	if md != "" {
		md += "\n"
	}
	return md, notes, nil
}

// limitDepth drops the tags of elements nested deeper than maxDepth,
// keeping their text, images and line breaks, in one linear pass: the
// HTML parser's scope checks walk the stack of open elements, so a post of
// a million nested <div>s would otherwise take quadratic time.
func limitDepth(s string) (string, bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deep := 0, false
	var b strings.Builder
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if void(a) {
				if depth < maxDepth || a == atom.Img || a == atom.Br {
					b.Write(raw)
				}
				continue
			}
			depth++
			if depth > maxDepth {
				deep = true
				continue
			}
		case html.EndTagToken:
			depth--
			if depth >= maxDepth {
				continue
			}
			if depth < 0 {
				depth = 0
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); depth >= maxDepth && a != atom.Img && a != atom.Br {
				continue
			}
		}
		b.Write(raw)
	}
	if !deep {
		return s, false
	}
	return b.String(), true
}

func void(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

func findBody(n *html.Node) *html.Node {
	for stack := []*html.Node{n}; len(stack) > 0; {
		n, stack = stack[len(stack)-1], stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	return nil
}

// blockTag matches the start of a chunk that the paragraph rule leaves
// alone, as WordPress's wpautop does.
var blockTag = regexp.MustCompile(`(?i)^\s*</?(table|thead|tbody|tfoot|tr|td|th|caption|ul|ol|li|dl|dd|dt|h[1-6]|blockquote|pre|div|figure|figcaption|p|hr|form|script|style|iframe|section|article|aside|header|footer|nav|address|details|summary|math|svg|!--)[\s>/]`)

var endsInBreak = regexp.MustCompile(`(?i)(<br\s*/?>|</?(p|div|li|ul|ol|table|tr|td|th|h[1-6]|blockquote|figure|figcaption)[^>]*>)\s*$`)

var blankLine = regexp.MustCompile(`\n\s*\n`)

var preBlock = regexp.MustCompile(`(?is)<pre[\s>].*?</pre>`)

// Autop applies WordPress's paragraph rule to classic-editor content:
// text separated by a blank line is a paragraph, and a single line break
// inside one is a <br>. Chunks that start with a block element, and <pre>
// blocks, are left as written.
func Autop(s string) string {
	var pres []string
	s = preBlock.ReplaceAllStringFunc(s, func(m string) string {
		pres = append(pres, m)
		return fmt.Sprintf("\n\n\x00pre%d\x00\n\n", len(pres)-1)
	})
	var b strings.Builder
	for _, chunk := range blankLine.Split(s, -1) {
		chunk = strings.Trim(chunk, "\n")
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		if strings.HasPrefix(chunk, "\x00pre") {
			var i int
			if _, err := fmt.Sscanf(chunk, "\x00pre%d\x00", &i); err == nil && i < len(pres) {
				b.WriteString(pres[i])
				b.WriteString("\n")
				continue
			}
		}
		if blockTag.MatchString(chunk) {
			b.WriteString(chunk)
			b.WriteString("\n")
			continue
		}
		b.WriteString("<p>")
		lines := strings.Split(strings.TrimSpace(chunk), "\n")
		for i, l := range lines {
			b.WriteString(l)
			if i < len(lines)-1 {
				// A line that already ends in a <br> or a block tag gets
				// no second break.
				if !endsInBreak.MatchString(l) {
					b.WriteString("<br>")
				}
				b.WriteString("\n")
			}
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

// shortcodeRe matches an opening or closing shortcode tag: [name attrs] or
// [/name].
var shortcodeRe = regexp.MustCompile(`\[(/?)([a-z][a-z0-9_-]*)((?:\s+[^\]\[]*)?)\]`)

var attrRe = regexp.MustCompile(`([a-zA-Z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))`)

func shortcodeAttrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		m[strings.ToLower(a[1])] = a[2] + a[3] + a[4]
	}
	return m
}

// shortcodes expands [caption], [gallery] and [embed]; any other shortcode
// is left as text and noted.
func shortcodes(s string, r Resolver, notes *[]Note) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	for {
		loc := shortcodeRe.FindStringSubmatchIndex(s)
		if loc == nil {
			b.WriteString(s)
			return b.String()
		}
		closing := s[loc[2]:loc[3]] == "/"
		name := s[loc[4]:loc[5]]
		attrs := s[loc[6]:loc[7]]
		b.WriteString(s[:loc[0]])
		rest := s[loc[1]:]
		if closing {
			// A stray closing tag: keep it as text (an unknown one was
			// already noted with its opening tag).
			b.WriteString(s[loc[0]:loc[1]])
			s = rest
			continue
		}
		inner, after, paired := cutClosing(rest, name)
		switch name {
		case "caption", "wp_caption":
			if !paired {
				break
			}
			caption := shortcodeAttrs(attrs)["caption"]
			// The caption is the text after the image (or its link).
			if i := strings.LastIndex(strings.ToLower(inner), ">"); i >= 0 && caption == "" {
				inner, caption = inner[:i+1], strings.TrimSpace(inner[i+1:])
			}
			b.WriteString("<figure>" + inner + "<figcaption>" + caption + "</figcaption></figure>")
			s = after
			continue
		case "gallery":
			var ids []string
			for _, id := range strings.Split(shortcodeAttrs(attrs)["ids"], ",") {
				if id = strings.TrimSpace(id); id != "" {
					ids = append(ids, id)
				}
			}
			srcs := r.Gallery(ids)
			for _, src := range srcs {
				b.WriteString(`<p><img src="` + html.EscapeString(src) + `"></p>`)
			}
			if len(srcs) == 0 {
				*notes = append(*notes, Note{Kind: "shortcode", Text: "[gallery] shows no image the export holds: add the images by hand"})
			}
			s = rest
			continue
		case "embed":
			u := strings.TrimSpace(inner)
			if !paired {
				u = shortcodeAttrs(attrs)["src"]
			}
			if paired {
				s = after
			} else {
				s = rest
			}
			if u != "" {
				b.WriteString(`<p>` + embedLink(u, "") + `</p>`)
			}
			continue
		}
		*notes = append(*notes, Note{Kind: "shortcode", Text: "[" + name + "]"})
		b.WriteString(s[loc[0]:loc[1]])
		s = rest
	}
}

// cutClosing finds [/name] in s.
func cutClosing(s, name string) (inner, after string, ok bool) {
	i := strings.Index(s, "[/"+name+"]")
	if i < 0 {
		return "", s, false
	}
	return s[:i], s[i+len(name)+3:], true
}

// embedLink is the plain link that replaces an embed: the title when
// there is one, else a label from the host.
func embedLink(src, title string) string {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return html.EscapeString(title)
	}
	if title == "" {
		host := strings.TrimPrefix(u.Hostname(), "www.")
		switch {
		case strings.Contains(host, "youtube") || host == "youtu.be":
			title = "Watch the video on YouTube"
		case strings.Contains(host, "vimeo"):
			title = "Watch the video on Vimeo"
		case strings.Contains(host, "google") && strings.Contains(u.Path, "maps"):
			title = "See the map on Google Maps"
		case strings.Contains(host, "openstreetmap"):
			title = "See the map on OpenStreetMap"
		default:
			title = "See it on " + host
		}
	}
	// youtube.com/embed/ID is not a page for people: link the watch page.
	if strings.Contains(u.Host, "youtube") && strings.HasPrefix(u.Path, "/embed/") {
		id := strings.TrimPrefix(u.Path, "/embed/")
		u = &url.URL{Scheme: "https", Host: "www.youtube.com", Path: "/watch", RawQuery: "v=" + url.QueryEscape(id)}
	}
	return `<a href="` + html.EscapeString(u.String()) + `">` + html.EscapeString(title) + `</a>`
}

// dropped are elements removed with everything in them.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Form: true, atom.Noscript: true, atom.Object: true,
	atom.Embed: true, atom.Input: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Audio: true, atom.Video: true,
	atom.Canvas: true, atom.Link: true, atom.Meta: true, atom.Head: true,
}

// keptAttrs are the attributes that survive; every other (style, class,
// id, on…, data-…) is dropped.
var keptAttrs = map[string]bool{"href": true, "src": true, "alt": true, "title": true, "colspan": true, "rowspan": true, "start": true}

// clean applies our rules to the parsed body, iteratively (the tree may be
// deep): it drops and rewrites elements and attributes, shifts headings,
// and flattens anything deeper than maxDepth.
func clean(body *html.Node, r Resolver, notes *[]Note, shift int) {
	type frame struct {
		n     *html.Node
		depth int
	}
	flattened := false
	droppedTags := map[string]bool{}
	stack := []frame{{body, 0}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.depth >= maxDepth && n.FirstChild != nil {
			flatten(n)
			flattened = true
		}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if repl := rewrite(c, r, notes, droppedTags, shift); repl != c {
				if repl != nil {
					n.InsertBefore(repl, c)
				}
				n.RemoveChild(c)
				if repl == nil {
					c = next
					continue
				}
				c = repl
			}
			if c.Type == html.ElementNode {
				stack = append(stack, frame{c, f.depth + 1})
			}
			c = next
		}
	}
	if flattened {
		*notes = append(*notes, Note{Kind: "flattened", Text: fmt.Sprintf("elements nested more than %d deep were flattened to their text and images", maxDepth)})
	}
	for _, t := range sortedKeys(droppedTags) {
		*notes = append(*notes, Note{Kind: "dropped", Text: "<" + t + "> removed"})
	}
}

// flatten replaces n's descendants by their text, images and line breaks,
// in document order, without recursion.
func flatten(n *html.Node) {
	var keep []*html.Node
	stack := []*html.Node{}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case c.Type == html.TextNode, c.Type == html.ElementNode && (c.DataAtom == atom.Img || c.DataAtom == atom.Br):
			keep = append(keep, c)
			continue
		case c.Type == html.ElementNode && dropped[c.DataAtom]:
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	for _, k := range keep {
		if k.Parent != nil {
			k.Parent.RemoveChild(k)
		}
	}
	// Detach the emptied subtrees (iteratively, children first).
	for n.FirstChild != nil {
		n.RemoveChild(n.FirstChild)
	}
	for _, k := range keep {
		n.AppendChild(k)
	}
}

// rewrite returns the replacement of one node: itself (possibly changed),
// another node, or nil to remove it.
func rewrite(c *html.Node, r Resolver, notes *[]Note, droppedTags map[string]bool, shift int) *html.Node {
	switch c.Type {
	case html.CommentNode, html.DoctypeNode:
		return nil // block-editor <!-- wp:… --> comments among them
	case html.ElementNode:
	default:
		return c
	}
	if dropped[c.DataAtom] {
		if c.DataAtom == atom.Script || c.DataAtom == atom.Form || c.DataAtom == atom.Object || c.DataAtom == atom.Embed || c.DataAtom == atom.Video || c.DataAtom == atom.Audio {
			droppedTags[c.Data] = true
		}
		return nil
	}
	if c.DataAtom == atom.Iframe {
		src, title := attr(c, "src"), attr(c, "title")
		*notes = append(*notes, Note{Kind: "embed", Text: "iframe " + src + " became a plain link"})
		return parseInline(`<p>` + embedLink(src, title) + `</p>`)
	}
	if c.DataAtom == atom.Div && strings.Contains(attr(c, "class"), "wp-block-embed__wrapper") {
		u := strings.TrimSpace(textOf(c))
		return parseInline(`<p>` + embedLink(u, "") + `</p>`)
	}
	if c.DataAtom == atom.Figcaption {
		// A caption reads as an emphasised line under its image.
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		em := &html.Node{Type: html.ElementNode, Data: "em", DataAtom: atom.Em}
		p.AppendChild(em)
		for c.FirstChild != nil {
			k := c.FirstChild
			c.RemoveChild(k)
			em.AppendChild(k)
		}
		return p
	}
	var attrs []html.Attribute
	for _, a := range c.Attr {
		if keptAttrs[strings.ToLower(a.Key)] && a.Namespace == "" {
			attrs = append(attrs, a)
		}
	}
	c.Attr = attrs
	switch c.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.DataAtom = headings[min(max(level(c.DataAtom)+shift, 2), 6)-1]
		c.Data = c.DataAtom.String()
	case atom.A:
		if href := attr(c, "href"); href != "" {
			if nh := r.Link(href); nh != "" {
				setAttr(c, "href", nh)
			}
		}
	case atom.Img:
		src, alt, ok := r.Image(attr(c, "src"), attr(c, "alt"))
		if !ok {
			return nil
		}
		setAttr(c, "src", src)
		setAttr(c, "alt", alt)
	}
	return c
}

var headings = []atom.Atom{atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}

// level is a heading's level, 1 to 6, or 0.
func level(a atom.Atom) int {
	for i, h := range headings {
		if a == h {
			return i + 1
		}
	}
	return 0
}

// headingShift is how many levels the post's headings move so that its
// highest becomes h2: the title is the page's only h1, and the outline
// starts right under it with no level skipped (a post whose top heading
// is h1 moves down one; one that starts at h3 moves up one).
func headingShift(body *html.Node) int {
	top := 0
	for stack := []*html.Node{body}; len(stack) > 0; {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if l := level(n.DataAtom); n.Type == html.ElementNode && l > 0 && (top == 0 || l < top) {
			top = l
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	if top == 0 {
		return 0
	}
	return 2 - top
}

func parseInline(s string) *html.Node {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	ns, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil || len(ns) == 0 {
		return nil
	}
	return ns[0]
}

func textOf(n *html.Node) string {
	var b bytes.Buffer
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
