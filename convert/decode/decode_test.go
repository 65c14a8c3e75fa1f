package decode

import (
	"errors"
	_ "github.com/resconv/resconv/internal/golden" // defines -update, for go test ./... -update
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf8", []byte("Recalling\n"), "Recalling\n", UTF8},
		{"utf8 bom", []byte("\xEF\xBB\xBFRecalling"), "Recalling", UTF8BOM},
		{"utf8 bom crlf nfc", []byte("\xEF\xBB\xBFe\u0301\r\n"), "é\n", UTF8BOM},
		{"utf8 bom only", []byte("\xEF\xBB\xBF"), "", UTF8BOM},
		{"utf16le bom", []byte{0xFF, 0xFE, 'A', 0, '\r', 0, '\n', 0, 0xE9, 0}, "A\né", UTF16LE},
		{"utf16be bom", []byte{0xFE, 0xFF, 0, 'A', 0, '\r', 0, '\n', 0x04, 0x10}, "A\nА", UTF16BE},
		{"utf16le nfc", []byte{0xFF, 0xFE, 'e', 0, 0x01, 0x03}, "é", UTF16LE},
		{"windows-1252", []byte("Assembl\xe9e \x93g\xe9n\xe9rale\x94 2021\x962025"), "Assemblée “générale” 2021–2025", Windows1252},
		{"windows-1252 crlf", []byte("a\r\n\xe9\r"), "a\né\n", Windows1252},
		{"crlf", []byte("a\r\nb\r\n"), "a\nb\n", UTF8},
		{"lone cr", []byte("a\rb"), "a\nb", UTF8},
		{"cr cr lf", []byte("a\r\r\nb\n\r"), "a\n\nb\n\n", UTF8},
		{"crlf split by 8", []byte("1234567\r\n9"), "1234567\n9", UTF8},
		{"nfc", []byte("Assemble\u0301e"), "Assemblée", UTF8},
		{"nfc after crlf", []byte("a\r\ne\u0301\r\n"), "a\né\n", UTF8},
		{"combining after 8 ascii", []byte("12345678\u0301"), "12345678\u0301", UTF8},
		{"combining at 8", []byte("1234567e\u0301"), "1234567é", UTF8},
		{"arabic reorder", []byte("ب\u0651\u064e ب\u064e\u0651"), "ب\u064e\u0651 ب\u064e\u0651", UTF8},
		{"invalid at 8", []byte("12345678\xe9t\xe9"), "12345678été", Windows1252},
		{"truncated at end", []byte("1234567\xe4\xb8"), "1234567ä¸", Windows1252},
		{"surrogate", []byte("\xed\xa0\x80"), "í\u00a0€", Windows1252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Text(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || enc != tt.enc {
				t.Errorf("Text() = %q, %s; want %q, %s", got, enc, tt.want, tt.enc)
			}
		})
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		enc  Encoding
		msg  string
	}{
		{"binary", []byte("PK\x03\x04\x00\x00"), "", ErrBinary.Error()},
		{"binary not utf8", []byte("\xff\x00"), "", ErrBinary.Error()},
		{"bom nul", []byte("\xEF\xBB\xBFa\x00"), UTF8BOM, ErrBinary.Error()},
		{"bom invalid", []byte("\xEF\xBB\xBFa\r\n\xff\x00"), UTF8BOM, "invalid UTF-8 after a UTF-8 byte order mark"},
		{"utf16 nul", []byte{0xFF, 0xFE, 'A', 0, 0, 0}, UTF16LE, ErrBinary.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Text(tt.in)
			if err == nil || err.Error() != tt.msg || enc != tt.enc || got != "" {
				t.Errorf("Text() = %q, %q, %v; want %q, %s", got, enc, err, tt.enc, tt.msg)
			}
			if tt.msg == ErrBinary.Error() && !errors.Is(err, ErrBinary) {
				t.Errorf("err = %v, want ErrBinary", err)
			}
		})
	}
}
