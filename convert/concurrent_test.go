package convert_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/resconv/resconv/convert"
)

// TestConcurrent converts the test inputs from 8 goroutines at once with
// a fresh Converter, whose rule sets are loaded and whose patterns are
// compiled while they run (run it with -race): every output is the one a
// conversion alone gives.
func TestConcurrent(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdataDir, "*.txt"))
	var srcs, want [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := convert.Convert(src, goldenOptions)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		srcs, want = append(srcs, src), append(want, res.AKN)
	}
	c, err := convert.New(goldenOptions)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range srcs {
				i := (k + g) % len(srcs) // each goroutine starts elsewhere
				res, err := c.Convert(srcs[i])
				if err != nil {
					t.Errorf("%s: %v", files[i], err)
					return
				}
				if !bytes.Equal(res.AKN, want[i]) {
					t.Errorf("%s: the output differs when converted concurrently", files[i])
				}
			}
		})
	}
	wg.Wait()
}
