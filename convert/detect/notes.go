package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resconv/resconv/convert/document"
)

// linkNotes finds the footnote numbers glued to the text ("2005,1",
// "Secretary-General,2", "in its 20132 and") and ties them to their notes.
//
// Notes are first referred to in the order of their numbers, so the
// detector looks for the next new number only, after the previous one; a
// number already seen may be referred to again anywhere later.
func linkNotes(doc *document.Document) {
	if len(doc.Notes) == 0 {
		return
	}
	byMarker := map[string]*document.Note{}
	for _, n := range doc.Notes {
		byMarker[n.Marker] = n
	}
	l := &linker{notes: doc.Notes, by: byMarker}
	for _, t := range texts(doc) {
		*t = l.link(*t)
	}
	for _, n := range doc.Notes {
		if n.Refs == 0 {
			doc.Warnings = append(doc.Warnings, document.Warning{Stage: "detect", Line: n.Line,
				Message: "footnote " + n.Marker + " is not referred to in the text; kept after the last paragraph"})
		}
	}
}

// texts lists, in document order, every text that may hold a reference.
func texts(doc *document.Document) []*document.Text {
	var out []*document.Text
	var block func(b *document.Block)
	block = func(b *document.Block) {
		out = append(out, &b.Text)
		for _, r := range b.Rows {
			for i := range r {
				out = append(out, &r[i])
			}
		}
		for _, p := range b.Points {
			block(p)
		}
	}
	stmt := func(s *document.Statement) {
		out = append(out, &s.Label, &s.Heading)
		if s.Formula != nil {
			block(s.Formula)
		}
		for _, b := range s.Preamble {
			block(b)
		}
		for _, b := range s.Operative {
			block(b)
		}
		for _, a := range s.Annexes {
			out = append(out, &a.Heading, &a.Title)
			for _, b := range a.Blocks {
				block(b)
			}
		}
	}
	out = append(out, &doc.Meta.Title)
	stmt(doc.Body)
	for _, p := range doc.Parts {
		stmt(p)
	}
	return out
}

type linker struct {
	notes []*document.Note
	by    map[string]*document.Note
	next  int // index in notes of the next note not yet referred to
}

// link splits the plain runs of t at the footnote references it finds.
func (l *linker) link(t document.Text) document.Text {
	var out document.Text
	for _, in := range t {
		if in.Note != nil {
			out = append(out, in)
			continue
		}
		s := in.Text
		for {
			i, j, n := l.find(s)
			if n == nil {
				break
			}
			if i > 0 {
				out = append(out, document.Inline{Text: s[:i]})
			}
			n.Refs++
			out = append(out, document.Inline{Text: n.Marker, Note: n, First: n.Refs == 1})
			s = s[j:]
		}
		if s != "" {
			out = append(out, document.Inline{Text: s})
		}
	}
	return out
}

// find returns the first reference in s: its byte span and note.
func (l *linker) find(s string) (int, int, *document.Note) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || i == 0 {
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if !endsRef(s, j) {
			i = j - 1
			continue
		}
		// the digits s[i:j] may hold a year before the marker: "20132"
		for k := i; k < j; k++ {
			if n := l.accept(s, i, k, j); n != nil {
				return k, j, n
			}
		}
		i = j - 1
	}
	return 0, 0, nil
}

// accept tells whether s[k:j] is a reference, glued to what is before it
// (s[i:k] being digits of a year when k > i).
func (l *linker) accept(s string, i, k, j int) *document.Note {
	marker := s[k:j]
	if marker[0] == '0' {
		return nil
	}
	n := l.by[marker]
	if n == nil {
		return nil
	}
	isNext := l.next < len(l.notes) && l.notes[l.next] == n
	if !isNext && n.Refs == 0 {
		return nil // notes are first referred to in order
	}
	if k > i {
		// digits before the marker: only a year, "2013" + "2"
		year := s[i:k]
		if i > 0 && isDigit(s[i-1]) || len(year) != 4 || !(strings.HasPrefix(year, "19") || strings.HasPrefix(year, "20")) {
			return nil
		}
		if i > 0 && !isSpaceOrOpen(s[:i]) {
			return nil
		}
	} else if !gluedAfter(s[:k]) {
		return nil
	}
	if isNext {
		l.next++
	}
	return n
}

// gluedAfter tells whether a marker may follow the text before it: a
// letter, or closing punctuation; not a digit, a space, a slash or a dash.
func gluedAfter(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	switch {
	case unicode.IsLetter(r):
		return true
	case strings.ContainsRune(",.;:)]’”\"'»", r):
		return true
	}
	return false
}

func isSpaceOrOpen(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsSpace(r) || strings.ContainsRune("([“‘\"", r)
}

// endsRef tells whether a reference may end at j: at the end, before a
// space or before punctuation.
func endsRef(s string, j int) bool {
	if j == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return unicode.IsSpace(r) || strings.ContainsRune(",.;:)]’”\"", r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
