package assets

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// encoded returns a w×h image encoded by enc.
func encoded(t testing.TB, w, h int, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})
	for x := 0; x < w; x += 2 {
		img.SetColorIndex(x, 0, 1)
	}
	var b bytes.Buffer
	if err := enc(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngOf(t testing.TB, w, h int) []byte {
	return encoded(t, w, h, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
}

func jpegOf(t testing.TB, w, h int) []byte {
	return encoded(t, w, h, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
}

func gifOf(t testing.TB, w, h int) []byte {
	return encoded(t, w, h, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) })
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// webpChunk builds a minimal RIFF WebP file holding one chunk.
func webpChunk(fourcc string, payload ...byte) []byte {
	n := len(payload)
	b := []byte("RIFF")
	b = append(b, byte(n+12), byte((n+12)>>8), 0, 0)
	b = append(b, "WEBP"...)
	b = append(b, fourcc...)
	b = append(b, byte(n), byte(n>>8), 0, 0)
	return append(b, payload...)
}

func TestImageSize(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		w, h int
	}{
		{"a.png", pngOf(t, 3, 2), 3, 2},
		{"dir/B.PNG", pngOf(t, 640, 1), 640, 1},
		{"a.jpg", jpegOf(t, 17, 9), 17, 9},
		{"a.jpeg", jpegOf(t, 1, 1), 1, 1},
		{"a.gif", gifOf(t, 5, 7), 5, 7},
		// Real files made by cwebp 1.2 from a 37×21 PNG, one per WebP flavour.
		{"lossy-37x21.webp", readTestdata(t, "lossy-37x21.webp"), 37, 21},
		{"lossless-37x21.webp", readTestdata(t, "lossless-37x21.webp"), 37, 21},
		{"alpha-37x21.webp", readTestdata(t, "alpha-37x21.webp"), 37, 21}, // VP8X
		// Hand-made headers at the field limits.
		{"vp8-max.webp", webpChunk("VP8 ", 0x10, 0, 0, 0x9d, 0x01, 0x2a, 0xff, 0xff, 0x01, 0xc0), 16383, 1},
		{"vp8l-max.webp", webpChunk("VP8L", 0x2f, 0xff, 0xff, 0xff, 0x0f), 16384, 16384},
		{"vp8x-big.webp", webpChunk("VP8X", 0x10, 0, 0, 0, 0x3f, 0x42, 0x0f, 0x3f, 0x42, 0x0f), 1000000, 1000000},

		{"w-h.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"/>`), 120, 40},
		{"px.svg", []byte(`<svg width="120px" height=" 40px "></svg>`), 120, 40},
		{"fraction.svg", []byte(`<svg width="10.4" height="10.6"/>`), 10, 11},
		{"viewbox.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 16"/>`), 24, 16},
		{"viewbox-commas.svg", []byte(`<svg viewBox="-5,-5, 300.5,150"/>`), 301, 150},
		{"percent.svg", []byte(`<svg width="100%" height="100%" viewBox="0 0 64 32"/>`), 64, 32},
		{"width-only.svg", []byte(`<svg width="100" viewBox="0 0 50 25"/>`), 100, 50},
		{"height-only.svg", []byte(`<svg height="30" viewBox="0 0 50 25"/>`), 60, 30},
		{"prolog.svg", []byte("\ufeff<?xml version=\"1.0\"?>\n<!-- logo -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg width=\"8\" height=\"9\"><g/></svg>"), 8, 9},
		{"ns-attr.svg", []byte(`<svg xmlns:x="urn:x" x:width="999" width="8" height="9"/>`), 8, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, h, err := ImageSize(tt.name, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if w != tt.w || h != tt.h {
				t.Errorf("ImageSize = %d×%d, want %d×%d", w, h, tt.w, tt.h)
			}
		})
	}
}

