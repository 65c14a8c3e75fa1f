package akn

import (
	"bytes"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"

	"github.com/resconv/resconv/internal/word"
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
	"container": true, "paragraph": true, "alinea": true, "content": true, "list": true, "intro": true,
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
// cost of a conversion (13% of a batch). Here text is checked eight ASCII
// bytes at a time and common UTF-8 sequences without decoding (escape);
// anything unusual (invalid UTF-8, a character XML cannot hold) takes
// etree's rules from there on.
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
//
// Texts are mostly long runs of plain ASCII or of 2- and 3-byte UTF-8, so
// those are checked without decoding rune by rune: plain ASCII eight bytes
// at a time, well-formed 2- and 3-byte sequences inline. Anything unusual
// (4-byte sequences, bytes that are not UTF-8, characters XML cannot hold)
// takes the exact path of utf8.DecodeRuneInString and escapeRunes.
func escape(b []byte, s string, attr bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c] {
			i = skipPlain(s, i+1)
			continue
		}
		var esc string
		switch {
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// two bytes: U+0080 to U+07FF, all characters XML holds
			i += 2
			continue
		case c >= 0xE0 && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// three bytes: written as they are unless overlong, a
			// surrogate, or U+FFFE or U+FFFF
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r < 0x800 || r >= 0xD800 && r <= 0xDFFF || r >= 0xFFFE {
				return escapeRunes(append(b, s[last:i]...), s[i:], attr)
			}
			i += 3
			continue
		case c >= utf8.RuneSelf:
			// valid UTF-8 and a character XML holds is written as it is
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || n > 1) && r != 0xFFFE && r != 0xFFFF {
				i += n
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
			i++
			continue
		default: // a control character
			return escapeRunes(append(b, s[last:i]...), s[i:], attr)
		}
		b = append(append(b, s[last:i]...), esc...)
		i++
		last = i
	}
	return append(b, s[last:]...)
}

// skipPlain returns the index of the first byte of s from i on that is not
// plain (see plain), or len(s). It tests eight bytes at a time.
func skipPlain(s string, i int) int {
	const ones, highs = word.Ones, word.Highs
	for ; i+8 <= len(s); i += 8 {
		x := word.Load(s, i)
		// in each byte, t is its low seven bits, and each sum below sets
		// the high bit, with no carry into the next byte, where the byte
		// is fine: t ≥ 0x20; t|1 is not '\'' (so t is neither & nor ');
		// t|2 is not '>' (neither < nor >); t is not '"'. A byte whose
		// own high bit is set is not plain ASCII.
		t := x &^ highs
		ok := ^x & (t + (0x80-0x20)*ones) &
			(((t | ones) ^ '\''*ones) + 0x7F*ones) &
			(((t | 2*ones) ^ '>'*ones) + 0x7F*ones) &
			((t ^ '"'*ones) + 0x7F*ones)
		if bad := ^ok & highs; bad != 0 {
			// TAB and LF are plain too but rare: the caller takes them
			return i + bits.TrailingZeros64(bad)/8
		}
	}
	for ; i < len(s) && plain[s[i]]; i++ {
	}
	return i
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
