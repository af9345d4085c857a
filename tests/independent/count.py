#!/usr/bin/env python3
"""Independent interleaving counter for QemuEvent scenarios.

Written from impl/*.c only (never from sim/): it re-models each QemuEvent
variant in Python, step by step, and counts every complete (maximal)
interleaving of a small scenario and how each one ends.

    python3 count.py VARIANT SCENARIO
    python3 count.py --self-test

VARIANT  : win32-kernel | win32-2015 | futex-2015
SCENARIO : seed | broadcast:W | rcu:P,K | resetters:W,N

See README.md in this directory for the step semantics.
"""

import sys

# ---------------------------------------------------------------------------
# State word values (impl/qemu-event.h), stored as a 32-bit unsigned word.
MASK = 0xFFFFFFFF
EV_SET = 0
EV_FREE = 1
EV_BUSY = (-1) & MASK          # 0xFFFFFFFF

# ---------------------------------------------------------------------------
# Operations a thread can request.  Each request is exactly one step.
#   ('read', var)              -> value
#   ('mb_read', var)           -> value
#   ('set', var, v)            -> None
#   ('xchg', var, v)           -> old
#   ('cmpxchg', var, old, new) -> old value (stores new if equal)
#   ('or', var, v)             -> None
#   ('inc', var)               -> None
#   ('SetEvent',)              -> None   (kernel: signal + release all)
#   ('ResetEvent',)            -> None   (kernel: unsignal)
#   ('Wait',)                  -> 0 or blocks (return = 1 more step)
#   ('futex_wait', var, v)     -> 0 at once if var != v, else blocks
#   ('futex_wake', var)        -> None   (releases all blocked on var)
#   ('assert', var)            -> atomic_read; a zero ends the execution
# Shared memory is a dict var -> int, frozen into a sorted tuple for memo.

# ---------------------------------------------------------------------------
# The three QemuEvent variants, as generator functions (use `yield from`).


class Win32Kernel:
    """impl/win32-kernel.c: every call is one kernel call."""
    name = 'win32-kernel'

    @staticmethod
    def init_memory():
        # CreateEvent(NULL, TRUE, init=false, NULL): non-signaled.
        # ev->value is unused; it is kept constant in memory (harmless).
        return {'value': EV_FREE}, False

    @staticmethod
    def set():
        yield ('SetEvent',)

    @staticmethod
    def reset():
        yield ('ResetEvent',)

    @staticmethod
    def wait():
        yield ('Wait',)


class Win32_2015:
    """impl/win32-2015.c: state word over a manual-reset event."""
    name = 'win32-2015'

    @staticmethod
    def init_memory():
        # CreateEvent(NULL, TRUE, TRUE, NULL): created SIGNALED.
        return {'value': EV_FREE}, True

    @staticmethod
    def set():
        v = yield ('mb_read', 'value')
        if v != EV_SET:
            old = yield ('xchg', 'value', EV_SET)
            if old == EV_BUSY:
                yield ('SetEvent',)

    @staticmethod
    def reset():
        v = yield ('mb_read', 'value')
        if v == EV_SET:
            yield ('or', 'value', EV_FREE)

    @staticmethod
    def wait():
        value = yield ('mb_read', 'value')
        if value != EV_SET:
            if value == EV_FREE:
                yield ('ResetEvent',)
                r = yield ('cmpxchg', 'value', EV_FREE, EV_BUSY)
                if r == EV_SET:
                    value = EV_SET
                else:
                    value = EV_BUSY
            if value == EV_BUSY:
                yield ('Wait',)


