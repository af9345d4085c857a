/* stress.c: real threads hammer one QemuEvent variant (seed, rcu, broadcast) under a watchdog. */

/*
 * Built once per variant, with -DEVSIM_VARIANT_ID=<id> so that qemu_event_*
 * are that variant's functions: under Wine against real Win32 kernel
 * objects (win32/platform.h), and natively on Linux against real futexes
 * (linux/platform.h).  The OS services come from win32/os.h.
 *
 * Patterns, each run for many rounds:
 *
 *   seed       one waiter does test-reset-test-wait on `cond`, one notifier
 *              does `cond = 1; qemu_event_set`.  Every round starts afresh:
 *              cond = 0 and a newly initialised event (alternately created
 *              free and set, so that the waiter's reset has work to do);
 *              both sides start together, and one of them, chosen at
 *              random, waits a random while first.
 *              Postcondition: the waiter never gets past its sequence while
 *              cond is still 0.
 *   rcu        QEMU's call_rcu loop: 4 producers push items on a lock-free
 *              list and set the event after each; 1 consumer takes the list
 *              when it is not empty, else does reset, test again, wait.
 *              Postcondition: every item produced is consumed, exactly once.
 *   broadcast  3 plain waiters block in qemu_event_wait on a reset event;
 *              one qemu_event_set must release them all.  Postcondition: no
 *              waiter returns before the set has started.
 *
 * The condition is published with a full barrier (a seq_cst store in seed
 * and broadcast, a CAS in rcu), as QEMU's own callers did in 2015 (call_rcu's
 * atomic_inc, rcu_read_unlock's atomic_xchg): the 2015 qemu_event_set starts
 * with a plain load, so a relaxed publication would be the caller's
 * store-buffering bug, not the event's.
 *
 * A watchdog thread checks that every round finishes within the time limit
 * (-w, default 5 s).  If one does not, it prints the pattern, the round, the
 * state word and where each thread is, and ends the process with exit code
 * 3: a lost wakeup is reported, not waited on.  A broken postcondition exits
 * with 1, a usage error with 2.
 *
 * What this cannot show: a race whose window is a few instructions wide may
 * never fire here, in 10^6 rounds or in 10^9; a pass is evidence, not
 * proof.  That is what the exhaustive simulator is for.
 */
#include "qemu-event.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"

#define STRESS_STR2(x)          #x
#define STRESS_STR(x)           STRESS_STR2(x)
#ifdef EVSIM_VARIANT_ID
#define STRESS_VARIANT          STRESS_STR(EVSIM_VARIANT_ID)
#else
#define STRESS_VARIANT          "qemu_event"
#endif

#define STRESS_NO_WORD          0x5eed5eedu /* value left alone by init: no state word */
#define STRESS_MAX_THREADS      8
#define STRESS_RCU_PRODUCERS    4
#define STRESS_BCAST_WAITERS    3

#define STRESS_EXIT_FAIL        1
#define STRESS_EXIT_USAGE       2
#define STRESS_EXIT_HANG        3

/* What the watchdog reads: written by the pattern's threads, read racily. */
static struct stress_status {
    const char *pattern;        /* running pattern, or NULL */
    unsigned round;             /* round in progress, from 1 */
    unsigned long long progress;/* bumped whenever a round finishes */
    unsigned long long produced;/* rcu: items pushed so far */
    unsigned long long consumed;/* rcu: items taken so far */
    bool has_word;              /* does this variant use ev->value? */
    const char *where[STRESS_MAX_THREADS]; /* what each thread is doing */
    const char *who[STRESS_MAX_THREADS];   /* each thread's role */
    unsigned nthreads;          /* entries used in where[] and who[] */
} stress_status;

static QemuEvent stress_ev;     /* the event under test */
static unsigned stress_timeout_ms = 5000;
static bool stress_finished;    /* tells the watchdog to return */

/* ---- small helpers ---- */

static void stress_where(unsigned thread, const char *what)
{
    __atomic_store_n(&stress_status.where[thread], what, __ATOMIC_RELAXED);
}

static const char *stress_word_name(unsigned v)
{
    switch (v) {
    case (unsigned)EV_SET:  return "SET";
    case (unsigned)EV_FREE: return "FREE";
    case (unsigned)EV_BUSY: return "BUSY";
    default:                return "not a valid state";
    }
}

