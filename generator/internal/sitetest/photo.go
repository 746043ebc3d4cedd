package sitetest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// GPSJPEG is a w×h JPEG as a phone writes it: an EXIF segment recording
// a GPS latitude, and a comment naming the photographer.
func GPSJPEG(t testing.TB, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	tiff := []byte("II*\x00")
	tiff = le.AppendUint32(tiff, 8)
	tiff = le.AppendUint16(tiff, 1)
	tiff = le.AppendUint16(tiff, 0x8825) // GPS IFD pointer
	tiff = le.AppendUint16(tiff, 4)
	tiff = le.AppendUint32(tiff, 1)
	tiff = le.AppendUint32(tiff, 26)
	tiff = le.AppendUint32(tiff, 0)
	tiff = le.AppendUint16(tiff, 1)      // GPS IFD: one entry
	tiff = le.AppendUint16(tiff, 0x0002) // GPSLatitude
	tiff = le.AppendUint16(tiff, 5)
	tiff = le.AppendUint32(tiff, 3)
	tiff = le.AppendUint32(tiff, 44)
	tiff = le.AppendUint32(tiff, 0)
	for _, v := range []uint32{48, 1, 51, 1, 296, 10} {
		tiff = le.AppendUint32(tiff, v)
	}
	seg := func(m byte, p []byte) []byte {
		s := []byte{0xFF, m}
		s = binary.BigEndian.AppendUint16(s, uint16(len(p)+2))
		return append(s, p...)
	}
	enc := buf.Bytes()
	out := append([]byte{0xFF, 0xD8}, seg(0xE1, append([]byte("Exif\x00\x00"), tiff...))...)
	out = append(out, seg(0xFE, []byte("photo by Dr. Secret"))...)
	return string(append(out, enc[2:]...))
}
