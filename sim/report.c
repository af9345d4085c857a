/* report.c: counts and verdicts as text, and counterexample files. */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "registry.h"
#include "trace.h"

int report_mkdir(const char *dir)
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

/* 1 if the file at path holds exactly buf[0..len). */
static int report_same(const char *path, const char *buf, size_t len,
                       const struct stat *st)
{
    FILE *f;
    char *old;
    int same;

    if ((size_t)st->st_size != len || (f = fopen(path, "r")) == NULL)
        return 0;
    old = malloc(len + 1);
    same = old != NULL && fread(old, 1, len, f) == len &&
           memcmp(old, buf, len) == 0;
    free(old);
    fclose(f);
    return same;
}

int report_write_trace(struct evsim_engine *e, const struct explore_result *r,
                       int o, const char *dir, char *path, size_t n)
{
    char sc[64], base[512], *buf = NULL;
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
    if (mem == NULL) {
        fprintf(stderr, "evsim: out of memory\n");
        return -1;
    }
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
            snprintf(path, n, "%s.trace", base);
        else
            snprintf(path, n, "%s-%d.trace", base, k);
        if (stat(path, &st) == 0) {
            if (report_same(path, buf, len, &st))
                break;                  /* already there */
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
    return 0;
}

void report_counts(const struct explore_result *r, char *buf, size_t n)
{
    char num[700];
    size_t k;
    int o, i;

    if (r->cyclic) {
        snprintf(buf, n, "unbounded: the state graph has a cycle");
        return;
    }
    big_format(&r->pool, r->total, num, sizeof num);
    k = (size_t)snprintf(buf, n, "%s", num);
    for (o = 0, i = 0; o < EVSIM_N_OUTCOMES && k < n; o++) {
        if (big_is_zero(r->count[o]))
            continue;
        big_format(&r->pool, r->count[o], num, sizeof num);
        k += (size_t)snprintf(buf + k, n - k, "%s%s %s", i++ ? ", " : " (",
                              evsim_outcome_name(o), num);
    }
    if (i && k < n)
        snprintf(buf + k, n - k, ")");
}

void report_verdict(const struct explore_result *r, char *buf, size_t n)
{
    size_t k = 0;
    int o;

    buf[0] = '\0';
    for (o = 1; o < EVSIM_N_OUTCOMES && k < n; o++)
        if (r->found[o])
            k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? "," : "",
                                  evsim_outcome_name(o));
    if (k == 0)
        snprintf(buf, n, "pass");
}
