package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// sameResults checks every search method of q against the regexp
// package on s.
func sameResults(t *testing.T, what string, q *Regexp, s string) {
	t.Helper()
	re := q.Regexp
	check := func(method string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %s(%q) = %v, regexp gives %v (pattern %s)", what, method, s, got, want, re)
		}
	}
	check("MatchString", q.MatchString(s), re.MatchString(s))
	check("FindString", q.FindString(s), re.FindString(s))
	check("FindStringIndex", q.FindStringIndex(s), re.FindStringIndex(s))
	check("FindStringSubmatch", q.FindStringSubmatch(s), re.FindStringSubmatch(s))
	check("FindStringSubmatchIndex", q.FindStringSubmatchIndex(s), re.FindStringSubmatchIndex(s))
	check("FindAllStringSubmatchIndex", q.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1))
	check("FindAllString", q.FindAllString(s, -1), re.FindAllString(s, -1))
}

// testLines are the lines of the test inputs, some of them joined (as
// the normalisers join wrapped lines), and variants that stress the
// quick tests: cut, with invalid UTF-8, with spaces around.
func testLines(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no test inputs")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			out = append(out, l, strings.TrimSpace(l), l+"\xff", "\xe2"+l, strings.TrimSpace(l)+" ")
			if len(l) > 3 {
				out = append(out, l[:len(l)/2], l[len(l)/3:], l[:len(l)-1])
			}
			if i+1 < len(lines) {
				out = append(out, l+" "+lines[i+1])
			}
		}
	}
	return append(out, "", " ", "\t", "1", "1.", "(a)", "a", "\xff", "é", "-", ";", "  12  ")
}

