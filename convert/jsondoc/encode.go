package jsondoc

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// encoder writes the tree of a resolution as JSON, byte for byte as
// encoding/json's Encoder writes it with SetEscapeHTML(false) and
// SetIndent("", unit): the struct tags of the tree are the reference, and
// the tests check the two against each other. It exists because
// encoding/json cost more than all the rest of the conversion to JSON: it
// walks the tree by reflection, checks every byte of every string through
// a per-rune decoder, and indents afterwards with a second pass that scans
// every byte again.
type encoder struct {
	b     []byte
	unit  string // indentation of nested values; "" writes one line
	depth int
	empty bool // the object or array just opened has no member yet
}

// open starts an object ('{') or an array ('[').
func (e *encoder) open(c byte) {
	e.b = append(e.b, c)
	e.depth++
	e.empty = true
}

// close ends the object or array that open started; an empty one stays
// {} or [] on its line.
func (e *encoder) close(c byte) {
	e.depth--
	if !e.empty {
		e.newline()
	}
	e.b = append(e.b, c)
	e.empty = false
}

// next starts a member of the current object or array.
func (e *encoder) next() {
	if !e.empty {
		e.b = append(e.b, ',')
	}
	e.empty = false
	e.newline()
}

func (e *encoder) newline() {
	if e.unit == "" {
		return
	}
	e.b = append(e.b, '\n')
	for range e.depth {
		e.b = append(e.b, e.unit...)
	}
}

// key starts the member k of the current object; k needs no escaping.
func (e *encoder) key(k string) {
	e.next()
	e.b = append(e.b, '"')
	e.b = append(e.b, k...)
	e.b = append(e.b, '"', ':')
	if e.unit != "" {
		e.b = append(e.b, ' ')
	}
}

func (e *encoder) str(k, v string) {
	e.key(k)
	e.b = appendString(e.b, v)
}

// optStr writes v unless it is empty, as omitempty does.
func (e *encoder) optStr(k, v string) {
	if v != "" {
		e.str(k, v)
	}
}

func (e *encoder) int(k string, v int) {
	e.key(k)
	e.b = strconv.AppendInt(e.b, int64(v), 10)
}

// array writes s with one call of elem per element, or null for a nil
// slice, as encoding/json does.
func array[T any](e *encoder, s []T, elem func(*encoder, *T)) {
	if s == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.open('[')
	for i := range s {
		e.next()
		elem(e, &s[i])
	}
	e.close(']')
}

func (e *encoder) string(s *string) { e.b = appendString(e.b, *s) }

func (e *encoder) resolution(r *resolution) {
	e.open('{')
	e.str("$schema", r.Schema)
	e.optStr("symbol", r.Symbol)
	e.optStr("resolution_number", r.ResolutionNumber)
	e.optStr("resolution_line", r.ResolutionLine)
	e.optStr("title", r.Title)
	e.optStr("subtitle", r.Subtitle)
	e.str("language", r.Language)
	e.optStr("body", r.Body)
	e.optStr("document_kind", r.DocumentKind)
	e.optStr("issuing_body", r.IssuingBody)
	e.optStr("publisher", r.Publisher)
	e.optStr("distribution", r.Distribution)
	e.optStr("session", r.Session)
	if r.SessionNumber != 0 {
		e.int("session_number", r.SessionNumber)
	}
	e.optStr("agenda_item", r.AgendaItem)
	if len(r.AgendaItems) > 0 {
		e.key("agenda_items")
		array(e, r.AgendaItems, (*encoder).string)
	}
	e.optStr("agenda_item_name", r.AgendaItemName)
	if len(r.AgendaItemNames) > 0 {
		e.key("agenda_item_names")
		array(e, r.AgendaItemNames, (*encoder).string)
	}
	e.optStr("issuance_date", r.IssuanceDate)
	e.optStr("issuance_date_text", r.IssuanceDateText)
	e.optStr("adoption_line", r.AdoptionLine)
	e.optStr("committee", r.Committee)
	e.optStr("committee_key", r.CommitteeKey)
	e.optStr("committee_line", r.CommitteeLine)
	e.optStr("committee_report", r.CommitteeReport)
	e.optStr("job_number", r.JobNumber)
	e.optStr("ods_job_number", r.ODSJobNumber)
	if len(r.ODSSymbols) > 0 {
		e.key("ods_symbols")
		array(e, r.ODSSymbols, (*encoder).string)
	}
	e.statementFields(&r.statement)
	if len(r.Parts) > 0 {
		e.key("parts")
		array(e, r.Parts, (*encoder).statement)
	}
	e.key("footnotes")
	array(e, r.Footnotes, (*encoder).footnote)
	e.close('}')
}

func (e *encoder) statement(s *statement) {
	e.open('{')
	e.statementFields(s)
	e.close('}')
}

