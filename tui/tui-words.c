/* tui-words.c: what the threads are doing and about to do, in words, from the engine's state. */

/*
 * A thread parked at a request shows what that request will do.  The
 * operands name shared locations ("ev.value") and kernel objects
 * ("ev.event") as the engine names them in traces.  Under sequential
 * consistency a load returns what shared memory holds now, so the words can
 * say what the step will see and do ("FREE -> SET", "sleeps"); under any
 * other memory model a thread may see an older value, and the words say only
 * what the step asks for.
 */
#include "tui.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

const char *tui_words_base(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;

    return slash ? slash + 1 : path ? path : "?";
}

static int tui_words_in_shared(const struct evsim_engine *e, uintptr_t p)
{
    const unsigned char *c = (const unsigned char *)p;

    return c >= e->shared && c + 4 <= e->shared + e->shared_size &&
           (p & 3) == 0;
}

/* 1 when the value at p now is the value the step will see. */
static int tui_words_known(const struct evsim_engine *e, uintptr_t p)
{
    return strcmp(e->cfg.memmodel->name, "sc") == 0 &&
           tui_words_in_shared(e, p);
}

static void tui_words_loc(const struct evsim_engine *e, uintptr_t p,
                          char *buf, size_t n)
{
    engine_format_location(e, p, buf, n);
}

static void tui_words_val(const struct evsim_engine *e, uintptr_t p,
                          unsigned v, char *buf, size_t n)
{
    engine_format_word(e, (const void *)p, v, buf, n);
}

/* The operands of a request as the engine prints them ("ev.event"). */
static void tui_words_args(const struct evsim_engine *e,
                           const struct evsim_request *rq, char *buf,
                           size_t n)
{
    struct evsim_step s;

    memset(&s, 0, sizeof s);
    s.site = rq->site;
    s.kind = (int)rq->site->kind;
    s.p = rq->p;
    s.a = rq->a;
    s.b = rq->b;
    engine_format_args(e, &s, buf, n);
}

/* The letters of the threads asleep on (wait, key): "A B", or "". */
static void tui_words_sleepers(const struct evsim_engine *e, int wait,
                               uint32_t key, char *buf, size_t n)
{
    size_t k = 0;
    int t;

    buf[0] = '\0';
    for (t = 0; t < e->nthreads && k + 3 < n; t++) {
        const struct evsim_thread *th = &e->th[t];

        if (th->status == EVSIM_T_BLOCKED && th->wait == wait &&
            th->key == key) {
            if (k)
                buf[k++] = ' ';
            buf[k++] = th->letter;
            buf[k] = '\0';
        }
    }
}

static uint32_t tui_words_offset(const struct evsim_engine *e, uintptr_t p)
{
    return (uint32_t)((const unsigned char *)p - e->shared);
}

/* The name a thread's request goes by ("WaitForSingleObject"). */
static const char *tui_words_call(const struct evsim_thread *th)
{
    return th->req != NULL ? th->req->site->name : "?";
}

void tui_words_sleep(const struct evsim_engine *e, int t, char *on, size_t n1,
                     char *waker, size_t n2)
{
    const struct evsim_thread *th = &e->th[t];
    const char *call = tui_words_call(th);

    switch (th->wait) {
    case EVSIM_W_EVENT:
        engine_format_event((int)th->key, on, n1);
        snprintf(waker, n2, "SetEvent");
        break;
    case EVSIM_W_FUTEX:
        tui_words_loc(e, (uintptr_t)(e->shared + th->key), on, n1);
        snprintf(waker, n2, "%s", strcmp(call, "WaitOnAddress") == 0
                                      ? "WakeByAddressAll" : "futex_wake");
        break;
    case EVSIM_W_MUTEX:
        tui_words_loc(e, (uintptr_t)(e->shared + th->key), on, n1);
        snprintf(waker, n2, "qemu_mutex_unlock");
        break;
    case EVSIM_W_COND:
        tui_words_loc(e, (uintptr_t)(e->shared + th->key), on, n1);
        snprintf(waker, n2, "qemu_cond_broadcast");
        break;
    default:
        snprintf(on, n1, "?");
        snprintf(waker, n2, "?");
        break;
    }
}

void tui_words_status(const struct evsim_engine *e, int t, char *buf,
                      size_t n)
{
    const struct evsim_thread *th = &e->th[t];
    switch (th->status) {
    case EVSIM_T_RUNNABLE:
        if (th->frames != NULL)
            snprintf(buf, n, "runnable, in %s", th->frames->fn);
        else
            snprintf(buf, n, "runnable");
        break;
    case EVSIM_T_BLOCKED:
        snprintf(buf, n, "blocked in %s", tui_words_call(th));
        break;
    case EVSIM_T_RELEASED:
        snprintf(buf, n, "woken: can return from %s", tui_words_call(th));
        break;
    case EVSIM_T_DONE:
        snprintf(buf, n, "done");
        break;
    case EVSIM_T_FAILED:
        snprintf(buf, n, "failed an assertion");
        break;
    default:
        snprintf(buf, n, "?");
        break;
    }
}

