/* trace.c: trace files: write a schedule, read one back, replay and narrate it. */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

#define TRACE_SEP " | "

/* ---- writing ---- */

void trace_write_header(FILE *f, const struct evsim_engine *e)
{
    char sc[64];
    int t;

    scenario_format(e->cfg.scenario, e->cfg.params, sc, sizeof sc);
    fprintf(f, "# evsim trace: one schedule, step by step (traces/FORMAT.md)\n");
    fprintf(f, "evsim-trace %d\n", TRACE_VERSION);
    fprintf(f, "variant %s\n", e->cfg.variant->name);
    fprintf(f, "scenario %s\n", sc);
    fprintf(f, "memory %s\n", e->cfg.memmodel->name);
    if (e->cfg.spurious)
        fprintf(f, "spurious %d\n", e->cfg.spurious);
    fprintf(f, "threads");
    for (t = 0; t < e->nthreads; t++)
        fprintf(f, " %c=%s", e->th[t].letter, e->th[t].role);
    fprintf(f, "\n# step N THREAD WHERE | OPERATION | OPERANDS | RESULT | "
            "STATE AFTER\n");
}

/* The five text fields of a step, as a trace records them. */
struct trace_fields {
    char where[256], op[512], args[128], result[64], state[1024];
};

static void trace_fields(const struct evsim_engine *e,
                         const struct evsim_step *s, struct trace_fields *fl)
{
    engine_format_where(s->site, fl->where, sizeof fl->where);
    engine_format_op(s, fl->op, sizeof fl->op);
    engine_format_args(e, s, fl->args, sizeof fl->args);
    engine_format_result(e, s, fl->result, sizeof fl->result);
    engine_format_state(e, fl->state, sizeof fl->state);
}

void trace_write_step(FILE *f, const struct evsim_engine *e, uint32_t n,
                      const struct evsim_step *s)
{
    struct trace_fields fl;

    trace_fields(e, s, &fl);
    fprintf(f, "step %u %c %s" TRACE_SEP "%s" TRACE_SEP "%s" TRACE_SEP "%s"
            TRACE_SEP "%s\n", n, e->th[s->thread].letter, fl.where, fl.op,
            fl.args, fl.result, fl.state);
}

void trace_write_end(FILE *f, int outcome, uint32_t loop_from)
{
    if (outcome == EVSIM_LIVELOCK)
        fprintf(f, "end %s %u\n", evsim_outcome_name(outcome), loop_from);
    else
        fprintf(f, "end %s\n", evsim_outcome_name(outcome));
}

int trace_write_schedule(FILE *f, struct evsim_engine *e,
                         const uint8_t *schedule, uint32_t len, int outcome,
                         uint32_t loop_from)
{
    struct evsim_step s;
    uint32_t i;

    trace_write_header(f, e);
    for (i = 0; i < len; i++) {
        int t = schedule[i];

        if (t >= e->nthreads || !engine_enabled(e, t))
            return -1;
        engine_step(e, t, &s);
        trace_write_step(f, e, i + 1, &s);
        if (s.outcome != EVSIM_PASS) {
            fprintf(f, "# %s: %s\n", evsim_outcome_title(s.outcome),
                    s.message);
            break;
        }
    }
    if (outcome == EVSIM_LOST_WAKEUP) {
        if (engine_terminal(e) == EVSIM_LOST_WAKEUP)
            fprintf(f, "# lost wakeup: %s\n", e->message);
    }
    trace_write_end(f, outcome, loop_from);
    return 0;
}

/* ---- reading ---- */

