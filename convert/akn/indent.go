package akn

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// blockTags are the elements whose children are only elements, so white
// space between them changes no text. Everything else (p, num, docTitle,
// authorialNote, …) holds mixed content and is written as it is: etree's
// own Indent would add white space inside it and change the text.
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

// serialiser writes an etree document the way etree's WriteTo does with
// CanonicalText set (text escapes &, < and >; attribute values also " and
// '), and puts each child of a block element on its own line, indented.
//
// It exists for speed: etree's escaping decodes every rune of every text
// to find the few characters to replace, which was the largest single
// cost of a conversion (13% of a batch). Here ASCII is scanned byte by
// byte with a table, other UTF-8 rune by rune; anything unusual (invalid
// UTF-8, a character XML cannot hold) takes etree's rules from there on.
// TestSerialiserMatchesEtree checks the bytes against etree's own writer.
type serialiser struct {
	b    []byte // the output so far
	unit string // indentation; "" for none
	pads []string
}

func (s *serialiser) document(x *etree.Document) {
	for _, t := range x.Child {
		s.token(t, 0)
	}
}

func (s *serialiser) token(t etree.Token, depth int) {
	switch t := t.(type) {
	case *etree.Element:
		s.element(t, depth)
	case *etree.CharData:
		s.b = escape(s.b, t.Data, false)
	case *etree.ProcInst:
		s.b = append(append(s.b, "<?"...), t.Target...)
		if t.Inst != "" {
			s.b = append(append(s.b, ' '), t.Inst...)
		}
		s.b = append(s.b, "?>"...)
	default: // the writer makes no comments or directives; keep etree's form
		var buf bytes.Buffer
		t.WriteTo(&buf, &etree.WriteSettings{CanonicalText: true})
		s.b = append(s.b, buf.Bytes()...)
	}
}

func (s *serialiser) element(e *etree.Element, depth int) {
	tag := e.FullTag()
	s.b = append(append(s.b, '<'), tag...)
	for _, a := range e.Attr {
		s.b = append(s.b, ' ')
		if a.Space != "" {
			s.b = append(append(s.b, a.Space...), ':')
		}
		s.b = append(append(s.b, a.Key...), `="`...)
		s.b = append(escape(s.b, a.Value, true), '"')
	}
	if len(e.Child) == 0 {
		s.b = append(s.b, "/>"...)
		return
	}
	s.b = append(s.b, '>')
	if s.unit != "" && blockTags[tag] && onlyElements(e) {
		for _, c := range e.Child {
			if k, ok := c.(*etree.Element); ok {
				s.newline(depth + 1)
				s.element(k, depth+1)
			}
		}
		s.newline(depth)
	} else {
		for _, c := range e.Child {
			s.token(c, depth+1)
		}
	}
	s.b = append(append(append(s.b, "</"...), tag...), '>')
}

// newline starts a line indented depth times.
func (s *serialiser) newline(depth int) {
	for len(s.pads) <= depth {
		s.pads = append(s.pads, "\n"+strings.Repeat(s.unit, len(s.pads)))
	}
	s.b = append(s.b, s.pads[depth]...)
}

// onlyElements tells whether e holds no text but white space: its children
// may go on lines of their own.
func onlyElements(e *etree.Element) bool {
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok && strings.TrimSpace(cd.Data) != "" {
			return false
		}
	}
	return true
}

// escape writes s as XML text (attr false: &, < and > escaped, and a
// carriage return as "&#xD;" so a parser keeps it) or as an attribute
// value (&, <, >, " and ').
func escape(b []byte, s string, attr bool) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if plain[c] {
			continue
		}
		var esc string
		switch {
		case c >= utf8.RuneSelf:
			// valid UTF-8 and a character XML holds is written as it is
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || n > 1) && r != 0xFFFE && r != 0xFFFF {
				i += n - 1
				continue
			}
			return escapeRunes(append(b, s[last:i]...), s[i:], attr)
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '"' && attr:
			esc = "&quot;"
		case c == '\'' && attr:
			esc = "&apos;"
		case c == '\r' && !attr:
			esc = "&#xD;"
		case c == '\r', c == '"', c == '\'':
			continue
		default: // a control character
			return escapeRunes(append(b, s[last:i]...), s[i:], attr)
		}
		b = append(append(b, s[last:i]...), esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// plain marks the bytes escape writes as they are, whatever the context:
// printable ASCII but &, <, >, " and ', and TAB and LF.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = !strings.ContainsRune(`&<>"'`, rune(c))
	}
	t['\t'], t['\n'] = true, true
	return t
}()

// escapeRunes escapes s rune by rune as etree does: a character XML
// cannot hold, or a byte that is not UTF-8, becomes U+FFFD.
func escapeRunes(b []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"' && attr:
			b = append(b, "&quot;"...)
		case r == '\'' && attr:
			b = append(b, "&apos;"...)
		case r == '\r' && !attr:
			b = append(b, "&#xD;"...)
		case !xmlChar(r) || (r == utf8.RuneError && n == 1):
			b = append(b, "\uFFFD"...)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// xmlChar tells whether XML 1.0 can hold r.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
