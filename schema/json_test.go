package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// seedJSON is the golden JSON of the seed resolution.
var seedJSON = filepath.Join("..", "testdata", "A_RES_70_237.json")

func loadJSON(t testing.TB) *JSON {
	t.Helper()
	j, err := LoadJSON()
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func readSeedJSON(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(seedJSON)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// small is a valid document, one value per line so that problems land on
// known lines: line 5 is the language, line 7 the first paragraph.
const small = `{
  "$schema": "urn:resconv:schema:resolution:1",
  "symbol": "A/RES/70/237",
  "frbr": {"work": "/akn/un/x/70-237", "expression": "/akn/un/x/70-237/eng@", "manifestation": "/akn/un/x/70-237/eng@.xml"},
  "language": "eng",
  "operative": {"paragraphs": [
    {"kind": "operative", "number": "1.", "text": "Decides."}
  ]},
  "footnotes": []
}
`

func edit(old, new string) []byte { return []byte(strings.Replace(small, old, new, 1)) }

func TestValidateJSON(t *testing.T) {
	j := loadJSON(t)
	tests := []struct {
		name    string
		doc     []byte
		want    string // the first problem, as Problem.String prints it; "" for valid
		nProbs  int    // how many problems, if more than one
		pointer string // its Pointer
	}{
		{name: "seed.json", doc: readSeedJSON(t)},
		{name: "small.json", doc: []byte(small)},
		{name: "bad-language.json", doc: edit(`"eng",`, `"english",`),
			want: `bad-language.json:5:15: /language: 'english' does not match pattern '^[a-z]{3}$'`, pointer: "/language"},
		{name: "number-type.json", doc: edit(`"number": "1."`, `"number": 1`),
			want: `number-type.json:7:37: /operative/paragraphs/0/number: got number, want string`, pointer: "/operative/paragraphs/0/number"},
		{name: "unknown-field.json", doc: edit(`"symbol"`, `"symbool"`),
			want: `unknown-field.json:3:14: /symbool: property 'symbool' is not allowed`, pointer: "/symbool"},
		{name: "missing-text.json", doc: edit(`, "text": "Decides."`, ``),
			want: `missing-text.json:7:5: /operative/paragraphs/0: missing property 'text'`, pointer: "/operative/paragraphs/0"},
		{name: "table-with-text.json", doc: edit(`"kind": "operative"`, `"kind": "table", "rows": []`),
			want: `table-with-text.json:7:59: /operative/paragraphs/0/text: property 'text' is not allowed`, pointer: "/operative/paragraphs/0/text"},
		{name: "missing-root.json", doc: edit(`"footnotes": []`, `"footnotez": []`), nProbs: 2,
			want: `missing-root.json:1:1: missing property 'footnotes'`},
		{name: "bad-iri.json", doc: edit(`"work": "/akn/un/x/70-237"`, `"work": "70-237"`),
			want: `bad-iri.json:4:20: /frbr/work: '70-237' does not match pattern '^/akn/un/[^@]+$'`, pointer: "/frbr/work"},
		{name: "not-object.json", doc: []byte("[1, 2]\n"), want: `not-object.json:1:1: got array, want object`},
		{name: "empty.json", doc: nil, want: `empty.json:1:1: document is empty`},
		{name: "syntax.json", doc: edit(`"eng",`, `"eng"`), want: `syntax.json:6:3: not JSON: invalid character '"' after object key:value pair`},
		{name: "truncated.json", doc: []byte(small[:40]), want: `truncated.json:2:39: not JSON: unexpected end of JSON input`},
		{name: "trailing.json", doc: []byte(small + "{}"), want: `trailing.json:11:1: not JSON: invalid character after top-level value`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			probs := problemsOf(t, j.Validate(tc.name, tc.doc), tc.want != "")
			if tc.want == "" {
				return
			}
			if got := probs[0].String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if got := probs[0].Pointer; got != tc.pointer {
				t.Errorf("Pointer = %q, want %q", got, tc.pointer)
			}
			if n := max(tc.nProbs, 1); len(probs) != n {
				t.Errorf("%d problems, want %d: %v", len(probs), n, probs)
			}
		})
	}
}

// problemsOf returns the problems of a validation error, failing the
// test unless it is a *ValidationError (invalid true) or nil (false).
func problemsOf(t *testing.T, err error, invalid bool) []Problem {
	t.Helper()
	var ve *ValidationError
	switch {
	case !invalid && err != nil:
		t.Fatalf("want valid, got %v", err)
	case !invalid:
		return nil
	case !errors.As(err, &ve) || len(ve.Problems) == 0:
		t.Fatalf("want *ValidationError, got %T %v", err, err)
	}
	return ve.Problems
}

// TestJSONProblemsSorted checks that several problems come back in the
// order of the document, the same every time.
func TestJSONProblemsSorted(t *testing.T) {
	j := loadJSON(t)
	doc := []byte(strings.NewReplacer(`"eng",`, `"english",`, `"1."`, `1`, `"footnotes": []`, `"footnotes": {}`).Replace(small))
	var first string
	for i := range 10 {
		probs := problemsOf(t, j.Validate("a.json", doc), true)
		if len(probs) != 3 {
			t.Fatalf("want 3 problems, got %v", probs)
		}
		var lines []string
		for _, p := range probs {
			lines = append(lines, p.String())
		}
		got := strings.Join(lines, "\n")
		if i == 0 {
			first = got
			if !strings.HasPrefix(lines[0], "a.json:5:") || !strings.HasPrefix(lines[1], "a.json:7:") || !strings.HasPrefix(lines[2], "a.json:9:") {
				t.Errorf("not in document order:\n%s", got)
			}
		} else if got != first {
			t.Fatalf("run %d differs:\n%s\nfirst:\n%s", i, got, first)
		}
	}
}

// TestResolutionSchema checks the embedded schema: JSON, draft 2020-12,
// with the $id the writer names.
func TestResolutionSchema(t *testing.T) {
	var s struct {
		Schema string `json:"$schema"`
		ID     string `json:"$id"`
	}
	if err := json.Unmarshal(ResolutionSchema(), &s); err != nil {
		t.Fatal(err)
	}
	if s.Schema != "https://json-schema.org/draft/2020-12/schema" || s.ID != ResolutionSchemaID {
		t.Errorf("$schema %q, $id %q", s.Schema, s.ID)
	}
	a, b := loadJSON(t), loadJSON(t)
	if a != b {
		t.Error("LoadJSON compiled the schema twice")
	}
}

func TestCompileJSONErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not JSON", `{`, "bad.json"},
		{"not a schema", `{"type": 12}`, "bad.json"},
		{"remote ref", `{"$ref": "https://example.com/other.json"}`, "not fetched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CompileJSON("bad.json", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestConcurrentValidateJSON(t *testing.T) {
	j := loadJSON(t)
	seed := readSeedJSON(t)
	bad := edit(`"eng",`, `"english",`)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				name := fmt.Sprintf("g%d-%d.json", g, i)
				if i%2 == 0 {
					if err := j.Validate(name, seed); err != nil {
						t.Errorf("%s: %v", name, err)
					}
					continue
				}
				err := j.Validate(name, bad)
				if want := name + ":5:15: /language: "; err == nil || !strings.HasPrefix(err.Error(), want) {
					t.Errorf("got %v, want prefix %q", err, want)
				}
			}
		})
	}
	wg.Wait()
}

