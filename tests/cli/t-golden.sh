# Every golden counterexample replays, and the search still finds exactly them.
. "$G/../lib.sh"
root=$G/../../..
n=0
for f in "$root"/traces/golden/*.trace; do
    "$EVSIM" replay "$f" > /dev/null 2> err || die "$(basename "$f") no longer replays: $(cat err)"
    n=$((n + 1))
done
[ "$n" -gt 0 ] || die "no golden traces"
# One per failing row and kind, byte for byte what check --all writes now.
expect_exit 0 "$EVSIM" check --all --expected "$root/traces/expected.tsv" --trace-dir now
(cd now && ls) > now.list
(cd "$root/traces/golden" && ls) > golden.list
cmp -s now.list golden.list || die "the set of counterexamples changed:
$(diff golden.list now.list)"
for f in now/*.trace; do
    cmp -s "$f" "$root/traces/golden/$(basename "$f")" ||
        die "$(basename "$f") differs from the golden trace"
done
