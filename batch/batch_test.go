package batch

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fake is the conversion of these tests: an AKN-like and a JSON output
// that quote the input; "FAIL" in the input fails it, "WARN" warns,
// "PANIC" panics.
func fake(d *Doc) ([]Output, []Warning, error) {
	s := string(d.Data)
	if strings.Contains(s, "FAIL") {
		return nil, nil, errors.New("not a resolution")
	}
	if strings.Contains(s, "PANIC") {
		panic("boom")
	}
	var ws []Warning
	if strings.Contains(s, "WARN") {
		ws = append(ws, Warning{Stage: "detect", Rule: "r.warn", Line: 2, Message: "a warning"})
	}
	return []Output{
		{Ext: ".akn.xml", Data: []byte("<akn>" + s + "</akn>\n")},
		{Ext: ".json", Data: []byte(fmt.Sprintf("{\"src\":%q}\n", s))},
	}, ws, nil
}

// akn is the fake's AKN output for src.
func akn(src string) string { return "<akn>" + src + "</akn>\n" }

// writeTree creates files under dir: name → content.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every regular file under dir: relative slash path →
// content.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// outputs is readTree without manifests.
func outputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := readTree(t, dir)
	for k := range m {
		if strings.HasPrefix(k, ManifestPrefix) {
			delete(m, k)
		}
	}
	return m
}

type tarFile struct {
	name, body, link string
	typ              byte
}

func makeTar(t *testing.T, path string, gz bool, files []tarFile) {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: 0o644, Typeflag: tar.TypeReg, Size: int64(len(f.body)), ModTime: time.Unix(1700000000, 0)}
		if f.typ != 0 {
			h.Typeflag, h.Size, h.Linkname = f.typ, 0, f.link
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write([]byte(f.body))
		}
	}
	tw.Close()
	data := b.Bytes()
	if gz {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func makeZip(t *testing.T, path string, files []tarFile) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate}
		body := f.body
		if f.typ == tar.TypeSymlink {
			h.SetMode(fs.ModeSymlink | 0o777)
			body = f.link
		} else {
			h.SetMode(0o644)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs a batch and returns its summary, its report lines and error.
func run(t *testing.T, o Options) (*Summary, []Record, error) {
	t.Helper()
	var rep bytes.Buffer
	o.Report = &rep
	s, err := Run(context.Background(), fake, o)
	return s, parseReport(t, rep.Bytes(), s), err
}

// parseReport checks the report's form: one JSON document line per
// document, then the summary line, equal to the summary returned.
func parseReport(t *testing.T, rep []byte, s *Summary) []Record {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(rep), "\n"), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatalf("empty report")
	}
	var recs []Record
	for _, l := range lines[:len(lines)-1] {
		var r Record
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("report line %q: %v", l, err)
		}
		recs = append(recs, r)
	}
	var last struct{ Summary *Summary }
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Summary == nil {
		t.Fatalf("last report line is not the summary: %q (%v)", lines[len(lines)-1], err)
	}
	if s != nil {
		if last.Summary.Documents != s.Documents || last.Summary.Failed != s.Failed || last.Summary.Converted != s.Converted || last.Summary.Skipped != s.Skipped {
			t.Errorf("report summary %+v, returned %+v", last.Summary, s)
		}
		if len(recs) != s.Documents {
			t.Errorf("report has %d document lines, summary says %d documents", len(recs), s.Documents)
		}
	}
	return recs
}

func byInput(recs []Record) map[string]Record {
	m := map[string]Record{}
	for _, r := range recs {
		m[r.Input] = r
	}
	return m
}

