//go:build linux

// Command bench measures a full build of generated corpora side by side
// with Hugo and, when given one, a floor program, in one run:
//
//	go run ./generator/bench [-sizes 1000,10000] [-reps 3] [-floor DIR] [-work DIR] [-keep] [-no-hugo] [-prepare] [-translated 0.2]
//
// For each size N it writes N synthetic clinic articles with package
// corpus (seed 1) into WORK/site-N/content/articles, with the file → topic
// table in WORK/site-N/topics.tsv, adds this repository's content/ (the
// clinic's pages, services and sample articles, which the layouts and
// services link to), layouts/, assets/ and config.yaml (paginate set to
// 20, as in the Hugo site), and then, -reps times in turn, runs each build
// as a child process into a fresh output folder. With -translated 0.2,
// every fifth article also gets a Spanish stand-in translation (x.es.md,
// see corpus.Translation), in WORK/site-N-es20. All read the same
// content/:
//
//	floor                -floor DIR's program (built once with go build; skipped, with a message, without -floor)
//	generator            our `generator build --no-compress`, built once with go build
//	generator+compress   the same with .gz and .br copies (the CLI's default)
//	hugo                 hugo-site/ (this folder) over the same content (skipped, with a message, without hugo)
//
// The floor is the least any generator on this stack must do per article:
// a Go program run as `floor CONTENT_DIR OUT_DIR` that reads
// CONTENT_DIR/*/*.md, converts each with goldmark and goldmark-meta,
// minifies it with tdewolff/minify and writes it, on all cores. It is not
// part of this repository; a build's time as a multiple of the floor's is
// how close it is to the stack's limit.
//
// hugo-site/ is a Hugo site with the same features as ours (tag and
// category pages, related posts by tags, categories and date, pagination
// by 20, RSS, sitemap, minified output); it is embedded in this command
// and written to WORK/hugo-N with its content/ linking to the corpus.
// HUGO=path picks the hugo binary, else hugo on PATH.
//
// Each run's wall time is measured around the child, and its CPU time and
// peak resident memory come from wait4's rusage. The table shows medians
// with the range, then the ratios of the medians and the related-post
// lists of the last run's output scored against the corpus's topics
// (corpus.Score). The machine may be shared: the load average is printed
// before and after, and only ratios from one run should be compared.
//
// The work folder defaults to a new folder on /dev/shm (tmpfs), else in
// the system's temporary folder; it is removed at the end unless -keep or
// -work is given. With -work, corpora made by an earlier run are reused.
//
// Linux only: peak memory is wait4's ru_maxrss in kilobytes.
package main

import (
	"bytes"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"clinicgen/generator/bench/corpus"
)

// hugoSite is the Hugo site the corpus is also built with.
//
//go:embed all:hugo-site
var hugoSite embed.FS

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// tool is one build under measurement.
type tool struct {
	name string
	// cmd returns the command that builds site (or corpus) into out.
	cmd func(n int, out string) *exec.Cmd
}

