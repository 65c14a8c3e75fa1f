package jsondoc_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/jsondoc"
	"github.com/resconv/resconv/internal/golden"
	"github.com/resconv/resconv/internal/sharedtest"
	"github.com/resconv/resconv/rules"
	"github.com/resconv/resconv/schema"
)

const testdataDir = "../../testdata"

var ga = rules.BodyInfo{IRI: "unga", Ref: "ga", Href: "/akn/ontology/organization/un/generalAssembly", SessionRef: "generalAssembly", SymbolPrefix: "A/RES/"}

// options are those the golden files are written with.
var options = convert.Options{Indent: "  ", JSON: true}

// validate fails the test if doc is not valid against the resolution
// schema.
func validate(t testing.TB, name string, doc []byte) {
	t.Helper()
	j, err := schema.LoadJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Validate(name, doc); err != nil {
		var ve *schema.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				t.Errorf("%s", p)
			}
			return
		}
		t.Fatal(err)
	}
}

// inputs lists the golden inputs: name → path. X.ods.txt has the golden
// X.json, X.pdf.txt has X.pdf.json (beside X.akn.xml and X.pdf.akn.xml).
func inputs(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, pat := range []string{"*.ods.txt", "*.pdf.txt"} {
		m, err := filepath.Glob(filepath.Join(testdataDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range m {
			out[strings.TrimSuffix(strings.TrimSuffix(filepath.Base(in), ".txt"), ".ods")] = in
		}
	}
	if len(out) == 0 {
		t.Fatalf("no inputs in %s", testdataDir)
	}
	return out
}

func convertFile(t testing.TB, path string) *convert.Result {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := convert.Convert(src, options)
	if err != nil {
		t.Fatalf("Convert: %v", err)
	}
	return res
}

// TestGolden converts every golden input and compares the JSON with
// testdata/NAME.json byte for byte (go test ./... -update rewrites them);
// every one must be valid against the schema and say what the AKN says.
func TestGolden(t *testing.T) {
	for name, in := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res := convertFile(t, in)
			path := filepath.Join(testdataDir, name+".json")
			golden.Check(t, path, res.JSON)
			validate(t, filepath.Base(path), res.JSON)
			sameAsAKN(t, res.JSON, res.AKN)
		})
	}
}

// TestDeterministic converts the seed twice: the JSON must be the same
// bytes.
func TestDeterministic(t *testing.T) {
	in := filepath.Join(testdataDir, "A_RES_70_237.ods.txt")
	a, b := convertFile(t, in), convertFile(t, in)
	if !bytes.Equal(a.JSON, b.JSON) {
		t.Errorf("two renderings differ at %s", golden.Diff(b.JSON, a.JSON))
	}
}

// TestEvalSet renders every input of the shared evaluation set that
// converts: each JSON must be valid and say what its AKN says.
func TestEvalSet(t *testing.T) {
	if testing.Short() {
		t.Skip("long: converts the whole dev set")
	}
	files := sharedtest.DevInputs(t)
	conv, err := convert.New(options)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := conv.Convert(src)
		if err != nil {
			continue // convert's own TestEvalSet says which must convert
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			validate(t, filepath.Base(f), res.JSON)
			sameAsAKN(t, res.JSON, res.AKN)
		})
	}
	if n == 0 {
		t.Errorf("nothing converted from %d inputs", len(files))
	}
}

