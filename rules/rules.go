// Package rules loads resconv's rule files: the data that says what a
// language, a UN body and an input layout look like, so that a new quirk or
// language is a change of data, not of code.
//
// A rule file is YAML (see docs/rules.md). There are four kinds:
//
//   - detect: the rules that find the structure of a normalised body, the
//     same for every layout (rules/detect.yaml);
//   - layout: the rules that take a layout apart (rules/layout/ods.yaml);
//   - body: what the AKN writer needs to know of a UN body (rules/body/);
//   - language: the vocabulary of a language: month names, session
//     ordinals, opening phrases, and the named patterns ("patterns:") that
//     rules use as placeholders, such as {date}, {formula} or {meeting}
//     (rules/lang/).
//
// A rule has a name, a stage, a regular expression (Go RE2 syntax, so
// matching stays linear in the text) and an action. Every piece of text a
// rule removes or captures is traced to the rule's name. The built-in
// files are embedded in the binary; user files given to Load override
// built-in rules and patterns of the same name.
package rules

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/cases"
)

//go:embed detect.yaml lang/*.yaml body/*.yaml layout/*.yaml
var builtin embed.FS

// Actions a rule can take.
const (
	Drop    = "drop"    // the text is noise: remove it (and trace it)
	Capture = "capture" // the text is metadata: capture its named groups
	Match   = "match"   // the text has the role the stage gives the rule
)

// Stages a rule can belong to.
const (
	Normalise = "normalise"
	Detect    = "detect"
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

	// Source is where the rule was defined: "rules/detect.yaml:12".
	Source string `yaml:"-"`
	// Off says why the rule is off for this language and body: it uses a
	// placeholder they do not define (the Security Council's {resolution}
	// line, for the General Assembly). Rule and Stage skip such rules.
	Off string `yaml:"-"`
	re  *Regexp
	// lazy compiles the pattern when it is first needed, in a set of
	// built-in files only: a document uses a few of a set's rules, and
	// detecting the language loads a set per language.
	lazy *lazyRegexp
}

// Regexp returns the compiled pattern.
func (r *Rule) Regexp() *Regexp {
	if r.re == nil && r.lazy != nil {
		return r.lazy.get()
	}
	return r.re
}

// lazyRegexp is a pattern compiled the first time it is needed.
type lazyRegexp struct {
	once sync.Once
	expr string // expanded
	what string // for the message of an error that cannot happen
	l    *Loader
	re   *Regexp
}

func (z *lazyRegexp) get() *Regexp {
	z.once.Do(func() {
		re, err := z.l.compiled(z.expr)
		if err != nil {
			// the built-in patterns compile in every combination (see
			// the rules tests): only a broken build gets here
			panic(fmt.Sprintf("%s: bad pattern: %v", z.what, err))
		}
		z.re = re
	})
	return z.re
}

// File is the content of one rule file.
type File struct {
	Kind string `yaml:"kind"` // "detect", "layout", "body" or "language"
	Name string `yaml:"name"` // "detect", "ods", "ga", "eng"
	Doc  string `yaml:"doc,omitempty"`

	// Language files.
	Codes []string `yaml:"codes,omitempty"` // other codes of the language: "en"
	// Months maps month names (every form the language uses) to 1-12.
	Months map[string]int `yaml:"months,omitempty"`
	// Ordinals maps the words of session ordinals to numbers; a compound
	// ordinal is the sum of its words: "seventy-" + "fifth".
	Ordinals map[string]int `yaml:"ordinals,omitempty"`
	// Phrases are the opening phrases of paragraphs, by part: "preamble"
	// and "operative"; "sc.preamble" is a body's own list, used instead of
	// "preamble" for that body.
	Phrases map[string][]string `yaml:"phrases,omitempty"`
	// Spaced says whether words are separated by spaces (false for
	// Chinese): an opening phrase must then end at a word boundary.
	Spaced *bool `yaml:"spaced,omitempty"`
	// Committees maps committee names to their TLC identifiers.
	Committees map[string]string `yaml:"committees,omitempty"`
	// Patterns are named regular expressions that rules use as
	// placeholders: {date} stands for Patterns["date"]. A name
	// "ga.formula" is used for {formula} when the body is ga.
	Patterns map[string]string `yaml:"patterns,omitempty"`

	// Body files.
	Body *BodyInfo `yaml:"body,omitempty"`

	Rules []*Rule `yaml:"rules,omitempty"`
}

