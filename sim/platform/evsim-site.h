/* evsim-site.h: what a vocabulary call tells the engine (the platform's ABI). */
#ifndef EVSIM_SITE_H
#define EVSIM_SITE_H

#include <stdint.h>

/* What an operation does.  Steps unless marked otherwise. */
enum evsim_op_kind {
    EVSIM_OP_LOAD,              /* returns *p */
    EVSIM_OP_STORE,             /* *p = a */
    EVSIM_OP_XCHG,              /* returns old *p, *p = a */
    EVSIM_OP_CMPXCHG,           /* returns old *p, *p = b if old == a */
    EVSIM_OP_OR,                /* returns old *p, *p |= a */
    EVSIM_OP_AND,               /* returns old *p, *p &= a */
    EVSIM_OP_ADD,               /* returns old *p, *p += a */
    EVSIM_OP_FENCE,             /* not a step */
    EVSIM_OP_SET_EVENT,         /* SetEvent(h): signal, release all waiters */
    EVSIM_OP_RESET_EVENT,       /* ResetEvent(h) */
    EVSIM_OP_WAIT_EVENT,        /* WaitForSingleObject(h, ms) */
    EVSIM_OP_FUTEX_WAIT,        /* sleep on p if *p == a, atomically */
    EVSIM_OP_FUTEX_WAKE,        /* release up to a sleepers on p */
    EVSIM_OP_MUTEX_LOCK,        /* p: the mutex's owner word */
    EVSIM_OP_MUTEX_UNLOCK,
    EVSIM_OP_COND_WAIT,         /* p: the condvar, a: the mutex's owner word */
    EVSIM_OP_COND_WAKE,         /* release up to a sleepers on p */
    EVSIM_OP_ASSERT,            /* a failed assert(): not a step, a verdict */
    EVSIM_OP_RETURN,            /* engine-made: a released sleeper returns */
    EVSIM_OP__COUNT
};

/* Memory order the call asks for; the memory layer decides what it means. */
enum evsim_order {
    EVSIM_RELAXED,
    EVSIM_ACQUIRE,
    EVSIM_RELEASE,
    EVSIM_SEQ_CST
};

/* One call site in the source, described once at compile time. */
struct evsim_site {
    enum evsim_op_kind kind;    /* what it does */
    enum evsim_order order;     /* ordering it asks for */
    const char *name;           /* "atomic_xchg" */
    const char *text;           /* "atomic_xchg(&ev->value, EV_SET)", as written */
    const char *file;           /* __FILE__ */
    int line;                   /* __LINE__ */
};

/*
 * Entry points.  Called from a simulated thread, each of these (but fences,
 * CreateEvent and CloseHandle) parks the thread until the scheduler runs its
 * step, and returns the step's result.  Called outside a simulated thread
 * (a scenario's set-up or tear-down), they act at once, and are not steps.
 */
unsigned evsim_atomic(const struct evsim_site *site, unsigned *p,
                      unsigned a, unsigned b);
uintptr_t evsim_kcall(const struct evsim_site *site, uintptr_t a, uintptr_t b);
void evsim_fence(const struct evsim_site *site);
void *evsim_create_event(int manual_reset, int initial);
int evsim_close_handle(void *h);
_Noreturn void evsim_assert_fail(const struct evsim_site *site);

#endif /* EVSIM_SITE_H */
