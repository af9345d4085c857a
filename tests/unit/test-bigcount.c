/* test-bigcount.c: unbounded counts: construction, carries, decimal text. */
#include "unit.h"

#include "bigcount.h"

static bigref twice(struct bigpool *bp, bigref a)
{
    return big_add(bp, a, a);
}

/* 10 * a, as 8a + 2a: additions only. */
static bigref times_ten(struct bigpool *bp, bigref a)
{
    bigref a2 = twice(bp, a), a8 = twice(bp, twice(bp, a2));

    return big_add(bp, a8, a2);
}

/* 2^k by doubling 1. */
static bigref power_of_two(struct bigpool *bp, int k)
{
    bigref r = big_one(bp);

    while (k-- > 0)
        r = twice(bp, r);
    return r;
}

static const char *fmt(const struct bigpool *bp, bigref a)
{
    static char buf[1000];

    big_format(bp, a, buf, sizeof buf);
    return buf;
}

UNIT_TEST(big_small_values)
{
    struct bigpool bp;
    bigref z, one, u;

    big_init(&bp);
    z = big_u64(&bp, 0);
    CHECK(big_is_zero(z));
    CHECK_STR(fmt(&bp, z), "0");
    one = big_one(&bp);
    CHECK(!big_is_zero(one));
    CHECK_STR(fmt(&bp, one), "1");
    CHECK_STR(fmt(&bp, big_u64(&bp, 1)), "1");
    CHECK_STR(fmt(&bp, big_u64(&bp, 9)), "9");
    CHECK_STR(fmt(&bp, big_u64(&bp, 10)), "10");
    CHECK_STR(fmt(&bp, big_u64(&bp, 4294967295u)), "4294967295");
    CHECK_STR(fmt(&bp, big_u64(&bp, 4294967296u)), "4294967296");
    u = big_u64(&bp, UINT64_MAX);
    CHECK_EQ_U64(u.len, 2);
    CHECK_STR(fmt(&bp, u), "18446744073709551615");
    /* Zero is the identity, and adding it returns the other operand. */
    CHECK_STR(fmt(&bp, big_add(&bp, z, u)), "18446744073709551615");
    CHECK_STR(fmt(&bp, big_add(&bp, u, z)), "18446744073709551615");
    CHECK(big_is_zero(big_add(&bp, z, z)));
    CHECK_STR(fmt(&bp, big_add(&bp, one, one)), "2");
    big_free(&bp);
}

UNIT_TEST(big_carries_across_limbs)
{
    struct bigpool bp;
    bigref a, b, r;
    int i;

    big_init(&bp);
    /* 2^32 - 1 + 1: a carry out of the first limb into a new one. */
    r = big_add(&bp, big_u64(&bp, 0xffffffffu), big_one(&bp));
    CHECK_EQ_U64(r.len, 2);
    CHECK_STR(fmt(&bp, r), "4294967296");
    /* 2^64 - 1 + 1: a carry through two limbs into a third. */
    r = big_add(&bp, big_u64(&bp, UINT64_MAX), big_one(&bp));
    CHECK_EQ_U64(r.len, 3);
    CHECK_STR(fmt(&bp, r), "18446744073709551616");
    CHECK_STR(fmt(&bp, power_of_two(&bp, 64)), "18446744073709551616");
    /* 2^96 - 1 = (2^64 - 1) * 2^32 + (2^32 - 1); + 1 carries through
     * three limbs. */
    a = big_u64(&bp, UINT64_MAX);
    for (i = 0; i < 32; i++)
        a = twice(&bp, a);
    a = big_add(&bp, a, big_u64(&bp, 0xffffffffu));
    CHECK_EQ_U64(a.len, 3);
    CHECK_STR(fmt(&bp, a), "79228162514264337593543950335");
    r = big_add(&bp, a, big_one(&bp));
    CHECK_EQ_U64(r.len, 4);
    CHECK_STR(fmt(&bp, r), "79228162514264337593543950336");
    /* The short operand first, then second. */
    CHECK_STR(fmt(&bp, big_add(&bp, big_one(&bp), a)),
              "79228162514264337593543950336");
    b = big_add(&bp, power_of_two(&bp, 96), big_one(&bp));
    CHECK_STR(fmt(&bp, b), "79228162514264337593543950337");
    /* 2^128 by doubling. */
    r = power_of_two(&bp, 128);
    CHECK_STR(fmt(&bp, r), "340282366920938463463374607431768211456");
    /* The inputs are never modified: a still reads 2^96 - 1. */
    CHECK_STR(fmt(&bp, a), "79228162514264337593543950335");
    big_free(&bp);
}

