package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// benchArticle returns a realistic article: full front matter and about
// 1,200 words of body with sections, lists, links to other pages and to other
// sites, an image, a table, a blockquote and a footnote. It is deterministic.
func benchArticle() string {
	words := strings.Fields(`you your doctor visit video call camera phone laptop quiet room light
		questions medicines list allergies symptoms notes pharmacy insurance card portal login
		before during after the a and of to in is for with that can are help may our when
		they about also time minutes plan follow-up care nurse test results blood pressure
		sleep food water family caregiver support write check ask bring share speak clearly`)
	seed := uint32(1)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	sentence := func() string {
		n := 8 + rnd(9)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[rnd(len(words))]
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	paragraph := func() string {
		var ss []string
		for range 3 + rnd(3) {
			ss = append(ss, sentence())
		}
		return strings.Join(ss, " ")
	}
	var b strings.Builder
	b.WriteString(`---
title: How to Prepare for Your Telemedicine Visit
date: 2024-05-01
lastmod: 2024-06-01 09:30
description: Simple steps to get ready for a video visit with your clinician, from testing your camera to listing your questions.
tags: [telemedicine, adults, preventive care]
categories: [Telemedicine]
author: clinic-editorial-team
reviewedBy: medical-reviewer
lastReviewed: 2024-06-01
image: telemedicine.svg
imageAlt: A patient talks with a clinician on a laptop
---
`)
	b.WriteString(paragraph() + "\n\n<!--more-->\n\n")
	for s := 1; s <= 5; s++ {
		fmt.Fprintf(&b, "## Step %d: %s\n\n", s, strings.TrimSuffix(sentence(), "."))
		b.WriteString(paragraph() + " Learn more on our [telemedicine page](../services/telemedicine.md).\n\n")
		b.WriteString(paragraph() + " The [CDC](https://www.cdc.gov/) has *more* **advice**.\n\n")
		switch s {
		case 1:
			b.WriteString("![A laptop on a table with a notepad](laptop.svg)\n\n")
		case 2:
			b.WriteString("| What | Why |\n|---|---|\n| Card | Billing |\n| Medicines | Safety |\n| Questions | Time |\n\n")
		case 3:
			b.WriteString("> " + sentence() + "\n\n")
		case 4:
			b.WriteString("It helps to write things down[^1].\n\n")
		}
		fmt.Fprintf(&b, "### Checklist %d\n\n", s)
		for range 4 {
			b.WriteString("- " + sentence() + "\n")
		}
		b.WriteString("\n" + paragraph() + "\n\n")
	}
	b.WriteString("[^1]: A paper list works as well as an app.\n")
	return b.String()
}

func TestBenchArticleIsRealistic(t *testing.T) {
	a := benchArticle()
	body := a[strings.Index(a[4:], "---\n")+8:]
	if n := len(strings.Fields(body)); n < 1100 || n > 1400 {
		t.Errorf("bench article has %d words, want about 1,200", n)
	}
	d, ds := New(Options{ResolveImage: caseImage}).Parse(testPath, []byte(a))
	if d == nil || len(ds) != 0 {
		t.Fatalf("bench article must parse cleanly: %v", ds)
	}
}

func BenchmarkParse(b *testing.B) {
	src := []byte(benchArticle())
	p := New(Options{ResolveImage: caseImage})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := p.Parse(testPath, src)
		if d == nil {
			b.Fatal("no Doc")
		}
	}
}

func BenchmarkParseParallel(b *testing.B) {
	src := []byte(benchArticle())
	p := New(Options{ResolveImage: caseImage})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if d, _ := p.Parse(testPath, src); d == nil {
				b.Error("no Doc")
				return
			}
		}
	})
}

func BenchmarkResolve(b *testing.B) {
	d, _ := New(Options{ResolveImage: caseImage}).Parse(testPath, []byte(benchArticle()))
	b.ReportAllocs()
	for b.Loop() {
		d.Resolve(caseURL)
	}
}

func BenchmarkCleanBody(b *testing.B) {
	src := []byte(benchArticle())
	st := &state{p: New(Options{}), path: testPath}
	fb, ok := st.scanFront(src)
	if !ok {
		b.Fatal("no front matter")
	}
	b.SetBytes(int64(len(src) - fb.gend))
	for b.Loop() {
		st.gsrc, st.bodyStart = fb.gsrc, fb.gend
		st.cleanBody()
	}
}

// BenchmarkGoldmarkBare is the floor for BenchmarkParse: goldmark alone
// with the same extensions (goldmark-meta as it comes, decoding the YAML
// twice), parsing and rendering the same article, without any of this
// package's checks, facts or copies.
func BenchmarkGoldmarkBare(b *testing.B) {
	src := []byte(benchArticle())
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typographic())), meta.Meta),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	var buf bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		pc := parser.NewContext()
		root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
		if _, err := meta.TryGet(pc); err != nil {
			b.Fatal(err)
		}
		if err := md.Renderer().Render(&buf, src, root); err != nil {
			b.Fatal(err)
		}
	}
}