// TestQuickSame: for every rule of every built-in set, the quick tests
// change no result on the test inputs' lines.
func TestQuickSame(t *testing.T) {
	lines := testLines(t)
	b := Builtin()
	l := NewLoader()
	n := 0
	seen := map[string]bool{} // sets share most patterns
	for _, lang := range b["language"] {
		for _, body := range b["body"] {
			for _, layout := range b["layout"] {
				s, err := l.Load(Options{Language: lang, Body: body, Layout: layout})
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range s.Rules() {
					re := r.Regexp()
					if re == nil || seen[re.String()] {
						continue
					}
					seen[re.String()] = true
					for _, line := range lines {
						sameResults(t, lang+"/"+body+"/"+layout+" "+r.Name, re, line)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d rules on %d lines", n, len(lines))
}

// quickPatterns are patterns that exercise each quick test and its
// limits.
var quickPatterns = []string{
	`^\d{1,3}\.`, `^(?:a|)x`, `^a?`, `^(?i)straße`, `^[α-ω]+`, `^\p{Lu}`, `^.`, `^(?s).`, `^$`, `(^a)`,
	`(?P<before>\S) (?P<marker>\d{1,3})(?:(?P<spaced>  +)|(?P<end>[ \t]*$)| )`, `a+b`, `(?:ab)+c`, `x(?:ab)*c`,
	`[.;:]$`, `\S[-\x{2010}\x{2011}\x{2013}\x{2014}]$`, `^.{1,60};$`, `[^.,;:]$`, `\bfoo$`, `a$|b`, `(?:a|bc)$`, `.$`, `(?s).$`,
	`é$`, `\p{Ll}\p{Lu}\p{Ll}`, `(?i)ab`, `(?i)k`, `a\b b`, `(?m)^a$`, `ab|cd`, `[^a]b`, `a{2,}b`, `a{0}b`, `\x{FFFD}x`, `[\x{80}-\x{10FFFF}]$`,
	`(?:a(?:bc)?)d`, `(?:x|y)z{1,2}w`, `^\*(?: \*)+$`, `中文`, `a中b`,
	`^(?P<num>\d{1,3}\.)(?:[\t ]+(?P<text>\S.*))?$`, `(a.*|b)$`, `^(x(?P<g>a.*)?)$`, `a.*?$`, `(?s)a.*$`, `(a|b.*)$`, `x(.*)$`,
	`^$`, `$`, `a?$`, `(?:é|x)$`, `\x{FFFD}$`, `[^a]$`, `(?i)k$`, `a\b$`, `(?:ab)*$`, `中$`, `[\x{100}-\x{10FFFF}]$`,
	`x\d{2}y`, `(?:ab|c)de`, `\S\s\d`, `é \d`, `\pL 12`, `(?:é|ab)?cd`, `\bx12`, `.?12`, `[^a] 1`,
	`^(?:(a)|b).*$`, `(a)?.*$`, `^a(?:b.*)?(?:c.*)?$`, `.*$`, `(.*)$`, `^((a)(.*))$`, `a(?:b|c.*)?$`,
	`\S{2} \d`, `(?:é|a)\pL 1`, `(?:é|ab) 1`, `.(?:x|y) 12`, `(?s). \d+`, `(?:) 1`,
}

// TestQuickPatterns: the quick tests of hand-written patterns change no
// result.
func TestQuickPatterns(t *testing.T) {
	texts := []string{"", "a", "ab", "abc", "abcd", "xabcw", "foo", "a foo", "xfoo", "a b", "ab\n", "a\nb", "é", "\xffx", "\xff",
		"12. text", "(a) b", "1 2", "word 12  next", "word 3", "x 1 ", "2023; 3", "Straße", "STRASSE", "K", "\u212a", "αβγ", "Ab", "aBc",
		"Non-Self-", "2021–", "a;", strings.Repeat("x", 70) + ";", "* * *", "中文", "a中b", "xabcabcd", "bbb", "aab", "\u00e9t\u00e9", "abcc", "ak",
		"xzw", "xzzw", "yzw", "ad", "abcd", "ab x12y é 3 é12 a 1 1", "ééé 12 ab 1", "x12 y12 \xff 12", "\U0010FFFF", "e\u0301", "12.\tRequests the", "12.", "12. ", "1.\tx\ny", "xa b", "ab\nc", "acb", "b", "ba"}
	for _, p := range quickPatterns {
		q := newRegexp(regexp.MustCompile(p), p)
		for _, s := range texts {
			sameResults(t, p, q, s)
			sameResults(t, p, q, s+" "+s)
			sameResults(t, p, q, "\xe4"+s)
		}
	}
}

// FuzzQuick compares the quick tests with the regexp package on any
// pattern and text.
func FuzzQuick(f *testing.F) {
	for _, p := range quickPatterns {
		f.Add(p, "word 12  next.")
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		re, err := regexp.Compile(p)
		if err != nil {
			return
		}
		sameResults(t, p, newRegexp(re, p), s)
	})
}

// TestQuickTests: the analysis finds what it should.
func TestQuickTests(t *testing.T) {
	for _, c := range []struct {
		p        string
		anchored bool
		first    string // bytes that must be in first
		seq      int
		tail     int
	}{
		{`^\d{1,3}\.`, true, "0123456789", 0, 0},
		{`(?P<before>\S) (?P<marker>\d{1,3})(?:x)`, false, "", 2, 0}, // lead 4: tested below
		{`[.;:]$`, false, "", 1, 4},
		{`^.{1,60};$`, true, "a;", 1, 0},
		{`\S[-\x{2010}]$`, false, "", 0, 8},
		{`\bfoo$`, false, "", 3, 0},
		{`^a?`, true, "", 0, 0},
	} {
		q := newRegexp(regexp.MustCompile(c.p), c.p)
		q.may("")
		if q.anchored != c.anchored || len(q.seq) != c.seq || q.tail != c.tail {
			t.Errorf("%s: anchored %v, seq %d, tail %d; want %v, %d, %d", c.p, q.anchored, len(q.seq), q.tail, c.anchored, c.seq, c.tail)
		}
		if c.p == `(?P<before>\S) (?P<marker>\d{1,3})(?:x)` && (q.lead != 4 || q.leadRunes != 1) {
			t.Errorf("%s: lead %d, %d runes; want 4, 1", c.p, q.lead, q.leadRunes)
		}
		for _, b := range []byte(c.first) {
			if q.first == nil || !q.first[b] {
				t.Errorf("%s: %q is not a first byte", c.p, b)
			}
		}
	}
}

// FuzzPrint: a pattern printed by printRegexp matches as the pattern
// does.
func FuzzPrint(f *testing.F) {
	for _, p := range quickPatterns {
		f.Add(p, "word 12  next. Ab ÉTÉ (a) 1.")
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		re, err := regexp.Compile(p)
		if err != nil {
			return
		}
		tree, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			return
		}
		var b strings.Builder
		if !printRegexp(&b, tree.Simplify()) {
			t.Fatalf("%s: not printed", p)
		}
		printed, err := regexp.Compile(b.String())
		if err != nil {
			t.Fatalf("%s printed as %s: %v", p, b.String(), err)
		}
		if got, want := printed.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s printed as %s: %v on %q, want %v", p, b.String(), got, s, want)
		}
		if !slices.Equal(printed.SubexpNames(), re.SubexpNames()) {
			t.Fatalf("%s printed as %s: groups %q, want %q", p, b.String(), printed.SubexpNames(), re.SubexpNames())
		}
	})
}

// TestExactRunes: the runes every match has, or none.
func TestExactRunes(t *testing.T) {
	for _, c := range []struct {
		p  string
		n  int
		ok bool
	}{
		{`\S`, 1, true}, {`ab`, 2, true}, {`(?:é|a)\pL`, 2, true}, {`(?:é|ab)`, 0, false}, {`a{3}`, 3, true},
		{`a{1,3}`, 0, false}, {`a?`, 0, false}, {`a*`, 0, false}, {`(x)`, 1, true}, {``, 0, true}, {`\ba`, 0, false},
		{`(?s).`, 1, true}, {`[^a]`, 1, true},
	} {
		tree, err := syntax.Parse(c.p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := exactRunes(tree.Simplify()); n != c.n && c.ok || ok != c.ok {
			t.Errorf("exactRunes(%s) = %d, %v; want %d, %v", c.p, n, ok, c.n, c.ok)
		}
	}
}
