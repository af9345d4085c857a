/* cli.c: command-line helpers, and the TUI's entry when it is not built in. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const cli_valued[] = {
    "--variant", "--scenario", "--trace-dir", "--memory", "--max-steps",
    "--trace", "--seed", "--expected", "--update", "--max-states", NULL,
};

int cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0 ||
           strcmp(arg, "help") == 0;
}

int cli_option(int argc, char **argv, int *i, const char *name,
               const char **val)
{
    size_t n = strlen(name);
    const char *a = argv[*i];

    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != '\0' || *i + 1 >= argc)
        return 0;
    *i += 1;
    *val = argv[*i];
    return 1;
}

int cli_missing_value(const char *arg)
{
    int k;

    for (k = 0; cli_valued[k] != NULL; k++)
        if (strcmp(arg, cli_valued[k]) == 0)
            return 1;
    return 0;
}

int cli_uint(const char *s, uint32_t lo, uint32_t hi, uint32_t *out)
{
    char *end;
    unsigned long long v;

    if (*s < '0' || *s > '9' || strlen(s) > 12)
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

__attribute__((weak)) const char *cli_tui_usage(void)
{
    return "";
}

__attribute__((weak)) int cli_tui(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "evsim: this build has no TUI (tui/ was not built in)\n");
    return 2;
}
