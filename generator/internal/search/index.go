package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"clinicgen/generator/internal/assets"
)

// Entry is one page to index.
type Entry struct {
	URL, Title string
	Section    string // shown under the title ("Health articles")
	Date       string // shown for articles ("March 3, 2026"); "" for none
	Excerpt    string // plain text shown as the snippet (description or summary)
	// Boost marks articles and services, which rank a little above term
	// and list pages with the same words.
	Boost bool
	Doc   *Doc
}

// Options shape the index.
type Options struct {
	// Dir is the output folder, e.g. "search-index".
	Dir string
	// Synonyms are groups of words or phrases that find each other.
	Synonyms [][]string
	// Lang is the pages' language (BCP 47): the stemmer and stop words
	// the synonyms are analysed with, which must be the pages'.
	Lang string
}

// File is one output file.
type File struct {
	Path string
	Data []byte
}

// Index is the built index: its files and the URL of the manifest the
// /search/ page names.
type Index struct {
	Files    []File
	Manifest string // root-relative URL
	// Terms and DocShards count the files of each kind.
	Terms, DocShards int
}

// BM25 parameters, and the boost of articles and services.
const (
	k1    = 1.2
	b     = 0.75
	boost = 1.15
)

// ShardBytes is the size (uncompressed JSON) past which a term shard is
// closed. A shard holds every key sharing its first two letters, so the
// browser finds a word, its prefix matches and its one-typo neighbours
// (whose first two letters are the word's) in one file.
const ShardBytes = 24 << 10

// DocsPerShard is how many pages' titles and snippets share one file: the
// browser fetches only the files holding the results it shows.
const DocsPerShard = 64

// MaxExcerpt caps the snippet text kept per page, in bytes.
const MaxExcerpt = 320

