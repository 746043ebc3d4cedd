// Package assets turns the site's static files into what the browser gets:
// it minifies text by media type, fingerprints CSS and JavaScript for
// long-lived caching with Subresource Integrity, and reads image dimensions
// so pages can reserve space for pictures.
//
// Contract:
//   - It is the only package that imports github.com/tdewolff/minify. Every
//     other package sees a plain function: Minifier.Minify(mediaType, bytes).
//   - It does no I/O: callers hand in bytes and get bytes and values back.
//   - One Minifier is built once per build and is safe for concurrent use.
//   - HTML is minified conservatively so the output still validates in the
//     Nu Html Checker and stays easy to read and to scrape: document tags
//     (html, head, body) and all end tags are kept; embedded
//     <script type="application/ld+json"> is minified as JSON, and a broken
//     JSON-LD block is an error, never silently mangled.
//   - Errors from editors' files (a CSS or JavaScript syntax error in an asset)
//     are diag.Diagnostic values whose Path is the asset's logical name
//     ("css/main.css"); the caller prefixes its assets directory.
//   - Nothing panics on bad input; broken data is an error.
package assets

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"sync"

	"clinicgen/generator/internal/diag"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/buffer"
)

// Minifier minifies HTML, CSS, JavaScript, JSON (including JSON-LD and web
// manifests), SVG and XML (including RSS, Atom and sitemaps). The zero value
// is not usable; call NewMinifier. It is safe for concurrent use.
type Minifier struct {
	m *minify.M
	// scratch holds *[]byte copies of inputs, which tdewolff's parsers
	// work in; the output never points into one, so it is reused.
	scratch sync.Pool
}

// NewMinifier returns a Minifier with every supported media type registered.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true, // <html lang>, <head>, <body> stay for the Nu checker and readers
		KeepEndTags:      true, // scrapers and the benchmark's related-posts scorer look for </h2>…</aside>
	})
	m.Add("text/css", &css.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), &js.Minifier{})
	// [/+]json$ covers application/json, application/ld+json (inside HTML) and
	// application/manifest+json.
	m.AddRegexp(regexp.MustCompile(`[/+]json$`), validJSON{})
	// [/+]xml$ covers application/xml, application/rss+xml, application/atom+xml;
	// image/svg+xml is matched literally above first.
	m.AddRegexp(regexp.MustCompile(`[/+]xml$`), &xml.Minifier{})
	return &Minifier{m: m}
}

// Minify returns b minified as mediaType (for example "text/html" or
// "text/css; charset=utf-8"). A media type with no minifier, such as
// "text/plain", returns b unchanged and no error. On error the input is not
// returned; the error carries the line and column the minifier reports.
// b is never modified (tdewolff's parsers work in place, so Minify hands
// them a copy, in a buffer it reuses).
func (m *Minifier) Minify(mediaType string, b []byte) ([]byte, error) {
	return m.AppendMinify(nil, mediaType, b)
}

// AppendMinify is Minify writing the minified bytes into dst's storage
// (from dst[:0], growing it as needed), so a caller that writes many
// outputs one after another can reuse one buffer. When b is returned
// unchanged (no minifier for mediaType), dst is not used.
func (m *Minifier) AppendMinify(dst []byte, mediaType string, b []byte) ([]byte, error) {
	if m == nil || m.m == nil {
		return b, nil
	}
	if _, _, f := m.m.Match(mediaType); f == nil {
		return b, nil
	}
	if isJSON(mediaType) {
		if se := checkJSON(mediaType, b); se != nil {
			return nil, se
		}
	}
	if markup(mediaType) && entityCost(b) > maxEntityCost {
		return b, nil // see entityCost
	}
	in, _ := m.scratch.Get().(*[]byte)
	if in == nil {
		in = new([]byte)
	}
	// One spare byte: the parser ends its input with a NUL, and appending
	// it to a full slice would copy the page again.
	*in = append(append((*in)[:0], b...), 0)[:len(b)]
	if cap(dst) < len(b) {
		dst = make([]byte, 0, len(b)) // minified output is rarely longer
	}
	w := buffer.NewWriter(dst[:0])
	err := m.m.Minify(mediaType, w, buffer.NewReader(*in))
	out := w.Bytes()
	if cap(*in) <= 4<<20 { // a feed of every article is not worth keeping
		m.scratch.Put(in)
	}
	if err != nil {
		if errors.Is(err, minify.ErrNotExist) {
			return b, nil
		}
		var perr *parse.Error
		if errors.As(err, &perr) {
			return nil, &SyntaxError{MediaType: mediaType, Line: perr.Line, Col: perr.Column, Msg: perr.Message}
		}
		return nil, fmt.Errorf("minify %s: %w", mediaType, err)
	}
	return out, nil
}

