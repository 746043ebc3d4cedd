package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/site"
)

// runRelated is `generator related FILE`: it shows the related articles and
// related services the build chooses for one article, with each score
// broken into its parts (tags, text, recency) and the terms the two pages
// share, so an editor can see why a page was chosen.
//
// FILE is the article's content file, relative to the current folder or to
// --source. A missing file, a file that is not a published article, or a
// site whose config.yaml cannot be read exits 1; a usage mistake exits 2.
func runRelated(env *Env, args []string) int {
	const usage = "related [--source DIR] [--drafts] [--future] [--expired] content/articles/FILE.md"
	var f buildFlags
	flags := env.flagSet("related")
	f.register(flags)
	if code := env.parse(flags, usage, args); code >= 0 {
		return code
	}
	if flags.NArg() != 1 {
		if flags.NArg() == 0 {
			fmt.Fprintf(env.Stderr, "generator related: name the article, e.g. content/articles/flu-shots.md\n\n")
		} else {
			fmt.Fprintf(env.Stderr, "generator related: one article at a time, got %d arguments\n\n", flags.NArg())
		}
		env.printFlags(env.Stderr, flags, usage)
		return ExitUsage
	}
	rel, err := sitePath(f.source, flags.Arg(0))
	if err != nil {
		fmt.Fprintf(env.Stderr, "generator related: %v\n", err)
		return ExitContent
	}
	dir, err := os.OpenRoot(f.source)
	if err != nil {
		fmt.Fprintf(env.Stderr, "generator related: cannot read the site in %s: %v\n", f.source, err)
		return ExitContent
	}
	defer dir.Close()
	p, ds := build.Load(dir.FS(), build.Options{
		BaseURL: f.baseURL, Drafts: f.drafts, Future: f.future, Expired: f.expired, Now: env.Now(),
	})
	if p == nil || p.Site == nil {
		env.report(ds)
		fmt.Fprintf(env.Stderr, "generator related: cannot read the site in %s\n", f.source)
		return ExitContent
	}
	// The article's own errors stop the explanation; errors elsewhere do not.
	var own diag.List
	others := 0
	for _, d := range ds {
		switch {
		case d.Path == rel:
			own = append(own, d)
		case d.Severity == diag.Error:
			others++
		}
	}
	if own.HasErrors() {
		env.report(own)
		return ExitContent
	}
	pg, ok := p.Site.PageByPath(rel)
	if !ok {
		for _, sk := range p.Site.Skipped {
			if sk.Path == rel {
				fmt.Fprintf(env.Stderr, "generator related: %s is not published: %s\n", rel, describeSkip(sk))
				return ExitContent
			}
		}
		if strings.HasSuffix(rel, "/_index.md") {
			fmt.Fprintf(env.Stderr, "generator related: %s is a section's introduction, not an article\n", rel)
			return ExitContent
		}
		fmt.Fprintf(env.Stderr, "generator related: %s is not a published page\n", rel)
		return ExitContent
	}
	if pg.Kind != site.KindArticle {
		fmt.Fprintf(env.Stderr, "generator related: %s is a %s page, not an article; related posts are chosen for files in content/%s/\n", rel, pg.Kind, site.ArticlesSection)
		return ExitContent
	}
	explainRelated(env.Stdout, p.Site, pg)
	if others > 0 {
		fmt.Fprintf(env.Stderr, "note: other files have %s; run generator build to see them\n", plural(others, "error"))
	}
	return ExitOK
}

// sitePath turns the FILE argument into a slash-separated path relative to
// the site root: arg may be relative to the current folder (or absolute)
// and inside root, or relative to root.
func sitePath(root, arg string) (string, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	cands := []string{}
	if absArg, err := filepath.Abs(arg); err == nil {
		if r, err := filepath.Rel(absRoot, absArg); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			cands = append(cands, r)
		}
	}
	if !filepath.IsAbs(arg) {
		cands = append(cands, filepath.Clean(arg))
	}
	for _, c := range cands {
		st, err := os.Stat(filepath.Join(absRoot, c))
		if err == nil && st.IsDir() {
			return "", fmt.Errorf("%s is a folder; name one article file in it", arg)
		}
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			rel := filepath.ToSlash(c)
			if !strings.HasPrefix(rel, "content/") || !strings.HasSuffix(rel, ".md") {
				return "", fmt.Errorf("%s is not a content file; name an article such as content/%s/flu-shots.md", arg, site.ArticlesSection)
			}
			return rel, nil
		}
	}
	if _, err := os.Stat(arg); err == nil {
		return "", fmt.Errorf("%s is not inside the site folder %s; name an article under %s or set --source", arg, root, filepath.Join(root, "content", site.ArticlesSection))
	}
	return "", fmt.Errorf("%s does not exist (in %s)", arg, root)
}

