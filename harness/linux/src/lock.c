// SPDX-License-Identifier: Apache-2.0
/*
 * lock.c - spinlock_t and struct mutex onto the sim-OS's locks, made on
 * first use so that zero-filled memory is an unlocked lock.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <tpu/os.h>

/* Whether a lock's layer fields are those of one never set up (zero, or
 * a static initialiser), set up here (self == itself), or neither: stale
 * or uninitialised bytes, reported as CONFIG_DEBUG_SPINLOCK reports a bad
 * magic. */
static bool fresh(void *self, const void *obj, const void *backing, const char *kind,
		  const char *name)
{
	if (self == obj)
		return false;
	if (self || backing)
		osal_kernel_bug("%s %s used uninitialised (bad magic: neither zero nor set up by "
				"its init)", kind, name);
	return true;
}

void lx_spin_lock_init(spinlock_t *l, const char *name)
{
	/* A new sim-OS lock even when l was set up before: init leaves the
	 * lock unlocked, whatever its state was. */
	l->lx_name = name;
	l->lx_lock = osal_spin_create_embedded(name);
	l->lx_self = l;
}

osal_spinlock_t *lx_spin(spinlock_t *l, const char *name)
{
	if (fresh(l->lx_self, l, l->lx_lock, "spinlock", name)) {
		if (l->lx_self != 0)
			l->lx_name = 0;  /* the name field is garbage too */
		l->lx_lock = osal_spin_create_embedded(l->lx_name ? l->lx_name : name);
		l->lx_self = l;
	}
	return l->lx_lock;
}

void lx_mutex_init(struct mutex *m, const char *name)
{
	m->lx_name = name;
	m->lx_mutex = osal_mutex_create_embedded(name);
	m->lx_self = m;
}

osal_mutex_t *lx_mutex(struct mutex *m, const char *name)
{
	if (fresh(m->lx_self, m, m->lx_mutex, "mutex", name)) {
		if (m->lx_self != 0)
			m->lx_name = 0;
		m->lx_mutex = osal_mutex_create_embedded(m->lx_name ? m->lx_name : name);
		m->lx_self = m;
	}
	return m->lx_mutex;
}
