/* tui-keys.c: what every key does: one table that is also the help screen and the key line. */

/*
 * Each entry of tui_keys names its keys as the help screen shows them, the
 * key codes that do it, and the action; the help screen and the key line at
 * the bottom are drawn from the same table, so every key they name works.
 *
 * Threads are stepped by letter (either case) or number: a, A or 1 steps
 * thread A.  The command keys keep clear of the letters a to h (there are
 * at most 8 threads), except h, which is vi's left as in the mock-up's
 * arrows-and-vi pick keys: with eight threads, thread H is H or 8.  That is
 * also why the counterexample key is v (violation), not c: c steps thread C.
 *
 * While a prompt is open (a file name, a seed, overwrite y/n) keys go to it;
 * while the help is up any key closes it; while the player runs, any key
 * stops it.
 */
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

#define TUI_CTRL(c) ((c) & 0x1f)
#define TUI_KEY_ESC 27
#define TUI_PAGE 10                     /* steps PgUp/PgDn move */

struct tui_key_entry {
    const char *keys;                   /* as the help screen names them */
    const char *what;                   /* what they do */
    const char *brief_keys;             /* on the key line (NULL: not) */
    const char *brief;
    int codes[8];                       /* 0-terminated */
    int (*match)(const struct tui *ui, int key); /* instead of codes */
    void (*fn)(struct tui *ui, int key);
};

/* Copy a string, cut to fit. */
static void tui_key_copy(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);

    if (len >= n)
        len = n - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* The thread a key steps, or -1. */
static int tui_key_thread(const struct tui *ui, int key)
{
    int n = ui->s.e->nthreads;

    if (key >= 'a' && key < 'a' + n && key != 'h')
        return key - 'a';
    if (key >= 'A' && key < 'A' + n)
        return key - 'A';
    if (key >= '1' && key < '1' + n)
        return key - '1';
    return -1;
}

static int tui_key_match_thread(const struct tui *ui, int key)
{
    return tui_key_thread(ui, key) >= 0;
}

/* After the position moved: the picked column it had, or one that can run. */
static void tui_key_settle(struct tui *ui)
{
    const struct tui_session *s = &ui->s;

    if (s->pos < s->len)
        ui->pick = s->step[s->pos].pick_before;
    else
        ui->pick = tui_session_next_pick(s, ui->pick);
}

/* Say how the execution ended, if it has. */
static void tui_key_say_end(struct tui *ui)
{
    const char *why;
    int end = tui_session_end(&ui->s, &why);

    if (end == EVSIM_PASS)
        tui_say(ui, TUI_MSG_GOOD, "pass: %s", why);
    else if (end > 0)
        tui_say(ui, TUI_MSG_ERROR, "%s: %s", evsim_outcome_title(end), why);
}

static void tui_key_goto(struct tui *ui, uint32_t pos)
{
    tui_session_goto(&ui->s, pos);
    tui_key_settle(ui);
    ui->msg[0] = '\0';
    tui_key_say_end(ui);
}

static void tui_key_step_thread(struct tui *ui, int t)
{
    char why[300];

    if (tui_session_step(&ui->s, t, ui->pick, TUI_HOW_KEY, why,
                         sizeof why) != 0) {
        tui_say(ui, TUI_MSG_ERROR, "%s", why);
        return;
    }
    tui_key_settle(ui);
    ui->msg[0] = '\0';
    tui_key_say_end(ui);
}

static void tui_key_step(struct tui *ui, int key)
{
    tui_key_step_thread(ui, tui_key_thread(ui, key));
}

static void tui_key_step_picked(struct tui *ui, int key)
{
    (void)key;
    tui_key_step_thread(ui, ui->pick);
}

static void tui_key_pick_left(struct tui *ui, int key)
{
    int n = ui->s.e->nthreads;

    (void)key;
    ui->pick = (ui->pick + n - 1) % n;
    ui->msg[0] = '\0';
}

static void tui_key_pick_right(struct tui *ui, int key)
{
    (void)key;
    ui->pick = (ui->pick + 1) % ui->s.e->nthreads;
    ui->msg[0] = '\0';
}

static void tui_key_undo(struct tui *ui, int key)
{
    uint32_t n = key == KEY_PPAGE ? TUI_PAGE : 1;

    if (ui->s.pos == 0) {
        tui_say(ui, TUI_MSG_ERROR, "at the initial state: nothing to undo");
        return;
    }
    tui_key_goto(ui, ui->s.pos > n ? ui->s.pos - n : 0);
}

