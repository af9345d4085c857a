/* platform-gcc.h: the atomics, barriers and variant naming of the vocabulary, on GCC for real hardware. */
#ifndef EVSIM_PLATFORM_GCC_H
#define EVSIM_PLATFORM_GCC_H

/*
 * Shared by win32/platform.h (mingw-w64) and linux/platform.h (native
 * Linux): both are GCC on real x86-64 hardware, and the atomics must mean
 * exactly the same thing on both, so they are written once, here.  The
 * simulator's twin is sim/platform/platform.h; this file defines the same
 * names and no others, so that a variant that builds in one builds in all.
 *
 * Every name maps to what QEMU's include/qemu/atomic.h made of it in the era
 * the name comes from, so that each variant runs with the ordering its
 * authors had:
 *
 *   atomic_*    2015 (QEMU 2.4/2.5): the __sync branch of atomic.h, which
 *               the reference email's "full barrier" remark describes;
 *   qatomic_*   QEMU 5.2 (2020) onwards: C11 __atomic builtins, the
 *               read-modify-writes sequentially consistent;
 *   smp_mb__before_rmw/after_rmw   QEMU 8.1 (2023) onwards.
 *
 * Shared words are 4 bytes, as in the simulator; the size check below
 * rejects anything else at compile time, so a variant cannot build here and
 * fail to build there.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if !defined(__GNUC__)
#error "platform-gcc.h needs GCC-compatible __sync and __atomic builtins"
#endif

/* ---- names: one variant file becomes <id>_qemu_event_* in the binary ----
 * The same switch as the simulator (-DEVSIM_VARIANT_ID), so that several
 * variants link into one library and one benchmark.
 */
#include "variant-names.h"

/* The pointer, after checking that it points to a 4-byte word. */
#define EVSIM_WORD(p) \
    ((void)sizeof(char[sizeof(*(p)) == 4 ? 1 : -1]), (p))

/* ---- barriers ----
 * smp_mb/smp_rmb/smp_wmb: QEMU 2.5 onwards (and 5.2's atomic.h), C11 fences.
 * On x86-64 smp_mb is an MFENCE; the acquire and release fences emit no
 * instruction (x86 does not reorder load-load, load-store or store-store)
 * but still stop the compiler from moving accesses across them.
 *
 * smp_mb__before_rmw/smp_mb__after_rmw: QEMU 8.1 (2023), added with the
 * QemuEvent barrier fix.  They stand next to a sequentially consistent
 * read-modify-write and turn it into a full barrier for the *surrounding
 * relaxed* accesses too, which C11 does not promise (and ARM does not give).
 * On x86 a locked instruction already is a full fence, so QEMU makes them
 * compiler barriers there; elsewhere they are smp_mb().  We do the same.
 */
#define smp_mb()                __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()               __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()               __atomic_thread_fence(__ATOMIC_RELEASE)
#if defined(__x86_64__) || defined(__i386__)
#define smp_mb__before_rmw()    __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define smp_mb__after_rmw()     __atomic_signal_fence(__ATOMIC_SEQ_CST)
#else
#define smp_mb__before_rmw()    smp_mb()
#define smp_mb__after_rmw()     smp_mb()
#endif

/* ---- 2015-era names (QEMU 2.4/2.5 include/qemu/atomic.h, __sync branch) ----
 * atomic_read/atomic_set are relaxed loads and stores: no ordering with other
 * variables, but never torn and never optimised away.
 *
 * atomic_mb_read is a load followed by smp_rmb(), and atomic_mb_set is
 * smp_wmb(), a store, then smp_mb(): "Java volatile" semantics, safe only
 * when the two are used as a pair.  Note what atomic_mb_read is *not*: it
 * does not order an earlier store before the load (the store-load case);
 * on x86 it is a plain MOV.
 *
 * The read-modify-writes are GCC __sync builtins, documented as full
 * barriers, except __sync_lock_test_and_set, which GCC documents as an
 * acquire barrier only: QEMU put an smp_mb() in front of it, and so do we.
 * On x86-64 every one of them is a LOCK-prefixed instruction or XCHG.
 */
