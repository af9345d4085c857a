/* tui-term.c: the terminal: curses on and off, given back on every exit, colours and glyphs. */

/*
 * Every way out gives the terminal back: the normal quit, exit() from
 * anywhere (atexit), and the signals that end a process (a handler that
 * restores, then re-raises the signal with its default action, so the exit
 * status still says what happened: Ctrl-C, a failed assert()'s abort, a
 * crash).  While curses owns the screen, standard error goes to a temporary
 * file, since anything written there would land on the alternate screen
 * and vanish with it; when the terminal is given back, the file is copied
 * to the real standard error.  The restore path uses only dup2, read, write
 * and endwin, so that it can run from a signal handler.
 *
 * Colours are used when the terminal has them and NO_COLOR is unset or
 * empty (no-color.org); without them every role falls back to a plain
 * attribute, and everything that matters is also in the text (markers,
 * words), so the screen reads the same in monochrome.  Box and arrow
 * characters are Unicode when the locale's character set is UTF-8, else
 * ASCII.
 */
#include "tui.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct tui_glyphs tui_glyphs_utf8 = {
    .h = "─", .v = "│", .tl = "┌", .tr = "┐", .bl = "└", .br = "┘",
    .lt = "├", .rt = "┤",
    .hh = "═", .vv = "║", .htl = "╔", .htr = "╗", .hbl = "╚", .hbr = "╝",
    .arrow = "→", .next = "▶", .caller = "▷", .current = "▶",
    .dot = " · ", .ellipsis = "…", .ge = "≥", .left = "◀", .right = "▶",
    .sm_h = "─", .sm_v = "│", .sm_r = "▶", .sm_u = "▲", .sm_d = "▼",
    .sm_bl = "└", .sm_br = "┘",
};

static const struct tui_glyphs tui_glyphs_ascii = {
    .h = "-", .v = "|", .tl = "+", .tr = "+", .bl = "+", .br = "+",
    .lt = "+", .rt = "+",
    .hh = "=", .vv = "#", .htl = "#", .htr = "#", .hbl = "#", .hbr = "#",
    .arrow = "->", .next = ">", .caller = "=", .current = ">",
    .dot = " - ", .ellipsis = "~", .ge = ">=", .left = "<", .right = ">",
    .sm_h = "-", .sm_v = "|", .sm_r = ">", .sm_u = "^", .sm_d = "v",
    .sm_bl = "+", .sm_br = "+",
};

static SCREEN *tui_term_screen;
static volatile sig_atomic_t tui_term_active;  /* curses owns the screen */
static int tui_term_err_saved = -1;             /* the real stderr */
static int tui_term_err_tmp = -1;               /* stderr meanwhile */
static int tui_term_hooked;

static const int tui_term_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE,
    SIGPIPE,
};

void tui_term_stop(void)
{
    char buf[4096];
    ssize_t r;

    if (tui_term_active) {
        tui_term_active = 0;
        endwin();
    }
    if (tui_term_err_saved >= 0) {
        dup2(tui_term_err_saved, STDERR_FILENO);
        close(tui_term_err_saved);
        tui_term_err_saved = -1;
        if (lseek(tui_term_err_tmp, 0, SEEK_SET) == 0)
            while ((r = read(tui_term_err_tmp, buf, sizeof buf)) > 0)
                if (write(STDERR_FILENO, buf, (size_t)r) != r)
                    break;
        close(tui_term_err_tmp);
        tui_term_err_tmp = -1;
    }
}

