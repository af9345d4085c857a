# rcu:3,3 is searched exhaustively (its speed is measured by make bench).
. "$G/../lib.sh"
expect_exit 0 "$EVSIM" check --variant win32-2015 --scenario rcu:3,3
grep -q "^interleavings  165850006341244423500397135206 (pass 165850006341244423500397135206)$" "$T/out" ||
    die "rcu:3,3 count changed: $(field "$T/out" interleavings)"
