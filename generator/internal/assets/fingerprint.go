package assets

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"clinicgen/generator/internal/diag"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// Asset is one file of the built site that came from the assets directory.
type Asset struct {
	// Name is the logical, slash-separated name templates use, e.g. "css/main.css".
	Name string
	// Path is where the file goes in the output, e.g. "css/main.3f2a9c1b07.css";
	// for a plain copy it equals Name.
	Path string
	// URL is the root-relative URL of Path, e.g. "/css/main.3f2a9c1b07.css".
	URL string
	// Integrity is the Subresource Integrity value "sha384-<base64>" of Data;
	// empty for plain copies.
	Integrity string
	// Data is the bytes to publish (minified for fingerprinted assets). It is
	// final: publish it without another transform, or Integrity and the name
	// may no longer match the bytes and the browser will refuse the file.
	Data []byte
}

// hashLen is how many hex characters of the SHA-256 go into a file name:
// 40 bits, enough that two versions of one file never collide in practice.
const hashLen = 10

// Fingerprint minifies data by the media type of name (CSS, JavaScript, SVG
// and JSON; other types are used as they are; a nil m minifies nothing) and
// returns an Asset whose Path carries the first 10 hex characters of the
// SHA-256 of the result before the extension ("css/main.css" →
// "css/main.3f2a9c1b07.css"), and whose Integrity is the SRI SHA-384 of the
// result. The same bytes always give the same Path.
//
// An error is a diag.Diagnostic whose Path is name.
func Fingerprint(name string, data []byte, m *Minifier) (Asset, error) {
	if err := checkName(name); err != nil {
		return Asset{}, err
	}
	out := data
	switch mt := MediaType(name); mt {
	case "text/css", "application/javascript", "image/svg+xml", "application/json":
		var err error
		if mt == "text/css" {
			err = checkCSS(data)
		}
		if err == nil {
			out, err = m.Minify(mt, data)
		}
		if err != nil {
			return Asset{}, syntaxDiag(name, data, err)
		}
	}
	sum := sha256.Sum256(out)
	ext := path.Ext(name)
	p := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:hashLen] + ext
	return Asset{
		Name:      name,
		Path:      p,
		URL:       "/" + p,
		Integrity: Integrity(out),
		Data:      out,
	}, nil
}

// Integrity returns the Subresource Integrity value for data: "sha384-"
// followed by the standard base64 of its SHA-384.
func Integrity(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Manifest maps an asset's logical name ("css/main.css") to the fingerprinted
// Asset; templates look assets up by logical name.
type Manifest map[string]Asset

// Build fingerprints every file in files (logical name → bytes) whose
// extension is .css or .js and returns them in a Manifest (a fingerprinted
// Path keeps its extension, so it can never equal a copy's Path); every other file
// (images, fonts, .txt, .svg) comes back as a plain copy with Path == Name,
// sorted by Name. Files are neither changed nor retained beyond the returned
// values.
//
// All problems are reported, not just the first: the error is a
// diag.ErrList of diagnostics whose Path is the logical name (for example a
// CSS syntax error at its line and column).
func Build(files map[string][]byte, m *Minifier) (Manifest, []Asset, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)

	var problems diag.List
	manifest := Manifest{}
	var copies []Asset
	for _, name := range names {
		data := files[name]
		switch strings.ToLower(path.Ext(name)) {
		case ".css", ".js":
			a, err := Fingerprint(name, data, m)
			if err != nil {
				problems = append(problems, asDiag(name, err))
				continue
			}
			manifest[name] = a
		default:
			if err := checkName(name); err != nil {
				problems = append(problems, asDiag(name, err))
				continue
			}
			copies = append(copies, Asset{Name: name, Path: name, URL: "/" + name, Data: data})
		}
	}
	if err := problems.Err(); err != nil {
		return nil, nil, err
	}
	return manifest, copies, nil
}

// checkName accepts a clean, relative, slash-separated file name.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) {
		return diag.Errorf(name, nil, 0, 0,
			`use a relative slash-separated name such as "css/main.css", without "..", "." or empty parts`,
			"asset name %q is not a clean relative path", name)
	}
	return nil
}

// checkCSS reports the first CSS syntax error (a declaration without a colon,
// a stray closing brace). The CSS minifier recovers from these silently by
// dropping or copying the broken part, which would hide an editor's mistake.
// Constructs the parser accepts, including nesting, @layer and @container,
// pass; an unclosed block at the end of the file is closed as browsers do.
func checkCSS(src []byte) error {
	p := css.NewParser(parse.NewInputBytes(src), false)
	for {
		gt, _, _ := p.Next()
		if gt != css.ErrorGrammar {
			continue
		}
		if !p.HasParseError() {
			return nil // end of input
		}
		var perr *parse.Error
		if errors.As(p.Err(), &perr) {
			return &SyntaxError{MediaType: "text/css", Line: perr.Line, Col: perr.Column, Msg: perr.Message}
		}
		return &SyntaxError{MediaType: "text/css", Msg: p.Err().Error()}
	}
}

// syntaxDiag turns a minifier error for the file name into a diagnostic at
// the reported line and column, quoting that line of src.
func syntaxDiag(name string, src []byte, err error) diag.Diagnostic {
	var se *SyntaxError
	if errors.As(err, &se) {
		lang := "syntax"
		switch se.MediaType {
		case "text/css":
			lang = "CSS syntax"
		case "application/javascript":
			lang = "JavaScript syntax"
		case "image/svg+xml":
			lang = "SVG syntax"
		case "application/json":
			lang = "JSON syntax"
		}
		d := diag.Errorf(name, src, se.Line, se.Col,
			"correct the file at this position; assets are minified, so they must parse",
			"%s error: %s", lang, se.Msg)
		d.Code = "asset-syntax"
		return d
	}
	d := diag.Errorf(name, nil, 0, 0, "check that the file is valid", "cannot minify: %v", err)
	d.Code = "asset-syntax"
	return d
}

// asDiag returns err as a diagnostic about name.
func asDiag(name string, err error) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return diag.Errorf(name, nil, 0, 0, "", "%v", err)
}
