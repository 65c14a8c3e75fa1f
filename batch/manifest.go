package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"time"
)

// ManifestPrefix begins the names of the manifests that --incremental
// keeps in an output directory: ".resconv-manifest.jsonl", or
// ".resconv-manifest.I-of-N.jsonl" for a shard, so that shards running
// at once into one directory never write the same file.
const ManifestPrefix = ".resconv-manifest"

// manifestEntry records how a document's outputs were made: from which
// input bytes, with which program and rules (the fingerprint), and what
// they were.
type manifestEntry struct {
	Input       string           `json:"input"` // the input's relative path (its key)
	SHA256      string           `json:"sha256"`
	Fingerprint string           `json:"fingerprint"`
	Outputs     []manifestOutput `json:"outputs"`
	Time        int64            `json:"time"` // Unix nanoseconds: the latest entry of a key wins

	own bool // from this run or this run's manifest file
}

type manifestOutput struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
}

// manifest is the record of an output directory. Each converted document
// appends a line to the run's own file as soon as its outputs are in
// place, so that a killed run loses nothing it finished; a partial last
// line is ignored on reading. An incremental run reads every manifest of
// the directory and, at its end, rewrites its own file without the lines
// that later ones replaced.
type manifest struct {
	sink    *dirSink
	file    string
	entries map[string]*manifestEntry // nil unless loaded (--incremental); read by the workers
	added   map[string]*manifestEntry // this run's entries, when loaded
	f       *os.File
	buf     []byte
}

// manifestName is the file name of a run's own manifest.
func manifestName(shard Shard) string {
	if shard.N > 1 {
		return fmt.Sprintf("%s.%d-of-%d.jsonl", ManifestPrefix, shard.I, shard.N)
	}
	return ManifestPrefix + ".jsonl"
}

// hasManifest tells whether the directory has the run's manifest
// already: a run that is not incremental keeps it up to date.
func hasManifest(s *dirSink, shard Shard) bool {
	_, err := s.root.Lstat(manifestName(shard))
	return err == nil
}

// openManifest opens the manifest of an output directory; load reads
// the existing ones (needed to skip, and to compact).
func openManifest(s *dirSink, shard Shard, load bool) (*manifest, error) {
	m := &manifest{sink: s, file: manifestName(shard)}
	if load {
		m.entries = map[string]*manifestEntry{}
		m.added = map[string]*manifestEntry{}
		ents, err := fs.ReadDir(s.root.FS(), ".")
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			n := e.Name()
			if strings.HasPrefix(n, ManifestPrefix) && strings.HasSuffix(n, ".jsonl") && e.Type().IsRegular() {
				if err := m.read(n, n == m.file); err != nil {
					return nil, err
				}
			}
		}
	}
	f, err := s.root.OpenFile(m.file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	m.f = f
	return m, nil
}

// read loads one manifest file; malformed lines (a run killed while
// writing one) are skipped.
func (m *manifest) read(name string, own bool) error {
	f, err := m.sink.root.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		var e manifestEntry
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Input == "" {
			continue
		}
		if old := m.entries[e.Input]; old != nil && old.Time > e.Time {
			continue
		}
		e.own = own
		m.entries[e.Input] = &e
	}
	return sc.Err()
}

// hashOf is the content hash a manifest records.
func hashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// fresh reports whether the outputs recorded for rel were made from the
// same bytes with the same fingerprint and are still there, whole; it
// returns them.
func (m *manifest) fresh(rel, sum, fingerprint string) ([]string, bool) {
	e := m.entries[rel]
	if e == nil || e.SHA256 != sum || e.Fingerprint != fingerprint || len(e.Outputs) == 0 {
		return nil, false
	}
	names := make([]string, len(e.Outputs))
	for i, o := range e.Outputs {
		st, err := m.sink.root.Lstat(o.Name)
		if err != nil || !st.Mode().IsRegular() || st.Size() != o.Size {
			return nil, false
		}
		names[i] = o.Name
	}
	return names, true
}

// add records a document's new outputs: one line, in one write.
func (m *manifest) add(e *manifestEntry) error {
	e.Time = time.Now().UnixNano()
	e.own = true
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	m.buf = append(append(m.buf[:0], line...), '\n')
	_, err = m.f.Write(m.buf)
	if m.added != nil {
		m.added[e.Input] = e
	}
	return err
}

// close compacts the run's own file when the manifest was loaded.
func (m *manifest) close() error {
	err := m.f.Close()
	if m.entries == nil || err != nil {
		return err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	maps.Copy(m.entries, m.added)
	for _, e := range sortedEntries(m.entries) {
		if e.own {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
	}
	if err := m.sink.put(m.file, b.Bytes()); err != nil {
		return errors.Join(errors.New("rewriting the manifest"), err)
	}
	return nil
}

// sortedEntries lists the entries by input, for a stable file.
func sortedEntries(m map[string]*manifestEntry) []*manifestEntry {
	keys := slices.Sorted(maps.Keys(m))
	out := make([]*manifestEntry, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
