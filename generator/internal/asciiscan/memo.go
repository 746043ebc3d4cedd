package asciiscan

// A Memo remembers a value for each of the words (up to eight bytes,
// packed into a nonzero uint64 as Load8 reads them) its owner has worked
// something out for, such as a word's syllables or the hash of its stem:
// the pages of a site share most of their words, so a goroutine that
// keeps one Memo across pages works few of them out twice.
//
// It is a fixed hash table of 1,024 entries: a word may sit in any of four
// entries from the one its key picks; when those are taken, Put replaces
// the one used least and halves the others' use counts, so the site's
// frequent words stay while rare ones come and go. The zero value is
// empty and ready; a Memo is not safe for concurrent use.
type Memo[V any] struct {
	slots [1 << memoBits]memoSlot[V]
}

const memoBits = 10

type memoSlot[V any] struct {
	key  uint64 // 0: free
	uses uint8  // hits since added, halved as others are added near it
	val  V
}

// at is where key k is first looked for.
func at(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> (64 - memoBits)) }

// Get returns the value kept for k (nonzero), if any.
func (m *Memo[V]) Get(k uint64) (v V, ok bool) {
	h := at(k)
	for i := range 4 {
		s := &m.slots[(h+i)%len(m.slots)]
		if s.key == k {
			s.uses = min(s.uses+1, 1<<8-1)
			return s.val, true
		}
		if s.key == 0 {
			break
		}
	}
	return v, false
}

// Put keeps v for k (nonzero), which Get has just not found.
func (m *Memo[V]) Put(k uint64, v V) {
	h := at(k)
	var e *memoSlot[V]
	for i := range 4 {
		if s := &m.slots[(h+i)%len(m.slots)]; s.key == 0 {
			e = s
			break
		}
	}
	if e == nil {
		for i := range 4 {
			s := &m.slots[(h+i)%len(m.slots)]
			if e == nil || s.uses < e.uses {
				e = s
			}
			s.uses /= 2
		}
	}
	*e = memoSlot[V]{key: k, val: v}
}
