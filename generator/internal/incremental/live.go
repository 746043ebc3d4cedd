// Package incremental keeps a site's model current while files change,
// for `generator serve`: a Live project keeps the parsed model (a
// build.Project) in memory and applies file changes to it without a full
// rebuild, running again only the steps of a load a change needs.
//
// What a change costs:
//
//	content/*.md, body only      re-parse that file; patch its page in place;
//	                             its own page and the lists that show it are
//	                             dirty; the rest of the model (related lists
//	                             of other pages) is refreshed by a Remodel
//	content/*.md, anything else  re-parse that file; rebuild the model from
//	(front matter, new, deleted) the kept inputs (no other file is parsed)
//	content images               re-parse the pages that use them
//	layouts/                     re-parse the layouts; every page is dirty
//	assets/*.css, *.js           re-fingerprint the assets; every page is dirty
//	config.yaml                  everything again, as Load does
//
// The files made from the whole model (feeds, sitemap, alias redirects)
// are made again with every new model, so their diagnostics stay current;
// after a body-only patch the next Extras makes them again.
//
// A change that breaks something keeps the last good state of that part:
// a config.yaml with errors keeps the whole previous site, a layout or
// asset with errors keeps the previous layouts or assets, and a content
// file that cannot be parsed at all keeps its previous page. The
// diagnostics say what is wrong until it is fixed.

package incremental

import (
	"errors"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/checks"
	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/source"
)

// Live is a build.Project kept current while files change.
//
// Live is not safe for concurrent use: the caller serialises Update, Apply,
// PrepareRemodel, Diags and every use of Project (RenderPage included, which
// fills in Page.Content). Only Remodel.Run may run alongside them.
type Live struct {
	fsys fs.FS
	opt  build.Options

	p       *build.Project
	layouts map[string][]byte     // path under layouts/ → source
	assets  map[string][]byte     // logical asset name → source
	copies  map[string][]byte     // asset copies (not fingerprinted), by output path
	files   map[string][]byte     // non-Markdown content files, by site path
	inputs  map[string]site.Input // .md path → its last usable parse
	known   map[string]bool       // every content file seen, by site path
	gen     uint64                // bumped whenever inputs change

	loadDiags   diag.List // unreadable files, missing folders
	configDiags diag.List
	assetDiags  diag.List
	layoutDiags diag.List
	modelDiags  diag.List
	feedDiags   diag.List            // feeds, sitemap and alias redirects
	fileDiags   map[string]diag.List // content path → parse diagnostics
	linkDiags   map[string]diag.List // content path → .md link diagnostics
}

// Change says which outputs an Update or Apply may have changed.
type Change struct {
	// All: any page may have changed; drop every rendered page.
	All bool
	// Dirty lists the URLs whose output changed, when All is false: page
	// URLs, and "/"+path for copied files.
	Dirty []string
	// Edited lists the URLs of the pages built from the content files that
	// changed, in path order: where the editor is working.
	Edited []string
	// CSS lists the stylesheets whose fingerprinted URL changed. When the
	// update changed nothing but stylesheets, a browser can swap them in
	// place instead of reloading.
	CSS []CSSSwap
	// CSSOnly is set when stylesheets are all that changed.
	CSSOnly bool
	// Remodel asks for a background model rebuild: the update patched one
	// page in place, and other pages' related lists may be out of date.
	Remodel bool
}

// Empty reports whether the change touched no output.
func (c Change) Empty() bool {
	return !c.All && len(c.Dirty) == 0 && len(c.CSS) == 0
}

// CSSSwap is one stylesheet that changed: its logical name, the URL pages
// used to link and the URL and integrity they link now.
type CSSSwap struct {
	Name      string `json:"name"`
	Old       string `json:"old"`
	New       string `json:"new"`
	Integrity string `json:"integrity"`
}

// NewLive loads the site in fsys as Load does and keeps what an
// incremental update needs. The Live is never nil; its Project is nil until
// a config.yaml without errors has been read.
func NewLive(fsys fs.FS, opt build.Options) (*Live, diag.List) {
	l := &Live{fsys: fsys, opt: opt}
	l.reload()
	return l, l.Diags()
}

