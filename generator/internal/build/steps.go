package build

// The steps of a load, one at a time, for package incremental: the dev
// server keeps a Project current while files change and runs again only
// the steps a change needs. Load runs them all at once.

import (
	"strings"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
	"clinicgen/generator/internal/source"
)

// LoadConfig reads the site's config.yaml as Load does, with opt.BaseURL
// applied. The Config is nil when it has errors (or when there is none).
func LoadConfig(src *source.Site, opt Options) (*config.Config, diag.List) {
	if src.Config == nil {
		return nil, nil
	}
	cfg, ds := config.Load(src.Config)
	if ds.HasErrors() {
		return nil, ds
	}
	if opt.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(opt.BaseURL, "/") + "/"
	}
	ds = append(ds, checkSearchLayout(&cfg, src.Layouts)...)
	return &cfg, ds
}

// NewProject starts a Project for the site src configured by cfg, with
// the images of src and the theme strings of layouts (layout path under
// layouts/ → source). It has no model, files or renderer yet: SetFiles,
// Parse, SetSites and SetLayouts add them. Photos are prepared in memory
// (and in the image cache when opt.Root is set), and kept.
func NewProject(opt Options, cfg *config.Config, src *source.Site, layouts map[string][]byte) *Project {
	p := &Project{opt: opt, Config: cfg, Files: map[string][]byte{}, Docs: map[string]*markdown.Doc{}, min: assets.NewMinifier()}
	p.strs, _ = themeStrings(cfg, layouts) // SetLayouts reports their problems
	p.images = newImages(src, cfg, opt)
	return p
}

// Minifier is the minifier the Project's assets are built with.
func (p *Project) Minifier() *assets.Minifier { return p.min }

// SetFiles makes files (output path → bytes) the files copied as they
// are, with the photos among them published (without their metadata,
// with their resized copies and share crops; each photo is prepared once,
// and again only when SetImage changes it).
func (p *Project) SetFiles(files map[string][]byte) {
	p.images.newCrops.Store(false)
	p.images.publish(files, false)
	p.Files = files
}

// NewCrops reports whether a page asked for a share crop since the last
// SetFiles (which publishes it).
func (p *Project) NewCrops() bool { return p.images.newCrops.Load() }

// SetImage records new bytes for the image at site path name (nil: it is
// gone) and forgets what was worked out from the old ones.
func (p *Project) SetImage(name string, data []byte) { p.images.set(name, data) }

// ForgetAssetImages forgets every image under assets/, before SetImage
// records the ones there now.
func (p *Project) ForgetAssetImages() {
	ix := p.images
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for name := range ix.files {
		if strings.HasPrefix(name, "assets/") {
			delete(ix.files, name)
		}
	}
}

// set records new bytes for an image and forgets its cached size.
func (ix *imageIndex) set(p string, data []byte) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if data == nil {
		delete(ix.files, p)
	} else {
		ix.files[p] = data
	}
	delete(ix.sizes, p)
	delete(ix.photos, p)
	delete(ix.deferred, p)
}

// Parse parses the Markdown files among files on all cores, as Load does.
func (p *Project) Parse(files []source.File) ([]site.Input, diag.List) {
	return p.parse(files, *p.Config, p.images)
}

// ParseOne parses one Markdown content file as Parse does.
func (p *Project) ParseOne(name string, data []byte) (site.Input, diag.List) {
	if p.parser == nil {
		cfg := p.Config
		p.parser = markdown.New(markdown.Options{RawHTML: cfg.Markdown.RawHTML, Location: cfg.Location, ResolveImage: p.images.resolve, ResolveShare: p.images.share})
	}
	return parseInput(p.parser, p.Config, name, data)
}

// Modeller returns what builds the models from the parsed inputs with the
// Project's present config and theme strings. It touches nothing of the
// Project, so it may run alongside any other use of it.
func (p *Project) Modeller(opt site.Options) func([]site.Input) ([]*site.Site, diag.List) {
	cfg, strs := p.Config, p.strs
	return func(in []site.Input) ([]*site.Site, diag.List) { return buildModels(cfg, in, opt, strs) }
}

// SetSites makes sites (as a Modeller built them) the Project's models and
// makes the files made from them again: feeds, sitemap, alias redirects
// and the search index. It returns their diagnostics.
func (p *Project) SetSites(sites []*site.Site) diag.List {
	p.Site, p.Sites = sites[0], sites
	return append(p.generate(), p.searchIndex()...)
}

// Patched is told that a page's body was replaced in place in the model:
// the feeds are made again when next asked for (Extras), the search index
// at once. It reports whether the manifest URL of language lang's index
// changed (that language's search page names it).
func (p *Project) Patched(lang string) bool {
	p.genStale = true
	before := p.searchURLs[lang]
	p.searchIndex()
	return p.searchURLs[lang] != before
}

// LinkDiags are the diagnostics of the links to other .md files in the
// content file doc (which depend on the model; a build reports them when
// rendering, resolving them as it does), with a suggestion for each
// broken one.
func (p *Project) LinkDiags(doc *markdown.Doc) diag.List {
	if pg, _ := p.PageOf(doc.Path); pg == nil || !hasMDLinks(doc) {
		return nil
	}
	if _, ds := doc.Resolve(p.urlOf); len(ds) > 0 {
		return p.suggestLinks(doc, ds)
	}
	return nil
}

// PageOf finds the published page built from a content file in the model
// of any language, with that model.
func (p *Project) PageOf(file string) (*site.Page, *site.Site) {
	for _, s := range p.Sites {
		if pg, ok := s.PageByPath(file); ok {
			return pg, s
		}
	}
	return nil, nil
}

// Alone builds the page of one content file's input by itself, as the
// model s (one of the Project's) builds its pages: with its language's
// configuration, URL prefix and theme strings. The dev server swaps it
// into s in place of the page's old version when only its body changed.
func (p *Project) Alone(s *site.Site, in site.Input, opt site.Options) (*site.Page, bool) {
	cfg := p.Config
	if cfg.Multilingual() {
		for i, l := range cfg.Languages {
			if l.Code == s.Lang.Code {
				cfg, opt = langModel(cfg, i, opt, p.strs)
			}
		}
	} else if t := p.strs[cfg.DefaultLanguage()]; t != nil {
		opt.T = t.Get
	}
	tmp, _ := site.Build(cfg, []site.Input{in}, opt)
	return tmp.PageByPath(in.Doc.Path)
}

func hasMDLinks(d *markdown.Doc) bool {
	for _, k := range d.Links {
		if k.Target != "" {
			return true
		}
	}
	return false
}

// SetLayouts parses the layouts (path under layouts/ → source) and the
// theme strings. With errors the last good renderer stays, so pages keep
// rendering while the dev server shows the mistake.
func (p *Project) SetLayouts(layouts map[string][]byte) diag.List {
	strs, ds := themeStrings(p.Config, layouts)
	p.strs = strs
	return append(ds, p.newRenderers(layouts, p.opt.Dev)...)
}
