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
// with "#". An annex's label ("Annex") is its first paragraph, as in the
// GA files.
//
// The tree is built with etree and written by a serialiser of this
// package (indent.go) that gives the bytes etree's own writer gives, with
// block elements indented, at a fraction of the cost.
package akn

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	a := arenas.Get().(*arena)
	defer a.release()
	w := &writer{doc: doc, body: body, refs: make([]tlc, 0, 24), arena: a}
	x := etree.NewDocument()
	x.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	x.CreateText("\n")
	root := w.el(&x.Element, "akomaNtoso", 2, "xmlns", NS, "xmlns:akn4un", NSAKN4UN)

	base, err := FRBR(&doc.Meta, body, "")
	if err != nil {
		return nil, err
	}
	if len(doc.Parts) == 0 {
		st := w.el(root, "statement", statementChildren, "name", statementName(&doc.Meta))
		meta := w.meta(st, base, "")
		w.coverPage(st)
		w.preface(st, doc.Body)
		w.statementBody(st, doc.Body, base, newScope(""))
		w.finishMeta(meta)
	} else {
		coll := w.el(root, "documentCollection", 5, "name", "resolution")
		meta := w.meta(coll, base, "")
		w.coverPage(coll)
		w.preface(coll, doc.Body)
		cb := w.el(coll, "collectionBody", len(doc.Parts))
		comps := etree.NewElement("components")
		comps.Child = w.tokens(len(doc.Parts))
		for i, p := range doc.Parts {
			id := "comp_" + strconv.Itoa(i+1)
			c := w.el(cb, "component", 1, "eId", id)
			w.el(c, "documentRef", 0, "eId", id+"__ref", "href", "#"+id+"__doc", "showAs", strings.TrimSpace(p.Label.Plain()))

			comp := w.el(comps, "component", 1, "eId", id+"__doc")
			st := w.el(comp, "statement", statementChildren, "name", "resolution")
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

// statementName is the name of the statement element: the document's
// kind ("presidentialStatement"), else "resolution".
func statementName(m *document.Meta) string {
	if m.Kind != "" {
		return m.Kind
	}
	return "resolution"
}

// statementChildren is the most children a statement has: meta,
// coverPage, preface, preamble, mainBody, conclusions, attachments.
const statementChildren = 7

type tlc struct {
	id, kind, href, showAs string
	target                 string // "#" and the eId, as refersTo has it
}

type writer struct {
	doc  *document.Document
	body rules.BodyInfo
	// refs are the TLC entries the output uses, in the order of first
	// use; a slice, not a map: there are a score of them.
	refs []tlc

	*arena // the memory of the tree, see el

	// free holds the scopes of finished lists, for the next list.
	free []*scope
}

// ref records a TLC entry and returns "#id" for refersTo.
func (w *writer) ref(id, kind, href, showAs string) string {
	for i := range w.refs {
		if w.refs[i].id == id {
			return w.refs[i].target // made once: most are used in every meta
		}
	}
	t := tlc{id, kind, href, showAs, "#" + id}
	w.refs = append(w.refs, t)
	return t.target
}

// The tree is cut from blocks of elements, texts, attributes and child
// lists: etree allocates each of them on its own (and grows the attribute
// and child lists one append at a time), which was most of Write's
// allocations and, with the garbage collector, a good part of its time.
// What el and text make is what etree's CreateElement and CreateText make:
// the same exported fields, parent and index set by etree's AddChild, and
// attributes set by CreateAttr into room made for them. The tree never
// leaves Write, so once it is written its blocks are cleared and kept for
// the next document.

// arena holds the blocks of one tree.
type arena struct {
	elems slab[etree.Element]
	texts slab[etree.CharData]
	attrs slab[etree.Attr]
	toks  slab[etree.Token]
}

var arenas = sync.Pool{New: func() any { return new(arena) }}

// arenaKeep is the most element blocks an arena may have to be kept: the
// memory of a very large document is left to the garbage collector.
const arenaKeep = 8

// release clears the tree written and puts a back in the pool. No part of
// the tree may be used after.
func (a *arena) release() {
	if len(a.elems.blocks) > arenaKeep {
		return
	}
	a.elems.reset()
	a.texts.reset()
	a.attrs.reset()
	a.toks.reset()
	arenas.Put(a)
}

// slab hands out items from blocks of them. Blocks double in size, from
// 32 items to 1024, so that a small document takes little memory and a
// large one few blocks.
type slab[T any] struct {
	blocks [][]T
	cur    int // the block items are cut from
	used   int // its items handed out
}

// cut returns n zeroed items.
func (s *slab[T]) cut(n int) []T {
	for {
		if s.cur < len(s.blocks) {
			if b := s.blocks[s.cur]; s.used+n <= len(b) {
				items := b[s.used : s.used+n : s.used+n]
				s.used += n
				return items
			}
			s.cur, s.used = s.cur+1, 0 // the rest of the block stays unused
			continue
		}
		size := 32
		if k := len(s.blocks); k > 0 {
			size = min(2*len(s.blocks[k-1]), 1024)
		}
		s.blocks = append(s.blocks, make([]T, max(n, size)))
	}
}

// reset zeroes the items handed out, so that they no longer hold the last
// document, and makes them available again.
func (s *slab[T]) reset() {
	for i := range s.blocks {
		switch {
		case i < s.cur:
			clear(s.blocks[i])
		case i == s.cur:
			clear(s.blocks[i][:s.used])
		}
	}
	s.cur, s.used = 0, 0
}

// tokens returns an empty child list with room for n tokens.
func (w *writer) tokens(n int) []etree.Token {
	if n == 0 {
		return nil
	}
	return w.toks.cut(n)[:0]
}

// el appends a <tag> to parent, with the attributes kv (key, value, …) and
// room for children child tokens; more may be added, at etree's cost. tag
// has no namespace prefix (CreateElement splits one off).
func (w *writer) el(parent *etree.Element, tag string, children int, kv ...string) *etree.Element {
	e := &w.elems.cut(1)[0]
	e.Tag = tag
	if len(kv) > 0 {
		e.Attr = w.attrs.cut(len(kv) / 2)[:0]
		for i := 0; i+1 < len(kv); i += 2 {
			e.CreateAttr(kv[i], kv[i+1])
		}
	}
	e.Child = w.tokens(children)
	parent.AddChild(e)
	return e
}

// leaf appends a <tag> holding only text to parent, as CreateElement and
// SetText do: no text token for "".
func (w *writer) leaf(parent *etree.Element, tag, text string, kv ...string) *etree.Element {
	n := 0
	if text != "" {
		n = 1
	}
	e := w.el(parent, tag, n, kv...)
	if text != "" {
		w.text(e, text)
	}
	return e
}

// text appends text to e, as CreateText does (even "").
func (w *writer) text(e *etree.Element, text string) {
	c := &w.texts.cut(1)[0]
	c.Data = text
	e.AddChild(c)
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
	prefix := body.SymbolPrefix
	if k := body.KindNamed(m.Kind); k != nil {
		prefix = k.SymbolPrefix // "S/PRST/2021/6" is named "2021-6"
	}
	num := strings.TrimPrefix(m.Symbol, prefix)
	if num == m.Symbol || num == "" {
		// no symbol in a known form: fall back on the preface number
		num = strings.TrimSuffix(m.Number, ".")
	}
	if num == "" {
		return IRIs{}, fmt.Errorf("no symbol and no resolution number found: cannot name the document")
	}
	// "75/101 A-B" names the whole of a resolution in parts, "75/101 A"
	// one part; a resolution adopted as a single part "75/245 B" is named
	// without its letter, as the UN's files do; or, by the body's
	// partLetters "parts", the whole without letters and a single part
	// with its own ("78/183 B" is 78-183B).
	if i := strings.IndexByte(num, ' '); i > 0 {
		single := len(num)-i == 2 // "78/183 B", not "80/84 A-B"
		if part != "" || single == (body.PartLetters != "parts") {
			num = num[:i]
		}
	}
	if part != "" {
		num += " " + part
	}
	num = numIRI.Replace(num)
	work := "/akn/un/statement/deliberation/" + body.IRI + "/" + orUnknown(m.AdoptionDate) + "/" + num
	expr := work + "/" + m.Language + "@"
	return IRIs{Work: work, Expression: expr, Manifestation: expr + ".xml"}, nil
}

// numIRI makes a resolution number part of an IRI: "70/237" gives
// "70-237", "2505 (2020)" gives "2505-2020". Made once: a Replacer is
// costly to build and safe for concurrent use.
var numIRI = strings.NewReplacer("/", "-", " (", "-", "(", "-", ")", "", " ", "")

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
	meta := w.el(parent, "meta", 3) // identification, presentation, references
	id := w.el(meta, "identification", 3, "source", w.ref("resconv", "TLCOrganization", "/akn/ontology/organization/resconv", "resconv"))
	issued := m.IssuanceDate
	if issued == "" {
		issued = orUnknown(m.AdoptionDate)
	}
	author := w.ref(w.body.Ref, "TLCOrganization", w.body.Href, w.bodyName())
	main := "!main" + component

	fw := w.el(id, "FRBRWork", 5)
	w.el(fw, "FRBRthis", 0, "value", iris.Work+"/"+main)
	w.el(fw, "FRBRuri", 0, "value", iris.Work)
	w.el(fw, "FRBRdate", 0, "date", orUnknown(m.AdoptionDate), "name", "adoption")
	w.el(fw, "FRBRauthor", 0, "href", author, "as", w.ref("author", "TLCRole", "/akn/ontology/role/un/author", "Author"))
	w.el(fw, "FRBRcountry", 0, "value", "un")

	fe := w.el(id, "FRBRExpression", 5)
	w.el(fe, "FRBRthis", 0, "value", iris.Expression+main)
	w.el(fe, "FRBRuri", 0, "value", iris.Expression)
	w.el(fe, "FRBRdate", 0, "date", issued, "name", "publication")
	w.el(fe, "FRBRauthor", 0, "href", author, "as", w.ref("issuer", "TLCRole", "/akn/ontology/role/un/issuer", "Issuer"))
	w.el(fe, "FRBRlanguage", 0, "language", m.Language)

	fm := w.el(id, "FRBRManifestation", 4)
	w.el(fm, "FRBRthis", 0, "value", iris.Expression+"/"+main+".xml")
	w.el(fm, "FRBRuri", 0, "value", iris.Manifestation)
	// The markup date would make every run differ; the manifestation is
	// dated by the publication it was made from, so output is reproducible.
	w.el(fm, "FRBRdate", 0, "date", issued, "name", "publication")
	w.el(fm, "FRBRauthor", 0, "href", "#resconv", "as", w.ref("editor", "TLCRole", "/akn/ontology/role/un/editor", "Editor"))
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
		w.leaf(left, "docketNumber", m.JobNumber, "refersTo", w.ref("publicationJobNumber", "TLCConcept", "/akn/ontology/concept/un/publicationJobNumber", "Publication job number"))
	}
	refs := w.el(meta, "references", len(w.refs), "source", "#resconv")
	for _, t := range w.refs {
		w.el(refs, t.kind, 0, "eId", t.id, "href", t.href, "showAs", t.showAs)
	}
	if pres != nil {
		meta.AddChild(pres)
	}
}