// Project returns the current project, nil when no site has loaded yet. It
// is replaced by config changes; callers must not keep it across an Update.
func (l *Live) Project() *build.Project { return l.p }

// Diags returns every current diagnostic, sorted.
func (l *Live) Diags() diag.List {
	var ds diag.List
	for _, part := range []diag.List{l.loadDiags, l.configDiags, l.assetDiags, l.layoutDiags, l.modelDiags, l.feedDiags} {
		ds = append(ds, part...)
	}
	for _, m := range []map[string]diag.List{l.fileDiags, l.linkDiags} {
		for _, d := range m {
			ds = append(ds, d...)
		}
	}
	ds.Sort()
	return ds
}

// reload reads the whole site again. When config.yaml is missing or has
// errors, the last good state stays and only the config diagnostics change.
func (l *Live) reload() bool {
	n := &Live{fsys: l.fsys, opt: l.opt, gen: l.gen + 1}
	if !n.load() {
		l.configDiags = n.configDiags
		if l.p == nil {
			l.loadDiags = n.loadDiags
		}
		return false
	}
	*l = *n
	return true
}

// Reload reads the whole site again, as after a config.yaml change (or when
// file events were lost).
func (l *Live) Reload() Change {
	if !l.reload() {
		return Change{}
	}
	return Change{All: true}
}

func (l *Live) load() bool {
	var phases []build.Phase
	t := time.Now()
	phase := func(name string) {
		now := time.Now()
		phases = append(phases, build.Phase{Name: name, Took: now.Sub(t)})
		t = now
	}
	src, lds := source.Load(l.fsys)
	for _, d := range lds {
		if d.Path == "config.yaml" {
			l.configDiags = append(l.configDiags, d)
		} else {
			l.loadDiags = append(l.loadDiags, d)
		}
	}
	l.loadDiags = append(l.loadDiags, checks.SVG(src)...)
	phase("load")
	cfg, cds := build.LoadConfig(src, l.opt)
	l.configDiags = append(l.configDiags, cds...)
	if cfg == nil {
		return false
	}
	phase("config")

	l.layouts = trimmed(src.Layouts, "layouts/")
	p := build.NewProject(l.opt, cfg, src, l.layouts)
	l.p = p
	l.assets = trimmed(src.Assets, "assets/")
	l.buildAssets()
	l.files = map[string][]byte{}
	l.known = map[string]bool{}
	for _, f := range src.Content {
		l.known[f.Path] = true
		if !isMarkdown(f.Path) {
			l.files[f.Path] = f.Data
			if out := strings.TrimPrefix(f.Path, "content/"); l.copies[out] != nil {
				l.loadDiags = append(l.loadDiags, checks.TwoSources(f.Path, out))
			}
		}
	}
	l.fillFiles()
	phase("assets")

	ins, pds := p.Parse(src.Content)
	l.inputs = make(map[string]site.Input, len(ins))
	for _, in := range ins {
		l.inputs[in.Doc.Path] = in
	}
	l.fileDiags = map[string]diag.List{}
	for _, d := range pds {
		l.fileDiags[d.Path] = append(l.fileDiags[d.Path], d)
	}
	l.fillFiles() // with the share crops the pages asked for
	phase("parse")

	r := l.PrepareRemodel()
	r.Run()
	l.setSite(r.sites, r.diags)
	phase("model")
	l.buildRenderer()
	phase("layouts")
	p.Phases = phases
	return true
}

func trimmed(files []source.File, prefix string) map[string][]byte {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[strings.TrimPrefix(f.Path, prefix)] = f.Data
	}
	return m
}

func isMarkdown(p string) bool { return source.IsMarkdown(p) }

// fillFiles rebuilds Project.Files from the asset copies and the content
// files, content last, as Load orders them.
func (l *Live) fillFiles() {
	files := make(map[string][]byte, len(l.copies)+len(l.files))
	for k, v := range l.copies {
		files[k] = v
	}
	for k, v := range l.files {
		files[strings.TrimPrefix(k, "content/")] = v
	}
	// Each photo is prepared once (and again only when it changes): an
	// edit to an article does not resize its photos. Errors are reported
	// at the lines that show a photo.
	l.p.SetFiles(files)
}

