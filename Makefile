# Makefile: build evsim, run its tests and benchmarks, and the Windows build.
#
#   make            build $(BUILD)/evsim
#   make run        install what is missing, build, check the default case,
#                   then open the TUI on it
#   make check      install what is missing, then every test: unit, CLI,
#                   malformed input, TUI, independent counts, the zoo, the
#                   Windows build under Wine, the AArch64 build under
#                   qemu-user, and unit, CLI, malformed-input and TUI tests
#                   again under AddressSanitizer+UBSan
#   make bench      context-switch cost and search speed
#   make win32      the Windows programs (win32/win32.mk)
#
# Switches:
#   BUILD=dir       where objects go (default build; the sanitizer pass uses
#                   build-asan)
#   SAN=1           compile with -fsanitize=address,undefined
#   OPT=...         optimisation flags (default -O2 -g)
# Warnings are errors everywhere: the tree must build clean with
# -Wall -Wextra -Werror and the extra checks below.

BUILD ?= build
OPT ?= -O2 -g
CC ?= cc

WARN := -Wall -Wextra -Werror -Wshadow -Wundef -Wmissing-prototypes \
        -Wstrict-prototypes -Wformat=2
CPPFLAGS := -Iimpl -Isim/platform -Isim -Iscenarios -I$(BUILD)
CFLAGS_ALL := -std=gnu11 $(OPT) $(WARN) $(CPPFLAGS)
LDLIBS :=

ifeq ($(SAN),1)
# Fake stacks (use-after-return detection) would move locals off the thread
# stacks the engine captures: keep them off.
CFLAGS_ALL += -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer --param asan-use-after-return=0
LDFLAGS_ALL := -fsanitize=address,undefined
endif

SIM_SRCS := sim/ctx.c sim/statetab.c sim/mem.c sim/engine.c sim/bigcount.c \
            sim/explore.c sim/trace.c sim/registry.c sim/cli.c \
            sim/report.c sim/regress.c
