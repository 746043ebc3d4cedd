package cli

import (
	"fmt"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
)

// buildGradePages is how many pages' reading-grade warnings (and, apart,
// how many Spanish pages' perspicuity warnings) a build prints in full. A few name the sentences to rewrite; hundreds (a site
// imported from elsewhere) would bury every other message, so the rest
// become one line pointing to generator check, which lists them all.
const buildGradePages = 5

// reportBuild prints a build's diagnostics and the closing count (which
// counts every diagnostic, shown or not) to stderr. A kind of message found
// in more than diag.GroupFiles files is shown by a few examples and a count
// (see diag.FormatGrouped).
func (env *Env) reportBuild(ds diag.List) {
	if len(ds) == 0 {
		return
	}
	shown, more := trimGrade(ds, build.CodeGrade, buildGradePages)
	shown, fewer := trimGrade(shown, build.CodePerspicuity, buildGradePages)
	diag.FormatGrouped(env.Stderr, shown, diag.Options{Color: env.color(env.Stderr)})
	if more > 0 {
		fmt.Fprintf(env.Stderr, "… and %s above the reading-grade target: run generator check --format json to see them all\n", plural(more, "more page"))
	}
	if fewer > 0 {
		fmt.Fprintf(env.Stderr, "… and %s below the perspicuity target: run generator check --format json to see them all\n", plural(fewer, "more page"))
	}
	fmt.Fprintln(env.Stderr, diag.Summary(ds))
}

// trimGrade returns ds without the reading warnings of the given code
// (build.CodeGrade, build.CodePerspicuity) after the first n, and how many
// it left out.
func trimGrade(ds diag.List, code string, n int) (diag.List, int) {
	var out diag.List
	seen, more := 0, 0
	for _, d := range ds {
		if d.Code == code {
			seen++
			if seen > n {
				more++
				continue
			}
		}
		out = append(out, d)
	}
	return out, more
}
