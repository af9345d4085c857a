/* explore.c: stateful and stateless exhaustive search, counts, shortest traces. */
#include "explore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A successor: a state id (>= 0), or a leaf: the execution ended. */
#define SUCC_NONE   (-1)                /* thread not enabled */
#define SUCC_LEAF(o) (-2 - (o))         /* ended with outcome o */
#define SUCC_IS_LEAF(s) ((s) <= -2)
#define SUCC_OUTCOME(s) (-2 - (s))

enum { COLOR_NEW, COLOR_STACK, COLOR_DONE };

struct explore_graph {
    int nthreads;
    uint32_t n, cap;                    /* states with per-state data */
    int32_t *succ;                      /* [sid * nthreads + t] */
    uint8_t *color;
    int8_t *term;                       /* outcome of a terminal state, -1 */
    uint32_t *longest;                  /* steps in the longest schedule */
    bigref *count;                      /* [sid * N_OUTCOMES + o] */
};

static void *explore_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);

    if (q == NULL && n != 0) {
        fprintf(stderr, "evsim: out of memory for the state graph\n");
        exit(2);
    }
    return q;
}

static void graph_reserve(struct explore_graph *g, uint32_t sid)
{
    uint32_t old = g->cap, i;

    if (sid < g->cap) {
        if (sid >= g->n)
            g->n = sid + 1;
        return;
    }
    while (g->cap <= sid)
        g->cap = g->cap ? g->cap * 2 : 4096;
    g->succ = explore_xrealloc(g->succ, (size_t)g->cap * g->nthreads *
                                            sizeof *g->succ);
    g->color = explore_xrealloc(g->color, g->cap);
    g->term = explore_xrealloc(g->term, g->cap);
    g->longest = explore_xrealloc(g->longest, g->cap * sizeof *g->longest);
    g->count = explore_xrealloc(g->count, (size_t)g->cap * EVSIM_N_OUTCOMES *
                                              sizeof *g->count);
    for (i = old; i < g->cap; i++) {
        int t, o;

        for (t = 0; t < g->nthreads; t++)
            g->succ[(size_t)i * g->nthreads + t] = SUCC_NONE;
        g->color[i] = COLOR_NEW;
        g->term[i] = -1;
        g->longest[i] = 0;
        for (o = 0; o < EVSIM_N_OUTCOMES; o++)
            g->count[(size_t)i * EVSIM_N_OUTCOMES + o] = (bigref){ 0, 0 };
    }
    g->n = sid + 1;
}

static void graph_free(struct explore_graph *g)
{
    if (g == NULL)
        return;
    free(g->succ);
    free(g->color);
    free(g->term);
    free(g->longest);
    free(g->count);
    free(g);
}

static double explore_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void explore_progress(const struct explore_opts *o, uint64_t states,
                             uint64_t transitions, uint32_t depth, int done)
{
    if (!o->progress)
        return;
    if (done)
        fprintf(stderr, "\r%60s\r", "");
    else
        fprintf(stderr, "\revsim: %llu states, %llu transitions, depth %u ",
                (unsigned long long)states, (unsigned long long)transitions,
                depth);
}

static void schedule_set(struct explore_schedule *s, const uint8_t *threads,
                         uint32_t len, uint32_t loop_from)
{
    free(s->thread);
    s->thread = explore_xrealloc(NULL, len ? len : 1);
    if (len)
        memcpy(s->thread, threads, len);
    s->len = len;
    s->loop_from = loop_from;
}

/* A state just reached (not a leaf): is it terminal, or at the bound? */
static int explore_classify(struct evsim_engine *e, uint32_t depth,
                            const struct explore_opts *o)
{
    int term = engine_terminal(e);

    if (term >= 0)
        return term;
    if (o->max_steps != 0 && depth >= o->max_steps)
        return EVSIM_BOUND;
    return -1;
}

/* ---- stateful ---- */

struct dfs_frame {
    uint32_t sid;
    uint32_t depth;
    int next;                           /* next thread to try */
};

