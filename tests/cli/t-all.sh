# check --all: every row of traces/expected.tsv as expected, nothing missing.
. "$G/../lib.sh"
root=$G/../../..
expect_exit 0 "$EVSIM" check --all --expected "$root/traces/expected.tsv"
grep -q "^[0-9]* rows, [0-9]* as expected, 0 differ$" "$T/out" || die "summary"
rows=$(grep -c -v '^#' "$root/traces/expected.tsv")
grep -q "^$rows rows, $rows as expected" "$T/out" || die "not every row ran"
# Every variant and mutant evsim knows has rows.
"$EVSIM" list | awk '/^(variants|mutants):/{f=1;next} /^[a-z]/{f=0} f{print $1}' > names
[ -s names ] || die "no variants listed"
while read -r v; do
    grep -q "^$v	" "$root/traces/expected.tsv" || die "$v has no row"
done < names
# A table that expects something else fails, naming the row's line.
sed 's/^\(win32-2015	seed	-	pass	\)67	pass=67$/\168	pass=68/' \
    "$root/traces/expected.tsv" > wrong.tsv
cmp -s wrong.tsv "$root/traces/expected.tsv" && die "test did not change the table"
line=$(grep -n "^win32-2015	seed	-	" wrong.tsv | cut -d: -f1)
expect_exit 1 "$EVSIM" check --all --expected wrong.tsv
grep -q "^DIFF win32-2015  *seed " "$T/out" || die "the row is not marked"
grep -q "wrong.tsv:$line: expected pass 68 (pass=68); found pass 67 (pass=67)" "$T/out" ||
    die "the differing row is not named"
grep -q "^1 differ$\|, 1 differ$" "$T/out" || die "not exactly one difference"
# A variant missing from the table is a difference too.
grep -v "^condvar	" "$root/traces/expected.tsv" > missing.tsv
expect_exit 1 "$EVSIM" check --all --expected missing.tsv
grep -q "^DIFF condvar  *has no row in missing.tsv$" "$T/out" || die "missing variant not reported"
# A malformed table is an input error.
printf 'win32-2015\tseed\n' > bad.tsv
expect_exit 2 "$EVSIM" check --all --expected bad.tsv
grep -q "bad.tsv:1: expected 6 tab-separated fields" "$T/err" || die "bad table not named"
