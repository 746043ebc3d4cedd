// Package build is the only orchestrator: it runs the pipeline
// load → parse → model → render → publish as named, timed phases and
// collects every diagnostic on the way, so one run reports all of an
// editor's mistakes at once.
//
// Run writes a site into a staging folder beside the destination and swaps
// it in only when there are no errors: a failed build leaves the previous
// output byte-for-byte as it was. Load stops before rendering and keeps the
// model in memory; the dev server renders pages from it on request.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/checks"
	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/images"
	"clinicgen/generator/internal/jsonld"
	"clinicgen/generator/internal/locate"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/publish"
	"clinicgen/generator/internal/readability"
	"clinicgen/generator/internal/render"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/source"
)

// Options select what a build publishes and where.
type Options struct {
	// BaseURL overrides config.yaml's baseURL when set.
	BaseURL string
	// Drafts, Future and Expired include pages the publishing rules leave out.
	Drafts, Future, Expired bool
	// Now decides what is scheduled or expired; zero means the current time.
	Now time.Time
	// Only, when set, are the content files (site-relative slash paths)
	// Check was asked about: they are published whatever the publishing
	// rules say, and Check reports only their problems (and errors outside
	// content/).
	Only []string
	// Dev renders for `generator serve`.
	Dev bool
	// Production marks a build for the real site even when baseURL looks
	// local or like an example (a baseURL on a real domain always is one):
	// Run refuses to publish placeholders in config.yaml unless
	// AllowPlaceholders.
	Production, AllowPlaceholders bool
	// Compress writes .gz and .br copies of text outputs (Run only).
	Compress bool
	// Progress, if set, is told about long phases ("parse", done, total).
	Progress func(phase string, done, total int)
	// Context, if set, interrupts Run when it is done (Ctrl+C): rendering
	// stops, the staging folder is removed, the destination is left as it
	// was, and Run reports one error.
	Context context.Context
	// OnImageResize, if set, is called for each resized copy of a photo
	// actually made (not read from the image cache), from any goroutine.
	OnImageResize func(name string, width int)
	// Root is the site folder on disk, where the image cache lives
	// (images.cache under it); Run and Check set it from their root.
	// Without it photos are prepared in memory only.
	Root string
	// check is set by Check: photos are decoded, not resized.
	check bool
}

// Phase is one timed step of a run.
type Phase struct {
	Name string
	Took time.Duration
}

// Project is a loaded, parsed and modelled site, ready to render.
type Project struct {
	Config *config.Config
	// Site is the model of the default language; Sites has one model per
	// language, the default first (just Site on a site with one language).
	Site     *site.Site
	Sites    []*site.Site
	Renderer *render.Renderer
	// renderers are the Renderers by language code (Renderer is the
	// default language's).
	renderers map[string]*render.Renderer
	// strs are each language's theme strings (layouts/i18n).
	strs     map[string]*render.Strings
	Manifest assets.Manifest
	// Files are the files copied as they are (SVG images, fonts…), and
	// photos without their metadata with their resized copies and share
	// crops: output path → bytes.
	Files map[string][]byte
	// Docs are the parsed content files by path (nil entries failed to parse).
	Docs map[string]*markdown.Doc
	// Generated are the files made from the whole model: feeds, sitemap,
	// robots.txt and alias redirects (see feeds.Build).
	Generated []Output
	Phases    []Phase
	opt       Options
	min       *assets.Minifier
	// searchURLs maps a model's language code (s.Lang.Code; "" for a
	// site with one language) to its search index's manifest URL (nil
	// without search); searchOut are the indexes' files, all
	// fingerprinted, and searchFiles their paths. They are made with
	// Generated, and again by the dev server after each patched page (see
	// searchIndex).
	searchURLs  map[string]string
	searchOut   []Output
	searchFiles map[string]bool
	// genStale asks Extras to make Generated again (after a page was
	// patched in place; see Live).
	genStale bool
	// src is every file Load read, for placing audit problems (nil in
	// Live); the Markdown files' bytes are dropped once parsed (see
	// memory.facts).
	src *source.Site
	// mem is how the Project keeps its memory flat on a large site.
	mem memory
	// images are the site's images, photos prepared for publishing.
	images *imageIndex
	// linkFiles is set by Run, whose emit takes Output.From: photos are
	// hard-linked from the image cache instead of copied.
	linkFiles bool
	// parser parses one content file for ParseOne (the dev server).
	parser *markdown.Parser
}

