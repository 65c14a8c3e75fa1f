// Package golden compares test output with golden files under testdata/.
//
// Every test package of the module imports it, so that the one flag
// -update is defined everywhere and `go test ./... -update` rewrites all
// golden files; a plain run compares.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Update is the -update flag: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing")

// Check compares got with the golden file at path (or, with -update,
// writes it). On a difference it reports the first differing line.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./... -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("output differs from %s at %s\n(run go test ./... -update if the change is intended)", path, Diff(got, want))
}

// Diff describes the first line where got and want differ.
func Diff(got, want []byte) string {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		gok, wok := i < len(g), i < len(w)
		if gok {
			gl = g[i]
		}
		if wok {
			wl = w[i]
		}
		if gok && wok && gl == wl {
			continue
		}
		switch {
		case !gok:
			return fmt.Sprintf("line %d: output ends (%d lines), golden continues:\n\twant: %q", i+1, len(g), wl)
		case !wok:
			return fmt.Sprintf("line %d: golden ends (%d lines), output continues:\n\tgot:  %q", i+1, len(w), gl)
		}
		// point at the first differing byte of long lines
		j := 0
		for j < len(gl) && j < len(wl) && gl[j] == wl[j] {
			j++
		}
		start := max(0, j-60)
		return fmt.Sprintf("line %d, column %d:\n\tgot:  %q\n\twant: %q", i+1, j+1, clip(gl[start:], 160), clip(wl[start:], 160))
	}
	return "no difference"
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
