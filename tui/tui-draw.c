/* tui-draw.c: the frame: layout, status bar, history, message line, size message. */

/*
 * The screen is drawn whole on every frame, from the session and the few
 * view settings in struct tui (picked column, hints, help, prompt); curses
 * sends only what changed.  Nothing drawn depends on an earlier frame, so
 * undo gives back exactly the screen it left: the picked column is part of
 * each step's record for that reason, and steps taken by hand and undone
 * stay off the history (tui_session_shown) though U still redoes them.
 *
 *   row 0            status bar: variant, scenario, memory model, step
 *   rows 1..         one column per thread | shared-state panel
 *   then             the history box
 *   row rows-2       message line, or the prompt
 *   row rows-1       key help
 *
 * Heights: the history gets 5 rows at 24 lines and a third of every line
 * beyond; the columns and panel get the rest.  Widths: the panel takes 24
 * columns (28 from 100 on, 32 from 120); the threads share the rest, at
 * least 18 each (three fit in 80 columns).  When they do not all fit, the
 * picked one and its neighbours are shown, and arrows on the border say
 * that more are hidden.
 */
#define _XOPEN_SOURCE 700               /* wcwidth */
#include "tui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "registry.h"

#define TUI_COL_MIN 18                  /* a thread column's least width */

/* Columns taken by the next character at s (1 for a byte that is not
 * UTF-8); its length in *len. */
static int tui_draw_char(const char *s, size_t avail, mbstate_t *st,
                         size_t *len)
{
    wchar_t wc;
    size_t r = mbrtowc(&wc, s, avail, st);
    int w;

    if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
        memset(st, 0, sizeof *st);
        *len = 1;
        return 1;
    }
    *len = r;
    w = wcwidth(wc);
    return w < 0 ? 1 : w;
}

int tui_width(const char *s)
{
    mbstate_t st;
    size_t i = 0, n = strlen(s), len;
    int cols = 0;

    memset(&st, 0, sizeof st);
    while (i < n) {
        cols += tui_draw_char(s + i, n - i, &st, &len);
        i += len;
    }
    return cols;
}

int tui_put(struct tui *ui, int y, int x, int w, int attr, const char *s)
{
    mbstate_t st;
    size_t i = 0, n = strlen(s), len;
    int cols = 0, total, limit, c;

    if (w <= 0 || y < 0 || x < 0)
        return 0;
    total = tui_width(s);
    limit = total > w ? w - 1 : w;
    memset(&st, 0, sizeof st);
    while (i < n) {
        c = tui_draw_char(s + i, n - i, &st, &len);
        if (cols + c > limit)
            break;
        cols += c;
        i += len;
    }
    attrset(attr);
    mvaddnstr(y, x, s, (int)i);
    if (total > w) {
        addstr(ui->g->ellipsis);
        cols++;
    }
    attrset(A_NORMAL);
    return cols;
}

/* w columns of one glyph. */
static void tui_draw_repeat(int y, int x, int w, const char *glyph)
{
    int i;

    for (i = 0; i < w; i++)
        mvaddstr(y, x + i, glyph);
}

void tui_box(struct tui *ui, int y, int x, int h, int w, int picked,
             int attr, const char *title, int title_attr)
{
    const struct tui_glyphs *g = ui->g;
    const char *hz = picked ? g->hh : g->h, *vt = picked ? g->vv : g->v;
    char t[256];
    int i;

    if (h < 2 || w < 2)
        return;
    attrset(attr);
    mvaddstr(y, x, picked ? g->htl : g->tl);
    tui_draw_repeat(y, x + 1, w - 2, hz);
    mvaddstr(y, x + w - 1, picked ? g->htr : g->tr);
    for (i = 1; i < h - 1; i++) {
        mvaddstr(y + i, x, vt);
        mvaddstr(y + i, x + w - 1, vt);
    }
    mvaddstr(y + h - 1, x, picked ? g->hbl : g->bl);
    tui_draw_repeat(y + h - 1, x + 1, w - 2, hz);
    mvaddstr(y + h - 1, x + w - 1, picked ? g->hbr : g->br);
    attrset(A_NORMAL);
    if (title != NULL && title[0] != '\0' && w > 6) {
        snprintf(t, sizeof t, " %s ", title);
        tui_put(ui, y, x + 2, w - 4, title_attr, t);
    }
}

