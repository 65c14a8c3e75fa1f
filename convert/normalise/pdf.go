package normalise

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/rules"
)

// Rule names the PDF stage looks up (rules/layout/pdf.yaml). The rules
// whose names start with pdfMasthead read the masthead, in file order.
const pdfMasthead = "pdf.masthead-"

// pdfRule is a rule the PDF stage looks up by name; pdfDoc resolves each
// once per document.
type pdfRule int

const (
	pdfPageBreak pdfRule = iota
	pdfPageSymbol
	pdfRunningTitle
	pdfPageNumber
	pdfPageJob
	pdfNoteSeparator
	pdfNoteText
	pdfNoteRef
	pdfNoteRefWrapped
	pdfFormula
	pdfDocnum
	pdfMeeting
	pdfAnnex
	pdfItemNumber
	pdfHeading
	pdfHeadingLabel
	pdfHeadingWords
	pdfPartLabel
	pdfDecoration
	pdfListEnd
	pdfHyphenEnd
	pdfSentenceEnd
	pdfContinued
	pdfReissue
	pdfPreambleEnd
	pdfIndented
	numPDFRules
)

// pdfRuleNames are the rules' names (rules/layout/pdf.yaml).
var pdfRuleNames = [numPDFRules]string{
	pdfPageBreak:      "pdf.page-break",
	pdfPageSymbol:     "pdf.page-symbol",
	pdfRunningTitle:   "pdf.running-title",
	pdfPageNumber:     "pdf.page-number",
	pdfPageJob:        "pdf.page-job-number",
	pdfNoteSeparator:  "pdf.footnote-separator",
	pdfNoteText:       "pdf.footnote-text",
	pdfNoteRef:        "pdf.footnote-ref-spaced",
	pdfNoteRefWrapped: "pdf.footnote-ref-wrapped",
	pdfFormula:        "pdf.formula",
	pdfDocnum:         "pdf.docnum-title",
	pdfMeeting:        "pdf.meeting",
	pdfAnnex:          "pdf.annex-heading",
	pdfItemNumber:     "pdf.item-number",
	pdfHeading:        "pdf.heading",
	pdfHeadingLabel:   "pdf.heading-label",
	pdfHeadingWords:   "pdf.heading-label-words",
	pdfPartLabel:      "pdf.part-label",
	pdfDecoration:     "pdf.decoration",
	pdfListEnd:        "pdf.list-end",
	pdfHyphenEnd:      "pdf.hyphen-end",
	pdfSentenceEnd:    "pdf.sentence-end",
	pdfContinued:      "pdf.continued-start",
	pdfReissue:        "pdf.reissue-note",
	pdfPreambleEnd:    "pdf.preambular-end",
	pdfIndented:       "pdf.indented-start",
}

func (r pdfRule) name() string { return pdfRuleNames[r] }

// PDF normalises text extracted from an official PDF (PyMuPDF): it reads
// the masthead into metadata, takes the running headers, page footers and
// footnotes out of the text, joins the lines that the page width (and the
// page breaks) wrapped each paragraph into, and gives the body lines in
// the shape of an ODS export.
func PDF(text string, rs *rules.Set) (*Result, error) {
	p := newPDF(text, rs)
	i := p.masthead()
	blocks := p.segment(i)
	start := p.bodyStart(blocks) // gluing the notes leaves it where it is
	p.glueRefs(blocks, start)
	p.res.Lines = p.bodyLines(blocks, start)
	if len(p.res.Lines) == 0 {
		p.res.warn("", 0, "no body found in the PDF text")
	}
	return p.res, nil
}

// pdfLine is one input line.
type pdfLine struct {
	no   int
	raw  string // as extracted, trailing spaces and all
	page int    // the page it is on, from 0
	brk  bool   // the page-break rule matches raw
}

// text is the line without its surrounding spaces.
func (l pdfLine) text() string { return strings.TrimSpace(l.raw) }

// pdfBlock is a run of non-blank body lines between blank lines: one
// paragraph, heading or header line, wrapped.
type pdfBlock struct {
	lines         []pdfLine
	before, after int // blank lines around it
}

