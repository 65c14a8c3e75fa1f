package schema

import (
	"errors"
	"fmt"
	_ "github.com/resconv/resconv/internal/golden" // defines -update, for go test ./... -update
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resconv/resconv/internal/sharedtest"
)

// minimal is the smallest statement the AKN 3.0 schema accepts; BODY (line
// 14) is replaced per test case so errors land on a known line.
const minimal = `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<statement name="resolution">
<meta><identification source="#x">
<FRBRWork><FRBRthis value="/a"/><FRBRuri value="/a"/><FRBRdate date="2020-01-01" name="adoption"/><FRBRauthor href="#x"/><FRBRcountry value="un"/></FRBRWork>
<FRBRExpression><FRBRthis value="/a/eng@"/><FRBRuri value="/a/eng@"/><FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#x"/><FRBRlanguage language="eng"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="/a/eng@/!main.xml"/><FRBRuri value="/a/eng@.xml"/><FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#x"/></FRBRManifestation>
</identification></meta>
<mainBody>
<paragraph eId="para_1">
<content>
<p>x</p>
</content>
BODY
</paragraph>
</mainBody>
</statement>
</akomaNtoso>
`

const bodyLine = 14

func akn(body string) []byte { return []byte(strings.Replace(minimal, "BODY", body, 1)) }

// billionLaughs is an entity bomb: expanded, it would be 3 GB of "lol".
var billionLaughs = func() string {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "billion-laughs.xml"))
	if err != nil {
		panic(err)
	}
	return string(b)
}()

const unFile = "akn/examples/A_RES_79_237-2424615E.xml"

// TestMain runs the tests with libxml2's arena poisoned after each call:
// a block kept past its call would show as junk in a later result.
func TestMain(m *testing.M) {
	poisonArena(true)
	os.Exit(m.Run())
}

func loadAKN(t testing.TB) *XSD {
	t.Helper()
	x, err := LoadXSD(sharedtest.SharedFile(t, "akn/akomantoso30.xsd"))
	if errors.Is(err, ErrUnavailable) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(x.Close)
	return x
}

