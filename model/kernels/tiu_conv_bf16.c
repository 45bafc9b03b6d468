/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_conv_bf16.c - convolution (tsk_typ 0) on bf16 data (opd_typ 1).
 *
 * The sum of window x weight is formed in single precision in the order
 * of the vendor's exactly-compared reference: kernel row, kernel column,
 * then input channel innermost; the fp32 bias is added after it, ReLU
 * applied, and the result rounded once to bf16.  The weight layout is the
 * int8 one (tiu_conv.c) with two-byte elements.  With ps32_md the sum
 * starts from (modes 3, 1) or is kept as (modes 2, 3) an fp32 partial sum
 * split in two halves res0_b_str apart.  Rules and sources:
 * docs/datapath.md 3.13.
 */
#include <stdlib.h>
#include <string.h>

#include "kern_priv.h"
#include "tiu_priv.h"

void tiu_conv_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
			struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned lanes = lm->lanes;
	uint64_t N = d->res0_n, OC = d->res0_c, IC = d->opd0_c;
	uint64_t n, oc, ic, i, hw, kn, wlen, out_n, psz;
	unsigned ps = d->ps32_md;
	int keep32 = ps == TIU_PS32_FIRST || ps == TIU_PS32_MID;
	int read32 = ps == TIU_PS32_MID || ps == TIU_PS32_LAST;
	int wconst = d->opt_opd1_const, relu = d->opt_relu_typ == 1 && !keep32;
	int has_bias = d->tsk_opd_num == 3 && !keep32;
	struct tiu_opd res = { 0 }, in = { 0 }, wt = { 0 }, bias = { 0 };
	struct tiu_win w;
	float pad, *planes = NULL, *kern = NULL, *acc = NULL;
	int fmode;
	uint32_t *out = NULL;   /* bf16 results, or fp32 partial sums */

	if (d->opt_chl_quan || d->opt_opd0_const || d->opt_relu_typ > 1 || d->opt_res0_seg != 1 ||
	    d->opt_opd0_seg != 1 ||
	    (!wconst && (d->opt_opd1_seg != 1 || d->short_opd1_str != 1)) ||
	    (has_bias && (d->opt_opd2_const || d->opt_opd2_seg != 0)) || tiu_win_init(&w, d)) {
		tiu_timing_only(d, k, r);
		return;
	}
	hw = w.oh * w.ow;
	out_n = N * OC * hw;
	kn = w.kh * w.kw;
	wlen = kn * IC;         /* weights per output channel */
	psz = w.rows * w.cols;
	/* every input channel's plane is kept: the sum runs over ic innermost */
	if (out_n > TIU_NN_MAX_ELEMS || IC > TIU_NN_MAX_ELEMS || IC * psz > TIU_NN_MAX_PLANE ||
	    N * IC * psz + out_n * wlen > TIU_NN_MAX_WORK) {
		tiu_timing_only(d, k, r);
		return;
	}
	/* the second byte of a bf16 result, or the partial sum's low half */
	tiu_opd_init(&res, d->res0_addr, 1, 1, ps ? d->res0_b_str + 1u : 1u);
	tiu_opd_init(&in, d->opd0_addr, 1, 1, 1);
	tiu_opd_init(&bias, d->opd2_addr, 1, 1, d->opd2_b_str + 1u);
	if (TIU_OPD_STRIDES(&res, d, res0, lanes, 2) ||
	    TIU_OPD_STRIDES(&in, d, opd0, lanes, 2) ||
	    (has_bias &&
	     TIU_OPD_STRIDES(&bias, d, opd2, lanes, 2))) {
		tiu_timing_only(d, k, r);
		return;
	}
	tiu_opd_init(&wt, d->opd1_addr, 1, 0, 0);
	wt.cs = 2 * wlen, wt.ns = wt.hs = 0, wt.ws = 1;
	if (tiu_stop_at_check(tiu_opd_check(&res, lm, N, OC, w.oh, w.ow) ||
			      tiu_opd_check(&in, lm, N, IC, w.ih, w.iw) ||
			      (!wconst && wlen && tiu_opd_check(&wt, lm, 1, OC, 1, 2 * wlen)) ||
			      (has_bias && tiu_opd_check(&bias, lm, 1, OC, 1, 1)), k, r))
		return;
	if (!out_n)
		goto done;
	planes = malloc(kern_max_u64(IC * psz, 1) * sizeof(*planes));
	kern = malloc(kern_max_u64(wlen, 1) * sizeof(*kern));
	acc = malloc(hw * sizeof(*acc));
	out = malloc(out_n * sizeof(*out));
	if (!planes || !kern || !acc || !out) {
		free(planes), free(kern), free(acc), free(out);
		tiu_timing_only(d, k, r);
		return;
	}
	pad = tiu_bf16_to_f32(d->opd0_ins_val);
	fmode = tiu_rz_enter();   /* the sums truncate (docs/datapath.md 3.11) */
	for (n = 0; n < N; n++) {
		for (ic = 0; ic < IC; ic++)
			tiu_win_plane_bf16(&w, &in, lm, n, ic, pad, planes + ic * psz);
		for (oc = 0; oc < OC; oc++) {
			uint32_t *o = out + (n * OC + oc) * hw;
			const uint8_t *pw = tiu_opd_at(&wt, lm, 0, oc);
			const uint8_t *pr = tiu_opd_at(&res, lm, n, oc);
			uint64_t oy, ox, ky, kx;
			float b = 0;

			for (i = 0; i < wlen; i++)
				kern[i] = wconst ? tiu_bf16_to_f32(d->opd1_addr) : tiu_bf16_at(pw + 2 * i);
			if (has_bias) {     /* fp32: high half first, low half b_str on */
				uint32_t u = tiu_f32_split_load(tiu_opd_at(&bias, lm, 0, oc),
								d->opd2_b_str);

				memcpy(&b, &u, sizeof(b));
			}
			/* the sum starts from the old partial sum, read
			 * before any result is written */
			for (i = 0; i < hw; i++) {
				uint32_t u = read32 ? tiu_f32_split_load(pr + (i / w.ow) * res.hs +
									(i % w.ow) * res.ws,
									d->res0_b_str) : 0;

				memcpy(&acc[i], &u, sizeof(acc[i]));
			}
			for (oy = 0; oy < w.oh; oy++) {
				float *restrict arow = acc + oy * w.ow;

				for (ky = 0; ky < w.kh; ky++)
					for (kx = 0; kx < w.kw; kx++)
						for (ic = 0; ic < IC; ic++) {
							const float *restrict p = planes + ic * psz +
								(oy * w.sh + ky * w.dh) * w.cols + kx * w.dw;
							float m = kern[(ky * w.kw + kx) * IC + ic];

							for (ox = 0; ox < w.ow; ox++)
								arow[ox] += p[ox * w.sw] * m;
						}
			}
			for (i = 0; i < hw; i++) {
				float v = has_bias ? acc[i] + b : acc[i];

				if (relu && v < 0)
					v = 0;
				if (keep32)
					memcpy(&o[i], &v, sizeof(o[i]));
				else
					o[i] = tiu_f32_to_bf16(v);
			}
		}
	}
	tiu_rz_leave(fmode);
	tiu_win_store_bf16(&w, &res, lm, out, N, OC, keep32, d->res0_b_str);
	free(planes), free(kern), free(acc), free(out);
done:
	r->executed = 1;
}
