package detect_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/resconv/resconv/convert/decode"
	"github.com/resconv/resconv/convert/detect"
	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/internal/sharedtest"
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
	files := sharedtest.EvalInputs(tb)
	loader := rules.NewLoader()
	builtin := rules.Builtin()
	sets := map[string]*rules.Set{}
	set := func(lang, body, layout string) *rules.Set {
		key := lang + "/" + body + "/" + layout
		if rs, ok := sets[key]; ok {
			return rs
		}
		rs, err := loader.Load(rules.Options{Language: lang, Body: body, Layout: layout})
		if err != nil && !errors.Is(err, rules.ErrUnknown) {
			tb.Fatal(err)
		}
		sets[key] = rs
		return rs
	}
	var out []devInput
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), ".txt"), "-")
		layout, body, lang := parts[0], parts[1], parts[len(parts)-1]
		rs := set(rules.Canonical(lang), body, layout)
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		text, _, err := decode.Text(src)
		if err != nil {
			tb.Fatal(err)
		}
		normaliser := normalise.ODS
		if layout == "pdf" {
			normaliser = normalise.PDF
		}
		n, err := normaliser(text, rs)
		if err != nil {
			tb.Fatal(err)
		}
		n.Warnings = slices.Clip(n.Warnings) // Document appends to them
		in := devInput{text: text, norm: n, rs: rs}
		for _, l := range builtin["language"] {
			for _, bd := range builtin["body"] {
				if s := set(l, bd, layout); s != nil {
					in.all = append(in.all, s)
				}
			}
		}
		out = append(out, in)
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
