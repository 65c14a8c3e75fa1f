// Package akn writes a document model as Akoma Ntoso 3.0 XML in the
// AKN4UN profile, the way the UN's documentation division (DGACM)
// publishes resolutions.
//
// Element choice follows the UN's files: statement name="resolution"
// (documentCollection with components for a resolution in parts),
// coverPage, preface, preamble with formula and one container per
// preambular paragraph named by its opening phrase, mainBody with
// paragraph/num/content or list/intro/point, conclusions with the meeting
// and its date, footnotes as authorialNote at their first reference and a
// <sup> marker at later ones, annexes as attachments.
//
// Where the UN files differ from the AKN standard, the standard wins:
// eIds follow the naming convention (para_2__list_1__point_a) instead of a
// running counter, FRBR IRIs carry no trailing slash, every refersTo and
// href="#…" has its TLC entry in references, and FRBRauthor hrefs start
// with "#".
package akn

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/beevik/etree"
	"golang.org/x/text/unicode/norm"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/rules"
)

// Namespaces of the output.
const (
	NS       = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
	NSAKN4UN = "http://un.org/akn4un"
)

// Options control the writer.
type Options struct {
	// Indent is the indentation of block elements; "" writes no
	// indentation. Mixed content (p, num, docTitle, …) is never indented.
	Indent string
	// SizeHint is the expected size of the output, in bytes (0: unknown),
	// so that it is written into a buffer of the right size at once.
	SizeHint int
}

// Write renders doc as AKN XML.
func Write(doc *document.Document, body rules.BodyInfo, opts Options) ([]byte, error) {
	w := &writer{doc: doc, body: body, refs: map[string]tlc{}}
	x := etree.NewDocument()
	x.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	x.CreateText("\n")
	root := x.CreateElement("akomaNtoso")
	root.CreateAttr("xmlns", NS)
	root.CreateAttr("xmlns:akn4un", NSAKN4UN)

	base, err := FRBR(&doc.Meta, body, "")
	if err != nil {
		return nil, err
	}
	if len(doc.Parts) == 0 {
		st := root.CreateElement("statement")
		st.CreateAttr("name", "resolution")
		meta := w.meta(st, base, "")
		w.coverPage(st)
		w.preface(st, doc.Body)
		w.statementBody(st, doc.Body, base, newScope(""))
		w.finishMeta(meta)
	} else {
		coll := root.CreateElement("documentCollection")
		coll.CreateAttr("name", "resolution")
		meta := w.meta(coll, base, "")
		w.coverPage(coll)
		w.preface(coll, doc.Body)
		cb := coll.CreateElement("collectionBody")
		comps := etree.NewElement("components")
		for i, p := range doc.Parts {
			id := fmt.Sprintf("comp_%d", i+1)
			c := cb.CreateElement("component")
			c.CreateAttr("eId", id)
			ref := c.CreateElement("documentRef")
			ref.CreateAttr("eId", id+"__ref")
			ref.CreateAttr("href", "#"+id+"__doc")
			ref.CreateAttr("showAs", strings.TrimSpace(p.Label.Plain()))

			comp := comps.CreateElement("component")
			comp.CreateAttr("eId", id+"__doc")
			st := comp.CreateElement("statement")
			st.CreateAttr("name", "resolution")
			pbase, err := FRBR(&doc.Meta, body, PartLetter(p))
			if err != nil {
				return nil, err
			}
			w.meta(st, pbase, "")
			w.preface(st, p)
			w.statementBody(st, p, pbase, newScope(""))
		}
		root.AddChild(comps)
		w.finishMeta(meta)
	}
	ser := &serialiser{b: make([]byte, 0, opts.SizeHint), unit: opts.Indent}
	ser.document(x)
	return append(ser.b, '\n'), nil
}

type tlc struct {
	kind, href, showAs string
}

type writer struct {
	doc  *document.Document
	body rules.BodyInfo
	refs map[string]tlc // TLC entries by eId, as the output uses them
	// order keeps the TLC entries in the order of first use.
	order []string
}

// ref records a TLC entry and returns "#id" for refersTo.
func (w *writer) ref(id, kind, href, showAs string) string {
	if _, ok := w.refs[id]; !ok {
		w.refs[id] = tlc{kind, href, showAs}
		w.order = append(w.order, id)
	}
	return "#" + id
}

