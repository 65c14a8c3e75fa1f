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
	"unicode/utf8"

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
func Text(b []byte) (string, Encoding, error) {
	var s string
	var enc Encoding
	inert := false // s is known to be made of inert runes (see nfc)
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		enc, s = UTF8BOM, string(b[3:])
		if !utf8.ValidString(s) {
			return "", enc, errors.New("invalid UTF-8 after a UTF-8 byte order mark")
		}
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc = UTF16LE
		e := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		if b[0] == 0xFE {
			enc = UTF16BE
			e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		}
		out, err := e.NewDecoder().Bytes(b)
		if err != nil {
			return "", enc, fmt.Errorf("invalid %s: %w", enc, err)
		}
		s = string(out)
	case bytes.IndexByte(b, 0) >= 0:
		return "", "", ErrBinary
	case scanUTF8(b, &inert):
		enc, s = UTF8, string(b)
	default:
		// Not UTF-8: Windows-1252 maps every byte, as Word's "text only" does.
		enc = Windows1252
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return "", enc, fmt.Errorf("invalid %s: %w", enc, err)
		}
		s = string(out)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", enc, ErrBinary
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if inert { // LF for CR changed no other rune
		return s, enc, nil
	}
	return nfc(s), enc, nil
}
