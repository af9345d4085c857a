/* tui-main.c: `evsim tui`: its options, the checks before curses, and the event loop. */
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "registry.h"

#define TUI_PLAY_MS 150                 /* the player's pace, per step */

static const char tui_usage[] =
    "usage: evsim tui [--variant V] [--scenario S] [--trace FILE] [--seed N]\n"
    "\n"
    "Step through the schedules of scenario S running variant V by hand:\n"
    "pick which thread runs next, undo and redo, and see what the exhaustive\n"
    "search says about every choice.  With no options: the reference\n"
    "email's case, win32-2015 on seed.\n"
    "\n"
    "  --variant V      an algorithm of impl/ (default win32-2015)\n"
    "  --scenario S     seed, broadcast:W, rcu:P,K or resetters:W,N\n"
    "                   (default seed)\n"
    "  --trace FILE     open a trace (evsim check's counterexamples, or one\n"
    "                   saved here) at its first step; it names its own\n"
    "                   variant and scenario\n"
    "  --seed N         the first random run's seed (default 1; each run\n"
    "                   takes the next)\n"
    "\n"
    "Keys: a letter or number steps that thread, u undoes, U redoes, v plays\n"
    "the shortest counterexample from here, ? shows them all, q quits.\n"
    "Needs a terminal of at least 80x24.  Exit status 0, or 2 for a usage\n"
    "or input error (also when standard input or output is not a\n"
    "terminal).\n";

const char *cli_tui_usage(void)
{
    return "  tui [--variant V] [--scenario S] [--trace FILE] [--seed N]\n"
           "                            step through schedules by hand, undo,\n"
           "                            see where every choice leads\n";
}

/* The options, checked: 0, or 2 after a message on stderr. */
static int tui_main_options(int argc, char **argv, struct evsim_config *cfg,
                            const char **trace, uint64_t *seed, int *help)
{
    const char *variant = NULL, *scenario = NULL, *val;
    char err[256];
    int i;

    memset(cfg, 0, sizeof *cfg);
    *trace = NULL;
    *seed = 1;
    *help = 0;
    for (i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            *help = 1;
            return 0;
        } else if (cli_option(argc, argv, &i, "--variant", &val)) {
            variant = val;
        } else if (cli_option(argc, argv, &i, "--scenario", &val)) {
            scenario = val;
        } else if (cli_option(argc, argv, &i, "--trace", &val)) {
            *trace = val;
        } else if (cli_option(argc, argv, &i, "--seed", &val)) {
            char *end;

            errno = 0;
            *seed = strtoull(val, &end, 10);
            if (val[0] < '0' || val[0] > '9' || *end != '\0' || errno) {
                fprintf(stderr, "evsim tui: --seed wants a number from 0 to "
                        "18446744073709551615, not '%s'\n", val);
                return 2;
            }
        } else if (cli_missing_value(argv[i])) {
            fprintf(stderr, "evsim tui: %s needs a value\n", argv[i]);
            return 2;
        } else {
            fprintf(stderr, "evsim tui: unknown argument '%s' (evsim tui "
                    "--help)\n", argv[i]);
            return 2;
        }
    }
    if (*trace != NULL && (variant != NULL || scenario != NULL)) {
        fprintf(stderr, "evsim tui: a trace names its own variant and "
                "scenario: give --trace alone\n");
        return 2;
    }
    if (*trace != NULL)
        return 0;
    cfg->variant = variant_find(variant ? variant : "win32-2015");
    if (cfg->variant == NULL) {
        fprintf(stderr, "evsim tui: unknown variant '%s' (evsim list shows "
                "them)\n", variant);
        return 2;
    }
    if (scenario_parse(scenario ? scenario : "seed", &cfg->scenario,
                       cfg->params, err, sizeof err) != 0) {
        fprintf(stderr, "evsim tui: %s\n", err);
        return 2;
    }
    cfg->memmodel = mem_find("sc");
    return 0;
}

static void tui_main_loop(struct tui *ui)
{
    int key;

    while (!ui->quit) {
        tui_draw(ui);
        timeout(ui->playing ? TUI_PLAY_MS : -1);
        key = getch();
        if (key == ERR) {
            tui_tick(ui);
            continue;
        }
        tui_key(ui, key);
    }
}

int cli_tui(int argc, char **argv)
{
    struct evsim_config cfg;
    const char *trace;
    struct tui *ui;
    char err[600];
    uint64_t seed;
    int help, rc;

    rc = tui_main_options(argc, argv, &cfg, &trace, &seed, &help);
    if (rc != 0)
        return rc;
    if (help) {
        fputs(tui_usage, stdout);
        return 0;
    }
    ui = calloc(1, sizeof *ui);
    if (ui == NULL) {
        fprintf(stderr, "evsim tui: out of memory\n");
        return 2;
    }
    /* Everything the arguments name is checked before the terminal. */
    if (trace != NULL) {
        if (tui_session_load(&ui->s, trace, err, sizeof err) != 0) {
            fprintf(stderr, "evsim tui: %s\n", err);
            free(ui);
            return 2;
        }
        snprintf(ui->last_path, sizeof ui->last_path, "%s", trace);
        tui_say(ui, TUI_MSG_GOOD, "opened %s: %u steps at step 0; p plays "
                "them, j steps, End jumps to the end", trace, ui->s.len);
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "evsim tui: standard %s is not a terminal; the TUI "
                "needs one (in scripts use evsim check or evsim replay)\n",
                !isatty(STDIN_FILENO) ? "input" : "output");
        tui_session_close(&ui->s);
        free(ui);
        return 2;
    }
    setlocale(LC_ALL, "");
    if (trace == NULL &&
        tui_session_open(&ui->s, &cfg, isatty(STDERR_FILENO), err,
                         sizeof err) != 0) {
        fprintf(stderr, "evsim tui: %s\n", err);
        free(ui);
        return 2;
    }
    ui->hints = 1;
    ui->seed = seed;
    ui->pick = tui_session_next_pick(&ui->s, 0);
    if (ui->s.len > 0)
        ui->pick = ui->s.step[0].pick_before;
    if (tui_term_start(ui, err, sizeof err) != 0) {
        fprintf(stderr, "evsim tui: %s\n", err);
        tui_session_close(&ui->s);
        free(ui);
        return 2;
    }
    tui_main_loop(ui);
    tui_term_free();
    tui_session_close(&ui->s);
    tui_source_free();
    free(ui);
    return 0;
}
