/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dma-map-ops.h - the architecture's DMA cache maintenance by physical
 * address: for_device cleans (osal_dma_sync_for_device); for_cpu of
 * DMA_FROM_DEVICE or DMA_BIDIRECTIONAL invalidates (osal_dma_sync_for_cpu).
 */
#ifndef LX_LINUX_DMA_MAP_OPS_H
#define LX_LINUX_DMA_MAP_OPS_H

#include <asm/cacheflush.h>
#include <linux/dma-direction.h>
#include <linux/dma-mapping.h>
#include <linux/types.h>

void arch_sync_dma_for_device(phys_addr_t paddr, size_t size, enum dma_data_direction dir);
void arch_sync_dma_for_cpu(phys_addr_t paddr, size_t size, enum dma_data_direction dir);

#endif /* LX_LINUX_DMA_MAP_OPS_H */
