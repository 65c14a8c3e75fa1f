package detect

import (
	_ "github.com/resconv/resconv/internal/golden" // defines -update, for go test ./... -update
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/rules"
)

// build detects the structure of an English General Assembly text with
// the given footnotes (markers 1, 2, …).
func build(t *testing.T, body string, notes ...string) *document.Document {
	t.Helper()
	return buildWith(t, "eng", "ga", body, notes...)
}

func buildWith(t *testing.T, lang, body, text string, notes ...string) *document.Document {
	t.Helper()
	rs, err := rules.Load(rules.Options{Language: lang, Body: body, Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	n := &normalise.Result{}
	for i, l := range strings.Split(text, "\n") {
		n.Lines = append(n.Lines, normalise.Line{No: i + 1, Text: l})
	}
	for i, txt := range notes {
		n.Notes = append(n.Notes, &document.Note{Marker: string(rune('1' + i)), Text: document.PlainText(txt)})
	}
	return Document(n, rs)
}

// marked is the text of t with each footnote reference written as
// "[marker]", for comparing where the notes went.
func marked(t document.Text) string {
	var b strings.Builder
	for _, in := range t {
		if in.Note != nil {
			b.WriteString("[" + in.Text + "]")
		} else {
			b.WriteString(in.Text)
		}
	}
	return b.String()
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
		{"in a symbol", "resolution 73/463 and", []string{"a", "b", "c"}, "resolution 73/46[3] and"},
		{"in a symbol, before punctuation rather than a space", "resolution 66/111 of 9 December, resolution 73/101, and", []string{"a"}, "resolution 66/111 of 9 December, resolution 73/10[1], and"},
		{"in a symbol with a roman number", "report,1 and decision VII/112 and", []string{"a", "b"}, "report,[1] and decision VII/11[2] and"},
		{"after a number rather than in a symbol", "resolutions 63/211 and 64/195, principle 71 and", []string{"a"}, "resolutions 63/211 and 64/195, principle 7[1] and"},
		{"again", "report,1 and Security;1", []string{"a"}, "report,[1] and Security;<1>"},
		{"not a section number", "regulations 3.1 and 3.1, then x;1", []string{"a"}, "regulations 3.1 and 3.1, then x;[1]"},
		{"year then note", "ended 31 December 2019.1", []string{"a"}, "ended 31 December 2019.[1]"},
		{"not after a slash or dash", "resolution 70/1 and COVID-1 x,1", []string{"a"}, "resolution 70/1 and COVID-1 x,[1]"},
		{"in order", "first,2 then,1 then,2", []string{"a", "b"}, "first,2 then,[1] then,[2]"},
		{"in brackets (Arabic)", "لجنة الإعلام(1)، و", []string{"a"}, "لجنة الإعلام([1])، و"},
		{"after CJK punctuation", "秘书长的报告，1", []string{"a"}, "秘书长的报告，[1]"},
		{"between words, the space lost", "the Montreal Protocol1and its amendments", []string{"a"}, "the Montreal Protocol[1]and its amendments"},
		{"not between capitals or after a digit", "CO2e and 4th and G1x,1", []string{"a"}, "CO2e and 4th and G1x,[1]"},
		{"not a CJK date", "：1月24日国际教育日，1", []string{"a"}, "：1月24日国际教育日，[1]"},
		{"after a per cent sign", "比例达到69%1 分配", []string{"a"}, "比例达到69%[1] 分配"},
		{"not after a space inside the text", "第 2 段", []string{"a", "b"}, "第 2 段"},
		{"between Han, after a closing quote", "关于《行动纲领》2执行情况", []string{"a", "b"}, "关于《行动纲领》[2]执行情况"},
		{"between Han, after a cited symbol", "第12/3号1和第13/4号决议", []string{"a"}, "第12/3号[1]和第13/4号决议"},
		{"between Han, not an article number", "第4条和第2款，1", []string{"a", "b", "c", "d"}, "第4条和第2款，[1]"},
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

func TestSecurityCouncil(t *testing.T) {
	d := buildWith(t, "eng", "sc", "Resolution 2505 (2020)\nAdopted by the Security Council at its 8701st meeting, on 13 January 2020\n"+
		"\tThe Security Council,\n\tExpressing deep concern at the situation,\n\tStrongly condemning the attacks,\n"+
		"\t1.\tRequests:\n\t(a)\tto report;\n\t(i)\tmonthly;\n\t(b)\tto act;\n")
	m := d.Meta
	if m.ResolutionLine != "Resolution 2505 (2020)" || m.AdoptionDate != "2020-01-13" {
		t.Errorf("meta = %+v", m)
	}
	if mt := d.Body.Meeting; mt == nil || mt.Text != "8701st meeting" || mt.Ordinal != "8701st" || mt.Date != "2020-01-13" {
		t.Errorf("meeting = %+v", mt)
	}
	var names []string
	for _, b := range d.Body.Preamble {
		names = append(names, b.Phrase)
	}
	if got := strings.Join(names, "|"); got != "Expressing|Strongly condemning" {
		t.Errorf("phrases = %s (the Council sets only the participle in italics)", got)
	}
	var pts []string
	for _, p := range d.Body.Operative[0].Points {
		pts = append(pts, p.Num)
	}
	if got := strings.Join(pts, " "); got != "(a) (i) (b)" {
		t.Errorf("points = %s, want the Council's flat list", got)
	}
	// adopted by written procedure: no meeting, the date still counts
	d = buildWith(t, "eng", "sc", "Resolution 2517 (2020)\nAdopted by the Security Council on 30 March 2020\n\tThe Security Council,\n\t1.\tDecides;\n")
	if mt := d.Body.Meeting; mt == nil || mt.Text != "" || mt.Date != "2020-03-30" || d.Meta.AdoptionDate != "2020-03-30" {
		t.Errorf("written procedure: meeting %+v, adoption %q", mt, d.Meta.AdoptionDate)
	}
}

func TestLayoutQuirks(t *testing.T) {
	d := build(t, header+
		"\tRecalling its resolutions,\n"+
		"\tRenewal of the mandate\n"+ // no closing punctuation: a heading
		"\t1.\tDecides:\n"+
		"\t(a)\tPhase II;\n"+
		"\tThe mission will continue its work;\n"+ // after an item: an item without number
		"\t–\tand a dash item;\n"+
		"\t41\tRequests the Secretary-General to ensure that the provisions of its resolutions are fully implemented;\n"+
		"\t\tGross\tNet\n\tTotal\t12\t34\n")
	if len(d.Body.Preamble) != 1 {
		t.Fatalf("preamble = %d blocks, want 1", len(d.Body.Preamble))
	}
	op := d.Body.Operative
	if len(op) != 4 || op[0].Kind != document.Heading || op[1].Num != "1." || op[2].Num != "" || op[3].Kind != document.Table {
		t.Fatalf("operative = %+v", op)
	}
	pts := op[1].Points
	if len(pts) != 3 || pts[1].Num != "" || pts[2].Num != "–" {
		t.Errorf("points = %+v", pts)
	}
	if !strings.HasPrefix(op[2].Text.Plain(), "41\tRequests") {
		t.Errorf("a number without its full stop stays in the text: %q", op[2].Text.Plain())
	}
	if len(op[3].Rows) != 2 || len(op[3].Rows[0]) != 3 {
		t.Errorf("table = %+v", op[3].Rows)
	}
}

func TestLanguages(t *testing.T) {
	tests := []struct {
		lang, text, phrase, date string
	}{
		{"fra", "Résolution adoptée par l’Assemblée générale le 1er décembre 2020\n75/1.\tTitre\n\tL’Assemblée générale,\n\tRappelant sa résolution,\n", "Rappelant", "2020-12-01"},
		{"spa", "Resolución aprobada por la Asamblea General el 31 de diciembre de 2020\n75/1.\tTítulo\n\tLa Asamblea General,\n\tRecordando su resolución,\n", "Recordando", "2020-12-31"},
		{"rus", "Резолюция, принятая Генеральной Ассамблеей 31 декабря 2020 года\n75/1.\tНазвание\n\tГенеральная Ассамблея,\n\tссылаясь на свою резолюцию,\n", "ссылаясь", "2020-12-31"},
		{"zho", "2020年12月31日大会决议\n75/1.\t标题\n\t大会，\n\t回顾其决议，\n", "回顾", "2020-12-31"},
		{"ara", "قرار اتخذته الجمعية العامة في 31 كانون الأول/ديسمبر 2020\n75/1.\t- عنوان\n\tإن الجمعية العامة،\n\tإذ تشير إلى قرارها،\n", "إذ تشير", "2020-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			d := buildWith(t, tt.lang, "ga", tt.text)
			if d.Body.Formula == nil || len(d.Body.Preamble) != 1 {
				t.Fatalf("body = %+v", d.Body)
			}
			if p := d.Body.Preamble[0].Phrase; p != tt.phrase {
				t.Errorf("phrase = %q, want %q", p, tt.phrase)
			}
			if d.Meta.AdoptionDate != tt.date {
				t.Errorf("adoption date = %q, want %q", d.Meta.AdoptionDate, tt.date)
			}
		})
	}
}

func TestMoreRunes(t *testing.T) {
	for _, s := range []string{"", "abc", "é", "ééé", "aaaa", "éaé", "中文字", "abcd"} {
		for n := -1; n < 6; n++ {
			if got, want := moreRunes(s, n), utf8.RuneCountInString(s) > n; got != want {
				t.Errorf("moreRunes(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// TestNotesNotInDates: the day of a date is no footnote number, also when
// a word stands before the month ("11 de noviembre").
func TestNotesNotInDates(t *testing.T) {
	d := buildWith(t, "spa", "ga", "75/7.\tCooperación\n\tLa Asamblea General,\n\tRecordando sus resoluciones 69/8, de 11 de noviembre de 2014, y 73/101,\n", "Véase A/75/345.")
	b := marked(d.Body.Preamble[0].Text)
	if want := "Recordando sus resoluciones 69/8, de 11 de noviembre de 2014, y 73/10[1],"; b != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// TestUnnumberedOperative: a paragraph that introduces a list, after the
// preamble of a resolution without numbered paragraphs, is operative even
// when the language gives no operative verb to tell (Chinese, 75/101 A).
func TestUnnumberedOperative(t *testing.T) {
	for name, tt := range map[string]struct {
		text    string
		pre, op int
	}{
		"list after the preamble":   {"\t表示注意到报告，\n\t敦促所有国家：\n\t(a)\t合作；\n\t㈠\t开发；\n\t(b)\t支持。\n", 1, 1},
		"list in the preamble":      {"\t表示注意到报告，\n\t回顾下列原则，\n\t(a)\t合作；\n\t1.\t决定。\n", 2, 1}, // the list stays in its paragraph
		"comma: still the preamble": {"\t表示注意到报告，\n\t回顾下列原则，\n\t(a)\t合作，\n", 2, 1},
		// a paragraph that closes with a full stop is operative, also the
		// only paragraph of a resolution adopting its annex
		"only paragraph, full stop": {"\t通过本决议附件所载的宣言。\n", 0, 1},
	} {
		t.Run(name, func(t *testing.T) {
			d := buildWith(t, "zho", "ga", "75/101.\t信息\n\t大会，\n"+tt.text+"\n第41次全体会议\n2020年12月10日")
			b := d.Body
			if len(b.Preamble) != tt.pre || len(b.Operative) != tt.op {
				t.Fatalf("preamble %d, operative %d; want %d, %d", len(b.Preamble), len(b.Operative), tt.pre, tt.op)
			}
			if name == "list in the preamble" && len(b.Preamble[1].Points) != 1 {
				t.Errorf("preambular paragraph = %+v, want its list", b.Preamble[1])
			}
			if name == "list after the preamble" {
				op := b.Operative[0]
				if op.Text.Plain() != "敦促所有国家：" || len(op.Points) != 3 || len(op.Points[0].Points) != 0 || op.Points[1].Num != "㈠" {
					// the UN's files list the ideograph sub-items flat, after their letter item
					t.Errorf("operative = %+v", op)
				}
			}
		})
	}
}

// TestIndexDigit: the eight-byte test finds what a byte-by-byte search
// finds, for every byte at every place.
func TestIndexDigit(t *testing.T) {
	want := func(s string, i int) int {
		for ; i < len(s); i++ {
			if isDigit(s[i]) {
				return i
			}
		}
		return len(s)
	}
	for c := range 256 {
		for at := range 19 {
			b := []byte("abcdefghijklmnopqrs")
			b[at] = byte(c)
			s := string(b)
			for from := 0; from <= len(s); from++ {
				if got, w := indexDigit(s, from), want(s, from); got != w {
					t.Fatalf("indexDigit(%q, %d) = %d, want %d", s, from, got, w)
				}
			}
		}
	}
}

// TestMarkers: a note is found by its marker as in a map of the markers,
// the last note of a marker winning.
func TestMarkers(t *testing.T) {
	var notes []*document.Note
	for _, m := range []string{"1", "2", "12", "01", "2", "12345", "a", "9999", "10000"} {
		notes = append(notes, &document.Note{Marker: m})
	}
	byMarker := map[string]int{}
	for i, n := range notes {
		byMarker[n.Marker] = i
	}
	ms := newMarkers(notes)
	for _, d := range []string{"1", "2", "3", "12", "01", "001", "12345", "123456", "9999", "10000", "0", "100"} {
		n, ok := ms.find(d)
		if w, wok := byMarker[d]; n != w || ok != wok {
			t.Errorf("find(%q) = %d, %v; want %d, %v", d, n, ok, w, wok)
		}
	}
	if ms.maxLen != 5 {
		t.Errorf("maxLen = %d, want 5", ms.maxLen)
	}
}

// TestChineseSecurityCouncil: the Chinese Council files write the number
// "第NNNN(YYYY)号决议" and the adoption line with the date first, "YYYY年M月D日
// NNNN次会议通过", or without a meeting, "安全理事会于 YYYY年M月D日通过".
func TestChineseSecurityCouncil(t *testing.T) {
	tests := []struct {
		name, res, adoption, meeting, ordinal, date string
	}{
		{"meeting", "第1234(2019)号决议", "2019年7月3日 8123次会议通过", "8123次会议通过", "8123", "2019-07-03"},
		{"space before the year", "第1234 (2019)号决议", "2019年12月30日 8999次会议通过", "8999次会议通过", "8999", "2019-12-30"},
		{"written procedure", "第1234(2019)号决议", "安全理事会于 2019年4月1日通过", "", "", "2019-04-01"},
		{"written procedure, no 于", "第1234(2019)号决议", "安全理事会 2019年4月1日通过", "", "", "2019-04-01"},
		{"body and 第 before the meeting", "第1234（2019）号决议", "2019年7月3日安全理事会第8123次会议通过", "8123次会议通过", "8123", "2019-07-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildWith(t, "zho", "sc", tt.res+"\n"+tt.adoption+"\n\t安全理事会，\n\t回顾其以往决议，\n\t1.\t决定继续处理此案。\n")
			if d.Meta.ResolutionLine != tt.res || d.Meta.AdoptionLine != tt.adoption || d.Meta.AdoptionDate != tt.date {
				t.Errorf("meta = %+v", d.Meta)
			}
			if mt := d.Body.Meeting; mt == nil || mt.Text != tt.meeting || mt.Ordinal != tt.ordinal || mt.Date != tt.date {
				t.Errorf("meeting = %+v", mt)
			}
			if d.Body.Formula == nil || len(d.Body.Preamble) != 1 || len(d.Body.Operative) != 1 {
				t.Errorf("body = %+v", d.Body)
			}
		})
	}
}

// TestChinesePhrases: the names the UN gives Chinese preambular paragraphs
// whose opening phrase the phrase list does not hold as such.
func TestChinesePhrases(t *testing.T) {
	tests := []struct{ body, text, want string }{
		{"sc", "根据《联合国宪章》第七章采取行动，", "采取行动"}, // acting under a Chapter of the Charter
		{"ga", "表示关切的是，各方未能达成协议，", "表示关切的是"},
		{"ga", "表示深为关切的是，局势恶化，", "表示深为关切的是"},
		{"ga", "表示坚决支持特使的工作，", "表示坚决支持"},
		{"ga", "又表示最严重关切暴力行为，", "又表示最严重关切"},
		{"ga", "再次表示感谢东道国，", "再次表示感谢"},
		{"sc", "表示应有注意到政府的计划，", "表示应有注意到"},
		{"ga", "又提请注意小岛屿的需要，", "又提请注意"},
		{"ga", "又审查了秘书长的说明，", "又审查了"},
		{"ga", "深入审议了该问题，", "审议了"},
		{"ga", "尤其关切非法捕捞，", "尤其关切"},
		{"ga", "在这方面欣见论坛的召开，", "欣见"},
		{"ga", "重申认为合作至关重要，", "重申认为"},
		{"ga", "重申决意维护和平，", "重申决意"},
		{"ga", "重申其以往决议，", "重申"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			formula := map[string]string{"ga": "大会，", "sc": "安全理事会，"}[tt.body]
			d := buildWith(t, "zho", tt.body, "\t"+formula+"\n\t回顾其决议，\n\t"+tt.text+"\n\t1.\t决定。\n")
			if len(d.Body.Preamble) != 2 {
				t.Fatalf("preamble = %d blocks, want 2", len(d.Body.Preamble))
			}
			if p := d.Body.Preamble[1].Phrase; p != tt.want {
				t.Errorf("phrase = %q, want %q", p, tt.want)
			}
		})
	}
}

// TestChineseSubItems: the ideograph sub-items of the Chinese files, "㈠"
// or "(一)", follow their letter item in one flat list, as the UN's files
// have them.
func TestChineseSubItems(t *testing.T) {
	for _, sub := range []string{"㈠", "(一)", "（一）"} {
		t.Run(sub, func(t *testing.T) {
			d := buildWith(t, "zho", "ga", "75/1.\t标题\n\t大会，\n\t回顾其决议，\n\t1.\t请秘书长：\n\t(a)\t报告；\n\t(b)\t包括：\n\t"+sub+"\t数据；\n\t(c)\t协调。\n")
			var nums []string
			for _, p := range d.Body.Operative[0].Points {
				nums = append(nums, p.Num)
				if len(p.Points) > 0 {
					t.Errorf("%s holds %d items, want none", p.Num, len(p.Points))
				}
			}
			if got, want := strings.Join(nums, " "), "(a) (b) "+sub+" (c)"; got != want {
				t.Errorf("points = %s, want %s", got, want)
			}
		})
	}
}

// TestChineseSectionHeading: "一.<TAB>Title", a section number in
// ideographs, is no row of a table; the numbered paragraphs after it stay
// paragraphs.
func TestChineseSectionHeading(t *testing.T) {
	for _, label := range []string{"一.", "二、", "十一."} {
		d := buildWith(t, "zho", "ga", "75/1.\t标题\n\t大会，\n\t1.\t通过附件。\n\n第41次全体会议\n2020年12月10日\n\n\t附件\n\t"+label+"\t着力加强人力建设\n\t2.\t我们确认。\n\t3.\t我们承诺。\n")
		if len(d.Body.Annexes) != 1 {
			t.Fatalf("annexes = %d", len(d.Body.Annexes))
		}
		var got []string
		for _, b := range d.Body.Annexes[0].Blocks {
			if b.Kind == document.Table {
				t.Errorf("%s: a table: %+v", label, b.Rows)
			}
			got = append(got, b.Num+"|"+b.Text.Plain())
		}
		if want := "|" + label + "\t着力加强人力建设 2.|我们确认。 3.|我们承诺。"; strings.Join(got, " ") != want {
			t.Errorf("blocks = %q, want %q", strings.Join(got, " "), want)
		}
	}
}

// TestEnglishPreamblePhrases pins the classes of English opening phrases
// that the UN sets in italics whole (invented paragraphs).
func TestEnglishPreamblePhrases(t *testing.T) {
	tests := []struct{ text, phrase string }{
		{"Reaffirming its belief that the work matters,", "Reaffirming its belief"},
		{"Recalling its demand that all parties comply,", "Recalling"},
		{"Recalling its call upon all States to act,", "Recalling"},
		{"Reaffirming its call upon all States to act,", "Reaffirming its call upon"},
		{"Also expressing its satisfaction with the progress,", "Also expressing its satisfaction"},
		{"Expressing strong support for the envoy,", "Expressing strong support"},
		{"Expressing strong support also for the office,", "Expressing strong support also"},
		{"Expressing deep appreciation to the host country,", "Expressing deep appreciation"},
		{"Expressing regret and concern at the delays,", "Expressing regret and concern"},
		{"Sharing deep concern at the situation,", "Sharing deep concern"},
		{"Noting with renewed concern the reports,", "Noting with renewed concern"},
		{"Noting with approval the plan,", "Noting with approval"},
		{"Welcoming in particular the new agreement,", "Welcoming in particular"},
		// "in this regard" stays out of the name, as in most of the UN's
		// files, unless "also" or "further" follows it
		{"Welcoming in this regard the new agreement,", "Welcoming"},
		{"Noting in this regard the work of the office,", "Noting"},
		{"Welcoming in this regard also the new agreement,", "Welcoming in this regard also"},
		{"Noting in this regard further the plan,", "Noting in this regard further"},
		{"Deeply concerned, in particular, by the attacks,", "Deeply concerned"},
		{"Particularly concerned by the attacks,", "Particularly concerned"},
		{"Being gravely concerned at the famine,", "Being gravely concerned"},
	}
	for _, tt := range tests {
		d := build(t, header+"\t"+tt.text+"\n\t1.\tDecides;\n")
		if len(d.Body.Preamble) != 1 {
			t.Errorf("%q: preamble = %+v", tt.text, d.Body.Preamble)
			continue
		}
		if p := d.Body.Preamble[0].Phrase; p != tt.phrase {
			t.Errorf("%q: phrase = %q, want %q", tt.text, p, tt.phrase)
		}
	}
}

// TestPreambularWithoutStop: a preambular paragraph whose final comma was
// lost stays a paragraph when it opens with a known phrase; a short line
// without one is a heading.
func TestPreambularWithoutStop(t *testing.T) {
	tests := []struct {
		line    string
		heading bool
	}{
		{"Having received the report of the Agency for 20221 ", false},
		{"Recalling its resolutions on the subject", false},
		{"Renewal of the mandate", true},
	}
	for _, tt := range tests {
		d := build(t, header+"\tRecalling its resolutions,\n\t"+tt.line+"\n\t1.\tDecides;\n")
		pre := len(d.Body.Preamble)
		if tt.heading && (pre != 1 || d.Body.Operative[0].Kind != document.Heading) || !tt.heading && pre != 2 {
			t.Errorf("%q: preamble %d, operative %+v", tt.line, pre, d.Body.Operative)
		}
	}
}

// TestSeveralAnnexes: the labels of further annexes ("Annex II", "Annex 2:",
// "Annex B") are headings of the one attachment, also right after a table;
// lettered entries "a." of an annex list are numbered paragraphs.
func TestSeveralAnnexes(t *testing.T) {
	tests := []struct{ first, second string }{
		{"Annex I", "Annex II"},
		{"Annex 1", "Annex 2:"},
		{"Annex A", "Annex B"},
	}
	for _, tt := range tests {
		d := buildWith(t, "eng", "sc", "Resolution 9999 (2031)\nAdopted by the Security Council at its 9999th meeting, on 1 May 2031\n"+
			"\tThe Security Council,\n\tRecalling its resolutions,\n\t1.\tDecides to remain seized of the matter.\n\n"+
			"\t\t"+tt.first+"\n\t\tPersons\n\t1.\tA PERSON\n\ta.\tDescription: an official\n\tb.\tAKA: none\n"+
			"\tShip\tNumber\n\t1.\tA SHIP\t1234567\n"+
			"\t\t"+tt.second+"\n\t\tGoods\n\t(a)\tWatches\n\t•\tHelmets;\n")
		if len(d.Body.Annexes) != 1 {
			t.Errorf("%s: %d annexes, want 1", tt.second, len(d.Body.Annexes))
			continue
		}
		var got []string
		for _, b := range d.Body.Annexes[0].Blocks {
			switch b.Kind {
			case document.Heading:
				got = append(got, "H:"+b.Text.Plain())
			case document.Table:
				got = append(got, "T")
			default:
				got = append(got, b.Num)
			}
		}
		want := "H:Persons 1. a. b. T H:" + tt.second + " H:Goods  " // "(a)" and "•" lines: paragraphs in an annex
		bl := d.Body.Annexes[0].Blocks
		if last := bl[len(bl)-1]; last.Kind != document.Plain || !strings.HasPrefix(last.Text.Plain(), "•") {
			t.Errorf("bullet line in an annex = %+v, want a paragraph keeping its bullet", last)
		}
		if n := d.Body.Operative[0].Num; n != "1." {
			t.Errorf("operative = %q", n)
		}
		if g := strings.Join(got, " "); !strings.HasPrefix(g, want) {
			t.Errorf("annex blocks = %s, want %s ...", g, want)
		}
	}
}

// TestNoteAfterChineseStop: a footnote number that ends a paragraph after
// a Chinese full stop and a space is the note's; inside the text it is not.
func TestNoteAfterChineseStop(t *testing.T) {
	d := buildWith(t, "zho", "ga", "75/1.\t标题\n\t大会，\n\t1.\t决定增加一倍。 1\n\t2.\t又决定。 2 项\n", "见A/75/1。", "见A/75/2。")
	op := d.Body.Operative
	if len(op) != 2 || len(op[0].Text) != 2 || op[0].Text[1].Note == nil || op[0].Text[0].Text != "决定增加一倍。 " {
		t.Errorf("paragraph 1 = %+v", op[0].Text)
	}
	if len(op) == 2 && len(op[1].Text) != 1 {
		t.Errorf("paragraph 2 = %+v, want no note", op[1].Text)
	}
}

// TestChineseCommittee: the committee lines of the Chinese files, with the
// report's symbol, "的报告" or "的报告通过", and the Fourth Committee under
// its full name with its number in brackets.
func TestChineseCommittee(t *testing.T) {
	tests := []struct{ line, key, report string }{
		{"[根据第二委员会的报告 (A/79/400，第10段)]", "secondCommittee", "A/79/400，第10段"},
		{"[根据第六委员会的报告通过 (A/79/500)]", "sixthCommittee", "A/79/500"},
		{"[根据特别政治和非殖民化委员会(第四委员会)的报告通过 (A/79/401，第7段)]", "fourthCommittee", "A/79/401，第7段"},
		{"[根据特别政治和非殖民化委员会(第四委员会)的报告 (A/79/401)]", "fourthCommittee", "A/79/401"},
		{"[根据特别政治和非殖民化委员会 (第四委员会)]", "fourthCommittee", "第四委员会"},
		{"[未经发交主要委员会而通过 (A/79/L.5)]", "plenary", "A/79/L.5"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d := buildWith(t, "zho", "ga", "2024年12月1日大会决议\n"+tt.line+"\n79/1.\t标题\n\t大会，\n\t1.\t决定。\n")
			if c := d.Meta.Committee; c.Line != tt.line || c.Key != tt.key || c.Report != tt.report {
				t.Errorf("committee = %+v, want key %q, report %q", c, tt.key, tt.report)
			}
		})
	}
}

// TestChineseMeetingLine: the closing meeting line of a Chinese General
// Assembly resolution, also with spaces around the number and resumed.
func TestChineseMeetingLine(t *testing.T) {
	for _, line := range []string{"第41次全体会议", "第 41 次全体会议", "第41次全体会议(续会)", "第41次全体会议（续会）"} {
		d := buildWith(t, "zho", "ga", "75/1.\t标题\n\t大会，\n\t1.\t决定。\n\n"+line+"\n2020年12月10日\n")
		if mt := d.Body.Meeting; mt == nil || mt.Text != line || mt.Date != "2020-12-10" {
			t.Errorf("%s: meeting = %+v", line, mt)
		}
	}
}

// TestLetterNumberOutsideAnnex: "a." in the resolution itself numbers no
// paragraph.
func TestLetterNumberOutsideAnnex(t *testing.T) {
	d := build(t, header+"\tRecalling its resolutions,\n\t1.\tDecides:\n\ta.\tto act;\n\t2.\tRequests.\n")
	for _, b := range d.Body.Operative {
		if b.Num == "a." {
			t.Errorf("operative paragraph numbered %q", b.Num)
		}
	}
}

// TestNumberedItems: a list "1.", "2." that breaks the operative numbering
// is the sub-items of the paragraph before it; the numbering goes on with
// the next paragraph number.
func TestNumberedItems(t *testing.T) {
	tests := []struct{ body, want string }{
		{"\t6.\tDecides;\n\t7.\tRequests a report on:\n\t1.\tthe first matter;\n\t2.\tthe second matter;\n\t8.\tInvites.\n", "6. 7.[1. 2.] 8."},
		{"\t1.\tDecides;\n\t2.\tRequests;\n\t3.\tInvites.\n", "1. 2. 3."},
		{"\t1.\tDecides;\n\t\tSection two\n\t1.\tRequests.\n", "1. 1."},
	}
	for _, tt := range tests {
		d := build(t, header+"\tRecalling its resolutions,\n"+tt.body)
		var got []string
		for _, b := range d.Body.Operative {
			if b.Kind != document.Operative {
				continue
			}
			s := b.Num
			if len(b.Points) > 0 {
				var ps []string
				for _, p := range b.Points {
					ps = append(ps, p.Num)
				}
				s += "[" + strings.Join(ps, " ") + "]"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("numbers = %s, want %s", g, tt.want)
		}
	}
}

// TestEnglishMeetingLines: forms of the closing meeting line.
func TestEnglishMeetingLines(t *testing.T) {
	tests := []struct{ line, want string }{
		{"82nd plenary meeting", "82nd plenary meeting"},
		{"41st (resumed) plenary meeting", "41st (resumed) plenary meeting"},
		{"63rd resumed plenary meeting", "63rd resumed plenary meeting"},
	}
	for _, tt := range tests {
		d := build(t, header+"\tRecalling its resolutions,\n\t1.\tDecides;\n\n"+tt.line+"\n23 December 2015")
		if mt := d.Body.Meeting; mt == nil || mt.Text != tt.want || mt.Date != "2015-12-23" {
			t.Errorf("%q: meeting = %+v", tt.line, mt)
		}
	}
}

// TestNumberTitleLines: the number and title line, with or without the
// letter of a part.
func TestNumberTitleLines(t *testing.T) {
	tests := []struct{ line, num, title string }{
		{"70/237.\tDevelopments in the field", "70/237.", "Developments in the field"},
		{"81/12 C.\tEnlargement of the committee", "81/12 C.", "Enlargement of the committee"},
		{"ES-12/3.\tSituation in the region", "ES-12/3.", "Situation in the region"},
	}
	for _, tt := range tests {
		d := build(t, "Resolution adopted by the General Assembly on 23 December 2015\n"+tt.line+"\n\tThe General Assembly,\n\tRecalling its resolutions,\n\t1.\tDecides;\n")
		if d.Meta.Number != tt.num || d.Meta.Title.Plain() != tt.title {
			t.Errorf("%q: number %q, title %q", tt.line, d.Meta.Number, d.Meta.Title.Plain())
		}
	}
}

// TestNumberedHeadings: "<TAB><TAB>I.<TAB>Title" is a heading with its
// number, not a table row, also in an annex after a table.
func TestNumberedHeadings(t *testing.T) {
	tests := []struct{ line, num, text string }{
		{"\t\tI.\tOrganization of work", "I.", "Organization of work"},
		{"\t\tB.\tSide events", "B.", "Side events"},
		{"\t\t(c)\tEnergy", "(c)", "Energy"},
		{"\t\tRule 4", "", "Rule 4"},
	}
	for _, tt := range tests {
		d := build(t, header+"\tRecalling its resolutions,\n\t1.\tDecides;\n\n82nd plenary meeting\n23 December 2015\n\n\t\tAnnex\n\t1.\tText;\n"+tt.line+"\n\t2.\tMore text.\n")
		if len(d.Body.Annexes) != 1 || len(d.Body.Annexes[0].Blocks) != 3 {
			t.Fatalf("%q: annexes = %+v", tt.line, d.Body.Annexes)
		}
		h := d.Body.Annexes[0].Blocks[1]
		if h.Kind != document.Heading || h.Num != tt.num || h.Text.Plain() != tt.text {
			t.Errorf("%q: heading = %+v", tt.line, h)
		}
	}
}

// TestSecurityCouncilPhrases: the Council's short names, and the listed
// longer ones.
func TestSecurityCouncilPhrases(t *testing.T) {
	tests := []struct{ text, phrase string }{
		{"Taking due note of the report,", "Taking due note"},
		{"Taking note of the letter,", "Taking note"},
		{"Expressing grave concern at the situation,", "Expressing"},
		{"Noting with grave concern the attacks,", "Noting with grave concern"},
		{"Noting with concern the attacks,", "Noting"},
	}
	for _, tt := range tests {
		d := buildWith(t, "eng", "sc", "Resolution 9999 (2031)\nAdopted by the Security Council at its 9999th meeting, on 1 May 2031\n\tThe Security Council,\n\t"+tt.text+"\n\t1.\tDecides.\n")
		if len(d.Body.Preamble) != 1 || d.Body.Preamble[0].Phrase != tt.phrase {
			t.Errorf("%q: preamble = %+v, want phrase %q", tt.text, d.Body.Preamble, tt.phrase)
		}
	}
}

// TestTitleNoteAfterSpace: the first note's number after a space at the
// end of the title is its reference; a title ending in another number
// keeps it.
func TestTitleNoteAfterSpace(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Status of the occupied region 1", "Status of the occupied region[1]"},
		{"Status of the region1", "Status of the region[1]"},
		{"Implementation of Goal 14", "Implementation of Goal 14"},
	}
	for _, tt := range tests {
		d := build(t, "Resolution adopted by the General Assembly on 23 December 2015\n70/237.\t"+tt.title+"\n\tThe General Assembly,\n\tRecalling its resolutions,\n\t1.\tDecides;\n", "See A/70/1.")
		b := marked(d.Meta.Title)
		if got := strings.TrimSpace(b); got != tt.want {
			t.Errorf("title = %q, want %q", got, tt.want)
		}
	}
}

// TestLooksWithoutFormula: a resolution printed without its formula is
// still told by its committee line; a text with neither is not.
func TestLooksWithoutFormula(t *testing.T) {
	rs, err := rules.Load(rules.Options{Language: "eng", Body: "ga", Layout: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	fra, err := rules.Load(rules.Options{Language: "fra", Body: "ga", Layout: "pdf"})
	if err != nil {
		t.Fatal(err)
	}
	text := "Resolution adopted by the General Assembly\non 19 December 2030\n[on the report of the Third Committee (A/85/482, para. 29)]\n85/225. Title\nReaffirming its resolution 70/1,\n"
	if !Looks(text, rs) {
		t.Error("English committee line: not recognised")
	}
	if Looks(text, fra) {
		t.Error("English text taken as French")
	}
	if Looks("Reaffirming its resolution 70/1,\n", rs) {
		t.Error("a paragraph alone taken as a resolution")
	}
}

// TestRomanItemsByEra: "(i)" after "(b)" goes inside it in a resolution
// of session 75, beside it in one of session 78 (rules/body/ga.yaml eras).
func TestRomanItemsByEra(t *testing.T) {
	for _, tt := range []struct{ date, want string }{
		{"23 December 2020", "(a) (b) [(i) (ii)] (c)"},
		{"19 December 2023", "(a) (b) (i) (ii) (c)"},
	} {
		d := build(t, "Resolution adopted by the General Assembly on "+tt.date+"\n70/1.\tTitle\n\tThe General Assembly,\n\tRecalling its resolutions,\n\t1.\tDecides:\n\t(a)\tTo act;\n\t(b)\tTo aim at:\n\t(i)\tOne;\n\t(ii)\tTwo;\n\t(c)\tTo report.\n")
		var got []string
		for _, p := range d.Body.Operative[0].Points {
			s := p.Num
			if len(p.Points) > 0 {
				var sub []string
				for _, q := range p.Points {
					sub = append(sub, q.Num)
				}
				s += " [" + strings.Join(sub, " ") + "]"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: points %s, want %s", tt.date, g, tt.want)
		}
	}
}

// TestSpacesLayoutTable: in a text indented with spaces, whose numbers are
// followed by spaces too, a line with TABs after its indent is a table row.
func TestSpacesLayoutTable(t *testing.T) {
	d := build(t, "Resolution adopted by the General Assembly on 23 December 2023\n78/1.  Title\n     The General Assembly,\n     Recalling its resolutions,\n     1.  Approves the appropriation:\n     \tGross\t\tNet\n     Appropriation for 2024\t63 930 800\t58 552 400\n     Revised estimates\t3 704 800\t3 597 500\n     2.  Decides.\n")
	var tables [][][]string
	for _, b := range d.Body.Operative {
		if b.Kind == document.Table {
			var rows [][]string
			for _, r := range b.Rows {
				var cells []string
				for _, c := range r {
					cells = append(cells, c.Plain())
				}
				rows = append(rows, cells)
			}
			tables = append(tables, rows)
		}
	}
	if len(tables) != 1 || len(tables[0]) != 3 || strings.Join(tables[0][1], "|") != "Appropriation for 2024|63 930 800|58 552 400" {
		t.Errorf("tables = %q", tables)
	}
	if n := len(d.Body.Operative); n != 3 {
		t.Errorf("%d operative blocks, want paragraph, table, paragraph", n)
	}
}
