package akn

import (
	_ "github.com/resconv/resconv/internal/golden" // defines -update, for go test ./... -update
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/rules"
)

var ga = rules.BodyInfo{IRI: "unga", Ref: "ga", Href: "/akn/ontology/organization/un/generalAssembly", SessionRef: "generalAssembly", SymbolPrefix: "A/RES/"}

func write(t *testing.T, doc *document.Document) *etree.Document {
	t.Helper()
	out, err := Write(doc, ga, Options{Indent: "  "})
	if err != nil {
		t.Fatal(err)
	}
	x := etree.NewDocument()
	if err := x.ReadFromBytes(out); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, out)
	}
	return x
}

func TestFRBR(t *testing.T) {
	tests := []struct{ symbol, part, want string }{
		{"A/RES/70/237", "", "/akn/un/statement/deliberation/unga/2015-12-23/70-237"},
		{"A/RES/75/245 B", "", "/akn/un/statement/deliberation/unga/2015-12-23/75-245"},
		{"A/RES/75/101 A-B", "", "/akn/un/statement/deliberation/unga/2015-12-23/75-101A-B"},
		{"A/RES/75/101 A-B", "A", "/akn/un/statement/deliberation/unga/2015-12-23/75-101A"},
		{"A/RES/ES-11/1", "", "/akn/un/statement/deliberation/unga/2015-12-23/ES-11-1"},
	}
	for _, tt := range tests {
		m := &document.Meta{Symbol: tt.symbol, AdoptionDate: "2015-12-23", Language: "fra"}
		got, err := FRBR(m, ga, tt.part)
		if err != nil || got.Work != tt.want || got.Expression != tt.want+"/fra@" || got.Manifestation != tt.want+"/fra@.xml" {
			t.Errorf("FRBR(%q, %q) = %+v, %v; want work %q", tt.symbol, tt.part, got, err, tt.want)
		}
	}
	// from session 77 the letters name the parts only
	parts := ga
	parts.PartLetters = "parts"
	for _, tt := range []struct{ symbol, part, want string }{
		{"A/RES/78/183 B", "", "/akn/un/statement/deliberation/unga/2015-12-23/78-183B"},
		{"A/RES/80/84 A-B", "", "/akn/un/statement/deliberation/unga/2015-12-23/80-84"},
		{"A/RES/80/84 A-B", "A", "/akn/un/statement/deliberation/unga/2015-12-23/80-84A"},
		{"A/RES/78/11", "", "/akn/un/statement/deliberation/unga/2015-12-23/78-11"},
	} {
		got, err := FRBR(&document.Meta{Symbol: tt.symbol, AdoptionDate: "2015-12-23", Language: "eng"}, parts, tt.part)
		if err != nil || got.Work != tt.want {
			t.Errorf("parts: FRBR(%q, %q) = %+v, %v; want work %q", tt.symbol, tt.part, got, err, tt.want)
		}
	}
	// a kind of statement is named by what follows its own symbol prefix
	sc := rules.BodyInfo{IRI: "unsc", SymbolPrefix: "S/RES/", Kinds: []rules.DocKind{{Name: "presidentialStatement", SymbolPrefix: "S/PRST/"}}}
	for _, tt := range []struct{ symbol, kind, want string }{
		{"S/RES/2505 (2020)", "", "/akn/un/statement/deliberation/unsc/2015-12-23/2505-2020"},
		{"S/PRST/2021/6", "presidentialStatement", "/akn/un/statement/deliberation/unsc/2015-12-23/2021-6"},
	} {
		got, err := FRBR(&document.Meta{Symbol: tt.symbol, Kind: tt.kind, AdoptionDate: "2015-12-23", Language: "eng"}, sc, "")
		if err != nil || got.Work != tt.want {
			t.Errorf("FRBR(%q, kind %q) = %+v, %v; want work %q", tt.symbol, tt.kind, got, err, tt.want)
		}
	}
	if _, err := FRBR(&document.Meta{}, ga, ""); err == nil {
		t.Error("no symbol: want an error")
	}
}

