/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_mem.h - where an element lives, for the reference oracles.
 *
 * The oracles (harness/ref) restate docs/datapath.md element by element,
 * independently of model/kernels: a test that compares the kernels or the
 * model with them compares two implementations of the same text.  Plain C,
 * no test framework: unit suites, model benches and the scenario runner
 * all call it.
 *
 * Addressing (docs/datapath.md):
 *   global element (n, c, h, w), byte k:  addr + n*ns + c*cs + h*hs + w*es + k
 *   local element: lane  (lane0 + c) % lanes,
 *                  offset off0 + ((lane0 + c) / lanes)*cs + n*ns + h*hs + w*es + k
 *   with lane0 = addr / lane_size and off0 = addr % lane_size.
 */
#ifndef TPUSIM_REF_MEM_H
#define TPUSIM_REF_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An image of the memories the reference reads or writes: all of LMEM and
 * one DRAM window. */
struct ref_mem {
	uint8_t *lmem;        /* lanes * lane_size bytes, lane after lane */
	unsigned lanes;
	uint32_t lane_size;   /* a local address is lane * lane_size + offset */
	uint8_t *dram;        /* bytes dram_base .. dram_base + dram_size - 1 */
	uint64_t dram_base;
	uint64_t dram_size;
};

/* One side of a transfer: a global tensor at a physical DRAM address or a
 * local tensor at a local address; strides in bytes. */
struct ref_tensor {
	bool local;
	uint64_t addr;
	uint32_t n, c, h, w;
	uint64_t ns, cs, hs;
	unsigned es;          /* element size: 1 (int8) or 2 (bf16) */
};

/* Byte k of element (n, c, h, w) of t in m; NULL when it lies outside m
 * (ref_error() says where). */
uint8_t *ref_byte(const struct ref_mem *m, const struct ref_tensor *t, uint64_t n, uint64_t c,
		  uint64_t h, uint64_t w, unsigned k);

/* Byte at offset off of channel c of a local operand at addr whose channel
 * stride is cs: the lane arithmetic shared by TDMA tensors and TIU
 * operands.  NULL when off leaves the lane. */
uint8_t *ref_lmem_at(const struct ref_mem *m, uint64_t addr, uint64_t c, uint64_t cs, uint64_t off);

/* A flat local address (lane * lane_size + offset), as general copies
 * walk LMEM; NULL past the last lane. */
uint8_t *ref_lmem_flat(const struct ref_mem *m, uint64_t laddr);

/* The DRAM byte at phys; NULL outside the window. */
uint8_t *ref_dram_at(const struct ref_mem *m, uint64_t phys);

/* Why the last call in this thread returned NULL or -1. */
const char *ref_error(void);

#ifdef __cplusplus
}
#endif

#endif
