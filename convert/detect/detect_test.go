package detect

import (
	_ "github.com/resconv/resconv/internal/golden" // defines -update, for go test ./... -update
	"strings"
	"testing"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/rules"
)

func build(t *testing.T, body string, notes ...string) *document.Document {
	t.Helper()
	rs, err := rules.Load(rules.Options{Language: "eng", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	n := &normalise.Result{}
	for i, l := range strings.Split(body, "\n") {
		n.Lines = append(n.Lines, normalise.Line{No: i + 1, Text: l})
	}
	for i, txt := range notes {
		n.Notes = append(n.Notes, &document.Note{Marker: string(rune('1' + i)), Text: document.PlainText(txt)})
	}
	return Document(n, rs)
}

const header = "Resolution adopted by the General Assembly on 23 December 2015\n[on the report of the First Committee (A/70/455)]\n70/237.\tDevelopments in the field of information \nand telecommunications\n\tThe General Assembly,\n"

func TestHeader(t *testing.T) {
	d := build(t, header+"\tRecalling its resolutions,\n\t1.\tDecides;\n\n82nd plenary meeting\n23 December 2015")
	m := d.Meta
	if m.AdoptionDate != "2015-12-23" || m.Number != "70/237." || m.Title.Plain() != "Developments in the field of information and telecommunications" {
		t.Errorf("meta = %+v", m)
	}
	if m.Committee.Name != "First Committee" || m.Committee.Report != "A/70/455" || m.Committee.Key != "firstCommittee" {
		t.Errorf("committee = %+v", m.Committee)
	}
	mt := d.Body.Meeting
	if mt == nil || mt.Text != "82nd plenary meeting" || mt.Ordinal != "82nd" || mt.Date != "2015-12-23" {
		t.Errorf("meeting = %+v", mt)
	}
}

func TestCommitteeKey(t *testing.T) {
	for in, want := range map[string]string{
		"First Committee": "firstCommittee",
		"Special Political and Decolonization Committee (Fourth Committee)": "fourthCommittee",
		"": "plenary",
	} {
		if got := committeeKey(in); got != want {
			t.Errorf("committeeKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStructure(t *testing.T) {
	d := build(t, header+
		"\tRecalling also its resolutions,\n"+
		"\tUnderlining further that,\n"+
		"\tAlarmed and concerned by,\n"+
		"\t1.\tCalls upon Member States:\n"+
		"\t(a)\tTo be guided;\n"+
		"\t(h)\tTo h;\n"+
		"\t(i)\tTo i, a letter after (h);\n"+
		"\t(j)\tTo aim at:\n"+
		"\t(i)\tThe development;\n"+
		"\t(ii)\tThe creation;\n"+
		"\t\tA heading\n"+
		"\t2.\tDecides.\n")
	var names []string
	for _, b := range d.Body.Preamble {
		names = append(names, b.Phrase)
	}
	if got := strings.Join(names, "|"); got != "Recalling also|Underlining further|Alarmed and concerned" {
		t.Errorf("phrases = %s", got)
	}
	op := d.Body.Operative
	if len(op) != 3 || op[0].Num != "1." || op[1].Kind != document.Heading || op[2].Num != "2." {
		t.Fatalf("operative = %+v", op)
	}
	if op[0].Phrase != "Calls upon" {
		t.Errorf("operative phrase = %q", op[0].Phrase)
	}
	var pts []string
	for _, p := range op[0].Points {
		s := p.Num
		for _, q := range p.Points {
			s += q.Num
		}
		pts = append(pts, s)
	}
	if got := strings.Join(pts, " "); got != "(a) (h) (i) (j)(i)(ii)" {
		t.Errorf("points = %s", got)
	}
}

func TestPartsAndAnnex(t *testing.T) {
	d := build(t, "75/101.\tQuestions relating to information\n\nA\nInformation in the service\nof humanity\n\tThe General Assembly,\n\tTaking note,\n\t1.\tUrges;\n\n41st plenary meeting\n10 December 2020\n\nB\nPolicies\n\tThe General Assembly,\n\t1.\tRequests;\n\n41st plenary meeting\n10 December 2020\n\n\tAnnex\n\tText of the annex\n\t1.\tFirst;\n\t\tGross\tNet\n\tTotal\t1\t2\n")
	if len(d.Parts) != 2 || d.Parts[0].Label.Plain() != "A" || d.Parts[0].Heading.Plain() != "Information in the service of humanity" {
		t.Fatalf("parts = %+v", d.Parts)
	}
	b := d.Parts[1]
	if len(b.Annexes) != 1 || b.Annexes[0].Heading.Plain() != "Annex" {
		t.Fatalf("annexes = %+v", b.Annexes)
	}
	bl := b.Annexes[0].Blocks
	if len(bl) != 3 || bl[0].Kind != document.Plain || bl[1].Num != "1." || bl[2].Kind != document.Table || len(bl[2].Rows) != 2 {
		t.Errorf("annex blocks = %+v", bl)
	}
}

func TestNotes(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		notes []string
		want  string // the text with references as [n] (first) and <n> (again)
	}{
		{"glued to punctuation", "held in 2005,1 and", []string{"a"}, "held in 2005,[1] and"},
		{"glued to a word, a missing note skipped", "the Secretary-General2 and", []string{"a", "b"}, "the Secretary-General[2] and"},
		{"after a year", "in its 20131 and 2015 reports", []string{"a"}, "in its 2013[1] and 2015 reports"},
		{"after a number", "Agenda 211 and", []string{"a"}, "Agenda 21[1] and"},
		{"again", "report,1 and Security;1", []string{"a"}, "report,[1] and Security;<1>"},
		{"not a section number", "regulations 3.1 and 3.1, then x;1", []string{"a"}, "regulations 3.1 and 3.1, then x;[1]"},
		{"year then note", "ended 31 December 2019.1", []string{"a"}, "ended 31 December 2019.[1]"},
		{"not after a slash or dash", "resolution 70/1 and COVID-1 x,1", []string{"a"}, "resolution 70/1 and COVID-1 x,[1]"},
		{"in order", "first,2 then,1 then,2", []string{"a", "b"}, "first,2 then,[1] then,[2]"},
		{"in brackets (Arabic)", "لجنة الإعلام(1)، و", []string{"a"}, "لجنة الإعلام([1])، و"},
		{"after CJK punctuation", "秘书长的报告，1", []string{"a"}, "秘书长的报告，[1]"},
		{"not a CJK date", "：1月24日国际教育日，1", []string{"a"}, "：1月24日国际教育日，[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := build(t, header+"\t"+tt.text+",", tt.notes...)
			var b strings.Builder
			for _, in := range d.Body.Preamble[0].Text {
				switch {
				case in.Note == nil:
					b.WriteString(in.Text)
				case in.First:
					b.WriteString("[" + in.Text + "]")
				default:
					b.WriteString("<" + in.Text + ">")
				}
			}
			if b.String() != tt.want+"," {
				t.Errorf("got  %s\nwant %s", b.String(), tt.want)
			}
		})
	}
}

func TestSpacesLayout(t *testing.T) {
	d := build(t, "70/237.    Title\n        The General Assembly,\n        Recalling x,\n        1.   Decides:\n        (a)  To;\n                A heading\n        2. Requests.\n")
	op := d.Body.Operative
	if d.Body.Formula == nil || len(d.Body.Preamble) != 1 || len(op) != 3 || len(op[0].Points) != 1 || op[1].Kind != document.Heading || op[2].Num != "2." {
		t.Errorf("body = %+v", d.Body)
	}
}
