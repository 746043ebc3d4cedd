package images

import (
	"image"
	"math"

	"golang.org/x/image/draw"
)

// resize scales the sr part of src into all of dst with Catmull-Rom:
// what draw.CatmullRom.Scale(dst, dst.Bounds(), src, sr, draw.Src, nil)
// does, with the same weights (draw.CatmullRom's own kernel, spread over
// the source as x/image/draw spreads it) and the same arithmetic, but
// streaming. draw's kernel scaler filters every source row horizontally
// into a buffer of dst.Dx() × sr.Dy() cells of 32 bytes (77 MB for a
// 2000×1500 picture scaled to 1600 wide) before its vertical pass; resize
// filters each source row once, when the vertical pass first needs it,
// into a ring holding only the rows one destination row reads (a few
// rows, whatever the picture's height). It reads each source pixel once
// per row, converting it once, where draw converts it once per weight.
//
// It reads YCbCr (every subsample ratio), RGBA, NRGBA and Gray directly
// and any other image through its At method; an sr reaching outside src
// is left to draw.CatmullRom.Scale.
func resize(dst *image.RGBA, src image.Image, sr image.Rectangle) {
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	sw, sh := sr.Dx(), sr.Dy()
	if dw <= 0 || dh <= 0 || sw <= 0 || sh <= 0 {
		return
	}
	if !sr.In(src.Bounds()) {
		draw.CatmullRom.Scale(dst, dst.Rect, src, sr, draw.Src, nil)
		return
	}
	q := draw.CatmullRom
	hz := newSpread(q, dw, sw)
	vt := newSpread(q, dh, sh)

	// The ring holds n horizontally filtered source rows, row y in slot
	// y mod n. Destination rows are made in order, and each makes sure
	// every source row up to the last it reads is filtered; n is the most
	// rows from the first one a destination row reads to the last one
	// filtered by then (the last rows read do not always grow: a weight of
	// exactly 0 is left out), so a row is overwritten only once no
	// destination row still to come reads it.
	n, last := 1, -1
	for _, s := range vt.spans {
		if s.j > s.i {
			last = max(last, int(vt.coord[s.j-1]))
			n = max(n, last-int(vt.coord[s.i])+1)
		}
	}
	ring := make([][4]float64, n*dw)
	acc := make([][4]float64, dw)
	row := make([]float64, 4*sw) // one source row, 16-bit premultiplied RGBA
	read, opaque := rowReader(src, sr)
	next := 0 // the next source row to filter into the ring

	for dy, s := range vt.spans {
		if s.j > s.i {
			for last := int(vt.coord[s.j-1]); next <= last; next++ {
				read(row, next)
				filterRow(ring[(next%n)*dw:(next%n+1)*dw], row, &hz, opaque)
			}
		}
		clear(acc)
		for k := s.i; k < s.j; k++ {
			r := ring[(int(vt.coord[k])%n)*dw:][:dw]
			w := vt.weight[k]
			for x := range acc {
				a, p := &acc[x], &r[x]
				a[0] += float64(p[0] * w)
				a[1] += float64(p[1] * w)
				a[2] += float64(p[2] * w)
				a[3] += float64(p[3] * w)
			}
		}
		d := dst.Pix[dst.PixOffset(dst.Rect.Min.X, dst.Rect.Min.Y+dy):][:4*dw]
		for x, a := range acc {
			pr, pg, pb, pa := a[0], a[1], a[2], a[3]
			pr, pg, pb = min(pr, pa), min(pg, pa), min(pb, pa)
			d[4*x+0] = uint8(ftou(pr*s.inv) >> 8)
			d[4*x+1] = uint8(ftou(pg*s.inv) >> 8)
			d[4*x+2] = uint8(ftou(pb*s.inv) >> 8)
			d[4*x+3] = uint8(ftou(pa*s.inv) >> 8)
		}
	}
}

// filterRow is the horizontal pass over one source row (see rowReader):
// each destination column's weighted sum, scaled to [0, 1]. An opaque
// source's alpha is exactly 1, as draw makes it.
func filterRow(out [][4]float64, row []float64, hz *spread, opaque bool) {
	for x, s := range hz.spans {
		var pr, pg, pb, pa float64
		for k := s.i; k < s.j; k++ {
			p := row[4*hz.coord[k]:][:4]
			w := hz.weight[k]
			pr += float64(p[0] * w)
			pg += float64(p[1] * w)
			pb += float64(p[2] * w)
			pa += float64(p[3] * w)
		}
		a := 1.0
		if !opaque {
			a = pa * s.invFFFF
		}
		out[x] = [4]float64{pr * s.invFFFF, pg * s.invFFFF, pb * s.invFFFF, a}
	}
}

