package word

import (
	"encoding/binary"
	"testing"
)

func TestLoad(t *testing.T) {
	s := "\x00\x01\x7f\x80\xffabcdefgh"
	for i := 0; i+8 <= len(s); i++ {
		if got, want := Load(s, i), binary.LittleEndian.Uint64([]byte(s[i:i+8])); got != want {
			t.Errorf("Load(%q, %d) = %#x, want %#x", s, i, got, want)
		}
	}
}
