package build

import (
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/images"
	"clinicgen/generator/internal/markdown"
)

// photo is one JPEG or PNG of the site, prepared for publishing once.
type photo struct {
	once sync.Once
	info images.Info
	res  images.Result
	err  error  // an *images.Problem
	sum  string // the source's digest, when Known gave it
	used atomic.Bool
	// crops are the share pictures made of it, by focus.
	mu    sync.Mutex
	crops map[string]crop
}

type crop struct {
	data []byte
	err  error
}

// configure sets how photos are prepared: images.* from config.yaml, and
// the cache folder under the site root when the build knows the root.
func (ix *imageIndex) configure(cfg *config.Config, opt Options) {
	im := cfg.Images
	ix.maxPx = im.MaxPixels
	ix.sizesA = im.Sizes
	ix.proc = &images.Processor{
		Settings: images.Settings{Widths: im.Widths, Quality: im.Quality},
		OnResize: opt.OnImageResize,
	}
	if opt.Root != "" {
		ix.proc.Cache = images.NewCache(filepath.Join(opt.Root, filepath.FromSlash(im.Cache)))
	}
	if opt.check {
		// `check` writes nothing: it proves each photo decodes, makes no
		// copies and leaves the cache as it is.
		ix.proc.CheckOnly = true
		if ix.proc.Cache != nil {
			ix.proc.Cache.ReadOnly = true
		}
	}
}

// prepare returns the photo at site path c, checked and processed on first
// use: a caller decodes at most one image at a time.
func (ix *imageIndex) prepare(c string) *photo {
	ix.mu.Lock()
	ph := ix.photos[c]
	if ph == nil {
		ph = &photo{}
		ix.photos[c] = ph
	}
	ix.mu.Unlock()
	ph.once.Do(func() {
		// A photo read from disk whose stamp an earlier build recorded
		// is neither read nor hashed again (see images.Stamp).
		st, stamped := ix.stamp(c)
		if stamped {
			if in, sum, ok := ix.proc.Known(st, ix.maxPx); ok {
				ph.info, ph.sum = in, sum
				ph.res, ph.err = ix.proc.ProcessKnown(c, sum, in, func() ([]byte, error) { return ix.read(c) })
				return
			}
		}
		data, err := ix.read(c)
		if err != nil {
			ph.err = &images.Problem{Msg: "cannot read " + path.Base(c) + ": " + err.Error(), Fix: "check the file's permissions"}
			return
		}
		ph.info, ph.err = images.Inspect(c, data, ix.maxPx)
		if ph.err == nil {
			ph.res, ph.err = ix.proc.Process(c, data, ph.info)
		}
		if ph.err == nil && stamped {
			ix.proc.Remember(st, ix.maxPx, ph.res)
		}
	})
	return ph
}

// picture is how a page shows the photo at site path c (public URL u):
// the widest copy as src, every copy in srcset.
func (ix *imageIndex) picture(c, u string) markdown.Picture {
	ph := ix.prepare(c)
	ph.used.Store(true)
	if ph.err != nil {
		msg, fix := problem(ph.err)
		return markdown.Picture{Problem: msg, Fix: fix}
	}
	type cand struct {
		u    string
		w, h int
	}
	var cs []cand
	for _, v := range ph.res.Variants {
		cs = append(cs, cand{images.VariantName(u, v.Width), v.Width, v.Height})
	}
	// The original joins the set when it is no wider than the widest
	// configured copy (or is the only one).
	if len(cs) == 0 || ph.info.Width <= slices.Max(ix.proc.Settings.Widths) {
		cs = append(cs, cand{u, ph.info.Width, ph.info.Height})
	}
	top := cs[len(cs)-1]
	pic := markdown.Picture{URL: top.u, Width: top.w, Height: top.h}
	if len(cs) > 1 {
		parts := make([]string, len(cs))
		for i, c := range cs {
			parts[i] = (&url.URL{Path: c.u}).EscapedPath() + " " + strconv.Itoa(c.w) + "w"
		}
		pic.Srcset = strings.Join(parts, ", ")
		pic.Sizes = ix.sizesA
	}
	return pic
}

