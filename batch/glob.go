package batch

import (
	"fmt"
	"path"
	"strings"
)

// globs is a list of --include or --exclude patterns.
//
// A pattern without "/" is matched against the base name of a path
// ("*.txt"); a pattern with "/" against the whole path relative to the
// directory or archive it was found in ("ods/*.txt"), where "**" stands
// for any number of directories ("**/en/*.txt"). The other syntax is that
// of path.Match: *, ?, [a-z], \ to escape.
type globs []string

// checkGlobs refuses malformed patterns before anything is read.
func checkGlobs(flag string, patterns []string) error {
	for _, p := range patterns {
		if p == "" {
			return fmt.Errorf("%s: empty pattern", flag)
		}
		for seg := range strings.SplitSeq(p, "/") {
			if seg == "**" {
				continue
			}
			if _, err := path.Match(seg, ""); err != nil {
				return fmt.Errorf("%s %q: %v", flag, p, err)
			}
		}
	}
	return nil
}

// match reports whether the slash-separated relative path rel matches
// any of the patterns.
func (g globs) match(rel string) bool {
	for _, p := range g {
		if matchGlob(p, rel) {
			return true
		}
	}
	return false
}

func matchGlob(pattern, rel string) bool {
	if !strings.Contains(pattern, "/") {
		ok, _ := path.Match(pattern, path.Base(rel))
		return ok
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(rel, "/"))
}

// matchSegments matches path segments; "**" matches zero or more of them.
func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}