static int trace_fail(char *err, size_t errlen, const char *path, int line,
                      const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int trace_fail(char *err, size_t errlen, const char *path, int line,
                      const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(err, errlen, "%s:%d: %s", path, line, msg);
    else
        snprintf(err, errlen, "%s: %s", path, msg);
    return -1;
}

void trace_free(struct trace *tr)
{
    uint32_t i;

    for (i = 0; i < tr->nsteps; i++) {
        free(tr->step[i].where);
        free(tr->step[i].op);
        free(tr->step[i].args);
        free(tr->step[i].result);
        free(tr->step[i].state);
    }
    free(tr->step);
    memset(tr, 0, sizeof *tr);
}

static char *trace_strdup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (p == NULL) {
        fprintf(stderr, "evsim: out of memory\n");
        exit(2);
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Copy a header value: one word of printable characters. */
static int trace_word(const char *v, char *dst, size_t n)
{
    size_t len = strlen(v), i;

    if (len == 0 || len >= n)
        return -1;
    for (i = 0; i < len; i++)
        if (v[i] <= ' ' || v[i] > '~')
            return -1;
    memcpy(dst, v, len + 1);
    return 0;
}

/* Parse "N" (decimal, no sign, no junk) up to max. */
static int trace_uint(const char *s, uint32_t max, uint32_t *out)
{
    char *end;
    unsigned long v;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static int trace_step_line(struct trace *tr, char *l, int line,
                           const char *path, char *err, size_t errlen)
{
    char *fields[4], *p, *rest;
    char *num, *th, *where;
    uint32_t n;
    int i;

    /* "step N T WHERE | OP | ARGS | RESULT | STATE": split the fixed words,
     * then the four separators from the right (OP may contain one). */
    num = strtok_r(l + 5, " ", &rest);
    th = strtok_r(NULL, " ", &rest);
    if (num == NULL || th == NULL || rest == NULL)
        return trace_fail(err, errlen, path, line, "a step line needs: "
                          "step N THREAD WHERE | OP | OPERANDS | RESULT | "
                          "STATE");
    if (trace_uint(num, TRACE_MAX_STEPS, &n) != 0 || n != tr->nsteps + 1)
        return trace_fail(err, errlen, path, line, "expected step %u, found "
                          "'%.20s'", tr->nsteps + 1, num);
    if (strlen(th) != 1 || th[0] < 'A' || th[0] >= 'A' + EVSIM_MAX_THREADS)
        return trace_fail(err, errlen, path, line, "bad thread '%.20s' "
                          "(A to %c)", th, 'A' + EVSIM_MAX_THREADS - 1);
    /* WHERE has no spaces; OPERANDS, RESULT and STATE have no ' | ':
     * split one separator from the left and three from the right. */
    where = rest;
    p = strstr(rest, TRACE_SEP);
    if (p == NULL)
        return trace_fail(err, errlen, path, line, "a step line needs 5 "
                          "fields separated by ' | '");
    *p = '\0';
    fields[0] = p + strlen(TRACE_SEP);
    for (i = 3; i >= 1; i--) {
        char *sep = NULL, *q = fields[0];

        while ((q = strstr(q, TRACE_SEP)) != NULL) {
            sep = q;
            q += 1;
        }
        if (sep == NULL)
            return trace_fail(err, errlen, path, line, "a step line needs 5 "
                              "fields separated by ' | ', found %d", 5 - i);
        *sep = '\0';
        fields[i] = sep + strlen(TRACE_SEP);
    }
    if (*where == '\0' || strchr(where, ' ') != NULL)
        return trace_fail(err, errlen, path, line, "bad WHERE '%.40s' (FILE:LINE "
                          "expected)", where);
    if (tr->nsteps % 256 == 0) {
        struct trace_step *ns = realloc(tr->step, (tr->nsteps + 256) *
                                                      sizeof *ns);

        if (ns == NULL)
            return trace_fail(err, errlen, path, line, "out of memory");
        tr->step = ns;
    }
    {
        struct trace_step *s = &tr->step[tr->nsteps++];

        s->line = line;
        s->thread = th[0] - 'A';
        s->where = trace_strdup(where, strlen(where));
        s->op = trace_strdup(fields[0], strlen(fields[0]));
        s->args = trace_strdup(fields[1], strlen(fields[1]));
        s->result = trace_strdup(fields[2], strlen(fields[2]));
        s->state = trace_strdup(fields[3], strlen(fields[3]));
    }
    return 0;
}

/*
 * Read one line into buf (cap >= TRACE_MAX_LINE + 1), without its newline.
 * Returns 1 for a line, 0 at the end of the file, -1 for a line of more
 * than TRACE_MAX_LINE bytes (newline included), -2 for a NUL byte.
 */
static int trace_getline(FILE *f, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    int c, nul = 0;

    while ((c = getc(f)) != EOF && c != '\n') {
        if (c == '\0')
            nul = 1;
        if (n + 2 > TRACE_MAX_LINE || n + 1 >= cap) {
            while ((c = getc(f)) != EOF && c != '\n')
                ;
            return -1;
        }
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    *len = n;
    if (nul)
        return -2;
    return c == EOF && n == 0 ? 0 : 1;
}

int trace_read(const char *path, struct trace *tr, char *err, size_t errlen)
{
    FILE *f;
    char buf[TRACE_MAX_LINE + 2];
    int line = 0, have_version = 0, rc = -1;

    memset(tr, 0, sizeof *tr);
    tr->end = -1;
    f = fopen(path, "r");
    if (f == NULL)
        return trace_fail(err, errlen, path, 0, "cannot open: %s",
                          strerror(errno));
    for (;;) {
        size_t len = 0;
        char *l = buf, *key, *val;
        int got = trace_getline(f, buf, sizeof buf, &len);

        if (got == 0)
            break;
        line++;
        if (got == -1) {
            trace_fail(err, errlen, path, line, "line longer than %d bytes",
                       TRACE_MAX_LINE);
            goto out;
        }
        if (got == -2) {
            trace_fail(err, errlen, path, line, "NUL byte: not a text file");
            goto out;
        }
        if (len > 0 && buf[len - 1] == '\r')
            buf[--len] = '\0';
        while (*l == ' ' || *l == '\t')
            l++;
        if (*l == '\0' || *l == '#')
            continue;
        if (tr->end >= 0) {
            trace_fail(err, errlen, path, line, "text after the end line");
            goto out;
        }
        if (!have_version) {
            uint32_t v;

            if (strncmp(l, "evsim-trace ", 12) != 0) {
                trace_fail(err, errlen, path, line, "not an evsim trace (the "
                           "first line must be 'evsim-trace %d')",
                           TRACE_VERSION);
                goto out;
            }
            if (trace_uint(l + 12, 1000000, &v) != 0 || v != TRACE_VERSION) {
                trace_fail(err, errlen, path, line, "trace format version "
                           "'%.20s' is not supported (this evsim reads %d)",
                           l + 12, TRACE_VERSION);
                goto out;
            }
            have_version = 1;
            continue;
        }
        if (strncmp(l, "step ", 5) == 0) {
            if (tr->variant[0] == '\0' || tr->scenario[0] == '\0' ||
                tr->threads[0] == '\0') {
                trace_fail(err, errlen, path, line, "step before the header "
                           "(variant, scenario, threads) is complete");
                goto out;
            }
            if (tr->nsteps >= TRACE_MAX_STEPS) {
                trace_fail(err, errlen, path, line, "more than %d steps",
                           TRACE_MAX_STEPS);
                goto out;
            }
            if (trace_step_line(tr, l, line, path, err, errlen) != 0)
                goto out;
            continue;
        }
        key = l;
        val = strchr(l, ' ');
        if (val == NULL) {
            trace_fail(err, errlen, path, line, "expected 'KEY VALUE', found "
                       "'%.40s'", l);
            goto out;
        }
        *val++ = '\0';
        if (strcmp(key, "variant") == 0) {
            if (trace_word(val, tr->variant, sizeof tr->variant) != 0) {
                trace_fail(err, errlen, path, line, "bad variant name");
                goto out;
            }
        } else if (strcmp(key, "scenario") == 0) {
            if (trace_word(val, tr->scenario, sizeof tr->scenario) != 0) {
                trace_fail(err, errlen, path, line, "bad scenario name");
                goto out;
            }
        } else if (strcmp(key, "memory") == 0) {
            if (trace_word(val, tr->memory, sizeof tr->memory) != 0) {
                trace_fail(err, errlen, path, line, "bad memory model name");
                goto out;
            }
        } else if (strcmp(key, "spurious") == 0) {
            uint32_t n;

            if (trace_uint(val, 3, &n) != 0) {
                trace_fail(err, errlen, path, line, "spurious must be a "
                           "number from 0 to 3");
                goto out;
            }
            tr->spurious = (int)n;
        } else if (strcmp(key, "max-steps") == 0) {
            if (trace_uint(val, TRACE_MAX_STEPS, &tr->max_steps) != 0) {
                trace_fail(err, errlen, path, line, "bad max-steps");
                goto out;
            }
        } else if (strcmp(key, "threads") == 0) {
            if (strlen(val) >= sizeof tr->threads) {
                trace_fail(err, errlen, path, line, "threads line too long");
                goto out;
            }
            strcpy(tr->threads, val);
        } else if (strcmp(key, "end") == 0) {
            char *arg = strchr(val, ' ');

            if (arg != NULL)
                *arg++ = '\0';
            tr->end = evsim_outcome_parse(val);
            tr->end_line = line;
            if (tr->end < 0) {
                trace_fail(err, errlen, path, line, "unknown outcome '%.40s'",
                           val);
                goto out;
            }
            if ((tr->end == EVSIM_LIVELOCK) != (arg != NULL) ||
                (arg != NULL &&
                 trace_uint(arg, tr->nsteps, &tr->loop_from) != 0)) {
                trace_fail(err, errlen, path, line, "'end livelock N' names "
                           "the step the loop returns to; other outcomes "
                           "take no argument");
                goto out;
            }
        } else {
            trace_fail(err, errlen, path, line, "unknown line '%.40s'", key);
            goto out;
        }
    }
    if (ferror(f)) {
        trace_fail(err, errlen, path, line, "read error");
        goto out;
    }
    if (!have_version) {
        trace_fail(err, errlen, path, 0, "empty: not an evsim trace");
        goto out;
    }
    if (tr->variant[0] == '\0' || tr->scenario[0] == '\0' ||
        tr->threads[0] == '\0') {
        trace_fail(err, errlen, path, line, "incomplete header: variant, "
                   "scenario and threads are required");
        goto out;
    }
    if (tr->memory[0] == '\0')
        strcpy(tr->memory, "sc");
    rc = 0;
out:
    fclose(f);
    if (rc != 0)
        trace_free(tr);
    return rc;
}

/* ---- replay ---- */

int trace_config(const struct trace *tr, struct evsim_config *cfg, char *err,
                 size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->variant = variant_find(tr->variant);
    if (cfg->variant == NULL) {
        snprintf(err, errlen, "unknown variant '%s' (evsim list shows them)",
                 tr->variant);
        return -1;
    }
    if (scenario_parse(tr->scenario, &cfg->scenario, cfg->params, err,
                       errlen) != 0)
        return -1;
    cfg->memmodel = mem_find(tr->memory);
    if (cfg->memmodel == NULL) {
        snprintf(err, errlen, "unknown memory model '%s'", tr->memory);
        return -1;
    }
    cfg->spurious = tr->spurious;
    return 0;
}

static int trace_mismatch(char *err, size_t errlen, const char *path,
                          const struct trace_step *s, uint32_t n,
                          const char *what, const char *want,
                          const char *got)
{
    snprintf(err, errlen, "%s:%d: step %u: the trace says %s '%s', the "
             "replay gives '%s'", path, s->line, n, what, want, got);
    return 1;
}

int trace_replay(const struct trace *tr, const char *path, FILE *out,
                 char *err, size_t errlen)
{
    struct evsim_config cfg;
    struct evsim_engine *e;
    struct evsim_step st;
    struct trace_fields fl;
    char threads[256], sc[64];
    uint32_t i, loop_id = UINT32_MAX;
    int t, rc = 1, outcome = EVSIM_PASS, added, wwhere = 8, wop = 20;
    size_t k = 0;

    if (trace_config(tr, &cfg, err, errlen) != 0)
        return 2;
    e = calloc(1, sizeof *e);
    if (e == NULL || engine_open(e, &cfg, err, errlen) != 0) {
        free(e);
        return 2;
    }
    threads[0] = '\0';
    for (t = 0; t < e->nthreads; t++)
        k += (size_t)snprintf(threads + k, sizeof threads - k, "%s%c=%s",
                              t ? " " : "", e->th[t].letter, e->th[t].role);
    if (strcmp(threads, tr->threads) != 0) {
        snprintf(err, errlen, "%s: threads: the trace says '%s', scenario %s "
                 "has '%s'", path, tr->threads, tr->scenario, threads);
        goto out;
    }
    scenario_format(cfg.scenario, cfg.params, sc, sizeof sc);
    /* Column widths from the recorded fields (the replay checks that they
     * are what it prints), so that the narration lines up. */
    for (i = 0; i < tr->nsteps; i++) {
        int w = (int)strlen(tr->step[i].where);
        int o = (int)(strlen(tr->step[i].op) + strlen(tr->step[i].result)) + 4;

        if (w > wwhere && w <= 60)
            wwhere = w;
        if (o > wop && o <= 100)
            wop = o;
    }
    if (out != NULL) {
        fprintf(out, "evsim replay: %s on %s, memory model %s%s\n",
                cfg.variant->name, sc, cfg.memmodel->name,
                cfg.spurious ? ", spurious wakeups" : "");
        fprintf(out, "threads:");
        for (t = 0; t < e->nthreads; t++)
            fprintf(out, " %c %s%s", e->th[t].letter, e->th[t].role,
                    t + 1 < e->nthreads ? "," : "\n");
        engine_format_state(e, fl.state, sizeof fl.state);
        fprintf(out, "%4d  %-*s %s\n", 0, 12 + wwhere + 1 + wop,
                "(initial state)", fl.state);
    }
    if (tr->end == EVSIM_LIVELOCK && tr->loop_from == 0)
        loop_id = engine_capture(e, 0, &added);
    for (i = 0; i < tr->nsteps; i++) {
        const struct trace_step *s = &tr->step[i];

        if (outcome != EVSIM_PASS) {
            snprintf(err, errlen, "%s:%d: step %u after the execution ended "
                     "(%s at step %u)", path, s->line, i + 1,
                     evsim_outcome_name(outcome), i);
            goto out;
        }
        if (s->thread >= e->nthreads || !engine_enabled(e, s->thread)) {
            snprintf(err, errlen, "%s:%d: step %u: thread %c cannot run "
                     "here (%s)", path, s->line, i + 1, 'A' + s->thread,
                     s->thread >= e->nthreads ? "no such thread"
                     : e->th[s->thread].status == EVSIM_T_BLOCKED
                         ? "it is asleep" : "it has finished");
            goto out;
        }
        outcome = engine_step(e, s->thread, &st);
        trace_fields(e, &st, &fl);
        if (strcmp(fl.where, s->where) != 0) {
            trace_mismatch(err, errlen, path, s, i + 1, "the step runs at",
                           s->where, fl.where);
            goto out;
        }
        if (strcmp(fl.op, s->op) != 0) {
            trace_mismatch(err, errlen, path, s, i + 1, "the operation is",
                           s->op, fl.op);
            goto out;
        }
        if (strcmp(fl.args, s->args) != 0) {
            trace_mismatch(err, errlen, path, s, i + 1, "the operands are",
                           s->args, fl.args);
            goto out;
        }
        if (strcmp(fl.result, s->result) != 0) {
            trace_mismatch(err, errlen, path, s, i + 1, "the result is",
                           s->result, fl.result);
            goto out;
        }
        if (strcmp(fl.state, s->state) != 0) {
            trace_mismatch(err, errlen, path, s, i + 1, "the state after it "
                           "is", s->state, fl.state);
            goto out;
        }
        if (out != NULL) {
            char opres[640];

            snprintf(opres, sizeof opres, "%s -> %s", fl.op, fl.result);
            fprintf(out, "%4u  %c %-9.9s %-*s %-*s %s\n", i + 1,
                    e->th[s->thread].letter, e->th[s->thread].role,
                    wwhere, fl.where, wop, opres, fl.state);
        }
        if (outcome != EVSIM_PASS && out != NULL)
            fprintf(out, "%s: %s\n", evsim_outcome_title(outcome),
                    st.message);
        if (outcome == EVSIM_PASS && tr->end == EVSIM_LIVELOCK &&
            tr->loop_from == i + 1)
            loop_id = engine_capture(e, 0, &added);
    }
    if (tr->end < 0) {
        if (out != NULL)
            fprintf(out, "replayed %u steps as recorded; the trace has no "
                    "end line (an unfinished schedule)\n", tr->nsteps);
        rc = 0;
        goto out;
    }
    if (outcome == EVSIM_PASS) {
        if (tr->end == EVSIM_LIVELOCK) {
            uint32_t now = engine_capture(e, 0, &added);

            if (now != loop_id) {
                snprintf(err, errlen, "%s:%d: the state after the last step "
                         "is not the state after step %u: no loop",
                         path, tr->end_line, tr->loop_from);
                goto out;
            }
            outcome = EVSIM_LIVELOCK;
            if (out != NULL)
                fprintf(out, "livelock: the state after step %u equals the "
                        "state after step %u: this schedule can repeat "
                        "forever\n", tr->nsteps, tr->loop_from);
        } else if (tr->end == EVSIM_BOUND) {
            outcome = EVSIM_BOUND;
            if (out != NULL)
                fprintf(out, "step bound: the search stopped this schedule "
                        "after %u steps\n", tr->nsteps);
        } else {
            int term = engine_terminal(e);

            if (term < 0) {
                snprintf(err, errlen, "%s:%d: the trace ends in %s, but "
                         "threads can still run after step %u", path,
                         tr->end_line, evsim_outcome_name(tr->end),
                         tr->nsteps);
                goto out;
            }
            outcome = term;
            if (term != EVSIM_PASS && out != NULL)
                fprintf(out, "%s: %s\n", evsim_outcome_title(term),
                        e->message);
        }
    }
    if (outcome != tr->end) {
        snprintf(err, errlen, "%s:%d: the trace ends in %s, the replay in %s",
                 path, tr->end_line, evsim_outcome_name(tr->end),
                 evsim_outcome_name(outcome));
        goto out;
    }
    if (out != NULL)
        fprintf(out, "replayed %u steps: every operation, result and state "
                "as recorded; outcome %s\n", tr->nsteps,
                evsim_outcome_name(outcome));
    rc = 0;
out:
    engine_close(e);
    free(e);
    return rc;
}
