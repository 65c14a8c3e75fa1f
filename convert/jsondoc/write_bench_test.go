package jsondoc_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/jsondoc"
	"github.com/resconv/resconv/rules"
)

// BenchmarkWrite writes the JSON of the development inputs (or of the test
// inputs without the shared folder) from their document models:
// jsondoc.Write alone, without the conversion before it.
func BenchmarkWrite(b *testing.B) {
	dir := os.Getenv("RESCONV_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared") // beside the checkout
	}
	var files []string
	for _, k := range []string{"ods", "pdf"} {
		m, _ := filepath.Glob(filepath.Join(dir, "eval", "dev", k, "*.txt"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(testdataDir, "*.txt"))
	}
	var bodies []rules.BodyInfo
	for _, name := range rules.Builtin()["body"] {
		data, err := rules.BuiltinFile("body/" + name + ".yaml")
		if err != nil {
			b.Fatal(err)
		}
		f, err := rules.Parse(name, data)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, *f.Body)
	}
	c, err := convert.New(options)
	if err != nil {
		b.Fatal(err)
	}
	type input struct {
		doc  *document.Document
		body rules.BodyInfo
	}
	opts := jsondoc.Options{Indent: options.Indent}
	var inputs []input
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		res, err := c.Convert(src)
		if err != nil {
			continue
		}
		// the body is the one whose output is the converter's
		found := false
		for _, body := range bodies {
			if out, err := jsondoc.Write(res.Document, body, opts); err == nil && bytes.Equal(out, res.JSON) {
				inputs = append(inputs, input{res.Document, body})
				size += len(out)
				found = true
				break
			}
		}
		if !found {
			b.Fatalf("%s: no body gives the converter's output", f)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			if _, err := jsondoc.Write(in.doc, in.body, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
}