// Build makes the sharded index of entries. The output depends only on
// entries and o: the same input gives byte-identical files.
//
// Files (each name carries a hash of its content, see assets.Fingerprint):
//
//	manifest.<h>.json  {"v":1, "n": pages, "dps": DocsPerShard,
//	                    "d": [doc shard URLs], "t": [[first prefix, term shard URL]...],
//	                    "s": [stop words seen], "y": [synonym groups],
//	                    "l": language, only when not English}
//	t<i>.<h>.json      {"p": {stem: [surface, id, tf, id, tf...]}, "w": {word: stem}}
//	d<i>.<h>.json      [[url, title, section, date, excerpt], ...]
//
// Page ids are positions in URL order; in "p" they are delta-encoded. tf
// is the BM25 term-frequency part tf·(k1+1)/(tf+k1·(1−b+b·len/avglen)),
// times 1.15 for articles and services, times 10, rounded: the browser
// multiplies it by the idf it works out from the posting count.
func Build(entries []Entry, o Options) (*Index, error) {
	es := slices.Clone(entries)
	sort.SliceStable(es, func(i, j int) bool { return es[i].URL < es[j].URL })
	total := 0
	for _, e := range es {
		total += e.Doc.Len
	}
	avg := 1.0
	if len(es) > 0 && total > 0 {
		avg = float64(total) / float64(len(es))
	}
	type posting struct{ id, tf int32 }
	post := map[string][]posting{}
	forms := map[string]map[string]int{} // stem → surface → count
	words := map[string]string{}         // surface → stem, when different
	stops := map[string]bool{}
	form := func(stem, w string, n int) {
		if forms[stem] == nil {
			forms[stem] = map[string]int{}
		}
		forms[stem][w] += n
	}
	for id, e := range es {
		dl := float64(e.Doc.Len)
		for _, t := range e.Doc.terms {
			f := float64(t.weight)
			v := f * (k1 + 1) / (f + k1*(1-b+b*dl/avg))
			if e.Boost {
				v *= boost
			}
			post[t.stem] = append(post[t.stem], posting{int32(id), int32(max(1, int(math.Round(v*10))))})
			if t.self > 0 {
				form(t.stem, t.stem, int(t.self))
			}
		}
		for _, w := range e.Doc.words {
			st := e.Doc.terms[w.term].stem
			form(st, w.tok, int(w.count))
			words[w.tok] = st
		}
		for _, w := range e.Doc.stops {
			stops[w] = true
		}
	}
	// Group every key by its first two letters.
	groups := map[string]*shard{}
	group := func(k string) *shard {
		g := groups[prefix(k)]
		if g == nil {
			g = &shard{P: map[string][]any{}, W: map[string]string{}}
			groups[prefix(k)] = g
		}
		return g
	}
	for st, ps := range post {
		sort.Slice(ps, func(i, j int) bool { return ps[i].id < ps[j].id })
		row := make([]any, 0, 1+2*len(ps))
		row = append(row, bestForm(forms[st], st))
		last := 0
		for _, p := range ps {
			row = append(row, int(p.id)-last, int(p.tf))
			last = int(p.id)
		}
		group(st).P[st] = row
	}
	for w, st := range words {
		group(w).W[w] = st
	}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)

	ix := &Index{}
	add := func(name string, v any) (string, error) {
		data, err := marshal(v)
		if err != nil {
			return "", err
		}
		a, err := assets.Fingerprint(o.Dir+"/"+name, data, nil)
		if err != nil {
			return "", err
		}
		ix.Files = append(ix.Files, File{Path: a.Path, Data: a.Data})
		return a.URL, nil
	}
	man := manifest{V: 1, N: len(es), DPS: DocsPerShard, D: []string{}, T: [][2]string{}, S: []string{}, Y: synonyms(languageOf(o.Lang), o.Synonyms)}
	if l := languageOf(o.Lang); l != langEnglish {
		man.L = l.code
	}
	cur, first, size := (*shard)(nil), "", 0
	flush := func() error {
		if cur == nil {
			return nil
		}
		u, err := add(fmt.Sprintf("t%d.json", len(man.T)), cur)
		if err != nil {
			return err
		}
		man.T = append(man.T, [2]string{first, u})
		cur = nil
		return nil
	}
	for _, n := range names {
		g := groups[n]
		if cur == nil {
			cur, first, size = &shard{P: map[string][]any{}, W: map[string]string{}}, n, 0
		}
		for k, v := range g.P {
			cur.P[k] = v
			size += len(k) + 8 + 6*len(v)
		}
		for k, v := range g.W {
			cur.W[k] = v
			size += len(k) + len(v) + 6
		}
		if size >= ShardBytes {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	for i := 0; i < len(es); i += DocsPerShard {
		var rows [][5]string
		for _, e := range es[i:min(i+DocsPerShard, len(es))] {
			rows = append(rows, [5]string{e.URL, e.Title, e.Section, e.Date, clip(e.Excerpt, MaxExcerpt)})
		}
		u, err := add(fmt.Sprintf("d%d.json", len(man.D)), rows)
		if err != nil {
			return nil, err
		}
		man.D = append(man.D, u)
	}
	for w := range stops {
		man.S = append(man.S, w)
	}
	sort.Strings(man.S)
	u, err := add("manifest.json", man)
	if err != nil {
		return nil, err
	}
	ix.Manifest = u
	ix.Terms, ix.DocShards = len(man.T), len(man.D)
	return ix, nil
}

type shard struct {
	P map[string][]any  `json:"p"`
	W map[string]string `json:"w"`
}

type manifest struct {
	V   int         `json:"v"`
	N   int         `json:"n"`
	DPS int         `json:"dps"`
	D   []string    `json:"d"`
	T   [][2]string `json:"t"`
	S   []string    `json:"s"`
	Y   [][]phrase  `json:"y"`
	// L is the pages' language when it is not English ("es"): the
	// browser then also finds a word's stem by dropping up to three
	// final letters ("vacunas" → "vacun"), as Spanish words inflect more
	// than a plural -s.
	L string `json:"l,omitempty"`
}

// phrase is one member of a synonym group: its words as typed and their
// stems, so the browser matches it whether or not it can look a word up.
// A stop word's stem is "": it is matched as typed but not searched for.
type phrase struct {
	W []string `json:"w"`
	S []string `json:"s"`
}

func synonyms(l *language, groups [][]string) [][]phrase {
	out := [][]phrase{}
	for _, g := range groups {
		var ps []phrase
		for _, m := range g {
			p := phrase{W: []string{}, S: []string{}}
			Tokens(m, func(t string) bool {
				p.W = append(p.W, t)
				st := ""
				if !l.stop(t) {
					st = l.stem(t) // a stop word is in no page's postings
				}
				p.S = append(p.S, st)
				return true
			})
			if len(p.W) > 0 {
				ps = append(ps, p)
			}
		}
		if len(ps) > 1 {
			out = append(out, ps)
		}
	}
	return out
}

// marshal is JSON without HTML escaping (the files are data, fetched, never
// parsed as HTML) and without the trailing newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// prefix is a key's first two characters: its shard group.
func prefix(k string) string {
	n := 0
	for i := range k {
		if n == 2 {
			return k[:i]
		}
		n++
	}
	return k
}

// bestForm is the most used surface form of a stem (ties: the shortest,
// then the first in byte order), shown when suggesting a word.
func bestForm(forms map[string]int, stem string) string {
	best, n := stem, -1
	for w, c := range forms {
		if c > n || c == n && (len(w) < len(best) || len(w) == len(best) && w < best) {
			best, n = w, c
		}
	}
	return best
}

// clip shortens s to at most n bytes at a word boundary, adding "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > n/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,.;:") + "…"
}
