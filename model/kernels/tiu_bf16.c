/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_bf16.c - TIU tensor arithmetic (tsk_typ 3) on bf16 data (opd_typ 1):
 * mul, mac, add, sub, max, min, copy and ge (a >= b: 1.0 or 0.0).
 *
 * Each element is computed in IEEE single precision from the bf16 operands,
 * every single-precision step rounded toward zero, and the result is
 * rounded to bf16 once, to nearest with ties to even; NaN becomes the
 * canonical 0x7fc0 and a result that rounds to infinity becomes 0x7f7f,
 * as the vendor's conversion states is the hardware's behaviour.  Rules
 * and sources: docs/datapath.md 3.11.
 */
#include <string.h>

#include "kern_priv.h"
#include "tiu_priv.h"

float tiu_bf16_to_f32(uint32_t bits16)
{
	uint32_t u = (bits16 & 0xffffu) << 16;
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

uint16_t tiu_f32_to_bf16(float f)
{
	uint32_t u;

	if (f != f)
		return 0x7fc0;
	memcpy(&u, &f, sizeof(u));
	u += 0x7fffu + ((u >> 16) & 1u);
	u >>= 16;
	if ((u & 0x7f80u) == 0x7f80u)
		u = 0x7f7f;
	return (uint16_t)u;
}

void tiu_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
		   struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned eu = d->tsk_eu_typ, lanes = lm->lanes;
	int two = eu != TIU_DESC_TSK_EU_TYP_COPY, b_const = two && d->opt_opd1_const;
	int relu = d->opt_relu_typ == 1;
	struct tiu_opd res = { 0 }, a = { 0 }, b = { 0 };
	uint64_t N = d->res0_n, C = d->res0_c, H = d->res0_h, W = d->res0_w, n, c, h, w;
	float bval = 0;
	int fmode;

	if ((eu > TIU_DESC_TSK_EU_TYP_MIN && eu != TIU_DESC_TSK_EU_TYP_COPY &&
	     eu != TIU_DESC_TSK_EU_TYP_GE) ||
	    d->opt_chl_quan || d->opt_opd0_const || d->opt_relu_typ > 1 ||
	    d->opt_res0_seg != 1 || d->opt_opd0_seg != 1 || (two && !b_const && d->opt_opd1_seg != 1)) {
		tiu_timing_only(d, k, r);
		return;
	}
	/* a bf16 element is two contiguous bytes: checked as an operand
	 * whose "high plane" is the next byte */
	tiu_opd_init(&res, d->res0_addr, 1, 1, 1);
	tiu_opd_init(&a, d->opd0_addr, 1, 1, 1);
	tiu_opd_init(&b, d->opd1_addr, 1, 1, 1);
	if (TIU_OPD_STRIDES(&res, d, res0, lanes, 2) ||
	    TIU_OPD_STRIDES(&a, d, opd0, lanes, 2) ||
	    (two && !b_const &&
	     TIU_OPD_STRIDES(&b, d, opd1, lanes, 2))) {
		tiu_timing_only(d, k, r);
		return;
	}
	if (b_const) {
		uint8_t v[2] = { (uint8_t)d->opd1_addr, (uint8_t)(d->opd1_addr >> 8) };

		bval = tiu_bf16_at(v);
	}
	if (tiu_stop_at_check(tiu_opd_check(&res, lm, N, C, H, W) ||
			      tiu_opd_check(&a, lm, N, C, H, W) ||
			      (two && !b_const && tiu_opd_check(&b, lm, N, C, H, W)), k, r))
		return;
	fmode = tiu_rz_enter();   /* single-precision steps truncate (docs/datapath.md 3.11) */
	for (n = 0; n < N; n++)
		for (c = 0; c < C; c++) {
			uint8_t *pr = tiu_opd_at(&res, lm, n, c);
			const uint8_t *pa = tiu_opd_at(&a, lm, n, c);
			const uint8_t *pb = two && !b_const ? tiu_opd_at(&b, lm, n, c) : NULL;

			for (h = 0; h < H; h++)
				for (w = 0; w < W; w++) {
					uint8_t *e = pr + h * res.hs + w * res.ws;
					float x = tiu_bf16_at(pa + h * a.hs + w * a.ws);
					float y = pb ? tiu_bf16_at(pb + h * b.hs + w * b.ws) : bval;
					float v;
					uint16_t o;

					switch (eu) {
					case TIU_DESC_TSK_EU_TYP_MUL: v = x * y; break;
					case TIU_DESC_TSK_EU_TYP_MAC: v = x * y + tiu_bf16_at(e); break;
					case TIU_DESC_TSK_EU_TYP_ADD: v = x + y; break;
					case TIU_DESC_TSK_EU_TYP_SUB: v = x - y; break;
					case TIU_DESC_TSK_EU_TYP_MAX: v = x > y ? x : y; break;
					case TIU_DESC_TSK_EU_TYP_MIN: v = x < y ? x : y; break;
					case TIU_DESC_TSK_EU_TYP_GE: v = x >= y ? 1.0f : 0.0f; break;
					default: v = x; break;          /* copy */
					}
					if (relu && v < 0)
						v = 0;
					o = tiu_f32_to_bf16(v);
					e[0] = (uint8_t)o, e[1] = (uint8_t)(o >> 8);
				}
		}
	tiu_rz_leave(fmode);
	r->executed = 1;
}
