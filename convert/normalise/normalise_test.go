package normalise

import (
	_ "github.com/resconv/resconv/internal/golden" // defines -update, for go test ./... -update
	"strings"
	"testing"

	"github.com/resconv/resconv/rules"
)

func ruleSet(t *testing.T) *rules.Set {
	t.Helper()
	rs, err := rules.Load(rules.Options{Language: "eng", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

const trailer = `<<ODS JOB NO>>N1545757E<<ODS JOB NO>>
<<ODS DOC SYMBOL1>>A/RES/70/237<<ODS DOC SYMBOL1>>
<<ODS DOC SYMBOL2>><<ODS DOC SYMBOL2>>
_______________

------------------------------------------------------------

3
    

United NationsA/RES/70/237General AssemblyDistr.: General
30 December 2015Seventieth session
Agenda item 92 

15-16991 (E)
*1516991*Please recycle 

A/RES/70/237Developments in the field of information and telecommunications
 in the context of international security

Developments in the field of information and telecommunications 
in the context of international securityA/RES/70/237

2/3
`

func TestODSTrailer(t *testing.T) {
	body := "[DU1]\nResolution adopted by the General Assembly on 23 December 2015\n\tThe General Assembly,\n\tRecalling its resolution,1\n\n82nd plenary meeting\n23 December 2015\n\n1 See A/C.2/59/3.\n"
	res, err := ODS(body+"[DU1]"+trailer, ruleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	m := res.Meta
	checks := []struct{ name, got, want string }{
		{"symbol", m.Symbol, "A/RES/70/237"},
		{"publisher", m.Publisher, "United Nations"},
		{"issuing body", m.IssuingBody, "General Assembly"},
		{"distribution", m.Distribution, "Distr.: General"},
		{"issued", m.IssuanceDate, "2015-12-30"},
		{"session", m.SessionText, "Seventieth session"},
		{"agenda", m.AgendaText, "Agenda item 92"},
		{"job number", m.JobNumber, "15-16991 (E)"},
		{"ODS job", m.ODSJobNo, "N1545757E"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if m.Session != 70 {
		t.Errorf("session = %d", m.Session)
	}
	if len(res.Notes) != 1 || res.Notes[0].Marker != "1" || res.Notes[0].Text.Plain() != "See A/C.2/59/3." {
		t.Errorf("notes = %+v", res.Notes)
	}
	var lines []string
	for _, l := range res.Lines {
		lines = append(lines, l.Text)
	}
	got := strings.Join(lines, "\n")
	want := "\nResolution adopted by the General Assembly on 23 December 2015\n\tThe General Assembly,\n\tRecalling its resolution,1\n\n82nd plenary meeting\n23 December 2015"
	if got != want {
		t.Errorf("body =\n%q\nwant\n%q", got, want)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %+v", res.Warnings)
	}
	// every trailer line is traced to a rule
	rulesSeen := map[string]bool{}
	for _, tr := range res.Trace {
		if tr.Rule == "" {
			t.Errorf("line %d traced without a rule: %q", tr.Line, tr.Text)
		}
		rulesSeen[tr.Rule] = true
	}
	for _, r := range []string{"ods.comment-marker", "ods.field-job-number", "ods.separator-line", "ods.page-count", "ods.barcode", "ods.running-header", "ods.page-footer", "ods.footnote-text", "ods.masthead-symbol"} {
		if !rulesSeen[r] {
			t.Errorf("rule %s never applied", r)
		}
	}
}

func TestODSQuirks(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		notes     int
		warnings  int
		lastLine  string
		agendaTtl string
	}{
		{"no footnotes: the date is not note 23", "\tThe General Assembly,\n\n82nd plenary meeting\n23 December 2015\n" + trailer, 0, 0, "23 December 2015", ""},
		{"footnotes with a TAB", "\tx,1\n\n1\tA/70/174.\n2\tA/68/98.\n" + trailer, 2, 0, "\tx,1", ""},
		{"numbers out of sequence stop the notes", "\tx\n5 years later\n1 A/70/174.\n" + trailer, 1, 0, "5 years later", ""},
		{"one number skipped: a note the export lost", "\tx,1\n\n1 A/70/174.\n2 A/68/98.\n4 A/69/1.\n" + trailer, 3, 0, "\tx,1", ""},
		{"two numbers skipped stop the notes", "\tx\n2 years later\n5 A/70/174.\n" + trailer, 1, 0, "2 years later", ""},
		{"agenda title", "\tx\n" + strings.Replace(trailer, "Agenda item 92 \n", "Agenda item 92 \nDevelopments in the field\n", 1), 0, 0, "\tx", "Developments in the field"},
		{"unknown trailer text is kept and warned about", "\tx\n" + trailer + "\nSomething else\n", 0, 1, "\tx", ""},
		{"no trailer", "\tx\n", 0, 1, "\tx", ""},
		{"crlf already gone, nbsp trailing", "\tx\u00a0\n" + trailer, 0, 0, "\tx", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ODS(tt.in, ruleSet(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Notes) != tt.notes {
				t.Errorf("notes = %d, want %d", len(res.Notes), tt.notes)
			}
			if len(res.Warnings) != tt.warnings {
				t.Errorf("warnings = %+v, want %d", res.Warnings, tt.warnings)
			}
			if last := res.Lines[len(res.Lines)-1].Text; last != tt.lastLine {
				t.Errorf("last body line = %q, want %q", last, tt.lastLine)
			}
			if got := strings.Join(res.Meta.AgendaTitles, "|"); got != tt.agendaTtl {
				t.Errorf("agenda title = %q, want %q", got, tt.agendaTtl)
			}
		})
	}
}

// TestEnglishSessionLines: the masthead's session line, regular or of an
// emergency special session (invented mastheads).
func TestEnglishSessionLines(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"30 December 2015Seventieth session", 70},
		{"3 March 2031Twelfth emergency special session", 12},
		{"9 May 2030Eighty-fifth session", 85},
		{"9 May 2030Eighty\u2011fifth session", 85},
		{"9 May 2030Ninety\u2010first session", 91},
		{"9 May 2030Seventy\u2013second session", 72},
	}
	for _, tt := range tests {
		tr := strings.Replace(trailer, "30 December 2015Seventieth session", tt.line, 1)
		res, err := ODS("Resolution adopted by the General Assembly on 23 December 2015\n\tThe General Assembly,\n"+tr, ruleSet(t))
		if err != nil {
			t.Fatal(err)
		}
		if res.Meta.Session != tt.want {
			t.Errorf("%q: session = %d, want %d", tt.line, res.Meta.Session, tt.want)
		}
	}
}

// TestMergeInvisibleCells: a cell of nothing but invisible marks joins the
// cell after it, with a space, as the UN's files keep the mark; empty
// cells and visible text stay.
func TestMergeInvisibleCells(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\t6.\t\u200e\tReaffirms its decision;", "\t6.\t\u200e Reaffirms its decision;"},
		{"\t2.\t\u200b \tNotes;", "\t2.\t\u200b Notes;"},
		{"\t6 -\t\u200e\ttext", "\t6 -\t\u200e text"},
		{"\t(ب)\t \u200f\ttext", "\t(ب)\t\u200f text"},
		{"\t2 -\t\u061c\ttext", "\t2 -\t\u061c text"},
		{"\tTotal\t\t12", "\tTotal\t\t12"},
		{"\tA\u200eB\tC", "\tA\u200eB\tC"},
		{"\u200f", "\u200f"},
	}
	for _, tt := range tests {
		if got := mergeInvisibleCells(tt.in); got != tt.want {
			t.Errorf("mergeInvisibleCells(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
