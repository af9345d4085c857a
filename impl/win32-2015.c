/* win32-2015.c: QemuEvent on Win32 with the 2015 userspace fast path. */

/*
 * The reference email's algorithm (qemu-devel, September 2015): the state
 * word of qemu-event.h layered over a Win32 manual-reset event, so that set,
 * reset and wait make no kernel call when they can.
 *
 * The kernel event is created *signaled* and reset lazily, inside wait, as
 * part of the caller's test-reset-test-wait sequence:
 *
 *   waiter                               notifier
 *   if (!cond) {                         cond = true;
 *       qemu_event_reset(ev);            qemu_event_set(ev);
 *       if (!cond)
 *           qemu_event_wait(ev);
 *   }
 *
 * qemu_event_set calls SetEvent only when it takes the word from BUSY, i.e.
 * only when a waiter has announced that it is going to sleep.  A waiter
 * resets the kernel event *before* announcing BUSY with its compare-and-swap:
 * a set that sees BUSY therefore always comes after the ResetEvent, and its
 * SetEvent cannot be undone by it.  (Swap the two and the ResetEvent can
 * swallow the SetEvent: the classic lost wakeup, one of the mutants.)
 *
 * Memory ordering is the 2015 one: atomic_mb_read is a load followed by a
 * read barrier, and atomic_xchg/atomic_cmpxchg/atomic_or are GCC __sync
 * builtins, full barriers on every architecture.
 */
#include "qemu-event.h"

void qemu_event_init(QemuEvent *ev, bool init)
{
    /* Manual reset, created signaled: wait resets it lazily. */
    ev->event = CreateEvent(NULL, TRUE, TRUE, NULL);
    ev->value = (init ? EV_SET : EV_FREE);
}

void qemu_event_destroy(QemuEvent *ev)
{
    CloseHandle(ev->event);
}

void qemu_event_set(QemuEvent *ev)
{
    if (atomic_mb_read(&ev->value) != EV_SET) {
        if (atomic_xchg(&ev->value, EV_SET) == EV_BUSY) {
            /* There were waiters, wake them up. */
            SetEvent(ev->event);
        }
    }
}

void qemu_event_reset(QemuEvent *ev)
{
    if (atomic_mb_read(&ev->value) == EV_SET) {
        /* If there was a concurrent reset (or even reset+wait), do
         * nothing: the OR leaves FREE and BUSY alone.  Otherwise change
         * EV_SET->EV_FREE.
         */
        atomic_or(&ev->value, EV_FREE);
    }
}

void qemu_event_wait(QemuEvent *ev)
{
    unsigned value;

    value = atomic_mb_read(&ev->value);
    if (value != EV_SET) {
        if (value == EV_FREE) {
            /* qemu_event_set is not yet going to call SetEvent, but we are
             * going to do another check for EV_SET below when setting
             * EV_BUSY.  At that point it is safe to call
             * WaitForSingleObject.
             */
            ResetEvent(ev->event);

            /* Tell qemu_event_set that there are waiters.  No need to
             * retry, because there cannot be a concurrent busy->free
             * transition.  After the CAS, the event is either set or busy.
             */
            if (atomic_cmpxchg(&ev->value, EV_FREE, EV_BUSY) == EV_SET) {
                value = EV_SET;
            } else {
                value = EV_BUSY;
            }
        }
        if (value == EV_BUSY) {
            WaitForSingleObject(ev->event, INFINITE);
        }
    }
}
