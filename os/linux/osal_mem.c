// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * osal_mem.c - kernel memory, and copies from and to user memory.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "osal_linux.h"

/*
 * os.h promises that osal_kzalloc never sleeps, so a driver may call it
 * with a spinlock held.  GFP_NOWAIT keeps that promise without dipping
 * into the atomic reserves (GFP_ATOMIC): every caller today is a user
 * ioctl or probe that reports -ENOMEM and lets user space retry.
 */
void *osal_kzalloc(size_t size)
{
	return kzalloc(size, GFP_NOWAIT);
}

void osal_kfree(void *p)
{
	kfree(p);
}

/* copy_*_user return the bytes not copied; os.h wants 0 or -EFAULT. */
int osal_copy_from_user(void *dst, uint64_t uaddr, size_t len)
{
	return copy_from_user(dst, u64_to_user_ptr(uaddr), len) ? -EFAULT : 0;
}

int osal_copy_to_user(uint64_t uaddr, const void *src, size_t len)
{
	return copy_to_user(u64_to_user_ptr(uaddr), src, len) ? -EFAULT : 0;
}
