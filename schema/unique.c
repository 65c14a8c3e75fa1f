//go:build cgo

// The one-pass check of the unique constraints that splitUniques
// (unique.go) takes out of a schema. Its allocations are libxml2's
// (xmlMalloc, xmlHash), so inside a validate call they are the arena's.

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libxml/hash.h>
#include <libxml/xmlschemas.h>

#include "unique.h"

uniqueSet *newUniqueSet(const char *ns) {
	uniqueSet *u = xmlMalloc(sizeof *u);
	if (u == NULL) {
		return NULL;
	}
	*u = (uniqueSet){xmlStrdup(BAD_CAST ns), 0, NULL, xmlHashCreate(512)};
	if (u->ns == NULL || u->declared == NULL) {
		freeUniqueSet(u);
		return NULL;
	}
	return u;
}

int addUniqueRule(uniqueSet *u, const char *elem, const char *attr, const char *name) {
	uniqueRule *r = xmlRealloc(u->rules, (u->n + 1) * sizeof *r);
	if (r == NULL) {
		return -1;
	}
	u->rules = r;
	r[u->n] = (uniqueRule){xmlStrdup(BAD_CAST elem), xmlStrdup(BAD_CAST attr), xmlStrdup(BAD_CAST name)};
	u->n++;
	return r[u->n - 1].elem && r[u->n - 1].attr && r[u->n - 1].name ? 0 : -1;
}

int addDeclared(uniqueSet *u, const char *elem) {
	if (xmlHashLookup(u->declared, BAD_CAST elem) != NULL) {
		return 0;
	}
	return xmlHashAddEntry(u->declared, BAD_CAST elem, u);
}

void freeUniqueSet(uniqueSet *u) {
	for (int i = 0; i < u->n; i++) {
		xmlFree(u->rules[i].elem);
		xmlFree(u->rules[i].attr);
		xmlFree(u->rules[i].name);
	}
	xmlFree(u->rules);
	xmlFree(u->ns);
	xmlHashFree(u->declared, NULL);
	xmlFree(u);
}

// valueSet is a set of attribute values (pointers into the document):
// open addressing, grown at half full.
typedef struct {
	const xmlChar **keys;
	unsigned cap, n;
} valueSet;

static unsigned hashValue(const xmlChar *v) {
	unsigned h = 2166136261u; // FNV-1a
	for (; *v; v++) {
		h = (h ^ *v) * 16777619u;
	}
	return h;
}

// valueSetAdd adds v; it returns 1 if v was there, 0 if added, -1 if out
// of memory.
static int valueSetAdd(valueSet *s, const xmlChar *v) {
	if (2 * (s->n + 1) > s->cap) {
		unsigned cap = s->cap ? 2 * s->cap : 64;
		const xmlChar **keys = xmlMalloc(cap * sizeof *keys);
		if (keys == NULL) {
			return -1;
		}
		memset(keys, 0, cap * sizeof *keys);
		for (unsigned i = 0; i < s->cap; i++) {
			if (s->keys[i] != NULL) {
				unsigned h = hashValue(s->keys[i]) & (cap - 1);
				while (keys[h] != NULL) {
					h = (h + 1) & (cap - 1);
				}
				keys[h] = s->keys[i];
			}
		}
		xmlFree(s->keys);
		s->keys = keys;
		s->cap = cap;
	}
	unsigned h = hashValue(v) & (s->cap - 1);
	for (; s->keys[h] != NULL; h = (h + 1) & (s->cap - 1)) {
		if (xmlStrEqual(s->keys[h], v)) {
			return 1;
		}
	}
	s->keys[h] = v;
	s->n++;
	return 0;
}

// A scope: an element a rule applies to, and the values seen inside it.
typedef struct {
	const uniqueRule *rule;
	const xmlChar *attr; // the rule's attribute name, as the document has it
	xmlNodePtr owner;
	valueSet seen;
} scope;

// checker is the state of one check. Names are compared as pointers: the
// parser gives elements and attributes the names of the document's
// dictionary, and the rules' names are looked up in it once.
typedef struct {
	const uniqueSet *set;
	const xmlChar **elem, **attr; // per rule; NULL if not in the document
	xmlNsPtr ns;                  // a declaration of set->ns met in the document
	struct {
		const xmlChar *name;
		int declared;
	} names[64]; // set->declared, cached by name
	scope *open;
	int nopen, cap, dups;
	xmlStructuredErrorFunc report;
	void *ctx;
} checker;

static int inNamespace(checker *c, xmlNsPtr ns) {
	if (ns == NULL) {
		return 0;
	}
	if (ns == c->ns) {
		return 1;
	}
	if (xmlStrEqual(ns->href, c->set->ns)) {
		c->ns = ns;
		return 1;
	}
	return 0;
}

static int declared(checker *c, const xmlChar *name) {
	unsigned i = ((uintptr_t)name >> 4) % 64;
	if (c->names[i].name != name) {
		c->names[i].name = name;
		c->names[i].declared = xmlHashLookup(c->set->declared, name) != NULL;
	}
	return c->names[i].declared;
}