static void tui_key_redo(struct tui *ui, int key)
{
    uint32_t n = key == KEY_NPAGE ? TUI_PAGE : 1;

    if (ui->s.pos == ui->s.len) {
        tui_say(ui, TUI_MSG_ERROR, "nothing to redo (v: shortest "
                "counterexample, r: random run)");
        return;
    }
    tui_key_goto(ui, ui->s.pos + n < ui->s.len ? ui->s.pos + n : ui->s.len);
}

static void tui_key_restart(struct tui *ui, int key)
{
    (void)key;
    tui_key_goto(ui, 0);
    if (ui->s.len > 0)
        tui_say(ui, TUI_MSG_INFO, "back at the initial state; the %u steps "
                "stay for redo (End: back to the last)", ui->s.len);
}

static void tui_key_end(struct tui *ui, int key)
{
    (void)key;
    tui_key_goto(ui, ui->s.len);
}

static void tui_key_play(struct tui *ui, int key)
{
    (void)key;
    if (ui->s.pos == ui->s.len) {
        tui_say(ui, TUI_MSG_ERROR, "nothing to play: no steps to redo (v: "
                "shortest counterexample, r: random run)");
        return;
    }
    ui->playing = 1;
    tui_say(ui, TUI_MSG_INFO, "playing: any key stops");
}

void tui_tick(struct tui *ui)
{
    if (!ui->playing)
        return;
    if (ui->s.pos >= ui->s.len) {
        ui->playing = 0;
        return;
    }
    /* The message that started the player stays up while it plays. */
    tui_session_goto(&ui->s, ui->s.pos + 1);
    tui_key_settle(ui);
    if (ui->s.pos == ui->s.len) {
        uint32_t k = tui_session_repeat(&ui->s);

        ui->playing = 0;
        if (k != UINT32_MAX)
            tui_say(ui, TUI_MSG_ERROR, "livelock: the state after step %u is "
                    "the state after step %u: the steps between can repeat "
                    "forever", ui->s.pos, k);
        else
            tui_say(ui, TUI_MSG_INFO, "played to step %u", ui->s.pos);
        tui_key_say_end(ui);
    }
}

static int tui_key_ended(struct tui *ui)
{
    const char *why;
    int end = tui_session_end(&ui->s, &why);

    if (end < 0)
        return 0;
    tui_say(ui, TUI_MSG_ERROR, "the execution has ended here (%s): undo "
            "(u) or restart (0) first", end == EVSIM_PASS
            ? "pass" : evsim_outcome_title(end));
    return 1;
}

static void tui_key_random_seed(struct tui *ui, uint64_t seed)
{
    uint32_t from = ui->s.pos, n;
    const char *why;
    int end;

    if (tui_key_ended(ui))
        return;
    n = tui_session_random(&ui->s, seed);
    tui_key_settle(ui);
    end = tui_session_end(&ui->s, &why);
    tui_say(ui, end > 0 ? TUI_MSG_ERROR : TUI_MSG_GOOD,
            "random run, seed %llu, from step %u: %u steps, %s (R %llu at "
            "step %u repeats it)", (unsigned long long)seed, from, n,
            end < 0 ? "stopped: it may never end"
                    : end == EVSIM_PASS ? "pass" : evsim_outcome_title(end),
            (unsigned long long)seed, from);
}

static void tui_key_random(struct tui *ui, int key)
{
    (void)key;
    tui_key_random_seed(ui, ui->seed++);
}

static void tui_key_ask(struct tui *ui, int ask, const char *preset)
{
    ui->ask = ask;
    tui_key_copy(ui->input, sizeof ui->input, preset);
    ui->playing = 0;
}

static void tui_key_random_ask(struct tui *ui, int key)
{
    char seed[32];

    (void)key;
    if (tui_key_ended(ui))
        return;
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)ui->seed);
    tui_key_ask(ui, TUI_ASK_SEED, seed);
}