// maxEntityCost bounds entityCost for an input that is minified: about a
// twentieth of a second of copying.
const maxEntityCost = 1 << 28

// entityCost estimates the bytes tdewolff/parse's entity replacement
// (ReplaceMultipleWhitespaceAndEntities and ReplaceEntities, v2.8.20)
// would copy in b: it shortens each entity it rewrites (&amp; before a
// space becomes &) in place, copying the rest of the text after it, so a
// text of n entities costs n times its length. 500,000 "&amp; " in one
// paragraph (3 MB) took minutes. For each stretch of text between two
// '<' it is the number of '&' times the stretch's length; entityCost is
// the largest. An input above maxEntityCost is published unminified,
// which costs a little size and nothing else.
func entityCost(b []byte) int {
	worst := 0
	for len(b) > 0 {
		end := bytes.IndexByte(b, '<')
		if end < 0 {
			end = len(b)
		}
		if n := bytes.Count(b[:end], []byte{'&'}); n > 0 {
			worst = max(worst, n*end)
		}
		if end == len(b) {
			break
		}
		b = b[end+1:]
	}
	return worst
}

// markup reports whether a media type is minified as HTML or XML, whose
// minifiers rewrite entities (see entityCost).
func markup(mediaType string) bool {
	mt, _, _ := strings.Cut(mediaType, ";")
	mt = strings.TrimSpace(mt)
	return mt == "text/html" || strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml")
}

// validJSON minifies JSON only after checking it is valid: tdewolff's JSON
// minifier is lenient and would turn a truncated JSON-LD block into other
// broken JSON without a word. Inside HTML the error is placed at the start
// of the block (its message gives the line and column within the block),
// because the HTML minifier shifts every line of an embedded error by the
// block's column.
type validJSON struct{}

// Minify implements minify.Minifier.
func (validJSON) Minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if se := checkJSON("", b); se != nil {
		return parse.NewError(bytes.NewReader(b), 0, "invalid JSON at line %d, column %d of the block: %s", se.Line, se.Col, se.Msg)
	}
	// b is this call's own copy: the JSON parser may use it in place.
	return (&json.Minifier{}).Minify(m, w, buffer.NewReader(b), params)
}

// checkJSON returns nil when b is valid JSON, else the position of the error.
func checkJSON(mediaType string, b []byte) *SyntaxError {
	if stdjson.Valid(b) {
		return nil
	}
	se := &SyntaxError{MediaType: mediaType, Line: 1, Col: 1, Msg: "invalid JSON"}
	var raw stdjson.RawMessage
	var jerr *stdjson.SyntaxError
	if err := stdjson.Unmarshal(b, &raw); errors.As(err, &jerr) {
		// Offset counts the bytes read, including the offending one.
		se.Line, se.Col = diag.LineCol(b, max(int(jerr.Offset)-1, 0))
		se.Msg = jerr.Error()
	}
	return se
}

// isJSON reports whether a media type is minified as JSON.
func isJSON(mediaType string) bool {
	mt, _, _ := strings.Cut(mediaType, ";")
	mt = strings.TrimSpace(mt)
	return strings.HasSuffix(mt, "/json") || strings.HasSuffix(mt, "+json")
}

// SyntaxError is input the minifier could not parse. Line and Col are
// 1-based (Col counts runes), 0 when unknown.
type SyntaxError struct {
	MediaType string
	Line, Col int
	Msg       string
}

// Error returns "text/css: line 3, column 7: unexpected token".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s: line %d, column %d: %s", e.MediaType, e.Line, e.Col, e.Msg)
}

// MediaType returns the media type for a file name by its extension
// (case-insensitive), or "" when the extension is unknown. XML feeds and
// sitemaps are all "application/xml".
func MediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".json":
		return "application/json"
	case ".xml", ".rss", ".atom":
		return "application/xml"
	case ".svg":
		return "image/svg+xml"
	case ".webmanifest":
		return "application/manifest+json"
	case ".txt":
		return "text/plain"
	}
	return ""
}
