/* statetab.h: interning tables: byte strings in, dense ids out. */
#ifndef EVSIM_STATETAB_H
#define EVSIM_STATETAB_H

#include <stddef.h>
#include <stdint.h>

/*
 * A statetab stores each distinct byte string once and numbers them 0, 1,
 * 2, ... in the order they were first seen.  Strings are compared in full
 * (the hash only picks the bucket), so two strings get the same id exactly
 * when they are equal: no hash-compaction false merges.
 *
 * The engine keeps one table of global states (fixed-size vectors) and one
 * table of local states per thread (variable-size stack images): a global
 * vector names each thread's local state by its id, as SPIN's collapse
 * compression does, so the stacks are stored once however many global
 * states share them.
 */
struct statetab {
    unsigned char *arena;       /* all strings, back to back */
    size_t used, cap;           /* bytes in use / allocated in arena */
    size_t *off;                /* per id: offset of its string in arena */
    uint32_t *len;              /* per id: its length */
    uint64_t *hash;             /* per id: its hash */
    uint32_t n, ncap;           /* ids in use / allocated */
    uint32_t *slot;             /* open addressing: id + 1, 0 when empty */
    size_t nslot;               /* a power of two */
};

#define STATETAB_NONE UINT32_MAX

void statetab_init(struct statetab *t);
void statetab_free(struct statetab *t);

/*
 * Return the id of `bytes`, adding it if new (then *added is 1, else 0).
 * Aborts with a message if memory runs out: a search cannot go on without
 * its table.
 */
uint32_t statetab_intern(struct statetab *t, const void *bytes, size_t len,
                         int *added);

/* The id of `bytes`, or STATETAB_NONE when it was never added. */
uint32_t statetab_find(const struct statetab *t, const void *bytes, size_t len);

/* The string with id `id` (which must exist); its length in *len. */
const unsigned char *statetab_get(const struct statetab *t, uint32_t id,
                                  size_t *len);

/* Bytes of memory the table holds. */
size_t statetab_bytes(const struct statetab *t);

/* The hash used by the table (64 bits, not cryptographic). */
uint64_t statetab_hash(const void *bytes, size_t len);

#endif /* EVSIM_STATETAB_H */
