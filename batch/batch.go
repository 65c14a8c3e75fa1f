// Package batch converts many documents at once: files, directories and
// archives in, a directory or an archive out, with N workers, progress,
// a report, and nothing half-written.
//
// Run enumerates the inputs (files; directories, walked recursively with
// include and exclude patterns; zip, tar and tar.gz archives, read as
// streams and never unpacked to disk; a files-from list), keeps its
// shard of them, and runs a bounded pipeline:
//
//	read (one goroutine, in input order)
//	  → convert (Options.Workers goroutines)
//	    → write (one goroutine, in input order)
//
// At most a few documents per worker are between reading and writing, so
// memory stays flat however many documents there are, and the outputs,
// their order in an archive and the report do not depend on the number
// of workers. Each output file is written to a temporary file and renamed
// (see TempSuffix); an archive is renamed into place when complete.
//
// The conversion itself is a function the caller gives (Func): batch
// knows nothing of formats; it names each output after its input, with
// the output's extension.
package batch

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Output is one output of a document: its extension (".akn.xml") and
// its bytes.
type Output struct {
	Ext  string
	Data []byte
}

// Warning is a problem a conversion met that did not stop it.
type Warning struct {
	Stage   string `json:"stage,omitempty"` // "normalise", "detect", ...
	Rule    string `json:"rule,omitempty"`  // the rule that raised it, if any
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Kind is the warning's kind for the summary: its stage, and its rule
// if it has one ("detect", "normalise/ods.page-footer").
func (w Warning) Kind() string {
	switch {
	case w.Rule == "" && w.Stage == "":
		return "other"
	case w.Rule == "":
		return w.Stage
	case w.Stage == "":
		return w.Rule
	}
	return w.Stage + "/" + w.Rule
}

// Doc is a document to convert.
type Doc struct {
	Name string // for messages: "dir/a.txt", "in.zip:sub/a.txt", "<stdin>"
	Rel  string // the slash path its outputs mirror: "sub/a.txt"
	Data []byte
}

// Func converts one document. It is called from several goroutines at
// once.
type Func func(d *Doc) ([]Output, []Warning, error)

// Shard selects the I-th (from 1) of N slices of the input list: the
// documents whose place in the list, counted from 0, is I-1 modulo N.
// The zero value selects everything.
type Shard struct{ I, N int }

// ParseShard reads "I/N" (1 ≤ I ≤ N).
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("shard %q: want I/N with 1 ≤ I ≤ N, such as 2/8", s)
	}
	return Shard{I: i, N: n}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

// has reports whether the document at place pos is in the shard.
func (s Shard) has(pos int) bool { return s.N <= 1 || pos%s.N == s.I-1 }

// Options control a batch. Inputs and Output are required.
type Options struct {
	// Inputs are files, directories, archives (.zip, .tar, .tar.gz,
	// .tgz) and "-" (one document read from Stdin), in order. A file is
	// mirrored in the output by its base name; a directory's or an
	// archive's documents by their path inside it.
	Inputs []string
	// FilesFrom are more inputs, as read by the FilesFrom function: a
	// file on that list is mirrored by its path as written.
	FilesFrom []string
	Stdin     io.Reader
	// Include and Exclude filter what directory walks and archives give
	// (not the files named in Inputs or FilesFrom); see the globs type
	// for the syntax. Include defaults to DefaultInclude. An excluded
	// directory is not entered.
	Include, Exclude []string

	// Output is a directory, or an archive when it ends in .zip, .tar,
	// .tar.gz or .tgz.
	Output string
	// Stem gives the name of a document's outputs without extension
	// from its relative slash path; the default removes the last
	// extension ("sub/a.txt" → "sub/a").
	Stem func(rel string) string

	// Workers is the number of conversions at once (default: the
	// number of CPUs).
	Workers int
	Shard   Shard
	// FailFast stops the batch at the first failure (in input order:
	// the documents before it are all written, none after it).
	FailFast bool
	// Fingerprint identifies the program and rules that make the
	// outputs (version, rule-file hashes, output options). With
	// Incremental, or when the directory already has a manifest, each
	// document's input hash and outputs are recorded in the manifest,
	// so that a later incremental run knows what they were made from.
	Fingerprint string
	// Incremental skips the documents whose outputs the manifest says
	// were made from the same bytes with the same Fingerprint (which it
	// requires) and which are still in place, whole.
	Incremental bool
	// Sync flushes each output to stable storage before its rename, so
	// that not even a power cut leaves a partial file (slower).
	Sync bool
	// MaxSize is the largest document read, in bytes (default 256 MiB).
	MaxSize int64

	// Report, if set, receives one JSON line per document (a Record)
	// and a last line {"summary": Summary}.
	Report io.Writer
	// Progress, if set, is told of each document as it is done.
	Progress Progress
	// Count asks for the number of documents to be counted in the
	// background (a second, cheap pass over the names) and given to
	// Progress.Total.
	Count bool
}