void tui_say(struct tui *ui, int kind, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
    va_end(ap);
    ui->msg_kind = kind;
}

static void tui_draw_small(struct tui *ui)
{
    char l1[80], l2[80];
    const char *l3 = "Enlarge it, or press q to quit.";
    int y = ui->rows / 2 - 1;

    snprintf(l1, sizeof l1, "evsim tui needs at least %dx%d;", TUI_MIN_COLS,
             TUI_MIN_ROWS);
    snprintf(l2, sizeof l2, "this terminal is %dx%d.", ui->cols, ui->rows);
    if (y < 0)
        y = 0;
    tui_put(ui, y, (ui->cols - tui_width(l1)) / 2 > 0
                       ? (ui->cols - tui_width(l1)) / 2 : 0,
            ui->cols, tui_attr(ui, TUI_R_ERROR), l1);
    tui_put(ui, y + 1, (ui->cols - tui_width(l2)) / 2 > 0
                           ? (ui->cols - tui_width(l2)) / 2 : 0,
            ui->cols, A_NORMAL, l2);
    tui_put(ui, y + 2, (ui->cols - tui_width(l3)) / 2 > 0
                           ? (ui->cols - tui_width(l3)) / 2 : 0,
            ui->cols, A_NORMAL, l3);
}

static void tui_draw_bar(struct tui *ui)
{
    const struct tui_session *s = &ui->s;
    const char *why;
    char left[256], right[160], sc[64];
    int end = tui_session_end(s, &why), wl, wr;

    scenario_format(s->cfg.scenario, s->cfg.params, sc, sizeof sc);
    snprintf(left, sizeof left, " evsim tui%s%s%s%s%s%s%s", ui->g->dot,
             s->cfg.variant->name, ui->g->dot, sc, ui->g->dot,
             s->e->cfg.memmodel->name,
             s->cfg.spurious ? " (spurious wakeups)" : "");
    if (s->pos < tui_session_shown(s))
        snprintf(right, sizeof right, "%sstep %u of %u%shints %s ",
                 ui->playing ? "playing " : "", s->pos, tui_session_shown(s),
                 ui->g->dot, ui->hints ? "on" : "off");
    else
        snprintf(right, sizeof right, "step %u%shints %s ", s->pos,
                 ui->g->dot, ui->hints ? "on" : "off");
    attrset(tui_attr(ui, TUI_R_BAR));
    mvhline(0, 0, ' ', ui->cols);
    attrset(A_NORMAL);
    wr = tui_width(right);
    wl = tui_put(ui, 0, 0, ui->cols - wr - 1, tui_attr(ui, TUI_R_BAR), left);
    if (end >= 0) {
        char badge[80];
        int k;

        snprintf(badge, sizeof badge, " %s ", end == EVSIM_PASS
                 ? "PASS" : evsim_outcome_title(end));
        for (k = 0; badge[k]; k++)
            if (badge[k] >= 'a' && badge[k] <= 'z')
                badge[k] = (char)(badge[k] - 'a' + 'A');
        wl += 1;
        tui_put(ui, 0, wl, ui->cols - wr - wl - 1,
                end == EVSIM_PASS ? tui_attr(ui, TUI_R_GOOD) | A_REVERSE
                                  : tui_attr(ui, TUI_R_ERROR) | A_REVERSE,
                badge);
    }
    tui_put(ui, 0, ui->cols - wr, wr, tui_attr(ui, TUI_R_BAR), right);
}

