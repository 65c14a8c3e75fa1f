// Package jsondoc writes a document model as JSON: one JSON document per
// resolution, with the same content as the Akoma Ntoso that package akn
// writes from the same model, in a shape that is easy to load into a
// database or a search index.
//
// The JSON Schema of the output (draft 2020-12) is schema/resolution.schema.json,
// embedded in package schema; its descriptions are the reference for every
// field. In short:
//
//   - Metadata fields are flat and named in snake_case, as in the UN's
//     own JSON extracts (symbol, resolution_number, title, session,
//     adoption_meeting, adoption_date, committee, agenda_item,
//     agenda_item_name); dates are ISO 8601, with the printed text beside
//     them (adoption_date_text).
//   - The resolution's text is in preamble (formula and paragraphs),
//     operative (paragraphs with nested points), annexes, and, for a
//     resolution adopted in parts, parts; each paragraph has a kind, its
//     number, its opening phrase and its text.
//   - Every text is a plain string without footnote markers. A paragraph's
//     note_refs say where in its text each footnote is referenced, as an
//     offset in Unicode code points; each entry of footnotes lists, in
//     referenced_at, the JSON pointer of every string that refers to it
//     and the offset there.
//
// Output is deterministic: the same document gives the same bytes.
package jsondoc

import (
	"strconv"
	"unicode/utf8"

	"github.com/resconv/resconv/convert/akn"
	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/rules"
)

// SchemaID is the $id of the JSON Schema that the output follows; every
// output names it in its "$schema" field.
const SchemaID = "urn:resconv:schema:resolution:1"

// Options control the writer.
type Options struct {
	// Indent is the indentation of nested values; "" writes the document
	// on one line.
	Indent string
}

// Write renders doc, a resolution issued by body, as JSON, followed by a
// newline. It fails when the document cannot be named (no symbol and no
// resolution number), as akn.Write does.
func Write(doc *document.Document, body rules.BodyInfo, opts Options) ([]byte, error) {
	out, texts, textBytes, err := build(doc, body)
	if err != nil {
		return nil, err
	}
	// the buffer is sized to hold most documents without growing: the
	// texts and, for each, its key, indentation and any note references
	size := textBytes + textBytes/4 + 128*texts + 1024
	e := &encoder{b: make([]byte, 0, size), unit: opts.Indent}
	e.resolution(out)
	return append(e.b, '\n'), nil
}

// build makes the tree of the JSON document, and counts its texts and
// their bytes.
func build(doc *document.Document, body rules.BodyInfo) (*resolution, int, int, error) {
	iris, err := akn.FRBR(&doc.Meta, body, "")
	if err != nil {
		return nil, 0, 0, err
	}
	w := &writer{refs: map[*document.Note][]reference{}}
	out := w.resolution(doc, iris)
	for i, p := range doc.Parts {
		piris, err := akn.FRBR(&doc.Meta, body, akn.PartLetter(p))
		if err != nil {
			return nil, 0, 0, err
		}
		st := w.statement(p, "/parts/"+strconv.Itoa(i))
		st.FRBR = frbrOf(piris)
		out.Parts = append(out.Parts, st)
	}
	out.Footnotes = make([]footnote, 0, len(doc.Notes))
	for i, n := range doc.Notes {
		ptr := "/footnotes/" + strconv.Itoa(i)
		f := footnote{Marker: n.Marker}
		f.Text, f.NoteRefs = w.text(n.Text, ptr, "/text")
		out.Footnotes = append(out.Footnotes, f)
	}
	// every reference is known once the whole document has been walked
	for i, n := range doc.Notes {
		out.Footnotes[i].ReferencedAt = w.refs[n]
		if out.Footnotes[i].ReferencedAt == nil {
			out.Footnotes[i].ReferencedAt = []reference{}
		}
	}
	return out, w.texts, w.textBytes, nil
}

// resolution is the whole JSON document. Field order is output order.
// The JSON is written by encoder, by hand; the tags say what it writes
// (as encoding/json would write the tree), and the tests check that.
type resolution struct {
	Schema string `json:"$schema"`

	Symbol           string   `json:"symbol,omitempty"`
	ResolutionNumber string   `json:"resolution_number,omitempty"`
	ResolutionLine   string   `json:"resolution_line,omitempty"`
	Title            string   `json:"title,omitempty"`
	Subtitle         string   `json:"subtitle,omitempty"`
	Language         string   `json:"language"`
	Body             string   `json:"body,omitempty"`
	DocumentKind     string   `json:"document_kind,omitempty"`
	IssuingBody      string   `json:"issuing_body,omitempty"`
	Publisher        string   `json:"publisher,omitempty"`
	Distribution     string   `json:"distribution,omitempty"`
	Session          string   `json:"session,omitempty"`
	SessionNumber    int      `json:"session_number,omitempty"`
	AgendaItem       string   `json:"agenda_item,omitempty"`
	AgendaItems      []string `json:"agenda_items,omitempty"`
	AgendaItemName   string   `json:"agenda_item_name,omitempty"`
	AgendaItemNames  []string `json:"agenda_item_names,omitempty"`
	IssuanceDate     string   `json:"issuance_date,omitempty"`
	IssuanceDateText string   `json:"issuance_date_text,omitempty"`
	AdoptionLine     string   `json:"adoption_line,omitempty"`

	Committee       string `json:"committee,omitempty"`
	CommitteeKey    string `json:"committee_key,omitempty"`
	CommitteeLine   string `json:"committee_line,omitempty"`
	CommitteeReport string `json:"committee_report,omitempty"`

	JobNumber    string   `json:"job_number,omitempty"`
	ODSJobNumber string   `json:"ods_job_number,omitempty"`
	ODSSymbols   []string `json:"ods_symbols,omitempty"`

	statement

	Parts     []statement `json:"parts,omitempty"`
	Footnotes []footnote  `json:"footnotes"`
}

