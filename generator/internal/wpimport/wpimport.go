// Package wpimport writes a WordPress import into a site: the pages and
// images package wordpress converts, under content/, and the authors and
// archive redirects appended to config.yaml. It is what `generator import
// wordpress` runs; package wordpress itself reads and converts, and writes
// nothing.
package wpimport

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/publish"
	"clinicgen/generator/internal/wordpress"
)

// Options are the flags of `generator import wordpress`.
type Options struct {
	// Uploads is a copy of the old site's wp-content/uploads; "" for none.
	Uploads string
	// Force replaces files that already exist (never anything outside
	// content/ but config.yaml, which is only appended to).
	Force bool
	// DryRun writes nothing; Result.Files lists what would be written.
	DryRun bool
	// KeepRemoteImages links images missing from Uploads to the old site.
	KeepRemoteImages bool
}

// Result is what an import did (or, for a dry run, would do).
type Result struct {
	Report *wordpress.Report
	// Files are the files written (or to write), slash paths from the
	// site root; Replaced are those among them that existed (--force).
	Files, Replaced []string
	// PeopleAdded and PeopleExisting are the author ids added to
	// config.yaml's people and those already there (left alone).
	PeopleAdded, PeopleExisting []string
	// RedirectsAdded counts the archive redirects added to config.yaml.
	RedirectsAdded int
	Diags          diag.List
}

// Import imports the WordPress export at export into the site at
// root: posts and pages into content/, their images next to them, the
// authors into config.yaml's people and the old archive URLs into its
// redirects (see package wordpress for the conversion).
//
// Before writing anything it reads the whole export and checks that no
// file it would write exists (unless Force): a broken export, a
// config.yaml with errors or a clash is an error diagnostic and nothing is
// written. It writes only under content/ and to config.yaml.
func Import(root, export string, o Options) *Result {
	res := &Result{}
	fail := func(path string, fix, format string, args ...any) *Result {
		res.Diags = append(res.Diags, diag.Errorf(path, nil, 0, 0, fix, format, args...))
		return res
	}
	cfgPath := filepath.Join(root, "config.yaml")
	cfgSrc, err := os.ReadFile(cfgPath)
	if err != nil {
		return fail("config.yaml", "run the import in the site's folder, or pass --source DIR", "cannot read config.yaml: %v", err)
	}
	cfg, cds := config.Load(cfgSrc)
	if cds.HasErrors() {
		res.Diags = append(res.Diags, cds...)
		return res
	}
	opt := wordpress.Options{Location: cfg.Location, KeepRemoteImages: o.KeepRemoteImages, People: map[string]bool{}}
	for _, p := range cfg.People {
		opt.People[p.ID] = true
	}
	// Every write goes through the site folder as an os.Root, so a
	// symbolic link cannot lead a file outside the site.
	dir, err := os.OpenRoot(root)
	if err != nil {
		return fail(".", "run the import in the site's folder, or pass --source DIR", "cannot open the site folder: %v", err)
	}
	defer dir.Close()
	var uploads fs.FS
	if o.Uploads != "" {
		st, err := os.Stat(o.Uploads)
		if err != nil || !st.IsDir() {
			return fail(o.Uploads, "pass the folder that holds the year folders (2019/, 2020/…) of wp-content/uploads", "--uploads %s is not a folder", o.Uploads)
		}
		uploads = os.DirFS(o.Uploads)
		opt.Uploads = uploads
	}
	open := func() (*os.File, error) { return os.Open(export) }
	f, err := open()
	if err != nil {
		return fail(export, "pass the file that WordPress's Tools → Export → All content saved", "cannot open the export: %v", err)
	}
	imp, err := wordpress.Index(f, opt)
	f.Close()
	if err != nil {
		fix := "export again from WordPress (Tools → Export → All content) and pass that file"
		return fail(export, fix, "%v", err)
	}
	res.Report = &imp.Report
	if err := imp.Check(); err != nil {
		res.Diags = append(res.Diags, diag.Errorf(export, nil, 0, 0, "check that this is the export of the right site; private and password-protected posts are never imported", "%v", err))
		return res
	}
	// config.yaml must take the additions before anything is written.
	probe := [][][2]string{{{"id", "probe"}}}
	for _, key := range []string{"people", "redirects"} {
		if _, err := config.AppendList(cfgSrc, key, probe); err != nil {
			res.Diags = append(res.Diags, diag.Errorf("config.yaml", nil, 0, 0, "rewrite "+key+" as a list with one \"- \" item per line, then import again", "%v", err))
		}
	}
	for _, p := range imp.Paths() {
		// content/about.md and content/about/_index.md both have the URL
		// /about/: --force cannot settle that, the editor must.
		other := strings.TrimSuffix(p, ".md") + "/_index.md"
		if path.Base(p) == "_index.md" {
			other = path.Dir(p) + ".md"
		}
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(other))); err == nil {
			res.Diags = append(res.Diags, diag.Errorf(other, nil, 0, 0, "rename or move this file (or merge it into the imported page afterwards), then import again",
				"this page has the URL the imported page %s would have", p))
		}
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p))); err == nil {
			if !o.Force {
				res.Diags = append(res.Diags, diag.Errorf(p, nil, 0, 0, "move it away, or pass --force to replace it with the imported page", "the import would replace this existing file"))
			}
		}
	}
	if res.Diags.HasErrors() {
		return res
	}

	f, err = open()
	if err != nil {
		return fail(export, "make sure the export stays in place during the import", "cannot open the export again: %v", err)
	}
	defer f.Close()
	err = imp.Import(f, func(file wordpress.File) error {
		return writeImported(dir, root, file, uploads, o, res)
	})
	if err != nil {
		res.Diags = append(res.Diags, diag.Errorf(export, nil, 0, 0, "fix the problem and run the import again with --force to replace what was written", "%v", err))
		return res
	}

	// config.yaml: the new people and the archive redirects.
	var people [][][2]string
	for _, p := range imp.Report.People {
		if p.Exists {
			res.PeopleExisting = append(res.PeopleExisting, p.ID)
			continue
		}
		res.PeopleAdded = append(res.PeopleAdded, p.ID)
		people = append(people, [][2]string{{"id", p.ID}, {"name", p.Name}, {"role", "Author"}})
	}
	have := map[string]bool{}
	for _, r := range cfg.Redirects {
		have[r.From] = true
	}
	var redirects [][][2]string
	for _, r := range imp.Report.Redirects {
		if !have[r.From] {
			redirects = append(redirects, [][2]string{{"from", r.From}, {"to", r.To}})
		}
	}
	res.RedirectsAdded = len(redirects)
	out, err := config.AppendList(cfgSrc, "people", people)
	if err == nil {
		out, err = config.AppendList(out, "redirects", redirects)
	}
	if err != nil {
		res.Diags = append(res.Diags, diag.Errorf("config.yaml", nil, 0, 0, "add the people and redirects the report lists by hand", "%v", err))
		return res
	}
	if o.DryRun || string(out) == string(cfgSrc) {
		return res
	}
	if err := publish.Replace(dir, "config.yaml", out); err != nil {
		res.Diags = append(res.Diags, diag.Errorf("config.yaml", nil, 0, 0, "check the folder's permissions", "cannot write config.yaml: %v", err))
	}
	return res
}

