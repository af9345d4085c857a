# A trace that no longer matches the code fails, naming the line.
. "$G/../lib.sh"
sed 's/^\(step 9 C .* | \)FREE\( | cond=1.*\)$/\1BUSY\2/' "$G/win32-2015-resetters.trace" > bad.trace
cmp -s bad.trace "$G/win32-2015-resetters.trace" && die "test did not change the trace"
line=$(grep -n "^step 9 " bad.trace | cut -d: -f1)
expect_exit 1 "$EVSIM" replay bad.trace
grep -q "bad.trace:$line: step 9: the trace says the result is 'BUSY', the replay gives 'FREE'" "$T/err" ||
    die "mismatch not named: $(cat "$T/err")"
[ "$(wc -l < "$T/err")" -eq 1 ] || die "more than one line on stderr"
# A thread that cannot run at that point.
sed 's/^step 13 A /step 13 C /' "$G/win32-2015-resetters.trace" > bad2.trace
expect_exit 1 "$EVSIM" replay bad2.trace
grep -q "bad2.trace:[0-9]*: step 13: thread C cannot run here (it has finished)" "$T/err" ||
    die "unrunnable thread not named: $(cat "$T/err")"