// share is how a page's front matter `image` is shared: for a photo, a
// 1200×630 crop keeping the part imageFocus names; any other image as
// resolve gives it.
func (ix *imageIndex) share(from, src, focus string) (markdown.Picture, bool) {
	pic, ok := ix.resolve(from, src)
	if !ok || pic.Problem != "" || !ix.isPhotoURL(pic.URL) {
		return pic, ok
	}
	c, u := ix.photoAt(from, src)
	ph := ix.prepare(c)
	if focus == "" {
		focus = "center"
	}
	ph.mu.Lock()
	cr, done := ph.crops[focus]
	ph.mu.Unlock()
	if !done {
		if ph.sum != "" {
			cr.data, cr.err = ix.proc.ShareKnown(c, ph.sum, ph.info, focus, func() ([]byte, error) { return ix.read(c) })
		} else if data, err := ix.read(c); err == nil {
			cr.data, cr.err = ix.proc.Share(c, data, ph.info, focus)
		} else {
			cr.err = &images.Problem{Msg: "cannot read " + path.Base(c) + ": " + err.Error(), Fix: "check the file's permissions"}
		}
		ph.mu.Lock()
		if ph.crops == nil {
			ph.crops = map[string]crop{}
		}
		ph.crops[focus] = cr
		ph.mu.Unlock()
		ix.newCrops.Store(true)
	}
	if cr.err != nil {
		msg, fix := problem(cr.err)
		return markdown.Picture{Problem: msg, Fix: fix}, true
	}
	w, h := images.ShareSize(ph.info)
	return markdown.Picture{URL: images.ShareName(u, focus), Width: w, Height: h}, true
}

// isPhotoURL reports whether a resolved URL is a photo's own (a photo
// narrower than every copy has no srcset).
func (ix *imageIndex) isPhotoURL(u string) bool {
	_, ok := images.FormatOf(u)
	return ok
}

// photoAt returns the site path and public URL of the photo src names
// from the page at from (resolve has found it).
func (ix *imageIndex) photoAt(from, src string) (string, string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, c := range ImageCandidates(from, src) {
		if _, ok := ix.files[c]; ok {
			return c, "/" + strings.TrimPrefix(strings.TrimPrefix(c, "content/"), "assets/")
		}
	}
	return "", ""
}

func problem(err error) (msg, fix string) {
	if pr, ok := err.(*images.Problem); ok {
		return pr.Msg, pr.Fix
	}
	return err.Error(), "export or copy the photo again"
}

// publish prepares every photo (on all cores, one image per worker at a
// time) and puts what is published into files (output path → bytes): the
// copy without metadata in place of the source file, and the resized
// copies beside it. A photo that cannot be published is left out; the
// pages that show it already have an error at their line, and one no page
// uses (when reportUnused) gets an error at the file.
func (ix *imageIndex) publish(files map[string][]byte, reportUnused bool) []diag.Diagnostic {
	ix.mu.Lock()
	var paths []string
	for c := range ix.files {
		if _, ok := images.FormatOf(c); ok {
			paths = append(paths, c)
		}
	}
	ix.mu.Unlock()
	sort.Strings(paths)
	ix.stripOthers(files)
	jobs := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				ix.prepare(c)
			}
		}()
	}
	for _, c := range paths {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	var ds []diag.Diagnostic
	for _, c := range paths {
		ph := ix.prepare(c)
		out := strings.TrimPrefix(strings.TrimPrefix(c, "content/"), "assets/")
		if ph.err != nil {
			delete(files, out)
			if reportUnused && !ph.used.Load() {
				msg, fix := problem(ph.err)
				ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: c, Msg: msg, Fix: fix, Code: "image-broken"})
			}
			continue
		}
		files[out] = ph.res.Full
		if ix.lean {
			ix.outs[out] = photoOut{c, ph, 0}
		}
		add := func(name string, data []byte) bool {
			if _, taken := files[name]; taken {
				ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: c, Code: "image-name-taken",
					Msg: "its resized copy " + name + " would replace a file of the site with that name",
					Fix: "rename one of the two files"})
				return false
			}
			files[name] = data
			return true
		}
		for i, v := range ph.res.Variants {
			if add(images.VariantName(out, v.Width), v.Data) && ix.lean {
				ix.outs[images.VariantName(out, v.Width)] = photoOut{c, ph, i + 1}
			}
		}
		ph.mu.Lock()
		for focus, cr := range ph.crops {
			if cr.err == nil {
				add(images.ShareName(out, focus), cr.data)
			}
		}
		ph.mu.Unlock()
	}
	return ds
}

// photoOut is one published copy of a photo: copy i of its Result (see
// images.Processor.Copy).
type photoOut struct {
	c  string
	ph *photo
	i  int
}

