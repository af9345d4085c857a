/* regress.h: the regression check over the table of expected verdicts. */
#ifndef EVSIM_REGRESS_H
#define EVSIM_REGRESS_H

#include <stdio.h>

/*
 * Run every row of `table` (traces/expected.tsv, described in
 * traces/README.md): variant, scenario, options, and the verdict and exact
 * counts expected.  Prints one line per row, marking those that differ with
 * the table's line, then a variant x scenario matrix, to out.  A variant or
 * mutant with no row at all is a difference too.  With trace_dir, writes the
 * shortest counterexample of every violation found there; with update,
 * writes the table with the values found to that new file (it must not
 * exist).  Returns 0 when every row is as expected, 1 when some differ, 2
 * when the table cannot be read.
 */
int regress_run(const char *table, const char *trace_dir, const char *update,
                FILE *out);

#endif /* EVSIM_REGRESS_H */
