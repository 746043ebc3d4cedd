package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// photo returns a w×h picture with some detail to compress.
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0xff), 255})
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// exifTIFF builds little-endian EXIF data: IFD0 with an orientation and,
// when gps, a GPS IFD with a latitude (48° 51' 29.6" N).
func exifTIFF(orientation int, gps bool) []byte {
	le := binary.LittleEndian
	t := []byte("II*\x00")
	t = le.AppendUint32(t, 8)
	n := 1
	if gps {
		n = 2
	}
	t = le.AppendUint16(t, uint16(n))
	entry := func(tag, typ uint16, count, val uint32) {
		t = le.AppendUint16(t, tag)
		t = le.AppendUint16(t, typ)
		t = le.AppendUint32(t, count)
		t = le.AppendUint32(t, val)
	}
	entry(0x0112, 3, 1, uint32(orientation))
	gpsAt := uint32(8 + 2 + n*12 + 4)
	if gps {
		entry(0x8825, 4, 1, gpsAt)
	}
	t = le.AppendUint32(t, 0) // no next IFD
	if gps {
		ratAt := gpsAt + 2 + 2*12 + 4
		t = le.AppendUint16(t, 2)
		entry(0x0001, 2, 2, uint32('N'))
		entry(0x0002, 5, 3, ratAt)
		t = le.AppendUint32(t, 0)
		for _, r := range [][2]uint32{{48, 1}, {51, 1}, {296, 10}} {
			t = le.AppendUint32(t, r[0])
			t = le.AppendUint32(t, r[1])
		}
	}
	return t
}

func jpegSegment(marker byte, payload []byte) []byte {
	s := []byte{0xFF, marker}
	s = binary.BigEndian.AppendUint16(s, uint16(len(payload)+2))
	return append(s, payload...)
}

// iccPayload is an ICC APP2 payload holding a profile header for the
// colour space cs ("RGB ", "CMYK"): not a usable profile, enough to follow.
func iccPayload(cs string) []byte {
	prof := make([]byte, 128)
	copy(prof[12:], "mntr")
	copy(prof[16:], cs)
	copy(prof[20:], "XYZ ")
	copy(prof[36:], "acsp")
	return append([]byte("ICC_PROFILE\x00\x01\x01"), prof...)
}

var fakeICC = iccPayload("RGB ")

// phoneJPEG is what a phone writes: EXIF with GPS and orientation, XMP,
// IPTC, a comment, an ICC profile, and a trailing preview after EOI.
func phoneJPEG(t testing.TB, img image.Image, orientation int) []byte {
	enc := encodeJPEG(t, img)
	var b []byte
	b = append(b, 0xFF, 0xD8)
	b = append(b, jpegSegment(0xE1, append([]byte("Exif\x00\x00"), exifTIFF(orientation, true)...))...)
	b = append(b, jpegSegment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>Dr. Secret</x:xmpmeta>"))...)
	b = append(b, jpegSegment(0xED, []byte("Photoshop 3.0\x008BIM IPTC byline"))...)
	b = append(b, jpegSegment(0xFE, []byte("taken by Dr. Secret"))...)
	b = append(b, jpegSegment(0xE2, fakeICC)...)
	b = append(b, enc[2:]...)
	// Multi-picture trailer: a second JPEG with its own EXIF.
	b = append(b, 0xFF, 0xD8)
	b = append(b, jpegSegment(0xE1, append([]byte("Exif\x00\x00"), exifTIFF(1, true)...))...)
	return append(b, 0xFF, 0xD9)
}

// metadataIn lists the metadata segments of a JPEG (by marker) and
// whether it has an ICC profile, failing on a malformed file.
func metadataIn(t *testing.T, b []byte) (bad []string, icc bool) {
	t.Helper()
	end, err := jpegWalk(b, func(s segment, _ []byte) bool {
		switch {
		case isICC(s):
			icc = true
		case s.marker == 0xE1:
			bad = append(bad, "APP1 (EXIF/XMP)")
		case s.marker == 0xED:
			bad = append(bad, "APP13 (IPTC)")
		case s.marker == 0xFE:
			bad = append(bad, "COM")
		case s.marker > 0xE0 && s.marker <= 0xEF && s.marker != 0xEE:
			bad = append(bad, "other APPn")
		}
		return true
	})
	if err != nil {
		t.Fatalf("published JPEG is malformed: %v", err)
	}
	if end != len(b) {
		bad = append(bad, "data after EOI")
	}
	for _, s := range []string{"Exif\x00", "xmpmeta", "Dr. Secret", "IPTC"} {
		if bytes.Contains(b, []byte(s)) {
			bad = append(bad, "bytes "+s)
		}
	}
	return bad, icc
}

func TestPublishedJPEGHasNoMetadata(t *testing.T) {
	src := phoneJPEG(t, photo(1000, 600), 1)
	in, err := Inspect("team.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !in.GPS || in.Width != 1000 || in.Height != 600 || in.Format != JPEG {
		t.Fatalf("Inspect = %+v, want a 1000×600 JPEG with GPS", in)
	}
	var p Processor
	p.Settings = Settings{Widths: DefaultWidths(), Quality: 80}
	res, err := p.Process("team.jpg", src, in)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.Variants); got != 2 {
		t.Fatalf("%d copies, want 2 (480 and 800: never wider than the original)", got)
	}
	outs := map[string][]byte{"full": res.Full}
	for _, v := range res.Variants {
		outs[VariantName("team.jpg", v.Width)] = v.Data
		img, err := jpeg.Decode(bytes.NewReader(v.Data))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height {
			t.Errorf("copy is %v, want %d×%d", b, v.Width, v.Height)
		}
	}
	for name, b := range outs {
		bad, icc := metadataIn(t, b)
		if len(bad) > 0 {
			t.Errorf("%s still carries %v", name, bad)
		}
		if !icc {
			t.Errorf("%s lost its ICC profile", name)
		}
		if again, _ := Inspect("x.jpg", b, 0); again.GPS {
			t.Errorf("%s still records GPS", name)
		}
	}
	// The full copy is the source's own scan data, not re-encoded.
	enc := encodeJPEG(t, photo(1000, 600))
	if !bytes.Contains(res.Full, enc[len(enc)-2000:]) {
		t.Error("the full copy was re-encoded; want a lossless strip")
	}
}

