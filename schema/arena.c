//go:build cgo

// An arena allocator for libxml2, used only while one document is parsed,
// validated and freed (a validate call): every block libxml2 asks for
// during the call comes from a slot of one reserved region by bumping a
// pointer, and "free" of such a block does nothing; the slot is reset when
// the call ends. A document's tree, dictionary and validation state all
// die with the call, and glibc's malloc and free were a fifth of the
// instructions of a validation (measured with callgrind on the dev set).
//
// Outside a call (the schema, compiled once and shared), and for what does
// not fit a slot, blocks come from malloc as before; free tells the two
// apart by address. The hooks are process-wide in libxml2 (xmlMemSetup),
// the arena a call uses is per thread: a cgo call stays on one thread.

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <libxml/xmlmemory.h>

#include "arena.h"

enum {
	slotSize = 32 << 20, // a 30 KB output takes about 2 MB
	slotCount = 64,      // calls at once with an arena; more use malloc
	keep = 4 << 20,      // bytes of a slot kept resident between calls
	header = 16,         // a block's size, before it (for realloc)
};

static char *region;           // slotCount slots, PROT_NONE until used
static int slotsMade;          // slots made readable and writable
static int freeSlots[slotCount], nfree;
static pthread_mutex_t slotsMu = PTHREAD_MUTEX_INITIALIZER;

static __thread char *next, *end; // the calling thread's slot, if any
static int poison;                // tests: fill a slot with junk after each call

static inline int inRegion(const void *p) {
	return region != NULL && (const char *)p >= region &&
	       (const char *)p < region + (size_t)slotSize * slotCount;
}

// round gives n rounded up to a multiple of 16, or 0 if that overflows.
static inline size_t round16(size_t n) {
	size_t m = (n + 15) & ~(size_t)15;
	return m >= n ? m : 0;
}

static void *arenaMalloc(size_t n) {
	size_t m = round16(n);
	if (next != NULL && m != 0 && (size_t)(end - next) >= header &&
	    m <= (size_t)(end - next) - header) {
		char *p = next + header;
		*(size_t *)next = m;
		next = p + m;
		return p;
	}
	return malloc(n);
}

static void arenaFree(void *p) {
	if (!inRegion(p)) {
		free(p);
	}
}

static void *arenaRealloc(void *p, size_t n) {
	if (p == NULL) {
		return arenaMalloc(n);
	}
	if (!inRegion(p)) {
		return realloc(p, n);
	}
	size_t old = *(size_t *)((char *)p - header);
	if (n <= old) {
		return p;
	}
	size_t m = round16(n);
	if ((char *)p + old == next && m != 0 && m <= (size_t)(end - (char *)p)) {
		*(size_t *)((char *)p - header) = m; // the last block grows in place
		next = (char *)p + m;
		return p;
	}
	void *q = arenaMalloc(n);
	if (q != NULL) {
		memcpy(q, p, old);
	}
	return q;
}

static char *arenaStrdup(const char *s) {
	size_t n = strlen(s) + 1;
	char *d = arenaMalloc(n);
	if (d != NULL) {
		memcpy(d, s, n);
	}
	return d;
}

int arenaSetup(void) {
	// PROT_NONE reserves address space without committing memory.
	void *r = mmap(NULL, (size_t)slotSize * slotCount, PROT_NONE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r != MAP_FAILED) {
		region = r;
	}
	// Without the region every block comes from malloc: slower, not wrong.
	return xmlMemSetup(arenaFree, arenaMalloc, arenaRealloc, arenaStrdup);
}

void arenaPoison(int on) { poison = on; }

int arenaBegin(void) {
	int slot = -1;
	pthread_mutex_lock(&slotsMu);
	if (nfree > 0) {
		slot = freeSlots[--nfree];
	} else if (region != NULL && slotsMade < slotCount) {
		char *s = region + (size_t)slotSize * slotsMade;
		if (mprotect(s, slotSize, PROT_READ | PROT_WRITE) == 0) {
			slot = slotsMade++;
		}
	}
	pthread_mutex_unlock(&slotsMu);
	if (slot >= 0) {
		next = region + (size_t)slotSize * slot;
		end = next + slotSize;
	}
	return slot;
}

void arenaEnd(int slot) {
	if (slot < 0) {
		return;
	}
	char *base = region + (size_t)slotSize * slot;
	if (poison) {
		// A block libxml2 kept past the call would now read as junk.
		memset(base, 0xA5, (size_t)(next - base));
	}
	if (next - base > keep) {
		// A large document: give the pages past keep back to the system.
		madvise(base + keep, (size_t)(next - base - keep), MADV_DONTNEED);
	}
	next = end = NULL;
	pthread_mutex_lock(&slotsMu);
	freeSlots[nfree++] = slot;
	pthread_mutex_unlock(&slotsMu);
}