type pdfDoc struct {
	rs    *rules.Set
	res   *Result
	lines []pdfLine
	// hardBreaks tells whether the text marks its page breaks; if not, a
	// page footer line starts a page break.
	hardBreaks bool
	symbol     *rules.Regexp // the running header's symbol, once known
	// header is the text of the lines before the formula, where the
	// running title is taken from.
	header string
	// bareHeader is header without its spaces, made when first needed.
	bareHeader string
	// notesByPage lists the markers of the footnotes printed on a page.
	notesByPage map[int][]string
	// rules are the rules of the stage, resolved once (nil: none, or off)
	rules [numPDFRules]*rules.Rule
	// patterns are their patterns, resolved when first used: most lines
	// are tested with several, and Rule.Regexp costs more than the quick
	// test that tells a line does not match
	patterns [numPDFRules]*rules.Regexp
}

func newPDF(text string, rs *rules.Set) *pdfDoc {
	p := &pdfDoc{rs: rs, res: &Result{}, notesByPage: map[int][]string{}}
	for id, name := range pdfRuleNames {
		p.rules[id] = rs.Rule(name)
	}
	text = strings.TrimSuffix(text, "\n")
	breaks, blanks := false, false
	p.lines = make([]pdfLine, 0, strings.Count(text, "\n")+1)
	for more := true; more; {
		var l string
		l, text, more = strings.Cut(text, "\n")
		brk := p.is(pdfPageBreak, l)
		p.lines = append(p.lines, pdfLine{no: len(p.lines) + 1, raw: l, brk: brk})
		switch {
		case brk:
			breaks = true
		case blank(l):
			blanks = true
		}
	}
	// the break lines mark pages only if blank lines in a page look
	// otherwise
	p.hardBreaks = breaks && blanks
	return p
}

// breakLine tells whether input line i is the line that marks a page
// break. newPDF tested each line with the rule.
func (p *pdfDoc) breakLine(i int) bool { return p.hardBreaks && p.lines[i].brk }

// rule returns the named rule, or nil.
func (p *pdfDoc) rule(id pdfRule) *rules.Rule { return p.rules[id] }

// regexp returns the named rule's pattern, or nil.
func (p *pdfDoc) regexp(id pdfRule) *rules.Regexp {
	if re := p.patterns[id]; re != nil {
		return re
	}
	if r := p.rules[id]; r != nil {
		p.patterns[id] = r.Regexp()
	}
	return p.patterns[id]
}

// is tells whether the named rule exists and matches s.
func (p *pdfDoc) is(id pdfRule, s string) bool {
	re := p.regexp(id)
	return re != nil && re.MatchString(s)
}

// submatch matches the named rule against s.
func (p *pdfDoc) submatch(id pdfRule, s string) (*rules.Rule, []string) {
	re := p.regexp(id)
	if re == nil {
		return nil, nil
	}
	return p.rules[id], re.FindStringSubmatch(s)
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// masthead reads the masthead lines at the top of the first page with the
// pdf.masthead-* rules, up to the first line none of them matches. It
// returns the index of that line.
func (p *pdfDoc) masthead() int {
	var mrules []*rules.Rule
	for _, r := range p.rs.Stage(rules.Normalise) {
		if strings.HasPrefix(r.Name, pdfMasthead) {
			mrules = append(mrules, r)
		}
	}
	prev := ""
	var run []pdfLine // lines of a rule with After, joined when it ends
	var runRule *rules.Rule
	flush := func() {
		if runRule == nil {
			return
		}
		parts := make([]string, len(run))
		for i, l := range run {
			parts[i] = l.text()
			p.res.trace(runRule, l.no, l.text())
		}
		if m := runRule.Regexp().FindStringSubmatch(p.join(parts)); m != nil && runRule.Action == rules.Capture {
			p.res.capture(runRule, m, run[0].no, p.rs)
		}
		run, runRule = nil, nil
	}
	i := 0
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		t := l.text()
		if t == "" {
			flush()
			if !p.agendaTitleNext(prev, i) {
				prev = ""
			}
			continue
		}
		r, m := matchAfterFirst(mrules, t, prev)
		if r == nil {
			break
		}
		prev = r.Name
		if r.After != "" {
			run, runRule = append(run, l), r
			continue
		}
		flush()
		p.res.trace(r, l.no, t)
		if r.Action == rules.Capture {
			p.res.capture(r, m, l.no, p.rs)
		}
	}
	flush()
	if p.res.Meta.Symbol == "" {
		p.res.warn("", 0, "no symbol found in the masthead")
	} else if r := p.rule(pdfPageSymbol); r != nil {
		re, err := p.rs.Expand(r, map[string]string{"symbol": p.res.Meta.Symbol})
		if err != nil {
			p.res.warn(r.Name, 0, err.Error())
		} else {
			p.symbol = re
		}
	}
	return i
}