// coverPage writes the masthead, the adoption line and the committee line.
func (w *writer) coverPage(parent *etree.Element) {
	m := &w.doc.Meta
	cp := w.el(parent, "coverPage", 11, "eId", "coverPage") // a p for each line below
	if m.Publisher != "" {
		span := w.el(w.el(cp, "p", 1), "span", 1, "refersTo", w.ref("publisher", "TLCRole", "/akn/ontology/role/un/publisher", "Publisher"), "class", "upperLeft")
		w.leaf(span, "docAuthority", m.Publisher, "refersTo", "#publisher")
	}
	if m.Symbol != "" {
		p := w.el(cp, "p", 1, "class", "upperRight")
		w.leaf(p, "docNumber", m.Symbol, "refersTo", w.ref("symbol", "TLCConcept", "/akn/ontology/concept/un/symbol", "Symbol"))
	}
	if m.IssuingBody != "" {
		p := w.el(cp, "p", 1, "class", "upperLeft")
		w.leaf(p, "docAuthority", m.IssuingBody, "refersTo", w.ref("issuingBody", "TLCRole", "/akn/ontology/role/un/issuingBody", "Issuing body"), "class", "rightBig")
	}
	if m.Distribution != "" {
		w.leaf(w.el(cp, "p", 1), "docStatus", m.Distribution, "refersTo", w.ref("generalDistribution", "TLCConcept", "/akn/ontology/concept/un/generalDistribution", "General distribution"), "class", "rightSmall")
	}
	if m.IssuanceDate != "" {
		w.leaf(w.el(cp, "p", 1), "docDate", m.IssuanceText, "date", m.IssuanceDate, "class", "rightSmall", "refersTo", w.ref("dateOfIssuance", "TLCConcept", "/akn/ontology/concept/un/dateOfIssuance", "Date of issuance"))
	}
	if m.SessionText != "" {
		refersTo := w.ref(w.body.SessionRef, "TLCOrganization", w.body.Href, w.bodyName())
		p := w.el(cp, "p", 1)
		if m.Session > 0 {
			w.leaf(p, "session", m.SessionText, "refersTo", refersTo, "value", strconv.Itoa(m.Session), "eId", "coverPage__session_1")
		} else {
			w.leaf(p, "session", m.SessionText, "refersTo", refersTo, "eId", "coverPage__session_1")
		}
	}
	if m.AgendaText != "" {
		p := w.el(cp, "p", 1)
		if len(m.AgendaItems) > 0 {
			w.leaf(p, "inline", m.AgendaText, "name", "agenda item", "title", strings.Join(m.AgendaItems, " "))
		} else {
			w.leaf(p, "inline", m.AgendaText, "name", "agenda item")
		}
	}
	for _, t := range m.AgendaTitles {
		w.leaf(w.el(cp, "p", 1), "inline", t, "name", "agenda item name")
	}
	if m.ResolutionLine != "" {
		w.leaf(w.el(cp, "p", 1), "docTitle", m.ResolutionLine, "refersTo", w.ref("resolutionNumber", "TLCConcept", "/akn/ontology/concept/un/resolutionNumber", "Resolution number"))
	}
	if m.AdoptionLine != "" {
		p := w.el(cp, "p", 1)
		if mt := w.doc.Body.Meeting; w.body.Adoption == "coverPage" && mt != nil {
			// "Adopted by the Security Council at its 8701st meeting, on
			// 13 January 2020": meeting and date marked up in the line
			dt := w.el(p, "docTitle", 5, "refersTo", w.ref("adoption", "TLCEvent", "/akn/ontology/event/un/adoption", "Adoption"))
			w.meetingLine(dt, m.AdoptionLine, mt)
		} else {
			w.leaf(p, "docTitle", m.AdoptionLine)
		}
	}
	if c := m.Committee; c.Line != "" {
		p := w.el(cp, "p", 1)
		showAs := c.Name
		if showAs == "" {
			showAs = "Plenary"
		}
		refersTo := w.ref(c.Key, "TLCOrganization", "/akn/ontology/organization/un/"+c.Key, showAs)
		// the report symbol is an inline inside the line
		if i := strings.LastIndex(c.Line, c.Report); c.Report != "" && i >= 0 {
			dp := w.el(p, "docProponent", 3, "refersTo", refersTo)
			w.text(dp, c.Line[:i])
			w.leaf(dp, "inline", c.Report, "name", "originating document")
			w.text(dp, c.Line[i+len(c.Report):])
		} else {
			w.leaf(p, "docProponent", c.Line, "refersTo", refersTo)
		}
	}
}

