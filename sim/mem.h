/* mem.h: the memory layer: the one place that decides what a load returns. */
#ifndef EVSIM_MEM_H
#define EVSIM_MEM_H

#include <stddef.h>
#include "evsim-site.h"

/*
 * Every atomic a simulated thread performs goes through a memory model.
 * The engine never touches shared words itself for an atomic: it asks the
 * model, which sees the thread, the address, the operation and the ordering
 * the call site asked for (relaxed, acquire, release, seq_cst), and every
 * barrier (which is not a step, but may matter to a weaker model).
 *
 * Sequential consistency ("sc") is one global memory: a load returns the
 * last store.  A weaker model keeps extra state (x86-TSO: a FIFO store
 * buffer per thread; an ARM-like model: per-location views) in `state`,
 * `state_size` bytes that the engine includes in every global state vector
 * and restores with it; buffered stores that may drain become extra enabled
 * transitions (`pending`/`drain`).  Adding such a model touches this file and
 * the model's own, never impl/.
 */
struct evsim_memmodel {
    const char *name;           /* "sc" */
    const char *summary;        /* one line for `evsim list` */
    size_t state_size;          /* bytes of model state in a global state */
    void (*reset)(void *state);
    /* Atomic load of *p by thread t. */
    unsigned (*load)(void *state, int t, unsigned *p, enum evsim_order o);
    /*
     * Atomic read-modify-write (a store is kind EVSIM_OP_STORE) by thread t:
     * returns the old value and stores the new one in *newval.
     */
    unsigned (*rmw)(void *state, int t, enum evsim_op_kind kind, unsigned *p,
                    unsigned a, unsigned b, enum evsim_order o,
                    unsigned *newval);
    /* A barrier, or a kernel call (a full barrier), by thread t. */
    void (*fence)(void *state, int t, enum evsim_order o);
    /* Number of buffered stores that could drain now (0 under sc). */
    int (*pending)(const void *state);
};

/* The models evsim knows, by name; NULL when unknown. */
const struct evsim_memmodel *mem_find(const char *name);
extern const struct evsim_memmodel *const mem_models[];

/* Apply kind to old (with operands a, b): the value an RMW stores. */
unsigned mem_apply(enum evsim_op_kind kind, unsigned old, unsigned a,
                   unsigned b);

#endif /* EVSIM_MEM_H */
