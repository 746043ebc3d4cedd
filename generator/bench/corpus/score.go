package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Topics maps an article's slug to its topic cluster.
type Topics struct {
	order []string // slugs in the table's order
	topic map[string]string
}

// ReadTopics reads a topics.tsv as [Write] makes it: one
// "<section>/<slug>.md<TAB>topic" line per article.
func ReadTopics(r io.Reader) (Topics, error) {
	t := Topics{topic: map[string]string{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		file, topic, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.Contains(topic, "\t") {
			return Topics{}, fmt.Errorf("topics.tsv:%d: want FILE<TAB>TOPIC, got %q", n, sc.Text())
		}
		slug := strings.TrimSuffix(path.Base(file), path.Ext(file))
		if _, dup := t.topic[slug]; !dup {
			t.order = append(t.order, slug)
		}
		t.topic[slug] = topic
	}
	return t, sc.Err()
}

// Scores describe the related-post lists of a built site.
type Scores struct {
	Pages int // article pages found
	Empty int // of those, pages with no related link to another article
	Links int // related links to other articles, in all
	Hits  int // of those, links to an article of the same topic
}

// MeanLen is the mean number of related links a page.
func (s Scores) MeanLen() float64 { return float64(s.Links) / float64(max(s.Pages, 1)) }

// Precision is the share of related links within the page's own topic.
func (s Scores) Precision() float64 { return float64(s.Hits) / float64(max(s.Links, 1)) }

func (s Scores) String() string {
	return fmt.Sprintf("pages=%d empty=%d mean_len=%.2f precision=%.3f", s.Pages, s.Empty, s.MeanLen(), s.Precision())
}

// articleLink captures the slug of a link to /articles/<slug>/, absolute or
// not.
var articleLink = regexp.MustCompile(`^(?:https?://[^/]+)?/articles/([^/]+)/?$`)

// Score reads each article's page, public/articles/<slug>/index.html, and
// counts the links in its related-posts block: the first element whose
// class list has "related" (as in <aside class="related">), whatever its
// markup inside. Links to the page itself or to pages not in topics are not
// counted. Articles without a page are skipped.
func Score(topics Topics, public fs.FS) (Scores, error) {
	var s Scores
	for _, slug := range topics.order {
		page, err := fs.ReadFile(public, path.Join("articles", slug, "index.html"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Scores{}, err
		}
		s.Pages++
		var links int
		for _, other := range RelatedLinks(page) {
			t, ok := topics.topic[other]
			if other == slug || !ok {
				continue
			}
			links++
			if t == topics.topic[slug] {
				s.Hits++
			}
		}
		if links == 0 {
			s.Empty++
		}
		s.Links += links
	}
	return s, nil
}

// RelatedLinks returns the slugs of the links to /articles/<slug>/ in the
// first element of page whose class list has "related", in order.
func RelatedLinks(page []byte) []string {
	z := html.NewTokenizer(bytes.NewReader(page))
	var (
		block string // the block's tag name, once found
		depth int    // open elements named block, while inside it
		slugs []string
	)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return slugs
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch {
			case depth == 0:
				if tt == html.StartTagToken && slices.Contains(strings.Fields(attr(tok, "class")), "related") {
					block, depth = tok.Data, 1
				}
			case tok.Data == "a":
				if m := articleLink.FindStringSubmatch(attr(tok, "href")); m != nil {
					slugs = append(slugs, m[1])
				}
			case tok.Data == block && tt == html.StartTagToken:
				depth++
			}
		case html.EndTagToken:
			if depth > 0 && z.Token().Data == block {
				if depth--; depth == 0 {
					return slugs
				}
			}
		}
	}
}

// attr returns the value of tok's attribute key, or "".
func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
