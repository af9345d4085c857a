/* tui-panel.c: the shared state: the state word's machine, the kernel, the scenario's variables, the forecast. */

/*
 * The state word (impl/qemu-event.h) has three values and four legal
 * moves, drawn as a fixed picture:
 *
 *     FREE ───set───▶ SET          FREE -> SET    set
 *      │ ▲            │ ▲          SET  -> FREE   reset
 *      │ └───reset────┘ │          FREE -> BUSY   a waiter's announcement
 *      │ wait       set │          BUSY -> SET    set (and wake the waiters)
 *      ▼                │
 *     BUSY ─────────────┘          SET -> BUSY, BUSY -> FREE: illegal
 *
 * The current value is the node in brackets (and reverse video); the last
 * move the schedule made (the last step, up to the current one, that
 * changed the word) is drawn bold in its arrow and named under the picture,
 * in the error colour when it was an illegal one (there is no arrow for
 * those).  The picture is a template of ASCII characters (- | > ^ v L J)
 * mapped to the glyph set, so it reads the same without Unicode.
 */
#include "tui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "qemu-event.h"

#define TUI_SM_W 21
#define TUI_SM_H 6

struct tui_sm_seg {
    int8_t row, c0, c1;                 /* cells c0..c1 of row */
};

/* The legal moves and the cells of their arrows. */
static const struct tui_sm_arrow {
    unsigned from, to;
    struct tui_sm_seg seg[4];
    int nseg;
} tui_sm_arrows[] = {
    { EV_FREE, EV_SET, { { 0, 6, 15 } }, 1 },
    { EV_SET, EV_FREE, { { 1, 17, 17 }, { 2, 4, 17 }, { 1, 4, 4 } }, 3 },
    { EV_FREE, EV_BUSY, { { 1, 2, 2 }, { 2, 2, 2 }, { 3, 2, 7 },
                          { 4, 2, 2 } }, 4 },
    { EV_BUSY, EV_SET, { { 5, 6, 19 }, { 1, 19, 19 }, { 2, 19, 19 },
                         { 3, 14, 19 } }, 4 },
};

/* Where each value's node is: its row and first column (name + brackets
 * around it). */
static const struct tui_sm_node {
    unsigned value;
    const char *name;
    int row, col;
} tui_sm_nodes[] = {
    { EV_FREE, "FREE", 0, 1 },
    { EV_SET, "SET", 0, 17 },
    { EV_BUSY, "BUSY", 5, 1 },
};

static void tui_sm_put(char grid[TUI_SM_H][TUI_SM_W + 1], int row, int col,
                       const char *s)
{
    memcpy(&grid[row][col], s, strlen(s));
}

static const char *tui_sm_glyph(const struct tui_glyphs *g, char c,
                                 char *one)
{
    switch (c) {
    case '-': return g->sm_h;
    case '|': return g->sm_v;
    case '>': return g->sm_r;
    case '^': return g->sm_u;
    case 'v': return g->sm_d;
    case 'L': return g->sm_bl;
    case 'J': return g->sm_br;
    default:
        one[0] = c;
        one[1] = '\0';
        return one;
    }
}

static int tui_sm_legal(unsigned from, unsigned to)
{
    size_t k;

    for (k = 0; k < sizeof tui_sm_arrows / sizeof tui_sm_arrows[0]; k++)
        if (tui_sm_arrows[k].from == from && tui_sm_arrows[k].to == to)
            return 1;
    return 0;
}

/* The last step up to the current one that changed the state word. */
static const struct tui_step *tui_sm_last(const struct tui_session *s,
                                          uint32_t *n)
{
    uint32_t i;

    for (i = s->pos; i > 0; i--)
        if (s->step[i - 1].word_before != s->step[i - 1].word_after) {
            *n = i;
            return &s->step[i - 1];
        }
    return NULL;
}

