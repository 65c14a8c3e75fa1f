package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/internal/word"
	"github.com/resconv/resconv/rules"
)

// linkNotes finds the footnote numbers glued to the text ("2005,1",
// "Secretary-General,2", "Security;3") and ties them to their notes.
//
// Notes are first referred to in the order of their numbers. A number
// glued to a word or to punctuation is a strong candidate; one glued to
// the digits of a number ("Agenda 216" for "Agenda 21" + note 6, "20132"
// for "2013" + note 2) is a weak one, taken only when the note has no
// strong candidate before the next note's. After its first reference, a
// note may be referred to again (strong candidates only).
func linkNotes(doc *document.Document, rs *rules.Set) {
	if len(doc.Notes) == 0 {
		return
	}
	ms := newMarkers(doc.Notes)
	titleNoteAfterSpace(doc, ms)
	ts := texts(doc)
	var cands []candidate
	for ti, t := range ts {
		for ri, in := range *t {
			if in.Note == nil {
				cands = appendCandidates(cands, ti, ri, in.Text, ms)
			}
		}
	}
	cands = dropNotAfter(cands, ts, rs)
	// what is costlier to know of a weak candidate is worked out only for
	// those findWeak considers: its rank by what follows it, and whether
	// it ends a date, whose last digits are no marker (then it is none)
	text := func(c candidate) string { return (*ts[c.text])[c.run].Text }
	rank := func(c candidate) weakness { return c.weak + placeWeakness(text(c), c.end) }
	isDate := func(c candidate) bool {
		s := text(c)
		return isDateNumber(s[c.digits:c.end], s[c.end:], rs)
	}

	// first references, in note order
	chosen := make([]bool, len(cands))
	first := make([]int, len(doc.Notes))
	cursor := -1
	for ni := range doc.Notes {
		first[ni] = -1
		nextStrong := len(cands)
		if ni+1 < len(doc.Notes) {
			if k := findStrong(cands, cursor, ni+1); k >= 0 {
				nextStrong = k
			}
		}
		k := findStrong(cands, cursor, ni)
		if k < 0 || k > nextStrong {
			if w := findWeak(cands, cursor, ni, nextStrong, rank, isDate); w >= 0 {
				k = w
			}
		}
		if k < 0 {
			continue
		}
		chosen[k], first[ni], cursor = true, k, k
	}
	// later references; candidates in one run of digits share its end:
	// none is one where a first reference was chosen. The candidates of
	// a run are next to each other in cands.
	for a := 0; a < len(cands); {
		b, taken := a, false
		for ; b < len(cands) && sameRun(cands[a], cands[b]); b++ {
			taken = taken || chosen[b]
		}
		for k := a; k < b && !taken; k++ {
			if c := cands[k]; c.strong && first[c.note] >= 0 && k > first[c.note] {
				chosen[k] = true
			}
		}
		a = b
	}
	// split the texts at the chosen candidates: they are in the order of
	// the texts, of their runs and of positions
	var refs []candidate
	for k, c := range cands {
		if chosen[k] {
			refs = append(refs, c)
		}
	}
	for ti, t := range ts {
		if len(refs) == 0 || refs[0].text != ti {
			if len(*t) == 0 {
				*t = nil // as the loop below leaves it
			}
			continue // no reference: the text stays as it is
		}
		var out document.Text
		for ri, in := range *t {
			n := 0
			for n < len(refs) && refs[n].text == ti && refs[n].run == ri {
				n++
			}
			cs := refs[:n]
			refs = refs[n:]
			if len(cs) == 0 {
				out = append(out, in)
				continue
			}
			s, at := in.Text, 0
			for _, c := range cs { // in order of position
				if c.start > at {
					out = append(out, document.Inline{Text: s[at:c.start]})
				}
				n := doc.Notes[c.note]
				n.Refs++
				out = append(out, document.Inline{Text: n.Marker, Note: n, First: n.Refs == 1})
				at = c.end
			}
			if at < len(s) {
				out = append(out, document.Inline{Text: s[at:]})
			}
		}
		*t = out
	}
	for _, n := range doc.Notes {
		if n.Refs == 0 {
			doc.Warnings = append(doc.Warnings, document.Warning{Stage: "detect", Line: n.Line,
				Message: "footnote " + n.Marker + " is not referred to in the text"})
		}
	}
}

// sameRun tells whether two candidates end the same run of digits.
func sameRun(a, b candidate) bool {
	return a.text == b.text && a.run == b.run && a.end == b.end
}

