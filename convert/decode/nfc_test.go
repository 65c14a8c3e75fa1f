package decode

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
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
	for _, r := range []rune{0x0301, 0x0653, 0x11A8, 0x1161, 0xF900, 0x0340, 0x0958, utf8.RuneError, 0x1F600} {
		if inert(r) {
			t.Errorf("%U is inert", r)
		}
	}
}

// TestNFC: nfc is norm.NFC.String, and utf8.ValidString, at the edges of
// its 8-byte ASCII steps and of the runs it hands to norm.
func TestNFC(t *testing.T) {
	long := strings.Repeat("\u0316", 40) // past norm's 30 non-starters
	for _, s := range []string{
		"", "abc", "é", "e\u0301", "Й", "И\u0306", "中文", "가\u11a8", "\u1100\u1161", "عَرَبِيّ", "\U0001F600", "\uF900", "a\u0958b",
		"\u0301abc", "\u0301", "1234567e\u0301", "12345678\u0301", "123456789\u0301x", "1234567\u0301",
		"e\u0301\u0301e\u0301", "é\u0301 e\u0323\u0307 x\u0307\u0323", "\u0651\u064e\u0644\u0651\u064e", "بَّ ب\u0651\u064e",
		"\r\u0301\n\u0301", "e" + long + "x" + long, "é" + long, "\u0958\u0958", "a\U0001F600\u0301b",
		"12345678\xff", "1234567\xe4\xb8", "1234567\xe4\xb8\xad", "\x80", "e\u0301\xff", "\u0301\xe4", "abc\xed\xa0\x80", "\xe0\x80\x80",
		"\xc0\x80", "\xf4\x90\x80\x80", "\xf0\x9f\x98", "12345678\x8012345678", "\ufffd", "\xef\xbf\xbd\u0301",
		"中，\uE000\u3002", "中\xe4\xb8", "中\xe4\xb8a", "\xe1\x80", "\xee\x80\x80\u0301", "\xed\x9f\xbf", "\xe0\xa0\x80", "\xc3", "\xc3a",
	} {
		got, ok := nfc(s)
		if ok != utf8.ValidString(s) {
			t.Errorf("nfc(%q) ok = %v, want %v", s, ok, !ok)
		}
		if ok && got != norm.NFC.String(s) {
			t.Errorf("nfc(%q) = %q, want %q", s, got, norm.NFC.String(s))
		}
	}
}

// TestWindows1252 checks Text against charmap's decoder for every byte.
func TestWindows1252(t *testing.T) {
	for c := 1; c < 256; c++ {
		b := []byte{'a', byte(c), 0xFF}
		want, _ := charmap.Windows1252.NewDecoder().Bytes(b)
		w := strings.ReplaceAll(strings.ReplaceAll(string(want), "\r\n", "\n"), "\r", "\n")
		if got, enc, err := Text(b); err != nil || enc != Windows1252 || got != norm.NFC.String(w) {
			t.Errorf("Text(%q) = %q, %s, %v", b, got, enc, err)
		}
	}
}

func FuzzNFC(f *testing.F) {
	f.Add("e\u0301 中文 Й")
	f.Add("12345678\u0651\u064e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := nfc(s)
		if ok != utf8.ValidString(s) {
			t.Fatalf("nfc(%q) ok = %v", s, ok)
		}
		if want := norm.NFC.String(s); ok && got != want {
			t.Fatalf("nfc(%q) = %q, want %q", s, got, want)
		}
	})
}

// refText is Text as it was before the one-pass work: each step on its own.
func refText(b []byte) (string, Encoding, error) {
	var s string
	var enc Encoding
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		enc, s = UTF8BOM, string(b[3:])
		if !utf8.ValidString(s) {
			return "", enc, errors.New("invalid UTF-8 after a UTF-8 byte order mark")
		}
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc = UTF16LE
		e := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		if b[0] == 0xFE {
			enc = UTF16BE
			e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		}
		out, err := e.NewDecoder().Bytes(b)
		if err != nil {
			return "", enc, fmt.Errorf("invalid %s: %w", enc, err)
		}
		s = string(out)
	case bytes.IndexByte(b, 0) >= 0:
		return "", "", ErrBinary
	case utf8.Valid(b):
		enc, s = UTF8, string(b)
	default:
		enc = Windows1252
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return "", enc, fmt.Errorf("invalid %s: %w", enc, err)
		}
		s = string(out)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", enc, ErrBinary
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return norm.NFC.String(s), enc, nil
}

// FuzzText: Text gives what refText gives, errors included.
func FuzzText(f *testing.F) {
	for _, s := range []string{"abc", "e\u0301", "\xff", "عَرَبِيّ\r\n", "12345678\xe4\xb8\xad12345678", "\xef\xbb\xbfx", "\u00e9t\u00e9 \uFFFD",
		"\xef\xbb\xbfe\r\u0301\xff", "\xef\xbb\xbfa\x00", "\xff\xfea\x00\r\x00\n\x00", "\xfe\xff\x00\x00", "\xe9\r\r\n\x93", "1234567\r\n\u0301\r"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, enc, err := Text(b)
		want, wenc, werr := refText(b)
		if got != want || enc != wenc || fmt.Sprint(err) != fmt.Sprint(werr) || errors.Is(err, ErrBinary) != errors.Is(werr, ErrBinary) {
			t.Fatalf("Text(%q) = %q, %q, %v; want %q, %q, %v", b, got, enc, err, want, wenc, werr)
		}
	})
}

// TestTextRandom compares Text with refText on many texts made of pieces
// that NFC and the fast paths care about, which random bytes seldom hit.
func TestTextRandom(t *testing.T) {
	pieces := []string{
		"a", "e", "1234567", "\r", "\n", "\r\n", " ", "é", "Й", "И", "ب", "ا", "中", "가", "\u1100", "\u1161", "\u11a8",
		"\u0301", "\u0306", "\u0316", "\u0323", "\u0307", "\u0651", "\u064e", "\u0653", "\u0654", "\u0340", "\u0344",
		"\u0958", "\u0f73", "\uff9e", "\uf900", "\u0345", "\U0001F600", "\U0001D15E", "\ufffd", "\u00a8", "\u212b",
	}
	invalid := []string{"\xff", "\x80", "\xe4\xb8", "\xed\xa0\x80", "\xc0\x80", "\xef\xbb\xbf"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(24) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(3) == 0 {
				p = pieces[rng.IntN(17)] // mostly inert
			}
			b.WriteString(p)
		}
		if rng.IntN(4) == 0 {
			k := rng.IntN(b.Len() + 1)
			s := b.String()
			b.Reset()
			b.WriteString(s[:k] + invalid[rng.IntN(len(invalid))] + s[k:])
		}
		in := []byte(b.String())
		if rng.IntN(8) == 0 {
			in = append([]byte{0xEF, 0xBB, 0xBF}, in...)
		}
		got, enc, err := Text(in)
		want, wenc, werr := refText(in)
		if got != want || enc != wenc || fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("Text(%q) = %q, %q, %v; want %q, %q, %v", in, got, enc, err, want, wenc, werr)
		}
	}
}
