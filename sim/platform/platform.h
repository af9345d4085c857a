/* platform.h (simulator): the algorithm vocabulary as steps of the evsim engine. */
#ifndef EVSIM_PLATFORM_H
#define EVSIM_PLATFORM_H

/*
 * impl/qemu-event.h includes this header when an algorithm is compiled into
 * the simulator; win32/platform.h is its Windows twin.  Every name below is
 * one the algorithms use, with the meaning it has in QEMU or Win32; here each
 * call becomes a request to the engine (sim/evsim-site.h), which stops the
 * calling simulated thread there and lets the scheduler decide who runs next.
 *
 * Step semantics (sim/README.md has the full list):
 *   - every atomic below is one step, performed atomically by the engine;
 *   - barriers are requests to the memory layer but not steps;
 *   - SetEvent, ResetEvent, WaitForSingleObject, WaitOnAddress,
 *     WakeByAddressAll, futex_wait, futex_wake and the mutex and condition
 *     variable calls are one step each; a thread that blocks needs one more
 *     step to return once released;
 *   - CreateEvent, CloseHandle and the *_init/_destroy calls are not steps.
 *
 * Each call site carries a static description (evsim_site): the operation,
 * its source text as written, and __FILE__/__LINE__, so that traces and the
 * TUI can show exactly which line of the algorithm runs.
 *
 * Shared words are 4 bytes (int or unsigned): a size check rejects anything
 * else at compile time.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "evsim-site.h"

/* ---- names: one variant file becomes <id>_qemu_event_* in the binary ---- */
#include "variant-names.h"

/* ---- atomics ---- */
#define EVSIM_WORD(p) \
    ((void)sizeof(char[sizeof(*(p)) == 4 ? 1 : -1]), (unsigned *)(p))

/* Each site's descriptor gets a name of its own (__COUNTER__), so that a
 * vocabulary call nested in another's argument does not shadow it. */
#define EVSIM_CAT2(a, b)        a##b
#define EVSIM_CAT(a, b)         EVSIM_CAT2(a, b)
#define EVSIM_ATOMIC(...)       EVSIM_ATOMIC_N(__COUNTER__, __VA_ARGS__)
#define EVSIM_ATOMIC_N(n, type, kind, order, name, text, p, a, b) ({        \
    static const struct evsim_site EVSIM_CAT(evsim_site_, n) = {            \
        (kind), (order), (name), (text), __FILE__, __LINE__ };              \
    (type)evsim_atomic(&EVSIM_CAT(evsim_site_, n), EVSIM_WORD(p),           \
                       (unsigned)(a), (unsigned)(b)); })

#define EVSIM_ATOMIC_T(p, kind, order, name, text, a, b)                    \
    EVSIM_ATOMIC(__typeof__(*(p)), kind, order, name, text, p, a, b)

/* 2015-era names (include/qemu/atomic.h of the time). */
#define atomic_read(p)  EVSIM_ATOMIC_T(p, EVSIM_OP_LOAD, EVSIM_RELAXED, \
    "atomic_read", "atomic_read(" #p ")", 0, 0)
#define atomic_set(p, v) (EVSIM_ATOMIC(void, EVSIM_OP_STORE, EVSIM_RELAXED, \
    "atomic_set", "atomic_set(" #p ", " #v ")", p, v, 0))
#define atomic_mb_read(p) EVSIM_ATOMIC_T(p, EVSIM_OP_LOAD, EVSIM_SEQ_CST, \
    "atomic_mb_read", "atomic_mb_read(" #p ")", 0, 0)
#define atomic_mb_set(p, v) (EVSIM_ATOMIC(void, EVSIM_OP_STORE, EVSIM_SEQ_CST, \
    "atomic_mb_set", "atomic_mb_set(" #p ", " #v ")", p, v, 0))
#define atomic_xchg(p, v) EVSIM_ATOMIC_T(p, EVSIM_OP_XCHG, EVSIM_SEQ_CST, \
    "atomic_xchg", "atomic_xchg(" #p ", " #v ")", v, 0)
