package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	_ "github.com/resconv/resconv/internal/golden" // defines -update, for go test ./... -update
)

func TestBuiltinLoads(t *testing.T) {
	s, err := Load(Options{Language: "eng", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ods.comment-marker", "ods.page-footer", "detect.adoption-line", "detect.meeting", "ods.masthead-symbol"} {
		if s.Rule(name) == nil {
			t.Errorf("rule %s missing", name)
		}
	}
	if s.BodyInfo.IRI != "unga" {
		t.Errorf("body IRI = %q", s.BodyInfo.IRI)
	}
}

func TestSetLookups(t *testing.T) {
	s, err := Load(Options{Language: "eng", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]string{"23 December 2015": "2015-12-23", "1 January 2021": "2021-01-01", "16\u00a0April 2021": "2021-04-16"}
	for in, want := range dates {
		if got, ok := s.Date(in); !ok || got != want {
			t.Errorf("Date(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"82nd plenary meeting", "23 Decembre 2015", "December 2015"} {
		if got, ok := s.Date(bad); ok {
			t.Errorf("Date(%q) = %q, want no date", bad, got)
		}
	}
	ordinals := map[string]int{"Seventieth": 70, "Seventy-fifth": 75, "first": 1, "Eightieth": 80}
	for in, want := range ordinals {
		if got, ok := s.Ordinal(in); !ok || got != want {
			t.Errorf("Ordinal(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	phrases := []struct{ part, text, want string }{
		{"preamble", "Recalling also its resolutions", "Recalling also"},
		{"preamble", "Recalling its resolutions", "Recalling"},
		{"preamble", "Recallingly", ""},
		{"operative", "Calls upon Member States:", "Calls upon"},
		{"operative", "Decides to include", "Decides"},
	}
	for _, p := range phrases {
		if got := s.Phrase(p.part, p.text); got != p.want {
			t.Errorf("Phrase(%s, %q) = %q, want %q", p.part, p.text, got, p.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "kind: layout\nname: x\nrulez: []\n", "x.yaml:3:1: "},
		{"bad kind", "kind: lang\nname: x\n", "x.yaml:1:1: kind must be detect, language, body or layout"},
		{"no name", "kind: layout\n", "name is missing"},
		{"unknown action", "kind: layout\nname: x\nrules:\n  - name: a\n    stage: normalise\n    action: zap\n    pattern: x\n", "x.yaml:4:3: rule a: unknown action \"zap\""},
		{"duplicate", "kind: layout\nname: x\nrules:\n  - name: a\n    stage: detect\n    action: drop\n    pattern: x\n  - name: a\n    stage: detect\n    action: drop\n    pattern: y\n", "x.yaml:8:3: duplicate rule name \"a\""},
		{"unknown stage", "kind: layout\nname: x\nrules:\n  - name: a\n    stage: later\n    action: drop\n    pattern: x\n", "unknown stage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestBadPatternAndOverride(t *testing.T) {
	bad := NamedData{Name: "user.yaml", Data: []byte("kind: layout\nname: user\nrules:\n  - name: u.bad\n    stage: detect\n    action: drop\n    pattern: '(['\n")}
	if _, err := Load(Options{Language: "eng", Body: "ga", Layout: "ods", Extra: []NamedData{bad}}); err == nil || !strings.Contains(err.Error(), "user.yaml:7:5: rule u.bad: bad pattern") {
		t.Errorf("err = %v", err)
	}
	over := NamedData{Name: "user.yaml", Data: []byte("kind: layout\nname: user\nrules:\n  - name: ods.page-footer\n    stage: normalise\n    action: drop\n    pattern: '^Page \\d+$'\n")}
	s, err := Load(Options{Language: "eng", Body: "ga", Layout: "ods", Extra: []NamedData{over}})
	if err != nil {
		t.Fatal(err)
	}
	if r := s.Rule("ods.page-footer"); !r.Regexp().MatchString("Page 3") || r.Regexp().MatchString("2/3") {
		t.Errorf("override not applied: %s", r.Pattern)
	}
}

func TestUnknownLanguage(t *testing.T) {
	_, err := Load(Options{Language: "xxx", Body: "ga", Layout: "ods"})
	if err == nil || !strings.Contains(err.Error(), `language "xxx"`) {
		t.Errorf("err = %v", err)
	}
}

func TestLanguagesDatesOrdinals(t *testing.T) {
	tests := []struct {
		lang, date, iso, ordinal string
		n                        int
	}{
		{"fra", "1er décembre 2020", "2020-12-01", "Soixante-quinzième", 75},
		{"spa", "31 de diciembre de 2020", "2020-12-31", "Septuagésimo quinto", 75},
		{"rus", "31 декабря 2020 года", "2020-12-31", "Семьдесят пятая", 75},
		{"rus", "4 January 2021", "2021-01-04", "Восьмидесятая", 80},
		{"ara", "31 كانون الأول/ديسمبر 2020", "2020-12-31", "الخامسة والسبعون", 75},
		{"zho", "2020年12月31日", "2020-12-31", "七十五", 75},
		{"zho", "4 January 2021", "2021-01-04", "八十", 80},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.date, func(t *testing.T) {
			s, err := Load(Options{Language: tt.lang, Body: "ga", Layout: "ods"})
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := s.Date(tt.date); !ok || got != tt.iso {
				t.Errorf("Date(%q) = %q, %v; want %q", tt.date, got, ok, tt.iso)
			}
			if got, ok := s.Ordinal(tt.ordinal); !ok || got != tt.n {
				t.Errorf("Ordinal(%q) = %d, %v; want %d", tt.ordinal, got, ok, tt.n)
			}
		})
	}
}

// TestPhraseCombiningMarks pins that a phrase does not end before a
// combining mark: the shadda or vowel sign belongs to the letter before.
func TestPhraseCombiningMarks(t *testing.T) {
	s, err := Load(Options{Language: "ara", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"وإذ تقر بأهمية":      "وإذ تقر",
		"وإذ تقرّ بأهمية":     "",
		"وإذ تقرُ بأهمية":     "",
		"وإذ تقر أيضا بأهمية": "وإذ تقر أيضا",
	} {
		if got := s.Phrase("preamble", text); got != want {
			t.Errorf("Phrase(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestMonthWord(t *testing.T) {
	for _, tt := range []struct {
		lang, word string
		want       bool
	}{
		{"fra", "Décembre", true}, {"spa", "diciembre", true}, {"spa", "de", false},
		{"rus", "ДЕКАБРЯ", true}, {"rus", "года", false}, {"ara", "كانون", true}, {"eng", "Assembly", false},
	} {
		s, err := Load(Options{Language: tt.lang, Body: "ga", Layout: "ods"})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.MonthWord(tt.word); got != tt.want {
			t.Errorf("%s: MonthWord(%q) = %v, want %v", tt.lang, tt.word, got, tt.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{"en": "eng", "eng": "eng", "zh": "zho", "AR": "ara", "xx": "xx"} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBuiltinFilesCheck(t *testing.T) {
	// every built-in file parses with its patterns checked (Load skips
	// that), and every language loads with every body and layout
	for _, dir := range []string{".", "lang", "body", "layout"} {
		names, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, n := range names {
			data, _ := os.ReadFile(n)
			if _, err := Parse(n, data); err != nil {
				t.Errorf("%s: %v", n, err)
			}
		}
	}
	b := Builtin()
	for _, lang := range b["language"] {
		for _, body := range b["body"] {
			for _, layout := range b["layout"] {
				s, err := Load(Options{Language: lang, Body: body, Layout: layout})
				if err != nil {
					t.Errorf("%s/%s/%s: %v", lang, body, layout, err)
					continue
				}
				// the built-in patterns are compiled when first used: each
				// must compile
				for _, r := range s.Rules() {
					if r.Off != "" {
						continue
					}
					func() {
						defer func() {
							if e := recover(); e != nil {
								t.Errorf("%s/%s/%s: %v", lang, body, layout, e)
							}
						}()
						if r.Regexp() == nil {
							t.Errorf("%s/%s/%s: rule %s has no pattern", lang, body, layout, r.Name)
						}
					}()
				}
				if s.date != nil && s.date.get() == nil {
					t.Errorf("%s/%s/%s: no date pattern", lang, body, layout)
				}
			}
		}
	}
}

// TestFingerprint: the fingerprint is stable and changes with the user
// rule files.
func TestFingerprint(t *testing.T) {
	a, b := Fingerprint(nil), Fingerprint(nil)
	if a != b || !strings.HasPrefix(a, "sha256:") {
		t.Fatalf("%q, %q", a, b)
	}
	c := Fingerprint([]NamedData{{Name: "x.yaml", Data: []byte("kind: layout")}})
	d := Fingerprint([]NamedData{{Name: "x.yaml", Data: []byte("kind: layout ")}})
	if c == a || c == d {
		t.Errorf("user files do not change the fingerprint: %q %q %q", a, c, d)
	}
}

// phraseLinear is Phrase as it was before phrases were grouped by their
// first rune: every phrase of the part, in order.
func phraseLinear(s *Set, part, text string) string {
	list := s.preamble
	if part == "operative" {
		list = s.operative
	}
	for _, p := range list {
		i, j := 0, 0
		for j < len(p) && i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			q, m := utf8.DecodeRuneInString(p[j:])
			if unicode.ToLower(r) != q {
				break
			}
			i += n
			j += m
		}
		if j < len(p) {
			continue
		}
		if s.spaced && i < len(text) {
			r, _ := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '-' || r == '\'' {
				continue
			}
		}
		return text[:i]
	}
	return ""
}

// TestPhraseIndex: Phrase finds what comparing every phrase finds, on
// the test inputs' lines and on the phrases themselves.
func TestPhraseIndex(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob("../testdata/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for l := range strings.Lines(string(b)) {
			l = strings.TrimSpace(l)
			texts = append(texts, l, strings.ToUpper(l))
			if _, rest, ok := strings.Cut(l, "\t"); ok {
				texts = append(texts, rest)
			}
		}
	}
	l := NewLoader()
	for _, lang := range Builtin()["language"] {
		for _, body := range Builtin()["body"] {
			s, err := l.Load(Options{Language: lang, Body: body, Layout: "ods"})
			if err != nil {
				t.Fatal(err)
			}
			all := slices.Clone(texts)
			for _, p := range append(slices.Clone(s.preamble), s.operative...) {
				all = append(all, p, p+" x", p+"x", strings.ToUpper(p)+", and", p[:len(p)/2])
			}
			for _, part := range []string{"preamble", "operative", "other"} {
				for _, text := range all {
					if got, want := s.Phrase(part, text), phraseLinear(s, part, text); got != want {
						t.Fatalf("%s/%s Phrase(%s, %q) = %q, want %q", lang, body, part, text, got, want)
					}
				}
			}
		}
	}
}

// TestKinds: the Security Council's presidential statements are a kind of
// document of their own, told by the symbol; resolutions are of none.
func TestKinds(t *testing.T) {
	rs, err := Load(Options{Language: "eng", Body: "sc", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	for symbol, want := range map[string]string{"S/PRST/2021/6": "presidentialStatement", "S/RES/2505 (2020)": "", "": ""} {
		got := ""
		if k := rs.BodyInfo.KindOf(symbol); k != nil {
			got = k.Name
		}
		if got != want {
			t.Errorf("KindOf(%q) = %q, want %q", symbol, got, want)
		}
	}
	if rs.BodyInfo.KindNamed("presidentialStatement") == nil || rs.BodyInfo.KindNamed("resolution") != nil {
		t.Error("KindNamed")
	}
}

// TestEras: the General Assembly's conventions of a document follow its
// date: roman sub-items inside the letter items and IRIs by symbol up to
// session 76, beside them and IRIs by part from session 77 on (the era
// starts on 13 September 2022, the emergency special sessions too).
func TestEras(t *testing.T) {
	rs, err := Load(Options{Language: "eng", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		date        string
		flat        bool
		partLetters string
	}{
		{"", false, ""},
		{"2020-12-10", false, ""},
		{"2022-09-12", false, ""},
		{"2022-09-13", true, "parts"},
		{"2025-12-05", true, "parts"},
	}
	for _, tt := range tests {
		b := rs.BodyInfo.At(tt.date)
		if b.FlatPoints != tt.flat || b.PartLetters != tt.partLetters {
			t.Errorf("At(%q) = flatPoints %v, partLetters %q; want %v, %q", tt.date, b.FlatPoints, b.PartLetters, tt.flat, tt.partLetters)
		}
	}
	if rs.BodyInfo.FlatPoints {
		t.Error("At changed the body's own fields")
	}
	sc, err := Load(Options{Language: "eng", Body: "sc", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	if b := sc.BodyInfo.At("2010-01-01"); !b.FlatPoints {
		t.Error("the Security Council's points are flat in every era")
	}
}
