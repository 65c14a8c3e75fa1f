package normalise

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/rules"
)

func pdfRules(t *testing.T) *rules.Set {
	t.Helper()
	rs, err := rules.Load(rules.Options{Language: "eng", Body: "ga", Layout: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// pdfText builds a PyMuPDF-like text from lines: "·" stands for a blank
// line of the page (PyMuPDF writes a space there), "" for the empty line
// between two pages; every other line gets the trailing space PyMuPDF
// leaves.
func pdfText(lines ...string) string {
	var b strings.Builder
	for _, l := range lines {
		switch l {
		case "·":
			b.WriteString(" \n")
		case "":
			b.WriteString("\n")
		default:
			b.WriteString(l + " \n")
		}
	}
	return b.String()
}

// masthead is the first page's top of A/RES/78/11, with the adoption line
// wrapped as the PDF has it.
var masthead = []string{
	"United Nations", "A/RES/78/11", "·", "·",
	"General Assembly", "Distr.: General", "30 November 2023", "·",
	"23-23817 (E)    061223    ", "*2323817*", "·", "·",
	"Seventy-eighth session", "Agenda item 34", "The situation in the", "Middle East", "·", "·", "·",
	" Resolution adopted by the General Assembly", "on 28 November 2023", "·", "·",
	"[without reference to a Main Committee (A/78/L.10)]", "·", "·", "·",
	" 78/11. The Syrian Golan and", "its people", "·", "·", "·",
	"The General Assembly,", "·",
}

// pageBreak is the foot of a page (footnotes) and the top of the next.
func pageBreak(page string, notes ...string) []string {
	out := []string{"__________________", "·"}
	for i, n := range notes {
		if i > 0 {
			out = append(out, "·")
		}
		out = append(out, strings.Split(n, "\n")...)
	}
	return append(out, "", "A/RES/78/11", "The Syrian Golan and its people", "·", "23-23817", page, "·")
}

// body is the masthead followed by parts: lines and slices of lines.
func body(parts ...any) []string {
	out := append([]string{}, masthead...)
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			out = append(out, p)
		case []string:
			out = append(out, p...)
		}
	}
	return out
}

func TestPDF(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string // the body lines, after the masthead's header lines
		notes []string // "marker text"
	}{
		{
			name: "page break inside a paragraph with footnotes",
			lines: body(
				"Taking note of the report of the Secretary-General on the situation in the Middle",
				"East,1 and of the Protection of Civilian Persons in Time of War, of 12 August",
				pageBreak("2/2", "1  A/78/315.", "2 United Nations, Treaty Series, vol. 75,\nNo. 973."),
				"1949,2 to the occupied Syrian Golan,", "·",
				"40th plenary meeting", "28 November 2023", "·"),
			want: []string{
				"\tTaking note of the report of the Secretary-General on the situation in the Middle East,1 and of the Protection of Civilian Persons in Time of War, of 12 August 1949,2 to the occupied Syrian Golan,",
				"40th plenary meeting",
				"28 November 2023",
			},
			notes: []string{"1 A/78/315.", "2 United Nations, Treaty Series, vol. 75, No. 973."},
		},
		{
			name: "new paragraph after a page break",
			lines: body(
				"Noting the formula of land for peace,",
				pageBreak("2/2"), "·", "Expressing grave concern over the halt,", "·"),
			want: []string{"\tNoting the formula of land for peace,", "\tExpressing grave concern over the halt,"},
		},
		{
			name: "preambular paragraphs without a blank line between them",
			lines: body("Noting in this regard the concern about the risks to wild fish stocks and the",
				"biodiversity of the aquatic environment,", "Recognizing the efforts made by States in regulating",
				"deep-sea fisheries, while still concerned that some activities,", "recalling its resolutions,", "·"),
			want: []string{
				"\tNoting in this regard the concern about the risks to wild fish stocks and the biodiversity of the aquatic environment,",
				"\tRecognizing the efforts made by States in regulating deep-sea fisheries, while still concerned that some activities, recalling its resolutions,",
			},
		},
		{
			name: "running title with a space less than the title",
			lines: body("Noting the formula of land for peace,", "", "A/RES/78/11", "The Syrian Golanand its", "people", "·", "23-23817", "2/2", "·",
				"Expressing grave concern over the halt,", "·"),
			want: []string{"\tNoting the formula of land for peace,", "\tExpressing grave concern over the halt,"},
		},
		{
			name: "indented items without blank lines",
			lines: body("Decides to hold two round tables on the following themes:", " Round table 1: Strengthening the three pillars of social",
				"development", " Round table 2: Assessing progress;", "·"),
			want: []string{"\tDecides to hold two round tables on the following themes:",
				"\tRound table 1: Strengthening the three pillars of social development", "\tRound table 2: Assessing progress;"},
		},
		{
			name: "spaced footnote number after a date cut at the line end",
			lines: body("Recalling the summit held in Geneva from 26 June to 1 July", "2000, and the Programme of Action 1 and the initiatives,",
				pageBreak("2/2", "1 A/CONF.166/9."), "Noting the report,", "·"),
			want: []string{"\tRecalling the summit held in Geneva from 26 June to 1 July 2000, and the Programme of Action1 and the initiatives,",
				"\tNoting the report,"},
			notes: []string{"1 A/CONF.166/9."},
		},
		{
			name: "number alone on a line",
			lines: body("1. ", "Declares that Israel has failed so far to comply with Security Council",
				"resolution 497 (1981);", "·", "(a)", "Points;", "·", "12. Takes note;", "·"),
			want: []string{
				"\t1.\tDeclares that Israel has failed so far to comply with Security Council resolution 497 (1981);",
				"\t(a)\tPoints;",
				"\t12.\tTakes note;",
			},
		},
		{
			name: "hyphenated compound and dash at a line end",
			lines: body("Noting the situation of the Non-Self-", "Governing Territories in 2021–",
				"2030 and of the three dimensions –", "economic, social,", "·"),
			want: []string{"\tNoting the situation of the Non-Self-Governing Territories in 2021–2030 and of the three dimensions – economic, social,"},
		},
		{
			name: "footnote number set apart by the extraction",
			lines: body("Recalling the previous report 1  in various formats and the Declaration 2 of", "2000,",
				"and of the report of 1 April 2022 on Development, 3 and of 3 October 20214,", "·",
				pageBreak("2/2", "1  A/70/423.", "2  Resolution 55/2.", "3  Resolution 70/1.", "4  Resolution 70/2.")),
			want:  []string{"\tRecalling the previous report1 in various formats and the Declaration2 of 2000, and of the report of 1 April 2022 on Development,3 and of 3 October 20214,"},
			notes: []string{"1 A/70/423.", "2 Resolution 55/2.", "3 Resolution 70/1.", "4 Resolution 70/2."},
		},
		{
			name: "footnote that goes on on the next page",
			lines: body("Recalling its resolution,1", "·",
				pageBreak("2/3", "1  Official Records of the General Assembly, Seventy-eighth Session,"),
				"Recalling also its resolution,2", "·",
				pageBreak("3/3", "Supplement No. 23 (A/78/23).", "2  Resolution 70/1."), "Welcoming,", "·"),
			want:  []string{"\tRecalling its resolution,1", "\tRecalling also its resolution,2", "\tWelcoming,"},
			notes: []string{"1 Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 23 (A/78/23).", "2 Resolution 70/1."},
		},
		{
			name: "headings",
			lines: body("Recalling,", "·", "·", "·", "I", "·", "·", "International Convention on the", "Elimination of Racism", "·", "·",
				"1. Decides;", "·", "Part I", "Overall policymaking", "·", "2. Decides;", "* * *", "·", "3. Decides;", "·"),
			want: []string{"\tRecalling,", "\t\tI", "\t\tInternational Convention on the Elimination of Racism", "\t1.\tDecides;",
				"\t\tPart I", "\t\tOverall policymaking", "\t2.\tDecides;", "\t\t* * *", "\t3.\tDecides;"},
		},
		{
			name: "resolution in parts",
			lines: body("Recalling,", "·", "1. Decides.", "·", "40th plenary meeting", "28 November 2023", "·", "·",
				"B", "·", "Second part", "·", "·", "The General Assembly,", "·", "Noting,", "·", "1. Requests.", "·"),
			want: []string{"\tRecalling,", "\t1.\tDecides.", "40th plenary meeting", "28 November 2023",
				"B", "Second part", "\tThe General Assembly,", "\tNoting,", "\t1.\tRequests."},
		},
		{
			name: "meeting line and wrap-up without blank lines",
			lines: body("4.", "(a)", "The first report;", "(b)", "The second report of the team, of 12 April", "2021;",
				"and demands that the perpetrators be held accountable;", "·", "5. Decides.", "45th plenary meeting", "7 December 2023", "·"),
			want: []string{"\t4.", "\t(a)\tThe first report;", "\t(b)\tThe second report of the team, of 12 April 2021;",
				"\tand demands that the perpetrators be held accountable;", "\t5.\tDecides.", "45th plenary meeting", "7 December 2023"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := PDF(pdfText(tt.lines...), pdfRules(t))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range res.Lines {
				got = append(got, l.Text)
			}
			header := []string{
				"Resolution adopted by the General Assembly on 28 November 2023",
				"[without reference to a Main Committee (A/78/L.10)]",
				"78/11.\tThe Syrian Golan and its people",
				"\tThe General Assembly,",
			}
			want := append(header, tt.want...)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			var notes []string
			for _, n := range res.Notes {
				notes = append(notes, n.Marker+" "+n.Text.Plain())
			}
			if strings.Join(notes, "\n") != strings.Join(tt.notes, "\n") {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(tt.notes, "\n"))
			}
			for _, w := range res.Warnings {
				t.Errorf("warning: %+v", w)
			}
		})
	}
}

