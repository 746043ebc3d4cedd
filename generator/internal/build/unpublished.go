package build

import (
	"path"
	"strings"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

// unpublishedWarnings turns the errors found in pages the publishing rules
// leave out (drafts, scheduled and expired pages) into warnings: a
// half-written draft must not stop every publish of the site. The same
// problems are errors when the page is published — in `check --drafts`
// or `--future`, in `serve`, and once the page goes live.
func unpublishedWarnings(ds diag.List, skipped []site.Skip) diag.List {
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

// dropUnpublishedFiles leaves out of the output the files in content/ that
// only pages left out of the build use — the photo beside a draft or a
// scheduled article may be private until the article is published. A file
// no page uses, or that a published page uses, is copied as before.
func (p *Project) dropUnpublishedFiles(skipped []site.Skip) {
	if len(skipped) == 0 {
		return
	}
	unpublished := make(map[string]bool, len(skipped))
	for _, sk := range skipped {
		unpublished[sk.Path] = true
	}
	usedByPublished := map[string]bool{}
	usedByUnpublished := map[string]bool{}
	for file, doc := range p.Docs {
		if doc == nil {
			continue
		}
		used := usedByPublished
		if unpublished[file] {
			used = usedByUnpublished
		}
		for _, f := range filesUsed(file, doc.Images, doc.Share, doc.Links) {
			used[f] = true
		}
	}
	fromContent := map[string]bool{}
	if p.src != nil {
		for _, f := range p.src.Content {
			fromContent[strings.TrimPrefix(f.Path, "content/")] = true
		}
	}
	for f := range usedByUnpublished {
		if usedByPublished[f] || !fromContent[f] {
			continue
		}
		// A layout or config.yaml may name the file too.
		if p.Config != nil && strings.Contains(string(p.Config.Source), f) {
			continue
		}
		delete(p.Files, f)
	}
}

// filesUsed returns the output paths (as in Project.Files) of the files
// the content file file shows or links to: its images, its share image and
// its links to files that are not pages.
func filesUsed(file string, images []markdown.Image, share *markdown.Image, links []markdown.Link) []string {
	var out []string
	add := func(ref string) {
		if i := strings.IndexAny(ref, "?#"); i >= 0 {
			ref = ref[:i]
		}
		if ref == "" || strings.HasPrefix(ref, "//") || strings.Contains(ref, ":") {
			return
		}
		if strings.HasPrefix(ref, "/") {
			out = append(out, strings.TrimPrefix(ref, "/"))
			return
		}
		out = append(out, strings.TrimPrefix(path.Join(path.Dir(file), ref), "content/"))
	}
	for _, im := range images {
		add(im.URL)
	}
	if share != nil {
		add(share.URL)
	}
	for _, l := range links {
		if l.Target == "" && !l.External {
			add(l.Dest)
		}
	}
	return out
}
