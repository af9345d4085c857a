/* resetters.c: W seed waiters and N seed notifiers: more than one thread resets. */

/*
 * QemuEvent's contract allows one thread to reset and wait (the one that
 * owns the condition).  With W >= 2 waiters doing test-reset-test-wait, one
 * waiter's reset can undo a set meant for another that already checked its
 * condition, and even the kernel-only Win32 version loses that wakeup.  A
 * teaching case about the contract, not a bug in the fast path.
 */
#include "scenario.h"

static int resetters_threads(const int *params, struct evsim_thread_spec *specs)
{
    int i, n = 0;

    for (i = 0; i < params[0]; i++)
        specs[n++] = (struct evsim_thread_spec){ "waiter", seed_waiter, NULL };
    for (i = 0; i < params[1]; i++)
        specs[n++] = (struct evsim_thread_spec){ "notifier", seed_notifier,
                                                 NULL };
    return n;
}

const struct evsim_scenario scenario_resetters = {
    .name = "resetters",
    .usage = "resetters:W,N",
    .summary = "W seed waiters and N seed notifiers (breaks the one-resetter "
               "contract when W >= 2)",
    .file = "scenarios/resetters.c",
    .nparams = 2,
    .pmin = { 1, 1 },
    .pmax = { EVSIM_MAX_THREADS / 2, EVSIM_MAX_THREADS / 2 },
    .pdefault = { 2, 1 },
    .threads = resetters_threads,
};
