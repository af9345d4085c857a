/* ctx.c: stacks for cooperative contexts, with a guard page and a canary. */
#include "ctx.h"

#include <string.h>
#include <sys/mman.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif
#include <unistd.h>

#define CTX_CANARY_WORDS 8
static const uint64_t ctx_canary = 0x5eed5eedc0ffee00ull;

void ctx_trampoline(void);

int ctx_stack_alloc(struct ctx_stack *st, size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t usable = (size + page - 1) / page * page;
    unsigned char *map;

    map = mmap(NULL, usable + page, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return -1;
    if (mprotect(map, page, PROT_NONE) != 0) {
        munmap(map, usable + page);
        return -1;
    }
    st->map = map;
    st->map_size = usable + page;
    st->lo = map + page;
    st->hi = map + page + usable;
    return 0;
}

void ctx_stack_free(struct ctx_stack *st)
{
    if (st->map != NULL) {
#ifdef __SANITIZE_ADDRESS__
        /* Frames of a context that never returned leave their redzones
         * marked in the shadow; whatever is mapped here next must not
         * inherit them. */
        ASAN_UNPOISON_MEMORY_REGION(st->lo, (size_t)(st->hi - st->lo));
#endif
        munmap(st->map, st->map_size);
    }
    memset(st, 0, sizeof *st);
}

void *ctx_make(struct ctx_stack *st, void (*entry)(void *), void *arg)
{
    uintptr_t top = (uintptr_t)st->hi & ~(uintptr_t)15;
    uintptr_t *sp;
    int i;

    for (i = 0; i < CTX_CANARY_WORDS; i++)
        memcpy(st->lo + i * sizeof ctx_canary, &ctx_canary, sizeof ctx_canary);

#if defined(__x86_64__)
    /* ctx_switch pops r15 r14 r13 r12 rbx rbp, then returns into the
     * trampoline with rsp == top, 16-byte aligned, so that the trampoline's
     * call enters `entry` with rsp % 16 == 8 as the ABI requires. */
    sp = (uintptr_t *)top;
    *--sp = (uintptr_t)ctx_trampoline;  /* return address of ctx_switch */
    *--sp = 0;                          /* rbp */
    *--sp = 0;                          /* rbx */
    *--sp = (uintptr_t)entry;           /* r12 */
    *--sp = (uintptr_t)arg;             /* r13 */
    *--sp = 0;                          /* r14 */
    *--sp = 0;                          /* r15 */
#elif defined(__aarch64__)
    /* 160-byte frame as ctx_switch saves it: x19 x20 ... x29 x30 d8-d15. */
    sp = (uintptr_t *)(top - 160);
    memset(sp, 0, 160);
    sp[0] = (uintptr_t)entry;           /* x19 */
    sp[1] = (uintptr_t)arg;             /* x20 */
    sp[11] = (uintptr_t)ctx_trampoline; /* x30: where ctx_switch returns */
#else
#error "evsim: no context switch for this architecture (x86_64, aarch64)"
#endif
    return sp;
}

int ctx_canary_ok(const struct ctx_stack *st)
{
    int i;

    for (i = 0; i < CTX_CANARY_WORDS; i++) {
        uint64_t w;

        memcpy(&w, st->lo + i * sizeof w, sizeof w);
        if (w != ctx_canary)
            return 0;
    }
    return 1;
}