// preface writes the number and title, or for a part its letter and title.
func (w *writer) preface(parent *etree.Element, s *document.Statement) {
	m := &w.doc.Meta
	title := (parent.Tag != "statement" || s == w.doc.Body) && (m.Number != "" || len(m.Title) > 0)
	label := len(s.Label) > 0 && (s != w.doc.Body || len(w.doc.Parts) == 0)
	if !title && !label {
		return // no empty preface
	}
	pf := w.el(parent, "preface", 2)
	if title {
		p := w.el(pf, "p", 3)
		if m.Number != "" {
			w.leaf(p, "docNumber", m.Number)
		}
		if len(m.Title) > 0 {
			dt := w.el(p, "docTitle", inlineTokens(m.Title), "refersTo", w.ref("resolutionTitle", "TLCConcept", "/akn/ontology/concept/un/resolutionTitle", "Resolution title"))
			w.inlines(dt, m.Title)
		}
		if len(m.Subtitle) > 0 {
			w.inlines(w.el(p, "docTitle", inlineTokens(m.Subtitle)), m.Subtitle)
		}
	}
	if label {
		p := w.el(pf, "p", 2)
		dn := w.el(p, "docNumber", inlineTokens(s.Label), "refersTo", w.ref("letter", "TLCConcept", "/akn/ontology/concept/un/letter", "Letter"))
		w.inlines(dn, s.Label)
		if len(s.Heading) > 0 {
			w.inlines(w.el(p, "docTitle", inlineTokens(s.Heading)), s.Heading)
		}
	}
}