func TestPDFMasthead(t *testing.T) {
	res, err := PDF(pdfText(body("Recalling,", "·")...), pdfRules(t))
	if err != nil {
		t.Fatal(err)
	}
	m := res.Meta
	checks := []struct{ name, got, want string }{
		{"symbol", m.Symbol, "A/RES/78/11"},
		{"publisher", m.Publisher, "United Nations"},
		{"issuing body", m.IssuingBody, "General Assembly"},
		{"distribution", m.Distribution, "Distr.: General"},
		{"issued", m.IssuanceDate, "2023-11-30"},
		{"issued text", m.IssuanceText, "30 November 2023"},
		{"session", m.SessionText, "Seventy-eighth session"},
		{"agenda", m.AgendaText, "Agenda item 34"},
		{"agenda items", strings.Join(m.AgendaItems, ","), "34"},
		{"agenda title", strings.Join(m.AgendaTitles, "|"), "The situation in the Middle East"},
		{"job number", m.JobNumber, "23-23817 (E)"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if m.Session != 78 {
		t.Errorf("session = %d, want 78", m.Session)
	}
	// every masthead line is traced to its rule
	traced := map[string]string{}
	for _, tr := range res.Trace {
		traced[tr.Text] = tr.Rule
	}
	for text, rule := range map[string]string{
		"*2323817*":   "pdf.masthead-barcode",
		"Middle East": "pdf.masthead-agenda-title",
		"A/RES/78/11": "pdf.masthead-symbol",
	} {
		if traced[text] != rule {
			t.Errorf("%q traced to %q, want %q", text, traced[text], rule)
		}
	}
}

func TestPDFTrace(t *testing.T) {
	lines := body("Taking note,1", pageBreak("2/2", "1  A/78/315."), "Recalling,", "·")
	res, err := PDF(pdfText(lines...), pdfRules(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"__________________":              "pdf.footnote-separator",
		"1  A/78/315.":                    "pdf.footnote-text",
		"":                                "pdf.page-break",
		"The Syrian Golan and its people": "pdf.running-title",
		"23-23817":                        "pdf.page-job-number",
		"2/2":                             "pdf.page-number",
	}
	got := map[string]string{}
	for _, tr := range res.Trace {
		got[tr.Text] = tr.Rule
	}
	for text, rule := range want {
		if got[text] != rule {
			t.Errorf("%q traced to %q, want %q", text, got[text], rule)
		}
	}
	// the symbol of the running header is traced too
	n := 0
	for _, tr := range res.Trace {
		if tr.Rule == "pdf.page-symbol" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d running-header symbols traced, want 1", n)
	}
}

func TestPDFWarnings(t *testing.T) {
	// a footnote block with text no footnote marker starts, and a page
	// break with no page footer
	lines := body("Recalling,", "__________________", "·", "stray text", "", "Welcoming,", "·")
	res, err := PDF(pdfText(lines...), pdfRules(t))
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, w := range res.Warnings {
		msgs = append(msgs, w.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"no footnote", "without a page number"} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning about %q in:\n%s", want, all)
		}
	}
}

// randomText is a short text of spaces, no-break spaces, digits, letters
// and bytes of broken UTF-8, where the quick tests have to answer as the
// plain ones.
func randomText(r *rand.Rand) string {
	pieces := []string{" ", " ", "\u00a0", "1", "2", "12", "3", "a", "b", "\xff", "é"}
	var b strings.Builder
	for range r.IntN(24) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestDoubleSpace(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := randomText(r)
		if got, want := doubleSpace(s), strings.Contains(s, "  "); got != want {
			t.Fatalf("doubleSpace(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestMarkerSetInText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, markers := range [][]string{{"1"}, {"2", "12"}, {"12"}, {"3", "a2"}, {}} {
		var notes []*document.Note
		for _, m := range markers {
			notes = append(notes, &document.Note{Marker: m})
		}
		ms := newMarkerSet(notes)
		for range 5000 {
			s := randomText(r)
			want := false
			for _, m := range markers {
				want = want || strings.Contains(s, m)
			}
			if got := ms.inText(s); got != want {
				t.Fatalf("markers %q: inText(%q) = %v, want %v", markers, s, got, want)
			}
		}
	}
}

func TestJoin(t *testing.T) {
	p := newPDF("", pdfRules(t))
	for _, c := range []struct {
		parts []string
		want  string
	}{
		{nil, ""},
		{[]string{"  "}, ""},
		{[]string{" one  line "}, "one line"},
		{[]string{"", "the Non-Self-", " ", "Governing  Territories "}, "the Non-Self-Governing Territories"},
		{[]string{"from 2021–", "2023 and", "beyond"}, "from 2021–2023 and beyond"},
	} {
		if got := p.join(c.parts); got != c.want {
			t.Errorf("join(%q) = %q, want %q", c.parts, got, c.want)
		}
		b := &pdfBlock{}
		for _, s := range c.parts {
			b.lines = append(b.lines, pdfLine{raw: s})
		}
		if got := p.blockText(b); got != c.want {
			t.Errorf("blockText(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
}

// TestPDFNoFormula: a resolution printed without its formula (the first
// preambular paragraph right after the title) has its body start at the
// first paragraph that opens with a known phrase, its notes glued there
// too; a text with neither formula nor such a paragraph stays header.
func TestPDFNoFormula(t *testing.T) {
	head := masthead[:len(masthead)-2] // without "The General Assembly,"
	tests := []struct {
		name  string
		body  []any
		want  []string
		notes int
	}{
		{"preambular opening", []any{"Reaffirming its resolution 70/1 of 25 September 2015, entitled “Transforming", "our world”,1", "·", "Recalling its resolution 75/1,", "·",
			pageBreak("2/2", "1 A/RES/70/1."), "1. Decides to act;", "·"},
			[]string{"\tReaffirming its resolution 70/1 of 25 September 2015, entitled “Transforming our world”,1", "\tRecalling its resolution 75/1,", "\t1.\tDecides to act;"}, 1},
		{"operative opening", []any{"Decides to act;", "·"}, []string{"\tDecides to act;"}, 0},
		{"no known phrase", []any{"Some words of no paragraph", "·"}, []string{"Some words of no paragraph"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := append([]string{}, head...)
			for _, p := range tt.body {
				switch p := p.(type) {
				case string:
					lines = append(lines, p)
				case []string:
					lines = append(lines, p...)
				}
			}
			res, err := PDF(pdfText(lines...), pdfRules(t))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range res.Lines[3:] { // after adoption, committee, number and title
				got = append(got, l.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(res.Notes) != tt.notes {
				t.Errorf("%d notes, want %d", len(res.Notes), tt.notes)
			}
		})
	}
}

// TestPDFAgendaTitles: a masthead that lists several agenda items gives
// their titles one blank line apart, up to one for each item; the
// language of the original may stand on its own line before
// "Original:".
func TestPDFAgendaTitles(t *testing.T) {
	head := []string{
		"United Nations", "A/RES/78/247", "·", "·",
		"General Assembly", "Distr.: General", "28 December 2023", "English", "Original:", "·",
		"23-26261 (E)    030124", "*2326261*", "·", "·",
		"Seventy-eighth session", "Agenda items 132 and 143", "·",
		"Review of the efficiency of the administrative and financial", "functioning of the United Nations", "·",
		"Report on the activities of the Office of Internal", "Oversight Services", "·",
		" Resolution adopted by the General Assembly on", "22 December 2023", "·", "·",
		"[on the report of the Fifth Committee (A/78/645, para. 6)]", "·", "·",
		"78/247. Report on the activities of the Office of Internal Oversight Services", "·", "·",
		"The General Assembly,", "·", "Decides to act;", "·",
	}
	res, err := PDF(pdfText(head...), pdfRules(t))
	if err != nil {
		t.Fatal(err)
	}
	m := res.Meta
	want := "Review of the efficiency of the administrative and financial functioning of the United Nations|Report on the activities of the Office of Internal Oversight Services"
	if got := strings.Join(m.AgendaTitles, "|"); got != want {
		t.Errorf("agenda titles = %q, want %q", got, want)
	}
	if m.JobNumber != "23-26261 (E)" || m.SessionText != "Seventy-eighth session" {
		t.Errorf("masthead read up to %q / %q only", m.JobNumber, m.SessionText)
	}
	if len(res.Lines) == 0 || res.Lines[0].Text != "Resolution adopted by the General Assembly on 22 December 2023" {
		t.Errorf("first line = %+v", res.Lines[:min(1, len(res.Lines))])
	}
}

// TestPDFReissued: a reissued document marks its symbol and job number
// with an asterisk, whose note under the footnote line is no footnote.
func TestPDFReissued(t *testing.T) {
	lines := []string{
		"United Nations", "A/RES/78/68*", "·", "·",
		"General Assembly", "Distr.: General", "11 December 2023", "·",
		"23-24915* (E)    160124", "*2324915*", "·", "·",
		"Seventy-eighth session", "Agenda item 75 (b)", "Oceans and the law of the sea", "·", "·", "·",
		" Resolution adopted by the General Assembly", "on 5 December 2023", "·", "·",
		"[without reference to a Main Committee (A/78/L.13)]", "·", "·", "·",
		"78/68. Sustainable fisheries", "·", "·", "·",
		"The General Assembly,", "·",
		"Recalling the Convention,1", "·",
		"__________________", "·", "* Reissued for technical reasons on 15 January 2024.", "·", "1 United Nations, Treaty Series, vol. 1833.", "",
		"A/RES/78/68", "Sustainable fisheries", "2/2", "23-24915", "·",
		"1. Decides to act.", "·",
	}
	res, err := PDF(pdfText(lines...), pdfRules(t))
	if err != nil {
		t.Fatal(err)
	}
	if m := res.Meta; m.Symbol != "A/RES/78/68" || m.JobNumber != "23-24915 (E)" {
		t.Errorf("symbol %q, job number %q", m.Symbol, m.JobNumber)
	}
	if len(res.Notes) != 1 || res.Notes[0].Marker != "1" {
		t.Errorf("notes = %+v", res.Notes)
	}
	traced := false
	for _, tr := range res.Trace {
		traced = traced || tr.Rule == "pdf.reissue-note"
	}
	if !traced {
		t.Error("the reissue note is not traced")
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %+v", w)
	}
}