// BodyInfo describes a UN body as the AKN writer needs it.
type BodyInfo struct {
	IRI          string `yaml:"iri"`          // "unga", the FRBR IRI segment
	Ref          string `yaml:"ref"`          // "ga", the TLC reference
	Href         string `yaml:"href"`         // "/akn/ontology/organization/un/generalAssembly"
	SessionRef   string `yaml:"sessionRef"`   // "generalAssembly"
	SymbolPrefix string `yaml:"symbolPrefix"` // "A/RES/"
	// Adoption is where the adoption meeting and date are written:
	// "conclusions" (General Assembly) or "coverPage" (Security Council,
	// in the adoption line).
	Adoption string `yaml:"adoption"`
	// FlatPoints keeps roman sub-items "(i)" beside the letter items
	// "(a)" instead of inside them, as the Security Council's files do.
	FlatPoints bool `yaml:"flatPoints"`
	// PreambleHeading is how a heading inside the preamble is written:
	// "" (a container without a name, as the General Assembly's files
	// have it) or "block" (a block named "subheading", as the Security
	// Council's files have it).
	PreambleHeading string `yaml:"preambleHeading,omitempty"`
	// Kinds are the documents other than resolutions that the body
	// issues under a symbol of their own: the Security Council's
	// presidential statements "S/PRST/2021/6".
	Kinds []DocKind `yaml:"kinds,omitempty"`
	// PartLetters is how the IRIs name a resolution in parts: "" (by its
	// symbol: "75/101 A-B" is 75-101A-B, and a part adopted on its own,
	// "75/245 B", is 75-245) or "parts" (the letters name the parts
	// only: "80/84 A-B" is 80-84, its part A 80-84A, and "78/183 B" is
	// 78-183B).
	PartLetters string `yaml:"partLetters,omitempty"`
	// AnnexLabel is how an annex's label ("Annex I") is written: ""
	// (its first paragraph) or "heading".
	AnnexLabel string `yaml:"annexLabel,omitempty"`
	// Eras change the fields above from a date on: the UN's files
	// changed some conventions over the years (docs/gold.md). Every era
	// that began by the document's date of adoption applies, in order.
	Eras []Era `yaml:"eras,omitempty"`
}

// Era is a body's conventions from a date on; the fields it leaves out
// stay as the body has them.
type Era struct {
	// From is the first day of the era, YYYY-MM-DD: a document adopted
	// on that day or later follows it.
	From        string  `yaml:"from"`
	FlatPoints  *bool   `yaml:"flatPoints,omitempty"`
	PartLetters *string `yaml:"partLetters,omitempty"`
	AnnexLabel  *string `yaml:"annexLabel,omitempty"`
}

// At returns the body's conventions for a document adopted on date
// (YYYY-MM-DD; "" when the document gives none: the body's own fields).
// The date, not the session, tells the era: the emergency special
// sessions have numbers of their own.
func (b BodyInfo) At(date string) BodyInfo {
	out := b
	for _, e := range b.Eras {
		if date == "" || date < e.From {
			continue
		}
		if e.FlatPoints != nil {
			out.FlatPoints = *e.FlatPoints
		}
		if e.PartLetters != nil {
			out.PartLetters = *e.PartLetters
		}
		if e.AnnexLabel != nil {
			out.AnnexLabel = *e.AnnexLabel
		}
	}
	return out
}

// DocKind is a kind of document a body issues besides its resolutions.
type DocKind struct {
	// Name is the AKN name of the statement: "presidentialStatement".
	Name string `yaml:"name"`
	// SymbolPrefix begins the symbols of the kind: "S/PRST/". What
	// follows it names the document in its IRIs ("2021/6" gives "2021-6").
	SymbolPrefix string `yaml:"symbolPrefix"`
}

// KindOf returns the kind of document whose symbol prefix begins symbol,
// or nil for a resolution (or no symbol).
func (b *BodyInfo) KindOf(symbol string) *DocKind {
	for i := range b.Kinds {
		if k := &b.Kinds[i]; k.SymbolPrefix != "" && strings.HasPrefix(symbol, k.SymbolPrefix) {
			return k
		}
	}
	return nil
}