// agendaTitleNext tells whether the title of an agenda item may follow
// the blank line i, after a line that the rule named prev read: the
// masthead sets a title apart from its agenda line, or from the title of
// the item before, by one blank line when it lists several items
// ("Agenda items 132 and 143"), up to one title for each item.
func (p *pdfDoc) agendaTitleNext(prev string, i int) bool {
	if i+1 >= len(p.lines) || p.lines[i+1].text() == "" {
		return false
	}
	m := &p.res.Meta
	switch prev {
	case pdfMasthead + "agenda":
		return len(m.AgendaItems) > 1
	case pdfMasthead + "agenda-title":
		return len(m.AgendaTitles) < len(m.AgendaItems)
	}
	return false
}

// matchAfterFirst is match, except that a rule that continues the rule
// of the line before (its After, or itself) is tried first: the lines of
// an agenda title are its own even when one looks like a masthead line.
func matchAfterFirst(rs []*rules.Rule, text, prev string) (*rules.Rule, []string) {
	if prev != "" {
		for _, r := range rs {
			if r.After != "" && (prev == r.After || prev == r.Name) {
				if m := r.Regexp().FindStringSubmatch(text); m != nil {
					return r, m
				}
			}
		}
	}
	return match(rs, text, prev)
}

// segment cuts the lines from i on into blocks, taking out the page breaks
// (running header, page footer) and the footnotes. A paragraph cut by a
// page break is one block.
func (p *pdfDoc) segment(i int) []*pdfBlock {
	var blocks []*pdfBlock
	var cur *pdfBlock
	blanks := 0 // blank lines since the last text line
	page := 0   // the current page
	// the lines of the blocks are pieces of one array, filled in order:
	// one block is open at a time
	store := make([]pdfLine, 0, len(p.lines)-i)
	start := 0 // where the open block's lines start in store
	closeCur := func(after int) {
		if cur != nil {
			cur.after = after
			blocks = append(blocks, cur)
			cur = nil
		}
	}
	for i < len(p.lines) {
		l := p.lines[i]
		if p.breakAt(i) {
			if p.header == "" {
				p.header = p.headerText(blocks, cur)
			}
			j := p.pageBreak(i)
			page++
			n := 0
			for j+n < len(p.lines) && blank(p.lines[j+n].raw) && !p.breakLine(j+n) {
				n++
			}
			next := ""
			if j+n < len(p.lines) {
				next = p.lines[j+n].text()
			}
			if cur != nil && blanks == 0 && n == 1 && p.continues(cur, next) {
				// the paragraph goes on on the next page
			} else {
				closeCur(blanks + n)
				blanks = n
			}
			i = j + n
			continue
		}
		t := l.text()
		if p.is(pdfNoteSeparator, t) {
			i = p.footnotes(i, page)
			continue
		}
		if t == "" {
			blanks++
			i++
			continue
		}
		decoration := p.is(pdfDecoration, t)
		if cur != nil && (blanks > 0 || decoration || p.startsBlock(cur, l)) {
			closeCur(blanks)
		}
		if cur == nil {
			cur = &pdfBlock{before: blanks}
			start = len(store)
		}
		l.page = page
		store = append(store, l)
		cur.lines = store[start:len(store):len(store)]
		blanks = 0
		i++
		if decoration {
			closeCur(0)
		}
	}
	closeCur(blanks)
	return blocks
}

// startsBlock tells whether line t starts a block of its own although no
// blank line comes before it: a meeting line after the last paragraph (a
// decoration starts one too: segment tells that before, and calls
// startsBlock only for a line that is none), a number alone after a paragraph number alone ("4."
// then "(a)") or after the end of a paragraph, the wrap-up of a list after
// the short last line of a point, a preambular phrase after the comma that
// ends a preambular paragraph, an indented line after one at the margin.
func (p *pdfDoc) startsBlock(b *pdfBlock, l pdfLine) bool {
	t := l.text()
	prev := b.lines[len(b.lines)-1]
	last := prev.text()
	switch {
	case p.is(pdfIndented, l.raw) && !p.is(pdfIndented, prev.raw):
		// an indented item under a line at the margin: " Round table 1:"
		// after "on the following themes:"
		return true
	case p.is(pdfMeeting, t):
		return true
	case (len(b.lines) == 1 && p.bareNumber(last) || p.is(pdfSentenceEnd, last)) && p.bareNumber(t):
		// t is tested last: most lines go on a paragraph whose line
		// before ends neither way
		return true
	case p.is(pdfListEnd, last) && p.is(pdfContinued, t):
		first := b.lines[0].text()
		return p.numbered(first) || p.bareNumber(first)
	case p.is(pdfPreambleEnd, last) && !p.is(pdfContinued, t) && p.rs.Phrase("preamble", t) != "":
		// the extraction lost the blank line between two preambular
		// paragraphs: "..., " then "Recognizing the efforts ..."
		return true
	}
	return false
}

