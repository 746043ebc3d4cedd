package related

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Match is one related document with its score broken into parts. The
// parts are already multiplied by their weights: Score = Tags + Text +
// Recency.
type Match struct {
	Doc                        int // position in the docs given to Build
	Score, Tags, Text, Recency float64
}

// Explain returns the score and its parts on one line, for a debug view:
// "score 1.234 = tags 0.800 + text 0.400 + recency 0.034".
func (m Match) Explain() string {
	return fmt.Sprintf("score %.3f = tags %.3f + text %.3f + recency %.3f", m.Score, m.Tags, m.Text, m.Recency)
}

// query is a document as the search sees it.
type query struct {
	self    int     // position in the index, or -1 for an outside document
	terms   []entry // text vector, heaviest first
	taxa    []entry // taxa vector
	day     int32
	dated   bool
	datePos int // where the document sorts among byDate
}

// scratch is one goroutine's working memory for one search at a time.
type scratch struct {
	cand    []slot  // per document
	epoch   uint32  // cand[j].mark == epoch: j is a candidate of this search
	touched []int32 // candidates in the order found
	keys    []uint64
	dense   []float32 // query weight per term id
	tdense  []float32 // query weight per taxon id
	found   []Match
	common  []common
	sink    uint32 // keeps the loads of warm
}

// common is a capped taxon of the query: its documents and the weighted
// query-side factor of its tag score.
type common struct {
	bits []uint64
	w    float32
}

// slot is a document's place in a search: whether it is a candidate, and
// its partial score, next to each other so that a posting visits one
// word of memory.
type slot struct {
	mark uint32
	acc  float32 // partial score, when a candidate (see candidates)
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.scratch.Get().(*scratch); ok {
		return s
	}
	return &scratch{
		cand:   make([]slot, ix.Len()),
		dense:  make([]float32, len(ix.idf)),
		tdense: make([]float32, len(ix.taxw)),
	}
}

// Related returns up to n documents related to document i, best first,
// excluding i itself: min(n, Len()-1) of them. It returns nil if i is out of
// range or n <= 0.
func (ix *Index) Related(i, n int) []Match {
	if i < 0 || i >= ix.Len() || n <= 0 {
		return nil
	}
	s := ix.getScratch()
	defer ix.scratch.Put(s)
	return ix.search(s, ix.docQuery(i), n, nil)
}

// All returns Related(i, n) for every document, computed on all cores.
func (ix *Index) All(n int) [][]Match {
	out := make([][]Match, ix.Len())
	if n <= 0 || ix.Len() < 2 {
		return out
	}
	m := min(n, ix.Len()-1)
	slab := make([]Match, ix.Len()*m)
	scratch := make([]*scratch, workers(ix.Len()))
	for w := range scratch {
		scratch[w] = ix.getScratch()
	}
	// Visit documents grouped by their heaviest stem: consecutive searches
	// then walk the same posting lists and meet the same candidates, which
	// stay in the CPU caches. The order does not change any result.
	order := make([]int32, ix.Len())
	for i := range order {
		order[i] = int32(i)
	}
	first := func(i int32) int32 {
		if row := ix.text.row(int(i)); len(row) > 0 {
			return row[0].id
		}
		return -1
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(first(a), first(b)) })
	chunks(ix.Len(), func(w, lo, hi int) {
		for _, i := range order[lo:hi] {
			out[i] = ix.search(scratch[w], ix.docQuery(int(i)), n, slab[int(i)*m:int(i)*m:(int(i)+1)*m])
		}
	})
	for _, s := range scratch {
		ix.scratch.Put(s)
	}
	return out
}

// Query returns up to n documents of the index closest to d, an outside
// document (for instance the service pages closest to an article): min(n,
// Len()) of them, best first. The stems and taxa of d that the index has
// never seen are ignored. Like Related it fills the list with the documents
// nearest in date when fewer share anything with d; callers that want only
// similar documents can drop matches whose Tags and Text are both 0.
func (ix *Index) Query(d Doc, n int) []Match {
	if n <= 0 || ix.Len() == 0 {
		return nil
	}
	q := query{self: -1}
	ids := make([]int32, len(d.Text.packed))
	for k, p := range d.Text.packed {
		id, ok := ix.vocab[p>>16]
		if !ok {
			id = -1
		}
		ids[k] = id
	}
	q.terms = make([]entry, min(len(ids), ix.tune.keepTerms))
	q.terms = q.terms[:ix.vector(d.Text, ids, q.terms)]
	for _, t := range d.Taxa {
		if id, ok := ix.taxa[t]; ok {
			q.taxa = append(q.taxa, entry{id: id})
		}
	}
	slices.SortFunc(q.taxa, func(a, b entry) int { return cmp.Compare(a.id, b.id) })
	q.taxa = slices.Compact(q.taxa)
	ix.tagVector(q.taxa)
	q.day, q.dated = day(d.Date)
	q.datePos = sort.Search(ix.Len(), func(p int) bool {
		j := ix.byDate[p]
		if ix.dated[j] != q.dated {
			return ix.dated[j]
		}
		return ix.days[j] >= q.day
	})
	s := ix.getScratch()
	defer ix.scratch.Put(s)
	return ix.search(s, q, n, nil)
}