// KindNamed returns the kind of document called name, or nil.
func (b *BodyInfo) KindNamed(name string) *DocKind {
	for i := range b.Kinds {
		if b.Kinds[i].Name == name {
			return &b.Kinds[i]
		}
	}
	return nil
}

// Set is the merged rules for one conversion: one language, one body, one
// layout, and any user files on top.
type Set struct {
	Language string
	Body     string
	Layout   string
	BodyInfo BodyInfo
	// Codes are the other codes of the language ("en").
	Codes []string

	months map[string]int
	// monthWords are the first words of the month names, folded
	monthWords map[string]bool
	ordinals   []ordinal // longest first
	preamble   []string  // opening phrases, longest first
	operative  []string
	// phraseTries hold the phrases of each part, rune by rune: Phrase
	// reads the text once instead of comparing it with every phrase.
	phraseTries map[string]*phraseTrie
	ownPhrases  map[string]bool // parts whose phrases are the body's own
	spaced      bool
	committees  map[string]string
	patterns    map[string]string
	date        *lazyRegexp
	fold        cases.Caser
	loader      *Loader // compiles the set's patterns once for all its sets
	rules       []*Rule
	byName      map[string]*Rule
}

type ordinal struct {
	word  string
	value int
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

// BuiltinFile returns the content of an embedded rule file by its path
// ("detect.yaml", "lang/eng.yaml").
func BuiltinFile(name string) ([]byte, error) { return builtin.ReadFile(name) }

// Parse reads one rule file and checks it: known keys, a known kind, named
// rules with known stages and actions and no name twice, and patterns
// that compile (placeholders aside). Errors have the form
// "name:LINE:COL: message".
func Parse(name string, data []byte) (*File, error) { return parse(name, data, true) }

// parse is Parse; checkPatterns compiles the patterns, which the built-in
// files do not need each time they are loaded (their tests compile every
// pattern of every combination).
func parse(name string, data []byte, checkPatterns bool) (*File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.Strict())
	if err := dec.Decode(&f); err != nil {
		return nil, yamlError(name, err)
	}
	switch f.Kind {
	case "detect", "language", "body", "layout":
	default:
		line, col := keyPosition(data, "kind")
		return nil, fmt.Errorf("%s:%d:%d: kind must be detect, language, body or layout, not %q", name, line, col, f.Kind)
	}
	if f.Name == "" {
		return nil, fmt.Errorf("%s:1:1: name is missing", name)
	}
	for k, p := range f.Patterns {
		if !checkPatterns {
			continue
		}
		if _, err := regexp.Compile(replacePlaceholders(p, func(string) string { return "x" })); err != nil {
			line, col := keyPosition(data, k)
			return nil, fmt.Errorf("%s:%d:%d: pattern %s: %v", name, line, col, k, err)
		}
	}
	seen := map[string]bool{}
	positions := rulePositions(data)
	for i, r := range f.Rules {
		line, col := 1, 1
		if i < len(positions) {
			line, col = positions[i][0], positions[i][1]
		}
		where := fmt.Sprintf("%s:%d:%d", name, line, col)
		r.Source = fmt.Sprintf("%s:%d", name, line)
		switch {
		case r.Name == "":
			return nil, fmt.Errorf("%s: rule has no name", where)
		case seen[r.Name]:
			return nil, fmt.Errorf("%s: duplicate rule name %q", where, r.Name)
		case r.Action != Drop && r.Action != Capture && r.Action != Match:
			return nil, fmt.Errorf("%s: rule %s: unknown action %q (want drop, capture or match)", where, r.Name, r.Action)
		case r.Stage != Normalise && r.Stage != Detect:
			return nil, fmt.Errorf("%s: rule %s: unknown stage %q (want normalise or detect)", where, r.Name, r.Stage)
		case r.Pattern == "":
			return nil, fmt.Errorf("%s: rule %s: pattern is missing", where, r.Name)
		}
		if !checkPatterns {
			seen[r.Name] = true
			continue
		}
		if _, err := regexp.Compile(replacePlaceholders(r.Pattern, func(string) string { return "x" })); err != nil {
			pl, pc := fieldPosition(data, line, "pattern")
			return nil, fmt.Errorf("%s:%d:%d: rule %s: bad pattern: %v", name, pl, pc, r.Name, err)
		}
		seen[r.Name] = true
	}
	return &f, nil
}

