package normalise_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resconv/resconv/convert/decode"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/internal/sharedtest"
	"github.com/resconv/resconv/rules"
)

// devInput is one development input, decoded, with its rules.
type devInput struct {
	name string
	text string
	rs   *rules.Set
}

// devInputs reads the development inputs of a layout.
func devInputs(b testing.TB, layout string) []devInput {
	b.Helper()
	files := sharedtest.EvalInputs(b, layout)
	loader := rules.NewLoader()
	sets := map[string]*rules.Set{}
	var out []devInput
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), ".txt"), "-")
		body, lang := parts[1], parts[len(parts)-1]
		key := body + "/" + lang
		rs := sets[key]
		if rs == nil {
			var err error
			if rs, err = loader.Load(rules.Options{Language: rules.Canonical(lang), Body: body, Layout: layout}); err != nil {
				b.Fatal(err)
			}
			sets[key] = rs
		}
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text, _, err := decode.Text(src)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, devInput{filepath.Base(f), text, rs})
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
