/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_tdma.h - what a TDMA descriptor does to memory, per element
 * (docs/datapath.md "TDMA"): tensor copies with reshape and int8 <-> bf16
 * conversion, constant fills, general (linear) copies.
 */
#ifndef TPUSIM_REF_TDMA_H
#define TPUSIM_REF_TDMA_H

#include "ref_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* bf16 of an 8-bit integer: the top half of the IEEE single (exact). */
uint16_t ref_int8_to_bf16(uint8_t v, bool is_signed);

/* int8 of a bf16: round to nearest even, or toward zero, then saturate to
 * the signed or unsigned range; NaN gives the end its sign points to. */
uint8_t ref_bf16_to_int8(uint16_t b, bool is_signed, bool toward_zero);

/*
 * Element i of src in (n, c, h, w) order goes to element i of dst in its
 * own order.  Every source element is read before any is written, so from
 * and to may be the same image (a stream in order).  Equal element sizes
 * copy bytes; 1 -> 2 converts int8 to bf16, 2 -> 1 bf16 to int8 (int8_signed,
 * toward_zero).  0, or -1 (ref_error()) when the element counts differ, an
 * element lies outside its image or memory runs out.
 */
int ref_tdma_copy(const struct ref_mem *from, struct ref_mem *to, const struct ref_tensor *src,
		  const struct ref_tensor *dst, bool int8_signed, bool toward_zero);

/* Every element of dst := value (low byte first); 0 or -1. */
int ref_tdma_fill(struct ref_mem *to, const struct ref_tensor *dst, uint16_t value);

/* General copy of count bytes: linear in DRAM, and in LMEM through flat
 * local addresses (lane * lane_size + offset); 0 or -1. */
int ref_general_copy(const struct ref_mem *from, struct ref_mem *to, bool src_local, uint64_t src,
		     bool dst_local, uint64_t dst, uint64_t count);

#ifdef __cplusplus
}
#endif

#endif
