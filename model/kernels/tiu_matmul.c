/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_matmul.c - matrix multiply (tsk_typ 2) on 8-bit data:
 * res = left x right (+ bias) (+ old result << lshift).
 *
 * A matrix of R rows keeps row r at n = r and spreads its columns over
 * lanes: column j is at c = j / w, w = j % w.  The left matrix (opd0) has
 * opd1_n columns in groups of opd0_w; the right matrix (opd1, opd1_n rows),
 * the bias (opd2) and the result share the result's c x w columns.  The
 * 32-bit sum goes through a rounding right shift, saturation to 8 or 16
 * bits and ReLU, or with ps32_md is kept as a 32-bit partial sum.
 * matmul_qm (opt_chl_quan) takes a 32-bit bias in four byte planes and
 * replaces the right shift by the fixed-point multiply of quan_m and the
 * 6-bit signed opt_res_shift (tiu_requant.c).  Rules and sources:
 * docs/datapath.md 3.9.
 */
#include <stdlib.h>

#include "kern_priv.h"
#include "tiu_priv.h"

/* Byte of matrix element (row, col) whose columns are in groups of w. */
static uint8_t *mat_at(const struct tiu_opd *o, const struct kmem_lmem *lm, uint64_t row,
		       uint64_t col, uint64_t w)
{
	return tiu_opd_at(o, lm, row, col / w) + (col % w) * o->ws;
}

/* Strides of a matrix operand: the descriptor's for mode 3, else the
 * default layout of (c, 1, w); the 16-bit high plane is `rows` n strides
 * further on unless the strides are manual (then b_str). */
static int mat_strides(struct tiu_opd *o, unsigned mode, unsigned lanes, uint64_t c,
		       uint64_t w, uint64_t rows, uint64_t ns, uint64_t cs, uint64_t ws)
{
	if (mode != TIU_STR_MANUAL && mode != TIU_STR_DEFAULT)
		return -1;
	tiu_opd_strides(o, mode, lanes, 1, c, 1, w, ns, cs, 0, ws);
	o->hs = 0;
	if (mode == TIU_STR_DEFAULT)
		o->bs = rows * o->ns;
	return 0;
}