// candidate is a place where a footnote number may stand.
type candidate struct {
	text, run  int // which text and which run of it
	start, end int // byte span in the run
	note       int // index in doc.Notes
	strong     bool
	// of a weak candidate: its rank by the digits before it (with what
	// follows it, findWeak's rank), and where its run of digits starts
	weak   weakness
	digits int
}

// weakness ranks the weak candidates of one note, the likeliest first:
// by the number the marker is glued to, then by what follows it.
type weakness int

const (
	// afterYear: the digits before it are a year ("20302" for "2030" +
	// note 2), the usual place of a note in French and Spanish, which put
	// it before the punctuation
	afterYear weakness = 0
	// afterDigits: any other number ("принцип 71" for "принцип 7" + 1)
	afterDigits weakness = 3
	// inSymbol: the end of a resolution symbol ("73/463" for "73/46" +
	// note 3), rarer than a symbol that simply ends in that digit
	inSymbol weakness = 6
	// afterSpace: a whole number after a space and before punctuation
	// ("торговли 11;"), where a note was set after a space; the rarest
	afterSpace weakness = 9
)

// spacedBeforePunct tells whether the digits s[i:j] stand after a space
// after a letter or a closing quote and right before closing punctuation:
// "торговли 11;", "pesquera” 33;" may be the word and note 11 when no
// likelier candidate is found.
func spacedBeforePunct(s string, i, j int) bool {
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if !unicode.IsSpace(r) {
		return false
	}
	if p, _ := utf8.DecodeLastRuneInString(s[:i-n]); !unicode.IsLetter(p) && !strings.ContainsRune("”’»", p) {
		return false
	}
	q, _ := utf8.DecodeRuneInString(s[j:])
	return j < len(s) && strings.ContainsRune(",;:.", q)
}

// placeWeakness ranks a weak candidate ending at s[j] by what follows it:
// a note ends a paragraph or a clause more often than it stands inside
// one ("66/111, de 9 de diciembre …, 73/101," for note 1 after "73/10").
func placeWeakness(s string, j int) weakness {
	rest := s[j:]
	switch {
	case strings.TrimRight(rest, closing+" \u00a0") == "":
		return 0 // the end of the paragraph
	case rest[0] != ' ' && !strings.HasPrefix(rest, "\u00a0"):
		return 1 // punctuation
	}
	return 2
}

// markers finds a note by its marker ("12"); the last note of a marker
// wins.
type markers struct {
	notes []*document.Note
	// byNum is the index + 1 of the note of each marker of at most four
	// digits without a leading zero, by its value: the markers of a run
	// of digits are looked up without hashing.
	byNum []int32
	// maxLen is the length of the longest marker of digits without a
	// leading zero: a longer run of digits ends with no marker.
	maxLen int
}

func newMarkers(notes []*document.Note) *markers {
	ms := &markers{notes: notes}
	most := -1
	for _, n := range notes {
		if isNumber(n.Marker) {
			ms.maxLen = max(ms.maxLen, len(n.Marker))
			if len(n.Marker) <= 4 {
				most = max(most, value(n.Marker))
			}
		}
	}
	ms.byNum = make([]int32, most+1)
	for i, n := range notes {
		if isNumber(n.Marker) && len(n.Marker) <= 4 {
			ms.byNum[value(n.Marker)] = int32(i + 1)
		}
	}
	return ms
}

// isNumber tells whether a marker is digits without a leading zero.
func isNumber(m string) bool { return isDigits(m) && m[0] != '0' }

// value is the value of a few digits.
func value(d string) int {
	v := 0
	for i := 0; i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
	}
	return v
}

// digits returns the note whose marker is d, digits without a leading
// zero.
func (ms *markers) digits(d string) (int, bool) {
	if len(d) > ms.maxLen {
		return 0, false
	}
	return ms.find(d)
}

// find returns the note whose marker is d, digits.
func (ms *markers) find(d string) (int, bool) {
	if isNumber(d) && len(d) <= 4 {
		v := value(d)
		if v < len(ms.byNum) && ms.byNum[v] > 0 {
			return int(ms.byNum[v]) - 1, true
		}
		return 0, false
	}
	for i := len(ms.notes) - 1; i >= 0; i-- { // rare: "(01)", "12345"
		if ms.notes[i].Marker == d {
			return i, true
		}
	}
	return 0, false
}