class Futex2015:
    """impl/futex-2015.c: state word, slow path futex on the word."""
    name = 'futex-2015'

    @staticmethod
    def init_memory():
        # No kernel event object: 'signaled' is unused (kept False).
        return {'value': EV_FREE}, False

    @staticmethod
    def set():
        v = yield ('mb_read', 'value')
        if v != EV_SET:
            old = yield ('xchg', 'value', EV_SET)
            if old == EV_BUSY:
                yield ('futex_wake', 'value')

    @staticmethod
    def reset():
        v = yield ('mb_read', 'value')
        if v == EV_SET:
            yield ('or', 'value', EV_FREE)

    @staticmethod
    def wait():
        value = yield ('mb_read', 'value')
        if value != EV_SET:
            if value == EV_FREE:
                r = yield ('cmpxchg', 'value', EV_FREE, EV_BUSY)
                if r == EV_SET:
                    return
            yield ('futex_wait', 'value', EV_BUSY)


VARIANTS = {c.name: c for c in (Win32Kernel, Win32_2015, Futex2015)}

# ---------------------------------------------------------------------------
# Scenario thread bodies.  Each returns a generator function (no args).


def seed_waiter(ev):
    def body():
        c = yield ('read', 'cond')
        if not c:
            yield from ev.reset()
            c = yield ('read', 'cond')
            if not c:
                yield from ev.wait()
        yield ('assert', 'cond')
    return body


def seed_notifier(ev):
    def body():
        yield ('set', 'cond', 1)
        yield from ev.set()
    return body


def broadcast_waiter(ev):
    def body():
        yield from ev.wait()
        yield ('assert', 'cond')
    return body


def rcu_consumer(ev, total):
    def body():
        while (yield ('read', 'count')) != total:
            yield from ev.reset()
            if (yield ('read', 'count')) != total:
                yield from ev.wait()
    return body


def rcu_producer(ev, k):
    def body():
        i = 0
        while i < k:
            yield ('inc', 'count')
            yield from ev.set()
            i += 1
    return body


def parse_ints(s, n):
    parts = s.split(',')
    if len(parts) != n:
        raise ValueError(s)
    vals = [int(p) for p in parts]
    if any(v < 0 for v in vals):
        raise ValueError(s)
    return vals


def build_scenario(ev, scen):
    """Return a list of (role, body) pairs: waiters/consumer first."""
    if scen == 'seed':
        return [('waiter', seed_waiter(ev)), ('notifier', seed_notifier(ev))]
    kind, _, arg = scen.partition(':')
    if kind == 'broadcast' and arg:
        (w,) = parse_ints(arg, 1)
        th = [('waiter', broadcast_waiter(ev))] * w
        return th + [('notifier', seed_notifier(ev))]
    if kind == 'rcu' and arg:
        p, k = parse_ints(arg, 2)
        th = [('consumer', rcu_consumer(ev, p * k))]
        return th + [('producer', rcu_producer(ev, k))] * p
    if kind == 'resetters' and arg:
        w, n = parse_ints(arg, 2)
        return ([('waiter', seed_waiter(ev))] * w
                + [('notifier', seed_notifier(ev))] * n)
    raise ValueError(scen)


# ---------------------------------------------------------------------------
# The explorer.
#
# Per-thread state is (status, local id); see Thread.  Status:
#   RUN      enabled; its next step is Thread.op(local id)
#   BLOCKED  blocked in Wait / futex_wait (not enabled); op is that wait
#   RELEASED released by SetEvent / futex_wake; next step = return step
#   DONE     finished
# (status, local id) per thread plus shared memory and the kernel
# 'signaled' bit is the full global state; counts are memoized on it.

RUN, BLOCKED, RELEASED, DONE = 'run', 'blocked', 'released', 'done'


