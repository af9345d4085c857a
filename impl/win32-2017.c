/* win32-2017.c: QemuEvent on Win32, the fast path with acquire/release atomics (2017 to 2023). */

/*
 * The logic of win32-2015.c, unchanged; the memory ordering rewritten when
 * QEMU moved its atomics to C11 (2017):
 *   - set starts with a full barrier and then reads the word relaxed (it
 *     has release semantics, but it *loads* the word, so a release fence
 *     would not order the caller's store of its condition before that load);
 *   - reset and wait read the word with load-acquire;
 *   - the read-modify-writes are C11 sequentially consistent atomics.
 *
 * On x86 a locked instruction is still a full fence.  On ARM a seq_cst RMW
 * does not order a *later relaxed load* of another variable, and in 2023
 * QEMU saw waiters sleeping forever on ARM hosts: the waiter's reset (an OR)
 * and its re-check of the condition, against the notifier's store of the
 * condition and its read of the word, is the store-buffering pattern
 *
 *   waiter                         notifier
 *   atomic_or(value, FREE)         cond = true
 *   if (!cond)  <- may read old    if (value != SET)  <- may read old SET
 *
 * Under sequential consistency (evsim's "sc" model) this variant behaves
 * exactly as win32-2015; the difference needs a weaker memory model.
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
    /* qemu_event_set has release semantics, but because it *loads*
     * ev->value we need a full memory barrier here.
     */
    smp_mb();
    if (qatomic_read(&ev->value) != EV_SET) {
        if (qatomic_xchg(&ev->value, EV_SET) == EV_BUSY) {
            /* There were waiters, wake them up. */
            SetEvent(ev->event);
        }
    }
}

void qemu_event_reset(QemuEvent *ev)
{
    unsigned value;

    value = qatomic_load_acquire(&ev->value);
    if (value == EV_SET) {
        /* If there was a concurrent reset (or even reset+wait), do
         * nothing.  Otherwise change EV_SET->EV_FREE.
         */
        qatomic_or(&ev->value, EV_FREE);
    }
}

void qemu_event_wait(QemuEvent *ev)
{
    unsigned value;

    value = qatomic_load_acquire(&ev->value);
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
            if (qatomic_cmpxchg(&ev->value, EV_FREE, EV_BUSY) == EV_SET) {
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