// dropNotAfter removes the candidates that the language's notes-not-after
// rule rules out by the text before them: in the languages that write a
// decimal comma, "16,2 процента" is a number, not "16," and note 2.
func dropNotAfter(cands []candidate, ts []*document.Text, rs *rules.Set) []candidate {
	if rs == nil {
		return cands
	}
	r := rs.Rule(rs.Language + ".notes-not-after")
	if r == nil {
		return cands
	}
	re := r.Regexp()
	out := cands[:0]
	for _, c := range cands {
		if !re.MatchString((*ts[c.text])[c.run].Text[:c.start]) {
			out = append(out, c)
		}
	}
	return out
}

// What a run of digits follows, for its weak candidates.
const (
	unknown     = iota // not worked out yet
	nothing            // nothing a weak candidate may follow
	spaceOrOpen        // a space or an opening: "принцип 71"
	otherNumber        // another number: "73/463", "2017-20302"
)

// appendCandidates adds the candidates of one run of text, in order.
func appendCandidates(cs []candidate, ti, ri int, s string, ms *markers) []candidate {
	for i := indexDigit(s, 0); i < len(s); i = indexDigit(s, i+1) {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if i > 1 && s[i-1] == '(' && j < len(s) && s[j] == ')' && endsRef(s, j+1) && bracketGlued(s[:i-1]) {
			// "الإعلام(1)،": the Arabic texts put the number in brackets
			if n, ok := ms.find(s[i:j]); ok {
				cs = append(cs, candidate{ti, ri, i, j, n, true, 0, 0})
			}
		} else if i > 0 && betweenWords(s, i, j) {
			// "the Paris Agreement4and its": the export lost the space after the number
			if n, ok := ms.digits(s[i:j]); ok {
				cs = append(cs, candidate{ti, ri, i, j, n, true, 0, 0})
			}
		} else if i > 0 && (endsRef(s, j) || gluedBetweenHan(s, i, j)) {
			// what the run follows is worked out when a marker needs it
			after := unknown
			// the markers are the last maxLen digits at most
			for k := max(i, j-ms.maxLen); k < j; k++ {
				if s[k] == '0' {
					continue
				}
				n, ok := ms.digits(s[k:j])
				if !ok {
					continue
				}
				if k == i {
					if gluedAfter(s[:i]) || spacedAfterCJKStop(s[:i], s[j:]) {
						cs = append(cs, candidate{ti, ri, k, j, n, true, 0, 0})
					} else if spacedBeforePunct(s, i, j) {
						cs = append(cs, candidate{ti, ri, k, j, n, false, afterSpace, i})
					}
					continue
				}
				// a weak candidate, glued to the digits s[i:k]: after a
				// space or an opening, or in a number that continues another
				if after == unknown {
					switch {
					case isSpaceOrOpen(s[:i]):
						after = spaceOrOpen
					case afterNumber(s[:i]):
						after = otherNumber
					default:
						after = nothing
					}
				}
				if after == nothing {
					continue
				}
				w := afterDigits
				if after == otherNumber {
					w = inSymbol
				}
				if isYear(s[i:k]) {
					w = afterYear // "20302", "2017-20302"
				}
				cs = append(cs, candidate{ti, ri, k, j, n, false, w, i})
			}
		}
		i = j - 1
	}
	return cs
}

// findStrong returns the first strong candidate for note ni after index
// from; -1 if none.
func findStrong(cs []candidate, from, ni int) int {
	for k := from + 1; k < len(cs); k++ {
		if cs[k].note == ni && cs[k].strong {
			return k
		}
	}
	return -1
}

// findWeak returns the likeliest weak candidate for note ni after index
// from and before limit, the first of its rank; -1 if none. A candidate
// that ends a date (isDate, costly: asked last) is none.
func findWeak(cs []candidate, from, ni int, limit int, rank func(candidate) weakness, isDate func(candidate) bool) int {
	best, bestRank := -1, weakness(0)
	for k := from + 1; k < limit && k < len(cs); k++ {
		c := cs[k]
		if c.note != ni || c.strong {
			continue
		}
		if r := rank(c); (best < 0 || r < bestRank) && !isDate(c) {
			best, bestRank = k, r
		}
	}
	return best
}

// afterSymbolAbbrev tells whether before, the text before the number of a
// symbol part (or before its full stop), ends with the capital letters of
// that part after a slash: the number of "decision 3/COP.14" + note 2
// ("3/COP.142") may take a note, also when the letters are Cyrillic look-
// alikes and the stop is left out ("22/СОР1512").
func afterSymbolAbbrev(before string) bool {
	i := len(before)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:i])
		if !unicode.IsUpper(r) {
			break
		}
		i -= n
	}
	return i < len(before) && i > 0 && before[i-1] == '/'
}

// isYear tells whether digits are a year: 19xx or 20xx.
func isYear(d string) bool {
	return len(d) == 4 && (d[:2] == "19" || d[:2] == "20")
}