func (ix *Index) docQuery(i int) query {
	return query{
		self: i, terms: ix.text.row(i), taxa: ix.tags.row(i),
		day: ix.days[i], dated: ix.dated[i], datePos: int(ix.datePos[i]),
	}
}

// search appends the n best matches for q to out.
func (ix *Index) search(s *scratch, q query, n int, out []Match) []Match {
	s.epoch++
	if s.epoch == 0 { // wrapped around: forget every old mark
		clear(s.cand)
		s.epoch = 1
	}
	s.touched = s.touched[:0]
	if ix.Len() <= ix.tune.exhaustive {
		// A small site: score every document.
		for j := range ix.Len() {
			if j != q.self {
				s.touched = append(s.touched, int32(j))
			}
		}
	} else {
		ix.candidates(s, q, n)
	}

	// Exact scores.
	for _, e := range q.terms {
		s.dense[e.id] = e.w
	}
	for _, e := range q.taxa {
		s.tdense[e.id] = e.w
	}
	ix.warm(s)
	s.found = s.found[:0]
	for _, j := range s.touched {
		s.found = append(s.found, ix.score(s, q, int(j)))
	}
	for _, e := range q.terms {
		s.dense[e.id] = 0
	}
	for _, e := range q.taxa {
		s.tdense[e.id] = 0
	}
	less := func(a, b Match) bool { return ix.compare(a, b) < 0 }
	if len(s.found) > n {
		selectTop(s.found, n, less)
		s.found = s.found[:n]
	}
	slices.SortFunc(s.found, ix.compare)
	return append(out, s.found...)
}

// candidates fills s.touched with the documents worth scoring exactly for q.
func (ix *Index) candidates(s *scratch, q query, n int) {
	if q.self >= 0 {
		// The document itself is a candidate while the lists are walked
		// (so it needs no check there) and is removed right after.
		s.cand[q.self] = slot{s.epoch, 0}
		s.touched = append(s.touched, int32(q.self))
	}

	// Candidates come from the posting lists of the heaviest stems and of
	// the taxa. Their partial score is the text score over the walked
	// (capped) posting lists plus the exact tag score. The capped posting
	// list of a common taxon holds only a sample of its documents; crediting
	// the sample would let it outrank the taxon's other documents found
	// through the text, so common taxa are credited through their bitsets to
	// every candidate, and their lists are walked only when the rest found
	// too few candidates.
	wText, wTags := float32(ix.w.Text), float32(ix.w.Tags)
	budget := ix.tune.budget
	if budget <= 0 {
		budget = math.MaxInt
	}
	visit := func(post []entry, qw float32) {
		for _, p := range post {
			c := &s.cand[p.id]
			if c.mark != s.epoch {
				if len(s.touched) >= budget {
					continue
				}
				c.mark, c.acc = s.epoch, 0
				s.touched = append(s.touched, p.id)
			}
			c.acc += qw * p.w
		}
	}
	// A part with weight 0 cannot rank anything, so it finds no candidates.
	// At most budget candidates are found (see the package doc, Speed):
	// lists are walked rare taxa first, then stems heaviest first, and once
	// the budget is spent a list only adds to the partial scores of the
	// candidates already found.
	s.common = s.common[:0]
	for _, t := range q.taxa {
		if wTags == 0 {
			break
		}
		if b := ix.bitset[t.id]; b != nil {
			s.common = append(s.common, common{b, wTags * t.w * ix.taxw[t.id]})
		} else {
			visit(ix.xpost.row(int(t.id)), wTags*t.w)
		}
	}
	if wText > 0 {
		for _, t := range q.terms[:min(len(q.terms), ix.tune.queryTerms)] {
			visit(ix.tpost.row(int(t.id)), wText*t.w)
		}
	}
	limit := max(ix.tune.candidates, 4*n)
	if len(s.common) > 0 && len(s.touched) <= limit {
		for _, t := range q.taxa {
			if ix.bitset[t.id] != nil {
				visit(ix.xpost.row(int(t.id)), 0)
			}
		}
	}
	if q.self >= 0 { // replace the document itself by the last candidate
		last := len(s.touched) - 1
		s.touched[0] = s.touched[last]
		s.touched = s.touched[:last]
	}
	if len(s.common) > 0 {
		for _, j := range s.touched {
			var w float32
			for _, c := range s.common {
				if c.bits[j>>6]&(1<<(j&63)) != 0 {
					w += c.w
				}
			}
			if w != 0 {
				s.cand[j].acc += w * ix.tagInv[j]
			}
		}
	}
	if len(s.touched) > limit {
		ix.keepBest(s, limit)
	}
	if len(s.touched) < n {
		ix.fillByDate(s, q, n)
	}
}

