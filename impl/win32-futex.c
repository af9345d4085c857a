/* win32-futex.c: QemuEvent on Windows' WaitOnAddress, as QEMU has it since 2025. */

/*
 * In 2025 QEMU dropped the HANDLE-based Win32 event (win32-2015.c and its
 * barrier-fixed successors win32-2017.c, win32-2023.c) and runs the futex
 * algorithm on Windows too: futex-2025.c, with WaitOnAddress and
 * WakeByAddressAll (Windows 8 and later) in place of FUTEX_WAIT and
 * FUTEX_WAKE.  No kernel object, no ResetEvent: WaitOnAddress(&ev->value,
 * &busy, ...) sleeps only if the word still equals EV_BUSY, so a set that
 * lands between the waiter's CAS and its sleep makes the sleep return at
 * once.  Dropping the lazy ResetEvent also drops the Win32 variants'
 * multi-waiter lost wakeup (docs/win32.md).
 *
 * What changed from futex-2015.c (futex-2025.c has the same changes):
 *   - the barriers are the 2023 ones (history item 4): set starts with a
 *     full barrier and follows its exchange with smp_mb__after_rmw; reset
 *     ORs unconditionally and follows with smp_mb__after_rmw; wait reads
 *     the word with load-acquire;
 *   - wait loops: WaitOnAddress may return spuriously (and so may a futex
 *     wait), so a return only means "look at the word again";
 *   - WaitOnAddress's return value is ignored: it is TRUE both when woken
 *     and when the word already differed, and the loop re-reads the word
 *     anyway.  (QEMU ignores it too.)
 *
 * The pairing, as a store-buffering diagram (the waiter's caller does
 * test-reset-test-wait, the notifier's caller stores the condition first):
 *
 *   waiter                               notifier
 *   qatomic_or(value, FREE)              cond = true
 *   smp_mb__after_rmw  --- pairs with -> smp_mb
 *   if (!cond)                           if (value != SET)
 *       wait                                 xchg(value, SET) ...
 *
 * At least one side sees the other's store: either the waiter sees the
 * condition, or the notifier sees FREE/BUSY and goes on to set.
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
    /* Order the caller's store of its condition before our read of the
     * word.  Pairs with the barrier at the end of qemu_event_reset (and
     * with the load-acquire in qemu_event_wait).
     */
    smp_mb();
    if (qatomic_read(&ev->value) != EV_SET) {
        unsigned old = qatomic_xchg(&ev->value, EV_SET);

        /* Order the exchange before the wakeup's look at the sleepers.
         * Pairs with the barrier inside WaitOnAddress.
         */
        smp_mb__after_rmw();
        if (old == EV_BUSY) {
            /* There were waiters, wake them up. */
            WakeByAddressAll(&ev->value);
        }
    }
}

void qemu_event_reset(QemuEvent *ev)
{
    /* A concurrent reset, or reset+wait, leaves FREE or BUSY alone;
     * SET becomes FREE.
     */
    qatomic_or(&ev->value, EV_FREE);

    /* Order the reset before the caller checks its condition again.
     * Pairs with the first barrier in qemu_event_set.
     */
    smp_mb__after_rmw();
}

void qemu_event_wait(QemuEvent *ev)
{
    unsigned busy = EV_BUSY;    /* what WaitOnAddress compares the word with */

    while (true) {
        /* Even on the fast path, wait must synchronize with set: this
         * load-acquire pairs with the first barrier in qemu_event_set.
         */
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

        /* The last look for a concurrent set: WaitOnAddress compares the
         * word with EV_BUSY under the lock of its wait list, which set's
         * WakeByAddressAll also takes.  That (undocumented, but an
         * interlocked operation on x86) is the barrier that pairs with
         * smp_mb__after_rmw in qemu_event_set.
         */
        (void)WaitOnAddress(&ev->value, &busy, sizeof ev->value, INFINITE);
    }
}
