// Package word reads text eight bytes at a time, for the scans that look
// for a few byte values in long runs of plain text (the bytes to escape
// in XML, the digits of footnote numbers, the end of ASCII before NFC).
//
// The tests use the usual arithmetic on a word: with t the low seven bits
// of each byte (x &^ Highs), t + (0x80-c)*Ones sets the high bit of each
// byte where t ≥ c, with no carry into the next byte.
package word

// Ones has 1 in each byte, Highs the high bit of each byte.
const (
	Ones  = 0x0101010101010101
	Highs = 0x8080808080808080
)

// Load returns the eight bytes of s from i on as a little-endian word;
// s must have them. The compiler makes it one load.
func Load(s string, i int) uint64 {
	b := s[i : i+8] // one bounds check
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
