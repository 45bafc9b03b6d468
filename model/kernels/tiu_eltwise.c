/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_eltwise.c - TIU tensor arithmetic (tsk_typ 3) on 8-bit / 16-bit
 * fixed-point operands.
 *
 * Pipeline per element (docs/datapath.md "TIU element-wise"):
 *   value = op(a, b)                      at full precision (int64)
 *   mac:   value = a * b + (res_old << opt_left_shift)   (res_old 16-bit)
 *   value = value >> opt_res_shift        arithmetic; with opt_rshift_typ 1
 *                                          1 << (shift - 1) is added first
 *   value = saturate(value)               int8/uint8, or int16/uint16 when
 *                                          opt_res0_seg = 0 (two planes)
 *   value = max(value, 0)                 opt_relu_typ 1
 * shift/and/or/xor skip the last three steps and wrap to the result width;
 * ge (a >= b: 1 or 0) skips them too.  mul_qm (mul with opt_chl_quan)
 * replaces the right shift by the fixed-point multiply of quan_m and the
 * 6-bit signed opt_res_shift (tiu_requant.c).
 * The arithmetic follows the CPU references of the vendor kernel tests
 * (cvikernel tests tl_mul_ref / tl_mac_ref / tl_add_ref / tl_sub_ref /
 * tl_arith_shift_ref); the code is tpusim's own.
 */
#include "kern_priv.h"
#include "tiu_priv.h"
#include "tpu/hwcfg.h"

static inline int64_t opd_load(const struct tiu_opd *o, const uint8_t *p)
{
	uint32_t v = p[0];

	if (o->wide) {
		v |= (uint32_t)p[o->bs] << 8;
		return o->is_signed ? (int64_t)(int16_t)v : (int64_t)v;
	}
	return o->is_signed ? (int64_t)(int8_t)v : (int64_t)v;
}

static inline void res_store(const struct tiu_opd *o, uint8_t *p, int64_t v)
{
	p[0] = (uint8_t)((uint64_t)v & 0xffu);
	if (o->wide)
		p[o->bs] = (uint8_t)(((uint64_t)v >> 8) & 0xffu);
}

