package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/resconv/resconv/batch"
	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/rules"
)

// exitInterrupted is the exit status of a batch stopped by Ctrl-C (128 +
// SIGINT, as shells report it).
const exitInterrupted = 130

// errInterrupted is returned when a batch was stopped by a signal.
var errInterrupted = errors.New("interrupted")

// batchFlags are the flags of batch conversion: what is converted, how
// many at once, what is reported.
func batchFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "include", Usage: "convert only the files of directories and archives whose name (or, for a `GLOB` with /, whose path inside them; ** for any directories) matches; repeatable; default *.txt. Example: --include '*.ods.txt'"},
		&cli.StringSliceFlag{Name: "exclude", Usage: "skip the files and directories of directories and archives whose name or path matches `GLOB`; repeatable. Example: --exclude 'drafts/**'"},
		&cli.StringFlag{Name: "files-from", Usage: "convert the inputs listed in `FILE`, one a line (- reads the list from stdin); their paths are mirrored under -o DIR. Example: --files-from list.txt"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "convert `N` documents at once (default: the number of CPUs); outputs do not depend on it. Example: -j 4"},
		&cli.BoolFlag{Name: "incremental", Usage: "skip the documents whose outputs in -o DIR were made from the same input bytes by the same resconv and rules (a manifest of content hashes is kept in DIR). Example: --incremental"},
		&cli.StringFlag{Name: "shard", Usage: "convert only the I-th of N slices of the input list (`I/N`; document k goes to slice k mod N): N runs with 1/N ... N/N convert every document once. Example: --shard 2/8"},
		&cli.StringFlag{Name: "report", Usage: "write one JSON line per document (input, outputs, status, error, warnings, bytes, ms) and a summary line to `FILE` (- for stdout). Example: --report report.jsonl"},
		&cli.BoolFlag{Name: "fail-fast", Usage: "stop at the first document that fails (those before it are all written). Example: --fail-fast"},
		&cli.BoolFlag{Name: "fsync", Usage: "flush every output to disk before renaming it into place, so that not even a power cut leaves a partial file (slower). Example: --fsync"},
		&cli.BoolFlag{Name: "verbose", Usage: "print a line per document, its warnings and the summary. Example: --verbose"},
	}
}

// batchFlagNames are the flags that only make sense for a batch: with
// one of them, -o must be a directory or an archive.
var batchFlagNames = []string{"include", "exclude", "files-from", "incremental", "shard", "report", "fail-fast"}

// isArchive tells whether -o names an archive to write.
func isArchive(out string) bool {
	low := strings.ToLower(out)
	for _, ext := range []string{".zip", ".tar", ".tar.gz", ".tgz"} {
		if strings.HasSuffix(low, ext) {
			return true
		}
	}
	return false
}

// stem is the output name of an input's relative path without
// extension: its extension and a layout tag before it go
// ("sub/A_RES_70_237.ods.txt" gives "sub/A_RES_70_237").
func stem(rel string) string {
	dir, name := "", rel
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		dir, name = rel[:i+1], rel[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && slices.Contains(rules.Builtin()["layout"], name[i+1:]) {
		name = name[:i]
	}
	return dir + name
}

// extension is the output file extension of a format.
func extension(format string) string {
	if format == formatJSON {
		return ".json"
	}
	return ".akn.xml"
}

// fingerprint identifies what makes the outputs for --incremental: the
// program (version and, for a build from a checkout, its commit), the
// rules, and the options that change the output bytes.
func fingerprint(cmd *cli.Command, user []rules.NamedData, formats []string) string {
	parts := []string{"resconv " + versionString()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				parts = append(parts, s.Key+"="+s.Value)
			}
		}
	}
	parts = append(parts, "rules "+rules.Fingerprint(user), "to "+strings.Join(formats, ","),
		"lang "+rules.Canonical(cmd.String("lang")), "body "+cmd.String("body"), "layout "+cmd.String("layout"))
	return strings.Join(parts, "; ")
}