class Thread:
    """One thread body's local states.

    A local state is identified by an integer id.  With canonical=False
    the id stands for the exact tuple of results received so far (always
    sound: the code is deterministic).  With canonical=True two histories
    get the same id when they leave the generator chain in the same
    position with the same local variables (code object + last instruction
    + f_locals of every generator down the `yield from` chain), which is
    all the future behaviour depends on for these bodies: they keep no
    hidden state on the evaluation stack (no for-loop iterators; loops
    count in named locals).  The self-test checks that both keyings give
    the same counts.
    """

    def __init__(self, body, canonical=True):
        self.body = body
        self.canonical = canonical
        self.ids = {}          # key -> id
        self.rep = []          # id -> a representative history
        self.ops = []          # id -> next op (None when finished)
        self.trans = {}        # (id, result) -> id
        self.start = self._intern(())

    def _key(self, g, done, hist):
        if not self.canonical:
            return hist
        if done:
            return 'done'
        chain = []
        while g is not None:
            f = g.gi_frame
            chain.append((g.gi_code, f.f_lasti,
                          tuple(sorted(f.f_locals.items()))))
            g = g.gi_yieldfrom
        return tuple(chain)

    def _intern(self, hist):
        g = self.body()
        done = False
        try:
            op = next(g)
            for r in hist:
                op = g.send(r)
        except StopIteration:
            op, done = None, True
        key = self._key(g, done, hist)
        lid = self.ids.get(key)
        if lid is None:
            lid = len(self.rep)
            self.ids[key] = lid
            self.rep.append(hist)
            self.ops.append(op)
        elif self.ops[lid] != op:
            raise AssertionError('canonical key merged different ops')
        return lid

    def op(self, lid):
        return self.ops[lid]

    def after(self, lid, result):
        k = (lid, result)
        n = self.trans.get(k)
        if n is None:
            n = self._intern(self.rep[lid] + (result,))
            self.trans[k] = n
        return n


class Explorer:
    # result vector: (interleavings, pass, lost-wakeup, assertion)
    PASS = (1, 1, 0, 0)
    LOST = (1, 0, 1, 0)
    ASSERT = (1, 0, 0, 1)

    def __init__(self, bodies, memory, signaled, memoize=True,
                 canonical=True):
        # Bodies with the same role share one Thread (same code, same cache).
        shared = {}
        self.threads = []
        for b in bodies:
            if b not in shared:
                shared[b] = Thread(b, canonical)
            self.threads.append(shared[b])
        self.mem0 = tuple(sorted(memory.items()))
        self.sig0 = signaled
        self.memoize = memoize
        self.memo = {}

    def initial(self):
        ts = []
        for t in self.threads:
            ts.append((RUN if t.op(t.start) is not None else DONE, t.start))
        return (self.mem0, self.sig0, tuple(ts))

    def count(self):
        sys.setrecursionlimit(100000)
        return self._count(self.initial())

    def _after_result(self, i, lid, result):
        """Thread i got `result`; return its new (status, local id)."""
        t = self.threads[i]
        n = t.after(lid, result)
        return (RUN if t.op(n) is not None else DONE, n)

    def _count(self, state):
        if self.memoize:
            r = self.memo.get(state)
            if r is not None:
                return r
        mem_t, sig, ts = state
        enabled = [i for i, (st, _) in enumerate(ts) if st in (RUN, RELEASED)]
        if not enabled:
            if any(st == BLOCKED for st, _ in ts):
                res = self.LOST
            else:
                res = self.PASS
        else:
            tot = [0, 0, 0, 0]
            for i in enabled:
                sub = self._step(state, i)
                for j in range(4):
                    tot[j] += sub[j]
            res = tuple(tot)
        if self.memoize:
            self.memo[state] = res
        return res

    def _step(self, state, i):
        """Execute one step of thread i; return the counts below it."""
        mem_t, sig, ts = state
        st, lid = ts[i]
        ts = list(ts)
        if st == RELEASED:
            # The return from a wait that had blocked: one step, no effect.
            ts[i] = self._after_result(i, lid, 0)
            return self._count((mem_t, sig, tuple(ts)))

        mem = dict(mem_t)
        op = self.threads[i].op(lid)
        kind = op[0]
        result = None
        if kind in ('read', 'mb_read'):
            result = mem[op[1]]
        elif kind == 'assert':
            if not mem[op[1]]:
                return self.ASSERT          # execution ends at this step
            result = mem[op[1]]
        elif kind == 'set':
            mem[op[1]] = op[2] & MASK
        elif kind == 'xchg':
            result = mem[op[1]]
            mem[op[1]] = op[2] & MASK
        elif kind == 'cmpxchg':
            result = mem[op[1]]
            if result == op[2] & MASK:
                mem[op[1]] = op[3] & MASK
        elif kind == 'or':
            mem[op[1]] = (mem[op[1]] | op[2]) & MASK
        elif kind == 'inc':
            mem[op[1]] = (mem[op[1]] + 1) & MASK
        elif kind == 'SetEvent':
            sig = True
            for j, (sj, hj) in enumerate(ts):
                if sj == BLOCKED and self.threads[j].op(hj)[0] == 'Wait':
                    ts[j] = (RELEASED, hj)
        elif kind == 'ResetEvent':
            sig = False
        elif kind == 'Wait':
            if not sig:
                ts[i] = (BLOCKED, lid)
                return self._count((mem_t, sig, tuple(ts)))
            result = 0
        elif kind == 'futex_wait':
            if mem[op[1]] == op[2] & MASK:
                ts[i] = (BLOCKED, lid)
                return self._count((mem_t, sig, tuple(ts)))
            result = 0
        elif kind == 'futex_wake':
            for j, (sj, hj) in enumerate(ts):
                if sj == BLOCKED:
                    oj = self.threads[j].op(hj)
                    if oj[0] == 'futex_wait' and oj[1] == op[1]:
                        ts[j] = (RELEASED, hj)
        else:
            raise AssertionError('unknown op %r' % (op,))
        ts[i] = self._after_result(i, lid, result)
        return self._count((tuple(sorted(mem.items())), sig, tuple(ts)))


