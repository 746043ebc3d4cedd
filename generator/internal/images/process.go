package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

// DefaultWidths are images.widths when config.yaml leaves it out.
var defaultWidths = [...]int{480, 800, 1200, 1600}

// DefaultWidths returns a fresh copy of the default widths.
func DefaultWidths() []int { return append([]int(nil), defaultWidths[:]...) }

// DefaultQuality is images.quality when config.yaml leaves it out.
const DefaultQuality = 80

// version changes when the pipeline makes different bytes from the same
// source and settings, so old cache entries are not used.
const version = "2"

// Settings say which copies to make.
type Settings struct {
	// Widths of the resized copies, in pixels; a copy is made only for
	// widths narrower than the original.
	Widths []int
	// Quality of JPEG copies, 1..100.
	Quality int
}

// Plan returns the widths of the copies made of an image shown in.Width
// pixels wide, narrowest first: the configured widths below in.Width.
func (s Settings) Plan(in Info) []int {
	ws := append([]int(nil), s.Widths...)
	sort.Ints(ws)
	var out []int
	for i, w := range ws {
		if w > 0 && w < in.Width && (i == 0 || w != ws[i-1]) {
			out = append(out, w)
		}
	}
	return out
}

// HeightAt is the height of a copy w pixels wide, keeping the aspect ratio.
func HeightAt(in Info, w int) int {
	h := (in.Height*w*2 + in.Width) / (in.Width * 2)
	return max(h, 1)
}

// VariantName is the file name of the copy w pixels wide of name:
// "team.jpg" → "team-480w.jpg".
func VariantName(name string, w int) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(w) + "w" + ext
}

// Variant is one resized copy.
type Variant struct {
	Width, Height int
	Data          []byte
}

// Result is what is published for one source image.
type Result struct {
	// Full is the copy at the original size, without metadata: the
	// source's own compressed data when it needs no turning, else
	// re-encoded upright.
	Full []byte
	// Variants are the resized copies, narrowest first (see Plan).
	Variants []Variant

	// What Copy needs to get back a copy Process left out (Lean).
	in         Info
	keys       []string // cache keys: the full copy, then each variant
	strippable bool
	sum        string // the source's SHA-256, hex
}

// Processor makes the published copies of images. It is safe for
// concurrent use; each Process call decodes one image at a time.
type Processor struct {
	Settings Settings
	// Cache, if set, keeps copies between builds.
	Cache *Cache
	// OnResize, if set, is called for each copy actually resized (not
	// read from the cache), from the goroutine that called Process.
	OnResize func(name string, width int)
	// CheckOnly decodes each image to prove it whole but makes no copies:
	// Result.Full and each Variant's Data stay nil unless the cache has
	// them, and nothing is written to the cache (for `check`).
	CheckOnly bool
	// Lean, with a Cache, makes Process leave out of its Result every
	// copy the cache holds (Full and each Variant's Data stay nil): the
	// caller gets each with Copy when it writes it out and drops it, so a
	// build's memory does not grow with the number of photos. A copy
	// the cache could not keep stays in the Result.
	Lean bool
}

// Process makes the published copies of data, the file name that Inspect
// described as in. A picture that cannot be decoded (damaged, truncated)
// is a *Problem; nothing of it is published.
func (p *Processor) Process(name string, data []byte, in Info) (Result, error) {
	return p.process(name, digest(data), data, in)
}

// ProcessKnown is Process for a source Known gave the digest and Info
// of: in Lean mode, when the cache holds every copy, the source is not
// read at all; else src reads it and Process runs.
func (p *Processor) ProcessKnown(name, sum string, in Info, src func() ([]byte, error)) (Result, error) {
	if p.Lean && p.Cache != nil && !p.CheckOnly {
		if res := p.plan(sum, in); p.hasAll(res.keys) {
			return res, nil
		}
	}
	data, err := src()
	if err != nil {
		return Result{}, &Problem{Msg: fmt.Sprintf("cannot read %s: %v", path.Base(name), err), Fix: "check the file's permissions"}
	}
	return p.Process(name, data, in)
}