func TestEIDsAndNotes(t *testing.T) {
	note := &document.Note{Marker: "1", Text: document.PlainText("A/70/174.")}
	para := &document.Block{Kind: document.Operative, Num: "2.", Phrase: "Calls upon", Text: document.PlainText("Calls upon States:")}
	pa := &document.Block{Kind: document.Point, Num: "(a)", Text: document.Text{{Text: "To act"}, {Text: "1", Note: note, First: true}, {Text: ";"}}}
	pe := &document.Block{Kind: document.Point, Num: "(e)", Text: document.PlainText("To aim:")}
	pe.Points = []*document.Block{{Kind: document.Point, Num: "(i)", Text: document.Text{{Text: "Again"}, {Text: "1", Note: note}}}}
	para.Points = []*document.Block{pa, pe}
	doc := &document.Document{
		Meta: document.Meta{Symbol: "A/RES/70/237", Language: "eng", AdoptionDate: "2015-12-23", Number: "70/237.", Title: document.PlainText("Title")},
		Body: &document.Statement{
			Formula:   &document.Block{Kind: document.Formula, Text: document.PlainText("The General Assembly,")},
			Preamble:  []*document.Block{{Kind: document.Preambular, Phrase: "Recalling", Text: document.PlainText("Recalling x,")}},
			Operative: []*document.Block{para, {Kind: document.Heading, Text: document.PlainText("I")}, {Kind: document.Operative, Text: document.PlainText("Unnumbered")}},
		},
		Notes: []*document.Note{note},
	}
	x := write(t, doc)
	ids := map[string]bool{}
	for _, e := range x.FindElements("//*[@eId]") {
		id := e.SelectAttrValue("eId", "")
		if ids[id] {
			t.Errorf("eId %s twice", id)
		}
		ids[id] = true
	}
	for _, id := range []string{"formula_1", "container_1", "para_2", "para_2__list_1", "para_2__list_1__intro", "para_2__list_1__point_a", "para_2__list_1__point_e__list_1__point_i", "para_unn_1", "para_unn_2", "authorialNote_1"} {
		if !ids[id] {
			t.Errorf("eId %s missing; have %v", id, ids)
		}
	}
	if n := len(x.FindElements("//authorialNote")); n != 1 {
		t.Errorf("authorialNotes = %d, want 1", n)
	}
	if s := x.FindElement("//point[@eId='para_2__list_1__point_e__list_1__point_i']//sup"); s == nil || s.Text() != "1" {
		t.Errorf("second reference is not a <sup>1</sup>")
	}
	c := x.FindElement("//container")
	if c.SelectAttrValue("name", "") != "Recalling" || c.FindElement("p/span[@class='italic']").Text() != "Recalling" {
		t.Errorf("container = %v", c)
	}
	// every refersTo and local href has its TLC entry
	for _, e := range x.FindElements("//*") {
		for _, a := range []string{"refersTo", "href", "source", "as"} {
			v := e.SelectAttrValue(a, "")
			if strings.HasPrefix(v, "#") && x.FindElement("//references/*[@eId='"+v[1:]+"']") == nil {
				t.Errorf("%s=%q on <%s> has no TLC entry", a, v, e.Tag)
			}
		}
	}
}

func TestNoIndentInsideMixedContent(t *testing.T) {
	doc := &document.Document{
		Meta: document.Meta{Symbol: "A/RES/70/237", Language: "eng", Number: "70/237.", Title: document.PlainText("A  title")},
		Body: &document.Statement{Operative: []*document.Block{{Kind: document.Operative, Num: "1.", Phrase: "Decides", Text: document.PlainText("Decides to act.")}}},
	}
	out, err := Write(doc, ga, Options{Indent: "  "})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<p><span class=\"italic\">Decides</span> to act.</p>", "<docTitle refersTo=\"#resolutionTitle\">A  title</docTitle>", "\n        <num>1.</num>\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestNumID(t *testing.T) {
	for num, want := range map[string]string{
		"1.": "1", "(a)": "a", "iv)": "iv", "1 -": "1", "’1‘": "1", "㈠": "一", "(一)": "一", "•": "",
	} {
		if got := numID(num); got != want {
			t.Errorf("numID(%q) = %q, want %q", num, got, want)
		}
	}
}

