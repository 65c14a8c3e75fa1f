package rules

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Regexp is a rule's compiled pattern: a *regexp.Regexp whose search
// methods first try a quick test worked out from the pattern, which tells
// in a few nanoseconds that most lines cannot match, and search only the
// end of the text for a pattern anchored at the end. The results are
// always those of the regexp package: the quick tests are necessary
// conditions of a match, never guesses. They are:
//
//   - first: for a pattern anchored at the start ("^\d+\."), the bytes a
//     match can start with;
//   - seq: for any pattern, a run of single-byte classes that every
//     match contains (" " then a digit, for "\S (\d{1,3})...");
//   - tail: for a pattern anchored at the end whose matches are at most
//     so many bytes long and that tests no other position ("[.;:]$"),
//     that length: only that many bytes before the end are searched.
//
// Go's regexp package has none of them for such patterns: it tries a
// match at every position, which made the rules most of the conversion
// time.
type Regexp struct {
	*regexp.Regexp
	// the quick tests are worked out from expr the first time a search
	// needs them: most rules of a set are never used on a long text
	expr     string
	once     sync.Once
	anchored bool       // the pattern starts with ^ (start of text)
	first    *[256]bool // bytes a match of an anchored pattern starts with; nil: any
	seq      []*[256]bool
	// lead, when ≥ 0, is the most bytes a match has before its seq, in a
	// pattern that looks at no byte before a match: a search can then
	// start just before the first place seq is found.
	lead int
	// leadRunes, when ≥ 0, is the exact number of runes before seq in
	// every match ("\S 12" has one): a match then starts at one place
	// before each seq, which findFrom tries alone.
	leadRunes int
	// anch is the pattern anchored at the start: with a lead, a match is
	// sought at the few places before each seq rather than all along.
	anch  *regexp.Regexp
	tail  int // > 0: the longest match, in bytes, of an end-anchored pattern
	whole int // ≥ 0: the longest text, in bytes, a pattern anchored at both ends matches
	// last: for a pattern anchored at the end, the bytes a match can end
	// with; nil: any
	last *[256]bool
	// cut is the pattern without the ".*$" that ends it, for a text
	// without newline (cutNL: or with); spine lists the groups that end
	// with the ".*" and so at the end of the text.
	cut   *regexp.Regexp
	cutNL bool
	spine []int
}

// newRegexp wraps re, compiled from the pattern expr.
func newRegexp(re *regexp.Regexp, expr string) *Regexp {
	return &Regexp{Regexp: re, expr: expr, lead: -1, leadRunes: -1, whole: -1}
}

// analyse works out the quick tests.
func (r *Regexp) analyse() {
	t, err := syntax.Parse(r.expr, syntax.Perl)
	if err != nil {
		return // cannot happen: the pattern compiled
	}
	t = t.Simplify()
	body := unwrap(t)
	if body.Op == syntax.OpConcat && len(body.Sub) > 0 && body.Sub[0].Op == syntax.OpBeginText {
		r.anchored = true
		rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: body.Sub[1:]}
		if set, nullable := firstBytes(rest); !nullable {
			r.first = set
		}
	}
	r.seq, r.lead, r.leadRunes = requiredRun(body)
	if r.lead >= 0 && looksBehind(t) {
		r.lead, r.leadRunes = -1, -1
	}
	if r.lead >= 0 && !r.anchored {
		r.anch, _ = regexp.Compile(`^(?:` + r.expr + `)`)
	}
	if n, ok := tailLength(body); ok {
		r.tail = n
	}
	r.cutTail(t)
	if r.anchored && len(body.Sub) >= 2 && body.Sub[len(body.Sub)-1].Op == syntax.OpEndText {
		if n, ok := maxRunes(&syntax.Regexp{Op: syntax.OpConcat, Sub: body.Sub[1 : len(body.Sub)-1]}); ok {
			r.whole = n * utf8.UTFMax
		}
	}
	if body.Op == syntax.OpConcat && len(body.Sub) > 0 && body.Sub[len(body.Sub)-1].Op == syntax.OpEndText {
		rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: body.Sub[:len(body.Sub)-1]}
		if set, nullable := lastBytes(rest); !nullable {
			r.last = set
		}
	}
}

