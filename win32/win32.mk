# win32.mk: the Windows build (mingw-w64), its stress test under Wine and natively on Linux, the benchmark.
#
# Included by the top-level Makefile (-include win32/win32.mk), or used alone:
#   make -f win32/win32.mk [BUILD=build] win32 | check-win32 | bench-win32
#
# Targets:
#   win32        $(BUILD)/win32/libqemuevent.a and include/, one stress-<v>.exe
#                per Windows variant, bench.exe
#   check-win32  every stress-<v>.exe under Wine (prefix in $(BUILD)/wineprefix,
#                WINEDEBUG=-all), the same patterns natively on Linux for the
#                variants that build there (futex, condvar: linux/platform.h),
#                and the hang test (tests/win32/hang.sh); about 90 s
#                from scratch on a 2-vCPU machine
#   bench-win32  runs bench.exe under Wine and prints its table
#   win32-known-bugs  (not in check) runs broadcast on the HANDLE-based
#                variants until their multi-waiter lost wakeup shows as a hang
#
# The impl/*.c files are compiled in place, never copied (but the hang test's
# deliberately broken variant, which is made by sed in $(BUILD)).  Each
# variant is compiled with -DEVSIM_VARIANT_ID=<id>, so that its functions are
# <id>_qemu_event_*: all of them fit in one library and one benchmark.  The
# library also holds $(WIN32_DEFAULT_VARIANT) under QEMU's own names.
#
# Knobs: WIN32_STRESS_ARGS, LINUX_STRESS_ARGS (patterns and counts: run a
# stress program with a bad argument for its usage), WIN32_WATCHDOG (seconds
# a round may take), WIN32_VARIANTS, LINUX_VARIANTS.

BUILD ?= build
WIN32_CC ?= x86_64-w64-mingw32-gcc
WIN32_AR ?= x86_64-w64-mingw32-ar
LINUX_CC ?= gcc
WINE ?= wine
WINESERVER ?= wineserver

