// Command bench measures batch conversion with the built command, as
// make bench runs it: a corpus of at least -n resolutions made by copying
// the evaluation set's development inputs (ods and pdf texts) into a
// temporary directory, converted into a directory -runs times per
// configuration (--to akn; --to akn,json; --to akn --validate when the
// AKN XSD is there), then the start-up of a one-file conversion. It
// prints documents per second, megabytes per second and the peak
// resident memory of each run.
//
//	go run ./internal/bench -bin bin/resconv -n 3000
//	go run ./internal/bench -bin bin/resconv -n 30000 -runs 1 -configs akn
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/resconv", "the resconv `binary` to measure")
	n := flag.Int("n", 3000, "at least `N` documents in the corpus")
	shared := flag.String("shared", "", "the shared `folder` with eval/dev (default $RESCONV_SHARED or ../shared)")
	out := flag.String("out", "", "`directory` for the corpus and outputs (default a temporary one)")
	dest := flag.String("dest", "", "`directory` for the outputs only (default in -out); /dev/shm/... keeps the disk out of the figures")
	runs := flag.Int("runs", 3, "`runs` of each configuration")
	configs := flag.String("configs", "akn,akn+json,validate,startup", "what to measure: `LIST` of akn, akn+json, validate, startup")
	jobs := flag.String("j", "", "-j for resconv (default: its own, the number of CPUs)")
	flag.Parse()
	if err := run(*bin, *n, *shared, *out, *dest, *runs, strings.Split(*configs, ","), *jobs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(bin string, n int, shared, out, destDir string, runs int, configs []string, jobs string) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	if shared == "" {
		shared = os.Getenv("RESCONV_SHARED")
	}
	if shared == "" {
		shared = filepath.Join("..", "shared")
	}
	var inputs []string
	for _, k := range []string{"ods", "pdf"} {
		m, _ := filepath.Glob(filepath.Join(shared, "eval", "dev", k, "*.txt"))
		inputs = append(inputs, m...)
	}
	if len(inputs) == 0 {
		return fmt.Errorf("no inputs in %s/eval/dev/{ods,pdf}: give -shared or set RESCONV_SHARED", shared)
	}
	if out == "" {
		if out, err = os.MkdirTemp("", "resconv-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(out)
	}
	corpus := filepath.Join(out, "corpus")
	docs, size, err := makeCorpus(corpus, inputs, n)
	if err != nil {
		return err
	}
	fmt.Printf("corpus: %d documents, %.1f MB (%d development inputs copied %d times) in %s\n",
		docs, float64(size)/1e6, len(inputs), (docs+len(inputs)-1)/len(inputs), corpus)
	fmt.Printf("machine: %d CPUs; resconv: %s; outputs in %s\n", numCPU(), bin, cmp(destDir, out))

	xsd := filepath.Join(shared, "akn", "akomantoso30.xsd")
	for _, c := range configs {
		var args []string
		switch c {
		case "akn":
			args = []string{"--to", "akn"}
		case "akn+json":
			args = []string{"--to", "akn,json"}
		case "validate":
			if _, err := os.Stat(xsd); err != nil {
				fmt.Printf("validate: skipped, no XSD at %s\n", xsd)
				continue
			}
			args = []string{"--to", "akn", "--validate", "--xsd", xsd}
		case "startup":
			if err := startup(bin, inputs); err != nil {
				return err
			}
			continue
		default:
			return fmt.Errorf("unknown configuration %q", c)
		}
		if jobs != "" {
			args = append(args, "-j", jobs)
		}
		if destDir == "" {
			destDir = out
		}
		for r := range runs {
			dest := filepath.Join(destDir, "resconv-bench-out")
			os.RemoveAll(dest)
			report := filepath.Join(out, "report.jsonl")
			res, err := measure(bin, append(args, "-q", "--report", report, "-o", dest, corpus)...)
			if err != nil {
				return fmt.Errorf("%s: %v", c, err)
			}
			sum, err := summary(report)
			if err != nil {
				return err
			}
			if sum.Failed > 0 {
				fmt.Printf("  (%d documents failed)\n", sum.Failed)
			}
			sec := res.wall.Seconds()
			fmt.Printf("%-9s run %d: %d docs, %.1f MB in %.2f s: %.0f documents/s, %.1f MB/s; peak RSS %.0f MB; CPU %.2f s user + %.2f s sys\n",
				c, r+1, sum.Documents, float64(sum.Bytes)/1e6, sec, float64(sum.Documents)/sec, float64(sum.Bytes)/1e6/sec,
				float64(res.maxRSS)/1024, res.user.Seconds(), res.sys.Seconds())
		}
		os.RemoveAll(filepath.Join(destDir, "resconv-bench-out"))
	}
	return nil
}

// makeCorpus copies the inputs into dir/rK/{ods,pdf}/ until there are at
// least n documents; it returns their number and total size.
func makeCorpus(dir string, inputs []string, n int) (int, int64, error) {
	docs, size := 0, int64(0)
	for k := 1; docs < n; k++ {
		for _, in := range inputs {
			dest := filepath.Join(dir, fmt.Sprintf("r%03d", k), filepath.Base(filepath.Dir(in)), filepath.Base(in))
			if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
				return 0, 0, err
			}
			b, err := os.ReadFile(in)
			if err != nil {
				return 0, 0, err
			}
			if err := os.WriteFile(dest, b, 0o644); err != nil {
				return 0, 0, err
			}
			docs++
			size += int64(len(b))
		}
	}
	return docs, size, nil
}