// placeholder matches {name} in a pattern; RE2 repetitions such as {1,3}
// start with a digit and are left alone, as are \p{Ll} and \x{a0}.
var placeholder = regexp.MustCompile(`\{([a-zA-Z][a-zA-Z0-9.]*)\}`)

// replacePlaceholders calls f for each placeholder of p and puts its result
// in its place.
func replacePlaceholders(p string, f func(name string) string) string {
	var b strings.Builder
	last := 0
	for _, loc := range placeholder.FindAllStringSubmatchIndex(p, -1) {
		if loc[0] >= 2 && p[loc[0]-2] == '\\' && strings.IndexByte("pPx", p[loc[0]-1]) >= 0 {
			continue // \p{Ll}, \x{a0}
		}
		b.WriteString(p[last:loc[0]])
		b.WriteString(f(p[loc[2]:loc[3]]))
		last = loc[1]
	}
	b.WriteString(p[last:])
	return b.String()
}

// rulePositions finds the line and column of each item of the "rules"
// list, for error messages about a rule as a whole (in one pass: a file
// of many rules was read once per rule).
func rulePositions(data []byte) [][2]int {
	var out [][2]int
	in := false
	for k, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "rules:") {
			in = true
			continue
		}
		if !in {
			continue
		}
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "- ") {
			out = append(out, [2]int{k + 1, len(l) - len(t) + 1})
		}
	}
	return out
}

// fieldPosition finds "key:" on or after line (1-based), the position of
// a rule's field.
func fieldPosition(data []byte, line int, key string) (int, int) {
	lines := strings.Split(string(data), "\n")
	for k := line - 1; k < len(lines); k++ {
		t := strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(lines[k], " "), "- "), " ")
		if strings.HasPrefix(t, key+":") {
			return k + 1, len(lines[k]) - len(t) + 1
		}
	}
	return line, 1
}

// keyPosition finds the first line with "key:" (quoted or not).
func keyPosition(data []byte, key string) (int, int) {
	for k, l := range strings.Split(string(data), "\n") {
		t := strings.TrimLeft(l, " ")
		for _, form := range []string{key + ":", `"` + key + `":`, "'" + key + "':"} {
			if strings.HasPrefix(t, form) {
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
	// Extra are user rule files, applied last.
	Extra []NamedData
}

// NamedData is the content of a rule file with its name for messages.
type NamedData struct {
	Name string
	Data []byte
}

// ErrUnknown reports a language, body or layout with no rule file.
var ErrUnknown = errors.New("no rule file")

// Canonical returns the rule-file name of a language code: "en" and "eng"
// give "eng". Unknown codes are returned as they are.
func Canonical(lang string) string {
	low := strings.ToLower(lang)
	for _, name := range Builtin()["language"] {
		if name == low {
			return name
		}
		if slices.Contains(languageCodes()[name], low) {
			return name
		}
	}
	return lang
}

// languageCodes are the other codes of each built-in language ("eng" →
// ["en"]), read once.
var languageCodes = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	snap := snapshotFiles()
	for _, name := range Builtin()["language"] {
		p := "lang/" + name + ".yaml"
		if f := snap[p]; f != nil {
			out[name] = f.Codes
			continue
		}
		data, err := builtin.ReadFile(p)
		if err != nil {
			continue
		}
		var f struct {
			Codes []string `yaml:"codes"`
		}
		if yaml.Unmarshal(data, &f) == nil {
			out[name] = f.Codes
		}
	}
	return out
})

// Loader loads rule sets, parsing each built-in file once: a program that
// loads several sets (one per language tried) keeps one Loader. It is safe
// for concurrent use.
type Loader struct {
	mu    sync.Mutex
	files map[string]*fileEntry
	// res holds the compiled patterns by their expanded text: the sets
	// of the languages and bodies share most of them (the layout's and
	// the detect rules), so each is compiled once.
	reMu sync.Mutex
	res  map[string]*Regexp
}

// NewLoader returns a Loader with nothing parsed yet.
func NewLoader() *Loader { return &Loader{files: map[string]*fileEntry{}, res: map[string]*Regexp{}} }

// fileEntry is a built-in file, parsed once.
type fileEntry struct {
	once sync.Once
	f    *File
	err  error
}

// builtinFile returns the parsed embedded file; the File is shared and
// must not be changed.
func (l *Loader) builtinFile(name string) (*File, error) {
	l.mu.Lock()
	e := l.files[name]
	if e == nil {
		e = &fileEntry{}
		l.files[name] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		if snap := snapshotFiles(); snap != nil {
			if f := snap[name]; f != nil {
				e.f = f
				return
			}
		}
		data, err := builtin.ReadFile(name)
		if err != nil {
			e.err = err
			return
		}
		e.f, e.err = parse("rules/"+name, data, false)
	})
	return e.f, e.err
}

