/* test-ctx.c: the context switch: ordering, stack alignment, registers, canary. */
#include "unit.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ctx.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

#define TEST_STACK (64 * 1024)

/*
 * Free a stack whose contexts may still be parked, as the engine does
 * before reusing its stacks (engine_start_threads): under ASan, the shadow
 * of frames that never returned still marks their redzones, and munmap
 * does not clear it.  ctx_stack_free should; see ctx_stack_free_clears_shadow
 * at the end of this file, which shows what happens when nobody does.
 */
static void stack_release(struct ctx_stack *st)
{
#ifdef __SANITIZE_ADDRESS__
    if (st->map != NULL)
        ASAN_UNPOISON_MEMORY_REGION(st->lo, (size_t)(st->hi - st->lo));
#endif
    ctx_stack_free(st);
}

/* ---- ping-pong between main and two contexts ---- */

static void *main_sp, *a_sp, *b_sp;
static int log_buf[32], log_len;        /* who ran, in order */
static int token;                       /* passed around, changed by each */

static void log_push(int who)
{
    if (log_len < (int)(sizeof log_buf / sizeof log_buf[0]))
        log_buf[log_len++] = who;
}

static void pingpong_a(void *arg)
{
    int round;

    for (round = 0; round < 3; round++) {
        log_push(*(int *)arg);
        token = token * 10 + 1;
        ctx_switch(&a_sp, main_sp);
    }
    log_push(-1);
    ctx_switch(&a_sp, main_sp);         /* the last switch: never resumed */
}

static void pingpong_b(void *arg)
{
    int round;

    for (round = 0; round < 3; round++) {
        log_push(*(int *)arg);
        token = token * 10 + 2;
        ctx_switch(&b_sp, main_sp);
    }
    log_push(-2);
    ctx_switch(&b_sp, main_sp);
}

UNIT_TEST(ctx_pingpong_order)
{
    static int id_a = 1, id_b = 2;
    static const int want[] = { 0, 1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 2, 0, -1,
                                0, -2, 0 };
    struct ctx_stack sa, sb;
    uint64_t want_token = 0;
    int i, ok = 1;

    if (!CHECK(ctx_stack_alloc(&sa, TEST_STACK) == 0) ||
        !CHECK(ctx_stack_alloc(&sb, TEST_STACK) == 0))
        return;
    log_len = 0;
    token = 0;
    a_sp = ctx_make(&sa, pingpong_a, &id_a);
    b_sp = ctx_make(&sb, pingpong_b, &id_b);
    for (i = 0; i < 4; i++) {
        log_push(0);
        ctx_switch(&main_sp, a_sp);
        if (i < 3)
            want_token = want_token * 10 + 1;
        CHECK_EQ_U64(token, want_token);
        log_push(0);
        ctx_switch(&main_sp, b_sp);
        if (i < 3)
            want_token = want_token * 10 + 2;
        CHECK_EQ_U64(token, want_token);
    }
    log_push(0);
    CHECK_EQ_U64(log_len, sizeof want / sizeof want[0]);
    for (i = 0; i < log_len && i < (int)(sizeof want / sizeof want[0]); i++)
        if (log_buf[i] != want[i]) {
            ok = 0;
            printf("  log[%d] = %d, want %d\n", i, log_buf[i], want[i]);
        }
    CHECK(ok);
    /* Each context appended its digit in turn: a, b, a, b, a, b. */
    CHECK_EQ_U64(token, 121212);
    CHECK(ctx_canary_ok(&sa));
    CHECK(ctx_canary_ok(&sb));
    stack_release(&sa);
    stack_release(&sb);
    CHECK(sa.map == NULL && sb.map == NULL);
}

/* ---- stack alignment at entry and after switches ---- */

static void *align_sp;
static uintptr_t align_local[4], align_frame[4];
static int align_n;

/* Not inlined: it must make a frame of its own on the context's stack. */
__attribute__((noinline)) static void align_probe(void)
{
    volatile char here __attribute__((aligned(16))) = 0;

    align_local[align_n] = (uintptr_t)&here;
    align_frame[align_n] = (uintptr_t)__builtin_frame_address(0);
    align_n++;
}