/* Prints the state of the running pattern: round, word, threads. */
static void stress_print_state(void)
{
    struct stress_status *s = &stress_status;
    unsigned word = __atomic_load_n(&stress_ev.value, __ATOMIC_RELAXED);
    unsigned i;

    if (s->has_word) {
        fprintf(stderr, "  state word: %d (%s)\n", (int)word,
                stress_word_name(word));
    } else {
        fprintf(stderr, "  state word: none (this variant keeps its state "
                "in the kernel event)\n");
    }
    if (strcmp(s->pattern, "rcu") == 0) {
        fprintf(stderr, "  items produced %llu, consumed %llu\n",
                __atomic_load_n(&s->produced, __ATOMIC_RELAXED),
                __atomic_load_n(&s->consumed, __ATOMIC_RELAXED));
    }
    for (i = 0; i < s->nthreads; i++) {
        fprintf(stderr, "  %s: %s\n", s->who[i],
                __atomic_load_n(&s->where[i], __ATOMIC_RELAXED));
    }
}

/* Reports a broken postcondition and ends the process with exit code 1. */
static _Noreturn void stress_fail(unsigned round, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "stress %s: FAIL: pattern %s, round %u: ", STRESS_VARIANT,
            stress_status.pattern, round);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    stress_print_state();
    os_exit_now(STRESS_EXIT_FAIL);
}

