package images

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"runtime"
	"testing"

	"golang.org/x/image/draw"
)

// Pictures like photos for comparing resize with draw: smooth gradients,
// noise, and hard edges (where Catmull-Rom overshoots and the result is
// clamped).
func gradientRGBA(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / max(w, 1)), uint8(y * 255 / max(h, 1)), uint8((x + y) * 127 / max(w+h, 1)), 255})
		}
	}
	return m
}

func noiseRGBA(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 7))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(r.IntN(256))
	}
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 255
	}
	return m
}

func edgesRGBA(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(0)
			if (x/3+y/5)%2 == 0 {
				v = 255
			}
			m.SetRGBA(x, y, color.RGBA{v, 255 - v, v, 255})
		}
	}
	return m
}

// asYCbCr is m as a JPEG decoder returns it, with a subsample ratio.
func asYCbCr(m *image.RGBA, ratio image.YCbCrSubsampleRatio) *image.YCbCr {
	b := m.Bounds()
	out := image.NewYCbCr(b, ratio)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := m.RGBAAt(x, y)
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			out.Y[out.YOffset(x, y)] = yy
			ci := out.COffset(x, y)
			out.Cb[ci], out.Cr[ci] = cb, cr
		}
	}
	return out
}

func asGray(m *image.RGBA) *image.Gray {
	out := image.NewGray(m.Bounds())
	draw.Draw(out, out.Rect, m, m.Rect.Min, draw.Src)
	return out
}

// withAlpha is m as a PNG with transparency decodes: NRGBA, alpha varying.
func withAlpha(m *image.RGBA) *image.NRGBA {
	out := image.NewNRGBA(m.Bounds())
	for i := 0; i < len(m.Pix); i += 4 {
		copy(out.Pix[i:i+3], m.Pix[i:i+3])
		out.Pix[i+3] = uint8(i / 4 * 37)
	}
	return out
}

func asPaletted(m *image.RGBA) *image.Paletted {
	pal := make(color.Palette, 0, 216)
	for r := 0; r < 6; r++ {
		for g := 0; g < 6; g++ {
			for b := 0; b < 6; b++ {
				pal = append(pal, color.RGBA{uint8(r * 51), uint8(g * 51), uint8(b * 51), 255})
			}
		}
	}
	out := image.NewPaletted(m.Bounds(), pal)
	draw.Draw(out, out.Rect, m, m.Rect.Min, draw.Src)
	return out
}

// diff is the largest and the mean difference of two RGBA pictures'
// channels.
func diff(a, b *image.RGBA) (maxd int, mean float64) {
	sum := 0
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		if d < 0 {
			d = -d
		}
		maxd = max(maxd, d)
		sum += d
	}
	return maxd, float64(sum) / float64(max(len(a.Pix), 1))
}

// checkResize compares resize with draw.CatmullRom.Scale for one scaling.
func checkResize(t *testing.T, name string, src image.Image, sr image.Rectangle, dw, dh int) {
	t.Helper()
	want := image.NewRGBA(image.Rect(0, 0, dw, dh))
	draw.CatmullRom.Scale(want, want.Rect, src, sr, draw.Src, nil)
	got := image.NewRGBA(image.Rect(0, 0, dw, dh))
	resize(got, src, sr)
	if m, mean := diff(got, want); m > 2 || mean >= 0.5 {
		t.Errorf("%s %v → %d×%d: differs from draw.CatmullRom.Scale by up to %d (mean %.3f), want ≤ 2 and < 0.5", name, sr, dw, dh, m, mean)
	}
}