/* One history line: step i (0 is the initial state). */
static void tui_draw_history_line(struct tui *ui, int y, int x, int w,
                                  uint32_t i, int wherew)
{
    const struct tui_session *s = &ui->s;
    const struct tui_step *st = i > 0 ? &s->step[i - 1] : NULL;
    char words[512], where[64], line[1024], tail[240];
    int attr = A_NORMAL, cur = i == s->pos, n;

    if (st == NULL) {
        snprintf(line, sizeof line, "%s%4d   (initial state)",
                 cur ? ui->g->current : " ", 0);
    } else {
        tui_words_step(s->e, st, ui->g->arrow, words, sizeof words);
        snprintf(where, sizeof where, "%s:%d",
                 tui_words_base(st->rec.site ? st->rec.site->file : "?"),
                 st->rec.site ? st->rec.site->line : 0);
        tail[0] = '\0';
        if (st->end >= 0 && st->rec.outcome == EVSIM_PASS)
            snprintf(tail, sizeof tail, "  %s %s", ui->g->arrow,
                     st->end == EVSIM_PASS ? "pass: every thread finished"
                                           : evsim_outcome_title(st->end));
        n = snprintf(line, sizeof line, "%s%4u %c %-8.8s %-*s %s%s",
                     cur ? ui->g->current : " ", i,
                     s->e->th[st->thread].letter, s->e->th[st->thread].role,
                     wherew, where, words, tail);
        /* The state after it, right-aligned, where the line has room. */
        if (n > 0 && (size_t)n < sizeof line && st->end < 0) {
            int room = w - tui_width(line) - (int)strlen(st->state);

            if (room >= 3)
                snprintf(line + n, sizeof line - (size_t)n, "%*s%s", room,
                         "", st->state);
        }
        if (st->end > 0)
            attr = tui_attr(ui, TUI_R_ERROR);
    }
    if (i > s->pos)
        attr = tui_attr(ui, TUI_R_DIM);
    if (cur) {
        attr = tui_attr(ui, TUI_R_CURRENT);
        attrset(attr);
        mvhline(y, x, ' ', w);
    }
    tui_put(ui, y, x, w, attr, line);
}

static void tui_draw_history(struct tui *ui, int y, int h)
{
    const struct tui_session *s = &ui->s;
    char title[128];
    int rows = h - 2, k, wherew = 18;
    uint32_t first, shown = tui_session_shown(s), entries = shown + 1;

    if (s->pos < shown)
        snprintf(title, sizeof title, "history: step %u of %u (dim: to "
                 "redo)", s->pos, shown);
    else
        snprintf(title, sizeof title, "history: %u step%s", s->pos,
                 s->pos == 1 ? "" : "s");
    tui_box(ui, y, 0, h, ui->cols, 0, A_NORMAL, title,
            tui_attr(ui, TUI_R_LABEL));
    if (rows <= 0)
        return;
    /* The current step in the middle, or as low as the end allows. */
    first = s->pos > (uint32_t)rows / 2 ? s->pos - (uint32_t)rows / 2 : 0;
    if (entries > (uint32_t)rows && first > entries - (uint32_t)rows)
        first = entries - (uint32_t)rows;
    if (entries <= (uint32_t)rows)
        first = 0;
    ui->lay.hist_y = y + 1;
    ui->lay.hist_h = rows;
    ui->lay.hist_first = first;
    for (k = 0; k < rows && first + (uint32_t)k < entries; k++) {
        uint32_t i = first + (uint32_t)k;
        const struct evsim_site *site = i > 0 ? s->step[i - 1].rec.site
                                              : NULL;
        char where[64];

        if (site != NULL) {
            snprintf(where, sizeof where, "%s:%d",
                     tui_words_base(site->file), site->line);
            if ((int)strlen(where) > wherew)
                wherew = (int)strlen(where);
        }
    }
    for (k = 0; k < rows && first + (uint32_t)k < entries; k++)
        tui_draw_history_line(ui, y + 1 + k, 1, ui->cols - 2,
                              first + (uint32_t)k, wherew);
}

