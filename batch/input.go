package batch

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Stdin is the input name that reads one document from Options.Stdin.
const Stdin = "-"

// DefaultInclude is the include pattern of directory walks and archives
// when Options.Include is empty.
const DefaultInclude = "*.txt"

// ErrUnsafePath reports an archive entry whose path or link would leave
// the output directory: an absolute path, a ".." component, or a link to
// outside.
var ErrUnsafePath = errors.New("unsafe path")

// ErrTooLarge reports a document over Options.MaxSize.
var ErrTooLarge = errors.New("document too large")

// entry is one document of the input list, or an error at its place.
type entry struct {
	pos     int       // place in the whole input list, from 0
	name    string    // for messages: "dir/a.txt", "in.zip:sub/a.txt", "<stdin>"
	rel     string    // slash path its outputs mirror: "sub/a.txt"
	modTime time.Time // for archive outputs; zero if unknown
	data    []byte    // the content, when read
	err     error     // why it could not be read
}

// lister enumerates the documents of a batch, in a deterministic order:
// the inputs in the order given, then the lines of files-from; a
// directory's files in lexical order; an archive's entries in their
// stored order.
type lister struct {
	inputs           []string // named on the command line
	listed           []string // lines of a files-from list
	stdin            io.Reader
	include, exclude globs
	maxSize          int64
}

// walk calls fn for every document whose position want accepts, in order.
// With read set, entries carry their content; otherwise only their names
// (a cheap count). fn's error stops the walk and is returned.
func (l *lister) walk(ctx context.Context, read bool, want func(pos int) bool, fn func(e *entry) error) error {
	w := &walker{lister: l, ctx: ctx, read: read, want: want, fn: fn}
	for _, in := range l.inputs {
		if err := w.named(in, path.Base(filepath.ToSlash(in)), true); err != nil {
			return err
		}
	}
	for _, in := range l.listed {
		rel := path.Base(filepath.ToSlash(in))
		if filepath.IsLocal(in) {
			rel = filepath.ToSlash(filepath.Clean(in))
		}
		if err := w.named(in, rel, false); err != nil {
			return err
		}
	}
	return nil
}

// walker is the state of one walk.
type walker struct {
	*lister
	ctx  context.Context
	read bool
	want func(int) bool
	fn   func(*entry) error
	pos  int
}

// next numbers an entry and reports whether it is wanted.
func (w *walker) next() (int, bool) {
	p := w.pos
	w.pos++
	return p, w.want == nil || w.want(p)
}

// emit numbers a document and hands it to fn if wanted; fill reads it.
func (w *walker) emit(name, rel string, mod time.Time, fill func(e *entry)) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	p, ok := w.next()
	if !ok {
		return nil
	}
	e := &entry{pos: p, name: name, rel: rel, modTime: mod}
	if w.read && fill != nil {
		fill(e)
	}
	return w.fn(e)
}

// fail emits an error at the next position (an unreadable input).
func (w *walker) fail(name string, err error) error {
	return w.emit(name, "", time.Time{}, func(e *entry) { e.err = err })
}

// failNow emits an error whether or not the walk reads content.
func (w *walker) failNow(name string, err error) error {
	if e := w.ctx.Err(); e != nil {
		return e
	}
	p, ok := w.next()
	if !ok {
		return nil
	}
	return w.fn(&entry{pos: p, name: name, err: err})
}

// archiveKind is the kind of archive a name has ("zip", "tar" or
// "tar.gz", for .tgz too), or "": of an input, or of -o.
func archiveKind(name string) string {
	low := strings.ToLower(name)
	switch {
	case strings.HasSuffix(low, ".zip"):
		return "zip"
	case strings.HasSuffix(low, ".tar.gz"), strings.HasSuffix(low, ".tgz"):
		return "tar.gz"
	case strings.HasSuffix(low, ".tar"):
		return "tar"
	}
	return ""
}

// named enumerates one input given by name: a file (mirrored by rel), a
// directory, an archive, or stdin ("-" on the command line).
func (w *walker) named(in, rel string, arg bool) error {
	if in == Stdin && arg {
		return w.emit("<stdin>", "stdin", time.Time{}, func(e *entry) {
			if w.stdin == nil {
				e.err = errors.New("no standard input")
				return
			}
			e.data, e.err = readLimited(w.stdin, w.maxSize)
		})
	}
	st, err := os.Stat(in)
	if err != nil {
		return w.failNow(in, err)
	}
	switch {
	case st.IsDir():
		return w.dir(in)
	case archiveKind(in) != "":
		return w.archive(in, archiveKind(in))
	}
	return w.file(in, rel, st)
}

// file emits one file.
func (w *walker) file(name, rel string, st fs.FileInfo) error {
	return w.emit(name, rel, st.ModTime(), func(e *entry) {
		e.data, e.err = readFile(name, w.maxSize)
	})
}

// FilesFrom reads a list of inputs, one a line (empty lines are skipped;
// a trailing CR is removed). Each line is then an input as if given on
// the command line, except that a file is mirrored by its path as
// written (when it is a relative path inside the current directory)
// rather than by its base name.
func FilesFrom(r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var out []string
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		out = append(out, line)
	}
	return out, sc.Err()
}

