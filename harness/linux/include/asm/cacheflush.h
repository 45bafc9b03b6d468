/* SPDX-License-Identifier: Apache-2.0 */
/*
 * asm/cacheflush.h - cache maintenance by kernel virtual address.
 *
 * __dma_map_area is arm64's name; the silicon (riscv) runs
 * arch_sync_dma_for_device(paddr, size, dir) in its place, and this is
 * that meaning: DMA_TO_DEVICE cleans (osal_dma_sync_for_device),
 * DMA_FROM_DEVICE invalidates (osal_dma_sync_for_cpu), with no validation
 * of the range, as the primitive does none.
 */
#ifndef LX_ASM_CACHEFLUSH_H
#define LX_ASM_CACHEFLUSH_H

#include <asm/io.h>
#include <linux/dma-direction.h>
#include <linux/types.h>

void __dma_map_area(const void *start, size_t size, int dir);
void __dma_unmap_area(const void *start, size_t size, int dir);

#endif /* LX_ASM_CACHEFLUSH_H */
