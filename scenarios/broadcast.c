/* broadcast.c: W plain waiters released by one set: a manual-reset event wakes them all. */

/*
 * Every waiter calls qemu_event_wait without resetting first, so all of
 * them may be asleep at once; one qemu_event_set must release every one of
 * them (Win32 SetEvent on a manual-reset event, FUTEX_WAKE of INT_MAX).
 */
#include "scenario.h"

static void broadcast_waiter(void *arg)
{
    (void)arg;
    qemu_event_wait(&ev);
    assert(atomic_read(&cond));
}

static int broadcast_threads(const int *params, struct evsim_thread_spec *specs)
{
    int w, n = 0;

    for (w = 0; w < params[0]; w++)
        specs[n++] = (struct evsim_thread_spec){ "waiter", broadcast_waiter,
                                                 NULL };
    specs[n++] = (struct evsim_thread_spec){ "notifier", seed_notifier, NULL };
    return n;
}

const struct evsim_scenario scenario_broadcast = {
    .name = "broadcast",
    .usage = "broadcast:W",
    .summary = "W plain waiters and one notifier: one set must wake them all",
    .file = "scenarios/broadcast.c",
    .nparams = 1,
    .pmin = { 1, 0 },
    .pmax = { EVSIM_MAX_THREADS - 1, 0 },
    .pdefault = { 2, 0 },
    .threads = broadcast_threads,
};
