/* test-trace.c: traces written, read back, replayed, mutated and malformed; engine state capture. */
#include "unit.h"

#include <errno.h>
#include <unistd.h>

#include "engine.h"
#include "explore.h"
#include "registry.h"
#include "trace.h"

/* ---- scratch files, removed at exit ---- */

static char tmp_dir[64];
static char *tmp_files[256];
static int tmp_nfiles;

static void tmp_cleanup(void)
{
    int i;

    for (i = 0; i < tmp_nfiles; i++) {
        unlink(tmp_files[i]);
        free(tmp_files[i]);
    }
    if (tmp_dir[0] != '\0')
        rmdir(tmp_dir);
}

/* A path in the scratch directory (made on first use).  Never NULL. */
static const char *tmp_path(const char *name)
{
    char buf[256];

    if (tmp_dir[0] == '\0') {
        snprintf(tmp_dir, sizeof tmp_dir, "/tmp/evsim-unit-XXXXXX");
        if (mkdtemp(tmp_dir) == NULL) {
            fprintf(stderr, "test-trace: mkdtemp: %s\n", strerror(errno));
            exit(1);
        }
        atexit(tmp_cleanup);
    }
    snprintf(buf, sizeof buf, "%s/%s", tmp_dir, name);
    if (tmp_nfiles == (int)(sizeof tmp_files / sizeof tmp_files[0])) {
        fprintf(stderr, "test-trace: too many scratch files\n");
        exit(1);
    }
    tmp_files[tmp_nfiles] = strdup(buf);
    return tmp_files[tmp_nfiles++];
}

static int write_file(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (f == NULL)
        return -1;
    ok = fwrite(bytes, 1, len, f) == len;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int write_text(const char *path, const char *text)
{
    return write_file(path, text, strlen(text));
}

/* The whole file, NUL-terminated, or NULL. */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf != NULL)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* text with its line number `line` (from 1) replaced by `repl` (with no
 * newline; NULL deletes the line).  Caller frees. */
static char *replace_line(const char *text, int line, const char *repl)
{
    size_t cap = strlen(text) + (repl ? strlen(repl) : 0) + 2;
    char *out = malloc(cap), *o = out;
    const char *p = text;
    int n = 1;

    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);

        if (n == line) {
            if (repl != NULL)
                o += sprintf(o, "%s\n", repl);
        } else {
            memcpy(o, p, len);
            o += len;
        }
        p += len;
        n++;
    }
    *o = '\0';
    return out;
}

/* Line `line` of text, without its newline, into buf. */
static void get_line(const char *text, int line, char *buf, size_t n)
{
    const char *p = text;
    size_t len;

    while (--line > 0 && p != NULL) {
        p = strchr(p, '\n');
        if (p != NULL)
            p++;
    }
    buf[0] = '\0';
    if (p == NULL)
        return;
    len = strcspn(p, "\n");
    if (len >= n)
        len = n - 1;
    memcpy(buf, p, len);
    buf[len] = '\0';
}

/* The number of the first line of text that starts with prefix, or 0. */
static int find_line(const char *text, const char *prefix)
{
    const char *p = text;
    int n = 1;

    while (p != NULL && *p != '\0') {
        if (strncmp(p, prefix, strlen(prefix)) == 0)
            return n;
        p = strchr(p, '\n');
        if (p != NULL)
            p++;
        n++;
    }
    return 0;
}

/* The step line with field k (0 WHERE.., 1 OP, 2 OPERANDS, 3 RESULT,
 * 4 STATE) replaced by repl, into out. */
static void replace_field(const char *line, int k, const char *repl,
                          char *out, size_t n)
{
    const char *sep[5];
    const char *p = line;
    int i;

    for (i = 1; i <= 4; i++) {
        p = strstr(p, " | ");
        if (p == NULL) {
            snprintf(out, n, "%s", line);
            return;
        }
        sep[i] = p;
        p += 3;
    }
    if (k == 4)
        snprintf(out, n, "%.*s | %s", (int)(sep[4] - line), line, repl);
    else
        snprintf(out, n, "%.*s | %s%s", (int)(sep[k] - line), line, repl,
                 sep[k + 1]);
}

/* ---- engines ---- */

static struct evsim_engine *open_engine(const char *variant,
                                        const char *scenario)
{
    struct evsim_config cfg;
    struct evsim_engine *e;
    char err[256];

    memset(&cfg, 0, sizeof cfg);
    cfg.variant = variant_find(variant);
    cfg.memmodel = mem_find("sc");
    if (!CHECK(cfg.variant != NULL) || !CHECK(cfg.memmodel != NULL) ||
        !CHECK(scenario_parse(scenario, &cfg.scenario, cfg.params, err,
                              sizeof err) == 0))
        return NULL;
    e = calloc(1, sizeof *e);
    if (!CHECK(e != NULL))
        return NULL;
    if (!CHECK(engine_open(e, &cfg, err, sizeof err) == 0)) {
        printf("  engine_open: %s\n", err);
        free(e);
        return NULL;
    }
    return e;
}

