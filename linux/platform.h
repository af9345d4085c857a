/* platform.h (Linux): the algorithm vocabulary on native Linux, with real futexes. */
#ifndef EVSIM_PLATFORM_H
#define EVSIM_PLATFORM_H

/*
 * impl/qemu-event.h includes this header when a futex variant is built to
 * run natively on Linux (-Ilinux), for the stress test.  Its twins are
 * sim/platform/platform.h (which lists the vocabulary) and win32/platform.h:
 *
 *   atomics, barriers, variant naming   ../win32/platform-gcc.h, the same
 *                                       file the Windows build uses;
 *   futex_wait futex_wake               the futex(2) system call, as QEMU's
 *                                       qemu-thread-posix.c has called it
 *                                       since 2011;
 *   QemuMutex QemuCond qemu_mutex_* qemu_cond_*   pthreads;
 *   HANDLE                              a type only, so that QemuEvent's
 *                                       struct compiles; the Win32 calls are
 *                                       left undefined, so a win32 variant
 *                                       fails to build here.
 */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>

#include "../win32/platform-gcc.h"

typedef void *HANDLE;           /* no Win32 here: the field stays unused */

/* ---- futex (QEMU util/qemu-thread-posix.c, 2015) ----
 * futex_wait sleeps only if *addr still equals val when the kernel looks,
 * atomically with going to sleep; the system call is a full barrier.
 * Like QEMU, it returns when woken or when the word already differed
 * (EAGAIN), retries on EINTR, and treats any other error as fatal.  It
 * uses the shared (not _PRIVATE) operations, as QEMU does.
 */
static inline void evsim_linux_futex_wait(void *addr, unsigned val)
{
    while (syscall(SYS_futex, addr, FUTEX_WAIT, (int)val, NULL, NULL, 0)) {
        switch (errno) {
        case EAGAIN:
            return;
        case EINTR:
            break;
        default:
            abort();
        }
    }
}

static inline void evsim_linux_futex_wake(void *addr, int n)
{
    if (syscall(SYS_futex, addr, FUTEX_WAKE, n, NULL, NULL, 0) < 0) {
        abort();
    }
}

#define futex_wait(addr, val)   evsim_linux_futex_wait(EVSIM_WORD(addr), (val))
#define futex_wake(addr, n)     evsim_linux_futex_wake(EVSIM_WORD(addr), (n))

/* ---- mutex and condition variable: pthreads ---- */
typedef struct QemuMutex {
    pthread_mutex_t lock;
} QemuMutex;

typedef struct QemuCond {
    pthread_cond_t cond;        /* always used with a QemuMutex's lock */
} QemuCond;

/* Failures are programming errors (EINVAL, EPERM...): abort, as QEMU does. */
static inline void qemu_mutex_init(QemuMutex *m)
{
    if (pthread_mutex_init(&m->lock, NULL)) {
        abort();
    }
}

static inline void qemu_mutex_destroy(QemuMutex *m)
{
    if (pthread_mutex_destroy(&m->lock)) {
        abort();
    }
}

static inline void qemu_mutex_lock(QemuMutex *m)
{
    if (pthread_mutex_lock(&m->lock)) {
        abort();
    }
}

static inline void qemu_mutex_unlock(QemuMutex *m)
{
    if (pthread_mutex_unlock(&m->lock)) {
        abort();
    }
}

static inline void qemu_cond_init(QemuCond *c)
{
    if (pthread_cond_init(&c->cond, NULL)) {
        abort();
    }
}

static inline void qemu_cond_destroy(QemuCond *c)
{
    if (pthread_cond_destroy(&c->cond)) {
        abort();
    }
}

/* May return spuriously, like every condition variable: callers loop. */
static inline void qemu_cond_wait(QemuCond *c, QemuMutex *m)
{
    if (pthread_cond_wait(&c->cond, &m->lock)) {
        abort();
    }
}

static inline void qemu_cond_signal(QemuCond *c)
{
    if (pthread_cond_signal(&c->cond)) {
        abort();
    }
}

static inline void qemu_cond_broadcast(QemuCond *c)
{
    if (pthread_cond_broadcast(&c->cond)) {
        abort();
    }
}

#endif /* EVSIM_PLATFORM_H */