// plan is the Result of the source with digest sum before any copy is
// made: sizes and cache keys.
func (p *Processor) plan(sum string, in Info) Result {
	base := sum + "|" + string(in.Format) + "|q" + strconv.Itoa(p.quality()) + "|v" + version
	widths := p.Settings.Plan(in)
	keys := make([]string, len(widths)+1)
	keys[0] = base + "|full"
	for i, w := range widths {
		keys[i+1] = base + "|w" + strconv.Itoa(w)
	}
	// The full copy of a source that needs no turning is the source
	// without its metadata, its compressed data as it is.
	strippable := in.Format == PNG || in.Orientation == 1
	res := Result{Variants: make([]Variant, len(widths)), in: in, keys: keys, strippable: strippable, sum: sum}
	for i, w := range widths {
		res.Variants[i] = Variant{Width: w, Height: HeightAt(in, w)}
	}
	return res
}

// hasAll reports whether the cache has an entry for every key (see has).
func (p *Processor) hasAll(keys []string) bool {
	all := true
	for _, k := range keys {
		if !p.Cache.has(k) {
			all = false
		}
	}
	return all
}

func (p *Processor) process(name, sum string, data []byte, in Info) (Result, error) {
	res := p.plan(sum, in)
	keys, strippable := res.keys, res.strippable
	widths := make([]int, len(res.Variants))
	for i, v := range res.Variants {
		widths[i] = v.Width
	}
	lean := p.Lean && p.Cache != nil && !p.CheckOnly
	missing := false
	if lean {
		// The entries are only looked for: Copy reads (and checks) each
		// when it is written out, and makes again one found damaged.
		if p.hasAll(keys) {
			return res, nil
		}
		// Something is missing: make every copy, as without a cache.
	} else if p.Cache != nil {
		for i, k := range keys {
			b, ok := p.Cache.get(k)
			switch {
			case !ok:
				missing = true
			case i > 0:
				res.Variants[i-1].Data = b
			default:
				res.Full = b
			}
		}
		if !missing {
			return res, nil
		}
	}
	// Decode once: the full copy is made only after a complete decode, so
	// a truncated file is never published, even when the lossless strip
	// would succeed.
	img, err := decode(in.Format, data)
	if err != nil {
		return Result{}, &Problem{Msg: fmt.Sprintf("%s is damaged or incomplete: %v", path.Base(name), err), Fix: "export or copy the photo again"}
	}
	if p.CheckOnly {
		return res, nil
	}
	// The resized copies are RGB: they keep the source's colour profile
	// when it is an RGB one (a CMYK or grey profile would not fit them).
	var colour [][]byte
	if in.Format == JPEG {
		colour = jpegICC(data)
		if len(colour) > 0 && !rgbProfile(colour[0]) {
			colour = nil
		}
	} else if isRGBPNG(data) {
		colour = pngColour(data)
	}
	if res.Full == nil {
		var full []byte
		if strippable {
			full, err = strip(in.Format, data)
		} else {
			// Encoded from a view of the picture turned upright, a few
			// rows at a time: no upright copy of the whole (see turned).
			full, err = p.encode(in.Format, newTurned(img, in.Orientation), colour)
		}
		if err != nil {
			return Result{}, &Problem{Msg: fmt.Sprintf("%s has a damaged structure (%v)", path.Base(name), err), Fix: "export or copy the photo again"}
		}
		res.Full = full
		if p.put(keys[0], full) && lean {
			res.Full = nil
		}
	}
	// Widest first, each from the one before: far less work than scaling
	// the full picture four times, and Catmull-Rom keeps it sharp. A
	// picture over twice the widest copy is first box-averaged by an
	// integer factor (see shrink). resize is draw.CatmullRom.Scale
	// without its buffer of a float64 RGBA cell per copy column and
	// source row.
	src := img
	if len(widths) > 0 {
		top := widths[len(widths)-1]
		if in.Orientation >= 5 {
			top = HeightAt(in, top) // the stored width of the widest copy
		}
		src = shrink(img, img.Bounds().Dx()/top)
		img = nil
	}
	for i := len(widths) - 1; i >= 0; i-- {
		v := &res.Variants[i]
		// The copy is scaled as stored, then turned upright.
		rw, rh := v.Width, v.Height
		if in.Orientation >= 5 {
			rw, rh = rh, rw
		}
		if v.Data != nil {
			continue // from the cache; a narrower one scales from src
		}
		dst := image.NewRGBA(image.Rect(0, 0, rw, rh))
		resize(dst, src, src.Bounds())
		src = dst
		if p.OnResize != nil {
			p.OnResize(name, v.Width)
		}
		var up image.Image = dst
		if in.Orientation != 1 {
			up = newTurned(dst, in.Orientation) // no upright copy
		}
		b, err := p.encode(in.Format, up, colour)
		if err != nil {
			return Result{}, &Problem{Msg: fmt.Sprintf("%s cannot be resized: %v", path.Base(name), err), Fix: "export or copy the photo again"}
		}
		v.Data = b
		if p.put(keys[i+1], b) && lean {
			v.Data = nil
		}
	}
	return res, nil
}