// sample is one measured run.
type sample struct {
	wall, cpu time.Duration
	rss       int64 // peak resident set, bytes
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "1000,10000", "corpus sizes in articles, comma-separated")
	reps := fs.Int("reps", 3, "repetitions of each build (the median is reported)")
	floorDir := fs.String("floor", "", "folder of the floor program's Go main package (default: no floor)")
	work := fs.String("work", "", "work folder for corpora, binaries and outputs (default: a new temporary folder, removed at the end)")
	keep := fs.Bool("keep", false, "keep the temporary work folder")
	noHugo := fs.Bool("no-hugo", false, "skip Hugo")
	prepOnly := fs.Bool("prepare", false, "only write the sites (WORK/site-N) and stop; for BenchmarkBuild in generator/internal/build")
	translatedShare := fs.Float64("translated", 0, "share of articles that also get a Spanish translation, x.es.md (0.2: every fifth); the sites are then WORK/site-N-es20")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ns, err := parseSizes(*sizes)
	if err != nil {
		return err
	}
	if *reps < 1 {
		return errors.New("-reps must be at least 1")
	}
	if *translatedShare < 0 || *translatedShare > 1 {
		return errors.New("-translated is a share between 0 and 1, such as 0.2")
	}
	opts := corpus.Defaults()
	opts.Translated = *translatedShare
	repo, err := repoRoot()
	if err != nil {
		return err
	}
	if *work == "" {
		parent := ""
		if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
			parent = "/dev/shm"
		}
		if *work, err = os.MkdirTemp(parent, "clinicgen-bench-"); err != nil {
			return err
		}
		if !*keep {
			defer os.RemoveAll(*work)
		}
	} else if err := os.MkdirAll(*work, 0o755); err != nil {
		return err
	}
	*work, _ = filepath.Abs(*work)
	site := func(n int) string { return filepath.Join(*work, siteName(n, opts)) }
	if *prepOnly {
		for _, n := range ns {
			if err := prepare(repo, site(n), n, opts); err != nil {
				return err
			}
			fmt.Fprintln(stdout, site(n))
		}
		return nil
	}

	fmt.Fprintf(stdout, "work folder %s; %d CPUs; load average %s\n", *work, runtime.NumCPU(), loadavg())
	gen := filepath.Join(*work, "generator")
	if err := command(repo, "go", "build", "-o", gen, "./generator").Run(); err != nil {
		return fmt.Errorf("building the generator: %w", err)
	}
	var tools []tool
	if *floorDir == "" {
		fmt.Fprintln(stdout, "floor skipped: no -floor DIR (a Go program run as floor CONTENT_DIR OUT_DIR)")
	} else {
		floor := filepath.Join(*work, "floor")
		if err := command(*floorDir, "go", "build", "-o", floor, ".").Run(); err != nil {
			return fmt.Errorf("building the floor in %s: %w", *floorDir, err)
		}
		tools = append(tools, tool{"floor", func(n int, out string) *exec.Cmd {
			return exec.Command(floor, filepath.Join(site(n), "content"), out)
		}})
	}
	tools = append(tools, []tool{
		{"generator", func(n int, out string) *exec.Cmd {
			return exec.Command(gen, "build", "--quiet", "--no-compress", "--source", site(n), "--destination", out)
		}},
		{"generator+compress", func(n int, out string) *exec.Cmd {
			return exec.Command(gen, "build", "--quiet", "--source", site(n), "--destination", out)
		}},
	}...)
	hugo := os.Getenv("HUGO")
	if hugo == "" {
		hugo, _ = exec.LookPath("hugo")
	}
	switch {
	case *noHugo:
		fmt.Fprintln(stdout, "Hugo skipped (-no-hugo)")
	case hugo == "":
		fmt.Fprintln(stdout, "Hugo skipped: no hugo on PATH (apt-get install -y hugo, or HUGO=path)")
	default:
		v, _ := exec.Command(hugo, "version").Output()
		fmt.Fprintf(stdout, "Hugo: %s", v)
		tools = append(tools, tool{"hugo", func(n int, out string) *exec.Cmd {
			return exec.Command(hugo, "--source", hugoDir(*work, n, opts), "--destination", out, "--quiet")
		}})
	}

	results := map[string][]sample{} // "n/tool" → samples
	related := map[string]corpus.Scores{}
	for _, n := range ns {
		if err := prepare(repo, site(n), n, opts); err != nil {
			return err
		}
		if hugo != "" && !*noHugo {
			if err := prepareHugo(hugoDir(*work, n, opts), filepath.Join(site(n), "content")); err != nil {
				return err
			}
		}
		for rep := 0; rep < *reps; rep++ {
			for _, t := range tools {
				out := filepath.Join(*work, "out-"+t.name)
				if err := os.RemoveAll(out); err != nil {
					return err
				}
				s, err := measure(t.cmd(n, out), filepath.Join(*work, "log-"+t.name))
				if err != nil {
					return fmt.Errorf("%s, %d articles: %w", t.name, n, err)
				}
				results[key(n, t.name)] = append(results[key(n, t.name)], s)
				fmt.Fprintf(stderr, "  %d articles, %s, run %d: %s, %s\n", n, t.name, rep+1, secs(s.wall), mb(s.rss))
			}
		}
		if err := scoreRelated(related, site(n), n, *work, tools); err != nil {
			return err
		}
	}
	for _, t := range tools {
		os.RemoveAll(filepath.Join(*work, "out-"+t.name))
	}
	fmt.Fprintf(stdout, "load average after: %s\n\n", loadavg())
	report(stdout, ns, tools, *reps, results, related)
	return nil
}

// scoreRelated scores the related-post lists in each site generator's last
// output for n articles.
func scoreRelated(into map[string]corpus.Scores, site string, n int, work string, tools []tool) error {
	f, err := os.Open(filepath.Join(site, "topics.tsv"))
	if err != nil {
		return err
	}
	defer f.Close()
	topics, err := corpus.ReadTopics(f)
	if err != nil {
		return err
	}
	for _, t := range tools {
		if t.name == "floor" || t.name == "generator+compress" {
			continue
		}
		s, err := corpus.Score(topics, os.DirFS(filepath.Join(work, "out-"+t.name)))
		if err != nil {
			return fmt.Errorf("scoring %s's related posts: %w", t.name, err)
		}
		into[key(n, t.name)] = s
	}
	return nil
}

func hugoDir(work string, n int, o corpus.Options) string {
	return filepath.Join(work, "hugo-"+strings.TrimPrefix(siteName(n, o), "site-"))
}

// prepareHugo writes the Hugo site to dir, its content/ a link to content.
func prepareHugo(dir, content string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	sub, err := fs.Sub(hugoSite, "hugo-site")
	if err != nil {
		return err
	}
	if err := os.CopyFS(dir, sub); err != nil {
		return err
	}
	return os.Symlink(content, filepath.Join(dir, "content"))
}

func key(n int, tool string) string { return strconv.Itoa(n) + "/" + tool }

