package related

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Weights multiply the three parts of a score. Negative, infinite and NaN
// weights count as 0.
type Weights struct {
	Tags    float64 // shared tags and categories, weighted by rarity
	Text    float64 // similar words in title, description and body
	Recency float64 // closeness in date; keep it small, it is a tie-break
}

// DefaultWeights returns the weights used when config.yaml sets none:
// tags and text count equally, recency only breaks near-ties.
func DefaultWeights() Weights { return Weights{Tags: 1, Text: 1, Recency: 0.05} }

func (w Weights) sane() Weights {
	fix := func(x float64) float64 {
		if x > 0 && x <= math.MaxFloat64 {
			return x
		}
		return 0
	}
	return Weights{Tags: fix(w.Tags), Text: fix(w.Text), Recency: fix(w.Recency)}
}

// Doc describes one document to Build or Query.
type Doc struct {
	// Key identifies the document, e.g. its content path; it breaks ties.
	Key string
	// Date is the publication date; the zero time means none.
	Date time.Time
	// Taxa are the document's taxonomy terms, each qualified by its taxonomy
	// so that a tag and a category of the same name differ, e.g.
	// "tags/peer-support", "categories/caregivers". Duplicates are ignored.
	Taxa []string
	// Text is Analyze(title, description, body).
	Text Terms
}

// tagPrior is added to Σw² of a document's taxa (see the package doc).
const tagPrior = 2.0

// tuning sizes the stored vectors and the candidate search.
type tuning struct {
	keepTerms  int // stems kept per document vector
	queryTerms int // heaviest stems of a document looked up
	postingCap int // entries kept per posting list, heaviest first
	candidates int // candidates scored exactly (at least 4n)
	exhaustive int // up to this many documents, score them all
	budget     int // most candidates found per search (see candidates); 0: no limit
}

func defaultTuning() tuning {
	return tuning{keepTerms: 64, queryTerms: 12, postingCap: 256, candidates: 64, exhaustive: 256, budget: 1024}
}

// smallKeepTerms is the number of stems kept per document vector on a site
// scored exhaustively: all of them for any article of ordinary length.
// Cutting vectors to their 64 heaviest stems is what lets a large site be
// searched through short posting lists; a small site needs no such cut,
// and on a few dozen pages, where idf is a rough estimate, the words a
// page uses a few times carry much of what two pages share.
const smallKeepTerms = 1024

// tuningFor returns the tuning Build uses for n documents.
func tuningFor(n int) tuning {
	t := defaultTuning()
	if n <= t.exhaustive {
		t.keepTerms = smallKeepTerms
	}
	return t
}

// Index holds the documents given to Build, ready for Related, All and
// Query.
type Index struct {
	w     Weights
	tune  tuning
	keys  []string
	days  []int32 // days since 1970-01-01 UTC
	dated []bool
	// byDate lists documents undated first, then by day, key and position;
	// datePos is the inverse.
	byDate, datePos []int32
	// tieRank orders documents of equal score: dated before undated, newer
	// first, then by key and position; byTie is the inverse.
	tieRank, byTie []int32

	vocab map[uint64]int32 // stem hash → term id
	idf   []float32
	text  rows // per document: term id and unit-vector weight, heaviest first
	tpost rows // per term: document and weight, heaviest first, capped

	taxa  map[string]int32 // taxon → taxon id
	taxw  []float32        // taxon weight w
	tags  rows             // per document: taxon id and normalised weight
	xpost rows             // per taxon: document and weight, heaviest first, capped
	// bitset[t] marks the documents of taxon t when xpost holds only some
	// of them (nil otherwise); tagInv[j] is 1/√(Σw² + tagPrior) of document j.
	bitset [][]uint64
	tagInv []float32

	scratch sync.Pool // *scratch
}

// entry is a term (or taxon) id with a weight in a document row, or a
// document number with a weight in a posting list.
type entry struct {
	id int32
	w  float32
}

// rows is a compressed sparse row table of entries.
type rows struct {
	start []int32
	e     []entry
}

func (r *rows) row(i int) []entry { return r.e[r.start[i]:r.start[i+1]] }

// newRows allocates rows with the given lengths.
func newRows(lens func(i int) int, n int) rows {
	r := rows{start: make([]int32, n+1)}
	for i := range n {
		r.start[i+1] = r.start[i] + int32(lens(i))
	}
	r.e = make([]entry, r.start[n])
	return r
}

// Len returns the number of documents.
func (ix *Index) Len() int { return len(ix.keys) }

// Build indexes docs with weights w. The documents' positions in docs are
// the Doc numbers in every Match.
func Build(docs []Doc, w Weights) *Index { return build(docs, w, tuningFor(len(docs))) }

