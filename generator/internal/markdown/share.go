package markdown

import (
	"strings"

	"clinicgen/generator/internal/diag"
)

// shareImage resolves front matter `image` the way a body image is
// resolved, so the share image of a page has the same URL and size as
// when it is shown in the body, and a missing file is an Error at the
// image line. An absolute http(s) URL is kept as written: search engines
// and social sites fetch it, readers' browsers do not.
func (st *state) shareImage(fm FrontMatter) *Image {
	src := fm.Image
	if src == "" {
		return nil
	}
	line := fm.Lines["image"]
	im := &Image{Src: src, Alt: fm.ImageAlt, Line: line}
	switch s := strings.ToLower(scheme(src)); {
	case s == "http" || s == "https":
		im.URL = src
		return im
	case s != "" || strings.HasPrefix(src, "//"):
		st.add(diag.Error, "image-external", line, 0,
			"save it in content/ next to the article or in assets/images/, or give an https:// address",
			"image %q is not a file of the site", src)
		return im
	}
	resolve := st.p.opts.ResolveImage
	if rs := st.p.opts.ResolveShare; rs != nil {
		resolve = func(from, src string) (Picture, bool) { return rs(from, src, fm.ImageFocus) }
	}
	if resolve == nil {
		im.URL = src
		return im
	}
	pic, ok := resolve(st.path, src)
	if !ok {
		st.add(diag.Error, "image-missing", line, 0,
			"check the file name; keep images in content/ next to the article or in assets/images/",
			"image %q not found", src)
		return im
	}
	if pic.Problem != "" {
		st.add(diag.Error, "image-broken", line, 0, pic.Fix, "image %q cannot be published: %s", src, pic.Problem)
		return im
	}
	im.URL, im.Width, im.Height = pic.URL, pic.Width, pic.Height
	return im
}
