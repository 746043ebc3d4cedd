package build_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/sitetest"
)

// The two pages of the readability test: worked examples from the
// readability package (grade 16.2 and 0.3).
const (
	hardPage = `---
title: Our services
date: 2026-01-03
description: What we offer.
---
Medication management appointments are available for patients with chronic conditions. Our **telemedicine** services
provide convenient consultations with [experienced providers](easy.md).
Vaccinations are administered according to recommendations from public health authorities.
Please call us with questions.
`
	easyPage = `---
title: Peer groups
date: 2026-01-02
description: Our groups are easy to join.
---
Peer support groups meet every week. A trained peer leads each group.
You can join at any time, and it is free.

Call the clinic to save your place. Bring a friend if you like.
`
)

func readabilitySite(maxGrade string) string {
	return `
-- config.yaml --
title: Test Clinic
timeZone: America/New_York
readability:
  maxGrade: ` + maxGrade + `
-- content/articles/hard.md --
` + hardPage + `-- content/articles/easy.md --
` + easyPage
}

// gradeWarnings returns the readability warnings of ds by path.
func gradeWarnings(ds diag.List) map[string]diag.Diagnostic {
	out := map[string]diag.Diagnostic{}
	for _, d := range ds {
		if d.Code == "readability-grade" {
			out[d.Path] = d
		}
	}
	return out
}

// TestReadabilityWarning is the integration test of issue 8: the warning
// fires on a hard page and not on an easy one, in the build and in check,
// names the three hardest sentences and points at the hardest in the
// source; and a higher target silences it.
func TestReadabilityWarning(t *testing.T) {
	s := sitetest.Build(t, readabilitySite("8"))
	rep := build.Check(s.Root, build.Options{Now: sitetest.Now()})
	for name, ds := range map[string]diag.List{"build": s.Diags(), "check": rep.Diags} {
		t.Run(name, func(t *testing.T) {
			got := gradeWarnings(ds)
			if _, ok := got["content/articles/easy.md"]; ok {
				t.Errorf("warning on the easy page: %v", got["content/articles/easy.md"])
			}
			d, ok := got["content/articles/hard.md"]
			if !ok {
				t.Fatalf("no warning on the hard page; diagnostics:\n%v", ds)
			}
			want := diag.Diagnostic{
				Severity: diag.Warning, Path: "content/articles/hard.md", Line: 6, Col: 88,
				Msg: "reading grade 16.2 is above the target of 8 (Flesch–Kincaid)",
				Fix: `start with the hardest sentences: ` +
					`"Our telemedicine services provide convenient consultations with experienced providers." (grade 22.0); ` +
					`"Vaccinations are administered according to recommendations from public health authorities." (grade 19.0); ` +
					`"Medication management appointments are available for patients with chronic conditions." (grade 16.6)`,
				Source: "Medication management appointments are available for patients with chronic conditions. Our **telemedicine** services",
				Code:   "readability-grade",
			}
			if diff := cmp.Diff(want, d); diff != "" {
				t.Errorf("warning (-want +got):\n%s", diff)
			}
		})
	}
	var figs []string
	for _, f := range rep.Pages {
		figs = append(figs, f.Path+" "+f.URL+" "+strings.TrimSpace(strings.Repeat("measured", boolInt(f.Measured))))
	}
	if diff := cmp.Diff([]string{
		"content/articles/easy.md /articles/easy/ measured",
		"content/articles/hard.md /articles/hard/ measured",
	}, figs); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}

	quiet := sitetest.Build(t, readabilitySite("16.5"))
	if got := gradeWarnings(quiet.Diags()); len(got) > 0 {
		t.Errorf("warnings with a target of 16.5: %v", got)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestCheckWritesNothing: check leaves no public/ folder behind, and
// reports what a failing build reports.
func TestCheckWritesNothing(t *testing.T) {
	s := sitetest.Write(t, readabilitySite("8")+`
-- content/articles/broken.md --
---
title: Broken
---
See [nothing](missing.md).
`)
	rep := build.Check(s.Root, build.Options{Now: sitetest.Now()})
	if s.Exists("index.html") {
		t.Error("check wrote public/")
	}
	res := build.Run(s.Root, s.Public, build.Options{Now: sitetest.Now()})
	if diff := cmp.Diff(res.Diags.Errors(), rep.Diags.Errors()); diff != "" || rep.Diags.Errors() == 0 {
		t.Errorf("check found %d errors, build %d", rep.Diags.Errors(), res.Diags.Errors())
	}
}

func TestCheckEditorial(t *testing.T) {
	s := sitetest.Write(t, `
-- config.yaml --
title: Test Clinic
timeZone: America/New_York
clinic:
  telephone: "+1-301-555-0142"   # fictional
  email: PLACEHOLDER
people:
  - {id: ed, name: Ed}
-- content/articles/no-review.md --
---
title: No review
date: 2026-01-02
description: d
author: ed
---
Text.
-- content/articles/no-author.md --
---
title: No author
date: 2026-01-02
description: d
reviewedBy: ed
lastReviewed: 2026-11-01
---
Text.
-- content/about.md --
---
title: About
summary: An explicit summary is enough.
---
Text.
-- content/contact.md --
---
title: Contact
---
Text.
-- content/articles/draft-later.md --
---
title: Later draft
date: 2027-03-01 10:00
draft: true
---
Text.
`)
	rep := build.Check(s.Root, build.Options{Now: sitetest.Now()})
	var got []string
	mine := map[string]bool{build.CodePlaceholder: true, build.CodeDraft: true, build.CodeScheduled: true,
		build.CodeExpired: true, build.CodeNoDescription: true, build.CodeNoReview: true, build.CodeNoAuthor: true}
	for _, d := range rep.Diags {
		if !mine[d.Code] {
			continue
		}
		got = append(got, d.Pos()+" "+d.Code+": "+d.Msg)
	}
	want := []string{
		"config.yaml:4:22 config-placeholder: fictional 555-01xx phone number still in config.yaml",
		"config.yaml:5:10 config-placeholder: value marked PLACEHOLDER: the clinic has not confirmed it",
		"content/articles/draft-later.md:4:8 skipped-draft: draft: this page is not published; once it is no longer a draft it will be published on 2027-03-01 10:00 EST",
		"content/articles/no-author.md:7:1 missing-author: no author: a health article should say who wrote it",
		"content/articles/no-review.md:6:1 missing-review: no medical review recorded: reviewedBy and lastReviewed are not set",
		"content/contact.md:3:1 missing-description: no description: search results and link previews will show the first paragraph instead",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("editorial diagnostics (-want +got):\n%s", diff)
	}
}

// TestCheckNoSite: a missing folder or config is one error, never a panic.
func TestCheckNoSite(t *testing.T) {
	for _, root := range []string{t.TempDir() + "/missing", t.TempDir()} {
		rep := build.Check(root, build.Options{Now: time.Now()})
		if !rep.Diags.HasErrors() || rep.Project != nil || len(rep.Pages) != 0 {
			t.Errorf("Check(%s) = %+v", root, rep)
		}
	}
}
