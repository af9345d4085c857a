/* futex-2025.c: QemuEvent on Linux futexes, looping on spurious wakeups (2025). */

/*
 * futex-2015.c with the 2023 barriers and one more change: wait loops.  A
 * futex wait may return without a wake (a signal, a stale wake meant for an
 * earlier sleep on the same word), so a return only means "look at the word
 * again"; the 2015 version returned from qemu_event_wait while the event
 * could still be BUSY.  The kernel's futex wait is a full barrier.
 *
 *   waiter (caller of reset)               notifier (caller of set)
 *   qatomic_or(value, FREE)                cond = true
 *   smp_mb__after_rmw() --- pairs with --> smp_mb()
 *   if (!cond) wait                        if (value != SET) xchg, wake
 */
#include "qemu-event.h"

void qemu_event_init(QemuEvent *ev, bool init)
{
    ev->value = (init ? EV_SET : EV_FREE);
}

void qemu_event_destroy(QemuEvent *ev)
{
    (void)ev;
}

void qemu_event_set(QemuEvent *ev)
{
    /* Pairs with the barrier at the end of qemu_event_reset. */
    smp_mb();
    if (qatomic_read(&ev->value) != EV_SET) {
        unsigned old = qatomic_xchg(&ev->value, EV_SET);

        /* Pairs with the barrier inside futex_wait. */
        smp_mb__after_rmw();
        if (old == EV_BUSY) {
            /* There were waiters, wake them up. */
            futex_wake(&ev->value, INT32_MAX);
        }
    }
}

void qemu_event_reset(QemuEvent *ev)
{
    /* SET becomes FREE; FREE and BUSY stay as they are. */
    qatomic_or(&ev->value, EV_FREE);

    /* Order the reset before the caller checks its condition. */
    smp_mb__after_rmw();
}

void qemu_event_wait(QemuEvent *ev)
{
    while (true) {
        /* Pairs with the first barrier in qemu_event_set. */
        unsigned value = qatomic_load_acquire(&ev->value);

        if (value == EV_SET) {
            break;
        }
        if (value == EV_FREE) {
            /* Leave the event reset and tell qemu_event_set that there are
             * waiters.  No need to retry: there cannot be a concurrent
             * busy->free transition.  After the CAS the event is either
             * set or busy.
             */
            if (qatomic_cmpxchg(&ev->value, EV_FREE, EV_BUSY) == EV_SET) {
                break;
            }
        }

        /* Sleeps only if the word is still BUSY when the kernel looks. */
        futex_wait(&ev->value, EV_BUSY);
    }
}