def run(variant, scen, memoize=True, canonical=True):
    ev = VARIANTS[variant]
    memory, signaled = ev.init_memory()
    memory = dict(memory)
    memory.update({'cond': 0, 'count': 0})
    bodies = [b for _, b in build_scenario(ev, scen)]
    return Explorer(bodies, memory, signaled, memoize, canonical).count()


# ---------------------------------------------------------------------------
# Self-test: toy scenarios with hand-computed counts.


def toy(bodies, memory=None, signaled=False, memoize=True):
    mem = {'x': 0, 'cond': 0}
    if memory:
        mem.update(memory)
    return Explorer(bodies, mem, signaled, memoize).count()


def self_test():
    def one():                       # 1 step
        yield ('set', 'x', 1)

    def two():                       # 2 steps
        yield ('read', 'x')
        yield ('inc', 'x')

    def waiter():                    # WaitForSingleObject
        yield ('Wait',)

    def setter():                    # SetEvent
        yield ('SetEvent',)

    def asserter():
        yield ('assert', 'cond')

    def cond_setter():
        yield ('set', 'cond', 1)

    def fwaiter():                   # futex_wait(&x, 0)
        yield ('futex_wait', 'x', 0)

    def wake_then_set():             # futex_wake(&x); x = 1   (buggy order)
        yield ('futex_wake', 'x')
        yield ('set', 'x', 1)

    def set_then_wake():             # x = 1; futex_wake(&x)   (right order)
        yield ('set', 'x', 1)
        yield ('futex_wake', 'x')

    cases = [
        # 1-step and 2-step independent threads: C(3,1) = 3.
        ('1+2 steps', [one, two], {}, False, (3, 3, 0, 0)),
        # two 2-step threads: C(4,2) = 6.
        ('2+2 steps', [two, two], {}, False, (6, 6, 0, 0)),
        # 1+2+2: 5!/(1!2!2!) = 30.
        ('1+2+2 steps', [one, two, two], {}, False, (30, 30, 0, 0)),
        # lone Wait on a non-signaled event: blocks, nobody left: lost.
        ('lone wait', [waiter], {}, False, (1, 0, 1, 0)),
        # lone Wait on a signaled event: returns at once.
        ('lone wait signaled', [waiter], {}, True, (1, 1, 0, 0)),
        # Wait || SetEvent: W,S,ret  or  S,W  -> 2, both pass.
        ('wait||set', [waiter, setter], {}, False, (2, 2, 0, 0)),
        # assert(cond) || cond=1: A first fails; B,A passes.
        ('assert||set', [asserter, cond_setter], {}, False, (2, 1, 0, 1)),
        # futex_wait(x,0) || x=1;wake:
        #   W,S,K,ret  S,W,K  S,K,W  -> 3 pass.
        ('fwait||set+wake', [fwaiter, set_then_wake], {}, False,
         (3, 3, 0, 0)),
        # futex_wait(x,0) || wake;x=1:
        #   W,K,{ret,S}x2 = 2 pass;  K,W,S -> lost;  K,S,W -> pass.
        ('fwait||wake+set', [fwaiter, wake_then_set], {}, False,
         (4, 3, 1, 0)),
        # two Waits || SetEvent: S first: W1,W2 in 2 orders = 2.
        # W1 blocks first: W1,S,{r1,W2} 2; W1,W2,S,{r1,r2} 2; W2 sym. ...
        # enumerate: orders of {W1,W2,S} with returns for blocked ones:
        #  S W1 W2, S W2 W1                          -> 2
        #  W1 S then {r1, W2}: 2 orders              -> 2
        #  W2 S then {r2, W1}: 2                     -> 2
        #  W1 W2 S then {r1,r2}: 2; W2 W1 S: 2       -> 4
        ('2 waits||set', [waiter, waiter, setter], {}, False,
         (10, 10, 0, 0)),
    ]
    ok = True
    for name, bodies, mem, sig, want in cases:
        for memo in (True, False):
            got = toy(bodies, mem, sig, memo)
            if got != want:
                ok = False
                print('FAIL %s (memo=%s): got %r want %r'
                      % (name, memo, got, want))
    # Memoized counts must equal plain (unmemoized) enumeration, and
    # canonical local-state ids must equal exact-history ids.
    for v in VARIANTS:
        for scen in ('seed', 'broadcast:2', 'rcu:1,1', 'resetters:1,2'):
            a = run(v, scen, True)
            b = run(v, scen, False)
            if a != b:
                ok = False
                print('FAIL memo vs plain %s %s: %r vs %r' % (v, scen, a, b))
        for scen in ('broadcast:3', 'rcu:1,2', 'rcu:2,1', 'resetters:2,1'):
            a = run(v, scen, True, True)
            b = run(v, scen, True, False)
            if a != b:
                ok = False
                print('FAIL canonical vs history %s %s: %r vs %r'
                      % (v, scen, a, b))
    # Hand-derived real cases (derivations in README.md).
    for v, scen, want in (('win32-kernel', 'seed', (13, 13, 0, 0)),
                          ('win32-2015', 'seed', (67, 67, 0, 0)),
                          ('futex-2015', 'seed', (54, 54, 0, 0)),
                          ('win32-kernel', 'broadcast:2', (66, 66, 0, 0)),
                          ('win32-kernel', 'rcu:1,1', (12, 12, 0, 0))):
        got = run(v, scen)
        if got != want:
            ok = False
            print('FAIL %s %s: got %r want %r' % (v, scen, got, want))
    print('self-test %s' % ('ok' if ok else 'FAILED'))
    return 0 if ok else 1


def main(argv):
    if len(argv) == 2 and argv[1] == '--self-test':
        return self_test()
    if len(argv) != 3:
        sys.stderr.write('usage: count.py VARIANT SCENARIO | --self-test\n')
        return 2
    variant, scen = argv[1], argv[2]
    if variant not in VARIANTS:
        sys.stderr.write('unknown variant: %s (want one of %s)\n'
                         % (variant, ', '.join(VARIANTS)))
        return 2
    ev = VARIANTS[variant]
    try:
        build_scenario(ev, scen)
    except ValueError:
        sys.stderr.write('unknown scenario: %s (want seed, broadcast:W, '
                         'rcu:P,K or resetters:W,N)\n' % scen)
        return 2
    n, p, lost, asrt = run(variant, scen)
    sys.stdout.write('interleavings %d\npass %d\nlost-wakeup %d\n'
                     'assertion %d\n' % (n, p, lost, asrt))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