// Prefetch parses every built-in file now, several at once: a program
// that will detect the language loads them all, one after the other.
func (l *Loader) Prefetch() {
	if snapshotFiles() != nil {
		return // parsed already
	}
	names := builtinNames()
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), len(names)) {
		wg.Go(func() {
			for n := range next {
				l.builtinFile(n)
			}
		})
	}
	for _, n := range names {
		next <- n
	}
	close(next)
	wg.Wait()
}

// Load builds the Set for opts from the embedded files and opts.Extra.
func Load(opts Options) (*Set, error) { return NewLoader().Load(opts) }

// Load builds the Set for opts from the embedded files and opts.Extra.
func (l *Loader) Load(opts Options) (*Set, error) {
	s := &Set{Language: opts.Language, Body: opts.Body, Layout: opts.Layout, spaced: true, loader: l,
		months: map[string]int{}, monthWords: map[string]bool{}, committees: map[string]string{}, patterns: map[string]string{},
		byName: map[string]*Rule{}, fold: cases.Fold(), ownPhrases: map[string]bool{}}
	ords := map[string]int{}
	for _, p := range []struct{ file, name, kind string }{
		{"detect.yaml", "", ""},
		{path.Join("layout", opts.Layout+".yaml"), opts.Layout, "layout"},
		{path.Join("body", opts.Body+".yaml"), opts.Body, "body"},
		{path.Join("lang", opts.Language+".yaml"), opts.Language, "language"},
	} {
		f, err := l.builtinFile(p.file)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w for %s %q (built in: %s)", ErrUnknown, p.kind, p.name, strings.Join(Builtin()[p.kind], ", "))
		}
		if err != nil {
			return nil, err
		}
		s.add(f, ords)
	}
	for _, x := range opts.Extra {
		f, err := Parse(x.Name, x.Data)
		if err != nil {
			return nil, err
		}
		s.add(f, ords)
	}
	for w, v := range ords {
		s.ordinals = append(s.ordinals, ordinal{w, v})
	}
	sort.Slice(s.ordinals, func(i, j int) bool {
		a, b := s.ordinals[i].word, s.ordinals[j].word
		return len(a) > len(b) || len(a) == len(b) && a < b
	})
	sortLongestFirst(s.preamble)
	sortLongestFirst(s.operative)
	s.phraseTries = map[string]*phraseTrie{"preamble": newPhraseTrie(s.preamble), "operative": newPhraseTrie(s.operative)}
	// With user files, every pattern is compiled now, so that an error
	// in them is reported before any document is read; the built-in ones
	// are compiled when first used.
	eager := len(opts.Extra) > 0
	if p, ok := s.pattern("date"); ok {
		x, err := s.expand("^(?:"+p+")$", 0)
		if err != nil {
			return nil, fmt.Errorf("pattern date: %v", err)
		}
		s.date = &lazyRegexp{expr: x, what: "pattern date", l: l}
		if eager {
			if s.date.re, err = l.compiled(x); err != nil {
				return nil, fmt.Errorf("pattern date: bad pattern: %v", err)
			}
		}
	}
	for _, r := range s.rules {
		what := r.Source + ": rule " + r.Name
		x, err := s.expand(r.Pattern, 0)
		var missing *missingError
		switch {
		case errors.As(err, &missing):
			r.Off = missing.Error()
			continue
		case err != nil:
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		if eager {
			if r.re, err = l.compiled(x); err != nil {
				return nil, fmt.Errorf("%s: bad pattern: %v", what, err)
			}
			continue
		}
		r.lazy = &lazyRegexp{expr: x, what: what, l: l}
	}
	return s, nil
}

