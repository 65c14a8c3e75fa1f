package batch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain runs this test binary as a batch when asked to by
// TestKill: the process that TestKill kills.
func TestMain(m *testing.M) {
	if in := os.Getenv("BATCH_TEST_CHILD_IN"); in != "" {
		s, err := Run(context.Background(), big, Options{Inputs: []string{in}, Output: os.Getenv("BATCH_TEST_CHILD_OUT"),
			Workers: 2, Fingerprint: "kill-test", Incremental: os.Getenv("BATCH_TEST_CHILD_INCREMENTAL") != ""})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("converted %d skipped %d\n", s.Converted, s.Skipped)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// big is a conversion with large outputs, so that a kill is likely to
// land in the middle of writing one: the input repeated, then "END".
func big(d *Doc) ([]Output, []Warning, error) {
	return []Output{{Ext: ".xml", Data: bigOutput(d.Data)}}, nil, nil
}

func bigOutput(src []byte) []byte {
	return append(bytes.Repeat(src, 400_000/len(src)+1), "END\n"...)
}

// TestKill kills a batch (SIGKILL) while it writes, several times, and
// checks that every output file present is whole, that whatever is left
// over is recognisably temporary, and that an incremental run then
// completes the work.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	in := corpus(t, 400)
	for _, ext := range []string{"", ".zip", ".tar.gz"} {
		out := filepath.Join(t.TempDir(), "out"+ext)
		for round := range 3 {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "BATCH_TEST_CHILD_IN="+in, "BATCH_TEST_CHILD_OUT="+out)
			if ext == "" {
				cmd.Env = append(cmd.Env, "BATCH_TEST_CHILD_INCREMENTAL=1")
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// kill once some outputs (or a growing archive) are there
			deadline := time.Now().Add(20 * time.Second)
			for time.Now().Before(deadline) {
				if n := countFiles(filepath.Dir(out)); n > 20*(round+1) || ext != "" && n > 0 {
					break
				}
				time.Sleep(2 * time.Millisecond)
			}
			time.Sleep(time.Duration(round*7) * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			if err == nil {
				t.Logf("%q round %d: the batch finished before the kill", ext, round)
			}
			checkWhole(t, in, filepath.Dir(out), ext)
		}
		if ext != "" {
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s: the archive is there although every run was killed", out)
			}
			continue
		}
		// an incremental run finishes the job, converting only what is missing
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "BATCH_TEST_CHILD_IN="+in, "BATCH_TEST_CHILD_OUT="+out, "BATCH_TEST_CHILD_INCREMENTAL=1")
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("last run: %v\n%s", err, b)
		}
		var conv, skip int
		fmt.Sscanf(string(b), "converted %d skipped %d", &conv, &skip)
		if conv+skip != 400 || skip == 0 {
			t.Errorf("last run: %q: want the outputs of the killed runs skipped", b)
		}
		checkWhole(t, in, out, ext)
		if n := len(outputs(t, out)) - len(temps(t, out)); n != 400 {
			t.Errorf("after the last run: %d outputs, want 400", n)
		}
	}
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// checkWhole checks that each output under dir is exactly what its input
// gives; temporary files may be left over.
func checkWhole(t *testing.T, in, dir, ext string) {
	t.Helper()
	whole := 0
	for name, content := range readTree(t, dir) {
		switch {
		case strings.HasSuffix(name, TempSuffix):
			continue
		case strings.HasPrefix(filepath.Base(name), ManifestPrefix):
			continue
		case ext != "":
			t.Errorf("%s: an archive output is there although its run was killed", name)
			continue
		}
		rel := strings.TrimPrefix(name, "out/")
		src, err := os.ReadFile(filepath.Join(in, filepath.FromSlash(strings.TrimSuffix(rel, ".xml")+".txt")))
		if err != nil {
			t.Errorf("%s: no input for this output: %v", name, err)
			continue
		}
		if content != string(bigOutput(src)) {
			t.Errorf("%s is partial: %d bytes, want %d", name, len(content), len(bigOutput(src)))
			continue
		}
		whole++
	}
	t.Logf("%q: %d whole outputs, %d temporary files", ext, whole, len(temps(t, dir)))
}
