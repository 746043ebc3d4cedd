// Package sitetest is the integration-test harness: a small site written as
// a txtar archive goes in, a built site comes out to assert on, in the
// manner of Hugo's integration tests.
//
//	s := sitetest.Build(t, `
//	-- config.yaml --
//	title: Test
//	-- content/articles/a.md --
//	---
//	title: A
//	---
//	Hello.
//	`)
//	s.AssertOK()
//	s.AssertFile("articles/a/index.html", "<h1>A</h1>", "! tagged , ,")
//
// When the archive has no layouts/ (or no assets/) folder, the repository's
// default theme is copied in, so tests exercise the real theme. Edit and
// Rebuild support tests of incremental behaviour.
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
)

// Now is the fixed time every sitetest build runs at, so scheduled and
// expired pages are deterministic.
func Now() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }

// Site is one test site on disk with its last build.
type Site struct {
	t      testing.TB
	Root   string // the site root
	Public string // the destination
	Opt    build.Options
	Result *build.Result
}

// ThreeArticles is a small site with three dated articles, a home page
// and an articles section, laid out with the repository's theme (Write
// adds it): the dev server's tests edit it.
const ThreeArticles = `
-- config.yaml --
baseURL: https://clinic.example/
title: Test Clinic
timeZone: America/New_York
taxonomies: [tags, categories]
related:
  count: 5
-- content/_index.md --
---
title: Home
---
Welcome to the test clinic.
-- content/articles/_index.md --
---
title: Articles
---
Everything we wrote.
-- content/articles/alpha.md --
---
title: Alpha Article
date: 2026-01-10
tags: [sleep, stress]
---
Alpha body text about sleep and stress at night.
-- content/articles/beta.md --
---
title: Beta Article
date: 2026-02-10
tags: [sleep]
---
Beta body about sleep and rest after work.
-- content/articles/gamma.md --
---
title: Gamma Article
date: 2026-03-10
tags: [stress]
---
Gamma body about stress and sleep in winter.
`

// Clinic is a complete config.yaml (every recommended clinic fact set,
// two people, the default crisis lines) and the pages the theme links to
// from every site: contact, crisis resources, medical disclaimer, editorial
// policy and the services and articles sections.
const Clinic = clinicPages + `-- config.yaml --
baseURL: https://clinic.example/
title: Test Clinic
timeZone: America/New_York
health:
  mentalHealthTerms: [mental health, peer support]
clinic:
  name: Test Clinic LLC
  description: A neighbourhood clinic for tests.
  telephone: "+1-301-555-0100"
  email: info@clinic.example
  address: {streetAddress: "1 Main St", addressLocality: Bladensburg, addressRegion: MD, postalCode: "20710", addressCountry: US}
  geo: {latitude: 38.9393, longitude: -76.9336}
  hours:
    - {days: [Monday, Tuesday], opens: "08:00", closes: "18:00"}
  closures:
    - {name: Thanksgiving Day, date: 2026-11-26}
  medicalSpecialty: [PrimaryCare]
  acceptingNewPatients: true
people:
  - {id: writer, name: Wren Writer, credentials: RN, role: Health writer, bio: Writes our articles in plain words.}
  - {id: reviewer, name: Rae Reviewer, credentials: MD, role: Medical reviewer, bio: Checks every article.}
`

const clinicPages = `-- content/contact.md --
---
title: Contact us
---
Call or visit.
-- content/crisis-resources.md --
---
title: Crisis resources
---
Call or text 988.
-- content/medical-disclaimer.md --
---
title: Medical disclaimer
---
General information, not advice.
-- content/editorial-policy.md --
---
title: Editorial policy
---
How we write.
-- content/services/_index.md --
---
title: Services
---
What we offer.
-- content/articles/_index.md --
---
title: Articles
---
Health articles.
`

// MD is one content file of an archive: front matter lines, then body.
func MD(name, front, body string) string {
	return "-- content/" + name + " --\n---\n" + front + "---\n" + body + "\n"
}

