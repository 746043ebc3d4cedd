package wordpress

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"clinicgen/generator/internal/slug"
)

// Options are the settings of an import.
type Options struct {
	// Location is the site's time zone: dates are written in it.
	Location *time.Location
	// Uploads holds a copy of wp-content/uploads; nil when not given.
	Uploads fs.FS
	// KeepRemoteImages keeps an image missing from Uploads as a link to
	// its old URL instead of leaving it out.
	KeepRemoteImages bool
	// People maps the ids already in config.yaml's people list.
	People map[string]bool
}

// File is one file the import writes: Markdown (Data) or an upload
// copied from Options.Uploads (From).
type File struct {
	Path string // slash path relative to the site root: content/…
	Data []byte
	From string // path in Options.Uploads
	// Item is the post the file belongs to (its first user, for an image).
	Item Ref
}

// Ref names an item in messages: its title and wp:post_id.
type Ref struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Line  int    `json:"line,omitempty"`
}

func (r Ref) String() string { return fmt.Sprintf("%q (wp:post_id %d)", r.Title, r.ID) }

// Problem is one line of the report about an item.
type Problem struct {
	Item Ref    `json:"item"`
	Path string `json:"path,omitempty"` // the Markdown file, when there is one
	Text string `json:"text"`
}

// Person is a WordPress author to add to config.yaml's people.
type Person struct {
	ID, Name string
	// Exists is true when config.yaml already has a person with this id:
	// the import leaves that entry alone and reports it.
	Exists bool
}

// Redirect is an old URL that no page's aliases can hold (a category or
// tag archive) and the new URL it goes to.
type Redirect struct {
	From, To string
}

// Report is what the import did, for the editor.
type Report struct {
	Posts         int        `json:"posts"`
	Pages         int        `json:"pages"`
	ImagesCopied  int        `json:"imagesCopied"`
	NeedAlt       []Problem  `json:"imagesNeedingAlt"`
	MissingImages []Problem  `json:"imagesMissing"`
	Shortcodes    []Problem  `json:"shortcodesLeftAsText"`
	Skipped       []Problem  `json:"skipped"`
	Warnings      []Problem  `json:"warnings"`
	Comments      int        `json:"commentsNotImported"`
	Aliases       int        `json:"aliases"`
	People        []Person   `json:"-"`
	Redirects     []Redirect `json:"-"`
}

// entry is what the first pass keeps of a post or page.
type entry struct {
	id, parent  int64
	typ, status string
	name, title string
	link        string
	skip        string // why it is not imported; "" if it is
	path        string // content/….md
	url         string // the new URL
	dir         string // the folder its child pages go in
	placing     bool
	line        int
}

// attachment is what the first pass keeps of an attachment.
type attachment struct {
	url, alt string
	parent   int64
}

// Importer holds the index of an export (from the first pass) and the
// state of the second.
type Importer struct {
	opt     Options
	site    Site
	base    *url.URL
	entries map[int64]*entry
	order   []int64
	byPath  map[string]*entry // old path (cleaned, "/a/b/") → entry
	attach  map[int64]attachment
	// children lists the attachments uploaded to each post, in export
	// order: a [gallery] without ids= shows them.
	children map[int64][]int64
	alts     map[string]string // upload path → alt text
	authors  map[string]string // login → person id
	conv     *Converter
	// copies maps "dir\x00upload" to the copied file, names the taken
	// file names per directory.
	copies map[string]string
	names  map[string]string
	// archives are the old term archives; used holds the "kind\x00name"
	// of the terms the imported posts carry.
	archives []archive
	used     map[string]bool
	// taken are the chosen page names by folder; parents the ids of
	// pages with imported children.
	taken   map[string]bool
	parents map[int64]bool
	Report  Report
}

// Index reads the export once (r) and plans every page's file, the people
// to add and the archive redirects. The error is for an export that cannot
// be read at all.
func Index(r io.Reader, opt Options) (*Importer, error) {
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	imp := &Importer{
		opt: opt, entries: map[int64]*entry{}, byPath: map[string]*entry{},
		attach: map[int64]attachment{}, children: map[int64][]int64{}, alts: map[string]string{}, authors: map[string]string{},
		copies: map[string]string{}, names: map[string]string{}, conv: NewConverter(), used: map[string]bool{},
	}
	rd := NewReader(r)
	for {
		it, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		imp.index(it)
	}
	imp.site = *rd.Site()
	if u, err := url.Parse(imp.site.BaseURL); err == nil && u.Host != "" {
		imp.base = u
	}
	imp.people()
	imp.paths()
	imp.terms()
	return imp, nil
}