UNIT_TEST(big_powers_of_ten)
{
    struct bigpool bp;
    bigref r;
    char want[64];
    int k;

    big_init(&bp);
    r = big_one(&bp);
    want[0] = '1';
    for (k = 1; k <= 30; k++) {
        r = times_ten(&bp, r);
        want[k] = '0';
        want[k + 1] = '\0';
        if (!CHECK_STR(fmt(&bp, r), want))
            break;
    }
    CHECK_STR(fmt(&bp, r), "1000000000000000000000000000000");  /* 10^30 */
    /* 10^30 - 1, built digit by digit, plus 1 is 10^30 again. */
    {
        bigref nines = big_u64(&bp, 0), p = big_one(&bp);

        for (k = 0; k < 30; k++) {
            int d;

            for (d = 0; d < 9; d++)
                nines = big_add(&bp, nines, p);
            p = times_ten(&bp, p);
        }
        CHECK_STR(fmt(&bp, nines), "999999999999999999999999999999");
        CHECK_STR(fmt(&bp, big_add(&bp, nines, big_one(&bp))),
                  fmt(&bp, r));
    }
    big_free(&bp);
}

UNIT_TEST(big_pool_growth_keeps_refs)
{
    struct bigpool bp;
    bigref keep[100], r;
    char want[32];
    int i;

    big_init(&bp);
    for (i = 0; i < 100; i++)
        keep[i] = big_u64(&bp, (uint64_t)i * 1000000007u + 1);
    /* Far more limbs than the first allocation: the pool moves. */
    r = big_one(&bp);
    for (i = 0; i < 5000; i++)
        r = big_add(&bp, r, big_u64(&bp, 3));
    CHECK_STR(fmt(&bp, r), "15001");
    CHECK(bp.cap > 4096);
    for (i = 0; i < 100; i++) {
        snprintf(want, sizeof want, "%llu",
                 (unsigned long long)i * 1000000007u + 1);
        if (!CHECK_STR(fmt(&bp, keep[i]), want))
            break;
    }
    big_free(&bp);
}

UNIT_TEST(big_format_limits)
{
    struct bigpool bp;
    bigref r;
    char small[5], buf[1000];

    big_init(&bp);
    /* Too small a buffer truncates, NUL-terminated. */
    big_format(&bp, big_u64(&bp, 4294967296u), small, sizeof small);
    CHECK_STR(small, "4294");
    big_format(&bp, big_u64(&bp, 0), small, 2);
    CHECK_STR(small, "0");
    /* 2^2047: 64 limbs, the most big_format prints: 617 digits (first
     * and last twenty from Python's int). */
    r = power_of_two(&bp, 2047);
    CHECK_EQ_U64(r.len, 64);
    big_format(&bp, r, buf, sizeof buf);
    CHECK_EQ_U64(strlen(buf), 617);
    CHECK(strncmp(buf, "16158503035655503650", 20) == 0);
    CHECK_STR(buf + 597, "77926805529798115328");
    /* 2^2048 has 65 limbs: named, not printed. */
    r = twice(&bp, r);
    CHECK_EQ_U64(r.len, 65);
    big_format(&bp, r, buf, sizeof buf);
    CHECK_STR(buf, "(more than 10^600)");
    big_free(&bp);
}