// statementBody writes preamble, mainBody, conclusions and attachments.
func (w *writer) statementBody(st *etree.Element, s *document.Statement, iris IRIs, sc *scope) {
	if s.Formula != nil || len(s.Preamble) > 0 {
		pre := w.el(st, "preamble", 1+len(s.Preamble))
		if s.Formula != nil {
			f := w.el(pre, "formula", 1, "name", "enactingFormula", "eId", "formula_1")
			w.phrased(f, s.Formula)
		}
		for _, b := range s.Preamble {
			w.block(pre, b, sc)
		}
	}
	mb := w.el(st, "mainBody", max(len(s.Operative), 1))
	for _, b := range s.Operative {
		w.block(mb, b, sc)
	}
	if len(mb.Child) == 0 {
		// a statement must have a body: say that it is empty
		w.el(mb, "p", 0, "class", "empty")
	}
	if mt := s.Meeting; mt != nil && w.body.Adoption != "coverPage" {
		c := w.el(st, "conclusions", 1, "eId", "conclusions")
		p := w.el(c, "p", 3)
		w.meeting(p, mt)
		if mt.DateText != "" {
			w.el(p, "eol", 0)
			w.adoptionDate(p, mt)
		}
	}
	if len(s.Annexes) > 0 {
		atts := w.el(st, "attachments", len(s.Annexes))
		for i, a := range s.Annexes {
			name := "annex"
			if len(s.Annexes) > 1 {
				name = "annex_" + strconv.Itoa(i+1)
			}
			doc := w.el(w.el(atts, "attachment", 1), "doc", 2, "name", "annex")
			w.meta(doc, iris, "/"+name)
			amb := w.el(doc, "mainBody", len(a.Blocks)+1) // the heading, the blocks
			asc := newScope("att_" + strconv.Itoa(i+1) + "__")
			if len(a.Heading) > 0 {
				// The UN's files put the label ("Annex", "Annexe A") in
				// the annex's first paragraph, not in a preface; from
				// session 77 the General Assembly's make it a heading
				// (the body's annexLabel).
				kind := document.Plain
				if w.body.AnnexLabel == "heading" {
					kind = document.Heading
				}
				w.block(amb, &document.Block{Kind: kind, Text: a.Heading}, asc)
			}
			for _, b := range a.Blocks {
				w.block(amb, b, asc)
			}
			if len(amb.Child) == 0 {
				w.el(amb, "p", 0, "class", "empty")
			}
		}
	}
}