func TestResizeMatchesDraw(t *testing.T) {
	sizes := [][4]int{ // source w, h → destination w, h
		{97, 61, 40, 25},   // shrink under 2×, odd sizes
		{200, 150, 31, 23}, // shrink over 6× (wide kernel)
		{61, 97, 25, 40},   // portrait
		{45, 33, 101, 75},  // enlarge
		{1, 40, 1, 17},     // one pixel wide
		{40, 1, 17, 1},     // one pixel tall
		{1, 1, 3, 2},       // one pixel
		{5, 7, 1, 1},       // down to one pixel
		{33, 20, 33, 20},   // same size
		{50, 40, 13, 39},   // narrower and taller
	}
	for _, s := range sizes {
		sw, sh, dw, dh := s[0], s[1], s[2], s[3]
		for name, m := range map[string]*image.RGBA{
			"gradient": gradientRGBA(sw, sh), "noise": noiseRGBA(sw, sh, uint64(sw*sh)), "edges": edgesRGBA(sw, sh),
		} {
			r := m.Rect
			checkResize(t, name+" RGBA", m, r, dw, dh)
			for _, ratio := range []image.YCbCrSubsampleRatio{
				image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
				image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410,
			} {
				checkResize(t, fmt.Sprintf("%s YCbCr %v", name, ratio), asYCbCr(m, ratio), r, dw, dh)
			}
			checkResize(t, name+" Gray", asGray(m), r, dw, dh)
			checkResize(t, name+" NRGBA", withAlpha(m), r, dw, dh)
			checkResize(t, name+" Paletted", asPaletted(m), r, dw, dh)
		}
	}
}

// A part of the source (the share crop), and sources whose bounds do not
// start at 0,0 (a sub-image): the same as draw.
func TestResizeRectangles(t *testing.T) {
	m := noiseRGBA(120, 90, 3)
	checkResize(t, "crop", m, image.Rect(10, 20, 110, 73), 57, 30)
	sub := m.SubImage(image.Rect(7, 5, 99, 80)).(*image.RGBA)
	checkResize(t, "sub-image", sub, sub.Rect, 41, 33)
	checkResize(t, "crop of sub-image", sub, image.Rect(9, 11, 80, 70), 30, 29)
	y := asYCbCr(gradientRGBA(120, 90), image.YCbCrSubsampleRatio420)
	ysub := y.SubImage(image.Rect(3, 5, 101, 86)).(*image.YCbCr)
	checkResize(t, "odd sub-image YCbCr 4:2:0", ysub, ysub.Rect, 47, 39)
	checkResize(t, "crop YCbCr 4:2:0", y, image.Rect(11, 7, 91, 64), 33, 17)
	// Reaching outside the source: left to draw, which handles it.
	checkResize(t, "outside", m, image.Rect(-5, -5, 130, 95), 40, 30)
	// Nothing to do: no panic.
	resize(image.NewRGBA(image.Rect(0, 0, 0, 5)), m, m.Rect)
	resize(image.NewRGBA(image.Rect(0, 0, 5, 5)), m, image.Rect(3, 3, 3, 9))
}

