package jsondoc

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// indentCases are compact JSON documents, as an Encoder writes them, that
// cover what indent must treat as json.Indent does.
var indentCases = []string{
	`{}`,
	`[]`,
	`""`,
	`0`,
	`null`,
	`{"a":{}}`,
	`{"a":[]}`,
	`[{},[],{}]`,
	`[[[]]]`,
	`{"a":{"b":{"c":[1,-2.5e+10,true,false,null]}}}`,
	`{"a":1,"b":[1,2,{"c":"d"}],"e":{}}`,
	`["{","}","[","]",",",":"]`,
	`{"a:b,c":"{[x]}"}`,
	`["\"","\\","\\\"","\\\\","a\"b\\c","\"\"\\","x\\"]`,
	`["\\\\\"{","\n\t\r\b\f","\u0000\u001f","\u2028\u2029"]`,
	`{"é":"ü — “quoted” 中文 العربية 🙂","\ufffd":""}`,
	`{"text":"R&D <x> > y"}`,
	`{"a":"","b":[""],"":{}}`,
}

// TestIndent compares indent with json.Indent on the table cases, each
// with a trailing newline as Encode writes and without, with several
// indentation units.
func TestIndent(t *testing.T) {
	for _, c := range indentCases {
		for _, src := range []string{c, c + "\n"} {
			for _, unit := range []string{"  ", "\t", " ", "    ", "-+"} {
				checkIndent(t, []byte(src), unit)
			}
		}
	}
}

// TestIndentRandom compares indent with json.Indent on random documents,
// written by an Encoder as Write writes them.
func TestIndentRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(r.IntN(2) == 0)
		if err := enc.Encode(randomValue(r, 0)); err != nil {
			t.Fatal(err)
		}
		checkIndent(t, buf.Bytes(), []string{"  ", "\t", " "}[r.IntN(3)])
	}
}

// FuzzIndent compares indent with json.Indent on any valid JSON, once
// made compact (indent takes what an Encoder writes).
func FuzzIndent(f *testing.F) {
	for _, c := range indentCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, src) != nil {
			return
		}
		checkIndent(t, compact.Bytes(), "  ")
	})
}

func checkIndent(t *testing.T, src []byte, unit string) {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, src, "", unit); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	got := indent([]byte("prefix"), src, unit)
	if !bytes.Equal(got, append([]byte("prefix"), want.Bytes()...)) {
		t.Errorf("indent(%q, %q):\n%s\nwant:\n%s", src, unit, got, want.Bytes())
	}
}

// randomValue returns a random JSON value: objects and arrays (often
// empty) nested up to a few levels, numbers, literals, and strings made of
// the runes that need care (quotes, backslashes, punctuation, controls,
// non-ASCII).
func randomValue(r *rand.Rand, depth int) any {
	k := r.IntN(8)
	if depth > 4 {
		k = r.IntN(4)
	}
	switch k {
	case 0:
		return randomString(r)
	case 1:
		return r.NormFloat64() * 1e6
	case 2:
		return []any{true, false, nil}[r.IntN(3)]
	case 3:
		return r.IntN(1000) - 500
	case 4, 5:
		a := []any{}
		for range r.IntN(5) {
			a = append(a, randomValue(r, depth+1))
		}
		return a
	default:
		m := map[string]any{}
		for range r.IntN(5) {
			m[randomString(r)] = randomValue(r, depth+1)
		}
		return m
	}
}

func randomString(r *rand.Rand) string {
	const runes = `"\\{}[],: aé中🙂` + "\n\t\x00\x1f\u2028<>&"
	rs := []rune(runes)
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteRune(rs[r.IntN(len(rs))])
	}
	return b.String()
}