// TestMixedInputs: files, a directory with include and exclude, zip,
// tar and tar.gz archives, a files-from list and stdin in one batch; each
// output mirrors its input's relative path.
func TestMixedInputs(t *testing.T) {
	d := t.TempDir()
	writeTree(t, d, map[string]string{
		"single.ods.txt":          "single",
		"corpus/a.txt":            "corpus a",
		"corpus/sub/b.txt":        "corpus b",
		"corpus/sub/notes.md":     "not included",
		"corpus/skip/c.txt":       "excluded dir",
		"corpus/sub/draft-d.txt":  "excluded file",
		"listed/x/l1.txt":         "listed one",
		"listed/l2.txt":           "listed two",
		"list.txt":                "listed/x/l1.txt\r\n\nlisted/l2.txt\n",
		"corpus/sub/deep/e.txt":   "deep e",
		"corpus/sub/deep/e.other": "other",
	})
	makeZip(t, filepath.Join(d, "in.zip"), []tarFile{{name: "z/one.txt", body: "zip one"}, {name: "z/two.txt", body: "zip two"}, {name: "readme.md", body: "no"}})
	makeTar(t, filepath.Join(d, "in.tar"), false, []tarFile{{name: "t/one.txt", body: "tar one"}, {name: "t/", typ: tar.TypeDir}})
	makeTar(t, filepath.Join(d, "in.tar.gz"), true, []tarFile{{name: "g/one.txt", body: "tgz one"}})
	list, err := os.Open(filepath.Join(d, "list.txt"))
	if err != nil {
		t.Fatal(err)
	}
	listed, err := FilesFrom(list)
	list.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(d) // files-from paths are relative
	out := filepath.Join(d, "out")
	s, recs, err := run(t, Options{
		Inputs:    []string{"single.ods.txt", "corpus", "in.zip", "in.tar", "in.tar.gz", "-"},
		FilesFrom: listed,
		Stdin:     strings.NewReader("from stdin"),
		Exclude:   []string{"skip", "draft-*"},
		Output:    out,
		Stem:      func(rel string) string { return strings.TrimSuffix(strings.TrimSuffix(rel, ".txt"), ".ods") },
		Workers:   3,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"single":      "single",
		"a":           "corpus a",
		"sub/b":       "corpus b",
		"sub/deep/e":  "deep e",
		"z/one":       "zip one",
		"z/two":       "zip two",
		"t/one":       "tar one",
		"g/one":       "tgz one",
		"stdin":       "from stdin",
		"listed/x/l1": "listed one",
		"listed/l2":   "listed two",
	}
	got := outputs(t, out)
	if len(got) != 2*len(want) {
		t.Errorf("got %d output files, want %d: %v", len(got), 2*len(want), slices.Sorted(mapsKeys(got)))
	}
	for stem, src := range want {
		if got[stem+".akn.xml"] != akn(src) {
			t.Errorf("%s.akn.xml = %q, want %q", stem, got[stem+".akn.xml"], akn(src))
		}
		if !strings.Contains(got[stem+".json"], src) {
			t.Errorf("%s.json = %q", stem, got[stem+".json"])
		}
	}
	if s.Documents != len(want) || s.Converted != len(want) || s.Failed != 0 {
		t.Errorf("summary %+v", s)
	}
	// the report is in input order
	var order []string
	for _, r := range recs {
		order = append(order, r.Input)
	}
	wantOrder := []string{"single.ods.txt", filepath.Join("corpus", "a.txt"), filepath.Join("corpus", "sub", "b.txt"),
		filepath.Join("corpus", "sub", "deep", "e.txt"), "in.zip:z/one.txt", "in.zip:z/two.txt", "in.tar:t/one.txt",
		"in.tar.gz:g/one.txt", "<stdin>", "listed/x/l1.txt", "listed/l2.txt"}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("report order\n%q\nwant\n%q", order, wantOrder)
	}
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestMaliciousArchive: entries with absolute paths, "..", and links to
// outside fail, each with its own error; the others are converted; and
// nothing is written outside the output directory.
func TestMaliciousArchive(t *testing.T) {
	for _, kind := range []string{"tar", "tar.gz", "zip"} {
		t.Run(kind, func(t *testing.T) {
			d := t.TempDir()
			arch := filepath.Join(d, "evil."+kind)
			files := []tarFile{
				{name: "ok/good.txt", body: "good"},
				{name: "../escape.txt", body: "escape"},
				{name: "/abs.txt", body: "absolute"},
				{name: "ok/../../up.txt", body: "up"},
				{name: `..\win.txt`, body: "windows"},
				{name: "ok/link", typ: tar.TypeSymlink, link: "../../outside"},
				{name: "ok/abslink", typ: tar.TypeSymlink, link: "/etc/passwd"},
				{name: "ok/inside", typ: tar.TypeSymlink, link: "good.txt"},
				{name: "ok/also.txt", body: "also good"},
			}
			if kind == "zip" {
				makeZip(t, arch, files)
			} else {
				files = append(files, tarFile{name: "ok/hard", typ: tar.TypeLink, link: "../../../etc/shadow"})
				makeTar(t, arch, kind == "tar.gz", files)
			}
			out := filepath.Join(d, "work", "out")
			s, recs, err := run(t, Options{Inputs: []string{arch}, Output: out, Include: []string{"*"}})
			if err != nil {
				t.Fatal(err)
			}
			got := outputs(t, out)
			if len(got) != 4 || got["ok/good.akn.xml"] != akn("good") || got["ok/also.akn.xml"] != akn("also good") {
				t.Errorf("outputs %v", got)
			}
			// nothing anywhere else
			all := readTree(t, d)
			for k := range all {
				if !strings.HasPrefix(k, "work/out/") && k != "evil."+kind {
					t.Errorf("file written outside the output directory: %s", k)
				}
			}
			wantFail := 6
			if kind != "zip" {
				wantFail = 7
			}
			if s.Failed != wantFail || s.Converted != 2 {
				t.Errorf("summary %+v, want %d failed, 2 converted", s, wantFail)
			}
			for _, r := range recs {
				if r.Status == Failed && !strings.Contains(r.Error, "unsafe path") {
					t.Errorf("%s: error %q does not say unsafe path", r.Input, r.Error)
				}
			}
		})
	}
}

// TestOutputSymlink: a symbolic link already in the output directory
// cannot take an output outside it.
func TestOutputSymlink(t *testing.T) {
	d := t.TempDir()
	outside := filepath.Join(d, "outside")
	os.Mkdir(outside, 0o755)
	out := filepath.Join(d, "out")
	os.Mkdir(out, 0o755)
	if err := os.Symlink(outside, filepath.Join(out, "sub")); err != nil {
		t.Skip(err)
	}
	makeTar(t, filepath.Join(d, "a.tar"), false, []tarFile{{name: "sub/x.txt", body: "x"}})
	s, _, err := run(t, Options{Inputs: []string{filepath.Join(d, "a.tar")}, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 1 {
		t.Errorf("summary %+v: want the document to fail", s)
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Errorf("written through the link: %v", ents)
	}
}

// corpus writes n small inputs and returns their directory.
func corpus(t *testing.T, n int, fail ...int) string {
	t.Helper()
	d := filepath.Join(t.TempDir(), "in")
	files := map[string]string{}
	for i := range n {
		body := fmt.Sprintf("document %d %s", i, strings.Repeat("x", i%50))
		if slices.Contains(fail, i) {
			body += " FAIL"
		}
		if i%7 == 3 {
			body += " WARN"
		}
		files[fmt.Sprintf("d%02d/doc%04d.txt", i/100, i)] = body
	}
	writeTree(t, d, files)
	return d
}

// TestFailingDocument: a document failing in the middle is recorded and
// the others are all converted.
func TestFailingDocument(t *testing.T) {
	in := corpus(t, 40, 17)
	writeTree(t, in, map[string]string{"d00/doc0020.txt": "PANIC"})
	out := filepath.Join(t.TempDir(), "out")
	s, recs, err := run(t, Options{Inputs: []string{in}, Output: out, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents != 40 || s.Failed != 2 || s.Converted != 38 {
		t.Fatalf("summary %+v", s)
	}
	if n := len(outputs(t, out)); n != 2*38 {
		t.Errorf("%d outputs, want %d", n, 2*38)
	}
	r := recs[17]
	if r.Status != Failed || r.Error != "not a resolution" || len(r.Outputs) != 0 || !strings.HasSuffix(r.Input, "doc0017.txt") {
		t.Errorf("record 17: %+v", r)
	}
	if r := recs[20]; r.Status != Failed || !strings.Contains(r.Error, "internal error: boom") {
		t.Errorf("record 20 (a panic): %+v", r)
	}
	if _, err := os.Stat(filepath.Join(out, "d00", "doc0017.akn.xml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("failed document has an output: %v", err)
	}
}

// TestFailFast: the documents before the first failure are written, none
// after it.
func TestFailFast(t *testing.T) {
	in := corpus(t, 200, 60, 150)
	for _, j := range []int{1, 8} {
		out := filepath.Join(t.TempDir(), "out")
		s, recs, err := run(t, Options{Inputs: []string{in}, Output: out, Workers: j, FailFast: true})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Stopped || s.Failed != 1 || s.Converted != 60 || s.Documents != 61 {
			t.Errorf("-j %d: summary %+v", j, s)
		}
		if n := len(outputs(t, out)); n != 120 {
			t.Errorf("-j %d: %d outputs, want 120", j, n)
		}
		if recs[60].Status != Failed {
			t.Errorf("-j %d: last record %+v", j, recs[60])
		}
	}
}

// TestReport: each line has the input, outputs, status, warnings (with
// their stage and rule), bytes and time; the summary counts warnings by
// kind.
func TestReport(t *testing.T) {
	in := corpus(t, 20, 5)
	out := filepath.Join(t.TempDir(), "out")
	s, recs, err := run(t, Options{Inputs: []string{in}, Output: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	r := recs[3] // WARN
	wantOut := []string{filepath.Join(out, "d00", "doc0003.akn.xml"), filepath.Join(out, "d00", "doc0003.json")}
	if r.Input != filepath.Join(in, "d00", "doc0003.txt") || r.Status != Converted || !slices.Equal(r.Outputs, wantOut) {
		t.Errorf("record 3: %+v", r)
	}
	if len(r.Warnings) != 1 || r.Warnings[0] != (Warning{Stage: "detect", Rule: "r.warn", Line: 2, Message: "a warning"}) {
		t.Errorf("record 3 warnings: %+v", r.Warnings)
	}
	src, _ := os.ReadFile(filepath.Join(in, "d00", "doc0003.txt"))
	if r.Bytes != len(src) || r.OutBytes != len(akn(string(src)))+len(fmt.Sprintf("{\"src\":%q}\n", src)) || r.Millis < 0 {
		t.Errorf("record 3 sizes: %+v", r)
	}
	if recs[5].Status != Failed || recs[5].Error == "" {
		t.Errorf("record 5: %+v", recs[5])
	}
	// 3, 10, 17 warn
	if s.Warnings["detect/r.warn"] != 3 || len(s.Warnings) != 1 {
		t.Errorf("warnings by kind: %v", s.Warnings)
	}
	str := s.String()
	for _, w := range []string{"20 documents", "19 converted", "1 failed", "3 warnings (detect/r.warn: 3)", "documents/s", "MB/s"} {
		if !strings.Contains(str, w) {
			t.Errorf("summary %q lacks %q", str, w)
		}
	}
}

// normalise removes what changes from run to run from a report: times.
func normalise(recs []Record) []Record {
	out := slices.Clone(recs)
	for i := range out {
		out[i].Millis = 0
	}
	return out
}

// TestWorkersDoNotMatter: -j 1 and -j 8 give the same files, the same
// archives byte for byte, and the same report but for times.
func TestWorkersDoNotMatter(t *testing.T) {
	in := corpus(t, 300, 100, 201)
	makeZip(t, filepath.Join(t.TempDir(), "unused.zip"), nil)
	var trees []map[string]string
	var reports [][]Record
	var archives [][]string
	for _, j := range []int{1, 8} {
		d := t.TempDir()
		out := filepath.Join(d, "out")
		_, recs, err := run(t, Options{Inputs: []string{in}, Output: out, Workers: j})
		if err != nil {
			t.Fatal(err)
		}
		for i := range recs {
			for k, o := range recs[i].Outputs {
				recs[i].Outputs[k] = strings.TrimPrefix(o, d)
			}
		}
		trees = append(trees, outputs(t, out))
		reports = append(reports, normalise(recs))
		var arch []string
		for _, ext := range []string{"zip", "tar", "tar.gz"} {
			name := filepath.Join(d, "out."+ext)
			if _, _, err := run(t, Options{Inputs: []string{in}, Output: name, Workers: j}); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(name)
			arch = append(arch, string(b))
		}
		archives = append(archives, arch)
	}
	if len(trees[0]) != 2*298 {
		t.Errorf("%d outputs", len(trees[0]))
	}
	for k, v := range trees[0] {
		if trees[1][k] != v {
			t.Errorf("%s differs between -j 1 and -j 8", k)
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Errorf("-j 1: %d outputs, -j 8: %d", len(trees[0]), len(trees[1]))
	}
	a, _ := json.Marshal(reports[0])
	b, _ := json.Marshal(reports[1])
	if !bytes.Equal(a, b) {
		t.Errorf("reports differ between -j 1 and -j 8")
	}
	for i, ext := range []string{"zip", "tar", "tar.gz"} {
		if archives[0][i] != archives[1][i] {
			t.Errorf("%s archives differ between -j 1 and -j 8", ext)
		}
	}
}

// TestArchiveOutput: a zip, a tar and a tar.gz output hold every
// document's outputs in input order, readable by the standard readers.
func TestArchiveOutput(t *testing.T) {
	in := corpus(t, 30, 4)
	for _, ext := range []string{"zip", "tar", "tar.gz", "tgz"} {
		name := filepath.Join(t.TempDir(), "sub", "out."+ext)
		s, recs, err := run(t, Options{Inputs: []string{in}, Output: name, Workers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if s.Converted != 29 || s.Failed != 1 {
			t.Errorf("%s: summary %+v", ext, s)
		}
		if want := name + ":d00/doc0000.akn.xml"; recs[0].Outputs[0] != want {
			t.Errorf("%s: record output %q, want %q", ext, recs[0].Outputs[0], want)
		}
		var names []string
		contents := map[string]string{}
		if ext == "zip" {
			zr, err := zip.OpenReader(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				names = append(names, f.Name)
				contents[f.Name] = string(b)
			}
			zr.Close()
		} else {
			f, _ := os.Open(name)
			var r io.Reader = f
			if ext != "tar" {
				gz, err := gzip.NewReader(f)
				if err != nil {
					t.Fatal(err)
				}
				r = gz
			}
			tr := tar.NewReader(r)
			for {
				h, err := tr.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(tr)
				names = append(names, h.Name)
				contents[h.Name] = string(b)
			}
			// the end of the archive is there: nothing after it
			if rest, _ := io.ReadAll(r); len(bytes.Trim(rest, "\x00")) != 0 {
				t.Errorf("%s: %d bytes after the end of the archive", ext, len(rest))
			}
			f.Close()
		}
		if len(names) != 58 || !sort.StringsAreSorted(names) {
			t.Errorf("%s: entries %v", ext, names)
		}
		src, _ := os.ReadFile(filepath.Join(in, "d00", "doc0007.txt"))
		if contents["d00/doc0007.akn.xml"] != akn(string(src)) {
			t.Errorf("%s: doc0007 = %q", ext, contents["d00/doc0007.akn.xml"])
		}
		if left := temps(t, filepath.Dir(name)); len(left) > 0 {
			t.Errorf("%s: temporary files left: %v", ext, left)
		}
	}
}

// temps lists the temporary files under dir.
func temps(t *testing.T, dir string) []string {
	var out []string
	for k := range readTree(t, dir) {
		if strings.HasSuffix(k, TempSuffix) {
			out = append(out, k)
		}
	}
	return out
}

// TestShard: the shards of a list cover every document exactly once, and
// together give what the whole batch gives.
func TestShard(t *testing.T) {
	in := corpus(t, 101)
	makeTar(t, filepath.Join(filepath.Dir(in), "more.tar.gz"), true, []tarFile{{name: "t/1.txt", body: "one"}, {name: "t/2.txt", body: "two"}, {name: "t/3.txt", body: "three"}})
	inputs := []string{in, filepath.Join(filepath.Dir(in), "more.tar.gz")}
	whole := filepath.Join(t.TempDir(), "whole")
	if _, _, err := run(t, Options{Inputs: inputs, Output: whole}); err != nil {
		t.Fatal(err)
	}
	want := outputs(t, whole)
	for _, n := range []int{1, 2, 3, 7, 200} {
		seen := map[string]int{}
		union := map[string]string{}
		total := 0
		for i := 1; i <= n; i++ {
			out := filepath.Join(t.TempDir(), "out")
			counted := countProgress{total: -1}
			s, recs, err := run(t, Options{Inputs: inputs, Output: out, Shard: Shard{I: i, N: n}, Workers: 3, Progress: &counted, Count: true})
			if err != nil {
				t.Fatal(err)
			}
			total += s.Documents
			if counted.total != -1 && counted.total != s.Documents {
				t.Errorf("shard %d/%d: counted %d, did %d", i, n, counted.total, s.Documents)
			}
			for _, r := range recs {
				seen[r.Input]++
			}
			for k, v := range outputs(t, out) {
				union[k] = v
			}
		}
		if total != 104 || len(seen) != 104 {
			t.Errorf("%d shards: %d documents, %d distinct, want 104", n, total, len(seen))
		}
		for in, c := range seen {
			if c != 1 {
				t.Errorf("%d shards: %s converted %d times", n, in, c)
			}
		}
		if len(union) != len(want) {
			t.Errorf("%d shards: %d outputs, want %d", n, len(union), len(want))
		}
		for k, v := range want {
			if union[k] != v {
				t.Errorf("%d shards: %s differs", n, k)
			}
		}
	}
	if _, err := ParseShard("0/3"); err == nil {
		t.Error("0/3 accepted")
	}
	if s, err := ParseShard("2/3"); err != nil || s != (Shard{2, 3}) {
		t.Errorf("2/3: %v %v", s, err)
	}
}

type countProgress struct {
	total, done int
	onDone      func(r *Record)
}

func (c *countProgress) Total(n int) { c.total = n }
func (c *countProgress) Done(r *Record) {
	c.done++
	if c.onDone != nil {
		c.onDone(r)
	}
}

// TestIncremental: a second run skips what is up to date, and converts
// again what changed: the input's bytes, the fingerprint, a missing or
// truncated output. Modification times play no part.
func TestIncremental(t *testing.T) {
	in := corpus(t, 30)
	out := filepath.Join(t.TempDir(), "out")
	opts := Options{Inputs: []string{in}, Output: out, Incremental: true, Fingerprint: "v1 rules:abc"}
	count := func(recs []Record) (conv, skip int) {
		for _, r := range recs {
			switch r.Status {
			case Converted:
				conv++
			case Skipped:
				skip++
			}
		}
		return
	}
	_, recs, err := run(t, opts)
	if c, s := count(recs); err != nil || c != 30 || s != 0 {
		t.Fatalf("first run: %d converted, %d skipped, %v", c, s, err)
	}
	_, recs, _ = run(t, opts)
	if c, s := count(recs); c != 0 || s != 30 {
		t.Fatalf("second run: %d converted, %d skipped", c, s)
	}
	if len(recs[0].Outputs) != 2 {
		t.Errorf("a skipped document lists its outputs: %+v", recs[0])
	}
	// new bytes, same mtime
	p := filepath.Join(in, "d00", "doc0004.txt")
	st, _ := os.Stat(p)
	os.WriteFile(p, []byte("changed"), 0o644)
	os.Chtimes(p, st.ModTime(), st.ModTime())
	// same bytes, new mtime: still skipped
	q := filepath.Join(in, "d00", "doc0005.txt")
	later := time.Now().Add(time.Hour)
	os.Chtimes(q, later, later)
	// an output removed, one truncated
	os.Remove(filepath.Join(out, "d00", "doc0006.json"))
	os.WriteFile(filepath.Join(out, "d00", "doc0007.akn.xml"), []byte("<akn>"), 0o644)
	_, recs, _ = run(t, opts)
	m := byInput(recs)
	for i, want := range map[int]Status{4: Converted, 5: Skipped, 6: Converted, 7: Converted, 8: Skipped} {
		name := filepath.Join(in, "d00", fmt.Sprintf("doc%04d.txt", i))
		if m[name].Status != want {
			t.Errorf("doc%04d: %s, want %s", i, m[name].Status, want)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(out, "d00", "doc0004.akn.xml")); string(got) != akn("changed") {
		t.Errorf("doc0004 not converted again: %q", got)
	}
	if c, s := count(recs); c != 3 || s != 27 {
		t.Errorf("third run: %d converted, %d skipped", c, s)
	}
	// another fingerprint (another version, other rules): everything again
	opts.Fingerprint = "v2 rules:abc"
	_, recs, _ = run(t, opts)
	if c, s := count(recs); c != 30 || s != 0 {
		t.Errorf("new fingerprint: %d converted, %d skipped", c, s)
	}
	// the manifest stays compact: one line per document
	b, _ := os.ReadFile(filepath.Join(out, ManifestPrefix+".jsonl"))
	if n := bytes.Count(b, []byte("\n")); n != 30 {
		t.Errorf("manifest has %d lines, want 30", n)
	}
	// shards keep manifests of their own, and all are read
	opts.Shard = Shard{1, 2}
	opts.Fingerprint = "v3"
	run(t, opts)
	opts.Shard = Shard{2, 2}
	run(t, opts)
	opts.Shard = Shard{}
	_, recs, _ = run(t, opts)
	if c, s := count(recs); c != 0 || s != 30 {
		t.Errorf("after two shards: %d converted, %d skipped", c, s)
	}
	// a run that is not incremental keeps an existing manifest up to date
	os.WriteFile(p, []byte("changed again"), 0o644)
	opts.Incremental = false
	run(t, opts)
	opts.Incremental = true
	_, recs, _ = run(t, opts)
	if c, s := count(recs); c != 0 || s != 30 {
		t.Errorf("after a run that was not incremental: %d converted, %d skipped", c, s)
	}
	// without a manifest, a run that is not incremental writes none
	out2 := filepath.Join(t.TempDir(), "out2")
	run(t, Options{Inputs: []string{in}, Output: out2, Fingerprint: "v1"})
	if _, err := os.Stat(filepath.Join(out2, ManifestPrefix+".jsonl")); err == nil {
		t.Errorf("a manifest was written without --incremental")
	}
	if _, err := Run(context.Background(), fake, Options{Inputs: []string{in}, Output: out + ".zip", Incremental: true, Fingerprint: "x"}); !errors.Is(err, ErrUsage) {
		t.Errorf("incremental into an archive: %v", err)
	}
}

// TestCancel: cancelling stops the batch cleanly: what was written is
// whole, nothing is half-written, no temporary file is left, and the
// report ends with the summary of what was done.
func TestCancel(t *testing.T) {
	in := corpus(t, 500)
	for _, ext := range []string{"", ".zip", ".tar.gz"} {
		d := t.TempDir()
		out := filepath.Join(d, "out"+ext)
		ctx, cancel := context.WithCancel(context.Background())
		prog := &countProgress{onDone: func(r *Record) {
			if r.Status == Converted && strings.HasSuffix(r.Input, "doc0100.txt") {
				cancel()
			}
		}}
		var rep bytes.Buffer
		var calls atomic.Int64
		slow := func(d *Doc) ([]Output, []Warning, error) {
			calls.Add(1)
			time.Sleep(100 * time.Microsecond)
			return fake(d)
		}
		s, err := Run(ctx, slow, Options{Inputs: []string{in}, Output: out, Workers: 4, Report: &rep, Progress: prog})
		if !errors.Is(err, context.Canceled) || !s.Interrupted {
			t.Fatalf("%q: err %v, summary %+v", ext, err, s)
		}
		recs := parseReport(t, rep.Bytes(), s)
		if s.Converted < 101 || s.Converted >= 500 || len(recs) != s.Documents {
			t.Errorf("%q: summary %+v, %d records", ext, s, len(recs))
		}
		if c := calls.Load(); c > int64(s.Documents)+20 {
			t.Errorf("%q: %d conversions for %d documents: the batch went on", ext, c, s.Documents)
		}
		if left := temps(t, d); len(left) > 0 {
			t.Errorf("%q: temporary files left: %v", ext, left)
		}
		if ext == "" {
			got := outputs(t, out)
			if len(got) != 2*s.Converted {
				t.Errorf("%d outputs for %d converted", len(got), s.Converted)
			}
			for k, v := range got {
				if !strings.HasSuffix(v, "\n") {
					t.Errorf("%s is partial: %q", k, v)
				}
			}
		} else if n := archiveCount(t, out); n != 2*s.Converted {
			t.Errorf("%q: the archive has %d entries for %d converted", ext, n, s.Converted)
		}
	}
}

// archiveCount reads an archive written by batch and counts its entries.
func archiveCount(t *testing.T, name string) int {
	t.Helper()
	if strings.HasSuffix(name, ".zip") {
		zr, err := zip.OpenReader(name)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		return len(zr.File)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	n := 0
	for {
		_, err := tr.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
}

// failingSink fails its n-th put: a disk that fills up.
type failingSink struct {
	sink
	n, calls int
}

func (f *failingSink) put(name string, p any) error {
	f.calls++
	if f.calls == f.n {
		return errors.New("no space left on device")
	}
	return f.sink.put(name, p)
}

// TestWriteFailure: an output that cannot be written fails its document
// (its other output is taken back) and leaves no temporary file; other
// documents go on.
func TestWriteFailure(t *testing.T) {
	in := corpus(t, 10)
	out := filepath.Join(t.TempDir(), "out")
	d, err := openDir(out, false)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Inputs: []string{in}, Output: out, Workers: 2}
	if err := check(&opts); err != nil {
		t.Fatal(err)
	}
	p := newPipeline(&opts, fake, &failingSink{sink: d, n: 8}, nil)
	l := &lister{inputs: opts.Inputs, maxSize: opts.MaxSize}
	err = l.walk(context.Background(), true, nil, func(e *entry) error {
		j := newJob(e)
		p.work(j)
		return p.write(j)
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.sum.Failed != 1 || p.sum.Converted != 9 {
		t.Errorf("summary %+v", p.sum)
	}
	got := outputs(t, out)
	if len(got) != 18 {
		t.Errorf("%d outputs, want 18", len(got))
	}
	if _, ok := got["d00/doc0003.akn.xml"]; ok {
		t.Errorf("the failed document's first output is still there")
	}
	if left := temps(t, out); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestWriteFile: the atomic write of one file replaces the old content
// and leaves no temporary file.
func TestWriteFile(t *testing.T) {
	d := t.TempDir()
	p := filepath.Join(d, "new", "x.xml")
	if err := WriteFile(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("content %q", b)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	if left := temps(t, d); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := WriteFile(filepath.Join(d, "new"), []byte("x")); err == nil {
		t.Error("writing over a directory worked")
	}
	if left := temps(t, d); len(left) > 0 {
		t.Errorf("temporary files left after a failure: %v", left)
	}
}

// TestUsage: options no document could fix are refused before anything
// is read.
func TestUsage(t *testing.T) {
	for _, o := range []Options{
		{Output: "x"},
		{Inputs: []string{"a"}},
		{Inputs: []string{"a"}, Output: "x", Include: []string{"[a"}},
		{Inputs: []string{"a"}, Output: "x", Shard: Shard{4, 3}},
		{Inputs: []string{"a"}, Output: "x", Incremental: true},
	} {
		if _, err := Run(context.Background(), fake, o); !errors.Is(err, ErrUsage) {
			t.Errorf("%+v: %v, want a usage error", o, err)
		}
	}
}

// TestMissingInput: an input that does not exist is a failed document,
// not the end of the batch.
func TestMissingInput(t *testing.T) {
	in := corpus(t, 3)
	out := filepath.Join(t.TempDir(), "out")
	s, recs, err := run(t, Options{Inputs: []string{filepath.Join(in, "nope.txt"), in, filepath.Join(in, "bad.zip")}, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 2 || s.Converted != 3 || recs[0].Status != Failed {
		t.Errorf("summary %+v, records %+v", s, recs)
	}
}

// TestDuplicateOutputs: two inputs with one output name: the second fails
// instead of overwriting the first.
func TestDuplicateOutputs(t *testing.T) {
	d := t.TempDir()
	writeTree(t, d, map[string]string{"a/x.txt": "first", "b/x.txt": "second"})
	out := filepath.Join(d, "out")
	s, recs, err := run(t, Options{Inputs: []string{filepath.Join(d, "a", "x.txt"), filepath.Join(d, "b", "x.txt")}, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 1 || recs[1].Status != Failed || !strings.Contains(recs[1].Error, "earlier input") {
		t.Errorf("summary %+v, records %+v", s, recs)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "x.akn.xml")); string(b) != akn("first") {
		t.Errorf("x.akn.xml = %q", b)
	}
}

func TestGlobs(t *testing.T) {
	for _, c := range []struct {
		pat, rel string
		want     bool
	}{
		{"*.txt", "a/b/c.txt", true},
		{"*.txt", "a/b/c.xml", false},
		{"a/*.txt", "a/c.txt", true},
		{"a/*.txt", "a/b/c.txt", false},
		{"a/**/*.txt", "a/c.txt", true},
		{"a/**/*.txt", "a/b/d/c.txt", true},
		{"**/en/*", "x/en/y", true},
		{"**/en/*", "x/fr/y", false},
		{"skip", "x/skip", true},
	} {
		if got := matchGlob(c.pat, c.rel); got != c.want {
			t.Errorf("match(%q, %q) = %v", c.pat, c.rel, got)
		}
	}
}

// TestReadBig: a document over MaxSize fails, in a file and in archives.
func TestReadBig(t *testing.T) {
	d := t.TempDir()
	big := strings.Repeat("x", 2000)
	writeTree(t, d, map[string]string{"in/big.txt": big, "in/small.txt": "small"})
	makeZip(t, filepath.Join(d, "b.zip"), []tarFile{{name: "big.txt", body: big}})
	makeTar(t, filepath.Join(d, "b.tar.gz"), true, []tarFile{{name: "big2.txt", body: big}})
	s, recs, err := run(t, Options{Inputs: []string{filepath.Join(d, "in"), filepath.Join(d, "b.zip"), filepath.Join(d, "b.tar.gz")}, Output: filepath.Join(d, "out"), MaxSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 3 || s.Converted != 1 {
		t.Errorf("summary %+v %+v", s, recs)
	}
	for _, r := range recs {
		if r.Status == Failed && !strings.Contains(r.Error, "too large") {
			t.Errorf("%s: %s", r.Input, r.Error)
		}
	}
}