// compiled returns the compiled pattern x (expanded), compiling it the
// first time: the sets share most patterns.
func (l *Loader) compiled(x string) (*Regexp, error) {
	l.reMu.Lock()
	re := l.res[x]
	l.reMu.Unlock()
	if re != nil {
		return re, nil
	}
	c, err := regexp.Compile(x)
	if err != nil {
		return nil, err
	}
	re = newRegexp(c, x)
	l.reMu.Lock()
	l.res[x] = re
	l.reMu.Unlock()
	return re, nil
}

// missingError reports a placeholder that the language and body do not
// define.
type missingError struct{ name, lang, body string }

func (e *missingError) Error() string {
	return fmt.Sprintf("no pattern {%s} for language %s and body %s", e.name, e.lang, e.body)
}

func (s *Set) add(f *File, ords map[string]int) {
	for m, n := range f.Months {
		m = s.fold.String(m)
		s.months[m] = n
		s.monthWords[strings.FieldsFunc(m, notLetter)[0]] = true
	}
	for k, v := range f.Ordinals {
		ords[s.fold.String(k)] = v
	}
	for key, list := range f.Phrases {
		body, part, ok := strings.Cut(key, ".")
		if !ok {
			body, part = "", key
		}
		if body != "" && body != s.Body {
			continue
		}
		target := &s.preamble
		if part == "operative" {
			target = &s.operative
		}
		if body != "" && !s.ownPhrases[part] {
			*target = nil // the body's own list replaces the language's
			s.ownPhrases[part] = true
		} else if body == "" && s.ownPhrases[part] {
			continue
		}
		for _, p := range list {
			*target = append(*target, strings.Map(unicode.ToLower, p))
		}
	}
	if f.Spaced != nil {
		s.spaced = *f.Spaced
	}
	if f.Kind == "language" {
		s.Codes = append(s.Codes, f.Codes...)
	}
	for k, v := range f.Committees {
		s.committees[k] = v
	}
	for k, v := range f.Patterns {
		s.patterns[k] = v
	}
	if f.Body != nil {
		s.BodyInfo = *f.Body
	}
	for _, fr := range f.Rules {
		r := *fr // the set compiles its own copy: files are shared
		if old, ok := s.byName[r.Name]; ok {
			*old = r // override in place: keeps the rule's position
			continue
		}
		s.byName[r.Name] = &r
		s.rules = append(s.rules, &r)
	}
}

// phraseTrie is a trie of phrases, compact: its nodes are numbers (0 is
// the root), kids[n] are the edges out of node n sorted by rune, and
// first[n] is the place in the part's list of the first phrase that ends
// at node n (-1 for none). Most nodes have one or two edges: a short
// slice is read faster than a map is hashed.
type phraseTrie struct {
	kids  [][]trieKid
	first []int32
}

type trieKid struct {
	r    rune
	node int32
}

func newPhraseTrie(list []string) *phraseTrie {
	t := &phraseTrie{kids: [][]trieKid{nil}, first: []int32{-1}}
	for i, p := range list {
		n := int32(0)
		for _, r := range p {
			c, ok := t.next(n, r)
			if !ok {
				c = int32(len(t.first))
				t.first = append(t.first, -1)
				t.kids = append(t.kids, nil)
				k := t.kids[n]
				j, _ := slices.BinarySearchFunc(k, r, func(k trieKid, r rune) int { return cmp.Compare(k.r, r) })
				t.kids[n] = slices.Insert(k, j, trieKid{r, c})
			}
			n = c
		}
		if n != 0 && t.first[n] < 0 {
			t.first[n] = int32(i)
		}
	}
	return t
}

// next returns the node the edge r leads to from node n.
func (t *phraseTrie) next(n int32, r rune) (int32, bool) {
	k := t.kids[n]
	if len(k) <= 8 {
		for _, e := range k {
			if e.r == r {
				return e.node, true
			}
		}
		return 0, false
	}
	j, ok := slices.BinarySearchFunc(k, r, func(k trieKid, r rune) int { return cmp.Compare(k.r, r) })
	if !ok {
		return 0, false
	}
	return k[j].node, true
}

func sortLongestFirst(p []string) {
	sort.SliceStable(p, func(i, j int) bool { return len(p[i]) > len(p[j]) })
}

