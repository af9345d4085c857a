# lib.sh: helpers for the CLI tests (sourced by each t-*.sh).
set -u

die() {
    echo "$*" >&2
    exit 1
}

# mask: hide what varies by build or machine.  Distinct states and
# transitions depend on the compiled code (dead stack slots keep states
# apart; see sim/README.md), time on the machine; interleavings do not.
mask() {
    sed -E 's/^(states|transitions) +[0-9]+/\1 N/; s/^time +.*/time T/'
}

# expect_exit CODE CMD...: run CMD, stdout to $T/out, stderr to $T/err.
expect_exit() {
    want=$1
    shift
    "$@" > "$T/out" 2> "$T/err"
    got=$?
    [ "$got" -eq "$want" ] || die "exit $got, expected $want: $*
--- stdout
$(cat "$T/out")
--- stderr
$(cat "$T/err")"
}

# golden NAME FILE: FILE must equal golden/NAME (EVSIM_BLESS=1 rewrites it).
golden() {
    if [ "${EVSIM_BLESS:-}" = 1 ]; then
        cp "$2" "$G/$1"
        return 0
    fi
    cmp -s "$G/$1" "$2" || die "output differs from golden/$1:
$(diff -u "$G/$1" "$2" | head -40)"
}

# field FILE KEY: the value of the report line KEY in FILE.
field() {
    sed -n "s/^$2  *//p" "$1"
}
