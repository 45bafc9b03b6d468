/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_lut.c - table lookup (tsk_typ 3, eu 12) on 8-bit and bf16 data:
 * the first (low) byte of every input element, taken as an unsigned
 * index, selects an entry of the 256-entry table held in the element's
 * own lane, and the entry is the result element.  The table is an
 * (1, lanes, h, w) tensor with h*w = 256 (cvikernel replicates it in
 * every lane): 16 x 16 bytes, or 32 x 8 bf16 entries.  The bf16 form is
 * the primitive of the compiler's exponent/mantissa and slope tables:
 * the index it wants sits in the low byte of a bf16 slot.  Rules and
 * sources: docs/datapath.md 3.10.
 */
#include <stdlib.h>
#include <string.h>

#include "kern_priv.h"
#include "tiu_priv.h"

#define TIU_LUT_ENTRIES 256u

void tiu_lut_exec(const struct tiu_desc *d, const struct tiu_kctx *k,
		  struct tiu_kresult *r)
{
	const struct kmem_lmem *lm = &k->lmem;
	unsigned lanes = lm->lanes, es = d->opd_typ ? 2u : 1u, wide = es == 2;
	uint64_t N = d->res0_n, C = d->res0_c, H = d->res0_h, W = d->res0_w, n, c, h, w;
	uint64_t TW = d->opd1_w, i, row = TIU_LUT_ENTRIES * es;
	struct tiu_opd res = { 0 }, in = { 0 }, tab = { 0 };
	uint8_t *table = NULL, *out = NULL;

	if (d->opt_opd0_const || d->opt_res0_seg != 1 || d->opt_opd0_seg != 1 ||
	    (uint64_t)d->opd1_h * TW != TIU_LUT_ENTRIES ||
	    N * C * H * W > TIU_NN_MAX_ELEMS) {
		tiu_timing_only(d, k, r);
		return;
	}
	/* a bf16 element is two contiguous bytes: checked as an operand
	 * whose "high plane" is the next byte */
	tiu_opd_init(&res, d->res0_addr, 0, wide, 1);
	tiu_opd_init(&in, d->opd0_addr, 0, wide, 1);
	tiu_opd_init(&tab, d->opd1_addr, 0, wide, 1);
	if (TIU_OPD_STRIDES(&res, d, res0, lanes, es) ||
	    TIU_OPD_STRIDES(&in, d, opd0, lanes, es) ||
	    tiu_opd_strides(&tab, d->short_opd1_str, lanes, es, lanes, d->opd1_h, TW,
			    d->opd1_n_str, d->opd1_c_str, d->opd1_h_str, d->opd1_w_str)) {
		tiu_timing_only(d, k, r);
		return;
	}
	/* the table occupies one channel in every lane */
	if (tiu_stop_at_check(tiu_opd_check(&res, lm, N, C, H, W) ||
			      tiu_opd_check(&in, lm, N, C, H, W) ||
			      tiu_opd_check(&tab, lm, 1, lanes, d->opd1_h, TW), k, r))
		return;
	if (!N || !C || !H || !W)
		goto done;
	table = malloc((size_t)lanes * row);
	out = malloc(N * C * H * W * es);
	if (!table || !out) {
		free(table), free(out);
		tiu_timing_only(d, k, r);
		return;
	}
	/* table[l]: the copy whose channel lies in lane l */
	for (c = 0; c < lanes; c++) {
		const uint8_t *p = tiu_opd_at(&tab, lm, 0, c);
		uint8_t *t = table + ((tab.lane0 + c) % lanes) * row;

		for (i = 0; i < TIU_LUT_ENTRIES; i++)
			memcpy(t + i * es, p + (i / TW) * tab.hs + (i % TW) * tab.ws, es);
	}
	/* every input is read before the first result byte is written */
	for (n = 0, i = 0; n < N; n++)
		for (c = 0; c < C; c++) {
			const uint8_t *pa = tiu_opd_at(&in, lm, n, c);
			const uint8_t *t = table + ((in.lane0 + c) % lanes) * row;

			for (h = 0; h < H; h++)
				for (w = 0; w < W; w++, i += es)
					memcpy(out + i, t + pa[h * in.hs + w * in.ws] * es, es);
		}
	for (n = 0, i = 0; n < N; n++)
		for (c = 0; c < C; c++) {
			uint8_t *pr = tiu_opd_at(&res, lm, n, c);

			for (h = 0; h < H; h++)
				for (w = 0; w < W; w++, i += es)
					memcpy(pr + h * res.hs + w * res.ws, out + i, es);
		}
	free(table), free(out);
done:
	r->executed = 1;
}