static void stateful_finish(struct explore_graph *g, struct explore_result *r,
                            uint32_t sid)
{
    bigref *c = &g->count[(size_t)sid * EVSIM_N_OUTCOMES];
    uint32_t longest = 0;
    int t, o;

    if (g->term[sid] >= 0) {
        c[g->term[sid]] = big_one(&r->pool);
        g->longest[sid] = 0;
        g->color[sid] = COLOR_DONE;
        return;
    }
    for (t = 0; t < g->nthreads; t++) {
        int32_t s = g->succ[(size_t)sid * g->nthreads + t];

        if (s == SUCC_NONE)
            continue;
        if (SUCC_IS_LEAF(s)) {
            int lo = SUCC_OUTCOME(s);

            c[lo] = big_add(&r->pool, c[lo], big_one(&r->pool));
            if (longest < 1)
                longest = 1;
            continue;
        }
        if (g->color[s] != COLOR_DONE)
            continue;                   /* a cycle edge: no finite count */
        for (o = 0; o < EVSIM_N_OUTCOMES; o++)
            c[o] = big_add(&r->pool, c[o],
                           g->count[(size_t)s * EVSIM_N_OUTCOMES + o]);
        if (longest < g->longest[s] + 1)
            longest = g->longest[s] + 1;
    }
    g->longest[sid] = longest;
    g->color[sid] = COLOR_DONE;
}

/* Shortest schedule to each outcome, by BFS over the recorded graph. */
static void stateful_shortest(struct explore_graph *g,
                              struct explore_result *r, uint32_t root,
                              uint32_t cycle_target,
                              const uint8_t *cycle, uint32_t cycle_len)
{
    uint32_t *dist = explore_xrealloc(NULL, (size_t)g->n * sizeof *dist);
    uint32_t *parent = explore_xrealloc(NULL, (size_t)g->n * sizeof *parent);
    uint8_t *via = explore_xrealloc(NULL, g->n);
    uint32_t *queue = explore_xrealloc(NULL, (size_t)g->n * sizeof *queue);
    uint32_t best_sid[EVSIM_N_OUTCOMES];
    int best_t[EVSIM_N_OUTCOMES];
    uint32_t head = 0, tail = 0, i;
    uint8_t *path;
    int o, t;

    for (i = 0; i < g->n; i++)
        dist[i] = UINT32_MAX;
    for (o = 0; o < EVSIM_N_OUTCOMES; o++)
        best_sid[o] = UINT32_MAX;
    dist[root] = 0;
    queue[tail++] = root;
    if (g->term[root] >= 0)
        best_sid[g->term[root]] = root, best_t[g->term[root]] = -1;
    while (head < tail) {
        uint32_t s = queue[head++];

        for (t = 0; t < g->nthreads; t++) {
            int32_t c = g->succ[(size_t)s * g->nthreads + t];

            if (c == SUCC_NONE)
                continue;
            if (SUCC_IS_LEAF(c)) {
                o = SUCC_OUTCOME(c);
                if (best_sid[o] == UINT32_MAX)
                    best_sid[o] = s, best_t[o] = t;
                continue;
            }
            if (dist[c] != UINT32_MAX)
                continue;
            dist[c] = dist[s] + 1;
            parent[c] = s;
            via[c] = (uint8_t)t;
            queue[tail++] = (uint32_t)c;
            if (g->term[c] >= 0 && best_sid[g->term[c]] == UINT32_MAX)
                best_sid[g->term[c]] = (uint32_t)c, best_t[g->term[c]] = -1;
        }
    }
    if (cycle_target != UINT32_MAX) {
        best_sid[EVSIM_LIVELOCK] = cycle_target;
        best_t[EVSIM_LIVELOCK] = -1;
    }
    for (o = 0; o < EVSIM_N_OUTCOMES; o++) {
        uint32_t s = best_sid[o], len, k, extra;

        if (s == UINT32_MAX)
            continue;
        extra = o == EVSIM_LIVELOCK ? cycle_len : (best_t[o] >= 0);
        len = dist[s] + extra;
        path = explore_xrealloc(NULL, len ? len : 1);
        k = dist[s];
        for (i = s; i != root; i = parent[i])
            path[--k] = via[i];
        if (o == EVSIM_LIVELOCK)
            memcpy(path + dist[s], cycle, cycle_len);
        else if (best_t[o] >= 0)
            path[dist[s]] = (uint8_t)best_t[o];
        schedule_set(&r->shortest[o], path, len,
                     o == EVSIM_LIVELOCK ? dist[s] : 0);
        r->found[o] = 1;
        free(path);
    }
    free(dist);
    free(parent);
    free(via);
    free(queue);
}

