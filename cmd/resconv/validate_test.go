package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resconv/resconv/internal/sharedtest"
	"github.com/resconv/resconv/schema"
)

// seedJSONPath is the golden JSON of the seed, as the CLI writes it.
var seedJSONPath = filepath.Join("..", "..", "testdata", "A_RES_70_237.json")

// otherXSD is a schema that accepts only <other/> in the AKN namespace:
// any AKN output is invalid against it, so --validate must refuse it.
const otherXSD = `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" elementFormDefault="qualified">
  <xsd:element name="other"/>
</xsd:schema>
`

// billionLaughs is the path of an entity bomb.
var billionLaughs = filepath.Join("..", "..", "testdata", "billion-laughs.xml")

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cliCase is a run of resconv in a temporary directory.
type cliCase struct {
	name  string
	files map[string]string // created in the temp dir first; a name ending in / is a directory
	env   map[string]string // $D is the temp dir; the XSD variable is always set, empty by default
	args  []string          // after "resconv"; $D is the temp dir
	stdin string
	code  int
	out   []string          // regexps stdout must match ($D is the temp dir); or "=akn" / "=json" alone: stdout is the seed's output
	err   []string          // regexps stderr must match; $D is the temp dir
	tree  map[string]string // every file in the temp dir afterwards: "akn" or "json" for the seed's outputs, "" for inputs
}

// run runs the case: not in parallel, since it sets the environment.
func (tt cliCase) run(t *testing.T, akn, js string) {
	dir := t.TempDir()
	makeFiles(t, dir, tt.files)
	t.Setenv("RESCONV_AKN_XSD", "")
	for k, v := range tt.env {
		t.Setenv(k, strings.ReplaceAll(v, "$D", dir))
	}
	code, stdout, stderr := runCLI(t, tt.stdin, expand(tt.args, dir)...)
	if code != tt.code {
		t.Errorf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
	}
	switch {
	case len(tt.out) == 1 && (tt.out[0] == "=akn" || tt.out[0] == "=json"):
		if want := map[string]string{"=akn": akn, "=json": js}[tt.out[0]]; stdout != want {
			t.Errorf("stdout is not the seed's %s:\n%.500s", tt.out[0][1:], stdout)
		}
	case len(tt.out) == 0 && stdout != "":
		t.Errorf("stdout = %.300q, want empty", stdout)
	default:
		matchAll(t, "stdout", stdout, tt.out, dir)
	}
	matchAll(t, "stderr", stderr, tt.err, dir)
	var want []string
	for name := range tt.tree {
		want = append(want, name)
	}
	slices.Sort(want)
	got := tree(t, dir)
	if !slices.Equal(got, want) {
		t.Errorf("files afterwards: %q, want %q", got, want)
	}
	for name, kind := range tt.tree {
		if kind == "" {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, name))
		if want := map[string]string{"akn": akn, "json": js}[kind]; string(b) != want {
			t.Errorf("%s is not the seed's %s:\n%.500s", name, kind, b)
		}
	}
}

