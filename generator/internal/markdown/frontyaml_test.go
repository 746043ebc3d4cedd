package markdown

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// yamlTricky are front matter blocks where decoding into a map and into a
// yaml.MapSlice can part ways: not a map at all, keys that are not text or
// cannot be map keys, merge keys, aliases, nulls, broken YAML.
var yamlTricky = []string{
	"---\n---\n",
	"---\n\n---\n",
	"---\n~\n---\n",
	"---\nnull\n---\n",
	"---\n# only a comment\n---\n",
	"---\n- a\n- b\n---\n",
	"---\njust text\n---\n",
	"---\n42\n---\n",
	"---\n1: one\ntrue: yes\n~: nothing\n---\n",
	"---\n? [a, b]\n: c\n---\n",
	"---\n? {a: b}\n: c\n---\n",
	"---\nparams:\n  ? [a]\n  : b\n---\n",
	"---\nparams: {[a]: b}\n---\n",
	"---\nbase: &b {x: 1}\nparams:\n  <<: *b\n  y: 2\n---\n",
	"---\n<<: {title: T}\n---\n",
	"---\n<<: [1, 2]\n---\n",
	"---\n<<: scalar\n---\n",
	"---\ntitle: *nope\n---\n",
	"---\na: &a [1, 2]\nb: *a\n---\n",
	"---\ntitle: a: b\n---\n",
	"---\ntitle: \"open\n---\n",
	"---\n\ttitle: tab\n---\n",
	"---\ntitle: T\ntitle: U\n---\n",
	"---\n!!map {a: b}\n---\n",
	"---\n!!str {a: b}\n---\n",
	"---\ntitle: !!binary aGVsbG8=\n---\n",
	"---\n---\n---\n",
	"--- \ntitle: T\n---\n",
}

// checkFrontParser compares frontParser with goldmark-meta itself: the
// map and the error must be the same.
func checkFrontParser(t *testing.T, src []byte) {
	t.Helper()
	pc := parser.NewContext()
	goldmark.New(goldmark.WithExtensions(meta.Meta)).Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	m, err := meta.TryGet(pc)
	want := fmt.Sprintf("%#v\nerror: %v", m, err)

	key := parser.NewContextKey()
	ours := goldmark.New(goldmark.WithParserOptions(parser.WithBlockParsers(
		util.Prioritized(frontParser{BlockParser: meta.NewParser(), key: key}, 0))))
	pc = parser.NewContext()
	st := &state{}
	pc.Set(key, st)
	ours.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	got := fmt.Sprintf("%#v\nerror: %v", st.yaml, st.yamlErr)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%q: frontParser differs from goldmark-meta (-meta +ours):\n%s", src, diff)
	}
}

// TestFrontParserMatchesMeta checks that decoding the YAML once gives what
// goldmark-meta's two decodes give, for every front matter case.
func TestFrontParserMatchesMeta(t *testing.T) {
	srcs := yamlTricky
	for _, tc := range frontMatterCases(t) {
		srcs = append(srcs, tc.src)
	}
	srcs = append(srcs, benchArticle())
	for _, src := range srcs {
		checkFrontParser(t, []byte(src))
	}
}

// FuzzFrontParser compares frontParser with goldmark-meta on any input.
func FuzzFrontParser(f *testing.F) {
	for _, src := range yamlTricky {
		f.Add([]byte(src))
	}
	for _, tc := range frontMatterCases(f) {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFrontParser(t, src)
	})
}

// TestYAMLSource checks that the block text is what goldmark-meta joins,
// also for lines that are not plain neighbours in the source.
func TestYAMLSource(t *testing.T) {
	src := []byte("a: 1\nb: 2\nc: 3\n")
	seg := func(start, stop, padding int, nl bool) text.Segment {
		return text.Segment{Start: start, Stop: stop, Padding: padding, ForceNewline: nl}
	}
	for _, segs := range [][]text.Segment{
		nil,
		{seg(0, 5, 0, false), seg(5, 10, 0, false), seg(10, 15, 0, false)},
		{seg(0, 5, 0, false), seg(10, 15, 0, false)},
		{seg(0, 5, 2, false), seg(5, 10, 0, false)},
		{seg(0, 4, 0, true), seg(5, 9, 0, true)},
	} {
		lines := text.NewSegments()
		var want []byte
		for _, s := range segs {
			lines.Append(s)
			want = append(want, s.Value(src)...)
		}
		if got := yamlSource(lines, src); string(got) != string(want) {
			t.Errorf("yamlSource(%v) = %q, want %q", segs, got, want)
		}
	}
}
