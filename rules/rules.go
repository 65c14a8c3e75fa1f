// Package rules loads resconv's rule files: the data that says what a
// language, a UN body and an input layout look like, so that a new quirk or
// language is a change of data, not of code.
//
// A rule file is YAML. Besides a few tables (month names, session
// ordinals, opening phrases), it holds named rules; each rule has a stage,
// a regular expression (Go RE2 syntax, so matching stays linear) and an
// action. The stages look rules up by name or by stage, and every piece of
// text a rule removes or captures is traced to the rule's name.
//
// The built-in files are embedded in the binary; see Builtin.
package rules

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
)

//go:embed lang/*.yaml body/*.yaml layout/*.yaml
var builtin embed.FS

// Actions a rule can take.
const (
	Drop    = "drop"    // the text is noise: remove it (and trace it)
	Capture = "capture" // the text is metadata: capture its named groups
	Match   = "match"   // the text has a role that the stage gives it (a heading, a line kind)
)

// Rule is one named pattern with its action.
type Rule struct {
	Name    string `yaml:"name"`
	Stage   string `yaml:"stage"`
	Action  string `yaml:"action"`
	Pattern string `yaml:"pattern"`
	// After limits the rule to the lines that follow a line matched by
	// the named rule (or by this one), as the title of an agenda item
	// follows the agenda item.
	After string `yaml:"after,omitempty"`
	Doc   string `yaml:"doc,omitempty"`

	// Source is where the rule was defined: "eng.yaml:12".
	Source string `yaml:"-"`
	re     *regexp.Regexp
}

// Regexp returns the compiled pattern.
func (r *Rule) Regexp() *regexp.Regexp { return r.re }

// File is the content of one rule file.
type File struct {
	// Kind is "language", "body" or "layout".
	Kind string `yaml:"kind"`
	// Name is the language code ("eng"), body key ("ga") or layout ("ods").
	Name string `yaml:"name"`
	Doc  string `yaml:"doc,omitempty"`

	// Language files.
	Codes    []string       `yaml:"codes,omitempty"`    // other codes of the language: "en"
	Months   []string       `yaml:"months,omitempty"`   // January..December
	Ordinals map[string]int `yaml:"ordinals,omitempty"` // "seventieth": 70, "seventy-": 70, "fifth": 5
	// Phrases are the opening phrases of paragraphs, by part.
	Phrases struct {
		Preamble  []string `yaml:"preamble,omitempty"`
		Operative []string `yaml:"operative,omitempty"`
	} `yaml:"phrases,omitempty"`

	// Body files.
	Body *BodyInfo `yaml:"body,omitempty"`

	Rules []*Rule `yaml:"rules,omitempty"`
}

// BodyInfo describes a UN body as the AKN writer needs it.
type BodyInfo struct {
	IRI          string            `yaml:"iri"`          // "unga", the FRBR IRI segment
	Ref          string            `yaml:"ref"`          // "ga", the TLC reference
	Href         string            `yaml:"href"`         // "/akn/ontology/organization/un/generalAssembly"
	SessionRef   string            `yaml:"sessionRef"`   // "generalAssembly"
	SymbolPrefix string            `yaml:"symbolPrefix"` // "A/RES/"
	Names        map[string]string `yaml:"names"`        // by language: "eng": "General Assembly"
}

// Set is the merged rules for one conversion: one language, one body, one
// layout, and any user files on top (later rules override earlier ones of
// the same name).
type Set struct {
	Language string
	Body     string
	Layout   string
	BodyInfo BodyInfo

	months   map[string]int
	ordinals map[string]int
	// preamble and operative phrases, longest first, lower-cased.
	preamble, operative []string
	rules               []*Rule
	byName              map[string]*Rule
}

// Builtin lists the embedded rule files by kind: "language" → ["eng"].
func Builtin() map[string][]string {
	out := map[string][]string{}
	for dir, kind := range map[string]string{"lang": "language", "body": "body", "layout": "layout"} {
		ents, _ := fs.ReadDir(builtin, dir)
		for _, e := range ents {
			out[kind] = append(out[kind], strings.TrimSuffix(e.Name(), ".yaml"))
		}
	}
	return out
}