func TestConvertJSON(t *testing.T) {
	seed, akn := reference(t)
	js := readFile(t, seedJSONPath)
	tests := []cliCase{
		{name: "--to json to stdout", files: map[string]string{"a.txt": seed}, args: []string{"--to", "json", "$D/a.txt"},
			out: []string{"=json"}, tree: map[string]string{"a.txt": ""}},
		{name: "--to json from stdin", args: []string{"convert", "--to", "json"}, stdin: seed, out: []string{"=json"}},
		{name: "--to json -o file", files: map[string]string{"a.txt": seed}, args: []string{"--to", "json", "-o", "$D/x.json", "$D/a.txt"},
			tree: map[string]string{"a.txt": "", "x.json": "json"}},
		{name: "--to akn,json -o dir/", files: map[string]string{"A_RES_70_237.ods.txt": seed},
			args: []string{"--to", "akn,json", "-o", "$D/out/", "$D/A_RES_70_237.ods.txt"},
			tree: map[string]string{"A_RES_70_237.ods.txt": "", "out/A_RES_70_237.akn.xml": "akn", "out/A_RES_70_237.json": "json"}},
		{name: "two formats make -o a directory", files: map[string]string{"a.txt": seed},
			args: []string{"--to", "json,akn", "-o", "$D/out", "$D/a.txt"},
			tree: map[string]string{"a.txt": "", "out/a.akn.xml": "akn", "out/a.json": "json"}},
		{name: "several inputs, two formats", files: map[string]string{"a.txt": seed, "b.pdf.txt": seed},
			args: []string{"--to", "akn,json", "-o", "$D/out", "$D/a.txt", "$D/b.pdf.txt"},
			tree: map[string]string{"a.txt": "", "b.pdf.txt": "", "out/a.akn.xml": "akn", "out/a.json": "json", "out/b.akn.xml": "akn", "out/b.json": "json"}},
		{name: "repeated format", stdin: seed, args: []string{"--to", "json,json"}, out: []string{"=json"}},
		{name: "two formats without -o", files: map[string]string{"a.txt": seed}, args: []string{"--to", "akn,json", "$D/a.txt"},
			code: exitUsage, err: []string{`--to akn,json writes two files per input: it needs -o DIR`}, tree: map[string]string{"a.txt": ""}},
		{name: "unknown format in a list", stdin: seed, args: []string{"--to", "akn,pdf"},
			code: exitUsage, err: []string{`--to "akn,pdf": unknown output format`}},

		{name: "--validate json needs no XSD", files: map[string]string{"a.txt": seed},
			args: []string{"--validate", "--to", "json", "-o", "$D/a.json", "$D/a.txt"},
			tree: map[string]string{"a.txt": "", "a.json": "json"}},
		{name: "--validate akn without XSD", files: map[string]string{"a.txt": seed},
			args: []string{"--validate", "-o", "$D/a.xml", "$D/a.txt"}, code: exitUsage,
			err:  []string{`--xsd PATH or set RESCONV_AKN_XSD`, regexp.QuoteMeta(xsdURL), `xml\.xsd`},
			tree: map[string]string{"a.txt": ""}},
		{name: "--validate with a missing XSD", files: map[string]string{"a.txt": seed},
			args: []string{"--validate", "--xsd", "$D/none.xsd", "-o", "$D/a.xml", "$D/a.txt"}, code: exitUsage,
			err: []string{`\$D/none.xsd`}, tree: map[string]string{"a.txt": ""}},
		{name: "--validate with an XSD that does not compile", files: map[string]string{"a.txt": seed, "bad.xsd": "not a schema"},
			args: []string{"--validate", "--xsd", "$D/bad.xsd", "-o", "$D/a.xml", "$D/a.txt"}, code: exitUsage,
			err: []string{`(?m)^resconv: schema: load XSD \$D/bad.xsd: .+`}, tree: map[string]string{"a.txt": "", "bad.xsd": ""}},
		{name: "--validate with an XSD that does not compile, batch", files: map[string]string{"a.txt": seed, "b.txt": seed, "bad.xsd": "not a schema"},
			args: []string{"--validate", "--xsd", "$D/bad.xsd", "-o", "$D/out/", "$D/a.txt", "$D/b.txt"}, code: exitUsage,
			err: []string{`(?m)^resconv: schema: load XSD \$D/bad.xsd: .+`}, tree: map[string]string{"a.txt": "", "b.txt": "", "bad.xsd": ""}},
		{name: "--validate: an invalid output is not written", files: map[string]string{"a.txt": seed, "other.xsd": otherXSD},
			args: []string{"--validate", "--xsd", "$D/other.xsd", "--to", "akn,json", "-o", "$D/out/", "$D/a.txt"}, code: exitFailed,
			err: []string{`(?m)^resconv: \$D/a.txt: the AKN output is not valid, not written:$`,
				`(?m)^  \$D/out/a.akn.xml:2:1: .*akomaNtoso.*$`},
			tree: map[string]string{"a.txt": "", "other.xsd": ""}},
		{name: "--validate to stdout", stdin: seed, files: map[string]string{"other.xsd": otherXSD},
			env: map[string]string{"RESCONV_AKN_XSD": "$D/other.xsd"}, args: []string{"--validate"}, code: exitFailed,
			err: []string{`(?m)^  <stdout>:2:1: `}, tree: map[string]string{"other.xsd": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, akn, js) })
	}
}

