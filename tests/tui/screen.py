#!/usr/bin/env python3
"""screen.py: read a captured evsim tui screen (tmux capture-pane -p) for tests/tui/run.

Usage: screen.py COMMAND FILE [ARG]
  next FILE COL      the line thread column COL (0 for A) highlights as next
  caller FILE COL    the scenario line it marks as the caller
  title FILE COL     the column's title ("A waiter · runnable")
  label FILE COL     the column's source labels, one per line
  hint FILE COL      the count on its hint line ("hint 61 schedules" -> 61)
  words FILE COL     what it does next, in words (its "next" lines joined)
  picked FILE        the index of the picked column (double border)
  columns FILE       how many thread columns are shown
  fromhere FILE      the panel's "from here" counts: "total N", "OUTCOME N"
  checktotals FILE   the same from `evsim check` output ("interleavings ...")
Exits 1, saying why on stderr, when the screen does not have what is asked.
Screens are read as UTF-8 (the tests run tmux with LANG=C.UTF-8).
"""
import re
import sys


def fail(msg):
    sys.stderr.write("screen.py: %s\n" % msg)
    sys.exit(1)


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def boxes(lines):
    """The boxes whose top border is on row 1: (x0, x1, bottom row, title)."""
    if len(lines) < 2:
        fail("screen too short")
    top = lines[1]
    out = []
    x = 0
    while x < len(top):
        if top[x] in "┌╔":
            end = x + 1
            while end < len(top) and top[end] not in "┐╗":
                end += 1
            bottom = 2
            while bottom < len(lines) and (len(lines[bottom]) <= x or
                                           lines[bottom][x] not in "└╚"):
                bottom += 1
            title = top[x + 1:end].strip("─═ ")
            out.append((x, end, bottom, title, top[x] == "╔"))
            x = end + 1
        else:
            x += 1
    if len(out) < 2:
        fail("no thread columns on row 1")
    return out


def inner(lines, box):
    x0, x1, bottom = box[0], box[1], box[2]
    return [ln[x0 + 1:x1] for ln in lines[2:bottom]]


def column(lines, n):
    cols = boxes(lines)[:-1]            # the last box is the shared panel
    if n >= len(cols):
        fail("no column %d (%d shown)" % (n, len(cols)))
    return cols[n]


def main():
    if len(sys.argv) < 3:
        fail(__doc__)
    cmd, path = sys.argv[1], sys.argv[2]
    arg = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if cmd == "checktotals":
        with open(path) as f:
            text = f.read()
        m = re.search(r"^interleavings\s+(\d+)(?: \((.*)\))?$", text, re.M)
        if not m:
            fail("no interleavings line")
        print("total %s" % m.group(1))
        for part in (m.group(2) or "").split(", "):
            if part:
                print(part)
        return
    lines = lines_of(path)
    if cmd in ("next", "caller"):
        mark = "▶" if cmd == "next" else "▷"
        for ln in inner(lines, column(lines, arg)):
            if ln.startswith(mark):
                print(ln[1:].strip())
                return
        fail("column %d has no %s line" % (arg, cmd))
    if cmd == "title":
        print(column(lines, arg)[3])
        return
    if cmd == "label":
        for ln in inner(lines, column(lines, arg)):
            if "·" in ln and not ln.startswith((" ", "▶", "▷")):
                print(ln.strip())
        return
    if cmd == "hint":
        for ln in inner(lines, column(lines, arg)):
            m = re.match(r"hint\s+(?:≥)?(\d+) schedules?\b", ln)
            if m:
                print(m.group(1))
                return
        fail("column %d has no hint count" % arg)
    if cmd == "words":
        rows = inner(lines, column(lines, arg))
        for i, ln in enumerate(rows):
            if ln.startswith("next "):
                words = [ln[5:].strip()]
                for more in rows[i + 1:]:
                    if not more.startswith("     ") or not more.strip():
                        break
                    words.append(more.strip())
                print(" ".join(words))
                return
        fail("column %d has no next line" % arg)
    if cmd == "picked":
        cols = boxes(lines)[:-1]
        picked = [i for i, c in enumerate(cols) if c[4]]
        if len(picked) != 1:
            fail("%d picked columns" % len(picked))
        print(picked[0])
        return
    if cmd == "columns":
        print(len(boxes(lines)) - 1)
        return
    if cmd == "fromhere":
        panel = boxes(lines)[-1]
        rows = [ln[panel[0]:panel[1] + 1] for ln in lines[1:panel[2] + 1]]
        start = [i for i, r in enumerate(rows) if "from here" in r]
        if not start:
            fail("no 'from here' section")
        body = [r[1:-1].strip() for r in rows[start[0] + 1:-1]]
        body = [b for b in body if b]
        if not body:
            fail("empty 'from here' section")
        m = re.match(r"(\d+) schedules?(?:, all ([a-z-]+)|: ([a-z-]+)|:)$",
                     body[0])
        if not m:
            fail("cannot read '%s'" % body[0])
        print("total %s" % m.group(1))
        if m.group(2) or m.group(3):
            print("%s %s" % (m.group(2) or m.group(3), m.group(1)))
        else:
            for b in body[1:]:
                m2 = re.match(r"([a-z-]+) (\d+)$", b)
                if not m2:
                    fail("cannot read '%s'" % b)
                print("%s %s" % (m2.group(1), m2.group(2)))
        return
    fail("unknown command %s" % cmd)


main()
