/* report.h: what evsim check prints and writes, shared by one check and --all. */
#ifndef EVSIM_REPORT_H
#define EVSIM_REPORT_H

#include <stddef.h>
#include "engine.h"
#include "explore.h"

/* Make sure dir exists (creating it, not its parents).  Returns 0, or -1
 * after printing why not. */
int report_mkdir(const char *dir);

/*
 * Write the shortest counterexample of outcome o as a trace in dir, named
 * VARIANT.SCENARIO.OUTCOME[.spurious].trace.  Never overwrites a different
 * file: a file of that name with other content is kept and the trace goes
 * to NAME-2.trace, -3, ...; an identical file is left as it is.  The path
 * used goes to path.  Returns 0, or -1 after printing why not.
 */
int report_write_trace(struct evsim_engine *e, const struct explore_result *r,
                       int o, const char *dir, char *path, size_t n);

/* "86348 (pass 86078, lost-wakeup 270)", or "unbounded: ..." for a graph
 * with a cycle. */
void report_counts(const struct explore_result *r, char *buf, size_t n);

/* "pass", or the violations found: "lost-wakeup,assertion". */
void report_verdict(const struct explore_result *r, char *buf, size_t n);

#endif /* EVSIM_REPORT_H */
