/* explore.h: exhaustive search over every schedule of a scenario. */
#ifndef EVSIM_EXPLORE_H
#define EVSIM_EXPLORE_H

#include <stdint.h>
#include "bigcount.h"
#include "engine.h"

/*
 * Stateful search (the default) is a depth-first search over the state
 * graph with a table of visited states, like SPIN's: a state reached again
 * is not explored again.  Yet it counts every complete interleaving: the
 * number of maximal schedules from a state is the sum over its successors
 * (a leaf counts 1), computed once per state in post-order, so merged states
 * still contribute all their paths.  Counts are kept per outcome.
 *
 * A transition that reaches a state still on the search stack closes a cycle:
 * some schedule runs forever (a livelock).  It is reported, not followed.
 *
 * With a step bound the depth is part of the state, so the bounded tree is
 * counted exactly too, and a schedule cut by the bound is one interleaving
 * ending in "step-bound".
 *
 * Stateless search enumerates the same schedules one by one with no table
 * of visited states (slow; it cross-checks the counts).
 *
 * The shortest counterexample of each kind is found afterwards by a
 * breadth-first search over the recorded graph (stateful) or kept while
 * enumerating (stateless); ties go to the schedule that picks lower thread
 * letters first.
 */

struct explore_opts {
    int stateless;
    uint32_t max_steps;         /* 0: no bound */
    uint64_t max_states;        /* stop after this many states; 0: none */
    int progress;               /* show progress on stderr */
};

struct explore_schedule {
    uint8_t *thread;            /* thread index of each step */
    uint32_t len;
    uint32_t loop_from;         /* livelock: the cycle starts after this
                                   many steps (the state after step
                                   loop_from recurs at the end) */
};

struct explore_result {
    struct bigpool pool;
    bigref count[EVSIM_N_OUTCOMES]; /* interleavings ending each way */
    bigref total;
    int cyclic;                 /* a cycle exists: schedules are unbounded */
    int stopped;                /* max_states reached: counts are unknown,
                                   violations found so far are real */
    uint64_t states;            /* distinct states (stateful), or tree nodes */
    uint64_t transitions;       /* steps executed from new states */
    uint32_t deepest;           /* steps in the longest schedule */
    double seconds;
    struct explore_schedule shortest[EVSIM_N_OUTCOMES]; /* len 0: none */
    int found[EVSIM_N_OUTCOMES];
    uint32_t root;              /* id of the initial state */
    struct explore_graph *graph; /* stateful only: see explore_hint */
};

/* Explore everything reachable from the engine's current (initial) state. */
void explore_run(struct evsim_engine *e, const struct explore_opts *o,
                 struct explore_result *r);
void explore_result_free(struct explore_result *r);

/*
 * The graph of a stateful search stays in the result, for the TUI's hints:
 * for state `sid` and thread t, the interleavings that start by stepping t,
 * per outcome (counts from r->pool).  Returns 0, or -1 when t is not enabled
 * there, sid is unknown, or the search was stateless.  Also the successor:
 * *next is the state reached, or UINT32_MAX when the step ends the execution
 * with a violation (its kind in *leaf).
 */
int explore_hint(const struct explore_result *r, uint32_t sid, int t,
                 bigref count[EVSIM_N_OUTCOMES], uint32_t *next, int *leaf);

/*
 * The shortest schedule from state `sid` to an execution that ends with
 * outcome `kind` (or with any violation when kind is -1), by BFS over the
 * graph of a stateful search.  Fills *out (free out->thread) and returns the
 * outcome found, or -1 when none is reachable from sid.
 */
int explore_shortest_from(const struct explore_result *r, uint32_t sid,
                          int kind, struct explore_schedule *out);

#endif /* EVSIM_EXPLORE_H */