SIM_ASM := sim/ctx-x86_64.S sim/ctx-aarch64.S
SCEN_SRCS := $(wildcard scenarios/*.c)

# Every impl/*.c is a variant; each mutant is a patch on one (impl/mutants/).
VARIANTS := $(sort $(basename $(notdir $(wildcard impl/*.c))))
MUTANTS := $(sort $(basename $(notdir $(wildcard impl/mutants/*.diff))))

VARIANT_OBJS := $(VARIANTS:%=$(BUILD)/impl/%.o) \
                $(MUTANTS:%=$(BUILD)/mutants/%.o)
SIM_OBJS := $(SIM_SRCS:%.c=$(BUILD)/%.o) $(SIM_ASM:%.S=$(BUILD)/%.o)
SCEN_OBJS := $(SCEN_SRCS:%.c=$(BUILD)/%.o)
CORE_OBJS := $(filter-out $(BUILD)/sim/main.o,$(SIM_OBJS)) $(SCEN_OBJS) \
             $(VARIANT_OBJS) $(BUILD)/sources.o

EVSIM := $(BUILD)/evsim

# The TUI (tui/): linked into evsim; the only code that uses ncurses.
TUI_SRCS := $(wildcard tui/*.c)
TUI_OBJS := $(TUI_SRCS:%.c=$(BUILD)/%.o)
TUI_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)

.PHONY: all run check check-core check-unit check-cli check-independent \
        check-asan check-aarch64 check-mingw check-tui check-malformed check-zoo docs bench clean
.DELETE_ON_ERROR:

all: $(EVSIM)

$(EVSIM): $(BUILD)/sim/main.o $(CORE_OBJS) $(TUI_OBJS)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS) $(if $(TUI_OBJS),$(TUI_LIBS))

$(BUILD)/tui/%.o: tui/%.c $(wildcard tui/*.h sim/*.h sim/platform/*.h) impl/qemu-event.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itui -c -o $@ $<

$(BUILD)/sim/%.o: sim/%.c $(wildcard sim/*.h sim/platform/*.h) impl/qemu-event.h $(BUILD)/variants.inc
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/sim/%.o: sim/%.S
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/scenarios/%.o: scenarios/%.c scenarios/scenario.h $(wildcard sim/*.h sim/platform/*.h) impl/qemu-event.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# An algorithm compiled for the simulator: its qemu_event_* functions are
# renamed <id>_qemu_event_* by sim/platform/platform.h.
$(BUILD)/impl/%.o: impl/%.c impl/qemu-event.h $(wildcard sim/platform/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DEVSIM_VARIANT_ID=$(subst -,_,$*) -c -o $@ $<

# A mutant: its patch applied to a copy of the variant it names in its
# "--- a/impl/NAME.c" line, then compiled like a variant.
$(BUILD)/mutants/%.c: impl/mutants/%.diff
	@mkdir -p $(dir $@)
	tools/apply-mutant $< $@

$(BUILD)/mutants/%.o: $(BUILD)/mutants/%.c impl/qemu-event.h $(wildcard sim/platform/*.h)
	$(CC) $(CFLAGS_ALL) -DEVSIM_VARIANT_ID=$(subst -,_,$*) -c -o $@ $<

# The table of variants: EVSIM_VARIANT(id, name, file, summary, base).
$(BUILD)/variants.inc: $(wildcard impl/*.c impl/mutants/*.diff) tools/gen-variants Makefile
	@mkdir -p $(dir $@)
	tools/gen-variants $(VARIANTS:%=impl/%.c) $(MUTANTS:%=impl/mutants/%.diff) > $@

# The sources, embedded for the TUI (by the names __FILE__ gives them).
SOURCES := $(VARIANTS:%=impl/%.c) $(SCEN_SRCS) $(wildcard scenarios/*.h) \
           impl/qemu-event.h
$(BUILD)/sources.c: $(SOURCES) $(MUTANTS:%=$(BUILD)/mutants/%.c) tools/gen-sources
	@mkdir -p $(dir $@)
	tools/gen-sources $(foreach f,$(SOURCES),$(f)=$(f)) \
	    $(foreach m,$(MUTANTS),mutants/$(m).c=$(BUILD)/mutants/$(m).c) > $@

$(BUILD)/sources.o: $(BUILD)/sources.c sim/registry.h
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# Keep the patched mutant sources: the TUI shows them.
.SECONDARY: $(MUTANTS:%=$(BUILD)/mutants/%.c)

# ---- running ----

# The main job: build, check the reference email's case, and open the TUI
# on it (when there is a terminal to open it in).
run:
	tools/install-deps main
	$(MAKE) all
	$(EVSIM) check --variant win32-2015 --scenario seed
	@if [ -t 0 ] && [ -t 1 ]; then $(EVSIM) tui; \
	else echo "(not a terminal: run $(EVSIM) tui in one to step through it)"; fi

# ---- tests ----

UNIT_TESTS := $(sort $(basename $(notdir $(wildcard tests/unit/test-*.c))))
UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/tests/%)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(CORE_OBJS) $(LDLIBS)

check-unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do echo "== $$t"; $$t || exit 1; done

check-cli: $(EVSIM)
	tests/cli/run-all $(EVSIM) $(BUILD)

check-independent: $(EVSIM)
	tests/independent/compare $(EVSIM)
	tests/spin/run $(EVSIM) $(BUILD)

check-tui: $(EVSIM)
	tests/tui/run $(EVSIM) $(BUILD)

check-malformed: $(EVSIM)
	tests/malformed/run $(EVSIM) $(BUILD)/malformed

check-core: check-unit check-cli check-malformed $(if $(TUI_SRCS),check-tui)

# The zoo: one line of every variant changed in a copy must fail check --all;
# docs/zoo.md must be what `make docs` would write now.
check-zoo: $(EVSIM)
	tests/zoo/one-line-change $(BUILD)
	tools/gen-zoo-doc $(EVSIM) docs/zoo.in.md > $(BUILD)/zoo.md
	@cmp -s $(BUILD)/zoo.md docs/zoo.md || { \
	    echo "docs/zoo.md is stale: run make docs"; \
	    diff -u docs/zoo.md $(BUILD)/zoo.md | head -40; exit 1; }
	@echo "docs/zoo.md is current"

# Render docs/zoo.md (the verdict table and the narrated golden traces).
docs: $(EVSIM)
	tools/gen-zoo-doc $(EVSIM) docs/zoo.in.md > docs/zoo.md.tmp
	mv docs/zoo.md.tmp docs/zoo.md

# The AArch64 context switch, for real: the engine cross-compiled and run
# under qemu-user (static, no TUI), the context-switch unit test and the
# whole regression table.
check-aarch64:
	$(MAKE) BUILD=build-aarch64 CC=aarch64-linux-gnu-gcc TUI_SRCS= \
	    LDFLAGS_ALL=-static build-aarch64/evsim build-aarch64/tests/test-ctx
	qemu-aarch64 build-aarch64/tests/test-ctx
	qemu-aarch64 build-aarch64/evsim check --all

check-asan:
	$(MAKE) BUILD=build-asan SAN=1 OPT="-O1 -g" check-core

# The same impl/ files compiled for Windows with mingw-w64 (check-win32 and
# the win32 target of win32/win32.mk build every Windows-capable variant).
check-mingw: win32

check:
	tools/install-deps check
	$(MAKE) all
	$(MAKE) check-core
	$(MAKE) check-independent
	$(MAKE) check-zoo
	$(MAKE) check-win32
	$(MAKE) check-aarch64
	$(MAKE) check-asan
	@echo "make check: all tests passed"

# ---- benchmarks ----

bench: $(BUILD)/bench-sim
	$(BUILD)/bench-sim

$(BUILD)/bench-sim: tests/bench/bench-sim.c $(CORE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(CORE_OBJS) $(LDLIBS)

clean:
	rm -rf build build-asan build-aarch64

-include win32/win32.mk
