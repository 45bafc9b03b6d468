/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_kernel.h - functional execution of one TDMA descriptor.
 *
 * Pure C, no SystemC: the model calls it from its engine thread and the
 * unit tests call it directly.  Timing is separate (tdma_kernel_cost).
 */
#ifndef TPU_TDMA_KERNEL_H
#define TPU_TDMA_KERNEL_H

#include <stdint.h>

#include "kmem.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_desc.h"   /* generated from regs/tdma_desc.yaml */

#ifdef __cplusplus
extern "C" {
#endif

struct tdma_kctx {
	struct kmem_dram dram;
	struct kmem_lmem lmem;
	uint64_t arraybase[TPU_NUM_ARRAYBASE];  /* full 40-bit bases (ARRAYBASE_L | _H byte << 32) */
	/* Timing only: every check and byte count of an executed descriptor
	 * (so the same errors and the same cost), and no data moves; only a
	 * compressed source is still read, as its header decides its length
	 * (docs/datapath.md 2.11), and a source to compress, as its data
	 * decides the stream's length (2.12). */
	int timing_only;
};

struct tdma_kresult {
	uint32_t status;     /* TDMA INT status bits to raise (TDMA_INT_MASK_STATUS_* values) */
	int executed;        /* 1 = data moved functionally; 0 = unsupported encoding or
			      * kctx.timing_only: timed only */
	uint64_t dram_bytes; /* DRAM payload bytes read + written (for timing) */
	uint64_t dram_bus_bytes; /* what the DRAM is charged: each contiguous run
			      * in bursts of <= TPU_AXI_MAX_BURST_BYTES, every
			      * TPU_DRAM_LINE_BYTES line a burst touches
			      * (docs/timing.md); >= dram_bytes, equal to it for
			      * timing-only encodings */
	uint64_t lmem_bytes; /* LMEM bytes read + written */
	uint64_t fault_addr; /* BUSERR: DRAM address of the first run that failed,
			      * or, for an LMEM range error, the descriptor's local
			      * start address of the offending side */
	const char *what;    /* short static description of the operation or error */
};

/*
 * Execute descriptor d.  Never fails hard: errors are reported as status
 * bits in r (ZERO for a 0 dimension/stride, BUSERR for an address outside
 * DRAM/LMEM, DECERR for an invalid encoding) and leave memory unchanged
 * where the error was detected before the first write.
 */
void tdma_kernel_exec(const struct tdma_desc *d, const struct tdma_kctx *c,
		      struct tdma_kresult *r);

/*
 * Duration of the descriptor in picoseconds at TPU clock clk_hz with a
 * sustained DRAM bandwidth of dram_bytes_per_s (the model passes
 * TPU_DRAM_PEAK_BYTES_PER_S * TPU_DRAM_EFFICIENCY unless configured
 * otherwise; <= 0 selects that default):
 *   TPU_TDMA_DESC_OVERHEAD_CYCLES / clk
 *   + max(dram_bus_bytes / dram_bytes_per_s,
 *         ceil(lmem_bytes / TPU_LMEM_BYTES_PER_CYCLE) / clk)
 * rounded to the nearest picosecond (docs/datapath.md "TDMA timing").
 */
uint64_t tdma_kernel_cost_ps(const struct tdma_kresult *r, double clk_hz,
			     double dram_bytes_per_s);

#ifdef __cplusplus
}
#endif

#endif /* TPU_TDMA_KERNEL_H */
