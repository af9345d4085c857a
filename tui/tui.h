/* tui.h: the TUI's modules and the state they share (evsim tui). */
#ifndef EVSIM_TUI_H
#define EVSIM_TUI_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "explore.h"

/*
 * The TUI is a thin view over the engine: everything on the screen is drawn
 * from the engine's public state (sim/engine.h), the search's state graph
 * (sim/explore.h) and the session's list of steps, from scratch on every
 * frame (kilo style: no screen state survives a frame except what curses
 * diffs for us).  Modules, one concern each:
 *
 *   tui-main.c     `evsim tui`: options, checks, the event loop
 *   tui-session.c  the session: engine + search + schedule; step, undo, redo,
 *                  random run, shortest counterexample, load, save (no curses)
 *   tui-words.c    what a thread is doing and about to do, in words (no curses)
 *   tui-source.c   windows onto the embedded sources (no curses)
 *   tui-term.c     the terminal: start, restore on every exit, colours, glyphs
 *   tui-draw.c     the frame: layout, bars, history, help, size message
 *   tui-column.c   one column per thread
 *   tui-panel.c    the shared state: state machine, kernel, variables, hints
 *   tui-keys.c     the key table (also the help screen), prompts, the mouse
 *
 * About the session's schedule: step[0..len) is one schedule from the
 * initial state, and pos of its steps are taken (the engine is in the state
 * after step[pos-1]).  Steps past pos are the redo list: undo moves pos back,
 * redo moves it forward, and stepping a thread other than step[pos].thread
 * cuts them off.  Every state the schedule passes through has an id in the
 * engine's state table (the same table the search filled, so the same ids
 * name the same states and the hints are a lookup), except the state after a
 * step that caused a violation: the engine leaves that one undefined, so it
 * is never captured; going there means restoring the state before it and
 * running the step again (the engine is deterministic).
 */

#define TUI_MIN_COLS 80                 /* below this: the size message */
#define TUI_MIN_ROWS 24
#define TUI_NO_STATE UINT32_MAX         /* a step that ended in a violation */
#define TUI_MAX_STEPS 100000            /* a schedule's length (as traces) */
#define TUI_RANDOM_LIMIT 10000          /* a random run stops after this */

/* One step of the session's schedule, and what the screen needs of it. */
struct tui_step {
    uint8_t thread;                     /* who ran */
    uint8_t pick_before;                /* the picked column before it */
    int8_t end;                         /* the execution ends after it: its
                                           outcome; -1 when it goes on */
    uint8_t how;                        /* enum tui_how: key, random... */
    uint32_t sid;                       /* state after it, or TUI_NO_STATE */
    unsigned word_before, word_after;   /* the state word around it */
    const char *caller_file;            /* the scenario's call into the API */
    int caller_line;                    /* it was inside, or 0 */
    struct evsim_step rec;              /* what the engine says it did */
    char end_message[200];              /* why it ended, when end >= 0 */
    char state[160];                    /* the state after it, as traces
                                           print it (cut) */
};

enum tui_how {                          /* how a step came to be taken */
    TUI_HOW_KEY,                        /* by hand */
    TUI_HOW_RANDOM,                     /* by a random run */
    TUI_HOW_SHORTEST,                   /* by the shortest counterexample */
    TUI_HOW_TRACE                       /* from a loaded trace */
};

#define TUI_NUM 640                     /* digits of a count, and some */

/* Counts of complete schedules, per outcome, in decimal: the search's
 * counts outgrow 64 bits, and adding them as text leaves its pool alone. */
struct tui_counts {
    char n[EVSIM_N_OUTCOMES][TUI_NUM];
    char total[TUI_NUM];
    int leaf;                           /* the step itself ends the execution
                                           with this outcome, or -1 */
};

