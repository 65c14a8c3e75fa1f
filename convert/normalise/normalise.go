// Package normalise separates the body of a resolution from what the
// input layout wrapped around it. For an ODS text export that is what Word
// appends after the body: the footnote texts, the hidden ODS fields, the
// separator lines, the first-page masthead, the running headers and the
// page footers.
//
// Nothing is thrown away silently: the masthead and the ODS fields become
// metadata, the footnote texts become notes, and every line removed as
// noise is traced to the rule that removed it.
package normalise

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/rules"
)

// Line is one line of the body with its input line number.
type Line struct {
	No   int
	Text string
}

// Result is a body freed of its layout.
type Result struct {
	Lines    []Line
	Notes    []*document.Note
	Meta     document.Meta
	Trace    []document.Trace
	Warnings []document.Warning
}

// Rule names the ODS stage looks up; every other rule of stage normalise
// is tried on the lines after the body.
const (
	ruleComment      = "ods.comment-marker"
	ruleTrailerStart = "ods.trailer-start"
	ruleFootnote     = "ods.footnote-text"
	ruleRunning      = "ods.running-header"
)

var special = map[string]bool{ruleComment: true, ruleTrailerStart: true, ruleFootnote: true, ruleRunning: true}

// ODS normalises the text of an ODS export.
func ODS(text string, rs *rules.Set) (*Result, error) {
	res := &Result{}
	lines := make([]Line, 0, strings.Count(text, "\n")+1)
	comment := rs.Rule(ruleComment)
	var commentRe *rules.Regexp
	if comment != nil {
		commentRe = comment.Regexp()
	}
	for more := true; more; {
		var l string
		l, text, more = strings.Cut(text, "\n")
		no := len(lines) + 1
		if comment != nil {
			if loc := commentRe.FindStringIndex(l); loc != nil && loc[1] > 0 {
				res.trace(comment, no, l[:loc[1]])
				l = l[loc[1]:]
			}
		}
		// trailing TABs stay: they are the empty cells of a table row
		lines = append(lines, Line{No: no, Text: mergeInvisibleCells(strings.TrimRight(l, " \u00a0"))})
	}

	end := len(lines)
	if start := rs.Rule(ruleTrailerStart); start != nil {
		for i, l := range lines {
			if start.Regexp().MatchString(l.Text) {
				end = i
				break
			}
		}
	}
	if end == len(lines) {
		res.warn("", 0, "no ODS fields found: the text has no trailer (is it an ODS export?)")
	}
	body := res.footnotes(lines[:end], rs)
	res.trailer(lines[end:], rs)
	// trailing blank lines of the body carry nothing
	for len(body) > 0 && body[len(body)-1].Text == "" {
		body = body[:len(body)-1]
	}
	res.Lines = body
	return res, nil
}

// footnotes takes the footnote texts off the end of the body: a run of
// lines "N text" whose numbers go up by one. It returns the rest.
func (res *Result) footnotes(body []Line, rs *rules.Set) []Line {
	fn := rs.Rule(ruleFootnote)
	if fn == nil {
		return body
	}
	re := fn.Regexp()
	var notes []*document.Note // from the last one up
	i := len(body) - 1
	for ; i >= 0; i-- {
		l := body[i]
		if l.Text == "" {
			if len(notes) > 0 {
				break
			}
			continue
		}
		m := re.FindStringSubmatch(l.Text)
		if m == nil {
			break
		}
		marker, txt := group(re, m, "marker"), group(re, m, "text")
		if _, isDate := rs.Date(l.Text); isDate {
			break // the meeting date "23 December 2015" looks like note 23
		}
		if len(notes) > 0 && !noteBefore(atoi(marker), atoi(notes[len(notes)-1].Marker)) {
			break
		}
		notes = append(notes, &document.Note{Marker: marker, Text: document.PlainText(txt), Line: l.No})
	}
	slices.Reverse(notes)
	if len(notes) > 0 {
		res.Trace = slices.Grow(res.Trace, len(notes))
	}
	for _, n := range notes {
		res.Trace = append(res.Trace, document.Trace{Rule: fn.Name, Action: rules.Capture, Line: n.Line, Text: n.Marker + " " + n.Text.Plain()})
	}
	res.Notes = notes
	return body[:i+1]
}

