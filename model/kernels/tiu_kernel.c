/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_kernel.c - TIU descriptor dispatch, operation names and operand
 * decoding.  Semantics and assumptions: docs/datapath.md.
 */
#include <string.h>

#include "kern_priv.h"
#include "tiu_priv.h"
#include "tpu/hwcfg.h"

int tiu_opd_strides(struct tiu_opd *o, unsigned mode, unsigned lanes, unsigned es,
		    uint64_t c, uint64_t h, uint64_t w,
		    uint64_t ns, uint64_t cs, uint64_t hs, uint64_t ws)
{
	switch (mode) {
	case TIU_STR_MANUAL:
		o->ns = ns, o->cs = cs, o->hs = hs, o->ws = ws;
		return 0;
	case TIU_STR_DEFAULT:   /* cvikernel tl_default_stride with eu_align = 1 */
		o->ws = es;
		o->hs = w * es;
		o->cs = kern_align_up(h * w * es, TPU_EU_NUM);
		o->ns = o->cs * kern_ceil_div(c, lanes);
		return 0;
	case TIU_STR_PARAM:     /* cvikernel check_stride_type_2: (1, c, 1, 1) */
		o->ws = o->hs = o->cs = es;
		o->ns = es * kern_ceil_div(c, lanes);
		return 0;
	default:                /* 1: conv weight layout, not modelled */
		return -1;
	}
}

int tiu_opd_check(const struct tiu_opd *o, const struct kmem_lmem *lm,
		  uint64_t n, uint64_t c, uint64_t h, uint64_t w)
{
	uint64_t end;

	if (o->lane0 >= lm->lanes)
		return -1;
	if (!n || !c || !h || !w)
		return 0;
	end = o->off0 + ((o->lane0 + c - 1) / lm->lanes) * o->cs + (n - 1) * o->ns +
	      (h - 1) * o->hs + (w - 1) * o->ws + 1 + (o->wide ? o->bs : 0);
	return end <= lm->lane_size ? 0 : -1;
}

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
		tiu_eltwise_exec(d, c, r);
		return;
	}
	/* Timing only.  The start lanes of the result and the input must
	 * still name LMEM (the extent of conv/pool/matmul operands is not
	 * modelled). */
	if ((d->res0_addr >> TPU_LMEM_ADDR_SHIFT) >= c->lmem.lanes ||
	    (d->opd0_addr >> TPU_LMEM_ADDR_SHIFT) >= c->lmem.lanes)
		r->error = 1;
}
