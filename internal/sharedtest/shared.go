// Package testdata locates the shared test data that lives beside the
// repository checkout (../shared relative to the directory with go.mod),
// so tests can use large fixtures that are not committed to this repo.
package sharedtest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// SharedDir returns the absolute path of the shared test data folder:
// $RESCONV_SHARED if set, else ../shared next to the module root found by
// walking up from the current directory (go test runs in the package dir).
// If the folder is missing the test is skipped, or fails when CI=true so
// that CI cannot pass by silently skipping everything.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir, err := sharedDir()
	if err == nil {
		_, err = os.Stat(dir)
	}
	if err != nil {
		missing(t, dir, err)
	}
	return dir
}

// SharedFile returns the absolute path of rel (slash-separated, e.g.
// "akn/akomantoso30.xsd") under SharedDir, with the same skip/fail rule if
// the file is missing.
func SharedFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(SharedDir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, p, err)
	}
	return p
}

// EvalInputs returns the development inputs of the evaluation set for
// the layouts given (default "ods" and "pdf"): eval/dev/<layout>/*.txt,
// named "<layout>-<body>-<symbol>-<lang>.txt". It skips the test when
// there are none (fails with CI=true), like SharedDir.
func EvalInputs(t testing.TB, layouts ...string) []string {
	t.Helper()
	if len(layouts) == 0 {
		layouts = []string{"ods", "pdf"}
	}
	dir := SharedDir(t)
	var files []string
	for _, l := range layouts {
		m, err := filepath.Glob(filepath.Join(dir, "eval", "dev", l, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		missing(t, filepath.Join(dir, "eval", "dev"), errors.New("no development inputs"))
	}
	return files
}

// DevInputs returns the inputs of the shared development set: the
// evaluation set's ODS and PDF texts and the dev corpus. It fails the test
// when there are none.
func DevInputs(t testing.TB) []string {
	t.Helper()
	dir := SharedDir(t)
	var files []string
	for _, pat := range []string{"eval/dev/ods/*.txt", "eval/dev/pdf/*.txt", "corpus/dev/*.txt"} {
		m, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no inputs in %s/eval/dev/{ods,pdf} or %s/corpus/dev", dir, dir)
	}
	return files
}

func sharedDir() (string, error) {
	if d := os.Getenv("RESCONV_SHARED"); d != "" {
		return filepath.Abs(d)
	}
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared"), nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", errors.New("no go.mod found above the working directory")
		}
		d = parent
	}
}

func missing(t testing.TB, path string, err error) {
	t.Helper()
	const hint = "set RESCONV_SHARED or put the shared folder next to the repository checkout"
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared test data not found at %s: %v (%s)", path, err, hint)
	}
	t.Skipf("shared test data not found at %s: %v (%s)", path, err, hint)
}
