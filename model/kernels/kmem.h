/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kmem.h - how the C datapath kernels reach memory.
 *
 * DRAM is sparse and bounds-checked, so the kernels reach it through two
 * callbacks that copy a run of bytes and fail (return -1, nothing copied)
 * when any byte lies outside mapped memory.  LMEM is a plain array owned by
 * the model: lanes x lane_size bytes, lane-major.  Usable from C and C++.
 */
#ifndef TPU_KMEM_H
#define TPU_KMEM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct kmem_ops {
	/* Copy len bytes from DRAM address addr; 0 on success, -1 on a bus
	 * error (any byte outside mapped memory; dst left unspecified). */
	int (*read)(void *ctx, uint64_t addr, void *dst, size_t len);
	/* Copy len bytes to DRAM; 0, or -1 with memory left unchanged. */
	int (*write)(void *ctx, uint64_t addr, const void *src, size_t len);
	/* Optional (may be NULL): 0 when every byte of [addr, addr + len) is
	 * mapped, else -1; no data moves.  When present, the TDMA kernel
	 * checks every DRAM run before the first write, so a bus error
	 * leaves all memory unchanged; without it a DRAM fault in the middle
	 * of a large transfer can leave earlier rows written. */
	int (*probe)(void *ctx, uint64_t addr, size_t len);
	/* Optional: an access of len bytes at addr that moves no data
	 * (timing-only runs); the memory's checks see it as a read or a
	 * write.  0, or -1 as read/write would fail. */
	int (*touch)(void *ctx, uint64_t addr, size_t len, int write);
};

struct kmem_dram {
	const struct kmem_ops *ops;
	void *ctx;
};

struct kmem_lmem {
	uint8_t *base;      /* lanes * lane_size bytes; lane l at base + l * lane_size */
	unsigned lanes;     /* 8 (cv181x) or 2 (cv180x) */
	uint32_t lane_size; /* TPU_LMEM_LANE_SIZE */
};

#ifdef __cplusplus
}
#endif

#endif /* TPU_KMEM_H */