// buildAssets fingerprints the assets. With errors the last good manifest
// stays. It returns the stylesheets whose URL changed.
func (l *Live) buildAssets() []CSSSwap {
	man, copies, err := assets.Build(l.assets, l.p.Minifier())
	if err != nil {
		l.assetDiags = assetDiags(err)
		if l.p.Manifest == nil {
			l.p.Manifest = assets.Manifest{}
		}
		return nil
	}
	l.assetDiags = nil
	var swaps []CSSSwap
	for name, a := range man {
		if !strings.HasSuffix(name, ".css") {
			continue
		}
		if old, ok := l.p.Manifest[name]; ok && old.URL != a.URL {
			swaps = append(swaps, CSSSwap{Name: name, Old: old.URL, New: a.URL, Integrity: a.Integrity})
		}
	}
	sort.Slice(swaps, func(i, j int) bool { return swaps[i].Name < swaps[j].Name })
	l.p.Manifest = man
	l.copies = map[string][]byte{}
	for _, a := range copies {
		l.copies[a.Path] = a.Data
	}
	return swaps
}

// assetDiags turns an assets.Build error into diagnostics at the asset's
// path in the site.
func assetDiags(err error) diag.List {
	var list diag.ErrList
	var one diag.Diagnostic
	var ds diag.List
	switch {
	case errors.As(err, &list):
		ds = append(ds, list...)
	case errors.As(err, &one):
		ds = append(ds, one)
	default:
		return diag.List{{Severity: diag.Error, Path: "assets", Msg: err.Error(), Fix: "fix the CSS or JavaScript file it names"}}
	}
	for i := range ds {
		if !strings.HasPrefix(ds[i].Path, "assets/") {
			ds[i].Path = path.Join("assets", ds[i].Path)
		}
	}
	return ds
}

// buildRenderer parses the layouts. With errors the last good renderer
// stays, so pages keep rendering while the overlay shows the mistake.
func (l *Live) buildRenderer() {
	l.layoutDiags = l.p.SetLayouts(l.layouts)
}

func (l *Live) siteOptions() site.Options {
	return site.Options{Drafts: l.opt.Drafts || l.opt.Dev, Future: l.opt.Future || l.opt.Dev, Expired: l.opt.Expired, Now: l.opt.Now}
}

// Remodel is a model rebuild from a snapshot of the parsed inputs. Prepare
// it with PrepareRemodel (serialised with Update), Run it anywhere, and
// hand it to Apply, which takes it only if no input changed meanwhile.
type Remodel struct {
	gen   uint64
	cfg   *config.Config
	in    []site.Input
	model func([]site.Input) ([]*site.Site, diag.List)
	sites []*site.Site
	diags diag.List
}

// PrepareRemodel snapshots the inputs for a model rebuild. It returns nil
// when no site has loaded.
func (l *Live) PrepareRemodel() *Remodel {
	if l.p == nil {
		return nil
	}
	paths := make([]string, 0, len(l.inputs))
	for p := range l.inputs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	in := make([]site.Input, len(paths))
	for i, p := range paths {
		in[i] = l.inputs[p]
	}
	return &Remodel{gen: l.gen, cfg: l.p.Config, in: in, model: l.p.Modeller(l.siteOptions())}
}

// Run builds the model. It touches nothing the Live is using.
func (r *Remodel) Run() {
	r.sites, r.diags = r.model(r.in)
}

// Apply swaps in the model r built, unless an input changed since r was
// prepared (then it returns false and r should be prepared again).
func (l *Live) Apply(r *Remodel) (Change, bool) {
	if r == nil || r.sites == nil || l.p == nil || r.gen != l.gen || r.cfg != l.p.Config {
		return Change{}, false
	}
	l.setSite(r.sites, r.diags)
	return Change{All: true}, true
}

func (l *Live) setSite(sites []*site.Site, ds diag.List) {
	l.modelDiags = ds
	l.feedDiags = l.p.SetSites(sites)
	l.linkDiags = map[string]diag.List{}
	for p, in := range l.inputs {
		l.checkLinks(p, in.Doc)
	}
}

