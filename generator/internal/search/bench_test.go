package search

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"clinicgen/generator/bench/corpus"
	"clinicgen/generator/internal/markdown"
)

// benchTexts parses the benchmark's synthetic corpus of n articles (see
// generator/bench/corpus) into what the build hands Analyze.
func benchTexts(b *testing.B, n int) ([]Text, []string) {
	b.Helper()
	p := markdown.New(markdown.Options{})
	var texts []Text
	var urls []string
	err := corpus.Generate(n, corpus.Defaults(), func(a corpus.Article) error {
		doc, _ := p.Parse("content/articles/"+a.Slug+".md", a.Text)
		if doc == nil {
			return nil
		}
		var hs []string
		for _, h := range doc.Headings {
			hs = append(hs, h.Text)
		}
		texts = append(texts, Text{Title: doc.FM.Title, Description: doc.FM.Description, Headings: hs, Body: doc.Prose})
		urls = append(urls, "/articles/"+a.Slug+"/")
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return texts, urls
}

func gz(b *testing.B, data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Len()
}

// BenchmarkIndex1k analyses and indexes the 1,000-article bench corpus. It
// reports the time of each step, the index's size in bytes (raw and
// gzip -9, as the build's .gz copies are) and the bytes a first query
// downloads at most: the manifest, the largest term shard, and ten page
// shards (one per result shown, when no two share a shard).
//
//	go test ./generator/internal/search -run '^$' -bench Index1k -benchtime 5x
func BenchmarkIndex1k(b *testing.B) { benchIndex(b, 1000) }

// BenchmarkIndex10k is BenchmarkIndex1k with the 10,000-article corpus.
func BenchmarkIndex10k(b *testing.B) { benchIndex(b, 10000) }

func benchIndex(b *testing.B, n int) {
	texts, urls := benchTexts(b, n)
	b.ReportAllocs()
	var ix *Index
	for b.Loop() {
		es := make([]Entry, len(texts))
		var z Analyzer // one parse worker's
		for i, t := range texts {
			es[i] = Entry{URL: urls[i], Title: t.Title, Section: "Health articles", Excerpt: t.Description, Boost: true, Doc: z.Analyze(t)}
		}
		var err error
		ix, err = Build(es, Options{Dir: "search-index", Synonyms: DefaultSynonyms})
		if err != nil {
			b.Fatal(err)
		}
	}
	raw, zipped, manifest, term, page := 0, 0, 0, 0, 0
	for _, f := range ix.Files {
		z := gz(b, f.Data)
		raw += len(f.Data)
		zipped += z
		name := f.Path[strings.LastIndexByte(f.Path, '/')+1:]
		switch {
		case strings.HasPrefix(name, "manifest."):
			manifest = z
		case strings.HasPrefix(name, "t"):
			term = max(term, z)
		case strings.HasPrefix(name, "d"):
			page = max(page, z)
		}
	}
	b.ReportMetric(float64(raw), "index-bytes")
	b.ReportMetric(float64(zipped), "index-gz-bytes")
	b.ReportMetric(float64(manifest+term+min(10, ix.DocShards)*page), "first-query-gz-bytes")
	b.ReportMetric(float64(len(ix.Files)), "files")
}