// explainRelated prints pg's related articles and services with their
// scores and shared terms.
func explainRelated(w io.Writer, s *site.Site, pg *site.Page) {
	cfg := s.Config
	fmt.Fprintf(w, "%s\n  %q", diag.Escape(pg.Path), pg.Title)
	if !pg.Date.IsZero() {
		fmt.Fprintf(w, ", %s", pg.Date.Format("2006-01-02"))
	}
	fmt.Fprintf(w, "\n  %s\n", termLine(s, pg))
	wt := cfg.Related.Weights
	fmt.Fprintf(w, "\nRelated articles (%d of related.count %d; weights: tags %g, text %g, recency %g):\n",
		len(pg.Related), cfg.Related.Count, wt.Tags, wt.Text, wt.Recency)
	if len(pg.Related) == 0 {
		fmt.Fprintln(w, "  none: it is the only article")
	}
	for i, r := range pg.Related {
		explainMatch(w, s, pg, r, pg.RelatedScores[i], i+1)
	}
	fmt.Fprintf(w, "\nRelated services (%d of related.services %d):\n", len(pg.RelatedServices), cfg.Related.Services)
	if len(pg.RelatedServices) == 0 {
		fmt.Fprintln(w, "  none: no service page shares words or terms with this article")
	}
	for i, r := range pg.RelatedServices {
		explainMatch(w, s, pg, r, pg.RelatedServiceScores[i], i+1)
	}
}

func explainMatch(w io.Writer, s *site.Site, pg, r *site.Page, sc site.Score, n int) {
	fmt.Fprintf(w, "%2d. %s\n", n, r.Title)
	fmt.Fprintf(w, "    %s", diag.Escape(r.Path))
	if !r.Date.IsZero() {
		fmt.Fprintf(w, ", %s", r.Date.Format("2006-01-02"))
	}
	fmt.Fprintf(w, "\n    score %.3f = tags %.3f + text %.3f + recency %.3f\n", sc.Total, sc.Tags, sc.Text, sc.Recency)
	fmt.Fprintf(w, "    shared: %s\n", shared(s, pg, r))
}

// termLine lists a page's terms by taxonomy: "tags: a, b; categories: c".
func termLine(s *site.Site, pg *site.Page) string {
	var parts []string
	for _, tx := range s.Taxonomies {
		var names []string
		for _, t := range pg.Terms[tx.Name] {
			names = append(names, t.Name)
		}
		if len(names) > 0 {
			parts = append(parts, tx.Name+": "+strings.Join(names, ", "))
		}
	}
	if len(parts) == 0 {
		return "no tags or categories: related pages are chosen by their words"
	}
	return strings.Join(parts, "; ")
}

// shared lists the terms pg and r have in common, each with the number of
// pages of r's section that carry it: the fewer, the more the term weighs.
func shared(s *site.Site, pg, r *site.Page) string {
	var parts []string
	for _, tx := range s.Taxonomies {
		var names []string
		for _, t := range pg.Terms[tx.Name] {
			for _, u := range r.Terms[tx.Name] {
				if t == u {
					n := 0
					for _, q := range t.Pages {
						if q.Section == r.Section {
							n++
						}
					}
					names = append(names, fmt.Sprintf("%s (%d of %d %s)", t.Name, n, len(s.SectionPages[r.Section]), r.Section))
				}
			}
		}
		if len(names) > 0 {
			parts = append(parts, tx.Name+" "+strings.Join(names, ", "))
		}
	}
	if len(parts) == 0 {
		return "no tags or categories"
	}
	return strings.Join(parts, "; ")
}