func TestOrientationIsApplied(t *testing.T) {
	// Stored 600×400, orientation 6: shown 400×600.
	src := phoneJPEG(t, photo(600, 400), 6)
	in, err := Inspect("p.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if in.Width != 400 || in.Height != 600 || in.Orientation != 6 {
		t.Fatalf("Inspect = %+v, want 400×600 orientation 6", in)
	}
	p := Processor{Settings: Settings{Widths: []int{200}}}
	res, err := p.Process("p.jpg", src, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		b    []byte
		w, h int
	}{{res.Full, 400, 600}, {res.Variants[0].Data, 200, 300}} {
		img, err := jpeg.Decode(bytes.NewReader(c.b))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("published %v, want %d×%d", b, c.w, c.h)
		}
		if bad, _ := metadataIn(t, c.b); len(bad) > 0 {
			t.Errorf("carries %v", bad)
		}
	}
	// Turned clockwise: the stored bottom-left (green, little red) is
	// now top-left.
	img, _ := jpeg.Decode(bytes.NewReader(res.Full))
	r, g, _, _ := img.At(2, 2).RGBA()
	if g < r || g>>8 < 200 {
		t.Errorf("top-left pixel r=%d g=%d: not turned clockwise", r>>8, g>>8)
	}
}

func TestOrientMatchesDefinition(t *testing.T) {
	// A 3×2 image with distinct pixels; each orientation's inverse
	// mapping must put the stored top-left where EXIF says.
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range src.Pix {
		src.Pix[i] = uint8(i)
	}
	at := func(img *image.RGBA, x, y int) uint8 { return img.Pix[img.PixOffset(x, y)] }
	tl := at(src, 0, 0)
	// Where the stored top-left pixel ends up, per orientation.
	want := map[int][2]int{1: {0, 0}, 2: {2, 0}, 3: {2, 1}, 4: {0, 1}, 5: {0, 0}, 6: {1, 0}, 7: {1, 2}, 8: {0, 2}}
	for o, pos := range want {
		for name, out := range map[string]*image.RGBA{"orient": orient(src, o), "upright": upright(src, o)} {
			if at(out, pos[0], pos[1]) != tl {
				t.Errorf("%s, orientation %d: stored top-left is not at %v", name, o, pos)
			}
		}
	}
}

func pngWith(t testing.TB, img image.Image, extra ...[]byte) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	enc := b.Bytes()
	const at = 8 + 25
	out := append([]byte(nil), enc[:at]...)
	for _, c := range extra {
		out = append(out, c...)
	}
	return append(out, enc[at:]...)
}