// Load runs every phase up to rendering. The diagnostics are sorted; the
// Project is nil only when nothing could be modelled (no config).
func Load(fsys fs.FS, opt Options) (*Project, diag.List) {
	var ds diag.List
	p := &Project{opt: opt, Files: map[string][]byte{}, Docs: map[string]*markdown.Doc{}, min: assets.NewMinifier(), mem: newMemory(fsys)}
	t := time.Now()
	// Photos are read when prepared, one per worker at a time, and their
	// bytes dropped: memory does not grow with their number.
	src, lds := source.LoadWith(fsys, source.Options{Defer: func(f string) bool {
		_, photo := images.FormatOf(f)
		return photo && (strings.HasPrefix(f, "content/") || strings.HasPrefix(f, "assets/"))
	}})
	ds = append(ds, lds...)
	ds = append(ds, checks.SVG(src)...)
	p.src = src
	p.phase("load", &t)
	if src.Config == nil {
		ds.Sort()
		return nil, ds
	}
	cfg, cds := LoadConfig(src, opt)
	ds = append(ds, cds...)
	if cfg == nil {
		ds.Sort()
		return nil, ds
	}
	p.Config = cfg
	p.phase("config", &t)

	// Assets: fingerprint CSS/JS, copy the rest; image sizes for Markdown.
	assetFiles := map[string][]byte{}
	for _, f := range src.Assets {
		assetFiles[strings.TrimPrefix(f.Path, "assets/")] = f.Data
	}
	man, copies, err := assets.Build(assetFiles, p.min)
	if err != nil {
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: "assets", Msg: err.Error(), Fix: "fix the CSS or JavaScript file it names"})
	}
	p.Manifest = man
	for _, a := range copies {
		p.Files[a.Path] = a.Data
	}
	imgs := newImages(src, cfg, opt)
	imgs.fsys = fsys
	// A build that writes its photos once (not the dev server, which
	// keeps them to answer requests) takes each from the image cache as
	// it writes it (see Extras), holding none.
	imgs.lean = imgs.proc.Cache != nil && !opt.check && !opt.Dev
	imgs.proc.Lean = imgs.lean
	p.images = imgs
	for _, f := range src.Content {
		if !source.IsMarkdown(f.Path) {
			out := strings.TrimPrefix(f.Path, "content/")
			if _, ok := p.Files[out]; ok {
				ds = append(ds, checks.TwoSources(f.Path, out))
			}
			p.Files[out] = f.Data
		}
	}
	p.phase("assets", &t)

	inputs, pds := p.parse(src.Content, *cfg, imgs)
	ds = append(ds, pds...)
	p.phase("parse", &t)
	// Photos the pages use were prepared while parsing; this prepares the
	// rest and publishes every one without its metadata.
	ds = append(ds, imgs.publish(p.Files, true)...)
	p.phase("images", &t)

	layouts := map[string][]byte{}
	for _, f := range src.Layouts {
		layouts[strings.TrimPrefix(f.Path, "layouts/")] = f.Data
	}
	strs, sds := themeStrings(cfg, layouts)
	ds = append(ds, sds...)
	p.strs = strs
	sites, mds := buildModels(cfg, inputs, site.Options{Drafts: opt.Drafts || opt.Dev, Future: opt.Future || opt.Dev, Expired: opt.Expired, Now: opt.Now, Include: pathSet(opt.Only)}, strs)
	ds = append(ds, mds...)
	p.Site, p.Sites = sites[0], sites
	var skipped []site.Skip
	for _, s := range p.Sites {
		skipped = append(skipped, s.Skipped...)
	}
	ds = checks.UnpublishedWarnings(ds, skipped)
	if !opt.Dev {
		// The preview keeps them: an edit may publish the page that
		// uses them while it runs.
		p.dropUnpublishedFiles(skipped)
	}
	p.phase("model", &t)
	ds = append(ds, p.generate()...)
	ds = append(ds, p.checkOutputs()...)
	p.phase("feeds", &t)
	ds = append(ds, p.searchIndex()...)
	if !opt.Dev {
		// The index is built: a build lets the pages' analysed text go
		// before rendering (10,000 articles hold about 175 MB of it); the
		// preview keeps it, to re-index a page when it is saved.
		for _, pg := range p.pages() {
			pg.Search = nil
			if pg.Intro != nil {
				pg.Intro.Search = nil
			}
		}
	}
	p.phase("search", &t)

	ds = append(ds, p.newRenderers(layouts, opt.Dev)...)
	p.phase("layouts", &t)
	locate.Quote(ds, p.parsed, p.mem.read)
	ds.Sort()
	return p, ds
}