// IRIs are the FRBR IRIs of a resolution, or of one part of a resolution
// in parts: the work, its expression in the document's language and the
// expression's XML manifestation. They are made here only, for the AKN
// writer's FRBRuri values and for the other writers (JSON).
type IRIs struct {
	Work          string // /akn/un/statement/deliberation/unga/2015-12-23/70-237
	Expression    string // /akn/un/statement/deliberation/unga/2015-12-23/70-237/eng@
	Manifestation string // /akn/un/statement/deliberation/unga/2015-12-23/70-237/eng@.xml
}

// FRBR returns the IRIs of the document whose metadata is m, issued by
// body. For "A/RES/70/237" adopted on 2015-12-23 the work is
// /akn/un/statement/deliberation/unga/2015-12-23/70-237. part is the
// letter of one part of a resolution in parts ("A", see [PartLetter]),
// appended to the number; "" names the whole. It fails when m has neither
// a symbol nor a resolution number.
func FRBR(m *document.Meta, body rules.BodyInfo, part string) (IRIs, error) {
	num := strings.TrimPrefix(m.Symbol, body.SymbolPrefix)
	if num == m.Symbol || num == "" {
		// no symbol in a known form: fall back on the preface number
		num = strings.TrimSuffix(m.Number, ".")
	}
	if num == "" {
		return IRIs{}, fmt.Errorf("no symbol and no resolution number found: cannot name the document")
	}
	// "75/101 A-B" names the whole of a resolution in parts, "75/101 A"
	// one part; a resolution adopted as a single part "75/245 B" is named
	// without its letter, as the UN's files do.
	if i := strings.IndexByte(num, ' '); i > 0 && (part != "" || len(num)-i == 2) {
		num = num[:i]
	}
	if part != "" {
		num += " " + part
	}
	// "70/237" gives "70-237", "2505 (2020)" gives "2505-2020"
	num = strings.NewReplacer("/", "-", " (", "-", "(", "-", ")", "", " ", "").Replace(num)
	work := fmt.Sprintf("/akn/un/statement/deliberation/%s/%s/%s", body.IRI, orUnknown(m.AdoptionDate), num)
	expr := work + "/" + m.Language + "@"
	return IRIs{Work: work, Expression: expr, Manifestation: expr + ".xml"}, nil
}

// PartLetter returns the letter of a part's label without its note
// markers: "A".
func PartLetter(s *document.Statement) string {
	for _, in := range s.Label {
		if in.Note == nil {
			return strings.TrimSpace(in.Text)
		}
	}
	return ""
}

// meta writes meta/identification; references and presentation are added
// by finishMeta once the body has been written.
func (w *writer) meta(parent *etree.Element, iris IRIs, component string) *etree.Element {
	m := &w.doc.Meta
	meta := parent.CreateElement("meta")
	id := meta.CreateElement("identification")
	id.CreateAttr("source", w.ref("resconv", "TLCOrganization", "/akn/ontology/organization/resconv", "resconv"))
	issued := m.IssuanceDate
	if issued == "" {
		issued = orUnknown(m.AdoptionDate)
	}
	author := w.ref(w.body.Ref, "TLCOrganization", w.body.Href, w.bodyName())
	main := "!main" + component

	fw := id.CreateElement("FRBRWork")
	attr(fw.CreateElement("FRBRthis"), "value", iris.Work+"/"+main)
	attr(fw.CreateElement("FRBRuri"), "value", iris.Work)
	attr(fw.CreateElement("FRBRdate"), "date", orUnknown(m.AdoptionDate), "name", "adoption")
	attr(fw.CreateElement("FRBRauthor"), "href", author, "as", w.ref("author", "TLCRole", "/akn/ontology/role/un/author", "Author"))
	attr(fw.CreateElement("FRBRcountry"), "value", "un")

	fe := id.CreateElement("FRBRExpression")
	attr(fe.CreateElement("FRBRthis"), "value", iris.Expression+main)
	attr(fe.CreateElement("FRBRuri"), "value", iris.Expression)
	attr(fe.CreateElement("FRBRdate"), "date", issued, "name", "publication")
	attr(fe.CreateElement("FRBRauthor"), "href", author, "as", w.ref("issuer", "TLCRole", "/akn/ontology/role/un/issuer", "Issuer"))
	attr(fe.CreateElement("FRBRlanguage"), "language", m.Language)

	fm := id.CreateElement("FRBRManifestation")
	attr(fm.CreateElement("FRBRthis"), "value", iris.Expression+"/"+main+".xml")
	attr(fm.CreateElement("FRBRuri"), "value", iris.Manifestation)
	// The markup date would make every run differ; the manifestation is
	// dated by the publication it was made from, so output is reproducible.
	attr(fm.CreateElement("FRBRdate"), "date", issued, "name", "publication")
	attr(fm.CreateElement("FRBRauthor"), "href", "#resconv", "as", w.ref("editor", "TLCRole", "/akn/ontology/role/un/editor", "Editor"))
	return meta
}

