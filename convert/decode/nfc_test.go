package decode

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestInert: a string of inert runes, any of them in any order, is in
// NFC; so nfc gives what norm gives.
func TestInert(t *testing.T) {
	var inerts []rune
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if inert(r) {
			inerts = append(inerts, r)
		}
	}
	if len(inerts) < 40000 {
		t.Fatalf("only %d inert runes in the BMP", len(inerts))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			if rng.IntN(4) == 0 {
				b.WriteByte(byte(' ' + rng.IntN(95)))
			} else {
				b.WriteRune(inerts[rng.IntN(len(inerts))])
			}
		}
		s := b.String()
		if !norm.NFC.IsNormalString(s) {
			t.Fatalf("%q (%U) is not NFC, but its runes are inert", s, []rune(s))
		}
	}
	// runes NFC changes or reorders or composes are not inert
	for _, r := range []rune{0x0301, 0x0653, 0x11A8, 0x1161, 0xF900, 0x0340, 0x0958, utf8.RuneError} {
		if inert(r) {
			t.Errorf("%U is inert", r)
		}
	}
}

// TestNFC: nfc is norm.NFC.String.
func TestNFC(t *testing.T) {
	for _, s := range []string{"", "abc", "é", "e\u0301", "Й", "И\u0306", "中文", "가\u11a8", "\u1100\u1161", "عَرَبِيّ", "\U0001F600", "\uF900", "a\u0958b"} {
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Errorf("nfc(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNFC(f *testing.F) {
	f.Add("e\u0301 中文 Й")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Fatalf("nfc(%q) = %q, want %q", s, got, want)
		}
	})
}