#define atomic_read(p)          __atomic_load_n(EVSIM_WORD(p), __ATOMIC_RELAXED)
#define atomic_set(p, v)        __atomic_store_n(EVSIM_WORD(p), (v), __ATOMIC_RELAXED)
#define atomic_mb_read(p)       ({                                          \
    __typeof__(*(p)) atomic_mb_read_v_ = atomic_read(p);                    \
    smp_rmb();                                                              \
    atomic_mb_read_v_; })
#define atomic_mb_set(p, v)     ((void)(smp_wmb(), atomic_set(p, v), smp_mb()))
#define atomic_xchg(p, v)       (smp_mb(), __sync_lock_test_and_set(EVSIM_WORD(p), (v)))
#define atomic_cmpxchg(p, o, n) __sync_val_compare_and_swap(EVSIM_WORD(p), (o), (n))
#define atomic_or(p, v)         ((void)__sync_fetch_and_or(EVSIM_WORD(p), (v)))
#define atomic_and(p, v)        ((void)__sync_fetch_and_and(EVSIM_WORD(p), (v)))
#define atomic_inc(p)           ((void)__sync_fetch_and_add(EVSIM_WORD(p), 1))
#define atomic_dec(p)           ((void)__sync_fetch_and_add(EVSIM_WORD(p), -1))
#define atomic_fetch_add(p, v)  __sync_fetch_and_add(EVSIM_WORD(p), (v))
#define atomic_fetch_or(p, v)   __sync_fetch_and_or(EVSIM_WORD(p), (v))

/* ---- later names (qatomic_*, QEMU 5.2 onwards, include/qemu/atomic.h) ----
 * qatomic_read/qatomic_set are relaxed; qatomic_load_acquire and
 * qatomic_store_release are what they say; the read-modify-writes are C11
 * __ATOMIC_SEQ_CST.  qatomic_mb_read is, as in QEMU 5.2 to 8.0, a
 * load-acquire (on x86 the same MOV as a seq_cst load).  qatomic_cmpxchg
 * returns the old value, like atomic_cmpxchg.
 */
#define qatomic_read(p)         __atomic_load_n(EVSIM_WORD(p), __ATOMIC_RELAXED)
#define qatomic_set(p, v)       __atomic_store_n(EVSIM_WORD(p), (v), __ATOMIC_RELAXED)
#define qatomic_mb_read(p)      __atomic_load_n(EVSIM_WORD(p), __ATOMIC_ACQUIRE)
#define qatomic_load_acquire(p) __atomic_load_n(EVSIM_WORD(p), __ATOMIC_ACQUIRE)
#define qatomic_store_release(p, v) \
    __atomic_store_n(EVSIM_WORD(p), (v), __ATOMIC_RELEASE)
#define qatomic_xchg(p, v)      __atomic_exchange_n(EVSIM_WORD(p), (v), __ATOMIC_SEQ_CST)
#define qatomic_cmpxchg(p, o, n) ({                                         \
    __typeof__(*(p)) qatomic_cmpxchg_old_ = (o);                            \
    (void)__atomic_compare_exchange_n(EVSIM_WORD(p), &qatomic_cmpxchg_old_, \
        (n), false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);                    \
    qatomic_cmpxchg_old_; })
#define qatomic_or(p, v)        ((void)__atomic_fetch_or(EVSIM_WORD(p), (v), __ATOMIC_SEQ_CST))
#define qatomic_fetch_or(p, v)  __atomic_fetch_or(EVSIM_WORD(p), (v), __ATOMIC_SEQ_CST)
#define qatomic_inc(p)          ((void)__atomic_fetch_add(EVSIM_WORD(p), 1, __ATOMIC_SEQ_CST))
#define qatomic_dec(p)          ((void)__atomic_fetch_sub(EVSIM_WORD(p), 1, __ATOMIC_SEQ_CST))
#define qatomic_fetch_add(p, v) __atomic_fetch_add(EVSIM_WORD(p), (v), __ATOMIC_SEQ_CST)

#endif /* EVSIM_PLATFORM_GCC_H */