static void explore_stateful(struct evsim_engine *e,
                             const struct explore_opts *o,
                             struct explore_result *r)
{
    struct explore_graph *g = calloc(1, sizeof *g);
    struct dfs_frame *stack = NULL;
    uint32_t nstack = 0, capstack = 0, cur, root;
    uint32_t cycle_target = UINT32_MAX, cycle_len = 0;
    uint8_t *cycle = NULL;
    int added, term;

    if (g == NULL) {
        fprintf(stderr, "evsim: out of memory\n");
        exit(2);
    }
    g->nthreads = e->nthreads;
    root = engine_capture(e, 0, &added);
    cur = root;
    graph_reserve(g, root);
    term = explore_classify(e, 0, o);
    g->term[root] = (int8_t)term;
    g->color[root] = COLOR_STACK;
    capstack = 64;
    stack = explore_xrealloc(NULL, capstack * sizeof *stack);
    stack[nstack++] = (struct dfs_frame){ root, 0, 0 };
    while (nstack > 0) {
        struct dfs_frame *f = &stack[nstack - 1];
        unsigned mask;
        int t, res;
        uint32_t next, depth;

        if (g->term[f->sid] >= 0) {
            stateful_finish(g, r, f->sid);
            nstack--;
            continue;
        }
        if (cur != f->sid) {
            engine_restore(e, f->sid);
            cur = f->sid;
        }
        mask = engine_enabled_mask(e) >> f->next;
        if (mask == 0) {
            stateful_finish(g, r, f->sid);
            nstack--;
            continue;
        }
        t = f->next + __builtin_ctz(mask);
        f->next = t + 1;
        depth = f->depth + 1;
        res = engine_step(e, t, NULL);
        r->transitions++;
        if ((r->transitions & 0xffff) == 0)
            explore_progress(o, g->n, r->transitions, depth, 0);
        if (res != EVSIM_PASS) {
            g->succ[(size_t)f->sid * g->nthreads + t] = SUCC_LEAF(res);
            cur = UINT32_MAX;
            continue;
        }
        next = engine_capture(e, o->max_steps ? depth : 0, &added);
        cur = next;
        {
            uint32_t fsid = f->sid;

            graph_reserve(g, next > fsid ? next : fsid);
            g->succ[(size_t)fsid * g->nthreads + t] = (int32_t)next;
        }
        if (added && o->max_states != 0 && g->n > o->max_states) {
            r->stopped = 1;
            break;
        }
        if (added) {
            term = explore_classify(e, depth, o);
            g->term[next] = (int8_t)term;
            g->color[next] = COLOR_STACK;
            if (nstack == capstack) {
                capstack *= 2;
                stack = explore_xrealloc(stack, capstack * sizeof *stack);
            }
            stack[nstack++] = (struct dfs_frame){ next, depth, 0 };
        } else if (g->color[next] == COLOR_STACK) {
            r->cyclic = 1;
            if (cycle_target == UINT32_MAX) {
                uint32_t j = 0, k;

                while (stack[j].sid != next)
                    j++;
                cycle_target = next;
                cycle_len = nstack - j;
                cycle = explore_xrealloc(NULL, cycle_len);
                for (k = j; k < nstack; k++)
                    cycle[k - j] = (uint8_t)(stack[k].next - 1);
            }
        }
    }
    explore_progress(o, 0, 0, 0, 1);
    {
        int oc;

        for (oc = 0; oc < EVSIM_N_OUTCOMES; oc++)
            r->count[oc] = g->count[(size_t)root * EVSIM_N_OUTCOMES + oc];
    }
    r->deepest = g->longest[root];
    r->states = g->n;
    r->root = root;
    stateful_shortest(g, r, root, cycle_target, cycle, cycle_len);
    free(cycle);
    free(stack);
    r->graph = g;
}

/* ---- stateless ---- */

