/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ion.h - the vendor kernel's ION buffer, as a dma-buf importer sees it
 * through dma_buf->priv: the kernel mapping (vaddr, set while the CPU
 * access count kmap_cnt is positive) and the physical address (paddr,
 * which the vendor header has under CONFIG_ION_CVITEK; always here).
 * Found by a driver through its Makefile's
 * -I$(srctree)/drivers/staging/android/ion.
 */
#ifndef LX_ION_H
#define LX_ION_H

#include <linux/types.h>

struct ion_buffer {
	unsigned long flags;
	size_t size;
	int kmap_cnt;
	void *vaddr;
	phys_addr_t paddr;
	const char *name;
};

#endif /* LX_ION_H */
