package images

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"runtime"
	"testing"
)

// orient turns src upright for an EXIF orientation (1..8), a whole
// copy at a time: what Process and Share did before the turned view, and
// the definition the view is checked against.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	W, H := w, h
	if o >= 5 {
		W, H = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, W, H))
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			sx, sy := storedAt(o, x, y, w, h)
			si := src.PixOffset(sx+src.Rect.Min.X, sy+src.Rect.Min.Y)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}

// asCMYK is m as a CMYK picture (what image/jpeg returns for an Adobe
// CMYK JPEG).
func asCMYK(m *image.RGBA) *image.CMYK {
	out := image.NewCMYK(m.Bounds())
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			c := m.RGBAAt(x, y)
			k, cy, mg, ye := color.RGBToCMYK(c.R, c.G, c.B)
			out.SetCMYK(x, y, color.CMYK{C: k, M: cy, Y: mg, K: ye})
		}
	}
	return out
}

// The turned view and upright give exactly orient(toRGBA(img), o), for
// every orientation and every picture type a JPEG decodes to, at sizes
// that are no multiple of the 16-row band; the JPEG encoded from the
// view is byte for byte the one encoded from that copy, as before.
func TestTurnedMatchesOrient(t *testing.T) {
	m := noiseRGBA(37, 50, 7)
	srcs := map[string]image.Image{"gray": asGray(m), "cmyk": asCMYK(m), "rgba": m}
	for r := image.YCbCrSubsampleRatio444; r <= image.YCbCrSubsampleRatio410; r++ {
		srcs[fmt.Sprint("ycbcr-", r)] = asYCbCr(m, r)
	}
	// A picture whose bounds do not start at 0,0.
	srcs["sub"] = asYCbCr(noiseRGBA(60, 70, 3), image.YCbCrSubsampleRatio420).SubImage(image.Rect(5, 3, 42, 53))
	for name, src := range srcs {
		for o := 1; o <= 8; o++ {
			want := orient(toRGBA(src), o)
			if got := upright(src, o); got.Rect != want.Rect || !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("%s, orientation %d: upright differs from orient(toRGBA)", name, o)
			}
			view := newTurned(src, o)
			if view.Bounds() != want.Rect {
				t.Fatalf("%s, orientation %d: view %v, want %v", name, o, view.Bounds(), want.Rect)
			}
			// Read bottom to top, so every row needs a band of its own.
			for y := want.Rect.Dy() - 1; y >= 0; y-- {
				for x := 0; x < want.Rect.Dx(); x++ {
					if got, w := color.RGBAModel.Convert(view.At(x, y)), want.RGBAAt(x, y); got != w {
						t.Fatalf("%s, orientation %d at %d,%d: %v, want %v", name, o, x, y, got, w)
					}
				}
			}
			var a, b bytes.Buffer
			if err := jpeg.Encode(&a, newTurned(src, o), &jpeg.Options{Quality: 80}); err != nil {
				t.Fatal(err)
			}
			if err := jpeg.Encode(&b, want, &jpeg.Options{Quality: 80}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s, orientation %d: the JPEG of the view differs from the copy's", name, o)
			}
		}
	}
}