// Write lays out the archive in a temporary site root without building.
func Write(t testing.TB, archive string) *Site {
	t.Helper()
	root := t.TempDir()
	ar := txtar.Parse([]byte(strings.TrimLeft(archive, "\n")))
	hasLayouts, hasAssets := false, false
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "layouts/") {
			hasLayouts = true
		}
		if strings.HasPrefix(f.Name, "assets/") {
			hasAssets = true
		}
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	repo := RepoRoot(t)
	if !hasLayouts {
		copyDir(t, filepath.Join(repo, "layouts"), filepath.Join(root, "layouts"))
	}
	if !hasAssets {
		copyDir(t, filepath.Join(repo, "assets"), filepath.Join(root, "assets"))
	}
	return &Site{t: t, Root: root, Public: filepath.Join(root, "public"), Opt: build.Options{Now: Now()}}
}

// Build writes the archive and builds it once with the default options.
func Build(t testing.TB, archive string) *Site {
	t.Helper()
	s := Write(t, archive)
	s.Rebuild()
	return s
}

// Rebuild builds the site again with s.Opt.
func (s *Site) Rebuild() *Site {
	s.t.Helper()
	s.Result = build.Run(s.Root, s.Public, s.Opt)
	return s
}

// Edit replaces (or creates) one file of the site; content "" deletes it.
func (s *Site) Edit(name, content string) *Site {
	s.t.Helper()
	p := filepath.Join(s.Root, filepath.FromSlash(name))
	if content == "" {
		if err := os.Remove(p); err != nil {
			s.t.Fatal(err)
		}
		return s
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
	return s
}

// Diags returns the last build's diagnostics.
func (s *Site) Diags() diag.List { return s.Result.Diags }

// AssertOK fails the test when the last build had errors.
func (s *Site) AssertOK() {
	s.t.Helper()
	if s.Result.Diags.HasErrors() {
		s.t.Fatalf("build failed:\n%s", s.Result.Diags.Err())
	}
}

// AssertFailed fails the test unless the last build had errors.
func (s *Site) AssertFailed() {
	s.t.Helper()
	if !s.Result.Diags.HasErrors() {
		s.t.Fatalf("build succeeded, want errors; diagnostics:\n%v", s.Result.Diags)
	}
}

// AssertDiag fails unless some diagnostic's "path:line: msg; fix" text
// contains every one of the given strings.
func (s *Site) AssertDiag(want ...string) {
	s.t.Helper()
	for _, d := range s.Result.Diags {
		text := d.Severity.String() + " " + d.Error()
		ok := true
		for _, w := range want {
			if !strings.Contains(text, w) {
				ok = false
				break
			}
		}
		if ok {
			return
		}
	}
	var all []string
	for _, d := range s.Result.Diags {
		all = append(all, d.Severity.String()+" "+d.Error())
	}
	s.t.Fatalf("no diagnostic contains %q; got:\n%s", want, strings.Join(all, "\n"))
}

// File returns an output file's content ("" and a test failure if missing).
func (s *Site) File(rel string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Public, filepath.FromSlash(rel)))
	if err != nil {
		s.t.Fatalf("output %s: %v", rel, err)
	}
	return string(b)
}

// Exists reports whether an output file exists.
func (s *Site) Exists(rel string) bool {
	_, err := os.Stat(filepath.Join(s.Public, filepath.FromSlash(rel)))
	return err == nil
}

// AssertFile checks an output file: each string must occur in it, or, when
// it starts with "! ", must not.
func (s *Site) AssertFile(rel string, matches ...string) {
	s.t.Helper()
	content := s.File(rel)
	for _, m := range matches {
		if neg, ok := strings.CutPrefix(m, "! "); ok {
			if strings.Contains(content, neg) {
				s.t.Errorf("%s contains %q, want it absent", rel, neg)
			}
			continue
		}
		if !strings.Contains(content, m) {
			s.t.Errorf("%s does not contain %q\n--- content:\n%s", rel, m, clip(content))
		}
	}
}

// AssertNoFile fails when an output file exists.
func (s *Site) AssertNoFile(rel string) {
	s.t.Helper()
	if s.Exists(rel) {
		s.t.Errorf("output %s exists, want it absent", rel)
	}
}

func clip(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "…"
	}
	return s
}

// RepoRoot returns the repository root (the folder holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Tree returns every file under dir as relative slash path → content.
func Tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func copyDir(t testing.TB, from, to string) {
	t.Helper()
	if _, err := os.Stat(from); err != nil {
		return
	}
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
