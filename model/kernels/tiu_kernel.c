/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_kernel.c - TIU descriptor dispatch and operation names: the top of
 * the TIU kernels (operand decoding is tiu_operand.c, element-wise
 * arithmetic tiu_eltwise.c, pooling and depthwise tiu_pool.c and
 * tiu_pool_bf16.c, convolution
 * tiu_conv.c and tiu_conv_bf16.c, matrix multiply tiu_matmul.c and
 * tiu_matmul_bf16.c,
 * table lookup tiu_lut.c, bf16 arithmetic tiu_bf16.c, timing
 * tiu_cost.c).  Semantics and assumptions:
 * docs/datapath.md.
 */
#include <string.h>

#include "tiu_priv.h"
#include "tpu/hwcfg.h"

/* Tables are indexed by value and may have holes. */
static const char *lookup(const char *const *names, size_t n, uint32_t v, const char *unknown)
{
	return v < n && names[v] ? names[v] : unknown;
}

const char *tiu_kernel_op_name(const struct tiu_desc *d)
{
	/* The names are those of the tsk_eu_typ values in regs/tiu_desc.yaml. */
	static const char *const arith[] = {
		[TIU_DESC_TSK_EU_TYP_MUL] = "mul",     [TIU_DESC_TSK_EU_TYP_MAC] = "mac",
		[TIU_DESC_TSK_EU_TYP_ADD] = "add",     [TIU_DESC_TSK_EU_TYP_SUB] = "sub",
		[TIU_DESC_TSK_EU_TYP_MAX] = "max",     [TIU_DESC_TSK_EU_TYP_MIN] = "min",
		[TIU_DESC_TSK_EU_TYP_SHIFT] = "shift", [TIU_DESC_TSK_EU_TYP_AND] = "and",
		[TIU_DESC_TSK_EU_TYP_OR] = "or",       [TIU_DESC_TSK_EU_TYP_XOR] = "xor",
		[TIU_DESC_TSK_EU_TYP_COPY] = "copy",   [TIU_DESC_TSK_EU_TYP_GE] = "ge",
		[TIU_DESC_TSK_EU_TYP_LUT] = "lut",
	};
	static const char *const pool[] = {
		[TIU_DESC_TSK_EU_TYP_MAX_POOL] = "max_pool",
		[TIU_DESC_TSK_EU_TYP_AVG_POOL] = "avg_pool",
		[TIU_DESC_TSK_EU_TYP_DEPTHWISE_CONV] = "depthwise_conv",
		[TIU_DESC_TSK_EU_TYP_MIN_POOL] = "min_pool",
	};

	switch (d->tsk_typ) {
	case TIU_DESC_TSK_TYP_CONV:
		return "conv";
	case TIU_DESC_TSK_TYP_DEPTHWISE_POOL:
		return lookup(pool, sizeof(pool) / sizeof(pool[0]), d->tsk_eu_typ, "pool_unknown");
	case TIU_DESC_TSK_TYP_MATRIX:
		return d->opt_chl_quan ? "matmul_qm" : "matmul";
	case TIU_DESC_TSK_TYP_TENSOR_ARITH:
		if (d->tsk_eu_typ == TIU_DESC_TSK_EU_TYP_MUL && d->opt_chl_quan)
			return "mul_qm";
		return lookup(arith, sizeof(arith) / sizeof(arith[0]), d->tsk_eu_typ, "arith_unknown");
	default:
		return "unknown";
	}
}

/* Elements of the largest element-wise result computed functionally:
 * 16x the bytes of the largest (8-lane) LMEM. */
#define TIU_MAX_ELEMS (1ull << 22)

void tiu_kernel_exec(const struct tiu_desc *d, const struct tiu_kctx *c,
		     struct tiu_kresult *r)
{
	memset(r, 0, sizeof(*r));
	r->op_name = tiu_kernel_op_name(d);
	r->cycles = tiu_kernel_cost(d, c->lmem.lanes);
	if (d->tsk_typ == TIU_DESC_TSK_TYP_TENSOR_ARITH) {
		uint64_t total = (uint64_t)d->res0_n * d->res0_c * d->res0_h * d->res0_w;

		/* LMEM holds at most lanes x 32 KiB bytes, so a larger tensor
		 * can only be one whose strides alias; computing it element by
		 * element would take hours of host time for a descriptor the
		 * hardware needs seconds for.  Such descriptors are timed only
		 * ([A], counted as not executed functionally). */
		if (total > TIU_MAX_ELEMS) {
			if ((d->res0_addr >> TPU_LMEM_ADDR_SHIFT) >= c->lmem.lanes)
				r->error = 1;
			return;
		}
		if (d->tsk_eu_typ == TIU_DESC_TSK_EU_TYP_LUT)
			tiu_lut_exec(d, c, r);
		else if (d->opd_typ)
			tiu_bf16_exec(d, c, r);
		else
			tiu_eltwise_exec(d, c, r);
		return;
	}
	if (d->tsk_typ == TIU_DESC_TSK_TYP_CONV) {
		if (d->opd_typ)
			tiu_conv_bf16_exec(d, c, r);
		else
			tiu_conv_exec(d, c, r);
		return;
	}
	if (d->tsk_typ == TIU_DESC_TSK_TYP_MATRIX) {
		if (d->opd_typ)
			tiu_matmul_bf16_exec(d, c, r);
		else
			tiu_matmul_exec(d, c, r);
		return;
	}
	if (d->tsk_typ == TIU_DESC_TSK_TYP_DEPTHWISE_POOL) {
		if (d->opd_typ)
			tiu_pool_bf16_exec(d, c, r);
		else
			tiu_pool_exec(d, c, r);
		return;
	}
	/* Timing only.  The start lanes of the result and the input must
	 * still name LMEM (the extent of conv/pool/matmul operands is not
	 * modelled). */
	if ((d->res0_addr >> TPU_LMEM_ADDR_SHIFT) >= c->lmem.lanes ||
	    (d->opd0_addr >> TPU_LMEM_ADDR_SHIFT) >= c->lmem.lanes)
		r->error = 1;
}