// allocated is the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A photo stored turned costs what an upright one does: no upright copy
// of the whole picture for its full-size copy (there were two, toRGBA
// and orient: 2 × 17 MB here), and its full copy is byte for byte the
// one those made.
func TestProcessMemoryTurned(t *testing.T) {
	stored := gradientRGBA(2400, 1800)
	src := phoneJPEG(t, stored, 6)
	in, err := Inspect("m.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := Processor{Settings: Settings{Widths: []int{1600}, Quality: DefaultQuality}}
	var res Result
	n := allocated(func() {
		if res, err = p.Process("m.jpg", src, in); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("Process allocated %.1f MB", float64(n)/(1<<20))
	if n > 40<<20 {
		t.Errorf("Process allocated %d MB for a turned 2400×1800 photo and a 1600 wide copy, want ≤ 40", n>>20)
	}
	dec, err := jpeg.Decode(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want, err := p.encode(JPEG, orient(toRGBA(dec), 6), jpegICC(src))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Full, want) {
		t.Error("the full copy differs from the upright copy's encoding")
	}
}

// oldShare is the share crop as Share made it of a photo stored turned
// before it shrank the stored picture: turned upright at full size, then
// shrunk, cropped and scaled.
func oldShare(t *testing.T, data []byte, in Info, focus string) *image.RGBA {
	dec, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	f := focuses[focus]
	up := image.Image(orient(toRGBA(dec), in.Orientation))
	cw, ch := cropRect(in.Width, in.Height)
	x0 := int(f[0] * float64(in.Width-cw))
	y0 := int(f[1] * float64(in.Height-ch))
	ow, oh := ShareSize(in)
	k := cw / ow
	if s := shrink(up, k); s != up {
		up = s
		x0, y0, cw, ch = x0/k, y0/k, max(1, cw/k), max(1, ch/k)
		b := up.Bounds()
		cw, ch = min(cw, b.Dx()-x0), min(ch, b.Dy()-y0)
	}
	dst := image.NewRGBA(image.Rect(0, 0, ow, oh))
	resize(dst, up, image.Rect(x0, y0, x0+cw, y0+ch))
	return dst
}

// The share crop of a photo stored turned is shrunk as it is turned
// upright: it allocates a fraction of what turning the whole photo did
// (two copies of 31 MB here), and its bytes are the same.
func TestShareTurned(t *testing.T) {
	stored := gradientRGBA(3200, 2400)
	for y := 0; y < 2400; y += 97 { // some edges too
		for x := 0; x < 3200; x++ {
			stored.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
		}
	}
	for _, o := range []int{3, 6, 8} {
		src := phoneJPEG(t, stored, o)
		in, err := Inspect("s.jpg", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		p := Processor{Settings: Settings{Widths: DefaultWidths(), Quality: DefaultQuality}}
		for _, focus := range []string{"center", "top-left", "bottom-right"} {
			var b []byte
			n := allocated(func() {
				if b, err = p.Share("s.jpg", src, in, focus); err != nil {
					t.Fatal(err)
				}
			})
			if n > 40<<20 {
				t.Errorf("orientation %d, %s: Share allocated %d MB, want ≤ 40", o, focus, n>>20)
			}
			t.Logf("orientation %d, %s: allocated %.1f MB", o, focus, float64(n)/(1<<20))
			want, err := p.encode(JPEG, oldShare(t, src, in, focus), jpegICC(src))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, want) {
				t.Errorf("orientation %d, %s: the share crop differs from the one of the photo turned whole", o, focus)
			}
		}
	}
}

// BenchmarkFullCopy makes the full-size copy of a 12 MP phone photo
// (Process without resized copies), one core: "upright" is decoded (to
// prove it whole) and stripped; "turned" (orientation 6) is decoded and
// re-encoded upright from the turned view; "turned-copies" is how that
// was made before, from toRGBA's copy turned by orient.
//
//	go test ./generator/internal/images -run '^$' -bench FullCopy -benchmem
func BenchmarkFullCopy(b *testing.B) {
	pic := photo(4000, 3000)
	p := &Processor{Settings: Settings{Quality: DefaultQuality}}
	for _, c := range []struct {
		name string
		o    int
	}{{"upright", 1}, {"turned", 6}, {"turned-copies", 6}} {
		src := phoneJPEG(b, pic, c.o)
		in, err := Inspect("p.jpg", src, 0)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.name != "turned-copies" {
					if _, err := p.Process("p.jpg", src, in); err != nil {
						b.Fatal(err)
					}
					continue
				}
				dec, err := decode(JPEG, src)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := p.encode(JPEG, orient(toRGBA(dec), c.o), jpegICC(src)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