static void close_engine(struct evsim_engine *e)
{
    engine_close(e);
    free(e);
}

/*
 * From the engine's current state, step the lowest enabled thread until the
 * execution ends.  Returns the number of steps, the outcome in *outcome.
 */
static uint32_t run_lowest_first(struct evsim_engine *e, uint8_t *sched,
                                 uint32_t max, int *outcome)
{
    uint32_t n = 0;

    *outcome = -1;
    while (n < max) {
        unsigned mask = engine_enabled_mask(e);
        int t = 0, o;

        if (mask == 0) {
            *outcome = engine_terminal(e);
            break;
        }
        while (!(mask & (1u << t)))
            t++;
        sched[n++] = (uint8_t)t;
        o = engine_step(e, t, NULL);
        if (o != EVSIM_PASS) {
            *outcome = o;
            break;
        }
    }
    return n;
}

/* Write a trace of `sched` from the initial state of variant/scenario. */
static int make_trace(const char *variant, const char *scenario,
                      const char *path, uint8_t *sched, uint32_t *len,
                      int *outcome)
{
    struct evsim_engine *e = open_engine(variant, scenario);
    FILE *f;
    int rc;

    if (e == NULL)
        return -1;
    *len = run_lowest_first(e, sched, 1000, outcome);
    engine_reset(e);
    f = fopen(path, "w");
    if (!CHECK(f != NULL)) {
        close_engine(e);
        return -1;
    }
    rc = trace_write_schedule(f, e, sched, *len, *outcome, 0);
    fclose(f);
    close_engine(e);
    return rc;
}

/* 1 if err starts with "PATH:LINE:". */
static int names_line(const char *err, const char *path, int line)
{
    char want[512];

    snprintf(want, sizeof want, "%s:%d: ", path, line);
    return strncmp(err, want, strlen(want)) == 0;
}

/* ---- round trip ---- */

UNIT_TEST(trace_round_trip_seed)
{
    const char *path = tmp_path("seed.trace");
    uint8_t sched[1000];
    uint32_t len, i;
    int outcome, line_ok = 1, thread_ok = 1;
    struct trace tr;
    char err[512], *narration = NULL, *text;
    size_t nlen = 0;
    FILE *out;
    int first;

    if (!CHECK(make_trace("win32-2015", "seed", path, sched, &len,
                          &outcome) == 0))
        return;
    CHECK_EQ_U64(outcome, EVSIM_PASS);
    CHECK(len >= 4);
    text = read_text(path);
    if (!CHECK(text != NULL))
        return;
    first = find_line(text, "step 1 ");
    CHECK(first > 0);
    CHECK_EQ_U64(find_line(text, "evsim-trace 1"), 2);  /* after a comment */
    free(text);
    if (!CHECK(trace_read(path, &tr, err, sizeof err) == 0)) {
        printf("  %s\n", err);
        return;
    }
    CHECK_STR(tr.variant, "win32-2015");
    CHECK_STR(tr.scenario, "seed");
    CHECK_STR(tr.memory, "sc");
    CHECK_STR(tr.threads, "A=waiter B=notifier");
    CHECK_EQ_U64(tr.spurious, 0);
    CHECK_EQ_U64(tr.max_steps, 0);
    CHECK_EQ_U64(tr.nsteps, len);
    CHECK_EQ_U64(tr.end, EVSIM_PASS);
    /* Steps on consecutive lines, the end line right after them. */
    CHECK_EQ_U64(tr.step[0].line, first);
    for (i = 0; i < tr.nsteps && i < len; i++) {
        if (tr.step[i].thread != sched[i])
            thread_ok = 0;
        if (tr.step[i].line != first + (int)i)
            line_ok = 0;
    }
    CHECK(thread_ok);
    CHECK(line_ok);
    CHECK_EQ_U64(tr.end_line, first + (int)len);
    /* The waiter's first step is its read of cond (scenarios/seed.c). */
    CHECK(strncmp(tr.step[0].where, "scenarios/seed.c:", 17) == 0);
    CHECK_STR(tr.step[0].op, "atomic_read(&cond)");
    CHECK_STR(tr.step[0].result, "0");
    CHECK_EQ_U64(trace_replay(&tr, path, NULL, err, sizeof err), 0);
    /* Narrated: one line per step and a last line saying it matched. */
    out = open_memstream(&narration, &nlen);
    if (CHECK(out != NULL)) {
        CHECK_EQ_U64(trace_replay(&tr, path, out, err, sizeof err), 0);
        fclose(out);
        CHECK(strstr(narration, "replayed") != NULL);
        CHECK(strstr(narration, "outcome pass") != NULL);
        free(narration);
    }
    trace_free(&tr);
    CHECK(tr.step == NULL && tr.nsteps == 0);
}