// addLastRange adds the last bytes of the UTF-8 forms of the runes
// lo..hi: the runes themselves for ASCII, any continuation byte for the
// others, any byte from 0x80 for U+FFFD (a byte of invalid UTF-8).
func addLastRange(s *byteSet, lo, hi rune) {
	for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
		s[r] = true
	}
	if hi >= utf8.RuneSelf {
		for b := 0x80; b <= 0xBF; b++ {
			s[b] = true
		}
	}
	if lo <= utf8.RuneError && utf8.RuneError <= hi {
		for b := 0x80; b < 256; b++ {
			s[b] = true
		}
	}
}

// unwrap removes the capture groups around a whole pattern.
func unwrap(t *syntax.Regexp) *syntax.Regexp {
	for t.Op == syntax.OpCapture {
		t = t.Sub[0]
	}
	return t
}

// byteSet is a set of bytes.
type byteSet = [256]bool

func allBytes(except ...byte) *byteSet {
	var s byteSet
	for i := range s {
		s[i] = true
	}
	for _, b := range except {
		s[b] = false
	}
	return &s
}

// addRange adds the first bytes of the UTF-8 forms of the runes lo..hi
// (a superset: each lead byte whose runes meet the range). Go's regexp
// reads a byte of invalid UTF-8 as U+FFFD: a range with U+FFFD can start
// at any byte from 0x80.
func addRange(s *byteSet, lo, hi rune) {
	for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
		s[r] = true
	}
	type lead struct {
		from, to byte
		shift    uint
	}
	for _, l := range []lead{{0xC2, 0xDF, 6}, {0xE0, 0xEF, 12}, {0xF0, 0xF4, 18}} {
		for b := int(l.from); b <= int(l.to); b++ {
			var base rune
			switch l.shift {
			case 6:
				base = rune(b-0xC0) << 6
			case 12:
				base = rune(b-0xE0) << 12
			default:
				base = rune(b-0xF0) << 18
			}
			top := base + 1<<l.shift - 1
			if base <= hi && top >= lo {
				s[b] = true
			}
		}
	}
	if lo <= utf8.RuneError && utf8.RuneError <= hi {
		for b := 0x80; b < 256; b++ {
			s[b] = true
		}
	}
}

// literalRunes gives the runes a literal rune may match: itself and, with
// case folding, its other cases.
func literalRunes(r rune, fold bool) []rune {
	out := []rune{r}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			out = append(out, f)
		}
	}
	return out
}

// firstBytes returns the bytes that a match of t can start with, and
// whether t can match the empty string (then its match may start with
// whatever follows it).
func firstBytes(t *syntax.Regexp) (*byteSet, bool) { return edgeBytes(t, false) }

// lastBytes is firstBytes for the end of a match: the bytes it can end
// with.
func lastBytes(t *syntax.Regexp) (*byteSet, bool) { return edgeBytes(t, true) }

