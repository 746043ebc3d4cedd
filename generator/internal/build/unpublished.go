package build

import (
	"path"
	"strings"

	"clinicgen/generator/internal/markdown"
	"clinicgen/generator/internal/site"
)

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
		if p.images != nil {
			for _, d := range p.images.derived(f) {
				delete(p.Files, d)
			}
		}
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
	// A photo is shown through a resized copy or share crop: its own
	// file (Src) is used too.
	for _, im := range images {
		add(im.URL)
		add(im.Src)
	}
	if share != nil {
		add(share.URL)
		add(share.Src)
	}
	for _, l := range links {
		if l.Target == "" && !l.External {
			add(l.Dest)
		}
	}
	return out
}