// checkLinks records the diagnostics of a page's links to other .md
// files, which depend on the model (a build reports them when rendering).
func (l *Live) checkLinks(p string, d *markdown.Doc) {
	delete(l.linkDiags, p)
	if ds := l.p.LinkDiags(d); len(ds) > 0 {
		l.linkDiags[p] = ds
	}
}

// Update applies the files that changed. paths are slash paths relative to
// the site root, as a file watcher reports them: files or folders, changed,
// created or deleted ("content/articles", "content/articles/x.md",
// "config.yaml"). Paths outside config.yaml, content/, layouts/ and assets/
// are ignored, as are hidden and editor temporary files.
func (l *Live) Update(paths []string) Change {
	var cfg, lay, ast bool
	var content, astPaths []string
	for _, p := range paths {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if ignoredPath(p) {
			continue
		}
		switch source.Kind(p) {
		case "config":
			cfg = true
		case "layouts":
			lay = true
		case "assets":
			ast = true
			astPaths = append(astPaths, p)
		case "content":
			content = append(content, p)
		}
	}
	if l.p == nil || (cfg && l.configChanged()) {
		if !l.reload() {
			return Change{}
		}
		ch := Change{All: true}
		ch.Edited = l.editedURLs(content)
		return ch
	}
	if cfg {
		// Saved as loaded: nothing changes, but a broken save in between
		// left its errors behind; the loaded config's own warnings return.
		_, cds := config.Load(l.p.Config.Source)
		l.configDiags = cds
	}
	var ch Change
	if lay {
		l.reloadDir("layouts")
		l.buildRenderer()
		ch.All = true
	}
	var reparse []string
	if ast {
		l.reloadDir("assets")
		swaps := l.buildAssets()
		l.fillFiles()
		l.buildRenderer()
		ch.All = true
		ch.CSS = swaps
		cssOnly := !lay && len(content) == 0
		for _, p := range astPaths {
			if !strings.HasSuffix(p, ".css") {
				cssOnly = false
			}
			if build.IsImage(p) || !strings.Contains(path.Base(p), ".") {
				reparse = append(reparse, l.imageChanged(p)...)
			}
		}
		ch.CSSOnly = cssOnly && len(swaps) > 0
	}
	if len(content) > 0 || len(reparse) > 0 {
		l.updateContent(content, reparse, &ch)
	}
	return ch
}

// ignoredPath reports whether any element of p is a hidden or temporary
// name.
func ignoredPath(p string) bool {
	if p == "." || p == "" {
		return true
	}
	for _, e := range strings.Split(p, "/") {
		if e == ".." {
			return true
		}
	}
	return source.IgnoredPath(p)
}

// configChanged reports whether config.yaml differs from the loaded one.
func (l *Live) configChanged() bool {
	b, err := fs.ReadFile(l.fsys, "config.yaml")
	return err != nil || !equalBytes(b, l.p.Config.Source)
}

func equalBytes(a, b []byte) bool { return string(a) == string(b) }

// reloadDir reads layouts/ or assets/ again.
func (l *Live) reloadDir(dir string) {
	src, ds := source.Load(only{l.fsys, dir})
	l.loadDiags = dropWhere(l.loadDiags, func(d diag.Diagnostic) bool { return source.Kind(d.Path) == dir })
	for _, d := range ds {
		if source.Kind(d.Path) == dir {
			l.loadDiags = append(l.loadDiags, d)
		}
	}
	l.loadDiags = append(l.loadDiags, checks.SVG(src)...)
	switch dir {
	case "layouts":
		l.layouts = trimmed(src.Layouts, "layouts/")
	case "assets":
		l.assets = trimmed(src.Assets, "assets/")
		// Keep the image index in step with the asset images.
		l.p.ForgetAssetImages()
		for _, f := range src.Assets {
			if build.IsImage(f.Path) {
				l.p.SetImage(f.Path, f.Data)
			}
		}
	}
}

// only is a view of a file system holding just one top-level folder.
type only struct {
	fsys fs.FS
	dir  string
}