static void tui_key_shortest(struct tui *ui, int key)
{
    uint32_t from = ui->s.pos;
    struct tui_counts c;
    int found;

    (void)key;
    if (tui_key_ended(ui))
        return;
    found = tui_session_shortest(&ui->s);
    if (found < 0) {
        tui_session_counts(&ui->s, -1, &c);
        if (ui->s.r.cyclic)
            tui_say(ui, TUI_MSG_INFO, "no execution from step %u ends in a "
                    "violation; the state graph has cycles (0, then v: the "
                    "shortest livelock)", from);
        else
            tui_say(ui, TUI_MSG_GOOD, "no violation can happen from here: "
                    "all %s schedules from step %u pass", c.total, from);
        return;
    }
    tui_key_settle(ui);
    ui->playing = 1;
    if (found == EVSIM_LIVELOCK) {
        tui_say(ui, TUI_MSG_ERROR, "shortest livelock: %u steps, the last "
                "ones return to the state after step %u and can repeat "
                "forever; playing", ui->s.len,
                ui->s.r.shortest[EVSIM_LIVELOCK].loop_from);
        return;
    }
    tui_say(ui, TUI_MSG_ERROR, "shortest counterexample from step %u: %u "
            "more steps to a %s; playing (any key stops)", from,
            ui->s.len - from, evsim_outcome_title(found));
}

static void tui_key_open(struct tui *ui, int key)
{
    (void)key;
    tui_key_ask(ui, TUI_ASK_OPEN, ui->last_path);
}

static void tui_key_save(struct tui *ui, int key)
{
    char name[256], sc[64];
    int k;

    (void)key;
    scenario_format(ui->s.cfg.scenario, ui->s.cfg.params, sc, sizeof sc);
    for (k = 0; sc[k]; k++)
        if (sc[k] == ':' || sc[k] == ',')
            sc[k] = '-';
    snprintf(name, sizeof name, "%s.%s.step%u.trace", ui->s.cfg.variant->name,
             sc, ui->s.pos);
    tui_key_ask(ui, TUI_ASK_SAVE, name);
}

static void tui_key_hints(struct tui *ui, int key)
{
    (void)key;
    ui->hints = !ui->hints;
    ui->msg[0] = '\0';
}

static void tui_key_help(struct tui *ui, int key)
{
    (void)key;
    ui->help = 1;
}

static void tui_key_quit(struct tui *ui, int key)
{
    (void)key;
    ui->quit = 1;
}

static void tui_key_redraw(struct tui *ui, int key)
{
    (void)ui, (void)key;
    clearok(curscr, TRUE);
}

