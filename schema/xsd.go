// Package schema validates resconv's outputs: Akoma Ntoso XML documents
// against an XSD, and JSON documents against the resolution JSON Schema.
//
// With cgo the validation runs in-process through libxml2: the schema is
// parsed once by [LoadXSD] and shared read-only by concurrent
// [XSD.Validate] calls; unique constraints of a simple shape (Akoma Ntoso's
// eId and GUID ones) are checked by this package on the parsed document
// rather than by libxml2 (which spends half its validation time on them),
// with its verdicts and messages (see unique.go for the exceptions). Without
// cgo (CGO_ENABLED=0) the same API shells out to xmllint, or reports
// [ErrUnavailable] if xmllint is not installed.
//
// Documents are treated as untrusted: no network access, no entity
// expansion, and any DOCTYPE is rejected before parsing.
//
// The JSON Schema of the resolution JSON (draft 2020-12) is embedded:
// [ResolutionSchema] returns it, [LoadJSON] compiles it once per process,
// and [JSON.Validate] reports problems with their line, column and JSON
// pointer.
package schema

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one validation or well-formedness error in a document.
type Problem struct {
	File   string // document name as passed to Validate (or the XSD path for schema errors)
	Line   int    // 1-based line, 0 if unknown
	Column int    // 1-based column, 0 if unknown (libxml2 only reports it for parse errors)
	Path   string // element path in the cgo build (/akomaNtoso/act/...), element name with xmllint; may be empty
	// Pointer is the JSON pointer of the value at fault in a JSON
	// document ("/preamble/paragraphs/2"); "" for the root and in XML.
	Pointer string
	Message string
}

// String formats p as FILE:LINE:COL: message, omitting COL when it is 0.
// Without a line it falls back to FILE: PATH: message (or FILE: message).
// A JSON pointer comes before the message: FILE:LINE:COL: POINTER: message.
func (p Problem) String() string {
	if p.Pointer != "" {
		q := p
		q.Pointer, q.Message = "", p.Pointer+": "+p.Message
		return q.String()
	}
	switch {
	case p.Line > 0 && p.Column > 0:
		return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) + ": " + p.Message
	case p.Line > 0:
		return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Message
	case p.Path != "":
		return p.File + ": " + p.Path + ": " + p.Message
	default:
		return p.File + ": " + p.Message
	}
}

// ValidationError reports that a document is not well-formed, is not valid
// against the schema, or was rejected (DTD). It holds every problem found.
type ValidationError struct {
	Problems []Problem
}

// Error returns the first problem, followed by "(and N more)" if there are others.
func (e *ValidationError) Error() string {
	switch n := len(e.Problems); n {
	case 0:
		return "schema: document is not valid"
	case 1:
		return e.Problems[0].String()
	default:
		return fmt.Sprintf("%s (and %d more)", e.Problems[0], n-1)
	}
}

// ErrUnavailable is returned (wrapped) by LoadXSD when this build cannot
// validate against an XSD at all.
var ErrUnavailable = errors.New("schema: XSD validation unavailable: built without cgo and no xmllint on PATH; " +
	"rebuild with CGO_ENABLED=1 and libxml2-dev, or install xmllint (Debian: libxml2-utils)")

// DefaultXSDPath returns the XSD named by the RESCONV_AKN_XSD environment
// variable, or "" if it is unset.
func DefaultXSDPath() string {
	return os.Getenv("RESCONV_AKN_XSD")
}

// fillColumns gives a column to the problems that have a line and an
// element path but no column (libxml2 reports one for parse errors only):
// that of the element's start tag (or of the attribute) on the line, when
// the line has exactly one.
func fillColumns(doc []byte, probs []Problem) {
	var lines [][]byte
	for i := range probs {
		p := &probs[i]
		if p.Line <= 0 || p.Column > 0 || p.Path == "" {
			continue
		}
		if lines == nil {
			lines = bytes.Split(doc, []byte{'\n'})
		}
		if p.Line > len(lines) {
			continue
		}
		name := p.Path[strings.LastIndexByte(p.Path, '/')+1:]
		if j := strings.IndexByte(name, '['); j >= 0 {
			name = name[:j]
		}
		var re *regexp.Regexp
		if attr, ok := strings.CutPrefix(name, "@"); ok {
			re = regexp.MustCompile(`\s(?:[\w.-]+:)?` + regexp.QuoteMeta(attr) + `\s*=`)
		} else {
			re = regexp.MustCompile(`<(?:[\w.-]+:)?` + regexp.QuoteMeta(name) + `[\s/>]`)
		}
		line := lines[p.Line-1]
		if m := re.FindAllIndex(line, 2); len(m) == 1 {
			start := m[0][0]
			if line[start] != '<' {
				start++ // the space before an attribute
			}
			p.Column = 1 + utf8.RuneCount(line[:start])
		}
	}
}

const msgDTD = "DTDs and entity declarations are not allowed"

// checkProlog rejects a document whose prolog has a DOCTYPE. Akoma Ntoso
// never needs one, and refusing it up front is the cheapest defence against
// entity expansion attacks (billion laughs) whatever the backend does later.
// Only the prolog is scanned, so "<!DOCTYPE" in comments or CDATA of the
// body is not a false positive.
func checkProlog(name string, doc []byte) error {
	// UTF-16/32 interleave NULs with ASCII; dropping them keeps the markup
	// readable for this scan (libxml2 itself is guarded separately in cgo).
	if bytes.IndexByte(doc[:min(len(doc), 4)], 0) >= 0 {
		doc = bytes.ReplaceAll(doc, []byte{0}, nil)
	}
	for i := 0; ; {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			return nil
		}
		i += j
		var end []byte
		switch rest := doc[i:]; {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
			line := 1 + bytes.Count(doc[:i], []byte{'\n'})
			return &ValidationError{[]Problem{{File: name, Line: line, Message: msgDTD}}}
		default:
			return nil // root element (or garbage the parser will report): prolog is over
		}
		k := bytes.Index(doc[i:], end)
		if k < 0 {
			return nil // unterminated: let the parser report it
		}
		i += k + len(end)
	}
}
