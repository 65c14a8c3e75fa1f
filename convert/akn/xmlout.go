package akn

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// serialize writes x as etree writes it (with CanonicalText) after
// indent(root, 0, unit) — the same bytes — but in one pass, without
// changing the tree: indent rebuilt each block element's children one
// removal at a time, which took time quadratic in their number (a 5 MB
// resolution spent most of its time there). It returns false, having
// written nothing useful, for a tree with tokens it does not write
// (comments, CDATA, directives): the caller then uses etree.
func serialize(buf *bytes.Buffer, x *etree.Document, unit string) bool {
	s := &serializer{buf: buf, unit: unit}
	for _, t := range x.Child {
		switch t := t.(type) {
		case *etree.ProcInst:
			if strings.Contains(t.Target, "?>") || strings.Contains(t.Inst, "?>") {
				return false
			}
			buf.WriteString("<?")
			buf.WriteString(t.Target)
			if t.Inst != "" {
				buf.WriteByte(' ')
				buf.WriteString(t.Inst)
			}
			buf.WriteString("?>")
		case *etree.CharData:
			if t.IsCData() {
				return false
			}
			escapeText(buf, t.Data)
		case *etree.Element:
			if !s.element(t, 0, unit != "") {
				return false
			}
		default:
			return false
		}
	}
	return true
}

type serializer struct {
	buf  *bytes.Buffer
	unit string
}

// element writes e; indented says that indent reached it (the root, or
// a child element of an indented block element).
func (s *serializer) element(e *etree.Element, depth int, indented bool) bool {
	b := s.buf
	tag := e.FullTag()
	b.WriteByte('<')
	b.WriteString(tag)
	for i := range e.Attr {
		a := &e.Attr[i]
		b.WriteByte(' ')
		b.WriteString(a.FullKey())
		b.WriteString(`="`)
		escapeAttr(b, a.Value)
		b.WriteByte('"')
	}
	if indented && blockTags[tag] && len(e.Child) > 0 && !mixed(e) {
		b.WriteByte('>')
		for _, c := range e.Child {
			k, ok := c.(*etree.Element)
			if !ok {
				continue // white space, replaced by the indentation
			}
			s.pad(depth + 1)
			if !s.element(k, depth+1, true) {
				return false
			}
		}
		s.pad(depth)
	} else {
		if len(e.Child) == 0 {
			b.WriteString("/>")
			return true
		}
		b.WriteByte('>')
		for _, c := range e.Child {
			switch c := c.(type) {
			case *etree.Element:
				if !s.element(c, depth+1, false) {
					return false
				}
			case *etree.CharData:
				if c.IsCData() {
					return false
				}
				escapeText(b, c.Data)
			default:
				return false
			}
		}
	}
	b.WriteString("</")
	b.WriteString(tag)
	b.WriteByte('>')
	return true
}

// mixed tells whether e has text other than white space among its
// children, or a token indent would have dropped that this writer does
// not know.
func mixed(e *etree.Element) bool {
	for _, c := range e.Child {
		switch c := c.(type) {
		case *etree.CharData:
			if strings.TrimSpace(c.Data) != "" {
				return true
			}
		case *etree.Element:
		default:
			return true // a comment or directive: let etree decide
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
// in attribute values, as etree writes them: "" for none, "\uFFFD" for a
// character XML does not allow.
var asciiText, asciiAttr [utf8.RuneSelf]string

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

// special marks the bytes escapeValid stops at: those that may need an
// escape (ASCII), and 0xEF, which begins U+FFFE and U+FFFF, the only
// runes of valid UTF-8 that XML does not allow beyond ASCII.
var special [256]bool // filled by init, after the tables

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