// attrValue is the value of n's unqualified attribute name, or NULL if it
// has none; *odd is set if the value is not one text node.
static const xmlChar *attrValue(xmlNodePtr n, const xmlChar *name, int *odd) {
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
		if (a->name == name && a->ns == NULL) {
			// No DTD, no entities: the value is one text node, or none.
			if (a->children == NULL) {
				return BAD_CAST "";
			}
			if (a->children->next == NULL && a->children->type == XML_TEXT_NODE) {
				return a->children->content;
			}
			*odd = 1;
			return NULL;
		}
	}
	return NULL;
}

// reportDuplicate reports n's value as a repeat; -1 if out of memory.
static int reportDuplicate(checker *c, xmlNodePtr n, const uniqueRule *r, const xmlChar *value) {
	// libxml2's words (xmlschemas.c, xmlSchemaXPathProcessHistory).
	const char *f = "Element '{%s}%s': Duplicate key-sequence ['%s'] in unique identity-constraint '%s'.\n";
	size_t len = strlen(f) + xmlStrlen(c->set->ns) + xmlStrlen(n->name) + xmlStrlen(value) + xmlStrlen(r->name);
	char *msg = xmlMalloc(len);
	if (msg == NULL) {
		return -1;
	}
	snprintf(msg, len, f, c->set->ns, n->name, value, r->name);
	xmlError e;
	memset(&e, 0, sizeof e);
	e.domain = XML_FROM_SCHEMASV;
	e.code = XML_SCHEMAV_CVC_IDC;
	e.level = XML_ERR_ERROR;
	e.message = msg;
	e.file = (char *)n->doc->URL;
	e.line = (int)xmlGetLineNo(n);
	e.node = n;
	c->report(c->ctx, &e);
	xmlFree(msg);
	c->dups++;
	return 0;
}

// enter opens the scopes of the rules that apply to n.
static int enter(checker *c, xmlNodePtr n) {
	for (int i = 0; i < c->set->n; i++) {
		if (n->name != c->elem[i] || !inNamespace(c, n->ns)) {
			continue;
		}
		if (c->nopen == c->cap) {
			scope *grown = xmlRealloc(c->open, 2 * c->cap * sizeof *grown);
			if (grown == NULL) {
				return -1;
			}
			c->open = grown;
			c->cap *= 2;
		}
		c->open[c->nopen++] = (scope){&c->set->rules[i], c->attr[i], n, {NULL, 0, 0}};
	}
	return 0;
}

// leave checks n against the scopes of its ancestors, as libxml2 does
// when the element ends: the first to end keeps its value, the later
// ones are duplicates. Then it closes n's own scopes.
static int leave(checker *c, xmlNodePtr n) {
	int assessed = 0; // 1 yes, -1 no, 0 not known yet
	// Innermost scope first, the last rule of an element first: the order
	// of libxml2's messages.
	for (int i = c->nopen - 1; i >= 0 && n->properties != NULL; i--) {
		scope *s = &c->open[i];
		if (s->owner == n) {
			continue; // the selector .//* is the descendants, not the element
		}
		int odd = 0;
		const xmlChar *v = s->attr != NULL ? attrValue(n, s->attr, &odd) : NULL;
		if (odd) {
			return -1; // never so without a DTD: fail rather than pass unchecked
		}
		if (v == NULL) {
			continue;
		}
		// Only elements libxml2 assesses have their attributes compared:
		// those of the namespace the schema declares (an undeclared one,
		// or one outside the namespace, is met under a lax wildcard).
		if (assessed == 0) {
			assessed = inNamespace(c, n->ns) && declared(c, n->name) ? 1 : -1;
		}
		if (assessed < 0) {
			break;
		}
		int seen = valueSetAdd(&s->seen, v);
		if (seen < 0 || (seen == 1 && reportDuplicate(c, n, s->rule, v) < 0)) {
			return -1; // out of memory: fail rather than pass unchecked
		}
	}
	while (c->nopen > 0 && c->open[c->nopen - 1].owner == n) {
		xmlFree(c->open[--c->nopen].seen.keys);
	}
	return 0;
}

int checkUniques(xmlDocPtr doc, const uniqueSet *set, xmlStructuredErrorFunc report, void *ctx) {
	checker c = {.set = set, .report = report, .ctx = ctx, .cap = 8};
	int failed = 1;
	c.elem = xmlMalloc(2 * set->n * sizeof *c.elem);
	c.open = xmlMalloc(c.cap * sizeof *c.open);
	xmlNodePtr n = xmlDocGetRootElement(doc);
	if (c.elem == NULL || c.open == NULL || doc->dict == NULL || (n != NULL && xmlDictOwns(doc->dict, n->name) != 1)) {
		goto done; // names not from the dictionary: never so in a validate call
	}
	c.attr = c.elem + set->n;
	for (int i = 0; i < set->n; i++) {
		c.elem[i] = xmlDictExists(doc->dict, set->rules[i].elem, -1);
		c.attr[i] = xmlDictExists(doc->dict, set->rules[i].attr, -1);
	}
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			if (enter(&c, n) < 0) {
				goto done;
			}
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		for (;;) { // n and its subtree are done
			if (n->type == XML_ELEMENT_NODE && leave(&c, n) < 0) {
				goto done;
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == NULL || n->type == XML_DOCUMENT_NODE) {
				n = NULL;
				break;
			}
		}
	}
	failed = 0;
done:
	while (c.nopen > 0) {
		xmlFree(c.open[--c.nopen].seen.keys);
	}
	xmlFree(c.open);
	xmlFree(c.elem);
	return failed ? -1 : c.dups;
}
