package markdown

import (
	stdhtml "html"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// collapseRef is what collapse must return.
func collapseRef(b []byte) string { return strings.Join(strings.Fields(string(b)), " ") }

// collectIDsRef is the straightforward scan collectIDs must agree with.
func collectIDsRef(h []byte, allow bool) []string {
	var ids []string
	s := string(h)
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "id=")
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if at == 0 || i >= len(s) || !strings.ContainsRune(" \n\t", rune(s[at-1])) {
			continue
		}
		q := s[i]
		if q != '"' && !(allow && q == '\'') {
			continue
		}
		k := strings.IndexByte(s[i+1:], q)
		if k < 0 {
			break
		}
		ids = append(ids, stdhtml.UnescapeString(s[i+1:i+1+k]))
		i += k + 2
	}
	return ids
}

// textPieces are the bits random inputs are made of: white space of every
// kind, the parts of an id attribute, entities and invalid UTF-8.
var textPieces = []string{"a", "é", "word", " ", "  ", "\t", "\n", "\n\n", "\v", "\f", "\r",
	"\u00a0", "\u0085", "\u2003", "\u3000", "\xff", "\xe2\x80", "i", "d", "=", `"`, "'",
	"id=", ` id="`, " id='", `<h2 id="x">`, "&amp;", "&#39;", "<", ">"}

func randomText(r *rand.Rand) []byte {
	var b strings.Builder
	for range r.IntN(24) {
		b.WriteString(textPieces[r.IntN(len(textPieces))])
	}
	return []byte(b.String())
}

func TestCollapse(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a  b", "a\tb", "a \n b", "\u00a0a\u2003b\u3000",
		"a\xffb  \xe2\x80 c", "already collapsed text", "trailing ", " leading"} {
		if got, want := collapse([]byte(s)), collapseRef([]byte(s)); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		b := randomText(r)
		if got, want := collapse(b), collapseRef(b); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", b, got, want)
		}
	}
}

func TestCollectIDs(t *testing.T) {
	d, _ := New(Options{ResolveImage: caseImage}).Parse(testPath, []byte(benchArticle()))
	inputs := [][]byte{d.HTML, []byte(`<h2 id="a">A</h2><p id='b' x id="c&amp;d"></p>id="no"`)}
	r := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		inputs = append(inputs, randomText(r))
	}
	for _, h := range inputs {
		for _, allow := range []bool{false, true} {
			want := collectIDsRef(h, allow)
			heads := []Heading{{ID: "x"}, {ID: "a"}}
			if diff := cmp.Diff(want, collectIDs(h, allow, heads), cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("collectIDs(%q, %v) (-want +got):\n%s", h, allow, diff)
			}
		}
	}
}