static void explore_stateless(struct evsim_engine *e,
                              const struct explore_opts *o,
                              struct explore_result *r)
{
    struct dfs_frame *stack = NULL;
    uint8_t *path = NULL;
    uint32_t *onpath = NULL;            /* per state: times on current path */
    uint32_t nonpath = 0;
    uint64_t counts[EVSIM_N_OUTCOMES] = { 0 };
    uint32_t nstack = 0, capstack = 64, cur, root;
    int added, term, oc;

    stack = explore_xrealloc(NULL, capstack * sizeof *stack);
    path = explore_xrealloc(NULL, capstack);
    root = engine_capture(e, 0, &added);
    cur = root;
    r->root = root;
    r->states = 1;
    term = explore_classify(e, 0, o);
    if (term >= 0) {
        counts[term]++;
        if (!r->found[term])
            schedule_set(&r->shortest[term], path, 0, 0), r->found[term] = 1;
        goto out;
    }
    nonpath = root + 1;
    onpath = calloc(nonpath, sizeof *onpath);
    onpath[root] = 1;
    stack[nstack++] = (struct dfs_frame){ root, 0, 0 };
    while (nstack > 0) {
        struct dfs_frame *f = &stack[nstack - 1];
        unsigned mask;
        int t, res;
        uint32_t next, depth;

        if (cur != f->sid) {
            engine_restore(e, f->sid);
            cur = f->sid;
        }
        mask = engine_enabled_mask(e) >> f->next;
        if (mask == 0) {
            onpath[f->sid]--;
            nstack--;
            continue;
        }
        t = f->next + __builtin_ctz(mask);
        f->next = t + 1;
        path[f->depth] = (uint8_t)t;
        depth = f->depth + 1;
        res = engine_step(e, t, NULL);
        r->transitions++;
        if (depth > r->deepest)
            r->deepest = depth;
        if ((r->transitions & 0xffff) == 0)
            explore_progress(o, r->states, r->transitions, depth, 0);
        if (res != EVSIM_PASS) {
            cur = UINT32_MAX;
            counts[res]++;
            if (!r->found[res] || depth < r->shortest[res].len)
                schedule_set(&r->shortest[res], path, depth, 0);
            r->found[res] = 1;
            continue;
        }
        r->states++;
        if (o->max_states != 0 && r->states > o->max_states) {
            r->stopped = 1;
            break;
        }
        next = engine_capture(e, o->max_steps ? depth : 0, &added);
        cur = next;
        if (next >= nonpath) {
            uint32_t n = next + 1024;

            onpath = explore_xrealloc(onpath, n * sizeof *onpath);
            memset(onpath + nonpath, 0, (n - nonpath) * sizeof *onpath);
            nonpath = n;
        }
        if (onpath[next] > 0) {
            uint32_t j = 0;

            r->cyclic = 1;
            while (stack[j].sid != next)
                j++;
            if (!r->found[EVSIM_LIVELOCK] ||
                depth < r->shortest[EVSIM_LIVELOCK].len)
                schedule_set(&r->shortest[EVSIM_LIVELOCK], path, depth,
                             stack[j].depth);
            r->found[EVSIM_LIVELOCK] = 1;
            continue;
        }
        term = explore_classify(e, depth, o);
        if (term >= 0) {
            counts[term]++;
            if (term != EVSIM_PASS &&
                (!r->found[term] || depth < r->shortest[term].len))
                schedule_set(&r->shortest[term], path, depth, 0);
            if (term != EVSIM_PASS)
                r->found[term] = 1;
            continue;
        }
        if (nstack == capstack) {
            capstack *= 2;
            stack = explore_xrealloc(stack, capstack * sizeof *stack);
            path = explore_xrealloc(path, capstack);
        }
        onpath[next]++;
        stack[nstack++] = (struct dfs_frame){ next, depth, 0 };
    }
out:
    explore_progress(o, 0, 0, 0, 1);
    for (oc = 0; oc < EVSIM_N_OUTCOMES; oc++)
        r->count[oc] = big_u64(&r->pool, counts[oc]);
    free(onpath);
    free(stack);
    free(path);
}

void explore_run(struct evsim_engine *e, const struct explore_opts *o,
                 struct explore_result *r)
{
    double t0 = explore_now();
    int oc;

