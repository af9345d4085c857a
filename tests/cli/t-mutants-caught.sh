# Every mutant is caught somewhere, with a golden trace, unless its own
# paragraph says why it is harmless.
. "$G/../lib.sh"
root=$G/../../..
"$EVSIM" list | awk '/^mutants:/{f=1;next} /^[a-z]/{f=0} f{print $1}' > mutants
[ "$(wc -l < mutants)" -ge 8 ] || die "fewer than 8 mutants"
while read -r m; do
    caught=$(awk -F '\t' -v m="$m" '$1 == m && $4 != "pass"' "$root/traces/expected.tsv" | wc -l)
    if [ "$caught" -gt 0 ]; then
        ls "$root/traces/golden/$m".*.trace > /dev/null 2>&1 || die "$m: caught but no golden trace"
        for f in "$root/traces/golden/$m".*.trace; do
            "$EVSIM" replay "$f" > /dev/null 2>&1 || die "$f does not replay"
        done
    else
        sed -n '1,/^---/p' "$root/impl/mutants/$m.diff" | grep -qi "harmless" ||
            die "$m passes everywhere and its paragraph does not say why it is harmless"
    fi
done < mutants