// meeting writes the adoption meeting as an inline.
func (w *writer) meeting(parent *etree.Element, mt *document.Meeting) {
	refersTo := w.ref("adoptionMeeting", "TLCEvent", "/akn/ontology/event/un/adoptionMeeting", "Adoption meeting")
	if mt.Ordinal != "" {
		w.leaf(parent, "inline", mt.Text, "name", "adoptionMeeting", "refersTo", refersTo, "title", mt.Ordinal)
	} else {
		w.leaf(parent, "inline", mt.Text, "name", "adoptionMeeting", "refersTo", refersTo)
	}
}

// adoptionDate writes the date of adoption.
func (w *writer) adoptionDate(parent *etree.Element, mt *document.Meeting) {
	w.leaf(parent, "docDate", mt.DateText, "date", mt.Date, "refersTo", w.ref("adoptionDate", "TLCConcept", "/akn/ontology/concept/un/dateOfAdoption", "Date of adoption"))
}

// meetingLine writes an adoption line that names the meeting and the date
// with both marked up where they stand in it.
func (w *writer) meetingLine(e *etree.Element, line string, mt *document.Meeting) {
	j := strings.LastIndex(line, mt.DateText)
	i := strings.Index(line, mt.Text)
	if mt.Text == "" {
		i = j // adopted without a meeting: the date only
	}
	if mt.Text != "" && mt.DateText != "" && i >= 0 && j >= 0 && i >= j+len(mt.DateText) {
		w.dateFirstMeetingLine(e, line, mt, j, i)
		return
	}
	if mt.DateText == "" || j < 0 || i < 0 || j < i+len(mt.Text) {
		if line != "" {
			w.text(e, line) // as SetText
		}
		return
	}
	w.text(e, line[:i])
	if mt.Text != "" {
		w.meeting(e, mt)
		w.text(e, line[i+len(mt.Text):j])
	}
	w.adoptionDate(e, mt)
	if rest := line[j+len(mt.DateText):]; rest != "" {
		w.text(e, rest)
	}
}