// edgeBytes is firstBytes, or lastBytes with last.
func edgeBytes(t *syntax.Regexp, last bool) (*byteSet, bool) {
	var s byteSet
	add := addRange
	if last {
		add = addLastRange
	}
	switch t.Op {
	case syntax.OpNoMatch:
		return &s, false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return &s, true
	case syntax.OpLiteral:
		if len(t.Rune) == 0 {
			return &s, true
		}
		r := t.Rune[0]
		if last {
			r = t.Rune[len(t.Rune)-1]
		}
		for _, f := range literalRunes(r, t.Flags&syntax.FoldCase != 0) {
			add(&s, f, f)
		}
		return &s, false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(t.Rune); i += 2 {
			add(&s, t.Rune[i], t.Rune[i+1])
		}
		return &s, false
	case syntax.OpAnyCharNotNL:
		return allBytes('\n'), false
	case syntax.OpAnyChar:
		return allBytes(), false
	case syntax.OpCapture, syntax.OpPlus:
		return edgeBytes(t.Sub[0], last)
	case syntax.OpStar, syntax.OpQuest:
		set, _ := edgeBytes(t.Sub[0], last)
		return set, true
	case syntax.OpRepeat:
		set, nullable := edgeBytes(t.Sub[0], last)
		return set, nullable || t.Min == 0
	case syntax.OpConcat:
		for k := range t.Sub {
			sub := t.Sub[k]
			if last {
				sub = t.Sub[len(t.Sub)-1-k]
			}
			set, nullable := edgeBytes(sub, last)
			union(&s, set)
			if !nullable {
				return &s, false
			}
		}
		return &s, true
	case syntax.OpAlternate:
		any := false
		for _, sub := range t.Sub {
			set, nullable := edgeBytes(sub, last)
			union(&s, set)
			any = any || nullable
		}
		return &s, any
	}
	return allBytes(), true // unknown: no information
}

func union(dst, src *byteSet) {
	for i, ok := range src {
		if ok {
			dst[i] = true
		}
	}
}

// oneByte[c] is the set of the byte c alone.
var oneByte = func() (t [utf8.RuneSelf]byteSet) {
	for c := range t {
		t[c][c] = true
	}
	return
}()

// singleByte returns the set of an element that matches exactly one
// byte: an ASCII literal rune or an ASCII class.
func singleByte(t *syntax.Regexp) (*byteSet, bool) {
	var s byteSet
	switch t.Op {
	case syntax.OpLiteral:
		if len(t.Rune) != 1 {
			return nil, false
		}
		if r := t.Rune[0]; r < utf8.RuneSelf && t.Flags&syntax.FoldCase == 0 {
			return &oneByte[r], true // shared: the sets are never changed
		}
		for _, r := range literalRunes(t.Rune[0], t.Flags&syntax.FoldCase != 0) {
			if r >= utf8.RuneSelf {
				return nil, false
			}
			s[r] = true
		}
		return &s, true
	case syntax.OpCharClass:
		if len(t.Rune) == 0 {
			return nil, false
		}
		for i := 0; i+1 < len(t.Rune); i += 2 {
			if t.Rune[i+1] >= utf8.RuneSelf {
				return nil, false
			}
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				s[r] = true
			}
		}
		return &s, true
	case syntax.OpCapture:
		return singleByte(t.Sub[0])
	}
	return nil, false
}

// runs describes the byte classes that a match of t has in a row:
// prefix, those it always starts with; exact, whether it is exactly
// them (so that a run goes on with what follows t); best, the longest
// run anywhere in it.
func runs(t *syntax.Regexp) (prefix []*byteSet, exact bool, best []*byteSet) {
	switch t.Op {
	case syntax.OpLiteral:
		var cur []*byteSet
		started := true // the literal's runes from its start are all single bytes so far
		for _, r := range t.Rune {
			set, ok := singleByte(&syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}, Flags: t.Flags})
			if !ok {
				if started {
					prefix = cur
				}
				started = false
				cur = nil
				continue
			}
			cur = append(cur, set)
			if len(cur) > len(best) {
				best = cur
			}
		}
		if started {
			return cur, true, cur
		}
		return prefix, false, best
	case syntax.OpCharClass:
		if set, ok := singleByte(t); ok {
			run := []*byteSet{set}
			return run, true, run
		}
	case syntax.OpCapture:
		return runs(t.Sub[0])
	case syntax.OpPlus:
		p, _, b := runs(t.Sub[0])
		return p, false, b // the run goes on with another repetition, not with what follows
	case syntax.OpConcat:
		var cur []*byteSet
		exact = true
		for _, sub := range t.Sub {
			p, e, b := runs(sub)
			cur = append(cur[:len(cur):len(cur)], p...)
			if len(cur) > len(best) {
				best = cur
			}
			if len(b) > len(best) {
				best = b
			}
			if exact {
				prefix = cur
			}
			if !e {
				exact = false
				cur = nil
			}
		}
		return prefix, exact, best
	}
	return nil, false, nil
}

