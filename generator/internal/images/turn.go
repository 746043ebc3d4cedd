package images

import (
	"image"
	"image/color"

	"golang.org/x/image/draw"
)

// storedAt is where the pixel shown at (x, y) of a picture turned upright
// for EXIF orientation o (1..8) is stored, in a stored picture w×h.
func storedAt(o, x, y, w, h int) (sx, sy int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return y, h - 1 - x
	case 7:
		return w - 1 - y, h - 1 - x
	case 8:
		return w - 1 - y, x
	}
	return x, y
}

// bandRows is how many rows of the upright picture a turned view holds
// converted: the height of the JPEG encoder's MCU (4:2:0), which reads 16
// rows at a time.
const bandRows = 16

// turned shows a decoded picture upright, as its EXIF orientation says,
// without an upright copy of the whole picture: it holds bandRows rows of
// it, converted to RGBA when first read. Its pixels are those toRGBA(src)
// gives, each converted by draw.Draw as toRGBA does, moved where the
// orientation says (storedAt), so the JPEG encoder, which reads a picture
// 16 rows at a time, writes the same bytes from it as from an upright
// copy; a 12 MP photo stored turned costs 200 KB here rather than two
// copies of 48 MB (toRGBA's, then the upright one).
type turned struct {
	src    image.Image
	o      int
	sw, sh int // the stored size
	w, h   int // the upright size
	y0     int // the first row in band; -1 before the first
	band   []color.RGBA
	strip  *image.RGBA // the stored pixels of band, converted
}

// newTurned returns src shown upright for EXIF orientation o (1..8).
func newTurned(src image.Image, o int) *turned {
	b := src.Bounds()
	t := &turned{src: src, o: o, sw: b.Dx(), sh: b.Dy(), w: b.Dx(), h: b.Dy(), y0: -1}
	if o >= 5 && o <= 8 {
		t.w, t.h = t.h, t.w
	}
	t.band = make([]color.RGBA, bandRows*t.w)
	return t
}

func (t *turned) ColorModel() color.Model { return color.RGBAModel }

func (t *turned) Bounds() image.Rectangle { return image.Rect(0, 0, t.w, t.h) }

// At returns a pointer into the band, so that reading a pixel allocates
// nothing; the colour it points to changes when another band is read.
func (t *turned) At(x, y int) color.Color {
	if x < 0 || y < 0 || x >= t.w || y >= t.h {
		return color.RGBA{}
	}
	if t.y0 < 0 || y < t.y0 || y >= t.y0+bandRows {
		t.fill(y - y%bandRows)
	}
	return &t.band[(y-t.y0)*t.w+x]
}

// row returns row y (0 ≤ y < t.h) of the upright picture, valid until
// another band is read.
func (t *turned) row(y int) []color.RGBA {
	if t.y0 < 0 || y < t.y0 || y >= t.y0+bandRows {
		t.fill(y - y%bandRows)
	}
	return t.band[(y-t.y0)*t.w:][:t.w]
}

// fill converts the upright rows y0 … y0+bandRows-1 (fewer at the
// bottom) into band.
func (t *turned) fill(y0 int) {
	y1 := min(y0+bandRows, t.h)
	// The stored rows (orientations 2–4) or columns (5–8) they are.
	var r image.Rectangle
	switch t.o {
	case 2:
		r = image.Rect(0, y0, t.sw, y1)
	case 3, 4:
		r = image.Rect(0, t.sh-y1, t.sw, t.sh-y0)
	case 5, 6:
		r = image.Rect(y0, 0, y1, t.sh)
	case 7, 8:
		r = image.Rect(t.sw-y1, 0, t.sw-y0, t.sh)
	default:
		r = image.Rect(0, y0, t.sw, y1)
	}
	if t.strip == nil || t.strip.Rect.Dx() < r.Dx() || t.strip.Rect.Dy() < r.Dy() {
		t.strip = image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	}
	s := t.strip
	draw.Draw(s, image.Rect(0, 0, r.Dx(), r.Dy()), t.src, t.src.Bounds().Min.Add(r.Min), draw.Src)
	for y := y0; y < y1; y++ {
		row := t.band[(y-y0)*t.w:][:t.w]
		for x := range row {
			sx, sy := storedAt(t.o, x, y, t.sw, t.sh)
			p := s.Pix[s.PixOffset(sx-r.Min.X, sy-r.Min.Y):][:4]
			row[x] = color.RGBA{p[0], p[1], p[2], p[3]}
		}
	}
	t.y0 = y0
}

// upright is img turned upright for EXIF orientation o (1..8), as RGBA:
// one copy of the picture, the upright one, not a converted one as well.
func upright(img image.Image, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return toRGBA(img)
	}
	t := newTurned(img, o)
	dst := image.NewRGBA(t.Bounds())
	for y0 := 0; y0 < t.h; y0 += bandRows {
		t.fill(y0)
		for y := y0; y < min(y0+bandRows, t.h); y++ {
			d := dst.Pix[dst.PixOffset(0, y):][:4*t.w]
			for x, c := range t.band[(y-y0)*t.w:][:t.w] {
				d[4*x+0], d[4*x+1], d[4*x+2], d[4*x+3] = c.R, c.G, c.B, c.A
			}
		}
	}
	return dst
}

// shrinkUpright is shrink(upright(img, o), k) — the picture turned
// upright, then k×k blocks of it averaged — made without an upright copy
// of the whole picture: each upright row is added up as the turned view
// gives it. It reports whether it shrank (as shrink does, only for k ≥ 2
// and a picture at least k pixels each way); else it returns upright(img, o).
func shrinkUpright(img image.Image, o, k int) (*image.RGBA, bool) {
	t := newTurned(img, o)
	w, h := 0, 0
	if k >= 2 {
		w, h = t.w/k, t.h/k
	}
	if w < 1 || h < 1 || img.Bounds().Min != (image.Point{}) {
		return upright(img, o), false
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sum := make([]int, 4*w)
	n := k * k
	for y := 0; y < h*k; y++ {
		for x, c := range t.row(y)[:w*k] {
			s := sum[4*(x/k):][:4]
			s[0] += int(c.R)
			s[1] += int(c.G)
			s[2] += int(c.B)
			s[3] += int(c.A)
		}
		if y%k == k-1 {
			d := dst.Pix[dst.PixOffset(0, y/k):][:4*w]
			for i, v := range sum {
				d[i] = uint8((v + n/2) / n) // as boxPlane rounds
			}
			clear(sum)
		}
	}
	return dst, true
}
