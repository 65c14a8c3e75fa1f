// Package devset gives benchmarks the development inputs of the
// evaluation set: read and decoded with their rule sets, so that a stage
// (normalise, detect) can be measured alone, or converted to document
// models, so that a writer (AKN, JSON) can.
package devset

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/convert/akn"
	"github.com/resconv/resconv/convert/decode"
	"github.com/resconv/resconv/internal/sharedtest"
	"github.com/resconv/resconv/rules"
)

// Input is one development input: the fields of its name,
// "<layout>-<body>-<symbol>-<lang>.txt", its bytes and its decoded text.
type Input struct {
	Name               string // the base name
	Layout, Body, Lang string // Lang canonical ("eng")
	Src                []byte
	Text               string
}

// Inputs reads and decodes the development inputs of layouts (default
// "ods" and "pdf").
func Inputs(tb testing.TB, layouts ...string) []Input {
	tb.Helper()
	var out []Input
	for _, f := range sharedtest.EvalInputs(tb, layouts...) {
		name := filepath.Base(f)
		parts := strings.Split(strings.TrimSuffix(name, ".txt"), "-")
		if len(parts) < 4 {
			tb.Fatalf("%s: not named <layout>-<body>-<symbol>-<lang>.txt", f)
		}
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		text, _, err := decode.Text(src)
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		out = append(out, Input{Name: name, Layout: parts[0], Body: parts[1],
			Lang: rules.Canonical(parts[len(parts)-1]), Src: src, Text: text})
	}
	return out
}

// Sets loads each rule set once.
type Sets struct {
	loader *rules.Loader
	sets   map[string]*rules.Set
}

func NewSets() *Sets { return &Sets{loader: rules.NewLoader(), sets: map[string]*rules.Set{}} }

// Get returns the rule set of a language, body and layout, or nil when
// one of them has no rule file.
func (s *Sets) Get(tb testing.TB, lang, body, layout string) *rules.Set {
	tb.Helper()
	key := lang + "/" + body + "/" + layout
	if rs, ok := s.sets[key]; ok {
		return rs
	}
	rs, err := s.loader.Load(rules.Options{Language: lang, Body: body, Layout: layout})
	if err != nil && !errors.Is(err, rules.ErrUnknown) {
		tb.Fatal(err)
	}
	s.sets[key] = rs
	return rs
}

// Of returns the rule set of in, which every development input has.
func (s *Sets) Of(tb testing.TB, in Input) *rules.Set {
	tb.Helper()
	rs := s.Get(tb, in.Lang, in.Body, in.Layout)
	if rs == nil {
		tb.Fatalf("%s: no rule set for %s/%s/%s", in.Name, in.Lang, in.Body, in.Layout)
	}
	return rs
}

// Model is one development input and its conversion.
type Model struct {
	Src    []byte
	Result *convert.Result
	Body   rules.BodyInfo // the body of the UN that adopted it
}

// Models converts the development inputs with opts (those that do not
// convert are left out). The body comes from the file's name and is
// checked to give the converter's own AKN.
func Models(tb testing.TB, opts convert.Options) []Model {
	tb.Helper()
	c, err := convert.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	sets := NewSets()
	var out []Model
	for _, in := range Inputs(tb) {
		res, err := c.Convert(in.Src)
		if err != nil {
			continue
		}
		body := sets.Of(tb, in).BodyInfo
		if b, err := akn.Write(res.Document, body, akn.Options{Indent: opts.Indent}); err != nil || !bytes.Equal(b, res.AKN) {
			tb.Fatalf("%s: the body %s does not give the converter's AKN (%v)", in.Name, in.Body, err)
		}
		out = append(out, Model{Src: in.Src, Result: res, Body: body})
	}
	return out
}