static void align_entry(void *arg)
{
    volatile char first __attribute__((aligned(16))) = 1;

    (void)arg;
    align_local[align_n] = (uintptr_t)&first;
    align_frame[align_n] = (uintptr_t)__builtin_frame_address(0);
    align_n++;
    align_probe();
    ctx_switch(&align_sp, main_sp);
    align_probe();                      /* after a resume */
    ctx_switch(&align_sp, main_sp);
}

UNIT_TEST(ctx_entry_stack_alignment)
{
    struct ctx_stack st;
    int i;

    if (!CHECK(ctx_stack_alloc(&st, TEST_STACK) == 0))
        return;
    align_n = 0;
    align_sp = ctx_make(&st, align_entry, NULL);
    CHECK_EQ_U64((uintptr_t)align_sp % 8, 0);
    CHECK((unsigned char *)align_sp > st.lo &&
          (unsigned char *)align_sp < st.hi);
    ctx_switch(&main_sp, align_sp);
    CHECK_EQ_U64(align_n, 2);
    ctx_switch(&main_sp, align_sp);
    CHECK_EQ_U64(align_n, 3);
    for (i = 0; i < align_n; i++) {
        /* The frame address (the saved frame pointer's slot) is 16-byte
         * aligned exactly when the function was entered with
         * rsp % 16 == 8 (x86-64) or sp % 16 == 0 (aarch64). */
        CHECK_EQ_U64(align_frame[i] % 16, 0);
        CHECK_EQ_U64(align_local[i] % 16, 0);
        CHECK(align_local[i] > (uintptr_t)st.lo &&
              align_local[i] < (uintptr_t)st.hi);
    }
    stack_release(&st);
}

/* ---- callee-saved registers survive a switch ---- */

static void *regs_sp;
static volatile uint64_t regs_seed = 0x9e3779b97f4a7c15ull;
static volatile uint64_t regs_mul = 3;  /* read after the switches */

/*
 * Overwrite every callee-saved register with garbage.  Used inline, just
 * before a ctx_switch: the compiler restores the registers only in the
 * enclosing function's epilogue, so the other side sees its own values
 * after the switch only if ctx_switch saved and restored them.
 */
#if defined(__x86_64__)
#define REGS_CLOBBER()                                                      \
    __asm__ volatile("movq $0x0bad0bad1, %%rbx\n\t"                         \
                     "movq $0x0bad0bad2, %%r12\n\t"                         \
                     "movq $0x0bad0bad3, %%r13\n\t"                         \
                     "movq $0x0bad0bad4, %%r14\n\t"                         \
                     "movq $0x0bad0bad5, %%r15\n\t"                         \
                     ::: "rbx", "r12", "r13", "r14", "r15", "memory")
#elif defined(__aarch64__)
#define REGS_CLOBBER()                                                      \
    __asm__ volatile("mov x19, #0xbad1\n\tmov x20, #0xbad2\n\t"             \
                     "mov x21, #0xbad3\n\tmov x22, #0xbad4\n\t"             \
                     "mov x23, #0xbad5\n\tmov x24, #0xbad6\n\t"             \
                     "mov x25, #0xbad7\n\tmov x26, #0xbad8\n\t"             \
                     "mov x27, #0xbad9\n\tmov x28, #0xbada\n\t"             \
                     "fmov d8, x19\n\tfmov d9, x20\n\tfmov d10, x21\n\t"    \
                     "fmov d11, x22\n\tfmov d12, x23\n\tfmov d13, x24\n\t"  \
                     "fmov d14, x25\n\tfmov d15, x26\n\t"                    \
                     ::: "x19", "x20", "x21", "x22", "x23", "x24", "x25",   \
                     "x26", "x27", "x28", "d8", "d9", "d10", "d11", "d12",  \
                     "d13", "d14", "d15", "memory")
#else
#define REGS_CLOBBER() ((void)0)
#endif

/* Ten independent values (loaded from volatile memory, so the compiler
 * cannot recompute one from another), combined with a factor m known only
 * at the end: all ten stay live across whatever comes in between. */