// requiredRun is the run of single-byte classes that every match
// contains, when it is selective enough to be worth a scan; lead, the
// most bytes before it in a match (-1: unknown); and leadRunes, the
// runes before it when every match has that many (-1: not known).
func requiredRun(t *syntax.Regexp) (run []*byteSet, lead, leadRunes int) {
	_, _, run = runs(t)
	lead, leadRunes = -1, -1
	if t.Op == syntax.OpConcat {
		// where the run starts: at the start of a part of the pattern, or
		// inside one (unknown)
		var cur, best []*byteSet
		start, bestStart := 0, -1
		for i, sub := range t.Sub {
			p, e, b := runs(sub)
			if len(cur) == 0 {
				start = i
			}
			cur = append(cur[:len(cur):len(cur)], p...)
			if len(cur) > len(best) {
				best, bestStart = cur, start
			}
			if len(b) > len(best) {
				best, bestStart = b, -1
			}
			if !e {
				cur = nil
			}
		}
		if len(best) == len(run) && bestStart >= 0 {
			before := &syntax.Regexp{Op: syntax.OpConcat, Sub: t.Sub[:bestStart]}
			if n, ok := maxRunes(before); ok {
				lead = n * utf8.UTFMax
			}
			if n, ok := exactRunes(before); ok {
				leadRunes = n
			}
		}
	}
	if len(run) >= 2 {
		return run, lead, leadRunes
	}
	if len(run) == 1 {
		n := 0
		for _, ok := range run[0] {
			if ok {
				n++
			}
		}
		if n <= 4 && !run[0][' '] {
			return run, lead, leadRunes
		}
	}
	return nil, -1, -1
}

// looksBehind tells whether t has an assertion about the text before a
// position: ^, \b, \B.
func looksBehind(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, sub := range t.Sub {
		if looksBehind(sub) {
			return true
		}
	}
	return false
}

// seqAt returns the first place from from where seq is found, or -1.
func (r *Regexp) seqAt(s string, from int) int {
	k := len(r.seq)
	first := r.seq[0]
scan:
	for i := from; i+k <= len(s); i++ {
		if !first[s[i]] {
			continue
		}
		for j := 1; j < k; j++ {
			if !r.seq[j][s[i+j]] {
				continue scan
			}
		}
		return i
	}
	return -1
}

// searchFrom is where a search from pos may start: lead bytes before the
// first seq, at the start of a rune; -1 if there is no match.
func (r *Regexp) searchFrom(s string, pos int) int {
	at := r.seqAt(s, pos)
	if at < 0 {
		return -1
	}
	return runeBefore(s, pos, at-r.lead)
}

// runeBefore returns the last place at or before target where a rune
// starts, as the regexp package reads s from pos (where one starts): a
// byte of invalid UTF-8 is a rune of its own there, so that only reading
// forward tells. It returns pos if target is before pos.
func runeBefore(s string, pos, target int) int {
	at := pos
	for at < target {
		_, w := utf8.DecodeRuneInString(s[at:])
		if at+w > target {
			break
		}
		at += w
	}
	return at
}

// tailLength tells whether every match of t ends at the end of the text,
// with no other assertion (that a window of the text could answer
// differently), and gives the longest match in bytes.
func tailLength(t *syntax.Regexp) (int, bool) {
	if t.Op != syntax.OpConcat || len(t.Sub) < 2 || t.Sub[len(t.Sub)-1].Op != syntax.OpEndText {
		return 0, false
	}
	n, ok := maxRunes(&syntax.Regexp{Op: syntax.OpConcat, Sub: t.Sub[:len(t.Sub)-1]})
	if !ok || n > 64 {
		return 0, false
	}
	return n * utf8.UTFMax, true
}