// afterNumber tells whether a run of digits may continue a number that
// a note follows: the second number of a resolution symbol "73/463" or of
// a decision "VII/1113", of a range of years "2017-2030" (any hyphen or an
// en dash), or the number after an abbreviation in a symbol "3/COP.14".
func afterNumber(before string) bool {
	r, n := utf8.DecodeLastRuneInString(before)
	switch {
	case r == '.':
		return afterSymbolAbbrev(before[:len(before)-n])
	case unicode.IsUpper(r):
		return afterSymbolAbbrev(before) // "22/СОР15", without the full stop
	}
	if r != '/' && !strings.ContainsRune("-‐‑–", r) {
		return false
	}
	d := len(before) - n
	i := d
	for i > 0 && isDigit(before[i-1]) {
		i--
	}
	if r == '/' {
		most := 3
		if d == i {
			// a decision numbered by session in roman numerals: "VII/11"
			for i > 0 && strings.IndexByte("IVXLC", before[i-1]) >= 0 {
				i--
			}
			most = 6
		}
		// the symbol follows a space, often a no-break one ("резолюции
		// 76/149"); a financial period "2024/25" follows a year
		return d-i >= 1 && d-i <= most && (i == 0 || isSpaceOrOpen(before[:i])) || isYear(before[i:d])
	}
	return isYear(before[i:d])
}

// texts lists, in document order, every text that may hold a reference.
func texts(doc *document.Document) []*document.Text {
	var out []*document.Text
	var block func(b *document.Block)
	block = func(b *document.Block) {
		out = append(out, &b.Text)
		for _, r := range b.Rows {
			for i := range r {
				out = append(out, &r[i])
			}
		}
		for _, p := range b.Points {
			block(p)
		}
	}
	stmt := func(s *document.Statement) {
		out = append(out, &s.Label, &s.Heading)
		if s.Formula != nil {
			block(s.Formula)
		}
		for _, b := range s.Preamble {
			block(b)
		}
		for _, b := range s.Operative {
			block(b)
		}
		for _, a := range s.Annexes {
			out = append(out, &a.Heading, &a.Title)
			for _, b := range a.Blocks {
				block(b)
			}
		}
	}
	out = append(out, &doc.Meta.Title, &doc.Meta.Subtitle)
	stmt(doc.Body)
	for _, p := range doc.Parts {
		stmt(p)
	}
	return out
}

// gluedAfter tells whether a marker may follow the text before it: a
// letter, closing punctuation or a per cent sign ("69%14", which no number
// continues); not a digit, a space, a slash or a dash.
func gluedAfter(before string) bool {
	r, n := utf8.DecodeLastRuneInString(before)
	if r == '.' {
		// "regulation 3.2" is a number, but "in 2019.3" is a year and note 3
		d := len(before) - n
		i := d
		for i > 0 && isDigit(before[i-1]) {
			i--
		}
		if d-i > 0 && d-i < 4 {
			return false
		}
	}
	return unicode.IsLetter(r) || strings.ContainsRune(closing, r) || r == '%'
}

// spacedAfterCJKStop tells whether a number that ends a paragraph after a
// Chinese full stop and a space ("翻番。 4") is its footnote number: no
// number follows the end of a Chinese sentence.
func spacedAfterCJKStop(before, after string) bool {
	if strings.TrimSpace(after) != "" {
		return false
	}
	b := strings.TrimSuffix(strings.TrimSuffix(before, " "), "\u00a0")
	if len(b) == len(before) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(b)
	return strings.ContainsRune("。；：", r)
}

// titleNoteAfterSpace glues to the title the number of the first note
// when a space separates them at the end of the title ("... Occupied
// Palestinian Territory 1"): a title that starts the document does not end
// with a bare "1" of its own.
func titleNoteAfterSpace(doc *document.Document, ms *markers) {
	t := doc.Meta.Title
	if len(t) == 0 || t[len(t)-1].Note != nil {
		return
	}
	last := &t[len(t)-1]
	body, ok := strings.CutSuffix(strings.TrimRight(last.Text, " "), " 1")
	if _, known := ms.digits("1"); !ok || !known || body == "" {
		return
	}
	if r, _ := utf8.DecodeLastRuneInString(body); unicode.IsLetter(r) {
		last.Text = body + "1"
	}
}

