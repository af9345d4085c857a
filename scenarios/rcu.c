/* rcu.c: QEMU's call_rcu pattern: one consumer waiting for P producers' K items each. */

/*
 * util/rcu.c's call_rcu thread sleeps on rcu_call_ready_event until the
 * queue has work; call_rcu appends a callback and sets the event.  Here the
 * queue is a counter: each producer increments it K times, setting the event
 * after each increment, and the consumer loops until it has seen all P*K:
 *
 *   while (count != P*K) { reset; if (count != P*K) wait; }
 *
 * A lost wakeup leaves the consumer asleep with work outstanding.
 */
#include "scenario.h"

static int rcu_target;          /* P*K: fixed before the threads start */
static int rcu_per_producer;    /* K */

static void rcu_consumer(void *arg)
{
    (void)arg;
    while (atomic_read(&count) != rcu_target) {
        qemu_event_reset(&ev);
        if (atomic_read(&count) != rcu_target)
            qemu_event_wait(&ev);
    }
}

static void rcu_producer(void *arg)
{
    int i;

    (void)arg;
    for (i = 0; i < rcu_per_producer; i++) {
        atomic_inc(&count);
        qemu_event_set(&ev);
    }
}

static int rcu_threads(const int *params, struct evsim_thread_spec *specs)
{
    int p, n = 0;

    rcu_target = params[0] * params[1];
    rcu_per_producer = params[1];
    specs[n++] = (struct evsim_thread_spec){ "consumer", rcu_consumer, NULL };
    for (p = 0; p < params[0]; p++)
        specs[n++] = (struct evsim_thread_spec){ "producer", rcu_producer,
                                                 NULL };
    return n;
}

const struct evsim_scenario scenario_rcu = {
    .name = "rcu",
    .usage = "rcu:P,K",
    .summary = "call_rcu: one consumer, P producers of K items each",
    .file = "scenarios/rcu.c",
    .nparams = 2,
    .pmin = { 1, 1 },
    .pmax = { EVSIM_MAX_THREADS - 1, 16 },
    .pdefault = { 2, 1 },
    .threads = rcu_threads,
};
