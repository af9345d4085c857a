/* bigcount.h: exact unbounded counts of schedules (they outgrow 64 bits). */
#ifndef EVSIM_BIGCOUNT_H
#define EVSIM_BIGCOUNT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Counts live in a pool of 32-bit limbs (least significant first) and are
 * named by a bigref; a count is never modified in place, so refs stay valid.
 * A zero count needs no limbs.  rcu:3,3 already has about 10^28 schedules.
 */
typedef struct { uint32_t off, len; } bigref;

struct bigpool {
    uint32_t *limb;
    size_t used, cap;
};

void big_init(struct bigpool *bp);
void big_free(struct bigpool *bp);
/* The count 1. */
bigref big_one(struct bigpool *bp);
/* The count v. */
bigref big_u64(struct bigpool *bp, uint64_t v);
/* A new count, a + b. */
bigref big_add(struct bigpool *bp, bigref a, bigref b);
int big_is_zero(bigref a);
/* Decimal text of a into buf (n >= 2); "0" for zero.  Truncates only if
 * n is too small, which callers avoid with n >= 12 * limbs. */
void big_format(const struct bigpool *bp, bigref a, char *buf, size_t n);

#endif /* EVSIM_BIGCOUNT_H */
