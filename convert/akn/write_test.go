package akn

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/resconv/resconv/convert/document"
)

// TestNumIDASCII: for ASCII, numID (which skips NFKC) gives what NFKC and
// the Unicode classes give.
func TestNumIDASCII(t *testing.T) {
	for _, num := range []string{
		"", "1.", "(a)", "iv)", "1 -", "-1-", "12.3", "(1)(b)", "a-b", "A.1", "--", " x ", "1\t2", "(ii", "Art. 12 bis", "_1_",
	} {
		if got, want := numID(num), numIDReference(num); got != want {
			t.Errorf("numID(%q) = %q, want %q", num, got, want)
		}
	}
}

// numIDReference is numID with NFKC applied to every text.
func numIDReference(num string) string {
	id := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-':
			return r
		}
		return -1
	}, norm.NFKC.String(num))
	return strings.Trim(id, "-")
}

// TestScopeIDs: numbers seen twice get a suffix, unnumbered elements count
// by kind, and a reused scope starts afresh.
func TestScopeIDs(t *testing.T) {
	w := &writer{}
	sc := newScope("att_1__")
	var got []string
	for _, c := range []struct{ kind, num string }{
		{"para", "1"}, {"para", ""}, {"container", ""}, {"para", "1"}, {"para", ""}, {"table", ""}, {"para", "1"}, {"para", "1-2"},
	} {
		got = append(got, sc.id(c.kind, c.num))
	}
	want := []string{"att_1__para_1", "att_1__para_unn_1", "att_1__container_1", "att_1__para_1-2", "att_1__para_unn_2", "att_1__table_unn_1", "att_1__para_1-3", "att_1__para_1-2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("id %d = %q, want %q", i, got[i], want[i])
		}
	}
	w.free = append(w.free, sc)
	sub := w.subScope("para_2__list_1__")
	if sub != sc {
		t.Fatal("the finished scope is not reused")
	}
	if a, b := sub.id("point", "a"), sub.id("point", ""); a != "para_2__list_1__point_a" || b != "para_2__list_1__point_unn_1" {
		t.Errorf("reused scope gives %q, %q", a, b)
	}
}

// TestWriteAgain: writing reuses the memory of the last tree; documents
// written one after the other, or at the same time, come out the same.
func TestWriteAgain(t *testing.T) {
	note := &document.Note{Marker: "1", Text: document.PlainText("A note.")}
	small := &document.Document{
		Meta: document.Meta{Symbol: "A/RES/70/1", Language: "eng", Number: "70/1."},
		Body: &document.Statement{Operative: []*document.Block{{Kind: document.Operative, Num: "1.", Text: document.PlainText("Decides.")}}},
	}
	big := &document.Document{
		Meta: document.Meta{Symbol: "A/RES/70/2", Language: "eng", Number: "70/2.", JobNumber: "15-1 (E)"},
		Body: &document.Statement{},
	}
	for i := range 300 {
		b := &document.Block{Kind: document.Operative, Num: "1.", Phrase: "Decides", Text: document.Text{{Text: "Decides to act"}, {Text: "1", Note: note, First: i == 0}}}
		b.Points = []*document.Block{{Kind: document.Point, Num: "(a)", Text: document.PlainText("a")}, {Kind: document.Point, Text: document.PlainText("b")}}
		big.Body.Operative = append(big.Body.Operative, b)
	}
	first := map[*document.Document][]byte{}
	for _, doc := range []*document.Document{small, big, small, big, small} {
		out, err := Write(doc, ga, Options{Indent: " "})
		if err != nil {
			t.Fatal(err)
		}
		if f, ok := first[doc]; !ok {
			first[doc] = out
		} else if !bytes.Equal(out, f) {
			t.Errorf("%s written again differs", doc.Meta.Symbol)
		}
	}
	done := make(chan []byte)
	for range 4 {
		go func() {
			out, _ := Write(big, ga, Options{Indent: " "})
			done <- out
		}()
	}
	for range 4 {
		if out := <-done; !bytes.Equal(out, first[big]) {
			t.Error("written concurrently, the output differs")
		}
	}
}