UNIT_TEST(trace_round_trip_lost_wakeup)
{
    const char *path = tmp_path("lost.trace");
    struct evsim_engine *e = open_engine("win32-2015", "resetters:2,1");
    struct explore_opts opts;
    struct explore_result r;
    struct trace tr;
    char err[512];
    FILE *f;
    uint32_t len;

    if (e == NULL)
        return;
    memset(&opts, 0, sizeof opts);
    explore_run(e, &opts, &r);
    if (!CHECK(r.found[EVSIM_LOST_WAKEUP])) {
        explore_result_free(&r);
        close_engine(e);
        return;
    }
    len = r.shortest[EVSIM_LOST_WAKEUP].len;
    engine_restore(e, r.root);
    f = fopen(path, "w");
    if (CHECK(f != NULL)) {
        CHECK_EQ_U64(trace_write_schedule(f, e,
                                          r.shortest[EVSIM_LOST_WAKEUP].thread,
                                          len, EVSIM_LOST_WAKEUP, 0), 0);
        fclose(f);
    }
    explore_result_free(&r);
    close_engine(e);
    if (!CHECK(trace_read(path, &tr, err, sizeof err) == 0)) {
        printf("  %s\n", err);
        return;
    }
    CHECK_STR(tr.scenario, "resetters:2,1");
    CHECK_STR(tr.threads, "A=waiter B=waiter C=notifier");
    CHECK_EQ_U64(tr.nsteps, len);
    CHECK_EQ_U64(tr.end, EVSIM_LOST_WAKEUP);
    CHECK_EQ_U64(trace_replay(&tr, path, NULL, err, sizeof err), 0);
    trace_free(&tr);
}

UNIT_TEST(trace_write_schedule_rejects_disabled_thread)
{
    struct evsim_engine *e = open_engine("win32-2015", "seed");
    uint8_t bad[] = { 0, 5 };           /* seed has threads 0 and 1 only */
    char *buf = NULL;
    size_t n = 0;
    FILE *f;

    if (e == NULL)
        return;
    f = open_memstream(&buf, &n);
    if (CHECK(f != NULL)) {
        CHECK_EQ_U64(trace_write_schedule(f, e, bad, 2, EVSIM_PASS, 0),
                     (uint64_t)-1);
        fclose(f);
        free(buf);
    }
    close_engine(e);
}

/* ---- replays that do not match ---- */

/* Write text to a fresh scratch file, read it (must succeed) and replay;
 * the replay's result, its message in err. */
static int replay_text(const char *name, const char *text, char *err,
                       size_t errlen, const char **pathp)
{
    const char *path = tmp_path(name);
    struct trace tr;
    int rc;

    *pathp = path;
    if (!CHECK(write_text(path, text) == 0))
        return -1;
    if (!CHECK(trace_read(path, &tr, err, errlen) == 0)) {
        printf("  %s\n", err);
        return -1;
    }
    rc = trace_replay(&tr, path, NULL, err, errlen);
    trace_free(&tr);
    return rc;
}

UNIT_TEST(trace_replay_mismatch_names_line)
{
    const char *orig = tmp_path("orig.trace"), *path;
    uint8_t sched[1000];
    uint32_t len;
    int outcome, rc, first, threads, endl;
    char *text, *mut, line[4096], repl[4096], err[1024];

    if (!CHECK(make_trace("win32-2015", "resetters:2,1", orig, sched, &len,
                          &outcome) == 0))
        return;
    text = read_text(orig);
    if (!CHECK(text != NULL) || !CHECK(len >= 5))
        return;

    first = find_line(text, "step 1 ");
    threads = find_line(text, "threads ");
    endl = find_line(text, "end ");
    if (!CHECK(first > 0) || !CHECK(threads > 0) || !CHECK(endl > first))
        return;

    /* The result of step 3. */
    get_line(text, first + 2, line, sizeof line);
    CHECK(strncmp(line, "step 3 ", 7) == 0);
    replace_field(line, 3, "12345", repl, sizeof repl);
    CHECK(strcmp(repl, line) != 0);
    mut = replace_line(text, first + 2, repl);
    rc = replay_text("bad-result.trace", mut, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 1);
    CHECK(names_line(err, path, first + 2));
    CHECK(strstr(err, "12345") != NULL);
    free(mut);

    /* The state after step 5. */
    get_line(text, first + 4, line, sizeof line);
    replace_field(line, 4, "cond=7", repl, sizeof repl);
    mut = replace_line(text, first + 4, repl);
    rc = replay_text("bad-state.trace", mut, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 1);
    CHECK(names_line(err, path, first + 4));
    free(mut);

    /* The operation of step 1. */
    get_line(text, first, line, sizeof line);
    replace_field(line, 1, "atomic_write(&cond)", repl, sizeof repl);
    mut = replace_line(text, first, repl);
    rc = replay_text("bad-op.trace", mut, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 1);
    CHECK(names_line(err, path, first));
    free(mut);

    /* A thread that does not exist in this scenario (H). */
    get_line(text, first + 1, line, sizeof line);
    CHECK(strncmp(line, "step 2 ", 7) == 0);
    line[7] = 'H';
    mut = replace_line(text, first + 1, line);
    rc = replay_text("bad-thread.trace", mut, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 1);
    CHECK(names_line(err, path, first + 1));
    free(mut);

    /* The end line names another outcome. */
    mut = replace_line(text, endl, outcome == EVSIM_LOST_WAKEUP
                                               ? "end pass"
                                               : "end lost-wakeup");
    rc = replay_text("bad-end.trace", mut, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 1);
    CHECK(names_line(err, path, endl));
    free(mut);

    /* The threads line does not match the scenario. */
    mut = replace_line(text, threads, "threads A=waiter B=notifier C=waiter");
    rc = replay_text("bad-threads.trace", mut, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 1);
    CHECK(strncmp(err, path, strlen(path)) == 0);
    free(mut);

    /* Without its end line the trace is an unfinished schedule: it
     * replays. */
    mut = replace_line(text, endl, NULL);
    rc = replay_text("no-end.trace", mut, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 0);
    free(mut);

    /* The unchanged text replays. */
    rc = replay_text("same.trace", text, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 0);
    free(text);
}