// sameAsAKN checks that the JSON and the AKN of one document say the same
// thing: the same words in the same order in the preamble and bodies, the
// same footnotes, symbol and FRBR IRIs.
func sameAsAKN(t *testing.T, js, akn []byte) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	x := etree.NewDocument()
	if err := x.ReadFromBytes(akn); err != nil {
		t.Fatal(err)
	}

	var aknWords []string
	var walk func(*etree.Element)
	walk = func(e *etree.Element) {
		if e.Tag == "preamble" || e.Tag == "mainBody" {
			aknWords = append(aknWords, strings.Fields(textOf(e))...)
			return
		}
		for _, c := range e.ChildElements() {
			walk(c)
		}
	}
	walk(x.Root())
	var jsonWords []string
	statement := func(st map[string]any) {
		for _, key := range []string{"preamble", "operative"} {
			if p, ok := st[key].(map[string]any); ok {
				if f, ok := p["formula"].(map[string]any); ok {
					jsonWords = blockWords(jsonWords, f)
				}
				for _, b := range list(p["paragraphs"]) {
					jsonWords = blockWords(jsonWords, b.(map[string]any))
				}
			}
		}
		for _, a := range list(st["annexes"]) {
			if h, ok := a.(map[string]any)["heading"].(string); ok {
				jsonWords = append(jsonWords, strings.Fields(h)...) // the annex's first paragraph in AKN
			}
			for _, b := range list(a.(map[string]any)["paragraphs"]) {
				jsonWords = blockWords(jsonWords, b.(map[string]any))
			}
		}
	}
	statement(doc)
	for _, p := range list(doc["parts"]) {
		statement(p.(map[string]any))
	}
	if !slices.Equal(jsonWords, aknWords) {
		i := 0
		for i < len(jsonWords) && i < len(aknWords) && jsonWords[i] == aknWords[i] {
			i++
		}
		t.Errorf("the JSON's words differ from the AKN's at word %d:\n\tjson: %q\n\takn:  %q",
			i+1, jsonWords[i:min(i+8, len(jsonWords))], aknWords[i:min(i+8, len(aknWords))])
	}

	// footnotes: the AKN writes each referenced note once
	var aknNotes, jsonNotes []string
	for _, n := range x.FindElements("//authorialNote") {
		aknNotes = append(aknNotes, n.SelectAttrValue("marker", "")+" "+strings.Join(strings.Fields(textOf(n)), " "))
	}
	for _, f := range list(doc["footnotes"]) {
		f := f.(map[string]any)
		if len(list(f["referenced_at"])) > 0 {
			jsonNotes = append(jsonNotes, f["marker"].(string)+" "+strings.Join(strings.Fields(f["text"].(string)), " "))
		}
	}
	slices.Sort(aknNotes)
	slices.Sort(jsonNotes)
	if !slices.Equal(aknNotes, jsonNotes) {
		t.Errorf("footnotes differ:\n\tjson: %q\n\takn:  %q", jsonNotes, aknNotes)
	}

	if sym := x.FindElement("//coverPage//docNumber[@refersTo='#symbol']"); sym != nil && sym.Text() != doc["symbol"] {
		t.Errorf("symbol %q, AKN %q", doc["symbol"], sym.Text())
	}
	var aknWorks, jsonWorks []string
	for _, e := range x.FindElements("//FRBRWork/FRBRuri") {
		if v := e.SelectAttrValue("value", ""); !slices.Contains(aknWorks, v) {
			aknWorks = append(aknWorks, v)
		}
	}
	for _, st := range append([]any{doc}, list(doc["parts"])...) {
		jsonWorks = append(jsonWorks, st.(map[string]any)["frbr"].(map[string]any)["work"].(string))
	}
	if !slices.Equal(aknWorks, jsonWorks) {
		t.Errorf("FRBR works differ:\n\tjson: %q\n\takn:  %q", jsonWorks, aknWorks)
	}
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// blockWords appends the words of a block as the AKN has them: number,
// text, points, cells.
func blockWords(out []string, b map[string]any) []string {
	if n, ok := b["number"].(string); ok {
		out = append(out, strings.Fields(n)...)
	}
	if s, ok := b["text"].(string); ok {
		out = append(out, strings.Fields(s)...)
	}
	for _, row := range list(b["rows"]) {
		for _, c := range list(row) {
			out = append(out, strings.Fields(c.(map[string]any)["text"].(string))...)
		}
	}
	for _, p := range list(b["points"]) {
		out = blockWords(out, p.(map[string]any))
	}
	return out
}