// dir walks a directory: its files (those the filters keep) in lexical
// order; excluded directories are not entered.
func (w *walker) dir(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if cerr := w.ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if p == root {
				return w.failNow(p, err)
			}
			if d != nil && d.IsDir() {
				if ferr := w.failNow(p, err); ferr != nil {
					return ferr
				}
				return fs.SkipDir
			}
			return w.failNow(p, err)
		}
		if p == root {
			return nil
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return w.failNow(p, rerr)
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if len(w.exclude) > 0 && w.exclude.match(rel) {
				return fs.SkipDir
			}
			return nil
		}
		if !w.keep(rel) {
			return nil
		}
		st, err := d.Info()
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			st, err = os.Stat(p) // a link to a file is read as the file
			if err == nil && !st.Mode().IsRegular() {
				return nil
			}
		}
		if err != nil {
			return w.failNow(p, err)
		}
		if !st.Mode().IsRegular() {
			return nil
		}
		return w.file(p, rel, st)
	})
}

// keep applies the include and exclude patterns to a path found in a
// directory or an archive.
func (w *walker) keep(rel string) bool {
	inc := w.include
	if len(inc) == 0 {
		inc = globs{DefaultInclude}
	}
	return inc.match(rel) && !w.exclude.match(rel)
}

// entryPath checks an archive entry's name and returns it as a clean
// local slash path. Backslashes count as separators, so that
// "..\x" is refused too.
func entryPath(name string) (string, error) {
	n := strings.ReplaceAll(name, `\`, "/")
	if n == "" || strings.HasPrefix(n, "/") || hasVolume(n) {
		return "", fmt.Errorf("%w: %q is absolute", ErrUnsafePath, name)
	}
	for seg := range strings.SplitSeq(n, "/") {
		if seg == ".." {
			return "", fmt.Errorf("%w: %q goes up with ..", ErrUnsafePath, name)
		}
	}
	clean := path.Clean(n)
	if clean == "." || !filepath.IsLocal(filepath.FromSlash(clean)) {
		return "", fmt.Errorf("%w: %q", ErrUnsafePath, name)
	}
	return clean, nil
}

// hasVolume recognises a Windows drive letter, "C:".
func hasVolume(n string) bool {
	return len(n) >= 2 && n[1] == ':' && ('a' <= n[0]|0x20 && n[0]|0x20 <= 'z')
}

// linkCheck refuses a link entry whose target leaves the directory tree
// of the archive; a link that stays inside is not a document and is
// skipped (nil error, skip true).
func linkCheck(name, target string) (skip bool, err error) {
	t := strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(t, "/") || hasVolume(t) {
		return false, fmt.Errorf("%w: link %q points to the absolute path %q", ErrUnsafePath, name, target)
	}
	dir := path.Dir(strings.ReplaceAll(name, `\`, "/"))
	if !filepath.IsLocal(filepath.FromSlash(path.Join(dir, t))) {
		return false, fmt.Errorf("%w: link %q points outside with %q", ErrUnsafePath, name, target)
	}
	return true, nil
}

// archive streams the entries of a zip, tar or tar.gz file; nothing is
// unpacked to disk.
func (w *walker) archive(name, kind string) error {
	if kind == "zip" {
		return w.zip(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return w.failNow(name, err)
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 256*1024)
	if kind == "tar.gz" {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return w.failNow(name, fmt.Errorf("not a gzip file: %w", err))
		}
		defer gz.Close()
		r = gz
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return w.failNow(name, fmt.Errorf("reading the archive: %w", err))
		}
		display := name + ":" + h.Name
		switch h.Typeflag {
		case tar.TypeReg, tar.TypeRegA: //nolint:staticcheck // old tar files
		case tar.TypeSymlink, tar.TypeLink:
			if skip, err := linkCheck(h.Name, h.Linkname); !skip {
				if ferr := w.failNow(display, err); ferr != nil {
					return ferr
				}
			}
			continue
		default:
			continue // directories, devices, ...
		}
		if err := w.member(display, h.Name, h.ModTime, func(e *entry) {
			if h.Size > w.maxSize {
				e.err = fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, h.Size, w.maxSize)
				return
			}
			e.data, e.err = readLimited(tr, w.maxSize)
		}); err != nil {
			return err
		}
	}
}

// member emits the archive entry name (display for messages) if the
// filters keep it, or fails it if its path is not safe.
func (w *walker) member(display, name string, mod time.Time, fill func(e *entry)) error {
	rel, err := entryPath(name)
	if err != nil {
		return w.failNow(display, err)
	}
	if !w.keep(rel) {
		return nil
	}
	return w.emit(display, rel, mod, fill)
}

// zip reads the entries of a zip file in their stored order.
func (w *walker) zip(name string) error {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return w.failNow(name, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		display := name + ":" + f.Name
		mode := f.Mode()
		switch {
		case mode.IsDir():
			continue
		case mode&fs.ModeSymlink != 0:
			target, err := readZipFile(f, 4096)
			if err == nil {
				var skip bool
				if skip, err = linkCheck(f.Name, string(target)); skip {
					continue
				}
			}
			if ferr := w.failNow(display, err); ferr != nil {
				return ferr
			}
			continue
		case !mode.IsRegular():
			continue
		}
		if err := w.member(display, f.Name, f.Modified, func(e *entry) {
			e.data, e.err = readZipFile(f, w.maxSize)
		}); err != nil {
			return err
		}
	}
	return nil
}

func readZipFile(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readLimited(rc, limit)
}

// readFile reads a file of at most limit bytes.
func readFile(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, st.Size(), limit)
	}
	buf := make([]byte, 0, st.Size()+1) // +1: no second read to see EOF
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
			}
			buf = append(buf, 0)[:len(buf)] // the file grew: make room
		}
	}
}

// readLimited reads r to its end, refusing more than limit bytes (a zip
// bomb, a runaway stdin).
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}
