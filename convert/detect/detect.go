// Package detect finds the structure of a resolution in its normalised
// body lines and builds the document model: the adoption and committee
// lines, the number and title, the parts, the formula, the preambular and
// operative paragraphs with their sub-items, headings, tables, annexes and
// the closing meeting line; then it ties the footnote numbers glued to the
// text to their notes.
package detect

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/rules"
)

// Rule names the detector uses (rules/detect.yaml). Optional language
// rules are named with the language code first: eng.phrase-fallback.
const (
	ruleAdoption    = "detect.adoption-line"
	ruleResolution  = "detect.resolution-line"
	ruleCommittee   = "detect.committee-line"
	ruleFormula     = "detect.formula"
	ruleMeeting     = "detect.meeting"
	ruleAnnex       = "detect.annex-heading"
	ruleDocnumTitle = "detect.docnum-title"
	rulePartLabel   = "detect.part-label"
	ruleParaNum     = "detect.paragraph-number"
	rulePointNum    = "detect.point-number"
	ruleTitleJoin   = "detect.title-run-together"
	ruleHeadingNum  = "detect.heading-number"
	ruleStmtTitle   = "detect.statement-title"
	ruleStmtOpening = "detect.statement-opening"
)

// phase is where in a statement the detector is.
type phase int

const (
	start     phase = iota // before the formula
	preamble               // after the formula
	operative              // after the first operative paragraph
	closed                 // after the meeting line: what follows is an annex
	annex                  // inside an annex
)

type detector struct {
	rs  *rules.Set
	doc *document.Document
	// conv is the body's conventions in the era of the document's date
	conv rules.BodyInfo

	adoption, committee, formula, meeting, annexHead, resolution *rules.Rule
	docnum, partLabel, paraNum, pointNum                         *rules.Rule
	sectionLabel                                                 *rules.Rule // optional: a section number that heads a line, "一."
	headingNum                                                   *rules.Rule
	// stmtTitle and stmtOpening find a statement that is not a
	// resolution (a presidential statement); statement is set once its
	// opening paragraph is read: the paragraphs after it have no phrase.
	stmtTitle, stmtOpening *rules.Rule
	statement              bool

	unit   string // one level of indentation: "\t" or some spaces
	stmts  []*document.Statement
	cur    *document.Statement
	phase  phase
	para   *document.Block // the current operative paragraph (or unnumbered host)
	letter *document.Block // the current letter point
	annex  *document.Annex
	table  *document.Block
	// tableCols is the most cells a row of the current table has.
	tableCols int
	// lastPoint is the sub-item last read, while no other line came since,
	// and pointList the list it is in.
	lastPoint *document.Block
	pointList *[]*document.Block
	// next is the line after the one being read.
	next string
	// pending are headings met in the preamble, not yet placed.
	pending []*document.Block
	// the language's optional phrase rules (see preamblePhrase)
	phraseFallback, phraseLong, phraseExtension *rules.Rule
}

// Document builds the document model of a normalised ODS body.
func Document(n *normalise.Result, rs *rules.Set) *document.Document {
	doc := &document.Document{Meta: n.Meta, Notes: n.Notes, Trace: n.Trace, Warnings: n.Warnings}
	doc.Meta.Language = rs.Language
	doc.Meta.Body = rs.Body
	d := &detector{rs: rs, doc: doc}
	d.adoption = rs.Rule(ruleAdoption)
	d.resolution = rs.Rule(ruleResolution)
	d.committee = rs.Rule(ruleCommittee)
	d.formula = rs.Rule(ruleFormula)
	d.meeting = rs.Rule(ruleMeeting)
	d.annexHead = rs.Rule(ruleAnnex)
	d.docnum = rs.Rule(ruleDocnumTitle)
	d.partLabel = rs.Rule(rulePartLabel)
	d.paraNum = rs.Rule(ruleParaNum)
	d.pointNum = rs.Rule(rulePointNum)
	d.headingNum = rs.Rule(ruleHeadingNum)
	d.phraseFallback = d.langRule("phrase-fallback")
	d.phraseLong = d.langRule("phrase-long")
	d.phraseExtension = d.langRule("phrase-extension")
	d.sectionLabel = d.langRule("section-label")
	d.stmtTitle = rs.Rule(ruleStmtTitle)
	d.stmtOpening = rs.Rule(ruleStmtOpening)
	if k := rs.BodyInfo.KindOf(doc.Meta.Symbol); k != nil {
		doc.Meta.Kind = k.Name
	}
	d.unit = indentUnit(n.Lines)

	d.newStatement()
	rest := d.header(n.Lines)
	d.conv = rs.BodyInfo.At(doc.Meta.Date()) // the adoption line is read
	d.body(rest)
	for _, s := range d.stmts {
		d.unnumberedOperative(s)
		preambleLists(s)
	}
	if len(d.stmts) == 1 {
		doc.Body = d.stmts[0]
	} else {
		doc.Body = &document.Statement{}
		doc.Parts = d.stmts
	}
	if doc.Meta.AdoptionDate == "" {
		// no adoption line: the resolution was adopted at its meeting
		for _, s := range d.stmts {
			if s.Meeting != nil && s.Meeting.Date != "" {
				doc.Meta.AdoptionDate = s.Meeting.Date
				break
			}
		}
	}
	linkNotes(doc, rs)
	return doc
}