// TestPreambleHeading: a heading inside the preamble is a container
// without a name for the General Assembly, a block "subheading" for a
// body whose files write it so (the Security Council).
func TestPreambleHeading(t *testing.T) {
	sc := ga
	sc.PreambleHeading = "block"
	tests := []struct {
		body rules.BodyInfo
		path string
	}{
		{ga, "//preamble/container[@class='heading']"},
		{sc, "//preamble/block[@name='subheading']"},
	}
	for _, tt := range tests {
		doc := &document.Document{
			Meta: document.Meta{Symbol: "A/RES/70/237", Language: "eng", AdoptionDate: "2015-12-23", Number: "70/237.", Title: document.PlainText("Title")},
			Body: &document.Statement{
				Formula: &document.Block{Kind: document.Formula, Text: document.PlainText("The Council,")},
				Preamble: []*document.Block{{Kind: document.Heading, Text: document.PlainText("Current situation")},
					{Kind: document.Preambular, Phrase: "Noting", Text: document.PlainText("Noting x,")}},
				Operative: []*document.Block{{Kind: document.Operative, Num: "1.", Text: document.PlainText("Decides.")}},
			},
		}
		out, err := Write(doc, tt.body, Options{Indent: "  "})
		if err != nil {
			t.Fatal(err)
		}
		x := etree.NewDocument()
		if err := x.ReadFromBytes(out); err != nil {
			t.Fatal(err)
		}
		if e := x.FindElement(tt.path); e == nil || strings.TrimSpace(e.Text()+textOf(e)) == "" {
			t.Errorf("no %s in\n%s", tt.path, out)
		}
	}
}

func textOf(e *etree.Element) string {
	s := ""
	for _, c := range e.ChildElements() {
		s += c.Text() + textOf(c)
	}
	return s
}

// TestNumberedHeading: a heading with a number keeps it as <num>.
func TestNumberedHeading(t *testing.T) {
	doc := &document.Document{
		Meta: document.Meta{Symbol: "A/RES/70/237", Language: "eng", AdoptionDate: "2015-12-23", Number: "70/237.", Title: document.PlainText("Title")},
		Body: &document.Statement{
			Formula:   &document.Block{Kind: document.Formula, Text: document.PlainText("The General Assembly,")},
			Operative: []*document.Block{{Kind: document.Heading, Num: "II.", Text: document.PlainText("Officers")}, {Kind: document.Operative, Num: "1.", Text: document.PlainText("Decides.")}},
		},
	}
	x := write(t, doc)
	p := x.FindElement("//mainBody/paragraph[@class='heading']")
	if p == nil || p.SelectElement("num") == nil || p.SelectElement("num").Text() != "II." || p.SelectElement("subheading").Text() != "Officers" {
		t.Errorf("numbered heading not written with its num")
	}
}

// TestPreambleList: a preambular paragraph with sub-items is a blockList,
// the paragraph its listIntroduction.
func TestPreambleList(t *testing.T) {
	pre := &document.Block{Kind: document.Preambular, Phrase: "Having received", Text: document.PlainText("Having received the opinion, in which the Court found:"),
		Points: []*document.Block{{Kind: document.Point, Num: "(a)", Text: document.PlainText("That the first;")}, {Kind: document.Point, Num: "(b)", Text: document.PlainText("That the second,")}}}
	doc := &document.Document{
		Meta: document.Meta{Symbol: "A/RES/70/237", Language: "eng", AdoptionDate: "2015-12-23", Number: "70/237.", Title: document.PlainText("Title")},
		Body: &document.Statement{
			Formula:   &document.Block{Kind: document.Formula, Text: document.PlainText("The General Assembly,")},
			Preamble:  []*document.Block{pre},
			Operative: []*document.Block{{Kind: document.Operative, Num: "1.", Text: document.PlainText("Decides.")}},
		},
	}
	x := write(t, doc)
	bl := x.FindElement("//preamble/container[@name='Having received']/blockList")
	if bl == nil {
		t.Fatal("no blockList in the container")
	}
	intro := bl.SelectElement("listIntroduction")
	items := bl.SelectElements("item")
	if intro == nil || intro.SelectElement("span") == nil || len(items) != 2 || items[1].SelectElement("num").Text() != "(b)" {
		t.Errorf("blockList = intro %v, %d items", intro, len(items))
	}
}