static void tui_key_mouse(struct tui *ui, int key)
{
    MEVENT ev;
    int t;

    (void)key;
    if (getmouse(&ev) != OK ||
        !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return;
    if (ev.y >= ui->lay.main_y && ev.y < ui->lay.main_y + ui->lay.main_h) {
        for (t = 0; t < ui->s.e->nthreads; t++)
            if (ui->lay.col_w[t] > 0 && ev.x >= ui->lay.col_x[t] &&
                ev.x < ui->lay.col_x[t] + ui->lay.col_w[t]) {
                ui->pick = t;           /* a click is: pick it, Enter */
                tui_key_step_thread(ui, t);
                return;
            }
        return;
    }
    if (ev.y >= ui->lay.hist_y && ev.y < ui->lay.hist_y + ui->lay.hist_h) {
        uint32_t i = ui->lay.hist_first + (uint32_t)(ev.y - ui->lay.hist_y);

        if (i <= tui_session_shown(&ui->s))
            tui_key_goto(ui, i);
    }
}

static void tui_key_resize(struct tui *ui, int key)
{
    (void)ui, (void)key;                /* the next frame lays out anew */
}

static const struct tui_key_entry tui_keys[] = {
    { NULL, "step that thread (a, A or 1 is thread A)", NULL, "step",
      { 0 }, tui_key_match_thread, tui_key_step },
    { "Enter  Space", "step the picked thread (double border)", NULL, NULL,
      { '\r', '\n', KEY_ENTER, ' ', 0 }, NULL, tui_key_step_picked },
    { "\u2190 \u2192 h l S-Tab Tab", "pick the thread to the left / right",
      "\u2190\u2192", "pick", { KEY_LEFT, 'h', KEY_BTAB, 0 }, NULL,
      tui_key_pick_left },
    { NULL, NULL, NULL, NULL, { KEY_RIGHT, 'l', '\t', 0 }, NULL,
      tui_key_pick_right },
    { "u \u2191 k Bksp PgUp", "undo one step, any number (PgUp: ten)", "u",
      "undo", { 'u', KEY_UP, 'k', KEY_BACKSPACE, 127, 8, KEY_PPAGE, 0 },
      NULL, tui_key_undo },
    { "U \u2193 j ^R PgDn", "redo one step (PgDn: ten)", "U", "redo",
      { 'U', KEY_DOWN, 'j', TUI_CTRL('r'), KEY_NPAGE, 0 }, NULL,
      tui_key_redo },
    { "0  Home", "restart: back to step 0 (the steps stay for redo)", NULL,
      NULL, { '0', KEY_HOME, 0 }, NULL, tui_key_restart },
    { "$  End", "redo every step, to the end of the history", NULL, NULL,
      { '$', KEY_END, 0 }, NULL, tui_key_end },
    { "p", "play the steps to redo, one at a time (a key stops)", NULL,
      NULL, { 'p', 0 }, NULL, tui_key_play },
    { "v", "play the shortest counterexample (violation) from here",
      "v", "counterexample", { 'v', 0 }, NULL, tui_key_shortest },
    { "t", "hints on/off: the schedules that follow each choice", "t",
      "hints", { 't', 0 }, NULL, tui_key_hints },
    { "r", "random run to the end (next seed; the seed is shown)", "r",
      "random", { 'r', 0 }, NULL, tui_key_random },
    { "R", "random run with a seed you type (repeats a run)", NULL, NULL,
      { 'R', 0 }, NULL, tui_key_random_ask },
    { "o", "open a trace (evsim check's, or one saved here)", "o", "open",
      { 'o', 0 }, NULL, tui_key_open },
    { "s", "save the steps so far as a trace (for evsim replay)", "s",
      "save", { 's', 0 }, NULL, tui_key_save },
    { "?  F1", "this help", "?", "help", { '?', KEY_F(1), 0 }, NULL,
      tui_key_help },
    { "q", "quit (Ctrl-C too)", "q", "quit", { 'q', 0 }, NULL,
      tui_key_quit },
    { "Ctrl-L", "redraw the screen", NULL, NULL, { TUI_CTRL('l'), 0 }, NULL,
      tui_key_redraw },
    { "mouse", "click a column: step it; a history line: go there", NULL,
      NULL, { KEY_MOUSE, 0 }, NULL, tui_key_mouse },
    { NULL, NULL, NULL, NULL, { KEY_RESIZE, 0 }, NULL, tui_key_resize },
};

#define TUI_NKEYS ((int)(sizeof tui_keys / sizeof tui_keys[0]))

/* The thread keys as the help shows them: "a b c  A B C  1 2 3". */
static void tui_key_thread_names(const struct tui *ui, char *buf, size_t n)
{
    int k = ui->s.e->nthreads, t;
    size_t used = 0;

    buf[0] = '\0';
    if (k > 3) {
        snprintf(buf, n, "a-%c  A-%c  1-%d", 'a' + (k > 7 ? 6 : k - 1),
                 'A' + k - 1, k);
        return;
    }
    for (t = 0; t < 3 * k && used < n; t++) {
        int r = snprintf(buf + used, n - used, "%s%c",
                         t == 0 ? "" : t % k == 0 ? "  " : " ",
                         t < k ? 'a' + t : t < 2 * k ? 'A' + t - k
                                                     : '1' + t - 2 * k);
        if (r < 0)
            break;
        used += (size_t)r;
    }
}

/* The thread keys for the key line: "a b", "a b c", "a-e". */
static void tui_key_brief_threads(const struct tui *ui, char *buf, size_t n)
{
    int k = ui->s.e->nthreads;

    if (k == 1)
        snprintf(buf, n, "a");
    else if (k == 2)
        snprintf(buf, n, "a b");
    else if (k == 3)
        snprintf(buf, n, "a b c");
    else if (k < 8)
        snprintf(buf, n, "a-%c", 'a' + k - 1);
    else
        snprintf(buf, n, "a-g H");      /* h picks: H steps thread H */
}

/* Key names in the glyph set: the arrows and Enter spelt out in ASCII. */
static const char *tui_key_text(const struct tui *ui, const char *s,
                                char *buf, size_t n)
{
    static const struct { const char *u, *a; } names[] = {
        { "\u2190", "Left" }, { "\u2192", "Right" }, { "\u2191", "Up" },
        { "\u2193", "Down" }, { "\u23ce", "Enter" },
    };
    size_t k = 0, i;

    if (strcmp(ui->g->arrow, "->") != 0)
        return s;
    while (*s && k + 1 < n) {
        for (i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strncmp(s, names[i].u, strlen(names[i].u)) == 0)
                break;
        if (i < sizeof names / sizeof names[0]) {
            k += (size_t)snprintf(buf + k, n - k, "%s%s",
                                  k && buf[k - 1] != ' ' ? "/" : "",
                                  names[i].a);
            s += strlen(names[i].u);
            if (k >= n)
                k = n - 1;
            continue;
        }
        buf[k++] = *s++;
    }
    buf[k] = '\0';
    return buf;
}

/* ---- prompts ---- */

static void tui_key_expand(const char *in, char *out, size_t n)
{
    const char *home = getenv("HOME");

    if (in[0] == '~' && in[1] == '/' && home != NULL)
        snprintf(out, n, "%s%s", home, in + 1);
    else
        snprintf(out, n, "%s", in);
}

static void tui_key_do_open(struct tui *ui, const char *path)
{
    char err[600];

    tui_key_copy(ui->last_path, sizeof ui->last_path, path);
    tui_say(ui, TUI_MSG_INFO, "opening %s: searching every schedule...",
            path);
    tui_draw(ui);
    if (tui_session_load(&ui->s, path, err, sizeof err) != 0) {
        tui_key_settle(ui);
        tui_say(ui, TUI_MSG_ERROR, "not opened: %s", err);
        return;
    }
    ui->pick = 0;
    tui_key_settle(ui);
    ui->playing = 0;
    tui_say(ui, TUI_MSG_GOOD, "opened %s: %u steps at step 0; p plays them, "
            "j or \u2193 steps, End jumps to the end", path, ui->s.len);
}

static void tui_key_do_save(struct tui *ui, const char *path, int overwrite)
{
    char err[600];
    int exists;

    if (tui_session_save(&ui->s, path, overwrite, &exists, err,
                         sizeof err) != 0) {
        if (exists) {
            tui_key_copy(ui->pending, sizeof ui->pending, path);
            ui->ask = TUI_ASK_OVERWRITE;
            return;
        }
        tui_say(ui, TUI_MSG_ERROR, "not saved: %s", err);
        return;
    }
    tui_key_copy(ui->last_path, sizeof ui->last_path, path);
    tui_say(ui, TUI_MSG_GOOD, "saved %u steps to %s (evsim replay %s)",
            ui->s.pos, path, path);
}

static void tui_key_accept(struct tui *ui)
{
    char path[1024];
    int ask = ui->ask;

    ui->ask = TUI_ASK_NONE;
    if (ui->input[0] == '\0') {
        tui_say(ui, TUI_MSG_INFO, "cancelled");
        return;
    }
    switch (ask) {
    case TUI_ASK_OPEN:
        tui_key_expand(ui->input, path, sizeof path);
        tui_key_do_open(ui, path);
        break;
    case TUI_ASK_SAVE:
        tui_key_expand(ui->input, path, sizeof path);
        tui_key_do_save(ui, path, 0);
        break;
    case TUI_ASK_SEED: {
        char *end;
        unsigned long long v;

        errno = 0;
        v = strtoull(ui->input, &end, 10);
        if (ui->input[0] < '0' || ui->input[0] > '9' || *end != '\0' ||
            errno != 0) {
            tui_say(ui, TUI_MSG_ERROR, "a seed is a number from 0 to "
                    "18446744073709551615, not '%s'", ui->input);
            return;
        }
        ui->seed = v + 1;
        tui_key_random_seed(ui, v);
        break;
    }
    default:
        break;
    }
}

static void tui_key_prompt(struct tui *ui, int key)
{
    size_t len = strlen(ui->input);

    if (ui->ask == TUI_ASK_OVERWRITE) {
        ui->ask = TUI_ASK_NONE;
        if (key == 'y' || key == 'Y')
            tui_key_do_save(ui, ui->pending, 1);
        else
            tui_say(ui, TUI_MSG_INFO, "not saved: %s is left as it was",
                    ui->pending);
        return;
    }
    if (key == TUI_KEY_ESC || key == TUI_CTRL('c') || key == TUI_CTRL('g')) {
        ui->ask = TUI_ASK_NONE;
        tui_say(ui, TUI_MSG_INFO, "cancelled");
    } else if (key == '\r' || key == '\n' || key == KEY_ENTER) {
        tui_key_accept(ui);
    } else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        while (len > 0 && ((unsigned char)ui->input[len - 1] & 0xc0) == 0x80)
            len--;                      /* a UTF-8 continuation byte */
        if (len > 0)
            len--;
        ui->input[len] = '\0';
    } else if (key == TUI_CTRL('u')) {
        ui->input[0] = '\0';
    } else if (key >= 32 && key < 256 && key != 127 &&
               len + 1 < sizeof ui->input) {
        ui->input[len] = (char)key;
        ui->input[len + 1] = '\0';
    }
}

