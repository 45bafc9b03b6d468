/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_matmul_bf16.c - matrix multiply (tsk_typ 2) on bf16 data
 * (opd_typ 1): res = left x right (+ fp32 bias), ReLU, one rounding to
 * bf16.  The matrices are laid out as for int8 (tiu_matmul.c) with
 * two-byte elements.  The single-precision sum runs over the left's
 * columns in the order of the vendor's exactly-compared reference: the
 * column within a lane group outer, the lane group inner.  With ps32_md
 * the sum starts from (modes 3, 1) or is kept as (modes 2, 3) an fp32
 * partial sum split in two halves res0_b_str apart.  Rules and sources:
 * docs/datapath.md 3.14.
 */
#include <stdlib.h>
#include <string.h>

#include "kern_priv.h"
#include "tiu_priv.h"

/* Byte of matrix element (row, col) whose columns are in groups of w. */
static const uint8_t *mat_at(const struct tiu_opd *o, const struct kmem_lmem *lm,
			     uint64_t row, uint64_t col, uint64_t w)
{
	return tiu_opd_at(o, lm, row, col / w) + (col % w) * o->ws;
}

/* Strides of a bf16 matrix operand (c, 1, w): the fields for mode 3, else
 * the default layout; the bias's low half is one n stride on (mode 0) or
 * b_str (mode 3). */
static int mat_strides(struct tiu_opd *o, unsigned mode, unsigned lanes, uint64_t c, uint64_t w,
		       uint64_t ns, uint64_t cs, uint64_t ws, uint64_t b_str)
{
	if (mode != TIU_STR_MANUAL && mode != TIU_STR_DEFAULT)
		return -1;
	tiu_opd_strides(o, mode, lanes, 2, c, 1, w, ns, cs, 0, ws);
	o->hs = 0;
	o->bs = (mode == TIU_STR_DEFAULT ? o->ns : b_str) + 1;  /* + the half's 2nd byte */
	return 0;
}

