package decode

import (
	"math/bits"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/resconv/resconv/internal/word"
)

// nfc puts s in NFC, as norm.NFC.String does, and checks on the way that
// s is valid UTF-8 (ok is false if not).
//
// Most of a text is made of inert runes, which NFC leaves alone whatever
// surrounds them (see inert): ASCII, Latin-1, Cyrillic, Arabic letters,
// CJK... NFC cannot see across an inert rune, so only the runs of other
// runes (Arabic vowel marks, combining accents) need norm, each with the
// inert rune before it, which it may compose with; the inert rune after
// it starts afresh. Runs already in NFC, the usual case, are kept as they
// are, and s is returned as it is unless one run changed.
func nfc(s string) (_ string, ok bool) {
	var out strings.Builder // NFC of s[:done], once a run needed changing
	done := 0
	var tmp []byte // a run in NFC
	// the inert bits of the block of 256 runes last met: texts keep to a
	// few blocks, so this saves most look-ups
	var blk *[4]uint64
	blkN := rune(-1)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII, most bytes of most texts: 8 bytes at a time, up
			// to the first byte that is not
			i++
			for i+8 <= len(s) {
				if m := word.Load(s, i) & word.Highs; m != 0 {
					i += bits.TrailingZeros64(m) / 8
					break
				}
				i += 8
			}
			continue
		}
		// 2 bytes (Latin-1, Cyrillic, Arabic...) and 3 (CJK...) inline
		var r rune
		var w int
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r, w = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		} else if c >= 0xE1 && c < 0xF0 && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// E0 may start an overlong form, ED a surrogate: decodeRune
			r, w = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		} else if r, w = decodeRune(s[i:]); w == 0 {
			return "", false
		}
		if r>>8 != blkN { // inline: CJK changes blocks often
			blkN, blk = r>>8, nil
			if r <= 0xFFFF {
				blk = inertBlocks[r>>8].Load()
			}
			if blk == nil {
				blk = inertBits(r)
			}
		}
		if blk[r>>6&3]&(1<<(r&63)) != 0 {
			i += w
			continue
		}
		// s[start:end]: the rune before (inert, or none), the run of
		// runes that are not inert, up to the next inert rune
		start, end := i, i+w
		if i > 0 {
			_, pw := utf8.DecodeLastRuneInString(s[:i])
			start -= pw
		}
		for end < len(s) && s[end] >= utf8.RuneSelf {
			r, w := decodeRune(s[end:])
			if w == 0 {
				return "", false
			}
			if inert(r) {
				break
			}
			end += w
		}
		// norm's quick check allocates nothing, unlike IsNormalString;
		// where it is unsure, norm puts the run in NFC, to compare
		if run := s[start:end]; norm.NFC.QuickSpanString(run) < len(run) {
			tmp = norm.NFC.AppendString(tmp[:0], run)
			if string(tmp) != run {
				if done == 0 {
					out.Grow(len(s))
				}
				out.WriteString(s[done:start])
				out.Write(tmp)
				done = end
			}
		}
		i = end
	}
	if done == 0 { // nothing changed
		return s, true
	}
	out.WriteString(s[done:])
	return out.String(), true
}

// decodeRune decodes the rune at the start of s, which does not start
// with ASCII, with the cases of 2 and 3 bytes (Cyrillic, Arabic, CJK...)
// inline; w is 0 if the UTF-8 is not valid.
func decodeRune(s string) (r rune, w int) {
	if c := s[0]; c < 0xE0 {
		if c >= 0xC2 && len(s) >= 2 && s[1]&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(s[1]&0x3F), 2
		}
	} else if c < 0xF0 && len(s) >= 3 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		r := rune(c&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)
		if r < 0x800 || 0xD800 <= r && r <= 0xDFFF {
			return 0, 0 // overlong, or a surrogate
		}
		return r, 3
	}
	r, w = utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && w == 1 {
		return 0, 0
	}
	return r, w
}

// inert reports whether NFC keeps r whatever is around it: NFC keeps it
// (NFC_Quick_Check=Yes), its combining class is 0 (nothing is reordered
// around it) and it does not combine with the rune before it. A string of
// inert runes is in NFC, and NFC does not look across one. False means
// only "not known" (runes outside the BMP are not looked up).
func inert(r rune) bool {
	return inertBits(r)[r>>6&3]&(1<<(r&63)) != 0
}

// inertBits returns the inert bits of the block of 256 runes of r, none
// for runes outside the BMP.
func inertBits(r rune) *[4]uint64 {
	if r > 0xFFFF {
		return &noBits
	}
	if b := inertBlocks[r>>8].Load(); b != nil {
		return b
	}
	return inertBlock(r >> 8)
}

var noBits [4]uint64

// inertBlocks holds, for each block of 256 runes of the BMP, a bit per
// rune: inert or not; a block is worked out the first time a rune of it
// is met.
var inertBlocks [256]atomic.Pointer[[4]uint64]

// inertBlock works out block n of inertBlocks, once (two goroutines may
// both do it; they store the same bits).
func inertBlock(n rune) *[4]uint64 {
	b := new([4]uint64)
	for k := range rune(256) {
		if isInert(n<<8 + k) {
			b[k>>6] |= 1 << (k & 63)
		}
	}
	inertBlocks[n].Store(b)
	return b
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