UNIT_TEST(trace_replay_unknown_names)
{
    static const char head[] = "evsim-trace 1\nvariant %s\nscenario %s\n"
                               "memory %s\nthreads A=waiter B=notifier\n";
    char text[512], err[512];
    const char *path;
    int rc;

    snprintf(text, sizeof text, head, "no-such-variant", "seed", "sc");
    rc = replay_text("unknown-variant.trace", text, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 2);
    CHECK(strstr(err, "no-such-variant") != NULL);
    snprintf(text, sizeof text, head, "win32-2015", "nosuch", "sc");
    rc = replay_text("unknown-scenario.trace", text, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 2);
    CHECK(strstr(err, "nosuch") != NULL);
    snprintf(text, sizeof text, head, "win32-2015", "rcu:99,1", "sc");
    rc = replay_text("bad-params.trace", text, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 2);
    snprintf(text, sizeof text, head, "win32-2015", "seed", "tso");
    rc = replay_text("unknown-memory.trace", text, err, sizeof err, &path);
    CHECK_EQ_U64(rc, 2);
    CHECK(strstr(err, "tso") != NULL);
}

/* ---- malformed files ---- */

static const char good_head[] =
    "# a comment\n"
    "evsim-trace 1\n"
    "variant win32-2015\n"
    "scenario seed\n"
    "memory sc\n"
    "threads A=waiter B=notifier\n";
#define STEP1 "step 1 A scenarios/seed.c:15 | atomic_read(&cond) | cond | 0 " \
              "| cond=0 count=0 ev.value=FREE ev.event=signaled\n"
#define STEP2 "step 2 B scenarios/seed.c:26 | atomic_set(&cond, true) | " \
              "cond 1 | - | cond=1 count=0 ev.value=FREE ev.event=signaled\n"

/*
 * bytes (len of them) must be rejected by trace_read with an error that
 * starts "PATH:LINE: " and contains `what` (unless NULL).
 */
static void expect_bad(const char *name, const void *bytes, size_t len,
                       int line, const char *what, int src_line)
{
    const char *path = tmp_path(name);
    struct trace tr;
    char err[512];
    int rc;

    if (!CHECK(write_file(path, bytes, len) == 0))
        return;
    memset(err, 0, sizeof err);
    rc = trace_read(path, &tr, err, sizeof err);
    if (!unit_record(rc == -1, __FILE__, src_line, name)) {
        if (rc == 0)
            trace_free(&tr);
        return;
    }
    if (!unit_record(names_line(err, path, line), __FILE__, src_line,
                     "the error names the file and the line"))
        printf("  %s: want line %d: %s\n", name, line, err);
    if (what != NULL &&
        !unit_record(strstr(err, what) != NULL, __FILE__, src_line,
                     "the error says what is wrong"))
        printf("  %s: want '%s' in: %s\n", name, what, err);
    CHECK(tr.step == NULL && tr.nsteps == 0);   /* nothing left allocated */
}

#define EXPECT_BAD(name, text, line, what)                                  \
    expect_bad(name, text, strlen(text), line, what, __LINE__)

