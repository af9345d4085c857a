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
# A state budget stops a search too big to finish: exit 3, counts unknown.
expect_exit 3 "$EVSIM" check --variant win32-2015 --scenario rcu:3,3 --max-states 1000
grep -q "^verdict *incomplete: no violation in the first 1000 states" "$T/out" || die "no incomplete verdict"
grep -q "^interleavings  unknown" "$T/out" || die "counts claimed for a stopped search"
expect_exit 3 "$EVSIM" check --variant win32-2015 --scenario rcu:2,2 --stateless --max-states 1000
# A violation found before the budget runs out is still reported.
expect_exit 1 "$EVSIM" check --variant win32-2015 --scenario resetters:2,1 --max-states 600 --trace-dir lim
grep -q "^verdict *VIOLATION: lost wakeup$" "$T/out" || die "violation lost by the budget"
expect_exit 0 "$EVSIM" replay lim/win32-2015.resetters-2-1.lost-wakeup.trace
expect_exit 2 "$EVSIM" check --variant win32-2015 --scenario seed --max-states 0
