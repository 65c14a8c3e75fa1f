// Command resconv converts the text of United Nations resolutions into
// Akoma Ntoso XML and JSON, and validates both.
//
//	resconv --to akn in.txt > out.xml
//	resconv --to akn,json --validate -o out/ *.txt
//	resconv validate out/*
//	resconv schema json
//
// Run resconv --help for the flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/resconv/resconv/batch"
	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/rules"
)

// version is set at build time with -ldflags "-X main.version=…"; without
// it, the module version of the build is used.
var version = ""

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // a document could not be converted, or is invalid
	exitUsage   = 2 // bad flags or arguments
	description = `resconv reads the text of UN resolutions (ODS text exports, text extracted
from PDFs) and writes Akoma Ntoso 3.0 XML in the UN's AKN4UN profile
(--to akn), JSON (--to json; its schema: resconv schema json), or both
(--to akn,json).

With one input, one format and no -o (or -o -), the output goes to
stdout. "-" or no FILE reads stdin. -o FILE writes one output there; -o DIR (an existing
directory, a path ending in "/", or any -o with several inputs or two
formats) writes DIR/<input name without extension>.akn.xml and .json for
each input (A_RES_70_237.ods.txt gives DIR/A_RES_70_237.akn.xml).
Directories, .zip, .tar and .tar.gz archives and --files-from lists are
converted as a batch (-j at once, --report, --incremental, --shard): their
files keep their paths under DIR; -o OUT.zip or OUT.tar.gz writes an
archive instead. A document that fails does not stop the others; Ctrl-C
stops cleanly, leaving no partial file.

--validate validates each output before it is written (AKN against the
XSD of --xsd or $RESCONV_AKN_XSD, JSON against the embedded schema); an
invalid output is an error for its input, and nothing is written for it.

Examples:
   resconv --to akn A_RES_70_237.ods.txt > A_RES_70_237.xml
   resconv convert A_RES_70_237.ods.txt -o A_RES_70_237.xml
   resconv -o out/ resolutions/*.txt
   resconv --to akn,json --validate --xsd akn/akomantoso30.xsd -o out/ resolutions/*.txt
   cat A_RES_70_237.ods.txt | resconv --lang eng --body ga --to json - > out.json
   resconv -q --layout ods -o out/ A_RES_70_237.ods.txt
   resconv -o out/ --report report.jsonl corpus/ more.zip --incremental

Exit status: 0 on success, 1 if a document could not be converted or an
output is not valid (the reason is on stderr, with the file name), 2 on
bad usage (or --validate of AKN without an XSD), 130 if a batch was
interrupted.`
)

func main() {
	os.Exit(run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// usageError is an error in the command line: exit status 2.
type usageError struct{ error }

// run is main without the process: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	conv := &converter{stdin: stdin, stdout: stdout, stderr: stderr}
	cmd := &cli.Command{
		Name:                  "resconv",
		Usage:                 "convert UN resolutions to Akoma Ntoso and JSON",
		UsageText:             "resconv [--to akn|json|akn,json] [--validate] [-o PATH] [FILE...]\nresconv convert [--to FORMATS] [-o PATH] [FILE...]\nresconv validate [--xsd PATH] FILE...\nresconv schema json\nresconv rules list|show|check",
		Description:           description,
		Version:               versionString(),
		Flags:                 conv.flags(),
		Action:                conv.action,
		Writer:                stdout,
		ErrWriter:             stderr,
		EnableShellCompletion: false,
		OnUsageError: func(_ context.Context, _ *cli.Command, err error, _ bool) error {
			return usageError{err}
		},
		ExitErrHandler: func(context.Context, *cli.Command, error) {}, // run decides
		Commands: []*cli.Command{rulesCommand(stdout), validateCommand(stdin, stdout), schemaCommand(stdout), {
			Name:        "convert",
			Usage:       "convert resolutions (the default command)",
			UsageText:   "resconv convert [--to akn|json|akn,json] [--validate] [--xsd PATH] [-o PATH] [FILE...]",
			Description: description,
			Flags:       conv.flags(),
			Action:      conv.action,
			OnUsageError: func(_ context.Context, _ *cli.Command, err error, _ bool) error {
				return usageError{err}
			},
		}},
	}
	err := cmd.Run(ctx, args)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue) || isFlagError(err):
		fmt.Fprintf(stderr, "resconv: %v\nRun 'resconv --help' for usage.\n", err)
		return exitUsage
	case errors.Is(err, errReported):
		return exitFailed
	case errors.Is(err, errInterrupted):
		return exitInterrupted
	default:
		fmt.Fprintf(stderr, "resconv: %v\n", err)
		return exitFailed
	}
}

// isFlagError recognises the errors urfave/cli returns for unknown flags
// and bad flag values, which do not all go through OnUsageError.
func isFlagError(err error) bool {
	s := err.Error()
	return strings.Contains(s, "flag provided but not defined") || strings.Contains(s, "invalid value") ||
		strings.Contains(s, "flag needs an argument")
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "devel"
}

// errReported is returned once every failure has been printed.
var errReported = errors.New("some documents could not be converted")