func (imp *Importer) index(it *Item) {
	ref := Ref{ID: it.ID, Title: strings.TrimSpace(it.Title), Line: it.Line}
	switch it.Type {
	case "attachment":
		u := strings.TrimSpace(it.AttachURL)
		imp.attach[it.ID] = attachment{url: u, alt: strings.TrimSpace(it.MetaValue("_wp_attachment_image_alt")), parent: it.Parent}
		if it.Parent != 0 {
			imp.children[it.Parent] = append(imp.children[it.Parent], it.ID)
		}
		if up, ok := uploadPath(u); ok && imp.attach[it.ID].alt != "" {
			imp.alts[original(up)] = imp.attach[it.ID].alt
		}
		return
	case "post", "page":
	default:
		// Revisions, menu items, custom types and the block editor's
		// own records: nothing a reader sees.
		return
	}
	imp.Report.Comments += it.Comments
	e := &entry{id: it.ID, parent: it.Parent, typ: it.Type, status: it.Status, title: ref.Title, link: strings.TrimSpace(it.Link), line: it.Line}
	switch {
	case it.Status == "private":
		e.skip = "private: a health site never publishes what was private"
	case it.Password != "":
		e.skip = "password-protected: a static site cannot protect it, so it is not published"
	case it.Status == "trash":
		e.skip = "in the trash"
	case it.Status == "inherit":
		e.skip = "a revision"
	case it.Status == "publish", it.Status == "future", it.Status == "draft", it.Status == "pending", it.Status == "auto-draft":
	default:
		e.skip = fmt.Sprintf("unknown status %q", it.Status)
	}
	name, _ := url.PathUnescape(strings.TrimSpace(it.Name))
	e.name = name
	if _, dup := imp.entries[it.ID]; dup || it.ID <= 0 {
		imp.Report.Warnings = append(imp.Report.Warnings, Problem{Item: ref, Text: "wp:post_id is missing or used twice; the item is skipped"})
		return
	}
	imp.entries[it.ID] = e
	imp.order = append(imp.order, it.ID)
}

// people maps each author login to a person id.
func (imp *Importer) people() {
	for i, a := range imp.site.Authors {
		id := slug.Make(a.Login)
		if id == "" {
			id = "author-" + strconv.Itoa(i+1)
		}
		name := strings.TrimSpace(a.DisplayName)
		if name == "" {
			name = strings.TrimSpace(a.FirstName + " " + a.LastName)
		}
		if name == "" {
			name = a.Login
		}
		if _, seen := imp.authors[a.Login]; seen {
			continue
		}
		imp.authors[a.Login] = id
		imp.Report.People = append(imp.Report.People, Person{ID: id, Name: name, Exists: imp.opt.People[id]})
	}
}

// reserved are the top-level names a page may not take: the sections
// and taxonomy lists have those URLs.
var reserved = map[string]bool{"articles": true, "services": true, "tags": true, "categories": true, "people": true, "index": true}

// paths chooses each imported item's file and URL. A top-level page with
// imported child pages is its section's _index.md (content/about/_index.md
// for /about/ when /about/team/ exists).
func (imp *Importer) paths() {
	imp.taken = map[string]bool{}
	imp.parents = map[int64]bool{}
	for _, id := range imp.order {
		if e := imp.entries[id]; e.typ == "page" && e.skip == "" && e.parent != 0 {
			imp.parents[e.parent] = true
		}
	}
	for _, id := range imp.order {
		e := imp.entries[id]
		if e.skip != "" {
			imp.Report.Skipped = append(imp.Report.Skipped, Problem{Item: Ref{ID: e.id, Title: e.title, Line: e.line}, Text: e.skip})
			continue
		}
		imp.place(e, 0)
	}
}