// writeImported writes one file of the import (or, for a dry run, only
// notes it).
func writeImported(dir *os.Root, root string, file wordpress.File, uploads fs.FS, o Options, res *Result) error {
	rel := file.Path
	if !strings.HasPrefix(rel, "content/") || path.Clean(rel) != rel || !fs.ValidPath(rel) {
		return fmt.Errorf("refusing to write %q, which is outside content/", rel) // cannot happen: the names are slugs
	}
	name := filepath.Join(root, filepath.FromSlash(rel))
	_, statErr := os.Lstat(name)
	exists := statErr == nil
	if exists && file.From != "" && !o.Force {
		// An image a post shares with a page already in the site (or a
		// second run): keep the existing file when it is the same.
		if same, _ := sameAs(name, uploads, file.From); same {
			return nil
		}
		res.Report.Warnings = append(res.Report.Warnings, wordpress.Problem{Item: file.Item, Path: rel, Text: rel + " already exists and differs from the upload " + file.From + "; it was kept (--force replaces it)"})
		return nil
	}
	res.Files = append(res.Files, rel)
	if exists {
		res.Replaced = append(res.Replaced, rel)
	}
	if o.DryRun {
		return nil
	}
	data := file.Data
	if file.From != "" {
		b, err := fs.ReadFile(uploads, file.From)
		if err != nil {
			return fmt.Errorf("reading the upload %s: %w", file.From, err)
		}
		data = b
	}
	if exists {
		return publish.Replace(dir, rel, data)
	}
	if err := publish.CreateNew(dir, rel, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s appeared during the import; run it again", rel)
		}
		return err
	}
	return nil
}

// sameAs reports whether the file name holds the same bytes as the upload.
func sameAs(name string, uploads fs.FS, from string) (bool, error) {
	a, err := os.ReadFile(name)
	if err != nil {
		return false, err
	}
	b, err := fs.ReadFile(uploads, from)
	if err != nil {
		return false, err
	}
	return string(a) == string(b), nil
}
