package cli

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/scaffold"
)

// runNew is `generator new article|service|page "Title"`: it writes a
// draft with complete front matter and prints its path.
func runNew(env *Env, args []string) int {
	const usage = `new article|service|page "Title" [--source DIR]

Writes content/articles/<slug>.md (service: content/services/<slug>.md,
page: content/<slug>.md) as a draft dated today, with every front matter
key to fill in, and prints its path. It never replaces an existing file.`
	fs := env.flagSet("new")
	source := fs.String("source", ".", "site root holding config.yaml and content/")
	pos, code := env.parseInterspersed(fs, usage, args)
	if code >= 0 {
		return code
	}
	if len(pos) < 2 {
		fmt.Fprintf(env.Stderr, "generator new: say what to make and its title, e.g. generator new article \"Flu shots for adults\"\n\n")
		env.printFlags(env.Stderr, fs, usage)
		return ExitUsage
	}
	kind := scaffold.Kind(pos[0])
	known := false
	for _, k := range scaffold.Kinds() {
		known = known || k == kind
	}
	if !known {
		fmt.Fprintf(env.Stderr, "generator new: %q is not a kind of page; use article, service or page\n", pos[0])
		return ExitUsage
	}
	title := strings.Join(pos[1:], " ")
	rel, ds, err := build.NewContent(*source, kind, title, env.Now())
	if errors.Is(err, build.ErrNewUsage) {
		msg := err.Error()
		msg = strings.TrimPrefix(msg, build.ErrNewUsage.Error()+"\n")
		fmt.Fprintf(env.Stderr, "generator new: %s\n", msg)
		return ExitUsage
	}
	if len(ds) > 0 {
		env.report(ds)
		if ds.HasErrors() {
			return ExitContent
		}
	}
	fmt.Fprintln(env.Stdout, filepath.Join(*source, filepath.FromSlash(rel)))
	return ExitOK
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments (generator new article "Title" --source site),
// and returns the positional ones. Like parse, the code is -1 to go on.
func (env *Env) parseInterspersed(fs *flag.FlagSet, usage string, args []string) ([]string, int) {
	var pos []string
	for {
		if code := env.parse(fs, usage, args); code >= 0 {
			return nil, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, -1
		}
		if used := args[:len(args)-len(rest)]; len(used) > 0 && used[len(used)-1] == "--" {
			return append(pos, rest...), -1 // after "--" everything is an argument
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
