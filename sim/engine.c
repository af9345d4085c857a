/* engine.c: simulated threads, the steps they take, and state capture. */

/*
 * Design in three parts.
 *
 * Threads.  Each simulated thread is a context (ctx.h) with its own stack.
 * A vocabulary call made on that stack fills an evsim_request there and
 * switches to the scheduler (engine_request); the scheduler performs the
 * request in engine_step and switches back; the thread then runs its local
 * code up to its next request, or to its end.  So a step is "perform the
 * pending operation, then run to the next one".
 *
 * Kernel.  Win32 events live in e->ev[] (signaled flag, open or closed); a
 * sleeping thread records what it sleeps on (wait, key), so the wait queue
 * of an object is the set of threads that name it.  Futexes, WaitOnAddress,
 * mutexes and condition variables are keyed by the offset of their word in
 * the shared region; a mutex's owner is a word of shared memory.  A woken
 * thread becomes RELEASED and its return from the wait is one more step.
 *
 * Capture.  engine_capture writes the global state vector: shared region,
 * memory-model state, events, then per thread (status, wait, key, key2,
 * local-state id), and interns it.  A thread's local state is interned only
 * when it has run since it was last interned (local_id == NONE).  Restore
 * copies back the vector, and the stack image of every thread whose local
 * state differs from the one it holds.
 *
 * Below the saved stack pointer the engine keeps the stack zeroed (see
 * engine_scrub), so that a frame's uninitialised slots never hold leftovers
 * of another schedule: a thread's stack image then depends only on its own
 * history, and the numbers of distinct states do not depend on the order of
 * the search.
 */
#include "engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define ENGINE_NO_ASAN __attribute__((no_sanitize_address))
#else
#define ENGINE_NO_ASAN
#endif

struct evsim_engine *engine_current;

static const char *const outcome_names[EVSIM_N_OUTCOMES] = {
    "pass", "lost-wakeup", "assertion", "illegal-transition", "misuse",
    "step-bound", "livelock",
};
static const char *const outcome_titles[EVSIM_N_OUTCOMES] = {
    "pass", "lost wakeup", "assertion failure", "illegal transition",
    "misuse", "step bound exceeded", "livelock",
};

const char *evsim_outcome_name(enum evsim_outcome o)
{
    return (unsigned)o < EVSIM_N_OUTCOMES ? outcome_names[o] : "?";
}

const char *evsim_outcome_title(enum evsim_outcome o)
{
    return (unsigned)o < EVSIM_N_OUTCOMES ? outcome_titles[o] : "?";
}

int evsim_outcome_parse(const char *s)
{
    int i;

    for (i = 0; i < EVSIM_N_OUTCOMES; i++)
        if (strcmp(s, outcome_names[i]) == 0)
            return i;
    return -1;
}

/* Per thread in the global vector. */
struct engine_tvec {
    uint8_t status, wait, spurious_left, pad;
    uint32_t key, key2, local_id;
};

/* At the head of a local-state string, before the stack image. */
struct engine_lhead {
    void *sp;
    struct evsim_request *req;
    const struct evsim_frame *frames;
};

static const char *engine_thread_name(const struct evsim_engine *e, int t)
{
    return e->th[t].role;
}

/* ---- violations ---- */