void tui_key(struct tui *ui, int key)
{
    int k, j;

    if (key == KEY_RESIZE)
        return;
    if (ui->lay.small) {                /* the size message is up */
        if (key == 'q')
            ui->quit = 1;
        return;
    }
    if (ui->ask != TUI_ASK_NONE) {
        tui_key_prompt(ui, key);
        return;
    }
    if (ui->help) {
        ui->help = 0;
        return;
    }
    if (ui->playing) {
        ui->playing = 0;
        tui_say(ui, TUI_MSG_INFO, "stopped at step %u", ui->s.pos);
        return;
    }
    for (k = 0; k < TUI_NKEYS; k++) {
        const struct tui_key_entry *ke = &tui_keys[k];

        if (ke->match != NULL) {
            if (ke->match(ui, key)) {
                ke->fn(ui, key);
                return;
            }
            continue;
        }
        for (j = 0; ke->codes[j] != 0; j++)
            if (ke->codes[j] == key) {
                ke->fn(ui, key);
                return;
            }
    }
    if (key >= 'a' && key <= 'h') {
        tui_say(ui, TUI_MSG_ERROR, "there is no thread %c: this scenario has "
                "%d (? shows every key)", key - 'a' + 'A', ui->s.e->nthreads);
        return;
    }
    tui_say(ui, TUI_MSG_ERROR, "that key does nothing (? shows every key)");
}