// converter holds the CLI's streams; flags are read from the command.
type converter struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func (c *converter) flags() []cli.Flag {
	builtin := rules.Builtin()
	return append([]cli.Flag{
		&cli.StringFlag{Name: "to", Value: formatAKN, Usage: "`FORMATS` of the output: akn (Akoma Ntoso 3.0 XML, AKN4UN profile), json (see resconv schema json), or both: akn,json. Example: --to akn"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `PATH` instead of stdout (-o - is stdout): a file for one input and one format, or a directory (existing, ending in /, or with several inputs or formats) that gets NAME.akn.xml and NAME.json per input. Examples: -o A_RES_70_237.xml, -o out/"},
		&cli.BoolFlag{Name: "validate", Usage: "validate each output before writing it (AKN needs --xsd or $RESCONV_AKN_XSD); an invalid output fails its input. Example: --validate"},
		xsdFlag(),
		&cli.StringFlag{Name: "lang", Value: convert.Auto, Usage: "`LANGUAGE` of the text: auto (found from the formula) or " + strings.Join(builtin["language"], ", ") + ". Example: --lang eng"},
		&cli.StringFlag{Name: "body", Value: convert.Auto, Usage: "`BODY`: the UN body that adopted the resolution, auto or " + strings.Join(builtin["body"], ", ") + " (ga: General Assembly). Example: --body ga"},
		&cli.StringFlag{Name: "layout", Value: convert.Auto, Usage: "`LAYOUT` of the input: auto or " + strings.Join(builtin["layout"], ", ") + " (ods: ODS text export). Example: --layout ods"},
		&cli.StringSliceFlag{Name: "rules", Usage: "add or override rules from a rule `FILE` (YAML, see docs/rules.md); repeatable, later files win. Example: --rules myquirks.yaml"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only: no warnings, no progress, no summary. Example: -q"},
	}, batchFlags()...)
}

// checkRules refuses a --lang, --body or --layout that has no rule file
// before any input is read: a typo is bad usage, not a failure of every
// document (and --body would otherwise be reported as an undetected
// language).
func checkRules(cmd *cli.Command) error {
	builtin := rules.Builtin()
	for _, f := range []struct{ flag, kind string }{{"lang", "language"}, {"body", "body"}, {"layout", "layout"}} {
		v := cmd.String(f.flag)
		if f.flag == "lang" {
			v = rules.Canonical(v)
		}
		if v == "" || v == convert.Auto || slices.Contains(builtin[f.kind], v) {
			continue
		}
		return usageError{fmt.Errorf("--%s %q: no rule file for this %s (want %s or %s)",
			f.flag, v, f.kind, convert.Auto, strings.Join(builtin[f.kind], ", "))}
	}
	return nil
}

func (c *converter) action(ctx context.Context, cmd *cli.Command) error {
	if cmd.Bool("help") {
		return nil
	}
	formats, err := parseFormats(cmd.String("to"))
	if err != nil {
		return err
	}
	if err := checkRules(cmd); err != nil {
		return err
	}
	inputs := cmd.Args().Slice()
	var listed []string
	if from := cmd.String("files-from"); from != "" {
		if listed, err = c.filesFrom(from, inputs); err != nil {
			return err
		}
	}
	if len(inputs) == 0 && len(listed) == 0 && cmd.String("files-from") == "" {
		inputs = []string{"-"}
	}
	out := cmd.String("output")
	if out == "-" {
		out = "" // the usual name of stdout
	}
	archive := out != "" && isArchive(out)
	// a batch: inputs that are directories or archives, an archive to
	// write, or a flag that only a batch has
	why := ""
	for _, in := range inputs {
		if in != "-" && (isDir(in) || isArchive(in)) {
			why = in + " is a directory or an archive: it"
			break
		}
	}
	for _, f := range batchFlagNames {
		if why == "" && cmd.IsSet(f) {
			why = "--" + f
		}
	}
	toDir := out != "" && !archive && (why != "" || len(inputs) > 1 || len(formats) > 1 || strings.HasSuffix(out, "/") || isDir(out))
	switch {
	case out == "" && why != "":
		return usageError{fmt.Errorf("%s needs -o DIR or -o ARCHIVE (.zip, .tar, .tar.gz)", why)}
	case out == "" && len(inputs) > 1:
		return usageError{errors.New("several inputs need -o DIR")}
	case out == "" && len(formats) > 1:
		return usageError{fmt.Errorf("--to %s writes two files per input: it needs -o DIR", strings.Join(formats, ","))}
	}
	if toDir {
		// a/x.txt and b/x.txt would both become DIR/x.akn.xml: refuse
		// rather than keep only the last one.
		seen := map[string]string{}
		for _, in := range inputs {
			if in != "-" && (isDir(in) || isArchive(in)) {
				continue // their files are mirrored with their paths
			}
			name := outputName(in, formatAKN)
			if prev, ok := seen[name]; ok {
				return usageError{fmt.Errorf("%s and %s would both be written to %s", displayName(prev), displayName(in), filepath.Join(out, outputName(in, formats[0])))}
			}
			seen[name] = in
		}
	}
	var vals *validators
	if cmd.Bool("validate") {
		// load the schemas now: a missing XSD is reported before any
		// input is read
		vals = newValidators(cmd)
		defer vals.close()
		for _, f := range formats {
			if err := vals.load(f); err != nil {
				return err
			}
		}
	}
	user, err := readRuleFiles(cmd.StringSlice("rules"))
	if err != nil {
		return usageError{err}
	}
	conv, err := convert.New(convert.Options{
		Language: rules.Canonical(cmd.String("lang")),
		Body:     cmd.String("body"),
		Layout:   cmd.String("layout"),
		Rules:    user,
		Indent:   "  ",
		JSON:     slices.Contains(formats, formatJSON),
	})
	if err != nil {
		return usageError{err}
	}
	if toDir || archive {
		return c.runBatch(ctx, cmd, conv, formats, vals, user, inputs, listed, out)
	}
	failed := 0
	for _, in := range inputs {
		var outs []output
		for _, f := range formats {
			o := output{format: f, dest: out}
			if toDir {
				o.dest = filepath.Join(out, outputName(in, f))
			}
			outs = append(outs, o)
		}
		if err := c.convertOne(conv, in, outs, vals, cmd.Bool("quiet")); err != nil {
			fmt.Fprintf(c.stderr, "resconv: %s: %v\n", displayName(in), err)
			failed++
		}
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// parseFormats parses --to: "akn", "json" or both, comma-separated. The
// result is in a fixed order, without repetitions.
func parseFormats(to string) ([]string, error) {
	var akn, json bool
	for f := range strings.SplitSeq(to, ",") {
		switch strings.TrimSpace(f) {
		case formatAKN:
			akn = true
		case formatJSON:
			json = true
		default:
			return nil, usageError{fmt.Errorf("--to %q: unknown output format (want akn, json or akn,json)", to)}
		}
	}
	var out []string
	if akn {
		out = append(out, formatAKN)
	}
	if json {
		out = append(out, formatJSON)
	}
	return out, nil
}

// output is one output of an input: its format and where it goes ("" for
// stdout).
type output struct {
	format, dest string
}

// convertOne converts one input to its outputs. With vals, every output
// is validated before any is written.
func (c *converter) convertOne(conv *convert.Converter, in string, outs []output, vals *validators, quiet bool) error {
	var src []byte
	var err error
	if in == "-" {
		src, err = io.ReadAll(c.stdin)
	} else {
		src, err = os.ReadFile(in)
	}
	if err != nil {
		return err
	}
	res, err := conv.Convert(src)
	if err != nil {
		return err
	}
	if !quiet {
		for _, w := range res.Document.Warnings {
			loc := displayName(in)
			if w.Line > 0 {
				loc = fmt.Sprintf("%s:%d", loc, w.Line)
			}
			fmt.Fprintf(c.stderr, "%s: warning: %s\n", loc, w.Message)
		}
	}
	data := make([][]byte, len(outs))
	for i, o := range outs {
		data[i] = res.AKN
		if o.format == formatJSON {
			data[i] = res.JSON
		}
		if vals == nil {
			continue
		}
		name := o.dest
		if name == "" {
			name = "<stdout>"
		}
		if err := vals.validate(o.format, name, data[i]); err != nil {
			return fmt.Errorf("the %s output is not valid, not written:\n%s", strings.ToUpper(o.format), problems(err, "  "))
		}
	}
	for i, o := range outs {
		if o.dest == "" {
			_, err = c.stdout.Write(data[i])
		} else {
			err = batch.WriteFile(o.dest, data[i])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// filesFrom reads the list of --files-from: a file, or stdin for "-"
// (which then cannot be an input too).
func (c *converter) filesFrom(from string, inputs []string) ([]string, error) {
	var r io.Reader = c.stdin
	if from == "-" {
		if slices.Contains(inputs, "-") {
			return nil, usageError{errors.New("--files-from - and the input - both read stdin")}
		}
	} else {
		f, err := os.Open(from)
		if err != nil {
			return nil, usageError{fmt.Errorf("--files-from: %v", err)}
		}
		defer f.Close()
		r = f
	}
	list, err := batch.FilesFrom(r)
	if err != nil {
		return nil, usageError{fmt.Errorf("--files-from %s: %v", from, err)}
	}
	return list, nil
}

// outputName is DIR's file name for an input and a format: its name
// without extension, then .akn.xml or .json. A layout tag before the
// extension goes too, so that A_RES_70_237.ods.txt gives
// A_RES_70_237.akn.xml.
func outputName(in, format string) string {
	ext := ".akn.xml"
	if format == formatJSON {
		ext = ".json"
	}
	if in == "-" {
		return "stdin" + ext
	}
	name := filepath.Base(in)
	name = strings.TrimSuffix(name, filepath.Ext(name))
	if e := filepath.Ext(name); e != "" && slices.Contains(rules.Builtin()["layout"], e[1:]) {
		name = strings.TrimSuffix(name, e)
	}
	return name + ext
}

func displayName(in string) string {
	if in == "-" {
		return "<stdin>"
	}
	return in
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
