/* engine.h: simulated threads, their steps, and the global state they make. */
#ifndef EVSIM_ENGINE_H
#define EVSIM_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include "ctx.h"
#include "evsim-site.h"
#include "mem.h"
#include "statetab.h"

/*
 * The engine runs a scenario's threads as cooperative contexts.  A thread
 * runs its real C code until it calls a vocabulary operation; the call
 * parks it with a request (evsim_request, on its own stack) and switches to
 * the scheduler.  engine_step(e, t) performs thread t's request atomically
 * (that is the step), then resumes t until its next request: local
 * computation belongs to the step before it.
 *
 * Global state = shared memory (the scenario's variables, the QemuEvent) +
 * memory-model state + simulated kernel objects + for every thread its
 * status, what it sleeps on, and its local state.  A thread's local state is
 * the image of its stack from the saved stack pointer to the top, plus the
 * engine's two pointers into it (pending request, call-site frames): see
 * sim/README.md for why that is exactly what determines its future.
 * engine_capture interns the current state and returns its id;
 * engine_restore(e, id) puts the engine back into any captured state.
 */

#define EVSIM_MAX_THREADS 8
#define EVSIM_MAX_EVENTS 8
#define EVSIM_STACK_SIZE (256 * 1024)

enum evsim_tstatus {
    EVSIM_T_RUNNABLE,           /* parked at a request, may be stepped */
    EVSIM_T_BLOCKED,            /* asleep in a wait queue */
    EVSIM_T_RELEASED,           /* woken; its return from the wait is a step */
    EVSIM_T_DONE,               /* returned from its function */
    EVSIM_T_FAILED              /* stopped by a violation it caused */
};

enum evsim_wait {               /* what a blocked or released thread waits on */
    EVSIM_W_NONE,
    EVSIM_W_EVENT,              /* key: event index */
    EVSIM_W_FUTEX,              /* key: shared offset (futex, WaitOnAddress) */
    EVSIM_W_MUTEX,              /* key: shared offset of the owner word */
    EVSIM_W_COND                /* key: condvar offset, key2: mutex offset */
};

enum evsim_outcome {            /* how an execution ends */
    EVSIM_PASS,                 /* every thread finished */
    EVSIM_LOST_WAKEUP,          /* nobody can run, somebody is asleep */
    EVSIM_ASSERTION,            /* an assert() failed */
    EVSIM_ILLEGAL,              /* the state word made a forbidden move */
    EVSIM_MISUSE,               /* e.g. a wait on a closed handle */
    EVSIM_BOUND,                /* --max-steps reached */
    EVSIM_LIVELOCK,             /* a cycle: a schedule that never ends */
    EVSIM_N_OUTCOMES
};

/* "pass", "lost-wakeup", ...: the names used in traces and on the CLI. */
const char *evsim_outcome_name(enum evsim_outcome o);
/* "lost wakeup", ...: for prose. */
const char *evsim_outcome_title(enum evsim_outcome o);
/* Parse a name from evsim_outcome_name; -1 when unknown. */
int evsim_outcome_parse(const char *s);

/* A parked thread's pending operation; lives on the thread's stack. */
struct evsim_request {
    const struct evsim_site *site;
    uintptr_t p, a, b;          /* operands (p: address or handle) */
    uintptr_t result;           /* filled in by the step */
};

/* A call from scenario code into the QemuEvent API; on the thread's stack. */
struct evsim_frame {
    const char *fn;             /* "qemu_event_wait" */
    const char *file;           /* call site */
    int line;
    const struct evsim_frame *up;
};

struct evsim_thread {
    /* fixed for a run */
    char letter;                /* 'A', 'B', ... */
    const char *role;           /* "waiter" */
    void (*fn)(void *);
    void *arg;
    struct ctx_stack stack;
    unsigned char *low;         /* lowest stack pointer it parked at */
    /* local state (captured as one string) */
    void *sp;                   /* saved stack pointer while parked */
    struct evsim_request *req;  /* pending request, or NULL */
    const struct evsim_frame *frames; /* innermost API call, or NULL */
    /* global part */
    uint8_t status;             /* enum evsim_tstatus */
    uint8_t wait;               /* enum evsim_wait */
    uint32_t key, key2;         /* what it waits on */
    uint8_t spurious_left;      /* spurious wakeups it may still take */
    uint32_t local_id;          /* id of its local state in e->locals[] */
};

struct evsim_kevent {           /* a simulated Win32 event */
    uint8_t state;              /* 0 never created, 1 open, 2 closed */
    uint8_t manual;             /* manual reset */
    uint8_t signaled;
};

/* What one step did: filled by engine_step when asked, for traces and UI. */
struct evsim_step {
    int thread;
    const struct evsim_site *site; /* the operation (its call site) */
    int kind;                   /* site->kind, or EVSIM_OP_RETURN */
    int spurious;               /* a return caused by a spurious wakeup */
    uintptr_t p, a, b;          /* operands */
    uintptr_t result;
    int blocked;                /* the thread went to sleep */
    int outcome;                /* EVSIM_PASS, or the violation it caused */
    char message[200];          /* what went wrong, when outcome != PASS */
};