// warm reads one word of every cache line of the rows the exact scores of
// s.touched will read, in a loop whose loads do not wait on each other, so
// that the CPU fetches many rows from memory at once. On a large site the
// rows are far out of the CPU caches and scoring them one after the other
// would wait for each in turn.
func (ix *Index) warm(s *scratch) {
	const perLine = 64 / 8 // entries per 64-byte cache line
	var x uint32
	for _, j := range s.touched {
		row := ix.text.row(int(j))
		for k := 0; k < len(row); k += perLine {
			x |= uint32(row[k].id)
		}
		if tags := ix.tags.row(int(j)); len(tags) > 0 {
			x |= uint32(tags[0].id)
		}
	}
	s.sink = x
}

// tagScore is the unweighted tag part of document j's score; s.tdense holds
// the query's taxa.
func (ix *Index) tagScore(s *scratch, j int) float32 {
	var sum float32
	for _, e := range ix.tags.row(j) {
		sum += s.tdense[e.id] * e.w
	}
	return sum
}

// score computes the exact score of document j for q; s.dense and s.tdense
// hold q's vectors.
func (ix *Index) score(s *scratch, q query, j int) Match {
	var text float64
	for _, e := range ix.text.row(j) {
		text += float64(s.dense[e.id]) * float64(e.w)
	}
	tags := float64(ix.tagScore(s, j))
	var rec float64
	if q.dated && ix.dated[j] {
		years := math.Abs(float64(q.day)-float64(ix.days[j])) / 365.25
		rec = 1 / (1 + years)
	}
	m := Match{Doc: j, Tags: ix.w.Tags * tags, Text: ix.w.Text * text, Recency: ix.w.Recency * rec}
	m.Score = m.Tags + m.Text + m.Recency
	return m
}

// compare orders matches best first: score, then dated before undated,
// newer date, key and position.
func (ix *Index) compare(a, b Match) int {
	if a.Score != b.Score {
		return cmp.Compare(b.Score, a.Score)
	}
	return cmp.Compare(ix.tieRank[a.Doc], ix.tieRank[b.Doc])
}

// fillByDate adds candidates until there are n or no more documents: the
// documents nearest to q in date, or, when dates cannot score (q has none,
// or the recency weight is 0), the newest documents, which is how equal
// scores are ordered.
func (ix *Index) fillByDate(s *scratch, q query, n int) {
	add := func(j int32) {
		if s.cand[j].mark != s.epoch {
			s.cand[j].mark = s.epoch
			s.touched = append(s.touched, j)
		}
	}
	if !q.dated || ix.w.Recency == 0 {
		for r := 0; r < ix.Len() && len(s.touched) < n; r++ {
			add(ix.byTie[r])
		}
		return
	}
	// Dated documents sit at byDate[undated:], undated ones before them and
	// at the end of byTie.
	undated := sort.Search(ix.Len(), func(p int) bool { return ix.dated[ix.byDate[p]] })
	lo, hi := q.datePos-1, q.datePos
	if q.self >= 0 {
		hi++
	}
	dist := func(p int) float64 { return math.Abs(float64(ix.days[ix.byDate[p]]) - float64(q.day)) }
	// Past n, documents as near as the last one added are added too, so
	// that the order of equal scores decides among them.
	last := -1.0
	for lo >= undated || hi < ix.Len() {
		p := lo
		if lo < undated || hi < ix.Len() && dist(hi) <= dist(lo) {
			p = hi
		}
		if len(s.touched) >= n && dist(p) != last {
			return
		}
		last = dist(p)
		add(ix.byDate[p])
		if p == hi {
			hi++
		} else {
			lo--
		}
	}
	for r := ix.Len() - undated; r < ix.Len() && len(s.touched) < n; r++ {
		add(ix.byTie[r])
	}
}

// keepBest cuts s.touched to its limit best candidates by partial score,
// equal scores in the order of tieRank, in one pass with a min-heap of
// packed keys: partial score (non-negative, so its bits order like the
// number) above the inverted tie rank. Most candidates score below the
// heap's minimum and cost one comparison, without loading their tie rank.
func (ix *Index) keepBest(s *scratch, limit int) {
	h := s.keys[:0]
	for _, j := range s.touched {
		bits := math.Float32bits(s.cand[j].acc)
		if len(h) == limit && bits < uint32(h[0]>>32) {
			continue
		}
		key := uint64(bits)<<32 | uint64(^uint32(ix.tieRank[j]))
		switch {
		case len(h) < limit:
			h = append(h, key)
			if len(h) == limit {
				for i := limit/2 - 1; i >= 0; i-- {
					siftDown(h, i)
				}
			}
		case key > h[0]:
			h[0] = key
			siftDown(h, 0)
		}
	}
	s.keys = h
	s.touched = s.touched[:len(h)]
	for k, key := range h {
		s.touched[k] = ix.byTie[^uint32(key)]
	}
}

// siftDown restores the min-heap order of h below position i.
func siftDown(h []uint64, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1] < h[c] {
			c++
		}
		if h[i] <= h[c] {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}