// place chooses e's file, after its parent page's (whose folder holds it).
// It returns the folder e's children go in.
func (imp *Importer) place(e *entry, depth int) string {
	if e.path != "" || e.placing {
		return e.dir
	}
	e.placing = true
	if e.title == "" {
		e.title = fmt.Sprintf("(untitled %d)", e.id)
		imp.Report.Warnings = append(imp.Report.Warnings, Problem{Item: Ref{ID: e.id, Title: e.title, Line: e.line}, Text: "the post has no title; it is imported as " + strconv.Quote(e.title) + ": give it one"})
	}
	ref := Ref{ID: e.id, Title: e.title, Line: e.line}
	s := imp.segment(e, e.name)
	dir := "content/articles/"
	if e.typ == "page" {
		dir = "content/"
		if p := imp.entries[e.parent]; p != nil && p.typ == "page" && depth < 32 {
			if p.skip != "" {
				// A private parent is not published, but its children
				// keep their place in the URL.
				dir += imp.segment(p, p.name) + "/"
			} else {
				dir = imp.place(p, depth+1)
			}
		}
		if dir == "content/" && reserved[s] {
			imp.taken[dir+s] = true
		}
	}
	base := s
	for n := 2; imp.taken[dir+s]; n++ {
		s = base + "-" + strconv.Itoa(n)
	}
	imp.taken[dir+s] = true
	e.path = dir + s + ".md"
	e.dir = dir + s + "/"
	if imp.parents[e.id] && dir == "content/" {
		// A top-level folder is a section, whose list page has the URL
		// /about/: the parent page is that section's _index.md. Deeper
		// folders have no list page, so about/team.md and
		// about/team/nurses.md can both be.
		e.path = dir + s + "/_index.md"
	}
	if s != base {
		imp.Report.Warnings = append(imp.Report.Warnings, Problem{Item: ref, Path: e.path, Text: fmt.Sprintf("another page already has the name %q; this one is %q: check its links", base, s)})
	}
	imp.names[e.path] = "page" // no upload may take a page's file name
	e.url = "/" + strings.TrimPrefix(dir, "content/") + s + "/"
	if old := imp.oldPath(e.link); old != "" {
		if _, dup := imp.byPath[old]; !dup {
			imp.byPath[old] = e
		}
	}
	return e.dir
}

// segment is the file name (without .md) for an item: its WordPress slug
// made safe, else its title, else its id.
func (imp *Importer) segment(e *entry, name string) string {
	ref := Ref{ID: e.id, Title: e.title, Line: e.line}
	raw := name
	if strings.Contains(raw, "..") || strings.ContainsAny(raw, "/\\") {
		imp.Report.Warnings = append(imp.Report.Warnings, Problem{Item: ref, Text: fmt.Sprintf("wp:post_name %q is not a plain URL segment (it has .. or a slash); the file name is made from the title", e.name)})
		raw = ""
	}
	if s := slug.Make(raw); s != "" {
		return s
	}
	if s := slug.Make(e.title); s != "" {
		return s
	}
	return "post-" + strconv.FormatInt(e.id, 10)
}

// oldPath is the path of an old URL on the old site, cleaned to
// "/a/b/" form, or "" when the URL is elsewhere or is a query link.
func (imp *Importer) oldPath(link string) string {
	u, err := url.Parse(link)
	if err != nil || !imp.internal(u) || u.RawQuery != "" {
		return ""
	}
	p := u.Path
	if imp.base != nil {
		p = strings.TrimPrefix(p, strings.TrimSuffix(imp.base.Path, "/"))
	}
	p = path.Clean("/" + p)
	if p == "/" || strings.Contains(p, "..") {
		return ""
	}
	if path.Ext(p) == "" {
		p += "/"
	}
	return p
}

// internal reports whether u points at the old site.
func (imp *Importer) internal(u *url.URL) bool {
	if u.Host == "" {
		return u.Scheme == "" && strings.HasPrefix(u.Path, "/")
	}
	if imp.base == nil {
		return false
	}
	return strings.EqualFold(strings.TrimPrefix(u.Hostname(), "www."), strings.TrimPrefix(imp.base.Hostname(), "www."))
}

type archive struct {
	Redirect
	kind, name string
}

// terms plans the redirects of the old category and tag archives.
func (imp *Importer) terms() {
	add := func(old, kind string, m map[string]string) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, nice := range keys {
			n, _ := url.PathUnescape(nice)
			to := slug.Make(m[nice])
			if to == "" || slug.Make(n) == "" {
				continue
			}
			imp.archives = append(imp.archives, archive{Redirect{From: "/" + old + "/" + slug.Make(n) + "/", To: "/" + kind + "/" + to + "/"}, kind, m[nice]})
		}
	}
	add("category", "categories", imp.site.Categories)
	add("tag", "tags", imp.site.Tags)
}

