//go:build cgo

package schema

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Unique constraints checked outside libxml2.
//
// The Akoma Ntoso schema declares 24 <xsd:unique> constraints, two per
// document type: eId and GUID unique within the document
// (<xsd:selector xpath=".//*"/> <xsd:field xpath="@eId"/>). libxml2 2.9
// evaluates them as streaming XPath on every element and formats each key
// as a string to hash it: a third of the instructions of validating one
// of resconv's outputs. When a schema's constraints have that shape, and
// nothing in the schema can make them mean more than "no two elements
// inside an E carry the same A", they are blanked out of the schema text
// given to libxml2 and checked on the parsed document in one pass
// (checkUniques in unique.c), with libxml2's own message.
//
// What libxml2 compares (checked against it on documents broken on
// purpose, see the tests): the attribute A of every element inside an E,
// at any depth, that it assesses. It assesses every element of the target
// namespace that the schema declares, also under a lax wildcard (the
// akn4un: elements of <presentation>); not foreign elements met there,
// nor undeclared ones. splitUniques keeps that set exact by leaving the
// constraints with libxml2 unless:
//   - every element declaration is global (a local one of E's name would
//     carry no constraint); no include, redefine or keyref; no import but
//     the xml: namespace's (which declares no elements);
//   - no wildcard skips elements (a skipped E or A is not assessed), and
//     no attribute wildcard admits an unqualified A;
//   - every declaration of A is unqualified, has no default or fixed
//     value, and a type restricted from xsd:string without a whiteSpace
//     facet, so that equal values are equal strings.
//
// In a document that is invalid for another reason the two can differ
// (libxml2 stops assessing below an unexpected element; it does not
// compare values its type rejects): the document is invalid either way,
// and the duplicates come after libxml2's other problems.

// uniqueRule is one constraint: no two elements inside an elem (target
// namespace) have the same value of the unqualified attribute attr.
type uniqueRule struct {
	elem, attr string
	name       string // as libxml2 names it: {namespace}name
}

// uniqueSet is what splitUniques takes out of a schema.
type uniqueSet struct {
	ns       string // the schema's target namespace
	rules    []uniqueRule
	declared []string // the elements the schema declares
}

const (
	nsXSD = "http://www.w3.org/2001/XMLSchema"
	nsXML = "http://www.w3.org/XML/1998/namespace"
)

// xsdNode is an element of a schema document with its place in the text.
type xsdNode struct {
	name       xml.Name
	attr       map[string]string // unqualified attributes
	ns         map[string]string // namespace declarations made here: prefix -> URI
	parent     *xsdNode
	kids       []*xsdNode
	start, end int64 // byte offsets of its start tag's "<" and past its end tag
}

func (n *xsdNode) is(local string) bool { return n.name.Space == nsXSD && n.name.Local == local }

// resolve gives the expanded name of a QName value written in n.
func (n *xsdNode) resolve(qname string) xml.Name {
	prefix, local, ok := strings.Cut(strings.TrimSpace(qname), ":")
	if !ok {
		prefix, local = "", prefix
	}
	for m := n; m != nil; m = m.parent {
		if uri, ok := m.ns[prefix]; ok {
			return xml.Name{Space: uri, Local: local}
		}
	}
	return xml.Name{Local: local}
}

// parseXSD reads a schema document into a tree of xsdNodes.
func parseXSD(src []byte) (*xsdNode, error) {
	d := xml.NewDecoder(bytes.NewReader(src))
	var root, cur *xsdNode
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if off >= int64(len(src)) || src[off] != '<' {
				return nil, errors.New("unexpected offsets")
			}
			n := &xsdNode{name: t.Name, attr: map[string]string{}, ns: map[string]string{}, parent: cur, start: off}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					n.ns[a.Name.Local] = a.Value
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					n.ns[""] = a.Value
				case a.Name.Space == "":
					n.attr[a.Name.Local] = a.Value
				}
			}
			if cur != nil {
				cur.kids = append(cur.kids, n)
			} else if root == nil {
				root = n
			}
			cur = n
		case xml.EndElement:
			cur.end = d.InputOffset()
			if src[cur.end-1] != '>' {
				return nil, errors.New("unexpected offsets")
			}
			cur = cur.parent
		case xml.Directive:
			return nil, errors.New("a DOCTYPE") // entities could hide declarations
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// attrName is the field of a constraint taken over: one unqualified attribute.
var attrName = regexp.MustCompile(`^@[\pL_][\pL\pN._-]*$`)