func TestImageSizeErrors(t *testing.T) {
	png1 := pngOf(t, 4, 4)
	webp := readTestdata(t, "lossy-37x21.webp")
	tests := []struct {
		name string
		data []byte
		msg  string // part of the error
	}{
		{"empty.png", nil, "EOF"},
		{"truncated.png", png1[:20], "EOF"},
		{"not.png", []byte("hello world, no image"), "not a PNG"},
		{"png-as.jpg", png1, "invalid JPEG"},
		{"truncated.jpg", jpegOf(t, 4, 4)[:10], "EOF"},
		{"bad.gif", []byte("GIF89a"), "EOF"},
		{"empty.webp", nil, "not a WebP"},
		{"riff-only.webp", []byte("RIFF\x00\x00\x00\x00WAVEfmt \x00\x00\x00\x00"), "not a WebP"},
		{"truncated.webp", webp[:24], "truncated VP8"},
		{"bad-start.webp", webpChunk("VP8 ", 0x10, 0, 0, 0x9d, 0x01, 0x2b, 1, 0, 1, 0), "start code"},
		{"interframe.webp", webpChunk("VP8 ", 0x11, 0, 0, 0x9d, 0x01, 0x2a, 1, 0, 1, 0), "key frame"},
		{"zero.webp", webpChunk("VP8 ", 0x10, 0, 0, 0x9d, 0x01, 0x2a, 0, 0, 1, 0), "implausible size"},
		{"bad-sig.webp", webpChunk("VP8L", 0x2e, 0, 0, 0, 0), "signature"},
		{"short-x.webp", webpChunk("VP8X", 0, 0, 0, 0, 1), "truncated VP8X"},
		{"huge.webp", webpChunk("VP8X", 0, 0, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0), "implausible size"},
		{"size-lies.webp", append(webpChunk("VP8L", 0x2f), 0, 0, 0, 0), "truncated VP8L"},
		{"alien.webp", webpChunk("ALPH", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), "unknown WebP chunk"},

		{"em.svg", []byte(`<svg width="10em" height="5em"/>`), `width "10em" is not a number of pixels`},
		{"cm.svg", []byte(`<svg width="10" height="5cm"/>`), `height "5cm"`},
		{"zero.svg", []byte(`<svg width="0" height="5"/>`), "not positive"},
		{"negative.svg", []byte(`<svg width="10" height="-5"/>`), "not positive"},
		{"nan.svg", []byte(`<svg width="NaN" height="5"/>`), "not a number"},
		{"inf.svg", []byte(`<svg width="Inf" height="5"/>`), "not a number"},
		{"tiny.svg", []byte(`<svg width="0.2" height="5"/>`), "implausible size"},
		{"huge.svg", []byte(`<svg width="1e300" height="5"/>`), "implausible size"},
		{"no-size.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>`), "no viewBox"},
		{"percent-no-vb.svg", []byte(`<svg width="100%" height="100%"/>`), "no viewBox"},
		{"vb-three.svg", []byte(`<svg viewBox="0 0 24"/>`), "four numbers"},
		{"vb-word.svg", []byte(`<svg viewBox="0 0 24 x"/>`), `bad number "x"`},
		{"vb-zero.svg", []byte(`<svg viewBox="0 0 0 10"/>`), "no positive width"},
		{"not-svg.svg", []byte(`<html><svg width="1" height="1"/></html>`), "root element is <html>"},
		{"empty.svg", nil, "no <svg> element"},
		{"text.svg", []byte("just text"), "no <svg> element"},
		{"broken.svg", []byte(`<svg width="1`), "not well-formed"},
		{"a.bmp", []byte("BM"), "not an image type"},
		{"noext", pngOf(t, 1, 1), "not an image type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, h, err := ImageSize(tt.name, tt.data)
			if err == nil {
				t.Fatalf("ImageSize = %d×%d, want an error", w, h)
			}
			if w != 0 || h != 0 {
				t.Errorf("size on error = %d×%d, want 0×0", w, h)
			}
			if !strings.Contains(err.Error(), tt.name) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not name %q and say %q", err, tt.name, tt.msg)
			}
		})
	}
}

// FuzzImageSize checks that no input panics and that a reported size is
// always positive.
func FuzzImageSize(f *testing.F) {
	f.Add("a.png", pngOf(f, 2, 2))
	f.Add("a.jpg", jpegOf(f, 2, 2))
	f.Add("a.gif", gifOf(f, 2, 2))
	f.Add("a.webp", readTestdata(f, "lossy-37x21.webp"))
	f.Add("a.webp", readTestdata(f, "lossless-37x21.webp"))
	f.Add("a.webp", readTestdata(f, "alpha-37x21.webp"))
	f.Add("a.svg", []byte(`<svg width="100" viewBox="0 0 50 25"/>`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		w, h, err := ImageSize(name, data)
		if err == nil && (w <= 0 || h <= 0) {
			t.Errorf("ImageSize(%q) = %d×%d without error", name, w, h)
		}
	})
}
