# A step bound cuts long schedules: exit 3, and the cut schedule replays.
. "$G/../lib.sh"
expect_exit 3 "$EVSIM" check --variant win32-2015 --scenario seed --max-steps 6 --trace-dir tr
grep -q "^verdict *incomplete" "$T/out" || die "verdict is not incomplete"
grep -q "step-bound" "$T/out" || die "no step-bound count"
f=tr/win32-2015.seed.step-bound.trace
grep -c "^step " "$f" | grep -qx 6 || die "the bound trace is not 6 steps"
expect_exit 0 "$EVSIM" replay "$f"
# A bound no schedule reaches changes nothing.
expect_exit 0 "$EVSIM" check --variant win32-2015 --scenario seed --max-steps 100
grep -q "^interleavings  67 (pass 67)$" "$T/out" || die "bounded count differs"