func orUnknown(date string) string {
	if date == "" {
		return "0001-01-01"
	}
	return date
}

func (w *writer) bodyName() string {
	if n := w.doc.Meta.IssuingBody; n != "" {
		return n
	}
	return w.body.Ref
}

// finishMeta adds the references and the job number to meta.
func (w *writer) finishMeta(meta *etree.Element) {
	m := &w.doc.Meta
	var pres *etree.Element
	if m.JobNumber != "" {
		// the UN's presentation block: the first-page footer
		pres = etree.NewElement("presentation")
		pres.CreateAttr("source", "#resconv")
		left := pres.CreateElement("akn4un:footerFirstPage").CreateElement("akn4un:footerFirstPageLeft").CreateElement("akn4un:internalCode")
		dn := left.CreateElement("docketNumber")
		dn.CreateAttr("refersTo", w.ref("publicationJobNumber", "TLCConcept", "/akn/ontology/concept/un/publicationJobNumber", "Publication job number"))
		dn.SetText(m.JobNumber)
	}
	refs := meta.CreateElement("references")
	refs.CreateAttr("source", "#resconv")
	for _, id := range w.order {
		t := w.refs[id]
		e := refs.CreateElement(t.kind)
		attr(e, "eId", id, "href", t.href, "showAs", t.showAs)
	}
	if pres != nil {
		meta.AddChild(pres)
	}
}

// coverPage writes the masthead, the adoption line and the committee line.
func (w *writer) coverPage(parent *etree.Element) {
	m := &w.doc.Meta
	cp := parent.CreateElement("coverPage")
	cp.CreateAttr("eId", "coverPage")
	if m.Publisher != "" {
		span := cp.CreateElement("p").CreateElement("span")
		attr(span, "refersTo", w.ref("publisher", "TLCRole", "/akn/ontology/role/un/publisher", "Publisher"), "class", "upperLeft")
		da := span.CreateElement("docAuthority")
		da.CreateAttr("refersTo", "#publisher")
		da.SetText(m.Publisher)
	}
	if m.Symbol != "" {
		p := cp.CreateElement("p")
		p.CreateAttr("class", "upperRight")
		dn := p.CreateElement("docNumber")
		dn.CreateAttr("refersTo", w.ref("symbol", "TLCConcept", "/akn/ontology/concept/un/symbol", "Symbol"))
		dn.SetText(m.Symbol)
	}
	if m.IssuingBody != "" {
		p := cp.CreateElement("p")
		p.CreateAttr("class", "upperLeft")
		da := p.CreateElement("docAuthority")
		attr(da, "refersTo", w.ref("issuingBody", "TLCRole", "/akn/ontology/role/un/issuingBody", "Issuing body"), "class", "rightBig")
		da.SetText(m.IssuingBody)
	}
	if m.Distribution != "" {
		ds := cp.CreateElement("p").CreateElement("docStatus")
		attr(ds, "refersTo", w.ref("generalDistribution", "TLCConcept", "/akn/ontology/concept/un/generalDistribution", "General distribution"), "class", "rightSmall")
		ds.SetText(m.Distribution)
	}
	if m.IssuanceDate != "" {
		dd := cp.CreateElement("p").CreateElement("docDate")
		attr(dd, "date", m.IssuanceDate, "class", "rightSmall", "refersTo", w.ref("dateOfIssuance", "TLCConcept", "/akn/ontology/concept/un/dateOfIssuance", "Date of issuance"))
		dd.SetText(m.IssuanceText)
	}
	if m.SessionText != "" {
		s := cp.CreateElement("p").CreateElement("session")
		s.CreateAttr("refersTo", w.ref(w.body.SessionRef, "TLCOrganization", w.body.Href, w.bodyName()))
		if m.Session > 0 {
			s.CreateAttr("value", fmt.Sprint(m.Session))
		}
		s.CreateAttr("eId", "coverPage__session_1")
		s.SetText(m.SessionText)
	}
	if m.AgendaText != "" {
		in := cp.CreateElement("p").CreateElement("inline")
		attr(in, "name", "agenda item")
		if len(m.AgendaItems) > 0 {
			in.CreateAttr("title", strings.Join(m.AgendaItems, " "))
		}
		in.SetText(m.AgendaText)
	}
	if m.AgendaTitle != "" {
		in := cp.CreateElement("p").CreateElement("inline")
		in.CreateAttr("name", "agenda item name")
		in.SetText(m.AgendaTitle)
	}
	if m.ResolutionLine != "" {
		dt := cp.CreateElement("p").CreateElement("docTitle")
		dt.CreateAttr("refersTo", w.ref("resolutionNumber", "TLCConcept", "/akn/ontology/concept/un/resolutionNumber", "Resolution number"))
		dt.SetText(m.ResolutionLine)
	}
	if m.AdoptionLine != "" {
		dt := cp.CreateElement("p").CreateElement("docTitle")
		if mt := w.doc.Body.Meeting; w.body.Adoption == "coverPage" && mt != nil {
			// "Adopted by the Security Council at its 8701st meeting, on
			// 13 January 2020": meeting and date marked up in the line
			dt.CreateAttr("refersTo", w.ref("adoption", "TLCEvent", "/akn/ontology/event/un/adoption", "Adoption"))
			w.meetingLine(dt, m.AdoptionLine, mt)
		} else {
			dt.SetText(m.AdoptionLine)
		}
	}
	if c := m.Committee; c.Line != "" {
		dp := cp.CreateElement("p").CreateElement("docProponent")
		showAs := c.Name
		if showAs == "" {
			showAs = "Plenary"
		}
		dp.CreateAttr("refersTo", w.ref(c.Key, "TLCOrganization", "/akn/ontology/organization/un/"+c.Key, showAs))
		// the report symbol is an inline inside the line
		if i := strings.LastIndex(c.Line, c.Report); c.Report != "" && i >= 0 {
			dp.CreateText(c.Line[:i])
			in := dp.CreateElement("inline")
			in.CreateAttr("name", "originating document")
			in.SetText(c.Report)
			dp.CreateText(c.Line[i+len(c.Report):])
		} else {
			dp.SetText(c.Line)
		}
	}
}

