package diag

import "strings"

// Nearest returns the word of known that an editor most likely meant by
// word: one that differs only in case, one that starts with word or that
// word starts with ("desc", "lastmodified"), or one within a small edit
// distance ("tag", "categorys"). ok is false when nothing is close enough
// to suggest.
func Nearest(word string, known []string) (best string, ok bool) {
	lw := strings.ToLower(word)
	bestD, prefix := 1<<30, false
	for _, k := range known {
		lk := strings.ToLower(k)
		d := editDistance(lw, lk)
		p := len(lw) >= 3 && (strings.HasPrefix(lk, lw) || strings.HasPrefix(lw, lk))
		if (p && !prefix) || (p == prefix && d < bestD) {
			best, bestD, prefix = k, d, p
		}
	}
	if best != "" && (prefix || bestD <= max(1, len([]rune(word))/3)) {
		return best, true
	}
	return "", false
}

// editDistance is the edit distance between two short strings, counting a
// swap of two neighbouring letters ("cuont") as one edit (optimal string
// alignment).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
