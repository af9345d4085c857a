/* seed.c: the reference email's model: one test-reset-test-wait waiter, one notifier. */

/*
 * The Promela model in the 2015 patch, as C: the waiter checks its
 * condition, resets the event, checks again and only then waits; the
 * notifier makes the condition true and sets the event.  The waiter's final
 * assert is the caller's check: it must never return from the wait while
 * cond is still false, and it must not sleep forever (a lost wakeup).
 */
#include "scenario.h"

void seed_waiter(void *arg)
{
    (void)arg;
    if (!atomic_read(&cond)) {
        qemu_event_reset(&ev);
        if (!atomic_read(&cond))
            qemu_event_wait(&ev);
    }
    assert(atomic_read(&cond));
}

void seed_notifier(void *arg)
{
    (void)arg;
    atomic_set(&cond, true);
    qemu_event_set(&ev);
}

static int seed_threads(const int *params, struct evsim_thread_spec *specs)
{
    (void)params;
    specs[0] = (struct evsim_thread_spec){ "waiter", seed_waiter, NULL };
    specs[1] = (struct evsim_thread_spec){ "notifier", seed_notifier, NULL };
    return 2;
}

const struct evsim_scenario scenario_seed = {
    .name = "seed",
    .usage = "seed",
    .summary = "the reference email's model: one test-reset-test-wait "
               "waiter, one notifier",
    .file = "scenarios/seed.c",
    .nparams = 0,
    .threads = seed_threads,
};
