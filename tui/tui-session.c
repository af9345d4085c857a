/* tui-session.c: the TUI's session: one engine, its search, and a schedule to walk. */

/*
 * Nothing here draws: the session is the model the screen is drawn from.
 * The search runs once when a session opens (explore_run, stateful), and
 * leaves its state graph in s->r; every state the schedule reaches is
 * captured with depth 0, so its id is the one the search gave it and the
 * hints are a lookup in that graph (explore_hint), never a new search.
 *
 * Loading a trace checks it with trace_replay, which runs an engine of its
 * own; the simulated world (ev, cond, count, a scenario's constants) is one
 * per process, so the session is closed first and opened again afterwards:
 * from the trace on success, from what it was (configuration, schedule and
 * position, re-run step by step) on failure.
 */
#include "tui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "trace.h"

static void *tui_session_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);

    if (q == NULL && n != 0) {
        fprintf(stderr, "evsim tui: out of memory\n");
        exit(2);
    }
    return q;
}

int tui_session_open(struct tui_session *s, const struct evsim_config *cfg,
                     int progress, char *err, size_t errlen)
{
    struct explore_opts opts;

    memset(s, 0, sizeof *s);
    s->cfg = *cfg;
    s->e = calloc(1, sizeof *s->e);
    if (s->e == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (engine_open(s->e, cfg, err, errlen) != 0) {
        engine_close(s->e);
        free(s->e);
        s->e = NULL;
        return -1;
    }
    memset(&opts, 0, sizeof opts);
    opts.progress = progress;
    explore_run(s->e, &opts, &s->r);
    engine_restore(s->e, s->r.root);
    s->root_end = engine_terminal(s->e);
    snprintf(s->root_message, sizeof s->root_message, "%s",
             s->root_end == EVSIM_PASS ? "every thread finished"
                                       : s->e->message);
    engine_restore(s->e, s->r.root);
    return 0;
}

void tui_session_close(struct tui_session *s)
{
    if (s->e == NULL)
        return;
    explore_result_free(&s->r);
    engine_close(s->e);
    free(s->e);
    free(s->step);
    memset(s, 0, sizeof *s);
}

uint32_t tui_session_sid(const struct tui_session *s)
{
    return s->pos == 0 ? s->r.root : s->step[s->pos - 1].sid;
}

int tui_session_end(const struct tui_session *s, const char **why)
{
    if (s->pos == 0) {
        *why = s->root_message;
        return s->root_end;
    }
    *why = s->step[s->pos - 1].end_message;
    return s->step[s->pos - 1].end;
}

void tui_session_goto(struct tui_session *s, uint32_t pos)
{
    const struct tui_step *st;

    if (pos > s->len)
        pos = s->len;
    s->pos = pos;
    if (pos == 0) {
        engine_restore(s->e, s->r.root);
        return;
    }
    st = &s->step[pos - 1];
    if (st->sid != TUI_NO_STATE) {
        engine_restore(s->e, st->sid);
        return;
    }
    /* After a violation: the state before it, and the step again. */
    engine_restore(s->e, pos == 1 ? s->r.root : s->step[pos - 2].sid);
    engine_step(s->e, st->thread, NULL);
}

/* O(pos), and asked a few times a frame: a linear scan of 100000 steps at
 * most is still far below a keypress. */
uint32_t tui_session_repeat(const struct tui_session *s)
{
    uint32_t sid = tui_session_sid(s), k;

    if (sid == TUI_NO_STATE)
        return UINT32_MAX;
    for (k = 0; k < s->pos; k++)
        if ((k == 0 ? s->r.root : s->step[k - 1].sid) == sid)
            return k;
    return UINT32_MAX;
}

void tui_session_truncate(struct tui_session *s)
{
    s->len = s->pos;
}

uint32_t tui_session_shown(const struct tui_session *s)
{
    uint32_t i = s->pos;

    while (i < s->len && s->step[i].how != TUI_HOW_KEY)
        i++;
    return i;
}

int tui_session_next_pick(const struct tui_session *s, int p)
{
    int k, n = s->e->nthreads;

    if (p < 0 || p >= n)
        p = 0;
    for (k = 0; k < n; k++)
        if (engine_enabled(s->e, (p + k) % n))
            return (p + k) % n;
    return p;
}

int tui_session_step(struct tui_session *s, int t, int pick, int how,
                     char *why, size_t n)
{
    struct evsim_engine *e = s->e;
    const struct evsim_thread *th;
    struct tui_step *st;
    const char *endwhy;
    int added, end;

    if (t < 0 || t >= e->nthreads) {
        snprintf(why, n, "there is no thread %c here (%d threads)", 'A' + t,
                 e->nthreads);
        return -1;
    }
    th = &e->th[t];
    end = tui_session_end(s, &endwhy);
    if (end >= 0) {
        snprintf(why, n, "the execution has ended (%s): undo (u) to go back",
                 evsim_outcome_title(end));
        return -1;
    }
    if (!engine_enabled(e, t)) {
        char status[160];

        tui_words_status(e, t, status, sizeof status);
        snprintf(why, n, "%c (%s) cannot run: %s", th->letter, th->role,
                 status);
        return -1;
    }
    if (s->pos < s->len && s->step[s->pos].thread == t) {
        s->step[s->pos].pick_before = (uint8_t)pick;
        tui_session_goto(s, s->pos + 1);        /* the same step: a redo */
        return 0;
    }
    if (s->pos >= TUI_MAX_STEPS) {
        snprintf(why, n, "the schedule is full (%d steps)", TUI_MAX_STEPS);
        return -1;
    }
    s->len = s->pos;
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->step = tui_session_xrealloc(s->step, s->cap * sizeof *s->step);
    }
    st = &s->step[s->len];
    memset(st, 0, sizeof *st);
    st->thread = (uint8_t)t;
    st->pick_before = (uint8_t)pick;
    st->how = (uint8_t)how;
    st->end = -1;
    if (e->state_word != NULL)
        st->word_before = *e->state_word;
    if (th->frames != NULL) {
        st->caller_file = th->frames->file;
        st->caller_line = th->frames->line;
    }
    if (engine_step(e, t, &st->rec) != EVSIM_PASS) {
        st->sid = TUI_NO_STATE;
        st->end = (int8_t)st->rec.outcome;
        snprintf(st->end_message, sizeof st->end_message, "%s",
                 st->rec.message);
    } else {
        st->sid = engine_capture(e, 0, &added);
        end = engine_terminal(e);
        if (end >= 0) {
            st->end = (int8_t)end;
            snprintf(st->end_message, sizeof st->end_message, "%s",
                     end == EVSIM_PASS ? "every thread finished"
                                       : e->message);
        }
        /* engine_terminal may have run the tear-down: back to the state. */
        engine_restore(e, st->sid);
    }
    if (e->state_word != NULL)
        st->word_after = *e->state_word;
    engine_format_state(e, st->state, sizeof st->state);
    s->len++;
    s->pos = s->len;
    return 0;
}

