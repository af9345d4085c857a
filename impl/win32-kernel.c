/* win32-kernel.c: QemuEvent on Win32 before 2015, every call a kernel call. */

/*
 * QEMU's first Win32 QemuEvent (2013 to 2015): a bare manual-reset event,
 * created in the requested state.  Correct, since a manual-reset event has
 * exactly QemuEvent's semantics, but every set, reset and wait enters the
 * kernel even when nothing changes: call_rcu paid a system call per
 * callback.  This is what the 2015 fast path (win32-2015.c) replaced.
 *
 * There is no state word: ev->value is unused.
 */
#include "qemu-event.h"

void qemu_event_init(QemuEvent *ev, bool init)
{
    /* Manual reset. */
    ev->event = CreateEvent(NULL, TRUE, init, NULL);
}

void qemu_event_destroy(QemuEvent *ev)
{
    CloseHandle(ev->event);
}

void qemu_event_set(QemuEvent *ev)
{
    SetEvent(ev->event);
}

void qemu_event_reset(QemuEvent *ev)
{
    ResetEvent(ev->event);
}

void qemu_event_wait(QemuEvent *ev)
{
    WaitForSingleObject(ev->event, INFINITE);
}