UNIT_TEST(trace_read_bad_version)
{
    EXPECT_BAD("v2.trace", "# c\nevsim-trace 2\n", 2, "version");
    EXPECT_BAD("v0.trace", "evsim-trace 0\n", 1, "version");
    EXPECT_BAD("vjunk.trace", "evsim-trace 1x\n", 1, "version");
    EXPECT_BAD("vneg.trace", "evsim-trace -1\n", 1, "version");
    EXPECT_BAD("vnone.trace", "evsim-trace \n", 1, "version");
    EXPECT_BAD("vhuge.trace", "evsim-trace 99999999999999999999\n", 1,
               "version");
}

UNIT_TEST(trace_read_missing_header)
{
    /* Not a trace at all: no evsim-trace line first. */
    EXPECT_BAD("nomagic.trace", "variant win32-2015\nscenario seed\n", 1,
               "not an evsim trace");
    EXPECT_BAD("text.trace", "# c\n\nhello world\n", 3,
               "not an evsim trace");
    /* Steps before the header is complete. */
    EXPECT_BAD("nohead.trace", "evsim-trace 1\n" STEP1, 2, "header");
    EXPECT_BAD("novariant.trace", "evsim-trace 1\nscenario seed\n"
               "threads A=waiter B=notifier\n" STEP1, 4, "header");
    EXPECT_BAD("nothreads.trace", "evsim-trace 1\nvariant win32-2015\n"
               "scenario seed\n" STEP1, 4, "header");
}

UNIT_TEST(trace_read_missing_header_at_end)
{
    const char *path = tmp_path("onlymagic.trace");
    struct trace tr;
    char err[512];

    /* A header that never completes: the error names the file. */
    CHECK(write_text(path, "evsim-trace 1\nvariant win32-2015\n") == 0);
    CHECK_EQ_U64(trace_read(path, &tr, err, sizeof err), (uint64_t)-1);
    CHECK(strncmp(err, path, strlen(path)) == 0);
    CHECK(strstr(err, "header") != NULL);
}

UNIT_TEST(trace_read_steps_out_of_order)
{
    char text[2048];

    snprintf(text, sizeof text, "%s%s", good_head,
             "step 2 A scenarios/seed.c:15 | a | b | c | d\n");
    EXPECT_BAD("step2first.trace", text, 7, "expected step 1");
    snprintf(text, sizeof text, "%s%s", good_head,
             "step 0 A scenarios/seed.c:15 | a | b | c | d\n");
    EXPECT_BAD("step0.trace", text, 7, "expected step 1");
    snprintf(text, sizeof text, "%s%s%s", good_head, STEP1, STEP1);
    EXPECT_BAD("step1twice.trace", text, 8, "expected step 2");
    snprintf(text, sizeof text, "%s%s%s", good_head, STEP1,
             "step 3 B scenarios/seed.c:26 | a | b | c | d\n");
    EXPECT_BAD("step3.trace", text, 8, "expected step 2");
    snprintf(text, sizeof text, "%s%s", good_head,
             "step -1 A scenarios/seed.c:15 | a | b | c | d\n");
    EXPECT_BAD("stepneg.trace", text, 7, "expected step 1");
    snprintf(text, sizeof text, "%s%s", good_head,
             "step 1x A scenarios/seed.c:15 | a | b | c | d\n");
    EXPECT_BAD("stepjunk.trace", text, 7, "expected step 1");
}

UNIT_TEST(trace_read_bad_thread_letter)
{
    static const char *const bad[] = { "a", "I", "Z", "AB", "@", "1" };
    char text[2048], name[64];
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, "%sstep 1 %s scenarios/seed.c:15 | a | "
                 "b | c | d\n", good_head, bad[i]);
        snprintf(name, sizeof name, "thread%zu.trace", i);
        EXPECT_BAD(name, text, 7, "bad thread");
    }
}

UNIT_TEST(trace_read_too_few_fields)
{
    char text[2048];

    snprintf(text, sizeof text, "%s%s", good_head,
             "step 1 A scenarios/seed.c:15 | a | b | c\n");
    EXPECT_BAD("fields4.trace", text, 7, "5 fields");
    snprintf(text, sizeof text, "%s%s", good_head,
             "step 1 A scenarios/seed.c:15\n");
    EXPECT_BAD("fields1.trace", text, 7, "5 fields");
    snprintf(text, sizeof text, "%s%s", good_head, "step 1 A\n");
    EXPECT_BAD("fields0.trace", text, 7, NULL);
    snprintf(text, sizeof text, "%s%s", good_head, "step 1\n");
    EXPECT_BAD("nothread.trace", text, 7, NULL);
    snprintf(text, sizeof text, "%s%s", good_head, "step \n");
    EXPECT_BAD("stepnothing.trace", text, 7, NULL);
    /* Separators need their spaces. */
    snprintf(text, sizeof text, "%s%s", good_head,
             "step 1 A scenarios/seed.c:15|a|b|c|d\n");
    EXPECT_BAD("nospaces.trace", text, 7, "5 fields");
    /* WHERE must be one word. */
    snprintf(text, sizeof text, "%s%s", good_head,
             "step 1 A scenarios/seed.c :15 | a | b | c | d\n");
    EXPECT_BAD("where2.trace", text, 7, "WHERE");
}

