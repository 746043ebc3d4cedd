package assets

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
)

// maxDimension bounds a reported width or height; anything larger is
// treated as broken data rather than a picture.
const maxDimension = 1 << 20

// ImageSize returns the pixel width and height of the image in data, chosen
// by the extension of name: .png, .jpg/.jpeg, .gif (header only, via the
// standard decoders), .webp (the VP8, VP8L or VP8X header) and .svg.
//
// For SVG the root <svg> element's width and height are used when they are
// unitless or in px. A percentage, or a missing attribute, falls back to the
// viewBox: the viewBox size itself, or scaled to keep its aspect ratio when
// the other attribute is given. Any other unit ("10em", "5cm") is an error,
// because the pixel size would depend on the page.
//
// Broken or truncated data, an unknown extension, or a size that is not
// positive is an error naming the file.
func ImageSize(name string, data []byte) (w, h int, err error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".png":
		w, h, err = configSize(png.DecodeConfig(bytes.NewReader(data)))
	case ".jpg", ".jpeg":
		w, h, err = configSize(jpeg.DecodeConfig(bytes.NewReader(data)))
	case ".gif":
		w, h, err = configSize(gif.DecodeConfig(bytes.NewReader(data)))
	case ".webp":
		w, h, err = webpSize(data)
	case ".svg":
		w, h, err = svgSize(data)
	default:
		err = errors.New("not an image type whose size can be read (png, jpeg, gif, webp, svg)")
	}
	if err == nil && (w <= 0 || h <= 0 || w > maxDimension || h > maxDimension) {
		err = fmt.Errorf("implausible size %d×%d", w, h)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("image size of %s: %w", name, err)
	}
	return w, h, nil
}

// configSize adapts the result of an image.DecodeConfig-style function.
func configSize(c image.Config, err error) (int, int, error) {
	if err != nil {
		return 0, 0, err
	}
	return c.Width, c.Height, nil
}

// webpSize reads the first chunk of a RIFF WebP file.
// See https://developers.google.com/speed/webp/docs/riff_container.
func webpSize(b []byte) (int, int, error) {
	if len(b) < 20 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return 0, 0, errors.New("not a WebP file (no RIFF/WEBP header)")
	}
	fourcc := string(b[12:16])
	size := binary.LittleEndian.Uint32(b[16:20])
	payload := b[20:]
	if uint64(size) < uint64(len(payload)) {
		payload = payload[:size]
	}
	switch fourcc {
	case "VP8 ": // lossy: 3-byte frame tag, start code 9d 01 2a, 14-bit width and height
		if len(payload) < 10 {
			return 0, 0, errors.New("truncated VP8 header")
		}
		if payload[0]&1 != 0 {
			return 0, 0, errors.New("VP8 frame is not a key frame")
		}
		if payload[3] != 0x9d || payload[4] != 0x01 || payload[5] != 0x2a {
			return 0, 0, errors.New("bad VP8 start code")
		}
		w := int(binary.LittleEndian.Uint16(payload[6:8]) & 0x3fff)
		h := int(binary.LittleEndian.Uint16(payload[8:10]) & 0x3fff)
		return w, h, nil
	case "VP8L": // lossless: signature 0x2f, then 14-bit width-1 and height-1
		if len(payload) < 5 {
			return 0, 0, errors.New("truncated VP8L header")
		}
		if payload[0] != 0x2f {
			return 0, 0, errors.New("bad VP8L signature")
		}
		bits := binary.LittleEndian.Uint32(payload[1:5])
		return int(bits&0x3fff) + 1, int(bits>>14&0x3fff) + 1, nil
	case "VP8X": // extended: flags, 3 reserved bytes, 24-bit canvas width-1 and height-1
		if len(payload) < 10 {
			return 0, 0, errors.New("truncated VP8X header")
		}
		w := int(payload[4]) | int(payload[5])<<8 | int(payload[6])<<16
		h := int(payload[7]) | int(payload[8])<<8 | int(payload[9])<<16
		return w + 1, h + 1, nil
	}
	return 0, 0, fmt.Errorf("unknown WebP chunk %q", fourcc)
}

// svgSize reads width, height and viewBox from the first element, which must
// be <svg>.
func svgSize(b []byte) (int, int, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return 0, 0, errors.New("no <svg> element")
		}
		if err != nil {
			return 0, 0, fmt.Errorf("not well-formed XML: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, fmt.Errorf("root element is <%s>, not <svg>", se.Name.Local)
		}
		var width, height, viewBox string
		var haveVB bool
		for _, a := range se.Attr {
			if a.Name.Space != "" {
				continue
			}
			switch a.Name.Local {
			case "width":
				width = a.Value
			case "height":
				height = a.Value
			case "viewBox":
				viewBox, haveVB = a.Value, true
			}
		}
		return svgDimensions(width, height, viewBox, haveVB)
	}
}

// svgDimensions resolves the intrinsic pixel size of an <svg> element.
func svgDimensions(width, height, viewBox string, haveVB bool) (int, int, error) {
	w, wOK, err := svgLength("width", width)
	if err != nil {
		return 0, 0, err
	}
	h, hOK, err := svgLength("height", height)
	if err != nil {
		return 0, 0, err
	}
	if !wOK || !hOK {
		if !haveVB {
			return 0, 0, errors.New("no pixel width and height and no viewBox; add width and height attributes")
		}
		vw, vh, err := parseViewBox(viewBox)
		if err != nil {
			return 0, 0, err
		}
		switch {
		case !wOK && !hOK:
			w, h = vw, vh
		case !wOK:
			w = h * vw / vh
		default:
			h = w * vh / vw
		}
	}
	return round(w), round(h), nil
}

// svgLength parses a width or height attribute. ok is false when the value is
// absent or a percentage (no intrinsic size); other units are an error.
func svgLength(attr, v string) (n float64, ok bool, err error) {
	v = strings.TrimSpace(v)
	if v == "" || strings.HasSuffix(v, "%") {
		return 0, false, nil
	}
	num := strings.TrimSuffix(v, "px")
	f, perr := strconv.ParseFloat(num, 64)
	if perr != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, fmt.Errorf("%s %q is not a number of pixels; use a unitless or px value", attr, v)
	}
	if f <= 0 {
		return 0, false, fmt.Errorf("%s %q is not positive", attr, v)
	}
	return f, true, nil
}

// parseViewBox returns the width and height of "min-x min-y width height"
// (separated by whitespace and/or commas).
func parseViewBox(v string) (float64, float64, error) {
	f := strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
	if len(f) != 4 {
		return 0, 0, fmt.Errorf("viewBox %q does not have four numbers", v)
	}
	var n [4]float64
	for i, s := range f {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, 0, fmt.Errorf("viewBox %q has a bad number %q", v, s)
		}
		n[i] = x
	}
	if n[2] <= 0 || n[3] <= 0 {
		return 0, 0, fmt.Errorf("viewBox %q has no positive width and height", v)
	}
	return n[2], n[3], nil
}

// round converts a positive pixel length to an int, saturating so a huge
// value becomes an implausible size rather than overflowing.
func round(f float64) int {
	if f > maxDimension {
		return maxDimension + 1
	}
	return int(math.Round(f))
}
