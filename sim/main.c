/* main.c: the evsim command: list, check, replay (and tui when built in). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "engine.h"
#include "explore.h"
#include "registry.h"
#include "regress.h"
#include "report.h"
#include "trace.h"

#define EXIT_PASS 0
#define EXIT_VIOLATION 1
#define EXIT_USAGE 2
#define EXIT_INCOMPLETE 3

static const char main_usage[] =
    "usage: evsim COMMAND [OPTIONS]\n"
    "\n"
    "Run QEMU's QemuEvent algorithms (impl/) under a deterministic scheduler\n"
    "and check every interleaving of a scenario's threads.\n"
    "\n"
    "commands:\n"
    "  list                      variants, scenarios and memory models\n"
    "  check --variant V --scenario S [--stateless] [--max-steps N]\n"
    "        [--max-states N] [--trace-dir DIR] [--memory M] [--spurious[=N]]\n"
    "                            explore every schedule, report, write the\n"
    "                            shortest counterexample of each kind\n"
    "  check --all [--expected FILE] [--trace-dir DIR] [--update NEW]\n"
    "                            every row of the table of expected verdicts\n"
    "  replay FILE               re-run a trace, verify it, narrate it\n"
    "%s"
    "\n"
    "exit status: 0 no violation, 1 violation found (or, for replay, the\n"
    "trace does not match), 2 usage or input error, 3 search incomplete.\n"
    "'evsim COMMAND --help' describes a command.\n";

static const char check_usage[] =
    "usage: evsim check --variant V --scenario S [OPTIONS]\n"
    "       evsim check --all [--expected FILE] [--trace-dir DIR] [--update NEW]\n"
    "\n"
    "Explore every interleaving of scenario S running variant V, stopping\n"
    "the threads at every atomic operation and kernel call.\n"
    "\n"
    "  --variant V      an algorithm of impl/ (see evsim list)\n"
    "  --scenario S     seed, broadcast:W, rcu:P,K or resetters:W,N\n"
    "  --stateless      enumerate schedules one by one, no state table\n"
    "                   (slow; cross-checks the interleavings count)\n"
    "  --max-steps N    cut schedules longer than N steps (exit 3 if any)\n"
    "  --max-states N   give up after N distinct states (stateless: after N\n"
    "                   visited), exit 3; default 20000000, about 4 GB\n"
    "  --trace-dir DIR  where counterexamples go (default: evsim-out)\n"
    "  --memory M       memory model (default: sc)\n"
    "  --spurious[=N]   futex, WaitOnAddress and condvar waits may return\n"
    "                   without a wake, up to N times per thread (default 1,\n"
    "                   at most 3)\n"
    "\n"
    "Prints the verdict, the number of complete interleavings (maximal\n"
    "schedules, per outcome), distinct states, transitions, the deepest\n"
    "schedule and the time taken, and for each kind of violation found the\n"
    "file holding its shortest counterexample.  An existing file is never\n"
    "overwritten: a different trace of the same name gets a -2, -3... suffix.\n"
    "\n"
    "--all runs every row of the table (default traces/expected.tsv), prints\n"
    "one line per row and a variant x scenario matrix, marks what differs,\n"
    "and exits 1 if anything does (or a variant has no row).  --trace-dir\n"
    "writes the counterexamples of all rows; --update writes the table with\n"
    "the values found to a new file, for review.\n";

static const char replay_usage[] =
    "usage: evsim replay FILE\n"
    "\n"
    "Re-execute the schedule recorded in FILE (written by evsim check or the\n"
    "TUI), check every recorded operation, result and state, and print the\n"
    "steps as a narration.  The first difference is an error naming its\n"
    "line.  Exit 0 when the trace replays exactly, 1 when it does not match,\n"
    "2 when it cannot be read.\n";

static const char list_usage[] =
    "usage: evsim list\n"
    "\n"
    "List the variants (impl/), scenarios and memory models evsim knows.\n";

static int main_list(int argc, char **argv)
{
    int i;

    if (argc > 1) {
        if (cli_is_help(argv[1])) {
            fputs(list_usage, stdout);
            return EXIT_PASS;
        }
        fprintf(stderr, "evsim list: unexpected argument '%s'\n", argv[1]);
        return EXIT_USAGE;
    }
    printf("variants:\n");
    for (i = 0; i < evsim_nvariants; i++) {
        const struct evsim_variant *v = &evsim_variants[i];

        if (v->base != NULL)
            continue;
        printf("  %-28s %s\n", v->name, v->summary);
    }
    for (i = 0; i < evsim_nvariants; i++)
        if (evsim_variants[i].base != NULL)
            break;
    if (i < evsim_nvariants) {
        printf("mutants:\n");
        for (; i < evsim_nvariants; i++) {
            const struct evsim_variant *v = &evsim_variants[i];

            if (v->base != NULL)
                printf("  %-28s %s\n", v->name, v->summary);
        }
    }
    printf("scenarios:\n");
    for (i = 0; evsim_scenarios[i] != NULL; i++)
        printf("  %-28s %s\n", evsim_scenarios[i]->usage,
               evsim_scenarios[i]->summary);
    printf("memory models:\n");
    for (i = 0; mem_models[i] != NULL; i++)
        printf("  %-28s %s\n", mem_models[i]->name, mem_models[i]->summary);
    return EXIT_PASS;
}

static int main_check(int argc, char **argv)
{
    const char *variant = NULL, *scenario = NULL, *dir = "evsim-out";
    const char *memory = "sc", *expected = "traces/expected.tsv";
    const char *update = NULL;
    int all = 0, dir_given = 0;
    struct explore_opts opts;
    struct explore_result r;
    struct evsim_config cfg;
    struct evsim_engine *e;
    char err[256], sc[64], num[2048];
    uint32_t max_steps = 0, max_states = 20000000;
    int i, o, any = 0, rc;

    memset(&opts, 0, sizeof opts);
    memset(&cfg, 0, sizeof cfg);
    for (i = 1; i < argc; i++) {
        const char *val;

        if (cli_is_help(argv[i])) {
            fputs(check_usage, stdout);
            return EXIT_PASS;
        } else if (cli_option(argc, argv, &i, "--variant", &val)) {
            variant = val;
        } else if (cli_option(argc, argv, &i, "--scenario", &val)) {
            scenario = val;
        } else if (cli_option(argc, argv, &i, "--trace-dir", &val)) {
            dir = val;
            dir_given = 1;
        } else if (cli_option(argc, argv, &i, "--expected", &val)) {
            expected = val;
        } else if (cli_option(argc, argv, &i, "--update", &val)) {
            update = val;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else if (cli_option(argc, argv, &i, "--memory", &val)) {
            memory = val;
        } else if (cli_option(argc, argv, &i, "--max-steps", &val)) {
            if (cli_uint(val, 1, TRACE_MAX_STEPS, &max_steps) != 0) {
                fprintf(stderr, "evsim check: --max-steps wants a number "
                        "from 1 to %d, not '%s'\n", TRACE_MAX_STEPS, val);
                return EXIT_USAGE;
            }
        } else if (cli_option(argc, argv, &i, "--max-states", &val)) {
            if (cli_uint(val, 1, 1000000000, &max_states) != 0) {
                fprintf(stderr, "evsim check: --max-states wants a number "
                        "from 1 to 1000000000, not '%s'\n", val);
                return EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--stateless") == 0) {
            opts.stateless = 1;
        } else if (strcmp(argv[i], "--spurious") == 0) {
            cfg.spurious = 1;
        } else if (strncmp(argv[i], "--spurious=", 11) == 0) {
            uint32_t n;

            if (cli_uint(argv[i] + 11, 1, 3, &n) != 0) {
                fprintf(stderr, "evsim check: --spurious=N wants N from 1 "
                        "to 3, not '%s'\n", argv[i] + 11);
                return EXIT_USAGE;
            }
            cfg.spurious = (int)n;
        } else if (cli_missing_value(argv[i])) {
            fprintf(stderr, "evsim check: %s needs a value\n", argv[i]);
            return EXIT_USAGE;
        } else {
            fprintf(stderr, "evsim check: unknown argument '%s' (evsim "
                    "check --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (all) {
        if (variant != NULL || scenario != NULL || opts.stateless ||
            max_steps != 0 || max_states != 20000000 || cfg.spurious != 0) {
            fprintf(stderr, "evsim check: --all takes its variants, "
                    "scenarios and options from the table\n");
            return EXIT_USAGE;
        }
        return regress_run(expected, dir_given ? dir : NULL, update,
                           stdout);
    }
    if (expected != NULL && strcmp(expected, "traces/expected.tsv") != 0) {
        fprintf(stderr, "evsim check: --expected goes with --all\n");
        return EXIT_USAGE;
    }
    if (update != NULL) {
        fprintf(stderr, "evsim check: --update goes with --all\n");
        return EXIT_USAGE;
    }
    if (variant == NULL || scenario == NULL) {
        fprintf(stderr, "evsim check: --variant and --scenario are required "
                "(evsim list shows them)\n");
        return EXIT_USAGE;
    }
    cfg.variant = variant_find(variant);
    if (cfg.variant == NULL) {
        fprintf(stderr, "evsim check: unknown variant '%s' (evsim list shows "
                "them)\n", variant);
        return EXIT_USAGE;
    }
    if (scenario_parse(scenario, &cfg.scenario, cfg.params, err,
                       sizeof err) != 0) {
        fprintf(stderr, "evsim check: %s\n", err);
        return EXIT_USAGE;
    }
    cfg.memmodel = mem_find(memory);
    if (cfg.memmodel == NULL) {
        fprintf(stderr, "evsim check: unknown memory model '%s' (evsim list "
                "shows them)\n", memory);
        return EXIT_USAGE;
    }
    opts.max_steps = max_steps;
    opts.max_states = max_states;
    opts.progress = isatty(STDERR_FILENO);
    e = calloc(1, sizeof *e);
    if (e == NULL || engine_open(e, &cfg, err, sizeof err) != 0) {
        fprintf(stderr, "evsim check: %s\n", e ? err : "out of memory");
        free(e);
        return EXIT_USAGE;
    }
    explore_run(e, &opts, &r);

    scenario_format(cfg.scenario, cfg.params, sc, sizeof sc);
    printf("evsim check: %s on %s, memory model %s, %s search%s\n",
           cfg.variant->name, sc, cfg.memmodel->name,
           opts.stateless ? "stateless" : "stateful",
           cfg.spurious ? ", spurious wakeups" : "");
    if (cfg.spurious > 1)
        printf("(up to %d spurious wakeups per thread)\n", cfg.spurious);
    for (o = 1; o < EVSIM_N_OUTCOMES; o++)
        if (r.found[o] && o != EVSIM_BOUND)
            any = 1;
    if (any) {
        printf("verdict        VIOLATION:");
        for (o = 1, i = 0; o < EVSIM_N_OUTCOMES; o++)
            if (r.found[o] && o != EVSIM_BOUND)
                printf("%s %s", i++ ? "," : "", evsim_outcome_title(o));
        printf("\n");
    } else if (r.stopped) {
        printf("verdict        incomplete: no violation in the first %u "
               "states (--max-states)\n", max_states);
    } else if (r.found[EVSIM_BOUND]) {
        printf("verdict        incomplete: no violation within %u steps, "
               "but some schedules are longer\n", max_steps);
    } else {
        printf("verdict        pass: no violation in any interleaving\n");
    }
    if (r.stopped)
        snprintf(num, sizeof num, "unknown: the search stopped after %u "
                 "states", max_states);
    else
        report_counts(&r, num, sizeof num);
    printf("interleavings  %s\n", num);
    if (opts.stateless)
        printf("states         %llu visited (no state table)\n",
               (unsigned long long)r.states);
    else
        printf("states         %llu distinct\n",
               (unsigned long long)r.states);
    printf("transitions    %llu\n", (unsigned long long)r.transitions);
    if (r.stopped)
        printf("deepest        unknown\n");
    else
        printf("deepest        %u steps\n", r.deepest);
    printf("time           %.3f s\n", r.seconds);
    rc = any ? EXIT_VIOLATION
         : r.found[EVSIM_BOUND] || r.stopped ? EXIT_INCOMPLETE : EXIT_PASS;
    if (any || r.found[EVSIM_BOUND]) {
        if (report_mkdir(dir) != 0) {
            rc = EXIT_USAGE;
            goto out;
        }
        printf("counterexamples:\n");
        for (o = 1; o < EVSIM_N_OUTCOMES; o++)
            if (r.found[o]) {
                char path[700];

                if (report_write_trace(e, &r, o, dir, path,
                                       sizeof path) != 0) {
                    rc = EXIT_USAGE;
                    continue;
                }
                printf("  %-20s shortest: %u steps, trace in %s\n",
                       evsim_outcome_title(o), r.shortest[o].len, path);
            }
    }
out:
    explore_result_free(&r);
    engine_close(e);
    free(e);
    fflush(stdout);
    return rc;
}

static int main_replay(int argc, char **argv)
{
    struct trace tr;
    char err[512];
    int rc;

    if (argc == 2 && cli_is_help(argv[1])) {
        fputs(replay_usage, stdout);
        return EXIT_PASS;
    }
    if (argc != 2) {
        fprintf(stderr, "evsim replay: expected one trace file (evsim replay "
                "--help)\n");
        return EXIT_USAGE;
    }
    if (trace_read(argv[1], &tr, err, sizeof err) != 0) {
        fprintf(stderr, "evsim replay: %s\n", err);
        return EXIT_USAGE;
    }
    rc = trace_replay(&tr, argv[1], stdout, err, sizeof err);
    trace_free(&tr);
    fflush(stdout);
    if (rc != 0) {
        fprintf(stderr, "evsim replay: %s\n", err);
        return rc == 1 ? EXIT_VIOLATION : EXIT_USAGE;
    }
    return EXIT_PASS;
}

int main(int argc, char **argv)
{
    const char *tui_line = cli_tui_usage();

    if (argc < 2) {
        fprintf(stderr, main_usage, tui_line);
        return EXIT_USAGE;
    }
    if (cli_is_help(argv[1])) {
        printf(main_usage, tui_line);
        return EXIT_PASS;
    }
    if (strcmp(argv[1], "list") == 0)
        return main_list(argc - 1, argv + 1);
    if (strcmp(argv[1], "check") == 0)
        return main_check(argc - 1, argv + 1);
    if (strcmp(argv[1], "replay") == 0)
        return main_replay(argc - 1, argv + 1);
    if (strcmp(argv[1], "tui") == 0)
        return cli_tui(argc - 1, argv + 1);
    fprintf(stderr, "evsim: unknown command '%s' (evsim --help)\n", argv[1]);
    return EXIT_USAGE;
}
