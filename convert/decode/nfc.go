package decode

import (
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfc puts valid UTF-8 s in NFC. Most texts are in NFC already and made
// of runes that NFC leaves alone whatever surrounds them (ASCII, Latin-1,
// Cyrillic, CJK...): quickNFC tells so from a table, faster than the norm
// package's own check; any other text goes through norm.
func nfc(s string) string {
	if quickNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// quickNFC reports whether every rune of s is inert: NFC keeps it
// (NFC_Quick_Check=Yes), its combining class is 0 (nothing is reordered
// around it) and it does not combine with the rune before it. A string of
// inert runes is in NFC. False means only "not known".
func quickNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r > 0xFFFF || !inert(r) {
			return false
		}
		i += w
	}
	return true
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