func TestPNGTextStrippedProfileKept(t *testing.T) {
	iccp := pngChunk("iCCP", []byte("sRGB-ish\x00\x00fake-compressed-profile"))
	src := pngWith(t, photo(900, 300),
		iccp,
		pngChunk("tEXt", []byte("Author\x00Dr. Secret")),
		pngChunk("eXIf", exifTIFF(1, true)),
		pngChunk("tIME", []byte{7, 234, 1, 2, 3, 4, 5}))
	in, err := Inspect("chart.png", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !in.GPS {
		t.Error("GPS in eXIf not seen")
	}
	p := Processor{Settings: Settings{Widths: DefaultWidths()}}
	res, err := p.Process("chart.png", src, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Variants) != 2 {
		t.Fatalf("%d copies, want 2", len(res.Variants))
	}
	for i, b := range [][]byte{res.Full, res.Variants[0].Data, res.Variants[1].Data} {
		var types []string
		if err := pngWalk(b, func(typ string, _, _ []byte) { types = append(types, typ) }); err != nil {
			t.Fatalf("output %d: %v", i, err)
		}
		got := strings.Join(types, " ")
		for _, bad := range []string{"tEXt", "eXIf", "tIME"} {
			if strings.Contains(got, bad) {
				t.Errorf("output %d keeps %s: %s", i, bad, got)
			}
		}
		if !strings.Contains(got, "iCCP") {
			t.Errorf("output %d lost iCCP: %s", i, got)
		}
		if bytes.Contains(b, []byte("Dr. Secret")) {
			t.Errorf("output %d still names the author", i)
		}
	}
	// Lossless: the full copy decodes to the source's pixels.
	a, _ := png.Decode(bytes.NewReader(src))
	b, err := png.Decode(bytes.NewReader(res.Full))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.(*image.RGBA).Pix, toRGBA(b).Pix) {
		t.Error("full PNG copy changed pixels")
	}
}

// bombPNG is a valid-looking PNG header declaring w×h, with a tiny IDAT.
func bombPNG(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	b := []byte(pngMagic)
	b = append(b, pngChunk("IHDR", ihdr)...)
	b = append(b, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(b, pngChunk("IEND", nil)...)
}

func TestDecompressionBomb(t *testing.T) {
	src := bombPNG(60000, 60000)
	if len(src) > 100 {
		t.Fatalf("bomb is %d bytes; meant to be tiny", len(src))
	}
	var err error
	allocs := testing.AllocsPerRun(5, func() { _, err = Inspect("content/a/bomb.png", src, 0) })
	var pr *Problem
	if !errors.As(err, &pr) || !pr.TooLarge {
		t.Fatalf("err = %v, want a too-large Problem", err)
	}
	for _, s := range []string{"bomb.png", "60000×60000", "maxPixels"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not mention %q", err, s)
		}
	}
	if !strings.Contains(pr.Fix, "resize it before adding it") {
		t.Errorf("fix %q", pr.Fix)
	}
	if allocs > 50 {
		t.Errorf("Inspect allocated %v times: it decoded pixels?", allocs)
	}
	// Just under the limit with a lower maxPixels: the same check.
	if _, err := Inspect("x.png", bombPNG(1000, 1000), 999_999); err == nil {
		t.Error("1 MP image accepted with maxPixels 999999")
	}
}

func TestTooManyBytes(t *testing.T) {
	big := make([]byte, MaxBytes+1)
	copy(big, encodeJPEG(t, photo(8, 8)))
	_, err := Inspect("huge.jpg", big, 0)
	var pr *Problem
	if !errors.As(err, &pr) || !pr.TooLarge || !strings.Contains(err.Error(), "huge.jpg") || !strings.Contains(err.Error(), "30 MB") {
		t.Fatalf("err = %v", err)
	}
}

func TestLyingAndBrokenFiles(t *testing.T) {
	jp := encodeJPEG(t, photo(64, 64))
	var pb bytes.Buffer
	png.Encode(&pb, photo(64, 64))
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"a.jpg", pb.Bytes(), "holds a PNG image"},
		{"a.png", jp, "holds a JPEG image"},
		{"a.jpg", []byte("<!DOCTYPE html><html><body>Download</body></html>"), "HTML page"},
		{"a.jpeg", nil, "empty"},
		{"a.jpg", jp[:20], "damaged"},
	}
	for _, c := range cases {
		_, err := Inspect(c.name, c.data, 0)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("Inspect(%s) = %v, want %q", c.want, err, c.want)
		}
	}
	// Truncated after the header: Inspect passes, Process refuses.
	cut := jp[:len(jp)*2/3]
	in, err := Inspect("cut.jpg", cut, 0)
	if err != nil {
		t.Fatalf("Inspect(truncated) = %v; the header is whole", err)
	}
	p := Processor{Settings: Settings{Widths: []int{32}}}
	if _, err := p.Process("cut.jpg", cut, in); err == nil || !strings.Contains(err.Error(), "cut.jpg") {
		t.Errorf("Process(truncated) = %v, want an error naming the file", err)
	}
}

func TestCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	src := phoneJPEG(t, photo(1300, 700), 1)
	in, err := Inspect("a.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	run := func(settings Settings) (Result, int, *Cache) {
		c := NewCache(dir)
		resized := 0
		p := Processor{Settings: settings, Cache: c, OnResize: func(string, int) { resized++ }}
		res, err := p.Process("a.jpg", src, in)
		if err != nil {
			t.Fatal(err)
		}
		return res, resized, c
	}
	s := Settings{Widths: DefaultWidths(), Quality: 80}
	first, n, _ := run(s)
	if n != 3 {
		t.Fatalf("first run resized %d, want 3", n)
	}
	second, n, c := run(s)
	if n != 0 {
		t.Errorf("second run resized %d, want 0", n)
	}
	if removed, err := c.Clean(); err != nil || removed != 0 {
		t.Errorf("Clean after a full run removed %d (%v)", removed, err)
	}
	for i := range first.Variants {
		if !bytes.Equal(first.Variants[i].Data, second.Variants[i].Data) {
			t.Errorf("cached copy %d differs", i)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Errorf("no .gitignore in the cache: %v", err)
	}
	// Corrupt one entry: it is made again, the damaged bytes never returned.
	ents, _ := filepath.Glob(filepath.Join(dir, "*.img"))
	if len(ents) != 4 {
		t.Fatalf("%d entries, want 4 (full + 3)", len(ents))
	}
	for _, e := range ents {
		b, _ := os.ReadFile(e)
		b[len(b)/2] ^= 0xFF
		os.WriteFile(e, b, 0o644)
	}
	third, n, _ := run(s)
	if n != 3 {
		t.Errorf("after corrupting every entry resized %d, want 3", n)
	}
	if !bytes.Equal(third.Full, first.Full) || !bytes.Equal(third.Variants[0].Data, first.Variants[0].Data) {
		t.Error("rebuilt copies differ from the first run")
	}
	// Other settings: the old entries are stale and cleaned; a file the
	// cache did not write stays.
	keep := filepath.Join(dir, "notes.txt")
	os.WriteFile(keep, []byte("mine"), 0o644)
	_, n, c = run(Settings{Widths: []int{640}, Quality: 70})
	if n != 1 {
		t.Errorf("new settings resized %d, want 1", n)
	}
	removed, err := c.Clean()
	if err != nil || removed != 4 {
		t.Errorf("Clean removed %d (%v), want the 4 stale entries", removed, err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("Clean removed a file it did not write")
	}
	if ents, _ := filepath.Glob(filepath.Join(dir, "*.img")); len(ents) != 2 {
		t.Errorf("%d entries left, want 2", len(ents))
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(phoneJPEG(f, photo(40, 30), 6)), true)
	var pb bytes.Buffer
	png.Encode(&pb, photo(40, 30))
	f.Add(pb.Bytes(), false)
	f.Add(bombPNG(60000, 60000), false)
	f.Add([]byte("<html>"), true)
	f.Add(jpegSegment(0xE1, []byte("Exif\x00\x00II*\x00\x08\x00\x00\x00\xff\xff")), true)
	f.Fuzz(func(t *testing.T, data []byte, asJPEG bool) {
		name := "f.png"
		if asJPEG {
			name = "f.jpg"
		}
		in, err := Inspect(name, data, 1_000_000) // bounded memory
		if err != nil {
			var pr *Problem
			if !errors.As(err, &pr) {
				t.Fatalf("error %v is not a *Problem", err)
			}
			return
		}
		p := Processor{Settings: Settings{Widths: []int{16}}}
		res, err := p.Process(name, data, in)
		if err != nil {
			return
		}
		if in.Format == JPEG {
			bad, _ := metadataIn(t, res.Full)
			for _, b := range bad {
				if strings.HasPrefix(b, "APP1") || b == "COM" || b == "data after EOI" {
					t.Fatalf("published copy keeps %v", bad)
				}
			}
		}
	})
}

func TestCMYKProfileNotGivenToRGBCopies(t *testing.T) {
	src := phoneJPEG(t, photo(600, 400), 1)
	src = bytes.Replace(src, fakeICC, iccPayload("CMYK"), 1)
	in, err := Inspect("c.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := Processor{Settings: Settings{Widths: []int{300}}}
	res, err := p.Process("c.jpg", src, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, icc := metadataIn(t, res.Variants[0].Data); icc {
		t.Error("an RGB copy carries the CMYK profile")
	}
	if _, icc := metadataIn(t, res.Full); !icc {
		t.Error("the lossless full copy lost its own profile")
	}
}

// TestResizedColours: a copy shows the same picture (shrink, Catmull-Rom
// and orientation together), checked at a few points of a gradient.
func TestResizedColours(t *testing.T) {
	for _, o := range []int{1, 6} {
		// A smooth picture: photo's XOR pattern has sharp edges where
		// any resampler rings.
		sm := image.NewRGBA(image.Rect(0, 0, 3300, 2000))
		for y := 0; y < 2000; y++ {
			for x := 0; x < 3300; x++ {
				sm.Set(x, y, color.RGBA{uint8(x * 255 / 3300), uint8(y * 255 / 2000), 128, 255})
			}
		}
		src := phoneJPEG(t, sm, o)
		in, err := Inspect("g.jpg", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		p := Processor{Settings: Settings{Widths: []int{480, 1000}}}
		res, err := p.Process("g.jpg", src, in)
		if err != nil {
			t.Fatal(err)
		}
		// The colour the source function gives at a point of the upright
		// picture (orientation 6 turns the stored one clockwise).
		wantAt := func(fx, fy float64) (uint32, uint32) {
			x, y := fx*float64(in.Width), fy*float64(in.Height)
			if o == 6 {
				x, y = y, 2000-1-x
			}
			return uint32(x * 255 / 3300), uint32(y * 255 / 2000)
		}
		for _, v := range append(res.Variants, Variant{Width: in.Width, Height: in.Height, Data: res.Full}) {
			img, err := jpeg.Decode(bytes.NewReader(v.Data))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range [][2]float64{{0.5, 0.5}, {0.25, 0.75}, {0.8, 0.2}} {
				vx, vy := int(f[0]*float64(v.Width)), int(f[1]*float64(v.Height))
				r1, g1, _, _ := img.At(vx, vy).RGBA()
				r2, g2 := wantAt(f[0], f[1])
				if d := absDiff(r1>>8, r2) + absDiff(g1>>8, g2); d > 8 {
					t.Errorf("orientation %d, %dw at %v: r,g %d,%d, want %d,%d", o, v.Width, f, r1>>8, g1>>8, r2, g2)
				}
			}
		}
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestShareCrop(t *testing.T) {
	// A 2000×2000 picture: red top half, blue bottom half.
	img := image.NewRGBA(image.Rect(0, 0, 2000, 2000))
	for y := 0; y < 2000; y++ {
		for x := 0; x < 2000; x++ {
			c := color.RGBA{220, 20, 20, 255}
			if y >= 1000 {
				c = color.RGBA{20, 20, 220, 255}
			}
			img.Set(x, y, c)
		}
	}
	src := phoneJPEG(t, img, 1)
	in, err := Inspect("sq.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := ShareSize(in); w != 1200 || h != 630 {
		t.Fatalf("ShareSize = %d×%d", w, h)
	}
	p := Processor{Settings: Settings{Widths: DefaultWidths()}}
	for focus, wantRed := range map[string]bool{"top": true, "bottom": false} {
		b, err := p.Share("sq.jpg", src, in, focus)
		if err != nil {
			t.Fatal(err)
		}
		out, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := out.Bounds(); got.Dx() != 1200 || got.Dy() != 630 {
			t.Errorf("%s: %v, want 1200×630", focus, got)
		}
		r, _, bl, _ := out.At(600, 315).RGBA()
		if (r > bl) != wantRed {
			t.Errorf("focus %s: centre r=%d b=%d", focus, r>>8, bl>>8)
		}
		if bad, icc := metadataIn(t, b); len(bad) > 0 || !icc {
			t.Errorf("%s: metadata %v, icc %v", focus, bad, icc)
		}
	}
	// A small photo: the largest 1.91:1 crop it holds, not enlarged.
	small := phoneJPEG(t, photo(300, 300), 6)
	in, _ = Inspect("s.jpg", small, 0)
	b, err := p.Share("s.jpg", small, in, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := jpeg.DecodeConfig(bytes.NewReader(b))
	if w, h := ShareSize(in); cfg.Width != w || cfg.Height != h || w != 300 || h != 158 {
		t.Errorf("small crop %d×%d, ShareSize %d×%d, want 300×158", cfg.Width, cfg.Height, w, h)
	}
	if ValidFocus("middle") || !ValidFocus("") || !ValidFocus("bottom-right") {
		t.Error("ValidFocus")
	}
}

// TestStrayBytesBeforeMarker: a comment whose length is one byte too long
// leaves stray bytes before the next marker; image/jpeg decodes such a
// file, and so the publishing path must too.
func TestStrayBytesBeforeMarker(t *testing.T) {
	enc := encodeJPEG(t, photo(64, 48))
	src := append([]byte{0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x06, 'p', '1', '2'}, enc[2:]...)
	in, err := Inspect("s.jpg", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := Processor{Settings: Settings{Widths: []int{32}}}
	res, err := p.Process("s.jpg", src, in)
	if err != nil {
		t.Fatal(err)
	}
	if bad, _ := metadataIn(t, res.Full); len(bad) > 0 {
		t.Errorf("keeps %v", bad)
	}
	if _, err := jpeg.Decode(bytes.NewReader(res.Full)); err != nil {
		t.Error(err)
	}
}

// TestLean: a lean Processor returns no bytes for the copies the cache
// holds, and Copy gives each back as a Processor without Lean makes it,
// from a damaged entry too (made again, never published).
func TestLean(t *testing.T) {
	s := Settings{Widths: DefaultWidths(), Quality: 80}
	for _, o := range []int{1, 6} { // stripped from the source; re-encoded upright
		src := phoneJPEG(t, photo(1300, 700), o)
		in, err := Inspect("a.jpg", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		want, err := (&Processor{Settings: s}).Process("a.jpg", src, in)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		reads := 0
		read := func() ([]byte, error) { reads++; return src, nil }
		check := func(stage string, res Result) {
			t.Helper()
			if res.Full != nil {
				t.Errorf("o%d %s: Full holds %d bytes", o, stage, len(res.Full))
			}
			for i, v := range res.Variants {
				if v.Data != nil {
					t.Errorf("o%d %s: variant %d holds %d bytes", o, stage, i, len(v.Data))
				}
				b, err := (&Processor{Settings: s, Cache: NewCache(dir), Lean: true}).Copy("a.jpg", &res, i+1, read)
				if err != nil || !bytes.Equal(b, want.Variants[i].Data) {
					t.Errorf("o%d %s: Copy(%d) differs (%v)", o, stage, i+1, err)
				}
			}
			b, err := (&Processor{Settings: s, Cache: NewCache(dir), Lean: true}).Copy("a.jpg", &res, 0, read)
			if err != nil || !bytes.Equal(b, want.Full) {
				t.Errorf("o%d %s: Copy(0) differs (%v)", o, stage, err)
			}
		}
		for _, stage := range []string{"first", "cached"} {
			resized := 0
			p := &Processor{Settings: s, Cache: NewCache(dir), Lean: true, OnResize: func(string, int) { resized++ }}
			res, err := p.Process("a.jpg", src, in)
			if err != nil {
				t.Fatal(err)
			}
			if stage == "cached" && resized != 0 {
				t.Errorf("o%d cached: resized %d", o, resized)
			}
			check(stage, res)
		}
		ents, _ := filepath.Glob(filepath.Join(dir, "*.img"))
		for _, e := range ents {
			b, _ := os.ReadFile(e)
			b[0] ^= 0xFF
			os.WriteFile(e, b, 0o644)
		}
		res, err := (&Processor{Settings: s, Cache: NewCache(dir), Lean: true}).Process("a.jpg", src, in)
		if err != nil {
			t.Fatal(err)
		}
		check("damaged", res)
		// A cache that cannot be written: the copies stay in the Result.
		ro := NewCache(t.TempDir())
		ro.ReadOnly = true
		res, err = (&Processor{Settings: s, Cache: ro, Lean: true}).Process("a.jpg", src, in)
		if err != nil || !bytes.Equal(res.Full, want.Full) || !bytes.Equal(res.Variants[0].Data, want.Variants[0].Data) {
			t.Errorf("o%d read-only cache: copies left out (%v)", o, err)
		}
	}
}
