/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_operand.c - TIU operand decoding shared by the element-wise kernel
 * and the cost model: effective strides per stride mode and the LMEM
 * bounds check.  A leaf: it calls no other TIU file.
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
