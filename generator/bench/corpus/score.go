package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
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

var (
	// relatedBlock is the related-posts block: what follows a heading that
	// says "Related", up to the end of the aside, section or nav.
	relatedBlock = regexp.MustCompile(`(?is)Related[^<]*</h[1-6]>(.*?)</(?:aside|section|nav)>`)
	// articleLink captures the slug of a link to /articles/<slug>/,
	// absolute or not, quoted or not (minified attributes lose quotes).
	articleLink = regexp.MustCompile(`href="?(?:https?://[^/"]+)?/articles/([^/"]+)/?"?`)
)

// Score reads each article's page, public/articles/<slug>/index.html, and
// counts the links in its related-posts block: the block that follows a
// heading containing "Related" up to the closing </aside>, </section> or
// </nav>. Links to the page itself or to pages not in topics are not
// counted. Articles without a page are skipped.
func Score(topics Topics, public fs.FS) (Scores, error) {
	var s Scores
	for _, slug := range topics.order {
		html, err := fs.ReadFile(public, path.Join("articles", slug, "index.html"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Scores{}, err
		}
		s.Pages++
		var links int
		if m := relatedBlock.FindSubmatch(html); m != nil {
			for _, l := range articleLink.FindAllSubmatch(m[1], -1) {
				other := string(l[1])
				t, ok := topics.topic[other]
				if other == slug || !ok {
					continue
				}
				links++
				if t == topics.topic[slug] {
					s.Hits++
				}
			}
		}
		if links == 0 {
			s.Empty++
		}
		s.Links += links
	}
	return s, nil
}