/* The machine at (y, x), and its caption on the row below: 7 rows. */
static void tui_panel_machine(struct tui *ui, int y, int x, int w)
{
    const struct tui_session *s = &ui->s;
    const struct evsim_engine *e = s->e;
    char grid[TUI_SM_H][TUI_SM_W + 1], one[2], caption[160], a[16], b[16];
    unsigned char role[TUI_SM_H][TUI_SM_W];
    unsigned now = *e->state_word;
    const struct tui_step *last;
    uint32_t n = 0;
    int r, c, k, legal = 1, ox = x + (w - TUI_SM_W) / 2;

    memset(grid, ' ', sizeof grid);
    memset(role, TUI_R_NORMAL, sizeof role);
    for (r = 0; r < TUI_SM_H; r++)
        grid[r][TUI_SM_W] = '\0';
    tui_sm_put(grid, 0, 1, "FREE");
    tui_sm_put(grid, 0, 6, "---set--->");
    tui_sm_put(grid, 0, 17, "SET");
    tui_sm_put(grid, 1, 2, "|");
    tui_sm_put(grid, 1, 4, "^");
    tui_sm_put(grid, 1, 17, "|");
    tui_sm_put(grid, 1, 19, "^");
    tui_sm_put(grid, 2, 2, "|");
    tui_sm_put(grid, 2, 4, "L---reset----J");
    tui_sm_put(grid, 2, 19, "|");
    tui_sm_put(grid, 3, 2, "|");
    tui_sm_put(grid, 3, 4, "wait");
    tui_sm_put(grid, 3, 14, "set");
    tui_sm_put(grid, 3, 19, "|");
    tui_sm_put(grid, 4, 2, "v");
    tui_sm_put(grid, 4, 19, "|");
    tui_sm_put(grid, 5, 1, "BUSY");
    tui_sm_put(grid, 5, 6, "-------------J");
    last = tui_sm_last(s, &n);
    if (last != NULL) {
        legal = tui_sm_legal(last->word_before, last->word_after);
        for (k = 0; k < (int)(sizeof tui_sm_arrows /
                              sizeof tui_sm_arrows[0]); k++) {
            const struct tui_sm_arrow *ar = &tui_sm_arrows[k];
            int j;

            if (ar->from != last->word_before || ar->to != last->word_after)
                continue;
            for (j = 0; j < ar->nseg; j++)
                for (c = ar->seg[j].c0; c <= ar->seg[j].c1; c++)
                    role[ar->seg[j].row][c] = TUI_R_ARROW;
        }
    }
    for (k = 0; k < 3; k++) {
        const struct tui_sm_node *nd = &tui_sm_nodes[k];
        int len = (int)strlen(nd->name), bad;

        bad = last != NULL && !legal && (nd->value == last->word_before ||
                                         nd->value == last->word_after);
        if (nd->value == now) {
            grid[nd->row][nd->col - 1] = '[';
            grid[nd->row][nd->col + len] = ']';
        }
        for (c = nd->col - 1; c <= nd->col + len; c++)
            role[nd->row][c] = nd->value == now
                ? (bad ? TUI_R_NEXT_BLOCKED : TUI_R_NODE)
                : bad ? TUI_R_ERROR : TUI_R_NORMAL;
    }
    for (r = 0; r < TUI_SM_H; r++)
        for (c = 0; c < TUI_SM_W && ox + c < x + w; c++) {
            attrset(tui_attr(ui, (enum tui_role)role[r][c]));
            mvaddstr(y + r, ox + c, tui_sm_glyph(ui->g, grid[r][c], one));
        }
    attrset(A_NORMAL);
    if (last == NULL) {
        snprintf(caption, sizeof caption, "no move yet");
        tui_put(ui, y + TUI_SM_H, x, w, tui_attr(ui, TUI_R_DIM), caption);
        return;
    }
    engine_format_word(e, e->state_word, last->word_before, a, sizeof a);
    engine_format_word(e, e->state_word, last->word_after, b, sizeof b);
    snprintf(caption, sizeof caption, "%s%s%s%s at step %u",
             legal ? "" : "ILLEGAL ", a, ui->g->arrow, b, n);
    tui_put(ui, y + TUI_SM_H, x, w,
            tui_attr(ui, legal ? TUI_R_ARROW : TUI_R_ERROR), caption);
}

/* A separator with a title: ├ title ───┤. */
static void tui_panel_sep(struct tui *ui, int y, int x, int w,
                          const char *title)
{
    char t[128];
    int i;

    mvaddstr(y, x, ui->g->lt);
    for (i = 1; i < w - 1; i++)
        mvaddstr(y, x + i, ui->g->h);
    mvaddstr(y, x + w - 1, ui->g->rt);
    snprintf(t, sizeof t, " %s ", title);
    tui_put(ui, y, x + 2, w - 4, tui_attr(ui, TUI_R_LABEL), t);
}

struct tui_panel_line {
    char text[200];
    int role;
};

#define TUI_PANEL_LINES 24

/* The kernel's objects and who sleeps on them. */
static int tui_panel_kernel(const struct tui *ui, struct tui_panel_line *l,
                            int max)
{
    const struct evsim_engine *e = ui->s.e;
    char on[64], waker[64];
    int n = 0, i, t;

    for (i = 0; i < e->nevents && n < max; i++) {
        const struct evsim_kevent *ev = &e->ev[i];
        char name[32];

        engine_format_event(i, name, sizeof name);
        snprintf(l[n].text, sizeof l[n].text, "%s %s", name,
                 ev->state == 2 ? "closed" : ev->signaled ? "signaled"
                                                          : "reset");
        l[n++].role = ev->signaled ? TUI_R_GOOD : TUI_R_NORMAL;
    }
    for (t = 0; t < e->nthreads && n < max; t++) {
        const struct evsim_thread *th = &e->th[t];

        if (th->status != EVSIM_T_BLOCKED && th->status != EVSIM_T_RELEASED)
            continue;
        tui_words_sleep(e, t, on, sizeof on, waker, sizeof waker);
        if (th->status == EVSIM_T_RELEASED)
            snprintf(l[n].text, sizeof l[n].text, "%c woken on %s",
                     th->letter, on);
        else
            snprintf(l[n].text, sizeof l[n].text, "%c asleep till %s",
                     th->letter, waker);
        l[n++].role = th->status == EVSIM_T_BLOCKED ? TUI_R_CALLER
                                                    : TUI_R_GOOD;
    }
    if (n == 0 && max > 0) {
        snprintf(l[n].text, sizeof l[n].text, "no events; nobody asleep");
        l[n++].role = TUI_R_DIM;
    }
    return n;
}

/* The scenario's variables (and the event's mutex when held). */
static void tui_panel_vars(const struct tui *ui, char *buf, size_t size)
{
    const struct evsim_engine *e = ui->s.e;
    size_t k = 0;
    int i;

    buf[0] = '\0';
    for (i = 0; i < e->nloc && k < size; i++) {
        const struct evsim_location *loc = &e->loc[i];
        unsigned v = *(const unsigned *)loc->addr;
        char w[32];
        int r;

        if (loc->is_state_word)
            continue;
        if (strcmp(loc->name, "ev.lock") == 0) {
            if (v == 0)
                continue;
            snprintf(w, sizeof w, "%c", 'A' + (int)v - 1);
        } else if (strncmp(loc->name, "ev.", 3) == 0) {
            continue;                   /* ev.cond: no value worth a look */
        } else {
            engine_format_word(e, loc->addr, v, w, sizeof w);
        }
        r = snprintf(buf + k, size - k, "%s%s=%s", k ? "  " : "", loc->name,
                     w);
        if (r < 0)
            break;
        k += (size_t)r;
    }
}

/* What happens from here: the verdict, or the counts of the search. */
static int tui_panel_forecast(struct tui *ui, struct tui_panel_line *l,
                              int max, int w)
{
    const struct tui_session *s = &ui->s;
    struct tui_counts c;
    const char *why;
    char num[32];
    int n = 0, o, kinds, only = 0, end = tui_session_end(s, &why);

    if (max <= 0)
        return 0;
    if (end >= 0) {
        const char *p = why;

        snprintf(l[n].text, sizeof l[n].text, "ended: %s",
                 end == EVSIM_PASS ? "pass" : evsim_outcome_title(end));
        l[n++].role = end == EVSIM_PASS ? TUI_R_GOOD : TUI_R_ERROR;
        /* The reason, wrapped at spaces. */
        while (*p && n < max) {
            size_t len = strlen(p), cut = len;

            if ((int)len > w) {
                cut = (size_t)w;
                while (cut > 0 && p[cut] != ' ')
                    cut--;
                if (cut == 0)
                    cut = (size_t)w;
            }
            snprintf(l[n].text, sizeof l[n].text, "%.*s", (int)cut, p);
            l[n++].role = end == EVSIM_PASS ? TUI_R_NORMAL : TUI_R_ERROR;
            p += cut;
            while (*p == ' ')
                p++;
        }
        return n;
    }
    if (tui_session_repeat(s) != UINT32_MAX) {
        snprintf(l[n].text, sizeof l[n].text, "loop: as after step %u",
                 tui_session_repeat(s));
        l[n++].role = TUI_R_ERROR;
    }
    if (!ui->hints) {
        snprintf(l[n].text, sizeof l[n].text, "hints off (t shows them)");
        l[n++].role = TUI_R_DIM;
        return n;
    }
    if (tui_session_counts(s, -1, &c) != 0)
        return 0;
    tui_words_num(c.total, num, sizeof num);
    for (o = 0, kinds = 0; o < EVSIM_N_OUTCOMES; o++)
        if (strcmp(c.n[o], "0") != 0)
            kinds++, only = o;
    if (kinds == 1) {                   /* one line says it all, if it fits */
        if (strcmp(c.total, "1") == 0)
            snprintf(l[n].text, sizeof l[n].text, "%s1 schedule: %s",
                     s->r.cyclic ? ui->g->ge : "", evsim_outcome_name(only));
        else
            snprintf(l[n].text, sizeof l[n].text, "%s%s schedules, all %s",
                     s->r.cyclic ? ui->g->ge : "", num,
                     evsim_outcome_name(only));
        l[n].role = only == EVSIM_PASS ? TUI_R_GOOD : TUI_R_ERROR;
        if (tui_width(l[n].text) <= w)
            return n + 1;
    }
    snprintf(l[n].text, sizeof l[n].text, "%s%s schedules:", s->r.cyclic
             ? ui->g->ge : "", num);
    l[n++].role = TUI_R_NORMAL;
    for (o = 0; o < EVSIM_N_OUTCOMES && n < max; o++) {
        if (strcmp(c.n[o], "0") == 0)
            continue;
        tui_words_num(c.n[o], num, sizeof num);
        snprintf(l[n].text, sizeof l[n].text, " %s %s",
                 evsim_outcome_name(o), num);
        l[n++].role = o == EVSIM_PASS ? TUI_R_GOOD : TUI_R_ERROR;
    }
    return n;
}

void tui_draw_panel(struct tui *ui, int y, int x, int h, int w)
{
    const struct evsim_engine *e = ui->s.e;
    struct tui_panel_line kern[TUI_PANEL_LINES], fore[TUI_PANEL_LINES];
    char title[64], word[16], vars[256];
    int iw = w - 2, ix = x + 1, inner = h - 2, machine, nk, nf, i, yy;
    int room;

    if (e->state_word != NULL) {
        engine_format_word(e, e->state_word, *e->state_word, word,
                           sizeof word);
        snprintf(title, sizeof title, "ev.value = %s", word);
        machine = TUI_SM_H + 1;
    } else {
        snprintf(title, sizeof title, "state word");
        machine = 1;
    }
    tui_box(ui, y, x, h, w, 0, A_NORMAL, title, tui_attr(ui, TUI_R_LABEL));
    /* machine | kernel | scenario (1) | from here; 3 separators */
    room = inner - machine - 3 - 1;
    nf = tui_panel_forecast(ui, fore, TUI_PANEL_LINES, iw);
    nk = tui_panel_kernel(ui, kern, TUI_PANEL_LINES);
    if (nk > room - 1)
        nk = room - 1 > 1 ? room - 1 : 1;
    if (nf > room - nk)
        nf = room - nk > 1 ? room - nk : 1;
    yy = y + 1;
    if (e->state_word != NULL)
        tui_panel_machine(ui, yy, ix, iw);
    else
        tui_put(ui, yy, ix, iw, tui_attr(ui, TUI_R_DIM),
                "none: kernel calls only");
    yy += machine;
    tui_panel_sep(ui, yy++, x, w, "kernel");
    for (i = 0; i < nk; i++)
        tui_put(ui, yy++, ix, iw, tui_attr(ui, kern[i].role), kern[i].text);
    tui_panel_sep(ui, yy++, x, w, "scenario");
    tui_panel_vars(ui, vars, sizeof vars);
    tui_put(ui, yy++, ix, iw, A_NORMAL, vars);
    if (yy >= y + h - 1)
        return;
    tui_panel_sep(ui, yy++, x, w, "from here");
    for (i = 0; i < nf && yy < y + h - 1; i++)
        tui_put(ui, yy++, ix, iw, tui_attr(ui, fore[i].role), fore[i].text);
}
