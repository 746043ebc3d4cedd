package scaffold

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/markdown"
)

func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	return loc
}

// TestNewArticle pins the whole file: front matter keys, comments and body.
func TestNewArticle(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f, err := New(Article, "Flu shots for adults", Site{Location: newYork(t), People: []string{"editors", "dr-lee"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	want := `---
title: Flu shots for adults
date: 2026-11-25           # publication date; a later date waits until that day
lastmod:                   # date of the last significant update, e.g. 2026-11-25
publishDate:               # optional: publish at this date instead of date
expiryDate:                # optional: take the page down from this date
draft: true                # set to false when the page is ready to publish
description: ""            # one or two sentences for search results and cards
summary: ""                # optional: list text; else the first paragraph
slug:                      # optional: the last part of the URL; else the file name
url:                       # optional: the whole URL path, e.g. /flu/
aliases: []                # old URLs that redirect here, e.g. [/old-page/]
tags: []                   # e.g. [peer support, mental health]
categories: []             # e.g. [Mental Health]
author:                    # who wrote it, one of: editors, dr-lee
reviewedBy:                # the clinician who reviewed it, one of: editors, dr-lee
lastReviewed:              # the date of that review, e.g. 2026-11-25
image:                     # share image for link previews, e.g. flu-shots-for-adults.svg next to this file
imageAlt: ""               # what the share image shows, in a short sentence
imageFocus:                # optional, for a photo: the part the share crop keeps, e.g. top
layout:                    # optional: a layout name; else the section's
translationKey:            # optional: links translations whose file names differ (see README, Languages)
params: {}                 # optional: your own values for layouts
---

Replace this paragraph with a short opening that tells the reader what this article is about and who it is for.

## A first section

Use ## for section headings: the title is the page's only top heading. Preview with generator serve. To publish (README.md, Publishing): set draft: false, run generator check and fix every error, then build.
`
	if f.Path != "content/articles/flu-shots-for-adults.md" {
		t.Errorf("Path = %q", f.Path)
	}
	if diff := cmp.Diff(want, string(f.Data)); diff != "" {
		t.Errorf("file mismatch (-want +got):\n%s", diff)
	}
}

// TestNewParses reads every kind of file back through the Markdown stage:
// no diagnostic, and the title comes back exactly as typed, however much
// YAML syntax it holds.
func TestNewParses(t *testing.T) {
	loc := newYork(t)
	// 03:00 UTC on the 26th is still the 25th in New York.
	now := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	titles := []struct{ title, want, file string }{
		{"Flu shots", "Flu shots", "flu-shots"},
		{"Diabetes: what to know", "Diabetes: what to know", "diabetes-what-to-know"},
		{"Yes", "Yes", "yes"},
		{"2026 vaccine schedule", "2026 vaccine schedule", "2026-vaccine-schedule"},
		{`Why "peer" support? #1 reason`, `Why "peer" support? #1 reason`, "why-peer-support-1-reason"},
		{"  Qué es la   depresión  ", "Qué es la depresión", "que-es-la-depresion"},
		{"- [x] & *star* {brace} 'quote' 50%", "- [x] & *star* {brace} 'quote' 50%", "x-star-brace-quote-50"},
		{"Index", "Index", "index-page"},
		{"Tab\there\nnewline", "Tab here newline", "tab-here-newline"},
	}
	dirs := map[Kind]string{Article: "content/articles/", Service: "content/services/", Page: "content/"}
	for _, k := range Kinds() {
		for _, tt := range titles {
			t.Run(string(k)+"/"+tt.file, func(t *testing.T) {
				f, err := New(k, tt.title, Site{Location: loc, People: []string{"a"}}, now)
				if err != nil {
					t.Fatal(err)
				}
				if want := dirs[k] + tt.file + ".md"; f.Path != want {
					t.Errorf("Path = %q, want %q", f.Path, want)
				}
				p := markdown.New(markdown.Options{Location: loc})
				doc, ds := p.Parse(f.Path, f.Data)
				if len(ds) > 0 {
					t.Fatalf("diagnostics on a new file:\n%v\n%s", ds, f.Data)
				}
				fm := doc.FM
				if fm.Title != tt.want {
					t.Errorf("title = %q, want %q", fm.Title, tt.want)
				}
				if !fm.Draft {
					t.Error("not a draft")
				}
				if got := fm.Date.Format("2006-01-02 15:04 MST"); got != "2026-11-25 00:00 EST" {
					t.Errorf("date = %s, want 2026-11-25 00:00 EST", got)
				}
				if fm.Description != "" || len(fm.Tags) != 0 || fm.Author != "" || fm.ReviewedBy != "" || !fm.LastReviewed.IsZero() {
					t.Errorf("fields to fill in are not empty: %+v", fm)
				}
				for _, key := range []string{"title", "date", "draft", "description", "tags", "categories", "author", "reviewedBy", "lastReviewed"} {
					if _, ok := fm.Lines[key]; !ok {
						t.Errorf("no %s key", key)
					}
				}
				if _, ok := fm.Lines["weight"]; ok != (k == Service) {
					t.Errorf("weight key present = %v, want %v", ok, k == Service)
				}
			})
		}
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		kind  Kind
		title string
		want  string
	}{
		{"post", "Hello", `unknown kind of page "post"`},
		{Article, "", "the title is empty"},
		{Article, " \t ", "the title is empty"},
		{Article, "💊 健康", "cannot make a file name from the title"},
		{Article, "\xff\xfe", "the title is empty"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.title, func(t *testing.T) {
			_, err := New(tt.kind, tt.title, Site{}, time.Now())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%q, %q) error = %v, want one containing %q", tt.kind, tt.title, err, tt.want)
			}
		})
	}
}

// TestNewNoPeople: a site without people still gets a usable comment, and
// a nil Location means UTC.
func TestNewNoPeople(t *testing.T) {
	f, err := New(Page, "About us", Site{}, time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"date: 2026-11-26 ", "one of: none yet: add people to config.yaml"} {
		if !strings.Contains(string(f.Data), want) {
			t.Errorf("file lacks %q:\n%s", want, f.Data)
		}
	}
}

// TestNewHasEveryREADMEKey: the file new writes has every key of the
// README's front matter reference (weight only for services; author, not
// its alternative authors), so the two
// cannot disagree; and its publishing hint follows the README's
// Publishing steps: draft: false first, then check, then build.
func TestNewHasEveryREADMEKey(t *testing.T) {
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "### Front matter reference")
	if start < 0 {
		t.Fatal("README.md has no Front matter reference section")
	}
	section := text[start:]
	if end := strings.Index(section[len("###"):], "\n#"); end >= 0 {
		section = section[:end+len("###")]
	}
	var keys []string
	row := regexp.MustCompile("(?m)^\\| ((?:`[A-Za-z]+`(?:, )?)+) \\|")
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		for _, k := range regexp.MustCompile("`([A-Za-z]+)`").FindAllStringSubmatch(m[1], -1) {
			keys = append(keys, k[1])
		}
	}
	if len(keys) < 15 {
		t.Fatalf("found only %d keys in the README table: %v", len(keys), keys)
	}
	for _, k := range Kinds() {
		f, err := New(k, "Flu shots", Site{}, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := markdown.New(markdown.Options{}).Parse(f.Path, f.Data)
		for _, key := range keys {
			if key == "authors" {
				// The plural is the way to name several authors instead
				// of author; a new file offers the one most pages need.
				continue
			}
			_, ok := doc.FM.Lines[key]
			if want := key != "weight" || k == Service; ok != want {
				t.Errorf("%s: key %s present = %v, want %v", k, key, ok, want)
			}
		}
		body := string(f.Data)
		d, c, b := strings.Index(body, "set draft: false"), strings.Index(body, "generator check"), strings.Index(body, "then build")
		if d < 0 || c < 0 || b < 0 || !(d < c && c < b) {
			t.Errorf("%s: the publishing hint is not draft: false, check, build in that order:\n%s", k, body)
		}
	}
	pub := text[strings.Index(text, "### Publishing"):]
	if d, c := strings.Index(pub, "draft: false"), strings.Index(pub, "check"); d < 0 || c < 0 || d > c {
		t.Errorf("README's Publishing steps no longer set draft: false before check; update the hint in New")
	}
}