void tiu_matmul_bf16_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
			  struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned lanes = lm->lanes;
	uint64_t R = d->res0_n, J = (uint64_t)d->res0_c * d->res0_w, K = d->opd1_n;
	uint64_t RW = d->res0_w, LW = d->opd0_w, LC, row, col, wi, ci;
	unsigned ps = d->ps32_md;
	int keep32 = ps == TIU_PS32_FIRST || ps == TIU_PS32_MID;
	int read32 = ps == TIU_PS32_MID || ps == TIU_PS32_LAST;
	int has_bias = d->tsk_opd_num == 3 && !keep32, relu = d->opt_relu_typ == 1 && !keep32;
	struct tiu_opd res = { 0 }, a = { 0 }, b = { 0 }, bias = { 0 };
	float *right = NULL, *acc = NULL, *lrow = NULL;
	int fmode;
	uint32_t *out = NULL;   /* bf16 results, or fp32 partial sums */

	if (d->opt_chl_quan || d->opt_opd0_const || d->opt_opd1_const || d->opt_relu_typ > 1 ||
	    d->opt_res_add || d->opt_res0_seg != 1 || d->opt_opd0_seg != 1 ||
	    d->opt_opd1_seg != 1 || (K && !LW) ||
	    (has_bias && (d->opt_opd2_const || d->opt_opd2_seg != 0)) ||
	    R * J > TIU_NN_MAX_ELEMS || K * J > TIU_NN_MAX_PLANE ||
	    (R + 1) * J * K > TIU_NN_MAX_WORK) {
		tiu_timing_only(d, k, r);
		return;
	}
	LC = K ? kern_ceil_div(K, LW) : 0;
	tiu_opd_init(&res, d->res0_addr, 1, 1, 1);
	tiu_opd_init(&a, d->opd0_addr, 1, 1, 1);
	tiu_opd_init(&b, d->opd1_addr, 1, 1, 1);
	tiu_opd_init(&bias, d->opd2_addr, 1, 1, 0);
	if (mat_strides(&res, d->short_res0_str, lanes, d->res0_c, RW, d->res0_n_str,
			d->res0_c_str, d->res0_w_str, 0) ||
	    mat_strides(&a, d->short_opd0_str, lanes, d->opd0_c, LW, d->opd0_n_str,
			d->opd0_c_str, d->opd0_w_str, 0) ||
	    mat_strides(&b, d->short_opd1_str, lanes, d->res0_c, RW, d->opd1_n_str,
			d->opd1_c_str, d->opd1_w_str, 0) ||
	    (has_bias && mat_strides(&bias, d->short_opd2_str, lanes, d->res0_c, RW,
				     d->opd2_n_str, d->opd2_c_str, d->opd2_w_str, d->opd2_b_str))) {
		tiu_timing_only(d, k, r);
		return;
	}
	/* two-byte elements: every operand is checked with its second byte
	 * as a "high plane" (the bias and a partial sum: the low half's
	 * second byte) */
	res.bs = ps ? d->res0_b_str + 1u : 1u;
	a.bs = b.bs = 1;
	if (tiu_stop_at_check(tiu_opd_check(&res, lm, R, d->res0_c, 1, RW) ||
			      (K && tiu_opd_check(&a, lm, R, LC, 1, kern_min_u64(K, LW))) ||
			      tiu_opd_check(&b, lm, K, d->res0_c, 1, RW) ||
			      (has_bias && tiu_opd_check(&bias, lm, 1, d->res0_c, 1, RW)), k, r))
		return;
	if (!R || !J)
		goto done;
	right = malloc(kern_max_u64(K * J, 1) * sizeof(*right));
	acc = malloc(J * sizeof(*acc));
	lrow = malloc(kern_max_u64(K, 1) * sizeof(*lrow));
	out = malloc(R * J * sizeof(*out));
	if (!right || !acc || !lrow || !out) {
		free(right), free(acc), free(lrow), free(out);
		tiu_timing_only(d, k, r);
		return;
	}
	for (ci = 0; ci < K; ci++)
		for (col = 0; col < J; col++)
			right[ci * J + col] = tiu_bf16_at(mat_at(&b, lm, ci, col, RW));
	fmode = tiu_rz_enter();   /* the sums truncate (docs/datapath.md 3.11) */
	for (row = 0; row < R; row++) {
		for (ci = 0; ci < K; ci++)
			lrow[ci] = tiu_bf16_at(mat_at(&a, lm, row, ci, LW));
		/* the sum starts from the old partial sum, read before any
		 * result is written */
		for (col = 0; col < J; col++) {
			uint32_t u = read32 ? tiu_f32_split_load(mat_at(&res, lm, row, col, RW),
								d->res0_b_str) : 0;

			memcpy(&acc[col], &u, sizeof(acc[col]));
		}
		/* column kk = ci*LW + wi of the left matrix, wi outer */
		for (wi = 0; wi < LW && wi < K; wi++)
			for (ci = 0; ci < LC; ci++) {
				uint64_t kk = ci * LW + wi;
				const float *restrict rr = right + kk * J;
				float l;

				if (kk >= K)
					continue;
				l = lrow[kk];
				for (col = 0; col < J; col++)
					acc[col] += l * rr[col];
			}
		for (col = 0; col < J; col++) {
			float v = acc[col];

			if (has_bias) {     /* fp32: high half, low half one row on */
				uint32_t u = tiu_f32_split_load(mat_at(&bias, lm, 0, col, RW),
								bias.bs - 1);
				float fb;

				memcpy(&fb, &u, sizeof(fb));
				v = v + fb;
			}
			if (relu && v < 0)
				v = 0;
			if (keep32)
				memcpy(&out[row * J + col], &v, sizeof(v));
			else
				out[row * J + col] = tiu_f32_to_bf16(v);
		}
	}
	tiu_rz_leave(fmode);
	for (row = 0; row < R; row++)
		for (col = 0; col < J; col++) {
			uint8_t *e = (uint8_t *)mat_at(&res, lm, row, col, RW);
			uint32_t v = out[row * J + col];

			if (keep32) {
				tiu_f32_split_store(e, d->res0_b_str, v);
			} else {
				e[0] = (uint8_t)v, e[1] = (uint8_t)(v >> 8);
			}
		}
	free(right), free(acc), free(lrow), free(out);
done:
	r->executed = 1;
}
