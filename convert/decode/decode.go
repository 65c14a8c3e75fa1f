// Package decode turns the bytes of an input file into text: UTF-8 (with
// or without a byte order mark), UTF-16 with a byte order mark, or
// Windows-1252 when the bytes are not valid UTF-8, as ODS text exports come
// in all three. Line ends become LF and the text is put in Unicode NFC.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names the encoding the bytes were read as.
type Encoding string

// The encodings Text recognises.
const (
	UTF8        Encoding = "utf-8"
	UTF8BOM     Encoding = "utf-8 (BOM)"
	UTF16LE     Encoding = "utf-16le"
	UTF16BE     Encoding = "utf-16be"
	Windows1252 Encoding = "windows-1252"
)

// ErrBinary reports input that is not text.
var ErrBinary = errors.New("not a text file (it contains NUL bytes)")

// Text decodes b into NFC text with LF line ends.
//
// UTF-8, by far the commonest, costs one copy of b (with the line ends
// changed on the way) and one pass over it that both validates it and
// finds what NFC might change; nothing else is allocated unless NFC does
// change something.
func Text(b []byte) (string, Encoding, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		// LF for CR changes one ASCII byte for another: the text is as
		// valid after as before, so one pass does both
		s, ok := nfc(withLF(b[3:]))
		if !ok {
			return "", UTF8BOM, errors.New("invalid UTF-8 after a UTF-8 byte order mark")
		}
		if strings.IndexByte(s, 0) >= 0 {
			return "", UTF8BOM, ErrBinary
		}
		return s, UTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc := UTF16LE
		e := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		if b[0] == 0xFE {
			enc = UTF16BE
			e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		}
		out, err := e.NewDecoder().Bytes(b)
		if err != nil {
			return "", enc, fmt.Errorf("invalid %s: %w", enc, err)
		}
		return finish(out, enc)
	case bytes.IndexByte(b, 0) >= 0:
		return "", "", ErrBinary
	}
	if s, ok := nfc(withLF(b)); ok {
		return s, UTF8, nil
	}
	// Not UTF-8: Windows-1252 maps every byte, as Word's "text only" does.
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", Windows1252, fmt.Errorf("invalid %s: %w", Windows1252, err)
	}
	return finish(out, Windows1252)
}

// finish makes text of b, valid UTF-8 decoded from enc.
func finish(b []byte, enc Encoding) (string, Encoding, error) {
	if bytes.IndexByte(b, 0) >= 0 {
		return "", enc, ErrBinary
	}
	s, _ := nfc(withLF(b))
	return s, enc, nil
}

// withLF copies b into a string with CRLF and lone CR line ends made LF.
func withLF(b []byte) string {
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b)) // the text can only get shorter: one allocation
	for ; i >= 0; i = bytes.IndexByte(b, '\r') {
		sb.Write(b[:i])
		sb.WriteByte('\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
	sb.Write(b)
	return sb.String()
}