void tiu_matmul_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
		     struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned lanes = lm->lanes, ps = d->ps32_md;
	uint64_t R = d->res0_n, J = (uint64_t)d->res0_c * d->res0_w, K = d->opd1_n;
	uint64_t RW = d->res0_w, LW = d->opd0_w, row, col, kk;
	int keep32 = ps == TIU_PS32_FIRST || ps == TIU_PS32_MID;
	int read32 = ps == TIU_PS32_MID || ps == TIU_PS32_LAST;
	int res_add = !ps && d->opt_res_add, has_bias = d->tsk_opd_num == 3 && !keep32;
	int wide = d->opt_res0_seg == 0, round = d->opt_rshift_typ == 1, qm = d->opt_chl_quan;
	struct tiu_chq q;
	struct tiu_opd res = { 0 }, a = { 0 }, b = { 0 }, bias = { 0 }, rchk, bchk;
	int32_t *right = NULL;
	uint32_t *acc = NULL;

	if (d->opd_typ || d->opt_opd0_const || d->opt_opd1_const || d->opt_relu_typ > 1 ||
	    d->opt_res0_seg > 1 || d->opt_opd0_seg != 1 || d->opt_opd1_seg != 1 || (K && !LW) ||
	    (has_bias && (d->opt_opd2_const || (qm && d->opt_opd2_seg))) ||
	    R * J > TIU_NN_MAX_ELEMS || K * J > TIU_NN_MAX_PLANE ||
	    (R + 1) * J * K > TIU_NN_MAX_WORK) {
		tiu_timing_only(d, k, r);
		return;
	}
	tiu_chq_of_desc(&q, d);
	tiu_opd_init(&res, d->res0_addr, d->opt_res0_sign, wide, d->res0_b_str);
	tiu_opd_init(&a, d->opd0_addr, d->opt_opd0_sign, 0, 0);
	tiu_opd_init(&b, d->opd1_addr, d->opt_opd1_sign, 0, 0);
	tiu_opd_init(&bias, d->opd2_addr, d->opt_opd2_sign, d->opt_opd2_seg == 0, d->opd2_b_str);
	if (mat_strides(&res, d->short_res0_str, lanes, d->res0_c, RW, R, d->res0_n_str,
			d->res0_c_str, d->res0_w_str) ||
	    mat_strides(&a, d->short_opd0_str, lanes, d->opd0_c, LW, R, d->opd0_n_str,
			d->opd0_c_str, d->opd0_w_str) ||
	    mat_strides(&b, d->short_opd1_str, lanes, d->res0_c, RW, K, d->opd1_n_str,
			d->opd1_c_str, d->opd1_w_str) ||
	    (has_bias && mat_strides(&bias, d->short_opd2_str, lanes, d->res0_c, RW, 1,
				     d->opd2_n_str, d->opd2_c_str, d->opd2_w_str))) {
		tiu_timing_only(d, k, r);
		return;
	}
	if (ps)                 /* every plane is res0_b_str from the last */
		res.bs = d->res0_b_str;
	bchk = bias;
	if (qm)                 /* a 32-bit bias: four planes, bias.bs apart */
		bchk.bs = 3 * bias.bs;
	rchk = res;
	if (ps)                 /* the partial sum's four planes */
		rchk.wide = 1, rchk.bs = 3 * (uint64_t)d->res0_b_str;
	else if (res_add)       /* the old result is read as 16 bits */
		rchk.wide = 1;
	if (tiu_stop_at_check(tiu_opd_check(&rchk, lm, R, d->res0_c, 1, RW) ||
			      (K && tiu_opd_check(&a, lm, R, kern_ceil_div(K, LW), 1,
						  kern_min_u64(K, LW))) ||
			      tiu_opd_check(&b, lm, K, d->res0_c, 1, RW) ||
			      (has_bias && tiu_opd_check(&bchk, lm, 1, d->res0_c, 1, RW)), k, r))
		return;
	if (!R || !J)
		goto done;
	right = malloc(kern_max_u64(K * J, 1) * sizeof(*right));
	acc = malloc(R * J * sizeof(*acc));
	if (!right || !acc) {
		free(right), free(acc);
		tiu_timing_only(d, k, r);
		return;
	}
	for (kk = 0; kk < K; kk++)
		for (col = 0; col < J; col++) {
			uint8_t v = *mat_at(&b, lm, kk, col, RW);

			right[kk * J + col] = b.is_signed ? (int32_t)(int8_t)v : (int32_t)v;
		}
	/* start values: the old partial sum, the old result shifted left,
	 * and the bias; all read before any result is written */
	for (row = 0; row < R; row++)
		for (col = 0; col < J; col++) {
			const uint8_t *e = mat_at(&res, lm, row, col, RW);
			uint32_t v = 0;

			if (read32) {
				uint64_t bs = d->res0_b_str;

				v = (uint32_t)e[0] | (uint32_t)e[bs] << 8 | (uint32_t)e[2 * bs] << 16 |
				    (uint32_t)e[3 * bs] << 24;
			} else if (res_add) {
				uint32_t o = (uint32_t)e[0] | (uint32_t)e[res.bs] << 8;
				int32_t old = res.is_signed ? (int16_t)o : (int32_t)o;

				v = (uint32_t)old << (d->opt_left_shift & 31u);
			}
			if (has_bias) {
				const uint8_t *pb = mat_at(&bias, lm, 0, col, RW);
				uint32_t bv = pb[0];

				if (qm) {
					v += bv | (uint32_t)pb[bias.bs] << 8 |
					     (uint32_t)pb[2 * bias.bs] << 16 |
					     (uint32_t)pb[3 * bias.bs] << 24;
				} else if (bias.wide) {
					bv |= (uint32_t)pb[bias.bs] << 8;
					v += bias.is_signed ? (uint32_t)(int32_t)(int16_t)bv : bv;
				} else {
					v += bias.is_signed ? (uint32_t)(int32_t)(int8_t)bv : bv;
				}
			}
			acc[row * J + col] = v;
		}
	for (row = 0; row < R; row++) {
		uint32_t *restrict arow = acc + row * J;

		for (kk = 0; kk < K; kk++) {
			uint8_t lv = *mat_at(&a, lm, row, kk, LW);
			uint32_t x = a.is_signed ? (uint32_t)(int32_t)(int8_t)lv : lv;
			const int32_t *restrict rrow = right + kk * J;

			if (!x)
				continue;
			for (col = 0; col < J; col++)
				arow[col] += x * (uint32_t)rrow[col];
		}
	}
	for (row = 0; row < R; row++)
		for (col = 0; col < J; col++) {
			uint8_t *e = mat_at(&res, lm, row, col, RW);
			uint32_t v = acc[row * J + col];
			int64_t y;

			if (keep32) {
				uint64_t bs = d->res0_b_str;

				e[0] = (uint8_t)v, e[bs] = (uint8_t)(v >> 8);
				e[2 * bs] = (uint8_t)(v >> 16), e[3 * bs] = (uint8_t)(v >> 24);
				continue;
			}
			y = qm ? tiu_chq_apply(&q, (int32_t)v)
			       : tiu_rshift((int32_t)v, d->opt_res_shift, round);
			y = tiu_sat(y, wide, res.is_signed);
			if (d->opt_relu_typ == 1 && y < 0)
				y = 0;
			e[0] = (uint8_t)((uint64_t)y & 0xffu);
			if (wide)
				e[res.bs] = (uint8_t)(((uint64_t)y >> 8) & 0xffu);
		}
	free(right), free(acc);
done:
	r->executed = 1;
}