// preambleLists gives back to their preambular paragraph the sub-items
// that follow it ("Having received the advisory opinion ..., in which the
// Court: (a) ...; (b) ..."): the detector kept them in an unnumbered
// operative paragraph; they belong where they stand, in the preamble, when
// numbered operative paragraphs follow.
func preambleLists(s *document.Statement) {
	first := -1 // the line of the first numbered operative paragraph
	for _, b := range s.Operative {
		if b.Num != "" {
			first = b.Line
			break
		}
	}
	if first < 0 || len(s.Preamble) == 0 {
		return
	}
	kept := s.Operative[:0]
	for _, h := range s.Operative {
		if h.Kind == document.Operative && h.Num == "" && len(h.Text) == 0 && len(h.Points) > 0 {
			// the host gathered the items of every list in the preamble:
			// each goes to the paragraph before it
			rest := h.Points[:0]
			for _, pt := range h.Points {
				if p := preambularBefore(s.Preamble, pt.Line); p != nil && pt.Line < first {
					p.Points = append(p.Points, pt)
				} else {
					rest = append(rest, pt)
				}
			}
			if h.Points = rest; len(rest) == 0 {
				continue
			}
		}
		kept = append(kept, h)
	}
	s.Operative = kept
}

// preambularBefore is the preambular paragraph right before line, if the
// preamble goes on after line (so that the list stands inside it) or
// line comes right after the preamble.
func preambularBefore(pre []*document.Block, line int) *document.Block {
	var last *document.Block
	for _, b := range pre {
		if b.Line > line {
			break
		}
		last = b
	}
	if last == nil || last.Kind != document.Preambular {
		return nil
	}
	return last
}

// unnumberedOperative makes the last preambular paragraph of s an
// operative one when it introduces a list and s has no other operative
// paragraph ("敦促所有国家……：" then "(a)" to "(f)", 75/101 A): the
// language may lack the operative verb that tells it apart, but a
// resolution has an operative part, and a preambular paragraph ends with
// a comma.
func (d *detector) unnumberedOperative(s *document.Statement) {
	if len(s.Preamble) == 0 || len(s.Operative) == 0 {
		return
	}
	host := s.Operative[0]
	last := s.Preamble[len(s.Preamble)-1]
	if len(host.Text) > 0 || len(host.Points) == 0 || last.Kind != document.Preambular || endsWithComma(last.Text.Plain()) || last.Line > host.Line {
		return
	}
	for _, b := range s.Operative {
		if b.Num != "" {
			return
		}
	}
	host.Text, host.Line = last.Text, last.Line
	host.Phrase = d.rs.Phrase("operative", last.Text.Plain())
	s.Preamble = s.Preamble[:len(s.Preamble)-1]
}

// langRule returns an optional rule of the language: the body's own
// "<lang>.<body>.<what>", else "<lang>.<what>".
func (d *detector) langRule(what string) *rules.Rule {
	if r := d.rs.Rule(d.rs.Language + "." + d.rs.Body + "." + what); r != nil {
		return r
	}
	return d.rs.Rule(d.rs.Language + "." + what)
}

func (d *detector) warn(line int, msg string) {
	d.doc.Warnings = append(d.doc.Warnings, document.Warning{Stage: "detect", Line: line, Message: msg})
}

// indentUnit finds one level of indentation: a TAB, or the spaces before
// the first indented line (the formula, in an ODS export).
func indentUnit(lines []normalise.Line) string {
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l.Text, "\t"):
			return "\t"
		case strings.HasPrefix(l.Text, " "):
			n := len(l.Text) - len(strings.TrimLeft(l.Text, " "))
			if n >= 2 {
				return strings.Repeat(" ", n)
			}
		}
	}
	return "\t"
}

// level splits a line into its indentation level and the text after it.
func (d *detector) level(s string) (int, string) {
	n := 0
	for {
		switch {
		case strings.HasPrefix(s, d.unit):
			s = s[len(d.unit):]
		case strings.HasPrefix(s, "\t"):
			s = s[1:]
		default:
			return n, strings.TrimSpace(s)
		}
		n++
	}
}

