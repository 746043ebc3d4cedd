package images

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sort"
)

// JPEG markers and PNG chunks, read and rewritten without decoding pixels.
//
// What a published file keeps: for JPEG, the frame and scan data, JFIF
// (APP0), Adobe (APP14, which says how CMYK is stored) and the ICC colour
// profile (APP2 "ICC_PROFILE"); EXIF and XMP (APP1), IPTC (APP13), every
// other APPn, comments and anything after the end-of-image marker (phones
// put a second, EXIF-carrying picture there) are dropped. For PNG, every
// chunk but tEXt, zTXt, iTXt, eXIf and tIME, and nothing after IEND.

const pngMagic = "\x89PNG\r\n\x1a\n"

// segment is one JPEG marker segment: the marker byte and its payload
// (without the length field).
type segment struct {
	marker byte
	data   []byte
}

// jpegWalk calls fn for each marker segment before and between scans, and
// returns the offset just past the EOI marker. The entropy-coded data
// after each SOS is skipped (fn sees the SOS header; raw returns it).
func jpegWalk(b []byte, fn func(s segment, raw []byte) bool) (int, error) {
	if len(b) < 2 || b[0] != 0xFF || b[1] != 0xD8 {
		return 0, errors.New("no JPEG start marker")
	}
	i := 2
	for {
		// Skip stray bytes before a marker (a segment whose length is off
		// by a few bytes; image/jpeg and libjpeg skip them too) and fill
		// bytes.
		for i < len(b) && b[i] != 0xFF {
			i++
		}
		for i < len(b) && b[i] == 0xFF && i+1 < len(b) && b[i+1] == 0xFF {
			i++
		}
		if i+2 > len(b) {
			return 0, errTruncated
		}
		m := b[i+1]
		switch {
		case m == 0xD9: // EOI
			return i + 2, nil
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7): // standalone
			if !fn(segment{marker: m}, b[i:i+2]) {
				return i + 2, nil
			}
			i += 2
			continue
		}
		if i+4 > len(b) {
			return 0, errTruncated
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return 0, errTruncated
		}
		end := i + 2 + n
		if !fn(segment{marker: m, data: b[i+4 : end]}, b[i:end]) {
			return end, nil
		}
		i = end
		if m == 0xDA { // SOS: skip entropy-coded data up to the next marker
			for {
				if i+1 >= len(b) {
					return 0, errTruncated
				}
				if b[i] == 0xFF {
					if nx := b[i+1]; nx != 0x00 && !(nx >= 0xD0 && nx <= 0xD7) && nx != 0xFF {
						break
					}
				}
				i++
			}
		}
	}
}

func isExif(s segment) bool {
	return s.marker == 0xE1 && len(s.data) >= 6 && string(s.data[:6]) == "Exif\x00\x00"
}

func isICC(s segment) bool {
	return s.marker == 0xE2 && len(s.data) >= 14 && string(s.data[:12]) == "ICC_PROFILE\x00"
}

// jpegExif returns the TIFF data of the first EXIF segment.
func jpegExif(b []byte) ([]byte, bool) {
	var out []byte
	_, _ = jpegWalk(b, func(s segment, _ []byte) bool {
		if isExif(s) {
			out = s.data[6:]
			return false
		}
		return s.marker != 0xDA
	})
	return out, out != nil
}

// jpegICC returns the ICC profile segments of b as raw marker segments,
// in their sequence order, ready to copy into another JPEG.
func jpegICC(b []byte) [][]byte {
	type part struct {
		seq int
		raw []byte
	}
	var parts []part
	_, _ = jpegWalk(b, func(s segment, raw []byte) bool {
		if isICC(s) {
			parts = append(parts, part{int(s.data[12]), raw})
		}
		return s.marker != 0xDA
	})
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].seq < parts[j].seq })
	out := make([][]byte, len(parts))
	for i, p := range parts {
		out[i] = p.raw
	}
	return out
}