// Import reads the export a second time (r) and calls emit for each file
// to write, in export order: a post's images before its Markdown.
func (imp *Importer) Import(r io.Reader, emit func(File) error) error {
	rd := NewReader(r)
	for {
		it, err := rd.Next()
		if err == io.EOF {
			// Redirect the archives of the terms that still have posts.
			for _, a := range imp.archives {
				if imp.used[a.kind+"\x00"+a.name] {
					imp.Report.Redirects = append(imp.Report.Redirects, a.Redirect)
				}
			}
			return nil
		}
		if err != nil {
			return err
		}
		e := imp.entries[it.ID]
		if e == nil || e.skip != "" || e.path == "" || (it.Type != "post" && it.Type != "page") {
			continue
		}
		if err := imp.item(it, e, emit); err != nil {
			return err
		}
	}
}

var (
	blockTagRe = regexp.MustCompile(`(?i)</?(p|br|div|li|ul|ol|h[1-6]|blockquote|tr|td|th)\b[^>]*>`)
	tagRe      = regexp.MustCompile(`<[^>]*>`)
)

// plain turns an excerpt or title's HTML into one line of text.
func plain(s string) string {
	s = blockTagRe.ReplaceAllString(s, " ")
	s = tagRe.ReplaceAllString(s, "")
	s = htmlUnescape(s)
	return strings.Join(strings.Fields(s), " ")
}

func (imp *Importer) item(it *Item, e *entry, emit func(File) error) error {
	ref := Ref{ID: e.id, Title: e.title, Line: e.line}
	pr := &postResolver{imp: imp, e: e, ref: ref, emit: emit}
	md, notes, err := imp.conv.Convert(it.Content, pr)
	if pr.err != nil {
		return pr.err
	}
	if err != nil {
		imp.Report.Warnings = append(imp.Report.Warnings, Problem{Item: ref, Path: e.path, Text: "its content could not be converted (" + err.Error() + "); the file has front matter only: copy the text by hand"})
	}
	for _, n := range notes {
		p := Problem{Item: ref, Path: e.path, Text: n.Text}
		if n.Kind == "shortcode" {
			imp.Report.Shortcodes = append(imp.Report.Shortcodes, p)
		} else {
			imp.Report.Warnings = append(imp.Report.Warnings, p)
		}
	}
	fm := frontMatter{Title: plain(e.title)}
	if fm.Title == "" {
		fm.Title = e.title
	}
	if t, ok := it.Published(imp.opt.Location); ok {
		fm.Date = t.In(imp.opt.Location)
	}
	if t, ok := it.Modified(); ok && t.After(fm.Date) {
		fm.Lastmod = t.In(imp.opt.Location)
	}
	fm.Draft = e.status == "draft" || e.status == "pending" || e.status == "auto-draft"
	fm.Description = plain(it.Excerpt)
	fm.Tags, fm.Categories = it.Tags(), it.Categories()
	if e.typ == "page" {
		// Pages are not filed under categories in WordPress; keep none.
		fm.Tags, fm.Categories = nil, nil
	}
	for _, t := range fm.Tags {
		imp.used["tags\x00"+t] = true
	}
	for _, c := range fm.Categories {
		imp.used["categories\x00"+c] = true
	}
	if id, ok := imp.authors[strings.TrimSpace(it.Creator)]; ok {
		fm.Author = id
	}
	if old := imp.oldPath(e.link); old != "" && old != e.url {
		fm.Aliases = append(fm.Aliases, old)
	}
	if e.typ == "post" {
		fm.Aliases = append(fm.Aliases, "/?p="+strconv.FormatInt(e.id, 10))
	} else {
		fm.Aliases = append(fm.Aliases, "/?page_id="+strconv.FormatInt(e.id, 10))
	}
	if path.Base(e.path) == "_index.md" {
		// A section's _index.md has no aliases: its old URLs go to
		// config.yaml's redirects instead.
		for _, a := range fm.Aliases {
			imp.Report.Redirects = append(imp.Report.Redirects, Redirect{From: a, To: e.url})
		}
		fm.Aliases = nil
	}
	imp.Report.Aliases += len(fm.Aliases)
	if th := it.MetaValue("_thumbnail_id"); th != "" {
		if id, err := strconv.ParseInt(strings.TrimSpace(th), 10, 64); err == nil {
			if a, ok := imp.attach[id]; ok && a.url != "" {
				pr.featured = true
				src, alt, ok := pr.Image(a.url, "")
				pr.featured = false
				if ok && !strings.Contains(src, "://") {
					fm.Image, fm.ImageAlt = src, alt
				}
			}
		}
	}
	if pr.err != nil {
		return pr.err
	}
	if e.typ == "post" {
		imp.Report.Posts++
	} else {
		imp.Report.Pages++
	}
	return emit(File{Path: e.path, Data: fm.render(md), Item: ref})
}

