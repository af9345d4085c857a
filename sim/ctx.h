/* ctx.h: cooperative contexts: a stack, a saved stack pointer, a switch. */
#ifndef EVSIM_CTX_H
#define EVSIM_CTX_H

#include <stddef.h>
#include <stdint.h>

/*
 * A context is a stack of its own plus the stack pointer saved when it last
 * switched away.  ctx_switch saves the callee-saved registers on the current
 * stack, stores the stack pointer in *save, loads `to` and pops the other
 * context's registers: a few instructions, no system call (swapcontext
 * changes the signal mask, a system call, on every switch).
 *
 * Everything a parked context needs to resume lives between its saved stack
 * pointer and the top of its stack: return addresses, callee-saved registers,
 * live locals.  sim/README.md explains why the engine may therefore copy that
 * range out and back in to capture and restore a thread's local state.
 *
 * The lowest words of each stack hold a canary; ctx_canary_ok checks it.
 * Below the canary is an inaccessible guard page, so a deep overflow faults
 * instead of corrupting memory silently.
 */
struct ctx_stack {
    unsigned char *map;         /* the whole mapping, guard page included */
    size_t map_size;            /* bytes in the mapping */
    unsigned char *lo;          /* lowest usable byte (the canary) */
    unsigned char *hi;          /* one past the highest usable byte */
};

/* Allocate a stack of at least `size` bytes.  Returns 0, or -1 (errno set). */
int ctx_stack_alloc(struct ctx_stack *st, size_t size);
void ctx_stack_free(struct ctx_stack *st);

/*
 * Prepare `st` so that the first ctx_switch to the returned stack pointer
 * calls entry(arg) on it.  entry must never return (it switches away for the
 * last time instead).  Also writes the canary.
 */
void *ctx_make(struct ctx_stack *st, void (*entry)(void *), void *arg);

/* 1 if the canary at the bottom of `st` is intact. */
int ctx_canary_ok(const struct ctx_stack *st);

/* Save the current context's stack pointer in *save, resume `to`. */
void ctx_switch(void **save, void *to);

#endif /* EVSIM_CTX_H */