// File returns the cache entry holding copy i of r (see Copy), checked,
// for a writer that links it into the site instead of copying its bytes;
// false when r holds the bytes or the entry is missing or damaged (then
// use Copy, which makes it again).
func (p *Processor) File(r *Result, i int) (string, bool) {
	if p.Cache == nil || i < 0 || i >= len(r.keys) || i > len(r.Variants) {
		return "", false
	}
	if (i == 0 && r.Full != nil) || (i > 0 && r.Variants[i-1].Data != nil) {
		return "", false
	}
	return p.Cache.file(r.keys[i])
}

// Copy returns copy i of r (0: the full copy; i ≥ 1: Variants[i-1]):
// the bytes r holds, else the cache's (Lean). A cache entry found
// missing or damaged is made again from the source, which src reads
// again, never published. The error is a *Problem.
func (p *Processor) Copy(name string, r *Result, i int, src func() ([]byte, error)) ([]byte, error) {
	if i < 0 || i > len(r.Variants) {
		return nil, fmt.Errorf("images: no copy %d of %s", i, name)
	}
	if i == 0 && r.Full != nil {
		return r.Full, nil
	}
	if i > 0 && r.Variants[i-1].Data != nil {
		return r.Variants[i-1].Data, nil
	}
	if p.Cache != nil && len(r.keys) > i {
		if b, ok := p.Cache.get(r.keys[i]); ok {
			return b, nil
		}
	}
	data, err := src()
	if err != nil {
		return nil, &Problem{Msg: fmt.Sprintf("cannot read %s: %v", path.Base(name), err), Fix: "check the file's permissions"}
	}
	q := *p
	q.Lean = false
	res, err := q.Process(name, data, r.in)
	if err != nil {
		return nil, err
	}
	if len(res.Variants) != len(r.Variants) {
		return nil, &Problem{Msg: fmt.Sprintf("%s changed during the build", path.Base(name)), Fix: "build again"}
	}
	if i == 0 {
		return res.Full, nil
	}
	return res.Variants[i-1].Data, nil
}

func (p *Processor) quality() int {
	if q := p.Settings.Quality; q >= 1 && q <= 100 {
		return q
	}
	return DefaultQuality
}

// put keeps b in the cache, reporting whether it was written.
func (p *Processor) put(key string, b []byte) bool {
	return p.Cache != nil && p.Cache.put(key, b)
}

// strip is StripPNG or StripJPEG.
func strip(f Format, data []byte) ([]byte, error) {
	if f == PNG {
		return StripPNG(data)
	}
	return StripJPEG(data)
}

func decode(f Format, data []byte) (image.Image, error) {
	if f == PNG {
		return png.Decode(bytes.NewReader(data))
	}
	return jpeg.Decode(bytes.NewReader(data))
}

// encode writes img as f with the source's colour profile: PNG lossless,
// JPEG at the configured quality.
func (p *Processor) encode(f Format, img image.Image, colour [][]byte) ([]byte, error) {
	var buf bytes.Buffer
	if f == PNG {
		if err := png.Encode(&buf, img); err != nil {
			return nil, err
		}
		return withPNGColour(buf.Bytes(), colour), nil
	}
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: p.quality()}); err != nil {
		return nil, err
	}
	return withICC(buf.Bytes(), colour), nil
}