#define atomic_cmpxchg(p, o, n) EVSIM_ATOMIC_T(p, EVSIM_OP_CMPXCHG, EVSIM_SEQ_CST, \
    "atomic_cmpxchg", "atomic_cmpxchg(" #p ", " #o ", " #n ")", o, n)
#define atomic_or(p, v) (EVSIM_ATOMIC(void, EVSIM_OP_OR, EVSIM_SEQ_CST, \
    "atomic_or", "atomic_or(" #p ", " #v ")", p, v, 0))
#define atomic_and(p, v) (EVSIM_ATOMIC(void, EVSIM_OP_AND, EVSIM_SEQ_CST, \
    "atomic_and", "atomic_and(" #p ", " #v ")", p, v, 0))
#define atomic_inc(p) (EVSIM_ATOMIC(void, EVSIM_OP_ADD, EVSIM_SEQ_CST, \
    "atomic_inc", "atomic_inc(" #p ")", p, 1, 0))
#define atomic_dec(p) (EVSIM_ATOMIC(void, EVSIM_OP_ADD, EVSIM_SEQ_CST, \
    "atomic_dec", "atomic_dec(" #p ")", p, -1, 0))
#define atomic_fetch_add(p, v) EVSIM_ATOMIC_T(p, EVSIM_OP_ADD, EVSIM_SEQ_CST, \
    "atomic_fetch_add", "atomic_fetch_add(" #p ", " #v ")", v, 0)
#define atomic_fetch_or(p, v) EVSIM_ATOMIC_T(p, EVSIM_OP_OR, EVSIM_SEQ_CST, \
    "atomic_fetch_or", "atomic_fetch_or(" #p ", " #v ")", v, 0)

/* Later names (qatomic_*, QEMU 5.2 onwards): C11 seq_cst read-modify-writes. */
#define qatomic_read(p) EVSIM_ATOMIC_T(p, EVSIM_OP_LOAD, EVSIM_RELAXED, \
    "qatomic_read", "qatomic_read(" #p ")", 0, 0)
#define qatomic_set(p, v) (EVSIM_ATOMIC(void, EVSIM_OP_STORE, EVSIM_RELAXED, \
    "qatomic_set", "qatomic_set(" #p ", " #v ")", p, v, 0))
#define qatomic_mb_read(p) EVSIM_ATOMIC_T(p, EVSIM_OP_LOAD, EVSIM_SEQ_CST, \
    "qatomic_mb_read", "qatomic_mb_read(" #p ")", 0, 0)
#define qatomic_load_acquire(p) EVSIM_ATOMIC_T(p, EVSIM_OP_LOAD, EVSIM_ACQUIRE, \
    "qatomic_load_acquire", "qatomic_load_acquire(" #p ")", 0, 0)
#define qatomic_store_release(p, v) (EVSIM_ATOMIC(void, EVSIM_OP_STORE, \
    EVSIM_RELEASE, "qatomic_store_release", \
    "qatomic_store_release(" #p ", " #v ")", p, v, 0))
#define qatomic_xchg(p, v) EVSIM_ATOMIC_T(p, EVSIM_OP_XCHG, EVSIM_SEQ_CST, \
    "qatomic_xchg", "qatomic_xchg(" #p ", " #v ")", v, 0)
#define qatomic_cmpxchg(p, o, n) EVSIM_ATOMIC_T(p, EVSIM_OP_CMPXCHG, \
    EVSIM_SEQ_CST, "qatomic_cmpxchg", \
    "qatomic_cmpxchg(" #p ", " #o ", " #n ")", o, n)
#define qatomic_or(p, v) (EVSIM_ATOMIC(void, EVSIM_OP_OR, EVSIM_SEQ_CST, \
    "qatomic_or", "qatomic_or(" #p ", " #v ")", p, v, 0))