# Every impl/ variant that can run there: on Windows, those that do not
# sleep on futex_wait; natively on Linux, those that make no Win32 call.
# The kernel-only variant comes first: the benchmark compares with it.
W32_IMPLS := $(patsubst impl/%.c,%,$(wildcard impl/*.c))
ifndef WIN32_VARIANTS
WIN32_VARIANTS := $(filter win32-kernel,$(W32_IMPLS)) $(filter-out win32-kernel,\
	$(patsubst impl/%.c,%,$(shell grep -L -e futex_wait -e futex_wake impl/*.c)))
endif
ifndef LINUX_VARIANTS
LINUX_VARIANTS := $(patsubst impl/%.c,%,$(shell grep -L -e CreateEvent \
	-e WaitOnAddress -e WakeByAddressAll impl/*.c))
endif
WIN32_DEFAULT_VARIANT ?= win32-futex

# Seconds a round may take before it is a hang (a round takes microseconds;
# the margin is for a loaded CI machine).
WIN32_WATCHDOG ?= 10
WIN32_STRESS_ARGS ?= seed:10000 rcu:1000000 broadcast:4000
# The HANDLE-based fast paths (win32-2015, -2017, -2023) lose a wakeup when
# several waiters race (docs/win32.md): under Wine, broadcast hangs about
# once in 20000 rounds.  check-win32 runs them on the patterns they are
# correct for (one waiter); win32-known-bugs shows the hang.
WIN32_MULTIWAITER_BUG ?= win32-2015 win32-2017 win32-2023
WIN32_STRESS_ARGS_ONE_WAITER ?= seed:10000 rcu:1000000
WIN32_KNOWN_BUG_ROUNDS ?= 200000
LINUX_STRESS_ARGS ?= seed:50000 rcu:1000000 broadcast:10000
# A stress run that outlives this is killed, should the watchdog itself fail.
WIN32_STRESS_LIMIT ?= 170

WIN32_WARN := -Wall -Wextra -Werror -Wshadow -Wundef -Wmissing-prototypes \
	-Wstrict-prototypes
WIN32_CFLAGS ?= -std=gnu11 -O2 -g

W32 := $(BUILD)/win32
W32_OBJ := $(W32)/obj
W32_LINUX := $(BUILD)/linux
W32_PREFIX := $(abspath $(BUILD)/wineprefix)
W32_WINE_ENV := WINEPREFIX=$(W32_PREFIX) WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="

W32_ID = $(subst -,_,$(1))
W32_HDRS := impl/qemu-event.h impl/variant-names.h win32/platform.h win32/platform-gcc.h win32/os.h
W32_LINUX_HDRS := impl/qemu-event.h impl/variant-names.h linux/platform.h win32/platform-gcc.h win32/os.h
W32_MINGW := $(WIN32_CC) $(WIN32_CFLAGS) $(WIN32_WARN) -Iwin32 -Iimpl
W32_NATIVE := $(LINUX_CC) $(WIN32_CFLAGS) $(WIN32_WARN) -Ilinux -Iimpl -pthread
W32_LIBS := -L$(W32) -lqemuevent -lsynchronization -static

W32_VARIANT_OBJS := $(foreach v,$(WIN32_VARIANTS),$(W32_OBJ)/$(v).o)
W32_STRESS := $(foreach v,$(WIN32_VARIANTS),$(W32)/stress-$(v).exe)
W32_LINUX_STRESS := $(foreach v,$(LINUX_VARIANTS),$(W32_LINUX)/stress-$(v))
W32_HANG_EXE := $(W32)/hang/stress-win32-2015-nosetevent.exe

# Keep the native objects: they are intermediate to a pattern rule.
.SECONDARY: $(foreach v,$(LINUX_VARIANTS),$(W32_LINUX)/obj/$(v).o)

.PHONY: win32 check-win32 bench-win32 win32-check-stress win32-check-linux \
	win32-wineserver \
	win32-check-hang win32-known-bugs

win32: $(W32)/libqemuevent.a $(W32)/include/qemu-event.h $(W32_STRESS) \
	$(W32)/bench.exe

# ---- library and header ----
$(W32_OBJ)/%.o: impl/%.c $(W32_HDRS)
	@mkdir -p $(@D)
	$(W32_MINGW) -DEVSIM_VARIANT_ID=$(call W32_ID,$*) -c $< -o $@

$(W32_OBJ)/qemu-event-default.o: impl/$(WIN32_DEFAULT_VARIANT).c $(W32_HDRS)
	@mkdir -p $(@D)
	$(W32_MINGW) -c $< -o $@

$(W32_OBJ)/os-win32.o: win32/os-win32.c win32/os.h
	@mkdir -p $(@D)
	$(W32_MINGW) -c $< -o $@

$(W32)/libqemuevent.a: $(W32_VARIANT_OBJS) $(W32_OBJ)/qemu-event-default.o
	rm -f $@
	$(WIN32_AR) rcs $@ $^

# The header a user compiles against: qemu-event.h with the Windows platform.
$(W32)/include/qemu-event.h: impl/qemu-event.h impl/variant-names.h win32/platform.h win32/platform-gcc.h
	@mkdir -p $(@D)
	cp impl/qemu-event.h impl/variant-names.h win32/platform.h win32/platform-gcc.h $(@D)/

# ---- stress, one program per variant ----
$(W32)/stress-%.exe: win32/stress.c $(W32)/libqemuevent.a $(W32_OBJ)/os-win32.o $(W32_HDRS)
	$(W32_MINGW) -DEVSIM_VARIANT_ID=$(call W32_ID,$*) win32/stress.c \
		$(W32_OBJ)/os-win32.o $(W32_LIBS) -o $@

# ---- benchmark: every variant in one program ----
$(W32)/bench.exe: win32/bench.c $(W32)/libqemuevent.a $(W32_OBJ)/os-win32.o $(W32_HDRS)
	$(W32_MINGW) '-DBENCH_VARIANTS=$(foreach v,$(WIN32_VARIANTS),BENCH_VARIANT($(call W32_ID,$(v))))' \
		win32/bench.c $(W32_OBJ)/os-win32.o $(W32_LIBS) -o $@

# ---- native Linux: the futex variants on real futexes ----
$(W32_LINUX)/obj/%.o: impl/%.c $(W32_LINUX_HDRS)
	@mkdir -p $(@D)
	$(W32_NATIVE) -DEVSIM_VARIANT_ID=$(call W32_ID,$*) -c $< -o $@

$(W32_LINUX)/obj/os-linux.o: linux/os-linux.c win32/os.h
	@mkdir -p $(@D)
	$(W32_NATIVE) -c $< -o $@

$(W32_LINUX)/stress-%: win32/stress.c $(W32_LINUX)/obj/%.o $(W32_LINUX)/obj/os-linux.o $(W32_LINUX_HDRS)
	$(W32_NATIVE) -DEVSIM_VARIANT_ID=$(call W32_ID,$*) win32/stress.c \
		$(W32_LINUX)/obj/$*.o $(W32_LINUX)/obj/os-linux.o -o $@

# ---- the hang test's broken variant: win32-2015 without its SetEvent ----
$(W32)/hang/win32-2015-nosetevent.c: impl/win32-2015.c
	@mkdir -p $(@D)
	sed 's|SetEvent(ev->event);|/* SetEvent removed by win32.mk: the wakeup is lost */;|' $< > $@
	@grep -q 'SetEvent removed' $@ && ! grep -q 'SetEvent(' $@ || \
		{ echo "win32.mk: could not remove SetEvent from $<" >&2; rm -f $@; exit 1; }

$(W32_HANG_EXE): $(W32)/hang/win32-2015-nosetevent.c win32/stress.c $(W32_OBJ)/os-win32.o $(W32_HDRS)
	$(W32_MINGW) -DEVSIM_VARIANT_ID=win32_2015_nosetevent \
		-c $< -o $(W32)/hang/win32-2015-nosetevent.o
	$(W32_MINGW) -DEVSIM_VARIANT_ID=win32_2015_nosetevent win32/stress.c \
		$(W32)/hang/win32-2015-nosetevent.o $(W32_OBJ)/os-win32.o \
		-lsynchronization -static -o $@

# ---- Wine prefix, in the build tree ----
$(W32_PREFIX)/.evsim-ready:
	@mkdir -p $(W32_PREFIX)
	@echo "wine: creating the prefix $(W32_PREFIX)"
	$(W32_WINE_ENV) $(WINE) wineboot -i > $(BUILD)/wineprefix.log 2>&1
	$(W32_WINE_ENV) $(WINESERVER) -w
	@touch $@

# ---- check ----
check-win32: win32 win32-check-stress win32-check-linux win32-check-hang
	-@$(W32_WINE_ENV) $(WINESERVER) -k 2>/dev/null
	@echo "check-win32: passed"

# A persistent wineserver for the runs below (check-win32 stops it): one that
# exits a few seconds after its last client can be shutting down just as
# the next program connects, which then dies with "wine client error: ...
# Connection reset by peer" before it prints anything.
win32-wineserver: $(W32_PREFIX)/.evsim-ready
	$(W32_WINE_ENV) $(WINESERVER) -p 2>/dev/null || true

win32-check-stress: $(W32_STRESS) win32-wineserver
	@set -e; $(foreach v,$(WIN32_VARIANTS),\
		echo "wine $(W32)/stress-$(v).exe"; \
		$(W32_WINE_ENV) timeout -k 5 $(WIN32_STRESS_LIMIT) $(WINE) \
			$(W32)/stress-$(v).exe -w $(WIN32_WATCHDOG) \
			$(if $(filter $(v),$(WIN32_MULTIWAITER_BUG)),$(WIN32_STRESS_ARGS_ONE_WAITER),$(WIN32_STRESS_ARGS));)

win32-check-linux: $(W32_LINUX_STRESS)
	@set -e; for exe in $(W32_LINUX_STRESS); do \
		echo "native $$exe"; \
		timeout -k 5 $(WIN32_STRESS_LIMIT) $$exe -w $(WIN32_WATCHDOG) \
			$(LINUX_STRESS_ARGS); \
	done

win32-check-hang: $(W32_HANG_EXE) $(W32)/stress-win32-2015.exe win32-wineserver
	WINE="$(WINE)" WINEPREFIX=$(W32_PREFIX) tests/win32/hang.sh \
		$(W32_HANG_EXE) $(W32)/stress-win32-2015.exe

# Not part of check-win32: shows the multi-waiter lost wakeup of the
# HANDLE-based variants under Wine (expected: a HANG report and exit 3 for
# each, usually within a minute).
win32-known-bugs: $(foreach v,$(WIN32_MULTIWAITER_BUG),$(W32)/stress-$(v).exe) \
		$(W32_PREFIX)/.evsim-ready
	@$(foreach v,$(WIN32_MULTIWAITER_BUG),\
	$(W32_WINE_ENV) $(WINE) $(W32)/stress-$(v).exe -w 5 \
		broadcast:$(WIN32_KNOWN_BUG_ROUNDS); rc=$$?; \
	if [ $$rc -eq 3 ]; then echo "win32-known-bugs: $(v) hung, as expected"; \
	else echo "win32-known-bugs: $(v) did not hang this time (exit $$rc)"; fi;)

bench-win32: $(W32)/bench.exe $(W32_PREFIX)/.evsim-ready
	@$(W32_WINE_ENV) $(WINE) $(W32)/bench.exe

# Used alone (make -f win32/win32.mk), `win32` is the default goal; included,
# leave the choice of default goal to the including Makefile.
ifneq ($(notdir $(firstword $(MAKEFILE_LIST))),win32.mk)
ifeq ($(.DEFAULT_GOAL),win32)
.DEFAULT_GOAL :=
endif
endif
