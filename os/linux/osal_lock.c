// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_lock.c - spinlocks and mutexes.
 *
 * Each lock the driver creates gets a lockdep class of its own, named as
 * the driver named it ("tpu.task_lock").  spin_lock_init() alone would put
 * every osal spinlock in one class (its key is static per call site), so
 * lockdep could neither tell the driver's locks apart in a report nor
 * check the lock order tpu_drv.h documents between them.
 *
 * The lock and unlock wrappers carry sparse's __acquires/__releases: the
 * lock is taken in one function and dropped in another by design.
 */
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "osal_linux.h"

struct osal_spinlock {
	spinlock_t lock;
	struct lock_class_key key;
	const char *name;
};

struct osal_mutex {
	struct mutex lock;
	struct lock_class_key key;
	const char *name;
};

osal_spinlock_t *osal_spin_create(const char *name)
{
	struct osal_spinlock *l;

	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return NULL;
	/* lockdep keeps the name pointer: hold our own copy. */
	l->name = kstrdup_const(name, GFP_KERNEL);
	if (!l->name) {
		kfree(l);
		return NULL;
	}
	lockdep_register_key(&l->key);
	spin_lock_init(&l->lock);
	lockdep_set_class_and_name(&l->lock, &l->key, l->name);
	return l;
}

void osal_spin_destroy(osal_spinlock_t *l)
{
	if (!l)
		return;
	lockdep_unregister_key(&l->key);
	kfree_const(l->name);
	kfree(l);
}

void osal_spin_lock(osal_spinlock_t *l)
	__acquires(&l->lock)
{
	spin_lock(&l->lock);
}

void osal_spin_unlock(osal_spinlock_t *l)
	__releases(&l->lock)
{
	spin_unlock(&l->lock);
}

unsigned long osal_spin_lock_irqsave(osal_spinlock_t *l)
	__acquires(&l->lock)
{
	unsigned long flags;

	spin_lock_irqsave(&l->lock, flags);
	return flags;
}

void osal_spin_unlock_irqrestore(osal_spinlock_t *l, unsigned long flags)
	__releases(&l->lock)
{
	spin_unlock_irqrestore(&l->lock, flags);
}

/*
 * lockdep checks that the caller holds l.  Without lockdep, a kernel that
 * can tell (SMP, or spinlock debugging) still checks that someone holds
 * it; a plain uniprocessor spinlock has no state to look at.
 */
void osal_spin_assert_held(osal_spinlock_t *l)
{
	lockdep_assert_held(&l->lock);
	if (IS_ENABLED(CONFIG_SMP) || IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		WARN_ON_ONCE(!spin_is_locked(&l->lock));
}

osal_mutex_t *osal_mutex_create(const char *name)
{
	struct osal_mutex *m;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->name = kstrdup_const(name, GFP_KERNEL);
	if (!m->name) {
		kfree(m);
		return NULL;
	}
	lockdep_register_key(&m->key);
	mutex_init(&m->lock);
	lockdep_set_class_and_name(&m->lock, &m->key, m->name);
	return m;
}

void osal_mutex_destroy(osal_mutex_t *m)
{
	if (!m)
		return;
	mutex_destroy(&m->lock);
	lockdep_unregister_key(&m->key);
	kfree_const(m->name);
	kfree(m);
}

void osal_mutex_lock(osal_mutex_t *m)
{
	mutex_lock(&m->lock);
}

void osal_mutex_unlock(osal_mutex_t *m)
{
	mutex_unlock(&m->lock);
}
