# evsim never overwrites a file it did not write the same way.
. "$G/../lib.sh"
v=win32-kernel
f=tr/$v.resetters-2-1.lost-wakeup.trace
expect_exit 1 "$EVSIM" check --variant $v --scenario resetters:2,1 --trace-dir tr
cp "$f" first
# Again: same content, same name, nothing new.
expect_exit 1 "$EVSIM" check --variant $v --scenario resetters:2,1 --trace-dir tr
[ "$(ls tr | wc -l)" -eq 1 ] || die "a second identical run added a file"
# A user's file of that name is kept; the new trace goes beside it.
echo "my notes" > "$f"
expect_exit 1 "$EVSIM" check --variant $v --scenario resetters:2,1 --trace-dir tr
[ "$(cat "$f")" = "my notes" ] || die "the user's file was overwritten"
cmp -s first "tr/$v.resetters-2-1.lost-wakeup-2.trace" || die "no -2 trace"
grep -q "lost-wakeup-2.trace" "$T/out" || die "the new path is not printed"
# A trace dir that is a file is an error, not a crash.
expect_exit 2 "$EVSIM" check --variant $v --scenario resetters:2,1 --trace-dir first