#define qatomic_fetch_or(p, v) EVSIM_ATOMIC_T(p, EVSIM_OP_OR, EVSIM_SEQ_CST, \
    "qatomic_fetch_or", "qatomic_fetch_or(" #p ", " #v ")", v, 0)
#define qatomic_inc(p) (EVSIM_ATOMIC(void, EVSIM_OP_ADD, EVSIM_SEQ_CST, \
    "qatomic_inc", "qatomic_inc(" #p ")", p, 1, 0))
#define qatomic_dec(p) (EVSIM_ATOMIC(void, EVSIM_OP_ADD, EVSIM_SEQ_CST, \
    "qatomic_dec", "qatomic_dec(" #p ")", p, -1, 0))
#define qatomic_fetch_add(p, v) EVSIM_ATOMIC_T(p, EVSIM_OP_ADD, EVSIM_SEQ_CST, \
    "qatomic_fetch_add", "qatomic_fetch_add(" #p ", " #v ")", v, 0)

/* ---- barriers: not steps, but the memory layer sees them ---- */
#define EVSIM_FENCE(kind, name) EVSIM_FENCE_N(__COUNTER__, kind, name)
#define EVSIM_FENCE_N(n, kind, name) ({                                     \
    static const struct evsim_site EVSIM_CAT(evsim_site_, n) = {            \
        EVSIM_OP_FENCE, (kind), (name), (name "()"), __FILE__, __LINE__ };  \
    evsim_fence(&EVSIM_CAT(evsim_site_, n)); })
#define smp_mb()                EVSIM_FENCE(EVSIM_SEQ_CST, "smp_mb")
#define smp_rmb()               EVSIM_FENCE(EVSIM_ACQUIRE, "smp_rmb")
#define smp_wmb()               EVSIM_FENCE(EVSIM_RELEASE, "smp_wmb")
#define smp_mb__before_rmw()    EVSIM_FENCE(EVSIM_SEQ_CST, "smp_mb__before_rmw")
#define smp_mb__after_rmw()     EVSIM_FENCE(EVSIM_SEQ_CST, "smp_mb__after_rmw")

/* ---- Win32 ---- */
typedef void *HANDLE;
typedef int BOOL;
typedef unsigned int DWORD;
#define TRUE                    1
#define FALSE                   0
#define INFINITE                0xFFFFFFFFu
#define WAIT_OBJECT_0           0u
#define WAIT_FAILED             0xFFFFFFFFu

#define EVSIM_KCALL(...)        EVSIM_KCALL_N(__COUNTER__, __VA_ARGS__)
#define EVSIM_KCALL_N(n, type, kind, name, text, a, b) ({                   \
    static const struct evsim_site EVSIM_CAT(evsim_site_, n) = {            \
        (kind), EVSIM_SEQ_CST, (name), (text), __FILE__, __LINE__ };        \
    (type)evsim_kcall(&EVSIM_CAT(evsim_site_, n), (uintptr_t)(a),           \
                      (uintptr_t)(b)); })

/* Not steps: set-up and tear-down. */
#define CreateEvent(sa, manual, initial, name) \
    ((void)(sa), (void)(name), evsim_create_event((manual), (initial)))
#define CloseHandle(h)          evsim_close_handle(h)

#define SetEvent(h)             (EVSIM_KCALL(BOOL, EVSIM_OP_SET_EVENT, \
    "SetEvent", "SetEvent(" #h ")", h, 0))
#define ResetEvent(h)           (EVSIM_KCALL(BOOL, EVSIM_OP_RESET_EVENT, \
    "ResetEvent", "ResetEvent(" #h ")", h, 0))
#define WaitForSingleObject(h, ms) (EVSIM_KCALL(DWORD, EVSIM_OP_WAIT_EVENT, \
    "WaitForSingleObject", "WaitForSingleObject(" #h ", " #ms ")", h, ms))
/* WaitOnAddress returns TRUE whether it slept or the value already
 * differed (only a timeout returns FALSE, and only INFINITE is modelled). */
