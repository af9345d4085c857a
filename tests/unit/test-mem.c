/* test-mem.c: mem_apply for every operation, and the "sc" memory model. */
#include "unit.h"

#include "mem.h"
#include "qemu-event.h"

UNIT_TEST(mem_apply_store_xchg)
{
    CHECK_EQ_U64(mem_apply(EVSIM_OP_STORE, 5, 9, 77), 9);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_STORE, 0xffffffffu, 0, 77), 0);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_XCHG, 5, 9, 77), 9);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_XCHG, EV_FREE, EV_SET, 0), EV_SET);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_XCHG, EV_SET, EV_BUSY, 0), EV_BUSY);
}

UNIT_TEST(mem_apply_cmpxchg)
{
    /* match: the new value is b */
    CHECK_EQ_U64(mem_apply(EVSIM_OP_CMPXCHG, EV_FREE, EV_FREE, EV_BUSY),
                 EV_BUSY);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_CMPXCHG, 0, 0, 1), 1);
    /* mismatch: unchanged */
    CHECK_EQ_U64(mem_apply(EVSIM_OP_CMPXCHG, EV_SET, EV_FREE, EV_BUSY),
                 EV_SET);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_CMPXCHG, EV_BUSY, EV_FREE, EV_SET),
                 EV_BUSY);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_CMPXCHG, 7, 8, 9), 7);
}

UNIT_TEST(mem_apply_or_and_add)
{
    /* qemu-event.h: reset ORs in EV_FREE; BUSY and FREE absorb it. */
    CHECK_EQ_U64(mem_apply(EVSIM_OP_OR, EV_BUSY, EV_FREE, 0), EV_BUSY);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_OR, EV_SET, EV_FREE, 0), EV_FREE);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_OR, EV_FREE, EV_FREE, 0), EV_FREE);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_OR, 0x0f0u, 0x00fu, 0), 0x0ffu);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_AND, 0x0ffu, 0xf0fu, 0), 0x00fu);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_AND, EV_BUSY, EV_FREE, 0), EV_FREE);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_AND, 6, 0, 0), 0);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_ADD, 40, 2, 0), 42);
    /* Unsigned wraparound: -1 + 1 == 0, and adding -1 decrements. */
    CHECK_EQ_U64(mem_apply(EVSIM_OP_ADD, 0xffffffffu, 1, 0), 0);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_ADD, 0xfffffff0u, 0x20, 0), 0x10);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_ADD, 5, (unsigned)-1, 0), 4);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_ADD, 0, (unsigned)-1, 0), 0xffffffffu);
}

UNIT_TEST(mem_apply_non_rmw_leaves_old)
{
    CHECK_EQ_U64(mem_apply(EVSIM_OP_LOAD, 123, 4, 5), 123);
    CHECK_EQ_U64(mem_apply(EVSIM_OP_FENCE, 123, 4, 5), 123);
}

UNIT_TEST(mem_sc_model)
{
    const struct evsim_memmodel *m = mem_find("sc");
    unsigned word = EV_FREE, newval = 12345, old;
    unsigned char state[1] = { 0 };

    if (!CHECK(m != NULL))
        return;
    CHECK_STR(m->name, "sc");
    CHECK(m->summary != NULL && m->summary[0] != '\0');
    CHECK_EQ_U64(m->state_size, 0);
    CHECK(m == mem_models[0]);
    m->reset(state);
    CHECK_EQ_U64(m->pending(state), 0);
    CHECK_EQ_U64(m->load(state, 0, &word, EVSIM_SEQ_CST), EV_FREE);
    /* A load does not change memory. */
    CHECK_EQ_U64(word, EV_FREE);
    /* cmpxchg FREE -> BUSY that matches: old value back, new one stored */
    old = m->rmw(state, 1, EVSIM_OP_CMPXCHG, &word, EV_FREE, EV_BUSY,
                 EVSIM_SEQ_CST, &newval);
    CHECK_EQ_U64(old, EV_FREE);
    CHECK_EQ_U64(newval, EV_BUSY);
    CHECK_EQ_U64(word, EV_BUSY);
    /* ...that does not match: memory unchanged */
    old = m->rmw(state, 0, EVSIM_OP_CMPXCHG, &word, EV_FREE, EV_SET,
                 EVSIM_RELAXED, &newval);
    CHECK_EQ_U64(old, EV_BUSY);
    CHECK_EQ_U64(newval, EV_BUSY);
    CHECK_EQ_U64(word, EV_BUSY);
    /* Every thread sees the last store at once (no store buffer). */
    old = m->rmw(state, 1, EVSIM_OP_XCHG, &word, EV_SET, 0, EVSIM_RELEASE,
                 &newval);
    CHECK_EQ_U64(old, EV_BUSY);
    CHECK_EQ_U64(m->load(state, 0, &word, EVSIM_RELAXED), EV_SET);
    CHECK_EQ_U64(m->load(state, 2, &word, EVSIM_ACQUIRE), EV_SET);
    old = m->rmw(state, 0, EVSIM_OP_OR, &word, EV_FREE, 0, EVSIM_SEQ_CST,
                 &newval);
    CHECK_EQ_U64(old, EV_SET);
    CHECK_EQ_U64(word, EV_FREE);
    old = m->rmw(state, 0, EVSIM_OP_STORE, &word, 7, 0, EVSIM_RELAXED,
                 &newval);
    CHECK_EQ_U64(old, EV_FREE);
    CHECK_EQ_U64(word, 7);
    old = m->rmw(state, 0, EVSIM_OP_ADD, &word, (unsigned)-8, 0,
                 EVSIM_SEQ_CST, &newval);
    CHECK_EQ_U64(old, 7);
    CHECK_EQ_U64(word, 0xffffffffu);
    m->fence(state, 0, EVSIM_SEQ_CST);  /* a no-op under sc */
    CHECK_EQ_U64(word, 0xffffffffu);
    CHECK_EQ_U64(m->pending(state), 0);
}

UNIT_TEST(mem_find_names)
{
    int i;

    CHECK(mem_find("sc") != NULL);
    CHECK(mem_find("SC") == NULL);
    CHECK(mem_find("tso") == NULL);
    CHECK(mem_find("") == NULL);
    CHECK(mem_find("sc ") == NULL);
    CHECK(mem_find("nosuch") == NULL);
    for (i = 0; mem_models[i] != NULL; i++)
        CHECK(mem_find(mem_models[i]->name) == mem_models[i]);
    CHECK(i >= 1);
}