/* splitmix64: small, and the same numbers on every machine. */
static uint64_t tui_session_rand(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint32_t tui_session_random(struct tui_session *s, uint64_t seed)
{
    uint64_t x = seed;
    uint32_t taken = 0;
    const char *why;
    char err[200];

    tui_session_truncate(s);
    while (taken < TUI_RANDOM_LIMIT && tui_session_end(s, &why) < 0) {
        unsigned mask = engine_enabled_mask(s->e);
        int k, t, count = __builtin_popcount(mask);

        if (count == 0)
            break;
        /* (The modulo's bias is below 2^-60 for 8 threads.) */
        k = (int)(tui_session_rand(&x) % (uint64_t)count);
        for (t = 0; !(mask & (1u << t)) || k-- > 0; t++)
            ;
        if (tui_session_step(s, t, t, TUI_HOW_RANDOM, err, sizeof err) != 0)
            break;
        taken++;
    }
    return taken;
}

int tui_session_shortest(struct tui_session *s)
{
    struct explore_schedule sched;
    uint32_t sid = tui_session_sid(s), from = s->pos, i;
    const char *why;
    char err[200];
    int found;

    if (sid == TUI_NO_STATE || tui_session_end(s, &why) >= 0)
        return -1;
    found = explore_shortest_from(&s->r, sid, -1, &sched);
    if (found < 0 && s->pos == 0 && s->r.found[EVSIM_LIVELOCK]) {
        /* No end is a violation, but a cycle is: the search's shortest. */
        const struct explore_schedule *l = &s->r.shortest[EVSIM_LIVELOCK];

        sched.len = l->len;
        sched.thread = tui_session_xrealloc(NULL, l->len + 1);
        memcpy(sched.thread, l->thread, l->len);
        found = EVSIM_LIVELOCK;
    }
    if (found < 0)
        return -1;
    tui_session_truncate(s);
    for (i = 0; i < sched.len; i++) {
        if (tui_session_step(s, sched.thread[i], sched.thread[i],
                             TUI_HOW_SHORTEST, err, sizeof err) != 0)
            break;
    }
    free(sched.thread);
    tui_session_goto(s, from);
    return found;
}

int tui_session_hint(const struct tui_session *s, int t,
                     bigref count[EVSIM_N_OUTCOMES], int *leaf)
{
    uint32_t sid = tui_session_sid(s), next;

    if (sid == TUI_NO_STATE || !engine_enabled(s->e, t))
        return -1;
    return explore_hint(&s->r, sid, t, count, &next, leaf);
}

/* acc += x, both decimal. */
static void tui_session_add(char *acc, size_t n, const char *x)
{
    size_t la = strlen(acc), lx = strlen(x), len = la > lx ? la : lx, i;
    char out[TUI_NUM + 1];
    int carry = 0;

    if (len + 1 >= sizeof out || len + 1 >= n)
        return;                         /* cannot happen with TUI_NUM */
    out[len + 1] = '\0';
    for (i = 0; i < len; i++) {
        int d = carry;

        d += i < la ? acc[la - 1 - i] - '0' : 0;
        d += i < lx ? x[lx - 1 - i] - '0' : 0;
        out[len - i] = (char)('0' + d % 10);
        carry = d / 10;
    }
    out[0] = (char)('0' + carry);
    snprintf(acc, n, "%s", carry ? out : out + 1);
}

static void tui_session_counts_zero(struct tui_counts *c)
{
    int o;

    for (o = 0; o < EVSIM_N_OUTCOMES; o++)
        snprintf(c->n[o], sizeof c->n[o], "0");
    snprintf(c->total, sizeof c->total, "0");
    c->leaf = -1;
}

/* Add the hint of thread t to c; 0, or -1 when t has none. */
static int tui_session_add_hint(const struct tui_session *s, int t,
                                struct tui_counts *c)
{
    bigref count[EVSIM_N_OUTCOMES];
    char num[TUI_NUM];
    int o, leaf;

    if (tui_session_hint(s, t, count, &leaf) != 0)
        return -1;
    if (leaf >= 0) {
        tui_session_add(c->n[leaf], sizeof c->n[leaf], "1");
        tui_session_add(c->total, sizeof c->total, "1");
        c->leaf = leaf;
        return 0;
    }
    for (o = 0; o < EVSIM_N_OUTCOMES; o++) {
        if (big_is_zero(count[o]))
            continue;
        big_format(&s->r.pool, count[o], num, sizeof num);
        tui_session_add(c->n[o], sizeof c->n[o], num);
        tui_session_add(c->total, sizeof c->total, num);
    }
    return 0;
}

int tui_session_counts(const struct tui_session *s, int t,
                       struct tui_counts *c)
{
    const char *why;
    int end, u;

    tui_session_counts_zero(c);
    if (tui_session_sid(s) == TUI_NO_STATE || s->r.graph == NULL)
        return -1;
    if (t >= 0)
        return tui_session_add_hint(s, t, c);
    end = tui_session_end(s, &why);
    if (end >= 0) {
        snprintf(c->n[end], sizeof c->n[end], "1");
        snprintf(c->total, sizeof c->total, "1");
        return 0;
    }
    for (u = 0; u < s->e->nthreads; u++)
        tui_session_add_hint(s, u, c);
    c->leaf = -1;
    return 0;
}

/* What a session was, to open it again as it was. */
struct tui_session_saved {
    struct evsim_config cfg;
    uint8_t *thread, *pick, *how;
    uint32_t len, pos;
};

static void tui_session_remember(const struct tui_session *s,
                                 struct tui_session_saved *sv)
{
    uint32_t i;

    sv->cfg = s->cfg;
    sv->len = s->len;
    sv->pos = s->pos;
    sv->thread = tui_session_xrealloc(NULL, s->len + 1);
    sv->pick = tui_session_xrealloc(NULL, s->len + 1);
    sv->how = tui_session_xrealloc(NULL, s->len + 1);
    for (i = 0; i < s->len; i++) {
        sv->thread[i] = s->step[i].thread;
        sv->pick[i] = s->step[i].pick_before;
        sv->how[i] = s->step[i].how;
    }
}

static void tui_session_forget(struct tui_session_saved *sv)
{
    free(sv->thread);
    free(sv->pick);
    free(sv->how);
}

/* Open cfg and take steps[0..len), then go to pos.  Returns 0 or -1. */
static int tui_session_rebuild(struct tui_session *s,
                               const struct evsim_config *cfg,
                               const uint8_t *thread, const uint8_t *pick,
                               const uint8_t *how, uint32_t len, uint32_t pos,
                               char *err, size_t errlen)
{
    uint32_t i;

    if (tui_session_open(s, cfg, 0, err, errlen) != 0)
        return -1;
    for (i = 0; i < len; i++)
        if (tui_session_step(s, thread[i], pick ? pick[i] : thread[i],
                             how ? how[i] : TUI_HOW_TRACE, err, errlen) != 0)
            return -1;
    tui_session_goto(s, pos);
    return 0;
}

int tui_session_load(struct tui_session *s, const char *path, char *err,
                     size_t errlen)
{
    struct tui_session_saved sv;
    struct evsim_config cfg;
    struct trace tr;
    char why[512];
    uint8_t *thread = NULL;
    uint32_t i;
    int rc = -1, had;

    if (trace_read(path, &tr, err, errlen) != 0)
        return -1;
    if (trace_config(&tr, &cfg, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s: %s", path, why);
        trace_free(&tr);
        return -1;
    }
    thread = tui_session_xrealloc(NULL, tr.nsteps + 1);
    for (i = 0; i < tr.nsteps; i++)
        thread[i] = (uint8_t)tr.step[i].thread;
    had = s->e != NULL;
    if (had)
        tui_session_remember(s, &sv);
    else
        memset(&sv, 0, sizeof sv);
    tui_session_close(s);
    if (trace_replay(&tr, path, NULL, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s", why);
        goto restore;
    }
    if (tui_session_rebuild(s, &cfg, thread, NULL, NULL, tr.nsteps, 0, why,
                            sizeof why) != 0) {
        snprintf(err, errlen, "%s: %s", path, why);
        tui_session_close(s);
        goto restore;
    }
    rc = 0;
    goto out;
restore:
    if (had && tui_session_rebuild(s, &sv.cfg, sv.thread, sv.pick, sv.how, sv.len,
                            sv.pos, why, sizeof why) != 0) {
        fprintf(stderr, "evsim tui: cannot reopen the session: %s\n", why);
        exit(2);
    }
out:
    tui_session_forget(&sv);
    free(thread);
    trace_free(&tr);
    return rc;
}

int tui_session_save(struct tui_session *s, const char *path, int overwrite,
                     int *exists, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    uint32_t i, pos = s->pos;
    struct evsim_step rec;
    const char *why;
    FILE *mem, *f;
    int end = -1;

    *exists = 0;
    mem = open_memstream(&buf, &len);
    if (mem == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* Run the schedule again, so each step line sees its own state. */
    engine_restore(s->e, s->r.root);
    trace_write_header(mem, s->e);
    for (i = 0; i < pos; i++) {
        engine_step(s->e, s->step[i].thread, &rec);
        trace_write_step(mem, s->e, i + 1, &rec);
        if (rec.outcome != EVSIM_PASS)
            fprintf(mem, "# %s: %s\n", evsim_outcome_title(rec.outcome),
                    rec.message);
    }
    tui_session_goto(s, pos);
    end = tui_session_end(s, &why);
    if (end == EVSIM_LOST_WAKEUP)
        fprintf(mem, "# %s: %s\n", evsim_outcome_title(end), why);
    if (end >= 0)
        trace_write_end(mem, end, 0);
    else if (tui_session_repeat(s) != UINT32_MAX)
        trace_write_end(mem, EVSIM_LIVELOCK, tui_session_repeat(s));
    else
        fprintf(mem, "# unfinished: saved by evsim tui at step %u\n", pos);
    if (fclose(mem) != 0) {
        free(buf);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    f = fopen(path, overwrite ? "w" : "wx");
    if (f == NULL) {
        if (errno == EEXIST)
            *exists = 1;
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        free(buf);
        return -1;
    }
    if (fwrite(buf, 1, len, f) != len) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        fclose(f);
        free(buf);
        return -1;
    }
    if (fclose(f) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        free(buf);
        return -1;
    }
    free(buf);
    return 0;
}