// statementFields writes the members of s, which the resolution has at
// its top level.
func (e *encoder) statementFields(s *statement) {
	e.optStr("label", s.Label)
	e.optStr("heading", s.Heading)
	e.optStr("adoption_date", s.AdoptionDate)
	e.optStr("adoption_date_text", s.AdoptionDateText)
	e.optStr("adoption_meeting", s.AdoptionMeeting)
	if f := s.FRBR; f != nil {
		e.key("frbr")
		e.open('{')
		e.str("work", f.Work)
		e.str("expression", f.Expression)
		e.str("manifestation", f.Manifestation)
		e.close('}')
	}
	if p := s.Preamble; p != nil {
		e.key("preamble")
		e.open('{')
		if p.Formula != nil {
			e.key("formula")
			e.block(p.Formula)
		}
		e.key("paragraphs")
		array(e, p.Paragraphs, (*encoder).block)
		e.close('}')
	}
	e.key("operative")
	e.open('{')
	e.key("paragraphs")
	array(e, s.Operative.Paragraphs, (*encoder).block)
	e.close('}')
	if len(s.Annexes) > 0 {
		e.key("annexes")
		array(e, s.Annexes, (*encoder).annex)
	}
}

func (e *encoder) block(b *block) {
	e.open('{')
	e.str("kind", b.Kind)
	e.optStr("number", b.Number)
	e.optStr("opening_phrase", b.OpeningPhrase)
	if b.Text != nil {
		e.str("text", *b.Text)
	}
	e.noteRefs(b.NoteRefs)
	if len(b.Points) > 0 {
		e.key("points")
		array(e, b.Points, (*encoder).block)
	}
	if len(b.Rows) > 0 {
		e.key("rows")
		array(e, b.Rows, func(e *encoder, row *[]cell) {
			array(e, *row, (*encoder).cell)
		})
	}
	e.close('}')
}

func (e *encoder) cell(c *cell) {
	e.open('{')
	e.str("text", c.Text)
	e.noteRefs(c.NoteRefs)
	e.close('}')
}

func (e *encoder) annex(a *annex) {
	e.open('{')
	e.optStr("heading", a.Heading)
	e.optStr("title", a.Title)
	e.key("paragraphs")
	array(e, a.Paragraphs, (*encoder).block)
	e.close('}')
}

func (e *encoder) footnote(f *footnote) {
	e.open('{')
	e.str("marker", f.Marker)
	e.str("text", f.Text)
	e.noteRefs(f.NoteRefs)
	e.key("referenced_at")
	array(e, f.ReferencedAt, func(e *encoder, r *reference) {
		e.open('{')
		e.str("pointer", r.Pointer)
		e.int("offset", r.Offset)
		e.close('}')
	})
	e.close('}')
}

// noteRefs writes the member note_refs unless there are none.
func (e *encoder) noteRefs(refs []noteRef) {
	if len(refs) == 0 {
		return
	}
	e.key("note_refs")
	array(e, refs, func(e *encoder, r *noteRef) {
		e.open('{')
		e.str("marker", r.Marker)
		e.int("offset", r.Offset)
		e.close('}')
	})
}

// escapes marks the bytes that appendString must look at in valid UTF-8:
// the quote, the backslash, the control characters, and 0xE2, the first
// byte of U+2028 and U+2029.
var escapes = [256]bool{'"': true, '\\': true, 0xE2: true,
	0x00: true, 0x01: true, 0x02: true, 0x03: true, 0x04: true, 0x05: true, 0x06: true, 0x07: true,
	0x08: true, 0x09: true, 0x0A: true, 0x0B: true, 0x0C: true, 0x0D: true, 0x0E: true, 0x0F: true,
	0x10: true, 0x11: true, 0x12: true, 0x13: true, 0x14: true, 0x15: true, 0x16: true, 0x17: true,
	0x18: true, 0x19: true, 0x1A: true, 0x1B: true, 0x1C: true, 0x1D: true, 0x1E: true, 0x1F: true,
}

const hex = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping: \" \\ \b \f \n \r \t, \u00XX for the
// other control characters, and \u2028 and \u2029, which JavaScript does
// not allow in a string. A string that is not valid UTF-8 is left to
// encoding/json, which writes \ufffd for each bad byte.
func appendString(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(s) // a string always encodes
		return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
	}
	dst = append(dst, '"')
	start := 0 // s[start:i] is still to be copied
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !escapes[c] {
			continue
		}
		if c == 0xE2 { // valid UTF-8: two more bytes follow
			if s[i+1] != 0x80 || (s[i+2] != 0xA8 && s[i+2] != 0xA9) {
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[s[i+2]&0xF])
			i += 2
			start = i + 1
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