// continues tells whether the first line of a page, next, goes on with
// the paragraph that the page before ended with.
func (p *pdfDoc) continues(b *pdfBlock, next string) bool {
	last := b.lines[len(b.lines)-1].text()
	if len(b.lines) == 1 && p.bareNumber(last) {
		return true
	}
	return !p.is(pdfSentenceEnd, last) || p.is(pdfContinued, next)
}

// bareNumber tells whether s is a paragraph or point number alone.
func (p *pdfDoc) bareNumber(s string) bool {
	return p.is(pdfItemNumber, s+" x")
}

// headerText is the text of the blocks before the formula: where the
// running title is a piece of.
func (p *pdfDoc) headerText(blocks []*pdfBlock, cur *pdfBlock) string {
	var parts []string
	all := blocks
	if cur != nil {
		all = append(all[:len(all):len(all)], cur)
	}
	for _, b := range all {
		t := p.blockText(b)
		if p.is(pdfFormula, t) {
			break
		}
		parts = append(parts, t)
	}
	return collapse(strings.Join(parts, " "))
}

// breakAt tells whether a page break starts at line i: the page-break
// line, or, in a text without them, a page footer line.
func (p *pdfDoc) breakAt(i int) bool {
	if p.hardBreaks {
		return p.breakLine(i)
	}
	t := p.lines[i].text()
	return t != "" && (p.is(pdfPageNumber, t) || p.is(pdfPageJob, t) || p.symbol != nil && p.symbol.MatchString(t))
}

// pageBreak takes out the page break that starts at line i: the break
// line, the running header (symbol and running title) and the page footer
// (page number and job number), with the blank lines between them. It
// returns the index of the first line after the footer.
func (p *pdfDoc) pageBreak(i int) int {
	start := i
	if p.breakLine(i) {
		p.res.trace(p.rule(pdfPageBreak), p.lines[i].no, p.lines[i].raw)
		i++
	}
	footer := false
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		t := l.text()
		var r *rules.Rule
		switch {
		case t == "":
			if footer {
				return i
			}
			continue
		case p.symbol != nil && p.symbol.MatchString(t):
			r = p.rule(pdfPageSymbol)
		case p.is(pdfPageNumber, t):
			r, footer = p.rule(pdfPageNumber), true
		case p.is(pdfPageJob, t):
			r, footer = p.rule(pdfPageJob), true
		case !footer && p.runningTitle(t):
			r = p.rule(pdfRunningTitle)
		}
		if r == nil {
			break
		}
		p.res.trace(r, l.no, t)
	}
	if !footer {
		p.res.warn(pdfPageBreak.name(), p.lines[start].no, "page break without a page number after it")
	}
	return i
}

// runningTitle tells whether t is a line of the running title: a piece of
// the header text.
func (p *pdfDoc) runningTitle(t string) bool {
	if !p.is(pdfRunningTitle, t) || p.header == "" {
		return false
	}
	if strings.Contains(p.header, collapse(t)) {
		return true
	}
	// the running title may lose or gain a space of the title: "under the
	// title“Second World"
	if p.bareHeader == "" {
		p.bareHeader = withoutSpaces(p.header)
	}
	return strings.Contains(p.bareHeader, withoutSpaces(t))
}

