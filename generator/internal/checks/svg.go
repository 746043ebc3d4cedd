// Package checks holds the editorial and safety checks the orchestrator
// (package build) and the dev server (package incremental) run over a
// site's files and model. Each check takes plain values and returns
// diagnostics; none reads or writes files.
package checks

import (
	"path"
	"strings"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/source"
)

// SVG checks every SVG file content/ and assets/ publish (see
// assets.CheckSVG): one that could run script or load from another origin
// is an error at its element's line. The build rejects such a file; it
// does not clean it.
func SVG(src *source.Site) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, fs := range [][]source.File{src.Content, src.Assets} {
		for _, f := range fs {
			ds = append(ds, SVGFile(f.Path, f.Data)...)
		}
	}
	return ds
}

// SVGFile checks one file of the site, if it is an SVG.
func SVGFile(p string, data []byte) []diag.Diagnostic {
	if !strings.EqualFold(path.Ext(p), ".svg") {
		return nil
	}
	var ds []diag.Diagnostic
	for _, pr := range assets.CheckSVG(data) {
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Path: p, Line: pr.Line, Col: pr.Col, Code: "svg-unsafe",
			Msg: "SVG: " + pr.Msg,
			Fix: "remove it from the file (or export the image again as plain SVG); an SVG opened by its address runs on the site's origin, so the build refuses it rather than clean it"})
	}
	return ds
}