static volatile uint64_t regs_in[10] = {
    0x1111111111111111ull, 0x2222222222222222ull, 0x3333333333333333ull,
    0x4444444444444444ull, 0x5555555555555555ull, 0x6666666666666666ull,
    0x7777777777777777ull, 0x8888888888888888ull, 0x9999999999999999ull,
    0xaaaaaaaaaaaaaaaaull,
};
#define REGS_VALUES(s)                                                      \
    uint64_t v0 = regs_in[0] ^ (s), v1 = regs_in[1] ^ (s);                  \
    uint64_t v2 = regs_in[2] ^ (s), v3 = regs_in[3] ^ (s);                  \
    uint64_t v4 = regs_in[4] ^ (s), v5 = regs_in[5] ^ (s);                  \
    uint64_t v6 = regs_in[6] ^ (s), v7 = regs_in[7] ^ (s);                  \
    uint64_t v8 = regs_in[8] ^ (s), v9 = regs_in[9] ^ (s)
#define REGS_COMBINE(m)                                                     \
    (v0 * (m) + v1 * ((m) + 1) + v2 * ((m) + 2) + v3 * ((m) + 3) +          \
     v4 * ((m) + 4) + v5 * ((m) + 5) + v6 * ((m) + 6) + v7 * ((m) + 7) +    \
     v8 * ((m) + 8) + v9 * ((m) + 9))

static uint64_t regs_ctx_sum;

/*
 * Each side holds ten values across a switch (in the callee-saved registers
 * as far as they go: nothing else is live) while the other side fills those
 * registers with garbage before switching back.  A side that clobbers keeps
 * nothing live in registers itself: it runs in a function of its own.
 */
__attribute__((noinline)) static void regs_clobber_switch(void **save,
                                                          void *to)
{
    REGS_CLOBBER();
    ctx_switch(save, to);
}

__attribute__((noinline)) static uint64_t regs_hold(uint64_t s, void **save,
                                                    void *to)
{
    REGS_VALUES(s);

    ctx_switch(save, to);
    return REGS_COMBINE(regs_mul);
}

static void regs_entry(void *arg)
{
    (void)arg;
    ctx_switch(&regs_sp, main_sp);              /* parked, ready */
    regs_clobber_switch(&regs_sp, main_sp);     /* main checks its values */
    regs_ctx_sum = regs_hold(regs_seed, &regs_sp, main_sp);
    ctx_switch(&regs_sp, main_sp);              /* the last switch */
}

static uint64_t regs_expected(uint64_t s, uint64_t m)
{
    REGS_VALUES(s);

    return REGS_COMBINE(m);
}

UNIT_TEST(ctx_callee_saved_registers)
{
    struct ctx_stack st;
    uint64_t got;

    if (!CHECK(ctx_stack_alloc(&st, TEST_STACK) == 0))
        return;
    regs_sp = ctx_make(&st, regs_entry, NULL);
    regs_ctx_sum = 0;
    ctx_switch(&main_sp, regs_sp);              /* to its first park */
    got = regs_hold(regs_seed + 1, &main_sp, regs_sp);
    CHECK_EQ_U64(got, regs_expected(regs_seed + 1, regs_mul));
    regs_clobber_switch(&main_sp, regs_sp);     /* it holds its values */
    regs_clobber_switch(&main_sp, regs_sp);     /* it checks them */
    CHECK_EQ_U64(regs_ctx_sum, regs_expected(regs_seed, regs_mul));
    stack_release(&st);
}

/* ---- the canary and the guard page ---- */

static void canary_entry(void *arg)
{
    (void)arg;
    ctx_switch(&a_sp, main_sp);
}

