/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mutex.h - sleeping locks on the sim-OS's (osal_mutex_*), made on first
 * use like spinlock_t (zero-filled = unlocked).  mutex_lock() in atomic
 * context is a sleep-in-atomic finding whether or not it has to wait.
 * mutex_lock_interruptible() and _killable() wait like mutex_lock() and
 * return 0: the sim-OS's mutex wait is not interruptible.
 */
#ifndef LX_LINUX_MUTEX_H
#define LX_LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <tpu/os.h>

struct mutex {
	void *lx_self;
	osal_mutex_t *lx_mutex;
	const char *lx_name;
};

#define __MUTEX_INITIALIZER(name) { .lx_self = 0, .lx_mutex = 0, .lx_name = #name }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

osal_mutex_t *lx_mutex(struct mutex *m, const char *name);
void lx_mutex_init(struct mutex *m, const char *name);

#define mutex_init(m) lx_mutex_init((m), #m)
#define mutex_destroy(m) ((void)(m))
#define mutex_lock(m) osal_mutex_lock(lx_mutex((m), #m))
#define mutex_unlock(m) osal_mutex_unlock(lx_mutex((m), #m))
#define mutex_lock_interruptible(m) (mutex_lock(m), 0)
#define mutex_lock_killable(m) (mutex_lock(m), 0)
#define mutex_lock_nested(m, subclass) mutex_lock(m)

#endif /* LX_LINUX_MUTEX_H */
