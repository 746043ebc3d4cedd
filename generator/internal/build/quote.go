package build

import "clinicgen/generator/internal/diag"

// quote fills in the source line of diagnostics that name a line of a
// Markdown file but could not quote it (the taxonomy stage sees terms, not
// files), so every message with a line shows it with a caret.
func (p *Project) quote(ds diag.List) {
	for i := range ds {
		d := &ds[i]
		if d.Line <= 0 || d.Source != "" {
			continue
		}
		if src, ok := p.sources[d.Path]; ok {
			d.Source = diag.LineOf(src, d.Line)
		}
	}
}