struct tui_session {
    struct evsim_config cfg;
    struct evsim_engine *e;             /* NULL when no session is open */
    struct explore_result r;            /* the exhaustive search, from root */
    struct tui_step *step;              /* the schedule */
    uint32_t len, cap, pos;
    int root_end;                       /* outcome of the initial state when
                                           nothing can run there, else -1 */
    char root_message[200];
};

/* ---- tui-session.c ---- */

/* Open a session for cfg: the engine, the exhaustive search from its
 * initial state (progress on stderr when `progress`), an empty schedule.
 * Returns 0, or -1 with err. */
int tui_session_open(struct tui_session *s, const struct evsim_config *cfg,
                     int progress, char *err, size_t errlen);
void tui_session_close(struct tui_session *s);
/* The state id of the current state; TUI_NO_STATE after a violation. */
uint32_t tui_session_sid(const struct tui_session *s);
/* How the execution ends in the current state, or -1 when it goes on; the
 * reason in *why (never NULL). */
int tui_session_end(const struct tui_session *s, const char **why);
/* Step thread t.  Redoes step[pos] if it is the same thread, else cuts off
 * the redo list.  Returns 0, or -1 with the reason in why (the thread
 * cannot run, the execution has ended, the schedule is full). */
int tui_session_step(struct tui_session *s, int t, int pick, int how,
                     char *why, size_t n);
/* Go to the state after `pos` steps of the schedule (0 <= pos <= len). */
void tui_session_goto(struct tui_session *s, uint32_t pos);
/* The earlier position whose state the current one repeats (a loop: the
 * steps since can repeat forever), or UINT32_MAX. */
uint32_t tui_session_repeat(const struct tui_session *s);
/* Cut the redo list off. */
void tui_session_truncate(struct tui_session *s);
/* Run to the end on a random schedule drawn from `seed`; returns the steps
 * taken (TUI_RANDOM_LIMIT when it had to stop).  Like the shortest
 * counterexample and a loaded trace, each step records as the picked column
 * the thread it runs, so that Enter walks the same schedule again. */
uint32_t tui_session_random(struct tui_session *s, uint64_t seed);
/* Put the shortest schedule from here to a violation in the redo list
 * (the current position stays).  Returns the outcome, or -1 if none is
 * reachable (or the execution has ended).  From the initial state, when no
 * execution ends in a violation but one can loop forever, the search's
 * shortest livelock (EVSIM_LIVELOCK). */
int tui_session_shortest(struct tui_session *s);
/* The hint for thread t here: schedules that start by stepping t, per
 * outcome, and *leaf >= 0 when that step itself ends the execution with
 * that outcome.  Returns 0, or -1 when t cannot run or there is no state. */
int tui_session_hint(const struct tui_session *s, int t,
                     bigref count[EVSIM_N_OUTCOMES], int *leaf);
/* The schedules that start by stepping thread t here, or with t = -1 every
 * schedule from here (the sum of the hints; 1 of its outcome when the
 * execution has ended).  Returns 0, or -1 when there are none to count:
 * t cannot run, or the state is the undefined one after a violation. */
int tui_session_counts(const struct tui_session *s, int t,
                       struct tui_counts *c);
/*
 * Load the trace at path: check it replays exactly (as evsim replay does),
 * then make it the session (a new one if its variant or scenario differ),
 * at step 0 with its steps to redo.  Returns 0; or -1 with err, the
 * session unchanged.
 */
int tui_session_load(struct tui_session *s, const char *path, char *err,
                     size_t errlen);
/* Write steps 1..pos as a trace to path (the end line when the execution
 * has ended there, or "livelock K" when its state repeats step K's).  Fails if the file exists, unless `overwrite`; *exists
 * is set then.  Returns 0, or -1 with err. */
int tui_session_save(struct tui_session *s, const char *path, int overwrite,
                     int *exists, char *err, size_t errlen);
/* The end of the schedule as the screen shows it: the redo list is shown
 * as far as it was not made by hand (a trace, a random run, a shortest
 * counterexample: a script to walk), so that undoing a step by hand gives
 * back exactly the screen before it; redo still reaches every step. */