void tui_words_next(const struct evsim_engine *e, int t, const char *arrow,
                    char *buf, size_t n)
{
    const struct evsim_thread *th = &e->th[t];
    const struct evsim_request *rq = th->req;
    const char *name;
    char loc[64], a[32], b[32], now[32], then[32], who[32], args[128];
    unsigned cur, nv;
    int known, i;

    if (th->status == EVSIM_T_DONE) {
        snprintf(buf, n, "nothing: it has returned");
        return;
    }
    if (th->status == EVSIM_T_FAILED || rq == NULL) {
        snprintf(buf, n, "nothing: it has stopped");
        return;
    }
    name = rq->site->name;
    if (th->status == EVSIM_T_RELEASED) {
        snprintf(buf, n, "return from %s (it was woken)", name);
        return;
    }
    if (th->status == EVSIM_T_BLOCKED) {
        tui_words_sleep(e, t, loc, sizeof loc, who, sizeof who);
        if (engine_enabled(e, t))
            snprintf(buf, n, "sleeps on %s; may return spuriously", loc);
        else
            snprintf(buf, n, "sleeps on %s until %s", loc, who);
        return;
    }
    known = tui_words_known(e, rq->p);
    cur = known ? *(const unsigned *)rq->p : 0;
    switch (rq->site->kind) {
    case EVSIM_OP_LOAD:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        tui_words_val(e, rq->p, cur, now, sizeof now);
        if (known)
            snprintf(buf, n, "%s %s %s %s", name, loc, arrow, now);
        else
            snprintf(buf, n, "%s %s", name, loc);
        break;
    case EVSIM_OP_STORE:
    case EVSIM_OP_XCHG:
    case EVSIM_OP_OR:
    case EVSIM_OP_AND:
    case EVSIM_OP_ADD:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        if (!known) {
            tui_words_args(e, rq, args, sizeof args);
            snprintf(buf, n, "%s %s", name, args);
            break;
        }
        nv = mem_apply(rq->site->kind == EVSIM_OP_STORE ? EVSIM_OP_XCHG
                                                        : rq->site->kind,
                       cur, (unsigned)rq->a, (unsigned)rq->b);
        tui_words_val(e, rq->p, cur, now, sizeof now);
        tui_words_val(e, rq->p, nv, then, sizeof then);
        snprintf(buf, n, "%s %s: %s %s %s%s", name, loc, now, arrow, then,
                 cur == nv ? " (no change)" : "");
        break;
    case EVSIM_OP_CMPXCHG:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        tui_words_val(e, rq->p, (unsigned)rq->a, a, sizeof a);
        tui_words_val(e, rq->p, (unsigned)rq->b, b, sizeof b);
        tui_words_val(e, rq->p, cur, now, sizeof now);
        if (!known)
            snprintf(buf, n, "%s %s: if %s then %s", name, loc, a, b);
        else if (cur == (unsigned)rq->a)
            snprintf(buf, n, "%s %s: %s %s %s (it is %s)", name, loc, a,
                     arrow, b, now);
        else
            snprintf(buf, n, "%s %s: %s %s %s fails (it is %s)", name, loc,
                     a, arrow, b, now);
        break;
    case EVSIM_OP_SET_EVENT:
    case EVSIM_OP_RESET_EVENT:
    case EVSIM_OP_WAIT_EVENT:
        tui_words_args(e, rq, args, sizeof args);
        i = (int)rq->p - 1;
        if (i < 0 || i >= e->nevents || e->ev[i].state != 1) {
            snprintf(buf, n, "%s %s (not an open event)", name, args);
            break;
        }
        if (rq->site->kind == EVSIM_OP_SET_EVENT) {
            tui_words_sleepers(e, EVSIM_W_EVENT, (uint32_t)i, who,
                               sizeof who);
            snprintf(buf, n, "%s %s: %s%s%s", name, args,
                     e->ev[i].signaled ? "already signaled, " : "",
                     who[0] ? "wakes " : "nobody waits", who);
        } else if (rq->site->kind == EVSIM_OP_RESET_EVENT) {
            if (e->ev[i].signaled)
                snprintf(buf, n, "%s %s: signaled %s reset", name, args,
                         arrow);
            else
                snprintf(buf, n, "%s %s: already reset", name, args);
        } else {
            snprintf(buf, n, "%s %s: %s", name, args,
                     e->ev[i].signaled ? "signaled, returns at once"
                                       : "reset, sleeps");
        }
        break;
    case EVSIM_OP_FUTEX_WAIT:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        tui_words_val(e, rq->p, (unsigned)rq->a, a, sizeof a);
        tui_words_val(e, rq->p, cur, now, sizeof now);
        if (!known)
            snprintf(buf, n, "%s %s: sleeps if %s", name, loc, a);
        else
            snprintf(buf, n, "%s %s if %s: it is %s, %s", name, loc, a, now,
                     cur == (unsigned)rq->a ? "sleeps" : "returns at once");
        break;
    case EVSIM_OP_FUTEX_WAKE:
    case EVSIM_OP_COND_WAKE:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        if (!tui_words_in_shared(e, rq->p)) {
            snprintf(buf, n, "%s %s", name, loc);
            break;
        }
        tui_words_sleepers(e, rq->site->kind == EVSIM_OP_FUTEX_WAKE
                                  ? EVSIM_W_FUTEX : EVSIM_W_COND,
                           tui_words_offset(e, rq->p), who, sizeof who);
        snprintf(buf, n, "%s %s: %s%s", name, loc,
                 who[0] ? "wakes " : "nobody sleeps there", who);
        break;
    case EVSIM_OP_MUTEX_LOCK:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        if (!tui_words_in_shared(e, rq->p))
            snprintf(buf, n, "%s %s", name, loc);
        else if (*(const unsigned *)rq->p == 0)
            snprintf(buf, n, "%s %s: free, takes it", name, loc);
        else
            snprintf(buf, n, "%s %s: held by %c, sleeps", name, loc,
                     'A' + (int)*(const unsigned *)rq->p - 1);
        break;
    case EVSIM_OP_MUTEX_UNLOCK:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        if (!tui_words_in_shared(e, rq->p)) {
            snprintf(buf, n, "%s %s", name, loc);
            break;
        }
        tui_words_sleepers(e, EVSIM_W_MUTEX, tui_words_offset(e, rq->p), who,
                           sizeof who);
        snprintf(buf, n, "%s %s%s%s", name, loc, who[0] ? ": wakes " : "",
                 who);
        break;
    case EVSIM_OP_COND_WAIT:
        tui_words_loc(e, rq->p, loc, sizeof loc);
        tui_words_loc(e, rq->a, a, sizeof a);
        snprintf(buf, n, "%s %s: unlocks %s, sleeps", name, loc, a);
        break;
    default:
        snprintf(buf, n, "%s", rq->site->text);
        break;
    }
}

