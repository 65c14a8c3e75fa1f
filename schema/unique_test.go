//go:build cgo

package schema

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/resconv/resconv/internal/sharedtest"
)

// xsdHead opens the schemas of TestSplitUniques; each case adds to it.
const xsdHead = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
  <xs:simpleType name="id"><xs:restriction base="xs:string"><xs:pattern value="\S+"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="id2"><xs:restriction base="id"><xs:maxLength value="9"/></xs:restriction></xs:simpleType>
`

// uniqueOn is an element E with unique constraints on each attribute A of
// its descendants.
func uniqueOn(e string, attrs ...string) string {
	s := `<xs:element name="` + e + `"><xs:complexType><xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="id" type="id"/><xs:attribute name="ref" type="id2"/><xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType>
`
	for _, a := range attrs {
		s += `    <xs:unique name="` + a + `-` + e + `">
      <xs:selector xpath=".//*"/>
      <xs:field xpath="@` + a + `"/>
    </xs:unique>
`
	}
	return s + "  </xs:element>\n"
}

func TestSplitUniques(t *testing.T) {
	item := `<xs:element name="item"><xs:complexType><xs:attribute name="id" type="id"/></xs:complexType></xs:element>` + "\n"
	tests := []struct {
		name  string
		body  string
		rules []string // elem@attr taken over; none: want an error containing why
		why   string
	}{
		{"taken", uniqueOn("doc", "id") + item, []string{"doc@id"}, ""},
		{"restriction of a restriction", uniqueOn("doc", "id") +
			`<xs:element name="item"><xs:complexType><xs:attribute name="id" type="id2"/></xs:complexType></xs:element>`, []string{"doc@id"}, ""},
		{"inline type", uniqueOn("doc", "id") +
			`<xs:element name="item"><xs:complexType><xs:attribute name="id"><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType></xs:attribute></xs:complexType></xs:element>`, []string{"doc@id"}, ""},
		{"two", uniqueOn("doc", "id") + uniqueOn("book", "id") + item, []string{"doc@id", "book@id"}, ""},
		{"xml import", `<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>` + uniqueOn("doc", "id") + item, []string{"doc@id"}, ""},
		{"token type", uniqueOn("doc", "id") +
			`<xs:element name="item"><xs:complexType><xs:attribute name="id" type="xs:token"/></xs:complexType></xs:element>`, nil, "no unique constraint"},
		{"whiteSpace facet", uniqueOn("doc", "id") +
			`<xs:element name="item"><xs:complexType><xs:attribute name="id"><xs:simpleType><xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType></xs:attribute></xs:complexType></xs:element>`, nil, "no unique constraint"},
		{"list type", uniqueOn("doc", "id") +
			`<xs:element name="item"><xs:complexType><xs:attribute name="id"><xs:simpleType><xs:list itemType="xs:string"/></xs:simpleType></xs:attribute></xs:complexType></xs:element>`, nil, "no unique constraint"},
		{"no type", uniqueOn("doc", "id") +
			`<xs:element name="item"><xs:complexType><xs:attribute name="id"/></xs:complexType></xs:element>`, nil, "no unique constraint"},
		{"default", uniqueOn("doc", "id") +
			`<xs:element name="item"><xs:complexType><xs:attribute name="id" type="id" default="x"/></xs:complexType></xs:element>`, nil, "no unique constraint"},
		{"undeclared attribute", uniqueOn("doc", "n") + item, nil, "no unique constraint"},
		{"other selector", strings.Replace(uniqueOn("doc", "id"), ".//*", ".//item", 1) + item, nil, "no unique constraint"},
		{"two fields", strings.Replace(uniqueOn("doc", "id"), `<xs:field xpath="@id"/>`, `<xs:field xpath="@id"/><xs:field xpath="@n"/>`, 1) + item, nil, "no unique constraint"},
		{"element field", strings.Replace(uniqueOn("doc", "id"), `"@id"`, `"id"`, 1) + item, nil, "no unique constraint"},
		{"local element", uniqueOn("doc", "id") + item +
			`<xs:element name="box"><xs:complexType><xs:sequence><xs:element name="doc"/></xs:sequence></xs:complexType></xs:element>`, nil, "local element"},
		{"skip wildcard", uniqueOn("doc", "id") + item +
			`<xs:element name="box"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="skip"/></xs:sequence></xs:complexType></xs:element>`, nil, "skips"},
		{"attribute wildcard", uniqueOn("doc", "id") + item +
			`<xs:element name="box"><xs:complexType><xs:anyAttribute namespace="##local"/></xs:complexType></xs:element>`, nil, "attribute wildcard"},
		{"foreign attribute wildcard", uniqueOn("doc", "id") + item +
			`<xs:element name="box"><xs:complexType><xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType></xs:element>`, []string{"doc@id"}, ""},
		{"include", `<xs:include schemaLocation="other.xsd"/>` + uniqueOn("doc", "id") + item, nil, "xsd:include"},
		{"other import", `<xs:import namespace="urn:o" schemaLocation="o.xsd"/>` + uniqueOn("doc", "id") + item, nil, "import"},
		{"keyref", strings.Replace(uniqueOn("doc", "id"), "</xs:element>", `<xs:keyref name="r" refer="id-doc"><xs:selector xpath="item"/><xs:field xpath="@ref"/></xs:keyref></xs:element>`, 1) + item, nil, "keyref"},
		{"doctype", "", nil, "DOCTYPE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(xsdHead + tc.body + "</xs:schema>\n")
			if tc.name == "doctype" {
				src = bytes.Replace(src, []byte("?>"), []byte("?><!DOCTYPE xs:schema>"), 1)
			}
			reduced, set, err := splitUniques(src)
			if tc.rules == nil {
				if err == nil || !strings.Contains(err.Error(), tc.why) {
					t.Fatalf("got %v, %v; want an error saying %q", set, err, tc.why)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range set.rules {
				got = append(got, r.elem+"@"+r.attr)
				if want := "{urn:t}" + r.attr + "-" + r.elem; r.name != want {
					t.Errorf("name %q, want %q", r.name, want)
				}
			}
			if !slices.Equal(got, tc.rules) || set.ns != "urn:t" {
				t.Errorf("got %s in %s, want %s in urn:t", got, set.ns, tc.rules)
			}
			// Blanked in place: same length and lines, nothing else changed.
			if len(reduced) != len(src) || bytes.Count(reduced, []byte("\n")) != bytes.Count(src, []byte("\n")) {
				t.Errorf("reduced schema: %d bytes, %d lines; want %d, %d", len(reduced), bytes.Count(reduced, []byte("\n")), len(src), bytes.Count(src, []byte("\n")))
			}
			blank := regexp.MustCompile(`(?s)<xs:unique .*?</xs:unique>`).ReplaceAllFunc(src, func(m []byte) []byte {
				return regexp.MustCompile(`[^\n]`).ReplaceAll(m, []byte(" "))
			})
			if !bytes.Equal(reduced, blank) {
				t.Errorf("reduced schema:\n%s\nwant:\n%s", reduced, blank)
			}
		})
	}
}

// TestUniquesAsLibxml2 validates random documents against a small schema
// with nested scopes, lax wildcards and foreign elements, once with the
// unique constraints left to libxml2 and once checked outside it: the
// problems must be the same, message for message.
func TestUniquesAsLibxml2(t *testing.T) {
	xsd := xsdHead + uniqueOn("doc", "id", "ref") + uniqueOn("box", "id") + `
  <xs:element name="item"><xs:complexType><xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="id" type="id"/><xs:attribute name="ref" type="id2"/><xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType></xs:element>