// preface writes the number and title, or for a part its letter and title.
func (w *writer) preface(parent *etree.Element, s *document.Statement) {
	m := &w.doc.Meta
	pf := parent.CreateElement("preface")
	if (parent.Tag != "statement" || s == w.doc.Body) && (m.Number != "" || len(m.Title) > 0) {
		p := pf.CreateElement("p")
		if m.Number != "" {
			p.CreateElement("docNumber").SetText(m.Number)
		}
		if len(m.Title) > 0 {
			dt := p.CreateElement("docTitle")
			dt.CreateAttr("refersTo", w.ref("resolutionTitle", "TLCConcept", "/akn/ontology/concept/un/resolutionTitle", "Resolution title"))
			w.inlines(dt, m.Title)
		}
		if len(m.Subtitle) > 0 {
			w.inlines(p.CreateElement("docTitle"), m.Subtitle)
		}
	}
	if len(s.Label) > 0 && (s != w.doc.Body || len(w.doc.Parts) == 0) {
		p := pf.CreateElement("p")
		dn := p.CreateElement("docNumber")
		dn.CreateAttr("refersTo", w.ref("letter", "TLCConcept", "/akn/ontology/concept/un/letter", "Letter"))
		w.inlines(dn, s.Label)
		if len(s.Heading) > 0 {
			w.inlines(p.CreateElement("docTitle"), s.Heading)
		}
	}
	if len(pf.ChildElements()) == 0 {
		parent.RemoveChild(pf)
	}
}

