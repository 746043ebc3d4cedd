// Package cli is the command line: subcommands and flags only. Each command
// parses its flags, calls the stage packages through build (or server), and
// turns diagnostics into text. Exit codes: 0 success (warnings allowed),
// 1 content errors, 2 usage errors.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/site"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	// Getenv reads the environment (NO_COLOR, CI).
	Getenv func(string) string
	// Now is the current time (tests fix it).
	Now func() time.Time
	// IsTerminal reports whether a writer is a terminal (colour, progress);
	// nil asks the operating system.
	IsTerminal func(io.Writer) bool
	// Command is how the editor ran the generator ("go run ./generator",
	// "./generator"; see CommandName); messages that say what to run next
	// name it so. Empty means "generator".
	Command string
}

type command struct {
	name, summary string
	run           func(env *Env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", runBuild},
		{"check", "check every page without building: errors, warnings, reading grade", runCheck},
		{"import", "move a WordPress site in: generator import wordpress EXPORT.xml", runImport},
		{"new", "start a new article, service or page: generator new article \"Title\"", runNew},
		{"related", "explain the related articles and services of one article", runRelated},
		{"serve", "preview the site with live reload", runServe},
	}
}

// Main runs the generator with args (without the program name) and returns
// the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, Now: time.Now, Command: CommandName(os.Args[0])}
	stderr = env.named(stderr)
	if v := os.Getenv("GENERATOR_NOW"); v != "" {
		// Pin "now" (for reproducible previews and tests): RFC 3339.
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			fmt.Fprintf(stderr, "generator: GENERATOR_NOW=%q is not an RFC 3339 time such as 2026-11-25T12:00:00Z\n", v)
			return ExitUsage
		}
		env.Now = func() time.Time { return t }
	}
	return env.Run(args)
}

// Run dispatches to a subcommand.
func (env *Env) Run(args []string) int {
	env.Stdout, env.Stderr = env.named(env.Stdout), env.named(env.Stderr)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := env.Stdout
		code := ExitOK
		if len(args) == 0 {
			w, code = env.Stderr, ExitUsage
		}
		env.usage(w)
		return code
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "generator: unknown command %q\n\n", args[0])
	env.usage(env.Stderr)
	return ExitUsage
}

func (env *Env) usage(w io.Writer) {
	fmt.Fprintln(w, "generator builds the clinic's static website from content/, layouts/, assets/ and config.yaml.")
	fmt.Fprintln(w, "\nUsage: generator <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'generator <command> --help' for a command's flags.")
}

// flagSet returns a FlagSet that prints its usage to env.Stdout for --help
// and to env.Stderr on mistakes.
func (env *Env) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags; it returns -1 to go on, else the exit code.
func (env *Env) parse(fs *flag.FlagSet, usage string, args []string) int {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		env.printFlags(env.Stdout, fs, usage)
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "generator %s: %v\n\n", fs.Name(), err)
		env.printFlags(env.Stderr, fs, usage)
		return ExitUsage
	}
	return -1
}

func (env *Env) printFlags(w io.Writer, fs *flag.FlagSet, usage string) {
	fmt.Fprintf(w, "Usage: generator %s\n\n", usage)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// report prints diagnostics and the closing count to stderr.
func (env *Env) report(ds diag.List) {
	if len(ds) == 0 {
		return
	}
	diag.Format(env.Stderr, ds, diag.Options{Color: env.color(env.Stderr)})
	fmt.Fprintln(env.Stderr, diag.Summary(ds))
}

type buildFlags struct {
	source, dest, baseURL   string
	drafts, future, expired bool
	quiet, noCompress       bool
	production, allowPH     bool
}

func (b *buildFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&b.source, "source", ".", "site root holding config.yaml, content/, layouts/ and assets/")
	fs.StringVar(&b.baseURL, "base-url", "", "override config.yaml's baseURL, e.g. https://preview.example.org/")
	fs.BoolVar(&b.drafts, "drafts", false, "include pages marked draft: true")
	fs.BoolVar(&b.future, "future", false, "include pages whose date or publishDate is in the future")
	fs.BoolVar(&b.expired, "expired", false, "include pages whose expiryDate has passed")
}

