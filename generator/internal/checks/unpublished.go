package checks

import (
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/site"
)

// UnpublishedWarnings turns the errors found in pages the publishing rules
// leave out (drafts, scheduled and expired pages) into warnings: a
// half-written draft must not stop every publish of the site. The same
// problems are errors when the page is published — in `check --drafts`
// or `--future`, in `serve`, and once the page goes live.
func UnpublishedWarnings(ds diag.List, skipped []site.Skip) diag.List {
	if len(skipped) == 0 {
		return ds
	}
	why := make(map[string]string, len(skipped))
	for _, sk := range skipped {
		why[sk.Path] = sk.Reason
	}
	for i, d := range ds {
		reason, ok := why[d.Path]
		if !ok || d.Severity != diag.Error {
			continue
		}
		d.Severity = diag.Warning
		d.Msg += " (not an error yet: the page is " + unpublishedWord(reason) + " and not published)"
		ds[i] = d
	}
	return ds
}

func unpublishedWord(reason string) string {
	switch reason {
	case "draft":
		return "a draft"
	case "scheduled":
		return "scheduled"
	case "expired":
		return "expired"
	}
	return reason
}