// header reads the lines before the formula: adoption line, committee
// line, number and title. It returns the remaining lines.
func (d *detector) header(lines []normalise.Line) []normalise.Line {
	m := &d.doc.Meta
	i := 0
	for ; i < len(lines); i++ {
		l := lines[i]
		lvl, txt := d.level(l.Text)
		if txt == "" {
			continue
		}
		if lvl > 0 {
			break
		}
		if g := capture(d.resolution, txt); g.ok() {
			m.ResolutionLine = g.group("resolution")
			continue
		}
		if g := capture(d.adoption, txt); g.ok() {
			m.AdoptionLine = g.group("adoption")
			iso, _ := d.rs.Date(g.group("adopted"))
			m.AdoptionDate = iso
			if g.has("meeting") {
				// the Security Council's adoption line names the meeting
				// (none for a resolution adopted by written procedure)
				d.cur.Meeting = &document.Meeting{Text: g.group("meeting"), Ordinal: g.group("ordinal"), DateText: g.group("adopted"), Date: iso}
			}
			continue
		}
		if g := capture(d.committee, txt); g.ok() {
			name := g.group("committee")
			m.Committee = document.Committee{Line: txt, Name: name, Report: g.group("report")}
			if m.Committee.Key = d.rs.Committee(name); m.Committee.Key == "" {
				m.Committee.Key = committeeKey(name)
			}
			continue
		}
		if j, ok := d.statementTitle(lines, i, txt); ok {
			i = j
			continue
		}
		if g := capture(d.docnum, txt); g.ok() && m.Number == "" {
			m.Number = g.group("number")
			var title []string
			title, i = d.continued(lines, i, []string{g.group("title")}, d.partLabel)
			t := joinWrapped(title, d.rs.Spaced())
			if r := d.rs.Rule(ruleTitleJoin); r != nil {
				// two titles whose table cells ran together: "CouncilReview"
				if loc := r.Regexp().FindStringIndex(t); loc != nil {
					at := loc[0] + utf8.RuneLen([]rune(t[loc[0]:])[0])
					m.Subtitle = document.PlainText(t[at:])
					t = t[:at]
				}
			}
			if len(m.Subtitle) == 0 && m.RunningTitle != "" {
				// two titles ran together where no case change shows it
				// (Chinese): the running headers give the first alone
				if at, ok := prefixLoose(t, m.RunningTitle); ok && at < len(t) {
					m.Subtitle = document.PlainText(strings.TrimSpace(t[at:]))
					t = strings.TrimSpace(t[:at])
				}
			}
			m.Title = document.PlainText(t)
			continue
		}
		break
	}
	return lines[i:]
}

// statementTitle reads the title of a statement that is not a resolution,
// "Statement by the President of the Security Council", which the export
// may wrap over two lines at the margin. It returns the last line used.
// Without a symbol that names the kind, the title gives the body's first
// kind of statement.
func (d *detector) statementTitle(lines []normalise.Line, i int, txt string) (int, bool) {
	if d.stmtTitle == nil || len(d.doc.Meta.Title) > 0 {
		return i, false
	}
	parts, j := d.continued(lines, i, []string{txt}, nil)
	for ; j >= i; j-- {
		t := joinWrapped(parts[:j-i+1], d.rs.Spaced())
		if g := capture(d.stmtTitle, t); g.ok() {
			m := &d.doc.Meta
			m.Title = document.PlainText(g.group("title"))
			if kinds := d.rs.BodyInfo.Kinds; m.Kind == "" && len(kinds) > 0 {
				m.Kind = kinds[0].Name
			}
			return j, true
		}
	}
	return i, false
}

// opening reads the opening paragraph of a statement: its date is the
// date of adoption when no adoption line gave one.
func (d *detector) opening(l normalise.Line, txt string) bool {
	if d.stmtOpening == nil || d.phase != start {
		return false
	}
	g := capture(d.stmtOpening, txt)
	if !g.ok() {
		return false
	}
	if m := &d.doc.Meta; m.AdoptionDate == "" {
		m.AdoptionDate, _ = d.rs.Date(g.group("adopted"))
	}
	d.add(&document.Block{Kind: document.Opening, Text: document.PlainText(txt), Line: l.No})
	d.phase, d.statement = operative, true
	return true
}

