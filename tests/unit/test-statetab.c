/* test-statetab.c: interning: ids, growth, lengths, bucket collisions. */
#include "unit.h"

#include "statetab.h"

/* Make a deterministic string of length len from key k into buf. */
static size_t make_string(unsigned char *buf, uint32_t k, size_t len)
{
    uint32_t x = k * 2654435761u + 1;
    size_t i;

    for (i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 16);
    }
    if (len >= 4)
        memcpy(buf, &k, 4);             /* distinct keys, distinct strings */
    return len;
}

UNIT_TEST(statetab_same_bytes_same_id)
{
    struct statetab t;
    int added = -1;
    uint32_t a, b, c;
    char copy[6];

    statetab_init(&t);
    CHECK_EQ_U64(statetab_find(&t, "hello", 5), STATETAB_NONE);
    a = statetab_intern(&t, "hello", 5, &added);
    CHECK_EQ_U64(a, 0);
    CHECK_EQ_U64(added, 1);
    memcpy(copy, "hello", 6);           /* equal bytes at another address */
    b = statetab_intern(&t, copy, 5, &added);
    CHECK_EQ_U64(b, a);
    CHECK_EQ_U64(added, 0);
    CHECK_EQ_U64(t.n, 1);
    c = statetab_intern(&t, "hellp", 5, &added);
    CHECK_EQ_U64(c, 1);
    CHECK_EQ_U64(added, 1);
    /* A prefix is a different string. */
    CHECK_EQ_U64(statetab_intern(&t, "hell", 4, &added), 2);
    CHECK_EQ_U64(added, 1);
    CHECK_EQ_U64(statetab_find(&t, "hello", 5), 0);
    CHECK_EQ_U64(statetab_find(&t, "hellp", 5), 1);
    CHECK_EQ_U64(statetab_find(&t, "hell", 4), 2);
    CHECK_EQ_U64(statetab_find(&t, "hel", 3), STATETAB_NONE);
    CHECK_EQ_U64(statetab_find(&t, "hello!", 6), STATETAB_NONE);
    CHECK(statetab_bytes(&t) > 0);
    statetab_free(&t);
    CHECK_EQ_U64(t.n, 0);
    CHECK(t.arena == NULL && t.slot == NULL);
}

UNIT_TEST(statetab_dense_ids_in_order)
{
    struct statetab t;
    unsigned char buf[16];
    uint32_t k;
    int added, ok = 1;

    statetab_init(&t);
    for (k = 0; k < 100; k++) {
        make_string(buf, k, sizeof buf);
        if (statetab_intern(&t, buf, sizeof buf, &added) != k || !added)
            ok = 0;
    }
    CHECK(ok);
    CHECK_EQ_U64(t.n, 100);
    /* Again, in reverse: every one is known, nothing is added. */
    for (k = 100; k-- > 0;) {
        make_string(buf, k, sizeof buf);
        if (statetab_intern(&t, buf, sizeof buf, &added) != k || added)
            ok = 0;
    }
    CHECK(ok);
    CHECK_EQ_U64(t.n, 100);
    statetab_free(&t);
}

/* Enough strings to rehash the slot table several times (1024 slots at
 * first, doubled at half load) and to grow the arena past 65536 bytes. */
#define MANY 50000

