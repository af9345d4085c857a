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
    "        [--trace-dir DIR] [--memory M] [--spurious]\n"
    "                            explore every schedule, report, write the\n"
    "                            shortest counterexample of each kind\n"
    "  replay FILE               re-run a trace, verify it, narrate it\n"
    "%s"
    "\n"
    "exit status: 0 no violation, 1 violation found (or, for replay, the\n"
    "trace does not match), 2 usage or input error, 3 search incomplete.\n"
    "'evsim COMMAND --help' describes a command.\n";

static const char check_usage[] =
    "usage: evsim check --variant V --scenario S [OPTIONS]\n"
    "\n"
    "Explore every interleaving of scenario S running variant V, stopping\n"
    "the threads at every atomic operation and kernel call.\n"
    "\n"
    "  --variant V      an algorithm of impl/ (see evsim list)\n"
    "  --scenario S     seed, broadcast:W, rcu:P,K or resetters:W,N\n"
    "  --stateless      enumerate schedules one by one, no state table\n"
    "                   (slow; cross-checks the interleavings count)\n"
    "  --max-steps N    cut schedules longer than N steps (exit 3 if any)\n"
    "  --trace-dir DIR  where counterexamples go (default: evsim-out)\n"
    "  --memory M       memory model (default: sc)\n"
    "  --spurious       futex, WaitOnAddress and condvar waits may return\n"
    "                   spuriously\n"
    "\n"
    "Prints the verdict, the number of complete interleavings (maximal\n"
    "schedules, per outcome), distinct states, transitions, the deepest\n"
    "schedule and the time taken, and for each kind of violation found the\n"
    "file holding its shortest counterexample.  An existing file is never\n"
    "overwritten: a different trace of the same name gets a -2, -3... suffix.\n";

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
        printf("  %-24s %s\n", v->name, v->summary);
    }
    for (i = 0; i < evsim_nvariants; i++)
        if (evsim_variants[i].base != NULL)
            break;
    if (i < evsim_nvariants) {
        printf("mutants:\n");
        for (; i < evsim_nvariants; i++) {
            const struct evsim_variant *v = &evsim_variants[i];

            if (v->base != NULL)
                printf("  %-24s %s\n", v->name, v->summary);
        }
    }
    printf("scenarios:\n");
    for (i = 0; evsim_scenarios[i] != NULL; i++)
        printf("  %-24s %s\n", evsim_scenarios[i]->usage,
               evsim_scenarios[i]->summary);
    printf("memory models:\n");
    for (i = 0; mem_models[i] != NULL; i++)
        printf("  %-24s %s\n", mem_models[i]->name, mem_models[i]->summary);
    return EXIT_PASS;
}

/* Write the trace for outcome o; print where it went. */
static int main_write_trace(struct evsim_engine *e,
                            const struct explore_result *r, int o,
                            const char *dir)
{
    char sc[64], base[512], path[600], *buf = NULL;
    size_t len = 0;
    FILE *mem;
    int k;

    scenario_format(e->cfg.scenario, e->cfg.params, sc, sizeof sc);
    for (k = 0; sc[k] != '\0'; k++)
        if (sc[k] == ':' || sc[k] == ',')
            sc[k] = '-';
    snprintf(base, sizeof base, "%s/%s.%s.%s%s", dir, e->cfg.variant->name,
             sc, evsim_outcome_name(o), e->cfg.spurious ? ".spurious" : "");
    mem = open_memstream(&buf, &len);
    if (mem == NULL)
        return -1;
    engine_restore(e, r->root);
    if (trace_write_schedule(mem, e, r->shortest[o].thread,
                             r->shortest[o].len, o,
                             r->shortest[o].loop_from) != 0) {
        fclose(mem);
        free(buf);
        fprintf(stderr, "evsim: internal error: the %s schedule does not "
                "replay\n", evsim_outcome_name(o));
        return -1;
    }
    fclose(mem);
    for (k = 1;; k++) {
        struct stat st;
        FILE *f;

        if (k == 1)
            snprintf(path, sizeof path, "%s.trace", base);
        else
            snprintf(path, sizeof path, "%s-%d.trace", base, k);
        if (stat(path, &st) == 0) {
            /* Same content: already there.  Otherwise keep looking. */
            if ((size_t)st.st_size == len && (f = fopen(path, "r")) != NULL) {
                char *old = malloc(len + 1);
                int same = old != NULL && fread(old, 1, len, f) == len &&
                           memcmp(old, buf, len) == 0;

                free(old);
                fclose(f);
                if (same)
                    break;
            }
            if (k >= 1000) {
                fprintf(stderr, "evsim: too many traces named %s-N.trace\n",
                        base);
                free(buf);
                return -1;
            }
            continue;
        }
        f = fopen(path, "wx");
        if (f == NULL || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
            fprintf(stderr, "evsim: cannot write %s: %s\n", path,
                    strerror(errno));
            free(buf);
            return -1;
        }
        break;
    }
    free(buf);
    printf("  %-20s shortest: %u steps, trace in %s\n",
           evsim_outcome_title(o), r->shortest[o].len, path);
    return 0;
}