// statement is a resolution's text, or one part's: its fields are at the
// top level for the resolution itself, and in parts for its parts.
type statement struct {
	Label            string    `json:"label,omitempty"`
	Heading          string    `json:"heading,omitempty"`
	AdoptionDate     string    `json:"adoption_date,omitempty"`
	AdoptionDateText string    `json:"adoption_date_text,omitempty"`
	AdoptionMeeting  string    `json:"adoption_meeting,omitempty"`
	FRBR             *frbr     `json:"frbr,omitempty"`
	Preamble         *preamble `json:"preamble,omitempty"`
	Operative        operative `json:"operative"`
	Annexes          []annex   `json:"annexes,omitempty"`
}

type frbr struct {
	Work          string `json:"work"`
	Expression    string `json:"expression"`
	Manifestation string `json:"manifestation"`
}

func frbrOf(i akn.IRIs) *frbr { return &frbr{i.Work, i.Expression, i.Manifestation} }

type preamble struct {
	Formula    *block  `json:"formula,omitempty"`
	Paragraphs []block `json:"paragraphs"`
}

type operative struct {
	Paragraphs []block `json:"paragraphs"`
}

// block is a paragraph, a point, a heading or a table. Text is a pointer
// so that an empty text is written ("") for the kinds that have one and
// left out of tables.
type block struct {
	Kind          string    `json:"kind"`
	Number        string    `json:"number,omitempty"`
	OpeningPhrase string    `json:"opening_phrase,omitempty"`
	Text          *string   `json:"text,omitempty"`
	NoteRefs      []noteRef `json:"note_refs,omitempty"`
	Points        []block   `json:"points,omitempty"`
	Rows          [][]cell  `json:"rows,omitempty"`
}

type cell struct {
	Text     string    `json:"text"`
	NoteRefs []noteRef `json:"note_refs,omitempty"`
}

type annex struct {
	Heading    string  `json:"heading,omitempty"`
	Title      string  `json:"title,omitempty"`
	Paragraphs []block `json:"paragraphs"`
}

// noteRef is a footnote reference in the text beside it.
type noteRef struct {
	Marker string `json:"marker"`
	Offset int    `json:"offset"`
}

type footnote struct {
	Marker       string      `json:"marker"`
	Text         string      `json:"text"`
	NoteRefs     []noteRef   `json:"note_refs,omitempty"`
	ReferencedAt []reference `json:"referenced_at"`
}

// reference is where a footnote is referenced: a string of the document
// and an offset in it.
type reference struct {
	Pointer string `json:"pointer"`
	Offset  int    `json:"offset"`
}

type writer struct {
	// refs collects, note by note, the references in document order.
	refs map[*document.Note][]reference
	// texts counts the texts and their bytes, to size the output buffer.
	texts, textBytes int
}

// resolution fills the metadata and the statement of the resolution itself.
func (w *writer) resolution(doc *document.Document, iris akn.IRIs) *resolution {
	m := &doc.Meta
	r := &resolution{
		Schema:           SchemaID,
		Symbol:           m.Symbol,
		ResolutionNumber: m.Number,
		ResolutionLine:   m.ResolutionLine,
		Language:         m.Language,
		Body:             m.Body,
		DocumentKind:     m.Kind,
		IssuingBody:      m.IssuingBody,
		Publisher:        m.Publisher,
		Distribution:     m.Distribution,
		Session:          m.SessionText,
		SessionNumber:    m.Session,
		AgendaItem:       m.AgendaText,
		AgendaItems:      m.AgendaItems,
		AgendaItemName:   first(m.AgendaTitles),
		AgendaItemNames:  more(m.AgendaTitles),
		IssuanceDate:     m.IssuanceDate,
		IssuanceDateText: m.IssuanceText,
		AdoptionLine:     m.AdoptionLine,

		Committee:       m.Committee.Name,
		CommitteeKey:    m.Committee.Key,
		CommitteeLine:   m.Committee.Line,
		CommitteeReport: m.Committee.Report,

		JobNumber:    m.JobNumber,
		ODSJobNumber: m.ODSJobNo,
		ODSSymbols:   m.ODSSymbols,
	}
	if r.ResolutionNumber == "" {
		// a Security Council resolution has no number in a preface: its
		// number is the line "Resolution 2505 (2020)", as in the UN's
		// extracts
		r.ResolutionNumber = m.ResolutionLine
	}
	r.Title, _ = w.text(m.Title, "", "/title")
	r.Subtitle, _ = w.text(m.Subtitle, "", "/subtitle")
	r.statement = w.statement(doc.Body, "")
	r.FRBR = frbrOf(iris)
	if m.AdoptionDate != "" {
		r.AdoptionDate = m.AdoptionDate // the adoption line's date, as the FRBR work's
	}
	return r
}

