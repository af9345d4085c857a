/* bench-sim.c: what one context switch costs, and how fast the search runs. */

/*
 * Figures, each the median of several repetitions measured in this one run
 * (ratios between them are meaningful; absolute numbers move with the
 * machine's load):
 *   - ctx_switch: one switch between two contexts (a round trip is two);
 *   - swapcontext: the same ping-pong with ucontext, for comparison;
 *   - the stateful search on rcu:3,3 and resetters:2,1: transitions and
 *     states per second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>

#include "ctx.h"
#include "engine.h"
#include "explore.h"
#include "registry.h"

#define REPS 5
#define SWITCHES 2000000L

static double bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp);
    return v[n / 2];
}

/* ---- ctx_switch ping-pong ---- */

static void *bench_main_sp, *bench_co_sp;
static volatile long bench_counter;

static void bench_co(void *arg)
{
    (void)arg;
    for (;;) {
        bench_counter++;
        ctx_switch(&bench_co_sp, bench_main_sp);
    }
}

static double bench_ctx(void)
{
    struct ctx_stack st;
    double t0, t1;
    long i;

    if (ctx_stack_alloc(&st, 64 * 1024) != 0) {
        perror("ctx_stack_alloc");
        exit(1);
    }
    bench_co_sp = ctx_make(&st, bench_co, NULL);
    bench_counter = 0;
    t0 = bench_now();
    for (i = 0; i < SWITCHES / 2; i++)
        ctx_switch(&bench_main_sp, bench_co_sp);
    t1 = bench_now();
    if (bench_counter != SWITCHES / 2 || !ctx_canary_ok(&st)) {
        fprintf(stderr, "bench: the context did not run as expected\n");
        exit(1);
    }
    ctx_stack_free(&st);
    return (t1 - t0) / SWITCHES * 1e9;
}

/* ---- swapcontext ping-pong ---- */

static ucontext_t bench_uc_main, bench_uc_co;

static void bench_uco(void)
{
    for (;;) {
        bench_counter++;
        swapcontext(&bench_uc_co, &bench_uc_main);
    }
}

static double bench_ucontext(void)
{
    static char stack[64 * 1024];
    double t0, t1;
    long i, n = SWITCHES / 10;

    getcontext(&bench_uc_co);
    bench_uc_co.uc_stack.ss_sp = stack;
    bench_uc_co.uc_stack.ss_size = sizeof stack;
    bench_uc_co.uc_link = NULL;
    makecontext(&bench_uc_co, bench_uco, 0);
    bench_counter = 0;
    t0 = bench_now();
    for (i = 0; i < n / 2; i++)
        swapcontext(&bench_uc_main, &bench_uc_co);
    t1 = bench_now();
    return (t1 - t0) / (double)n * 1e9;
}

/* ---- the search ---- */

static void bench_search(const char *variant, const char *scenario)
{
    double tps[REPS], sps[REPS], secs[REPS];
    struct evsim_config cfg;
    char err[256];
    uint64_t states = 0, transitions = 0;
    int r;

    memset(&cfg, 0, sizeof cfg);
    cfg.variant = variant_find(variant);
    cfg.memmodel = mem_find("sc");
    if (cfg.variant == NULL ||
        scenario_parse(scenario, &cfg.scenario, cfg.params, err,
                       sizeof err) != 0) {
        fprintf(stderr, "bench: %s %s: unknown\n", variant, scenario);
        exit(1);
    }
    for (r = 0; r < REPS; r++) {
        struct evsim_engine *e = calloc(1, sizeof *e);
        struct explore_opts o;
        struct explore_result res;

        memset(&o, 0, sizeof o);
        if (e == NULL || engine_open(e, &cfg, err, sizeof err) != 0) {
            fprintf(stderr, "bench: %s\n", err);
            exit(1);
        }
        explore_run(e, &o, &res);
        secs[r] = res.seconds;
        tps[r] = (double)res.transitions / res.seconds;
        sps[r] = (double)res.states / res.seconds;
        states = res.states;
        transitions = res.transitions;
        explore_result_free(&res);
        engine_close(e);
        free(e);
    }
    printf("%-28s %10llu %12llu %10.3f %14.0f %12.0f\n", scenario,
           (unsigned long long)states, (unsigned long long)transitions,
           bench_median(secs, REPS), bench_median(tps, REPS),
           bench_median(sps, REPS));
}

int main(void)
{
    double c[REPS], u[REPS], cm, um;
    int r;

    for (r = 0; r < REPS; r++) {
        c[r] = bench_ctx();
        u[r] = bench_ucontext();
    }
    cm = bench_median(c, REPS);
    um = bench_median(u, REPS);
    printf("context switch (median of %d runs of %ld switches)\n", REPS,
           SWITCHES);
    printf("  %-26s %8.2f ns per switch   (target: under 20 ns)\n",
           "ctx_switch (evsim, asm)", cm);
    printf("  %-26s %8.2f ns per switch   (%.1fx ctx_switch)\n",
           "swapcontext (ucontext)", um, um / cm);
    printf("\nstateful search, win32-2015 (median of %d runs)\n", REPS);
    printf("%-28s %10s %12s %10s %14s %12s\n", "scenario", "states",
           "transitions", "seconds", "transitions/s", "states/s");
    bench_search("win32-2015", "seed");
    bench_search("win32-2015", "resetters:2,1");
    bench_search("win32-2015", "rcu:2,2");
    bench_search("win32-2015", "rcu:3,3");
    return 0;
}
