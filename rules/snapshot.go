package rules

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"sync"
)

// snapshotJSON is the built-in rule files already parsed, as JSON:
// decoding it takes a tenth of the time parsing the YAML takes, which was
// most of the start-up of a one-file conversion. It is only a cache:
// built for the files whose hash it records, and ignored for any other
// (the YAML is then parsed). go test ./rules -update writes it again;
// the rules tests fail while it is stale.
//
//go:embed snapshot.json
var snapshotJSON []byte

// snapshot is the content of snapshotJSON.
type snapshot struct {
	Hash  string           `json:"hash"`  // of the built-in files it was made from
	Files map[string]*File `json:"files"` // by path: "lang/eng.yaml"
}

// builtinHash identifies the built-in rule files' content.
func builtinHash() string {
	h := sha256.New()
	for _, n := range builtinNames() {
		data, _ := builtin.ReadFile(n)
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// builtinNames lists the built-in files, sorted.
func builtinNames() []string {
	var names []string
	fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	return names
}

// snapshotFiles returns the parsed built-in files of the snapshot, or nil
// if it is stale or unreadable. The Files are shared: not to be changed.
var snapshotFiles = sync.OnceValue(func() map[string]*File {
	var s snapshot
	if err := json.Unmarshal(snapshotJSON, &s); err != nil || s.Hash != builtinHash() {
		return nil
	}
	return s.Files
})

// makeSnapshot parses the built-in files and returns the snapshot JSON.
func makeSnapshot() ([]byte, error) {
	s := snapshot{Hash: builtinHash(), Files: map[string]*File{}}
	for _, n := range builtinNames() {
		data, _ := builtin.ReadFile(n)
		f, err := parse("rules/"+n, data, false)
		if err != nil {
			return nil, err
		}
		s.Files[n] = f
	}
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
