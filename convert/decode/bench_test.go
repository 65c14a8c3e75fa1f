package decode

import (
	"os"
	"strings"
	"testing"

	"github.com/resconv/resconv/internal/sharedtest"
)

// BenchmarkText decodes the dev inputs, all of them per op, and by script.
func BenchmarkText(b *testing.B) {
	names := sharedtest.EvalInputs(b)
	groups := map[string][][]byte{}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		script := "latin"
		for _, l := range []string{"ar", "ru", "zh"} {
			if strings.HasSuffix(name, "-"+l+".txt") {
				script = l
			}
		}
		groups["all"] = append(groups["all"], src)
		groups[script] = append(groups[script], src)
	}
	for _, g := range []string{"all", "latin", "ru", "ar", "zh"} {
		files := groups[g]
		n := 0
		for _, f := range files {
			n += len(f)
		}
		b.Run(g, func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range files {
					if _, _, err := Text(f); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