func toRGBA(img image.Image) *image.RGBA {
	if r, ok := img.(*image.RGBA); ok {
		return r
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	return dst
}

// ShareWidth and ShareHeight are the size of a share picture (Open Graph's
// recommended 1.91:1).
const ShareWidth, ShareHeight = 1200, 630

// Focuses are the accepted values of imageFocus: which part of a photo a
// share crop keeps.
var focuses = map[string][2]float64{
	"center": {0.5, 0.5}, "top": {0.5, 0}, "bottom": {0.5, 1}, "left": {0, 0.5}, "right": {1, 0.5},
	"top-left": {0, 0}, "top-right": {1, 0}, "bottom-left": {0, 1}, "bottom-right": {1, 1},
}

// ValidFocus reports whether f is an accepted imageFocus ("" means center).
func ValidFocus(f string) bool {
	_, ok := focuses[f]
	return ok || f == ""
}

// ShareName is the file name of the share crop of name for a focus:
// "team.jpg" → "team-share.jpg" (center), "team-share-top.jpg".
func ShareName(name, focus string) string {
	ext := path.Ext(name)
	if focus != "" && focus != "center" {
		ext = "-" + focus + ext
	}
	return strings.TrimSuffix(name, path.Ext(name)) + "-share" + ext
}

// ShareSize is the size of the share crop of a photo shown in.Width ×
// in.Height: 1200×630, or the largest 1.91:1 size the photo holds.
func ShareSize(in Info) (w, h int) {
	cw, ch := cropRect(in.Width, in.Height)
	w = min(ShareWidth, cw)
	h = max(1, (w*ShareHeight+ShareWidth/2)/ShareWidth)
	return w, min(h, ch)
}

// cropRect is the size of the largest 1.91:1 rectangle inside w×h.
func cropRect(w, h int) (int, int) {
	if w*ShareHeight > h*ShareWidth {
		return max(1, (h*ShareWidth+ShareHeight/2)/ShareHeight), h
	}
	return w, max(1, (w*ShareHeight+ShareWidth/2)/ShareWidth)
}

func (p *Processor) shareKey(sum string, in Info, focus string) string {
	return sum + "|" + string(in.Format) + "|q" + strconv.Itoa(p.quality()) + "|v" + version + "|share-" + focus
}

// ShareKnown is Share for a source Known gave the digest and Info of:
// the cached crop without reading the source, else src reads it and
// Share runs.
func (p *Processor) ShareKnown(name, sum string, in Info, focus string, src func() ([]byte, error)) ([]byte, error) {
	if _, ok := focuses[focus]; ok && p.Cache != nil {
		if b, ok := p.Cache.get(p.shareKey(sum, in, focus)); ok {
			return b, nil
		}
	}
	data, err := src()
	if err != nil {
		return nil, &Problem{Msg: fmt.Sprintf("cannot read %s: %v", path.Base(name), err), Fix: "check the file's permissions"}
	}
	return p.Share(name, data, in, focus)
}

// Share returns the share crop of data (ShareSize(in)), keeping the part
// of the photo focus names ("" or "center", "top", "bottom-left"…),
// without metadata, cached like the resized copies.
func (p *Processor) Share(name string, data []byte, in Info, focus string) ([]byte, error) {
	f, ok := focuses[focus]
	if !ok {
		f, focus = focuses["center"], "center"
	}
	key := p.shareKey(digest(data), in, focus)
	if p.Cache != nil {
		if b, ok := p.Cache.get(key); ok {
			return b, nil
		}
	}
	if p.CheckOnly {
		return nil, nil // Process has proved the picture whole
	}
	img, err := decode(in.Format, data)
	if err != nil {
		return nil, &Problem{Msg: fmt.Sprintf("%s is damaged or incomplete: %v", path.Base(name), err), Fix: "export or copy the photo again"}
	}
	cw, ch := cropRect(in.Width, in.Height)
	x0 := int(f[0] * float64(in.Width-cw))
	y0 := int(f[1] * float64(in.Height-ch))
	ow, oh := ShareSize(in)
	// Box-shrink first when the crop is over twice the output (see
	// shrink). A photo stored turned is shrunk as it is turned upright,
	// row by row: one copy, a k² part of the photo's size, not two the
	// size of the photo (see shrinkUpright).
	k := cw / ow
	var up image.Image
	var shrunk bool
	if in.Orientation != 1 {
		up, shrunk = shrinkUpright(img, in.Orientation, k)
	} else {
		up = shrink(img, k)
		shrunk = up != img
	}
	img = nil
	if shrunk {
		x0, y0, cw, ch = x0/k, y0/k, max(1, cw/k), max(1, ch/k)
		b := up.Bounds()
		cw, ch = min(cw, b.Dx()-x0), min(ch, b.Dy()-y0)
	}
	dst := image.NewRGBA(image.Rect(0, 0, ow, oh))
	resize(dst, up, image.Rect(x0, y0, x0+cw, y0+ch))
	if p.OnResize != nil {
		p.OnResize(name, ow)
	}
	var colour [][]byte
	if in.Format == JPEG {
		if colour = jpegICC(data); len(colour) > 0 && !rgbProfile(colour[0]) {
			colour = nil
		}
	} else if isRGBPNG(data) {
		colour = pngColour(data)
	}
	b, err := p.encode(in.Format, dst, colour)
	if err != nil {
		return nil, &Problem{Msg: fmt.Sprintf("%s cannot be cropped: %v", path.Base(name), err), Fix: "export or copy the photo again"}
	}
	p.put(key, b)
	return b, nil
}
