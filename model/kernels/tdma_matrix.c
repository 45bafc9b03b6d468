/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_matrix.c - matrix mode (sys_dtype 1): a rows x cols matrix moves
 * between DRAM (rows with a row stride) and LMEM, where each row is spread
 * over ceil(cols / w) lanes, w elements per lane (docs/datapath.md 2.10).
 *
 * The local matrix is at most two tensor sides of the common machinery
 * (kern_priv.h): the full channels and the partial last channel.  Rows
 * alternate between the two, so a row is moved as two pieces.
 */
#include <string.h>

#include "kern_priv.h"
#include "tdma_kernel.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"

#define ST_BUSERR TDMA_INT_MASK_STATUS_VAL_BUSERR
#define ST_DECERR TDMA_INT_MASK_STATUS_VAL_DECERR
#define ST_ZERO   TDMA_INT_MASK_STATUS_VAL_ZERO

/* A whole matrix is staged; larger ones (only possible with a zero
 * local c stride) are timed from their byte counts. */
#define MATRIX_MAX_ELEMS (1ull << 20)

int tdma_lmat_init(struct tlmat *m, uint64_t addr, uint64_t rows, uint64_t cols,
		   uint64_t c, uint64_t w, uint64_t ns, uint64_t cs, unsigned es,
		   unsigned lanes)
{
	uint64_t full = cols / w, tail = cols % w;

	memset(m, 0, sizeof(*m));
	if (c != kern_ceil_div(cols, w))
		return -1;
	m->rows = rows;
	m->full_bytes = full * w * es;
	m->tail_bytes = tail * es;
	if (full)
		tdma_side_tensor(&m->full, 1, addr, rows, full, 1, w, ns, cs, w * es, es);
	if (tail) {
		uint64_t l = (addr >> TPU_LMEM_ADDR_SHIFT) + full;

		tdma_side_tensor(&m->tail, 1, addr, rows, 1, 1, tail, ns, cs, tail * es, es);
		if (full) {
			/* channel `full` of the same tensor, where the local
			 * addressing rule (2.2) puts it; with no full channel
			 * the start lane stays as written, so a bad one is
			 * still caught by the LMEM check */
			m->tail.lane0 = l % lanes;
			m->tail.off0 += (l / lanes) * cs;
		}
	}
	m->cf.s = &m->full;
	m->ct.s = &m->tail;
	return 0;
}

int tdma_lmat_check(struct tdma_kresult *r, const struct tdma_kctx *k, const struct tlmat *m,
		    const struct tside *global, int local_is_src)
{
	const struct tside *part[2] = { m->full_bytes ? &m->full : NULL,
					m->tail_bytes ? &m->tail : NULL };
	unsigned i;

	for (i = 0; i < 2; i++) {
		if (!part[i])
			continue;
		if (local_is_src ? tdma_check_sides(r, k, part[i], global)
				 : tdma_check_sides(r, k, global, part[i]))
			return -1;
	}
	return 0;
}

void tdma_lmat_account(struct tdma_kresult *r, const struct tlmat *m)
{
	r->lmem_bytes += m->rows * (m->full_bytes + m->tail_bytes);
}

int tdma_lmat_xfer(struct tlmat *m, const struct tdma_kctx *k, uint8_t *buf, int write)
{
	uint64_t row, fault = 0;

	/* LMEM never faults (ranges were checked); fault stays unused */
	for (row = 0; row < m->rows; row++) {
		if (m->full_bytes && tdma_cur_xfer(&m->cf, k, buf, m->full_bytes, write, &fault))
			return -1;
		if (buf)
			buf += m->full_bytes;
		if (m->tail_bytes && tdma_cur_xfer(&m->ct, k, buf, m->tail_bytes, write, &fault))
			return -1;
		if (buf)
			buf += m->tail_bytes;
	}
	return 0;
}

