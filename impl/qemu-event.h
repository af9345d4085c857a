/* qemu-event.h: the QemuEvent API and its state word, shared by every variant. */
#ifndef QEMU_EVENT_H
#define QEMU_EVENT_H

/*
 * Every algorithm file includes this header and nothing else.  It pulls in
 * <platform.h>, which the build finds on the include path: win32/platform.h
 * for the real Windows build (mingw-w64), sim/platform/platform.h for the
 * simulator.  The algorithm never tests which one it got.
 *
 * The platform header provides the vocabulary:
 *   atomics   atomic_read atomic_set atomic_mb_read atomic_mb_set atomic_xchg
 *             atomic_cmpxchg atomic_or atomic_and atomic_inc atomic_dec
 *             atomic_fetch_add atomic_fetch_or, and the later qatomic_* names
 *             plus qatomic_load_acquire / qatomic_store_release;
 *   barriers  smp_mb smp_rmb smp_wmb smp_mb__before_rmw smp_mb__after_rmw;
 *   Win32     HANDLE CreateEvent SetEvent ResetEvent WaitForSingleObject
 *             CloseHandle INFINITE WAIT_OBJECT_0, WaitOnAddress
 *             WakeByAddressAll;
 *   Linux     futex_wait futex_wake (where the platform has them);
 *   threads   QemuMutex QemuCond qemu_mutex_init/lock/unlock/destroy,
 *             qemu_cond_init/wait/signal/broadcast/destroy;
 *   assert    assert(), which the simulator turns into a reported violation.
 */
#include <platform.h>

/*
 * The state word of the fast path (the values are QEMU's).
 *
 *   EV_SET   0   signaled
 *   EV_FREE  1   not signaled, and nobody is (about to be) sleeping
 *   EV_BUSY -1   not signaled, and some waiter is (about to be) sleeping
 *
 * Valid transitions:
 *   free->set   qemu_event_set
 *   busy->set   qemu_event_set, which must then wake the sleepers
 *   set->free   qemu_event_reset
 *   free->busy  qemu_event_wait, announcing that it is about to sleep
 * Staying put is always allowed.
 *
 * set->busy never happens directly: it is set->free->busy, two transitions
 * by two calls.  busy->free must never happen: a waiter that announced BUSY
 * would then sleep while qemu_event_set, seeing FREE, skips the wakeup.  That
 * is why reset turns SET into FREE with an atomic OR of EV_FREE rather than a
 * store: SET|FREE = FREE, FREE|FREE = FREE, and BUSY|FREE = BUSY (all bits of
 * -1 are already set), so a reset racing with a concurrent reset, or with a
 * reset+wait that already made the word BUSY, is a no-op.  A compare-and-swap
 * would do the same but costs a retry loop; the OR is one instruction.
 *
 * The simulator checks every store to the word against this list and reports
 * anything else as an illegal transition.
 */
#define EV_SET         0
#define EV_FREE        1
#define EV_BUSY        (-1u)    /* -1 as the unsigned word holds it */

/* One struct serves all variants; each uses the fields it needs. */
typedef struct QemuEvent {
    unsigned value;     /* the state word: EV_SET, EV_FREE or EV_BUSY */
    HANDLE event;       /* Win32 manual-reset event (win32-* variants) */
    QemuMutex lock;     /* protects value (condvar variant) */
    QemuCond cond;      /* broadcast on set (condvar variant) */
} QemuEvent;

/* The API, as QEMU's include/qemu/thread.h declares it. */
void qemu_event_init(QemuEvent *ev, bool init);
void qemu_event_set(QemuEvent *ev);
void qemu_event_reset(QemuEvent *ev);
void qemu_event_wait(QemuEvent *ev);
void qemu_event_destroy(QemuEvent *ev);

#endif /* QEMU_EVENT_H */