// noteBefore tells whether note number m may stand before note next in a
// list of footnotes: m is next-1, or next-2 when the list skips a number
// whose note is not in the text export (one in a table, in the UN's files
// too: notes 7 and 9 with no 8).
func noteBefore(m, next int) bool {
	return m == next-1 || m == next-2 && m > 0
}

// trailer reads the lines after the body with the layout's and the
// language's rules: metadata is captured, noise dropped; what no line rule
// knows is tried as a running header block.
func (res *Result) trailer(lines []Line, rs *rules.Set) {
	var lineRules []*rules.Rule
	for _, r := range rs.Stage("normalise") {
		if !special[r.Name] {
			lineRules = append(lineRules, r)
		}
	}
	// each line of text gets a trace entry, here or as a running header
	// or unrecognised: room for them at once
	n := 0
	for _, l := range lines {
		if !blank(l.Text) {
			n++
		}
	}
	if n > 0 {
		res.Trace = slices.Grow(res.Trace, n)
	}
	rest := make([]Line, 0, len(lines)) // lines no line rule matched, blanks kept as block ends
	prev := ""
	for _, l := range lines {
		if blank(l.Text) {
			rest = append(rest, Line{No: l.No})
			continue
		}
		r, m := match(lineRules, l.Text, prev)
		if r == nil {
			rest = append(rest, l)
			prev = ""
			continue
		}
		prev = r.Name
		res.trace(r, l.No, l.Text)
		if r.Action == rules.Capture {
			res.capture(r, m, l.No, rs)
		}
	}
	if res.Meta.Symbol == "" && len(res.Meta.ODSSymbols) > 0 {
		res.Meta.Symbol = res.Meta.ODSSymbols[0]
	}
	res.runningHeaders(rest, rs)
}

// match returns the first rule that matches text, honouring After, and
// for a capture rule the groups of the match.
func match(rs []*rules.Rule, text, prev string) (*rules.Rule, []string) {
	for _, r := range rs {
		if r.After != "" && prev != r.After && prev != r.Name {
			continue
		}
		if r.Action != rules.Capture {
			// only a capture needs the groups: a test is cheaper
			if r.Regexp().MatchString(text) {
				return r, nil
			}
			continue
		}
		if m := r.Regexp().FindStringSubmatch(text); m != nil {
			return r, m
		}
	}
	return nil, nil
}

// runningHeaders drops the blocks of lines that are running headers and
// warns about any other line left over.
func (res *Result) runningHeaders(rest []Line, rs *rules.Set) {
	rh := rs.Rule(ruleRunning)
	var re *rules.Regexp
	if rh != nil && res.Meta.Symbol != "" {
		var err error
		if re, err = rs.Expand(rh, map[string]string{"symbol": res.Meta.Symbol}); err != nil {
			res.warn(rh.Name, 0, err.Error())
		}
	}
	for i := 0; i < len(rest); {
		if rest[i].Text == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(rest) && rest[j].Text != "" {
			j++
		}
		text := rest[i].Text // the lines of the block, joined if several
		if j > i+1 {
			var b strings.Builder
			for k, l := range rest[i:j] {
				if k > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(l.Text)
			}
			text = b.String()
		}
		if re != nil && re.MatchString(text) {
			if t, ok := strings.CutPrefix(text, res.Meta.Symbol); ok && res.Meta.RunningTitle == "" {
				res.Meta.RunningTitle = strings.TrimSpace(t)
			}
			for _, l := range rest[i:j] {
				res.trace(rh, l.No, l.Text)
			}
		} else {
			for _, l := range rest[i:j] {
				res.Trace = append(res.Trace, document.Trace{Action: "unrecognised", Line: l.No, Text: l.Text})
				res.warn("", l.No, "text after the body that no rule recognises: "+quote(l.Text))
			}
		}
		i = j
	}
}