// rowReader returns a function that puts row y of sr (0 ≤ y < sr.Dy())
// into row as premultiplied RGBA, 0..0xffff, four values a pixel, as
// draw reads each type; and whether src is opaque by its type.
func rowReader(src image.Image, sr image.Rectangle) (read func(row []float64, y int), opaque bool) {
	sw := sr.Dx()
	switch m := src.(type) {
	case *image.RGBA:
		return func(row []float64, y int) {
			p := m.Pix[m.PixOffset(sr.Min.X, sr.Min.Y+y):][:4*sw]
			for i, v := range p {
				row[i] = float64(uint32(v) * 0x101)
			}
		}, false
	case *image.NRGBA:
		return func(row []float64, y int) {
			p := m.Pix[m.PixOffset(sr.Min.X, sr.Min.Y+y):][:4*sw]
			for x := 0; x < sw; x++ {
				a := uint32(p[4*x+3]) * 0x101
				row[4*x+0] = float64(uint32(p[4*x+0]) * a / 0xff)
				row[4*x+1] = float64(uint32(p[4*x+1]) * a / 0xff)
				row[4*x+2] = float64(uint32(p[4*x+2]) * a / 0xff)
				row[4*x+3] = float64(a)
			}
		}, false
	case *image.Gray:
		return func(row []float64, y int) {
			p := m.Pix[m.PixOffset(sr.Min.X, sr.Min.Y+y):][:sw]
			for x, v := range p {
				g := float64(uint32(v) * 0x101)
				row[4*x+0], row[4*x+1], row[4*x+2], row[4*x+3] = g, g, g, 0xffff
			}
		}, true
	case *image.YCbCr:
		switch m.SubsampleRatio {
		case image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
			image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440:
			// The ratios draw reads directly, opaque; the others it
			// reads through At, whose alpha is 0xffff all the same.
			return func(row []float64, y int) {
				sy := sr.Min.Y + y
				yi := m.YOffset(sr.Min.X, sy)
				for x := 0; x < sw; x++ {
					ci := m.COffset(sr.Min.X+x, sy)
					r, g, b := ycbcrRGB(m.Y[yi+x], m.Cb[ci], m.Cr[ci])
					row[4*x+0], row[4*x+1], row[4*x+2], row[4*x+3] = r, g, b, 0xffff
				}
			}, true
		}
	}
	return func(row []float64, y int) {
		for x := 0; x < sw; x++ {
			r, g, b, a := src.At(sr.Min.X+x, sr.Min.Y+y).RGBA()
			row[4*x+0], row[4*x+1], row[4*x+2], row[4*x+3] = float64(r), float64(g), float64(b), float64(a)
		}
	}, false
}

// ycbcrRGB is image/color's YCbCr.RGBA, as draw inlines it.
func ycbcrRGB(yy, cb, cr uint8) (r, g, b float64) {
	y1 := int(yy) * 0x10101
	cb1 := int(cb) - 128
	cr1 := int(cr) - 128
	ru := clamp16((y1 + 91881*cr1) >> 8)
	gu := clamp16((y1 - 22554*cb1 - 46802*cr1) >> 8)
	bu := clamp16((y1 + 116130*cb1) >> 8)
	return float64(ru), float64(gu), float64(bu)
}

func clamp16(v int) int {
	return min(max(v, 0), 0xffff)
}

// ftou converts [0, 1] to [0, 0xffff], as draw does.
func ftou(f float64) uint16 {
	i := int32(float64(0xffff*f) + 0.5)
	if i > 0xffff {
		return 0xffff
	}
	if i > 0 {
		return uint16(i)
	}
	return 0
}

// spread says which source columns (or rows) each destination column (or
// row) reads, with what weights: x/image/draw's distribution of a kernel
// (newDistrib), which it does not export.
type spread struct {
	spans  []span
	coord  []int32   // source column or row of each weight
	weight []float64 // kernel weight
}

// span is one destination column's (or row's) weights, coord[i:j], and
// the inverse of their total (invFFFF: divided by 0xffff too).
type span struct {
	i, j         int32
	inv, invFFFF float64
}

// newSpread spreads sw source columns over dw destination ones with the
// kernel q: a copy of x/image/draw's newDistrib (scale.go, BSD licence).
func newSpread(q *draw.Kernel, dw, sw int) spread {
	scale := float64(sw) / float64(dw)
	halfWidth, argScale := q.Support, 1.0
	// When shrinking, the kernel is widened to visit every source pixel.
	if scale > 1 {
		halfWidth *= scale
		argScale = 1 / scale
	}
	per := int(math.Ceil(2*halfWidth)) + 1 // the most weights a span can have
	sp := spread{spans: make([]span, dw), coord: make([]int32, 0, dw*per), weight: make([]float64, 0, dw*per)}
	for x := range sp.spans {
		center := float64((float64(x)+0.5)*scale) - 0.5
		lo := max(int(math.Floor(center-halfWidth)), 0)
		hi := min(int(math.Ceil(center+halfWidth)), sw)
		total := 0.0
		i := int32(len(sp.coord))
		for c := lo; c < hi; c++ {
			t := math.Abs((center - float64(c)) * argScale)
			if t >= q.Support {
				continue
			}
			w := q.At(t)
			if w == 0 {
				continue
			}
			total += w
			sp.coord = append(sp.coord, int32(c))
			sp.weight = append(sp.weight, w)
		}
		total = 1 / total
		sp.spans[x] = span{i: i, j: int32(len(sp.coord)), inv: total, invFFFF: total / 0xffff}
	}
	return sp
}
