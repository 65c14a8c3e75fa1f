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

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
`

const unFile = "akn/examples/A_RES_79_237-2424615E.xml"

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
		{"comment-doctype.xml", []byte(strings.Replace(string(akn("")), "?>", "?><!-- <!DOCTYPE x> -->", 1)), 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			err := x.Validate(tc.name, tc.doc)
			if tc.wantLine == 0 {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want *ValidationError, got %T %v", err, err)
			}
			p := ve.Problems[0]
			if p.File != tc.name || p.Line != tc.wantLine || !strings.Contains(p.Message, tc.wantMsg) {
				t.Errorf("got %q, want %s:%d: ...%s...", p, tc.name, tc.wantLine, tc.wantMsg)
			}
			if d := time.Since(start); tc.wantMsg == msgDTD && d > 100*time.Millisecond {
				t.Errorf("DTD rejection took %v, want fast", d)
			}
		})
	}
}

func utf16LE(s string) []byte {
	var b []byte
	for _, r := range s { // test data is BMP only
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestProblemPath(t *testing.T) {
	err := loadAKN(t).Validate("p.xml", akn("<bogus/>"))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	// cgo gives a full element path, xmllint only the element name.
	if p := ve.Problems[0].Path; p != "/akomaNtoso/statement/mainBody/paragraph/bogus" && p != "bogus" {
		t.Errorf("Path = %q", p)
	}
}

func TestConcurrentValidate(t *testing.T) {
	x := loadAKN(t)
	un := readShared(t, unFile)
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
					err = x.Validate(name, akn("<bogus/>"))
					want := fmt.Sprintf("%s:%d: ", name, bodyLine)
					if err == nil || !strings.HasPrefix(err.Error(), want) {
						t.Errorf("got %v, want prefix %q", err, want)
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
	x := loadAKN(b)
	doc := readShared(b, unFile)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if err := x.Validate("un.xml", doc); err != nil {
			b.Fatal(err)
		}
	}
}
