/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mm.h - memory management as a driver sees it: page size, and the
 * allocators the kernel's mm.h brings in (slab, vmalloc, kvmalloc).
 */
#ifndef LX_LINUX_MM_H
#define LX_LINUX_MM_H

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/types.h>
#include <linux/vmalloc.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)

/* kvmalloc: kmalloc, falling back to vmalloc in Linux; here always the
 * kernel heap, which has no size limit.  GFP_KERNEL only, may sleep. */
static inline void *kvmalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags);
}
static inline void *kvzalloc(size_t size, gfp_t flags)
{
	return kzalloc(size, flags);
}
static inline void kvfree(const void *addr)
{
	kfree(addr);
}

#endif /* LX_LINUX_MM_H */
