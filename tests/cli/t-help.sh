# Every command answers --help, and bad usage is exit 2 with one line.
. "$G/../lib.sh"
expect_exit 0 "$EVSIM" --help
grep -q "^usage: evsim COMMAND" "$T/out" || die "no usage"
for c in list check replay; do
    expect_exit 0 "$EVSIM" $c --help
    grep -q "^usage: evsim $c" "$T/out" || die "$c --help: no usage"
done
expect_exit 2 "$EVSIM"
expect_exit 2 "$EVSIM" frobnicate
[ "$(wc -l < "$T/err")" -eq 1 ] || die "unknown command: not one line"
expect_exit 2 "$EVSIM" check --variant nope --scenario seed
grep -q "unknown variant 'nope'" "$T/err" || die "unknown variant not named"
