// Package images prepares the photos a site publishes: it checks each
// JPEG and PNG before decoding it (declared size, byte size, what the
// bytes really are), strips what a camera or phone records in the file
// (EXIF with its GPS position, XMP, IPTC, comments, PNG text chunks)
// while keeping the colour profile, and makes resized copies for srcset,
// cached on disk by source content and settings.
//
// The package decodes one image at a time per caller: Processor.Process
// holds one decoded picture and its resized copies, never a whole site's.
package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"path"
	"strings"
)

// MaxBytes is the largest image file accepted: 30 MB.
const MaxBytes = 30 << 20

// DefaultMaxPixels is images.maxPixels when config.yaml leaves it out (40 MP).
const DefaultMaxPixels = 40_000_000

// Format is what an image file holds.
type Format string

const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
)

// FormatOf returns the format a file name promises by its extension, and
// false for files this package does not process (SVG, GIF, WebP…).
func FormatOf(name string) (Format, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg":
		return JPEG, true
	case ".png":
		return PNG, true
	}
	return "", false
}

// Info is what Inspect learns from an image without decoding its pixels.
type Info struct {
	Format Format
	// Width and Height are the size as shown, after the EXIF orientation
	// is applied (a portrait phone photo stored sideways is tall here).
	Width, Height int
	// Orientation is the EXIF orientation, 1..8 (1 when absent).
	Orientation int
	// GPS is true when the file records where it was taken (EXIF GPS
	// latitude or longitude).
	GPS bool
}

// Problem is an image that cannot be published, with what to do about it.
type Problem struct {
	Msg, Fix string
	// TooLarge is set for the size limits: the file itself is at fault
	// wherever it is used.
	TooLarge bool
}

func (p *Problem) Error() string { return p.Msg }

// Inspect checks data, the bytes of the file name, before any pixel is
// decoded: its byte size, that it holds what its extension says, and its
// declared pixel size against maxPixels (0 means DefaultMaxPixels). It
// never decodes the pixels, so a tiny file declaring 60000×60000 costs
// nothing. The error is a *Problem.
func Inspect(name string, data []byte, maxPixels int) (Info, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	base := path.Base(name)
	want, ok := FormatOf(name)
	if !ok {
		return Info{}, &Problem{Msg: fmt.Sprintf("%s is not a JPEG or PNG file", base), Fix: "use a .jpg or .png photo"}
	}
	if len(data) > MaxBytes {
		return Info{}, &Problem{TooLarge: true,
			Msg: fmt.Sprintf("%s is %.1f MB, over the 30 MB limit", base, float64(len(data))/(1<<20)),
			Fix: "resize it before adding it (2000 pixels wide is plenty for a web page)"}
	}
	got := sniff(data)
	if got != want {
		what := "a " + strings.ToUpper(string(got)) + " image"
		fix := "rename it to ." + map[Format]string{JPEG: "jpg", PNG: "png"}[got]
		if got == "" {
			what = describe(data)
			fix = "export the photo again as a real " + strings.ToUpper(string(want)) + " file"
		}
		return Info{}, &Problem{Msg: fmt.Sprintf("%s is named like a %s image but holds %s", base, strings.ToUpper(string(want)), what), Fix: fix}
	}
	var (
		cfg image.Config
		err error
		ex  exifInfo
	)
	switch got {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
		if err == nil {
			if seg, ok := jpegExif(data); ok {
				ex = parseExif(seg)
			}
		}
	case PNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
		if err == nil {
			if seg, ok := pngExif(data); ok {
				ex = parseExif(seg)
			}
		}
	}
	if err != nil {
		return Info{}, &Problem{Msg: fmt.Sprintf("%s is damaged or not a complete %s image: %v", base, strings.ToUpper(string(got)), err),
			Fix: "export or copy the photo again"}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, &Problem{Msg: fmt.Sprintf("%s declares an empty size %d×%d", base, cfg.Width, cfg.Height), Fix: "export or copy the photo again"}
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return Info{}, &Problem{TooLarge: true,
			Msg: fmt.Sprintf("%s is %d×%d pixels (%.1f MP), over images.maxPixels (%.1f MP)", base, cfg.Width, cfg.Height,
				float64(cfg.Width)*float64(cfg.Height)/1e6, float64(maxPixels)/1e6),
			Fix: "resize it before adding it (2000 pixels wide is plenty for a web page)"}
	}
	in := Info{Format: got, Width: cfg.Width, Height: cfg.Height, Orientation: 1, GPS: ex.gps}
	if got == JPEG && ex.orientation >= 2 && ex.orientation <= 8 {
		in.Orientation = ex.orientation
		if in.Orientation >= 5 {
			in.Width, in.Height = in.Height, in.Width
		}
	}
	return in, nil
}

// sniff returns the format the bytes hold, "" for neither JPEG nor PNG.
func sniff(b []byte) Format {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return JPEG
	case len(b) >= 8 && string(b[:8]) == pngMagic:
		return PNG
	}
	return ""
}

// describe names what non-image bytes look like, for a message.
func describe(b []byte) string {
	if len(b) == 0 {
		return "nothing (the file is empty)"
	}
	ct := http.DetectContentType(b)
	switch {
	case strings.HasPrefix(ct, "text/html"):
		return "an HTML page (perhaps a download page saved instead of the photo)"
	case strings.HasPrefix(ct, "text/"):
		return "text"
	case strings.HasPrefix(ct, "image/"):
		return "a " + strings.TrimPrefix(ct, "image/") + " image"
	}
	return "data that is not an image"
}

var errTruncated = errors.New("truncated file")
