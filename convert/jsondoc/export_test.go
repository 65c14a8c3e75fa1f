package jsondoc

import (
	"bytes"
	"encoding/json"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/rules"
)

// WriteStdlib is Write with encoding/json's Encoder in place of encoder,
// as Write was written before: the reference the tests hold Write to.
func WriteStdlib(doc *document.Document, body rules.BodyInfo, opts Options) ([]byte, error) {
	out, _, _, err := build(doc, body)
	if err != nil {
		return nil, err
	}
	return stdlib(out, opts.Indent)
}

func stdlib(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
