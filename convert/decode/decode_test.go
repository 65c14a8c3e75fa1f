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
		{"utf16le bom", []byte{0xFF, 0xFE, 'A', 0, '\r', 0, '\n', 0, 0xE9, 0}, "A\né", UTF16LE},
		{"utf16be bom", []byte{0xFE, 0xFF, 0, 'A', 0, '\r', 0, '\n', 0x04, 0x10}, "A\nА", UTF16BE},
		{"windows-1252", []byte("Assembl\xe9e \x93g\xe9n\xe9rale\x94 2021\x962025"), "Assemblée “générale” 2021–2025", Windows1252},
		{"crlf", []byte("a\r\nb\r\n"), "a\nb\n", UTF8},
		{"lone cr", []byte("a\rb"), "a\nb", UTF8},
		{"nfc", []byte("Assemble\u0301e"), "Assemblée", UTF8},
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

func TestTextBinary(t *testing.T) {
	if _, _, err := Text([]byte("PK\x03\x04\x00\x00")); !errors.Is(err, ErrBinary) {
		t.Errorf("err = %v, want ErrBinary", err)
	}
}