// betweenWords tells whether the digits s[i:j] stand between a word and a
// lower-case word, with no space on either side: a footnote number whose
// following space the export lost ("Agreement4and"). Letters, not digits,
// on both sides: "CO2" or "4th" are no such place.
func betweenWords(s string, i, j int) bool {
	if j >= len(s) || j-i > 3 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[j:])
	return unicode.IsLetter(before) && unicode.IsLower(after) && unicode.IsLower(before)
}

// closing is the punctuation a footnote number may follow or precede, in
// the six languages: Latin, Cyrillic, Arabic and CJK.
const closing = ",.;:)]’”\"'»،؛，。；：、）》」』"

// isSpaceOrOpen tells whether a number may start after before.
func isSpaceOrOpen(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsSpace(r) || strings.ContainsRune("([“‘\"", r)
}

// endsRef tells whether a reference may end at j: at the end, before a
// space or before punctuation.
func endsRef(s string, j int) bool {
	if j == len(s) {
		return true
	}
	r, n := utf8.DecodeRuneInString(s[j:])
	if r == '.' && j+n < len(s) && isDigit(s[j+n]) {
		return false // "2.595", "3.2%": a decimal number, not a reference
	}
	if spacedPercent(s[j:]) {
		return false
	}
	return unicode.IsSpace(r) || strings.ContainsRune(closing, r) || strings.ContainsRune(openingCJK, r)
}

// gluedBetweenHan tells whether the digits s[i:j], followed by a Chinese
// character, may still be a footnote number: Chinese writes no space
// after it, so the number stands between two characters ("《战略》15全系统",
// "第45/3号4和"); it does so after a closing quote or bracket, or after
// the "号" that ends a cited symbol, which no number follows in the text
// ("第4条", "2015年3月" are numbers, not notes).
func gluedBetweenHan(s string, i, j int) bool {
	if j >= len(s) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[j:])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.Is(unicode.Han, next) && strings.ContainsRune("》」』）)号", prev)
}

// spacedPercent tells whether rest is a space and a percent sign: the
// digits before it end a number ("16,2 %", "3\u00a0%" in French and
// Spanish, which space the sign), not a footnote reference.
func spacedPercent(rest string) bool {
	r, n := utf8.DecodeRuneInString(rest)
	return unicode.IsSpace(r) && strings.HasPrefix(rest[n:], "%")
}

// openingCJK is the opening punctuation that may follow a footnote number
// in Chinese text: "《公约》、3《生物多样性公约》".
const openingCJK = "《「『（【“"

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// indexDigit returns the index of the first ASCII digit of s from i on,
// or len(s). Few bytes are digits: they are tested eight at a time.
func indexDigit(s string, i int) int {
	const ones, highs = word.Ones, word.Highs
	for ; i+8 <= len(s); i += 8 {
		x := word.Load(s, i)
		// in each byte: t is its low seven bits; adding to t sets the
		// high bit, with no carry into the next byte, where t ≥ '0',
		// and where t > '9'; a byte whose own high bit is set is no digit
		t := x &^ highs
		ge := t + (0x80-'0')*ones
		gt := t + (0x80-'9'-1)*ones
		if ge&^gt&^x&highs != 0 {
			break // a digit among these eight: find it below
		}
	}
	for ; i < len(s); i++ {
		if isDigit(s[i]) {
			return i
		}
	}
	return len(s)
}

// bracketGlued tells whether a bracketed marker "(1)" may follow the text
// before it: anything but a space or an opening bracket. Arabic texts glue
// it to words, digits ("2030(4)") and their closing quote ("“(2)").
func bracketGlued(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return r != utf8.RuneError && !unicode.IsSpace(r) && r != '(' && r != '['
}

// isDateNumber tells whether a run of digits is a year (1900-2099) or the
// day of a date ("21 декабря"): its last digits are not a footnote number.
func isDateNumber(run, after string, rs *rules.Set) bool {
	if isYear(run) {
		return true
	}
	if len(run) > 2 || rs == nil {
		return false
	}
	// the month may come after a word: "11 de noviembre"
	rest, w := after, ""
	for range 2 {
		a := strings.TrimLeft(rest, " \u00a0")
		if len(a) == len(rest) {
			return false
		}
		i := strings.IndexFunc(a, func(r rune) bool { return !unicode.IsLetter(r) })
		if i < 0 {
			i = len(a)
		}
		if i == 0 {
			return false
		}
		next := a[:i]
		w, rest = strings.TrimSpace(w+" "+next), a[i:]
		// the language's date pattern says whether w is a month name;
		// asked only after a month's first word, and for the few weak
		// candidates findWeak weighs
		if rs.MonthWord(next) {
			if _, ok := rs.Date("1 " + w + " 2000"); ok {
				return true
			}
		}
	}
	return false
}