// maker makes the output at out when it is a copy of a photo published
// lean (see imageIndex.lean); nil for any other output.
func (ix *imageIndex) maker(out string) func(bool) ([]byte, string, error) {
	if ix == nil {
		return nil
	}
	ix.mu.Lock()
	o, ok := ix.outs[out]
	ix.mu.Unlock()
	if !ok {
		return nil
	}
	return func(file bool) ([]byte, string, error) {
		if file {
			if f, ok := ix.proc.File(&o.ph.res, o.i); ok {
				return nil, f, nil
			}
		}
		b, err := ix.proc.Copy(o.c, &o.ph.res, o.i, func() ([]byte, error) { return ix.read(o.c) })
		return b, "", err
	}
}

// stamp is the images.Stamp of the photo at site path c, when Load
// deferred reading it (a file on disk, not one the dev server holds).
func (ix *imageIndex) stamp(c string) (images.Stamp, bool) {
	ix.mu.Lock()
	lazy, fsys := ix.deferred[c], ix.fsys
	ix.mu.Unlock()
	if !lazy || fsys == nil {
		return images.Stamp{}, false
	}
	fi, err := fs.Stat(fsys, c)
	if err != nil {
		return images.Stamp{}, false
	}
	return images.StampOf(c, fi), true
}

// read returns the bytes of the image at site path c, from the file
// when Load deferred reading it.
func (ix *imageIndex) read(c string) ([]byte, error) {
	ix.mu.Lock()
	data, lazy := ix.files[c], ix.deferred[c]
	fsys := ix.fsys
	ix.mu.Unlock()
	if !lazy || fsys == nil {
		return data, nil
	}
	return fs.ReadFile(fsys, c)
}

// stripOthers removes the EXIF and XMP chunks of the WebP images in files
// (published as they are otherwise: no pure-Go encoder makes WebP
// copies). A file that is not well-formed WebP is left as it is. GIF and
// AVIF are published as they are: check warns when they record a GPS
// position (see gpsWarnings).
func (ix *imageIndex) stripOthers(files map[string][]byte) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for c := range ix.files {
		if !strings.EqualFold(path.Ext(c), ".webp") {
			continue
		}
		out := strings.TrimPrefix(strings.TrimPrefix(c, "content/"), "assets/")
		if data, ok := files[out]; ok {
			if stripped, ok := images.StripWebP(data); ok {
				files[out] = stripped
			}
		}
	}
}

// derived returns the output paths made from the photo published at out
// (resized copies, share crops), none for any other file.
func (ix *imageIndex) derived(out string) []string {
	ix.mu.Lock()
	var ph *photo
	for c, p := range ix.photos {
		if strings.TrimPrefix(strings.TrimPrefix(c, "content/"), "assets/") == out {
			ph = p
		}
	}
	ix.mu.Unlock()
	if ph == nil || ph.err != nil {
		return nil
	}
	var ds []string
	for _, v := range ph.res.Variants {
		ds = append(ds, images.VariantName(out, v.Width))
	}
	ph.mu.Lock()
	for focus := range ph.crops {
		ds = append(ds, images.ShareName(out, focus))
	}
	ph.mu.Unlock()
	return ds
}

// gpsWarnings are `check`'s warnings for photos that record where they
// were taken.
func (ix *imageIndex) gpsWarnings() []diag.Diagnostic {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var ds []diag.Diagnostic
	for c, ph := range ix.photos {
		if ph.err == nil && ph.info.GPS {
			ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: c, Code: "image-gps",
				Msg: "this photo records where it was taken; the published copy will not",
				Fix: "nothing to do for the site; turn off location in the camera app to keep it out of future photos"})
		}
	}
	// The other images are published as they are (WebP without its EXIF
	// and XMP chunks).
	for c, data := range ix.files {
		ext := strings.ToLower(path.Ext(c))
		if (ext != ".webp" && ext != ".gif" && ext != ".avif") || !images.HasGPS(data) {
			continue
		}
		if ext == ".webp" {
			if _, ok := images.StripWebP(data); ok {
				ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: c, Code: "image-gps",
					Msg: "this image records where it was taken; the published copy will not",
					Fix: "nothing to do for the site; turn off location in the camera app to keep it out of future photos"})
				continue
			}
		}
		ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Path: c, Code: "image-gps",
			Msg: "this image records where it was taken, and it is published as it is",
			Fix: "export it again without location data (or as JPEG, whose metadata the build removes)"})
	}
	return ds
}