// report prints the table of medians and the ratios.
func report(w io.Writer, ns []int, tools []tool, reps int, results map[string][]sample, related map[string]corpus.Scores) {
	fmt.Fprintf(w, "median of %d runs (min–max)\n", reps)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "articles\tbuild\twall\tCPU (user+sys)\tpeak RSS\t")
	for _, n := range ns {
		for _, t := range tools {
			ss := results[key(n, t.name)]
			walls := pluck(ss, func(s sample) float64 { return s.wall.Seconds() })
			cpus := pluck(ss, func(s sample) float64 { return s.cpu.Seconds() })
			rsss := pluck(ss, func(s sample) float64 { return float64(s.rss) })
			fmt.Fprintf(tw, "%d\t%s\t%.2f s (%.2f–%.2f)\t%.2f s\t%s (%s–%s)\t\n", n, t.name,
				median(walls), slices.Min(walls), slices.Max(walls), median(cpus),
				mb(int64(median(rsss))), mb(int64(slices.Min(rsss))), mb(int64(slices.Max(rsss))))
		}
	}
	tw.Flush()
	fmt.Fprintln(w)
	wall := func(n int, tool string) float64 {
		return median(pluck(results[key(n, tool)], func(s sample) float64 { return s.wall.Seconds() }))
	}
	for _, n := range ns {
		var line string
		if _, ok := results[key(n, "floor")]; ok {
			line = fmt.Sprintf("%d articles: generator/floor %.2f×, generator+compress/floor %.2f×", n,
				wall(n, "generator")/wall(n, "floor"), wall(n, "generator+compress")/wall(n, "floor"))
		} else {
			line = fmt.Sprintf("%d articles: generator+compress/generator %.2f×", n,
				wall(n, "generator+compress")/wall(n, "generator"))
		}
		if _, ok := results[key(n, "hugo")]; ok {
			line += fmt.Sprintf(", hugo/generator %.1f×", wall(n, "hugo")/wall(n, "generator"))
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, "\nrelated posts (last run's output against the corpus's topics)")
	for _, n := range ns {
		for _, t := range tools {
			if s, ok := related[key(n, t.name)]; ok {
				fmt.Fprintf(w, "%d articles, %s: %s\n", n, t.name, s)
			}
		}
	}
}

// measure runs c to completion, its output going to log, and returns its
// wall time, CPU time and peak memory.
func measure(c *exec.Cmd, log string) (sample, error) {
	f, err := os.Create(log)
	if err != nil {
		return sample{}, err
	}
	defer f.Close()
	c.Stdout, c.Stderr = f, f
	start := time.Now()
	err = c.Run()
	wall := time.Since(start)
	if err != nil {
		tail, _ := os.ReadFile(log)
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return sample{}, fmt.Errorf("%v: %w\n%s", c.Args, err, tail)
	}
	ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, errors.New("no rusage on this system")
	}
	return sample{
		wall: wall,
		cpu:  time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		rss:  ru.Maxrss * 1024, // Linux reports kilobytes
	}, nil
}

// siteName is the folder of the site of n articles: site-N, or
// site-N-es20 when 20 % of them are translated.
func siteName(n int, o corpus.Options) string {
	if o.Translated > 0 {
		return fmt.Sprintf("site-%d-es%d", n, int(o.Translated*100+0.5))
	}
	return fmt.Sprintf("site-%d", n)
}

// prepare writes the corpus of n articles and the site around it in dir,
// unless a previous run left them there.
func prepare(repo, dir string, n int, opts corpus.Options) error {
	done := filepath.Join(dir, ".prepared")
	if _, err := os.Stat(done); err == nil {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := corpus.Write(dir, n, opts); err != nil {
		return fmt.Errorf("writing the corpus: %w", err)
	}
	for _, sub := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(repo, sub))); err != nil {
			return err
		}
	}
	// The clinic's own content too: the layouts link to its pages (contact,
	// the medical disclaimer…) and its services to its articles.
	content := os.DirFS(filepath.Join(repo, "content"))
	err := fs.WalkDir(content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, "content", filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		return err
	}
	cfg, err := os.ReadFile(filepath.Join(repo, "config.yaml"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), benchConfig(cfg), 0o644); err != nil {
		return err
	}
	return os.WriteFile(done, nil, 0o644)
}

var paginateRE = regexp.MustCompile(`(?m)^paginate:.*$`)

// benchConfig is the repository's config.yaml with 20 pages a list page,
// as in the Hugo site.
func benchConfig(cfg []byte) []byte {
	if paginateRE.Match(cfg) {
		return paginateRE.ReplaceAll(cfg, []byte("paginate: 20"))
	}
	return append(bytes.TrimRight(cfg, "\n"), "\npaginate: 20\n"...)
}

// repoRoot is the folder of the go.mod this command belongs to.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the repository")
	}
	return filepath.Dir(mod), nil
}

// command is exec.Command in dir with its output on stderr.
func command(dir, name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Dir = dir
	c.Stdout, c.Stderr = os.Stderr, os.Stderr
	return c
}

func parseSizes(s string) ([]int, error) {
	var ns []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-sizes: %q is not a positive number", f)
		}
		ns = append(ns, n)
	}
	return ns, nil
}

func pluck(ss []sample, f func(sample) float64) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

// median of xs (the mean of the middle two for an even count); xs must not
// be empty.
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mb(b int64) string { return fmt.Sprintf("%d MB", b/1_000_000) }

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