UNIT_TEST(ctx_canary)
{
    struct ctx_stack st;
    uint64_t saved, word;
    long page = sysconf(_SC_PAGESIZE);

    if (!CHECK(ctx_stack_alloc(&st, TEST_STACK) == 0))
        return;
    CHECK_EQ_U64((size_t)(st.hi - st.lo) % (size_t)page, 0);
    CHECK((size_t)(st.hi - st.lo) >= TEST_STACK);
    CHECK_EQ_U64(st.map_size, (size_t)(st.hi - st.lo) + (size_t)page);
    CHECK(st.lo == st.map + page);
    a_sp = ctx_make(&st, canary_entry, NULL);
    CHECK(ctx_canary_ok(&st));
    ctx_switch(&main_sp, a_sp);         /* running it leaves it intact */
    CHECK(ctx_canary_ok(&st));

    /* The lowest word of the usable stack. */
    memcpy(&saved, st.lo, sizeof saved);
    word = saved ^ 1;
    memcpy(st.lo, &word, sizeof word);
    CHECK(!ctx_canary_ok(&st));
    memcpy(st.lo, &saved, sizeof saved);
    CHECK(ctx_canary_ok(&st));

    /* The highest canary word (the eighth), and the word just above it,
     * which is not part of the canary. */
    memcpy(&saved, st.lo + 7 * 8, sizeof saved);
    memset(st.lo + 7 * 8, 0, 8);
    CHECK(!ctx_canary_ok(&st));
    memcpy(st.lo + 7 * 8, &saved, sizeof saved);
    memset(st.lo + 8 * 8, 0xff, 8);
    CHECK(ctx_canary_ok(&st));

    /* ctx_make writes the canary again. */
    memset(st.lo, 0, 64);
    CHECK(!ctx_canary_ok(&st));
    ctx_make(&st, canary_entry, NULL);
    CHECK(ctx_canary_ok(&st));
    stack_release(&st);
}

UNIT_TEST(ctx_guard_page_is_inaccessible)
{
    struct ctx_stack st;
    long page = sysconf(_SC_PAGESIZE);
    int fd[2];

    if (!CHECK(ctx_stack_alloc(&st, TEST_STACK) == 0))
        return;
    if (!CHECK(pipe(fd) == 0))
        return;
    /* The kernel reports an unreadable buffer as EFAULT instead of
     * faulting: a probe of the guard page that cannot crash the test. */
    errno = 0;
    CHECK(write(fd[1], st.lo - page, 1) == -1 && errno == EFAULT);
    errno = 0;
    CHECK(write(fd[1], st.lo - 1, 1) == -1 && errno == EFAULT);
    CHECK(write(fd[1], st.lo, 1) == 1);
    CHECK(write(fd[1], st.hi - 1, 1) == 1);
    close(fd[0]);
    close(fd[1]);
    stack_release(&st);
}

/*
 * Last, because under ASan it stops the program.  A context parked inside
 * a function leaves that frame's redzones poisoned in ASan's shadow;
 * ctx_stack_free unmaps the stack without clearing them, so whatever is
 * mapped there next (here an ordinary data mapping at the same address,
 * as the kernel hands out the hole it just got back) reads as a stack
 * redzone, and the first write to it is reported as a stack-buffer-overflow
 * that does not exist.  Without ASan the test passes trivially.
 */
static void reuse_entry(void *arg)
{
    volatile char frame[40];            /* redzones on both sides */

    frame[0] = 1;
    token = frame[0];
    (void)arg;
    ctx_switch(&a_sp, main_sp);         /* parked here for good */
}

UNIT_TEST(ctx_stack_free_clears_shadow)
{
    struct ctx_stack st;
    unsigned char *old, *p;
    size_t size;

    if (!CHECK(ctx_stack_alloc(&st, TEST_STACK) == 0))
        return;
    a_sp = ctx_make(&st, reuse_entry, NULL);
    ctx_switch(&main_sp, a_sp);
    old = st.map;
    size = st.map_size;
    ctx_stack_free(&st);                /* no unpoisoning: the code under test */
    p = mmap(old, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
             -1, 0);
    if (!CHECK(p != MAP_FAILED))
        return;
    if (p == old) {
        memset(p, 0x5a, size);          /* plain data: must be writable */
        CHECK_EQ_U64(p[size - 1], 0x5a);
    } else {
        printf("  (the kernel mapped elsewhere: nothing to check)\n");
    }
    munmap(p, size);
}
