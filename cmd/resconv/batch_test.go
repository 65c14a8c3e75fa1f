package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/resconv/resconv/batch"
)

// zipOf is a zip archive of name → content, in the order given.
func zipOf(t *testing.T, files ...string) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	zw.Close()
	return b.String()
}

// tgzOf is a tar.gz archive of name → content; a content "->TARGET" makes
// a symbolic link.
func tgzOf(t *testing.T, files ...string) string {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for i := 0; i+1 < len(files); i += 2 {
		h := &tar.Header{Name: files[i], Mode: 0o644, Size: int64(len(files[i+1])), Typeflag: tar.TypeReg}
		if target, ok := strings.CutPrefix(files[i+1], "->"); ok {
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, target, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write([]byte(files[i+1]))
		}
	}
	tw.Close()
	gz.Close()
	return b.String()
}

// TestBatch runs batches through the command line: mixed inputs, archive
// outputs, malicious archives, failures, usage errors.
func TestBatch(t *testing.T) {
	seed, akn := reference(t)
	js := readFile(t, seedJSONPath)
	const garbage = "hello world\n"
	tests := []cliCase{
		{name: "directory, zip, tar.gz, files-from and stdin into a directory",
			files: map[string]string{"corpus/a.txt": seed, "corpus/sub/b.ods.txt": seed, "corpus/notes.md": "x", "corpus/drafts/c.txt": seed,
				"in.zip": zipOf(t, "z/one.txt", seed, "readme", "x"), "in.tar.gz": tgzOf(t, "t/two.pdf.txt", seed),
				"listed/l.txt": seed, "list": "$D/listed/l.txt\n"},
			args:  []string{"--files-from", "$D/list", "--exclude", "drafts", "-o", "$D/out", "$D/corpus", "$D/in.zip", "$D/in.tar.gz", "-"},
			stdin: seed,
			tree: map[string]string{"corpus/a.txt": "", "corpus/sub/b.ods.txt": "", "corpus/notes.md": "", "corpus/drafts/c.txt": "",
				"in.zip": "", "in.tar.gz": "", "listed/l.txt": "", "list": "",
				"out/a.akn.xml": "akn", "out/sub/b.akn.xml": "akn", "out/z/one.akn.xml": "akn", "out/t/two.akn.xml": "akn",
				"out/stdin.akn.xml": "akn", "out/l.akn.xml": "akn"}},
		{name: "include",
			files: map[string]string{"c/a.ods.txt": seed, "c/b.pdf.txt": seed},
			args:  []string{"--include", "*.ods.txt", "--to", "akn,json", "-o", "$D/out", "$D/c"},
			tree:  map[string]string{"c/a.ods.txt": "", "c/b.pdf.txt": "", "out/a.akn.xml": "akn", "out/a.json": "json"}},
		{name: "a failing document in the middle",
			files: map[string]string{"c/1.txt": seed, "c/2.txt": garbage, "c/3.txt": seed},
			args:  []string{"-o", "$D/out", "$D/c"}, code: exitFailed,
			err:  []string{`(?m)^resconv: \$D/c/2.txt: could not detect the language`},
			tree: map[string]string{"c/1.txt": "", "c/2.txt": "", "c/3.txt": "", "out/1.akn.xml": "akn", "out/3.akn.xml": "akn"}},
		{name: "--fail-fast",
			files: map[string]string{"c/1.txt": seed, "c/2.txt": garbage, "c/3.txt": seed},
			args:  []string{"--fail-fast", "-o", "$D/out", "$D/c"}, code: exitFailed,
			err:  []string{`(?m)^resconv: \$D/c/2.txt: `},
			tree: map[string]string{"c/1.txt": "", "c/2.txt": "", "c/3.txt": "", "out/1.akn.xml": "akn"}},
		{name: "a malicious archive",
			files: map[string]string{"evil.tar.gz": tgzOf(t, "../up.txt", seed, "/abs.txt", seed, "ok/a.txt", seed, "ok/link.txt", "->../../../etc/passwd")},
			args:  []string{"-o", "$D/work/out", "$D/evil.tar.gz"}, code: exitFailed,
			err: []string{`(?m)^resconv: \$D/evil.tar.gz:\.\./up.txt: unsafe path: "\.\./up.txt" goes up with \.\.$`,
				`(?m)^resconv: \$D/evil.tar.gz:/abs.txt: unsafe path: "/abs.txt" is absolute$`,
				`(?m)^resconv: \$D/evil.tar.gz:ok/link.txt: unsafe path: link "ok/link.txt" points outside`},
			tree: map[string]string{"evil.tar.gz": "", "work/out/ok/a.akn.xml": "akn"}},
		{name: "batch flags need -o", files: map[string]string{"c/a.txt": seed}, args: []string{"--report", "$D/r", "$D/c/a.txt"},
			code: exitUsage, err: []string{`--report needs -o DIR or -o ARCHIVE`}, tree: map[string]string{"c/a.txt": ""}},
		{name: "a directory needs -o", files: map[string]string{"c/a.txt": seed}, args: []string{"$D/c"},
			code: exitUsage, err: []string{`\$D/c is a directory or an archive: it needs -o DIR`}, tree: map[string]string{"c/a.txt": ""}},
		{name: "bad --shard", files: map[string]string{"c/a.txt": seed}, args: []string{"--shard", "3/2", "-o", "$D/out", "$D/c"},
			code: exitUsage, err: []string{`--shard`}, tree: map[string]string{"c/a.txt": ""}},
		{name: "bad --include", files: map[string]string{"c/a.txt": seed}, args: []string{"--include", "[", "-o", "$D/out", "$D/c"},
			code: exitUsage, err: []string{`include`}, tree: map[string]string{"c/a.txt": ""}},
		{name: "--incremental into an archive", files: map[string]string{"c/a.txt": seed}, args: []string{"--incremental", "-o", "$D/out.zip", "$D/c"},
			code: exitUsage, err: []string{`incremental conversion needs an output directory`}, tree: map[string]string{"c/a.txt": ""}},
		{name: "files-from and input both stdin", args: []string{"--files-from", "-", "-o", "$D/out", "-"},
			code: exitUsage, err: []string{`both read stdin`}},
		{name: "--quiet and --verbose", files: map[string]string{"c/a.txt": seed}, args: []string{"-q", "--verbose", "-o", "$D/out", "$D/c"},
			code: exitUsage, err: []string{`choose one`}, tree: map[string]string{"c/a.txt": ""}},
		{name: "--verbose", files: map[string]string{"c/a.txt": seed}, args: []string{"--verbose", "-o", "$D/out", "$D/c"},
			err:  []string{`(?m)^\$D/c/a.txt: converted \$D/out/a.akn.xml$`, `(?m)^resconv: 1 documents: 1 converted, 0 failed; 0 warnings; .* documents/s`},
			tree: map[string]string{"c/a.txt": "", "out/a.akn.xml": "akn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, akn, js) })
	}
}

// TestFilesFromStdin: a list on stdin, with paths relative to the
// current directory, which the outputs mirror.
func TestFilesFromStdin(t *testing.T) {
	seed, akn := reference(t)
	dir := t.TempDir()
	makeFiles(t, dir, map[string]string{"x/y/a.txt": seed, "b.txt": seed})
	t.Chdir(dir)
	code, _, stderr := runCLI(t, "x/y/a.txt\n"+filepath.Join(dir, "b.txt")+"\n", "--files-from", "-", "-o", "out")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"b.txt", "out/b.akn.xml", "out/x/y/a.akn.xml", "x/y/a.txt"}
	if got := tree(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if readFile(t, filepath.Join(dir, "out/x/y/a.akn.xml")) != akn {
		t.Errorf("not the seed's AKN")
	}
}

// TestBatchArchives writes zip and tar.gz outputs: the same documents as
// a directory, and the same bytes whatever -j.
func TestBatchArchives(t *testing.T) {
	seed, akn := reference(t)
	dir := t.TempDir()
	makeFiles(t, dir, map[string]string{"c/a.txt": seed, "c/s/b.txt": seed, "c/s/c.ods.txt": seed})
	for _, ext := range []string{"zip", "tar.gz"} {
		var first []byte
		for _, j := range []string{"1", "8"} {
			out := filepath.Join(dir, j+"."+ext)
			if code, _, stderr := runCLI(t, "", "-j", j, "-o", out, filepath.Join(dir, "c")); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = b
			} else if !bytes.Equal(first, b) {
				t.Errorf("%s: -j 1 and -j 8 give different archives", ext)
			}
		}
		got := map[string]string{}
		if ext == "zip" {
			zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				got[f.Name] = string(b)
			}
		} else {
			gz, err := gzip.NewReader(bytes.NewReader(first))
			if err != nil {
				t.Fatal(err)
			}
			tr := tar.NewReader(gz)
			for {
				h, err := tr.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(tr)
				got[h.Name] = string(b)
			}
		}
		want := []string{"a.akn.xml", "s/b.akn.xml", "s/c.akn.xml"}
		if keys := slices.Sorted(func(yield func(string) bool) {
			for k := range got {
				if !yield(k) {
					return
				}
			}
		}); !slices.Equal(keys, want) {
			t.Errorf("%s: entries %q, want %q", ext, keys, want)
		}
		for name, b := range got {
			if b != akn {
				t.Errorf("%s: %s is not the seed's AKN", ext, name)
			}
		}
	}
}