// pathSet is the set of paths, nil when there are none.
func pathSet(paths []string) map[string]bool {
	if len(paths) == 0 {
		return nil
	}
	m := make(map[string]bool, len(paths))
	for _, p := range paths {
		m[p] = true
	}
	return m
}

func (p *Project) phase(name string, t *time.Time) {
	now := time.Now()
	p.Phases = append(p.Phases, Phase{Name: name, Took: now.Sub(*t)})
	*t = now
}

// parse parses every Markdown file on all cores and computes its reading
// figures and related-posts text. It drops each file's bytes from files
// once parsed (Data becomes nil), keeping only its facts (in a Project
// Load made), so a large site never holds all its sources and all its
// body HTML at once.
func (p *Project) parse(files []source.File, cfg config.Config, imgs *imageIndex) ([]site.Input, diag.List) {
	var md []*source.File
	for i := range files {
		if source.IsMarkdown(files[i].Path) {
			md = append(md, &files[i])
		}
	}
	parser := markdown.New(markdown.Options{RawHTML: cfg.Markdown.RawHTML, Location: cfg.Location, ResolveImage: imgs.resolve, ResolveShare: imgs.share})
	inputs := make([]site.Input, len(md))
	dss := make([]diag.List, len(md))
	facts := make([]*locate.Facts, len(md))
	packed := make([]*packedBody, len(md))
	targets := p.readingTargets()
	var done sync.WaitGroup
	jobs := make(chan int, 64)
	var mu sync.Mutex
	count := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		done.Add(1)
		go func() {
			defer done.Done()
			var scratch []byte
			ip := newInputParser(parser, &cfg)
			for i := range jobs {
				inputs[i], dss[i] = ip.parse(md[i].Path, md[i].Data)
				if p.mem.facts != nil && inputs[i].Doc != nil {
					facts[i] = locate.FactsOf(md[i].Data, inputs[i].Doc, hardest(inputs[i].Reading, targets))
				}
				md[i].Data = nil
				if p.mem.bodies != nil && inputs[i].Doc != nil {
					packed[i], scratch = pack(inputs[i].Doc, scratch)
				}
				if p.opt.Progress != nil {
					mu.Lock()
					count++
					p.opt.Progress("parse", count, len(md))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range md {
		if p.interrupted() {
			break // Run reports it; the files left out are not looked at
		}
		jobs <- i
	}
	close(jobs)
	done.Wait()
	var all diag.List
	out := inputs[:0]
	for i, in := range inputs {
		all = append(all, dss[i]...)
		p.Docs[md[i].Path] = in.Doc
		if facts[i] != nil {
			p.mem.facts[md[i].Path] = facts[i]
		}
		if packed[i] != nil {
			p.mem.bodies[in.Doc] = packed[i]
		}
		if in.Doc != nil {
			out = append(out, in)
		}
	}
	return out, all
}

// hardest is the sentence of a page locate.FactsOf places for its
// readability warning: the hardest, when the page has a warning (above the
// target, or not measured but with hardest sentences); else "".
func hardest(r readability.Stats, targets readability.Targets) string {
	if len(r.Hardest) > 0 && (!r.Measured || r.OffTarget(targets)) {
		return r.Hardest[0].Text
	}
	return ""
}

// parsed reports whether file is a Markdown file Load parsed, whose lines
// messages quote.
func (p *Project) parsed(file string) bool {
	_, ok := p.Docs[file]
	return ok && p.mem.facts != nil
}

// Output is one file of the built site.
type Output struct {
	Path string // slash path under the destination, e.g. "articles/x/index.html"
	Data []byte
	// From, when set, names a file on disk holding the output's bytes (a
	// photo's copy in the image cache, checked), Data being nil: the
	// writer links or copies it (publish.Stage.WriteFrom).
	From string
	// Make, if set, makes the output when it is written (a photo's copy,
	// from the image cache), so that the bytes of every output need not
	// be held at once: its bytes, or with file set, possibly a file that
	// holds them instead (for From). Use Bytes for the bytes.
	Make func(file bool) (data []byte, from string, err error)
	// Page is the page a rendered page's HTML comes from (nil for other
	// outputs), so the audit reads that page and not another that wants
	// the same URL (an error reported on its own) while a worker renders it.
	Page *site.Page
}

// Bytes are the output's bytes: Data, what Make makes, or From's.
func (o Output) Bytes() ([]byte, error) {
	if o.Make != nil {
		data, _, err := o.Make(false)
		return data, err
	}
	if o.From != "" {
		return os.ReadFile(o.From)
	}
	return o.Data, nil
}

// RenderPage renders one page to its final HTML (not yet minified).
func (p *Project) RenderPage(pg *site.Page) ([]byte, diag.List) {
	return p.appendPage(nil, pg)
}

// appendPage is RenderPage writing into dst's storage (see
// render.Renderer.AppendPage).
func (p *Project) appendPage(dst []byte, pg *site.Page) ([]byte, diag.List) {
	var ds diag.List
	if pg.Doc != nil && pg.Content == "" {
		body, rds := p.resolve(pg.Doc)
		ds = append(ds, rds...)
		pg.Content = trustedHTML(body)
	}
	if pg.Intro != nil && pg.Intro.Doc != nil && pg.Intro.Content == "" {
		body, rds := p.resolve(pg.Intro.Doc)
		ds = append(ds, rds...)
		pg.Intro.Content = trustedHTML(body)
	}
	s := p.siteOf(pg)
	out, rds := p.rendererOf(pg).AppendPage(dst, &render.Data{Page: pg, Site: s, Now: p.opt.Now, JSONLD: jsonld.ForPage(s, pg), SearchIndex: p.searchURLs[s.Lang.Code]})
	return out, append(ds, rds...)
}

// urlOf maps a content file to its page's URL. A file that failed to
// parse has already been reported; links to it are not reported again.
func (p *Project) urlOf(file string) (string, bool) {
	for _, s := range p.Sites {
		if u, ok := s.URLOf(file); ok {
			return u, true
		}
	}
	if doc, seen := p.Docs[file]; seen && doc == nil {
		return "#", true
	}
	return "", false
}

// OutputPath is where a page's HTML goes under the destination.
func OutputPath(pg *site.Page) string {
	if strings.HasSuffix(pg.URL, ".html") {
		return strings.TrimPrefix(pg.URL, "/")
	}
	return strings.TrimPrefix(pg.URL, "/") + "index.html"
}

// Render renders every page on all cores and hands each output to emit
// together with the assets, copied files and generated extras. emit must be
// safe for concurrent use, and must not keep a page's Data once it returns:
// the buffer is reused for the next page.
func (p *Project) Render(emit func(Output) error) diag.List {
	var ds diag.List
	emit, unrendered, audited := p.audit(emit)
	var mu sync.Mutex
	add := func(d ...diag.Diagnostic) {
		mu.Lock()
		ds = append(ds, d...)
		mu.Unlock()
	}
	pages := p.pages()
	// Every pager page of a list holds the same _index.md intro page:
	// resolve intros here, once, not in the workers that render those
	// pages in parallel (RenderPage would fill in Intro.Content from each).
	for _, pg := range pages {
		if in := pg.Intro; in != nil && in.Doc != nil && in.Content == "" {
			body, rds := p.resolve(in.Doc)
			ds = append(ds, rds...)
			in.Content = trustedHTML(body)
		}
	}
	jobs := make(chan *site.Page, 64)
	var wg sync.WaitGroup
	var stopped atomic.Bool // a write to disk failed: no use going on
	count := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each page's HTML is done with once emit returns: the next
			// page reuses its buffer.
			var buf []byte
			for pg := range jobs {
				if stopped.Load() || p.interrupted() {
					continue // drain the queue
				}
				html, rds := p.appendPage(buf, pg)
				if cap(html) > cap(buf) {
					buf = html
				}
				if len(rds) > 0 {
					add(rds...)
				}
				if html != nil {
					if err := emit(Output{Path: OutputPath(pg), Data: html, Page: pg}); errors.Is(err, publish.ErrStopped) {
						stopped.Store(true) // the first write error said it
					} else if err != nil {
						add(writeErr(OutputPath(pg), err))
					}
				} else if rds.HasErrors() {
					unrendered(OutputPath(pg))
				}
				// The body is in the output now; keeping a copy of every
				// page's would double the memory a large site needs
				// (RenderPage makes it again when asked).
				pg.Content = ""
				if p.mem.once && pg.Doc != nil {
					p.mem.dropBody(pg.Doc)
				}
				if p.opt.Progress != nil {
					mu.Lock()
					count++
					p.opt.Progress("render", count, len(pages))
					mu.Unlock()
				}
			}
		}()
	}
	for _, pg := range pages {
		if p.interrupted() || stopped.Load() {
			break
		}
		jobs <- pg
	}
	close(jobs)
	wg.Wait()
	for _, o := range p.Extras() {
		if p.interrupted() || stopped.Load() {
			break
		}
		if o.Make != nil {
			// A photo's copy, held only while it is written, or linked
			// from the image cache when emit can (linkFiles).
			data, from, err := o.Make(p.linkFiles)
			if err != nil {
				msg, fix := problem(err)
				ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: o.Path, Msg: msg, Fix: fix, Code: "image-broken"})
				continue
			}
			o.Data, o.From, o.Make = data, from, nil
		}
		if err := emit(o); errors.Is(err, publish.ErrStopped) {
			break
		} else if err != nil {
			ds = append(ds, writeErr(o.Path, err))
		}
	}
	ds = append(ds, audited()...)
	ds = dedupe(ds)
	ds.Sort()
	return ds
}