uint32_t tui_session_shown(const struct tui_session *s);
/* The picked column after a move: p if t can run, else the next that can. */
int tui_session_next_pick(const struct tui_session *s, int p);

/* ---- tui-words.c ---- */

/* What thread t does next, in words, with the values it will see when the
 * memory model lets us say ("atomic_xchg ev.value: FREE -> SET"). */
void tui_words_next(const struct evsim_engine *e, int t, const char *arrow,
                    char *buf, size_t n);
/* Its status ("runnable", "blocked in WaitForSingleObject on ev.event"). */
void tui_words_status(const struct evsim_engine *e, int t, char *buf,
                      size_t n);
/* What a sleeper waits on ("ev.event") and who can wake it ("SetEvent"). */
void tui_words_sleep(const struct evsim_engine *e, int t, char *on, size_t n1,
                     char *waker, size_t n2);
/* A step for the history: "atomic_read(&cond) -> 0". */
void tui_words_step(const struct evsim_engine *e, const struct tui_step *st,
                    const char *arrow, char *buf, size_t n);
/* The counts as "all pass" / "pass 3, lost-wakeup 2". */
void tui_words_counts(const struct tui_counts *c, char *buf, size_t n);
/* A count short enough to read: as is up to 12 digits, else "1.7e29". */
void tui_words_num(const char *num, char *buf, size_t n);
/* "impl/win32-2015.c" -> "win32-2015.c". */
const char *tui_words_base(const char *path);

/* ---- tui-source.c ---- */

/* A line of a source window. */
struct tui_src_line {
    const char *text;                   /* into the embedded source */
    int len;                            /* bytes, without the newline */
    int lineno;                         /* 1-based */
    int folded;                         /* a comment of this many lines,
                                           shown as its first */
};

#define TUI_SRC_MAX 128                 /* lines in one window at most */

/*
 * A window of at most `rows` lines of `path` (an embedded source, by its
 * __FILE__ name) around line `line` (in the window's middle when `middle`,
 * else in its upper third), kept inside the function that holds it; long
 * comments are folded or left out when the function does not fit.  *hl is
 * the index of `line` in out[] (-1 if not shown), *indent the indentation
 * common to the lines shown, fn the function's name.  Returns the number of
 * lines (0 when the source is not embedded).
 */
int tui_source_window(const char *path, int line, int rows, int middle,
                      struct tui_src_line *out, int *hl, int *indent,
                      char *fn, size_t fnlen);
/* Forget the line tables (at exit). */
void tui_source_free(void);

/* ---- tui-term.c ---- */

/* The characters the screen is drawn with: Unicode or plain ASCII. */
struct tui_glyphs {
    const char *h, *v, *tl, *tr, *bl, *br, *lt, *rt;  /* box */
    const char *hh, *vv, *htl, *htr, *hbl, *hbr;      /* picked column */
    const char *arrow;                  /* "->" in text */
    const char *next;                   /* the line a thread runs next */
    const char *caller;                 /* its call in the scenario */
    const char *current;                /* the current history step */
    const char *dot;                    /* separator " . " */
    const char *ellipsis;
    const char *ge;                     /* "at least" */
    const char *left, *right;           /* more columns that way */
    /* the state machine: - | > ^ v L J in its template */
    const char *sm_h, *sm_v, *sm_r, *sm_u, *sm_d, *sm_bl, *sm_br;
};

/* What a piece of text is: tui_attr() turns it into curses attributes. */
enum tui_role {
    TUI_R_NORMAL,
    TUI_R_BAR,                          /* the status bar */
    TUI_R_LABEL,                        /* "seed.c . seed_waiter" */
    TUI_R_NEXT,                         /* the line a thread runs next */
    TUI_R_NEXT_BLOCKED,                 /* ... when it cannot run */
    TUI_R_CALLER,                       /* the scenario line it is inside */
    TUI_R_DIM,                          /* redo list, context */
    TUI_R_ERROR,                        /* violations, refusals */
    TUI_R_GOOD,                         /* pass */
    TUI_R_PICK,                         /* the picked column's border */
    TUI_R_NODE,                         /* the state word's current node */
    TUI_R_ARROW,                        /* its last transition */
    TUI_R_KEY,                          /* a key in the help */
    TUI_R_CURRENT,                      /* the current history line */
    TUI_N_ROLES
};

