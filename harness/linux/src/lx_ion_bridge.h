/* SPDX-License-Identifier: Apache-2.0 */
/* lx_ion_bridge.h - ion_bridge.c: ION buffer files seen by the layer (no ion.h needed). */
#ifndef LX_ION_BRIDGE_H
#define LX_ION_BRIDGE_H

#include <stdint.h>

#include "tpu/os.h"

/* The DMA range of a project ION buffer file; 0, or -EINVAL when f is no
 * ION buffer file. */
int lx_ion_file_range(struct osal_file *f, uint64_t *paddr, uint64_t *size);

#endif /* LX_ION_BRIDGE_H */