// postResolver answers Convert's questions for one post.
type postResolver struct {
	imp      *Importer
	e        *entry
	ref      Ref
	emit     func(File) error
	err      error
	featured bool
}

func (pr *postResolver) dir() string { return path.Dir(pr.e.path) }

func (pr *postResolver) Link(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || !pr.imp.internal(u) && !wpcomFiles(u) {
		return ""
	}
	if up, ok := uploadPath(u.String()); ok {
		if dest, ok := pr.copy(up, false); ok {
			// A link (unlike an image) is read from the page's URL, so
			// it names the file by its site path.
			return "/" + strings.TrimPrefix(dest, "content/")
		}
		return ""
	}
	q := u.Query()
	for _, k := range []string{"p", "page_id"} {
		if v := q.Get(k); v != "" {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				if e := pr.imp.entries[id]; e != nil && e.path != "" {
					return pr.target(e) + pr.fragment(u)
				}
			}
		}
	}
	if e := pr.imp.byPath[pr.imp.oldPath((&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String())]; e != nil {
		return pr.target(e) + pr.fragment(u)
	}
	return ""
}

// target is the href of a link to an imported page: its .md file, which
// the build turns into its URL and checks, or for a section's _index.md
// (which links cannot name) the section's URL.
func (pr *postResolver) target(e *entry) string {
	if path.Base(e.path) == "_index.md" {
		return e.url
	}
	return relPath(pr.dir(), e.path)
}

// fragment drops the #part of a link to another post: the old page's
// anchors were WordPress's (or a plugin's) ids, which the new page does
// not have, and the link checker would stop the build on each.
func (pr *postResolver) fragment(u *url.URL) string {
	if u.Fragment != "" {
		pr.imp.Report.Warnings = append(pr.imp.Report.Warnings, Problem{Item: pr.ref, Path: pr.e.path, Text: "the link to " + u.String() + " now goes to the top of the page: add the #" + u.Fragment + " part back if that page has a heading for it"})
	}
	return ""
}

func (pr *postResolver) Image(src, alt string) (string, string, bool) {
	alt = strings.TrimSpace(alt)
	u, err := url.Parse(strings.TrimSpace(src))
	what := "image " + src
	if pr.featured {
		what = "featured image " + src
	}
	if err == nil && (pr.imp.internal(u) || wpcomFiles(u)) {
		if up, ok := uploadPath(u.String()); ok {
			if a := pr.imp.alts[original(up)]; a != "" {
				alt = a
			}
			if dest, ok := pr.copy(up, true); ok {
				if alt == "" {
					pr.imp.Report.NeedAlt = append(pr.imp.Report.NeedAlt, Problem{Item: pr.ref, Path: pr.e.path, Text: what + " has no alt text: write it in " + pr.e.path})
				}
				return relPath(pr.dir(), dest), alt, true
			}
		}
	}
	if pr.imp.opt.KeepRemoteImages && err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		pr.imp.Report.MissingImages = append(pr.imp.Report.MissingImages, Problem{Item: pr.ref, Path: pr.e.path, Text: what + " is not in --uploads; kept as a link to the old site"})
		return src, alt, true
	}
	why := "is not in --uploads"
	if pr.imp.opt.Uploads == nil {
		why = "was not copied (no --uploads given)"
	}
	pr.imp.Report.MissingImages = append(pr.imp.Report.MissingImages, Problem{Item: pr.ref, Path: pr.e.path, Text: what + " " + why + "; it was left out (--keep-remote-images keeps a link)"})
	return "", "", false
}

func (pr *postResolver) Gallery(ids []string) []string {
	var out []string
	if len(ids) == 0 {
		// WordPress shows the images uploaded to the post.
		for _, id := range pr.imp.children[pr.e.id] {
			out = append(out, pr.imp.attach[id].url)
		}
		return out
	}
	for _, s := range ids {
		id, err := strconv.ParseInt(s, 10, 64)
		if a, ok := pr.imp.attach[id]; err == nil && ok && a.url != "" {
			out = append(out, a.url)
		} else {
			pr.imp.Report.MissingImages = append(pr.imp.Report.MissingImages, Problem{Item: pr.ref, Path: pr.e.path, Text: "[gallery] names attachment " + s + ", which is not in the export"})
		}
	}
	return out
}

