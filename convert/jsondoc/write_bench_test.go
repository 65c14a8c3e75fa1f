package jsondoc_test

import (
	"testing"

	"github.com/resconv/resconv/convert/jsondoc"
	"github.com/resconv/resconv/internal/devset"
)

// BenchmarkWrite writes the JSON of the development inputs from their
// document models: jsondoc.Write alone, without the conversion before it.
func BenchmarkWrite(b *testing.B) {
	models := devset.Models(b, options)
	opts := jsondoc.Options{Indent: options.Indent}
	size := 0
	for _, m := range models {
		size += len(m.Result.JSON)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range models {
			if _, err := jsondoc.Write(m.Result.Document, m.Body, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
}
