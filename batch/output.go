package batch

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"
)

// TempSuffix ends the name of every temporary file batch writes: an
// output is written to ".NAME.RANDOM.resconv-tmp" beside it, then renamed.
// A file with this suffix is never an output; one that is left over was
// being written when its process was killed.
const TempSuffix = ".resconv-tmp"

// tempName is the name of a temporary file for the output base name.
func tempName(base string) string {
	return "." + base + "." + strconv.FormatUint(rand.Uint64(), 36) + TempSuffix
}

// WriteFile writes data to the file name atomically: to a temporary file
// beside it (see TempSuffix), then renamed over name, so that a failure,
// a crash or a kill never leaves a partial file under that name. The
// directory is created if needed; the file gets mode 0644.
func WriteFile(name string, data []byte) error {
	return writeFile(name, data, false)
}

func writeFile(name string, data []byte, sync bool) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return writeIn(osDir(dir), filepath.Base(name), data, sync)
}

// folder is a directory files are created in by name: an os.Root, or an
// osDir.
type folder interface {
	OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error)
	Rename(oldname, newname string) error
	Remove(name string) error
}

// osDir is a directory path as a folder.
type osDir string

func (d osDir) OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(filepath.Join(string(d), name), flag, perm)
}
func (d osDir) Rename(oldname, newname string) error {
	return os.Rename(filepath.Join(string(d), oldname), filepath.Join(string(d), newname))
}
func (d osDir) Remove(name string) error { return os.Remove(filepath.Join(string(d), name)) }

// createTemp creates a temporary file for the file base in d; it returns
// the file and its name.
func createTemp(d folder, base string) (*os.File, string, error) {
	for range 10 {
		tmp := tempName(base)
		f, err := d.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // a name already taken: draw another
		}
		return f, tmp, err
	}
	return nil, "", fmt.Errorf("%s: could not create a temporary file", base)
}

// writeIn writes data to the file base of d atomically: a temporary file,
// then renamed.
func writeIn(d folder, base string, data []byte, sync bool) error {
	f, tmp, err := createTemp(d, base)
	if err != nil {
		return err
	}
	if err := finish(f, data, sync); err != nil {
		d.Remove(tmp)
		return err
	}
	if err := d.Rename(tmp, base); err != nil {
		d.Remove(tmp)
		return err
	}
	return nil
}

// finish writes data to a new temporary file, syncs it if asked, makes
// it 0644 whatever the umask (as outputs always were) and closes it.
func finish(f *os.File, data []byte, sync bool) error {
	_, err := f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	return errors.Join(err, f.Close())
}

// sink is where a batch's outputs go: a directory or an archive.
// prepare runs in the workers (it may compress); put, in input order, in
// one goroutine.
type sink interface {
	prepare(name string, data []byte, mod time.Time) (any, error)
	put(name string, prepared any) error
	remove(name string) // a document's earlier outputs, when a later one failed
	// where is an output's place for messages and the report.
	where(name string) string
	// close finishes the sink: an archive is completed and renamed into
	// place (with what was written, even when the batch was
	// interrupted); abandon removes it instead.
	close() error
	abandon()
}

// dirSink writes each output to its own file under a directory. Paths are
// resolved in an os.Root, so that no output can leave the directory, not
// even through a symbolic link found there. Each subdirectory written to
// is opened as a Root of its own, kept open (a few at a time), so that a
// file is created and renamed there with one system call each rather than
// one per path component.
type dirSink struct {
	dir  string
	root *os.Root
	sync bool
	subs map[string]*os.Root // open subdirectories, by slash path
	lru  []string            // their paths, least recently used first
}

// maxOpenDirs is how many subdirectories a dirSink keeps open.
const maxOpenDirs = 32

func openDir(dir string, sync bool) (*dirSink, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &dirSink{dir: dir, root: root, sync: sync, subs: map[string]*os.Root{}}, nil
}

// sub returns the Root of the subdirectory dir ("." for the top), made
// if needed.
func (s *dirSink) sub(dir string) (*os.Root, error) {
	if dir == "." {
		return s.root, nil
	}
	if r := s.subs[dir]; r != nil {
		if s.lru[len(s.lru)-1] != dir {
			i := slices.Index(s.lru, dir)
			s.lru = append(append(s.lru[:i], s.lru[i+1:]...), dir)
		}
		return r, nil
	}
	if err := s.root.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	r, err := s.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	if len(s.lru) >= maxOpenDirs {
		old := s.lru[0]
		s.subs[old].Close()
		delete(s.subs, old)
		s.lru = s.lru[1:]
	}
	s.subs[dir] = r
	s.lru = append(s.lru, dir)
	return r, nil
}

func (s *dirSink) prepare(_ string, data []byte, _ time.Time) (any, error) { return data, nil }

func (s *dirSink) put(name string, prepared any) error {
	data := prepared.([]byte)
	dir, base := path.Split(name)
	r, err := s.sub(path.Clean(dir))
	if err != nil {
		return err
	}
	return writeIn(r, base, data, s.sync)
}