// maxRunes is the most runes a match of t has; ok is false when that is
// unbounded or t has an assertion.
func maxRunes(t *syntax.Regexp) (int, bool) {
	switch t.Op {
	case syntax.OpEmptyMatch, syntax.OpNoMatch:
		return 0, true
	case syntax.OpLiteral:
		return len(t.Rune), true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, true
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(t.Sub[0])
	case syntax.OpRepeat:
		if t.Max < 0 {
			return 0, false
		}
		n, ok := maxRunes(t.Sub[0])
		return n * t.Max, ok
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range t.Sub {
			n, ok := maxRunes(sub)
			if !ok {
				return 0, false
			}
			if t.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total, true
	}
	return 0, false // star, plus, assertions
}

// exactRunes is the number of runes every match of t has; ok is false
// when matches differ in length or t has an assertion.
func exactRunes(t *syntax.Regexp) (int, bool) {
	switch t.Op {
	case syntax.OpEmptyMatch:
		return 0, true
	case syntax.OpLiteral:
		return len(t.Rune), true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, true
	case syntax.OpCapture:
		return exactRunes(t.Sub[0])
	case syntax.OpRepeat:
		n, ok := exactRunes(t.Sub[0])
		return n * t.Min, ok && t.Min == t.Max
	case syntax.OpConcat, syntax.OpAlternate:
		total := -1
		for _, sub := range t.Sub {
			n, ok := exactRunes(sub)
			switch {
			case !ok:
				return 0, false
			case t.Op == syntax.OpConcat:
				total = max(total, 0) + n
			case total >= 0 && n != total:
				return 0, false
			default:
				total = n
			}
		}
		return max(total, 0), total >= 0 || t.Op == syntax.OpConcat
	}
	return 0, false // star, plus, quest, no match, assertions
}

// cutTail prepares the search of a pattern that ends with ".*$", as
// "^(?P<num>\d+\.)(?:[\t ]+(?P<text>\S.*))?$" does: where the text has
// no newline, ".*$" matches whatever is left, so the pattern without it
// finds the same match, whose groups that hold the ".*" are then made to
// end at the end of the text. The regexp package would read the text to
// its end one rune at a time.
func (r *Regexp) cutTail(t *syntax.Regexp) {
	if t.Op != syntax.OpConcat || len(t.Sub) < 2 || t.Sub[len(t.Sub)-1].Op != syntax.OpEndText {
		return
	}
	caps := map[int]bool{}
	nl := false
	last, ok := cutSpine(t.Sub[len(t.Sub)-2], caps, &nl)
	if !ok {
		return
	}
	sub := append(append([]*syntax.Regexp{}, t.Sub[:len(t.Sub)-2]...), last)
	var b strings.Builder
	if !printRegexp(&b, &syntax.Regexp{Op: syntax.OpConcat, Sub: sub}) {
		return
	}
	cut, err := regexp.Compile(b.String())
	if err != nil || cut.NumSubexp() != r.NumSubexp() {
		return
	}
	for i, n := range cut.SubexpNames() {
		if n != r.SubexpNames()[i] {
			return
		}
	}
	r.cut, r.cutNL = cut, nl
	for c := range caps {
		r.spine = append(r.spine, c)
	}
}

// printRegexp writes t as a pattern that compiles to the same program.
// syntax.Regexp's String does too, but works out the shortest flags for
// each case-folded class, which took milliseconds for a class such as
// \p{L}: the rules were slower to load than to run. ok is false for an
// operator it does not know.
func printRegexp(b *strings.Builder, t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpNoMatch:
		b.WriteString(`[^\x00-\x{10FFFF}]`)
	case syntax.OpEmptyMatch:
		b.WriteString(`(?:)`)
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			b.WriteString(`(?i:`)
		} else {
			b.WriteString(`(?:`)
		}
		for _, r := range t.Rune {
			printRune(b, r)
		}
		b.WriteByte(')')
	case syntax.OpCharClass:
		b.WriteByte('[')
		if len(t.Rune) == 0 {
			b.WriteString(`^\x00-\x{10FFFF}`)
		}
		for i := 0; i+1 < len(t.Rune); i += 2 {
			printRune(b, t.Rune[i])
			if t.Rune[i+1] != t.Rune[i] {
				b.WriteByte('-')
				printRune(b, t.Rune[i+1])
			}
		}
		b.WriteByte(']')
	case syntax.OpAnyCharNotNL:
		b.WriteString(`(?-s:.)`)
	case syntax.OpAnyChar:
		b.WriteString(`(?s:.)`)
	case syntax.OpBeginLine:
		b.WriteString(`(?m:^)`)
	case syntax.OpEndLine:
		b.WriteString(`(?m:$)`)
	case syntax.OpBeginText:
		b.WriteString(`\A`)
	case syntax.OpEndText:
		b.WriteString(`\z`)
	case syntax.OpWordBoundary:
		b.WriteString(`\b`)
	case syntax.OpNoWordBoundary:
		b.WriteString(`\B`)
	case syntax.OpCapture:
		if t.Name != "" {
			b.WriteString(`(?P<` + t.Name + `>`)
		} else {
			b.WriteByte('(')
		}
		if !printRegexp(b, t.Sub[0]) {
			return false
		}
		b.WriteByte(')')
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		b.WriteString(`(?:`)
		if !printRegexp(b, t.Sub[0]) {
			return false
		}
		b.WriteByte(')')
		switch t.Op {
		case syntax.OpStar:
			b.WriteByte('*')
		case syntax.OpPlus:
			b.WriteByte('+')
		case syntax.OpQuest:
			b.WriteByte('?')
		default:
			b.WriteString("{" + strconv.Itoa(t.Min))
			if t.Max != t.Min {
				b.WriteByte(',')
				if t.Max >= 0 {
					b.WriteString(strconv.Itoa(t.Max))
				}
			}
			b.WriteByte('}')
		}
		if t.Flags&syntax.NonGreedy != 0 {
			b.WriteByte('?')
		}
	case syntax.OpConcat, syntax.OpAlternate:
		b.WriteString(`(?:`)
		for i, sub := range t.Sub {
			if i > 0 && t.Op == syntax.OpAlternate {
				b.WriteByte('|')
			}
			if !printRegexp(b, sub) {
				return false
			}
		}
		b.WriteByte(')')
	default:
		return false
	}
	return true
}

