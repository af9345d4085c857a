/* registry.h: the variants (impl/) and scenarios (scenarios/) evsim knows. */
#ifndef EVSIM_REGISTRY_H
#define EVSIM_REGISTRY_H

#include "qemu-event.h"
#include "engine.h"

/* One algorithm: a file of impl/ (or a mutant of one), compiled in. */
struct evsim_variant {
    const char *name;           /* "win32-2015" */
    const char *file;           /* "impl/win32-2015.c" */
    const char *summary;        /* the file's first line */
    const char *base;           /* for a mutant, the variant it patches */
    void (*init)(QemuEvent *ev, bool init);
    void (*set)(QemuEvent *ev);
    void (*reset)(QemuEvent *ev);
    void (*wait)(QemuEvent *ev);
    void (*destroy)(QemuEvent *ev);
};

extern const struct evsim_variant evsim_variants[];
extern const int evsim_nvariants;
/* NULL when unknown. */
const struct evsim_variant *variant_find(const char *name);

struct evsim_thread_spec {
    const char *role;           /* "waiter" */
    void (*fn)(void *);
    void *arg;
};

/* One scenario: the threads' code, in scenarios/NAME.c. */
struct evsim_scenario {
    const char *name;           /* "rcu" */
    const char *usage;          /* "rcu:P,K" */
    const char *summary;
    const char *file;           /* "scenarios/rcu.c" */
    int nparams;                /* 0 to 2 */
    int pmin[2], pmax[2];       /* accepted range of each parameter */
    int pdefault[2];            /* when the name is given alone */
    /* Fill specs (EVSIM_MAX_THREADS at most); return the thread count. */
    int (*threads)(const int *params, struct evsim_thread_spec *specs);
};

extern const struct evsim_scenario *const evsim_scenarios[];

/*
 * Parse "rcu:2,1" (or "seed") into *sc and params[2].  Returns 0, or -1 with
 * a one-line message in err (unknown name, bad or out-of-range numbers).
 */
int scenario_parse(const char *text, const struct evsim_scenario **sc,
                   int params[2], char *err, size_t errlen);
/* "rcu:2,1" */
void scenario_format(const struct evsim_scenario *sc, const int params[2],
                     char *buf, size_t n);

/*
 * The world every scenario shares (scenarios/world.c): cond, count and the
 * QemuEvent ev, all in one region that the engine captures whole.
 */
void world_region(unsigned char **base, size_t *size);
/* Zero the world and run the variant's qemu_event_init(&ev, false). */
void world_init(const struct evsim_variant *v);
/* Run the variant's qemu_event_destroy(&ev). */
void world_teardown(const struct evsim_variant *v);
/* Name the world's locations; returns how many (at most max). */
int world_locations(struct evsim_location *loc, int max);
/* &ev.value, for the illegal-transition check. */
unsigned *world_state_word(void);
/* The value world_init leaves in ev.value before the variant's init runs:
 * still there afterwards means the variant has no state word. */
#define WORLD_NO_STATE_WORD 0x5eedf00du

/* The source files, embedded at build time (tools/gen-sources), by the
 * name their call sites carry in __FILE__.  NULL when unknown. */
struct evsim_source {
    const char *path;
    const char *text;
};
extern const struct evsim_source evsim_sources[];
const char *source_find(const char *path);

/* The variant the scenario's threads call (set by engine_open). */
extern const struct evsim_variant *world_variant;

#endif /* EVSIM_REGISTRY_H */
