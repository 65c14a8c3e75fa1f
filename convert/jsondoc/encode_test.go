package jsondoc

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// indents are the indentations the tests write with.
var indents = []string{"  ", "", "\t", " "}

// TestEncoderTree holds encoder to encoding/json on trees that the
// documents seldom give: every member set, every optional one left out,
// empty and nil lists.
func TestEncoderTree(t *testing.T) {
	text, empty := "text with \"quotes\"", ""
	full := &block{Kind: "paragraph", Number: "1.", OpeningPhrase: "Decides", Text: &text,
		NoteRefs: []noteRef{{"1", 0}, {"*", 12}},
		Points:   []block{{Kind: "point", Number: "(a)", Text: &empty}, {Kind: "point", Text: &text}},
	}
	table := block{Kind: "table", Rows: [][]cell{{{Text: "a"}, {Text: "b", NoteRefs: []noteRef{{"2", 1}}}}, {}, {{}}}}
	st := statement{
		Label: "A", Heading: "Heading", AdoptionDate: "2020-01-01", AdoptionDateText: "1 January 2020", AdoptionMeeting: "1st meeting",
		FRBR:      &frbr{"/w", "/e", "/m"},
		Preamble:  &preamble{Formula: &block{Kind: "formula", Text: &text}, Paragraphs: []block{*full, table}},
		Operative: operative{Paragraphs: []block{*full, {Kind: "table"}}},
		Annexes:   []annex{{Heading: "Annex", Title: "T", Paragraphs: []block{*full}}, {Paragraphs: []block{}}, {}},
	}
	trees := map[string]*resolution{
		"full": {
			Schema: SchemaID, Symbol: "A/RES/1/1", ResolutionNumber: "1/1", ResolutionLine: "l", Title: "t", Subtitle: "s",
			Language: "eng", Body: "ga", IssuingBody: "ib", Publisher: "p", Distribution: "General", Session: "First session",
			SessionNumber: -70, AgendaItem: "Item 1", AgendaItems: []string{"1", "2 (a)"}, AgendaItemName: "n",
			IssuanceDate: "2020-01-02", IssuanceDateText: "2 January 2020", AdoptionLine: "a",
			Committee: "Third Committee", CommitteeKey: "third", CommitteeLine: "cl", CommitteeReport: "A/1/1",
			JobNumber: "20-1", ODSJobNumber: "N20", ODSSymbols: []string{"A/RES/1/1", "A/RES/1/1*"},
			statement: st,
			Parts:     []statement{st, {}},
			Footnotes: []footnote{
				{Marker: "1", Text: "n", NoteRefs: []noteRef{{"2", 3}}, ReferencedAt: []reference{{"/title", 1}, {"/parts/0/label", 0}}},
				{Marker: "2", ReferencedAt: []reference{}},
				{Marker: "3"},
			},
		},
		"empty": {},
		"zero lists": {
			AgendaItems: []string{}, ODSSymbols: []string{}, Parts: []statement{}, Footnotes: []footnote{},
			statement: statement{Preamble: &preamble{}, Operative: operative{Paragraphs: []block{}}, Annexes: []annex{}},
		},
	}
	for name, tree := range trees {
		for _, indent := range indents {
			want, err := stdlib(tree, indent)
			if err != nil {
				t.Fatal(err)
			}
			e := &encoder{unit: indent}
			e.resolution(tree)
			if got := append(e.b, '\n'); !bytes.Equal(got, want) {
				t.Errorf("%s, indent %q:\n%s\nwant:\n%s", name, indent, got, want)
			}
		}
	}
}

// stringCases are strings that appendString must escape as encoding/json
// does.
var stringCases = []string{
	"", "plain", `"`, `\`, `\"`, `"\\"`, "a\"b\\c", "<&>", "R&D <x>",
	"\b\f\n\r\t\v\x00\x01\x1f\x7f", "é ü — “q” 中文 العربية русский 🙂",
	"\u2028\u2029", "x\u2028y\u2029z", "\u2027\u202a\u20ac\u2080", "\ufffd",
	"\xff", "a\xe2\x80", "\xe2\x80\xa8\xe2", "\xc3", "\xed\xa0\x80", "ok\xf0\x9f\x99", "\x80\x80é",
}

func TestAppendString(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	cases := append(stringCases, string(all), string(all[:128]))
	for _, s := range cases {
		checkString(t, s)
	}
}

// TestAppendStringRandom holds appendString to encoding/json on random
// strings of the runes that need care, valid UTF-8 or not.
func TestAppendStringRandom(t *testing.T) {
	rs := []rune("\"\\{}[],: aé中🙂\n\t\x00\x1f\u2028\u2029\u2027<>&\ufffd")
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(20) {
			if r.IntN(20) == 0 {
				b.WriteByte(byte(0x80 + r.IntN(0x80))) // a stray byte: not UTF-8
				continue
			}
			b.WriteRune(rs[r.IntN(len(rs))])
		}
		checkString(t, b.String())
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range stringCases {
		f.Add(s)
	}
	f.Fuzz(checkString)
}

func checkString(t *testing.T, s string) {
	t.Helper()
	want, err := stdlib(s, "")
	if err != nil {
		t.Fatal(err)
	}
	want = bytes.TrimSuffix(want, []byte("\n"))
	if got := appendString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
		t.Errorf("appendString(%q) = %s, want %s", s, got[1:], want)
	}
}