// TestBatchReportIncrementalShard: the report's lines, --incremental's
// skips, and shards that together convert every document once.
func TestBatchReportIncrementalShard(t *testing.T) {
	seed, _ := reference(t)
	dir := t.TempDir()
	files := map[string]string{"c/bad.txt": "hello\n"}
	for i := range 12 {
		files[fmt.Sprintf("c/d%d/r%02d.txt", i%3, i)] = seed
	}
	makeFiles(t, dir, files)
	in, out, rep := filepath.Join(dir, "c"), filepath.Join(dir, "out"), filepath.Join(dir, "report.jsonl")
	readReport := func() ([]batch.Record, batch.Summary) {
		t.Helper()
		b, err := os.ReadFile(rep)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		var recs []batch.Record
		for _, l := range lines[:len(lines)-1] {
			var r batch.Record
			if err := json.Unmarshal([]byte(l), &r); err != nil || r.Input == "" {
				t.Fatalf("report line %q: %v", l, err)
			}
			recs = append(recs, r)
		}
		var s struct{ Summary batch.Summary }
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &s); err != nil || s.Summary.Documents == 0 {
			t.Fatalf("summary line %q: %v", lines[len(lines)-1], err)
		}
		return recs, s.Summary
	}
	code, _, stderr := runCLI(t, "", "--incremental", "--report", rep, "-o", out, in)
	if code != exitFailed || !strings.Contains(stderr, "resconv: 13 documents: 12 converted, 1 failed") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	recs, sum := readReport()
	if len(recs) != 13 || sum.Converted != 12 || sum.Failed != 1 {
		t.Fatalf("report: %d records, summary %+v", len(recs), sum)
	}
	r := recs[0]
	if r.Input != filepath.Join(in, "bad.txt") || r.Status != batch.Failed || !strings.Contains(r.Error, "could not detect") {
		t.Errorf("first record %+v", r)
	}
	r = recs[1]
	if r.Input != filepath.Join(in, "d0", "r00.txt") || r.Status != batch.Converted || r.Bytes != len(seed) ||
		!slices.Equal(r.Outputs, []string{filepath.Join(out, "d0", "r00.akn.xml")}) || r.OutBytes == 0 {
		t.Errorf("second record %+v", r)
	}
	// again: all skipped but the failure
	code, _, _ = runCLI(t, "", "--incremental", "--report", rep, "-o", out, in)
	if _, sum = readReport(); code != exitFailed || sum.Skipped != 12 || sum.Converted != 0 {
		t.Errorf("second run: exit %d, summary %+v", code, sum)
	}
	// another rule file: converted again
	rulesFile := filepath.Join(dir, "user.yaml")
	os.WriteFile(rulesFile, []byte("kind: layout\nname: user\nrules:\n  - name: user.x\n    stage: normalise\n    action: drop\n    pattern: '^Printed on recycled paper$'\n"), 0o644)
	runCLI(t, "", "--incremental", "--rules", rulesFile, "--report", rep, "-o", out, in)
	if _, sum = readReport(); sum.Converted != 12 {
		t.Errorf("with other rules: summary %+v", sum)
	}
	// shards
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		runCLI(t, "", "--shard", fmt.Sprintf("%d/3", i), "--report", rep, "-o", filepath.Join(dir, "shards"), in)
		recs, _ := readReport()
		for _, r := range recs {
			seen[r.Input]++
		}
	}
	if len(seen) != 13 {
		t.Errorf("shards saw %d documents, want 13", len(seen))
	}
	for in, n := range seen {
		if n != 1 {
			t.Errorf("%s in %d shards", in, n)
		}
	}
	if got := tree(t, filepath.Join(dir, "shards")); len(got) != 12 {
		t.Errorf("shards wrote %d files, want 12: %q", len(got), got)
	}
}

