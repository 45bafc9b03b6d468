/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vmalloc.h - virtually contiguous allocations, on the sim-OS kernel heap.
 * vmalloc() may sleep (might_sleep) and does not zero: the memory is
 * filled with 0x5a so that a read of an unset field shows; vzalloc()
 * zeroes.  vfree() may sleep unless called in interrupt context
 * (might_sleep_if(!in_interrupt()), Linux 5.10).
 */
#ifndef LX_LINUX_VMALLOC_H
#define LX_LINUX_VMALLOC_H

#include <linux/types.h>

void *vmalloc(unsigned long size) __attribute__((warn_unused_result));
void *vzalloc(unsigned long size) __attribute__((warn_unused_result));
void vfree(const void *addr);

#endif /* LX_LINUX_VMALLOC_H */
