package rules

import (
	"regexp"
	"regexp/syntax"
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
	anchored bool       // the pattern starts with ^ (start of text)
	first    *[256]bool // bytes a match of an anchored pattern starts with; nil: any
	seq      []*[256]bool
	tail     int // > 0: the longest match, in bytes, of an end-anchored pattern
	whole    int // > 0: the longest text, in bytes, a pattern anchored at both ends matches
}

// newRegexp analyses re, compiled from the pattern expr.
func newRegexp(re *regexp.Regexp, expr string) *Regexp {
	r := &Regexp{Regexp: re}
	t, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return r // cannot happen: re compiled
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
	r.seq = requiredRun(body)
	if n, ok := tailLength(body); ok {
		r.tail = n
	}
	if r.anchored && len(body.Sub) >= 2 && body.Sub[len(body.Sub)-1].Op == syntax.OpEndText {
		if n, ok := maxRunes(&syntax.Regexp{Op: syntax.OpConcat, Sub: body.Sub[1 : len(body.Sub)-1]}); ok {
			r.whole = n * utf8.UTFMax
		}
	}
	return r
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
func firstBytes(t *syntax.Regexp) (*byteSet, bool) {
	var s byteSet
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
		for _, r := range literalRunes(t.Rune[0], t.Flags&syntax.FoldCase != 0) {
			addRange(&s, r, r)
		}
		return &s, false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(t.Rune); i += 2 {
			addRange(&s, t.Rune[i], t.Rune[i+1])
		}
		return &s, false
	case syntax.OpAnyCharNotNL:
		return allBytes('\n'), false
	case syntax.OpAnyChar:
		return allBytes(), false
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(t.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _ := firstBytes(t.Sub[0])
		return set, true
	case syntax.OpRepeat:
		set, nullable := firstBytes(t.Sub[0])
		return set, nullable || t.Min == 0
	case syntax.OpConcat:
		for _, sub := range t.Sub {
			set, nullable := firstBytes(sub)
			union(&s, set)
			if !nullable {
				return &s, false
			}
		}
		return &s, true
	case syntax.OpAlternate:
		any := false
		for _, sub := range t.Sub {
			set, nullable := firstBytes(sub)
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

// singleByte returns the set of an element that matches exactly one
// byte: an ASCII literal rune or an ASCII class.
func singleByte(t *syntax.Regexp) (*byteSet, bool) {
	var s byteSet
	switch t.Op {
	case syntax.OpLiteral:
		if len(t.Rune) != 1 {
			return nil, false
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
// contains, when it is selective enough to be worth a scan.
func requiredRun(t *syntax.Regexp) []*byteSet {
	_, _, run := runs(t)
	if len(run) >= 2 {
		return run
	}
	if len(run) == 1 {
		n := 0
		for _, ok := range run[0] {
			if ok {
				n++
			}
		}
		if n <= 4 && !run[0][' '] {
			return run
		}
	}
	return nil
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

// may reports whether s passes the quick tests: false means no match.
func (r *Regexp) may(s string) bool {
	if r.anchored && r.first != nil && (s == "" || !r.first[s[0]]) {
		return false
	}
	if r.whole > 0 && len(s) > r.whole {
		return false
	}
	if k := len(r.seq); k > 0 {
		first := r.seq[0]
	scan:
		for i := 0; i+k <= len(s); i++ {
			if !first[s[i]] {
				continue
			}
			for j := 1; j < k; j++ {
				if !r.seq[j][s[i+j]] {
					continue scan
				}
			}
			return true
		}
		return false
	}
	return true
}

// window returns the end of s that a tail-anchored pattern needs to see,
// cut at a rune start, and its offset in s.
func (r *Regexp) window(s string) (string, int) {
	if r.tail == 0 || len(s) <= r.tail {
		return s, 0
	}
	at := len(s) - r.tail
	for at > 0 && !utf8.RuneStart(s[at]) {
		at--
	}
	return s[at:], at
}

// MatchString reports whether s contains a match.
func (r *Regexp) MatchString(s string) bool {
	if !r.may(s) {
		return false
	}
	w, _ := r.window(s)
	return r.Regexp.MatchString(w)
}

// FindString returns the leftmost match in s ("" if none).
func (r *Regexp) FindString(s string) string {
	if !r.may(s) {
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
	w, at := r.window(s)
	return shift(r.Regexp.FindStringIndex(w), at)
}

// FindStringSubmatch returns the leftmost match in s and its groups, or
// nil.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.may(s) {
		return nil
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
	w, at := r.window(s)
	return shift(r.Regexp.FindStringSubmatchIndex(w), at)
}

// FindAllStringSubmatchIndex is that of regexp, after the quick tests.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatchIndex(s, n)
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