UNIT_TEST(trace_read_nul_byte)
{
    static const char mid[] = "evsim-trace 1\nvariant win32\0-2015\n"
                              "scenario seed\n";
    static const char first[] = "evsim-trace 1\n\0variant win32-2015\n";

    expect_bad("nul-mid.trace", mid, sizeof mid - 1, 2, NULL, __LINE__);
    expect_bad("nul-first.trace", first, sizeof first - 1, 2, NULL,
               __LINE__);
}

/*
 * trace.c means to name a NUL byte ("NUL byte: not a text file"), but its
 * length comes from strlen, which stops at the NUL: the NUL check never
 * fires, and the line is reported as too long instead.
 */
UNIT_TEST(trace_read_nul_byte_is_named)
{
    static const char mid[] = "evsim-trace 1\nvariant win32\0-2015\n";

    expect_bad("nul-named.trace", mid, sizeof mid - 1, 2, "NUL", __LINE__);
}

/*
 * The same blind spot lets binary junk through: on the last line, with no
 * newline after it, everything from the first NUL on is ignored and the
 * file is accepted as a valid trace.
 */
UNIT_TEST(trace_read_nul_byte_on_last_line)
{
    char text[2048];
    size_t n;

    n = (size_t)snprintf(text, sizeof text, "%s%s%s", good_head, STEP1,
                         "end pass");
    memcpy(text + n, "\0\x01\x02\xff binary junk", 17);
    expect_bad("nul-last.trace", text, n + 17, 8, NULL, __LINE__);
}

UNIT_TEST(trace_read_long_line)
{
    static char text[TRACE_MAX_LINE * 3];
    size_t n;

    /* A comment line of 5000 bytes. */
    n = (size_t)snprintf(text, sizeof text, "%s#", good_head);
    memset(text + n, 'x', 5000);
    n += 5000;
    memcpy(text + n, "\n", 2);
    expect_bad("long5000.trace", text, n + 1, 7, "longer", __LINE__);
    /* A step line of 2 * TRACE_MAX_LINE bytes, as the last line. */
    n = (size_t)snprintf(text, sizeof text, "%sstep 1 A x:1 | a | b | c | ",
                         good_head);
    memset(text + n, 's', 2 * TRACE_MAX_LINE);
    n += 2 * TRACE_MAX_LINE;
    expect_bad("longstep.trace", text, n, 7, "longer", __LINE__);
}

/* A line of exactly TRACE_MAX_LINE bytes, newline included, is read. */
UNIT_TEST(trace_read_line_at_limit)
{
    static char text[TRACE_MAX_LINE * 2];
    const char *path = tmp_path("limit.trace");
    struct trace tr;
    char err[512];
    size_t n;

    n = (size_t)snprintf(text, sizeof text, "%s#", good_head);
    memset(text + n, 'x', TRACE_MAX_LINE - 2);
    n += TRACE_MAX_LINE - 2;
    text[n++] = '\n';                   /* '#', 4094 'x', '\n': 4096 */
    n += (size_t)snprintf(text + n, sizeof text - n, "%s", STEP1);
    if (!CHECK(write_file(path, text, n) == 0))
        return;
    if (CHECK_EQ_U64(trace_read(path, &tr, err, sizeof err), 0)) {
        CHECK_EQ_U64(tr.nsteps, 1);
        trace_free(&tr);
    } else {
        printf("  %s\n", err);
    }
}

/*
 * trace.h: TRACE_MAX_LINE is the most bytes in one line, newline included.
 * trace_read's buffer holds TRACE_MAX_LINE + 1 bytes of line, so a line of
 * TRACE_MAX_LINE + 1 bytes with its newline is accepted: off by one.
 */
UNIT_TEST(trace_read_line_one_over_limit)
{
    static char text[TRACE_MAX_LINE * 2];
    size_t n;

    n = (size_t)snprintf(text, sizeof text, "%s#", good_head);
    memset(text + n, 'x', TRACE_MAX_LINE - 1);
    n += TRACE_MAX_LINE - 1;
    text[n++] = '\n';                   /* '#', 4095 'x', '\n': 4097 */
    n += (size_t)snprintf(text + n, sizeof text - n, "%s", STEP1);
    expect_bad("limit1.trace", text, n, 7, "longer", __LINE__);
}

