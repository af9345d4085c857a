/* statetab.c: interning tables (open addressing, full comparison). */
#include "statetab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *statetab_grow(void *p, size_t n, size_t size)
{
    void *q = realloc(p, n * size);

    if (q == NULL) {
        fprintf(stderr, "evsim: out of memory for the state table "
                "(%zu entries)\n", n);
        exit(2);
    }
    return q;
}

void statetab_init(struct statetab *t)
{
    memset(t, 0, sizeof *t);
}

void statetab_free(struct statetab *t)
{
    free(t->arena);
    free(t->off);
    free(t->len);
    free(t->hash);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

uint64_t statetab_hash(const void *bytes, size_t len)
{
    const unsigned char *p = bytes;
    uint64_t h = 0x243f6a8885a308d3ull ^ (len * 0x9e3779b97f4a7c15ull);

    while (len >= 8) {
        uint64_t w;

        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    if (len > 0) {
        uint64_t w = 0;

        memcpy(&w, p, len);
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static size_t statetab_probe(const struct statetab *t, const void *bytes,
                             size_t len, uint64_t h)
{
    size_t mask = t->nslot - 1;
    size_t i = (size_t)h & mask;

    for (;;) {
        uint32_t s = t->slot[i];

        if (s == 0)
            return i;
        s--;
        if (t->hash[s] == h && t->len[s] == len &&
            memcmp(t->arena + t->off[s], bytes, len) == 0)
            return i;
        i = (i + 1) & mask;
    }
}

static void statetab_rehash(struct statetab *t)
{
    size_t nslot = t->nslot ? t->nslot * 2 : 1024;
    uint32_t id;

    free(t->slot);
    t->slot = calloc(nslot, sizeof *t->slot);
    if (t->slot == NULL) {
        fprintf(stderr, "evsim: out of memory for the state table\n");
        exit(2);
    }
    t->nslot = nslot;
    for (id = 0; id < t->n; id++) {
        size_t i = (size_t)t->hash[id] & (nslot - 1);

        while (t->slot[i] != 0)
            i = (i + 1) & (nslot - 1);
        t->slot[i] = id + 1;
    }
}

uint32_t statetab_find(const struct statetab *t, const void *bytes, size_t len)
{
    size_t i;

    if (t->nslot == 0)
        return STATETAB_NONE;
    i = statetab_probe(t, bytes, len, statetab_hash(bytes, len));
    return t->slot[i] ? t->slot[i] - 1 : STATETAB_NONE;
}

uint32_t statetab_intern(struct statetab *t, const void *bytes, size_t len,
                         int *added)
{
    uint64_t h = statetab_hash(bytes, len);
    uint32_t id;
    size_t i;

    if (t->nslot == 0 || (size_t)(t->n + 1) * 2 > t->nslot)
        statetab_rehash(t);
    i = statetab_probe(t, bytes, len, h);
    if (t->slot[i] != 0) {
        *added = 0;
        return t->slot[i] - 1;
    }
    if (t->n == UINT32_MAX - 1) {
        fprintf(stderr, "evsim: more than 2^32 states\n");
        exit(2);
    }
    if (t->n == t->ncap) {
        t->ncap = t->ncap ? t->ncap * 2 : 1024;
        t->off = statetab_grow(t->off, t->ncap, sizeof *t->off);
        t->len = statetab_grow(t->len, t->ncap, sizeof *t->len);
        t->hash = statetab_grow(t->hash, t->ncap, sizeof *t->hash);
    }
    if (t->used + len > t->cap || t->arena == NULL) {
        while (t->used + len > t->cap || t->cap == 0)
            t->cap = t->cap ? t->cap * 2 : 65536;
        t->arena = statetab_grow(t->arena, t->cap, 1);
    }
    id = t->n++;
    if (len > 0)
        memcpy(t->arena + t->used, bytes, len);
    t->off[id] = t->used;
    t->len[id] = (uint32_t)len;
    t->hash[id] = h;
    t->used += len;
    t->slot[i] = id + 1;
    *added = 1;
    return id;
}

const unsigned char *statetab_get(const struct statetab *t, uint32_t id,
                                  size_t *len)
{
    *len = t->len[id];
    return t->arena + t->off[id];
}

size_t statetab_bytes(const struct statetab *t)
{
    return t->cap + (size_t)t->ncap * (sizeof *t->off + sizeof *t->len +
                                       sizeof *t->hash) +
           t->nslot * sizeof *t->slot;
}