// Parse reads one rule file. name is used in error messages, which have
// the form "name:LINE:COL: message".
func Parse(name string, data []byte) (*File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.Strict())
	if err := dec.Decode(&f); err != nil {
		return nil, yamlError(name, err)
	}
	switch f.Kind {
	case "language", "body", "layout":
	default:
		return nil, fmt.Errorf("%s:1:1: kind must be language, body or layout, not %q", name, f.Kind)
	}
	if f.Name == "" {
		return nil, fmt.Errorf("%s:1:1: name is missing", name)
	}
	if f.Kind == "language" && len(f.Months) != 0 && len(f.Months) != 12 {
		return nil, fmt.Errorf("%s: months: want 12 names, have %d", name, len(f.Months))
	}
	seen := map[string]bool{}
	for i, r := range f.Rules {
		line, col := rulePosition(data, i)
		where := fmt.Sprintf("%s:%d:%d", name, line, col)
		r.Source = fmt.Sprintf("%s:%d", name, line)
		switch {
		case r.Name == "":
			return nil, fmt.Errorf("%s: rule has no name", where)
		case seen[r.Name]:
			return nil, fmt.Errorf("%s: duplicate rule name %q", where, r.Name)
		case r.Action != Drop && r.Action != Capture && r.Action != Match:
			return nil, fmt.Errorf("%s: rule %s: unknown action %q (want drop, capture or match)", where, r.Name, r.Action)
		case r.Stage != "normalise" && r.Stage != "detect":
			return nil, fmt.Errorf("%s: rule %s: unknown stage %q (want normalise or detect)", where, r.Name, r.Stage)
		}
		seen[r.Name] = true
	}
	return &f, nil
}

// rulePosition finds the line and column of the i-th item of the "rules"
// list, for error messages about a rule as a whole.
func rulePosition(data []byte, i int) (int, int) {
	lines := strings.Split(string(data), "\n")
	in := false
	n := -1
	for k, l := range lines {
		if strings.HasPrefix(l, "rules:") {
			in = true
			continue
		}
		if !in {
			continue
		}
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "- ") {
			n++
			if n == i {
				return k + 1, len(l) - len(t) + 1
			}
		}
	}
	return 1, 1
}

var yamlPos = regexp.MustCompile(`^\[(\d+):(\d+)\]\s*(.*)`)

// yamlError rewrites a go-yaml error into the "name:LINE:COL: message" form.
func yamlError(name string, err error) error {
	msg := yaml.FormatError(err, false, false)
	first, _, _ := strings.Cut(msg, "\n")
	if m := yamlPos.FindStringSubmatch(first); m != nil {
		return fmt.Errorf("%s:%s:%s: %s", name, m[1], m[2], m[3])
	}
	return fmt.Errorf("%s: %s", name, first)
}

// Options choose the rule files of a Set.
type Options struct {
	Language string // "eng"
	Body     string // "ga"
	Layout   string // "ods"
	// Extra are user rule files, applied last, by name → content.
	Extra []NamedData
}

// NamedData is the content of a rule file with its name for messages.
type NamedData struct {
	Name string
	Data []byte
}

// ErrUnknown reports a language, body or layout with no rule file.
var ErrUnknown = errors.New("no rule file")

// Load builds the Set for opts from the embedded files and opts.Extra.
func Load(opts Options) (*Set, error) {
	s := &Set{Language: opts.Language, Body: opts.Body, Layout: opts.Layout,
		months: map[string]int{}, ordinals: map[string]int{}, byName: map[string]*Rule{}}
	for _, p := range []struct{ dir, name, kind string }{
		{"layout", opts.Layout, "layout"}, {"body", opts.Body, "body"}, {"lang", opts.Language, "language"},
	} {
		fn := path.Join(p.dir, p.name+".yaml")
		data, err := builtin.ReadFile(fn)
		if err != nil {
			return nil, fmt.Errorf("%w for %s %q (built in: %s)", ErrUnknown, p.kind, p.name, strings.Join(Builtin()[p.kind], ", "))
		}
		f, err := Parse(fn, data)
		if err != nil {
			return nil, err
		}
		s.add(f)
	}
	for _, x := range opts.Extra {
		f, err := Parse(x.Name, x.Data)
		if err != nil {
			return nil, err
		}
		s.add(f)
	}
	for _, r := range s.rules {
		re, err := regexp.Compile(s.expand(r.Pattern))
		if err != nil {
			return nil, fmt.Errorf("%s: rule %s: bad pattern: %v", r.Source, r.Name, err)
		}
		r.re = re
	}
	sortLongestFirst(s.preamble)
	sortLongestFirst(s.operative)
	return s, nil
}