// capture sets the metadata fields named by the rule's groups.
func (res *Result) capture(r *rules.Rule, m []string, line int, rs *rules.Set) {
	meta := &res.Meta
	re := r.Regexp()
	for i, name := range re.SubexpNames() {
		v := strings.TrimSpace(m[i])
		if name == "" || v == "" {
			continue
		}
		switch name {
		case "symbol":
			meta.Symbol = v
		case "publisher":
			meta.Publisher = v
		case "issuingBody":
			meta.IssuingBody = v
		case "distribution":
			meta.Distribution = v
		case "issued":
			meta.IssuanceText = v
			if iso, ok := rs.Date(v); ok {
				meta.IssuanceDate = iso
			}
		case "session":
			meta.SessionText = v
		case "sessionOrdinal":
			if n, ok := rs.Ordinal(v); ok {
				meta.Session = n
			} else {
				res.warn(r.Name, line, "unknown session ordinal "+quote(v))
			}
		case "agenda":
			meta.AgendaText = v
		case "agendaItems":
			meta.AgendaItems = agendaItems(v)
		case "agendaTitle":
			meta.AgendaTitles = append(meta.AgendaTitles, v)
		case "jobNumber":
			meta.JobNumber = jobNumber.Replace(v)
		case "odsJobNo":
			meta.ODSJobNo = v
		case "odsSymbol":
			meta.ODSSymbols = append(meta.ODSSymbols, v)
		case "odsField", "odsValue", "day", "month", "year":
			// other hidden fields (kept in the trace) and the parts of a date
		default:
			res.warn(r.Name, line, "rule captures an unknown field "+quote(name))
		}
	}
}

var itemNumber = regexp.MustCompile(`\d+(?:\s*\(?[a-z]{1,2}\))?`)

// agendaItems lists the item numbers of "92", "14 and 122", "20 (a)".
func agendaItems(s string) []string { return itemNumber.FindAllString(s, -1) }

func (res *Result) trace(r *rules.Rule, line int, text string) {
	res.Trace = append(res.Trace, document.Trace{Rule: r.Name, Action: r.Action, Line: line, Text: text})
}

func (res *Result) warn(rule string, line int, msg string) {
	res.Warnings = append(res.Warnings, document.Warning{Stage: "normalise", Rule: rule, Line: line, Message: msg})
}

func group(re *rules.Regexp, m []string, name string) string {
	if i := re.SubexpIndex(name); i >= 0 && i < len(m) {
		return m[i]
	}
	return ""
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func quote(s string) string {
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return `"` + s + `"`
}

// jobNumber writes a captured job number as the UN's files do: a space
// for a no-break one, without the asterisk of a reissued document
// ("23-24915* (E)" is "23-24915 (E)").
var jobNumber = strings.NewReplacer("\u00a0", " ", "*", "")

// mergeInvisibleCells joins to the cell after it each TAB-separated cell
// that holds nothing but invisible characters (a directional mark between
// the number and the text, "6.<TAB>\u200e<TAB>Reaffirms", "6 -<TAB>\u200f<TAB>..."),
// with a space, as the UN's files keep the mark ("\u200e Reaffirms"): the
// line would otherwise look like a table row of three cells. Empty cells
// and visible text stay.
func mergeInvisibleCells(l string) string {
	if !strings.Contains(l, "\t") {
		return l
	}
	cells := strings.Split(l, "\t")
	kept := cells[:0]
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		if i > 0 && c != "" && i+1 < len(cells) && strings.TrimFunc(c, spaceOrFormat) == "" {
			cells[i+1] = strings.TrimSpace(c) + " " + cells[i+1]
			continue
		}
		kept = append(kept, c)
	}
	return strings.Join(kept, "\t")
}

// spaceOrFormat tells whether r is a space or an invisible format
// character (Unicode category Cf: directional marks, the Arabic letter
// mark U+061C, zero-width spaces and joiners, BOM).
func spaceOrFormat(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }
