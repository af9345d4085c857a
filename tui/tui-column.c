/* tui-column.c: one column per thread: its code, its status, what it does next, the hint. */

/*
 * From the top of a column:
 *
 *   seed.c . seed_waiter          the scenario's function, with the line
 *     if (!atomic_read(&cond)) {  that called into the API marked (caller)
 *   = qemu_event_wait(&ev);
 *   win32-2015.c . qemu_event_wait  the algorithm's function, with the
 *   > ResetEvent(ev->event);        line it runs next highlighted
 *   last     atomic_mb_read -> FREE     (with room to spare)
 *   runnable, in qemu_event_wait
 *   next     ResetEvent ev.event: signaled -> reset
 *   hint     4 schedules
 *            all pass
 *
 * A thread that is not inside the API shows only the scenario, with the
 * next line highlighted there.  The call site comes from the thread's
 * frames (pushed by the scenario's qemu_event_* wrappers), the next line
 * from its pending request; both name their file by __FILE__, which is the
 * name the sources are embedded under.
 */
#include "tui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define TUI_COLUMN_PREFIX 5             /* "next ", "hint " */
#define TUI_COLUMN_LAST_ROWS 16         /* inner rows to show "last" */

/* Split s in two lines of at most w columns, at a space. */
static void tui_column_wrap(const char *s, int w, char *l1, char *l2,
                            size_t n)
{
    size_t i, best = 0, len = strlen(s);
    char tmp[512];

    if (tui_width(s) <= w) {
        snprintf(l1, n, "%s", s);
        l2[0] = '\0';
        return;
    }
    for (i = 1; i < len && i < sizeof tmp; i++) {
        if (s[i] != ' ')
            continue;
        memcpy(tmp, s, i);
        tmp[i] = '\0';
        if (tui_width(tmp) > w)
            break;
        best = i;
    }
    if (best == 0) {
        snprintf(l1, n, "%s", s);
        l2[0] = '\0';
        return;
    }
    snprintf(l1, n, "%.*s", (int)best, s);
    snprintf(l2, n, "%s", s + best + 1);
}

/*
 * A source window at (y, x): a label line, then up to rows - 1 lines of
 * `file` around `line`, that line marked with `mark` in `role` (no mark
 * when role is TUI_R_NORMAL).  Returns the rows used.
 */
static int tui_column_source(struct tui *ui, int y, int x, int w, int rows,
                             const char *file, int line, const char *mark,
                             int role)
{
    struct tui_src_line src[TUI_SRC_MAX];
    char label[256], fn[64], text[512];
    int n, hl, indent, i, gutter, numbers = w >= 36;

    if (rows <= 0)
        return 0;
    n = tui_source_window(file, line, rows - 1, role == TUI_R_CALLER, src,
                          &hl, &indent, fn, sizeof fn);
    if (n == 0) {
        snprintf(label, sizeof label, "%s:%d (source not embedded)",
                 file ? file : "?", line);
        tui_put(ui, y, x, w, tui_attr(ui, TUI_R_DIM), label);
        return 1;
    }
    snprintf(label, sizeof label, "%s%s%s", tui_words_base(file),
             fn[0] ? ui->g->dot : "", fn);
    if (tui_width(label) > w && fn[0])
        snprintf(label, sizeof label, "%s", fn);    /* narrow: the name */
    tui_put(ui, y, x, w, tui_attr(ui, TUI_R_LABEL), label);
    gutter = 2 + (numbers ? 4 : 0);
    for (i = 0; i < n; i++) {
        const struct tui_src_line *l = &src[i];
        int lead = 0, attr = A_NORMAL, skip;
        int is_hl = i == hl && role != TUI_R_NORMAL;

        while (lead < l->len && l->text[lead] == ' ')
            lead++;
        skip = lead < indent ? lead : indent;
        /* Narrow: half the indentation, so that deep lines still show. */
        snprintf(text, sizeof text, "%*s%.*s%s%s",
                 numbers ? lead - skip : (lead - skip) / 2, "",
                 l->len - lead, l->text + lead, l->folded ? " " : "",
                 l->folded ? ui->g->ellipsis : "");
        if (is_hl) {
            attr = tui_attr(ui, role);
            attrset(attr);
            mvhline(y + 1 + i, x, ' ', w);
            tui_put(ui, y + 1 + i, x, 2, attr, mark);
        } else if (l->folded) {
            attr = tui_attr(ui, TUI_R_DIM);
        }
        if (numbers) {
            char num[16];

            snprintf(num, sizeof num, "%3d ", l->lineno);
            tui_put(ui, y + 1 + i, x + 2, 4,
                    is_hl ? attr : tui_attr(ui, TUI_R_DIM), num);
        }
        tui_put(ui, y + 1 + i, x + gutter, w - gutter, attr, text);
    }
    return n + 1;
}

/* Where a thread that has stopped was last: its last step's line. */
static const struct evsim_site *tui_column_last_site(const struct tui *ui,
                                                     int t)
{
    uint32_t i;

    for (i = ui->s.pos; i > 0; i--)
        if (ui->s.step[i - 1].thread == t)
            return ui->s.step[i - 1].rec.site;
    return NULL;
}

/* "... failed at scenarios/seed.c:20 ..." -> file and line. */
static int tui_column_failed_at(const char *msg, char *file, size_t n,
                                int *line)
{
    const char *at = strstr(msg, "failed at ");
    const char *colon;

    if (at == NULL)
        return -1;
    at += strlen("failed at ");
    colon = strchr(at, ':');
    if (colon == NULL || (size_t)(colon - at) >= n)
        return -1;
    snprintf(file, n, "%.*s", (int)(colon - at), at);
    *line = 0;
    for (colon++; *colon >= '0' && *colon <= '9'; colon++)
        *line = *line * 10 + (*colon - '0');
    return *line > 0 ? 0 : -1;
}

/* The code part of a column: rows lines from y. */
static void tui_column_code(struct tui *ui, int t, int y, int x, int w,
                            int rows)
{
    const struct evsim_engine *e = ui->s.e;
    const struct evsim_thread *th = &e->th[t];
    const struct evsim_site *site = th->req ? th->req->site : NULL;
    int blocked = th->status == EVSIM_T_BLOCKED && !engine_enabled(e, t);
    int role = blocked ? TUI_R_NEXT_BLOCKED : TUI_R_NEXT, used;
    const char *why;
    char file[256];
    int line;

    if (th->status == EVSIM_T_FAILED) {
        tui_session_end(&ui->s, &why);
        if (tui_column_failed_at(why, file, sizeof file, &line) == 0)
            tui_column_source(ui, y, x, w, rows, file, line, ui->g->next,
                              TUI_R_NEXT_BLOCKED);
        return;
    }
    if (site == NULL) {                 /* done: where it was last */
        site = tui_column_last_site(ui, t);
        if (site != NULL)
            tui_column_source(ui, y, x, w, rows, site->file, site->line,
                              "", TUI_R_NORMAL);
        return;
    }
    if (th->frames != NULL && strcmp(th->frames->file, site->file) != 0) {
        int avail = rows - 2, sc = avail / 3 > 1 ? avail / 3 : 1;

        if (avail < 2) {
            tui_column_source(ui, y, x, w, rows, site->file, site->line,
                              ui->g->next, role);
            return;
        }
        used = tui_column_source(ui, y, x, w, sc + 1, th->frames->file,
                                 th->frames->line, ui->g->caller,
                                 TUI_R_CALLER);
        tui_column_source(ui, y + used, x, w, rows - used, site->file,
                          site->line, ui->g->next, role);
        return;
    }
    tui_column_source(ui, y, x, w, rows, site->file, site->line, ui->g->next,
                      role);
}

static const char *tui_column_short(const struct evsim_engine *e, int t,
                                    int ended)
{
    switch (e->th[t].status) {
    case EVSIM_T_RUNNABLE:
        return "runnable";
    case EVSIM_T_BLOCKED:
        return ended ? "stuck" : engine_enabled(e, t) ? "asleep" : "blocked";
    case EVSIM_T_RELEASED:
        return "woken";
    case EVSIM_T_DONE:
        return "done";
    case EVSIM_T_FAILED:
        return "FAILED";
    default:
        return "?";
    }
}

/*
 * What the thread's last step returned: the engine keeps no names for a
 * thread's local variables, but what it last read is what its locals hold
 * ("atomic_mb_read -> FREE" is wait's `value`).  Returns 0 when it has not
 * run yet.
 */
static int tui_column_last(const struct tui *ui, int t, char *buf, size_t n)
{
    const struct tui_session *s = &ui->s;
    char res[64];
    uint32_t i;

    for (i = s->pos; i > 0; i--) {
        const struct tui_step *st = &s->step[i - 1];

        if (st->thread != t || st->rec.site == NULL)
            continue;
        engine_format_result(s->e, &st->rec, res, sizeof res);
        if (st->rec.kind == EVSIM_OP_RETURN)
            snprintf(buf, n, "returned from %s", st->rec.site->name);
        else if (strcmp(res, "-") == 0)
            snprintf(buf, n, "%s", st->rec.site->name);
        else
            snprintf(buf, n, "%s %s %s", st->rec.site->name, ui->g->arrow,
                     res);
        return 1;
    }
    return 0;
}

/* The hint's two lines. */
static void tui_column_hint(struct tui *ui, int t, int y, int x, int w)
{
    const struct tui_session *s = &ui->s;
    const struct evsim_thread *th = &s->e->th[t];
    struct tui_counts c;
    char l1[128], l2[600], num[32];
    int role2 = TUI_R_NORMAL, o, bad = 0;

    tui_put(ui, y, x, w, tui_attr(ui, TUI_R_LABEL), "hint");
    x += TUI_COLUMN_PREFIX;
    w -= TUI_COLUMN_PREFIX;
    if (tui_session_counts(s, t, &c) != 0) {
        if (th->status == EVSIM_T_BLOCKED || th->status == EVSIM_T_RELEASED)
            tui_put(ui, y, x, w, tui_attr(ui, TUI_R_DIM),
                    "cannot run until woken");
        else if (th->status == EVSIM_T_RUNNABLE)
            tui_put(ui, y, x, w, tui_attr(ui, TUI_R_DIM),
                    "none: the execution has ended");
        else
            tui_put(ui, y, x, w, tui_attr(ui, TUI_R_DIM),
                    th->status == EVSIM_T_FAILED ? "none: it failed"
                                                 : "none: finished");
        return;
    }
    if (c.leaf >= 0) {
        tui_put(ui, y, x, w, A_NORMAL, "this step ends it:");
        tui_put(ui, y + 1, x, w, tui_attr(ui, TUI_R_ERROR),
                evsim_outcome_title(c.leaf));
        return;
    }
    for (o = 1; o < EVSIM_N_OUTCOMES; o++)
        if (strcmp(c.n[o], "0") != 0)
            bad = 1;
    tui_words_num(c.total, num, sizeof num);
    snprintf(l1, sizeof l1, "%s%s schedule%s", s->r.cyclic ? ui->g->ge : "",
             num, strcmp(c.total, "1") == 0 ? "" : "s");
    tui_words_counts(&c, l2, sizeof l2);
    role2 = bad ? TUI_R_ERROR : TUI_R_GOOD;
    tui_put(ui, y, x, w, A_NORMAL, l1);
    tui_put(ui, y + 1, x, w, tui_attr(ui, role2), l2);
}

void tui_draw_column(struct tui *ui, int t, int y, int x, int h, int w)
{
    const struct tui_session *s = &ui->s;
    const struct evsim_engine *e = s->e;
    const struct evsim_thread *th = &e->th[t];
    const char *why;
    char title[128], status[200], next[400], l1[400], l2[400], lastw[200];
    int picked = t == ui->pick, ix = x + 1, iw = w - 2, ih = h - 2;
    int end = tui_session_end(s, &why), bottom, role, hint_rows, last;
    int stuck = th->status == EVSIM_T_FAILED ||
                (th->status == EVSIM_T_BLOCKED && end >= 0);

    snprintf(title, sizeof title, "%c %s%s%s", th->letter, th->role,
             ui->g->dot, tui_column_short(e, t, end >= 0));
    if (tui_width(title) + 2 > w - 4)   /* narrow: letter and status */
        snprintf(title, sizeof title, "%c %s", th->letter,
                 tui_column_short(e, t, end >= 0));
    tui_box(ui, y, x, h, w, picked,
            stuck ? tui_attr(ui, TUI_R_ERROR)
                  : picked ? tui_attr(ui, TUI_R_PICK) : (int)A_NORMAL,
            title, stuck ? tui_attr(ui, TUI_R_ERROR)
                         : picked ? tui_attr(ui, TUI_R_PICK)
                                  : (int)A_BOLD);
    if (ih <= 0 || iw <= 0)
        return;
    tui_words_status(e, t, status, sizeof status);
    tui_words_next(e, t, ui->g->arrow, next, sizeof next);
    tui_column_wrap(next, iw - TUI_COLUMN_PREFIX, l1, l2, sizeof l1);
    hint_rows = ui->hints ? 2 : 0;
    last = ih >= TUI_COLUMN_LAST_ROWS && tui_column_last(ui, t, lastw,
                                                         sizeof lastw);
    bottom = 1 + 1 + (l2[0] ? 1 : 0) + hint_rows + last;
    if (bottom > ih)
        bottom = ih;
    tui_column_code(ui, t, y + 1, ix, iw, ih - bottom);
    y = y + 1 + ih - bottom;
    if (last) {
        tui_put(ui, y, ix, iw, tui_attr(ui, TUI_R_LABEL), "last");
        tui_put(ui, y++, ix + TUI_COLUMN_PREFIX, iw - TUI_COLUMN_PREFIX,
                tui_attr(ui, TUI_R_DIM), lastw);
    }
    role = th->status == EVSIM_T_FAILED || stuck ? TUI_R_ERROR
           : th->status == EVSIM_T_BLOCKED ? TUI_R_CALLER
           : th->status == EVSIM_T_DONE ? TUI_R_GOOD : TUI_R_NORMAL;
    tui_put(ui, y++, ix, iw, tui_attr(ui, role), status);
    tui_put(ui, y, ix, iw, tui_attr(ui, TUI_R_LABEL), "next");
    tui_put(ui, y++, ix + TUI_COLUMN_PREFIX, iw - TUI_COLUMN_PREFIX, A_NORMAL,
            l1);
    if (l2[0])
        tui_put(ui, y++, ix + TUI_COLUMN_PREFIX, iw - TUI_COLUMN_PREFIX,
                A_NORMAL, l2);
    if (hint_rows)
        tui_column_hint(ui, t, y, ix, iw);
}
