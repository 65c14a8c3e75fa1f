package akn_test

import (
	"testing"

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/convert/akn"
	"github.com/resconv/resconv/internal/devset"
)

// BenchmarkWrite writes the AKN of the development inputs from their
// document models: akn.Write alone, without the conversion before it.
func BenchmarkWrite(b *testing.B) {
	models := devset.Models(b, convert.Options{Indent: "  "})
	size := 0
	for _, m := range models {
		size += len(m.Result.AKN)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range models {
			opts := akn.Options{Indent: "  ", SizeHint: 2*len(m.Src) + 4096}
			if _, err := akn.Write(m.Result.Document, m.Body, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
}