// statementBody writes preamble, mainBody, conclusions and attachments.
func (w *writer) statementBody(st *etree.Element, s *document.Statement, iris IRIs, sc *scope) {
	if s.Formula != nil || len(s.Preamble) > 0 {
		pre := st.CreateElement("preamble")
		if s.Formula != nil {
			f := pre.CreateElement("formula")
			attr(f, "name", "enactingFormula", "eId", "formula_1")
			w.phrased(f.CreateElement("p"), s.Formula)
		}
		for _, b := range s.Preamble {
			w.block(pre, b, sc)
		}
	}
	mb := st.CreateElement("mainBody")
	for _, b := range s.Operative {
		w.block(mb, b, sc)
	}
	if len(mb.ChildElements()) == 0 {
		// a statement must have a body: say that it is empty
		p := mb.CreateElement("p")
		p.CreateAttr("class", "empty")
	}
	if mt := s.Meeting; mt != nil && w.body.Adoption != "coverPage" {
		c := st.CreateElement("conclusions")
		c.CreateAttr("eId", "conclusions")
		p := c.CreateElement("p")
		w.meeting(p, mt)
		if mt.DateText != "" {
			p.CreateElement("eol")
			w.adoptionDate(p, mt)
		}
	}
	if len(s.Annexes) > 0 {
		atts := st.CreateElement("attachments")
		for i, a := range s.Annexes {
			name := "annex"
			if len(s.Annexes) > 1 {
				name = fmt.Sprintf("annex_%d", i+1)
			}
			doc := atts.CreateElement("attachment").CreateElement("doc")
			doc.CreateAttr("name", "annex")
			w.meta(doc, iris, "/"+name)
			amb := doc.CreateElement("mainBody")
			asc := newScope(fmt.Sprintf("att_%d__", i+1))
			if len(a.Heading) > 0 {
				// The UN's files put the label ("Annex", "Annexe A") in
				// the annex's first paragraph, not in a preface (all GA
				// files; one SC file has it as a heading).
				w.block(amb, &document.Block{Kind: document.Plain, Text: a.Heading}, asc)
			}
			for _, b := range a.Blocks {
				w.block(amb, b, asc)
			}
			if len(amb.ChildElements()) == 0 {
				amb.CreateElement("p").CreateAttr("class", "empty")
			}
		}
	}
}

// meeting writes the adoption meeting as an inline.
func (w *writer) meeting(parent *etree.Element, mt *document.Meeting) {
	in := parent.CreateElement("inline")
	attr(in, "name", "adoptionMeeting", "refersTo", w.ref("adoptionMeeting", "TLCEvent", "/akn/ontology/event/un/adoptionMeeting", "Adoption meeting"))
	if mt.Ordinal != "" {
		in.CreateAttr("title", mt.Ordinal)
	}
	in.SetText(mt.Text)
}

// adoptionDate writes the date of adoption.
func (w *writer) adoptionDate(parent *etree.Element, mt *document.Meeting) {
	dd := parent.CreateElement("docDate")
	attr(dd, "date", mt.Date, "refersTo", w.ref("adoptionDate", "TLCConcept", "/akn/ontology/concept/un/dateOfAdoption", "Date of adoption"))
	dd.SetText(mt.DateText)
}

// meetingLine writes an adoption line that names the meeting and the date
// with both marked up where they stand in it.
func (w *writer) meetingLine(e *etree.Element, line string, mt *document.Meeting) {
	j := strings.LastIndex(line, mt.DateText)
	i := strings.Index(line, mt.Text)
	if mt.Text == "" {
		i = j // adopted without a meeting: the date only
	}
	if mt.DateText == "" || j < 0 || i < 0 || j < i+len(mt.Text) {
		e.SetText(line)
		return
	}
	e.CreateText(line[:i])
	if mt.Text != "" {
		w.meeting(e, mt)
		e.CreateText(line[i+len(mt.Text) : j])
	}
	w.adoptionDate(e, mt)
	if rest := line[j+len(mt.DateText):]; rest != "" {
		e.CreateText(rest)
	}
}

// block writes one block in parent.
func (w *writer) block(parent *etree.Element, b *document.Block, sc *scope) {
	switch b.Kind {
	case document.Preambular:
		c := parent.CreateElement("container")
		attr(c, "name", b.Phrase, "eId", sc.id("container", ""))
		w.phrased(c.CreateElement("p"), b)
	case document.Heading:
		if parent.Tag == "preamble" {
			// no hierarchy in a preamble: the UN's files write a heading
			// there as a container without a name
			c := parent.CreateElement("container")
			attr(c, "name", "", "eId", sc.id("container", ""), "class", "heading")
			w.inlines(c.CreateElement("p"), b.Text)
			return
		}
		p := parent.CreateElement("paragraph")
		attr(p, "eId", sc.id("para", ""), "class", "heading")
		w.inlines(p.CreateElement("subheading"), b.Text)
	case document.Table:
		t := parent.CreateElement("table")
		t.CreateAttr("eId", sc.id("table", ""))
		for _, row := range b.Rows {
			tr := t.CreateElement("tr")
			for _, cell := range row {
				w.inlines(tr.CreateElement("td").CreateElement("p"), cell)
			}
		}
	default: // Operative, Plain, Point
		w.paragraph(parent, b, sc, "para")
	}
}

