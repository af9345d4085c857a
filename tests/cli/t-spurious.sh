# --spurious: the waits that do not loop fail, the ones that loop pass.
. "$G/../lib.sh"
for v in futex-2025 win32-futex condvar; do
    for s in seed broadcast:2 rcu:1,2; do
        expect_exit 0 "$EVSIM" check --variant $v --scenario $s --spurious
    done
done
expect_exit 1 "$EVSIM" check --variant futex-2015 --scenario seed --spurious --trace-dir tr
grep -q "^verdict *VIOLATION: assertion failure$" "$T/out" || die "futex-2015: no assertion failure"
expect_exit 0 "$EVSIM" replay tr/futex-2015.seed.assertion.spurious.trace
grep -q "spurious return from futex_wait(&ev->value, EV_BUSY)" "$T/out" || die "no spurious return in the trace"
expect_exit 1 "$EVSIM" check --variant condvar-if --scenario seed --spurious
expect_exit 0 "$EVSIM" check --variant condvar-if --scenario seed
# Without --spurious, the non-looping futex wait passes.
expect_exit 0 "$EVSIM" check --variant futex-2015 --scenario seed
expect_exit 2 "$EVSIM" check --variant condvar --scenario seed --spurious=9
