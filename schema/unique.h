// The unique constraints checked outside libxml2 (unique.c, unique.go).

#include <libxml/hash.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// uniqueRule: no two elements inside an elem carry the same value of the
// unqualified attribute attr; name is the constraint's, {namespace}local,
// for messages.
typedef struct {
	xmlChar *elem, *attr, *name;
} uniqueRule;

// uniqueSet: the rules of a schema's target namespace ns, and the names
// of the elements it declares (only theirs have attributes that count).
typedef struct {
	xmlChar *ns;
	int n;
	uniqueRule *rules;
	xmlHashTablePtr declared;
} uniqueSet;

uniqueSet *newUniqueSet(const char *ns);
int addUniqueRule(uniqueSet *u, const char *elem, const char *attr, const char *name);
int addDeclared(uniqueSet *u, const char *elem);
void freeUniqueSet(uniqueSet *u);

// checkUniques reports each element whose attribute value repeats one
// already seen inside an element the rule applies to, as libxml2 would,
// through report; it returns how many, or -1 if it could not check (out
// of memory; names not from the document's dictionary, or an attribute
// value that is not one text node, neither of which the parser makes
// without a DTD).
int checkUniques(xmlDocPtr doc, const uniqueSet *u, xmlStructuredErrorFunc report, void *ctx);