/* A per-thread xorshift generator: cheap, and different on every thread. */
static unsigned stress_rand(unsigned *state)
{
    unsigned x = *state;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/*
 * Spins for a random while, so that the two sides of a round meet at every
 * distance: not at all, a few instructions apart, about one fast path
 * apart, or long enough for the other side to reach the kernel and sleep
 * (a PAUSE is 10 to 150 cycles, depending on the CPU).
 */
static unsigned stress_pick_delay(unsigned *rng)
{
    unsigned r = stress_rand(rng);

    switch (r & 3) {
    case 0:  return 0;
    case 1:  return (r >> 8) & 15;
    case 2:  return (r >> 8) & 511;
    default: return (r >> 8) & 8191;
    }
}

static void stress_spin(unsigned n)
{
    while (n--) {
        os_cpu_relax();
    }
}

static void stress_delay(unsigned *rng)
{
    stress_spin(stress_pick_delay(rng));
}

/* Spins, then yields, until *word >= target. */
static void stress_spin_until(const unsigned *word, unsigned target)
{
    unsigned i;

    for (i = 0; __atomic_load_n(word, __ATOMIC_ACQUIRE) < target; i++) {
        if (i < 2000) {
            os_cpu_relax();
        } else {
            os_yield();
        }
    }
}

/* Starts the pattern's bookkeeping; thread 0 is the calling thread. */
static void stress_begin(const char *pattern, unsigned nthreads,
                         const char *const *roles)
{
    unsigned i;

    stress_status.nthreads = nthreads;
    for (i = 0; i < nthreads; i++) {
        stress_status.who[i] = roles[i];
        stress_status.where[i] = "starting";
    }
    stress_status.round = 0;
    stress_status.produced = stress_status.consumed = 0;
    __atomic_store_n(&stress_status.pattern, pattern, __ATOMIC_RELEASE);
    __atomic_fetch_add(&stress_status.progress, 1, __ATOMIC_RELEASE);
}

/* Marks round `round` as the one in progress (and the previous as done). */
static void stress_round(unsigned round)
{
    __atomic_store_n(&stress_status.round, round, __ATOMIC_RELAXED);
    __atomic_fetch_add(&stress_status.progress, 1, __ATOMIC_RELEASE);
}

/* Initialises the event under test, noting whether it has a state word. */
static void stress_event_init(bool init)
{
    stress_ev.value = STRESS_NO_WORD;
    qemu_event_init(&stress_ev, init);
    stress_status.has_word = (stress_ev.value != STRESS_NO_WORD);
}

static void stress_start(os_thread *t, void (*fn)(void *), void *arg)
{
    if (os_thread_start(t, fn, arg) != 0) {
        fprintf(stderr, "stress %s: cannot start a thread\n", STRESS_VARIANT);
        os_exit_now(STRESS_EXIT_FAIL);
    }
}

/* ---- watchdog ---- */

/* Returns when stress_finished is set; ends the process if a round hangs. */
static void stress_watchdog(void *unused)
{
    unsigned long long last = ~0ull;
    uint64_t since = os_now_ns();

    (void)unused;
    while (!__atomic_load_n(&stress_finished, __ATOMIC_ACQUIRE)) {
        unsigned long long now_progress;
        uint64_t now;

        os_sleep_ms(20);
        now = os_now_ns();
        now_progress = __atomic_load_n(&stress_status.progress,
                                       __ATOMIC_ACQUIRE);
        if (now_progress != last) {
            last = now_progress;
            since = now;
        } else if (now - since > (uint64_t)stress_timeout_ms * 1000000u &&
                   __atomic_load_n(&stress_status.pattern, __ATOMIC_ACQUIRE)) {
            fprintf(stderr, "stress %s: HANG: pattern %s, round %u: not "
                    "finished after %.1f s\n", STRESS_VARIANT,
                    stress_status.pattern,
                    __atomic_load_n(&stress_status.round, __ATOMIC_RELAXED),
                    (double)(now - since) / 1e9);
            stress_print_state();
            os_exit_now(STRESS_EXIT_HANG);
        }
    }
}

/* ---- seed: one waiter (test-reset-test-wait), one notifier ---- */

static struct {
    unsigned go;                /* round the waiter may start */
    unsigned ready;             /* round the waiter has started */
    unsigned waiter_delay;      /* this round's head start for the notifier */
    unsigned done;              /* last round the waiter finished */
    unsigned cond;              /* the waiter's condition */
    bool quit;                  /* no more rounds */
    unsigned long long paths[3];/* waiter saw cond: at first test, after
                                   reset, or only after waiting */
} seed;

static void seed_waiter(void *unused)
{
    unsigned round;

    (void)unused;
    for (round = 1;; round++) {
        int path = 0;

        stress_where(1, "waiting for the round to start");
        stress_spin_until(&seed.go, round);
        if (__atomic_load_n(&seed.quit, __ATOMIC_ACQUIRE)) {
            break;
        }
        __atomic_store_n(&seed.ready, round, __ATOMIC_RELEASE);
        stress_spin(__atomic_load_n(&seed.waiter_delay, __ATOMIC_RELAXED));
        if (!__atomic_load_n(&seed.cond, __ATOMIC_RELAXED)) {
            stress_where(1, "in qemu_event_reset");
            qemu_event_reset(&stress_ev);
            path = 1;
            if (!__atomic_load_n(&seed.cond, __ATOMIC_RELAXED)) {
                stress_where(1, "in qemu_event_wait");
                qemu_event_wait(&stress_ev);
                path = 2;
            }
        }
        if (!__atomic_load_n(&seed.cond, __ATOMIC_ACQUIRE)) {
            stress_fail(round, "the waiter returned from qemu_event_wait "
                        "while the condition was still false");
        }
        seed.paths[path]++;
        __atomic_store_n(&seed.done, round, __ATOMIC_RELEASE);
    }
}

static void stress_seed(unsigned rounds)
{
    static const char *const roles[] = { "notifier", "waiter" };
    unsigned rng = 0x2545f491u;
    os_thread waiter;
    unsigned round;

    memset(&seed, 0, sizeof seed);
    stress_begin("seed", 2, roles);
    stress_start(&waiter, seed_waiter, NULL);
    for (round = 1; round <= rounds; round++) {
        /* One side, chosen at random, gets a random head start: the
         * notifier's store and set land anywhere in the waiter's sequence.
         */
        bool waiter_first = stress_rand(&rng) & 1;
        unsigned delay = stress_pick_delay(&rng);

        stress_event_init(round & 1);
        __atomic_store_n(&seed.cond, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&seed.waiter_delay, waiter_first ? 0 : delay,
                         __ATOMIC_RELAXED);
        stress_round(round);
        __atomic_store_n(&seed.go, round, __ATOMIC_RELEASE);
        /* Start together, then each side after its own random delay. */
        stress_where(0, "waiting for the waiter to start");
        stress_spin_until(&seed.ready, round);
        stress_spin(waiter_first ? delay : 0);
        __atomic_store_n(&seed.cond, 1, __ATOMIC_SEQ_CST);
        stress_where(0, "in qemu_event_set");
        qemu_event_set(&stress_ev);
        stress_where(0, "waiting for the waiter to finish");
        stress_spin_until(&seed.done, round);
        qemu_event_destroy(&stress_ev);
    }
    __atomic_store_n(&seed.quit, true, __ATOMIC_RELAXED);
    __atomic_store_n(&seed.go, rounds + 1, __ATOMIC_RELEASE);
    os_thread_join(waiter);
    printf("  seed: %u rounds; the waiter saw the condition at its first test "
           "%llu times, after reset %llu, after waiting %llu\n", rounds,
           seed.paths[0], seed.paths[1], seed.paths[2]);
}

/* ---- rcu: 4 producers, 1 consumer, QEMU's call_rcu loop ---- */

struct rcu_item {
    struct rcu_item *next;      /* lock-free list, newest first */
    unsigned producer;          /* who made it */
    unsigned seq;               /* its number at that producer */
};

static struct {
    struct rcu_item *head;      /* pushed by producers, taken whole */
    struct rcu_item *items;     /* STRESS_RCU_PRODUCERS * per_producer */
    unsigned char *seen;        /* consumer: times each item was taken */
    unsigned per_producer;      /* items each producer makes */
    unsigned long long sleeps;  /* consumer: times it went down to wait */
} rcu;

static void rcu_producer(void *opaque)
{
    unsigned p = (unsigned)(uintptr_t)opaque;
    unsigned rng = 0x6a09e667u + p * 0x3c6ef372u;
    unsigned thread = 1 + p;
    unsigned i;

    stress_where(thread, "producing");
    for (i = 0; i < rcu.per_producer; i++) {
        struct rcu_item *item = &rcu.items[p * rcu.per_producer + i];
        struct rcu_item *old = __atomic_load_n(&rcu.head, __ATOMIC_RELAXED);

        item->producer = p;
        item->seq = i;
        do {
            item->next = old;
        } while (!__atomic_compare_exchange_n(&rcu.head, &old, item, true,
                                              __ATOMIC_SEQ_CST,
                                              __ATOMIC_RELAXED));
        __atomic_fetch_add(&stress_status.produced, 1, __ATOMIC_RELAXED);
        qemu_event_set(&stress_ev);
        /* Now and then let the consumer run dry and go to sleep. */
        if ((stress_rand(&rng) & 63) == 0) {
            stress_delay(&rng);
            if ((stress_rand(&rng) & 7) == 0) {
                os_yield();
            }
        }
    }
    stress_where(thread, "finished");
}

static void stress_rcu(unsigned long long events)
{
    static const char *const roles[] = {
        "consumer", "producer 0", "producer 1", "producer 2", "producer 3"
    };
    os_thread producers[STRESS_RCU_PRODUCERS];
    unsigned long long total, consumed = 0;
    unsigned round = 0;
    unsigned p;

    memset(&rcu, 0, sizeof rcu);
    rcu.per_producer = (unsigned)((events + STRESS_RCU_PRODUCERS - 1) /
                                  STRESS_RCU_PRODUCERS);
    total = (unsigned long long)rcu.per_producer * STRESS_RCU_PRODUCERS;
    rcu.items = calloc(total, sizeof *rcu.items);
    rcu.seen = calloc(total, 1);
    if (rcu.items == NULL || rcu.seen == NULL) {
        fprintf(stderr, "stress %s: out of memory\n", STRESS_VARIANT);
        os_exit_now(STRESS_EXIT_FAIL);
    }
    stress_event_init(false);
    stress_begin("rcu", 1 + STRESS_RCU_PRODUCERS, roles);
    for (p = 0; p < STRESS_RCU_PRODUCERS; p++) {
        stress_start(&producers[p], rcu_producer, (void *)(uintptr_t)p);
    }

    /* The consumer: call_rcu_thread without its sleeps. */
    while (consumed < total) {
        struct rcu_item *batch;

        stress_round(++round);
        stress_where(0, "testing the list");
        if (__atomic_load_n(&rcu.head, __ATOMIC_ACQUIRE) == NULL) {
            stress_where(0, "in qemu_event_reset");
            qemu_event_reset(&stress_ev);
            if (__atomic_load_n(&rcu.head, __ATOMIC_ACQUIRE) == NULL) {
                stress_where(0, "in qemu_event_wait");
                qemu_event_wait(&stress_ev);
                rcu.sleeps++;
            }
            continue;
        }
        stress_where(0, "consuming");
        batch = __atomic_exchange_n(&rcu.head, NULL, __ATOMIC_ACQUIRE);
        for (; batch != NULL; batch = batch->next) {
            size_t index = (size_t)batch->producer * rcu.per_producer +
                           batch->seq;

            if (batch->producer >= STRESS_RCU_PRODUCERS ||
                batch->seq >= rcu.per_producer || rcu.seen[index]) {
                stress_fail(round, "item %u of producer %u taken twice or "
                            "corrupt", batch->seq, batch->producer);
            }
            rcu.seen[index] = 1;
            consumed++;
        }
        __atomic_store_n(&stress_status.consumed, consumed, __ATOMIC_RELAXED);
    }
    stress_where(0, "joining the producers");
    for (p = 0; p < STRESS_RCU_PRODUCERS; p++) {
        os_thread_join(producers[p]);
    }
    if (__atomic_load_n(&rcu.head, __ATOMIC_ACQUIRE) != NULL) {
        stress_fail(round, "items left on the list after all were consumed");
    }
    qemu_event_destroy(&stress_ev);
    printf("  rcu: %llu items from %d producers in %u rounds; the consumer "
           "slept %llu times\n", total, STRESS_RCU_PRODUCERS, round,
           rcu.sleeps);
    free(rcu.items);
    free(rcu.seen);
}

/* ---- broadcast: several plain waiters, one set ---- */

static struct {
    unsigned go;                /* round the waiters may start */
    unsigned ready;             /* waiters started, over all rounds */
    unsigned done;              /* waiters finished, over all rounds */
    unsigned set_started;       /* the notifier is in qemu_event_set */
    bool quit;                  /* no more rounds */
    unsigned long long early;   /* waits that started before the set */
} bcast;

static void bcast_waiter(void *opaque)
{
    unsigned w = (unsigned)(uintptr_t)opaque;
    unsigned rng = 0xbb67ae85u + w * 0xa54ff53au;
    unsigned thread = 1 + w;
    unsigned round;

    for (round = 1;; round++) {
        stress_where(thread, "waiting for the round to start");
        stress_spin_until(&bcast.go, round);
        if (__atomic_load_n(&bcast.quit, __ATOMIC_ACQUIRE)) {
            break;
        }
        __atomic_fetch_add(&bcast.ready, 1, __ATOMIC_RELEASE);
        stress_delay(&rng);
        if (!__atomic_load_n(&bcast.set_started, __ATOMIC_RELAXED)) {
            __atomic_fetch_add(&bcast.early, 1, __ATOMIC_RELAXED);
        }
        stress_where(thread, "in qemu_event_wait");
        qemu_event_wait(&stress_ev);
        if (!__atomic_load_n(&bcast.set_started, __ATOMIC_ACQUIRE)) {
            stress_fail(round, "waiter %u returned from qemu_event_wait "
                        "before qemu_event_set was called", w);
        }
        __atomic_fetch_add(&bcast.done, 1, __ATOMIC_RELEASE);
    }
}

static void stress_broadcast(unsigned rounds)
{
    static const char *const roles[] = {
        "notifier", "waiter 0", "waiter 1", "waiter 2"
    };
    os_thread waiters[STRESS_BCAST_WAITERS];
    unsigned rng = 0x510e527fu;
    unsigned round, w;

    memset(&bcast, 0, sizeof bcast);
    stress_event_init(false);
    stress_begin("broadcast", 1 + STRESS_BCAST_WAITERS, roles);
    for (w = 0; w < STRESS_BCAST_WAITERS; w++) {
        stress_start(&waiters[w], bcast_waiter, (void *)(uintptr_t)w);
    }
    for (round = 1; round <= rounds; round++) {
        stress_where(0, "in qemu_event_reset");
        qemu_event_reset(&stress_ev);
        __atomic_store_n(&bcast.set_started, 0, __ATOMIC_RELAXED);
        stress_round(round);
        __atomic_store_n(&bcast.go, round, __ATOMIC_RELEASE);
        /* Start together, then each side after its own random delay. */
        stress_where(0, "waiting for the waiters to start");
        stress_spin_until(&bcast.ready, round * STRESS_BCAST_WAITERS);
        stress_delay(&rng);
        if (stress_rand(&rng) & 1) {
            os_yield();         /* give the waiters time to fall asleep */
        }
        __atomic_store_n(&bcast.set_started, 1, __ATOMIC_SEQ_CST);
        stress_where(0, "in qemu_event_set");
        qemu_event_set(&stress_ev);
        stress_where(0, "waiting for every waiter to return");
        stress_spin_until(&bcast.done, round * STRESS_BCAST_WAITERS);
    }
    __atomic_store_n(&bcast.quit, true, __ATOMIC_RELAXED);
    __atomic_store_n(&bcast.go, rounds + 1, __ATOMIC_RELEASE);
    for (w = 0; w < STRESS_BCAST_WAITERS; w++) {
        os_thread_join(waiters[w]);
    }
    qemu_event_destroy(&stress_ev);
    printf("  broadcast: %u rounds of %d waiters; %llu of the %llu waits "
           "started before the set\n", rounds, STRESS_BCAST_WAITERS,
           bcast.early, (unsigned long long)rounds * STRESS_BCAST_WAITERS);
}

/* ---- main ---- */

static _Noreturn void stress_usage(void)
{
    fprintf(stderr,
            "usage: stress [-w SECONDS] [PATTERN[:COUNT]]...\n"
            "  PATTERN  seed (COUNT rounds, default 100000),\n"
            "           rcu (COUNT items, default 1000000),\n"
            "           broadcast (COUNT rounds, default 20000);\n"
            "           all three when none is given\n"
            "  -w       watchdog: a round longer than this is a hang "
            "(default 5)\n"
            "exit: 0 ok, 1 postcondition broken, 2 usage, 3 hang\n");
    os_exit_now(STRESS_EXIT_USAGE);
}

static unsigned long long stress_number(const char *s)
{
    char *end;
    unsigned long long n = strtoull(s, &end, 10);

    if (*s == '\0' || *end != '\0' || n == 0 || n > 1000000000ull) {
        stress_usage();
    }
    return n;
}

/* Runs one PATTERN[:COUNT] argument. */
static void stress_run(const char *arg)
{
    const char *colon = strchr(arg, ':');
    size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
    unsigned long long count = colon ? stress_number(colon + 1) : 0;
    uint64_t start = os_now_ns();

    if (len == 4 && strncmp(arg, "seed", 4) == 0) {
        stress_seed(count ? (unsigned)count : 100000);
    } else if (len == 3 && strncmp(arg, "rcu", 3) == 0) {
        stress_rcu(count ? count : 1000000);
    } else if (len == 9 && strncmp(arg, "broadcast", 9) == 0) {
        stress_broadcast(count ? (unsigned)count : 20000);
    } else {
        stress_usage();
    }
    printf("  %.*s: ok in %.2f s\n", (int)len, arg,
           (double)(os_now_ns() - start) / 1e9);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    static const char *const all[] = { "seed", "rcu", "broadcast" };
    os_thread watchdog;
    int i = 1;

    if (i + 1 < argc && strcmp(argv[i], "-w") == 0) {
        stress_timeout_ms = (unsigned)stress_number(argv[i + 1]) * 1000;
        i += 2;
    }
    for (int j = i; j < argc; j++) {
        if (argv[j][0] == '-') {
            stress_usage();
        }
    }
    printf("stress %s: watchdog %u s\n", STRESS_VARIANT,
           stress_timeout_ms / 1000);
    fflush(stdout);
    stress_start(&watchdog, stress_watchdog, NULL);
    if (i == argc) {
        for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
            stress_run(all[k]);
        }
    } else {
        for (; i < argc; i++) {
            stress_run(argv[i]);
        }
    }
    __atomic_store_n(&stress_finished, true, __ATOMIC_RELEASE);
    os_thread_join(watchdog);
    printf("stress %s: all patterns passed\n", STRESS_VARIANT);
    return 0;
}
