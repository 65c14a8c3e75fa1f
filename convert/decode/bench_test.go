package decode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkText decodes the dev inputs, all of them per op, and by script.
func BenchmarkText(b *testing.B) {
	var names []string
	for _, g := range []string{"/work/shared/eval/dev/ods/*.txt", "/work/shared/eval/dev/pdf/*.txt"} {
		m, _ := filepath.Glob(g)
		names = append(names, m...)
	}
	if len(names) == 0 {
		b.Skip("no dev inputs in /work/shared/eval/dev")
	}
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
