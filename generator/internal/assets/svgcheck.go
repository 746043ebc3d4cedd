package assets

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// SVGProblem is something in an SVG file that could run script or load
// from another origin when the file is opened on the site's origin.
type SVGProblem struct {
	Line, Col int    // 1-based, of the element at fault
	Element   string // its name, "" for the file as a whole
	Msg       string
}

// CheckSVG lists what makes an SVG file unsafe to publish: a <script>,
// <foreignObject> (HTML inside the image) or <handler> element; an on…
// event handler attribute; a javascript: or vbscript: address in any
// attribute (an <a href>, an <animate values> or <set to> that rewrites
// one); an href or xlink:href to another origin or with any scheme (but
// a raster image embedded as a data: URL in an <image>); an
// @import, or a url() to another origin, in a style attribute, a
// presentation attribute or a <style> element; an entity declaration;
// and a file that is not well-formed XML, which cannot be checked.
//
// An SVG opened directly (by its URL) runs on the site's origin, and not
// every host sends the Content-Security-Policy with it: the build rejects
// such files rather than clean them, so what is published is what the
// editor saved.
func CheckSVG(data []byte) []SVGProblem {
	var out []SVGProblem
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.AutoClose = nil
	inStyle := 0
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				line, msg = se.Line, se.Msg
			}
			return append(out, SVGProblem{Line: line, Msg: "not well-formed XML, so it cannot be checked: " + msg})
		}
		add := func(el, format string, args ...any) {
			out = append(out, SVGProblem{Line: line, Col: col, Element: el, Msg: fmt.Sprintf(format, args...)})
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) {
				add("", "a <!DOCTYPE> that declares entities")
			}
		case xml.StartElement:
			name := t.Name.Local
			switch strings.ToLower(name) {
			case "script", "handler", "listener":
				add(name, "<%s> element runs script", name)
			case "foreignobject":
				add(name, "<%s> embeds HTML in the image", name)
			case "style":
				inStyle++
			}
			for _, a := range t.Attr {
				an := a.Name.Local
				if a.Name.Space != "" && a.Name.Space != "xmlns" {
					an = prefixOf(a.Name.Space) + ":" + an
				}
				switch low := strings.ToLower(a.Name.Local); {
				case strings.HasPrefix(low, "on"):
					add(name, "event handler %s on <%s> runs script", an, name)
					continue
				case runsScript(a.Value):
					add(name, "%s=%q on <%s> runs script", an, a.Value, name)
					continue
				case low == "href" && a.Name.Space != "xmlns":
					if v := strings.TrimSpace(a.Value); (hasScheme(v) || strings.HasPrefix(v, "//")) && !rasterData(name, v) {
						add(name, "%s=%q on <%s> refers to another origin; only #ids and files of this site may be referred to", an, a.Value, name)
						continue
					}
				}
				if p := cssProblem(a.Value); p != "" {
					add(name, "%s on <%s> %s", an, name, p)
				}
			}
		case xml.EndElement:
			if strings.EqualFold(t.Name.Local, "style") && inStyle > 0 {
				inStyle--
			}
		case xml.CharData:
			if inStyle > 0 {
				if p := cssProblem(string(t)); p != "" {
					add("style", "<style> %s", p)
				}
			}
		}
	}
}

// prefixOf is the usual prefix of an attribute namespace, for messages.
func prefixOf(space string) string {
	switch space {
	case "http://www.w3.org/1999/xlink":
		return "xlink"
	case "http://www.w3.org/XML/1998/namespace":
		return "xml"
	}
	return space
}

// runsScript reports whether v holds a javascript: or vbscript: address,
// as a browser reads one: case and ASCII whitespace aside, anywhere in the
// value (an <animate values> list holds several).
func runsScript(v string) bool {
	if !strings.Contains(strings.ToLower(v), "script") {
		return false
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c <= ' ' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	s := b.String()
	return strings.Contains(s, "javascript:") || strings.Contains(s, "vbscript:")
}

// rasterData reports whether v, the href of element el, is a PNG, JPEG,
// GIF, WebP or AVIF image embedded in an <image> (as drawing programs
// save them): a raster image runs nothing and loads nothing.
func rasterData(el, v string) bool {
	if el != "image" {
		return false
	}
	low := strings.ToLower(v)
	for _, t := range []string{"png", "jpeg", "jpg", "gif", "webp", "avif"} {
		if strings.HasPrefix(low, "data:image/"+t+";") || strings.HasPrefix(low, "data:image/"+t+",") {
			return true
		}
	}
	return false
}

// hasScheme reports whether v starts with a URL scheme and ':'.
func hasScheme(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// cssProblem returns what is wrong with CSS text (a style attribute, a
// <style> element, or a presentation attribute such as fill="url(#g)"):
// an @import, or a url() with a scheme or to another host; else "".
func cssProblem(css string) string {
	low := strings.ToLower(css)
	if strings.Contains(low, "@import") {
		return "imports a stylesheet (@import)"
	}
	for rest := low; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return ""
		}
		rest = rest[i+len("url("):]
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			end = len(rest)
		}
		u := strings.Trim(strings.TrimSpace(rest[:end]), `"'`)
		u = strings.TrimSpace(u)
		if hasScheme(u) || strings.HasPrefix(u, "//") {
			return fmt.Sprintf("loads url(%s) from another origin", u)
		}
		rest = rest[end:]
	}
}