UNIT_TEST(trace_read_unknown_key)
{
    char text[2048];

    snprintf(text, sizeof text, "%scolour red\n", good_head);
    EXPECT_BAD("colour.trace", text, 7, "unknown line");
    snprintf(text, sizeof text, "%s%sVariant x\n", good_head, STEP1);
    EXPECT_BAD("Variant.trace", text, 8, "unknown line");
    snprintf(text, sizeof text, "%sstep1 A x:1 | a | b | c | d\n",
             good_head);
    EXPECT_BAD("step1.trace", text, 7, NULL);
    snprintf(text, sizeof text, "%send\n", good_head);
    EXPECT_BAD("endalone.trace", text, 7, "KEY VALUE");
}

UNIT_TEST(trace_read_bad_values)
{
    char text[2048];

    EXPECT_BAD("variant2.trace", "evsim-trace 1\nvariant win32 2015\n", 2,
               "variant");
    EXPECT_BAD("scenario0.trace", "evsim-trace 1\nscenario \n", 2,
               "scenario");
    EXPECT_BAD("memorylong.trace", "evsim-trace 1\nmemory "
               "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", 2, "memory");
    EXPECT_BAD("maxsteps.trace", "evsim-trace 1\nmax-steps 100001\n", 2,
               "max-steps");
    snprintf(text, sizeof text, "%s%send maybe\n", good_head, STEP1);
    EXPECT_BAD("endmaybe.trace", text, 8, "unknown outcome");
    snprintf(text, sizeof text, "%s%send pass 1\n", good_head, STEP1);
    EXPECT_BAD("endpass1.trace", text, 8, "livelock");
    snprintf(text, sizeof text, "%s%send livelock\n", good_head, STEP1);
    EXPECT_BAD("endlivelock.trace", text, 8, "livelock");
    snprintf(text, sizeof text, "%s%send livelock 2\n", good_head, STEP1);
    EXPECT_BAD("endlivelock2.trace", text, 8, "livelock");
    {
        char threads[400];

        memset(threads, 'x', sizeof threads - 1);
        threads[sizeof threads - 1] = '\0';
        snprintf(text, sizeof text, "evsim-trace 1\nthreads %s\n", threads);
        EXPECT_BAD("threadslong.trace", text, 2, "threads");
    }
}

UNIT_TEST(trace_read_text_after_end)
{
    char text[2048];

    snprintf(text, sizeof text, "%s%send pass\n%s", good_head, STEP1, STEP2);
    EXPECT_BAD("afterend.trace", text, 9, "after the end");
    snprintf(text, sizeof text, "%s%send pass\nend pass\n", good_head,
             STEP1);
    EXPECT_BAD("endtwice.trace", text, 9, "after the end");
    /* Comments and blank lines may follow. */
    {
        const char *path = tmp_path("endcomment.trace");
        struct trace tr;
        char err[512];

        snprintf(text, sizeof text, "%s%send pass\n# done\n\n   \n",
                 good_head, STEP1);
        CHECK(write_text(path, text) == 0);
        if (CHECK_EQ_U64(trace_read(path, &tr, err, sizeof err), 0))
            trace_free(&tr);
    }
}

UNIT_TEST(trace_read_too_many_steps)
{
    const char *path = tmp_path("many.trace");
    struct trace tr;
    char err[512];
    FILE *f = fopen(path, "w");
    int i;

    if (!CHECK(f != NULL))
        return;
    fputs(good_head, f);
    for (i = 1; i <= TRACE_MAX_STEPS + 1; i++)
        fprintf(f, "step %d A x:1 | a | b | c | d\n", i);
    fclose(f);
    CHECK_EQ_U64(trace_read(path, &tr, err, sizeof err), (uint64_t)-1);
    CHECK(names_line(err, path, 6 + TRACE_MAX_STEPS + 1));
    CHECK(strstr(err, "more than") != NULL);
}

UNIT_TEST(trace_read_files_that_are_not_there)
{
    const char *path = tmp_path("missing.trace");
    struct trace tr;
    char err[512];

    CHECK_EQ_U64(trace_read(path, &tr, err, sizeof err), (uint64_t)-1);
    CHECK(strncmp(err, path, strlen(path)) == 0);
    CHECK(strstr(err, "cannot open") != NULL);
    /* An empty file. */
    CHECK(write_text(path, "") == 0);
    CHECK_EQ_U64(trace_read(path, &tr, err, sizeof err), (uint64_t)-1);
    CHECK(strncmp(err, path, strlen(path)) == 0);
    /* A directory. */
    CHECK_EQ_U64(trace_read(tmp_dir, &tr, err, sizeof err), (uint64_t)-1);
    CHECK(strncmp(err, tmp_dir, strlen(tmp_dir)) == 0);
}

