/* SPDX-License-Identifier: Apache-2.0 */
/* dma-direction.h - DMA transfer directions, Linux values. */
#ifndef LX_LINUX_DMA_DIRECTION_H
#define LX_LINUX_DMA_DIRECTION_H

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#endif /* LX_LINUX_DMA_DIRECTION_H */
