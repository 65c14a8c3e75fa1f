// Package convert turns the text of a United Nations resolution into Akoma
// Ntoso. A Converter runs the whole pipeline:
//
//	bytes → decode → normalise → detect → document model → AKN (and JSON)
//
// Each stage is a package of its own with one job; the document model
// (package document) is what they share. What is specific to a language,
// a UN body or an input layout comes from rule files (package rules).
package convert

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/resconv/resconv/convert/akn"
	"github.com/resconv/resconv/convert/decode"
	"github.com/resconv/resconv/convert/detect"
	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/jsondoc"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/rules"
)

// Auto asks the Converter to detect the language, body or layout.
const Auto = "auto"

// Options control a conversion. The zero value detects everything.
type Options struct {
	Language string // "eng", or "" / Auto to detect
	Body     string // "ga", or "" / Auto to detect
	Layout   string // "ods", or "" / Auto to detect
	// Rules are user rule files applied over the built-in ones.
	Rules []rules.NamedData
	// Indent indents the AKN output's block elements and the JSON
	// output's nested values ("" for none).
	Indent string
	// JSON asks for the JSON rendering too, in Result.JSON.
	JSON bool
}

// Result is a converted document.
type Result struct {
	Document *document.Document
	Encoding decode.Encoding
	AKN      []byte
	JSON     []byte // with Options.JSON only
}

// Converter converts documents with one set of options. It loads each
// rule set once and is safe for concurrent use.
type Converter struct {
	opts Options

	mu     sync.Mutex
	sets   map[setKey]*rules.Set
	loader *rules.Loader
	// langs and bodyList are the languages and bodies to try, worked out
	// once: listing the built-in rule files on each document cost more
	// than trying them.
	langs, bodyList []string
}

// New returns a Converter for opts. It loads the first rule set opts
// allow now, so that a bad user rule file fails before any document is
// read; the others are loaded when a document needs them.
func New(opts Options) (*Converter, error) {
	c := &Converter{opts: opts, sets: map[setKey]*rules.Set{}, loader: rules.NewLoader()}
	builtin := rules.Builtin()
	c.langs, c.bodyList = builtin["language"], builtin["body"]
	if !auto(opts.Language) {
		c.langs = []string{opts.Language}
	}
	if !auto(opts.Body) {
		c.bodyList = []string{opts.Body}
	}
	if len(c.langs) > 1 || len(c.bodyList) > 1 {
		c.loader.Prefetch() // detection loads a set per language and body
	}
	layout := opts.Layout
	if auto(layout) {
		layout = "ods"
	}
	if _, err := c.ruleSet(c.languages()[0], c.bodies()[0], layout); err != nil {
		return nil, err
	}
	return c, nil
}

// Convert converts the bytes of one input file with opts.
func Convert(src []byte, opts Options) (*Result, error) {
	c, err := New(opts)
	if err != nil {
		return nil, err
	}
	return c.Convert(src)
}

// Convert converts the bytes of one input file.
func (c *Converter) Convert(src []byte) (*Result, error) {
	text, enc, err := decode.Text(src)
	if err != nil {
		return nil, err
	}
	rs, err := c.detectRules(text)
	if err != nil {
		return nil, err
	}
	normaliser := normalise.ODS
	if rs.Layout == "pdf" {
		normaliser = normalise.PDF
	}
	norm, err := normaliser(text, rs)
	if err != nil {
		return nil, err
	}
	doc := detect.Document(norm, rs)
	if err := check(doc); err != nil {
		return nil, err
	}
	// the body's conventions in the era of the document's date (rules/body)
	body := rs.BodyInfo.At(doc.Meta.Date())
	// the AKN is about 1.6 times the input, a little more when indented
	out, err := akn.Write(doc, body, akn.Options{Indent: c.opts.Indent, SizeHint: 2*len(src) + 4096})
	if err != nil {
		return nil, err
	}
	res := &Result{Document: doc, Encoding: enc, AKN: out}
	if c.opts.JSON {
		if res.JSON, err = jsondoc.Write(doc, body, jsondoc.Options{Indent: c.opts.Indent}); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// check refuses a document in which nothing of a resolution was found, so
// that a wrong input fails instead of giving an empty AKN file.
func check(doc *document.Document) error {
	var missing []string
	if doc.Meta.Symbol == "" && doc.Meta.Number == "" {
		missing = append(missing, "no symbol or resolution number")
	}
	n := 0
	for _, s := range append([]*document.Statement{doc.Body}, doc.Parts...) {
		n += len(s.Preamble) + len(s.Operative)
		if s.Formula != nil {
			n++
		}
	}
	if n == 0 {
		missing = append(missing, "no paragraphs")
	}
	if len(missing) > 0 {
		return fmt.Errorf("not a resolution in a known layout: %s", strings.Join(missing, ", "))
	}
	return nil
}

func auto(s string) bool { return s == "" || s == Auto }

// languages lists the languages to try: the one asked for, or all.
func (c *Converter) languages() []string { return c.langs }

// setKey names a rule set: language, body, layout.
type setKey struct{ lang, body, layout string }

// bodies lists the bodies to try: the one asked for, or all.
func (c *Converter) bodies() []string { return c.bodyList }

// layoutOf is the layout asked for, or the one the text looks like: an
// ODS export has hidden ODS fields; other text is taken as extracted from
// a PDF.
func (c *Converter) layoutOf(text string) string {
	switch {
	case !auto(c.opts.Layout):
		return c.opts.Layout
	case strings.Contains(text, "<<ODS "):
		return "ods"
	default:
		return "pdf"
	}
}

// ruleSet returns the (cached) rules for a language, body and layout.
func (c *Converter) ruleSet(lang, body, layout string) (*rules.Set, error) {
	key := setKey{lang, body, layout}
	c.mu.Lock()
	defer c.mu.Unlock()
	if rs, ok := c.sets[key]; ok {
		return rs, nil
	}
	rs, err := c.loader.Load(rules.Options{Language: key.lang, Body: key.body, Layout: key.layout, Extra: c.opts.Rules})
	if err != nil {
		return nil, err
	}
	c.sets[key] = rs
	return rs, nil
}

// detectRules picks the rules for a text: the language asked for, or the
// one whose formula the text contains.
func (c *Converter) detectRules(text string) (*rules.Set, error) {
	layout := c.layoutOf(text)
	langs, bodies := c.languages(), c.bodies()
	if len(langs) == 1 && len(bodies) == 1 && !auto(c.opts.Language) {
		return c.ruleSet(langs[0], bodies[0], layout)
	}
	var lines []string // the text's lines, split once for all the sets
	for _, l := range langs {
		for _, b := range bodies {
			rs, err := c.ruleSet(l, b, layout)
			if err != nil {
				if errors.Is(err, rules.ErrUnknown) {
					continue
				}
				return nil, err
			}
			if lines == nil {
				lines = detect.TrimmedLines(text)
			}
			if detect.LooksIn(lines, rs) {
				return rs, nil
			}
		}
	}
	return nil, fmt.Errorf("could not detect the language: the text has no formula, committee line or statement opening of a known language and body (tried %s × %s); use --lang and --body",
		strings.Join(langs, ", "), strings.Join(bodies, ", "))
}
