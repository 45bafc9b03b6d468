/* SPDX-License-Identifier: Apache-2.0 */
/*
 * spinlock_types.h - spinlock_t, embedded by value in driver structures.
 *
 * As in Linux without lock debugging, zero-filled memory is an unlocked
 * lock: the sim-OS lock behind it is made on first use (lx_self tells a
 * lock the layer has seen from one it has not).  A lock whose bytes are
 * neither zero nor its own (uninitialised heap memory, a copied struct) is
 * reported (checker kernel-api, as CONFIG_DEBUG_SPINLOCK's "bad magic")
 * and then made afresh.
 */
#ifndef LX_LINUX_SPINLOCK_TYPES_H
#define LX_LINUX_SPINLOCK_TYPES_H

#include <tpu/os.h>

typedef struct spinlock {
	void *lx_self;              /* &the lock once the layer set it up */
	osal_spinlock_t *lx_lock;
	const char *lx_name;        /* the lockdep class: the init expression */
} spinlock_t;

typedef spinlock_t raw_spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { .lx_self = 0, .lx_lock = 0, .lx_name = #name }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) DEFINE_SPINLOCK(x)

#endif /* LX_LINUX_SPINLOCK_TYPES_H */