// Progress follows a batch. Its methods are called from the goroutine
// that called Run, one at a time.
type Progress interface {
	// Total gives the number of documents in the batch, once counted
	// (only with Options.Count).
	Total(n int)
	// Done is called for each document, in input order, once it is
	// written, skipped or has failed.
	Done(r *Record)
}

// Status is what became of a document.
type Status string

const (
	Converted Status = "converted"
	Skipped   Status = "skipped" // up to date (Options.Incremental)
	Failed    Status = "failed"
)

// Record is the report's line for one document.
type Record struct {
	Input    string    `json:"input"`
	Outputs  []string  `json:"outputs,omitempty"`
	Status   Status    `json:"status"`
	Error    string    `json:"error,omitempty"`
	Warnings []Warning `json:"warnings,omitempty"`
	Bytes    int       `json:"bytes"`     // input size
	OutBytes int       `json:"out_bytes"` // outputs' total size
	// Millis is the time spent on the document in its worker: hashing,
	// converting and, for an archive, compressing.
	Millis float64 `json:"ms"`
}

// Summary is the account of a whole batch.
type Summary struct {
	Documents int            `json:"documents"` // converted + skipped + failed
	Converted int            `json:"converted"`
	Skipped   int            `json:"skipped"`
	Failed    int            `json:"failed"`
	Warnings  map[string]int `json:"warnings"` // by Warning.Kind
	Bytes     int64          `json:"bytes"`    // input bytes of all documents
	Seconds   float64        `json:"seconds"`
	PerSecond float64        `json:"documents_per_second"`
	// Interrupted says the context was cancelled; Stopped, that
	// FailFast stopped the batch. The documents not reached are in no
	// count.
	Interrupted bool `json:"interrupted,omitempty"`
	Stopped     bool `json:"stopped,omitempty"`
}

// String is the summary for a person: "3000 documents: 2998 converted,
// 2 failed; 4 warnings (detect: 4); 1.2 s, 2500 documents/s, 41.0 MB/s".
func (s *Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d documents: %d converted", s.Documents, s.Converted)
	if s.Skipped > 0 {
		fmt.Fprintf(&b, ", %d skipped (up to date)", s.Skipped)
	}
	fmt.Fprintf(&b, ", %d failed", s.Failed)
	n := 0
	for _, v := range s.Warnings {
		n += v
	}
	fmt.Fprintf(&b, "; %d warnings", n)
	if n > 0 {
		var kinds []string
		for _, k := range slices.Sorted(maps.Keys(s.Warnings)) {
			kinds = append(kinds, fmt.Sprintf("%s: %d", k, s.Warnings[k]))
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(kinds, ", "))
	}
	fmt.Fprintf(&b, "; %.2f s, %.0f documents/s, %.1f MB/s", s.Seconds, s.PerSecond, float64(s.Bytes)/1e6/max(s.Seconds, 1e-9))
	switch {
	case s.Interrupted:
		b.WriteString("; interrupted")
	case s.Stopped:
		b.WriteString("; stopped at the first failure")
	}
	return b.String()
}

