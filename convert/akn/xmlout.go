package akn

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// blockTags are the elements whose children are only elements, so white
// space between them changes no text. Everything else (p, num, docTitle,
// authorialNote, …) holds mixed content and is written as it is:
// indenting it would add white space inside it and change the text.
var blockTags = map[string]bool{
	"akomaNtoso": true, "statement": true, "documentCollection": true, "meta": true,
	"identification": true, "FRBRWork": true, "FRBRExpression": true, "FRBRManifestation": true,
	"references": true, "presentation": true, "coverPage": true, "preface": true,
	"preamble": true, "mainBody": true, "conclusions": true, "formula": true,
	"container": true, "paragraph": true, "content": true, "list": true, "intro": true,
	"point": true, "attachments": true, "attachment": true, "doc": true, "components": true,
	"component": true, "collectionBody": true, "table": true, "tr": true, "td": true,
	"akn4un:footerFirstPage": true, "akn4un:footerFirstPageLeft": true, "akn4un:internalCode": true,
}

// serialize writes root as XML, each child of a block element on a line
// of its own, indented with unit ("" for no indentation): a block element
// reached through block elements from the root, with no text but white
// space, has its white space replaced by the indentation. The bytes are
// those etree wrote (with CanonicalText) after the indentation the writer
// did before, which rebuilt each block element's children one removal at
// a time, in time quadratic in their number.
func serialize(buf *bytes.Buffer, root *element, unit string) {
	s := &serializer{buf: buf, unit: unit}
	s.element(root, 0, unit != "")
}

type serializer struct {
	buf  *bytes.Buffer
	unit string
}

// element writes e; indented says that it is reached through indented
// block elements.
func (s *serializer) element(e *element, depth int, indented bool) {
	b := s.buf
	b.WriteByte('<')
	b.WriteString(e.tag)
	for _, a := range e.attrs {
		b.WriteByte(' ')
		b.WriteString(a.key)
		b.WriteString(`="`)
		escapeAttr(b, a.value)
		b.WriteByte('"')
	}
	switch {
	case indented && blockTags[e.tag] && len(e.kids) > 0 && !mixed(e):
		b.WriteByte('>')
		for _, k := range e.kids {
			if k.el != nil { // white space is replaced by the indentation
				s.pad(depth + 1)
				s.element(k.el, depth+1, true)
			}
		}
		s.pad(depth)
	case len(e.kids) == 0:
		b.WriteString("/>")
		return
	default:
		b.WriteByte('>')
		for _, k := range e.kids {
			if k.el != nil {
				s.element(k.el, depth+1, false)
			} else {
				escapeText(b, k.text)
			}
		}
	}
	b.WriteString("</")
	b.WriteString(e.tag)
	b.WriteByte('>')
}

// mixed tells whether e has text other than white space.
func mixed(e *element) bool {
	for _, k := range e.kids {
		if k.el == nil && strings.TrimSpace(k.text) != "" {
			return true
		}
	}
	return false
}

func (s *serializer) pad(depth int) {
	s.buf.WriteByte('\n')
	for range depth {
		s.buf.WriteString(s.unit)
	}
}

// asciiText and asciiAttr give the escape of each ASCII byte in text and
// in attribute values, as etree wrote them: "" for none, "\uFFFD" for a
// character XML does not allow.
var asciiText, asciiAttr [utf8.RuneSelf]string

// special marks the bytes escapeValid stops at: those that may need an
// escape (ASCII), and 0xEF, which begins U+FFFE and U+FFFF, the only
// runes of valid UTF-8 beyond ASCII that XML does not allow.
var special [256]bool

func init() {
	for c := range utf8.RuneSelf {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			asciiText[c], asciiAttr[c] = "\uFFFD", "\uFFFD"
		}
	}
	asciiText['&'], asciiText['<'], asciiText['>'], asciiText['\r'] = "&amp;", "&lt;", "&gt;", "&#xD;"
	asciiAttr['&'], asciiAttr['<'], asciiAttr['>'], asciiAttr['\''], asciiAttr['"'] = "&amp;", "&lt;", "&gt;", "&apos;", "&quot;"
	for c := range utf8.RuneSelf {
		special[c] = asciiText[c] != "" || asciiAttr[c] != ""
	}
	special[0xEF] = true
}

func escapeText(b *bytes.Buffer, s string) { escape(b, s, &asciiText) }
func escapeAttr(b *bytes.Buffer, s string) { escape(b, s, &asciiAttr) }

// escape writes s with the escapes of table for ASCII bytes; a byte of
// invalid UTF-8 or a character outside XML's range becomes U+FFFD.
func escape(b *bytes.Buffer, s string, table *[utf8.RuneSelf]string) {
	if utf8.ValidString(s) {
		escapeValid(b, s, table)
		return
	}
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if esc := table[c]; esc != "" {
				b.WriteString(s[last:i])
				b.WriteString(esc)
				last = i + 1
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || !inXMLRange(r) {
			b.WriteString(s[last:i])
			b.WriteString("\uFFFD")
			last = i + w
		}
		i += w
	}
	b.WriteString(s[last:])
}

// escapeValid is escape for valid UTF-8: it looks at bytes, not runes.
func escapeValid(b *bytes.Buffer, s string, table *[utf8.RuneSelf]string) {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !special[c] {
			continue
		}
		if c == 0xEF {
			if i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
				b.WriteString(s[last:i])
				b.WriteString("\uFFFD")
				last = i + 3
				i += 2
			}
			continue
		}
		if esc := table[c]; esc != "" {
			b.WriteString(s[last:i])
			b.WriteString(esc)
			last = i + 1
		}
	}
	b.WriteString(s[last:])
}

// inXMLRange is etree's isInCharacterRange for non-ASCII runes.
func inXMLRange(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