func (o only) Open(name string) (fs.File, error) {
	if name == "." || name == o.dir || strings.HasPrefix(name, o.dir+"/") {
		return o.fsys.Open(name)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func dropWhere(ds diag.List, drop func(diag.Diagnostic) bool) diag.List {
	out := ds[:0:0]
	for _, d := range ds {
		if !drop(d) {
			out = append(out, d)
		}
	}
	return out
}

// imageChanged returns the content pages to parse again because the image
// at p (a site path) changed, appeared or went away: the pages that show
// it, and the pages with errors (one may be a missing image).
func (l *Live) imageChanged(p string) []string {
	u := "/" + strings.TrimPrefix(strings.TrimPrefix(p, "content/"), "assets/")
	var out []string
	// A photo is shown by a resized copy or a share crop of its own URL:
	// match the file a reference names, not the URL it got.
	names := func(doc *markdown.Doc, src string) bool {
		return slices.Contains(build.ImageCandidates(doc.Path, src), p)
	}
	for q, in := range l.inputs {
		if s := in.Doc.Share; s != nil && (s.URL == u || names(in.Doc, s.Src)) {
			out = append(out, q)
			continue
		}
		for _, im := range in.Doc.Images {
			if im.URL == u || strings.HasPrefix(im.URL, u+"/") || names(in.Doc, im.Src) {
				out = append(out, q)
				break
			}
		}
	}
	for q, ds := range l.fileDiags {
		if ds.HasErrors() {
			out = append(out, q)
		}
	}
	return out
}

// updateContent applies changed content paths (files or folders, present
// or gone) and re-parses the pages in reparse.
func (l *Live) updateContent(paths, reparse []string, ch *Change) {
	present := map[string][]byte{}
	gone := map[string]bool{}
	for _, p := range paths {
		l.expand(p, present, gone)
	}
	l.checkContentDir()

	var images []string
	for q, data := range present {
		if isMarkdown(q) {
			continue
		}
		if !source.Publishable(q) {
			l.loadDiags = append(l.loadDiags, source.Unpublishable(q)) // read dropped the last one
			continue
		}
		l.loadDiags = append(l.loadDiags, checks.SVGFile(q, data)...)
		if out := strings.TrimPrefix(q, "content/"); l.copies[out] != nil {
			l.loadDiags = append(l.loadDiags, checks.TwoSources(q, out))
		}
		l.known[q] = true
		l.files[q] = data
		if build.IsImage(q) {
			l.p.SetImage(q, data)
			images = append(images, q)
		}
		ch.Dirty = append(ch.Dirty, "/"+strings.TrimPrefix(q, "content/"))
	}
	for q := range gone {
		if q != "content" { // checkContentDir keeps that one
			l.loadDiags = dropWhere(l.loadDiags, func(d diag.Diagnostic) bool { return d.Path == q })
		}
		if isMarkdown(q) {
			continue
		}
		delete(l.known, q)
		delete(l.files, q)
		if build.IsImage(q) {
			l.p.SetImage(q, nil)
			images = append(images, q)
		}
		ch.Dirty = append(ch.Dirty, "/"+strings.TrimPrefix(q, "content/"))
	}
	if len(images) > 0 {
		l.fillFiles()
		for _, q := range images {
			reparse = append(reparse, l.imageChanged(q)...)
		}
	}
	for _, q := range reparse {
		if _, ok := present[q]; ok || gone[q] {
			continue
		}
		if data, err := fs.ReadFile(l.fsys, q); err == nil {
			present[q] = data
		}
	}

	var mds []string
	for q := range present {
		if isMarkdown(q) {
			mds = append(mds, q)
		}
	}
	sort.Strings(mds)
	structural := false
	var patch, edited []string
	for _, q := range mds {
		l.known[q] = true
		in, ds := l.parseOne(q, present[q])
		l.fileDiags[q] = ds
		if in.Doc == nil {
			l.p.Docs[q] = nil
			if _, had := l.inputs[q]; had {
				edited = append(edited, q) // the editor is here; the last good page stays
			}
			continue
		}
		old, had := l.inputs[q]
		l.inputs[q] = in
		l.p.Docs[q] = in.Doc
		l.gen++
		edited = append(edited, q)
		if had && bodyOnly(q, old.Doc, in.Doc) {
			patch = append(patch, q)
		} else {
			structural = true
		}
	}
	if l.p.NewCrops() {
		l.fillFiles() // a page asked for a new share crop
	}
	var goneMD []string
	for q := range gone {
		if isMarkdown(q) {
			goneMD = append(goneMD, q)
		}
	}
	sort.Strings(goneMD)
	for _, q := range goneMD {
		delete(l.known, q)
		delete(l.fileDiags, q)
		delete(l.linkDiags, q)
		delete(l.p.Docs, q)
		if _, had := l.inputs[q]; had {
			delete(l.inputs, q)
			l.gen++
			structural = true
		}
	}

	if !structural {
		for _, q := range patch {
			dirty, ok := l.patch(q)
			if !ok {
				structural = true
				break
			}
			ch.Dirty = append(ch.Dirty, dirty...)
			ch.Remodel = true
		}
	}
	if structural {
		r := l.PrepareRemodel()
		r.Run()
		l.setSite(r.sites, r.diags)
		ch.All = true
		ch.Remodel = false
	}
	ch.Edited = l.editedURLs(edited)
	ch.Dirty = unique(ch.Dirty)
}

// expand sorts one changed content path into files present (with their
// bytes) and files gone. A folder stands for every file under it.
func (l *Live) expand(p string, present map[string][]byte, gone map[string]bool) {
	under := func(dir string) []string {
		var out []string
		for q := range l.known {
			if strings.HasPrefix(q, dir+"/") {
				out = append(out, q)
			}
		}
		return out
	}
	st, err := fs.Stat(l.fsys, p)
	switch {
	case err == nil && st.IsDir():
		seen := map[string]bool{}
		_ = fs.WalkDir(l.fsys, p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if q != p && source.IgnoredPath(q) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || (!d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0) {
				return nil
			}
			if l.read(q, present) {
				seen[q] = true
			}
			return nil
		})
		for _, q := range under(p) {
			if !seen[q] {
				gone[q] = true
			}
		}
		if l.known[p] { // a file replaced by a folder
			gone[p] = true
		}
	case err == nil:
		if !l.read(p, present) {
			gone[p] = true
		}
		for _, q := range under(p) { // a folder replaced by a file
			gone[q] = true
		}
	case errors.Is(err, fs.ErrNotExist):
		gone[p] = true
		for _, q := range under(p) {
			gone[q] = true
		}
		if _, err := fs.Lstat(l.fsys, p); errors.Is(err, fs.ErrNotExist) {
			l.forgetDiags(p) // not a link to nowhere: the file is gone
		}
	default:
		l.fileDiags[p] = diag.List{{Severity: diag.Error, Path: p, Msg: "cannot read: " + err.Error(), Fix: "check the file's permissions"}}
	}
}

// forgetDiags drops the diagnostics of a file that is gone, or of every
// file under a folder that is gone, such as a symbolic link that led
// outside the site: files the model never knew, so nothing else clears
// their errors.
func (l *Live) forgetDiags(p string) {
	goneAt := func(d diag.Diagnostic) bool { return d.Path == p || strings.HasPrefix(d.Path, p+"/") }
	l.loadDiags = dropWhere(l.loadDiags, goneAt)
	for q := range l.fileDiags {
		if q == p || strings.HasPrefix(q, p+"/") {
			delete(l.fileDiags, q)
		}
	}
}

// read reads one content file into present; false means it is not there
// (or cannot be read, which is recorded as a diagnostic).
func (l *Live) read(q string, present map[string][]byte) bool {
	l.loadDiags = dropWhere(l.loadDiags, func(d diag.Diagnostic) bool { return d.Path == q })
	data, err := fs.ReadFile(l.fsys, q)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false
		}
		l.loadDiags = append(l.loadDiags, diag.Diagnostic{Severity: diag.Error, Path: q, Msg: "cannot read: " + err.Error(), Fix: "check the file's permissions"})
		return false
	}
	present[q] = data
	return true
}