static void engine_violation(struct evsim_engine *e, int outcome,
                             const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void engine_violation(struct evsim_engine *e, int outcome,
                             const char *fmt, ...)
{
    va_list ap;

    if (e->outcome != EVSIM_PASS)
        return;                         /* the first one ends the execution */
    e->outcome = outcome;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

/* ---- threads ---- */

static void engine_thread_entry(void *arg)
{
    struct evsim_thread *th = arg;
    struct evsim_engine *e = engine_current;

    th->fn(th->arg);
    th->status = EVSIM_T_DONE;
    th->req = NULL;
    th->frames = NULL;
    ctx_switch(&th->sp, e->sched_sp);
    abort();                            /* a done thread is never resumed */
}

/* Zero n bytes of a thread's stack (word by word under ASan, as below). */
ENGINE_NO_ASAN static void engine_zero(unsigned char *p, size_t n)
{
#ifdef __SANITIZE_ADDRESS__
    volatile uint64_t *q = (volatile uint64_t *)p;
    size_t i;

    for (i = 0; i < n / 8; i++)
        q[i] = 0;
    for (i = n / 8 * 8; i < n; i++)
        ((volatile unsigned char *)p)[i] = 0;
#else
    memset(p, 0, n);
#endif
}

/*
 * Keep the stack below the saved stack pointer zero, down to just under the
 * lowest point a park ever reached (th->low): see the essay above.  A thread
 * writes nothing below its parking frame (ctx_switch saves its registers
 * above the saved stack pointer), so that range covers every leftover.
 * Not instrumented: it writes over the redzones of frames that are gone.
 */
ENGINE_NO_ASAN static void engine_scrub(struct evsim_thread *th)
{
    unsigned char *sp = th->sp;
    unsigned char *lo;

    if (th->low == NULL || sp < th->low)
        th->low = sp;
    lo = th->low - 256;
    if (lo < th->stack.lo + 64)
        lo = th->stack.lo + 64;
    engine_zero(lo, (size_t)(sp - lo));
}

static void engine_resume(struct evsim_engine *e, int t)
{
    struct evsim_thread *th = &e->th[t];

    e->current = t;
    ctx_switch(&e->sched_sp, th->sp);
    e->current = -1;
    if (!ctx_canary_ok(&th->stack)) {
        fprintf(stderr, "evsim: stack overflow in thread %c (%s): the "
                "canary at the bottom of its %d KiB stack is overwritten\n",
                th->letter, th->role, EVSIM_STACK_SIZE / 1024);
        exit(2);
    }
    th->local_id = STATETAB_NONE;
    if (th->status == EVSIM_T_RUNNABLE)
        engine_scrub(th);
}

/* Called on a thread's stack: park with a request, return its result. */
static uintptr_t engine_request(const struct evsim_site *site, uintptr_t p,
                                uintptr_t a, uintptr_t b)
{
    struct evsim_engine *e = engine_current;
    struct evsim_thread *th = &e->th[e->current];
    struct evsim_request req;

    memset(&req, 0, sizeof req);
    req.site = site;
    req.p = p;
    req.a = a;
    req.b = b;
    th->req = &req;
    ctx_switch(&th->sp, e->sched_sp);
    th->req = NULL;
    return req.result;
}

void engine_push_frame(struct evsim_frame *f)
{
    struct evsim_engine *e = engine_current;

    if (e == NULL || e->current < 0)
        return;
    f->up = e->th[e->current].frames;
    e->th[e->current].frames = f;
}

void engine_pop_frame(struct evsim_frame *f)
{
    struct evsim_engine *e = engine_current;

    if (e == NULL || e->current < 0)
        return;
    e->th[e->current].frames = f->up;
}

/* ---- shared memory ---- */

static int engine_in_shared(const struct evsim_engine *e, const void *p)
{
    const unsigned char *c = p;

    return c >= e->shared && c + 4 <= e->shared + e->shared_size &&
           ((uintptr_t)c & 3) == 0;
}

static uint32_t engine_offset(const struct evsim_engine *e, const void *p)
{
    return (uint32_t)((const unsigned char *)p - e->shared);
}

const char *engine_location_name(const struct evsim_engine *e, const void *p)
{
    int i;

    for (i = 0; i < e->nloc; i++)
        if (e->loc[i].addr == p)
            return e->loc[i].name;
    return NULL;
}

void engine_format_word(const struct evsim_engine *e, const void *p,
                        unsigned v, char *buf, size_t n)
{
    if (p != NULL && p == (const void *)e->state_word) {
        if (v == (unsigned)EV_SET) {
            snprintf(buf, n, "SET");
            return;
        }
        if (v == (unsigned)EV_FREE) {
            snprintf(buf, n, "FREE");
            return;
        }
        if (v == (unsigned)EV_BUSY) {
            snprintf(buf, n, "BUSY");
            return;
        }
    }
    if ((int)v < 0 && (int)v > -1000)
        snprintf(buf, n, "%d", (int)v);
    else
        snprintf(buf, n, "%u", v);
}

static int engine_valid_transition(unsigned from, unsigned to)
{
    if (from == to)
        return 1;
    return (from == (unsigned)EV_FREE && to == (unsigned)EV_SET) ||
           (from == (unsigned)EV_BUSY && to == (unsigned)EV_SET) ||
           (from == (unsigned)EV_SET && to == (unsigned)EV_FREE) ||
           (from == (unsigned)EV_FREE && to == (unsigned)EV_BUSY);
}

/* ---- kernel objects ---- */

static int engine_event_index(struct evsim_engine *e, uintptr_t h,
                              const char *call)
{
    uintptr_t i = h - 1;

    if (h == 0 || i >= (uintptr_t)e->nevents) {
        engine_violation(e, EVSIM_MISUSE, "%s on a handle that was never "
                         "created (%#lx)", call, (unsigned long)h);
        return -1;
    }
    if (e->ev[i].state != 1) {
        engine_violation(e, EVSIM_MISUSE, "%s on a closed handle", call);
        return -1;
    }
    return (int)i;
}

void engine_format_event(int i, char *buf, size_t n)
{
    if (i == 0)
        snprintf(buf, n, "ev.event");
    else
        snprintf(buf, n, "event#%d", i + 1);
}

static const char *engine_event_name(int i, char *buf, size_t n)
{
    engine_format_event(i, buf, n);
    return buf;
}

/* Release up to n sleepers on (wait, key), in thread order; count them. */
static int engine_release(struct evsim_engine *e, int wait, uint32_t key,
                          int n)
{
    int t, woken = 0;

    for (t = 0; t < e->nthreads && woken < n; t++) {
        struct evsim_thread *th = &e->th[t];

        if (th->status == EVSIM_T_BLOCKED && th->wait == wait &&
            th->key == key) {
            th->status = EVSIM_T_RELEASED;
            woken++;
        }
    }
    return woken;
}

static void engine_block(struct evsim_engine *e, int t, int wait,
                         uint32_t key, uint32_t key2)
{
    struct evsim_thread *th = &e->th[t];

    th->status = EVSIM_T_BLOCKED;
    th->wait = (uint8_t)wait;
    th->key = key;
    th->key2 = key2;
    if (e->rec != NULL)
        e->rec->blocked = 1;
}

static void engine_unblock(struct evsim_thread *th)
{
    th->status = EVSIM_T_RUNNABLE;
    th->wait = EVSIM_W_NONE;
    th->key = th->key2 = 0;
}

void *evsim_create_event(int manual_reset, int initial)
{
    struct evsim_engine *e = engine_current;
    int i;

    if (e == NULL || e->nevents == EVSIM_MAX_EVENTS) {
        fprintf(stderr, "evsim: CreateEvent: more than %d events\n",
                EVSIM_MAX_EVENTS);
        exit(2);
    }
    if (!manual_reset) {
        fprintf(stderr, "evsim: CreateEvent: only manual-reset events are "
                "modelled\n");
        exit(2);
    }
    i = e->nevents++;
    e->ev[i].state = 1;
    e->ev[i].manual = 1;
    e->ev[i].signaled = initial ? 1 : 0;
    return (void *)(uintptr_t)(i + 1);
}

int evsim_close_handle(void *h)
{
    struct evsim_engine *e = engine_current;
    int i = engine_event_index(e, (uintptr_t)h, "CloseHandle");

    if (i < 0)
        return 0;
    e->ev[i].state = 2;
    return 1;
}

/* ---- performing a request (the scheduler side of a step) ---- */

/* A mutex's owner word: thread + 1, or 0. */
static int engine_mutex_take(struct evsim_engine *e, int t, unsigned *owner)
{
    if (*owner != 0)
        return 0;
    *owner = (unsigned)t + 1;
    (void)e;
    return 1;
}

static void engine_mutex_drop(struct evsim_engine *e, unsigned *owner)
{
    *owner = 0;
    engine_release(e, EVSIM_W_MUTEX, engine_offset(e, owner), INT32_MAX);
}

/* Perform thread t's request; return 1 if t continues (is to be resumed). */
static int engine_perform(struct evsim_engine *e, int t,
                          struct evsim_request *rq)
{
    const struct evsim_site *site = rq->site;
    const struct evsim_memmodel *mm = e->cfg.memmodel;
    unsigned *p = (unsigned *)rq->p;
    int i;

    switch (site->kind) {
    case EVSIM_OP_LOAD:
    case EVSIM_OP_STORE:
    case EVSIM_OP_XCHG:
    case EVSIM_OP_CMPXCHG:
    case EVSIM_OP_OR:
    case EVSIM_OP_AND:
    case EVSIM_OP_ADD: {
        unsigned old, nv;

        if (!engine_in_shared(e, p)) {
            engine_violation(e, EVSIM_MISUSE, "%s on %p, outside the "
                             "scenario's shared variables", site->name,
                             (void *)p);
            return 0;
        }
        if (site->kind == EVSIM_OP_LOAD) {
            rq->result = mm->load(e->mm_state, t, p, site->order);
            return 1;
        }
        old = mm->rmw(e->mm_state, t, site->kind, p, (unsigned)rq->a,
                      (unsigned)rq->b, site->order, &nv);
        rq->result = old;
        if (p == e->state_word && !engine_valid_transition(old, nv)) {
            char f[16], to[16];

            engine_format_word(e, p, old, f, sizeof f);
            engine_format_word(e, p, nv, to, sizeof to);
            engine_violation(e, EVSIM_ILLEGAL, "illegal transition of the "
                             "state word: %s -> %s by %s at %s:%d", f, to,
                             site->text, site->file, site->line);
            return 0;
        }
        return 1;
    }
    case EVSIM_OP_SET_EVENT:
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        i = engine_event_index(e, rq->p, site->name);
        if (i < 0)
            return 0;
        e->ev[i].signaled = 1;
        engine_release(e, EVSIM_W_EVENT, (uint32_t)i, INT32_MAX);
        rq->result = 1;
        return 1;
    case EVSIM_OP_RESET_EVENT:
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        i = engine_event_index(e, rq->p, site->name);
        if (i < 0)
            return 0;
        e->ev[i].signaled = 0;
        rq->result = 1;
        return 1;
    case EVSIM_OP_WAIT_EVENT:
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        i = engine_event_index(e, rq->p, site->name);
        if (i < 0)
            return 0;
        if ((unsigned)rq->a != 0xFFFFFFFFu) {
            engine_violation(e, EVSIM_MISUSE, "%s with a timeout: only "
                             "INFINITE is modelled", site->name);
            return 0;
        }
        if (e->ev[i].signaled) {
            rq->result = 0;             /* WAIT_OBJECT_0 */
            return 1;
        }
        engine_block(e, t, EVSIM_W_EVENT, (uint32_t)i, 0);
        return 0;
    case EVSIM_OP_FUTEX_WAIT:
        if (!engine_in_shared(e, p)) {
            engine_violation(e, EVSIM_MISUSE, "%s on an address outside the "
                             "shared variables", site->name);
            return 0;
        }
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        if (mm->load(e->mm_state, t, p, EVSIM_SEQ_CST) != (unsigned)rq->a) {
            rq->result = 1;             /* EAGAIN: the value differs */
            return 1;
        }
        engine_block(e, t, EVSIM_W_FUTEX, engine_offset(e, p), 0);
        return 0;
    case EVSIM_OP_FUTEX_WAKE:
    case EVSIM_OP_COND_WAKE:
        if (!engine_in_shared(e, p)) {
            engine_violation(e, EVSIM_MISUSE, "%s on an address outside the "
                             "shared variables", site->name);
            return 0;
        }
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        rq->result = (uintptr_t)engine_release(
            e, site->kind == EVSIM_OP_FUTEX_WAKE ? EVSIM_W_FUTEX
                                                 : EVSIM_W_COND,
            engine_offset(e, p), rq->a > INT32_MAX ? INT32_MAX : (int)rq->a);
        return 1;
    case EVSIM_OP_MUTEX_LOCK:
        if (!engine_in_shared(e, p)) {
            engine_violation(e, EVSIM_MISUSE, "qemu_mutex_lock on a mutex "
                             "outside the shared variables");
            return 0;
        }
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        if (*p == (unsigned)t + 1) {
            engine_violation(e, EVSIM_MISUSE, "qemu_mutex_lock: thread %c "
                             "already holds the mutex", e->th[t].letter);
            return 0;
        }
        if (engine_mutex_take(e, t, p))
            return 1;
        engine_block(e, t, EVSIM_W_MUTEX, engine_offset(e, p), 0);
        return 0;
    case EVSIM_OP_MUTEX_UNLOCK:
        if (!engine_in_shared(e, p) || *p != (unsigned)t + 1) {
            engine_violation(e, EVSIM_MISUSE, "qemu_mutex_unlock of a mutex "
                             "that thread %c does not hold",
                             e->th[t].letter);
            return 0;
        }
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        engine_mutex_drop(e, p);
        return 1;
    case EVSIM_OP_COND_WAIT: {
        unsigned *owner = (unsigned *)rq->a;

        if (!engine_in_shared(e, p) || !engine_in_shared(e, owner) ||
            *owner != (unsigned)t + 1) {
            engine_violation(e, EVSIM_MISUSE, "qemu_cond_wait without "
                             "holding the mutex");
            return 0;
        }
        mm->fence(e->mm_state, t, EVSIM_SEQ_CST);
        engine_mutex_drop(e, owner);
        engine_block(e, t, EVSIM_W_COND, engine_offset(e, p),
                     engine_offset(e, owner));
        return 0;
    }
    default:
        engine_violation(e, EVSIM_MISUSE, "unknown operation %d at %s:%d",
                         (int)site->kind, site->file, site->line);
        return 0;
    }
}

/* The return step of a released (or, with --spurious, a sleeping) thread. */
static int engine_return(struct evsim_engine *e, int t)
{
    struct evsim_thread *th = &e->th[t];
    unsigned *owner;

    switch (th->wait) {
    case EVSIM_W_EVENT:
    case EVSIM_W_FUTEX:
        th->req->result = 0;
        engine_unblock(th);
        return 1;
    case EVSIM_W_MUTEX:
        owner = (unsigned *)(e->shared + th->key);
        if (engine_mutex_take(e, t, owner)) {
            engine_unblock(th);
            return 1;
        }
        engine_block(e, t, EVSIM_W_MUTEX, th->key, 0);
        return 0;
    case EVSIM_W_COND:
        owner = (unsigned *)(e->shared + th->key2);
        if (engine_mutex_take(e, t, owner)) {
            engine_unblock(th);
            return 1;
        }
        engine_block(e, t, EVSIM_W_MUTEX, th->key2, 0);
        return 0;
    default:
        engine_violation(e, EVSIM_MISUSE, "thread %c released from no wait",
                         th->letter);
        return 0;
    }
}

static int engine_may_wake_spuriously(const struct evsim_thread *th)
{
    return th->spurious_left > 0 && th->status == EVSIM_T_BLOCKED &&
           (th->wait == EVSIM_W_FUTEX || th->wait == EVSIM_W_COND);
}

int engine_enabled(const struct evsim_engine *e, int t)
{
    const struct evsim_thread *th = &e->th[t];

    return th->status == EVSIM_T_RUNNABLE ||
           th->status == EVSIM_T_RELEASED ||
           engine_may_wake_spuriously(th);
}

unsigned engine_enabled_mask(const struct evsim_engine *e)
{
    unsigned m = 0;
    int t;

    for (t = 0; t < e->nthreads; t++)
        if (engine_enabled(e, t))
            m |= 1u << t;
    return m;
}

int engine_step(struct evsim_engine *e, int t, struct evsim_step *rec)
{
    struct evsim_thread *th = &e->th[t];
    int go;

    e->outcome = EVSIM_PASS;
    e->message[0] = '\0';
    e->rec = rec;
    if (rec != NULL) {
        memset(rec, 0, sizeof *rec);
        rec->thread = t;
        rec->site = th->req != NULL ? th->req->site : NULL;
        if (th->req != NULL) {
            rec->p = th->req->p;
            rec->a = th->req->a;
            rec->b = th->req->b;
        }
    }
    if (th->status == EVSIM_T_RUNNABLE) {
        if (rec != NULL)
            rec->kind = (int)th->req->site->kind;
        go = engine_perform(e, t, th->req);
    } else {
        if (rec != NULL) {
            rec->kind = EVSIM_OP_RETURN;
            rec->spurious = th->status == EVSIM_T_BLOCKED;
        }
        if (th->status == EVSIM_T_BLOCKED)
            th->spurious_left--;
        go = engine_return(e, t);
    }
    if (rec != NULL)
        rec->result = th->req != NULL ? th->req->result : 0;
    if (go && e->outcome == EVSIM_PASS)
        engine_resume(e, t);
    if (e->outcome != EVSIM_PASS)
        th->local_id = STATETAB_NONE;
    if (rec != NULL) {
        rec->outcome = e->outcome;
        snprintf(rec->message, sizeof rec->message, "%s", e->message);
    }
    e->rec = NULL;
    return e->outcome;
}

int engine_terminal(struct evsim_engine *e)
{
    unsigned char *save;
    struct evsim_kevent ev[EVSIM_MAX_EVENTS];
    int t, outcome;

    if (engine_enabled_mask(e) != 0)
        return -1;
    for (t = 0; t < e->nthreads; t++)
        if (e->th[t].status == EVSIM_T_BLOCKED) {
            engine_violation(e, EVSIM_LOST_WAKEUP, "no thread can run, and "
                             "thread %c (%s) sleeps forever",
                             e->th[t].letter, engine_thread_name(e, t));
            return EVSIM_LOST_WAKEUP;
        }
    /* Everybody finished: tear down, which may still misuse a handle. */
    save = malloc(e->shared_size);
    if (save == NULL) {
        fprintf(stderr, "evsim: out of memory\n");
        exit(2);
    }
    memcpy(save, e->shared, e->shared_size);
    memcpy(ev, e->ev, sizeof ev);
    e->outcome = EVSIM_PASS;
    world_teardown(e->cfg.variant);
    outcome = e->outcome;
    memcpy(e->shared, save, e->shared_size);
    memcpy(e->ev, ev, sizeof ev);
    free(save);
    return outcome;
}

/* ---- the vocabulary's entry points ---- */

unsigned evsim_atomic(const struct evsim_site *site, unsigned *p, unsigned a,
                      unsigned b)
{
    struct evsim_engine *e = engine_current;
    unsigned nv, old;

    if (e != NULL && e->current >= 0)
        return (unsigned)engine_request(site, (uintptr_t)p, a, b);
    /* Set-up or tear-down: not a step, no scheduling. */
    old = *p;
    nv = mem_apply(site->kind, old, a, b);
    if (site->kind != EVSIM_OP_LOAD)
        *p = nv;
    return old;
}

uintptr_t evsim_kcall(const struct evsim_site *site, uintptr_t a, uintptr_t b)
{
    struct evsim_engine *e = engine_current;
    struct evsim_request rq;

    if (e != NULL && e->current >= 0)
        return engine_request(site, a, b, 0);
    /* Set-up or tear-down: only calls that cannot sleep make sense. */
    memset(&rq, 0, sizeof rq);
    rq.site = site;
    rq.p = a;
    rq.a = b;
    if (e != NULL && (site->kind == EVSIM_OP_SET_EVENT ||
                      site->kind == EVSIM_OP_RESET_EVENT)) {
        engine_perform(e, -1, &rq);
        return rq.result;
    }
    fprintf(stderr, "evsim: %s at %s:%d outside a simulated thread\n",
            site->text, site->file, site->line);
    exit(2);
}

void evsim_fence(const struct evsim_site *site)
{
    struct evsim_engine *e = engine_current;

    if (e != NULL && e->current >= 0)
        e->cfg.memmodel->fence(e->mm_state, e->current, site->order);
}

void evsim_assert_fail(const struct evsim_site *site)
{
    struct evsim_engine *e = engine_current;
    struct evsim_thread *th;

    if (e == NULL || e->current < 0) {
        fprintf(stderr, "evsim: %s failed at %s:%d during set-up\n",
                site->text, site->file, site->line);
        exit(2);
    }
    th = &e->th[e->current];
    engine_violation(e, EVSIM_ASSERTION, "%s failed at %s:%d in thread %c "
                     "(%s)", site->text, site->file, site->line, th->letter,
                     th->role);
    th->status = EVSIM_T_FAILED;
    ctx_switch(&th->sp, e->sched_sp);
    abort();                            /* a failed thread is never resumed */
}

/* ---- set-up ---- */

static void engine_start_threads(struct evsim_engine *e)
{
    struct evsim_thread_spec specs[EVSIM_MAX_THREADS];
    int t, n;

    n = e->cfg.scenario->threads(e->cfg.params, specs);
    e->nthreads = n;
    for (t = 0; t < n; t++) {
        struct evsim_thread *th = &e->th[t];

        th->letter = (char)('A' + t);
        th->role = specs[t].role;
        th->fn = specs[t].fn;
        th->arg = specs[t].arg;
        th->req = NULL;
        th->frames = NULL;
        th->status = EVSIM_T_RUNNABLE;
        th->wait = EVSIM_W_NONE;
        th->key = th->key2 = 0;
        th->spurious_left = (uint8_t)e->cfg.spurious;
#ifdef __SANITIZE_ADDRESS__
        ASAN_UNPOISON_MEMORY_REGION(th->stack.lo,
                                    (size_t)(th->stack.hi - th->stack.lo));
#endif
        memset(th->stack.lo, 0, (size_t)(th->stack.hi - th->stack.lo));
        th->sp = ctx_make(&th->stack, engine_thread_entry, th);
        th->low = NULL;
    }
    /* Thread start is not a step: run each to its first request. */
    for (t = 0; t < n; t++) {
        engine_resume(e, t);
        if (e->outcome != EVSIM_PASS) {
            fprintf(stderr, "evsim: thread %c failed before its first step: "
                    "%s\n", e->th[t].letter, e->message);
            exit(2);
        }
    }
}

void engine_reset(struct evsim_engine *e)
{
    engine_current = e;
    e->current = -1;
    e->outcome = EVSIM_PASS;
    e->message[0] = '\0';
    memset(e->ev, 0, sizeof e->ev);
    e->nevents = 0;
    e->cfg.memmodel->reset(e->mm_state);
    world_variant = e->cfg.variant;
    world_init(e->cfg.variant);
    e->state_word = world_state_word();
    if (*e->state_word == WORLD_NO_STATE_WORD)
        e->state_word = NULL;
    if (e->outcome != EVSIM_PASS) {
        fprintf(stderr, "evsim: set-up failed: %s\n", e->message);
        exit(2);
    }
    engine_start_threads(e);
}

int engine_open(struct evsim_engine *e, const struct evsim_config *cfg,
                char *err, size_t errlen)
{
    int t;

    memset(e, 0, sizeof *e);
    e->cfg = *cfg;
    if (e->cfg.memmodel == NULL)
        e->cfg.memmodel = mem_find("sc");
    world_region(&e->shared, &e->shared_size);
    e->nloc = world_locations(e->loc, (int)(sizeof e->loc / sizeof e->loc[0]));
    e->mm_state = calloc(1, e->cfg.memmodel->state_size + 1);
    e->vec_size = e->shared_size + e->cfg.memmodel->state_size +
                  sizeof e->ev + 1 + EVSIM_MAX_THREADS *
                  sizeof(struct engine_tvec) + sizeof(uint32_t);
    e->vec = calloc(1, e->vec_size);
    e->scratch = malloc(sizeof(struct engine_lhead) + EVSIM_STACK_SIZE);
    if (e->mm_state == NULL || e->vec == NULL || e->scratch == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    statetab_init(&e->globals);
    for (t = 0; t < EVSIM_MAX_THREADS; t++) {
        statetab_init(&e->locals[t]);
        if (ctx_stack_alloc(&e->th[t].stack, EVSIM_STACK_SIZE) != 0) {
            snprintf(err, errlen, "cannot allocate a thread stack");
            return -1;
        }
    }
    engine_reset(e);
    return 0;
}

void engine_close(struct evsim_engine *e)
{
    int t;

    for (t = 0; t < EVSIM_MAX_THREADS; t++) {
        ctx_stack_free(&e->th[t].stack);
        statetab_free(&e->locals[t]);
    }
    statetab_free(&e->globals);
    free(e->mm_state);
    free(e->vec);
    free(e->scratch);
    if (engine_current == e)
        engine_current = NULL;
}

/* ---- capture and restore ---- */

/*
 * Copy [sp, top) out of or into a thread's stack.  Under AddressSanitizer
 * these cross the redzones of live frames, so they are not instrumented and
 * must not call memcpy (the runtime checks its arguments): they copy word by
 * word.  Stack pointers are 8-byte aligned and the top is page-aligned.
 */
ENGINE_NO_ASAN static void engine_copy_out(unsigned char *dst,
                                           const unsigned char *src, size_t n)
{
#ifdef __SANITIZE_ADDRESS__
    const volatile uint64_t *s = (const volatile uint64_t *)src;
    size_t i;

    for (i = 0; i < n / 8; i++) {
        uint64_t w = s[i];

        memcpy(dst + 8 * i, &w, 8);     /* dst is ours: not a redzone */
    }
    for (i = n / 8 * 8; i < n; i++)
        dst[i] = ((const volatile unsigned char *)src)[i];
#else
    memcpy(dst, src, n);
#endif
}

ENGINE_NO_ASAN static void engine_copy_in(unsigned char *dst,
                                          const unsigned char *src, size_t n)
{
#ifdef __SANITIZE_ADDRESS__
    volatile uint64_t *d = (volatile uint64_t *)dst;
    size_t i;

    for (i = 0; i < n / 8; i++) {
        uint64_t w;

        memcpy(&w, src + 8 * i, 8);
        d[i] = w;
    }
    for (i = n / 8 * 8; i < n; i++)
        ((volatile unsigned char *)dst)[i] = src[i];
#else
    memcpy(dst, src, n);
#endif
}

static uint32_t engine_intern_local(struct evsim_engine *e, int t)
{
    struct evsim_thread *th = &e->th[t];
    struct engine_lhead h;
    size_t n = 0;
    int added;

    if (th->status == EVSIM_T_DONE || th->status == EVSIM_T_FAILED) {
        return statetab_intern(&e->locals[t], "", 0, &added);
    }
    memset(&h, 0, sizeof h);
    h.sp = th->sp;
    h.req = th->req;
    h.frames = th->frames;
    memcpy(e->scratch, &h, sizeof h);
    n = (size_t)(th->stack.hi - (unsigned char *)th->sp);
    engine_copy_out(e->scratch + sizeof h, th->sp, n);
    return statetab_intern(&e->locals[t], e->scratch, sizeof h + n, &added);
}

uint32_t engine_capture(struct evsim_engine *e, uint32_t depth, int *added)
{
    unsigned char *v = e->vec;
    int t;

    memset(v, 0, e->vec_size);
    memcpy(v, e->shared, e->shared_size);
    v += e->shared_size;
    memcpy(v, e->mm_state, e->cfg.memmodel->state_size);
    v += e->cfg.memmodel->state_size;
    memcpy(v, e->ev, sizeof e->ev);
    v += sizeof e->ev;
    *v++ = (unsigned char)e->nevents;
    for (t = 0; t < e->nthreads; t++) {
        struct evsim_thread *th = &e->th[t];
        struct engine_tvec tv;

        if (th->local_id == STATETAB_NONE)
            th->local_id = engine_intern_local(e, t);
        memset(&tv, 0, sizeof tv);
        tv.status = th->status;
        tv.wait = th->wait;
        tv.spurious_left = th->spurious_left;
        tv.key = th->key;
        tv.key2 = th->key2;
        tv.local_id = th->local_id;
        memcpy(v, &tv, sizeof tv);
        v += sizeof tv;
    }
    v = e->vec + e->vec_size - sizeof depth;
    memcpy(v, &depth, sizeof depth);
    return statetab_intern(&e->globals, e->vec, e->vec_size, added);
}

void engine_restore(struct evsim_engine *e, uint32_t id)
{
    size_t len;
    const unsigned char *v = statetab_get(&e->globals, id, &len);
    int t;

    memcpy(e->shared, v, e->shared_size);
    v += e->shared_size;
    memcpy(e->mm_state, v, e->cfg.memmodel->state_size);
    v += e->cfg.memmodel->state_size;
    memcpy(e->ev, v, sizeof e->ev);
    v += sizeof e->ev;
    e->nevents = *v++;
    for (t = 0; t < e->nthreads; t++) {
        struct evsim_thread *th = &e->th[t];
        struct engine_tvec tv;

        memcpy(&tv, v, sizeof tv);
        v += sizeof tv;
        th->status = tv.status;
        th->wait = tv.wait;
        th->spurious_left = tv.spurious_left;
        th->key = tv.key;
        th->key2 = tv.key2;
        if (th->local_id != tv.local_id) {
            size_t n;
            const unsigned char *l = statetab_get(&e->locals[t], tv.local_id,
                                                  &n);
            struct engine_lhead h;

            if (n >= sizeof h) {
                memcpy(&h, l, sizeof h);
                th->sp = h.sp;
                th->req = h.req;
                th->frames = h.frames;
#ifdef __SANITIZE_ADDRESS__
                /* The shadow of [sp, top) describes the frames of whatever
                 * ran there last, not of the image copied in: clear it (the
                 * restored frames lose their redzones; frames pushed later
                 * get theirs as usual). */
                {
                    unsigned char *from = (unsigned char *)h.sp;

                    if (th->low != NULL && th->low < from)
                        from = th->low;
                    from = from - 8192 > th->stack.lo ? from - 8192
                                                      : th->stack.lo;
                    ASAN_UNPOISON_MEMORY_REGION(from,
                                                (size_t)(th->stack.hi - from));
                }
#endif
                engine_copy_in(h.sp, l + sizeof h, n - sizeof h);
                engine_scrub(th);
            } else {
                th->req = NULL;
                th->frames = NULL;
            }
            th->local_id = tv.local_id;
        }
    }
    e->current = -1;
    e->outcome = EVSIM_PASS;
    engine_current = e;
}

/* ---- text ---- */

void engine_format_where(const struct evsim_site *site, char *buf, size_t n)
{
    if (site == NULL)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%s:%d", site->file, site->line);
}

void engine_format_op(const struct evsim_step *s, char *buf, size_t n)
{
    if (s->site == NULL)
        snprintf(buf, n, "?");
    else if (s->kind == EVSIM_OP_RETURN)
        snprintf(buf, n, "%s %s", s->spurious ? "spurious return from"
                                              : "return from", s->site->text);
    else
        snprintf(buf, n, "%s", s->site->text);
}

void engine_format_location(const struct evsim_engine *e, uintptr_t p,
                            char *buf, size_t n)
{
    const char *name = engine_location_name(e, (const void *)p);

    if (name != NULL)
        snprintf(buf, n, "%s", name);
    else if (engine_in_shared(e, (const void *)p))
        snprintf(buf, n, "shared+%u", engine_offset(e, (const void *)p));
    else
        snprintf(buf, n, "%#lx", (unsigned long)p);
}

void engine_format_args(const struct evsim_engine *e,
                        const struct evsim_step *s, char *buf, size_t n)
{
    char loc[32], a[16], b[16];
    const void *p = (const void *)s->p;

    if (s->site == NULL) {
        snprintf(buf, n, "-");
        return;
    }
    switch (s->site->kind) {
    case EVSIM_OP_LOAD:
        engine_format_location(e, s->p, loc, sizeof loc);
        snprintf(buf, n, "%s", loc);
        break;
    case EVSIM_OP_STORE:
    case EVSIM_OP_XCHG:
    case EVSIM_OP_OR:
    case EVSIM_OP_AND:
    case EVSIM_OP_ADD:
        engine_format_location(e, s->p, loc, sizeof loc);
        engine_format_word(e, s->site->kind == EVSIM_OP_STORE ||
                           s->site->kind == EVSIM_OP_XCHG ? p : NULL,
                           (unsigned)s->a, a, sizeof a);
        snprintf(buf, n, "%s %s", loc, a);
        break;
    case EVSIM_OP_CMPXCHG:
    case EVSIM_OP_FUTEX_WAIT:
        engine_format_location(e, s->p, loc, sizeof loc);
        engine_format_word(e, p, (unsigned)s->a, a, sizeof a);
        engine_format_word(e, p, (unsigned)s->b, b, sizeof b);
        if (s->site->kind == EVSIM_OP_CMPXCHG)
            snprintf(buf, n, "%s %s %s", loc, a, b);
        else
            snprintf(buf, n, "%s %s", loc, a);
        break;
    case EVSIM_OP_SET_EVENT:
    case EVSIM_OP_RESET_EVENT:
    case EVSIM_OP_WAIT_EVENT:
        if (s->p >= 1 && s->p <= EVSIM_MAX_EVENTS)
            engine_event_name((int)s->p - 1, buf, n);
        else
            snprintf(buf, n, "%#lx", (unsigned long)s->p);
        break;
    case EVSIM_OP_FUTEX_WAKE:
    case EVSIM_OP_COND_WAKE:
        engine_format_location(e, s->p, loc, sizeof loc);
        if (s->a >= INT32_MAX)
            snprintf(buf, n, "%s all", loc);
        else
            snprintf(buf, n, "%s %lu", loc, (unsigned long)s->a);
        break;
    default:
        engine_format_location(e, s->p, buf, n);
        break;
    }
}

void engine_format_result(const struct evsim_engine *e,
                          const struct evsim_step *s, char *buf, size_t n)
{
    if (s->outcome != EVSIM_PASS && s->outcome != EVSIM_ASSERTION) {
        snprintf(buf, n, "!");
        return;
    }
    if (s->blocked) {
        snprintf(buf, n, "sleeps");
        return;
    }
    switch (s->kind) {
    case EVSIM_OP_LOAD:
    case EVSIM_OP_XCHG:
    case EVSIM_OP_CMPXCHG:
    case EVSIM_OP_OR:
    case EVSIM_OP_AND:
    case EVSIM_OP_ADD:
        engine_format_word(e, (const void *)s->p, (unsigned)s->result, buf,
                           n);
        break;
    case EVSIM_OP_SET_EVENT:
    case EVSIM_OP_RESET_EVENT:
        snprintf(buf, n, "TRUE");
        break;
    case EVSIM_OP_WAIT_EVENT:
        snprintf(buf, n, "WAIT_OBJECT_0");
        break;
    case EVSIM_OP_FUTEX_WAIT:
        snprintf(buf, n, "EAGAIN");
        break;
    case EVSIM_OP_FUTEX_WAKE:
    case EVSIM_OP_COND_WAKE:
        snprintf(buf, n, "woke %lu", (unsigned long)s->result);
        break;
    case EVSIM_OP_RETURN:
        snprintf(buf, n, "returns");
        break;
    default:
        snprintf(buf, n, "-");
        break;
    }
}

void engine_format_state(const struct evsim_engine *e, char *buf, size_t n)
{
    size_t k = 0;
    int i, t, any;
    char w[32], name[32];

#define ENGINE_PUT(...) do {                                               \
        int r_ = snprintf(buf + k, k < n ? n - k : 0, __VA_ARGS__);         \
        if (r_ > 0)                                                         \
            k += (size_t)r_;                                                \
    } while (0)

    if (n == 0)
        return;
    buf[0] = '\0';
    for (i = 0; i < e->nloc; i++) {
        const unsigned *p = e->loc[i].addr;

        if (e->loc[i].is_state_word && e->state_word == NULL)
            continue;
        if (!e->loc[i].is_state_word && e->loc[i].name[0] == 'e' &&
            *p == 0)
            continue;                   /* ev.lock / ev.cond when unused */
        engine_format_word(e, p, *p, w, sizeof w);
        if (strcmp(e->loc[i].name, "ev.lock") == 0)
            snprintf(w, sizeof w, "%c", 'A' + (int)*p - 1);
        ENGINE_PUT("%s%s=%s", k ? " " : "", e->loc[i].name, w);
    }
    for (i = 0; i < e->nevents; i++)
        ENGINE_PUT(" %s=%s", engine_event_name(i, name, sizeof name),
                   e->ev[i].state == 2 ? "closed"
                   : e->ev[i].signaled ? "signaled" : "reset");
    any = 0;
    for (t = 0; t < e->nthreads; t++) {
        const struct evsim_thread *th = &e->th[t];

        if (th->status != EVSIM_T_BLOCKED && th->status != EVSIM_T_RELEASED)
            continue;
        if (th->wait == EVSIM_W_EVENT)
            engine_event_name((int)th->key, name, sizeof name);
        else
            engine_format_location(e, (uintptr_t)(e->shared + th->key), name,
                             sizeof name);
        ENGINE_PUT("%s%c%s%s", any ? "," : " waiting=", th->letter,
                   th->status == EVSIM_T_RELEASED ? "(woken)@" : "@", name);
        any = 1;
    }
#undef ENGINE_PUT
    if (k >= n)
        buf[n - 1] = '\0';
}