// printRune writes r escaped, as \x{...}.
func printRune(b *strings.Builder, r rune) {
	b.WriteString(`\x{`)
	b.WriteString(strconv.FormatInt(int64(r), 16))
	b.WriteByte('}')
}

// cutSpine rewrites x, the end of a pattern followed by $ only: each ".*"
// that ends it (on its right spine) is taken out, each other ending keeps
// its $. ok says some ".*" was taken out; caps gets the groups that
// ended with one; nl, whether one was (?s:.*), which matches newlines.
func cutSpine(x *syntax.Regexp, caps map[int]bool, nl *bool) (*syntax.Regexp, bool) {
	keep := func() (*syntax.Regexp, bool) {
		return &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{x, {Op: syntax.OpEndText}}}, false
	}
	switch x.Op {
	case syntax.OpStar:
		if x.Flags&syntax.NonGreedy != 0 {
			return keep()
		}
		switch x.Sub[0].Op {
		case syntax.OpAnyCharNotNL:
			return &syntax.Regexp{Op: syntax.OpEmptyMatch}, true
		case syntax.OpAnyChar:
			*nl = true
			return &syntax.Regexp{Op: syntax.OpEmptyMatch}, true
		}
	case syntax.OpCapture:
		sub, ok := cutSpine(x.Sub[0], caps, nl)
		if ok {
			caps[x.Cap] = true
		}
		return &syntax.Regexp{Op: syntax.OpCapture, Cap: x.Cap, Name: x.Name, Sub: []*syntax.Regexp{sub}}, ok
	case syntax.OpConcat:
		if len(x.Sub) == 0 {
			return keep()
		}
		last, ok := cutSpine(x.Sub[len(x.Sub)-1], caps, nl)
		if !ok {
			return keep()
		}
		sub := append(append([]*syntax.Regexp{}, x.Sub[:len(x.Sub)-1]...), last)
		return &syntax.Regexp{Op: syntax.OpConcat, Sub: sub}, true
	case syntax.OpAlternate:
		any := false
		sub := make([]*syntax.Regexp, len(x.Sub))
		for i, b := range x.Sub {
			var ok bool
			sub[i], ok = cutSpine(b, caps, nl)
			any = any || ok
		}
		if !any {
			return keep()
		}
		return &syntax.Regexp{Op: syntax.OpAlternate, Sub: sub}, true
	case syntax.OpQuest:
		if x.Flags&syntax.NonGreedy != 0 {
			return keep()
		}
		sub, ok := cutSpine(x.Sub[0], caps, nl)
		if !ok {
			return keep()
		}
		// taken: ends as sub does; skipped: $ right there
		return &syntax.Regexp{Op: syntax.OpAlternate, Sub: []*syntax.Regexp{sub, {Op: syntax.OpEndText}}}, true
	}
	return keep()
}

