# A broken fast path (ResetEvent moved after the CAS) loses a wakeup on seed.
. "$G/../lib.sh"
expect_exit 1 "$EVSIM" check --variant win32-2015-reset-after-cas --scenario seed --trace-dir tr
grep -q "^verdict *VIOLATION: lost wakeup$" "$T/out" || die "no lost wakeup reported"
f=tr/win32-2015-reset-after-cas.seed.lost-wakeup.trace
expect_exit 0 "$EVSIM" replay "$f"
grep -q "^lost wakeup: no thread can run, and thread A (waiter) sleeps forever$" "$T/out" ||
    die "the replay does not end in the lost wakeup"
# The step that loses the wakeup: the waiter's ResetEvent after the set.
grep -q "ResetEvent(ev->event)" "$f" || die "trace does not show the late reset"
