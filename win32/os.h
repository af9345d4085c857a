/* os.h: the few OS services the stress test and benchmark need (threads, time, exit). */
#ifndef EVSIM_OS_H
#define EVSIM_OS_H

/*
 * One header, one file per platform behind it: win32/os-win32.c (Win32
 * threads, QueryPerformanceCounter) and linux/os-linux.c (pthreads,
 * clock_gettime).  The test programs use nothing else from the OS, so the
 * same win32/stress.c runs under Wine and natively on Linux.
 */
#include <stdint.h>

/* A started thread, to be joined once.  Opaque. */
typedef struct os_thread {
    uintptr_t handle;           /* HANDLE on Win32, pthread_t on Linux */
} os_thread;

/* Starts fn(arg) on a new thread.  Returns 0, or -1 if the OS refused. */
int os_thread_start(os_thread *t, void (*fn)(void *), void *arg);

/* Waits for the thread to return and frees it.  Cannot fail. */
void os_thread_join(os_thread t);

/* Sleeps at least ms milliseconds. */
void os_sleep_ms(unsigned ms);

/* Offers the CPU to another ready thread. */
void os_yield(void);

/* A monotonic clock, in nanoseconds from an arbitrary origin. */
uint64_t os_now_ns(void);

/* Flushes stdout and stderr, then ends the whole process at once with
 * `code`, whatever the other threads are doing (even blocked in a wait).
 */
_Noreturn void os_exit_now(int code);

/* A pause hint for spin loops (PAUSE on x86). */
static inline void os_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
}

#endif /* EVSIM_OS_H */
