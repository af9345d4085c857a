/* os-linux.c: win32/os.h on Linux: pthreads, clock_gettime, _exit. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../win32/os.h"

/* What the new thread runs; freed by the thread itself. */
struct os_linux_start {
    void (*fn)(void *);
    void *arg;
};

static void *os_linux_thread_main(void *opaque)
{
    struct os_linux_start start = *(struct os_linux_start *)opaque;

    free(opaque);
    start.fn(start.arg);
    return NULL;
}

int os_thread_start(os_thread *t, void (*fn)(void *), void *arg)
{
    struct os_linux_start *start = malloc(sizeof *start);
    pthread_t tid;

    if (start == NULL) {
        return -1;
    }
    start->fn = fn;
    start->arg = arg;
    if (pthread_create(&tid, NULL, os_linux_thread_main, start) != 0) {
        free(start);
        return -1;
    }
    t->handle = (uintptr_t)tid;
    return 0;
}

void os_thread_join(os_thread t)
{
    pthread_join((pthread_t)t.handle, NULL);
}

void os_sleep_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) != 0) {
        /* interrupted: sleep the rest */
    }
}

void os_yield(void)
{
    sched_yield();
}

uint64_t os_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void os_exit_now(int code)
{
    fflush(stdout);
    fflush(stderr);
    _exit(code);
}