// splitUniques finds the unique constraints of the schema text src that
// can be checked outside libxml2, and returns src with them blanked out
// (spaces, newlines kept, so libxml2's line numbers stay right) and them.
// It returns an error saying why when there are none.
func splitUniques(src []byte) ([]byte, *uniqueSet, error) {
	root, err := parseXSD(src)
	if err != nil {
		return nil, nil, fmt.Errorf("schema not read: %v", err)
	}
	if !root.is("schema") {
		return nil, nil, errors.New("root is not xsd:schema")
	}
	tns := root.attr["targetNamespace"]
	if tns == "" {
		return nil, nil, errors.New("no target namespace")
	}
	if root.attr["attributeFormDefault"] == "qualified" {
		return nil, nil, errors.New("attributes qualified by default")
	}

	type candidate struct {
		u    *xsdNode // <xsd:unique> of the right shape on a global element
		attr string   // its field
	}
	var (
		candidates []candidate
		declared   []string
		attrs      = map[string][]*xsdNode{}
		simple     = map[string]*xsdNode{} // global simple types by name
	)
	var walk func(n *xsdNode) error
	walk = func(n *xsdNode) error {
		if n.name.Space == nsXSD {
			switch n.name.Local {
			case "include", "redefine", "override":
				return fmt.Errorf("xsd:%s", n.name.Local)
			case "keyref":
				return errors.New("xsd:keyref")
			case "import":
				if n.attr["namespace"] != nsXML {
					return fmt.Errorf("import of %q", n.attr["namespace"])
				}
			case "any":
				if n.attr["processContents"] == "skip" {
					return errors.New("a wildcard skips elements")
				}
			case "anyAttribute":
				if admitsUnqualified(n.attr) {
					return errors.New("an attribute wildcard admits unqualified attributes")
				}
			case "element":
				switch {
				case n.parent == root:
					declared = append(declared, n.attr["name"])
				case n.attr["name"] != "": // not a reference
					return errors.New("a local element declaration")
				}
			case "attribute":
				if name := n.attr["name"]; name != "" {
					attrs[name] = append(attrs[name], n)
				}
			case "simpleType":
				if n.parent == root {
					simple[n.attr["name"]] = n
				}
			case "unique":
				if attr := fieldOf(n); attr != "" && n.parent.is("element") && n.parent.parent == root {
					candidates = append(candidates, candidate{n, attr})
				}
			}
		}
		for _, k := range n.kids {
			if err := walk(k); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		return nil, nil, err
	}

	set := &uniqueSet{ns: tns, declared: declared}
	reduced := bytes.Clone(src)
	for _, c := range candidates {
		u := c.u
		if !stringAttr(attrs[c.attr], tns, simple) {
			continue
		}
		set.rules = append(set.rules, uniqueRule{elem: u.parent.attr["name"], attr: c.attr, name: "{" + tns + "}" + u.attr["name"]})
		for i := u.start; i < u.end; i++ {
			if c := reduced[i]; c != '\n' && c != '\r' {
				reduced[i] = ' '
			}
		}
	}
	if len(set.rules) == 0 {
		return nil, nil, errors.New("no unique constraint of the form .//* and @attribute")
	}
	return reduced, set, nil
}

// fieldOf returns A if u is <xsd:unique> with one selector ".//*" and one
// field "@A" (annotations aside), "" otherwise.
func fieldOf(u *xsdNode) string {
	var sel, field []string
	for _, k := range u.kids {
		switch {
		case k.is("selector"):
			sel = append(sel, strings.TrimSpace(k.attr["xpath"]))
		case k.is("field"):
			field = append(field, strings.TrimSpace(k.attr["xpath"]))
		case !k.is("annotation"):
			return ""
		}
	}
	if len(sel) != 1 || sel[0] != ".//*" || len(field) != 1 || !attrName.MatchString(field[0]) {
		return ""
	}
	return field[0][1:]
}

// admitsUnqualified reports whether an attribute wildcard's namespace
// constraint admits unqualified attributes (##other does not).
func admitsUnqualified(attr map[string]string) bool {
	spec, ok := attr["namespace"]
	if !ok {
		return true // ##any
	}
	for _, tok := range strings.Fields(spec) {
		if tok == "##any" || tok == "##local" {
			return true
		}
	}
	return false
}

// stringAttr reports whether every declaration of an attribute is
// unqualified, without default or fixed value, of a type restricted from
// xsd:string with no whiteSpace facet: values then compare as strings.
func stringAttr(decls []*xsdNode, tns string, simple map[string]*xsdNode) bool {
	if len(decls) == 0 {
		return false
	}
	for _, a := range decls {
		if _, ok := a.attr["default"]; ok {
			return false
		}
		if _, ok := a.attr["fixed"]; ok {
			return false
		}
		if a.attr["form"] == "qualified" || !stringType(a, tns, simple, 0) {
			return false
		}
	}
	return true
}

// stringType reports whether n (an attribute declaration, a simple type
// or a restriction) names or defines a restriction of xsd:string without
// a whiteSpace facet.
func stringType(n *xsdNode, tns string, simple map[string]*xsdNode, depth int) bool {
	if depth > 32 {
		return false
	}
	ref := n.attr["type"]
	if n.is("restriction") {
		ref = n.attr["base"]
	}
	if ref != "" {
		switch q := n.resolve(ref); {
		case q == xml.Name{Space: nsXSD, Local: "string"}:
		case q.Space == tns && simple[q.Local] != nil:
			if !stringType(simple[q.Local], tns, simple, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	inline := false
	for _, k := range n.kids {
		switch {
		case k.is("annotation"):
		case k.is("whiteSpace"), k.is("list"), k.is("union"):
			return false
		case k.is("simpleType"), k.is("restriction"):
			if inline || !stringType(k, tns, simple, depth+1) {
				return false
			}
			inline = true
		case n.is("restriction"): // facets other than whiteSpace
		default:
			return false
		}
	}
	return ref != "" || inline
}
