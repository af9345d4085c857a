# expect.awk: the exit status `evsim replay` must give for a damaged trace.
#
#   awk -f expect.awk -v variants="v1 v2 ..." ORIGINAL DAMAGED
#
# ORIGINAL is a trace that replays exactly (exit 0); DAMAGED is a copy with
# some bytes changed or cut off (no NUL bytes, no line over the length
# limit: the caller tests those by hand).  Prints "CODE why": the status
# traces/FORMAT.md and `evsim replay --help` promise, worked out from the
# format alone, not from evsim's code:
#
#   2  the file is not a well-formed trace (the reader's rules below), or it
#      names an unknown variant or memory model;
#   1  it is well formed, but differs from what a replay produces: the
#      threads line, any field of any step, extra steps, or an end line that
#      does not hold where it stands (ORIGINAL, a shortest counterexample,
#      ends the only way it can after its steps; a prefix of it cannot end
#      that way);
#   0  every step is a step of ORIGINAL, in order, and the end line is
#      ORIGINAL's or absent (an unfinished schedule), or `end step-bound`.
#
# A changed scenario line prints "? ..." (the caller keeps header lines
# intact, or cuts them, which leaves the header incomplete anyway).

function is_uint(s, max) {
    return s ~ /^[0-9]+$/ && s + 0 <= max
}

function is_word(s, size) {
    return s != "" && length(s) < size && s ~ /^[!-~]+$/
}

# The start of the last " | " in s, or 0.
function last_sep(s,    i, last) {
    last = 0
    for (i = 1; i + 2 <= length(s); i++)
        if (substr(s, i, 3) == " | ")
            last = i
    return last
}

function verdict(code, why) {
    if (!decided) {
        decided = 1
        print code, why
    }
}

# Parse the step line t (leading blanks gone) into step[n, *]; 0 if bad.
function parse_step(t, n, file,    rest, num, th, p, i, f, where, fld) {
    rest = substr(t, 6)
    sub(/^ +/, "", rest)                        # strtok skips delimiters
    if (rest == "")
        return 0
    p = index(rest, " ")
    if (p == 0)
        return 0                                # no thread token
    num = substr(rest, 1, p - 1)
    rest = substr(rest, p + 1)
    sub(/^ +/, "", rest)
    if (rest == "")
        return 0
    p = index(rest, " ")
    if (p == 0) {
        th = rest
        rest = ""
    } else {
        th = substr(rest, 1, p - 1)
        rest = substr(rest, p + 1)
    }
    if (!is_uint(num, 100000) || num + 0 != n)
        return 0
    if (length(th) != 1 || index("ABCDEFGH", th) == 0)
        return 0
    p = index(rest, " | ")
    if (p == 0)
        return 0
    where = substr(rest, 1, p - 1)
    f = substr(rest, p + 3)
    for (i = 3; i >= 1; i--) {
        p = last_sep(f)
        if (p == 0)
            return 0
        fld[i] = substr(f, p + 3)
        f = substr(f, 1, p - 1)
    }
    if (where == "" || index(where, " ") > 0)
        return 0
    step[file, n] = th SUBSEP where SUBSEP f SUBSEP fld[1] SUBSEP fld[2] \
        SUBSEP fld[3]
    return 1
}

# Read one trace (file 1 or 2) line by line; returns "" or what is wrong.
function read_line(file, line, lnum,    t, sp, key, val, arg) {
    sub(/\r$/, "", line)
    t = line
    sub(/^[ \t]+/, "", t)
    if (t == "" || substr(t, 1, 1) == "#")
        return ""
    if (ended[file])
        return "text after the end line"
    if (!version[file]) {
        if (substr(t, 1, 12) != "evsim-trace " || !is_uint(substr(t, 13), \
            1000000) || substr(t, 13) + 0 != 1)
            return "not an evsim-trace 1 file"
        version[file] = 1
        return ""
    }
    if (substr(t, 1, 5) == "step ") {
        if (hdr[file, "variant"] == "" || hdr[file, "scenario"] == "" ||
            hdr[file, "threads"] == "")
            return "step before the header"
        if (nsteps[file] >= 100000)
            return "too many steps"
        if (!parse_step(t, nsteps[file] + 1, file))
            return "malformed step line"
        nsteps[file]++
        return ""
    }
    sp = index(t, " ")
    if (sp == 0)
        return "no KEY VALUE"
    key = substr(t, 1, sp - 1)
    val = substr(t, sp + 1)
    if (key == "variant" || key == "scenario" || key == "memory") {
        if (!is_word(val, key == "memory" ? 16 : 64))
            return "bad " key
        hdr[file, key] = val
    } else if (key == "max-steps") {
        if (!is_uint(val, 100000))
            return "bad max-steps"
    } else if (key == "spurious") {
        if (!is_uint(val, 3) && val != "yes" && val != "no")
            return "bad spurious"
        hdr[file, key] = val
    } else if (key == "threads") {
        if (length(val) >= 256)
            return "threads too long"
        hdr[file, key] = val
    } else if (key == "end") {
        arg = ""
        sp = index(val, " ")
        if (sp > 0) {
            arg = substr(val, sp + 1)
            val = substr(val, 1, sp - 1)
        }
        if (val !~ /^(pass|lost-wakeup|assertion|illegal-transition|misuse|step-bound|livelock)$/)
            return "unknown outcome"
        if ((val == "livelock") != (sp > 0) ||
            (sp > 0 && !is_uint(arg, nsteps[file])))
            return "bad end arguments"
        ended[file] = 1
        endv[file] = val " " arg
        endn[file] = nsteps[file]
    } else {
        return "unknown key"
    }
    return ""
}

FNR == 1 { file++ }
{
    if (bad[file] == "") {
        why = read_line(file, $0, FNR)
        if (why != "")
            bad[file] = "line " FNR ": " why
    }
}

END {
    if (file < 2)
        file = 2                                # DAMAGED is empty
    for (f = 1; f <= 2; f++) {
        if (bad[f] == "" && !version[f])
            bad[f] = "empty"
        if (bad[f] == "" && (hdr[f, "variant"] == "" ||
            hdr[f, "scenario"] == "" || hdr[f, "threads"] == ""))
            bad[f] = "incomplete header"
        if (hdr[f, "memory"] == "")
            hdr[f, "memory"] = "sc"
    }
    if (bad[1] != "") {
        print "? the original is not well formed: " bad[1]
        exit 0
    }
    if (bad[2] != "")
        verdict(2, "reader: " bad[2])
    n = split(variants, known, " ")
    for (i = 1; i <= n; i++)
        if (known[i] == hdr[2, "variant"])
            break
    if (i > n)
        verdict(2, "unknown variant")
    if (hdr[2, "memory"] != "sc")
        verdict(2, "unknown memory model")
    if (hdr[2, "scenario"] != hdr[1, "scenario"])
        verdict("?", "scenario changed to " hdr[2, "scenario"])
    if (hdr[2, "threads"] != hdr[1, "threads"])
        verdict(1, "threads differ")
    for (i = 1; i <= nsteps[2]; i++)
        if (i > nsteps[1] || step[2, i] != step[1, i])
            verdict(1, "step " i " differs")
    if (!ended[2])
        verdict(0, "unfinished schedule, every step as recorded")
    if (endv[2] == "step-bound ")
        verdict(0, "cut by a step bound")
    if (endn[2] == nsteps[1] && endv[2] == endv[1])
        verdict(0, "as recorded")
    verdict(1, "the end line does not hold after step " endn[2])
}