// pattern returns the language's pattern for a placeholder name: the
// body's own ("ga.formula") first.
func (s *Set) pattern(name string) (string, bool) {
	if p, ok := s.patterns[s.Body+"."+name]; ok {
		return p, true
	}
	p, ok := s.patterns[name]
	return p, ok
}

// Runtime placeholders are filled per document by the stage that uses
// the rule (see Expand).
var runtimePlaceholders = map[string]bool{"symbol": true}

// compile expands the placeholders of p and compiles it, for one
// document (Expand): the Loader does not keep it.
func (s *Set) compile(p, what string) (*Regexp, error) {
	x, err := s.expand(p, 0)
	var missing *missingError
	if errors.As(err, &missing) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	re, err := regexp.Compile(x)
	if err != nil {
		return nil, fmt.Errorf("%s: bad pattern: %v", what, err)
	}
	// a pattern of one document is used on a few lines: working out its
	// quick tests would cost more than they save
	q := newRegexp(re, x)
	q.once.Do(func() {})
	return q, nil
}

// expand replaces {name} by the pattern of that name; {month} is any
// month name of the language.
func (s *Set) expand(p string, depth int) (string, error) {
	if depth > 8 {
		return "", fmt.Errorf("placeholders nest too deep in %q", p)
	}
	var err error
	out := replacePlaceholders(p, func(name string) string {
		m := "{" + name + "}"
		if runtimePlaceholders[name] {
			return m
		}
		if name == "month" {
			return s.monthPattern()
		}
		sub, ok := s.pattern(name)
		if !ok {
			if err == nil {
				err = &missingError{name, s.Language, s.Body}
			}
			return m
		}
		x, e := s.expand(sub, depth+1)
		if e != nil && err == nil {
			err = e
		}
		return "(?:" + x + ")"
	})
	return out, err
}

func (s *Set) monthPattern() string {
	names := make([]string, 0, len(s.months))
	for m := range s.months {
		names = append(names, regexp.QuoteMeta(m))
	}
	sortLongestFirst(names)
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return "(?i:" + strings.Join(names, "|") + ")"
}

// Expand fills the runtime placeholders of a rule's pattern ({symbol}) and
// compiles it, for rules that depend on the document.
func (s *Set) Expand(r *Rule, vars map[string]string) (*Regexp, error) {
	p := replacePlaceholders(r.Pattern, func(name string) string {
		if v, ok := vars[name]; ok {
			return regexp.QuoteMeta(v)
		}
		return "{" + name + "}"
	})
	return s.compile(p, r.Source+": rule "+r.Name)
}

// Rule returns the rule of that name, or nil if there is none or it is
// off.
func (s *Set) Rule(name string) *Rule {
	if r := s.byName[name]; r != nil && r.Off == "" {
		return r
	}
	return nil
}

// Stage returns the rules of a stage that are on, in file order.
func (s *Set) Stage(stage string) []*Rule {
	var out []*Rule
	for _, r := range s.rules {
		if r.Stage == stage && r.Off == "" {
			out = append(out, r)
		}
	}
	return out
}

// Rules returns all rules in order, those that are off too.
func (s *Set) Rules() []*Rule { return s.rules }

// Spaced tells whether the language separates words by spaces (false for
// Chinese).
func (s *Set) Spaced() bool { return s.spaced }

// Committee returns the TLC identifier of a committee name, or "". The
// name may keep the no-break spaces of its header line.
func (s *Set) Committee(name string) string { return s.committees[plainSpaces.Replace(name)] }

// plainSpaces replaces the no-break (U+00A0) and narrow no-break (U+202F)
// spaces of a text by plain spaces: header lines keep them between any two
// words, the names the rule files list are written with plain spaces.
var plainSpaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