// withoutSpaces returns s without its spaces.
func withoutSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// footnotes reads the footnotes of a page, from the separator at line i up
// to the page break. It returns the index of the line after them.
func (p *pdfDoc) footnotes(i, page int) int {
	sep := p.rule(pdfNoteSeparator)
	p.res.trace(sep, p.lines[i].no, p.lines[i].text())
	i++
	fn := p.rule(pdfNoteText)
	var note *document.Note
	var parts []string
	flush := func() {
		if note != nil {
			note.Text = document.PlainText(p.join(parts))
			note, parts = nil, nil
		}
	}
	newBlock := true
	for ; i < len(p.lines) && !p.breakAt(i); i++ {
		l := p.lines[i]
		t := l.text()
		if t == "" {
			newBlock = true
			continue
		}
		if newBlock && p.is(pdfReissue, t) {
			// "* Reissued for technical reasons on ...": the note of the
			// asterisk after the symbol, no footnote of the text
			p.res.trace(p.rule(pdfReissue), l.no, t)
			continue
		}
		var m []string
		if newBlock && fn != nil {
			m = fn.Regexp().FindStringSubmatch(t)
		}
		newBlock = false
		if m != nil {
			marker := group(fn.Regexp(), m, "marker")
			if n := len(p.res.Notes); n == 0 || atoi(marker) == atoi(p.res.Notes[n-1].Marker)+1 {
				flush()
				note = &document.Note{Marker: marker, Line: l.no}
				p.res.Notes = append(p.res.Notes, note)
				p.notesByPage[page] = append(p.notesByPage[page], marker)
				parts = []string{group(fn.Regexp(), m, "text")}
				p.res.trace(fn, l.no, t)
				continue
			}
		}
		switch {
		case note != nil:
			parts = append(parts, t)
			p.res.trace(fn, l.no, t)
		case len(p.res.Notes) > 0:
			// the footnote of the page before goes on
			note = p.res.Notes[len(p.res.Notes)-1]
			parts = []string{note.Text.Plain(), t}
			p.res.trace(fn, l.no, t)
		default:
			p.res.Trace = append(p.res.Trace, document.Trace{Action: "unrecognised", Line: l.no, Text: t})
			p.res.warn(pdfNoteText.name(), l.no, "text under the footnote line that is no footnote: "+quote(t))
		}
	}
	flush()
	return i
}

// glueRefs glues to the word before them the footnote numbers that the
// extraction set apart: "report 4  in" becomes "report4 in". Only the
// blocks of the body, from the block from on (bodyStart), are looked at.
func (p *pdfDoc) glueRefs(blocks []*pdfBlock, from int) {
	r := p.rule(pdfNoteRef)
	if r == nil || len(p.res.Notes) == 0 {
		return
	}
	re := r.Regexp()
	known := newMarkerSet(p.res.Notes)
	var wrapped *rules.Regexp
	if r := p.rule(pdfNoteRefWrapped); r != nil {
		wrapped = r.Regexp()
	}
	// the body lines in order, and where each page's are in them: pages
	// only go up from block to block and line to line
	n := 0
	for _, b := range blocks {
		n += len(b.lines)
	}
	lines := make([]lineRef, 0, n)
	var pages []pageSpan // by page
	for bi, b := range blocks {
		if bi < from {
			continue
		}
		for li := range b.lines {
			l := &b.lines[li]
			for len(pages) <= l.page {
				pages = append(pages, pageSpan{len(lines), len(lines)})
			}
			lines = append(lines, lineRef{block: bi, line: li})
			pages[l.page].to = len(lines)
			// both ways below glue a known marker of the line: most lines
			// have none, and need none of the searches
			if !known.inText(l.raw) || p.headingLabel(l.text()) {
				continue // "Section 1  " is no footnote number
			}
			// two spaces after it: always a footnote number
			ref := &lines[len(lines)-1]
			l.raw = replaceSubmatches(l.raw, ref.matches(re, l.raw), func(m []int) (string, bool) {
				marker := l.raw[m[4]:m[5]]
				if m[6] < 0 || !known.has(marker) || !spacedAfter(l.raw[m[2]:m[3]]) {
					return "", false
				}
				return l.raw[m[2]:m[3]] + marker + l.raw[m[6]:m[7]], true
			})
			// at the start of the line, right after the word that ended
			// the line before
			if li > 0 && wrapped != nil {
				prev := &b.lines[li-1]
				if m := wrapped.FindStringSubmatchIndex(l.raw); m != nil && known.has(l.raw[m[2]:m[3]]) &&
					prev.raw != "" && !unicode.IsSpace(rune(prev.raw[len(prev.raw)-1])) && spacedAfter(prev.raw) {
					prev.raw += l.raw[m[2]:m[3]]
					l.raw = l.raw[m[1]:]
				}
			}
		}
	}
	// one space after it, or at a line end: only for a note of the page
	// with no glued reference there, at the first such place after the
	// reference to the note before
	for page, markers := range p.notesByPage {
		var refs []lineRef
		if page < len(pages) {
			refs = lines[pages[page].from:pages[page].to]
		}
		cur := refPos{}
		for _, marker := range markers {
			if at, ok := gluedRef(blocks, refs, marker, cur); ok {
				cur = at
				continue
			}
			if at, ok := p.spacedRef(blocks, refs, re, marker, cur); ok {
				cur = at
			}
		}
	}
}

