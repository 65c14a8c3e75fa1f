package normalise

import (
	"github.com/resconv/resconv/rules"
)

// PDF normalises text extracted from an official PDF (PyMuPDF, pdftotext).
func PDF(text string, rs *rules.Set) (*Result, error) {
	return &Result{}, nil
}