// TestMeetingLine: the adoption line of a Security Council resolution
// marks up the meeting and the date where they stand, in either order
// (English "at its 8701st meeting, on 13 January 2020"; Chinese
// "2020年1月13日 8701次会议通过", date first).
func TestMeetingLine(t *testing.T) {
	sc := rules.BodyInfo{IRI: "unsc", Ref: "sc", Href: "/akn/ontology/organization/un/securityCouncil", SessionRef: "securityCouncil", SymbolPrefix: "S/RES/", Adoption: "coverPage"}
	tests := []struct{ line, meeting, ordinal, dateText, want string }{
		{"Adopted by the Security Council at its 8701st meeting, on 13 January 2020", "8701st meeting", "8701st", "13 January 2020",
			"Adopted by the Security Council at its [M:8701st meeting], on [D:13 January 2020]"},
		{"2020年1月13日 8701次会议通过", "8701次会议通过", "8701", "2020年1月13日", "[D:2020年1月13日] [M:8701次会议通过]"},
		{"安全理事会于 2020年1月13日通过", "", "", "2020年1月13日", "安全理事会于 [D:2020年1月13日]通过"},
	}
	for _, tt := range tests {
		doc := &document.Document{
			Meta: document.Meta{Symbol: "S/RES/2505 (2020)", Language: "eng", AdoptionDate: "2020-01-13", AdoptionLine: tt.line},
			Body: &document.Statement{
				Formula:   &document.Block{Kind: document.Formula, Text: document.PlainText("The Security Council,")},
				Operative: []*document.Block{{Kind: document.Operative, Num: "1.", Text: document.PlainText("Decides.")}},
				Meeting:   &document.Meeting{Text: tt.meeting, Ordinal: tt.ordinal, DateText: tt.dateText, Date: "2020-01-13"},
			},
		}
		out, err := Write(doc, sc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		x := etree.NewDocument()
		if err := x.ReadFromBytes(out); err != nil {
			t.Fatal(err)
		}
		dt := x.FindElement("//coverPage//docTitle[@refersTo='#adoption']")
		if dt == nil {
			t.Fatalf("%q: no adoption docTitle in\n%s", tt.line, out)
		}
		var b strings.Builder
		for _, c := range dt.Child {
			switch c := c.(type) {
			case *etree.CharData:
				b.WriteString(c.Data)
			case *etree.Element:
				tag := map[string]string{"docDate": "D", "inline": "M"}[c.Tag]
				if c.Text() != "" {
					b.WriteString("[" + tag + ":" + c.Text() + "]")
				}
			}
		}
		if b.String() != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.line, b.String(), tt.want)
		}
	}
}

// TestAnnexLabel: an annex's label is its first paragraph, or a heading
// for a body (or era) whose files write it so.
func TestAnnexLabel(t *testing.T) {
	for _, tt := range []struct{ label, path string }{
		{"", "//attachment//mainBody/paragraph[1]/content/p"},
		{"heading", "//attachment//mainBody/paragraph[@class='heading']/subheading"},
	} {
		body := ga
		body.AnnexLabel = tt.label
		doc := &document.Document{
			Meta: document.Meta{Symbol: "A/RES/78/1", Language: "eng", AdoptionDate: "2023-12-19", Number: "78/1.", Title: document.PlainText("Title")},
			Body: &document.Statement{
				Formula:   &document.Block{Kind: document.Formula, Text: document.PlainText("The General Assembly,")},
				Operative: []*document.Block{{Kind: document.Operative, Num: "1.", Text: document.PlainText("Adopts the declaration annexed.")}},
				Annexes:   []*document.Annex{{Heading: document.PlainText("Annex"), Blocks: []*document.Block{{Kind: document.Plain, Text: document.PlainText("We, the Heads of State,")}}}},
			},
		}
		out, err := Write(doc, body, Options{Indent: "  "})
		if err != nil {
			t.Fatal(err)
		}
		x := etree.NewDocument()
		if err := x.ReadFromBytes(out); err != nil {
			t.Fatal(err)
		}
		if e := x.FindElement(tt.path); e == nil || e.Text() != "Annex" {
			t.Errorf("annexLabel %q: no %s in\n%s", tt.label, tt.path, out)
		}
	}
}