// textOf is the text of e without footnotes (authorialNote, sup), with a
// space between block elements.
func textOf(e *etree.Element) string {
	var b strings.Builder
	var walk func(*etree.Element)
	walk = func(e *etree.Element) {
		for _, c := range e.Child {
			switch c := c.(type) {
			case *etree.CharData:
				b.WriteString(c.Data)
			case *etree.Element:
				switch c.Tag {
				case "authorialNote", "sup":
					continue
				case "span", "inline", "docDate":
					walk(c)
				default:
					b.WriteByte(' ')
					walk(c)
					b.WriteByte(' ')
				}
			}
		}
	}
	walk(e)
	return b.String()
}

// at returns the value at a JSON pointer of a decoded document.
func at(t *testing.T, doc any, ptr string) any {
	t.Helper()
	v := doc
	for _, tok := range strings.Split(ptr, "/")[1:] {
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i >= len(x) {
				t.Fatalf("%s: no %s", ptr, tok)
			}
			v = x[i]
		default:
			t.Fatalf("%s: %s is not in a container", ptr, tok)
		}
	}
	return v
}

func TestWrite(t *testing.T) {
	note1 := &document.Note{Marker: "1", Text: document.PlainText("A/70/174.")}
	note2 := &document.Note{Marker: "2", Text: document.Text{{Text: "See note "}, {Text: "1", Note: note1}, {Text: "."}}}
	star := &document.Note{Marker: "*", Text: document.PlainText("Reissued.")}
	unused := &document.Note{Marker: "3", Text: document.PlainText("Never referred to.")}
	meta := document.Meta{
		Language: "fra", Body: "ga", Symbol: "A/RES/70/237", Number: "70/237.", AdoptionDate: "2015-12-23",
		Title: document.Text{{Text: "Développements"}, {Text: "*", Note: star, First: true}},
	}
	para := func(num, text string) *document.Block {
		return &document.Block{Kind: document.Operative, Num: num, Text: document.PlainText(text)}
	}
	// "Réaffirmant …" has two-byte letters: offsets count code points
	withNotes := &document.Block{Kind: document.Preambular, Phrase: "Réaffirmant", Text: document.Text{
		{Text: "Réaffirmant sa résolution"}, {Text: "1", Note: note1, First: true}, {Text: " et ça"}, {Text: "2", Note: note2, First: true}, {Text: ","},
	}}
	point := &document.Block{Kind: document.Point, Num: "(a)", Text: document.Text{{Text: "À nouveau"}, {Text: "1", Note: note1}}}
	intro := &document.Block{Kind: document.Operative, Num: "1.", Phrase: "Demande", Text: document.PlainText("Demande :"), Points: []*document.Block{point}}
	table := &document.Block{Kind: document.Table, Rows: [][]document.Text{{document.PlainText("a"), {{Text: "b"}, {Text: "2", Note: note2}}}}}

	tests := []struct {
		name    string
		doc     *document.Document
		body    rules.BodyInfo
		want    map[string]any // JSON pointer → value (JSON-decoded: float64, string, []any, map)
		missing []string       // pointers that must not exist
		err     string
	}{
		{
			name: "notes",
			doc: &document.Document{Meta: meta, Notes: []*document.Note{star, note1, note2, unused}, Body: &document.Statement{
				Formula:   &document.Block{Kind: document.Formula, Phrase: "L'Assemblée générale", Text: document.PlainText("L'Assemblée générale,")},
				Preamble:  []*document.Block{withNotes},
				Operative: []*document.Block{intro, table},
				Meeting:   &document.Meeting{Text: "82e séance plénière", DateText: "23 décembre 2015", Date: "2015-12-23"},
			}},
			body: ga,
			want: map[string]any{
				"/title":                                       "Développements",
				"/preamble/formula/kind":                       "formula",
				"/preamble/paragraphs/0/opening_phrase":        "Réaffirmant",
				"/preamble/paragraphs/0/text":                  "Réaffirmant sa résolution et ça,",
				"/preamble/paragraphs/0/note_refs/0/offset":    float64(25),
				"/preamble/paragraphs/0/note_refs/1/marker":    "2",
				"/preamble/paragraphs/0/note_refs/1/offset":    float64(31),
				"/operative/paragraphs/0/points/0/number":      "(a)",
				"/operative/paragraphs/0/points/0/note_refs/0": map[string]any{"marker": "1", "offset": float64(9)},
				"/operative/paragraphs/1/kind":                 "table",
				"/operative/paragraphs/1/rows/0/1/note_refs/0": map[string]any{"marker": "2", "offset": float64(1)},
				"/footnotes/0/referenced_at":                   []any{map[string]any{"pointer": "/title", "offset": float64(14)}},
				"/footnotes/1/referenced_at/0/pointer":         "/preamble/paragraphs/0/text",
				"/footnotes/1/referenced_at/1/pointer":         "/operative/paragraphs/0/points/0/text",
				"/footnotes/1/referenced_at/2/pointer":         "/footnotes/2/text",
				"/footnotes/2/note_refs/0/offset":              float64(9),
				"/footnotes/2/referenced_at/1/pointer":         "/operative/paragraphs/1/rows/0/1/text",
				"/footnotes/3/referenced_at":                   []any{},
				"/adoption_meeting":                            "82e séance plénière",
				"/adoption_date":                               "2015-12-23",
				"/adoption_date_text":                          "23 décembre 2015",
				"/frbr/expression":                             "/akn/un/statement/deliberation/unga/2015-12-23/70-237/fra@",
				"/language":                                    "fra",
				"/$schema":                                     jsondoc.SchemaID,
			},
			missing: []string{"/operative/paragraphs/1/text", "/parts", "/annexes", "/preamble/paragraphs/0/number", "/committee"},
		},
		{
			name: "security council",
			doc: &document.Document{
				Meta: document.Meta{Language: "eng", Body: "sc", Symbol: "S/RES/2505 (2020)", ResolutionLine: "Resolution 2505 (2020)", AdoptionDate: "2020-01-13"},
				Body: &document.Statement{Operative: []*document.Block{para("1.", "Decides.")}},
			},
			body: rules.BodyInfo{IRI: "unsc", SymbolPrefix: "S/RES/"},
			want: map[string]any{
				"/resolution_number": "Resolution 2505 (2020)",
				"/frbr/work":         "/akn/un/statement/deliberation/unsc/2020-01-13/2505-2020",
			},
			missing: []string{"/preamble", "/title"},
		},
		{
			name: "parts",
			doc: &document.Document{
				Meta: document.Meta{Language: "eng", Symbol: "A/RES/75/101 A-B", Number: "75/101.", AdoptionDate: "2020-12-10"},
				Body: &document.Statement{},
				Parts: []*document.Statement{
					{Label: document.PlainText("A"), Heading: document.PlainText("Information"), Operative: []*document.Block{para("1.", "x")},
						Annexes: []*document.Annex{{Heading: document.PlainText("Annex"), Blocks: []*document.Block{{Kind: document.Plain, Text: document.PlainText("y")}}}}},
					{Label: document.PlainText("B"), Operative: []*document.Block{para("", "z")}, Meeting: &document.Meeting{Text: "46th plenary meeting", Date: "2020-12-10"}},
				},
			},
			body: ga,
			want: map[string]any{
				"/operative/paragraphs":                "[]",
				"/parts/0/label":                       "A",
				"/parts/0/heading":                     "Information",
				"/parts/0/frbr/work":                   "/akn/un/statement/deliberation/unga/2020-12-10/75-101A",
				"/parts/0/annexes/0/paragraphs/0/kind": "plain",
				"/parts/1/frbr/manifestation":          "/akn/un/statement/deliberation/unga/2020-12-10/75-101B/eng@.xml",
				"/parts/1/adoption_meeting":            "46th plenary meeting",
				"/frbr/work":                           "/akn/un/statement/deliberation/unga/2020-12-10/75-101A-B",
				"/footnotes":                           "[]",
			},
			missing: []string{"/parts/1/operative/paragraphs/0/number", "/parts/0/frbr/component"},
		},
		{
			name: "no symbol and no number",
			doc:  &document.Document{Meta: document.Meta{Language: "eng"}, Body: &document.Statement{}},
			body: ga,
			err:  "no symbol and no resolution number",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := jsondoc.Write(tt.doc, tt.body, jsondoc.Options{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want an error with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Count(out, []byte("\n")) != 1 || !bytes.HasSuffix(out, []byte("\n")) {
				t.Errorf("without Indent, want one line and a newline:\n%s", out)
			}
			validate(t, tt.name+".json", out)
			var doc any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			for ptr, want := range tt.want {
				got := at(t, doc, ptr)
				if s, ok := want.(string); ok && s == "[]" {
					want = []any{}
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", ptr, got, want)
				}
			}
			for _, ptr := range tt.missing {
				i := strings.LastIndexByte(ptr, '/')
				if parent, ok := at(t, doc, ptr[:i]).(map[string]any); ok {
					if v, ok := parent[ptr[i+1:]]; ok {
						t.Errorf("%s = %#v, want it left out", ptr, v)
					}
				}
			}
		})
	}
}

// TestNoHTMLEscape checks that "<", ">" and "&" are written as they are.
func TestNoHTMLEscape(t *testing.T) {
	doc := &document.Document{
		Meta: document.Meta{Language: "eng", Symbol: "A/RES/1/1", Title: document.PlainText("R&D <x>")},
		Body: &document.Statement{},
	}
	out, err := jsondoc.Write(doc, ga, jsondoc.Options{Indent: "  "})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"title": "R&D <x>"`)) {
		t.Errorf("title escaped:\n%s", out)
	}
}

// BenchmarkJSON renders the seed resolution's document as JSON.
func BenchmarkJSON(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(testdataDir, "A_RES_70_237.ods.txt"))
	if err != nil {
		b.Fatal(err)
	}
	res, err := convert.Convert(src, convert.Options{})
	if err != nil {
		b.Fatal(err)
	}
	rs, err := rules.Load(rules.Options{Language: "eng", Body: "ga", Layout: "ods"})
	if err != nil {
		b.Fatal(err)
	}
	out, err := jsondoc.Write(res.Document, rs.BodyInfo, jsondoc.Options{Indent: "  "})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jsondoc.Write(res.Document, rs.BodyInfo, jsondoc.Options{Indent: "  "}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStdlib holds Write to encoding/json, which wrote the JSON before
// package jsondoc had its own encoder: the same bytes for every golden
// and development input, with several indentations.
func TestStdlib(t *testing.T) {
	var files []string
	for _, in := range inputs(t) {
		files = append(files, in)
	}
	if !testing.Short() {
		files = append(files, sharedtest.DevInputs(t)...)
	}
	c, err := convert.New(convert.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.Convert(src)
		if err != nil {
			continue // not a resolution: nothing to write
		}
		for _, indent := range []string{"  ", "", "\t"} {
			opts := jsondoc.Options{Indent: indent}
			got, err := jsondoc.Write(res.Document, ga, opts)
			want, werr := jsondoc.WriteStdlib(res.Document, ga, opts)
			if (err != nil) != (werr != nil) {
				t.Fatalf("%s: error %v, encoding/json's %v", f, err, werr)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, indent %q: differs from encoding/json at %s", f, indent, golden.Diff(got, want))
			}
		}
	}
}
