// Command resconv converts the text of United Nations resolutions into
// Akoma Ntoso XML.
//
//	resconv --to akn in.txt > out.xml
//	resconv -o out/ *.txt
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

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/rules"
)

// version is set at build time with -ldflags "-X main.version=…"; without
// it, the module version of the build is used.
var version = ""

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // a document could not be converted
	exitUsage   = 2 // bad flags or arguments
	description = `resconv reads the text of UN resolutions (ODS text exports) and writes
Akoma Ntoso 3.0 XML in the UN's AKN4UN profile.

With one input and no -o, the output goes to stdout. "-" or no FILE reads
stdin. -o FILE writes one output there; -o DIR (an existing directory, a
path ending in "/", or any -o with several inputs) writes
DIR/<input name without extension>.akn.xml for each input
(A_RES_70_237.ods.txt gives DIR/A_RES_70_237.akn.xml).

Examples:
   resconv --to akn A_RES_70_237.ods.txt > A_RES_70_237.xml
   resconv convert A_RES_70_237.ods.txt -o A_RES_70_237.xml
   resconv -o out/ resolutions/*.txt
   cat A_RES_70_237.ods.txt | resconv --lang eng --body ga - > out.xml
   resconv -q --layout ods -o out/ A_RES_70_237.ods.txt

Exit status: 0 on success, 1 if a document could not be converted (the
reason is on stderr, with the file name), 2 on bad usage.`
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
		Usage:                 "convert UN resolutions to Akoma Ntoso",
		UsageText:             "resconv [--to akn] [-o PATH] [FILE...]\nresconv convert [--to akn] [-o PATH] [FILE...]",
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
		Commands: []*cli.Command{rulesCommand(stdout), {
			Name:        "convert",
			Usage:       "convert resolutions (the default command)",
			UsageText:   "resconv convert [--to akn] [-o PATH] [FILE...]",
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
	return []cli.Flag{
		&cli.StringFlag{Name: "to", Value: "akn", Usage: "`FORMAT` of the output: only akn for now (Akoma Ntoso 3.0 XML, AKN4UN profile). Example: --to akn"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `PATH` instead of stdout: a file for one input, or a directory (existing, ending in /, or with several inputs) that gets NAME.akn.xml per input. Examples: -o A_RES_70_237.xml, -o out/"},
		&cli.StringFlag{Name: "lang", Value: convert.Auto, Usage: "`LANGUAGE` of the text: auto (found from the formula) or " + strings.Join(builtin["language"], ", ") + ". Example: --lang eng"},
		&cli.StringFlag{Name: "body", Value: convert.Auto, Usage: "`BODY`: the UN body that adopted the resolution, auto or " + strings.Join(builtin["body"], ", ") + " (ga: General Assembly). Example: --body ga"},
		&cli.StringFlag{Name: "layout", Value: convert.Auto, Usage: "`LAYOUT` of the input: auto or " + strings.Join(builtin["layout"], ", ") + " (ods: ODS text export). Example: --layout ods"},
		&cli.StringSliceFlag{Name: "rules", Usage: "add or override rules from a rule `FILE` (YAML, see docs/rules.md); repeatable, later files win. Example: --rules myquirks.yaml"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only, not warnings. Example: -q"},
	}
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
	if to := cmd.String("to"); to != "akn" {
		return usageError{fmt.Errorf("--to %q: unknown output format (want akn)", to)}
	}
	if err := checkRules(cmd); err != nil {
		return err
	}
	inputs := cmd.Args().Slice()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	out := cmd.String("output")
	toDir := out != "" && (len(inputs) > 1 || strings.HasSuffix(out, "/") || isDir(out))
	if out == "" && len(inputs) > 1 {
		return usageError{errors.New("several inputs need -o DIR")}
	}
	if toDir {
		// a/x.txt and b/x.txt would both become DIR/x.akn.xml: refuse
		// rather than keep only the last one.
		seen := map[string]string{}
		for _, in := range inputs {
			name := outputName(in)
			if prev, ok := seen[name]; ok {
				return usageError{fmt.Errorf("%s and %s would both be written to %s", displayName(prev), displayName(in), filepath.Join(out, name))}
			}
			seen[name] = in
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
	})
	if err != nil {
		return usageError{err}
	}
	failed := 0
	for _, in := range inputs {
		dest := out
		if toDir {
			dest = filepath.Join(out, outputName(in))
		}
		if err := c.convertOne(conv, in, dest, cmd.Bool("quiet")); err != nil {
			fmt.Fprintf(c.stderr, "resconv: %s: %v\n", displayName(in), err)
			failed++
		}
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// convertOne converts one input to dest ("" for stdout).
func (c *converter) convertOne(conv *convert.Converter, in, dest string, quiet bool) error {
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
	if dest == "" {
		_, err = c.stdout.Write(res.AKN)
		return err
	}
	return writeAtomic(dest, res.AKN)
}

// writeAtomic writes data to a temporary file beside path and renames it,
// so that a failure never leaves a partial output.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// outputName is DIR's file name for an input: its name without extension,
// then .akn.xml. A layout tag before the extension goes too, so that
// A_RES_70_237.ods.txt gives A_RES_70_237.akn.xml.
func outputName(in string) string {
	if in == "-" {
		return "stdin.akn.xml"
	}
	name := filepath.Base(in)
	name = strings.TrimSuffix(name, filepath.Ext(name))
	if ext := filepath.Ext(name); ext != "" && slices.Contains(rules.Builtin()["layout"], ext[1:]) {
		name = strings.TrimSuffix(name, ext)
	}
	return name + ".akn.xml"
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
