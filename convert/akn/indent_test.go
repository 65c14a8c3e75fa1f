package akn

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// TestSerialiserMatchesEtree: without indentation, the serialiser writes
// the bytes etree's own writer writes (CanonicalText), for the golden
// files and for texts with every character that needs care.
func TestSerialiserMatchesEtree(t *testing.T) {
	var docs []*etree.Document
	goldens, _ := filepath.Glob("../../testdata/*.akn.xml")
	if len(goldens) == 0 {
		t.Fatal("no golden AKN files in testdata")
	}
	for _, g := range goldens {
		x := etree.NewDocument()
		if err := x.ReadFromFile(g); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, x)
	}
	tricky := []string{
		"plain", "a & b < c > d", `"quoted" and 'apostrophes'`, "tab\tnew\nline\rreturn",
		"control\x01\x0c\x1f chars", "non-characters \uFFFE \uFFFF end", "invalid \xff\xfe UTF-8 \xc3",
		"ü é ł ж ع 中 😀", "\uFFFD kept", "", "ends with &",
	}
	x := etree.NewDocument()
	x.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	root := x.CreateElement("akomaNtoso")
	for _, s := range tricky {
		p := root.CreateElement("p")
		p.CreateAttr("title", s)
		p.SetText(s)
		root.CreateElement("empty")
	}
	docs = append(docs, x)
	for n, x := range docs {
		var buf bytes.Buffer
		x.WriteSettings.CanonicalText = true
		if _, err := x.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		want := buf.Bytes()
		ser := &serialiser{}
		ser.document(x)
		if got := ser.b; !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("document %d differs at byte %d:\n got  %q\n want %q", n, i,
				got[i:min(i+80, len(got))], want[i:min(i+80, len(want))])
		}
	}
}

func BenchmarkSerialiser(b *testing.B) {
	goldens, _ := filepath.Glob("../../testdata/*.akn.xml")
	var docs []*etree.Document
	size := 0
	for _, g := range goldens {
		x := etree.NewDocument()
		if err := x.ReadFromFile(g); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, x)
		ser := &serialiser{}
		ser.document(x)
		size += len(ser.b)
	}
	b.SetBytes(int64(size))
	out := make([]byte, 0, 1<<20)
	for b.Loop() {
		for _, x := range docs {
			ser := &serialiser{b: out[:0], unit: "  "}
			ser.document(x)
		}
	}
}

// TestEscapeMatchesRunes: escape, with its fast paths, writes what
// escapeRunes (etree's rune by rune behaviour) writes, for random strings
// of plain ASCII, special characters, valid and invalid UTF-8, at every
// offset from an eight-byte boundary.
func TestEscapeMatchesRunes(t *testing.T) {
	pieces := []string{
		"a", "Z", " ", "~", "\x7f", "&", "<", ">", `"`, "'", "\r", "\n", "\t", "\x00", "\x01", "\x1f",
		"#", "=", "?", "ü", "ж", "ع", "\u07ff", "\u0800", "中", "\ud7ff", "\ue000", "\ufffd", "\ufffe", "\uffff",
		"😀", "\U0010ffff", "\xc0\x80", "\xc1\xbf", "\xc2", "\xdf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe0\xa0",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xef\xbf", "\xf0\x90\x80", "\xf4\x90\x80\x80", "\xff", "\x80", "\xbf",
		"plain text of some length ", "Secretary-General's", "Генеральная Ассамблея ", "联合国大会",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(s string) {
		t.Helper()
		for _, attr := range []bool{false, true} {
			for pad := range 8 {
				pre := strings.Repeat("x", pad)
				got := string(escape(nil, pre+s, attr))
				want := string(escapeRunes(nil, pre+s, attr))
				if got != want {
					t.Fatalf("escape(%q, %v):\n got  %q\n want %q", pre+s, attr, got, want)
				}
			}
		}
	}
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(12) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(sb.String())
		// random bytes, mostly ASCII, some high
		raw := make([]byte, rng.IntN(40))
		for j := range raw {
			if rng.IntN(4) == 0 {
				raw[j] = byte(rng.IntN(256))
			} else {
				raw[j] = byte(0x20 + rng.IntN(0x60))
			}
		}
		check(string(raw))
	}
	for c := range 256 {
		check(strings.Repeat("abcdefgh", 2) + string(rune(0)) + string([]byte{byte(c)}) + "ijklmnop")
		for pos := range 16 {
			s := []byte(strings.Repeat("p", 16))
			s[pos] = byte(c)
			check(string(s))
		}
	}
}
