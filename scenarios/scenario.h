/* scenario.h: what a scenario's threads see: the world and the QemuEvent API. */
#ifndef EVSIM_SCENARIO_H
#define EVSIM_SCENARIO_H

/*
 * Scenarios are ordinary C, compiled against the same vocabulary as the
 * algorithms (impl/qemu-event.h, sim/platform/platform.h): atomic_read of
 * `cond` is a step exactly as it is inside qemu_event_wait.
 *
 * Every scenario shares one world, set up before the threads start:
 *   cond = false, count = 0, qemu_event_init(&ev, false).
 * These three live in a region of their own that the engine captures whole;
 * a scenario must keep all mutable shared state there, and constants (such as
 * rcu's target) fixed while threads run.
 *
 * qemu_event_set/reset/wait call the variant under test, and note the call
 * site so that traces and the TUI can show where the scenario is.
 */
#include "qemu-event.h"
#include "registry.h"

extern QemuEvent ev;
extern int cond;
extern int count;

enum world_api { WORLD_SET, WORLD_RESET, WORLD_WAIT };

void world_call(enum world_api which, QemuEvent *e, const char *fn,
                const char *file, int line);

#undef qemu_event_set
#undef qemu_event_reset
#undef qemu_event_wait
#define qemu_event_set(e) \
    world_call(WORLD_SET, (e), "qemu_event_set", __FILE__, __LINE__)
#define qemu_event_reset(e) \
    world_call(WORLD_RESET, (e), "qemu_event_reset", __FILE__, __LINE__)
#define qemu_event_wait(e) \
    world_call(WORLD_WAIT, (e), "qemu_event_wait", __FILE__, __LINE__)

/* The seed scenario's two threads, reused by resetters. */
void seed_waiter(void *arg);
void seed_notifier(void *arg);

#endif /* EVSIM_SCENARIO_H */
