package locate

import "clinicgen/generator/internal/diag"

// Quote fills in the source line of diagnostics that name a line of a
// Markdown file but could not quote it (the taxonomy stage sees terms, not
// files), so every message with a line shows it with a caret. parsed says
// which files to quote (the Markdown files parsed); read reads one again
// (see Quoter): such messages are few.
func Quote(ds diag.List, parsed func(path string) bool, read func(name string) []byte) {
	line := Quoter(read)
	for i := range ds {
		d := &ds[i]
		if d.Line <= 0 || d.Source != "" {
			continue
		}
		if parsed(d.Path) {
			d.Source = line(d.Path, d.Line)
		}
	}
}