// interrupted reports whether Options.Context is done.
func (p *Project) interrupted() bool {
	return p.opt.Context != nil && p.opt.Context.Err() != nil
}

// Extras are the non-page outputs: fingerprinted assets, copied files, and
// the files generated from the model.
func (p *Project) Extras() []Output {
	var out []Output
	var names []string
	for n := range p.Manifest {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := p.Manifest[n]
		out = append(out, Output{Path: a.Path, Data: a.Data})
	}
	var files []string
	for n := range p.Files {
		files = append(files, n)
	}
	sort.Strings(files)
	for _, n := range files {
		out = append(out, Output{Path: n, Data: p.Files[n], Make: p.images.maker(n)})
	}
	if p.genStale {
		p.generate()
	}
	out = append(out, p.Generated...)
	out = append(out, p.searchOut...)
	return append(out, p.hostFiles(out)...)
}

func siteDirErr(root string, err error) diag.Diagnostic {
	if errors.Is(err, fs.ErrNotExist) {
		return diag.Diagnostic{Severity: diag.Error, Path: root, Msg: "the site folder does not exist", Fix: "run the command in the site's root folder, or pass --source DIR"}
	}
	return diag.Diagnostic{Severity: diag.Error, Path: root, Msg: "cannot open the site folder: " + err.Error(), Fix: "check the folder's name and permissions"}
}

