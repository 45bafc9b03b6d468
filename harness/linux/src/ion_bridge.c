/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ion_bridge.c - the DMA range of a buffer file of the platform's ION
 * (the project's /dev/ion, driver/ion.h), for dma_buf_get.  A translation
 * unit of its own: driver/ion.h and the layer's ion.h both define struct
 * ion_buffer, so this file includes no header of the layer.
 */
#include "ion.h"
#include "lx_ion_bridge.h"

int lx_ion_file_range(struct osal_file *f, uint64_t *paddr, uint64_t *size)
{
	const struct ion_buffer *b = ion_buffer_from_file(f);

	if (!b)
		return -EINVAL;
	*paddr = ion_buffer_paddr(b);
	*size = ion_buffer_size(b);
	return 0;
}
