/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_conv.c - convolution (tsk_typ 0) on 8-bit data.
 *
 * Every output channel oc sums, over the input channels ic and the kernel
 * positions, the extended input plane of ic (tiu_window.c) times the
 * weight (oc, ky, kx, ic).  The weights sit in the lane of their output
 * channel, ic innermost (stride mode 1).  The 32-bit sum then either goes
 * through the output stage (tiu_requant.c) or, with ps32_md, is kept as a
 * 32-bit partial sum in four byte planes res0_b_str apart.  Rules and
 * sources: docs/datapath.md 3.5-3.8.
 */
#include <stdlib.h>

#include "kern_priv.h"
#include "tiu_priv.h"

static uint32_t ps32_load(const uint8_t *p, uint64_t bs)
{
	return (uint32_t)p[0] | (uint32_t)p[bs] << 8 | (uint32_t)p[2 * bs] << 16 |
	       (uint32_t)p[3 * bs] << 24;
}

void tiu_conv_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
		   struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned lanes = lm->lanes, ps = d->ps32_md;
	uint64_t N = d->res0_n, OC = d->res0_c, IC = d->opd0_c;
	uint64_t n, oc, ic, i, hw, kn, wlen;
	int wconst = d->opt_opd1_const, used = 0;
	int keep32 = ps == TIU_PS32_FIRST || ps == TIU_PS32_MID;
	int read32 = ps == TIU_PS32_MID || ps == TIU_PS32_LAST;
	struct tiu_opd res = { 0 }, in = { 0 }, wt = { 0 }, par = { 0 }, rchk;
	struct tiu_win w;
	uint64_t out_n;
	int32_t pad, *plane = NULL, *kern = NULL;
	uint32_t *acc = NULL;
	struct tiu_post *post = NULL;

	if (d->opd_typ || d->opt_opd0_const || d->opt_relu_typ > 1 || d->opt_res0_seg != 1 ||
	    d->opt_opd0_seg != 1 || (!wconst && (d->opt_opd1_seg != 1 || d->short_opd1_str != 1)) ||
	    tiu_win_init(&w, d)) {
		tiu_timing_only(d, k, r);
		return;
	}
	hw = w.oh * w.ow;
	out_n = N * OC * hw;
	kn = w.kh * w.kw;
	wlen = kn * IC;         /* weight bytes per output channel */
	if (out_n > TIU_NN_MAX_ELEMS || IC > TIU_NN_MAX_ELEMS ||
	    N * IC * w.rows * w.cols + out_n * wlen > TIU_NN_MAX_WORK) {
		tiu_timing_only(d, k, r);
		return;
	}
	tiu_opd_init(&res, d->res0_addr, d->opt_res0_sign, 0, 0);
	tiu_opd_init(&in, d->opd0_addr, d->opt_opd0_sign, 0, 0);
	if (TIU_OPD_STRIDES(&res, d, res0, lanes, 1) ||
	    TIU_OPD_STRIDES(&in, d, opd0, lanes, 1) ||
	    (!keep32 && tiu_post_opd(d, lanes, &par, &used))) {
		tiu_timing_only(d, k, r);
		return;
	}
	/* the weights of one output channel: kh*kw*ic bytes, ic innermost */
	tiu_opd_init(&wt, d->opd1_addr, d->opt_opd1_sign, 0, 0);
	wt.cs = wlen, wt.ns = wt.hs = 0, wt.ws = 1;
	rchk = res;
	if (ps != TIU_PS32_OFF)     /* the partial sum's four planes */
		rchk.wide = 1, rchk.bs = 3 * (uint64_t)d->res0_b_str;
	if (tiu_stop_at_check(tiu_opd_check(&rchk, lm, N, OC, w.oh, w.ow) ||
			      tiu_opd_check(&in, lm, N, IC, w.ih, w.iw) ||
			      (!wconst && wlen && tiu_opd_check(&wt, lm, 1, OC, 1, wlen)) ||
			      (used && tiu_post_check(d, &par, lm, OC)), k, r))
		return;
	if (!out_n)
		goto done;

	plane = malloc(kern_max_u64(w.rows * w.cols, 1) * sizeof(*plane));
	kern = malloc(kn * sizeof(*kern));
	acc = malloc(out_n * sizeof(*acc));
	post = malloc(OC * sizeof(*post));
	if (!plane || !kern || !acc || !post) {
		free(plane), free(kern), free(acc), free(post);
		tiu_timing_only(d, k, r);
		return;
	}
	pad = d->opt_opd0_sign ? (int32_t)(int8_t)(uint8_t)d->opd0_ins_val
			       : (int32_t)(uint8_t)d->opd0_ins_val;
	/* the old partial sums and every output stage are read before any
	 * result is written */
	for (oc = 0; oc < OC && !keep32; oc++)
		tiu_post_load(&post[oc], d, &par, used, lm, oc);
	for (n = 0; n < N; n++)
		for (oc = 0; oc < OC; oc++) {
			uint32_t *a = acc + (n * OC + oc) * hw;
			const uint8_t *pr = tiu_opd_at(&res, lm, n, oc);
			uint64_t y, x;

			for (y = 0; y < w.oh; y++)
				for (x = 0; x < w.ow; x++)
					a[y * w.ow + x] = read32 ?
						ps32_load(pr + y * res.hs + x * res.ws, d->res0_b_str) : 0;
		}
	if (wconst) {
		int32_t m = d->opt_opd1_sign ? (int32_t)(int8_t)(uint8_t)d->opd1_addr
					     : (int32_t)(uint8_t)d->opd1_addr;

		for (i = 0; i < kn; i++)
			kern[i] = m;
	}
	for (n = 0; n < N; n++)
		for (ic = 0; ic < IC; ic++) {
			tiu_win_plane(&w, &in, lm, n, ic, pad, plane);
			for (oc = 0; oc < OC; oc++) {
				if (!wconst) {
					const uint8_t *pw = tiu_opd_at(&wt, lm, 0, oc) + ic;

					for (i = 0; i < kn; i++)
						kern[i] = wt.is_signed ? (int32_t)(int8_t)pw[i * IC]
								       : (int32_t)pw[i * IC];
				}
				tiu_win_mac(&w, plane, kern, acc + (n * OC + oc) * hw);
			}
		}
	for (n = 0; n < N; n++)
		for (oc = 0; oc < OC; oc++) {
			const uint32_t *a = acc + (n * OC + oc) * hw;
			uint8_t *pr = tiu_opd_at(&res, lm, n, oc);
			uint64_t y, x, bs = d->res0_b_str;

			for (y = 0; y < w.oh; y++)
				for (x = 0; x < w.ow; x++) {
					uint8_t *e = pr + y * res.hs + x * res.ws;
					uint32_t v = a[y * w.ow + x];

					if (keep32) {
						e[0] = (uint8_t)v, e[bs] = (uint8_t)(v >> 8);
						e[2 * bs] = (uint8_t)(v >> 16), e[3 * bs] = (uint8_t)(v >> 24);
					} else {
						e[0] = tiu_post_apply(&post[oc], v);
					}
				}
		}
	free(plane), free(kern), free(acc), free(post);
done:
	r->executed = 1;
}
