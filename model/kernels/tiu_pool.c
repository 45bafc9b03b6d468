/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_pool.c - tsk_typ 1 on 8-bit data: max pooling (eu 0), average
 * pooling (1), depthwise convolution (2) and min pooling (3).
 *
 * Every output channel reads only its own input channel, through the
 * extended plane of tiu_window.c.  Max/min take the extreme of the window;
 * average pooling multiplies every window element by the scalar opd1;
 * depthwise convolution multiplies by the channel's own kh x kw kernel (or
 * a scalar).  Both sums then go through the output stage of
 * tiu_requant.c.  Rules and sources: docs/datapath.md 3.5-3.7.
 */
#include <stdlib.h>

#include "kern_priv.h"
#include "tiu_priv.h"

enum { EU_MAX = 0, EU_AVG = 1, EU_DW = 2, EU_MIN = 3 };

static int32_t scalar8(uint32_t v, int is_signed)
{
	return is_signed ? (int32_t)(int8_t)(uint8_t)(v & 0xffu) : (int32_t)(v & 0xffu);
}

static void extreme_window(const struct tiu_win *w, const int32_t *restrict plane,
			   int is_min, int32_t *restrict out)
{
	uint64_t oy, ox, ky, kx;

	for (oy = 0; oy < w->oh; oy++) {
		int32_t *restrict orow = out + oy * w->ow;

		for (ox = 0; ox < w->ow; ox++)
			orow[ox] = plane[oy * w->sh * w->cols + ox * w->sw];
		for (ky = 0; ky < w->kh; ky++) {
			const int32_t *prow = plane + (oy * w->sh + ky * w->dh) * w->cols;

			for (kx = 0; kx < w->kw; kx++) {
				const int32_t *p = prow + kx * w->dw;

				for (ox = 0; ox < w->ow; ox++) {
					int32_t v = p[ox * w->sw];

					if (is_min ? v < orow[ox] : v > orow[ox])
						orow[ox] = v;
				}
			}
		}
	}
}

void tiu_pool_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
		   struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned eu = d->tsk_eu_typ, lanes = lm->lanes;
	uint64_t N = d->res0_n, C = d->res0_c, n, c, i, hw;
	int dw = eu == EU_DW, extreme = eu == EU_MAX || eu == EU_MIN;
	int wconst = dw && d->opt_opd1_const, relu = d->opt_relu_typ == 1, used = 0;
	struct tiu_opd res = { 0 }, in = { 0 }, wt = { 0 }, par = { 0 };
	struct tiu_win w;
	uint64_t out_n, kn;
	int32_t pad, *plane = NULL, *kern = NULL, *ext = NULL;
	uint32_t *acc = NULL;
	uint8_t *out = NULL;

	if (eu > EU_MIN || d->opd_typ || d->opt_opd0_const || d->opt_relu_typ > 1 ||
	    d->opt_res0_seg != 1 || d->opt_opd0_seg != 1 || d->ps32_md ||
	    (d->opt_chl_quan && !dw) || tiu_win_init(&w, d)) {
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
	tiu_opd_init(&res, d->res0_addr, d->opt_res0_sign, 0, 0);
	tiu_opd_init(&in, d->opd0_addr, d->opt_opd0_sign, 0, 0);
	tiu_opd_init(&wt, d->opd1_addr, d->opt_opd1_sign, 0, 0);
	if (TIU_OPD_STRIDES(&res, d, res0, lanes, 1) ||
	    TIU_OPD_STRIDES(&in, d, opd0, lanes, 1) ||
	    (dw && !wconst &&
	     (d->opt_opd1_seg != 1 ||
	      TIU_OPD_STRIDES(&wt, d, opd1, lanes, 1))) ||
	    (!extreme && tiu_post_opd(d, lanes, &par, &used))) {
		tiu_timing_only(d, k, r);
		return;
	}
	if (tiu_stop_at_check(tiu_opd_check(&res, lm, N, C, w.oh, w.ow) ||
			      tiu_opd_check(&in, lm, N, C, w.ih, w.iw) ||
			      (dw && !wconst && tiu_opd_check(&wt, lm, 1, C, w.kh, w.kw)) ||
			      (used && tiu_post_check(d, &par, lm, C)), k, r))
		return;
	if (!out_n)
		goto done;

	plane = malloc(w.rows * w.cols * sizeof(*plane));
	kern = malloc(kn * sizeof(*kern));
	ext = malloc(hw * sizeof(*ext));
	acc = malloc(hw * sizeof(*acc));
	out = malloc(out_n);
	if (!plane || !kern || !ext || !acc || !out) {
		free(plane), free(kern), free(ext), free(acc), free(out);
		tiu_timing_only(d, k, r);
		return;
	}
	pad = scalar8(d->opd0_ins_val, in.is_signed);
	if (eu == EU_AVG || wconst) {
		int32_t m = scalar8(d->opd1_addr, d->opt_opd1_sign);

		for (i = 0; i < kn; i++)
			kern[i] = m;
	}
	for (n = 0; n < N; n++) {
		for (c = 0; c < C; c++) {
			uint8_t *o = out + (n * C + c) * hw;
			struct tiu_post post;

			tiu_win_plane(&w, &in, lm, n, c, pad, plane);
			if (extreme) {
				extreme_window(&w, plane, eu == EU_MIN, ext);
				for (i = 0; i < hw; i++)
					o[i] = (uint8_t)(relu && ext[i] < 0 ? 0 : ext[i]);
				continue;
			}
			if (dw && !wconst) {
				const uint8_t *pw = tiu_opd_at(&wt, lm, 0, c);
				uint64_t ky, kx;

				for (ky = 0; ky < w.kh; ky++)
					for (kx = 0; kx < w.kw; kx++)
						kern[ky * w.kw + kx] = scalar8(
							pw[ky * wt.hs + kx * wt.ws], wt.is_signed);
			}
			tiu_post_load(&post, d, &par, used, lm, c);
			for (i = 0; i < hw; i++)
				acc[i] = 0;
			tiu_win_mac(&w, plane, kern, acc);
			for (i = 0; i < hw; i++)
				o[i] = tiu_post_apply(&post, acc[i]);
		}
	}
	/* every input was read before the first result byte is written */
	for (n = 0; n < N; n++)
		for (c = 0; c < C; c++) {
			uint8_t *pr = tiu_opd_at(&res, lm, n, c);
			const uint8_t *o = out + (n * C + c) * hw;
			uint64_t y, x;

			for (y = 0; y < w.oh; y++)
				for (x = 0; x < w.ow; x++)
					pr[y * res.hs + x * res.ws] = o[y * w.ow + x];
		}
	free(plane), free(kern), free(ext), free(acc), free(out);
done:
	r->executed = 1;
}