// committeeKey makes the TLC identifier of a committee: "First Committee"
// gives "firstCommittee"; "Special Political and Decolonization Committee
// (Fourth Committee)" gives "fourthCommittee"; none gives "plenary".
func committeeKey(name string) string {
	if name == "" {
		return "plenary"
	}
	if i := strings.LastIndex(name, "("); i >= 0 {
		name = strings.Trim(name[i:], "()")
	}
	var b strings.Builder
	for i, w := range strings.Fields(name) {
		r, n := utf8.DecodeRuneInString(w)
		if i == 0 {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
		b.WriteString(w[n:])
	}
	return b.String()
}

// joinWrapped joins lines that one text was wrapped into: with a space,
// unless the language writes no spaces between words (Chinese).
func joinWrapped(parts []string, spaced bool) string {
	var b strings.Builder
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if i > 0 && b.Len() > 0 && spaced {
			if s := b.String(); !strings.HasSuffix(s, "-") || strings.HasSuffix(s, " -") {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// continued appends to text the lines after lines[i] that continue it at
// the left margin, up to an indented or blank line or one that stop
// matches. It returns the text and the index of the last line used.
func (d *detector) continued(lines []normalise.Line, i int, text []string, stop *rules.Rule) ([]string, int) {
	for i+1 < len(lines) {
		lvl, next := d.level(lines[i+1].Text)
		if lvl > 0 || next == "" || matches(stop, next) {
			break
		}
		text = append(text, next)
		i++
	}
	return text, i
}

func (d *detector) newStatement() {
	d.cur = &document.Statement{}
	d.stmts = append(d.stmts, d.cur)
	d.phase = start
	d.para, d.letter, d.annex, d.table = nil, nil, nil, nil
}

// body reads the statement(s) line by line.
func (d *detector) body(lines []normalise.Line) {
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		lvl, txt := d.level(l.Text)
		if txt == "" {
			d.table = nil
			continue
		}
		if lvl == 0 {
			i = d.margin(lines, i, txt)
			continue
		}
		d.next = ""
		if i+1 < len(lines) {
			d.next = lines[i+1].Text
		}
		d.indented(l, lvl, txt)
	}
}

// margin handles a line at the left margin: the meeting line and its
// date, a part letter and its title. It returns the last line it used.
func (d *detector) margin(lines []normalise.Line, i int, txt string) int {
	l := lines[i]
	d.table = nil
	if g := capture(d.meeting, txt); g.ok() {
		mt := &document.Meeting{Text: g.group("meeting"), Ordinal: g.group("ordinal")}
		if i+1 < len(lines) {
			next := strings.TrimSpace(lines[i+1].Text)
			if iso, ok := d.rs.Date(next); ok {
				mt.DateText, mt.Date = next, iso
				i++
			}
		}
		d.cur.Meeting = mt
		d.phase = closed
		return i
	}
	if g := capture(d.partLabel, txt); g.ok() {
		if d.phase != start || d.cur.Label != nil {
			d.newStatement()
		}
		label := g.group("label")
		head := []string{}
		if r := g.group("rest"); r != "" {
			if isDigits(r) || len(r) > 2 && r[0] == '(' && r[len(r)-1] == ')' && isDigits(r[1:len(r)-1]) {
				label += r // a footnote number on the letter, "B<TAB>1" or "(1)": tied later
			} else {
				head = append(head, r)
			}
		}
		head, i = d.continued(lines, i, head, d.meeting)
		d.cur.Label = document.PlainText(label)
		d.cur.Heading = document.PlainText(joinWrapped(head, d.rs.Spaced()))
		return i
	}
	if mt := d.cur.Meeting; mt != nil && mt.Date == "" {
		// the date of a meeting line that has none
		if iso, ok := d.rs.Date(txt); ok {
			mt.DateText, mt.Date = txt, iso
			return i
		}
	}
	d.warn(l.No, "text at the left margin kept as a paragraph: "+short(txt))
	d.add(&document.Block{Kind: document.Plain, Text: document.PlainText(txt), Line: l.No})
	return i
}

// indented handles an indented line: formula, paragraphs, points,
// headings, tables, annex headings.
func (d *detector) indented(l normalise.Line, lvl int, txt string) {
	last := d.lastPoint
	d.lastPoint = nil
	d.indentedLine(l, lvl, txt, last)
}

func (d *detector) indentedLine(l normalise.Line, lvl int, txt string, lastPoint *document.Block) {
	if cells := d.cells(l.Text); cells != nil {
		d.tableRow(l, cells)
		return
	}
	if d.table != nil && lvl == 1 {
		if next := d.cells(d.next); next != nil && !d.numbered(next[0]) && !d.numbered(txt) {
			// a row of one cell between rows: "Part I. ..." across the table
			d.tableRow(l, []string{strings.TrimPrefix(l.Text, "\t")})
			return
		}
	}
	d.table = nil
	if d.opening(l, txt) {
		return
	}
	switch {
	case d.annexHead != nil && d.annexHead.Regexp().MatchString(txt):
		d.annexHeading(txt, l.No)
		return
	case d.phase == start && d.formula != nil && d.formula.Regexp().MatchString(txt):
		d.cur.Formula = &document.Block{Kind: document.Formula, Text: document.PlainText(txt), Line: l.No,
			Phrase: d.formula.Regexp().FindString(txt)}
		d.phase = preamble
		return
	case d.phase == closed:
		d.startAnnex(nil) // text after the meeting line is an annex, headed or not
	}
	if lvl >= 2 {
		h := &document.Block{Kind: document.Heading, Text: document.PlainText(txt), Line: l.No}
		if g := capture(d.headingNum, txt); g.ok() {
			h.Num, h.Text = g.group("num"), document.PlainText(g.group("text"))
		}
		if d.phase <= preamble {
			// a heading after the preamble belongs to the operative part
			// that follows it: wait for the next paragraph to tell
			d.pending = append(d.pending, h)
		} else {
			d.add(h)
		}
		d.para, d.letter = nil, nil
		return
	}
	g := capture(d.paraNum, txt)
	if g.ok() && d.numberedItem(g.group("num")) {
		d.lastPoint = &document.Block{Kind: document.Point, Num: g.group("num"), Text: document.PlainText(g.group("text")), Line: l.No}
		d.point(d.lastPoint, false)
		return
	}
	if g.ok() && d.paragraphNumber(g.group("num")) {
		text := g.group("text")
		b := &document.Block{Kind: document.Operative, Num: g.group("num"), Text: document.PlainText(text), Line: l.No}
		if d.phase != annex {
			d.phase = operative
		}
		b.Phrase = d.rs.Phrase("operative", text)
		d.add(b)
		d.para, d.letter = b, nil
		return
	}
	if g := capture(d.pointNum, txt); g.ok() && !d.annexBullet(g.group("num")) {
		d.lastPoint = &document.Block{Kind: document.Point, Num: g.group("num"), Text: document.PlainText(g.group("text")), Line: l.No}
		d.point(d.lastPoint, g.group("sub") != "")
		return
	}
	if d.phase == operative && lastPoint != nil && !strings.Contains(txt, "\t") {
		// a line without number right after a sub-item is an item of the
		// same list, without number
		d.lastPoint = &document.Block{Kind: document.Point, Text: document.PlainText(txt), Line: l.No}
		*d.pointList = append(*d.pointList, d.lastPoint)
		return
	}
	b := &document.Block{Text: document.PlainText(txt), Line: l.No}
	if d.phase == preamble && !endsLikeParagraph(txt) && !d.opensPreambular(txt) {
		// a line without closing punctuation between paragraphs is a
		// heading ("Renewal of the mandate"); it goes with what follows
		b.Kind = document.Heading
		d.pending = append(d.pending, b)
		return
	}
	switch d.phase {
	case start, preamble:
		// an operative verb without a number starts the operative part,
		// unless the paragraph ends with a comma as preambular ones do or
		// starts with a preambular phrase (the cheap tests first: most
		// preambular paragraphs end with a comma)
		pre, op := d.rs.Phrase("preamble", txt), ""
		if d.phase == preamble && pre == "" && !endsWithComma(txt) {
			op = d.rs.Phrase("operative", txt)
		}
		if op != "" || d.phase == preamble && pre == "" && endsWithStop(txt) {
			b.Kind, b.Phrase = document.Operative, op
			d.phase = operative
		} else {
			b.Kind, b.Phrase = document.Preambular, d.preamblePhrase(txt, pre)
			if d.phase == start && len(d.cur.Preamble) == 0 {
				d.warn(l.No, "preambular paragraph before any formula: the text has none") // once
			}
		}
	case operative:
		b.Kind = document.Operative
		if !d.statement { // a statement's paragraphs open with no verb of their own
			b.Phrase = d.rs.Phrase("operative", txt)
		}
	default:
		b.Kind = document.Plain
	}
	d.add(b)
	if b.Kind == document.Operative || b.Kind == document.Plain {
		d.para, d.letter = b, nil
	}
}

// opensPreambular says that a line without closing punctuation is still a
// preambular paragraph, not a heading: it opens with a known preambular
// phrase followed by more words, or is longer than a heading (a language
// without spaces). The exports sometimes lose a paragraph's final comma
// or stop ("Having received the report ... for 2022" after a footnote
// number, "принимая к сведению данные ... пандемии"); headings ("Renewal
// of the mandate") do not open with a participle phrase.
func (d *detector) opensPreambular(txt string) bool {
	p := d.rs.Phrase("preamble", txt)
	return p != "" && (strings.Contains(strings.TrimSpace(txt[len(p):]), " ") || moreRunes(txt, 80))
}

// preamblePhrase is the opening phrase of a preambular paragraph: a known
// one (p, the known phrase txt starts with, or ""), made longer by the
// language's phrase-extension rule ("Underlining" + " further"), else what
// the phrase-fallback rule finds, else the first word; a longer match of
// the phrase-long rule wins over all.
func (d *detector) preamblePhrase(txt, p string) string {
	if p == "" {
		if r := d.phraseFallback; r != nil {
			re := r.Regexp()
			m := re.FindStringSubmatchIndex(txt)
			if i := re.SubexpIndex("phrase"); m != nil && i >= 0 && m[2*i+1] > m[2*i] {
				// the phrase after an opening adverb: "在这方面欢迎" is named "欢迎"
				return txt[m[2*i]:m[2*i+1]]
			}
			if m != nil {
				p = txt[m[0]:m[1]]
			}
		}
	}
	if r := d.phraseLong; r != nil {
		if long := r.Regexp().FindString(txt); len(long) > len(p) {
			return long
		}
	}
	if p == "" {
		w, _, _ := strings.Cut(txt, " ")
		return strings.TrimRight(w, ",;:")
	}
	if r := d.phraseExtension; r != nil {
		p += r.Regexp().FindString(txt[len(p):])
	}
	return p
}

// point files a sub-item under its paragraph: letters "(a)" under the
// paragraph, romans "(i)" under the current letter.
// sub says that the rule marked the number as one of a sub-sub-item.
func (d *detector) point(b *document.Block, sub bool) {
	core := strings.Trim(b.Num, "()")
	if d.letter != nil && !d.conv.FlatPoints && (sub || isRomanChild(core, strings.Trim(d.letter.Num, "()"))) {
		d.letter.Points = append(d.letter.Points, b)
		d.pointList = &d.letter.Points
		return
	}
	if d.para == nil {
		// no host paragraph (a list after a preambular paragraph): keep it
		// in order as an unnumbered operative paragraph's item
		d.para = &document.Block{Kind: document.Operative, Line: b.Line}
		d.add(d.para)
	}
	d.para.Points = append(d.para.Points, b)
	d.pointList = &d.para.Points
	d.letter = b
}

var roman = regexp.MustCompile(`^[ivxl]+$`)

// isRomanChild tells whether "(core)" after letter point "(prev)" is a
// roman sub-item rather than the next letter: "(i)" after "(h)" is a
// letter, as are "(v)" after "(u)" and "(x)" after "(w)".
func isRomanChild(core, prev string) bool {
	if !roman.MatchString(core) {
		return false
	}
	switch {
	case core == "i" && prev == "h", core == "v" && prev == "u", core == "x" && prev == "w", core == "l" && prev == "k":
		return false
	case roman.MatchString(prev) && (prev != "i" || core == "ii"):
		return false // "(ii)" after "(i)": the next roman, not a child
	}
	return prev != "" && prev[0] >= 'a' && prev[0] <= 'z'
}

// paragraphNumber says whether a number that the paragraph-number rule
// found numbers a paragraph here: a letter "a." does so only in an annex,
// whose lists of entries ("1. NAME", "a. Description: ...") the UN's files
// keep as paragraphs; in the resolution itself "a." is a sub-item.
func (d *detector) paragraphNumber(num string) bool {
	return d.phase == annex || num == "" || num[0] < 'a' || num[0] > 'z'
}

// numberedItem says whether a paragraph number breaks the operative
// numbering as the items of a list inside the current paragraph do:
// "1.", "2.", "3." after paragraph "7.", before paragraph "8." goes on.
// Such a list starts at 1 and counts on from its last item.
func (d *detector) numberedItem(num string) bool {
	if d.phase != operative || d.para == nil {
		return false
	}
	n, ok := numberValue(num)
	p, pok := numberValue(d.para.Num)
	if !ok || !pok || n == p+1 {
		return false
	}
	if pts := d.para.Points; len(pts) > 0 {
		last, ok := numberValue(pts[len(pts)-1].Num)
		return ok && n == last+1
	}
	return n == 1
}

// numberValue is the value of a paragraph number "12.".
func numberValue(num string) (int, bool) {
	digits := strings.TrimSuffix(num, ".")
	if len(digits) == len(num) || !isNumber(digits) {
		return 0, false
	}
	return value(digits), true
}

// annexBullet says whether a sub-item mark is a bullet or dash of an
// annex, where the UN's files keep such lines as paragraphs with the mark in
// their text (in the resolution itself they are sub-items).
func (d *detector) annexBullet(num string) bool {
	return d.phase == annex && num != "" && !strings.HasPrefix(num, "(")
}

// annexHeading starts the annex that an annex label heads ("Annex"). A
// further label inside an annex ("Annex II" after "Annex I") is a heading
// of the same attachment: the UN's files put all the annexes of a
// resolution in one attachment.
func (d *detector) annexHeading(txt string, line int) {
	if d.phase == annex && d.annex != nil && (len(d.annex.Heading) > 0 || len(d.annex.Blocks) > 0) {
		d.add(&document.Block{Kind: document.Heading, Text: document.PlainText(txt), Line: line})
		d.para, d.letter = nil, nil
		return
	}
	if d.phase == annex && d.annex != nil {
		d.annex.Heading = document.PlainText(txt) // the label of an annex begun by the meeting line
		return
	}
	d.startAnnex(document.PlainText(txt))
}

func (d *detector) startAnnex(heading document.Text) {
	d.annex = &document.Annex{Heading: heading}
	d.cur.Annexes = append(d.cur.Annexes, d.annex)
	d.phase = annex
	d.para, d.letter = nil, nil
}

// add appends a block where the detector is.
func (d *detector) add(b *document.Block) {
	if len(d.pending) > 0 && b.Kind != document.Heading {
		hs := d.pending
		d.pending = nil
		for _, h := range hs {
			if b.Kind == document.Preambular {
				d.cur.Preamble = append(d.cur.Preamble, h)
			} else {
				d.cur.Operative = append(d.cur.Operative, h)
			}
		}
	}
	switch {
	case d.phase == annex && d.annex != nil:
		d.annex.Blocks = append(d.annex.Blocks, b)
	case b.Kind == document.Preambular:
		d.cur.Preamble = append(d.cur.Preamble, b)
	default:
		d.cur.Operative = append(d.cur.Operative, b)
	}
}

// cells splits a table row into its cells; it returns nil for a line that
// is not one. A row has TABs inside its text, beyond the one after a
// paragraph or point number.
func (d *detector) cells(line string) []string {
	// the first indent is no cell; in a text indented with spaces, whose
	// numbers are followed by spaces too, a TAB only parts cells
	row, ok := strings.CutPrefix(line, d.unit)
	if !ok || strings.IndexByte(row, '\t') < 0 {
		return nil // fewer than two cells
	}
	if d.table == nil {
		row = strings.TrimRight(row, "\t") // empty cells only continue a table
	}
	c0, c1, ok := strings.Cut(row, "\t")
	if !ok {
		return nil
	}
	if c0 == "" && matches(d.headingNum, c1) {
		return nil // a numbered heading: "<TAB><TAB>I.<TAB>Title"
	}
	if strings.IndexByte(c1, '\t') >= 0 {
		return strings.Split(row, "\t") // three cells or more
	}
	// two cells: most such lines are paragraphs, told before splitting
	switch {
	case c0 == "" && d.table == nil:
		return nil // a heading
	case c0 == "" && d.annexHead != nil && d.annexHead.Regexp().MatchString(c1):
		return nil // an annex label ends the table before it
	case d.table == nil && moreRunes(c1, 80):
		return nil // a paragraph whose number lost its full stop: "41<TAB>Requests ..."
	case (d.table == nil || 2 < d.tableCols) && d.numbered(c0):
		return nil // "1.<TAB>text", also right after a table of more columns
	case d.table == nil && matches(d.sectionLabel, c0):
		return nil // a section heading, "一.<TAB>Title" (the language's section-label rule)
	}
	return []string{c0, c1}
}

func (d *detector) tableRow(l normalise.Line, cells []string) {
	if d.phase == closed {
		d.startAnnex(nil)
	}
	// "a<TAB>See A/75/383." after a table is the table's note
	if c0 := strings.TrimSpace(cells[0]); len(cells) == 2 && len(c0) == 1 && c0 >= "a" && c0 <= "z" && d.table != nil {
		d.add(&document.Block{Kind: document.Plain, Text: document.PlainText(cells[0] + "\t" + cells[1]), Line: l.No})
		return
	}
	row := make([]document.Text, len(cells))
	for i, c := range cells {
		row[i] = document.PlainText(strings.TrimSpace(c))
	}
	if d.table == nil {
		d.table = &document.Block{Kind: document.Table, Line: l.No}
		d.tableCols = 0
		d.add(d.table)
		d.para, d.letter = nil, nil
	}
	d.table.Rows = append(d.table.Rows, row)
	d.tableCols = max(d.tableCols, len(row))
}

// numbered tells whether s starts with a paragraph or sub-item number.
func (d *detector) numbered(s string) bool {
	return matches(d.paraNum, s) || matches(d.pointNum, s)
}

// matches tells whether r (if any) matches s.
func matches(r *rules.Rule, s string) bool {
	return r != nil && r.Regexp().MatchString(s)
}

// match is a match of a rule's pattern, read by the names of its groups:
// the spans cost one allocation, where a map of the groups cost several
// on every line.
type match struct {
	s     string
	spans []int    // of the match and its groups; nil: no match
	names []string // of the groups
}

// capture matches r (if any) against s.
func capture(r *rules.Rule, s string) match {
	if r == nil {
		return match{}
	}
	re := r.Regexp()
	return match{s: s, spans: re.FindStringSubmatchIndex(s), names: re.SubexpNames()}
}

func (m match) ok() bool { return m.spans != nil }

// index returns the index of the group called name, the last one if
// several are, or -1.
func (m match) index(name string) int {
	for i := len(m.names) - 1; i > 0; i-- {
		if m.names[i] == name {
			return i
		}
	}
	return -1
}

// has tells whether the pattern has a group called name, matched or not.
func (m match) has(name string) bool { return m.index(name) >= 0 }

// group returns the text of the group called name: "" if there is none
// or it took no part in the match.
func (m match) group(name string) string {
	i := m.index(name)
	if i < 0 || m.spans[2*i] < 0 {
		return ""
	}
	return m.s[m.spans[2*i]:m.spans[2*i+1]]
}

// endsLikeParagraph tells whether text ends with the punctuation that
// closes a paragraph (or with a footnote number after it).
func endsLikeParagraph(s string) bool {
	s = trimEnd(s)
	for len(s) > 0 && isDigit(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(",;:.،؛，；：。)”’»\"", r)
}

// endsWithComma tells whether a paragraph ends as a preambular one does.
func endsWithComma(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(trimEnd(s))
	return r == ',' || r == '،' || r == '，'
}

// endsWithStop tells whether s ends with a full stop ("." or the
// ideographic "。"): no preambular paragraph of the UN's files does
// without a known opening phrase, and a Chinese operative paragraph has no
// verb list to be recognised by ("通过本决议附件所载宣言。").
func endsWithStop(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(trimEnd(s))
	return r == '.' || r == '。'
}

// trimEnd drops the spaces and the invisible format characters (Unicode
// category Cf: the right-to-left mark U+200F, the Arabic letter mark
// U+061C) that Arabic texts leave after the closing punctuation
// ("المتحدة،\u200f"), so that the punctuation is seen as the end.
func trimEnd(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
}

// moreRunes tells whether s has more than n runes, without counting
// those of a long paragraph to its end.
func moreRunes(s string, n int) bool {
	switch {
	case len(s) <= n:
		return false // a rune is a byte or more
	case len(s) > utf8.UTFMax*n:
		return true // and at most UTFMax bytes
	}
	for range s {
		if n--; n < 0 {
			return true
		}
	}
	return n < 0
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func short(s string) string {
	if len(s) > 60 {
		return `"` + s[:57] + `..."`
	}
	return `"` + s + `"`
}

// Looks tells whether text looks like a resolution in rs's language and
// body: whether some line holds its formula, its committee line, or the
// opening paragraph of one of the body's statements.
func Looks(text string, rs *rules.Set) bool { return LooksIn(TrimmedLines(text), rs) }

// TrimmedLines returns the lines of text with the spaces around them
// trimmed, for LooksIn.
func TrimmedLines(text string) []string {
	out := make([]string, 0, strings.Count(text, "\n")+1)
	for line := range strings.Lines(text) {
		out = append(out, strings.TrimSpace(line))
	}
	return out
}

// LooksIn is Looks on the lines TrimmedLines returned: trying the rules
// of each language and body on one text splits and trims it once.
func LooksIn(lines []string, rs *rules.Set) bool {
	// the committee line too: a resolution printed without its formula
	// ("Reaffirming ..." right after the title) still has one
	for _, name := range [...]string{ruleFormula, ruleStmtOpening, ruleCommittee} {
		r := rs.Rule(name)
		if r == nil {
			continue
		}
		re := r.Regexp()
		for _, line := range lines {
			if re.MatchString(line) {
				return true
			}
		}
	}
	return false
}

// prefixLoose tells whether p begins s, whitespace aside, and returns the
// end of p in s.
func prefixLoose(s, p string) (int, bool) {
	i := 0
	for _, r := range p {
		if unicode.IsSpace(r) {
			continue
		}
		for i < len(s) {
			c, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(c) {
				break
			}
			i += n
		}
		c, n := utf8.DecodeRuneInString(s[i:])
		if i >= len(s) || c != r {
			return 0, false
		}
		i += n
	}
	return i, true
}