// pageSpan is where the lines of a page are in the body lines.
type pageSpan struct{ from, to int }

// markerSet is the set of the footnote markers of a document.
type markerSet struct {
	known   map[string]bool
	lead    [256]bool // the bytes a marker starts with
	longest int       // the longest marker, in bytes
}

func newMarkerSet(notes []*document.Note) *markerSet {
	ms := &markerSet{known: make(map[string]bool, len(notes))}
	for _, n := range notes {
		ms.known[n.Marker] = true
		if n.Marker != "" {
			ms.lead[n.Marker[0]] = true
		}
		ms.longest = max(ms.longest, len(n.Marker))
	}
	return ms
}

// has tells whether marker is the marker of a footnote.
func (ms *markerSet) has(marker string) bool { return ms.known[marker] }

// inText tells whether s holds a marker anywhere: a byte test first, as
// most lines have no digit.
func (ms *markerSet) inText(s string) bool {
	if ms.known[""] {
		return true
	}
	for i := 0; i < len(s); i++ {
		if !ms.lead[s[i]] {
			continue
		}
		for k := 1; k <= ms.longest && i+k <= len(s); k++ {
			if ms.known[s[i:i+k]] {
				return true
			}
		}
	}
	return false
}

// refPos is a place in the lines of a page: the index in its lineRefs
// and the byte offset in the line.
type refPos struct{ ref, at int }

// lineRef is a line of a block: indexes of the block and of the line.
type lineRef struct {
	block, line int
	// the matches of the footnote-ref-spaced rule in the text raw, once
	// searched: spacedRef looks at a line for each marker of its page,
	// and most lines are as glueRefs searched them
	raw      string
	searched bool
	found    [][]int
}

// matches returns the matches of re in raw, the text of the line now.
func (r *lineRef) matches(re *rules.Regexp, raw string) [][]int {
	if !r.searched || r.raw != raw {
		r.raw, r.found, r.searched = raw, re.FindAllStringSubmatchIndex(raw, -1), true
	}
	return r.found
}

func (a refPos) before(b refPos) bool { return a.ref < b.ref || a.ref == b.ref && a.at < b.at }

// gluedRef finds the first place from cur where marker is glued to a word
// or to punctuation.
func gluedRef(blocks []*pdfBlock, refs []lineRef, marker string, cur refPos) (refPos, bool) {
	for ri := cur.ref; ri < len(refs); ri++ {
		s := blocks[refs[ri].block].lines[refs[ri].line].raw
		at := 0
		if ri == cur.ref {
			at = cur.at
		}
		for at <= len(s) {
			k := strings.Index(s[at:], marker)
			if k < 0 {
				break
			}
			k += at
			end := k + len(marker)
			at = end
			if k == 0 || isDigitByte(s[k-1]) || end < len(s) && isDigitByte(s[end]) {
				continue
			}
			if refAfter(s[:k]) && !decimal(s[:k]) && (end == len(s) || refEnd(s[end:])) {
				return refPos{ri, end}, true
			}
		}
	}
	return cur, false
}

// spacedRef glues marker at the first place from cur where re finds it
// set apart from the word before it: at a line end first, then followed
// by one space but not starting a date ("of 1 April 2022").
func (p *pdfDoc) spacedRef(blocks []*pdfBlock, refs []lineRef, re *rules.Regexp, marker string, cur refPos) (refPos, bool) {
	end := re.SubexpIndex("end")
	for _, atEnd := range []bool{true, false} {
		for ri := cur.ref; ri < len(refs); ri++ {
			l := &blocks[refs[ri].block].lines[refs[ri].line]
			if !strings.Contains(l.raw, marker) {
				continue // no match of the line can be of marker
			}
			for _, m := range refs[ri].matches(re, l.raw) {
				if (refPos{ri, m[4]}).before(cur) || l.raw[m[4]:m[5]] != marker || !spacedAfter(l.raw[m[2]:m[3]]) {
					continue
				}
				if (end > 0 && m[2*end] >= 0) != atEnd || !atEnd && p.startsDate(l.raw[m[4]:]) {
					continue
				}
				l.raw = l.raw[:m[3]] + l.raw[m[4]:]
				return refPos{ri, m[5] - 1}, true
			}
		}
	}
	return cur, false
}

