/* SPDX-License-Identifier: Apache-2.0 */
/*
 * slab.h - kmalloc and friends on the sim-OS kernel heap (osal_kzalloc /
 * osal_kfree: use-after-free, double free and leak checks, injectable
 * failures).  A request that may block (GFP_KERNEL) is checked like
 * might_sleep(): in atomic context it is a sleep-in-atomic finding.
 * kmalloc() does not zero: the memory is filled with 0x5a (POISON_INUSE,
 * as SLUB's poisoning leaves a new object) so that a read of an unset
 * field shows.
 */
#ifndef LX_LINUX_SLAB_H
#define LX_LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

#define LX_POISON_INUSE 0x5a
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

void *kmalloc(size_t size, gfp_t flags) __attribute__((malloc, warn_unused_result));
void kfree(const void *p);
void kfree_sensitive(const void *p);
#define kzfree(p) kfree_sensitive(p)

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return kmalloc(n * size, flags);
}
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}
#define kmalloc_node(size, flags, node) kmalloc(size, flags)
#define kzalloc_node(size, flags, node) kzalloc(size, flags)
void *kmemdup(const void *src, size_t len, gfp_t gfp) __attribute__((warn_unused_result));

#endif /* LX_LINUX_SLAB_H */