// dateFirstMeetingLine writes an adoption line that gives the date before
// the meeting, as the Chinese files do ("2020年2月11日 8718次会议通过"):
// j is where the date stands in line, i where the meeting does.
func (w *writer) dateFirstMeetingLine(e *etree.Element, line string, mt *document.Meeting, j, i int) {
	if line[:j] != "" {
		w.text(e, line[:j])
	}
	w.adoptionDate(e, mt)
	if between := line[j+len(mt.DateText) : i]; between != "" {
		w.text(e, between)
	}
	w.meeting(e, mt)
	if rest := line[i+len(mt.Text):]; rest != "" {
		w.text(e, rest)
	}
}

// block writes one block in parent.
func (w *writer) block(parent *etree.Element, b *document.Block, sc *scope) {
	switch b.Kind {
	case document.Preambular:
		c := w.el(parent, "container", 1, "name", b.Phrase, "eId", sc.id("container", ""))
		if len(b.Points) > 0 {
			w.preambleList(c, b)
			return
		}
		w.phrased(c, b)
	case document.Heading:
		if parent.Tag == "preamble" && w.body.PreambleHeading == "block" {
			w.inlines(w.el(parent, "block", inlineTokens(b.Text), "name", "subheading"), b.Text)
			return
		}
		if parent.Tag == "preamble" {
			// no hierarchy in a preamble: the UN's files write a heading
			// there as a container without a name
			c := w.el(parent, "container", 1, "name", "", "eId", sc.id("container", ""), "class", "heading")
			w.inlines(w.el(c, "p", inlineTokens(b.Text)), b.Text)
			return
		}
		p := w.el(parent, "paragraph", 2, "eId", sc.id("para", ""), "class", "heading")
		if b.Num != "" {
			w.leaf(p, "num", b.Num) // a numbered heading: "I.", "A."
		}
		w.inlines(w.el(p, "subheading", inlineTokens(b.Text)), b.Text)
	case document.Opening:
		// the UN's files write a statement's opening paragraph as an
		// alinea, counted with the paragraphs after it
		n := strconv.Itoa(sc.count("para"))
		c := w.el(w.el(parent, "alinea", 1, "eId", "alinea_"+n), "content", 1, "eId", "alinea_"+n+"__content")
		w.phrased(c, b)
	case document.Table:
		t := w.el(parent, "table", len(b.Rows), "eId", sc.id("table", ""))
		for _, row := range b.Rows {
			tr := w.el(t, "tr", len(row))
			for _, cell := range row {
				w.inlines(w.el(w.el(tr, "td", 1), "p", inlineTokens(cell)), cell)
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
	id := sc.id(tag, numID(b.Num))
	e := w.el(parent, name, 2, "eId", id) // num, content or list
	if b.Num != "" {
		w.leaf(e, "num", b.Num)
	}
	if len(b.Points) == 0 {
		c := w.el(e, "content", 1, "eId", id+"__content")
		w.phrased(c, b)
		return
	}
	prefix := id + "__list_1__" // of the points' eIds; the list's is a part
	lid := prefix[:len(prefix)-2]
	list := w.el(e, "list", 1+len(b.Points), "eId", lid)
	if len(b.Text) > 0 {
		in := w.el(list, "intro", 1, "eId", lid+"__intro")
		w.phrased(in, b)
	}
	sub := w.subScope(prefix)
	for _, p := range b.Points {
		w.paragraph(list, p, sub, "point")
	}
	w.free = append(w.free, sub) // the list is done: its scope can serve the next
}

// phrased writes a <p> in parent with a paragraph's text, its opening
// phrase in italics, as the UN's files have it.
func (w *writer) phrased(parent *etree.Element, b *document.Block) {
	w.phrasedIn(parent, "p", b)
}

// preambleList writes a preambular paragraph that introduces a list, as
// the UN's files do: a blockList whose listIntroduction is the paragraph
// and whose items are its sub-items (a container holds no hierarchy).
func (w *writer) preambleList(c *etree.Element, b *document.Block) {
	bl := w.el(c, "blockList", len(b.Points)+1)
	w.phrasedIn(bl, "listIntroduction", b)
	for _, pt := range b.Points {
		item := w.el(bl, "item", 2)
		if pt.Num != "" {
			w.leaf(item, "num", pt.Num)
		}
		w.inlines(w.el(item, "p", inlineTokens(pt.Text)), pt.Text)
	}
}

// phrasedIn writes the text of b in a new element tag of parent, its
// opening phrase in italics.
func (w *writer) phrasedIn(parent *etree.Element, tag string, b *document.Block) {
	t := b.Text
	if b.Phrase != "" && len(t) > 0 && t[0].Note == nil && strings.HasPrefix(t[0].Text, b.Phrase) {
		rest := t[0].Text[len(b.Phrase):]
		n := 1 + inlineTokens(t[1:]) // the span, then the rest
		if rest != "" {
			n++
		}
		p := w.el(parent, tag, n)
		w.leaf(p, "span", b.Phrase, "class", "italic")
		if rest != "" {
			w.text(p, rest)
		}
		w.inlines(p, t[1:])
		return
	}
	w.inlines(w.el(parent, tag, inlineTokens(t)), t)
}

// inlines appends text and footnotes to e: the note's text at its first
// reference, its marker in <sup> at the others.
func (w *writer) inlines(e *etree.Element, t document.Text) {
	for _, in := range t {
		switch {
		case in.Note == nil:
			if in.Text != "" {
				w.text(e, in.Text)
			}
		case in.First:
			n := w.el(e, "authorialNote", 1, "marker", in.Note.Marker, "placement", "bottom", "eId", "authorialNote_"+numID(in.Note.Marker))
			w.inlines(w.el(n, "p", inlineTokens(in.Note.Text)), in.Note.Text)
		default:
			w.leaf(e, "sup", in.Text)
		}
	}
}

// inlineTokens is the number of tokens inlines makes for t.
func inlineTokens(t document.Text) int {
	n := 0
	for _, in := range t {
		if in.Note != nil || in.Text != "" {
			n++
		}
	}
	return n
}

// numID makes the eId part of a number: "1." gives "1", "(a)" gives "a",
// the Chinese "㈠" gives "一" (its compatibility decomposition, "(一)").
func numID(num string) string {
	for i := 0; i < len(num); i++ {
		if num[i] >= utf8.RuneSelf {
			num = norm.NFKC.String(num) // ASCII is its own NFKC form
			break
		}
	}
	id := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-':
			return r
		}
		return -1
	}, num)
	return strings.Trim(id, "-") // "1 -", the Arabic "1."
}

