// Package convert turns the text of a United Nations resolution into Akoma
// Ntoso. Convert runs the whole pipeline:
//
//	bytes → decode → normalise → detect → document model → AKN
//
// Each stage is a package of its own with one job; the document model
// (package document) is what they share. What is specific to a language,
// a UN body or an input layout comes from rule files (package rules).
package convert

import (
	"errors"
	"fmt"
	"strings"

	"github.com/resconv/resconv/convert/akn"
	"github.com/resconv/resconv/convert/decode"
	"github.com/resconv/resconv/convert/detect"
	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/rules"
)

// Auto asks Convert to detect the language, body or layout.
const Auto = "auto"

// Options control a conversion. The zero value detects everything.
type Options struct {
	Language string // "eng", or "" / Auto to detect
	Body     string // "ga", or "" / Auto to detect
	Layout   string // "ods", or "" / Auto to detect
	// Rules are user rule files applied over the built-in ones.
	Rules []rules.NamedData
	// Indent indents the AKN output's block elements ("" for none).
	Indent string
}

// Result is a converted document.
type Result struct {
	Document *document.Document
	Encoding decode.Encoding
	AKN      []byte
}

// Convert converts the bytes of one input file.
func Convert(src []byte, opts Options) (*Result, error) {
	text, enc, err := decode.Text(src)
	if err != nil {
		return nil, err
	}
	rs, err := ruleSet(text, opts)
	if err != nil {
		return nil, err
	}
	norm, err := normalise.ODS(text, rs)
	if err != nil {
		return nil, err
	}
	doc := detect.Document(norm, rs)
	if err := check(doc); err != nil {
		return nil, err
	}
	out, err := akn.Write(doc, rs.BodyInfo, akn.Options{Indent: opts.Indent})
	if err != nil {
		return nil, err
	}
	return &Result{Document: doc, Encoding: enc, AKN: out}, nil
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

// ruleSet picks the rules: the ones asked for, or the ones whose
// language's formula the text contains.
func ruleSet(text string, opts Options) (*rules.Set, error) {
	lang, body, layout := opts.Language, opts.Body, opts.Layout
	if layout == "" || layout == Auto {
		layout = "ods"
	}
	if body == "" || body == Auto {
		body = "ga"
	}
	if lang != "" && lang != Auto {
		return rules.Load(rules.Options{Language: lang, Body: body, Layout: layout, Extra: opts.Rules})
	}
	var tried []string
	for _, l := range rules.Builtin()["language"] {
		rs, err := rules.Load(rules.Options{Language: l, Body: body, Layout: layout, Extra: opts.Rules})
		if err != nil {
			if errors.Is(err, rules.ErrUnknown) {
				continue
			}
			return nil, err
		}
		if detect.Looks(text, rs) {
			return rs, nil
		}
		tried = append(tried, l)
	}
	return nil, fmt.Errorf("could not detect the language: the text has no formula of a known language (tried %s); use --lang", strings.Join(tried, ", "))
}
