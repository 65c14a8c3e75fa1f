//go:build cgo

package schema

/*
#cgo pkg-config: libxml-2.0
#include <stdint.h>
#include <stdlib.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "arena.h"
#include "unique.h"

// Defined in Go (//export); h is a runtime/cgo.Handle to a *[]Problem.
extern void resconvCollect(uintptr_t h, xmlErrorPtr e);

static void collect(void *h, xmlErrorPtr e) { resconvCollect((uintptr_t)h, e); }

static void initLib(void) {
	arenaSetup(); // before libxml2 allocates anything
	xmlInitParser();
	// Process-wide: schema imports are fetched through this loader and
	// xmlSchemaParse has no NONET option, so refuse http/ftp here.
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
}

// The error handler set by xmlSetStructuredErrorFunc is per OS thread in
// libxml2; a cgo call stays on one thread, so installing it for the
// duration of the call catches everything (I/O, encoding, parser errors)
// that has no per-context handler, and keeps libxml2 off stderr.
//
// The schema text is parsed here, as xmlSchemaParse would from the file
// (entities substituted; url for imports and messages), because it may
// be the file's with some constraints blanked out (unique.go). *doc must
// outlive the schema.
static xmlSchemaPtr loadSchema(const char *buf, int len, const char *url, xmlDocPtr *doc, uintptr_t h) {
	xmlSchemaPtr s = NULL;
	xmlSetStructuredErrorFunc((void *)h, collect);
	*doc = xmlReadMemory(buf, len, url, NULL, XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (*doc != NULL) {
		xmlSchemaParserCtxtPtr p = xmlSchemaNewDocParserCtxt(*doc);
		if (p != NULL) {
			xmlSchemaSetParserStructuredErrors(p, collect, (void *)h);
			s = xmlSchemaParse(p);
			xmlSchemaFreeParserCtxt(p);
		}
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	return s;
}

static int dtdMarker;

// SAX internalSubset fires on any DOCTYPE, before its internal subset is
// read: stopping here means no entity is ever declared, let alone expanded.
// This backs up the Go prolog scan for encodings it cannot read (EBCDIC).
static void rejectDTD(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys) {
	xmlParserCtxtPtr c = ctx;
	c->_private = &dtdMarker;
	xmlStopParser(c);
}

enum { vInternal = -1, vNotParsed = -2, vDTD = -3, vUnchecked = -4 };

// validate parses buf and validates it against s, then checks the unique
// constraints taken out of s (u, or NULL).
static int validate(xmlSchemaPtr s, const uniqueSet *u, const char *buf, int len, const char *url, uintptr_t h) {
	int ret = vInternal;
	int slot = arenaBegin();
	xmlSetStructuredErrorFunc((void *)h, collect);
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (pc != NULL) {
		pc->sax->internalSubset = rejectDTD;
		// No NOENT (entity substitution), no DTDLOAD, no HUGE (keeps the
		// built-in size limits); BIG_LINES so lines past 65535 are right;
		// COMPACT keeps short texts in their nodes (the tree is only read):
		// 4% fewer instructions per validation.
		xmlDocPtr doc = xmlCtxtReadMemory(pc, buf, len, url, NULL,
		                                  XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
		if (pc->_private == &dtdMarker) {
			ret = vDTD;
		} else if (doc == NULL) {
			ret = vNotParsed;
		} else {
			xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(s);
			if (v != NULL) {
				xmlSchemaSetValidStructuredErrors(v, collect, (void *)h);
				ret = xmlSchemaValidateDoc(v, doc);
				xmlSchemaFreeValidCtxt(v);
			}
			if (u != NULL && ret >= 0) {
				int dups = checkUniques(doc, u, collect, (void *)h);
				if (dups < 0) {
					ret = vUnchecked;
				} else if (dups > 0 && ret == 0) {
					ret = XML_SCHEMAV_CVC_IDC;
				}
			}
		}
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(pc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	// The thread's last error holds copies of strings from the arena:
	// drop them while freeing them is still a no-op.
	xmlResetLastError();
	arenaEnd(slot);
	return ret;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/cgo"
	"strings"
	"sync"
	"unsafe"
)

// XSD is a compiled schema. It is safe for concurrent use by multiple
// goroutines; each Validate call gets its own libxml2 validation context.
type XSD struct {
	mu      sync.RWMutex   // guards the schema against Close during Validate
	schema  C.xmlSchemaPtr // compiled less the unique constraints in uniques
	doc     C.xmlDocPtr    // its text, parsed (the schema may point into it)
	uniques *C.uniqueSet   // checked outside libxml2 (unique.go); nil if none
}

var initOnce sync.Once

// LoadXSD parses and compiles the schema at path (imports are resolved
// relative to it, never over the network).
func LoadXSD(path string) (*XSD, error) {
	return loadXSD(path, true)
}

// loadXSD is LoadXSD; takeOver=false leaves every unique constraint with
// libxml2 (tests compare the two).
func loadXSD(path string, takeOver bool) (*XSD, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("schema: load XSD: %w", err)
	}
	switch {
	case len(src) == 0:
		return nil, fmt.Errorf("schema: load XSD %s: the file is empty", path)
	case len(src) > math.MaxInt32:
		return nil, fmt.Errorf("schema: load XSD %s: too large (%d bytes)", path, len(src))
	}
	initOnce.Do(func() { C.initLib() })
	x := &XSD{}
	if takeOver {
		if reduced, set, err := splitUniques(src); err == nil {
			if x.uniques, err = newUniqueSet(set); err != nil {
				return nil, fmt.Errorf("schema: load XSD %s: %v", path, err)
			}
			src = reduced
		}
	}
	var probs []Problem
	h := cgo.NewHandle(&probs)
	defer h.Delete()
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	x.schema = C.loadSchema((*C.char)(unsafe.Pointer(&src[0])), C.int(len(src)), cpath, &x.doc, C.uintptr_t(h))
	if x.schema == nil {
		x.Close()
		reason := "libxml2 gave no reason"
		if len(probs) > 0 {
			reason = (&ValidationError{probs}).Error()
		}
		return nil, fmt.Errorf("schema: load XSD %s: %s", path, reason)
	}
	return x, nil
}

// newUniqueSet copies set into C memory (freed by C.freeUniqueSet).
func newUniqueSet(set *uniqueSet) (*C.uniqueSet, error) {
	ns := C.CString(set.ns)
	defer C.free(unsafe.Pointer(ns))
	u := C.newUniqueSet(ns)
	if u == nil {
		return nil, errors.New("out of memory")
	}
	var failed C.int
	for _, r := range set.rules {
		e, a, n := C.CString(r.elem), C.CString(r.attr), C.CString(r.name)
		failed |= C.addUniqueRule(u, e, a, n)
		C.free(unsafe.Pointer(e))
		C.free(unsafe.Pointer(a))
		C.free(unsafe.Pointer(n))
	}
	for _, d := range set.declared {
		e := C.CString(d)
		failed |= C.addDeclared(u, e)
		C.free(unsafe.Pointer(e))
	}
	if failed != 0 {
		C.freeUniqueSet(u)
		return nil, errors.New("out of memory")
	}
	return u, nil
}

// Validate checks doc against the schema; name is only used in messages.
// It returns nil if doc is valid, a *ValidationError listing every problem
// if doc is not well-formed, not valid or has a DOCTYPE, and another error
// if validation itself failed.
func (x *XSD) Validate(name string, doc []byte) error {
	if err := checkProlog(name, doc); err != nil {
		return err
	}
	if len(doc) == 0 { // &doc[0] below needs a byte; libxml2 would say the same
		return &ValidationError{[]Problem{{File: name, Line: 1, Message: "Document is empty"}}}
	}
	if len(doc) > math.MaxInt32 {
		return fmt.Errorf("schema: %s: document too large (%d bytes)", name, len(doc))
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.schema == nil {
		return errors.New("schema: Validate on closed XSD")
	}
	var probs []Problem
	h := cgo.NewHandle(&probs)
	defer h.Delete()
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	ret := C.validate(x.schema, x.uniques, (*C.char)(unsafe.Pointer(&doc[0])), C.int(len(doc)), cname, C.uintptr_t(h))
	for i := range probs {
		probs[i].File = name
	}
	switch {
	case ret == C.vDTD:
		return &ValidationError{[]Problem{{File: name, Message: msgDTD}}}
	case ret == C.vUnchecked: // see checkUniques: never so in practice
		return fmt.Errorf("schema: %s: the schema's unique constraints could not be checked (out of memory?)", name)
	case ret == C.vInternal:
		return fmt.Errorf("schema: %s: libxml2 internal error: %v", name, &ValidationError{probs})
	case ret == 0 && len(probs) == 0:
		return nil
	case len(probs) == 0: // should not happen, but never report "valid" for a non-zero result
		return &ValidationError{[]Problem{{File: name, Message: fmt.Sprintf("libxml2 validation failed (code %d)", int(ret))}}}
	default:
		// Includes ret == 0 with recoverable errors, e.g. an undeclared
		// namespace prefix: libxml2 still builds a tree for those.
		fillColumns(doc, probs)
		return &ValidationError{probs}
	}
}

// Close frees the schema. Validate must not be used afterwards; Close may
// be called more than once.
func (x *XSD) Close() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.schema != nil {
		C.xmlSchemaFree(x.schema)
		x.schema = nil
	}
	if x.doc != nil {
		C.xmlFreeDoc(x.doc)
		x.doc = nil
	}
	if x.uniques != nil {
		C.freeUniqueSet(x.uniques)
		x.uniques = nil
	}
}

//export resconvCollect
func resconvCollect(h C.uintptr_t, e C.xmlErrorPtr) {
	if e == nil || e.level < C.XML_ERR_ERROR {
		return // warnings do not make a document invalid
	}
	p := Problem{
		Line:    int(e.line),
		Column:  int(e.int2), // libxml2 stores the column in int2
		Path:    nodePath((*C.xmlNode)(e.node)),
		Message: strings.TrimRight(C.GoString(e.message), "\n"),
	}
	if e.file != nil {
		p.File = C.GoString(e.file)
	}
	probs := cgo.Handle(h).Value().(*[]Problem)
	*probs = append(*probs, p)
}

// nodePath renders n as /a/b[2]/c/@attr, indexing only names that repeat
// among siblings. libxml2's xmlGetNodePath prints "*" for every element in
// a default namespace, which is all of Akoma Ntoso.
func nodePath(n *C.xmlNode) string {
	var segs []string
	if n != nil && n._type == C.XML_ATTRIBUTE_NODE {
		segs = append(segs, "@"+C.GoString((*C.char)(unsafe.Pointer(n.name))))
		n = n.parent
	}
	for ; n != nil && n._type == C.XML_ELEMENT_NODE; n = n.parent {
		name := C.GoString((*C.char)(unsafe.Pointer(n.name)))
		idx, total := 0, 0
		if n.parent != nil {
			for s := n.parent.children; s != nil; s = s.next {
				if s._type == C.XML_ELEMENT_NODE && C.xmlStrEqual(s.name, n.name) != 0 {
					total++
					if s == n {
						idx = total
					}
				}
			}
		}
		if total > 1 {
			name += "[" + fmt.Sprint(idx) + "]"
		}
		segs = append(segs, name)
	}
	if len(segs) == 0 {
		return ""
	}
	var b strings.Builder
	for i := len(segs) - 1; i >= 0; i-- {
		b.WriteString("/" + segs[i])
	}
	return b.String()
}

// poisonArena has libxml2's arena filled with junk after each call, so
// that a test sees any block kept past the call it came from (tests only).
func poisonArena(on bool) {
	v := 0
	if on {
		v = 1
	}
	C.arenaPoison(C.int(v))
}

// usingLibxml2 reports that validation runs in-process (tests only).
const usingLibxml2 = true