// paragraph writes an operative paragraph or a point, with its sub-items.
func (w *writer) paragraph(parent *etree.Element, b *document.Block, sc *scope, tag string) {
	name := "paragraph"
	if tag == "point" {
		name = "point"
	}
	e := parent.CreateElement(name)
	id := sc.id(tag, numID(b.Num))
	e.CreateAttr("eId", id)
	if b.Num != "" {
		e.CreateElement("num").SetText(b.Num)
	}
	if len(b.Points) == 0 {
		c := e.CreateElement("content")
		c.CreateAttr("eId", id+"__content")
		w.phrased(c.CreateElement("p"), b)
		return
	}
	list := e.CreateElement("list")
	lid := id + "__list_1"
	list.CreateAttr("eId", lid)
	if len(b.Text) > 0 {
		in := list.CreateElement("intro")
		in.CreateAttr("eId", lid+"__intro")
		w.phrased(in.CreateElement("p"), b)
	}
	sub := sc.sub(lid)
	for _, p := range b.Points {
		w.paragraph(list, p, sub, "point")
	}
}

// phrased writes a paragraph's text with its opening phrase in italics,
// as the UN's files have it.
func (w *writer) phrased(p *etree.Element, b *document.Block) {
	t := b.Text
	if b.Phrase != "" && len(t) > 0 && t[0].Note == nil && strings.HasPrefix(t[0].Text, b.Phrase) {
		span := p.CreateElement("span")
		span.CreateAttr("class", "italic")
		span.SetText(b.Phrase)
		rest := append(document.Text{{Text: t[0].Text[len(b.Phrase):]}}, t[1:]...)
		w.inlines(p, rest)
		return
	}
	w.inlines(p, t)
}

// inlines appends text and footnotes to e: the note's text at its first
// reference, its marker in <sup> at the others.
func (w *writer) inlines(e *etree.Element, t document.Text) {
	for _, in := range t {
		switch {
		case in.Note == nil:
			if in.Text != "" {
				e.CreateText(in.Text)
			}
		case in.First:
			n := e.CreateElement("authorialNote")
			attr(n, "marker", in.Note.Marker, "placement", "bottom", "eId", "authorialNote_"+numID(in.Note.Marker))
			w.inlines(n.CreateElement("p"), in.Note.Text)
		default:
			e.CreateElement("sup").SetText(in.Text)
		}
	}
}

func attr(e *etree.Element, kv ...string) *etree.Element {
	for i := 0; i+1 < len(kv); i += 2 {
		e.CreateAttr(kv[i], kv[i+1])
	}
	return e
}

// numID makes the eId part of a number: "1." gives "1", "(a)" gives "a",
// the Chinese "㈠" gives "一" (its compatibility decomposition, "(一)").
func numID(num string) string {
	id := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-':
			return r
		}
		return -1
	}, norm.NFKC.String(num))
	return strings.Trim(id, "-") // "1 -", the Arabic "1."
}

// scope hands out the eIds of one context: numbered elements are named by
// their number (para_1, point_a), unnumbered ones by their position among
// the unnumbered siblings of their kind (container_3, para_unn_2). A number
// seen twice in a context (an annex whose articles restart at 1) gets a
// suffix.
type scope struct {
	prefix string
	seen   map[string]int
	unn    map[string]int
}

func newScope(prefix string) *scope {
	return &scope{prefix: prefix, seen: map[string]int{}, unn: map[string]int{}}
}

func (s *scope) sub(prefix string) *scope { return newScope(prefix + "__") }

func (s *scope) id(kind, num string) string {
	var id string
	if num == "" {
		s.unn[kind]++
		if kind == "container" {
			id = fmt.Sprintf("%s%s_%d", s.prefix, kind, s.unn[kind])
		} else {
			id = fmt.Sprintf("%s%s_unn_%d", s.prefix, kind, s.unn[kind])
		}
	} else {
		id = s.prefix + kind + "_" + num
	}
	s.seen[id]++
	if n := s.seen[id]; n > 1 {
		id = fmt.Sprintf("%s-%d", id, n)
	}
	return id
}
