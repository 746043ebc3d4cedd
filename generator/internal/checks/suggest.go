package checks

import (
	"path"
	"sort"
	"strings"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/markdown"
)

// SuggestLinks adds to each broken-link error in ds (from doc.Resolve) the
// published page the editor most likely meant, written as a link from
// doc: the same file in another folder (a forgotten ../services/), or the
// closest name (vaccinations.md for vaccinations-management.md). pages
// returns the content files of the published pages, by path.
func SuggestLinks(doc *markdown.Doc, ds diag.List, pages func() []string) diag.List {
	var others []string
	for i, d := range ds {
		if d.Code != "link-broken" {
			continue
		}
		target := ""
		for _, l := range doc.Links {
			if l.Line == d.Line && l.Target != "" && strings.HasPrefix(d.Msg, "links to "+l.Target+",") {
				target = l.Target
				break
			}
		}
		if target == "" {
			continue
		}
		if others == nil {
			for _, f := range pages() {
				if f != doc.Path {
					others = append(others, f)
				}
			}
		}
		if best, ok := closestPage(target, others); ok {
			ds[i].Fix = "did you mean " + relLink(path.Dir(doc.Path), best) + "? If not, " + d.Fix
		}
	}
	return ds
}

// closestPage returns the page of pages (content file paths) whose name is
// closest to target's (diag.Nearest: case, a beginning, a few letters
// off); of several files with that name, the one in target's folder, else
// the first by path.
func closestPage(target string, pages []string) (string, bool) {
	stem := func(f string) string { return strings.TrimSuffix(path.Base(f), path.Ext(f)) }
	byStem := map[string][]string{}
	var stems []string
	for _, f := range pages {
		s := stem(f)
		if _, seen := byStem[s]; !seen {
			stems = append(stems, s)
		}
		byStem[s] = append(byStem[s], f)
	}
	sort.Strings(stems)
	want := stem(target)
	best, ok := "", false
	if _, exact := byStem[want]; exact {
		best, ok = want, true
	} else {
		best, ok = diag.Nearest(want, stems)
	}
	if !ok {
		return "", false
	}
	files := byStem[best]
	sort.Strings(files)
	for _, f := range files {
		if path.Dir(f) == path.Dir(target) {
			return f, true
		}
	}
	return files[0], true
}

// relLink writes the content file to as a link from a file in folder dir,
// both slash paths from the site root: "../services/flu.md", "flu.md".
func relLink(dir, to string) string {
	from := strings.Split(dir, "/")
	parts := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(parts)-1 && from[i] == parts[i] {
		i++
	}
	var b strings.Builder
	for range from[i:] {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(parts[i:], "/"))
	return b.String()
}