static void tui_draw_message(struct tui *ui, int y)
{
    static const char *const asks[] = {
        [TUI_ASK_OPEN] = "open trace (Enter: open, Esc: cancel): ",
        [TUI_ASK_SAVE] = "save trace as (Enter: save, Esc: cancel): ",
        [TUI_ASK_OVERWRITE] = "",
        [TUI_ASK_SEED] = "random run with seed (Enter: run, Esc: cancel): ",
    };
    char line[600];
    int role = ui->msg_kind == TUI_MSG_ERROR ? TUI_R_ERROR
               : ui->msg_kind == TUI_MSG_GOOD ? TUI_R_GOOD : TUI_R_NORMAL;

    if (ui->ask == TUI_ASK_OVERWRITE) {
        snprintf(line, sizeof line, " %s exists: overwrite it? (y/n) ",
                 ui->pending);
        tui_put(ui, y, 0, ui->cols, tui_attr(ui, TUI_R_ERROR), line);
        return;
    }
    if (ui->ask != TUI_ASK_NONE) {
        int w;

        snprintf(line, sizeof line, " %s%s", asks[ui->ask], ui->input);
        w = tui_put(ui, y, 0, ui->cols - 1, tui_attr(ui, TUI_R_KEY), line);
        tui_put(ui, y, w, 1, A_REVERSE, " ");
        return;
    }
    snprintf(line, sizeof line, " %s", ui->msg);
    tui_put(ui, y, 0, ui->cols, tui_attr(ui, role), line);
}

void tui_draw(struct tui *ui)
{
    const struct tui_session *s = &ui->s;
    int hist_h, main_h, panel_w, cols_w, visible, first, t, x, n;

    erase();
    getmaxyx(stdscr, ui->rows, ui->cols);
    memset(&ui->lay, 0, sizeof ui->lay);
    if (ui->rows < TUI_MIN_ROWS || ui->cols < TUI_MIN_COLS) {
        ui->lay.small = 1;
        tui_draw_small(ui);
        refresh();
        return;
    }
    if (ui->help) {
        tui_draw_help(ui);
        refresh();
        return;
    }
    tui_draw_bar(ui);
    hist_h = 5 + (ui->rows - TUI_MIN_ROWS) / 3;
    main_h = ui->rows - 3 - hist_h;
    panel_w = ui->cols >= 120 ? 32 : ui->cols >= 100 ? 28 : 24;
    cols_w = ui->cols - panel_w;
    n = s->e->nthreads;
    visible = cols_w / TUI_COL_MIN;
    if (visible > n)
        visible = n;
    if (visible < 1)
        visible = 1;
    first = ui->pick - visible / 2;
    if (first > n - visible)
        first = n - visible;
    if (first < 0)
        first = 0;
    ui->lay.main_y = 1;
    ui->lay.main_h = main_h;
    for (t = first, x = 0; t < first + visible; t++) {
        int w = t == first + visible - 1 ? cols_w - x : cols_w / visible;

        ui->lay.col_x[t] = x;
        ui->lay.col_w[t] = w;
        tui_draw_column(ui, t, 1, x, main_h, w);
        x += w;
    }
    if (first > 0)
        tui_put(ui, 1 + main_h / 2, 0, 1, tui_attr(ui, TUI_R_PICK),
                ui->g->left);
    if (first + visible < n)
        tui_put(ui, 1 + main_h / 2, cols_w - 1, 1, tui_attr(ui, TUI_R_PICK),
                ui->g->right);
    tui_draw_panel(ui, 1, cols_w, main_h, panel_w);
    tui_draw_history(ui, 1 + main_h, hist_h);
    tui_draw_message(ui, ui->rows - 2);
    tui_draw_keyline(ui, ui->rows - 1);
    refresh();
}
