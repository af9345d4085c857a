/* cli.h: small helpers for evsim's command-line parsing. */
#ifndef EVSIM_CLI_H
#define EVSIM_CLI_H

#include <stdint.h>

/* 1 for -h, --help, help. */
int cli_is_help(const char *arg);

/*
 * Match argv[*i] against `name` as "--name VALUE" or "--name=VALUE".  On a
 * match, *val points at the value, *i is advanced past it, and 1 is
 * returned; a missing value is left for cli_missing_value to report.
 */
int cli_option(int argc, char **argv, int *i, const char *name,
               const char **val);

/* 1 if arg is an option that takes a value but came without one. */
int cli_missing_value(const char *arg);

/* A decimal number from lo to hi, nothing else.  Returns 0 or -1. */
int cli_uint(const char *s, uint32_t lo, uint32_t hi, uint32_t *out);

/* The TUI: its usage line for `evsim --help`, and `evsim tui`.  A build
 * without tui/ answers that it has none. */
const char *cli_tui_usage(void);
int cli_tui(int argc, char **argv);

#endif /* EVSIM_CLI_H */