// runBatch converts the inputs into the directory or archive out with
// package batch.
func (c *converter) runBatch(ctx context.Context, cmd *cli.Command, conv *convert.Converter, formats []string,
	vals *validators, user []rules.NamedData, inputs []string, listed []string, out string) error {
	shard := batch.Shard{}
	if s := cmd.String("shard"); s != "" {
		var err error
		if shard, err = batch.ParseShard(s); err != nil {
			return usageError{fmt.Errorf("--shard: %v", err)}
		}
	}
	if cmd.Int("jobs") < 1 {
		return usageError{fmt.Errorf("--jobs %d: want 1 or more", cmd.Int("jobs"))}
	}
	quiet, verbose := cmd.Bool("quiet"), cmd.Bool("verbose")
	if quiet && verbose {
		return usageError{errors.New("--quiet and --verbose: choose one")}
	}
	opts := batch.Options{
		Inputs:      inputs,
		FilesFrom:   listed,
		Stdin:       c.stdin,
		Include:     cmd.StringSlice("include"),
		Exclude:     cmd.StringSlice("exclude"),
		Output:      out,
		Stem:        stem,
		Workers:     int(cmd.Int("jobs")),
		Shard:       shard,
		FailFast:    cmd.Bool("fail-fast"),
		Fingerprint: fingerprint(cmd, user, formats),
		Incremental: cmd.Bool("incremental"),
		Sync:        cmd.Bool("fsync"),
	}
	if r := cmd.String("report"); r != "" {
		if r == "-" {
			opts.Report = c.stdout
		} else {
			f, err := os.Create(r)
			if err != nil {
				return usageError{fmt.Errorf("--report: %v", err)}
			}
			defer f.Close()
			opts.Report = f
		}
	}
	tty := isTerminal(c.stderr)
	prog := &progress{stderr: c.stderr, verbose: verbose}
	if tty && !quiet {
		prog.bar = newBar(c.stderr)
		opts.Count = true
	}
	opts.Progress = prog

	f := func(d *batch.Doc) ([]batch.Output, []batch.Warning, error) {
		res, err := conv.Convert(d.Data)
		if err != nil {
			return nil, nil, err
		}
		ws := make([]batch.Warning, len(res.Document.Warnings))
		for i, w := range res.Document.Warnings {
			ws[i] = batch.Warning{Stage: w.Stage, Rule: w.Rule, Line: w.Line, Message: w.Message}
		}
		outs := make([]batch.Output, len(formats))
		for i, format := range formats {
			outs[i] = batch.Output{Ext: extension(format), Data: res.AKN}
			if format == formatJSON {
				outs[i].Data = res.JSON
			}
			if vals != nil {
				if err := vals.validate(format, opts.Where(d.Rel, outs[i].Ext), outs[i].Data); err != nil {
					return nil, ws, fmt.Errorf("the %s output is not valid, not written:\n%s", strings.ToUpper(format), problems(err, "  "))
				}
			}
		}
		return outs, ws, nil
	}

	// A batch allocates much and keeps little: at its default pace the
	// garbage collector took a third of the CPU. It runs when the heap
	// is five times what is live, under a soft limit that keeps memory
	// flat; GOGC and GOMEMLIMIT still win.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(120 << 20))
	}

	// Ctrl-C (or SIGTERM) stops the batch cleanly; a second one kills.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); stop() }()

	sum, err := batch.Run(ctx, f, opts)
	prog.finish()
	switch {
	case errors.Is(err, batch.ErrUsage):
		return usageError{errors.New(strings.TrimPrefix(err.Error(), batch.ErrUsage.Error()+": "))}
	case sum == nil:
		return err
	}
	if (tty || verbose || cmd.String("report") != "") && !quiet {
		fmt.Fprintf(c.stderr, "resconv: %s\n", sum)
	}
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(c.stderr, "resconv: interrupted: %d documents done, the others not started; no partial output was left\n", sum.Documents)
		return errInterrupted
	case err != nil:
		return err
	case sum.Failed > 0:
		return errReported
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newBar is the progress bar of a batch on a terminal: documents done of
// the total (once counted), rate, time left, failures in the description.
func newBar(w io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("converting"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
}

// progress prints a batch's progress: errors always, a line per document
// with --verbose, the bar on a terminal.
type progress struct {
	stderr  io.Writer
	verbose bool
	bar     *progressbar.ProgressBar
	failed  int
}

func (p *progress) Total(n int) {
	if p.bar != nil {
		p.bar.ChangeMax(n)
	}
}

func (p *progress) Done(r *batch.Record) {
	if r.Status == batch.Failed || p.verbose {
		if p.bar != nil {
			p.bar.Clear()
		}
		switch {
		case r.Status == batch.Failed:
			fmt.Fprintf(p.stderr, "resconv: %s: %s\n", r.Input, r.Error)
		default:
			fmt.Fprintf(p.stderr, "%s: %s %s\n", r.Input, r.Status, strings.Join(r.Outputs, ", "))
		}
		if p.verbose {
			for _, w := range r.Warnings {
				loc := r.Input
				if w.Line > 0 {
					loc = fmt.Sprintf("%s:%d", loc, w.Line)
				}
				fmt.Fprintf(p.stderr, "%s: warning: %s\n", loc, w.Message)
			}
		}
	}
	if r.Status == batch.Failed {
		p.failed++
	}
	if p.bar != nil {
		if p.failed > 0 {
			p.bar.Describe(fmt.Sprintf("converting (%d failed)", p.failed))
		}
		p.bar.Add(1)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