// TestConvertValidateOfficial converts with --validate against the
// official XSD: the seed's outputs are valid and written.
func TestConvertValidateOfficial(t *testing.T) {
	xsd := sharedtest.SharedFile(t, "akn/akomantoso30.xsd")
	seed, akn := reference(t)
	js := readFile(t, seedJSONPath)
	cliCase{files: map[string]string{"a.txt": seed}, args: []string{"--validate", "--xsd", xsd, "--to", "akn,json", "-o", "$D/out", "$D/a.txt"},
		tree: map[string]string{"a.txt": "", "out/a.akn.xml": "akn", "out/a.json": "json"}}.run(t, akn, js)
}

func TestValidateCommand(t *testing.T) {
	_, akn := reference(t)
	js := readFile(t, seedJSONPath)
	badJSON := strings.Replace(js, `"language": "eng"`, `"language": "english"`, 1)
	badAKN := strings.Replace(akn, "<preamble>", "<preamble><bogus/>", 1)
	tests := []cliCase{
		{name: "valid JSON", files: map[string]string{"a.json": js}, args: []string{"validate", "$D/a.json"},
			out: []string{`^\$D/a.json: ok\n$`}, tree: map[string]string{"a.json": ""}},
		{name: "invalid JSON", files: map[string]string{"a.json": js, "b.json": badJSON}, args: []string{"validate", "$D/a.json", "$D/b.json"},
			code: exitFailed, out: []string{`(?m)^\$D/a.json: ok$`, `(?m)^\$D/b.json:6:15: /language: 'english' does not match pattern '\^\[a-z\]\{3\}\$'$`},
			tree: map[string]string{"a.json": "", "b.json": ""}},
		{name: "not JSON", files: map[string]string{"a.json": "{\n  \"symbol\": \n}"}, args: []string{"validate", "$D/a.json"},
			code: exitFailed, out: []string{`^\$D/a.json:3:1: not JSON: invalid character '}' looking for beginning of value\n$`}, tree: map[string]string{"a.json": ""}},
		{name: "JSON without extension, on stdin", stdin: js, args: []string{"validate", "-"}, out: []string{`^<stdin>: ok\n$`}},
		{name: "JSON is validated without an XSD", files: map[string]string{"a.txt": js}, args: []string{"validate", "$D/a.txt"},
			out: []string{`ok`}, tree: map[string]string{"a.txt": ""}},
		{name: "XML without an XSD", files: map[string]string{"a.json": js, "a.xml": akn}, args: []string{"validate", "$D/a.json", "$D/a.xml"},
			code: exitUsage, err: []string{regexp.QuoteMeta(xsdURL)}, tree: map[string]string{"a.json": "", "a.xml": ""}},
		{name: "XML that is not AKN", files: map[string]string{"other.xsd": otherXSD, "a.xml": akn}, args: []string{"validate", "--xsd", "$D/other.xsd", "$D/a.xml"},
			code: exitFailed, out: []string{`^\$D/a.xml:2:1: .*akomaNtoso`}, tree: map[string]string{"other.xsd": "", "a.xml": ""}},
		{name: "billion laughs", files: map[string]string{"other.xsd": otherXSD, "lol.xml": readFile(t, billionLaughs)},
			env: map[string]string{"RESCONV_AKN_XSD": "$D/other.xsd"}, args: []string{"validate", "$D/lol.xml"},
			code: exitFailed, out: []string{`^\$D/lol.xml:2: DTDs and entity declarations are not allowed\n$`}, tree: map[string]string{"other.xsd": "", "lol.xml": ""}},
		{name: "missing file", args: []string{"validate", "$D/none.json"}, code: exitFailed, out: []string{`none.json`}},
		{name: "no file", args: []string{"validate"}, code: exitUsage, err: []string{`validate needs a FILE`}},
		{name: "help", args: []string{"validate", "--help"}, out: []string{`FILE:LINE:COL`, `--xsd`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, akn, js) })
	}

	t.Run("official XSD", func(t *testing.T) {
		xsd := sharedtest.SharedFile(t, "akn/akomantoso30.xsd")
		cliCase{files: map[string]string{"a.xml": akn, "b.xml": badAKN, "a.json": js}, env: map[string]string{"RESCONV_AKN_XSD": xsd},
			args: []string{"validate", "$D/a.xml", "$D/b.xml", "$D/a.json"}, code: exitFailed,
			out:  []string{`(?m)^\$D/a.xml: ok$`, `(?m)^\$D/a.json: ok$`, `(?m)^\$D/b.xml:\d+:\d+: Element '\{[^}]+\}bogus': This element is not expected`},
			tree: map[string]string{"a.xml": "", "b.xml": "", "a.json": ""}}.run(t, akn, js)
	})
}

