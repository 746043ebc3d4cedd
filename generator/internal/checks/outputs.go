package checks

import (
	"fmt"

	"clinicgen/generator/internal/diag"
)

// TwoSources is the error for a file of content/ that would be published
// at out, where a file of assets/ is published too (content/favicon.svg
// and assets/favicon.svg): one would silently replace the other.
func TwoSources(contentPath, out string) diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Path: contentPath, Code: "output-two-sources",
		Msg: fmt.Sprintf("both this file and assets/%s would be published as /%s", out, out),
		Fix: "keep one of the two: remove this file, or the one in assets/"}
}