func build(docs []Doc, w Weights, tune tuning) *Index {
	n := len(docs)
	ix := &Index{
		w:     w.sane(),
		tune:  tune,
		keys:  make([]string, n),
		days:  make([]int32, n),
		dated: make([]bool, n),
	}
	for i, d := range docs {
		ix.keys[i] = d.Key
		ix.days[i], ix.dated[i] = day(d.Date)
	}
	ix.sortByDate()
	ix.buildText(docs)
	ix.buildTaxa(docs)
	return ix
}

// day returns t as days since 1970-01-01 and whether t is set.
func day(t time.Time) (int32, bool) {
	if t.IsZero() {
		return 0, false
	}
	return int32(min(max(t.Unix()/86400, math.MinInt32), math.MaxInt32)), true
}

func (ix *Index) sortByDate() {
	n := len(ix.keys)
	ix.byDate = make([]int32, n)
	for i := range ix.byDate {
		ix.byDate[i] = int32(i)
	}
	slices.SortFunc(ix.byDate, func(a, b int32) int {
		if ix.dated[a] != ix.dated[b] {
			if ix.dated[a] {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(ix.days[a], ix.days[b]), cmp.Compare(ix.keys[a], ix.keys[b]), cmp.Compare(a, b))
	})
	ix.datePos = make([]int32, n)
	for p, i := range ix.byDate {
		ix.datePos[i] = int32(p)
	}
	ix.byTie = slices.Clone(ix.byDate)
	slices.SortFunc(ix.byTie, func(a, b int32) int {
		if ix.dated[a] != ix.dated[b] {
			if ix.dated[a] {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(ix.days[b], ix.days[a]), cmp.Compare(ix.keys[a], ix.keys[b]), cmp.Compare(a, b))
	})
	ix.tieRank = make([]int32, n)
	for r, i := range ix.byTie {
		ix.tieRank[i] = int32(r)
	}
}

func (ix *Index) buildText(docs []Doc) {
	n := len(docs)
	// Intern stems in document order so term ids are deterministic.
	ix.vocab = make(map[uint64]int32)
	ids := make([][]int32, n)
	var df []int32
	for i, d := range docs {
		ids[i] = make([]int32, len(d.Text.packed))
		for k, p := range d.Text.packed {
			h := p >> 16
			id, ok := ix.vocab[h]
			if !ok {
				id = int32(len(df))
				ix.vocab[h] = id
				df = append(df, 0)
			}
			df[id]++
			ids[i][k] = id
		}
	}
	ix.idf = make([]float32, len(df))
	for t, f := range df {
		ix.idf[t] = float32(math.Log(float64(n+1) / float64(f)))
	}
	// Document vectors, in parallel: tf·idf, unit length, heaviest kept.
	ix.text = newRows(func(i int) int { return min(len(docs[i].Text.packed), ix.tune.keepTerms) }, n)
	parallel(n, func(i int) {
		ix.vector(docs[i].Text, ids[i], ix.text.row(i))
	})
	ix.tpost = invert(&ix.text, len(df), ix.tune.postingCap)
}

// vector writes into row the heaviest len(row) stems of t with their
// unit-vector weights, heaviest first; ids are the stems' term ids, -1 for
// a stem unknown to the index. It returns the number of entries written.
func (ix *Index) vector(t Terms, ids []int32, row []entry) int {
	all := make([]entry, 0, len(ids))
	var norm float64
	for k, p := range t.packed {
		id := ids[k]
		if id < 0 {
			continue
		}
		w := float32(p&0xffff) * ix.idf[id]
		norm += float64(w) * float64(w)
		all = append(all, entry{id, w})
	}
	if norm == 0 {
		return 0
	}
	slices.SortFunc(all, func(a, b entry) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.id, b.id)) })
	inv := float32(1 / math.Sqrt(norm))
	m := copy(row, all)
	for k := range m {
		row[k].w *= inv
	}
	return m
}

