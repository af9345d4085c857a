/* mem.c: memory models; sequential consistency for now. */
#include "mem.h"

#include <string.h>

unsigned mem_apply(enum evsim_op_kind kind, unsigned old, unsigned a,
                   unsigned b)
{
    switch (kind) {
    case EVSIM_OP_STORE:
    case EVSIM_OP_XCHG:
        return a;
    case EVSIM_OP_CMPXCHG:
        return old == a ? b : old;
    case EVSIM_OP_OR:
        return old | a;
    case EVSIM_OP_AND:
        return old & a;
    case EVSIM_OP_ADD:
        return old + a;
    default:
        return old;
    }
}

/* ---- sc: one memory, every access in one global order ---- */

static void mem_sc_reset(void *state)
{
    (void)state;
}

static unsigned mem_sc_load(void *state, int t, unsigned *p,
                            enum evsim_order o)
{
    (void)state, (void)t, (void)o;
    return *p;
}

static unsigned mem_sc_rmw(void *state, int t, enum evsim_op_kind kind,
                           unsigned *p, unsigned a, unsigned b,
                           enum evsim_order o, unsigned *newval)
{
    unsigned old = *p;

    (void)state, (void)t, (void)o;
    *newval = mem_apply(kind, old, a, b);
    *p = *newval;
    return old;
}

static void mem_sc_fence(void *state, int t, enum evsim_order o)
{
    (void)state, (void)t, (void)o;
}

static int mem_sc_pending(const void *state)
{
    (void)state;
    return 0;
}

static const struct evsim_memmodel mem_sc = {
    .name = "sc",
    .summary = "sequential consistency: every access in one global order",
    .state_size = 0,
    .reset = mem_sc_reset,
    .load = mem_sc_load,
    .rmw = mem_sc_rmw,
    .fence = mem_sc_fence,
    .pending = mem_sc_pending,
};

const struct evsim_memmodel *const mem_models[] = { &mem_sc, NULL };

const struct evsim_memmodel *mem_find(const char *name)
{
    int i;

    for (i = 0; mem_models[i] != NULL; i++)
        if (strcmp(mem_models[i]->name, name) == 0)
            return mem_models[i];
    return NULL;
}
