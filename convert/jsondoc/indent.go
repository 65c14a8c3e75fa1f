package jsondoc

import "bytes"

// indent appends to dst the compact JSON src indented with unit as
// json.Indent(dst, src, "", unit) would, and returns the extended buffer.
//
// It exists because json.Indent (and an Encoder with SetIndent) runs its
// validating scanner state machine on every byte, which cost as much as the
// rest of the JSON writing. src must be valid JSON as encoding/json writes
// it: no white space outside strings except a trailing newline, which is
// copied like any byte that is not punctuation. Strings are copied whole,
// escapes included, so their content is never looked at byte by byte.
func indent(dst, src []byte, unit string) []byte {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			end := i + 1 + stringEnd(src[i+1:])
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			// an empty object or array stays {} or [], as json.Indent
			// writes it
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			dst = newline(dst, unit, depth)
		case '}', ']':
			depth--
			dst = newline(dst, unit, depth)
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = newline(dst, unit, depth)
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the length of the rest of a JSON string, s being what
// follows its opening quote: up to and including its closing quote. A
// quote ends the string unless an odd number of backslashes precede it.
func stringEnd(s []byte) int {
	for i := 0; ; {
		q := bytes.IndexByte(s[i:], '"')
		if q < 0 {
			return len(s) // not valid JSON: copy the rest as it is
		}
		i += q
		n := 0 // backslashes just before the quote
		for n < i && s[i-1-n] == '\\' {
			n++
		}
		i++
		if n%2 == 0 {
			return i
		}
	}
}

// newline appends a newline and depth times unit.
func newline(dst []byte, unit string, depth int) []byte {
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, unit...)
	}
	return dst
}
