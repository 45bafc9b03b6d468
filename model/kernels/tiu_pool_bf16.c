/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_pool_bf16.c - tsk_typ 1 on bf16 data (opd_typ 1): max, average and
 * min pooling and depthwise convolution.
 *
 * The window is that of tiu_window.c with bf16 elements.  Max/min compare
 * in single precision; average pooling and depthwise convolution sum the
 * products in single precision in kernel order (row by row), add an fp32
 * bias, and round once to bf16, as the vendor references that the tests
 * compare exactly do.  Rules and sources: docs/datapath.md 3.12.
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "kern_priv.h"
#include "tiu_priv.h"

enum { EU_MAX = 0, EU_AVG = 1, EU_DW = 2, EU_MIN = 3 };

void tiu_pool_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
			struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned eu = d->tsk_eu_typ, lanes = lm->lanes;
	uint64_t N = d->res0_n, C = d->res0_c, n, c, i, hw, kn, out_n;
	int dw = eu == EU_DW, extreme = eu == EU_MAX || eu == EU_MIN;
	int wconst = dw && d->opt_opd1_const, relu = d->opt_relu_typ == 1;
	int has_bias = !extreme && d->tsk_opd_num == 3;
	struct tiu_opd res = { 0 }, in = { 0 }, wt = { 0 }, bias = { 0 };
	struct tiu_win w;
	float pad, *plane = NULL, *kern = NULL, *acc = NULL;
	int fmode;
	uint32_t *out = NULL;    /* bf16 results */

	if (eu > EU_MIN || d->opt_chl_quan || d->opt_opd0_const || d->opt_relu_typ > 1 ||
	    d->opt_res0_seg != 1 || d->opt_opd0_seg != 1 || d->ps32_md ||
	    (has_bias && (d->opt_opd2_const || d->opt_opd2_seg != 0)) || tiu_win_init(&w, d)) {
		tiu_timing_only(d, k, r);
		return;
	}
	hw = w.oh * w.ow;
	out_n = N * C * hw;
	kn = w.kh * w.kw;
	if (out_n > TIU_NN_MAX_ELEMS ||
	    N * C * (w.rows * w.cols + hw * kn) > TIU_NN_MAX_WORK) {
		tiu_timing_only(d, k, r);
		return;
	}
	/* two-byte elements: checked as operands whose "high plane" is the
	 * next byte; the bias's second half is opd2_b_str further on */
	tiu_opd_init(&res, d->res0_addr, 1, 1, 1);
	tiu_opd_init(&in, d->opd0_addr, 1, 1, 1);
	tiu_opd_init(&wt, d->opd1_addr, 1, 1, 1);
	tiu_opd_init(&bias, d->opd2_addr, 1, 1, d->opd2_b_str + 1u);
	if (TIU_OPD_STRIDES(&res, d, res0, lanes, 2) ||
	    TIU_OPD_STRIDES(&in, d, opd0, lanes, 2) ||
	    (dw && !wconst &&
	     (d->opt_opd1_seg != 1 ||
	      TIU_OPD_STRIDES(&wt, d, opd1, lanes, 2))) ||
	    (has_bias &&
	     TIU_OPD_STRIDES(&bias, d, opd2, lanes, 2))) {
		tiu_timing_only(d, k, r);
		return;
	}
	if (tiu_stop_at_check(tiu_opd_check(&res, lm, N, C, w.oh, w.ow) ||
			      tiu_opd_check(&in, lm, N, C, w.ih, w.iw) ||
			      (dw && !wconst && tiu_opd_check(&wt, lm, 1, C, w.kh, w.kw)) ||
			      (has_bias && tiu_opd_check(&bias, lm, 1, C, 1, 1)), k, r))
		return;
	if (!out_n)
		goto done;
	plane = malloc(w.rows * w.cols * sizeof(*plane));
	kern = malloc(kn * sizeof(*kern));
	acc = malloc(hw * sizeof(*acc));
	out = malloc(out_n * sizeof(*out));
	if (!plane || !kern || !acc || !out) {
		free(plane), free(kern), free(acc), free(out);
		tiu_timing_only(d, k, r);
		return;
	}
	pad = tiu_bf16_to_f32(d->opd0_ins_val);
	for (i = 0; i < kn; i++)
		kern[i] = tiu_bf16_to_f32(d->opd1_addr);     /* avg: the multiplier; scalar weight */
	fmode = tiu_rz_enter();   /* the sums truncate (docs/datapath.md 3.11) */
	for (n = 0; n < N; n++)
		for (c = 0; c < C; c++) {
			uint32_t *o = out + (n * C + c) * hw;
			uint64_t oy, ox, ky, kx;
			float b = 0;

			tiu_win_plane_bf16(&w, &in, lm, n, c, pad, plane);
			if (dw && !wconst) {
				const uint8_t *pw = tiu_opd_at(&wt, lm, 0, c);

				for (ky = 0; ky < w.kh; ky++)
					for (kx = 0; kx < w.kw; kx++)
						kern[ky * w.kw + kx] =
							tiu_bf16_at(pw + ky * wt.hs + kx * wt.ws);
			}
			if (has_bias) {     /* fp32: high half first, low half b_str on */
				uint32_t u = tiu_f32_split_load(tiu_opd_at(&bias, lm, 0, c),
								d->opd2_b_str);

				memcpy(&b, &u, sizeof(b));
			}
			for (i = 0; i < hw; i++)
				acc[i] = extreme ? (eu == EU_MAX ? -FLT_MAX : FLT_MAX) : 0.0f;
			for (oy = 0; oy < w.oh; oy++) {
				float *restrict arow = acc + oy * w.ow;

				for (ky = 0; ky < w.kh; ky++)
					for (kx = 0; kx < w.kw; kx++) {
						const float *restrict p = plane +
							(oy * w.sh + ky * w.dh) * w.cols + kx * w.dw;
						float m = kern[ky * w.kw + kx];

						for (ox = 0; ox < w.ow; ox++) {
							float v = p[ox * w.sw];

							if (eu == EU_MAX)
								arow[ox] = v > arow[ox] ? v : arow[ox];
							else if (eu == EU_MIN)
								arow[ox] = v < arow[ox] ? v : arow[ox];
							else
								arow[ox] += v * m;
						}
					}
			}
			for (i = 0; i < hw; i++) {
				float v = has_bias ? acc[i] + b : acc[i];

				if (relu && v < 0)
					v = 0;
				o[i] = tiu_f32_to_bf16(v);
			}
		}
	tiu_rz_leave(fmode);
	tiu_win_store_bf16(&w, &res, lm, out, N, C, 0, 0);
	free(plane), free(kern), free(acc), free(out);
done:
	r->executed = 1;
}