// StripJPEG returns b without metadata (see the list above), losslessly:
// the compressed picture is copied byte for byte.
func StripJPEG(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	_, err := jpegWalk(b, func(s segment, raw []byte) bool {
		keep := true
		switch {
		case s.marker == 0xE0, s.marker == 0xEE: // JFIF, Adobe
		case s.marker == 0xE2:
			keep = isICC(s)
		case s.marker >= 0xE1 && s.marker <= 0xEF, s.marker == 0xFE: // other APPn, COM
			keep = false
		}
		if keep {
			out = append(out, raw...)
		}
		if s.marker == 0xDA {
			// The entropy-coded data follows: copy it as it is.
			start := offsetOf(b, raw) + len(raw)
			j := start
			for j+1 < len(b) {
				if b[j] == 0xFF {
					if nx := b[j+1]; nx != 0x00 && !(nx >= 0xD0 && nx <= 0xD7) && nx != 0xFF {
						break
					}
				}
				j++
			}
			out = append(out, b[start:j]...)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return append(out, 0xFF, 0xD9), nil
}

// offsetOf returns where sub (a subslice of b) starts in b.
func offsetOf(b, sub []byte) int {
	return cap(b) - cap(sub)
}

// withICC returns a JPEG encoded by image/jpeg with the ICC segments
// inserted right after its start marker.
func withICC(enc []byte, icc [][]byte) []byte {
	if len(icc) == 0 {
		return enc
	}
	n := len(enc)
	for _, s := range icc {
		n += len(s)
	}
	out := make([]byte, 0, n)
	out = append(out, enc[:2]...)
	for _, s := range icc {
		out = append(out, s...)
	}
	return append(out, enc[2:]...)
}

// pngWalk calls fn for each chunk (type, data, raw bytes including length
// and CRC) up to and including IEND.
func pngWalk(b []byte, fn func(typ string, data, raw []byte)) error {
	if len(b) < 8 || string(b[:8]) != pngMagic {
		return errors.New("no PNG signature")
	}
	i := 8
	for {
		if i+12 > len(b) {
			return errTruncated
		}
		n := binary.BigEndian.Uint32(b[i:])
		if uint64(n) > uint64(len(b)-i-12) {
			return errTruncated
		}
		end := i + 12 + int(n)
		typ := string(b[i+4 : i+8])
		fn(typ, b[i+8:i+8+int(n)], b[i:end])
		i = end
		if typ == "IEND" {
			return nil
		}
	}
}

// pngExif returns the TIFF data of an eXIf chunk.
func pngExif(b []byte) ([]byte, bool) {
	var out []byte
	_ = pngWalk(b, func(typ string, data, _ []byte) {
		if typ == "eXIf" && out == nil {
			out = data
		}
	})
	return out, out != nil
}

func dropPNGChunk(typ string) bool {
	switch typ {
	case "tEXt", "zTXt", "iTXt", "eXIf", "tIME":
		return true
	}
	return false
}

// isColourChunk reports the PNG chunks that say how to show the colours.
func isColourChunk(typ string) bool {
	switch typ {
	case "iCCP", "sRGB", "gAMA", "cHRM", "cICP":
		return true
	}
	return false
}

// StripPNG returns b without text, EXIF or time chunks, losslessly.
func StripPNG(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	out = append(out, pngMagic...)
	err := pngWalk(b, func(typ string, _, raw []byte) {
		if !dropPNGChunk(typ) {
			out = append(out, raw...)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// pngColour returns the colour chunks of b, raw.
func pngColour(b []byte) [][]byte {
	var out [][]byte
	_ = pngWalk(b, func(typ string, _, raw []byte) {
		if isColourChunk(typ) {
			out = append(out, raw)
		}
	})
	return out
}

// withPNGColour inserts colour chunks after the IHDR of a PNG encoded by
// image/png (signature, then the 25-byte IHDR chunk).
func withPNGColour(enc []byte, chunks [][]byte) []byte {
	const at = 8 + 25
	if len(chunks) == 0 || len(enc) < at {
		return enc
	}
	out := make([]byte, 0, len(enc)+64)
	out = append(out, enc[:at]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, enc[at:]...)
}

// pngChunk builds a chunk with its CRC (for tests).
func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}

// exifInfo is what the package reads from EXIF.
type exifInfo struct {
	orientation int
	gps         bool
}

// parseExif reads the orientation and whether a GPS position is recorded
// from TIFF-structured EXIF data. Anything malformed yields what was read
// so far.
func parseExif(t []byte) exifInfo {
	var ex exifInfo
	if len(t) < 8 {
		return ex
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return ex
	}
	if bo.Uint16(t[2:]) != 42 {
		return ex
	}
	// entries calls fn for each 12-byte entry of the IFD at off.
	entries := func(off uint32, fn func(tag, typ uint16, val []byte)) {
		if uint64(off)+2 > uint64(len(t)) {
			return
		}
		n := int(bo.Uint16(t[off:]))
		for k := 0; k < n; k++ {
			e := uint64(off) + 2 + uint64(k)*12
			if e+12 > uint64(len(t)) {
				return
			}
			fn(bo.Uint16(t[e:]), bo.Uint16(t[e+2:]), t[e+8:e+12])
		}
	}
	var gpsIFD uint32
	entries(bo.Uint32(t[4:]), func(tag, typ uint16, val []byte) {
		switch tag {
		case 0x0112: // Orientation, SHORT
			if typ == 3 {
				ex.orientation = int(bo.Uint16(val))
			}
		case 0x8825: // GPS IFD pointer, LONG
			gpsIFD = bo.Uint32(val)
		}
	})
	if gpsIFD != 0 {
		entries(gpsIFD, func(tag, _ uint16, _ []byte) {
			// GPSLatitude, GPSLongitude (a GPS IFD holding only the
			// version is what phones write with location off).
			if tag == 0x0002 || tag == 0x0004 {
				ex.gps = true
			}
		})
	}
	return ex
}

// rgbProfile reports whether the first ICC segment (raw, with marker and
// length) holds a profile for RGB data: the colour space field at byte 16
// of the profile header.
func rgbProfile(seg []byte) bool {
	const at = 4 + 14 + 16 // marker+length, "ICC_PROFILE\0"+seq+count, header offset
	return len(seg) >= at+4 && string(seg[at:at+4]) == "RGB "
}

// isRGBPNG reports whether a PNG stores colour (not grey) pixels, from
// the colour type in its IHDR.
func isRGBPNG(b []byte) bool {
	if len(b) < 8+8+13 || string(b[12:16]) != "IHDR" {
		return false
	}
	switch b[8+8+9] {
	case 2, 3, 6: // truecolour, palette, truecolour with alpha
		return true
	}
	return false
}
