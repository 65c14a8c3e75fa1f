package akn

import (
	"bytes"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// toEtree copies a tree into etree's.
func toEtree(e *element) *etree.Element {
	x := etree.NewElement(e.tag)
	for _, a := range e.attrs {
		x.CreateAttr(a.key, a.value)
	}
	for _, k := range e.kids {
		if k.el != nil {
			x.AddChild(toEtree(k.el))
		} else {
			x.CreateText(k.text)
		}
	}
	return x
}

// etreeIndent is the indentation the writer did with etree before it had
// a tree of its own.
func etreeIndent(e *etree.Element, depth int, unit string) {
	if !blockTags[e.FullTag()] || len(e.Child) == 0 {
		return
	}
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok && strings.TrimSpace(cd.Data) != "" {
			return
		}
	}
	kids := e.ChildElements()
	for len(e.Child) > 0 {
		e.RemoveChildAt(0)
	}
	pad := "\n" + strings.Repeat(unit, depth+1)
	for _, k := range kids {
		e.AddChild(etree.NewText(pad))
		e.AddChild(k)
		etreeIndent(k, depth+1, unit)
	}
	e.AddChild(etree.NewText("\n" + strings.Repeat(unit, depth)))
}

// etreeBytes writes root as the writer did with etree.
func etreeBytes(t *testing.T, root *element, unit string) string {
	t.Helper()
	x := etree.NewDocument()
	x.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	x.CreateText("\n")
	r := toEtree(root)
	x.AddChild(r)
	if unit != "" {
		etreeIndent(r, 0, unit)
	}
	x.WriteSettings.CanonicalText = true
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func ours(root *element, unit string) string {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	serialize(&b, root, unit)
	return b.String()
}

// TestSerializeSameAsEtree: serialize writes the bytes that etree wrote,
// for trees with the hard cases: escapes in text and attributes, invalid
// UTF-8 and characters XML does not allow, mixed content in a block
// element, block elements inside mixed content, empty and blank block
// elements, empty texts, SetText over several texts.
func TestSerializeSameAsEtree(t *testing.T) {
	root := newElement("akomaNtoso")
	root.CreateAttr("xmlns", NS)
	root.CreateAttr("a", `<&>'"`+"\t\n\r\x01\xff\uFFFE é 中")
	root.CreateAttr("a", "replaced")
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
	inner.CreateElement("num").SetText("1.")
	mix := st.CreateElement("mainBody") // a block with text: mixed, left as it is
	mix.CreateText("loose text")
	mix.CreateElement("paragraph").CreateElement("content")
	body := st.CreateElement("conclusions")
	body.CreateText("\n   ")
	body.CreateElement("p").CreateText("x")
	body.CreateText(" ")
	body.CreateElement("container").CreateElement("p").CreateText("") // an empty text: an end tag
	set := st.CreateElement("p")
	set.CreateText("a")
	set.CreateText("b")
	set.CreateElement("i")
	set.SetText("one") // replaces both
	set2 := st.CreateElement("p")
	set2.CreateElement("i")
	set2.SetText("first") // before the element
	set3 := st.CreateElement("p")
	set3.CreateText("x")
	set3.CreateText("y")
	set3.SetText("") // removes both
	set4 := st.CreateElement("p")
	set4.SetText("") // nothing
	gone := st.CreateElement("preface")
	st.RemoveChild(gone)
	comps := newElement("components")
	comps.CreateElement("component")
	root.AddChild(comps)
	for _, unit := range []string{"", "  ", "\t"} {
		if got, want := ours(root, unit), etreeBytes(t, root, unit); got != want {
			t.Errorf("indent %q:\n got %q\nwant %q", unit, got, want)
		}
	}
}

// FuzzSerialize compares serialize with etree on any text and attribute
// value.
func FuzzSerialize(f *testing.F) {
	for _, s := range []string{"", "a&b", "\xff\xfe", "\uFFFE", "ï¿¾", "\r\n\t", "<'\">", "中文 é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		root := newElement("akomaNtoso")
		root.CreateAttr("a", s)
		root.CreateElement("p").CreateText(s)
		root.CreateElement("preamble").CreateText(s)
		if got, want := ours(root, "  "), etreeBytes(t, root, "  "); got != want {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
		}
	})
}
