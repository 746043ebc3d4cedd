package images

import (
	"bytes"
	"encoding/binary"
)

// WebP is a RIFF container (https://developers.google.com/speed/webp/docs/riff_container):
// "RIFF", the size of what follows (little-endian), "WEBP", then chunks —
// a FourCC, a little-endian size, the payload and a pad byte when the size
// is odd. Metadata lives in its own chunks, "EXIF" (TIFF data, the GPS
// position among it) and "XMP ", announced by flags in the "VP8X" chunk.

// VP8X flag bits (first byte of its payload).
const (
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

// webpChunks calls fn for each chunk of a well-formed WebP file, with its
// FourCC, payload and raw bytes (header, payload and pad), and reports
// whether b is one.
func webpChunks(b []byte, fn func(id string, payload, raw []byte)) bool {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return false
	}
	end := 8 + uint64(binary.LittleEndian.Uint32(b[4:]))
	if end > uint64(len(b)) {
		return false
	}
	for off := uint64(12); off < end; {
		if off+8 > end {
			return false
		}
		n := uint64(binary.LittleEndian.Uint32(b[off+4:]))
		next := off + 8 + n + n&1
		if off+8+n > end {
			return false
		}
		fn(string(b[off:off+4]), b[off+8:off+8+n], b[off:min(next, end)])
		off = next
	}
	return true
}

// StripWebP returns the WebP file b without its EXIF and XMP chunks, the
// VP8X flags that announce them cleared, every other byte as it was (the
// picture is not decoded or encoded again). It returns false, and b as
// it is, when b is not a well-formed WebP file.
func StripWebP(b []byte) ([]byte, bool) {
	if len(b) < 12 {
		return b, false
	}
	out := append(make([]byte, 0, len(b)), b[:12]...)
	ok := webpChunks(b, func(id string, _, raw []byte) {
		switch id {
		case "EXIF", "XMP ":
			return
		case "VP8X":
			at := len(out) + 8
			out = append(out, raw...)
			if len(raw) > 8 {
				out[at] &^= vp8xEXIF | vp8xXMP
			}
			return
		}
		out = append(out, raw...)
	})
	if !ok {
		return b, false
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, true
}

// HasGPS reports whether an image this package does not process (WebP,
// GIF, AVIF) records a GPS position: in a WebP's EXIF chunk, in EXIF
// data stored anywhere in the file after the "Exif\0\0" marker (AVIF's
// Exif item, a GIF application block), or as XMP GPS properties.
func HasGPS(b []byte) bool {
	gps := false
	if webpChunks(b, func(id string, payload, _ []byte) {
		if id == "EXIF" {
			gps = gps || parseExif(bytes.TrimPrefix(payload, []byte("Exif\x00\x00"))).gps
		}
	}) && gps {
		return true
	}
	for rest, n := b, 0; n < 16; n++ {
		i := bytes.Index(rest, []byte("Exif\x00\x00"))
		if i < 0 {
			break
		}
		rest = rest[i+6:]
		if parseExif(rest).gps {
			return true
		}
	}
	return bytes.Contains(b, []byte("exif:GPSLatitude")) || bytes.Contains(b, []byte("exif:GPSLongitude"))
}
