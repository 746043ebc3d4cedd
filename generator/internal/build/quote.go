package build

import "clinicgen/generator/internal/diag"

// quote fills in the source line of diagnostics that name a line of a
// Markdown file but could not quote it (the taxonomy stage sees terms, not
// files), so every message with a line shows it with a caret.
// The Markdown file is read again for it (see sources.go): such messages
// are few.
func (p *Project) quote(ds diag.List) {
	line := p.lineQuoter()
	for i := range ds {
		d := &ds[i]
		if d.Line <= 0 || d.Source != "" {
			continue
		}
		if _, ok := p.Docs[d.Path]; ok && p.facts != nil {
			d.Source = line(d.Path, d.Line)
		}
	}
}