struct evsim_variant;
struct evsim_scenario;

struct evsim_config {
    const struct evsim_variant *variant;
    const struct evsim_scenario *scenario;
    int params[2];              /* the scenario's parameters */
    const struct evsim_memmodel *memmodel;
    int spurious;               /* spurious wakeups each thread may take (futex,
                                   WaitOnAddress, condvar waits); 0: none */
};

/* A named shared location, for traces and the UI. */
struct evsim_location {
    const void *addr;
    const char *name;           /* "ev.value" */
    int is_state_word;          /* print as SET/FREE/BUSY */
};

struct evsim_engine {
    struct evsim_config cfg;
    int nthreads;
    struct evsim_thread th[EVSIM_MAX_THREADS];
    int current;                /* thread running now, -1 for the scheduler */
    void *sched_sp;
    unsigned char *shared;      /* the shared region (scenario variables) */
    size_t shared_size;
    unsigned *state_word;       /* &ev.value, or NULL if the variant has none */
    struct evsim_location loc[8];
    int nloc;
    unsigned char *mm_state;    /* memory model state */
    struct evsim_kevent ev[EVSIM_MAX_EVENTS];
    int nevents;
    /* the step in progress */
    struct evsim_step *rec;     /* where to describe it, or NULL */
    int outcome;                /* violation caused by the step, or PASS */
    char message[200];
    /* state capture */
    struct statetab globals;
    struct statetab locals[EVSIM_MAX_THREADS];
    unsigned char *vec;         /* scratch global vector (its last 4 bytes:
                                   the depth, nonzero in a bounded search) */
    size_t vec_size;
    unsigned char *scratch;     /* local-state scratch */
};

/*
 * Set up the engine for cfg and put it in the initial state (scenario set-up
 * done, every thread parked at its first request).  Returns 0, or -1 with a
 * message in err.
 */
int engine_open(struct evsim_engine *e, const struct evsim_config *cfg,
                char *err, size_t errlen);
void engine_close(struct evsim_engine *e);

/* Back to the initial state, without reusing captured ids' meaning. */
void engine_reset(struct evsim_engine *e);

/* 1 if thread t may be stepped now. */
int engine_enabled(const struct evsim_engine *e, int t);
/* Bit t set for each enabled thread. */
unsigned engine_enabled_mask(const struct evsim_engine *e);
/* The outcome of the current state if no thread can run: PASS when all are
 * done (after the scenario's tear-down), LOST_WAKEUP when some sleep;
 * -1 when some thread can still run. */
int engine_terminal(struct evsim_engine *e);

/*
 * Run thread t's step (t must be enabled).  Returns EVSIM_PASS, or the
 * violation the step caused (the execution ends there; the engine's state is
 * then undefined until the next restore or reset).  Describes the step in
 * *rec when rec is not NULL.
 */
int engine_step(struct evsim_engine *e, int t, struct evsim_step *rec);

/* Intern the current global state; *added is 1 if it was new. */
uint32_t engine_capture(struct evsim_engine *e, uint32_t depth, int *added);
/* Put the engine in captured state `id`. */
void engine_restore(struct evsim_engine *e, uint32_t id);

/* Text for traces and the UI (into buf, always NUL-terminated). */
void engine_format_state(const struct evsim_engine *e, char *buf, size_t n);
void engine_format_args(const struct evsim_engine *e,
                        const struct evsim_step *s, char *buf, size_t n);
void engine_format_result(const struct evsim_engine *e,
                          const struct evsim_step *s, char *buf, size_t n);
/* "impl/win32-2015.c:48" */
void engine_format_where(const struct evsim_site *site, char *buf, size_t n);
/* The text of a step's operation ("atomic_xchg(&ev->value, EV_SET)" or
 * "return from WaitForSingleObject(ev->event, INFINITE)"). */
void engine_format_op(const struct evsim_step *s, char *buf, size_t n);
/* Name an address as traces do: "ev.value", "shared+8", or the number. */
void engine_format_location(const struct evsim_engine *e, uintptr_t p,
                            char *buf, size_t n);
/* Name event i (0-based) as traces do: "ev.event", "event#2". */
void engine_format_event(int i, char *buf, size_t n);
/* Name a shared address ("ev.value"), or NULL. */
const char *engine_location_name(const struct evsim_engine *e, const void *p);
/* "SET", "FREE", "BUSY", or the number. */
void engine_format_word(const struct evsim_engine *e, const void *p,
                        unsigned v, char *buf, size_t n);

/* Called by scenario code: a call into the QemuEvent API (for the UI). */
void engine_push_frame(struct evsim_frame *f);
void engine_pop_frame(struct evsim_frame *f);

/* The engine currently running (the simulator runs one at a time). */
extern struct evsim_engine *engine_current;

#endif /* EVSIM_ENGINE_H */
