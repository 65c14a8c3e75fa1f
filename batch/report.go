package batch

import (
	"encoding/json"
	"io"
)

// writeJSONLine writes v as one line of JSON, in one Write, so that a
// report cut short by a kill holds only whole lines.
func writeJSONLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