// copy plans the copy of an upload next to the post and returns the
// copied file's path, or ok false when it is not in Uploads.
func (pr *postResolver) copy(up string, image bool) (string, bool) {
	imp := pr.imp
	if imp.opt.Uploads == nil {
		return "", false
	}
	dir := pr.dir()
	var found string
	cands := []string{original(up), withoutSize(up), up}
	for _, c := range cands {
		if st, err := fs.Stat(imp.opt.Uploads, c); err == nil && st.Mode().IsRegular() {
			found = c
			break
		}
	}
	if found == "" {
		return "", false
	}
	key := dir + "\x00" + found
	if dest, ok := imp.copies[key]; ok {
		return dest, true
	}
	name := slugFile(path.Base(found))
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	dest := dir + "/" + name
	for n := 2; imp.names[dest] != ""; n++ {
		dest = dir + "/" + stem + "-" + strconv.Itoa(n) + ext
	}
	imp.names[dest] = found
	imp.copies[key] = dest
	imp.Report.ImagesCopied++
	if err := pr.emit(File{Path: dest, From: found, Item: pr.ref}); err != nil && pr.err == nil {
		pr.err = err
	}
	return dest, true
}

// slugFile makes an upload's file name safe: slug of the stem, lower-case
// extension.
func slugFile(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".md" || ext == ".markdown" {
		ext = ".txt" // an upload must not become a page
	}
	stem := slug.Make(strings.TrimSuffix(name, path.Ext(name)))
	if stem == "" {
		stem = "file"
	}
	if slug.Make(strings.TrimPrefix(ext, ".")) == "" {
		ext = ""
	}
	return stem + ext
}

// uploadPath returns the path of an upload URL under wp-content/uploads/,
// cleaned, or ok false when it is not one (or tries to leave the folder).
func uploadPath(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	_, after, ok := strings.Cut(u.Path, "/wp-content/uploads/")
	if !ok && wpcomFiles(u) {
		// A WordPress.com site keeps its uploads at
		// https://SITE.files.wordpress.com/2019/03/photo.jpg.
		after, ok = strings.TrimPrefix(u.Path, "/"), true
	}
	if !ok || after == "" {
		return "", false
	}
	clean := path.Clean(after)
	if clean == "." || strings.HasPrefix(clean, "..") || strings.Contains(clean, "/../") || path.IsAbs(clean) || !fs.ValidPath(clean) {
		return "", false
	}
	return clean, true
}

// wpcomFiles reports whether u is on a WordPress.com uploads host.
func wpcomFiles(u *url.URL) bool {
	return strings.HasSuffix(strings.ToLower(u.Hostname()), ".files.wordpress.com")
}

var sizeSuffix = regexp.MustCompile(`-\d+x\d+$`)

// withoutSize removes WordPress's "-300x200" resized-copy suffix.
func withoutSize(p string) string {
	ext := path.Ext(p)
	return sizeSuffix.ReplaceAllString(strings.TrimSuffix(p, ext), "") + ext
}

// original is the largest original of an upload: no size suffix and no
// "-scaled" (WordPress keeps the full file beside the scaled one).
func original(p string) string {
	p = withoutSize(p)
	ext := path.Ext(p)
	return strings.TrimSuffix(strings.TrimSuffix(p, ext), "-scaled") + ext
}

// relPath is the path from folder dir to file, both slash paths relative
// to the same root.
func relPath(dir, file string) string {
	d := strings.Split(strings.Trim(dir, "/"), "/")
	f := strings.Split(file, "/")
	i := 0
	for i < len(d) && i < len(f)-1 && d[i] == f[i] {
		i++
	}
	var parts []string
	for range d[i:] {
		parts = append(parts, "..")
	}
	return path.Join(append(parts, f[i:]...)...)
}

// ErrNothing is returned by Check when an export holds no post or page to
// import.
var ErrNothing = errors.New("the export holds no post or page to import")

// Check returns ErrNothing when the index found nothing to import.
func (imp *Importer) Check() error {
	for _, e := range imp.entries {
		if e.path != "" {
			return nil
		}
	}
	return ErrNothing
}

// Paths lists the Markdown files the import will write, in export order.
func (imp *Importer) Paths() []string {
	var out []string
	for _, id := range imp.order {
		if e := imp.entries[id]; e.path != "" {
			out = append(out, e.path)
		}
	}
	return out
}
