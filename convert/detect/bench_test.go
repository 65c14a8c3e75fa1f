package detect_test

import (
	"slices"
	"testing"

	"github.com/resconv/resconv/convert/detect"
	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/internal/devset"
	"github.com/resconv/resconv/rules"
)

// devInput is one development input, decoded and normalised, with its
// rules and the layout's rule sets of every language and body.
type devInput struct {
	text string
	norm *normalise.Result
	rs   *rules.Set
	all  []*rules.Set
}

// devInputs reads and normalises the development inputs.
func devInputs(tb testing.TB) []devInput {
	tb.Helper()
	builtin := rules.Builtin()
	sets := devset.NewSets()
	var out []devInput
	for _, in := range devset.Inputs(tb) {
		rs := sets.Of(tb, in)
		normaliser := normalise.ODS
		if in.Layout == "pdf" {
			normaliser = normalise.PDF
		}
		n, err := normaliser(in.Text, rs)
		if err != nil {
			tb.Fatal(err)
		}
		n.Warnings = slices.Clip(n.Warnings) // Document appends to them
		d := devInput{text: in.Text, norm: n, rs: rs}
		for _, l := range builtin["language"] {
			for _, bd := range builtin["body"] {
				if s := sets.Get(tb, l, bd, in.Layout); s != nil {
					d.all = append(d.all, s)
				}
			}
		}
		out = append(out, d)
	}
	return out
}

// fresh returns n with notes not yet referred to: Document counts the
// references in the notes.
func fresh(n *normalise.Result) *normalise.Result {
	c := *n
	c.Notes = make([]*document.Note, len(n.Notes))
	for i, note := range n.Notes {
		x := *note
		x.Refs = 0
		c.Notes[i] = &x
	}
	return &c
}

// BenchmarkDocument builds the document model of the normalised
// development inputs.
func BenchmarkDocument(b *testing.B) {
	docs := devInputs(b)
	for _, d := range docs { // compile and analyse the rules' patterns first
		detect.Document(fresh(d.norm), d.rs)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			detect.Document(fresh(d.norm), d.rs)
		}
	}
}

// BenchmarkLooks tries the rule sets on the development inputs in the
// order the converter does, up to the one whose formula the text has.
func BenchmarkLooks(b *testing.B) {
	docs := devInputs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			for _, rs := range d.all {
				if detect.Looks(d.text, rs) {
					break
				}
			}
		}
	}
}