func readShared(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(sharedtest.SharedFile(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestValidate(t *testing.T) {
	x := loadAKN(t)
	tests := []struct {
		name     string
		doc      []byte
		wantLine int    // line of the first problem; 0 = valid
		wantMsg  string // substring of the first problem's message
	}{
		{"valid.xml", akn(""), 0, ""},
		{"un.xml", readShared(t, unFile), 0, ""},
		{"unknown-element.xml", akn("<bogus/>"), bodyLine, "This element is not expected"},
		{"not-well-formed.xml", akn("<p>x</q>"), bodyLine, "Opening and ending tag mismatch"},
		{"empty.xml", nil, 1, "Document is empty"},
		{"billion-laughs.xml", []byte(billionLaughs), 2, msgDTD},
		{"utf16-laughs.xml", utf16LE("\ufeff" + billionLaughs), 2, msgDTD},
		// iconv's converters are made and closed inside the call
		{"latin1.xml", latin1(strings.Replace(strings.Replace(string(akn("")), "UTF-8", "ISO-8859-1", 1), "<p>x</p>", "<p>résolution</p>", 1)), 0, ""},
		{"comment-doctype.xml", []byte(strings.Replace(string(akn("")), "?>", "?><!-- <!DOCTYPE x> -->", 1)), 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			probs := problemsOf(t, x.Validate(tc.name, tc.doc), tc.wantLine != 0)
			if tc.wantLine == 0 {
				return
			}
			p := probs[0]
			if p.File != tc.name || p.Line != tc.wantLine || !strings.Contains(p.Message, tc.wantMsg) {
				t.Errorf("got %q, want %s:%d: ...%s...", p, tc.name, tc.wantLine, tc.wantMsg)
			}
			if d := time.Since(start); tc.wantMsg == msgDTD && d > 100*time.Millisecond {
				t.Errorf("DTD rejection took %v, want fast", d)
			}
		})
	}
}

// latin1 encodes s, all of whose runes are below U+0100, in ISO-8859-1.
func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

func utf16LE(s string) []byte {
	var b []byte
	for _, r := range s { // test data is BMP only
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestProblemPath(t *testing.T) {
	probs := problemsOf(t, loadAKN(t).Validate("p.xml", akn("<bogus/>")), true)
	// cgo gives a full element path, xmllint only the element name.
	if p := probs[0].Path; p != "/akomaNtoso/statement/mainBody/paragraph/bogus" && p != "bogus" {
		t.Errorf("Path = %q", p)
	}
}

// TestProblemColumn checks that a validity error, which libxml2 reports
// with a line only, gets the column of the element at fault.
func TestProblemColumn(t *testing.T) {
	probs := problemsOf(t, loadAKN(t).Validate("c.xml", akn("<!-- é --> <bogus/>")), true)
	if p := probs[0]; p.Line != bodyLine || p.Column != 12 { // columns count characters
		t.Errorf("got %s, want %d:12", p, bodyLine)
	}
}

func TestFillColumns(t *testing.T) {
	doc := []byte("<a>\n  <b x=\"1\"><c/><c/></b>\n<akn4un:d k:y=\"2\"/>\n")
	tests := []struct {
		p    Problem
		want int
	}{
		{Problem{Line: 2, Path: "/a/b"}, 3},
		{Problem{Line: 2, Path: "/a/b/@x"}, 6},
		{Problem{Line: 2, Path: "/a/b/c[2]"}, 0}, // two c on the line
		{Problem{Line: 3, Path: "d"}, 1},         // xmllint: the name only; a prefix in the text
		{Problem{Line: 3, Path: "/a/d/@y"}, 11},
		{Problem{Line: 2, Path: "/a/e"}, 0},            // not on the line
		{Problem{Line: 2, Column: 5, Path: "/a/b"}, 5}, // libxml2's own column stays
		{Problem{Line: 9, Path: "/a/b"}, 0},
		{Problem{Path: "/a/b"}, 0},
	}
	for _, tt := range tests {
		probs := []Problem{tt.p}
		fillColumns(doc, probs)
		if probs[0].Column != tt.want {
			t.Errorf("%+v: column %d, want %d", tt.p, probs[0].Column, tt.want)
		}
	}
}

// TestValidateLarge validates documents past the size of an arena slot
// (libxml2's blocks then come from malloc in the middle of a call), with
// an error found at the end, then small ones in the same slots again.
func TestValidateLarge(t *testing.T) {
	x := loadAKN(t)
	paras := func(n int, lastID string) []byte {
		var b strings.Builder
		for i := 2; i <= n; i++ {
			id := fmt.Sprintf("para_%d", i)
			if i == n {
				id = lastID
			}
			fmt.Fprintf(&b, "</paragraph>\n<paragraph eId=%q><content><p>Paragraph %d of a large annex.</p></content>", id, i)
		}
		return akn(b.String())
	}
	big := paras(20000, "para_20000") // 2 MB: about 70 MB of libxml2 blocks
	if err := x.Validate("big.xml", big); err != nil {
		t.Fatalf("big.xml: %v", err)
	}
	err := x.Validate("dup.xml", paras(20000, "para_7"))
	if err == nil || !strings.Contains(err.Error(), "Duplicate key-sequence ['para_7']") {
		t.Errorf("dup.xml: got %v, want a duplicate eId para_7", err)
	}
	for i := range 4 {
		if err := x.Validate("small.xml", akn("")); err != nil {
			t.Fatalf("small.xml after a large one (%d): %v", i, err)
		}
	}
}

func TestConcurrentValidate(t *testing.T) {
	x := loadAKN(t)
	un := readShared(t, unFile)
	bogusErr := x.Validate("bogus.xml", akn("<bogus/>"))
	if bogusErr == nil {
		t.Fatal("bogus.xml: valid")
	}
	n := 20
	if !usingLibxml2 {
		n = 3 // each xmllint run recompiles the schema (~0.4s)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range n {
				name := fmt.Sprintf("g%d-%d.xml", g, i)
				var err error
				switch i % 3 {
				case 0:
					err = x.Validate(name, un)
				case 1:
					err = x.Validate(name, akn(""))
				case 2: // problems must come back to the caller that caused them
					// and whole: their text is copied before libxml2's
					// memory of the call is reused
					err = x.Validate(name, akn("<bogus/>"))
					want := strings.Replace(bogusErr.Error(), "bogus.xml", name, 1)
					if err == nil || err.Error() != want {
						t.Errorf("got %v, want %q", err, want)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		})
	}
	wg.Wait()
}

func TestLoadXSDErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.xsd")
	if _, err := LoadXSD(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing XSD: got %v, want error naming %s", err, missing)
	}

	// A schema that does not compile: the cgo build reports it from
	// LoadXSD, the xmllint build on first use. Either way path and reason.
	broken := filepath.Join(dir, "broken.xsd")
	xsd := `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="a" type="nope"/></xsd:schema>`
	if err := os.WriteFile(broken, []byte(xsd), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := LoadXSD(broken)
	if errors.Is(err, ErrUnavailable) {
		t.Skip(err)
	}
	if err == nil {
		err = x.Validate("a.xml", []byte("<a/>"))
		x.Close()
	}
	if err == nil || !strings.Contains(err.Error(), broken) || !strings.Contains(err.Error(), "does not resolve") {
		t.Errorf("broken XSD: got %v, want path and reason", err)
	}

	empty := filepath.Join(dir, "empty.xsd")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if x, err = LoadXSD(empty); err == nil {
		err = x.Validate("a.xml", []byte("<a/>"))
		x.Close()
	}
	if err == nil || !strings.Contains(err.Error(), empty) {
		t.Errorf("empty XSD: got %v, want an error naming it", err)
	}
}

func TestCloseTwice(t *testing.T) {
	x := loadAKN(t)
	x.Close()
	x.Close()
	if err := x.Validate("a.xml", akn("")); err == nil && usingLibxml2 {
		t.Error("Validate after Close: want error")
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "f.xml", Line: 3, Column: 7, Message: "m"}, "f.xml:3:7: m"},
		{Problem{File: "f.xml", Line: 3, Message: "m"}, "f.xml:3: m"},
		{Problem{File: "f.xml", Path: "/a/b", Message: "m"}, "f.xml: /a/b: m"},
		{Problem{File: "f.xml", Message: "m"}, "f.xml: m"},
	}
	for _, tc := range tests {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
	e := &ValidationError{[]Problem{tests[0].p, tests[1].p, tests[2].p}}
	if got, want := e.Error(), "f.xml:3:7: m (and 2 more)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestDefaultXSDPath(t *testing.T) {
	t.Setenv("RESCONV_AKN_XSD", "/x/akn.xsd")
	if got := DefaultXSDPath(); got != "/x/akn.xsd" {
		t.Errorf("DefaultXSDPath() = %q", got)
	}
}

func BenchmarkValidate(b *testing.B) {
	poisonArena(false) // as in use
	defer poisonArena(true)
	x := loadAKN(b)
	doc := readShared(b, unFile)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if err := x.Validate("un.xml", doc); err != nil {
			b.Fatal(err)
		}
	}
}
