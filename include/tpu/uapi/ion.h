/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ion.h - the /dev/ion user ABI in its cvitek form (64-byte allocation
 * record with the physical address), as used by cviruntime
 * (src/soc/common/linux/ion.h) and the sg2002-tpu crate.
 */
#ifndef TPU_UAPI_ION_H
#define TPU_UAPI_ION_H

#include <stddef.h>
#include <stdint.h>

#include "tpu_ioctl.h"   /* TPU_IOC encoding helpers */

/* The device node cviruntime opens. */
#define ION_DEV_PATH "/dev/ion"

#define ION_IOC_MAGIC 'I'

/* Heap ids / types (Linux ion: SYSTEM 0, DMA 1 in the cvitek tree,
 * CARVEOUT 2; the runtime looks for type 2 and uses its id). */
#define ION_HEAP_TYPE_SYSTEM       0u
#define ION_HEAP_TYPE_DMA_COHERENT 1u
#define ION_HEAP_TYPE_CARVEOUT     2u
#define ION_FLAG_CACHED            1u

struct ion_allocation_data {
	uint64_t len;
	uint32_t heap_id_mask;
	uint32_t flags;
	uint32_t fd;          /* out */
	uint32_t unused;
	uint64_t paddr;       /* out: physical address (cvitek extension) */
	char name[32];
};

struct ion_heap_data {
	char name[32];
	uint32_t type;
	uint32_t heap_id;
	uint32_t reserved0;
	uint32_t reserved1;
	uint32_t reserved2;
};

struct ion_heap_query {
	uint32_t cnt;          /* in: capacity of heaps[]; out: number of heaps */
	uint32_t reserved0;
	uint64_t heaps;        /* user pointer to struct ion_heap_data[cnt] */
	uint32_t reserved1;
	uint32_t reserved2;
};

struct ion_fd_data {
	int32_t handle;
	int32_t fd;
};

#define ION_IOC_ALLOC      TPU_IOWR(ION_IOC_MAGIC, 0, sizeof(struct ion_allocation_data))
#define ION_IOC_FREE       TPU_IOW(ION_IOC_MAGIC, 1, sizeof(uint32_t))
#define ION_IOC_IMPORT     TPU_IOWR(ION_IOC_MAGIC, 5, sizeof(struct ion_fd_data))
#define ION_IOC_HEAP_QUERY TPU_IOWR(ION_IOC_MAGIC, 8, sizeof(struct ion_heap_query))

TPU_UAPI_ASSERT(sizeof(struct ion_allocation_data) == 64, "cvitek ion alloc is 64 bytes");
TPU_UAPI_ASSERT(offsetof(struct ion_allocation_data, paddr) == 24, "alloc paddr");
TPU_UAPI_ASSERT(sizeof(struct ion_heap_data) == 52, "heap data");
TPU_UAPI_ASSERT(sizeof(struct ion_heap_query) == 24, "heap query");
TPU_UAPI_ASSERT(ION_IOC_ALLOC == 0xC0404900u, "ION_IOC_ALLOC");
TPU_UAPI_ASSERT(ION_IOC_FREE == 0x40044901u, "ION_IOC_FREE");
TPU_UAPI_ASSERT(ION_IOC_IMPORT == 0xC0084905u, "ION_IOC_IMPORT");
TPU_UAPI_ASSERT(ION_IOC_HEAP_QUERY == 0xC0184908u, "ION_IOC_HEAP_QUERY");

#endif /* TPU_UAPI_ION_H */
