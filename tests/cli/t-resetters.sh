# resetters:2,1 loses a wakeup in both Win32 variants; the trace replays.
. "$G/../lib.sh"
for v in win32-2015 win32-kernel; do
    expect_exit 1 "$EVSIM" check --variant $v --scenario resetters:2,1 --trace-dir tr
    mask < "$T/out" > "$T/masked"
    golden check-$v-resetters.out "$T/masked"
    f=tr/$v.resetters-2-1.lost-wakeup.trace
    [ -f "$f" ] || die "no trace at $f"
    grep -q "^end lost-wakeup$" "$f" || die "$f does not end in lost-wakeup"
    golden $v-resetters.trace "$f"
    expect_exit 0 "$EVSIM" replay "$f"
    cp "$T/out" replay1
    golden replay-$v-resetters.out replay1
    # The same command with the same input prints the same bytes.
    expect_exit 0 "$EVSIM" replay "$f"
    cmp -s replay1 "$T/out" || die "replay is not deterministic"
done
