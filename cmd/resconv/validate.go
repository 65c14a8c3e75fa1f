package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/resconv/resconv/schema"
)

// Output formats.
const (
	formatAKN  = "akn"
	formatJSON = "json"
)

// xsdURL is where the official Akoma Ntoso 3.0 schema is published.
const xsdURL = "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/os/part2-specs/schemas/akomantoso30.xsd"

// errNoXSD says how to get the schema when none is given.
var errNoXSD = errors.New("validating Akoma Ntoso needs its XSD: give --xsd PATH or set RESCONV_AKN_XSD. " +
	"Get the official OASIS schema from " + xsdURL + " and xml.xsd from the same folder, and keep the two files side by side")

func xsdFlag() cli.Flag {
	return &cli.StringFlag{Name: "xsd", Usage: "the Akoma Ntoso 3.0 XSD at `PATH` (akomantoso30.xsd, with xml.xsd beside it); default $RESCONV_AKN_XSD. Example: --xsd schemas/akomantoso30.xsd"}
}

// validators validates outputs, loading each schema the first time it is
// needed: the XSD only if an AKN document is validated.
type validators struct {
	xsdPath string // --xsd or $RESCONV_AKN_XSD
	xsd     *schema.XSD
	json    *schema.JSON
}

func newValidators(cmd *cli.Command) *validators {
	p := cmd.String("xsd")
	if p == "" {
		p = schema.DefaultXSDPath()
	}
	return &validators{xsdPath: p}
}

// load loads the schema of a format now, so that a missing XSD is
// reported before any document is read. Its errors are usage errors.
func (v *validators) load(format string) error {
	switch {
	case format == formatJSON && v.json == nil:
		j, err := schema.LoadJSON()
		if err != nil {
			return err // the embedded schema: a bug, not bad usage
		}
		v.json = j
	case format == formatAKN && v.xsd == nil:
		if v.xsdPath == "" {
			return usageError{errNoXSD}
		}
		x, err := schema.LoadXSD(v.xsdPath)
		if err != nil {
			return usageError{err}
		}
		v.xsd = x
	}
	return nil
}

// validate validates doc, named name, as format.
func (v *validators) validate(format, name string, doc []byte) error {
	if err := v.load(format); err != nil {
		return err
	}
	if format == formatJSON {
		return v.json.Validate(name, doc)
	}
	return v.xsd.Validate(name, doc)
}

func (v *validators) close() {
	if v.xsd != nil {
		v.xsd.Close()
	}
}

// problems lists the problems of a validation error, one a line, each
// line begun with indent; another error is returned as it is.
func problems(err error, indent string) string {
	var ve *schema.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) == 0 {
		return indent + err.Error()
	}
	var b strings.Builder
	for i, p := range ve.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(indent + p.String())
	}
	return b.String()
}

// validateCommand is "resconv validate": AKN files against the XSD, JSON
// files against the resolution schema.
func validateCommand(stdin io.Reader, stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "validate AKN files against the Akoma Ntoso XSD and JSON files against the resolution schema",
		UsageText: "resconv validate [--xsd PATH] FILE...",
		Description: `Each FILE is Akoma Ntoso XML (.xml) or resconv JSON (.json); a file with
another extension is taken as JSON if it begins with "{", else as XML.
"-" reads stdin. Each problem is printed as FILE:LINE:COL: message (XML
problems without a line give the element path instead; JSON problems give
the JSON pointer of the value at fault after the column); a valid file
gives FILE: ok. The XSD is read only if there is an XML file.

Untrusted XML is safe to validate: nothing is fetched from the network,
and a document with a DOCTYPE (so any entity declaration) is refused
before it is parsed.

Examples:
   resconv validate --xsd akn/akomantoso30.xsd out/*.akn.xml
   RESCONV_AKN_XSD=akn/akomantoso30.xsd resconv validate out/*
   resconv validate out/A_RES_70_237.json

Exit status: 0 if every file is valid, 1 if one is not (or cannot be
read), 2 on bad usage or when no XSD is given for an XML file.`,
		Flags: []cli.Flag{xsdFlag()},
		OnUsageError: func(_ context.Context, _ *cli.Command, err error, _ bool) error {
			return usageError{err}
		},
		Action: func(_ context.Context, cmd *cli.Command) error {
			files := cmd.Args().Slice()
			if len(files) == 0 {
				return usageError{errors.New("validate needs a FILE")}
			}
			v := newValidators(cmd)
			defer v.close()
			// the XSD first, if any file needs it: a missing XSD is bad
			// usage, not a verdict on the files
			for _, f := range files {
				if strings.EqualFold(filepath.Ext(f), ".xml") {
					if err := v.load(formatAKN); err != nil {
						return err
					}
					break
				}
			}
			bad := 0
			for _, f := range files {
				var data []byte
				var err error
				if f == "-" {
					data, err = io.ReadAll(stdin)
				} else {
					data, err = os.ReadFile(f)
				}
				name := displayName(f)
				if err == nil {
					err = v.validate(formatOf(f, data), name, data)
				}
				var ue usageError
				switch {
				case errors.As(err, &ue):
					return err
				case err != nil:
					fmt.Fprintln(stdout, problems(err, ""))
					bad++
				default:
					fmt.Fprintf(stdout, "%s: ok\n", name)
				}
			}
			if bad > 0 {
				return errReported
			}
			return nil
		},
	}
}

// formatOf is the format of a file: by its extension (.json, .xml), else
// by its first character.
func formatOf(name string, data []byte) string {
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".json":
		return formatJSON
	case ext == ".xml":
		return formatAKN
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return formatJSON
	}
	return formatAKN
}

// schemaCommand is "resconv schema json": print the JSON Schema.
func schemaCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the JSON Schema of the JSON output",
		Description: `resconv schema json prints the JSON Schema (draft 2020-12) that every
output of --to json follows; its descriptions document each field.

Example:
   resconv schema json > resolution.schema.json`,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.NArg() > 0 {
				return usageError{fmt.Errorf("resconv schema %s: unknown schema (want json)", cmd.Args().First())}
			}
			return cli.ShowSubcommandHelp(cmd)
		},
		Commands: []*cli.Command{{
			Name:      "json",
			Usage:     "print the JSON Schema of the resolution JSON (draft 2020-12)",
			UsageText: "resconv schema json",
			Action: func(context.Context, *cli.Command) error {
				_, err := stdout.Write(schema.ResolutionSchema())
				return err
			},
		}},
	}
}
