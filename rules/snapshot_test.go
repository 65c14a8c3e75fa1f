package rules

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

// TestSnapshot: the snapshot of the built-in files is up to date (go test
// ./rules -update writes it again) and gives the files parsing the YAML
// gives.
func TestSnapshot(t *testing.T) {
	want, err := makeSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile("snapshot.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(snapshotJSON, want) {
		t.Fatal("rules/snapshot.json is stale: run go test ./rules -update")
	}
	snap := snapshotFiles()
	if snap == nil {
		t.Fatal("the snapshot is not used")
	}
	for _, n := range builtinNames() {
		data, _ := builtin.ReadFile(n)
		f, err := parse("rules/"+n, data, false)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(snap[n], f) {
			t.Errorf("%s: the snapshot differs from the YAML", n)
		}
	}
}