UNIT_TEST(statetab_growth_and_rehash)
{
    struct statetab t;
    unsigned char buf[64];
    uint32_t k;
    size_t nslot_before;
    int added, bad_intern = 0, bad_get = 0, bad_find = 0, bad_again = 0;

    statetab_init(&t);
    for (k = 0; k < MANY; k++) {
        size_t len = make_string(buf, k, 4 + k % 60);   /* 4..63 bytes */

        if (statetab_intern(&t, buf, len, &added) != k || !added)
            bad_intern++;
    }
    CHECK_EQ_U64(bad_intern, 0);
    CHECK_EQ_U64(t.n, MANY);
    CHECK(t.nslot >= 2 * (size_t)MANY);     /* at most half full */
    CHECK_EQ_U64(t.nslot & (t.nslot - 1), 0);
    CHECK(t.cap >= t.used);
    nslot_before = t.nslot;
    for (k = 0; k < MANY; k++) {
        size_t len = make_string(buf, k, 4 + k % 60), glen = 0;
        const unsigned char *p = statetab_get(&t, k, &glen);

        if (glen != len || memcmp(p, buf, len) != 0)
            bad_get++;
        if (statetab_find(&t, buf, len) != k)
            bad_find++;
        if (statetab_intern(&t, buf, len, &added) != k || added)
            bad_again++;
    }
    CHECK_EQ_U64(bad_get, 0);
    CHECK_EQ_U64(bad_find, 0);
    CHECK_EQ_U64(bad_again, 0);
    CHECK_EQ_U64(t.n, MANY);
    CHECK_EQ_U64(t.nslot, nslot_before);    /* no growth for known strings */
    /* Strings never added are not found. */
    for (k = MANY; k < MANY + 1000; k++) {
        size_t len = make_string(buf, k, 4 + k % 60);

        if (statetab_find(&t, buf, len) != STATETAB_NONE)
            bad_find++;
    }
    CHECK_EQ_U64(bad_find, 0);
    statetab_free(&t);
}

UNIT_TEST(statetab_variable_lengths)
{
    struct statetab t;
    static unsigned char big[200000];
    const unsigned char *p;
    size_t len = 99;
    uint32_t empty, z1, z2, z3, b;
    int added;

    statetab_init(&t);
    CHECK_EQ_U64(statetab_intern(&t, "first", 5, &added), 0);
    /* The empty string (see also statetab_empty_string_first). */
    empty = statetab_intern(&t, "", 0, &added);
    CHECK_EQ_U64(empty, 1);
    CHECK_EQ_U64(added, 1);
    CHECK_EQ_U64(statetab_intern(&t, "x", 0, &added), empty);
    CHECK_EQ_U64(added, 0);
    CHECK_EQ_U64(statetab_find(&t, "", 0), empty);
    p = statetab_get(&t, empty, &len);
    CHECK_EQ_U64(len, 0);
    (void)p;
    /* Strings of zeros of different lengths differ (the hash mixes in the
     * length, and the comparison checks it). */
    z1 = statetab_intern(&t, "\0\0\0\0\0\0\0\0", 1, &added);
    z2 = statetab_intern(&t, "\0\0\0\0\0\0\0\0", 2, &added);
    z3 = statetab_intern(&t, "\0\0\0\0\0\0\0\0", 8, &added);
    CHECK(z1 != empty && z2 != empty && z3 != empty);
    CHECK(z1 != z2 && z2 != z3 && z1 != z3);
    CHECK_EQ_U64(t.n, 5);
    /* One string larger than the arena's first allocation. */
    memset(big, 0xab, sizeof big);
    b = statetab_intern(&t, big, sizeof big, &added);
    CHECK_EQ_U64(b, 5);
    CHECK_EQ_U64(statetab_intern(&t, big, sizeof big, &added), b);
    CHECK_EQ_U64(added, 0);
    big[sizeof big - 1] ^= 1;           /* the last byte differs */
    CHECK_EQ_U64(statetab_intern(&t, big, sizeof big, &added), 6);
    CHECK_EQ_U64(added, 1);
    big[sizeof big - 1] ^= 1;
    p = statetab_get(&t, b, &len);
    CHECK_EQ_U64(len, sizeof big);
    CHECK(memcmp(p, big, sizeof big) == 0);
    p = statetab_get(&t, z3, &len);
    CHECK_EQ_U64(len, 8);
    CHECK(memcmp(p, "\0\0\0\0\0\0\0\0", 8) == 0);
    /* The empty string still reads back after the arena moved. */
    statetab_get(&t, empty, &len);
    CHECK_EQ_U64(len, 0);
    statetab_free(&t);
}

