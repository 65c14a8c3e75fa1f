// Package devset gives benchmarks the development inputs of the
// evaluation set converted to document models, so that a writer (AKN,
// JSON) can be measured alone, without the conversion before it.
package devset

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/convert/akn"
	"github.com/resconv/resconv/internal/sharedtest"
	"github.com/resconv/resconv/rules"
)

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
	bodies := map[string]rules.BodyInfo{}
	var out []Model
	for _, f := range sharedtest.EvalInputs(tb) {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		res, err := c.Convert(src)
		if err != nil {
			continue
		}
		name := strings.Split(filepath.Base(f), "-")[1] // <layout>-<body>-...
		body, ok := bodies[name]
		if !ok {
			data, err := rules.BuiltinFile("body/" + name + ".yaml")
			if err != nil {
				tb.Fatalf("%s: %v", f, err)
			}
			rf, err := rules.Parse(name, data)
			if err != nil {
				tb.Fatal(err)
			}
			body, bodies[name] = *rf.Body, *rf.Body
		}
		if b, err := akn.Write(res.Document, body, akn.Options{Indent: opts.Indent}); err != nil || !bytes.Equal(b, res.AKN) {
			tb.Fatalf("%s: the body %s does not give the converter's AKN (%v)", f, name, err)
		}
		out = append(out, Model{Src: src, Result: res, Body: body})
	}
	return out
}
