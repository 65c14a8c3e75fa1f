package decode

import (
	"encoding/binary"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfc puts valid UTF-8 s in NFC. Most texts are in NFC already and made
// of runes that NFC leaves alone whatever surrounds them (ASCII, Latin-1,
// Cyrillic, CJK...): quickNFC tells so from a table, faster than the norm
// package's own check; any other text goes through norm.
func nfc(s string) string {
	i := inertPrefix(s)
	if i == len(s) {
		return s
	}
	// the inert runes before i are in NFC whatever follows, but the last
	// of them may combine with the rune at i: norm checks from there
	j := i
	if j > 0 {
		_, w := utf8.DecodeLastRuneInString(s[:j])
		j -= w
	}
	if norm.NFC.IsNormalString(s[j:]) {
		return s
	}
	return norm.NFC.String(s)
}

// quickNFC reports whether every rune of s is inert: NFC keeps it
// (NFC_Quick_Check=Yes), its combining class is 0 (nothing is reordered
// around it) and it does not combine with the rune before it. A string of
// inert runes is in NFC. False means only "not known".
func quickNFC(s string) bool { return inertPrefix(s) == len(s) }

// inertPrefix returns the length of the longest run of inert runes at
// the start of s.
func inertPrefix(s string) int {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && ascii8(s[i:i+8]) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r > 0xFFFF || !inert(r) {
			return i
		}
		i += w
	}
	return len(s)
}

// scanUTF8 tells whether b is valid UTF-8, as utf8.Valid, and sets
// *inert to whether its runes are all inert: one pass for what took two.
func scanUTF8(b []byte, allInert *bool) bool {
	all := true
	for i := 0; i < len(b); {
		if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			return false
		}
		if all && (r > 0xFFFF || !inert(r)) {
			all = false
		}
		i += w
	}
	*allInert = all
	return true
}

// ascii8 tells whether the 8 bytes of s are ASCII.
func ascii8(s string) bool {
	return (uint64(s[0])|uint64(s[1])<<8|uint64(s[2])<<16|uint64(s[3])<<24|
		uint64(s[4])<<32|uint64(s[5])<<40|uint64(s[6])<<48|uint64(s[7])<<56)&0x8080808080808080 == 0
}

// inertBlocks holds, for each block of 256 runes of the BMP, a bit per
// rune: inert or not; a block is worked out the first time a rune of it
// is met.
var inertBlocks [256]atomic.Pointer[[4]uint64]

func inert(r rune) bool {
	b := inertBlocks[r>>8].Load()
	if b == nil {
		b = new([4]uint64)
		base := r &^ 0xFF
		for k := range rune(256) {
			if isInert(base + k) {
				b[k>>6] |= 1 << (k & 63)
			}
		}
		inertBlocks[r>>8].Store(b)
	}
	k := r & 0xFF
	return b[k>>6]&(1<<(k&63)) != 0
}

// isInert works out whether r is inert from the norm package's data.
func isInert(r rune) bool {
	if r >= 0xD800 && r <= 0xDFFF || r == utf8.RuneError {
		return false
	}
	s := string(r)
	p := norm.NFC.PropertiesString(s)
	return p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.IsNormalString(s)
}
