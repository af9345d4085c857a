/* bigcount.c: unbounded counts as limb arrays in a pool. */
#include "bigcount.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void big_init(struct bigpool *bp)
{
    memset(bp, 0, sizeof *bp);
}

void big_free(struct bigpool *bp)
{
    free(bp->limb);
    memset(bp, 0, sizeof *bp);
}

static uint32_t big_alloc(struct bigpool *bp, size_t n)
{
    size_t off;

    if (bp->used + n > bp->cap) {
        size_t cap = bp->cap ? bp->cap : 4096;
        uint32_t *p;

        while (bp->used + n > cap)
            cap *= 2;
        p = realloc(bp->limb, cap * sizeof *p);
        if (p == NULL) {
            fprintf(stderr, "evsim: out of memory for counts\n");
            exit(2);
        }
        bp->limb = p;
        bp->cap = cap;
    }
    if (bp->used + n > UINT32_MAX) {
        fprintf(stderr, "evsim: too many counts\n");
        exit(2);
    }
    off = bp->used;
    bp->used += n;
    return (uint32_t)off;
}

bigref big_one(struct bigpool *bp)
{
    bigref r;

    r.off = big_alloc(bp, 1);
    r.len = 1;
    bp->limb[r.off] = 1;
    return r;
}

bigref big_u64(struct bigpool *bp, uint64_t v)
{
    bigref r = { 0, 0 };

    if (v == 0)
        return r;
    r.len = v >> 32 ? 2 : 1;
    r.off = big_alloc(bp, r.len);
    bp->limb[r.off] = (uint32_t)v;
    if (r.len == 2)
        bp->limb[r.off + 1] = (uint32_t)(v >> 32);
    return r;
}

int big_is_zero(bigref a)
{
    return a.len == 0;
}

bigref big_add(struct bigpool *bp, bigref a, bigref b)
{
    bigref r;
    uint64_t carry = 0;
    uint32_t i, n;

    if (a.len == 0)
        return b;
    if (b.len == 0)
        return a;
    n = (a.len > b.len ? a.len : b.len) + 1;
    r.off = big_alloc(bp, n);           /* may move bp->limb: index late */
    for (i = 0; i < n; i++) {
        uint64_t s = carry;

        if (i < a.len)
            s += bp->limb[a.off + i];
        if (i < b.len)
            s += bp->limb[b.off + i];
        bp->limb[r.off + i] = (uint32_t)s;
        carry = s >> 32;
    }
    while (n > 0 && bp->limb[r.off + n - 1] == 0)
        n--;
    bp->used = r.off + n;               /* give back the unused top limb */
    r.len = n;
    return r;
}

void big_format(const struct bigpool *bp, bigref a, char *buf, size_t n)
{
    uint32_t tmp[64];
    char digits[700];
    size_t nd = 0, i;
    uint32_t len = a.len;

    if (n == 0)
        return;
    if (len == 0) {
        snprintf(buf, n, "0");
        return;
    }
    if (len > 64) {
        snprintf(buf, n, "(more than 10^600)");
        return;
    }
    memcpy(tmp, bp->limb + a.off, len * sizeof *tmp);
    while (len > 0) {
        uint64_t rem = 0;

        for (i = len; i-- > 0;) {
            uint64_t cur = (rem << 32) | tmp[i];

            tmp[i] = (uint32_t)(cur / 10);
            rem = cur % 10;
        }
        digits[nd++] = (char)('0' + rem);
        while (len > 0 && tmp[len - 1] == 0)
            len--;
    }
    for (i = 0; i < nd && i + 1 < n; i++)
        buf[i] = digits[nd - 1 - i];
    buf[i] = '\0';
}