type result struct {
	wall, user, sys time.Duration
	maxRSS          int64 // KB
}

// measure runs the command and returns its wall time, CPU time and peak
// resident memory.
func measure(bin string, args ...string) (result, error) {
	cmd := exec.Command(bin, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			return result{}, fmt.Errorf("%v\n%s", err, stderr.String())
		}
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r := result{wall: wall}
	if ru != nil {
		r.user = time.Duration(ru.Utime.Nano())
		r.sys = time.Duration(ru.Stime.Nano())
		r.maxRSS = ru.Maxrss
	}
	return r, nil
}

type summaryLine struct {
	Documents, Failed int
	Bytes             int64
}

// summary reads the summary line of a report.
func summary(report string) (summaryLine, error) {
	f, err := os.Open(report)
	if err != nil {
		return summaryLine{}, err
	}
	defer f.Close()
	var last string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		last = sc.Text()
	}
	var s struct{ Summary *summaryLine }
	if err := json.Unmarshal([]byte(last), &s); err != nil || s.Summary == nil {
		return summaryLine{}, fmt.Errorf("no summary at the end of %s: %q", report, last)
	}
	return *s.Summary, nil
}

// startup converts small files one at a time, start-up included: 20 runs
// of each, to stdout.
func startup(bin string, inputs []string) error {
	var picks []string
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && st.Size() < 5000 && len(picks) < 3 {
			picks = append(picks, in)
		}
	}
	if seed := filepath.Join("testdata", "A_RES_70_237.ods.txt"); fileExists(seed) {
		picks = append([]string{seed}, picks...)
	}
	for _, p := range picks {
		var times []time.Duration
		for range 20 {
			cmd := exec.Command(bin, p)
			cmd.Stdout = io.Discard
			start := time.Now()
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
			times = append(times, time.Since(start))
		}
		slices.Sort(times)
		st, _ := os.Stat(p)
		fmt.Printf("startup   %s (%d bytes): one file, start-up included: min %.1f ms, median %.1f ms\n",
			filepath.Base(p), st.Size(), ms(times[0]), ms(times[len(times)/2]))
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func numCPU() int {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return 0
	}
	return strings.Count(string(b), "processor\t:")
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
