/* condvar.c: QemuEvent on a mutex and condition variable, for hosts without futexes (2025). */

/*
 * QEMU's 2025 fallback for platforms with no futex: the state word is kept
 * (set and reset still skip the lock when they can... reset does), but a
 * waiter sleeps on a condition variable, under a mutex that set also takes
 * to publish SET and broadcast.  The word only moves between SET and FREE
 * here: nobody announces BUSY, since the mutex closes the window between a
 * waiter's check and its sleep (qemu_cond_wait releases the mutex and sleeps
 * in one atomic step).
 *
 * An early draft had a lost wakeup found in review: a barrier in reset
 * alone is not enough, both sides need one, and the wait must loop because
 * condition variables wake spuriously.  The wait below loops (`while`); the
 * mutant condvar-if shows what an `if` does under --spurious.
 */
#include "qemu-event.h"

void qemu_event_init(QemuEvent *ev, bool init)
{
    qemu_mutex_init(&ev->lock);
    qemu_cond_init(&ev->cond);
    ev->value = (init ? EV_SET : EV_FREE);
}

void qemu_event_destroy(QemuEvent *ev)
{
    qemu_mutex_destroy(&ev->lock);
    qemu_cond_destroy(&ev->cond);
}

void qemu_event_set(QemuEvent *ev)
{
    qemu_mutex_lock(&ev->lock);
    /* Pairs with the load-acquire in qemu_event_reset. */
    qatomic_store_release(&ev->value, EV_SET);
    qemu_cond_broadcast(&ev->cond);
    qemu_mutex_unlock(&ev->lock);
}

void qemu_event_reset(QemuEvent *ev)
{
    /* SET becomes FREE, FREE stays FREE.  A set between the load and the
     * store is overwritten, which is as if the reset came after it.
     */
    qatomic_set(&ev->value, qatomic_load_acquire(&ev->value) | EV_FREE);

    /* Order the reset before the caller checks its condition; set's side
     * of the pairing is the mutex.
     */
    smp_mb();
}

void qemu_event_wait(QemuEvent *ev)
{
    qemu_mutex_lock(&ev->lock);
    while (qatomic_read(&ev->value) != EV_SET) {
        qemu_cond_wait(&ev->cond, &ev->lock);
    }
    qemu_mutex_unlock(&ev->lock);
}
