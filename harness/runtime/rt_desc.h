/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rt_desc.h - a small descriptor builder, in the spirit of cvikernel.
 *
 * Lets tests, scenarios and the demo say "copy this tensor", "add these
 * two" without hand-packing bits.  Builders fill a canonical descriptor
 * struct (generated from regs/<name>_desc.yaml) starting from its reset values;
 * sync ids (cmd_id, wait ids) are left 0 for the command-buffer builder or
 * the caller to assign.
 */
#ifndef TPU_RT_DESC_H
#define TPU_RT_DESC_H

#include <stdbool.h>
#include <stdint.h>

#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A tensor on either side of the TPU.  For a global tensor addr is an
 * offset from ARRAYBASE[base_sel]; for a local one a local address (lane in
 * bits 15+, offset in bits 14:0).  Strides are in bytes; w stride is the
 * element size. */
struct rt_tensor {
	uint64_t addr;
	unsigned base_sel;
	uint32_t n, c, h, w;
	uint32_t n_stride, c_stride, h_stride;
	unsigned esize;  /* 1 = int8, 2 = bf16 */
};

/* Compact global layout: h stride w*esize, c stride h*w*esize, n stride c*... */
void rt_tensor_global(struct rt_tensor *t, uint64_t addr, unsigned base_sel,
		      uint32_t n, uint32_t c, uint32_t h, uint32_t w);
/* Default local layout (cvikernel tl_default_stride): channel c in lane
 * (start_lane + c) % lanes; c stride h*w*esize, rounded up to 16 bytes when
 * eu_align; n stride c_stride * ceil((start_lane + c) / lanes). */
void rt_tensor_local(struct rt_tensor *t, uint32_t addr, uint32_t n, uint32_t c,
		     uint32_t h, uint32_t w, unsigned lanes, bool eu_align);
/* Bytes a local tensor occupies per lane (n * n_stride). */
uint32_t rt_tensor_local_lane_bytes(const struct rt_tensor *t);

/* TDMA: tensor copy in direction dir (TDMA_DESC_TRANS_DIR_G2L ...). */
void rt_tdma_tensor_copy(struct tdma_desc *d, unsigned dir,
			 const struct rt_tensor *src, const struct rt_tensor *dst);
/* TDMA: linear copy of bytes ("general" format). */
void rt_tdma_general_copy(struct tdma_desc *d, unsigned dir, uint64_t src, unsigned src_sel,
			  uint64_t dst, unsigned dst_sel, uint32_t bytes);
/* TDMA: constant fill of a local (dir G2L) or global (dir L2G) tensor. */
void rt_tdma_fill(struct tdma_desc *d, unsigned dir, const struct rt_tensor *dst, uint16_t value);

/* TIU element-wise operation: a tsk_eu_typ value of tsk_typ tensor_arith,
 * TIU_DESC_TSK_EU_TYP_MUL .. TIU_DESC_TSK_EU_TYP_COPY (tpu/tiu_desc.h). */
typedef uint32_t rt_tiu_op;

struct rt_tiu_eltwise_args {
	rt_tiu_op op;
	const struct rt_tensor *res, *a, *b;  /* b ignored for COPY or when b_is_const */
	bool b_is_const;
	int16_t b_const;
	unsigned rshift;      /* result right shift, rounded half up */
	unsigned lshift;      /* MAC left shift of the accumulator */
	bool accumulate;      /* MAC: add into the 16-bit result (opt_res_add) */
	bool relu;
	bool res_signed, a_signed, b_signed;
};

/* 0, or -ERANGE when an operand address does not fit its descriptor field
 * (res0/opd0 24 bits, opd1 16 bits: the second operand must start in the
 * low lanes). */
int rt_tiu_eltwise(struct tiu_desc *d, const struct rt_tiu_eltwise_args *p);

#ifdef __cplusplus
}
#endif

#endif /* TPU_RT_DESC_H */
