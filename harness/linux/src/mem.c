// SPDX-License-Identifier: Apache-2.0
/*
 * mem.c - kmalloc and vmalloc on the sim-OS kernel heap (osal_kzalloc /
 * osal_kfree), with Linux's may-sleep checks.
 */
#include <string.h>

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <tpu/os.h>

void *kmalloc(size_t size, gfp_t flags)
{
	void *p;

	if (gfpflags_allow_blocking(flags))
		osal_might_sleep("kmalloc(GFP_KERNEL)");
	if (!size)
		return ZERO_SIZE_PTR;
	p = osal_kzalloc(size);
	if (p && !(flags & __GFP_ZERO))
		memset(p, LX_POISON_INUSE, size);
	return p;
}

void kfree(const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return;
	osal_kfree((void *)p);
}

void kfree_sensitive(const void *p)
{
	kfree(p);
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p && len)
		memcpy(p, src, len);
	return p;
}

void *vmalloc(unsigned long size)
{
	void *p;

	osal_might_sleep("vmalloc");
	if (!size)
		return NULL;
	p = osal_kzalloc(size);
	if (p)
		memset(p, LX_POISON_INUSE, size);
	return p;
}

void *vzalloc(unsigned long size)
{
	osal_might_sleep("vzalloc");
	return size ? osal_kzalloc(size) : NULL;
}

void vfree(const void *addr)
{
	if (!in_interrupt())
		osal_might_sleep("vfree");
	if (addr)
		osal_kfree((void *)addr);
}