</xs:schema>
`
	path := filepath.Join(t.TempDir(), "t.xsd")
	if err := os.WriteFile(path, []byte(xsd), 0o644); err != nil {
		t.Fatal(err)
	}
	ours, theirs := loadBoth(t, path)
	if ours.uniques == nil {
		t.Fatal("the unique constraints were not taken over")
	}

	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"doc", "box", "item", "item", "item", "f:foreign", "f:item", "undeclared"}
	var elem func(b *strings.Builder, depth int)
	elem = func(b *strings.Builder, depth int) {
		name := names[r.IntN(len(names))]
		fmt.Fprintf(b, "\n<%s", name)
		for _, a := range []string{"id", "ref", "f:id"} {
			if r.IntN(3) == 0 {
				fmt.Fprintf(b, ` %s="v%d"`, a, r.IntN(40))
			}
		}
		b.WriteString(">")
		for n := r.IntN(4); depth < 5 && n > 0; n-- {
			elem(b, depth+1)
		}
		fmt.Fprintf(b, "</%s>", name)
	}
	invalid := 0
	for i := range 400 {
		var b strings.Builder
		b.WriteString(`<doc xmlns="urn:t" xmlns:f="urn:f">`)
		for n := 1 + r.IntN(4); n > 0; n-- {
			elem(&b, 0)
		}
		b.WriteString("\n</doc>\n")
		doc := []byte(b.String())
		name := fmt.Sprintf("random-%d.xml", i)
		want, got := problemsText(theirs.Validate(name, doc)), problemsText(ours.Validate(name, doc))
		if got != want {
			t.Fatalf("%s:\n%s\nlibxml2 alone:\n%s\nwith the unique constraints outside:\n%s", name, doc, want, got)
		}
		if want != "" {
			invalid++
		}
	}
	t.Logf("400 random documents, %d with duplicates, same problems", invalid)
	if invalid < 100 || invalid > 300 {
		t.Errorf("%d of 400 random documents invalid: the test does not exercise both sides", invalid)
	}
}

// TestUniquesAkomaNtoso compares the two ways on the UN's own documents,
// with eIds made to repeat (inside <presentation>'s akn4un: elements too)
// and foreign elements carrying eIds.
func TestUniquesAkomaNtoso(t *testing.T) {
	ours, theirs := loadBoth(t, sharedtest.SharedFile(t, "akn/akomantoso30.xsd"))
	if ours.uniques == nil || ours.uniques.n != 24 {
		t.Fatalf("want the 24 unique constraints of Akoma Ntoso taken over, got %v", ours.uniques)
	}
	files, _ := filepath.Glob(filepath.Join(sharedtest.SharedDir(t), "akn", "examples", "*.xml"))
	if len(files) == 0 {
		t.Fatal("no Akoma Ntoso examples")
	}
	eid := regexp.MustCompile(`eId="([^"]+)"`)
	checked := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ids := eid.FindAllSubmatchIndex(src, -1)
		variants := [][]byte{src}
		for _, step := range []int{1, 7, len(ids) / 2} {
			if step > 0 && step < len(ids) { // the eId at step repeats the first one
				a, b := ids[0], ids[step]
				variants = append(variants, slices.Concat(src[:b[2]], src[a[2]:a[3]], src[b[3]:]))
			}
		}
		if len(ids) > 0 { // a repeat inside an akn4un: element of <presentation>, if any
			first := src[ids[0][2]:ids[0][3]]
			variants = append(variants, bytes.Replace(src, []byte("<docketNumber "), []byte(`<docketNumber eId="`+string(first)+`" `), 1))
		}
		variants = append(variants,
			bytes.Replace(src, []byte("<presentation"), []byte(`<presentation><x:a xmlns:x="urn:x" eId="p"><x:b eId="p"/></x:a></presentation><presentation`), 1))
		for i, v := range variants {
			name := fmt.Sprintf("%s#%d", filepath.Base(f), i)
			want, got := problemsText(theirs.Validate(name, v)), problemsText(ours.Validate(name, v))
			if got != want {
				t.Errorf("%s:\nlibxml2 alone:\n%s\nwith the unique constraints outside:\n%s", name, want, got)
			}
			checked++
		}
	}
	t.Logf("%d documents, same problems", checked)
}

// loadBoth loads the schema at path with the unique constraints checked
// outside libxml2 and left to it.
func loadBoth(t *testing.T, path string) (ours, theirs *XSD) {
	t.Helper()
	ours, err := LoadXSD(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ours.Close)
	theirs, err = loadXSD(path, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(theirs.Close)
	if theirs.uniques != nil {
		t.Fatal("loadXSD(path, false) took the constraints over")
	}
	return ours, theirs
}

func problemsText(err error) string {
	if err == nil {
		return ""
	}
	ve, ok := err.(*ValidationError)
	if !ok {
		return "error: " + err.Error()
	}
	var b strings.Builder
	for _, p := range ve.Problems {
		b.WriteString(p.String() + " [" + p.Path + "]\n")
	}
	return b.String()
}