func runBuild(env *Env, args []string) int {
	const usage = "build [--source DIR] [--destination DIR] [--base-url URL] [--drafts] [--future] [--expired] [--production] [--allow-placeholders] [--quiet]"
	var f buildFlags
	fs := env.flagSet("build")
	f.register(fs)
	fs.StringVar(&f.dest, "destination", "", "output folder (default: public/ in the site root); replaced whole on success")
	fs.BoolVar(&f.quiet, "quiet", false, "print only warnings and errors")
	fs.BoolVar(&f.noCompress, "no-compress", false, "do not write .gz and .br copies of text files")
	fs.BoolVar(&f.production, "production", false, "build for the real site: refuse config.yaml placeholders (implied by a baseURL that is not localhost or an example domain)")
	fs.BoolVar(&f.allowPH, "allow-placeholders", false, "publish a production build even though config.yaml still holds placeholders")
	if code := env.parse(fs, usage, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "generator build: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	dest := f.dest
	if dest == "" {
		dest = filepath.Join(f.source, "public")
	}
	// Ctrl+C or SIGTERM stops the build, which removes its staging
	// folder; a second one ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	progress, done := env.startProgress(f.quiet)
	progress, restore := softLimit(progress) // see memlimit.go
	res := build.Run(f.source, dest, build.Options{
		BaseURL: f.baseURL, Drafts: f.drafts, Future: f.future, Expired: f.expired,
		Production: f.production, AllowPlaceholders: f.allowPH,
		Now: env.Now(), Compress: !f.noCompress, Progress: progress, Context: ctx,
	})
	restore()
	done()
	env.reportBuild(res.Diags)
	if res.Diags.HasErrors() {
		fmt.Fprintf(env.Stderr, "build failed; %s was left as it was\n", dest)
		return ExitContent
	}
	if !f.quiet {
		env.summary(res, dest)
	}
	return ExitOK
}

// summary prints the one-line build summary and the skipped pages.
func (env *Env) summary(res *build.Result, dest string) {
	counts := map[site.Kind]int{}
	total := 0
	var skippedAll []site.Skip
	for _, s := range res.Project.Sites {
		for _, p := range s.Pages {
			counts[p.Kind]++
		}
		total += len(s.Pages)
		skippedAll = append(skippedAll, s.Skipped...)
	}
	var parts []string
	for _, k := range []struct {
		kind site.Kind
		word string
	}{{site.KindArticle, "article"}, {site.KindService, "service"}, {site.KindPage, "page"}, {site.KindSection, "list page"}, {site.KindTerm, "term page"}} {
		if n := counts[k.kind]; n > 0 {
			parts = append(parts, plural(n, k.word))
		}
	}
	langs := ""
	if n := len(res.Project.Sites); n > 1 {
		langs = fmt.Sprintf(" in %d languages", n)
	}
	fmt.Fprintf(env.Stdout, "Built %s%s (%s) into %s in %s\n", plural(total, "page"), langs, strings.Join(parts, ", "), dest, res.Took.Round(time.Millisecond))
	skipped := skippedAll
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	for _, sk := range skipped {
		fmt.Fprintf(env.Stdout, "  skipped %s: %s\n", diag.Escape(sk.Path), describeSkip(sk))
	}
}

func describeSkip(sk site.Skip) string {
	switch sk.Reason {
	case "draft":
		return "draft (set draft: false to publish, or build with --drafts)"
	case "scheduled":
		return "scheduled for " + sk.When.Format("2006-01-02 15:04 MST") + " (build with --future to include it)"
	case "expired":
		return "expired on " + sk.When.Format("2006-01-02") + " (build with --expired to include it)"
	}
	return sk.Reason
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}
