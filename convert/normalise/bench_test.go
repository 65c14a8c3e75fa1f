package normalise_test

import (
	"testing"

	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/internal/devset"
	"github.com/resconv/resconv/rules"
)

// devInput is one development input, decoded, with its rules.
type devInput struct {
	text string
	rs   *rules.Set
}

// devInputs reads the development inputs of a layout.
func devInputs(b testing.TB, layout string) []devInput {
	b.Helper()
	sets := devset.NewSets()
	var out []devInput
	for _, in := range devset.Inputs(b, layout) {
		out = append(out, devInput{in.Text, sets.Of(b, in)})
	}
	return out
}

func benchLayout(b *testing.B, layout string, f func(string, *rules.Set) (*normalise.Result, error)) {
	docs := devInputs(b, layout)
	for _, d := range docs { // analyse the rules' patterns first
		f(d.text, d.rs)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := f(d.text, d.rs); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkODS normalises the ODS exports of the development set.
func BenchmarkODS(b *testing.B) { benchLayout(b, "ods", normalise.ODS) }

// BenchmarkPDF normalises the PDF texts of the development set.
func BenchmarkPDF(b *testing.B) { benchLayout(b, "pdf", normalise.PDF) }
