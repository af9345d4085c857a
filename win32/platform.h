/* platform.h (Windows): the algorithm vocabulary on real Win32, for mingw-w64. */
#ifndef EVSIM_PLATFORM_H
#define EVSIM_PLATFORM_H

/*
 * impl/qemu-event.h includes this header when an algorithm is built for
 * Windows (-Iwin32); sim/platform/platform.h is its simulator twin and lists
 * the vocabulary.  Here every name has its real meaning:
 *
 *   atomics, barriers, variant naming   win32/platform-gcc.h, shared with
 *                                       linux/platform.h (the comments there
 *                                       say which QEMU era each comes from);
 *   HANDLE CreateEvent SetEvent ResetEvent WaitForSingleObject CloseHandle
 *   INFINITE WAIT_OBJECT_0 WAIT_FAILED  <windows.h> itself;
 *   WaitOnAddress WakeByAddressAll      <windows.h> itself (Windows 8 and
 *                                       later; link with -lsynchronization);
 *   QemuMutex QemuCond qemu_mutex_* qemu_cond_*   as QEMU's
 *                                       util/qemu-thread-win32.c has had
 *                                       them since 2017: SRWLOCK and
 *                                       CONDITION_VARIABLE;
 *   assert                              <assert.h>: a failure aborts.
 *
 * futex_wait and futex_wake do not exist on Windows and are left undefined,
 * so a futex variant fails to build here rather than running on something
 * else.
 */

/* WaitOnAddress needs Windows 8 (0x0602) or later. */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0602
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <assert.h>
#include <stdlib.h>

#include "platform-gcc.h"

/* ---- mutex and condition variable (QEMU util/qemu-thread-win32.c, 2017-) ---- */
typedef struct QemuMutex {
    SRWLOCK lock;               /* exclusive mode only */
} QemuMutex;

typedef struct QemuCond {
    CONDITION_VARIABLE var;     /* always used with a QemuMutex's lock */
} QemuCond;

/* These cannot fail: SRW locks and condition variables need no resources. */
static inline void qemu_mutex_init(QemuMutex *m)
{
    InitializeSRWLock(&m->lock);
}

static inline void qemu_mutex_destroy(QemuMutex *m)
{
    InitializeSRWLock(&m->lock);    /* nothing to free: back to unlocked */
}

static inline void qemu_mutex_lock(QemuMutex *m)
{
    AcquireSRWLockExclusive(&m->lock);
}

static inline void qemu_mutex_unlock(QemuMutex *m)
{
    ReleaseSRWLockExclusive(&m->lock);
}

static inline void qemu_cond_init(QemuCond *c)
{
    InitializeConditionVariable(&c->var);
}

static inline void qemu_cond_destroy(QemuCond *c)
{
    InitializeConditionVariable(&c->var);
}

/* May return spuriously, like every condition variable: callers loop. */
static inline void qemu_cond_wait(QemuCond *c, QemuMutex *m)
{
    if (!SleepConditionVariableSRW(&c->var, &m->lock, INFINITE, 0)) {
        abort();                /* only fails with a timeout, and we gave none */
    }
}

static inline void qemu_cond_signal(QemuCond *c)
{
    WakeConditionVariable(&c->var);
}

static inline void qemu_cond_broadcast(QemuCond *c)
{
    WakeAllConditionVariable(&c->var);
}

#endif /* EVSIM_PLATFORM_H */