// MonthWord tells whether word, in any case, is the first word of a month
// name of the language ("noviembre", "كانون" of "كانون الأول"): a cheap
// test before Date.
func (s *Set) MonthWord(word string) bool {
	return s.monthWords[s.fold.String(word)]
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// Date parses a date written in the language ("23 December 2015", "31 de
// diciembre de 2020", "2020年12月31日") into ISO form; ok is false if text
// is not one.
func (s *Set) Date(text string) (iso string, ok bool) {
	if s.date == nil {
		return "", false
	}
	date := s.date.get()
	m := date.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return "", false
	}
	var day, month, year string
	for i, name := range date.SubexpNames() {
		if m[i] == "" {
			continue
		}
		switch name {
		case "day":
			day = m[i]
		case "month":
			month = m[i]
		case "year":
			year = m[i]
		}
	}
	d, err1 := strconv.Atoi(dayDigits(day))
	y, err2 := strconv.Atoi(year)
	mo, err3 := strconv.Atoi(month)
	if err3 != nil {
		mo = s.months[s.fold.String(month)]
	}
	if err1 != nil || err2 != nil || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}

// hyphens are the typographic hyphens and dashes (U+2010 to U+2013) that a
// compound ordinal may have instead of "-": "seventy‐eighth",
// "ninety–first".
var hyphens = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-")

// dayDigits is the number of a day without the ordinal sign the language
// writes after the first: "1er", "1ᵉʳ", "1º", "1.º", "1.er".
func dayDigits(day string) string {
	return strings.TrimRightFunc(day, func(r rune) bool { return r < '0' || r > '9' })
}

// Ordinal reads a session ordinal in words ("Seventy-fifth", "Soixante-
// quinzième", "七十五") as the sum of its known words, read longest first;
// ok is false if some part of it is not known.
func (s *Set) Ordinal(words string) (int, bool) {
	w := hyphens.Replace(s.fold.String(strings.TrimSpace(words)))
	total, found := 0, false
	for w != "" {
		r, size := utf8.DecodeRuneInString(w)
		if r == '-' || unicode.IsSpace(r) {
			w = w[size:]
			continue
		}
		ok := false
		for _, o := range s.ordinals {
			if strings.HasPrefix(w, o.word) {
				total += o.value
				w = w[len(o.word):]
				ok, found = true, true
				break
			}
		}
		if !ok {
			return 0, false
		}
	}
	return total, found
}

// Phrase returns the known opening phrase at the start of text for the
// part ("preamble" or "operative"), as it is written in text, or "". In a
// spaced language the phrase must end at a word boundary.
func (s *Set) Phrase(part, text string) string {
	if part != "operative" {
		part = "preamble"
	}
	// The phrases that begin the text, lower-cased rune by rune, are the
	// nodes the text leads to; the one that comes first in the part's
	// list (longest first) and ends at a word boundary wins, as when
	// each phrase was compared in turn. (An empty phrase would give "", as
	// no match does.)
	t := s.phraseTries[part]
	n := int32(0)
	best, end := int32(-1), 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		c, ok := t.next(n, phraseRune(r))
		if !ok {
			break
		}
		n = c
		i += size
		f := t.first[n]
		if f < 0 || best >= 0 && f > best {
			continue
		}
		if s.spaced && i < len(text) {
			r, _ := utf8.DecodeRuneInString(text[i:])
			if inWord(r) {
				continue
			}
		}
		best, end = f, i
	}
	return text[:end]
}

// inWord tells whether r, after a phrase, continues the word the phrase
// ends in: a letter, a digit, a hyphen or an apostrophe, or a combining
// mark such as the Arabic shadda or a vowel sign, which belongs to the
// letter before it ("وإذ تقرّ" does not start with the phrase "وإذ تقر").
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '-' || r == '\''
}

// phraseRune is the rune of a phrase list that r of a paragraph stands
// for: lower-cased; a no-break (U+00A0) or narrow no-break (U+202F) space
// is a space and a hyphen U+2010..U+2012 is "-", as the Word files keep
// them inside phrases ("Se\u00a0félicitant").
func phraseRune(r rune) rune {
	switch {
	case r == '\u00a0' || r == '\u202f':
		return ' '
	case r >= '\u2010' && r <= '\u2012':
		return '-'
	}
	return unicode.ToLower(r)
}

// Fingerprint identifies the rules a conversion uses: a hash of every
// built-in rule file and of the user files extra, in order. Outputs made
// with the same fingerprint (and the same program) from the same input
// are the same.
func Fingerprint(extra []NamedData) string {
	h := sha256.New()
	h.Write([]byte(builtinHash()))
	for _, x := range extra {
		fmt.Fprintf(h, "user:%s\x00%d\x00", x.Name, len(x.Data))
		h.Write(x.Data)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