void tui_words_step(const struct evsim_engine *e, const struct tui_step *st,
                    const char *arrow, char *buf, size_t n)
{
    char op[256], res[64];

    engine_format_op(&st->rec, op, sizeof op);
    engine_format_result(e, &st->rec, res, sizeof res);
    if (st->rec.outcome != EVSIM_PASS)
        snprintf(buf, n, "%s %s %s", op, arrow,
                 evsim_outcome_title(st->rec.outcome));
    else if (strcmp(res, "-") == 0)
        snprintf(buf, n, "%s", op);
    else
        snprintf(buf, n, "%s %s %s", op, arrow, res);
}

void tui_words_counts(const struct tui_counts *c, char *buf, size_t n)
{
    char num[32];
    size_t k = 0;
    int o, kinds = 0, only = -1;

    for (o = 0; o < EVSIM_N_OUTCOMES; o++)
        if (strcmp(c->n[o], "0") != 0) {
            kinds++;
            only = o;
        }
    if (kinds == 0) {
        snprintf(buf, n, "none that ends");
        return;
    }
    if (kinds == 1) {
        snprintf(buf, n, "all %s", evsim_outcome_name(only));
        return;
    }
    buf[0] = '\0';
    for (o = 0; o < EVSIM_N_OUTCOMES && k < n; o++) {
        int r;

        if (strcmp(c->n[o], "0") == 0)
            continue;
        tui_words_num(c->n[o], num, sizeof num);
        r = snprintf(buf + k, n - k, "%s%s %s", k ? ", " : "",
                     evsim_outcome_name(o), num);
        if (r < 0)
            break;
        k += (size_t)r;
    }
}

void tui_words_num(const char *num, char *buf, size_t n)
{
    size_t len = strlen(num);

    if (len <= 12)
        snprintf(buf, n, "%s", num);
    else
        snprintf(buf, n, "%c.%ce%zu", num[0], num[1], len - 1);
}