struct tui;

/* Take the terminal: curses on, stderr kept aside, handlers that give the
 * terminal back on any exit.  Returns 0, or -1 with err. */
int tui_term_start(struct tui *ui, char *err, size_t errlen);
/* Give the terminal back (idempotent; also run at exit and on signals);
 * then replay what was written to stderr meanwhile. */
void tui_term_stop(void);
/* Then free what curses holds (not from a signal handler). */
void tui_term_free(void);
int tui_attr(const struct tui *ui, enum tui_role role);

/* ---- tui-draw.c, tui-column.c, tui-panel.c ---- */

/* Where the last frame put things, for the mouse. */
struct tui_layout {
    int col_x[EVSIM_MAX_THREADS], col_w[EVSIM_MAX_THREADS]; /* w 0: hidden */
    int main_y, main_h;                 /* the columns' rows */
    int hist_y, hist_h;                 /* the history's lines */
    uint32_t hist_first;                /* step shown on hist_y (0: start) */
    int small;                          /* the size message is up */
};

void tui_draw(struct tui *ui);
/* Put text at (y, x), at most w columns, cut with an ellipsis. Returns the
 * columns used. */
int tui_put(struct tui *ui, int y, int x, int w, int attr, const char *s);
/* A box, with a title on its top border. */
void tui_box(struct tui *ui, int y, int x, int h, int w, int picked,
             int attr, const char *title, int title_attr);
/* Columns a UTF-8 string takes. */
int tui_width(const char *s);
void tui_draw_column(struct tui *ui, int t, int y, int x, int h, int w);
void tui_draw_panel(struct tui *ui, int y, int x, int h, int w);

/* ---- tui-keys.c ---- */

enum tui_ask {                          /* what the prompt asks for */
    TUI_ASK_NONE,
    TUI_ASK_OPEN,                       /* a trace to load */
    TUI_ASK_SAVE,                       /* where to save */
    TUI_ASK_OVERWRITE,                  /* y/n: replace an existing file */
    TUI_ASK_SEED                        /* a random run's seed */
};

/* Handle one key (or KEY_MOUSE, KEY_RESIZE). */
void tui_key(struct tui *ui, int key);
/* One tick of the player (called when no key came in time). */
void tui_tick(struct tui *ui);
/* The help screen, drawn from the key table. */
void tui_draw_help(struct tui *ui);
/* The short key line at the bottom. */
void tui_draw_keyline(struct tui *ui, int y);

enum tui_msg { TUI_MSG_INFO, TUI_MSG_GOOD, TUI_MSG_ERROR };

/* The whole TUI. */
struct tui {
    struct tui_session s;
    int pick;                           /* the picked thread */
    int hints;                          /* hints shown */
    int help;                           /* the help screen is up */
    int playing;                        /* the player is running */
    int quit;
    uint64_t seed;                      /* the next random run's seed */
    char msg[400];                      /* the message line */
    int msg_kind;                       /* enum tui_msg */
    int ask;                            /* enum tui_ask */
    char input[512];                    /* what was typed at the prompt */
    char pending[512];                  /* the file an overwrite is about */
    char last_path[512];                /* last trace opened or saved */
    int colour;                         /* colours in use */
    const struct tui_glyphs *g;
    int attr[TUI_N_ROLES];
    int rows, cols;
    struct tui_layout lay;
};

/* Set the message line (printf-like). */
void tui_say(struct tui *ui, int kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* EVSIM_TUI_H */
