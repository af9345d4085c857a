#!/bin/sh
# hang.sh: checks that the stress test reports a lost wakeup as a hang instead of waiting forever.
#
# Usage: tests/win32/hang.sh BROKEN_EXE [INTACT_EXE]
#   BROKEN_EXE  stress built on a variant whose wait never gets its wakeup
#               (win32.mk makes it: win32-2015.c with SetEvent removed)
#   INTACT_EXE  optional control: stress on the intact variant, which must
#               pass a short seed and rcu run
# Environment: WINE (default wine; empty to run natively), WINEPREFIX.
#
# For each pattern, the broken program must exit with status 3 (hang) within
# LIMIT seconds, and say which pattern and round hung and the state word.
# Anything else (exit 0, a crash, an overrun, a vague message) fails.
set -u

broken=${1:?usage: hang.sh BROKEN_EXE [INTACT_EXE]}
intact=${2:-}
wine=${WINE-wine}
watchdog=2
limit=30
export WINEDEBUG=-all
out=$(mktemp)
trap 'rm -f "$out"' EXIT
failed=0

fail() {
    echo "hang.sh: FAIL: $*" >&2
    sed 's/^/    /' "$out" >&2
    failed=1
}

for pattern in seed rcu broadcast; do
    start=$(date +%s)
    timeout -k 5 "$limit" $wine "$broken" -w "$watchdog" "$pattern" >"$out" 2>&1
    rc=$?
    elapsed=$(($(date +%s) - start))
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail "$pattern: still running after ${limit} s: the watchdog did not fire"
    elif [ "$rc" -ne 3 ]; then
        fail "$pattern: exit status $rc, expected 3 (hang)"
    elif ! grep -Eq "HANG: pattern $pattern, round [0-9]+:" "$out"; then
        fail "$pattern: the report does not name the pattern and the round"
    elif ! grep -q "state word: " "$out"; then
        fail "$pattern: the report does not show the state word"
    else
        echo "hang.sh: $pattern: hang reported in ${elapsed} s: $(grep -E 'HANG:' "$out" | sed 's/.*HANG: //')"
    fi
done

if [ -n "$intact" ]; then
    # Not broadcast: win32-2015 has a real multi-waiter lost wakeup there.
    # A longer watchdog: the control must not fail because CI is busy.
    if timeout -k 5 "$limit" $wine "$intact" -w 10 seed:2000 \
        rcu:20000 >"$out" 2>&1; then
        echo "hang.sh: control: the intact variant passes the same patterns"
    else
        fail "control: the intact variant failed the same patterns"
    fi
fi

[ "$failed" -eq 0 ] && echo "hang.sh: passed"
exit "$failed"
