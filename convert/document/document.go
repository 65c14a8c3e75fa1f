// Package document defines the document model of a United Nations
// resolution: the one structure that the stages of resconv share.
//
// The reader stages (decode, normalise, detect) build a Document from text;
// the writer stages (AKN, JSON) render it. Nothing in the model depends on
// the input layout or on the output format.
package document

// Document is one resolution: its metadata, its body (or its parts, for a
// resolution adopted in several parts A, B, ...), its footnotes, and the
// trace of what the reader removed or captured on the way.
type Document struct {
	Meta Meta

	// Body is the resolution itself. For a resolution in parts, it holds
	// only the parts' shared conclusions, and Parts holds the parts.
	Body  *Statement
	Parts []*Statement

	// Notes are the footnotes, in the order of their markers.
	Notes []*Note

	// Trace records, rule by rule, every piece of input text that the
	// reader did not put into the body: noise it removed and metadata it
	// captured. Nothing is dropped without a named rule.
	Trace []Trace

	// Warnings are problems that did not stop the conversion.
	Warnings []Warning
}

// Meta is what the document says about itself: the masthead, the adoption
// line, the committee line, the number and title, the hidden ODS fields.
// Dates are ISO 8601 (YYYY-MM-DD); texts are as they appear.
type Meta struct {
	Language string // ISO 639-2 code of the text: "eng"
	Body     string // the issuing body's rule-file key: "ga"
	// Kind is the AKN name of a document that is not a resolution, from
	// the body's rules: "presidentialStatement"; empty for a resolution.
	Kind string

	Publisher   string // "United Nations"
	IssuingBody string // "General Assembly"
	Symbol      string // "A/RES/70/237"
	Number      string // the number in the preface: "70/237."
	Title       Text   // "Developments in the field of ..."
	// Subtitle is a second title, as a part adopted on its own has: the
	// title of the part under the title of the whole.
	Subtitle Text
	// RunningTitle is the title as the running headers give it, after the
	// symbol: the first title alone when two ran together.
	RunningTitle string
	Distribution string // "Distr.: General"

	IssuanceDate string // "2015-12-30"
	IssuanceText string // "30 December 2015"

	Session     int    // 70
	SessionText string // "Seventieth session"

	AgendaText  string // "Agenda item 92"
	AgendaItems []string
	// AgendaTitles are the titles of the agenda items, when the masthead
	// has them: one for each item of "Agenda items 132 and 143".
	AgendaTitles []string

	// ResolutionLine is the number line of a Security Council resolution:
	// "Resolution 2505 (2020)".
	ResolutionLine string
	AdoptionLine   string // "Resolution adopted by the General Assembly on 23 December 2015"
	AdoptionDate   string // "2015-12-23"

	Committee Committee

	JobNumber  string // printed job number: "15-16991 (E)"
	ODSJobNo   string // hidden ODS field: "N1545757E"
	ODSSymbols []string
}

// Date is the document's date: the date of adoption, else the date of
// issuance of the masthead (a day or so later), else "".
func (m *Meta) Date() string {
	if m.AdoptionDate != "" {
		return m.AdoptionDate
	}
	return m.IssuanceDate
}

// Committee is the line under the adoption line that says through which
// committee the draft came: "[on the report of the First Committee
// (A/70/455)]" or "[without reference to a Main Committee (A/70/L.5)]".
type Committee struct {
	Line   string // the whole line, brackets included
	Name   string // "First Committee"; empty without reference to one
	Key    string // a stable identifier: "firstCommittee", "plenary"
	Report string // "A/70/455, para. 17"
}

// Statement is a resolution or one part of it.
type Statement struct {
	// Label is the part letter, "A", with any footnote reference written
	// after it; empty for a resolution that is not in parts.
	Label   Text
	Heading Text // the part's title
	Formula *Block
	// Preamble holds the preambular paragraphs (Kind Preambular) and any
	// headings between them.
	Preamble []*Block
	// Operative holds the operative paragraphs, their headings and tables.
	Operative []*Block
	Meeting   *Meeting
	Annexes   []*Annex
}

// Meeting is the closing line of a resolution: the plenary meeting at which
// it was adopted and the date.
type Meeting struct {
	Text     string // "82nd plenary meeting"
	Ordinal  string // "82nd"
	DateText string // "23 December 2015"
	Date     string // "2015-12-23"
}

// Annex is an annex to a resolution.
type Annex struct {
	Heading Text     // "Annex", "Annex I"; empty when the text has none
	Title   Text     // the line under the heading, if any
	Blocks  []*Block // its paragraphs, headings and tables
}

// Kind is the role of a Block.
type Kind int

const (
	Formula    Kind = iota + 1 // "The General Assembly,"
	Preambular                 // a preambular paragraph
	Operative                  // a numbered (or unnumbered) operative paragraph
	Point                      // a sub-item "(a)" or "(i)" of a paragraph or point
	Heading                    // a heading between paragraphs
	Table                      // a table
	Plain                      // other text: annex paragraphs without number
	Opening                    // the opening paragraph of a statement: "At the 9001st meeting ..."
)

var kindNames = [...]string{"", "formula", "preambular", "operative", "point", "heading", "table", "plain", "opening"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Block is one paragraph-like unit of text.
type Block struct {
	Kind Kind
	Num  string // "1.", "(a)", "I"; empty if unnumbered
	// Phrase is the opening phrase ("Recalling also", "Calls upon") when
	// the language rules know it; Text begins with it.
	Phrase string
	Text   Text
	Points []*Block // sub-items, for Operative and Point blocks
	Rows   [][]Text // cells, for Table blocks
	Line   int      // the input line it starts on (1-based)
}

// Text is a run of inline content: plain text with footnote references.
type Text []Inline

// Inline is a piece of Text: plain text, or a reference to a footnote.
type Inline struct {
	Text string
	// Note is set for a footnote reference; Text then holds its marker.
	Note *Note
	// First reports whether this is the note's first reference: the AKN
	// writer puts the note's text there and a plain marker elsewhere.
	First bool
}

// Plain returns the text without footnote markers.
func (t Text) Plain() string {
	n := 0
	for _, in := range t {
		if in.Note == nil {
			n += len(in.Text)
		}
	}
	b := make([]byte, 0, n)
	for _, in := range t {
		if in.Note == nil {
			b = append(b, in.Text...)
		}
	}
	return string(b)
}

// PlainText returns t as a Text of one plain run (or none, for "").
func PlainText(s string) Text {
	if s == "" {
		return nil
	}
	return Text{{Text: s}}
}

// Note is a footnote.
type Note struct {
	Marker string // "1"
	Text   Text
	Line   int // the input line of its text
	Refs   int // how many times the body refers to it
}

// Trace is one piece of input that a named rule removed or captured.
type Trace struct {
	Rule   string // "ods.page-footer"
	Action string // "drop", "capture", ...
	Line   int
	Text   string
}

// Warning is a problem that did not stop the conversion.
type Warning struct {
	Stage   string // "normalise", "detect", ...
	Rule    string // the rule involved, if any
	Line    int
	Message string
}