func writeErr(rel string, err error) diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Path: rel, Msg: "cannot write output: " + err.Error(), Fix: "check the destination folder and free disk space"}
}

func interruptedErr(dest string) diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Path: dest, Msg: "the build was interrupted; nothing was written", Fix: "build again", Code: "interrupted"}
}

// Result is what Run did.
type Result struct {
	Project *Project
	Diags   diag.List
	Phases  []Phase
	// Files is the number of files written (without .gz/.br copies).
	Files int
	Took  time.Duration
}

// Run builds the site in root into dest. Nothing is written to dest unless
// the build has no errors. A dest that is, holds or sits inside an input
// folder of root, or that is a folder a build did not make, is refused
// before anything is read (see publish.CheckDestination).
func Run(root, dest string, opt Options) (res *Result) {
	start := time.Now()
	res = &Result{}
	defer func() { res.Took = time.Since(start) }()
	if err := publish.CheckDestination(root, dest); err != nil {
		res.Diags = diag.List{{Severity: diag.Error, Path: dest, Msg: strings.TrimPrefix(err.Error(), "publish: "), Code: "destination"}}
		return res
	}
	// Read through an os.Root: a symbolic link that leads outside the
	// site folder cannot be followed, so nothing outside it is published.
	dir, err := os.OpenRoot(root)
	if err != nil {
		res.Diags = diag.List{siteDirErr(root, err)}
		return res
	}
	defer dir.Close()
	if opt.Root == "" {
		opt.Root = root
	}
	p, ds := Load(dir.FS(), opt)
	res.Project = p
	res.Diags = ds
	if p == nil {
		return res
	}
	res.Phases = p.Phases
	if p.interrupted() {
		res.Diags = append(res.Diags, interruptedErr(dest))
		return res
	}
	p.mem.once = true // each page is rendered once: drop its body once written
	res.Diags = append(res.Diags, p.ReadabilityWarnings(p.Figures())...)
	res.Diags = append(res.Diags, p.placeholderKinds()...)
	if res.Diags.HasErrors() {
		// Render anyway, writing nothing, so one run reports every
		// mistake: broken links and template errors too.
		res.Diags = append(res.Diags, p.Validate()...)
		res.Diags.Sort()
		return res
	}
	t := time.Now()
	st, err := newStage(dest, p, opt.Compress)
	if err != nil {
		res.Diags = append(res.Diags, writeErr(dest, err))
		return res
	}
	p.linkFiles = true
	rds := p.Render(func(o Output) error {
		if o.From != "" {
			return st.WriteFrom(o.Path, o.From)
		}
		return st.Write(o.Path, o.Data)
	})
	res.Diags = append(res.Diags, rds...)
	res.Phases = append(res.Phases, Phase{Name: "render", Took: time.Since(t)})
	t = time.Now()
	if p.interrupted() {
		res.Diags = append(res.Diags, interruptedErr(dest))
	}
	if res.Diags.HasErrors() {
		st.Abort()
		res.Diags.Sort()
		return res
	}
	if err := st.Commit(); err != nil {
		res.Diags = append(res.Diags, writeErr(dest, fmt.Errorf("swapping in the new site: %w", err)))
	}
	res.Files = st.Files()
	if c := p.images.proc.Cache; c != nil && !res.Diags.HasErrors() {
		// Drop copies of photos since changed, removed or made with other
		// settings. A cache that cannot be cleaned only takes disk space.
		_, _ = c.Clean()
	}
	res.Phases = append(res.Phases, Phase{Name: "publish", Took: time.Since(t)})
	res.Diags.Sort()
	return res
}