// checkContentDir keeps the "content/ is missing" error in step with the
// disk.
func (l *Live) checkContentDir() {
	l.loadDiags = dropWhere(l.loadDiags, func(d diag.Diagnostic) bool { return d.Path == "content" })
	if st, err := fs.Stat(l.fsys, "content"); err != nil || !st.IsDir() {
		l.loadDiags = append(l.loadDiags, diag.Diagnostic{Severity: diag.Error, Path: "content", Msg: "the content/ folder is missing", Fix: "create content/ with your Markdown pages, or pass --source DIR"})
	}
}

// parseOne parses one content file as Load's parse phase does.
func (l *Live) parseOne(q string, data []byte) (site.Input, diag.List) {
	return l.p.ParseOne(q, data)
}

// bodyOnly reports whether a new parse of a regular page differs from the
// old one only below the front matter, so the model's shape (URLs, lists,
// terms, people) stays and the page can be patched in place.
func bodyOnly(q string, old, nw *markdown.Doc) bool {
	if path.Base(q) == "_index.md" {
		return false // section and home titles and descriptions come from it
	}
	return reflect.DeepEqual(old.FM, nw.FM)
}

// patch replaces the page built from content file q with one built from
// its new input, in place, keeping its place in the model: its terms,
// related lists, people and breadcrumbs. It returns the URLs whose output
// changed: the page and every page that lists it or links it as related.
//
// On a multilingual site the page is patched in its own language's model;
// the other languages' pages only link to its URL, which stays.
func (l *Live) patch(q string) ([]string, bool) {
	old, s := l.p.PageOf(q)
	if old == nil {
		return nil, false
	}
	np, ok := l.p.Alone(s, l.inputs[q], l.siteOptions())
	if !ok || np.URL != old.URL || np.Kind != old.Kind {
		return nil, false
	}
	keep := *old
	*old = *np
	old.Translations, old.TranslationKey = keep.Translations, keep.TranslationKey
	old.Author, old.Authors, old.Reviewer = keep.Author, keep.Authors, keep.Reviewer
	old.Terms, old.Crisis = keep.Terms, keep.Crisis
	old.Related, old.RelatedServices, old.RelatedScores = keep.Related, keep.RelatedServices, keep.RelatedScores
	old.Pages, old.Pager, old.Intro = keep.Pages, keep.Pager, keep.Intro
	old.Term, old.Taxonomy, old.Person = keep.Term, keep.Taxonomy, keep.Person
	old.Breadcrumbs = keep.Breadcrumbs
	old.Content = ""
	l.checkLinks(q, old.Doc)
	// A new body may change the page's summary in the feeds; the aliases,
	// and so the feeds' diagnostics, stay as they are. The search index is
	// made again now, from every page's analysed text (only this page's
	// was analysed again): the search page names the index's new manifest.
	searchMoved := l.p.Patched(s.Lang.Code)

	dirty := []string{old.URL}
	for _, pg := range s.Pages {
		if pg != old && (holds(pg.Pages, old) || holds(pg.Related, old) || holds(pg.RelatedServices, old)) {
			dirty = append(dirty, pg.URL)
		} else if pg.Kind == site.KindSearch && searchMoved {
			dirty = append(dirty, pg.URL)
		}
	}
	return dirty, true
}

func holds(ps []*site.Page, p *site.Page) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

// editedURLs maps content paths to the URLs of their pages; a section's
// _index.md maps to the section's first list page.
func (l *Live) editedURLs(paths []string) []string {
	if l.p == nil || l.p.Site == nil {
		return nil
	}
	var out []string
	for _, q := range paths {
		if pg, _ := l.p.PageOf(q); pg != nil {
			out = append(out, pg.URL)
			continue
		}
		if path.Base(q) != "_index.md" {
			continue
		}
		dir := strings.TrimPrefix(path.Dir(q), "content")
		dir = strings.TrimPrefix(dir, "/")
		switch {
		case dir == "" && l.p.Site.Home != nil:
			out = append(out, l.p.Site.Home.URL)
		case l.p.Site.Sections[dir] != nil:
			out = append(out, l.p.Site.Sections[dir].URL)
		}
	}
	return unique(out)
}

func unique(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
