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

// FuzzText: Text gives what it gave before it read UTF-8 and inert runes
// in one pass: utf8.Valid, then norm.
func FuzzText(f *testing.F) {
	for _, s := range []string{"abc", "e\u0301", "\xff", "عَرَبِيّ\r\n", "12345678\xe4\xb8\xad12345678", "\xef\xbb\xbfx", "\u00e9t\u00e9 \uFFFD"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var inert bool
		if got, want := scanUTF8(b, &inert), utf8.Valid(b); got != want {
			t.Fatalf("scanUTF8(%q) = %v, utf8.Valid %v", b, got, want)
		}
		if utf8.Valid(b) && inert && !norm.NFC.IsNormal(b) {
			t.Fatalf("%q: all inert but not NFC", b)
		}
		s, _, err := Text(b)
		if err != nil || !utf8.Valid(b) || len(b) >= 2 && (b[0] == 0xFF || b[0] == 0xFE) || len(b) >= 3 && string(b[:3]) == "\xef\xbb\xbf" {
			return
		}
		want := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
		if s != norm.NFC.String(want) {
			t.Fatalf("Text(%q) = %q, want %q", b, s, norm.NFC.String(want))
		}
	})
}