void tdma_exec_matrix(const struct tdma_desc *d, const struct tdma_kctx *k,
		      struct tdma_kresult *r, uint64_t sa, uint64_t da)
{
	int g2l = (d->trans_dir & 3u) == TDMA_DESC_TRANS_DIR_G2L;
	int tp = d->spec_func == TDMA_DESC_SPEC_FUNC_TRANSPOSE;
	unsigned ses = tdma_fmt_size(d->src_fmt), des = tdma_fmt_size(d->dst_fmt);
	uint64_t scs = ((uint64_t)d->src_c_stride_high << 16) | d->src_c_stride_low;
	uint64_t dcs = ((uint64_t)d->dst_c_stride_high << 16) | d->dst_c_stride_low;
	/* global matrix: rows x cols with a row stride (the c stride field) */
	uint64_t grows = g2l ? d->src_n : d->dst_c, gcols = g2l ? d->src_w : d->dst_w;
	/* local matrix: its rows and cols, and its lane layout */
	uint64_t lrows = tp ? gcols : g2l ? grows : d->src_n, lcols = tp ? grows : gcols;
	uint64_t lc = g2l ? d->dst_c : d->src_c, lw = g2l ? d->dst_w : d->src_w;
	uint64_t lns = g2l ? d->dst_n_stride : d->src_n_stride;
	uint64_t total = grows * gcols, fault = 0;
	unsigned ges = g2l ? ses : des, les = g2l ? des : ses;
	struct tside g;
	struct tcursor gc = { .s = &g };
	struct tlmat m;
	uint8_t *sbuf, *cur;

	if (!g2l && d->src_n != d->dst_c) {
		tdma_fail(r, ST_DECERR, "matrix copy: src_n differs from the global rows (dst_c)");
		return;
	}
	if (tdma_lmat_init(&m, g2l ? da : sa, lrows, lcols, lc, lw, lns, g2l ? dcs : scs, les,
			   k->lmem.lanes)) {
		tdma_fail(r, ST_DECERR, "matrix copy: local c is not ceil(cols / w)");
		return;
	}
	if (lrows > 1 && !lns) {
		tdma_fail(r, ST_ZERO, "matrix copy: zero local n stride");
		return;
	}
	if (total > MATRIX_MAX_ELEMS) {
		r->lmem_bytes = total * les;
		r->dram_bytes = r->dram_bus_bytes = total * ges;
		r->what = "matrix copy too large (timing only)";
		return;
	}
	tdma_side_tensor(&g, 0, g2l ? sa : da, 1, grows, 1, gcols, 0, g2l ? scs : dcs, 0, ges);
	if (tdma_lmat_check(r, k, &m, &g, !g2l))
		return;
	tdma_account(r, &g);
	tdma_lmat_account(r, &m);
	r->what = tp ? "matrix copy, rows and columns transposed" : "matrix copy";
	if (k->timing_only) {
		if (tdma_cur_xfer(&gc, k, NULL, total * ges, !g2l, &fault))
			goto buserr;
		tdma_lmat_xfer(&m, k, NULL, g2l);
		return;
	}
	sbuf = kern_scratch((size_t)(total * (ses + 2 * des)));
	if (!sbuf) {
		tdma_fail(r, 0, "out of host memory (not executed)");
		return;
	}
	/* gather the source in (row, col) order */
	if (g2l ? tdma_cur_xfer(&gc, k, sbuf, total * ses, 0, &fault)
		: tdma_lmat_xfer(&m, k, sbuf, 0))
		goto buserr;
	cur = sbuf;
	if (ses != des) {
		kern_convert(cur, ses, sbuf + total * ses, des, total, d->int8_sign, d->int8_rnd_mode);
		cur = sbuf + total * ses;
	}
	if (tp) {
		kern_nc_transpose(cur, sbuf + total * (ses + des), grows, gcols, 1, des);
		cur = sbuf + total * (ses + des);
	}
	if (g2l ? tdma_lmat_xfer(&m, k, cur, 1) : tdma_cur_xfer(&gc, k, cur, total * des, 1, &fault))
		goto buserr;
	r->executed = 1;
	return;
buserr:
	tdma_fail(r, ST_BUSERR, "DRAM bus error");
	r->fault_addr = fault;
}
