// Package asciiscan reads ASCII text eight bytes at a time, as 64-bit
// words: the scans that the readability measure and the related-posts
// analysis run over every word of every page, and a memo keyed by a word
// of up to eight bytes read that way (Memo).
//
// It is the one place for these tricks. Each stays only because a
// benchmark of its user shows it pays (readability's BenchmarkMeasurer,
// related's BenchmarkAnalyzer: the scans save 15–30 % of their CPU time,
// the memos 20 % and more); other packages scan byte by byte.
//
// Words are little-endian: the byte at s[i] is the lowest byte of
// Load8(s, i), so the lowest set bit of a mask marks the first byte it
// selects (bits.TrailingZeros64(m)/8). The functions are pure.
package asciiscan

import "math/bits"

// Ones has every byte 0x01 and Highs every byte 0x80: c*Ones repeats the
// byte c eight times, and x&Highs keeps the top bit of each byte of x.
const Ones, Highs = 0x0101010101010101, 0x8080808080808080

// ZeroBytes is not zero when a byte of v is zero, and its lowest set bit
// marks the first such byte (bytes after it may be marked falsely). So
// ZeroBytes(v ^ c*Ones) finds the byte c in v.
func ZeroBytes(v uint64) uint64 { return (v - Ones) &^ v & Highs }

// Load8 returns s[i:i+8] as a little-endian word. s must have eight bytes
// from i on.
func Load8(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// LowerRun returns the index of the first byte of s from i on that is not
// a–z, or len(s). In a word x of bytes below 0x80, adding 0x1F to each
// byte sets the top bit of those at least 'a', and adding 0x05 that of
// those above 'z'; a carry out of a byte of 0x80 or more only reaches
// later bytes, after the one the top bit of x already marks.
func LowerRun(s string, i int) int {
	const lo, hi = (0x80 - 'a') * Ones, (0x80 - 'z' - 1) * Ones
	for ; i+8 <= len(s); i += 8 {
		x := Load8(s, i)
		if m := (x | ^(x + lo) | (x + hi)) & Highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(s) && 'a' <= s[i] && s[i] <= 'z' {
		i++
	}
	return i
}