// dedupe drops repeated diagnostics (a layout error is found once per page
// that uses the layout).
func dedupe(ds diag.List) diag.List {
	seen := map[string]bool{}
	out := ds[:0]
	for _, d := range ds {
		k := d.Severity.String() + d.Error()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

// imageIndex knows every image a page may reference and its size. Photos
// (JPEG, PNG) are prepared for publishing once each (see photos.go).
type imageIndex struct {
	files map[string][]byte // site-relative path → bytes (nil for a deferred photo)
	// deferred are the photos in files whose bytes are read from fsys
	// when needed (see source.Options.Defer).
	deferred map[string]bool
	fsys     fs.FS
	// lean is set when photos are published from the image cache as they
	// are written: Project.Files holds nil for each of their outputs, and
	// outs says how to make it (see maker).
	lean  bool
	outs  map[string]photoOut
	mu    sync.Mutex
	sizes map[string][2]int
	// photos are the JPEG and PNG files by site path, prepared on first use.
	photos map[string]*photo
	proc   *images.Processor
	maxPx  int
	sizesA string // the sizes attribute
	// newCrops is set when a share crop was made since the last
	// publish (the dev server then publishes again).
	newCrops atomic.Bool
}

func newImages(src *source.Site, cfg *config.Config, opt Options) *imageIndex {
	ix := &imageIndex{files: map[string][]byte{}, sizes: map[string][2]int{}, photos: map[string]*photo{}, deferred: map[string]bool{}, outs: map[string]photoOut{}}
	ix.configure(cfg, opt)
	for _, fs := range [][]source.File{src.Content, src.Assets} {
		for _, f := range fs {
			if IsImage(f.Path) {
				ix.files[f.Path] = f.Data
				if f.Deferred {
					ix.deferred[f.Path] = true
				}
			}
		}
	}
	return ix
}

// ImageCandidates are the site paths an image reference src in the content
// file from may mean, in the order they are looked up.
func ImageCandidates(from, src string) []string {
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	if strings.HasPrefix(src, "/") {
		return []string{path.Join("assets", src), path.Join("content", src)}
	}
	return []string{path.Join(path.Dir(from), src)}
}

func IsImage(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif":
		return true
	}
	return false
}

// resolve maps an image reference in a content file to its URL, size and
// resized copies. "name.svg" is next to the page; "/images/x.png" is
// assets/images/x.png (or content/images/x.png).
func (ix *imageIndex) resolve(from, src string) (markdown.Picture, bool) {
	for _, c := range ImageCandidates(from, src) {
		ix.mu.Lock()
		data, ok := ix.files[c]
		wh, known := ix.sizes[c]
		ix.mu.Unlock()
		if !ok {
			continue
		}
		u := "/" + strings.TrimPrefix(strings.TrimPrefix(c, "content/"), "assets/")
		if _, photo := images.FormatOf(c); photo {
			return ix.picture(c, u), true
		}
		if !known {
			w, h, err := assets.ImageSize(c, data)
			if err != nil {
				return markdown.Picture{}, false
			}
			wh = [2]int{w, h}
			ix.mu.Lock()
			ix.sizes[c] = wh
			ix.mu.Unlock()
		}
		return markdown.Picture{URL: u, Width: wh[0], Height: wh[1]}, true
	}
	return markdown.Picture{}, false
}
