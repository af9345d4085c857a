/* trace.h: reading, writing and replaying trace files (traces/FORMAT.md). */
#ifndef EVSIM_TRACE_H
#define EVSIM_TRACE_H

#include <stdint.h>
#include <stdio.h>
#include "engine.h"

#define TRACE_VERSION 1
#define TRACE_MAX_LINE 4096             /* bytes in one line, newline included */
#define TRACE_MAX_STEPS 100000

struct trace_step {
    int line;                           /* line number in the file */
    int thread;                         /* 0 for A */
    char *where, *op, *args, *result, *state;
};

struct trace {
    char variant[64];
    char scenario[64];
    char memory[16];
    int spurious;
    uint32_t max_steps;                 /* 0: none */
    char threads[256];                  /* "A=waiter B=notifier" */
    struct trace_step *step;
    uint32_t nsteps;
    int end;                            /* outcome on the end line, or -1 */
    uint32_t loop_from;                 /* livelock: step the loop returns to */
    int end_line;
};

/*
 * Parse `path`.  Returns 0, or -1 with "FILE:LINE: what is wrong" in err.
 * Never trusts the file: lengths, counts and fields are all checked.
 */
int trace_read(const char *path, struct trace *tr, char *err, size_t errlen);
void trace_free(struct trace *tr);

/* Header lines for an engine's configuration. */
void trace_write_header(FILE *f, const struct evsim_engine *e);
/* One step line (step n, described by s, with the engine in the state
 * after it). */
void trace_write_step(FILE *f, const struct evsim_engine *e, uint32_t n,
                      const struct evsim_step *s);
/* "end OUTCOME [loop_from]" */
void trace_write_end(FILE *f, int outcome, uint32_t loop_from);

/*
 * Run `schedule` (thread indices) from the engine's current state, writing
 * a complete trace to f; the last line records `outcome`.  Returns 0, or -1
 * if the schedule cannot be followed (a thread not enabled).
 */
int trace_write_schedule(FILE *f, struct evsim_engine *e,
                         const uint8_t *schedule, uint32_t len, int outcome,
                         uint32_t loop_from);

/*
 * Replay tr on a fresh engine: check every recorded field and the final
 * outcome; narrate to out (NULL for none).  Returns 0 when everything
 * matches, 1 on the first mismatch (described in err, naming the line),
 * 2 when the trace names something unknown (err says what).
 */
int trace_replay(const struct trace *tr, const char *path, FILE *out,
                 char *err, size_t errlen);

/* Set up cfg from a trace's header.  Returns 0, or -1 with err. */
int trace_config(const struct trace *tr, struct evsim_config *cfg,
                 char *err, size_t errlen);

#endif /* EVSIM_TRACE_H */
