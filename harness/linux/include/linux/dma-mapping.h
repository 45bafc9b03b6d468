/* SPDX-License-Identifier: Apache-2.0 */
/* dma-mapping.h - DMA masks; no streaming or coherent mapping call is provided. */
#ifndef LX_LINUX_DMA_MAPPING_H
#define LX_LINUX_DMA_MAPPING_H

#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/err.h>
#include <linux/types.h>

#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

static inline int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dev->dma_mask)
		return -EIO;
	*dev->dma_mask = mask;
	return 0;
}

static inline int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	dev->coherent_dma_mask = mask;
	return 0;
}

#endif /* LX_LINUX_DMA_MAPPING_H */