UNIT_TEST(trace_read_accepts_crlf_and_indent)
{
    const char *path = tmp_path("crlf.trace");
    struct trace tr;
    char err[512];

    CHECK(write_text(path, "evsim-trace 1\r\n  variant win32-2015\r\n"
                     "\tscenario seed\r\nthreads A=waiter B=notifier\r\n"
                     "  # indented comment\r\n"
                     "step 1 A scenarios/seed.c:15 | x | y | z | w\r\n"
                     "end pass") == 0);
    if (!CHECK_EQ_U64(trace_read(path, &tr, err, sizeof err), 0)) {
        printf("  %s\n", err);
        return;
    }
    CHECK_STR(tr.variant, "win32-2015");
    CHECK_STR(tr.memory, "sc");         /* the default */
    CHECK_STR(tr.threads, "A=waiter B=notifier");
    CHECK_EQ_U64(tr.nsteps, 1);
    CHECK_STR(tr.step[0].state, "w");
    CHECK_EQ_U64(tr.end, EVSIM_PASS);
    CHECK_EQ_U64(tr.end_line, 7);
    trace_free(&tr);
}

/* ---- engine: enabled threads, capture and restore ---- */

UNIT_TEST(engine_capture_and_restore)
{
    struct evsim_engine *e = open_engine("win32-2015", "seed");
    struct evsim_step st;
    char root_text[1024], text[1024];
    uint32_t root, again, ids[64], ids2[64];
    uint8_t sched[64];
    int added, outcome, i, changed = 0, n;

    if (e == NULL)
        return;
    CHECK_EQ_U64(e->nthreads, 2);
    CHECK_EQ_U64(engine_enabled_mask(e), 0x3);
    CHECK(engine_enabled(e, 0) && engine_enabled(e, 1));
    CHECK_EQ_U64(engine_terminal(e), (uint64_t)-1);
    root = engine_capture(e, 0, &added);
    CHECK_EQ_U64(added, 1);
    again = engine_capture(e, 0, &added);
    CHECK_EQ_U64(again, root);
    CHECK_EQ_U64(added, 0);
    engine_format_state(e, root_text, sizeof root_text);
    CHECK(strstr(root_text, "cond=0") != NULL);

    /* The waiter's first step: a load of cond, at scenarios/seed.c. */
    CHECK_EQ_U64(engine_step(e, 0, &st), EVSIM_PASS);
    CHECK_EQ_U64(st.thread, 0);
    CHECK_EQ_U64(st.kind, EVSIM_OP_LOAD);
    CHECK_EQ_U64(st.result, 0);
    CHECK(st.site != NULL && strcmp(st.site->file, "scenarios/seed.c") == 0);
    ids[0] = engine_capture(e, 0, &added);
    CHECK(ids[0] != root);              /* its local state moved on */
    CHECK_EQ_U64(added, 1);

    /* Run the rest lowest-thread-first, capturing every state. */
    engine_restore(e, root);
    n = (int)run_lowest_first(e, sched, 64, &outcome);
    CHECK_EQ_U64(outcome, EVSIM_PASS);
    CHECK_EQ_U64(engine_enabled_mask(e), 0);
    engine_format_state(e, text, sizeof text);
    CHECK(strcmp(text, root_text) != 0);
    CHECK(strstr(text, "cond=1") != NULL);

    /* Back to the root: the same text, threads and id. */
    engine_restore(e, root);
    engine_format_state(e, text, sizeof text);
    CHECK_STR(text, root_text);
    CHECK_EQ_U64(engine_enabled_mask(e), 0x3);
    CHECK_EQ_U64(engine_capture(e, 0, &added), root);
    CHECK_EQ_U64(added, 0);

    /* The same schedule again gives the same states, captured step by
     * step; a third time, restoring the root from the end state. */
    for (i = 0; i < n; i++) {
        CHECK_EQ_U64(engine_step(e, sched[i], NULL), EVSIM_PASS);
        ids[i] = engine_capture(e, 0, &added);
    }
    engine_restore(e, root);
    for (i = 0; i < n; i++) {
        engine_step(e, sched[i], NULL);
        ids2[i] = engine_capture(e, 0, &added);
        if (ids2[i] != ids[i] || added)
            changed++;
    }
    CHECK_EQ_U64(changed, 0);
    CHECK_EQ_U64(engine_terminal(e), EVSIM_PASS);

    /* Restore a state in the middle and check its text. */
    if (n >= 3) {
        engine_restore(e, root);
        for (i = 0; i < 2; i++)
            engine_step(e, sched[i], NULL);
        engine_format_state(e, root_text, sizeof root_text);
        engine_restore(e, ids[n - 1]);
        engine_restore(e, ids[1]);
        engine_format_state(e, text, sizeof text);
        CHECK_STR(text, root_text);
        CHECK_EQ_U64(engine_capture(e, 0, &added), ids[1]);
    }
    /* A depth tag makes a different state of the same configuration. */
    engine_restore(e, root);
    CHECK(engine_capture(e, 5, &added) != root);
    CHECK_EQ_U64(added, 1);
    close_engine(e);
}
