package akn

import (
	"bytes"
	"testing"

	"github.com/beevik/etree"
)

// etreeBytes writes x the way the writer did before serialize: indent,
// then etree.
func etreeBytes(t *testing.T, x *etree.Document, unit string) string {
	t.Helper()
	x = x.Copy()
	if unit != "" {
		indent(x.Root(), 0, unit)
	}
	x.WriteSettings.CanonicalText = true
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSerializeSameAsEtree: serialize writes the bytes that indent and
// etree write, for trees with the hard cases: escapes in text and
// attributes, invalid UTF-8 and characters XML does not allow, mixed
// content in a block element, block elements inside mixed content,
// empty and blank block elements.
func TestSerializeSameAsEtree(t *testing.T) {
	x := etree.NewDocument()
	x.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	x.CreateText("\n")
	root := x.CreateElement("akomaNtoso")
	root.CreateAttr("xmlns", NS)
	root.CreateAttr("a", `<&>'"`+"\t\n\r\x01\xff\uFFFE é 中")
	st := root.CreateElement("statement")
	st.CreateElement("meta") // empty block
	blank := st.CreateElement("preface")
	blank.CreateText("  \n ") // blank block
	p := st.CreateElement("preamble").CreateElement("container").CreateElement("p")
	p.CreateText("text & <b> > 'q' \"d\"\r\t\x02\xc3 ok \U0001F600")
	p.CreateText("valid: & <b> > 'q' \"d\"\r\t\x02 \uFFFE \uFFFF \uFFFD \uFEFF ï¿ é 中 \U0001F600")
	p.CreateAttr("valid", "& <b> > 'q' \"d\"\r\t\x02 \uFFFE \uFFFF \uFFFD é \U0001F600")
	note := p.CreateElement("authorialNote")
	note.CreateAttr("marker", "1")
	note.CreateElement("p").CreateText("note")
	inner := p.CreateElement("paragraph") // a block inside mixed content: not indented
	inner.CreateElement("num").CreateText("1.")
	mix := st.CreateElement("mainBody") // a block with text: mixed, left as it is
	mix.CreateText("loose text")
	mix.CreateElement("paragraph").CreateElement("content")
	body := st.CreateElement("conclusions")
	body.CreateText("\n   ")
	body.CreateElement("p").CreateText("x")
	body.CreateText(" ")
	body.CreateElement("container").CreateElement("p")
	for _, unit := range []string{"", "  ", "\t"} {
		want := etreeBytes(t, x, unit)
		var b bytes.Buffer
		if !serialize(&b, x, unit) {
			t.Fatalf("serialize refused the tree")
		}
		if b.String() != want {
			t.Errorf("indent %q:\n got %q\nwant %q", unit, b.String(), want)
		}
	}
	// a comment: etree decides
	x.Root().CreateComment("c")
	var b bytes.Buffer
	if serialize(&b, x, "  ") {
		t.Errorf("serialize wrote a comment")
	}
	b.Reset()
	if err := writeXML(&b, x, "  "); err != nil || b.String() != etreeBytes(t, x, "  ") {
		t.Errorf("writeXML with a comment: %v\n%q", err, b.String())
	}
}

// FuzzSerialize compares serialize with etree on any text and attribute
// value.
func FuzzSerialize(f *testing.F) {
	for _, s := range []string{"", "a&b", "\xff\xfe", "\uFFFE", "ï¿¾", "\r\n\t", "<'\">", "中文 é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x := etree.NewDocument()
		root := x.CreateElement("akomaNtoso")
		root.CreateAttr("a", s)
		root.CreateElement("p").CreateText(s)
		var b bytes.Buffer
		if !serialize(&b, x, "  ") {
			t.Fatal("refused")
		}
		if want := etreeBytes(t, x, "  "); b.String() != want {
			t.Fatalf("%q:\n got %q\nwant %q", s, b.String(), want)
		}
	})
}