// statement converts a resolution or one part; ptr is its JSON pointer.
func (w *writer) statement(s *document.Statement, ptr string) statement {
	st := statement{Operative: operative{Paragraphs: []block{}}}
	st.Label, _ = w.text(s.Label, ptr, "/label")
	st.Heading, _ = w.text(s.Heading, ptr, "/heading")
	if mt := s.Meeting; mt != nil {
		st.AdoptionMeeting = mt.Text
		st.AdoptionDate = mt.Date
		st.AdoptionDateText = mt.DateText
	}
	if s.Formula != nil || len(s.Preamble) > 0 {
		st.Preamble = &preamble{}
		if s.Formula != nil {
			f := w.block(s.Formula, ptr+"/preamble/formula")
			st.Preamble.Formula = &f
		}
		st.Preamble.Paragraphs = w.blocks(s.Preamble, ptr+"/preamble/paragraphs")
	}
	st.Operative.Paragraphs = w.blocks(s.Operative, ptr+"/operative/paragraphs")
	for i, a := range s.Annexes {
		aptr := ptr + "/annexes/" + strconv.Itoa(i)
		var ax annex
		ax.Heading, _ = w.text(a.Heading, aptr, "/heading")
		ax.Title, _ = w.text(a.Title, aptr, "/title")
		ax.Paragraphs = w.blocks(a.Blocks, aptr+"/paragraphs")
		st.Annexes = append(st.Annexes, ax)
	}
	return st
}

// blocks converts a list of blocks; ptr is the list's JSON pointer. The
// result is never nil, so that an empty list is written as [].
func (w *writer) blocks(bs []*document.Block, ptr string) []block {
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		out = append(out, w.block(b, ptr+"/"+strconv.Itoa(i)))
	}
	return out
}

func (w *writer) block(b *document.Block, ptr string) block {
	out := block{Kind: b.Kind.String(), Number: b.Num, OpeningPhrase: b.Phrase}
	if b.Kind == document.Table {
		for i, row := range b.Rows {
			cells := make([]cell, 0, len(row))
			for j, c := range row {
				var cl cell
				cl.Text, cl.NoteRefs = w.text(c, ptr+"/rows/"+strconv.Itoa(i)+"/"+strconv.Itoa(j), "/text")
				cells = append(cells, cl)
			}
			out.Rows = append(out.Rows, cells)
		}
		if out.Rows == nil {
			out.Rows = [][]cell{}
		}
		return out
	}
	text, refs := w.text(b.Text, ptr, "/text")
	out.Text, out.NoteRefs = &text, refs
	for i, p := range b.Points {
		out.Points = append(out.Points, w.block(p, ptr+"/points/"+strconv.Itoa(i)))
	}
	return out
}

// text returns t without its footnote markers, and where the markers
// were: offsets in code points. It records each reference under its note,
// with the JSON pointer of the string: ptr+field, made only then, as most
// texts have no reference.
func (w *writer) text(t document.Text, ptr, field string) (string, []noteRef) {
	w.texts++
	if len(t) == 1 && t[0].Note == nil {
		w.textBytes += len(t[0].Text)
		return t[0].Text, nil // most texts: no copy
	}
	var b []byte
	var refs []noteRef
	// code points are counted only up to a reference, when one comes:
	// counting every text cost more than writing it
	n := 0        // code points in t[:counted]
	counted := 0  // inlines counted in n
	var at string // the string's JSON pointer
	for i, in := range t {
		if in.Note == nil {
			b = append(b, in.Text...)
			continue
		}
		for _, c := range t[counted:i] {
			if c.Note == nil {
				n += utf8.RuneCountInString(c.Text)
			}
		}
		counted = i + 1
		if at == "" {
			at = ptr + field
		}
		refs = append(refs, noteRef{Marker: in.Note.Marker, Offset: n})
		w.refs[in.Note] = append(w.refs[in.Note], reference{Pointer: at, Offset: n})
	}
	w.textBytes += len(b)
	return string(b), refs
}

// first is the first of ss, or "".
func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

// more is ss when it has more than one string, else nil: a list of one
// would repeat the field of the first.
func more(ss []string) []string {
	if len(ss) < 2 {
		return nil
	}
	return ss
}