func TestProblemStringPointer(t *testing.T) {
	p := Problem{File: "f.json", Line: 3, Column: 7, Pointer: "/a/0", Message: "m"}
	if got, want := p.String(), "f.json:3:7: /a/0: m"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	p.Line, p.Column = 0, 0
	if got, want := p.String(), "f.json: /a/0: m"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestPointer(t *testing.T) {
	if got, want := pointer([]string{"a/b", "m~n", "0"}), "/a~1b/m~0n/0"; got != want {
		t.Errorf("pointer = %q, want %q", got, want)
	}
	// a key with an escaped "/" is still found
	doc := []byte("{\"x\": 1,\n \"a/b\": [true,\n  {\"c\": null}]}")
	if line, col := position(doc, offsetOf(doc, []string{"a/b", "1", "c"})); line != 3 || col != 9 {
		t.Errorf("position = %d:%d, want 3:9", line, col)
	}
}

// BenchmarkValidateJSON validates the seed resolution's JSON.
func BenchmarkValidateJSON(b *testing.B) {
	j := loadJSON(b)
	doc := readSeedJSON(b)
	if !bytes.Contains(doc, []byte(ResolutionSchemaID)) {
		b.Fatal("not a resolution JSON")
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if err := j.Validate("seed.json", doc); err != nil {
			b.Fatal(err)
		}
	}
}