#define WaitOnAddress(addr, cmp, size, ms) ({                               \
    (void)sizeof(char[(size) == 4 ? 1 : -1]); (void)(ms);                   \
    EVSIM_KCALL(uintptr_t, EVSIM_OP_FUTEX_WAIT, "WaitOnAddress",            \
        "WaitOnAddress(" #addr ", " #cmp ", " #size ", " #ms ")",           \
        EVSIM_WORD(addr), *(const unsigned *)(cmp));                        \
    (BOOL)TRUE; })
#define WakeByAddressAll(addr)  (EVSIM_KCALL(void, EVSIM_OP_FUTEX_WAKE, \
    "WakeByAddressAll", "WakeByAddressAll(" #addr ")", EVSIM_WORD(addr), \
    INT32_MAX))

/* ---- Linux futex (qemu/futex.h): wait sleeps only if *addr == val ---- */
#define futex_wait(addr, val)   (EVSIM_KCALL(void, EVSIM_OP_FUTEX_WAIT, \
    "futex_wait", "futex_wait(" #addr ", " #val ")", EVSIM_WORD(addr), val))
#define futex_wake(addr, n)     (EVSIM_KCALL(void, EVSIM_OP_FUTEX_WAKE, \
    "futex_wake", "futex_wake(" #addr ", " #n ")", EVSIM_WORD(addr), n))

/* ---- mutex and condition variable: their state lives in shared memory ---- */
typedef struct QemuMutex { unsigned owner; } QemuMutex;  /* 0, or thread+1 */
typedef struct QemuCond { unsigned unused; } QemuCond;   /* waiters: kernel */

#define qemu_mutex_init(m)      ((void)((m)->owner = 0))
#define qemu_mutex_destroy(m)   ((void)(m))
#define qemu_cond_init(c)       ((void)((c)->unused = 0))
#define qemu_cond_destroy(c)    ((void)(c))
#define qemu_mutex_lock(m)      (EVSIM_KCALL(void, EVSIM_OP_MUTEX_LOCK, \
    "qemu_mutex_lock", "qemu_mutex_lock(" #m ")", EVSIM_WORD(&(m)->owner), 0))
#define qemu_mutex_unlock(m)    (EVSIM_KCALL(void, EVSIM_OP_MUTEX_UNLOCK, \
    "qemu_mutex_unlock", "qemu_mutex_unlock(" #m ")", \
    EVSIM_WORD(&(m)->owner), 0))
#define qemu_cond_wait(c, m)    (EVSIM_KCALL(void, EVSIM_OP_COND_WAIT, \
    "qemu_cond_wait", "qemu_cond_wait(" #c ", " #m ")", \
    EVSIM_WORD(&(c)->unused), EVSIM_WORD(&(m)->owner)))
#define qemu_cond_signal(c)     (EVSIM_KCALL(void, EVSIM_OP_COND_WAKE, \
    "qemu_cond_signal", "qemu_cond_signal(" #c ")", \
    EVSIM_WORD(&(c)->unused), 1))
#define qemu_cond_broadcast(c)  (EVSIM_KCALL(void, EVSIM_OP_COND_WAKE, \
    "qemu_cond_broadcast", "qemu_cond_broadcast(" #c ")", \
    EVSIM_WORD(&(c)->unused), INT32_MAX))

/* ---- assert: a failed one is a reported violation, not an abort ---- */
#undef assert
#define assert(e) EVSIM_ASSERT_N(__COUNTER__, e, #e)
#define EVSIM_ASSERT_N(n, e, text) ((e) ? (void)0 : ({                      \
    static const struct evsim_site EVSIM_CAT(evsim_site_, n) = {            \
        EVSIM_OP_ASSERT, EVSIM_RELAXED, "assert", "assert(" text ")",       \
        __FILE__, __LINE__ };                                               \
    evsim_assert_fail(&EVSIM_CAT(evsim_site_, n)); }))

#endif /* EVSIM_PLATFORM_H */