void tui_draw_help(struct tui *ui)
{
    char threads[64], line[300], text[64];
    int y = 0, k, x = 2, kw = 22, w = ui->cols - 4;

    tui_box(ui, 0, 0, ui->rows, ui->cols, 0, A_NORMAL,
            "evsim tui: keys (any key closes this help)",
            tui_attr(ui, TUI_R_LABEL));
    y = 1;
    for (k = 0; k < TUI_NKEYS && y < ui->rows - 4; k++) {
        const struct tui_key_entry *ke = &tui_keys[k];
        const char *keys = ke->keys;

        if (ke->what == NULL)
            continue;
        if (keys == NULL) {
            tui_key_thread_names(ui, threads, sizeof threads);
            keys = threads;
        }
        keys = tui_key_text(ui, keys, text, sizeof text);
        tui_put(ui, y, x, kw, tui_attr(ui, TUI_R_KEY), keys);
        tui_put(ui, y, x + kw, w - kw, A_NORMAL, ke->what);
        y++;
    }
    y++;
    snprintf(line, sizeof line, "%s the line a thread runs next   %s the "
             "scenario line that called the API", ui->g->next,
             ui->g->caller);
    tui_put(ui, y++, x, w, A_NORMAL, line);
    tui_put(ui, y++, x, w, A_NORMAL, "hint: the complete schedules that "
            "follow a choice, and how they end");
    tui_put(ui, y, x, w, A_NORMAL, "[FREE]: the state word now; bold: its "
            "last move; dim history: to redo");
}

void tui_draw_keyline(struct tui *ui, int y)
{
    char threads[64], text[64];
    const char *tail = " ? help  q quit ";
    int k, x = 1, limit = ui->cols - tui_width(tail);

    for (k = 0; k < TUI_NKEYS; k++) {
        const struct tui_key_entry *ke = &tui_keys[k];
        const char *keys = ke->brief_keys;
        int need;

        if (ke->brief == NULL || ke->fn == tui_key_help ||
            ke->fn == tui_key_quit)
            continue;
        if (keys == NULL) {
            tui_key_brief_threads(ui, threads, sizeof threads);
            keys = threads;
        }
        keys = tui_key_text(ui, keys, text, sizeof text);
        need = tui_width(keys) + 1 + tui_width(ke->brief) + 2;
        if (x + need > limit)
            break;
        x += tui_put(ui, y, x, limit - x, tui_attr(ui, TUI_R_KEY), keys);
        x += tui_put(ui, y, x, limit - x, A_NORMAL, " ");
        x += tui_put(ui, y, x, limit - x, A_NORMAL, ke->brief);
        x += tui_put(ui, y, x, limit - x, A_NORMAL, "  ");
    }
    x = limit;
    x += tui_put(ui, y, x, 2, tui_attr(ui, TUI_R_KEY), " ?");
    x += tui_put(ui, y, x, 6, A_NORMAL, " help ");
    x += tui_put(ui, y, x, 2, tui_attr(ui, TUI_R_KEY), " q");
    tui_put(ui, y, x, 6, A_NORMAL, " quit");
}
