package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"clinicgen/generator/internal/wordpress"
	"clinicgen/generator/internal/wpimport"
)

// runImport is `generator import wordpress EXPORT.xml`.
func runImport(env *Env, args []string) int {
	const usage = `import wordpress EXPORT.xml [--uploads DIR] [--source DIR] [--force] [--dry-run] [--keep-remote-images] [--format text|json]

Moves a WordPress site in. EXPORT.xml is what WordPress's Tools → Export →
All content saves. Posts become content/articles/<slug>.md, pages
content/<parent>/<slug>.md, each with its old URL as an alias; authors are
added to config.yaml's people and old category and tag archives to its
redirects. Private, password-protected and trashed posts are never
imported. Nothing is written outside content/ and config.yaml, and no
existing file is replaced without --force. See docs/migrating.md.`
	fs := env.flagSet("import")
	source := fs.String("source", ".", "site root holding config.yaml and content/")
	uploads := fs.String("uploads", "", "a copy of the old site's wp-content/uploads folder: images used by the posts are copied from it")
	force := fs.Bool("force", false, "replace files that already exist (by default the import stops and writes nothing)")
	dry := fs.Bool("dry-run", false, "write nothing; print what would be written and the report")
	keep := fs.Bool("keep-remote-images", false, "keep images missing from --uploads as links to the old site (by default they are left out)")
	format := fs.String("format", "text", "report format: text or json")
	pos, code := env.parseInterspersed(fs, usage, args)
	if code >= 0 {
		return code
	}
	if len(pos) == 0 || pos[0] != "wordpress" {
		fmt.Fprintf(env.Stderr, "generator import: say what to import from: generator import wordpress EXPORT.xml\n\n")
		env.printFlags(env.Stderr, fs, usage)
		return ExitUsage
	}
	if len(pos) != 2 {
		fmt.Fprintf(env.Stderr, "generator import wordpress: give one export file, e.g. generator import wordpress clinic.WordPress.2026-11-25.xml\n")
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(env.Stderr, "generator import: --format %q: use text or json\n", *format)
		return ExitUsage
	}
	res := wpimport.Import(*source, pos[1], wpimport.Options{Uploads: *uploads, Force: *force, DryRun: *dry, KeepRemoteImages: *keep})
	env.report(res.Diags)
	if res.Diags.HasErrors() {
		if res.Report != nil && len(res.Files) > 0 {
			fmt.Fprintf(env.Stderr, "the import stopped after writing %s; fix the problem and run it again with --force\n", plural(len(res.Files), "file"))
		} else {
			fmt.Fprintln(env.Stderr, "nothing was imported")
		}
		return ExitContent
	}
	if *format == "json" {
		return env.importJSON(res, *dry)
	}
	printImport(env.Stdout, res, *dry)
	return ExitOK
}

func (env *Env) importJSON(res *wpimport.Result, dry bool) int {
	out := struct {
		*wordpress.Report
		DryRun         bool     `json:"dryRun"`
		Files          []string `json:"files"`
		Replaced       []string `json:"replaced"`
		PeopleAdded    []string `json:"peopleAdded"`
		PeopleExisting []string `json:"peopleExisting"`
		RedirectsAdded int      `json:"redirectsAdded"`
	}{res.Report, dry, res.Files, res.Replaced, res.PeopleAdded, res.PeopleExisting, res.RedirectsAdded}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(env.Stderr, "generator import: %v\n", err)
		return ExitContent
	}
	return ExitOK
}

// printImport writes the text report.
func printImport(w io.Writer, res *wpimport.Result, dry bool) {
	r := res.Report
	verb := "Imported"
	if dry {
		verb = "Dry run, nothing written: would import"
	}
	images := 0
	for _, f := range res.Files {
		if !strings.HasSuffix(f, ".md") {
			images++
		}
	}
	fmt.Fprintf(w, "%s %s and %s (%s copied from --uploads, %s).\n", verb, plural(r.Posts, "post"), plural(r.Pages, "page"), plural(images, "file"), aliases(r.Aliases))
	if dry {
		for _, f := range res.Files {
			fmt.Fprintf(w, "  would write %s\n", f)
		}
	}
	for _, f := range res.Replaced {
		fmt.Fprintf(w, "  replaced %s (--force)\n", f)
	}
	if len(res.PeopleAdded) > 0 {
		added := "People added to config.yaml"
		if dry {
			added = "People to add to config.yaml"
		}
		fmt.Fprintf(w, "%s: %s (add their credentials, role and bio there)\n", added, strings.Join(res.PeopleAdded, ", "))
	}
	if len(res.PeopleExisting) > 0 {
		fmt.Fprintf(w, "People already in config.yaml, left as they are: %s (check that they are the same people)\n", strings.Join(res.PeopleExisting, ", "))
	}
	if res.RedirectsAdded > 0 {
		added := "Redirects added to config.yaml"
		if dry {
			added = "Redirects to add to config.yaml"
		}
		fmt.Fprintf(w, "%s: %s from old addresses no page can hold (category and tag archives)\n", added, plural(res.RedirectsAdded, "redirect"))
	}
	section := func(title string, ps []wordpress.Problem) {
		if len(ps) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(ps))
		for _, p := range ps {
			where := p.Item.String()
			if p.Path != "" {
				where = p.Path + ": " + where
			}
			fmt.Fprintf(w, "  %s: %s\n", where, p.Text)
		}
	}
	section("Images needing alt text: the build stops on each until you write it", r.NeedAlt)
	section("Images missing", r.MissingImages)
	section("Shortcodes left as text", r.Shortcodes)
	section("Not imported", r.Skipped)
	section("Warnings", r.Warnings)
	if r.Comments > 0 {
		fmt.Fprintf(w, "\n%s not carried over (a static site has no comments).\n", plural(r.Comments, "comment"))
	}
	fmt.Fprintln(w, "\nnext: run `generator check`")
}

func aliases(n int) string {
	if n == 1 {
		return "1 alias"
	}
	return fmt.Sprintf("%d aliases", n)
}
