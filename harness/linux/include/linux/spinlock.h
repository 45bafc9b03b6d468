/* SPDX-License-Identifier: Apache-2.0 */
/*
 * spinlock.h - spinlocks on the sim-OS's (osal_spin_*): they never sleep
 * and keep the holder's hart (preemption off).  spin_lock() does not mask
 * interrupts, so an interrupt handler that takes a lock its hart's thread
 * holds is an irq-deadlock finding, as it is a deadlock on Linux;
 * spin_lock_irqsave()/spin_lock_irq() mask them until the unlock.
 * spin_lock_bh() masks interrupts too (timer callbacks are the only
 * bottom halves here, and they run at interrupt priority).
 */
#ifndef LX_LINUX_SPINLOCK_H
#define LX_LINUX_SPINLOCK_H

#include <asm/barrier.h>
#include <linux/compiler.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>
#include <tpu/os.h>

/* The sim-OS lock behind l, made on first use; name is the lockdep class
 * when l was not initialised by spin_lock_init(). */
osal_spinlock_t *lx_spin(spinlock_t *l, const char *name);
void lx_spin_lock_init(spinlock_t *l, const char *name);

#define spin_lock_init(lock) lx_spin_lock_init((lock), #lock)
#define raw_spin_lock_init(lock) spin_lock_init(lock)

#define spin_lock(lock) osal_spin_lock(lx_spin((lock), #lock))
#define spin_unlock(lock) osal_spin_unlock(lx_spin((lock), #lock))
#define spin_lock_irqsave(lock, flags)                                         \
	do {                                                                   \
		(flags) = osal_spin_lock_irqsave(lx_spin((lock), #lock));      \
	} while (0)
#define spin_unlock_irqrestore(lock, flags) \
	osal_spin_unlock_irqrestore(lx_spin((lock), #lock), (flags))
#define spin_lock_irq(lock) ((void)osal_spin_lock_irqsave(lx_spin((lock), #lock)))
#define spin_unlock_irq(lock) osal_spin_unlock_irqrestore(lx_spin((lock), #lock), 1)
#define spin_lock_bh(lock) spin_lock_irq(lock)
#define spin_unlock_bh(lock) spin_unlock_irq(lock)
#define assert_spin_locked(lock) osal_spin_assert_held(lx_spin((lock), #lock))
#define lockdep_assert_held(lock) assert_spin_locked(lock)

#define raw_spin_lock(lock) spin_lock(lock)
#define raw_spin_unlock(lock) spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags) spin_lock_irqsave(lock, flags)
#define raw_spin_unlock_irqrestore(lock, flags) spin_unlock_irqrestore(lock, flags)

#endif /* LX_LINUX_SPINLOCK_H */