// TestBillionLaughsFast checks that the entity bomb is refused at once.
func TestBillionLaughsFast(t *testing.T) {
	xsd := filepath.Join(t.TempDir(), "other.xsd")
	os.WriteFile(xsd, []byte(otherXSD), 0o644)
	start := time.Now()
	code, stdout, _ := runCLI(t, "", "validate", "--xsd", xsd, billionLaughs)
	if d := time.Since(start); code != exitFailed || !strings.Contains(stdout, "DTDs and entity declarations are not allowed") || d > 2*time.Second {
		t.Errorf("exit %d in %v, stdout %q; want 1, fast, and the reason", code, d, stdout)
	}
}

func TestSchemaCommand(t *testing.T) {
	if code, _, stderr := runCLI(t, "", "schema", "xml"); code != exitUsage || !strings.Contains(stderr, "unknown schema") {
		t.Errorf("schema xml: exit %d, stderr %q; want 2", code, stderr)
	}
	if code, stdout, _ := runCLI(t, "", "schema"); code != exitOK || !strings.Contains(stdout, "resconv schema json") {
		t.Errorf("schema: exit %d, stdout %q; want its help", code, stdout)
	}
	code, stdout, stderr := runCLI(t, "", "schema", "json")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !json.Valid([]byte(stdout)) || !bytes.Equal([]byte(stdout), schema.ResolutionSchema()) {
		t.Errorf("stdout is not the embedded schema:\n%.300s", stdout)
	}
	if _, err := schema.CompileJSON("printed.json", []byte(stdout)); err != nil {
		t.Errorf("the printed schema does not compile: %v", err)
	}
}

// TestCLIDeterministic converts the seed twice to both formats: the files
// must be the same bytes.
func TestCLIDeterministic(t *testing.T) {
	seed, _ := reference(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	os.WriteFile(in, []byte(seed), 0o644)
	for _, out := range []string{"1", "2"} {
		if code, _, stderr := runCLI(t, "", "--to", "akn,json", "-o", filepath.Join(dir, out), in); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	for _, name := range []string{"a.akn.xml", "a.json"} {
		a, b := readFile(t, filepath.Join(dir, "1", name)), readFile(t, filepath.Join(dir, "2", name))
		if a != b || a == "" {
			t.Errorf("%s differs between two runs", name)
		}
	}
}
