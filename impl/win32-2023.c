/* win32-2023.c: QemuEvent on Win32, the fast path with the 2023 barrier fixes (2023 to 2025). */

/*
 * The fix for the ARM hangs of win32-2017.c: both sides of the
 * store-buffering pattern get a full barrier after their read-modify-write.
 *
 *   waiter (caller of reset)               notifier (caller of set)
 *   qatomic_or(value, FREE)                cond = true
 *   smp_mb__after_rmw() --- pairs with --> smp_mb()
 *   if (!cond) wait                        if (value != SET) xchg, wake
 *
 * Either the waiter sees the condition, or the notifier sees FREE or BUSY
 * and sets.  Changes from win32-2017.c:
 *   - set: full barrier, relaxed read, exchange, smp_mb__after_rmw, then
 *     SetEvent if the old value was BUSY;
 *   - reset: an unconditional OR (no load first: the OR is a no-op on FREE
 *     and BUSY anyway), then smp_mb__after_rmw to order the reset before the
 *     caller checks its condition;
 *   - wait: load-acquire; if FREE, ResetEvent, then an explicit smp_mb (it
 *     is not documented that ResetEvent is a barrier), then the CAS; return
 *     at once if the CAS saw SET.
 * Under sequential consistency the barriers change nothing, but the
 * unconditional OR in reset changes the step counts.
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
    /* Pairs with the barrier at the end of qemu_event_reset: order the
     * caller's store of its condition before the load of the word.
     */
    smp_mb();
    if (qatomic_read(&ev->value) != EV_SET) {
        unsigned old = qatomic_xchg(&ev->value, EV_SET);

        /* Pairs with the barrier in qemu_event_wait, before its CAS. */
        smp_mb__after_rmw();
        if (old == EV_BUSY) {
            /* There were waiters, wake them up. */
            SetEvent(ev->event);
        }
    }
}

void qemu_event_reset(QemuEvent *ev)
{
    /* SET becomes FREE; FREE and BUSY stay as they are. */
    qatomic_or(&ev->value, EV_FREE);

    /* Order the reset before the caller checks its condition.  Pairs with
     * the first barrier in qemu_event_set.
     */
    smp_mb__after_rmw();
}

void qemu_event_wait(QemuEvent *ev)
{
    unsigned value;

    /* Pairs with the first barrier in qemu_event_set. */
    value = qatomic_load_acquire(&ev->value);
    if (value != EV_SET) {
        if (value == EV_FREE) {
            /* qemu_event_set is not yet going to call SetEvent, but we are
             * going to do another check for EV_SET below when setting
             * EV_BUSY.  At that point it is safe to call
             * WaitForSingleObject.
             */
            ResetEvent(ev->event);

            /* It is not documented that ResetEvent is a barrier: order it
             * before the CAS.  Pairs with smp_mb__after_rmw in set.
             */
            smp_mb();

            /* Tell qemu_event_set that there are waiters.  No need to
             * retry, because there cannot be a concurrent busy->free
             * transition.  After the CAS, the event is either set or busy.
             */
            if (qatomic_cmpxchg(&ev->value, EV_FREE, EV_BUSY) == EV_SET) {
                return;
            }
        }
        WaitForSingleObject(ev->event, INFINITE);
    }
}
