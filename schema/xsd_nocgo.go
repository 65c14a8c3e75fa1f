//go:build !cgo

package schema

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// XSD is a schema to validate against with xmllint (this build has no
// cgo). It is safe for concurrent use; each Validate runs its own process.
type XSD struct {
	path    string // absolute, so a later chdir does not matter
	xmllint string
}

// LoadXSD checks that the schema file exists and that xmllint is on PATH;
// otherwise it returns an error wrapping ErrUnavailable. The schema itself
// is compiled by xmllint on every Validate, so schema errors surface there.
func LoadXSD(path string) (*XSD, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("schema: load XSD: %w", err)
	}
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		return nil, fmt.Errorf("schema: load XSD %s: %w", path, ErrUnavailable)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("schema: load XSD: %w", err)
	}
	return &XSD{path: abs, xmllint: bin}, nil
}

// xmllint exit status for "failed to compile the schema".
const xmllintSchemaComp = 5

// Validate checks doc against the schema; name is only used in messages.
// It returns nil if doc is valid, a *ValidationError listing every problem
// if doc is not well-formed, not valid or has a DOCTYPE, and another error
// if validation itself failed.
func (x *XSD) Validate(name string, doc []byte) error {
	if err := checkProlog(name, doc); err != nil {
		return err
	}
	f, err := os.CreateTemp("", "resconv-*.xml")
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(doc)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(x.xmllint, "--nonet", "--noout", "--schema", x.path, f.Name())
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &exit):
		return fmt.Errorf("schema: run xmllint: %w", err)
	case exit.ExitCode() == xmllintSchemaComp:
		return fmt.Errorf("schema: load XSD %s: %s", x.path, strings.TrimSpace(stderr.String()))
	}
	if probs := parseXmllint(stderr.String(), f.Name(), name); len(probs) > 0 {
		fillColumns(doc, probs)
		return &ValidationError{probs}
	}
	return fmt.Errorf("schema: %s: xmllint: %v: %s", name, err, strings.TrimSpace(stderr.String()))
}

// Close is a no-op; it exists for parity with the cgo build.
func (x *XSD) Close() {}

// xmllintLine matches the part after "TMP:" of lines such as
// "12: element bogus: Schemas validity error : Element '...': ..." and
// "3: parser error : Opening and ending tag mismatch: ...".
var xmllintLine = regexp.MustCompile(`^(\d+): (?:element (\S+): )?[\w ]*?(error|warning) : (.*)$`)

// parseXmllint turns xmllint's stderr into Problems, dropping warnings and
// the source excerpt lines xmllint prints under parser errors.
func parseXmllint(stderr, tmp, name string) []Problem {
	var probs []Problem
	for line := range strings.Lines(stderr) {
		rest, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), tmp+":")
		if !ok {
			continue
		}
		m := xmllintLine.FindStringSubmatch(rest)
		if m == nil || m[3] != "error" {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		probs = append(probs, Problem{File: name, Line: n, Path: m[2], Message: strings.ReplaceAll(m[4], tmp, name)})
	}
	return probs
}

// poisonArena does nothing: xmllint has no arena (tests only).
func poisonArena(bool) {}

// usingLibxml2 reports that validation runs in-process (tests only).
const usingLibxml2 = false
