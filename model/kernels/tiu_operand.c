/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_operand.c - TIU operand decoding shared by the element-wise kernel
 * and the cost model: effective strides per stride mode, the LMEM
 * bounds check and the not-executed outcome.  A leaf: it calls no other
 * TIU file.
 */
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

int tiu_stop_at_check(int out_of_lmem, const struct tiu_kctx *k, struct tiu_kresult *r)
{
	if (out_of_lmem) {
		r->error = 1;
		r->executed = 0;
		return 1;
	}
	return k->timing_only;
}

void tiu_opd_init(struct tiu_opd *o, uint64_t addr, int is_signed, int wide, uint64_t bs)
{
	o->addr = addr;
	o->lane0 = addr >> TPU_LMEM_ADDR_SHIFT;
	o->off0 = addr & ((1u << TPU_LMEM_ADDR_SHIFT) - 1);
	o->is_signed = is_signed;
	o->wide = wide;
	o->bs = bs;
}

void tiu_timing_only(const struct tiu_desc *d, const struct tiu_kctx *k,
		     struct tiu_kresult *r)
{
	r->executed = 0;
	if ((d->res0_addr >> TPU_LMEM_ADDR_SHIFT) >= k->lmem.lanes ||
	    (d->opd0_addr >> TPU_LMEM_ADDR_SHIFT) >= k->lmem.lanes)
		r->error = 1;
}
