package convert_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/internal/sharedtest"
)

// operativeLine is an operative paragraph of the seed: "<TAB>4.<TAB>...".
var operativeLine = regexp.MustCompile(`^\t\d{1,3}\.\t`)

// Synthetic returns a resolution of about size bytes: the seed with its
// operative part repeated (paragraph numbers run on, from 1 again after
// 999, with their sub-items) between its preamble and its meeting line.
func synthetic(t testing.TB, size int) []byte {
	t.Helper()
	lines := bytes.SplitAfter(readSeed(t), []byte("\n"))
	first, last := -1, -1 // the operative part: from the first paragraph to the blank line before the meeting
	for i, l := range lines {
		if first < 0 && operativeLine.Match(l) {
			first = i
		}
		if first >= 0 && last < 0 && len(bytes.TrimSpace(l)) == 0 {
			last = i
		}
	}
	if first < 0 || last < 0 {
		t.Fatal("the seed has no operative part")
	}
	var b bytes.Buffer
	for _, l := range lines[:first] {
		b.Write(l)
	}
	rest := 0
	for _, l := range lines[last:] {
		rest += len(l)
	}
	n := 0
	for b.Len()+rest < size {
		for _, l := range lines[first:last] {
			if loc := operativeLine.FindIndex(l); loc != nil {
				n++
				fmt.Fprintf(&b, "\t%d.\t", (n-1)%999+1)
				b.Write(l[loc[1]:])
				continue
			}
			b.Write(l)
		}
	}
	for _, l := range lines[last:] {
		b.Write(l)
	}
	return b.Bytes()
}

// TestSynthetic: the big synthetic resolutions convert, with all their
// paragraphs.
func TestSynthetic(t *testing.T) {
	src := synthetic(t, 200_000)
	res, err := convert.Convert(src, goldenOptions)
	if err != nil {
		t.Fatal(err)
	}
	paras := bytes.Count(src, []byte("\n\t")) // roughly: every indented line
	if got := len(res.Document.Body.Operative); got < paras/3 {
		t.Errorf("%d operative blocks for %d indented lines", got, paras)
	}
}

// BenchmarkConvertSize converts one synthetic resolution of 50 KB, 500 KB
// and 5 MB: the time per byte must stay the same (no step is quadratic).
func BenchmarkConvertSize(b *testing.B) {
	c, err := convert.New(goldenOptions)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{50_000, 500_000, 5_000_000} {
		src := synthetic(b, size)
		b.Run(fmt.Sprintf("%dKB", size/1000), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Convert(src); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/B")
		})
	}
}

// corpus returns the development inputs of the evaluation set (ODS and
// PDF texts).
func corpus(b *testing.B) [][]byte {
	b.Helper()
	var out [][]byte
	for _, f := range sharedtest.EvalInputs(b) {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, src)
	}
	return out
}

// BenchmarkCorpus converts the development inputs with one Converter, in
// one goroutine and in one per CPU, and reports documents and megabytes
// per second.
func BenchmarkCorpus(b *testing.B) {
	docs := corpus(b)
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	c, err := convert.New(goldenOptions)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range docs { // load every rule set first: the start-up is BenchmarkNew's
		c.Convert(d)
	}
	for _, workers := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				var next atomic.Int64
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for {
							i := int(next.Add(1)) - 1
							if i >= len(docs) {
								return
							}
							c.Convert(docs[i])
						}
					})
				}
				wg.Wait()
			}
			sec := time.Since(start).Seconds()
			b.ReportMetric(float64(b.N*len(docs))/sec, "docs/s")
			b.ReportMetric(float64(b.N*total)/1e6/sec, "MB/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}