// startsDate tells whether s starts with a date: its first three words,
// the year maybe with a footnote number glued to it; or the day and month
// alone at the end of the line, whose year the next line has ("from 26
// June to 1 July" / "2000,").
func (p *pdfDoc) startsDate(s string) bool {
	w := strings.Fields(s)
	if len(w) == 2 {
		_, ok := p.rs.Date(w[0] + " " + w[1] + " 2000") // any year
		return ok
	}
	if len(w) < 3 {
		return false
	}
	year := strings.TrimRightFunc(w[2], unicode.IsPunct)
	if len(year) > 4 && isDigitByte(year[0]) {
		year = year[:4] // "20217,": a year and a footnote number
	}
	_, ok := p.rs.Date(w[0] + " " + w[1] + " " + year)
	return ok
}

// replaceSubmatches replaces the matches in s, found with their
// submatch indexes, for which f returns true.
func replaceSubmatches(s string, matches [][]int, f func(m []int) (string, bool)) string {
	var b strings.Builder
	last := 0
	for _, m := range matches {
		if rep, ok := f(m); ok {
			b.WriteString(s[last:m[0]])
			b.WriteString(rep)
			last = m[1]
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// refAfter tells whether a footnote number may be glued after before: a
// letter or closing punctuation, not a digit, slash or dash.
func refAfter(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsLetter(r) || strings.ContainsRune(",.;:)]’”\"'»", r)
}

// spacedAfter tells whether a footnote number set apart by a space may
// follow before: as refAfter, or a digit ("Substances of 1988 7  and").
func spacedAfter(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return refAfter(before) || unicode.IsDigit(r)
}

// refEnd tells whether a footnote number may end before rest.
func refEnd(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsSpace(r) || strings.ContainsRune(",.;:)]’”\"", r)
}

// decimal tells whether before ends with the integer part of a decimal
// number, "4." of "4.5" ("in 2019.3" is a year and a footnote).
func decimal(before string) bool {
	if !strings.HasSuffix(before, ".") {
		return false
	}
	d := len(before) - 1
	i := d
	for i > 0 && isDigitByte(before[i-1]) {
		i--
	}
	return d-i > 0 && d-i < 4
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// bodyStart is the index of the first block of the body: the formula's,
// or, in a resolution printed without its formula, that of the first
// paragraph after the number and title that opens with a preambular or
// operative phrase. It is len(blocks) when neither is found.
func (p *pdfDoc) bodyStart(blocks []*pdfBlock) int {
	titled := -1
	for i, b := range blocks {
		t := p.blockText(b)
		if p.is(pdfFormula, t) {
			return i
		}
		if titled < 0 && p.is(pdfDocnum, t) {
			titled = i
		}
	}
	if titled >= 0 {
		for i := titled + 1; i < len(blocks); i++ {
			if t := p.blockText(blocks[i]); p.rs.Phrase("preamble", t) != "" || p.rs.Phrase("operative", t) != "" {
				return i
			}
		}
	}
	return len(blocks)
}

// bodyLines turns the blocks into body lines in the ODS shape; the body
// starts at the block start (bodyStart), or at a part's formula.
func (p *pdfDoc) bodyLines(blocks []*pdfBlock, start int) []Line {
	var out []Line
	if len(blocks) > 0 {
		out = make([]Line, 0, len(blocks)+1) // a line a block, or two
	}
	add := func(no int, s string) { out = append(out, Line{No: no, Text: s}) }
	inHeader := true
	afterMeeting := false
	for bi := 0; bi < len(blocks); bi++ {
		b := blocks[bi]
		no := b.lines[0].no
		t := p.blockText(b)
		if bi == start && inHeader && !p.is(pdfFormula, t) {
			inHeader = false
		}
		if afterMeeting && p.is(pdfPartLabel, t) {
			// the next part of a resolution in parts: its letter and
			// title stay at the left margin, up to its formula
			inHeader = true
		}
		afterMeeting = false
		if inHeader {
			if p.is(pdfFormula, t) {
				inHeader = false
				add(no, "\t"+t)
				continue
			}
			// a committee line cut by a blank line
			for strings.Count(t, "[") > strings.Count(t, "]") && bi+1 < len(blocks) {
				bi++
				t = p.join([]string{t, p.blockText(blocks[bi])})
			}
			if _, m := p.submatch(pdfDocnum, t); m != nil {
				re := p.rule(pdfDocnum).Regexp()
				t = group(re, m, "number") + "\t" + group(re, m, "title")
			}
			add(no, t)
			continue
		}
		first := b.lines[0].text()
		switch {
		case p.is(pdfMeeting, first):
			for _, l := range b.lines {
				add(l.no, l.text())
			}
			afterMeeting = true
		case p.is(pdfAnnex, t):
			add(no, "\t"+t)
		case p.is(pdfDecoration, t):
			add(no, "\t\t"+t)
		case p.headingLabel(first) && len(b.lines) > 1:
			// "Part I" over the title of the part: two headings
			add(no, "\t\t"+first)
			rest := &pdfBlock{lines: b.lines[1:]}
			add(rest.lines[0].no, "\t\t"+p.blockText(rest))
		case b.before >= 2 && b.after >= 2 && p.is(pdfHeading, t) && !p.numbered(t), p.headingLabel(t):
			add(no, "\t\t"+t)
		default:
			if r, m := p.submatch(pdfItemNumber, t); m != nil {
				add(no, "\t"+group(r.Regexp(), m, "num")+"\t"+group(r.Regexp(), m, "text"))
			} else {
				add(no, "\t"+t)
			}
		}
	}
	if inHeader {
		p.res.warn(pdfFormula.name(), 0, "no formula found: the whole text is taken as header lines")
	}
	return out
}

// headingLabel tells whether t is the label of a heading: "IV", "Part I".
func (p *pdfDoc) headingLabel(t string) bool {
	return p.is(pdfHeadingLabel, t) || p.is(pdfHeadingWords, t)
}

// numbered tells whether t starts with a paragraph or point number.
func (p *pdfDoc) numbered(t string) bool { return p.is(pdfItemNumber, t) }

// blockText joins the lines of a block.
func (p *pdfDoc) blockText(b *pdfBlock) string {
	n := 0
	for _, l := range b.lines {
		n += len(l.raw) + 1
	}
	j := joiner{p: p, size: n}
	for _, l := range b.lines {
		j.add(l.raw) // trimmed there: l.text() is not needed
	}
	return j.String()
}

// join joins wrapped lines: with a space, but without one after the
// hyphen of a compound cut at the line end ("Non-Self-" + "Governing").
func (p *pdfDoc) join(parts []string) string {
	n := 0
	for _, s := range parts {
		n += len(s) + 1
	}
	j := joiner{p: p, size: n}
	for _, s := range parts {
		j.add(s)
	}
	return j.String()
}

// joiner is join part by part. It builds nothing until a second part
// comes: many blocks are one line.
type joiner struct {
	p    *pdfDoc
	size int // about the length of the result, to allocate it once
	b    strings.Builder
	prev string // the last part, trimmed and collapsed
	n    int    // the parts so far
}

// add adds a part, trimmed and collapsed.
func (j *joiner) add(s string) {
	s = collapse(strings.TrimSpace(s))
	if s == "" {
		return
	}
	switch j.n {
	case 0:
		j.prev, j.n = s, 1
		return
	case 1:
		j.b.Grow(j.size)
		j.b.WriteString(j.prev)
	}
	if !j.p.is(pdfHyphenEnd, j.prev) {
		j.b.WriteByte(' ')
	}
	j.b.WriteString(s)
	j.prev = s
	j.n++
}

// String returns the parts joined.
func (j *joiner) String() string {
	if j.n < 2 {
		return j.prev
	}
	return j.b.String()
}

// collapse makes runs of spaces one space (a no-break space stays).
func collapse(s string) string {
	if !doubleSpace(s) {
		return s
	}
	var b strings.Builder
	prev := false
	for _, r := range s {
		if r == ' ' {
			if prev {
				continue
			}
			prev = true
		} else {
			prev = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// doubleSpace tells whether s has two spaces in a row. strings.Contains
// is slower on text, which has a space every few bytes: it stops at each.
// Of two bytes in a row, one is at an odd offset: only those are looked
// at.
func doubleSpace(s string) bool {
	for i := 1; i < len(s); i += 2 {
		if s[i] == ' ' && (s[i-1] == ' ' || i+1 < len(s) && s[i+1] == ' ') {
			return true
		}
	}
	return false
}
