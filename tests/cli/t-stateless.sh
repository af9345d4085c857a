# Stateful and stateless searches agree on every count and verdict.
. "$G/../lib.sh"
for v in win32-kernel win32-2015 futex-2015; do
    for s in seed broadcast:2 rcu:1,2 rcu:2,1 resetters:2,1; do
        "$EVSIM" check --variant $v --scenario $s --trace-dir a > a.out
        ra=$?
        "$EVSIM" check --variant $v --scenario $s --stateless --trace-dir b > b.out
        rb=$?
        [ $ra -eq $rb ] || die "$v $s: exit $ra stateful, $rb stateless"
        ia=$(field a.out interleavings)
        ib=$(field b.out interleavings)
        [ -n "$ia" ] && [ "$ia" = "$ib" ] ||
            die "$v $s: interleavings '$ia' stateful, '$ib' stateless"
        [ "$(field a.out deepest)" = "$(field b.out deepest)" ] ||
            die "$v $s: deepest differs"
        # The state table must save work: fewer transitions than the tree.
        ta=$(field a.out transitions)
        tb=$(field b.out transitions)
        [ "$ta" -gt 0 ] && [ "$ta" -le "$tb" ] ||
            die "$v $s: transitions $ta stateful, $tb stateless"
        # Same shortest counterexamples, byte for byte.
        if [ -d a ]; then
            for f in a/*.trace; do
                cmp -s "$f" "b/$(basename "$f")" ||
                    die "$v $s: $(basename "$f") differs between searches"
            done
        fi
        rm -rf a b
    done
done