// buildCLI builds the command into a temporary directory.
func buildCLI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "resconv")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return bin
}

// TestBatchKillAndInterrupt runs the built command on many documents and
// kills it (SIGKILL) in the middle: every output there is whole, and
// what is left over is a recognisable temporary file; an incremental run
// then finishes the job. Then it interrupts a run (SIGINT, Ctrl-C): exit
// status 130, the report closed with its summary, no temporary file.
func TestBatchKillAndInterrupt(t *testing.T) {
	bin := buildCLI(t)
	seed, akn := reference(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	const n = 1500
	for i := range n {
		p := filepath.Join(in, fmt.Sprintf("d%02d", i%20), fmt.Sprintf("r%04d.txt", i))
		mkdir(t, filepath.Dir(p))
		os.WriteFile(p, []byte(seed), 0o644)
	}
	out := filepath.Join(dir, "out")
	start := func(args ...string) (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &stderr
	}
	// wait until some outputs are there
	waitFor := func(k int) {
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) && countOutputs(out) < k {
			time.Sleep(time.Millisecond)
		}
	}
	check := func(when string) (whole, temps int) {
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch {
			case strings.HasSuffix(p, batch.TempSuffix):
				temps++
			case strings.HasSuffix(p, ".akn.xml"):
				if b, _ := os.ReadFile(p); string(b) != akn {
					t.Errorf("%s: %s is partial (%d bytes)", when, p, len(b))
				}
				whole++
			case strings.HasPrefix(filepath.Base(p), batch.ManifestPrefix):
			default:
				t.Errorf("%s: unexpected file %s", when, p)
			}
			return nil
		})
		return
	}

	cmd, _ := start("--incremental", "-j", "2", "-o", out, in)
	waitFor(200)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	whole, temps := check("after SIGKILL")
	t.Logf("killed: %d whole outputs, %d temporary files", whole, temps)
	if whole == 0 || whole == n {
		t.Logf("the kill did not land in the middle (%d of %d)", whole, n)
	}

	// an incremental run converts only what is missing
	rep := filepath.Join(dir, "report.jsonl")
	if b, err := exec.Command(bin, "--incremental", "--report", rep, "-o", out, in).CombinedOutput(); err != nil {
		t.Fatalf("incremental run: %v\n%s", err, b)
	}
	whole, _ = check("after the incremental run")
	if whole != n {
		t.Errorf("%d outputs after the incremental run, want %d", whole, n)
	}
	sum := lastLine(t, rep)
	if !strings.Contains(sum, fmt.Sprintf(`"skipped":%d`, countSkippedAtLeast(t, rep))) {
		t.Errorf("summary %s", sum)
	}

	// Ctrl-C
	os.RemoveAll(out)
	cmd, stderr := start("-j", "2", "--report", rep, "-o", out, in)
	waitFor(200)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var ee *exec.ExitError
	if errorsAs(err, &ee) && ee.ExitCode() == exitInterrupted {
		if !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("stderr: %s", stderr.String())
		}
		sum := lastLine(t, rep)
		if !strings.Contains(sum, `"interrupted":true`) {
			t.Errorf("last report line %s", sum)
		}
	} else if err != nil {
		t.Fatalf("after SIGINT: %v\n%s", err, stderr.String())
	} else {
		t.Logf("the run finished before the interrupt")
	}
	whole, temps = check("after SIGINT")
	if temps != 0 {
		t.Errorf("%d temporary files after SIGINT", temps)
	}
	t.Logf("interrupted: %d whole outputs", whole)
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}

func countOutputs(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".akn.xml") {
			n++
		}
		return nil
	})
	return n
}

// lastLine is the last line of a file.
func lastLine(t *testing.T, p string) string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	last := ""
	for sc.Scan() {
		last = sc.Text()
	}
	return last
}

// countSkippedAtLeast counts the skipped documents of a report, and fails
// if there are none: the killed run's outputs must be skipped.
func countSkippedAtLeast(t *testing.T, p string) int {
	t.Helper()
	b, _ := os.ReadFile(p)
	n := strings.Count(string(b), `"status":"skipped"`)
	if n == 0 {
		t.Errorf("the incremental run skipped nothing")
	}
	return n
}
