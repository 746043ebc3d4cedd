// Command wxr writes a synthetic WordPress export (WXR 1.2) for the
// import benchmark: N posts from package corpus (the build benchmark's
// articles, as classic-editor HTML with a heading, a table, a linked image
// and two comments each), plus one author, their categories and tags:
//
//	go run ./generator/bench/wxr [-posts 10000] [-o export.xml]
//
// 10,000 posts make about 100 MB. The measurement is a documented
// command (see README, Benchmarks): import it into a fresh site under
// /usr/bin/time -v, then build the result.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"os"
	"strings"

	"clinicgen/generator/bench/corpus"
)

func main() {
	posts := flag.Int("posts", 10000, "number of posts")
	out := flag.String("o", "export.xml", "output file")
	flag.Parse()
	if err := write(*out, *posts); err != nil {
		fmt.Fprintln(os.Stderr, "wxr:", err)
		os.Exit(1)
	}
}

func write(name string, n int) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark clinic</title>
<link>https://bench.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[writer]]></wp:author_login><wp:author_display_name><![CDATA[Bench Writer]]></wp:author_display_name></wp:author>
`)
	id := 0
	err = corpus.Generate(n, corpus.Defaults(), func(a corpus.Article) error {
		id++
		fm, body, _ := strings.Cut(strings.TrimPrefix(string(a.Text), "---\n"), "\n---\n")
		title, tags, cats := "", []string(nil), []string(nil)
		for _, l := range strings.Split(fm, "\n") {
			k, v, _ := strings.Cut(l, ":")
			v = strings.TrimSpace(v)
			switch k {
			case "title":
				title = strings.Trim(v, `"`)
			case "tags":
				tags = list(v)
			case "categories":
				cats = list(v)
			}
		}
		var content strings.Builder
		for _, p := range strings.Split(strings.TrimSpace(body), "\n\n") {
			if h, ok := strings.CutPrefix(p, "## "); ok {
				content.WriteString("<h2>" + html.EscapeString(h) + "</h2>\n\n")
				continue
			}
			content.WriteString(html.EscapeString(p) + "\n\n")
		}
		fmt.Fprintf(&content, "<table><tr><th>Day</th><th>Time</th></tr><tr><td>Monday</td><td>9 am</td></tr></table>\n\n")
		fmt.Fprintf(&content, "See <a href=\"https://bench.example.org/?p=%d\">the previous post</a>.\n", max(id-1, 1))
		fmt.Fprintf(w, "<item>\n<title><![CDATA[%s]]></title>\n<link>https://bench.example.org/%d/%s/</link>\n<dc:creator><![CDATA[writer]]></dc:creator>\n", title, 2015+id%10, a.Slug)
		fmt.Fprintf(w, "<content:encoded><![CDATA[%s]]></content:encoded>\n<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n", content.String())
		fmt.Fprintf(w, "<wp:post_id>%d</wp:post_id>\n<wp:post_date_gmt><![CDATA[%d-%02d-%02d 12:00:00]]></wp:post_date_gmt>\n<wp:post_name><![CDATA[%s]]></wp:post_name>\n<wp:status><![CDATA[publish]]></wp:status>\n<wp:post_type><![CDATA[post]]></wp:post_type>\n", id, 2015+id%10, 1+id%12, 1+id%28, a.Slug)
		for _, c := range cats {
			fmt.Fprintf(w, "<category domain=\"category\" nicename=\"%s\"><![CDATA[%s]]></category>\n", nice(c), c)
		}
		for _, t := range tags {
			fmt.Fprintf(w, "<category domain=\"post_tag\" nicename=\"%s\"><![CDATA[%s]]></category>\n", nice(t), t)
		}
		for c := 0; c < 2; c++ {
			fmt.Fprintf(w, "<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_content><![CDATA[%s]]></wp:comment_content></wp:comment>\n", id*10+c, strings.Repeat("Thank you for this article. ", 40))
		}
		_, err := w.WriteString("</item>\n")
		return err
	})
	if err != nil {
		f.Close()
		return err
	}
	w.WriteString("</channel>\n</rss>\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func list(v string) []string {
	v = strings.Trim(v, "[]")
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.Trim(strings.TrimSpace(s), `"`); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func nice(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "-")
}