// scope hands out the eIds of one context: numbered elements are named by
// their number (para_1, point_a), unnumbered ones by their position among
// the unnumbered siblings of their kind (container_3, para_unn_2). A number
// seen twice in a context (an annex whose articles restart at 1) gets a
// suffix.
type scope struct {
	prefix string
	unn    []kindCount    // unnumbered elements so far, by kind
	seen   map[string]int // numbered eIds so far, without suffix
}

type kindCount struct {
	kind string
	n    int
}

func newScope(prefix string) *scope { return &scope{prefix: prefix} }

// subScope returns the scope of a list, whose eIds start with prefix,
// reusing that of a finished list when there is one.
func (w *writer) subScope(prefix string) *scope {
	n := len(w.free)
	if n == 0 {
		return newScope(prefix)
	}
	s := w.free[n-1]
	w.free = w.free[:n-1]
	s.prefix, s.unn = prefix, s.unn[:0]
	clear(s.seen)
	return s
}

func (s *scope) id(kind, num string) string {
	if num == "" {
		// Unnumbered eIds need no check for a second use: the count
		// makes each new, and a numbered eId has no "_" after the kind
		// (numID keeps letters, digits and '-') and no container one.
		n := s.count(kind)
		if kind == "container" {
			return s.prefix + kind + "_" + strconv.Itoa(n)
		}
		return s.prefix + kind + "_unn_" + strconv.Itoa(n)
	}
	id := s.prefix + kind + "_" + num
	if s.seen == nil {
		s.seen = make(map[string]int)
	}
	n := s.seen[id] + 1
	s.seen[id] = n
	if n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}

// count counts one more unnumbered element of kind and returns the count.
func (s *scope) count(kind string) int {
	for i := range s.unn {
		if s.unn[i].kind == kind {
			s.unn[i].n++
			return s.unn[i].n
		}
	}
	s.unn = append(s.unn, kindCount{kind, 1})
	return 1
}
