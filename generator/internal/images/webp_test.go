package images

import (
	"bytes"
	"encoding/binary"
	"testing"

	"golang.org/x/image/webp"
)

// webpChunk is one RIFF chunk, padded to an even size.
func webpChunk(id string, payload []byte) []byte {
	c := binary.LittleEndian.AppendUint32([]byte(id), uint32(len(payload)))
	c = append(c, payload...)
	if len(payload)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

func webpFile(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	for _, c := range chunks {
		body = append(body, c...)
	}
	return append(binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body))), body...)
}

// A 1×1 lossless picture.
var vp8l = []byte("\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")[:13]

// TestStripWebP: the EXIF (with a GPS position) and XMP chunks are
// removed and the VP8X flags that announce them cleared; the picture's
// chunk is kept byte for byte and still decodes.
func TestStripWebP(t *testing.T) {
	vp8x := []byte{vp8xEXIF | vp8xXMP | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0} // + alpha flag, 1×1 canvas
	xmp := []byte(`<x:xmpmeta><rdf:Description exif:GPSLatitude="48,51.6N"/></x:xmpmeta>`)
	for _, tt := range []struct {
		name string
		in   []byte
	}{
		{"extended", webpFile(webpChunk("VP8X", vp8x), webpChunk("VP8L", vp8l), webpChunk("EXIF", exifTIFF(1, true)), webpChunk("XMP ", xmp))},
		{"Exif prefix", webpFile(webpChunk("VP8X", vp8x), webpChunk("EXIF", append([]byte("Exif\x00\x00"), exifTIFF(1, true)...)), webpChunk("VP8L", vp8l))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !HasGPS(tt.in) {
				t.Error("HasGPS missed the EXIF GPS position")
			}
			out, ok := StripWebP(tt.in)
			if !ok {
				t.Fatal("not taken for a WebP file")
			}
			if bytes.Contains(out, []byte("EXIF")) || bytes.Contains(out, []byte("XMP ")) || bytes.Contains(out, []byte("II*\x00")) || HasGPS(out) {
				t.Errorf("metadata left: %q", out)
			}
			if got := int(binary.LittleEndian.Uint32(out[4:])); got != len(out)-8 {
				t.Errorf("RIFF size %d, file holds %d", got, len(out)-8)
			}
			if out[20]&(vp8xEXIF|vp8xXMP) != 0 || out[20]&0x10 == 0 {
				t.Errorf("VP8X flags %08b: EXIF/XMP still announced or another flag lost", out[20])
			}
			if !bytes.Contains(out, webpChunk("VP8L", vp8l)) {
				t.Error("the picture's chunk changed")
			}
			if _, err := webp.Decode(bytes.NewReader(out)); err != nil {
				t.Errorf("stripped file does not decode: %v", err)
			}
		})
	}
	plain := webpFile(webpChunk("VP8L", vp8l))
	if out, ok := StripWebP(plain); !ok || !bytes.Equal(out, plain) || HasGPS(plain) {
		t.Errorf("a WebP without metadata changed (%v) or has GPS", ok)
	}
	for _, bad := range [][]byte{nil, []byte("RIFF"), append(webpFile(webpChunk("VP8L", vp8l))[:20], 0xFF), []byte("GIF89a...")} {
		if out, ok := StripWebP(bad); ok || !bytes.Equal(out, bad) {
			t.Errorf("StripWebP(%q) = %q, %v; want it unchanged and false", bad, out, ok)
		}
	}
}

// TestHasGPSOther: EXIF after "Exif\0\0" anywhere (an AVIF Exif item), or
// XMP GPS properties (a GIF's XMP block), are found; a file without is not.
func TestHasGPSOther(t *testing.T) {
	avif := append([]byte("\x00\x00\x00\x1cftypavif....mdat\x00\x00\x00\x06Exif\x00\x00"), exifTIFF(1, true)...)
	gif := []byte("GIF89a\x01\x00\x01\x00!\xff\x0bXMP DataXMP<rdf:Description exif:GPSLongitude=\"2,17.7E\"/>;")
	for name, b := range map[string][]byte{"avif": avif, "gif": gif} {
		if !HasGPS(b) {
			t.Errorf("%s: GPS not found", name)
		}
	}
	noGPS := append([]byte("\x00\x00\x00\x1cftypavif....mdatExif\x00\x00"), exifTIFF(6, false)...)
	if HasGPS(noGPS) {
		t.Error("GPS found in EXIF without a position")
	}
}

func FuzzStripWebP(f *testing.F) {
	f.Add(webpFile(webpChunk("VP8X", make([]byte, 10)), webpChunk("VP8L", vp8l), webpChunk("EXIF", exifTIFF(1, true))))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, ok := StripWebP(b)
		HasGPS(b)
		if ok && (len(out) > len(b) || !webpChunks(out, func(string, []byte, []byte) {}) || HasGPS(out) && !HasGPS(b)) {
			t.Errorf("stripped file is longer, malformed, or gained GPS")
		}
	})
}
