package akn

import (
	"strings"

	"github.com/beevik/etree"
)

// blockTags are the elements whose children are only elements, so white
// space between them changes no text. Everything else (p, num, docTitle,
// authorialNote, …) holds mixed content and is written as it is: etree's
// own Indent would add white space inside it and change the text.
var blockTags = map[string]bool{
	"akomaNtoso": true, "statement": true, "documentCollection": true, "meta": true,
	"identification": true, "FRBRWork": true, "FRBRExpression": true, "FRBRManifestation": true,
	"references": true, "presentation": true, "coverPage": true, "preface": true,
	"preamble": true, "mainBody": true, "conclusions": true, "formula": true,
	"container": true, "paragraph": true, "content": true, "list": true, "intro": true,
	"point": true, "attachments": true, "attachment": true, "doc": true, "components": true,
	"component": true, "collectionBody": true, "table": true, "tr": true, "td": true,
	"akn4un:footerFirstPage": true, "akn4un:footerFirstPageLeft": true, "akn4un:internalCode": true,
}

// indent puts each child of a block element on its own line.
func indent(e *etree.Element, depth int, unit string) {
	if !blockTags[e.FullTag()] || len(e.Child) == 0 {
		return
	}
	for _, c := range e.Child {
		if cd, ok := c.(*etree.CharData); ok && strings.TrimSpace(cd.Data) != "" {
			return // mixed after all: leave it
		}
	}
	kids := e.ChildElements()
	// remove from the end: etree renumbers the children after a removed
	// one, so removing from the front would be quadratic in their number
	for len(e.Child) > 0 {
		e.RemoveChildAt(len(e.Child) - 1)
	}
	pad := "\n" + strings.Repeat(unit, depth+1)
	for _, k := range kids {
		e.AddChild(etree.NewText(pad))
		e.AddChild(k)
		indent(k, depth+1, unit)
	}
	e.AddChild(etree.NewText("\n" + strings.Repeat(unit, depth)))
}