    memset(r, 0, sizeof *r);
    big_init(&r->pool);
    if (o->stateless)
        explore_stateless(e, o, r);
    else
        explore_stateful(e, o, r);
    r->total = (bigref){ 0, 0 };
    for (oc = 0; oc < EVSIM_N_OUTCOMES; oc++) {
        r->total = big_add(&r->pool, r->total, r->count[oc]);
        if (!big_is_zero(r->count[oc]))
            r->found[oc] = 1;
    }
    r->found[EVSIM_PASS] = 0;
    r->seconds = explore_now() - t0;
}

void explore_result_free(struct explore_result *r)
{
    int o;

    for (o = 0; o < EVSIM_N_OUTCOMES; o++)
        free(r->shortest[o].thread);
    big_free(&r->pool);
    graph_free(r->graph);
    memset(r, 0, sizeof *r);
}

int explore_hint(const struct explore_result *r, uint32_t sid, int t,
                 bigref count[EVSIM_N_OUTCOMES], uint32_t *next, int *leaf)
{
    const struct explore_graph *g = r->graph;
    int32_t s;
    int o;

    if (g == NULL || sid >= g->n || t < 0 || t >= g->nthreads)
        return -1;
    s = g->succ[(size_t)sid * g->nthreads + t];
    if (s == SUCC_NONE)
        return -1;
    for (o = 0; o < EVSIM_N_OUTCOMES; o++)
        count[o] = (bigref){ 0, 0 };
    *leaf = -1;
    *next = UINT32_MAX;
    if (SUCC_IS_LEAF(s)) {
        *leaf = SUCC_OUTCOME(s);        /* one interleaving, of that kind */
        return 0;
    }
    *next = (uint32_t)s;
    for (o = 0; o < EVSIM_N_OUTCOMES; o++)
        count[o] = g->count[(size_t)s * EVSIM_N_OUTCOMES + o];
    return 0;
}

int explore_shortest_from(const struct explore_result *r, uint32_t sid,
                          int kind, struct explore_schedule *out)
{
    const struct explore_graph *g = r->graph;
    uint32_t *parent, *queue, head = 0, tail = 0, hit = UINT32_MAX, i, k;
    uint8_t *via, *seen, *path;
    int hit_t = -1, found = -1, t;

    memset(out, 0, sizeof *out);
    if (g == NULL || sid >= g->n)
        return -1;
    parent = explore_xrealloc(NULL, (size_t)g->n * sizeof *parent);
    queue = explore_xrealloc(NULL, (size_t)g->n * sizeof *queue);
    via = explore_xrealloc(NULL, g->n);
    seen = calloc(g->n, 1);
    if (seen == NULL) {
        fprintf(stderr, "evsim: out of memory\n");
        exit(2);
    }
    seen[sid] = 1;
    queue[tail++] = sid;
    while (head < tail && found < 0) {
        uint32_t s = queue[head++];

        if (g->term[s] > 0 && (kind < 0 || g->term[s] == kind)) {
            hit = s;
            found = g->term[s];
            break;
        }
        for (t = 0; t < g->nthreads && found < 0; t++) {
            int32_t c = g->succ[(size_t)s * g->nthreads + t];

            if (c == SUCC_NONE)
                continue;
            if (SUCC_IS_LEAF(c)) {
                int o = SUCC_OUTCOME(c);

                if (o != EVSIM_PASS && (kind < 0 || o == kind)) {
                    hit = s;
                    hit_t = t;
                    found = o;
                }
                continue;
            }
            if (seen[c])
                continue;
            seen[c] = 1;
            parent[c] = s;
            via[c] = (uint8_t)t;
            queue[tail++] = (uint32_t)c;
        }
    }
    if (found >= 0) {
        uint32_t len = 0;

        for (i = hit; i != sid; i = parent[i])
            len++;
        path = explore_xrealloc(NULL, len + 2);
        k = len;
        for (i = hit; i != sid; i = parent[i])
            path[--k] = via[i];
        if (hit_t >= 0)
            path[len++] = (uint8_t)hit_t;
        out->thread = path;
        out->len = len;
    }
    free(parent);
    free(queue);
    free(via);
    free(seen);
    return found;
}
