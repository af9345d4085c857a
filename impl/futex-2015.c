/* futex-2015.c: QemuEvent on Linux futexes, as QEMU had it from 2015. */

/*
 * The same state word as win32-2015.c, but the slow path sleeps on the word
 * itself: futex_wait(&ev->value, EV_BUSY) compares the word with EV_BUSY and
 * goes to sleep in one atomic step in the kernel, so a set that changes the
 * word to SET between the waiter's CAS and its futex_wait makes the wait
 * return at once instead of sleeping.  No separate kernel object, no reset.
 *
 * This version does not loop: a spurious return from futex_wait returns
 * from qemu_event_wait while the event is still BUSY (see futex-2025.c).
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
    if (atomic_mb_read(&ev->value) != EV_SET) {
        if (atomic_xchg(&ev->value, EV_SET) == EV_BUSY) {
            /* There were waiters, wake them up. */
            futex_wake(&ev->value, INT32_MAX);
        }
    }
}

void qemu_event_reset(QemuEvent *ev)
{
    if (atomic_mb_read(&ev->value) == EV_SET) {
        /* A concurrent reset, or reset+wait, leaves FREE or BUSY alone. */
        atomic_or(&ev->value, EV_FREE);
    }
}

void qemu_event_wait(QemuEvent *ev)
{
    unsigned value;

    value = atomic_mb_read(&ev->value);
    if (value != EV_SET) {
        if (value == EV_FREE) {
            /* Leave the event reset and tell qemu_event_set that there are
             * waiters.  No need to retry: there cannot be a concurrent
             * busy->free transition.  After the CAS the event is either
             * set or busy.
             */
            if (atomic_cmpxchg(&ev->value, EV_FREE, EV_BUSY) == EV_SET) {
                return;
            }
        }
        futex_wait(&ev->value, EV_BUSY);
    }
}
