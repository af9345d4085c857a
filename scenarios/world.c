/* world.c: the variables every scenario shares, in one capturable region. */
#include "scenario.h"

#include <string.h>

/*
 * The three variables sit in a section of their own, "evsim_shared"; the
 * linker marks its ends with __start_evsim_shared and __stop_evsim_shared,
 * so the engine can copy the region as one block without knowing its
 * layout.  (Sanitizers leave globals in named sections unpadded.)
 */
#define WORLD_SHARED __attribute__((section("evsim_shared"), aligned(16)))

WORLD_SHARED QemuEvent ev;
WORLD_SHARED int cond;
WORLD_SHARED int count;

extern unsigned char __start_evsim_shared[];
extern unsigned char __stop_evsim_shared[];

const struct evsim_variant *world_variant;

void world_region(unsigned char **base, size_t *size)
{
    *base = __start_evsim_shared;
    *size = (size_t)(__stop_evsim_shared - __start_evsim_shared);
}

void world_init(const struct evsim_variant *v)
{
    unsigned char *base;
    size_t size;

    world_region(&base, &size);
    memset(base, 0, size);
    cond = false;
    count = 0;
    ev.value = WORLD_NO_STATE_WORD;
    v->init(&ev, false);
}

void world_teardown(const struct evsim_variant *v)
{
    v->destroy(&ev);
}

unsigned *world_state_word(void)
{
    return &ev.value;
}

int world_locations(struct evsim_location *loc, int max)
{
    const struct evsim_location all[] = {
        { &cond, "cond", 0 },
        { &count, "count", 0 },
        { &ev.value, "ev.value", 1 },
        { &ev.lock.owner, "ev.lock", 0 },
        { &ev.cond.unused, "ev.cond", 0 },
    };
    int n = (int)(sizeof all / sizeof all[0]);

    if (n > max)
        n = max;
    memcpy(loc, all, (size_t)n * sizeof *loc);
    return n;
}

void world_call(enum world_api which, QemuEvent *e, const char *fn,
                const char *file, int line)
{
    struct evsim_frame f;

    f.fn = fn;
    f.file = file;
    f.line = line;
    f.up = NULL;
    engine_push_frame(&f);
    switch (which) {
    case WORLD_SET:
        world_variant->set(e);
        break;
    case WORLD_RESET:
        world_variant->reset(e);
        break;
    case WORLD_WAIT:
        world_variant->wait(e);
        break;
    }
    engine_pop_frame(&f);
}