// The copies Process makes of photos stored turned (orientation 5–8: the
// stored picture is scaled with width and height swapped, then turned)
// are those draw.CatmullRom.Scale gives.
func TestResizedCopiesMatchDraw(t *testing.T) {
	stored := gradientRGBA(900, 601)
	for y := 0; y < 601; y += 37 { // some edges too
		for x := 0; x < 900; x++ {
			stored.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
		}
	}
	for _, o := range []int{1, 5, 6, 7, 8} {
		src := phoneJPEG(t, stored, o)
		in, err := Inspect("o.jpg", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		p := Processor{Settings: Settings{Widths: []int{160, 250, 333}}}
		res, err := p.Process("o.jpg", src, in)
		if err != nil {
			t.Fatal(err)
		}
		// The same pipeline with draw: shrink, then each copy from the
		// one above it, widest first.
		dec, err := jpeg.Decode(bytes.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		top := 333
		if o >= 5 {
			top = HeightAt(in, top)
		}
		from := shrink(dec, dec.Bounds().Dx()/top)
		for i := len(res.Variants) - 1; i >= 0; i-- {
			v := res.Variants[i]
			rw, rh := v.Width, v.Height
			if o >= 5 {
				rw, rh = rh, rw
			}
			want := image.NewRGBA(image.Rect(0, 0, rw, rh))
			draw.CatmullRom.Scale(want, want.Rect, from, from.Bounds(), draw.Src, nil)
			from = want
			wantJPEG, err := p.encode(JPEG, orient(want, o), nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err1 := jpeg.Decode(bytes.NewReader(v.Data))
			ref, err2 := jpeg.Decode(bytes.NewReader(wantJPEG))
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if got.Bounds() != ref.Bounds() || got.Bounds().Dx() != v.Width {
				t.Fatalf("orientation %d: copy is %v, want %v (%d wide)", o, got.Bounds(), ref.Bounds(), v.Width)
			}
			if m, mean := diff(toRGBA(got), toRGBA(ref)); m > 2 || mean >= 0.5 {
				t.Errorf("orientation %d, %dw: differs from draw's by up to %d (mean %.3f)", o, v.Width, m, mean)
			}
		}
	}
}

// FuzzResize: any sizes and source rectangle, any source type resize
// reads directly: never a panic or an index out of range, and the
// result is draw's.
func FuzzResize(f *testing.F) {
	f.Add(uint8(9), uint8(7), uint8(3), uint8(2), uint8(0), uint8(0), uint8(9), uint8(7), uint8(0))
	f.Add(uint8(1), uint8(1), uint8(1), uint8(1), uint8(0), uint8(0), uint8(1), uint8(1), uint8(2))
	f.Add(uint8(30), uint8(2), uint8(90), uint8(1), uint8(3), uint8(0), uint8(20), uint8(2), uint8(3))
	f.Fuzz(func(t *testing.T, sw, sh, dw, dh, x0, y0, x1, y1, kind uint8) {
		w, h := int(sw)%64+1, int(sh)%64+1
		m := noiseRGBA(w, h, uint64(sw)<<8|uint64(sh))
		var src image.Image = m
		switch kind % 5 {
		case 1:
			src = asYCbCr(m, image.YCbCrSubsampleRatio420)
		case 2:
			src = asYCbCr(m, image.YCbCrSubsampleRatio(int(kind/5)%6))
		case 3:
			src = asGray(m)
		case 4:
			src = withAlpha(m)
		}
		// Any rectangle, inside the source or not.
		sr := image.Rect(int(x0)%(w+4)-2, int(y0)%(h+4)-2, int(x1)%(w+4)-2, int(y1)%(h+4)-2)
		if sr.Empty() {
			return
		}
		checkResize(t, fmt.Sprintf("%T", src), src, sr, int(dw)%100+1, int(dh)%100+1)
	})
}

// BenchmarkResize scales a photo after shrink's box average (2000×1500,
// as a JPEG decoder returns it) to 1600 wide, with draw.CatmullRom.Scale
// and with resize: time and bytes allocated per copy.
//
//	go test ./generator/internal/images -run '^$' -bench Resize -benchmem
func BenchmarkResize(b *testing.B) {
	src := asYCbCr(noiseRGBA(2000, 1500, 1), image.YCbCrSubsampleRatio420)
	dst := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	b.Run("draw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			draw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, draw.Src, nil)
		}
	})
	b.Run("resize", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resize(dst, src, src.Rect)
		}
	})
}

// Making the copies of a photo allocates about the decoded picture and
// the copies, not a buffer of 32 bytes per copy column and source row:
// draw.CatmullRom.Scale's took 92 MB for this one (1600 wide × 1800 rows).
func TestProcessMemory(t *testing.T) {
	src := phoneJPEG(t, gradientRGBA(2400, 1800), 1)
	in, err := Inspect("m.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := Processor{Settings: Settings{Widths: []int{1600}, Quality: DefaultQuality}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := p.Process("m.jpg", src, in); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	// Decoded 6.5 MB, the copy 11.5 MB, the encoders' buffers a few MB.
	n := after.TotalAlloc - before.TotalAlloc
	t.Logf("Process allocated %.1f MB", float64(n)/(1<<20))
	if n > 40<<20 {
		t.Errorf("Process allocated %d MB for a 2400×1800 photo and a 1600 wide copy, want ≤ 40", n>>20)
	}
}