func (ix *Index) buildTaxa(docs []Doc) {
	n := len(docs)
	ix.taxa = make(map[string]int32)
	ids := make([][]int32, n)
	var df []int32
	for i, d := range docs {
		for _, s := range d.Taxa {
			id, ok := ix.taxa[s]
			if !ok {
				id = int32(len(df))
				ix.taxa[s] = id
				df = append(df, 0)
			}
			ids[i] = append(ids[i], id)
		}
		slices.Sort(ids[i])
		ids[i] = slices.Compact(ids[i])
		for _, id := range ids[i] {
			df[id]++
		}
	}
	ix.taxw = make([]float32, len(df))
	for t, f := range df {
		ix.taxw[t] = float32(math.Log(1 + (float64(n-int(f))+0.5)/(float64(f)+0.5)))
	}
	ix.tags = newRows(func(i int) int { return len(ids[i]) }, n)
	for i := range ids {
		row := ix.tags.row(i)
		for k, id := range ids[i] {
			row[k].id = id
		}
		ix.tagVector(row)
	}
	ix.xpost = invert(&ix.tags, len(df), ix.tune.postingCap)
	ix.bitset = make([][]uint64, len(df))
	for t, f := range df {
		if int(f) > ix.tune.postingCap {
			ix.bitset[t] = make([]uint64, (n+63)/64)
		}
	}
	ix.tagInv = make([]float32, n)
	for j := range n {
		for _, e := range ix.tags.row(j) {
			if b := ix.bitset[e.id]; b != nil {
				b[j>>6] |= 1 << (j & 63)
			}
			ix.tagInv[j] = e.w / ix.taxw[e.id]
		}
	}
}

// tagVector sets the normalised weights of the taxa in row.
func (ix *Index) tagVector(row []entry) {
	norm := tagPrior
	for _, e := range row {
		w := float64(ix.taxw[e.id])
		norm += w * w
	}
	inv := float32(1 / math.Sqrt(norm))
	for k, e := range row {
		row[k].w = ix.taxw[e.id] * inv
	}
}

// invert turns per-document rows into per-term posting lists, each ordered
// by postingLess and cut to postingCap entries.
func invert(docs *rows, terms, postingCap int) rows {
	count := make([]int, terms)
	for _, e := range docs.e {
		count[e.id]++
	}
	full := newRows(func(t int) int { return count[t] }, terms)
	fill := slices.Clone(full.start[:terms])
	for d := range len(docs.start) - 1 {
		for _, e := range docs.row(d) {
			full.e[fill[e.id]] = entry{int32(d), e.w}
			fill[e.id]++
		}
	}
	out := newRows(func(t int) int { return min(count[t], postingCap) }, terms)
	parallel(terms, func(t int) {
		p := full.row(t)
		k := min(len(p), postingCap)
		if len(p) > k {
			selectTop(p, k, postingLess)
		}
		p = p[:k]
		slices.SortFunc(p, func(a, b entry) int {
			if postingLess(a, b) {
				return -1
			}
			return 1
		})
		copy(out.row(t), p)
	})
	return out
}

// postingLess orders postings heaviest first. Equal weights (common for
// taxa, whose weight depends only on the document's number of terms) are
// ordered by a hash of the document number, so that a capped list samples
// the whole site rather than the first documents in path order.
func postingLess(a, b entry) bool {
	if a.w != b.w {
		return a.w > b.w
	}
	ha, hb := mix32(uint32(a.id)), mix32(uint32(b.id))
	return ha < hb
}

// mix32 is a bijective 32-bit hash (the murmur3 finaliser).
func mix32(x uint32) uint32 {
	x ^= x >> 16
	x *= 0x85ebca6b
	x ^= x >> 13
	x *= 0xc2b2ae35
	x ^= x >> 16
	return x
}

// selectTop reorders s so that its k smallest elements under less come
// first, in no particular order. less must be a strict total order.
func selectTop[T any](s []T, k int, less func(a, b T) bool) {
	lo, hi := 0, len(s)-1
	for lo < hi {
		// median of three as pivot, moved to hi
		mid := lo + (hi-lo)/2
		if less(s[mid], s[lo]) {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if less(s[hi], s[lo]) {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if less(s[mid], s[hi]) {
			s[mid], s[hi] = s[hi], s[mid]
		}
		pivot := s[hi]
		p := lo
		for i := lo; i < hi; i++ {
			if less(s[i], pivot) {
				s[i], s[p] = s[p], s[i]
				p++
			}
		}
		s[p], s[hi] = s[hi], s[p]
		switch {
		case p == k || p == k-1:
			return
		case p < k:
			lo = p + 1
		default:
			hi = p - 1
		}
	}
}

// parallel calls f(0) … f(n-1) on all cores.
func parallel(n int, f func(i int)) {
	chunks(n, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			f(i)
		}
	})
}

// workers returns how many goroutines chunks uses for n items.
func workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), (n+chunkSize-1)/chunkSize)) }

const chunkSize = 64

// chunks calls f on consecutive ranges [lo, hi) covering [0, n) on
// workers(n) goroutines; w in [0, workers(n)) says which one is calling.
func chunks(n int, f func(w, lo, hi int)) {
	nw := workers(n)
	if nw == 1 {
		if n > 0 {
			f(0, 0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range nw {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunkSize)) - chunkSize
				if lo >= n {
					return
				}
				f(w, lo, min(lo+chunkSize, n))
			}
		})
	}
	wg.Wait()
}
