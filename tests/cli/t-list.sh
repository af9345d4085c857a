# evsim list names every variant, mutant, scenario and memory model.
. "$G/../lib.sh"
expect_exit 0 "$EVSIM" list
golden list.out "$T/out"