// useCut tells whether the pattern without its ".*$" can search s.
func (r *Regexp) useCut(s string) bool {
	return r.cut != nil && (r.cutNL || strings.IndexByte(s, '\n') < 0)
}

// uncut makes a match of the cut pattern one of the whole pattern: the
// match and the groups that held the ".*" end at the end of s.
func (r *Regexp) uncut(m []int, s string) []int {
	if m == nil {
		return nil
	}
	m[1] = len(s)
	for _, c := range r.spine {
		if 2*c+1 < len(m) && m[2*c] >= 0 {
			m[2*c+1] = len(s)
		}
	}
	return m
}

// submatches turns spans into strings as regexp does.
func submatches(m []int, s string) []string {
	if m == nil {
		return nil
	}
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// may reports whether s passes the quick tests: false means no match.
func (r *Regexp) may(s string) bool {
	r.once.Do(r.analyse)
	if r.anchored && r.first != nil && (s == "" || !r.first[s[0]]) {
		return false
	}
	if r.whole >= 0 && len(s) > r.whole {
		return false
	}
	if r.last != nil && (s == "" || !r.last[s[len(s)-1]]) {
		return false
	}
	if len(r.seq) > 0 {
		return r.seqAt(s, 0) >= 0
	}
	return true
}

// window returns the part of s a search needs to see, and its offset in
// s: for a tail-anchored pattern, its end, cut at a rune start; for a
// pattern with a lead, from just before the first place seq is found.
func (r *Regexp) window(s string) (string, int) {
	if r.tail > 0 {
		if len(s) <= r.tail {
			return s, 0
		}
		at := len(s) - r.tail
		for at > 0 && !utf8.RuneStart(s[at]) {
			at--
		}
		return s[at:], at
	}
	if r.lead >= 0 && !r.anchored {
		if at := r.searchFrom(s, 0); at > 0 {
			return s[at:], at
		}
	}
	return s, 0
}

// MatchString reports whether s contains a match.
func (r *Regexp) MatchString(s string) bool {
	if !r.may(s) {
		return false
	}
	if r.useCut(s) {
		return r.cut.MatchString(s)
	}
	w, _ := r.window(s)
	return r.Regexp.MatchString(w)
}

// FindString returns the leftmost match in s ("" if none).
func (r *Regexp) FindString(s string) string {
	if !r.may(s) {
		return ""
	}
	if r.useCut(s) {
		if m := r.cut.FindStringIndex(s); m != nil {
			return s[m[0]:]
		}
		return ""
	}
	w, _ := r.window(s)
	return r.Regexp.FindString(w)
}

// FindStringIndex returns the span of the leftmost match in s, or nil.
func (r *Regexp) FindStringIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	if r.useCut(s) {
		return r.uncut(r.cut.FindStringIndex(s), s)
	}
	w, at := r.window(s)
	return shift(r.Regexp.FindStringIndex(w), at)
}

