// The arena allocator libxml2 uses during a validate call (arena.c).

// arenaSetup installs the allocator; call it once, before xmlInitParser.
int arenaSetup(void);

// arenaBegin gives the calling thread a slot until arenaEnd; it returns
// the slot, or -1 if there is none (the call then uses malloc).
int arenaBegin(void);
void arenaEnd(int slot);

// arenaPoison makes arenaEnd fill what the call used with junk (tests).
void arenaPoison(int on);
