/* variant-names.h: one variant file becomes <id>_qemu_event_* when asked. */
#ifndef QEMU_EVENT_VARIANT_NAMES_H
#define QEMU_EVENT_VARIANT_NAMES_H

/*
 * Compiled with -DEVSIM_VARIANT_ID=win32_2015, impl/win32-2015.c defines
 * win32_2015_qemu_event_set and so on instead of QEMU's own names, so that
 * several variants link into one program: the simulator (all of them), the
 * Windows library and the benchmark.  Without the switch the names are
 * QEMU's.  Included by every platform header, before the algorithm's
 * definitions; the algorithm itself never sees the switch.
 */
#ifdef EVSIM_VARIANT_ID
#define EVSIM_PASTE2(a, b)      a##b
#define EVSIM_PASTE(a, b)       EVSIM_PASTE2(a, b)
#define qemu_event_init         EVSIM_PASTE(EVSIM_VARIANT_ID, _qemu_event_init)
#define qemu_event_set          EVSIM_PASTE(EVSIM_VARIANT_ID, _qemu_event_set)
#define qemu_event_reset        EVSIM_PASTE(EVSIM_VARIANT_ID, _qemu_event_reset)
#define qemu_event_wait         EVSIM_PASTE(EVSIM_VARIANT_ID, _qemu_event_wait)
#define qemu_event_destroy      EVSIM_PASTE(EVSIM_VARIANT_ID, _qemu_event_destroy)
#endif

#endif /* QEMU_EVENT_VARIANT_NAMES_H */