// ErrUsage wraps the errors of Options that no document could fix.
var ErrUsage = errors.New("batch")

// job is one document on its way through the pipeline.
type job struct {
	entry
	outs     []Output
	names    []string // the outputs' relative names
	prepared []any
	warnings []Warning
	sum      string // input hash, with a manifest
	size     int    // input size
	skipped  bool
	err      error
	millis   float64
}

func newJob(e *entry) *job { return &job{entry: *e, err: e.err} }

// Run converts the documents of opts with convert. A document that fails
// is recorded (in the Summary, the report and Progress) and the others go
// on. Run returns an error only for what stops the whole batch: bad
// options (wrapping ErrUsage), an output that cannot be written, a
// cancelled context (ctx.Err(), with the Summary of what was done).
func Run(ctx context.Context, convert Func, opts Options) (*Summary, error) {
	start := time.Now()
	if err := check(&opts); err != nil {
		return nil, err
	}
	l := &lister{inputs: opts.Inputs, listed: opts.FilesFrom, stdin: opts.Stdin,
		include: opts.Include, exclude: opts.Exclude, maxSize: opts.MaxSize}

	var (
		snk sink
		man *manifest
	)
	if kind := archiveKind(opts.Output); kind != "" {
		a, err := openArchive(opts.Output, kind, opts.Sync)
		if err != nil {
			return nil, err
		}
		snk = a
	} else {
		d, err := openDir(opts.Output, opts.Sync)
		if err != nil {
			return nil, err
		}
		snk = d
		if opts.Fingerprint != "" && (opts.Incremental || hasManifest(d, opts.Shard)) {
			if man, err = openManifest(d, opts.Shard, opts.Incremental); err != nil {
				d.abandon()
				return nil, err
			}
		}
	}

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := newPipeline(&opts, convert, snk, man)

	var total chan int
	if opts.Count && opts.Progress != nil {
		total = make(chan int, 1)
		cctx, stop := context.WithCancel(ctx)
		defer stop() // no need to finish counting once all is done
		go func() {
			n := 0
			if l.walk(cctx, false, opts.Shard.has, func(*entry) error { n++; return nil }) == nil {
				total <- n
			}
		}()
	}

	window := make(chan struct{}, 2*opts.Workers+2)
	jobs := make(chan *job, opts.Workers)
	results := make(chan *job, opts.Workers)
	var readErr error
	go func() { // read
		defer close(jobs)
		readErr = l.walk(ctx, true, opts.Shard.has, func(e *entry) error {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- newJob(e)
			return nil
		})
	}()
	var wg sync.WaitGroup
	for range opts.Workers { // convert
		wg.Go(func() {
			for j := range jobs {
				if ctx.Err() == nil {
					p.work(j)
				}
				results <- j
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	// write, in input order
	pending := map[int]*job{}
	next := 0 // the place of the next document to write
	if opts.Shard.N > 1 {
		next = opts.Shard.I - 1
	}
	var fatal error
	for results != nil {
		select {
		case n := <-total:
			opts.Progress.Total(n)
			total = nil
			continue
		case j, ok := <-results:
			if !ok {
				results = nil
				continue
			}
			pending[j.pos] = j
		}
		for {
			j := pending[next]
			if j == nil {
				break
			}
			delete(pending, next)
			if ctx.Err() == nil && fatal == nil {
				if err := p.write(j); err != nil {
					fatal = err
					cancel()
				} else if j.err != nil && opts.FailFast {
					p.sum.Stopped = true
					cancel()
				}
			}
			<-window
			next = nextPos(opts.Shard, next)
		}
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) && fatal == nil {
		fatal = readErr
	}

	s := p.sum
	s.Seconds = time.Since(start).Seconds()
	if s.Seconds > 0 {
		s.PerSecond = float64(s.Documents) / s.Seconds
	}
	if parent.Err() != nil && fatal == nil {
		s.Interrupted = true
	}
	var closeErr error
	if man != nil {
		closeErr = man.close()
	}
	if fatal != nil {
		snk.abandon()
	} else if err := snk.close(); err != nil && closeErr == nil {
		closeErr = err
	}
	if opts.Report != nil {
		if err := writeJSONLine(opts.Report, struct {
			Summary *Summary `json:"summary"`
		}{s}); err != nil && closeErr == nil {
			closeErr = fmt.Errorf("report: %w", err)
		}
	}
	switch {
	case fatal != nil:
		return s, fatal
	case closeErr != nil:
		return s, closeErr
	case s.Interrupted:
		return s, parent.Err()
	}
	return s, nil
}

// nextPos is the place of the shard's document after pos.
func nextPos(sh Shard, pos int) int {
	if sh.N <= 1 {
		return pos + 1
	}
	return pos + sh.N
}

// check fills the defaults of opts and refuses what cannot work.
func check(o *Options) error {
	bad := func(f string, a ...any) error { return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(f, a...)) }
	if len(o.Inputs) == 0 && len(o.FilesFrom) == 0 {
		return bad("no inputs")
	}
	if o.Output == "" {
		return bad("no output directory or archive")
	}
	if err := checkGlobs("include", o.Include); err != nil {
		return bad("%v", err)
	}
	if err := checkGlobs("exclude", o.Exclude); err != nil {
		return bad("%v", err)
	}
	if o.Shard.N > 1 && (o.Shard.I < 1 || o.Shard.I > o.Shard.N) {
		return bad("shard %d/%d: want 1 ≤ I ≤ N", o.Shard.I, o.Shard.N)
	}
	if o.Incremental {
		if archiveKind(o.Output) != "" {
			return bad("incremental conversion needs an output directory, not an archive")
		}
		if o.Fingerprint == "" {
			return bad("incremental conversion needs a fingerprint")
		}
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.MaxSize <= 0 {
		o.MaxSize = 256 << 20
	}
	if o.Stem == nil {
		o.Stem = trimExt
	}
	return nil
}

func trimExt(rel string) string { return strings.TrimSuffix(rel, path.Ext(rel)) }

// Where tells where the output with extension ext of the document whose
// relative path is rel goes: "DIR/sub/a.akn.xml", or
// "OUT.zip:sub/a.akn.xml" in an archive.
func (o *Options) Where(rel, ext string) string {
	stem := o.Stem
	if stem == nil {
		stem = trimExt
	}
	name := stem(rel) + ext
	if archiveKind(o.Output) != "" {
		return o.Output + ":" + name
	}
	return filepath.Join(o.Output, filepath.FromSlash(name))
}

// pipeline is the state shared by the stages of one Run.
type pipeline struct {
	opts    *Options
	convert Func
	sink    sink
	man     *manifest
	sum     *Summary
	// seen holds a hash of each output name written, so that two inputs
	// with one output name fail rather than overwrite (a hash, not the
	// name: memory stays small for any number of documents).
	seen map[uint64]struct{}
	seed maphash.Seed
}

func newPipeline(opts *Options, convert Func, snk sink, man *manifest) *pipeline {
	return &pipeline{opts: opts, convert: convert, sink: snk, man: man,
		sum: &Summary{Warnings: map[string]int{}}, seen: map[uint64]struct{}{}, seed: maphash.MakeSeed()}
}

// work converts one document (in a worker): checks its manifest entry,
// converts, names and prepares the outputs.
func (p *pipeline) work(j *job) {
	if j.err != nil {
		return
	}
	j.size = len(j.data)
	t0 := time.Now()
	defer func() { j.millis = float64(time.Since(t0).Microseconds()) / 1000 }()
	if p.man != nil {
		j.sum = hashOf(j.data)
		if p.man.entries != nil {
			if names, ok := p.man.fresh(j.rel, j.sum, p.opts.Fingerprint); ok {
				j.skipped, j.names = true, names
				return
			}
		}
	}
	j.outs, j.warnings, j.err = safely(p.convert, &Doc{Name: j.name, Rel: j.rel, Data: j.data})
	if j.err != nil {
		return
	}
	if len(j.outs) == 0 {
		j.err = errors.New("the conversion gave no output")
		return
	}
	stem := p.opts.Stem(j.rel)
	for _, o := range j.outs {
		name := stem + o.Ext
		if _, err := entryPath(name); err != nil || path.Clean(name) != name {
			j.err = fmt.Errorf("%w: output name %q", ErrUnsafePath, name)
			return
		}
		prep, err := p.sink.prepare(name, o.Data, j.modTime)
		if err != nil {
			j.err = err
			return
		}
		j.names = append(j.names, name)
		j.prepared = append(j.prepared, prep)
	}
	j.data = nil // the input is no longer needed
}

// safely calls convert, turning a panic into the document's error.
func safely(convert Func, d *Doc) (outs []Output, ws []Warning, err error) {
	defer func() {
		if r := recover(); r != nil {
			outs, ws, err = nil, nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	return convert(d)
}

// write puts a document's outputs in place (in input order), records it
// in the manifest, the summary, the report and the progress. Its error is
// fatal to the batch (an output that cannot be written); a document's own
// failure is in j.err.
func (p *pipeline) write(j *job) error {
	rec := &Record{Input: j.name, Bytes: j.size, Warnings: j.warnings, Millis: j.millis}
	if j.err == nil {
		for _, n := range j.names {
			h := maphash.String(p.seed, n)
			if _, dup := p.seen[h]; dup {
				j.err = fmt.Errorf("its output %s is the output of an earlier input too", p.sink.where(n))
				break
			}
		}
	}
	var fatal error
	if j.err == nil && !j.skipped {
		for i, n := range j.names {
			if err := p.sink.put(n, j.prepared[i]); err != nil {
				for _, m := range j.names[:i] {
					p.sink.remove(m)
				}
				j.err = fmt.Errorf("writing %s: %w", p.sink.where(n), err)
				if _, isArchive := p.sink.(*archiveSink); isArchive {
					fatal = j.err // a broken archive cannot go on
				}
				break
			}
			rec.OutBytes += len(j.outs[i].Data)
		}
		if j.err == nil && p.man != nil {
			e := &manifestEntry{Input: j.rel, SHA256: j.sum, Fingerprint: p.opts.Fingerprint}
			for i, n := range j.names {
				e.Outputs = append(e.Outputs, manifestOutput{Name: n, Size: int64(len(j.outs[i].Data))})
			}
			if err := p.man.add(e); err != nil {
				fatal = fmt.Errorf("manifest: %w", err)
			}
		}
	}
	if j.err == nil {
		for _, n := range j.names {
			p.seen[maphash.String(p.seed, n)] = struct{}{}
			rec.Outputs = append(rec.Outputs, p.sink.where(n))
		}
	}
	s := p.sum
	s.Documents++
	switch {
	case j.err != nil:
		rec.Status, rec.Error = Failed, j.err.Error()
		rec.Outputs = nil
		s.Failed++
	case j.skipped:
		rec.Status = Skipped
		s.Skipped++
	default:
		rec.Status = Converted
		s.Converted++
	}
	for _, w := range j.warnings {
		s.Warnings[w.Kind()]++
	}
	s.Bytes += int64(rec.Bytes)
	if p.opts.Report != nil {
		if err := writeJSONLine(p.opts.Report, rec); err != nil && fatal == nil {
			fatal = fmt.Errorf("report: %w", err)
		}
	}
	if p.opts.Progress != nil {
		p.opts.Progress.Done(rec)
	}
	return fatal
}
