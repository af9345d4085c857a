/* qemuevent.pml: the win32-2015 fast path in Promela, with Win32 wait queues, for SPIN. */

/*
 * An independent model of impl/win32-2015.c, written for SPIN (not from the
 * simulator's code), to cross-check evsim's verdicts with a real model
 * checker.  Unlike the model in the 2015 email, a wait here is Win32's:
 * WaitForSingleObject on a non-signaled event puts the thread in the wait
 * queue, SetEvent releases every thread in it, and a later ResetEvent does
 * not put a released thread back to sleep.
 *
 * Compile-time choices (spin -DNAME):
 *   W=n         number of waiters (default 1)
 *   BROADCAST   waiters call wait without resetting (scenario broadcast:W);
 *               otherwise they do test-reset-test-wait (seed, resetters:W,1)
 *   KERNEL      the kernel-only variant (win32-kernel) instead of the fast path
 * One notifier: cond = true; set.
 * A lost wakeup is a waiter blocked forever: SPIN's "invalid end state".
 * A waiter that returns too early fails the assert on cond.
 */

#ifndef W
#define W 1
#endif

#define EV_SET  0
#define EV_FREE 1
#define EV_BUSY 255             /* -1 in C; 255 | 1 == 255, like -1 | 1 */

bool cond;
#ifdef KERNEL
byte value = EV_FREE;           /* unused */
bool signaled = false;          /* CreateEvent(NULL, TRUE, FALSE, NULL) */
#else
byte value = EV_FREE;
bool signaled = true;           /* created signaled, reset lazily by wait */
#endif
bool queued[W];                 /* in the event's wait queue */

inline set_event() {
    atomic {
        signaled = true;
        k = 0;
        do
        :: k < W -> queued[k] = false; k++
        :: else -> break
        od
    }
}

inline reset_event() {
    signaled = false
}

/* WaitForSingleObject(ev, INFINITE): one step, then the return if queued. */
inline wait_for_event(me) {
    atomic {
        if
        :: signaled -> skip
        :: else -> queued[me] = true
        fi
    }
    !queued[me]
}

inline ev_set() {
#ifdef KERNEL
    set_event()
#else
    if
    :: value != EV_SET ->
        atomic { old = value; value = EV_SET }
        if
        :: old == EV_BUSY -> set_event()
        :: else -> skip
        fi
    :: else -> skip
    fi
#endif
}

inline ev_reset() {
#ifdef KERNEL
    reset_event()
#else
    if
    :: value == EV_SET -> value = value | EV_FREE
    :: else -> skip
    fi
#endif
}

inline ev_wait(me) {
#ifdef KERNEL
    wait_for_event(me)
#else
    v = value;
    if
    :: v != EV_SET ->
        if
        :: v == EV_FREE ->
            reset_event();
            atomic {
                if
                :: value == EV_FREE -> value = EV_BUSY; v = EV_BUSY
                :: value == EV_SET -> v = EV_SET
                :: else -> v = EV_BUSY
                fi
            }
        :: else -> skip
        fi;
        if
        :: v == EV_BUSY -> wait_for_event(me)
        :: else -> skip
        fi
    :: else -> skip
    fi
#endif
}

proctype waiter(byte me)
{
    byte v, old, k;
#ifdef BROADCAST
    ev_wait(me);
    assert(cond)
#else
    if
    :: !cond ->
        ev_reset();
        if
        :: !cond -> ev_wait(me)
        :: else -> skip
        fi
    :: else -> skip
    fi;
    assert(cond)
#endif
}

proctype notifier()
{
    byte v, old, k;
    cond = true;
    ev_set()
}

init
{
    byte i;
    atomic {
        i = 0;
        do
        :: i < W -> run waiter(i); i++
        :: else -> break
        od;
        run notifier()
    }
}