static void tui_term_signal(int sig)
{
    tui_term_stop();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void tui_term_atexit(void)
{
    tui_term_stop();
}

/* Curses' own memory, once the terminal is back (not from a handler). */
void tui_term_free(void)
{
    tui_term_stop();
    if (tui_term_screen != NULL) {
        delscreen(tui_term_screen);
        tui_term_screen = NULL;
    }
}

static void tui_term_colours(struct tui *ui)
{
    const char *no = getenv("NO_COLOR");
    int *a = ui->attr;

    ui->colour = has_colors() && (no == NULL || no[0] == '\0');
    memset(ui->attr, 0, sizeof ui->attr);
    a[TUI_R_BAR] = A_REVERSE;
    a[TUI_R_DIM] = A_DIM;
    a[TUI_R_KEY] = A_BOLD;
    a[TUI_R_CURRENT] = A_REVERSE;
    a[TUI_R_NODE] = A_REVERSE | A_BOLD;
    if (!ui->colour) {
        a[TUI_R_LABEL] = A_BOLD;
        a[TUI_R_NEXT] = A_REVERSE;
        a[TUI_R_NEXT_BLOCKED] = A_REVERSE | A_BOLD;
        a[TUI_R_CALLER] = A_UNDERLINE;
        a[TUI_R_ERROR] = A_BOLD;
        a[TUI_R_PICK] = A_BOLD;
        a[TUI_R_ARROW] = A_BOLD;
        return;
    }
    start_color();
    use_default_colors();
    init_pair(1, COLOR_RED, -1);
    init_pair(2, COLOR_GREEN, -1);
    init_pair(3, COLOR_BLACK, COLOR_CYAN);
    init_pair(4, COLOR_WHITE, COLOR_RED);
    init_pair(5, COLOR_YELLOW, -1);
    init_pair(6, COLOR_CYAN, -1);
    a[TUI_R_ERROR] = COLOR_PAIR(1) | A_BOLD;
    a[TUI_R_GOOD] = COLOR_PAIR(2);
    a[TUI_R_NEXT] = COLOR_PAIR(3) | A_BOLD;
    a[TUI_R_NEXT_BLOCKED] = COLOR_PAIR(4) | A_BOLD;
    a[TUI_R_CALLER] = COLOR_PAIR(5);
    a[TUI_R_PICK] = COLOR_PAIR(5) | A_BOLD;
    a[TUI_R_LABEL] = COLOR_PAIR(6);
    a[TUI_R_ARROW] = COLOR_PAIR(2) | A_BOLD;
}

int tui_term_start(struct tui *ui, char *err, size_t errlen)
{
    const char *cs = nl_langinfo(CODESET);
    FILE *tmp;
    size_t k;

    ui->g = strcmp(cs, "UTF-8") == 0 ? &tui_glyphs_utf8 : &tui_glyphs_ascii;
    tui_term_screen = newterm(NULL, stdout, stdin);
    if (tui_term_screen == NULL) {
        snprintf(err, errlen, "cannot drive this terminal (TERM=%s)",
                 getenv("TERM") ? getenv("TERM") : "unset");
        return -1;
    }
    set_term(tui_term_screen);
    tui_term_active = 1;
    if (!tui_term_hooked) {
        atexit(tui_term_atexit);
        for (k = 0; k < sizeof tui_term_signals / sizeof tui_term_signals[0];
             k++)
            signal(tui_term_signals[k], tui_term_signal);
        tui_term_hooked = 1;
    }
    tmp = tmpfile();
    if (tmp != NULL) {
        tui_term_err_tmp = dup(fileno(tmp));
        fclose(tmp);
        tui_term_err_saved = dup(STDERR_FILENO);
        if (tui_term_err_tmp < 0 || tui_term_err_saved < 0 ||
            dup2(tui_term_err_tmp, STDERR_FILENO) < 0) {
            if (tui_term_err_saved >= 0)
                close(tui_term_err_saved);
            if (tui_term_err_tmp >= 0)
                close(tui_term_err_tmp);
            tui_term_err_saved = tui_term_err_tmp = -1;
        }
    }
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
    mouseinterval(0);
    tui_term_colours(ui);
    return 0;
}

int tui_attr(const struct tui *ui, enum tui_role role)
{
    return ui->attr[role];
}
