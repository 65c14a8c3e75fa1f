package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// printer formats the validator's messages (in English).
var printer = message.NewPrinter(language.English)

//go:embed resolution.schema.json
var resolutionSchema []byte

// ResolutionSchemaID is the $id of the resolution JSON Schema.
const ResolutionSchemaID = "urn:resconv:schema:resolution:1"

// ResolutionSchema returns the JSON Schema (draft 2020-12) of resconv's
// JSON output, as embedded in the binary.
func ResolutionSchema() []byte { return bytes.Clone(resolutionSchema) }

// JSON is a compiled JSON Schema. It is safe for concurrent use by
// multiple goroutines.
type JSON struct {
	schema *jsonschema.Schema
}

// LoadJSON returns the resolution schema, compiled on the first call and
// shared by every later one.
func LoadJSON() (*JSON, error) { return compiledJSON() }

var compiledJSON = sync.OnceValues(func() (*JSON, error) {
	return CompileJSON(ResolutionSchemaID, resolutionSchema)
})

// CompileJSON compiles a JSON Schema (draft 2020-12 unless its $schema
// says otherwise) named url. The schema must be self-contained: a $ref
// to any other document fails, nothing is fetched.
func CompileJSON(url string, src []byte) (*JSON, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("schema: %s: %w", url, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(noLoader{})
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return &JSON{schema: s}, nil
}

// noLoader refuses every URL: the embedded schema needs no other.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("not loading %s: schemas are not fetched", url)
}

// Validate checks doc against the schema; name is only used in messages.
// It returns nil if doc is valid, and a *ValidationError if it is not
// JSON or not valid. Each problem has the line and column of the value
// at fault and, in Pointer, its JSON pointer.
func (j *JSON) Validate(name string, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return &ValidationError{[]Problem{syntaxProblem(name, doc, err)}}
	}
	err = j.schema.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("schema: %s: %w", name, err)
	}
	var probs []Problem
	add := func(loc []string, msg string) {
		line, col := position(doc, offsetOf(doc, loc))
		probs = append(probs, Problem{File: name, Line: line, Column: col, Pointer: pointer(loc), Message: msg})
	}
	all := leaves(ve, nil)
	for _, leaf := range all {
		loc := leaf.InstanceLocation
		switch k := leaf.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			// one problem per property, where the property is
			for _, p := range k.Properties {
				add(append(slices.Clip(loc), p), fmt.Sprintf("property '%s' is not allowed", p))
			}
		case *kind.FalseSchema:
			// a property whose schema is false (or unevaluated): say
			// which, unless it is only unevaluated because its own value
			// is invalid
			if len(loc) > 0 && !hasDeeper(all, leaf) {
				add(loc, fmt.Sprintf("property '%s' is not allowed", loc[len(loc)-1]))
			}
		default:
			add(loc, leaf.ErrorKind.LocalizedString(printer))
		}
	}
	// the validator walks objects in map order: sort for stable output
	slices.SortStableFunc(probs, func(a, b Problem) int {
		if c := a.Line - b.Line; c != 0 {
			return c
		}
		if c := a.Column - b.Column; c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	probs = slices.Compact(probs)
	return &ValidationError{probs}
}

// leaves collects the errors of e that have no causes: the specific ones.
func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// hasDeeper reports whether another error than e is at e's instance
// location or inside it.
func hasDeeper(all []*jsonschema.ValidationError, e *jsonschema.ValidationError) bool {
	for _, o := range all {
		if _, ok := o.ErrorKind.(*kind.FalseSchema); o != e && !ok && len(o.InstanceLocation) >= len(e.InstanceLocation) &&
			slices.Equal(o.InstanceLocation[:len(e.InstanceLocation)], e.InstanceLocation) {
			return true
		}
	}
	return false
}

// pointer renders the tokens of an instance location as a JSON pointer
// (RFC 6901): "" for the root, "/preamble/paragraphs/2".
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// syntaxProblem turns a decoding error into a Problem at its position.
func syntaxProblem(name string, doc []byte, err error) Problem {
	off := int64(len(doc))
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset - 1 // the offset is after the character at fault
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		if len(bytes.TrimSpace(doc)) == 0 {
			return Problem{File: name, Line: 1, Column: 1, Message: "document is empty"}
		}
		err = errors.New("unexpected end of JSON input")
	default:
		// jsonschema's "invalid character after top-level value" has
		// no offset: find the end of the first value
		dec := json.NewDecoder(bytes.NewReader(doc))
		var raw json.RawMessage
		if dec.Decode(&raw) == nil {
			off = skipSpace(doc, dec.InputOffset())
		}
	}
	line, col := position(doc, off)
	return Problem{File: name, Line: line, Column: col, Message: "not JSON: " + err.Error()}
}

// offsetOf returns the byte offset at which the value at the instance
// location ptr starts in doc, or that of its deepest ancestor found.
func offsetOf(doc []byte, ptr []string) int64 {
	dec := json.NewDecoder(bytes.NewReader(doc))
	for depth := 0; ; depth++ {
		start := skipSpace(doc, dec.InputOffset())
		if depth == len(ptr) {
			return start
		}
		tok, err := dec.Token()
		if err != nil {
			return start
		}
		switch tok {
		case json.Delim('{'):
			found := false
			for !found && dec.More() {
				k, err := dec.Token()
				if err != nil {
					return start
				}
				if found = k == ptr[depth]; !found && skipValue(dec) != nil {
					return start
				}
			}
			if !found {
				return start
			}
		case json.Delim('['):
			n, err := strconv.Atoi(ptr[depth])
			if err != nil {
				return start
			}
			for i := 0; i < n && dec.More(); i++ {
				if skipValue(dec) != nil {
					return start
				}
			}
			if !dec.More() {
				return start
			}
		default: // a scalar has no children
			return start
		}
	}
}

func skipValue(dec *json.Decoder) error {
	var raw json.RawMessage
	return dec.Decode(&raw)
}

// skipSpace skips the white space and the separators (":" after a key,
// "," after a value) from off: the decoder's offset is after a token, the
// value starts after these.
func skipSpace(doc []byte, off int64) int64 {
	for off < int64(len(doc)) {
		switch doc[off] {
		case ' ', '\t', '\n', '\r', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// position turns a byte offset into a 1-based line and column; the
// column counts characters.
func position(doc []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(doc)))
	before := doc[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCount(before)
}