/*
 * Strings whose hashes pick the same bucket: the low 16 bits of the hash
 * are equal, so they share a bucket in every table of up to 65536 slots,
 * before and after each rehash.  The probe must compare them in full.
 */
#define COLLIDERS 40

UNIT_TEST(statetab_bucket_collisions)
{
    struct statetab t;
    uint32_t key[COLLIDERS], k, target;
    unsigned char buf[8];
    int n = 0, i, added, ok = 1;

    make_string(buf, 0, sizeof buf);
    target = (uint32_t)statetab_hash(buf, sizeof buf) & 0xffff;
    for (k = 0; n < COLLIDERS && k < 100000000u; k++) {
        make_string(buf, k, sizeof buf);
        if (((uint32_t)statetab_hash(buf, sizeof buf) & 0xffff) == target)
            key[n++] = k;
    }
    if (!CHECK_EQ_U64(n, COLLIDERS))
        return;
    statetab_init(&t);
    for (i = 0; i < n; i++) {
        make_string(buf, key[i], sizeof buf);
        if (statetab_intern(&t, buf, sizeof buf, &added) != (uint32_t)i ||
            !added)
            ok = 0;
    }
    CHECK(ok);
    CHECK_EQ_U64(t.n, COLLIDERS);
    /* Grow the table past 65536 slots with other strings, then look the
     * colliding ones up again. */
    for (k = 0; k < 40000; k++) {
        unsigned char other[12];

        make_string(other, k, sizeof other);
        statetab_intern(&t, other, sizeof other, &added);
    }
    CHECK(t.nslot > 65536);
    for (i = 0; i < n; i++) {
        size_t len;

        make_string(buf, key[i], sizeof buf);
        if (statetab_find(&t, buf, sizeof buf) != (uint32_t)i)
            ok = 0;
        if (memcmp(statetab_get(&t, (uint32_t)i, &len), buf, 8) != 0 ||
            len != 8)
            ok = 0;
    }
    CHECK(ok);
    statetab_free(&t);
}

UNIT_TEST(statetab_hash_properties)
{
    unsigned char a[29], b[29];         /* three words and a 5-byte tail */

    memset(a, 7, sizeof a);
    memcpy(b, a, sizeof b);
    CHECK_EQ_U64(statetab_hash(a, sizeof a), statetab_hash(b, sizeof b));
    b[28] ^= 0x80;                      /* in the tail */
    CHECK(statetab_hash(a, sizeof a) != statetab_hash(b, sizeof b));
    b[28] ^= 0x80;
    b[0] ^= 1;                          /* in the first full word */
    CHECK(statetab_hash(a, sizeof a) != statetab_hash(b, sizeof b));
    /* Bytes past len do not count. */
    memcpy(b, a, sizeof b);
    b[20] = 99;
    CHECK_EQ_U64(statetab_hash(a, 20), statetab_hash(b, 20));
    CHECK(statetab_hash(a, 20) != statetab_hash(a, 21));
}

/*
 * Last, because under UBSan it stops the program.  The empty string as the
 * very first entry: the arena is still NULL, and statetab_intern copies the
 * zero bytes with memcpy(t->arena + t->used, bytes, 0), a null pointer
 * where memcpy's contract says never (sim/statetab.c, the memcpy into the
 * arena).  The engine interns "" as a finished thread's local state, the
 * first entry of that thread's table if it finishes before its first
 * capture.  Without UBSan the test passes.
 */
UNIT_TEST(statetab_empty_string_first)
{
    struct statetab t;
    size_t len = 99;
    int added;

    statetab_init(&t);
    CHECK_EQ_U64(statetab_intern(&t, "", 0, &added), 0);
    CHECK_EQ_U64(added, 1);
    CHECK_EQ_U64(statetab_find(&t, "", 0), 0);
    statetab_get(&t, 0, &len);
    CHECK_EQ_U64(len, 0);
    statetab_free(&t);
}
