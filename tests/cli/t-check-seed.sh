# The reference email's case passes, for the fast path and the kernel version.
. "$G/../lib.sh"
for v in win32-2015 win32-kernel; do
    expect_exit 0 "$EVSIM" check --variant $v --scenario seed
    mask < "$T/out" > "$T/masked"
    golden check-$v-seed.out "$T/masked"
    [ ! -e evsim-out ] || die "a passing check wrote counterexamples"
done