func (s *Set) add(f *File) {
	for i, m := range f.Months {
		s.months[strings.ToLower(m)] = i + 1
	}
	for k, v := range f.Ordinals {
		s.ordinals[strings.ToLower(k)] = v
	}
	for _, p := range f.Phrases.Preamble {
		s.preamble = append(s.preamble, strings.ToLower(p))
	}
	for _, p := range f.Phrases.Operative {
		s.operative = append(s.operative, strings.ToLower(p))
	}
	if f.Body != nil {
		s.BodyInfo = *f.Body
	}
	for _, r := range f.Rules {
		if old, ok := s.byName[r.Name]; ok {
			*old = *r // override in place: keeps the rule's position
			continue
		}
		s.byName[r.Name] = r
		s.rules = append(s.rules, r)
	}
}

func sortLongestFirst(p []string) {
	sort.SliceStable(p, func(i, j int) bool { return len(p[i]) > len(p[j]) })
}

// expand replaces the placeholders of a pattern: {date} matches a date in
// the language's words ("23 December 2015"), {month} a month name.
func (s *Set) expand(p string) string {
	if !strings.Contains(p, "{") {
		return p
	}
	names := make([]string, 0, len(s.months))
	for m := range s.months {
		names = append(names, regexp.QuoteMeta(m))
	}
	sort.Strings(names)
	month := "(?i:" + strings.Join(names, "|") + ")"
	p = strings.ReplaceAll(p, "{month}", month)
	p = strings.ReplaceAll(p, "{date}", `\d{1,2}[ \x{a0}]`+month+`[ \x{a0}]\d{4}`)
	return p
}

// Rule returns the rule of that name, or nil.
func (s *Set) Rule(name string) *Rule { return s.byName[name] }

// Stage returns the rules of a stage in file order.
func (s *Set) Stage(stage string) []*Rule {
	var out []*Rule
	for _, r := range s.rules {
		if r.Stage == stage {
			out = append(out, r)
		}
	}
	return out
}

// Rules returns all rules in order.
func (s *Set) Rules() []*Rule { return s.rules }

// Month returns the number (1-12) of a month name, or 0.
func (s *Set) Month(name string) int { return s.months[strings.ToLower(name)] }

// Date parses a date written in the language ("23 December 2015") into
// ISO form ("2015-12-23"); ok is false if it is not one.
func (s *Set) Date(text string) (iso string, ok bool) {
	f := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\u00a0' })
	if len(f) != 3 {
		return "", false
	}
	var d, y int
	if _, err := fmt.Sscanf(f[0]+" "+f[2], "%d %d", &d, &y); err != nil {
		return "", false
	}
	m := s.Month(f[1])
	if m == 0 || d < 1 || d > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

// Ordinal reads a session ordinal in words ("Seventy-fifth", "Seventieth")
// as a number; ok is false if the words are not known.
func (s *Set) Ordinal(words string) (int, bool) {
	w := strings.ToLower(strings.TrimSpace(words))
	if n, ok := s.ordinals[w]; ok {
		return n, true
	}
	// compound: "seventy-fifth" is "seventy-" + "fifth"
	if i := strings.IndexAny(w, "- "); i > 0 {
		tens, ok1 := s.ordinals[w[:i+1]]
		units, ok2 := s.ordinals[w[i+1:]]
		if ok1 && ok2 {
			return tens + units, true
		}
	}
	return 0, false
}

// Phrase returns the known opening phrase at the start of text for the
// part ("preamble" or "operative"), in the text's own case, or "".
// The phrase must end at a word boundary.
func (s *Set) Phrase(part, text string) string {
	list := s.preamble
	if part == "operative" {
		list = s.operative
	}
	low := strings.ToLower(text)
	for _, p := range list {
		if strings.HasPrefix(low, p) && (len(low) == len(p) || !isWordByte(low[len(p)])) {
			return text[:len(p)]
		}
	}
	return ""
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 || b == '-' || b == '\''
}