func (s *dirSink) remove(name string) { s.root.Remove(name) }

func (s *dirSink) where(name string) string { return filepath.Join(s.dir, filepath.FromSlash(name)) }

func (s *dirSink) close() error {
	for _, r := range s.subs {
		r.Close()
	}
	return s.root.Close()
}

func (s *dirSink) abandon() { s.close() }

// archiveSink writes a zip, tar or tar.gz file. Compression happens in
// prepare, in the workers: a zip entry is deflated there; a tar.gz entry
// becomes a gzip member of its own (a gzip file may hold several, and
// every reader of tar.gz joins them), so the writer only appends bytes.
// The archive is written to a temporary file renamed at close.
type archiveSink struct {
	name, kind string
	tmp        string
	f          *os.File
	buf        *bufio.Writer
	zw         *zip.Writer
	sync       bool
}

func openArchive(name, kind string, sync bool) (*archiveSink, error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	s := &archiveSink{name: name, kind: kind, sync: sync}
	f, tmp, err := createTemp(osDir(dir), filepath.Base(name))
	if err != nil {
		return nil, err
	}
	s.f, s.tmp = f, filepath.Join(dir, tmp)
	s.buf = bufio.NewWriterSize(s.f, 256*1024)
	if kind == "zip" {
		s.zw = zip.NewWriter(s.buf)
	}
	return s, nil
}

// zipEntry is a deflated zip entry.
type zipEntry struct {
	hdr  zip.FileHeader
	data []byte
}

var (
	flatePool = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }}
	gzipPool  = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}
)

func (s *archiveSink) prepare(name string, data []byte, mod time.Time) (any, error) {
	switch s.kind {
	case "zip":
		z, err := compress(&flatePool, data)
		if err != nil {
			return nil, err
		}
		e := &zipEntry{hdr: zip.FileHeader{Name: name, Method: zip.Deflate,
			CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(len(z)), UncompressedSize64: uint64(len(data))}, data: z}
		e.hdr.ModifiedDate, e.hdr.ModifiedTime = dosTime(mod)
		e.hdr.SetMode(0o644)
		e.hdr.CreatorVersion |= 20 // CreateRaw leaves the versions to us
		e.hdr.ReaderVersion = 20
		for i := 0; i < len(name); i++ {
			if name[i] >= 0x80 {
				e.hdr.Flags |= 0x800 // the name is UTF-8
				break
			}
		}
		return e, nil
	default:
		var t bytes.Buffer
		t.Grow(len(data) + 1024)
		tw := tar.NewWriter(&t)
		h := &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: int64(len(data))}
		if !mod.IsZero() {
			h.ModTime = mod.UTC().Truncate(time.Second)
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(data); err != nil {
			return nil, err
		}
		if err := tw.Flush(); err != nil { // pads the entry; no end marker
			return nil, err
		}
		if s.kind == "tar" {
			return t.Bytes(), nil
		}
		return gzipMember(t.Bytes())
	}
}

// dosTime is t in the MS-DOS form of zip headers (UTC; 1980-01-01 for
// a zero or earlier time).
func dosTime(t time.Time) (date, tm uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		return 1<<5 | 1, 0
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

// gzipMember compresses data as one gzip member.
func gzipMember(data []byte) ([]byte, error) { return compress(&gzipPool, data) }

// compressor is what flate.Writer and gzip.Writer have in common.
type compressor interface {
	io.WriteCloser
	Reset(io.Writer)
}

// compress compresses data with a writer of the pool (of flate or gzip
// writers).
func compress(pool *sync.Pool, data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/4 + 64)
	w := pool.Get().(compressor)
	defer pool.Put(w)
	w.Reset(&b)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (s *archiveSink) put(_ string, prepared any) error {
	if e, ok := prepared.(*zipEntry); ok {
		w, err := s.zw.CreateRaw(&e.hdr)
		if err != nil {
			return err
		}
		_, err = w.Write(e.data)
		return err
	}
	_, err := s.buf.Write(prepared.([]byte))
	return err
}

// remove cannot take an entry back out of a stream; a document's outputs
// are all prepared before the first is put, so only a write error (which
// fails the whole archive) can leave one behind.
func (s *archiveSink) remove(string) {}

func (s *archiveSink) where(name string) string { return s.name + ":" + name }

func (s *archiveSink) close() error {
	var err error
	switch s.kind {
	case "zip":
		err = s.zw.Close()
	case "tar":
		_, err = s.buf.Write(make([]byte, 1024)) // the end of the archive: two zero blocks
	case "tar.gz":
		var end []byte
		if end, err = gzipMember(make([]byte, 1024)); err == nil {
			_, err = s.buf.Write(end)
		}
	}
	if err == nil {
		err = s.buf.Flush()
	}
	if err == nil && s.sync {
		err = s.f.Sync()
	}
	if err == nil {
		err = s.f.Chmod(0o644)
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(s.tmp, s.name)
	}
	if err != nil {
		os.Remove(s.tmp)
	}
	return err
}

func (s *archiveSink) abandon() {
	s.f.Close()
	os.Remove(s.tmp)
}
