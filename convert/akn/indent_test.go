package akn

import (
	"bytes"
	"path/filepath"
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
