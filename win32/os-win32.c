/* os-win32.c: os.h on Win32: CreateThread, QueryPerformanceCounter, ExitProcess. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#include "os.h"

/* What the new thread runs; freed by the thread itself. */
struct os_win32_start {
    void (*fn)(void *);
    void *arg;
};

static DWORD WINAPI os_win32_thread_main(LPVOID opaque)
{
    struct os_win32_start start = *(struct os_win32_start *)opaque;

    free(opaque);
    start.fn(start.arg);
    return 0;
}

int os_thread_start(os_thread *t, void (*fn)(void *), void *arg)
{
    struct os_win32_start *start = malloc(sizeof *start);
    HANDLE h;

    if (start == NULL) {
        return -1;
    }
    start->fn = fn;
    start->arg = arg;
    h = CreateThread(NULL, 0, os_win32_thread_main, start, 0, NULL);
    if (h == NULL) {
        free(start);
        return -1;
    }
    t->handle = (uintptr_t)h;
    return 0;
}

void os_thread_join(os_thread t)
{
    WaitForSingleObject((HANDLE)t.handle, INFINITE);
    CloseHandle((HANDLE)t.handle);
}

void os_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

void os_yield(void)
{
    SwitchToThread();
}

uint64_t os_now_ns(void)
{
    static LARGE_INTEGER freq;  /* ticks per second; set once, never 0 after */
    LARGE_INTEGER now;

    if (freq.QuadPart == 0) {
        QueryPerformanceFrequency(&freq);
    }
    QueryPerformanceCounter(&now);
    /* Split, so that the product cannot overflow 64 bits. */
    return (uint64_t)(now.QuadPart / freq.QuadPart) * 1000000000u +
           (uint64_t)(now.QuadPart % freq.QuadPart) * 1000000000u /
           (uint64_t)freq.QuadPart;
}

void os_exit_now(int code)
{
    fflush(stdout);
    fflush(stderr);
    ExitProcess((UINT)code);
}