void tiu_eltwise_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
		      struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned eu = d->tsk_eu_typ, lanes = lm->lanes;
	int two = eu != TIU_DESC_TSK_EU_TYP_COPY;
	int b_const = two && d->opt_opd1_const;
	int logic = eu == TIU_DESC_TSK_EU_TYP_SHIFT || eu == TIU_DESC_TSK_EU_TYP_AND ||
		    eu == TIU_DESC_TSK_EU_TYP_OR || eu == TIU_DESC_TSK_EU_TYP_XOR ||
		    eu == TIU_DESC_TSK_EU_TYP_GE;
	int qm = d->opt_chl_quan;
	struct tiu_chq q;
	struct tiu_opd res = { 0 }, a = { 0 }, b = { 0 };
	uint64_t N = d->res0_n, C = d->res0_c, H = d->res0_h, W = d->res0_w;
	uint64_t n, c, h, w;
	int64_t bval = 0;
	unsigned rshift = d->opt_res_shift, lshift = d->opt_left_shift;
	int round = d->opt_rshift_typ == 1, relu = d->opt_relu_typ == 1;
	int res_add = eu == TIU_DESC_TSK_EU_TYP_MAC && d->opt_res_add;

	if ((eu > TIU_DESC_TSK_EU_TYP_COPY && eu != TIU_DESC_TSK_EU_TYP_GE) || d->opd_typ ||
	    (qm && eu != TIU_DESC_TSK_EU_TYP_MUL) || d->opt_opd0_const ||
	    d->opt_relu_typ > 1 || d->opt_res0_seg > 1 || d->opt_opd0_seg > 1 ||
	    (two && d->opt_opd1_seg > 1)) {
		tiu_timing_only(d, k, r);
		return;
	}
	tiu_chq_of_desc(&q, d);
	tiu_opd_init(&res, d->res0_addr, d->opt_res0_sign, d->opt_res0_seg == 0, d->res0_b_str);
	tiu_opd_init(&a, d->opd0_addr, d->opt_opd0_sign, d->opt_opd0_seg == 0, d->opd0_b_str);
	if (TIU_OPD_STRIDES(&res, d, res0, lanes, 1) ||
	    TIU_OPD_STRIDES(&a, d, opd0, lanes, 1)) {
		tiu_timing_only(d, k, r);
		return;
	}
	if (b_const) {
		uint32_t v = d->opd1_addr;

		if (d->opt_opd1_seg == 0)
			bval = d->opt_opd1_sign ? (int64_t)(int16_t)(v & 0xffffu) : (int64_t)(v & 0xffffu);
		else
			bval = d->opt_opd1_sign ? (int64_t)(int8_t)(v & 0xffu) : (int64_t)(v & 0xffu);
	} else if (two) {
		tiu_opd_init(&b, d->opd1_addr, d->opt_opd1_sign, d->opt_opd1_seg == 0, d->opd1_b_str);
		if (TIU_OPD_STRIDES(&b, d, opd1, lanes, 1)) {
			tiu_timing_only(d, k, r);
			return;
		}
	}

	/* mac reads the old result as 16 bits even when it writes 8 */
	{
		struct tiu_opd rchk = res;

		if (res_add)
			rchk.wide = 1;
		if (tiu_stop_at_check(tiu_opd_check(&rchk, lm, N, C, H, W) ||
				      tiu_opd_check(&a, lm, N, C, H, W) ||
				      (two && !b_const && tiu_opd_check(&b, lm, N, C, H, W)), k, r))
			return;     /* an error, or checked and timed: the data is not computed */
	}

	for (n = 0; n < N; n++) {
		for (c = 0; c < C; c++) {
			uint8_t *pr = tiu_opd_at(&res, lm, n, c);
			const uint8_t *pa = tiu_opd_at(&a, lm, n, c);
			const uint8_t *pb = (two && !b_const) ? tiu_opd_at(&b, lm, n, c) : NULL;

			for (h = 0; h < H; h++) {
				for (w = 0; w < W; w++) {
					uint8_t *er = pr + h * res.hs + w * res.ws;
					int64_t va = opd_load(&a, pa + h * a.hs + w * a.ws);
					int64_t vb = pb ? opd_load(&b, pb + h * b.hs + w * b.ws) : bval;
					int64_t v;

					switch (eu) {
					case TIU_DESC_TSK_EU_TYP_MUL: v = va * vb; break;
					case TIU_DESC_TSK_EU_TYP_MAC: {
						v = va * vb;
						if (res_add) {
							uint32_t o = (uint32_t)er[0] | ((uint32_t)er[res.bs] << 8);
							int64_t old = res.is_signed ? (int64_t)(int16_t)o : (int64_t)o;

							v += (int64_t)((uint64_t)old << lshift);
						}
						break;
					}
					case TIU_DESC_TSK_EU_TYP_ADD: v = va + vb; break;
					case TIU_DESC_TSK_EU_TYP_SUB: v = va - vb; break;
					case TIU_DESC_TSK_EU_TYP_MAX: v = va > vb ? va : vb; break;
					case TIU_DESC_TSK_EU_TYP_MIN: v = va < vb ? va : vb; break;
					case TIU_DESC_TSK_EU_TYP_SHIFT:
						if (vb >= 0)
							v = (int64_t)((uint64_t)va << (vb > 63 ? 63 : vb));
						else
							v = va >> (vb < -63 ? 63 : -vb);
						break;
					case TIU_DESC_TSK_EU_TYP_AND: v = va & vb; break;
					case TIU_DESC_TSK_EU_TYP_OR: v = va | vb; break;
					case TIU_DESC_TSK_EU_TYP_XOR: v = va ^ vb; break;
					case TIU_DESC_TSK_EU_TYP_GE: v = va >= vb; break;
					default: v = va; break;      /* copy */
					}
					if (!logic) {
						/* mul_qm: the product as the 32-bit
						 * value the multiply takes */
						v = qm ? tiu_chq_apply(&q, (int32_t)(uint32_t)(uint64_t)v)
						       : tiu_rshift(v, rshift, round);
						v = tiu_sat(v, res.wide, res.is_signed);
						if (relu && v < 0)
							v = 0;
					}
					res_store(&res, er, v);
				}
			}
		}
	}
	r->executed = 1;
}