// FindStringSubmatch returns the leftmost match in s and its groups, or
// nil.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.may(s) {
		return nil
	}
	if r.useCut(s) {
		return submatches(r.uncut(r.cut.FindStringSubmatchIndex(s), s), s)
	}
	w, _ := r.window(s)
	return r.Regexp.FindStringSubmatch(w)
}

// FindStringSubmatchIndex returns the spans of the leftmost match in s
// and of its groups, or nil.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	if r.useCut(s) {
		return r.uncut(r.cut.FindStringSubmatchIndex(s), s)
	}
	w, at := r.window(s)
	return shift(r.Regexp.FindStringSubmatchIndex(w), at)
}

// FindAllStringSubmatchIndex is that of regexp, after the quick tests;
// with a lead, each search starts near the next place seq is found.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	if r.lead < 0 || r.anchored {
		return r.Regexp.FindAllStringSubmatchIndex(s, n)
	}
	var out [][]int
	for pos := 0; n < 0 || len(out) < n; {
		m := r.findFrom(s, pos)
		if m == nil {
			break
		}
		out = append(out, m)
		pos = m[1] // never an empty match: it holds seq
	}
	return out
}

// findFrom returns the leftmost match that starts at pos or after, with
// its groups. A match holds seq, at most lead bytes after its start: it
// starts at one of the few places before the first seq from pos, or, if
// none of them begins a match, before a later one. Each place is tried
// once, with the pattern anchored there: the regexp package would try
// every place of the text in turn.
func (r *Regexp) findFrom(s string, pos int) []int {
	if r.anch != nil && r.leadRunes >= 0 {
		return r.findFromExact(s, pos)
	}
	if r.anch == nil {
		at := r.searchFrom(s, pos)
		if at < 0 {
			return nil
		}
		return shift(r.Regexp.FindStringSubmatchIndex(s[at:]), at)
	}
	at := pos // where a rune starts; the places before it begin no match
	for {
		q := r.seqAt(s, at)
		if q < 0 {
			return nil
		}
		// seq is ASCII: q is where a rune starts, and so is at
		at = runeBefore(s, at, q-r.lead)
		for at <= q {
			if m := r.anch.FindStringSubmatchIndex(s[at:]); m != nil {
				return shift(m, at)
			}
			_, w := utf8.DecodeRuneInString(s[at:])
			at += w
		}
	}
}

// findFromExact is findFrom when a match has leadRunes runes before its
// seq: the one place to try for each seq is that many runes before it.
// Runes are counted from base, where one starts as the regexp package
// reads s from pos; the places tried only go up.
func (r *Regexp) findFromExact(s string, pos int) []int {
	base := pos
	for from := pos; ; {
		q := r.seqAt(s, from)
		if q < 0 {
			return nil
		}
		from = q + 1
		// seq is ASCII: q is where a rune starts
		n := utf8.RuneCountInString(s[base:q]) - r.leadRunes
		if n < 0 {
			continue // too few runes before seq from pos
		}
		for ; n > 0; n-- {
			_, w := utf8.DecodeRuneInString(s[base:])
			base += w
		}
		if m := r.anch.FindStringSubmatchIndex(s[base:]); m != nil {
			return shift(m, base)
		}
	}
}

// FindAllString is that of regexp, after the quick tests.
func (r *Regexp) FindAllString(s string, n int) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllString(s, n)
}

// shift moves the spans of a match in a window to offsets in the text.
func shift(m []int, at int) []int {
	if at == 0 || m == nil {
		return m
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += at
		}
	}
	return m
}
