/* regress.c: evsim check --all: every row of the table of expected verdicts. */
#include "regress.h"

#include <stdlib.h>
#include <string.h>

#include "explore.h"
#include "registry.h"
#include "report.h"

#define REGRESS_MAX_ROWS 1000
#define REGRESS_FIELD 64

struct regress_row {
    int line;
    char variant[REGRESS_FIELD], scenario[REGRESS_FIELD];
    char options[REGRESS_FIELD], verdict[REGRESS_FIELD];
    char count[REGRESS_FIELD * 2], outcomes[REGRESS_FIELD * 4];
    /* what the search found */
    char got_verdict[REGRESS_FIELD], got_count[REGRESS_FIELD * 2];
    char got_outcomes[REGRESS_FIELD * 4];
    int differs;
    char why[256];
};

/* Split a tab-separated line into exactly n fields. */
static int regress_split(char *l, char **f, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        f[i] = l;
        l = strchr(l, '\t');
        if (l == NULL)
            return i + 1 == n ? 0 : -1;
        *l++ = '\0';
    }
    return -1;
}

static int regress_copy(char *dst, size_t n, const char *src)
{
    if (strlen(src) >= n || src[0] == '\0')
        return -1;
    strcpy(dst, src);
    return 0;
}

static int regress_read(const char *path, struct regress_row **rows, int *n,
                        char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char buf[1024];
    int line = 0;

    *rows = NULL;
    *n = 0;
    if (f == NULL) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    *rows = calloc(REGRESS_MAX_ROWS, sizeof **rows);
    if (*rows == NULL) {
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    while (fgets(buf, sizeof buf, f) != NULL) {
        size_t len = strlen(buf);
        char *fl[6];
        struct regress_row *r;

        line++;
        if (len > 0 && buf[len - 1] == '\n')
            buf[--len] = '\0';
        else if (!feof(f)) {
            snprintf(err, errlen, "%s:%d: line too long", path, line);
            goto fail;
        }
        if (buf[0] == '#' || buf[0] == '\0')
            continue;
        if (*n == REGRESS_MAX_ROWS) {
            snprintf(err, errlen, "%s:%d: more than %d rows", path, line,
                     REGRESS_MAX_ROWS);
            goto fail;
        }
        r = &(*rows)[*n];
        if (regress_split(buf, fl, 6) != 0 ||
            regress_copy(r->variant, sizeof r->variant, fl[0]) != 0 ||
            regress_copy(r->scenario, sizeof r->scenario, fl[1]) != 0 ||
            regress_copy(r->options, sizeof r->options, fl[2]) != 0 ||
            regress_copy(r->verdict, sizeof r->verdict, fl[3]) != 0 ||
            regress_copy(r->count, sizeof r->count, fl[4]) != 0 ||
            regress_copy(r->outcomes, sizeof r->outcomes, fl[5]) != 0) {
            snprintf(err, errlen, "%s:%d: expected 6 tab-separated fields: "
                     "variant scenario options verdict interleavings "
                     "outcomes", path, line);
            goto fail;
        }
        r->line = line;
        (*n)++;
    }
    fclose(f);
    return 0;
fail:
    fclose(f);
    free(*rows);
    *rows = NULL;
    return -1;
}

/* Options: "-", "spurious" or "spurious=N". */
static int regress_options(const char *s, int *spurious)
{
    if (strcmp(s, "-") == 0) {
        *spurious = 0;
        return 0;
    }
    if (strcmp(s, "spurious") == 0) {
        *spurious = 1;
        return 0;
    }
    if (strncmp(s, "spurious=", 9) == 0 && s[9] >= '1' && s[9] <= '3' &&
        s[10] == '\0') {
        *spurious = s[9] - '0';
        return 0;
    }
    return -1;
}

/* Run one row; fill the got_* fields.  Returns 0, or -1 with r->why. */
static int regress_row_run(struct regress_row *r, const char *trace_dir)
{
    struct evsim_config cfg;
    struct evsim_engine *e;
    struct explore_opts opts;
    struct explore_result res;
    char err[256], counts[2048];
    size_t k = 0;
    int o;

    memset(&cfg, 0, sizeof cfg);
    cfg.variant = variant_find(r->variant);
    cfg.memmodel = mem_find("sc");
    if (cfg.variant == NULL) {
        snprintf(r->why, sizeof r->why, "no variant or mutant '%s'",
                 r->variant);
        return -1;
    }
    if (scenario_parse(r->scenario, &cfg.scenario, cfg.params, err,
                       sizeof err) != 0) {
        snprintf(r->why, sizeof r->why, "%s", err);
        return -1;
    }
    if (regress_options(r->options, &cfg.spurious) != 0) {
        snprintf(r->why, sizeof r->why, "unknown options '%s' (-, "
                 "spurious, spurious=N)", r->options);
        return -1;
    }
    e = calloc(1, sizeof *e);
    if (e == NULL || engine_open(e, &cfg, err, sizeof err) != 0) {
        snprintf(r->why, sizeof r->why, "%s", e ? err : "out of memory");
        free(e);
        return -1;
    }
    memset(&opts, 0, sizeof opts);
    explore_run(e, &opts, &res);
    report_verdict(&res, r->got_verdict, sizeof r->got_verdict);
    if (res.cyclic) {
        snprintf(r->got_count, sizeof r->got_count, "unbounded");
        snprintf(r->got_outcomes, sizeof r->got_outcomes, "-");
    } else {
        big_format(&res.pool, res.total, r->got_count,
                   sizeof r->got_count);
        for (o = 0; o < EVSIM_N_OUTCOMES; o++) {
            if (big_is_zero(res.count[o]))
                continue;
            big_format(&res.pool, res.count[o], counts, sizeof counts);
            k += (size_t)snprintf(r->got_outcomes + k,
                                  k < sizeof r->got_outcomes
                                      ? sizeof r->got_outcomes - k : 0,
                                  "%s%s=%s", k ? "," : "",
                                  evsim_outcome_name(o), counts);
        }
    }
    if (trace_dir != NULL)
        for (o = 1; o < EVSIM_N_OUTCOMES; o++) {
            char path[700];

            if (res.found[o] &&
                report_write_trace(e, &res, o, trace_dir, path,
                                   sizeof path) != 0)
                snprintf(r->why, sizeof r->why, "cannot write its trace");
        }
    explore_result_free(&res);
    engine_close(e);
    free(e);
    return 0;
}

static const char *regress_abbrev(const char *verdict, char *buf, size_t n)
{
    static const char *const ab[EVSIM_N_OUTCOMES] = {
        "pass", "LW", "AF", "IT", "MU", "SB", "LL",
    };
    char tmp[REGRESS_FIELD], *tok, *save;
    size_t k = 0;

    snprintf(tmp, sizeof tmp, "%s", verdict);
    buf[0] = '\0';
    for (tok = strtok_r(tmp, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        int o = evsim_outcome_parse(tok);

        k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "%s%s",
                              k ? "+" : "", o >= 0 ? ab[o] : "?");
    }
    return buf;
}

/* The matrix: variants down, scenario+options across. */
static void regress_matrix(const struct regress_row *rows, int n, FILE *out)
{
    char cols[64][REGRESS_FIELD * 2];
    char vars[128][REGRESS_FIELD];
    int ncols = 0, nvars = 0, i, j, c;

    for (i = 0; i < n; i++) {
        char col[REGRESS_FIELD * 2];

        snprintf(col, sizeof col, "%s%s%s", rows[i].scenario,
                 strcmp(rows[i].options, "-") ? " " : "",
                 strcmp(rows[i].options, "-") ? rows[i].options : "");
        for (c = 0; c < ncols && strcmp(cols[c], col) != 0; c++)
            ;
        if (c == ncols && ncols < 64)
            strcpy(cols[ncols++], col);
        for (j = 0; j < nvars && strcmp(vars[j], rows[i].variant) != 0; j++)
            ;
        if (j == nvars && nvars < 128)
            strcpy(vars[nvars++], rows[i].variant);
    }
    fprintf(out, "\nverdicts (LW lost wakeup, AF assertion failure, IT "
            "illegal transition, MU misuse,\nLL livelock; * differs from "
            "the table, . not checked; columns:)\n");
    for (c = 0; c < ncols; c++)
        fprintf(out, "  %c  %s\n", 'a' + c, cols[c]);
    fprintf(out, "%-28s", "");
    for (c = 0; c < ncols; c++)
        fprintf(out, " %-7c", 'a' + c);
    fprintf(out, "\n");
    for (j = 0; j < nvars; j++) {
        fprintf(out, "%-28s", vars[j]);
        for (c = 0; c < ncols; c++) {
            char cell[32] = ".", ab[24];

            for (i = 0; i < n; i++) {
                char col[REGRESS_FIELD * 2];

                snprintf(col, sizeof col, "%s%s%s", rows[i].scenario,
                         strcmp(rows[i].options, "-") ? " " : "",
                         strcmp(rows[i].options, "-") ? rows[i].options
                                                      : "");
                if (strcmp(rows[i].variant, vars[j]) == 0 &&
                    strcmp(col, cols[c]) == 0) {
                    snprintf(cell, sizeof cell, "%s%s",
                             regress_abbrev(rows[i].got_verdict[0]
                                                ? rows[i].got_verdict
                                                : rows[i].verdict,
                                            ab, sizeof ab),
                             rows[i].differs ? "*" : "");
                    break;
                }
            }
            fprintf(out, " %-7s", cell);
        }
        fprintf(out, "\n");
    }
}

static int regress_write(const char *path, const struct regress_row *rows,
                         int n)
{
    FILE *f = fopen(path, "wx");
    int i;

    if (f == NULL) {
        fprintf(stderr, "evsim check: cannot create %s (it must not exist "
                "yet)\n", path);
        return -1;
    }
    fprintf(f, "# traces/expected.tsv: what evsim check --all expects "
            "(traces/README.md).\n");
    fprintf(f, "# variant\tscenario\toptions\tverdict\tinterleavings\t"
            "outcomes\n");
    for (i = 0; i < n; i++)
        fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\n", rows[i].variant,
                rows[i].scenario, rows[i].options,
                rows[i].got_verdict[0] ? rows[i].got_verdict
                                       : rows[i].verdict,
                rows[i].got_count[0] ? rows[i].got_count : rows[i].count,
                rows[i].got_outcomes[0] ? rows[i].got_outcomes
                                        : rows[i].outcomes);
    if (fclose(f) != 0) {
        fprintf(stderr, "evsim check: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

int regress_run(const char *table, const char *trace_dir, const char *update,
                FILE *out)
{
    struct regress_row *rows;
    char err[512];
    int n, i, v, ndiff = 0;

    if (regress_read(table, &rows, &n, err, sizeof err) != 0) {
        fprintf(stderr, "evsim check: %s\n", err);
        return 2;
    }
    if (trace_dir != NULL && report_mkdir(trace_dir) != 0) {
        free(rows);
        return 2;
    }
    fprintf(out, "evsim check --all: %d rows of %s, memory model sc\n", n,
            table);
    for (i = 0; i < n; i++) {
        struct regress_row *r = &rows[i];
        char opt[80];

        if (regress_row_run(r, trace_dir) != 0) {
            r->differs = 1;
        } else if (strcmp(r->verdict, r->got_verdict) != 0 ||
                   strcmp(r->count, r->got_count) != 0 ||
                   strcmp(r->outcomes, r->got_outcomes) != 0) {
            r->differs = 1;
            snprintf(r->why, sizeof r->why, "expected %.60s %.60s (%.120s)",
                     r->verdict, r->count, r->outcomes);
        }
        ndiff += r->differs;
        snprintf(opt, sizeof opt, "%s%s", strcmp(r->options, "-") ? " " : "",
                 strcmp(r->options, "-") ? r->options : "");
        fprintf(out, "%s %-28s %-14s%-11s %-24s %s\n",
                r->differs ? "DIFF" : "ok  ", r->variant, r->scenario, opt,
                r->got_verdict[0] ? r->got_verdict : "?",
                r->got_count[0] ? r->got_count : "");
        if (r->differs)
            fprintf(out, "     %s:%d: %s; found %s %s (%s)\n", table,
                    r->line, r->why, r->got_verdict, r->got_count,
                    r->got_outcomes);
    }
    /* Every variant and mutant must have its rows. */
    for (v = 0; v < evsim_nvariants; v++) {
        for (i = 0; i < n; i++)
            if (strcmp(rows[i].variant, evsim_variants[v].name) == 0)
                break;
        if (i == n) {
            fprintf(out, "DIFF %-28s has no row in %s\n",
                    evsim_variants[v].name, table);
            ndiff++;
        }
    }
    regress_matrix(rows, n, out);
    fprintf(out, "\n%d rows, %d as expected, %d differ\n", n, n - ndiff < 0
            ? 0 : n - ndiff, ndiff);
    if (update != NULL && regress_write(update, rows, n) != 0) {
        free(rows);
        return 2;
    }
    free(rows);
    return ndiff ? 1 : 0;
}
