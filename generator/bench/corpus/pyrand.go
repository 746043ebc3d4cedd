package corpus

import (
	"math"
	"math/bits"
)

// pyRand is CPython's random.Random for an integer seed: the Mersenne
// Twister MT19937 seeded by init_by_array with the seed's 32-bit words, and
// the methods the corpus needs (random, randint, choice, sample) drawing
// from it exactly as Lib/random.py does, so that a corpus is the same file
// for file as the one the original Python generator wrote for the seed.
type pyRand struct {
	mt  [mtN]uint32
	idx int
}

const (
	mtN       = 624
	mtM       = 397
	matrixA   = 0x9908b0df
	upperMask = 0x80000000
	lowerMask = 0x7fffffff
)

// newPyRand is random.Random(seed). Like CPython it seeds with the absolute
// value.
func newPyRand(seed int64) *pyRand {
	u := uint64(seed)
	if seed < 0 {
		u = uint64(-seed)
	}
	key := []uint32{uint32(u)}
	if hi := uint32(u >> 32); hi != 0 {
		key = append(key, hi)
	}
	r := &pyRand{}
	r.initByArray(key)
	return r
}

func (r *pyRand) initGenrand(s uint32) {
	r.mt[0] = s
	for i := 1; i < mtN; i++ {
		r.mt[i] = 1812433253*(r.mt[i-1]^(r.mt[i-1]>>30)) + uint32(i)
	}
	r.idx = mtN
}

func (r *pyRand) initByArray(key []uint32) {
	r.initGenrand(19650218)
	i, j := 1, 0
	for k := max(mtN, len(key)); k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= mtN {
			r.mt[0] = r.mt[mtN-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k := mtN - 1; k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= mtN {
			r.mt[0] = r.mt[mtN-1]
			i = 1
		}
	}
	r.mt[0] = 0x80000000
}

// uint32 is genrand_uint32: the next 32 bits.
func (r *pyRand) uint32() uint32 {
	if r.idx >= mtN {
		for k := 0; k < mtN; k++ {
			y := r.mt[k]&upperMask | r.mt[(k+1)%mtN]&lowerMask
			next := r.mt[(k+mtM)%mtN] ^ y>>1
			if y&1 != 0 {
				next ^= matrixA
			}
			r.mt[k] = next
		}
		r.idx = 0
	}
	y := r.mt[r.idx]
	r.idx++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}

// random is random.random(): 53 random bits as a float in [0, 1).
func (r *pyRand) random() float64 {
	a, b := r.uint32()>>5, r.uint32()>>6
	return (float64(a)*67108864 + float64(b)) / 9007199254740992
}

// below is _randbelow_with_getrandbits(n) for 0 < n < 2³²: getrandbits of
// n's bit length, drawn again while it is n or more.
func (r *pyRand) below(n int) int {
	if n <= 0 {
		panic("corpus: draw below a non-positive bound")
	}
	k := bits.Len32(uint32(n))
	v := int(r.uint32() >> (32 - k))
	for v >= n {
		v = int(r.uint32() >> (32 - k))
	}
	return v
}

// randint is random.randint(a, b): a ≤ result ≤ b.
func (r *pyRand) randint(a, b int) int { return a + r.below(b-a+1) }

// choice is random.choice(seq); seq must not be empty.
func choice[T any](r *pyRand, seq []T) T { return seq[r.below(len(seq))] }

// sample is random.sample(population, k): k distinct elements in the order
// drawn. Both of CPython's strategies are kept, since which one runs
// decides which numbers are drawn.
func sample[T any](r *pyRand, population []T, k int) []T {
	n := len(population)
	if k < 0 || k > n {
		panic("sample larger than population or negative")
	}
	result := make([]T, k)
	setsize := 21
	if k > 5 {
		setsize += 1 << (2 * int(math.Ceil(math.Log(float64(k*3))/math.Log(4))))
	}
	if n <= setsize {
		pool := append([]T(nil), population...)
		for i := range k {
			j := r.below(n - i)
			result[i] = pool[j]
			pool[j] = pool[n-i-1]
		}
		return result
	}
	selected := make(map[int]bool, k)
	for i := range k {
		j := r.below(n)
		for selected[j] {
			j = r.below(n)
		}
		selected[j] = true
		result[i] = population[j]
	}
	return result
}