static int main_mkdir(const char *dir)
{
    struct stat st;

    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        fprintf(stderr, "evsim check: --trace-dir %s is not a directory\n",
                dir);
        return -1;
    }
    if (mkdir(dir, 0777) != 0) {
        fprintf(stderr, "evsim check: cannot create %s: %s\n", dir,
                strerror(errno));
        return -1;
    }
    return 0;
}

static int main_check(int argc, char **argv)
{
    const char *variant = NULL, *scenario = NULL, *dir = "evsim-out";
    const char *memory = "sc";
    struct explore_opts opts;
    struct explore_result r;
    struct evsim_config cfg;
    struct evsim_engine *e;
    char err[256], sc[64], num[700];
    uint32_t max_steps = 0;
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
        } else if (cli_option(argc, argv, &i, "--memory", &val)) {
            memory = val;
        } else if (cli_option(argc, argv, &i, "--max-steps", &val)) {
            if (cli_uint(val, 1, TRACE_MAX_STEPS, &max_steps) != 0) {
                fprintf(stderr, "evsim check: --max-steps wants a number "
                        "from 1 to %d, not '%s'\n", TRACE_MAX_STEPS, val);
                return EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--stateless") == 0) {
            opts.stateless = 1;
        } else if (strcmp(argv[i], "--spurious") == 0) {
            cfg.spurious = 1;
        } else if (cli_missing_value(argv[i])) {
            fprintf(stderr, "evsim check: %s needs a value\n", argv[i]);
            return EXIT_USAGE;
        } else {
            fprintf(stderr, "evsim check: unknown argument '%s' (evsim "
                    "check --help)\n", argv[i]);
            return EXIT_USAGE;
        }
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
    for (o = 1; o < EVSIM_N_OUTCOMES; o++)
        if (r.found[o] && o != EVSIM_BOUND)
            any = 1;
    if (any) {
        printf("verdict        VIOLATION:");
        for (o = 1, i = 0; o < EVSIM_N_OUTCOMES; o++)
            if (r.found[o] && o != EVSIM_BOUND)
                printf("%s %s", i++ ? "," : "", evsim_outcome_title(o));
        printf("\n");
    } else if (r.found[EVSIM_BOUND]) {
        printf("verdict        incomplete: no violation within %u steps, "
               "but some schedules are longer\n", max_steps);
    } else {
        printf("verdict        pass: no violation in any interleaving\n");
    }
    if (r.cyclic && !opts.stateless) {
        printf("interleavings  unbounded: the state graph has a cycle\n");
    } else {
        big_format(&r.pool, r.total, num, sizeof num);
        printf("interleavings  %s", num);
        for (o = 0, i = 0; o < EVSIM_N_OUTCOMES; o++) {
            if (big_is_zero(r.count[o]))
                continue;
            big_format(&r.pool, r.count[o], num, sizeof num);
            printf("%s%s %s", i++ ? ", " : " (", evsim_outcome_name(o), num);
        }
        printf("%s\n", i ? ")" : "");
    }
    if (opts.stateless)
        printf("states         %llu visited (no state table)\n",
               (unsigned long long)r.states);
    else
        printf("states         %llu distinct\n",
               (unsigned long long)r.states);
    printf("transitions    %llu\n", (unsigned long long)r.transitions);
    printf("deepest        %u steps\n", r.deepest);
    printf("time           %.3f s\n", r.seconds);
    rc = any ? EXIT_VIOLATION : r.found[EVSIM_BOUND] ? EXIT_INCOMPLETE
                                                     : EXIT_PASS;
    if (any || r.found[EVSIM_BOUND]) {
        if (main_mkdir(dir) != 0) {
            rc = EXIT_USAGE;
            goto out;
        }
        printf("counterexamples:\n");
        for (o = 1; o < EVSIM_N_OUTCOMES; o++)
            if (r.found[o] && main_write_trace(e, &r, o, dir) != 0)
                rc = EXIT_USAGE;
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
