/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_kernel.c - functional execution of one TDMA descriptor: address
 * generation, strided tensor copies (with reshape, NC transpose, CW
 * transpose, CHW rotate and int8<->bf16 conversion), constant fill and
 * linear ("general") copies; dispatch of matrix mode (tdma_matrix.c),
 * decompression (tdma_vlc.c) and compression (tdma_vlc_compress.c).
 *
 * Semantics, error rules and every assumption: docs/datapath.md.
 *
 * Data path: the source is gathered run by run (a run is a maximal piece
 * that is contiguous in memory, at least one w-row) into a packed staging
 * buffer in source (n, c, h, w) order, converted/permuted there, and
 * scattered run by run in destination order.  DRAM is reached with one
 * callback per run; LMEM with memcpy.  Transfers of up to TDMA_CHUNK_ELEMS
 * elements are staged whole, so every read happens before the first write.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kern_priv.h"
#include "tdma_kernel.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"

#define ST_BUSERR TDMA_INT_MASK_STATUS_VAL_BUSERR
#define ST_DECERR TDMA_INT_MASK_STATUS_VAL_DECERR
#define ST_ZERO   TDMA_INT_MASK_STATUS_VAL_ZERO

/* Elements staged per pass (2 MiB of bf16 each for source and destination). */
#define TDMA_CHUNK_ELEMS  (1ull << 20)
/* Larger transfers are timed but not executed (a 16-bit-per-dimension
 * descriptor can describe 2^64 elements; nothing real is that large). */
#define TDMA_MAX_ELEMS    (1ull << 30)

static const uint64_t LOCAL_OFF_MASK = (1ull << TPU_LMEM_ADDR_SHIFT) - 1;

void tdma_side_tensor(struct tside *s, int local, uint64_t addr,
		      uint64_t n, uint64_t c, uint64_t h, uint64_t w,
		      uint64_t ns, uint64_t cs, uint64_t hs, unsigned es)
{
	memset(s, 0, sizeof(*s));
	s->kind = local ? SIDE_LOCAL : SIDE_GLOBAL;
	s->addr = addr;
	s->lane0 = addr >> TPU_LMEM_ADDR_SHIFT;
	s->off0 = addr & LOCAL_OFF_MASK;
	s->n = n, s->c = c, s->h = h, s->w = w;
	s->ns = ns, s->cs = cs, s->hs = hs;
	s->es = es;
	/* Merge rows into longer runs where memory is contiguous.  Channels
	 * of a local tensor sit in different lanes, so they merge only when
	 * there is a single channel. */
	s->rn = n, s->rc = c, s->rh = h, s->run = w * es;
	if (h == 1 || hs == w * es) {
		s->run *= h, s->rh = 1;
		if (c == 1 || (!local && cs == h * w * es)) {
			s->run *= c, s->rc = 1;
			if (n == 1 || ns == c * h * w * es)
				s->run *= n, s->rn = 1;
		}
	}
}

static void side_linear(struct tside *s, int local, uint64_t addr, uint64_t count)
{
	tdma_side_tensor(s, 0, addr, 1, 1, 1, count, 0, 0, 0, 1);
	if (local) {
		s->kind = SIDE_LOCAL_LINEAR;
		s->lane0 = addr >> TPU_LMEM_ADDR_SHIFT;
		s->off0 = addr & LOCAL_OFF_MASK;
	}
}

/* Start of run (n, c, h): DRAM address, or byte index into the LMEM array. */
static uint64_t run_start(const struct tside *s, const struct kmem_lmem *lm,
			  uint64_t n, uint64_t c, uint64_t h)
{
	if (s->kind == SIDE_LOCAL) {
		uint64_t l = s->lane0 + c;
		uint64_t off = s->off0 + (l / lm->lanes) * s->cs + n * s->ns + h * s->hs;

		return (l % lm->lanes) * lm->lane_size + off;
	}
	return s->addr + n * s->ns + c * s->cs + h * s->hs;
}

/* Highest byte (exclusive) a side reaches, relative to its start. */
static uint64_t side_span(const struct tside *s)
{
	return (s->n - 1) * s->ns + (s->c - 1) * s->cs + (s->h - 1) * s->hs + s->w * s->es;
}

/* 0 when every byte of a local side lies inside LMEM. */
static int local_check(const struct tside *s, const struct kmem_lmem *lm)
{
	if (s->kind == SIDE_LOCAL) {
		uint64_t end;

		if (s->lane0 >= lm->lanes)
			return -1;
		end = s->off0 + ((s->lane0 + s->c - 1) / lm->lanes) * s->cs +
		      (s->n - 1) * s->ns + (s->h - 1) * s->hs + s->w * s->es;
		return end <= lm->lane_size ? 0 : -1;
	}
	if (s->kind == SIDE_LOCAL_LINEAR) {
		uint64_t a = s->addr, end = s->addr + s->run;

		while (a < end) {
			uint64_t lane = a >> TPU_LMEM_ADDR_SHIFT, off = a & LOCAL_OFF_MASK;
			uint64_t seg = kern_min_u64(end - a, (LOCAL_OFF_MASK + 1) - off);

			if (lane >= lm->lanes || off + seg > lm->lane_size)
				return -1;
			a += seg;
		}
	}
	return 0;
}

/* With a probe callback: 0 when every run of a global side is mapped, else
 * -1 with *fault = start of the first run that is not. */
static int global_check(const struct tside *s, const struct kmem_dram *dr, uint64_t *fault)
{
	uint64_t n, c, h, span;

	if (s->kind != SIDE_GLOBAL || !dr->ops || !dr->ops->probe)
		return 0;
	span = side_span(s);
	if (span <= SIZE_MAX && dr->ops->probe(dr->ctx, s->addr, (size_t)span) == 0)
		return 0;
	for (n = 0; n < s->rn; n++)
		for (c = 0; c < s->rc; c++)
			for (h = 0; h < s->rh; h++) {
				uint64_t a = run_start(s, NULL, n, c, h);

				if (s->run > SIZE_MAX || dr->ops->probe(dr->ctx, a, (size_t)s->run)) {
					*fault = a;
					return -1;
				}
			}
	return 0;
}

/* DRAM bytes one run of len bytes at a costs (tpu-mlir
 * TdmaReg::get_tdma_cycle, silicon-timing 3.2): from the start rounded
 * down to a beat, bursts of at most TPU_AXI_MAX_BURST_BYTES that never
 * cross a TPU_AXI_BOUNDARY_BYTES boundary; each burst costs every
 * TPU_DRAM_LINE_BYTES line it touches. */
static uint64_t run_bus_bytes(uint64_t a, uint64_t len)
{
	uint64_t p = a / TPU_AXI_BYTES * TPU_AXI_BYTES, end = a + len, sum = 0;

	while (p < end) {
		uint64_t lim = kern_min_u64(p + TPU_AXI_MAX_BURST_BYTES,
					    (p / TPU_AXI_BOUNDARY_BYTES + 1) * TPU_AXI_BOUNDARY_BYTES);

		lim = kern_min_u64(lim, end);
		sum += kern_align_up(lim, TPU_DRAM_LINE_BYTES) - p / TPU_DRAM_LINE_BYTES * TPU_DRAM_LINE_BYTES;
		p = lim;
	}
	return sum;
}

/* DRAM bytes a global side puts on the bus: the sum over its runs (the
 * tpu-mlir code counts only the last run, silicon-timing 3.3 defect 1). */
static uint64_t global_bus_bytes(const struct tside *s)
{
	uint64_t n, c, h, sum = 0;
	int uniform = (s->rn == 1 || s->ns % TPU_AXI_BOUNDARY_BYTES == 0) &&
		      (s->rc == 1 || s->cs % TPU_AXI_BOUNDARY_BYTES == 0) &&
		      (s->rh == 1 || s->hs % TPU_AXI_BOUNDARY_BYTES == 0);

	if (uniform)
		return s->rn * s->rc * s->rh * run_bus_bytes(s->addr, s->run);
	for (n = 0; n < s->rn; n++)
		for (c = 0; c < s->rc; c++)
			for (h = 0; h < s->rh; h++)
				sum += run_bus_bytes(run_start(s, NULL, n, c, h), s->run);
	return sum;
}

void tdma_account(struct tdma_kresult *r, const struct tside *s)
{
	uint64_t bytes = s->n * s->c * s->h * s->w * s->es;

	if (s->kind == SIDE_GLOBAL) {
		r->dram_bytes += bytes;
		r->dram_bus_bytes += global_bus_bytes(s);
	} else {
		r->lmem_bytes += bytes;
	}
}

/* Moves len bytes between the side under the cursor and buf (write = 1:
 * buf -> side).  0, or -1 with *fault = DRAM address of the failing run
 * piece.  LMEM ranges were checked before (local_check).  buf NULL
 * (timing only): the same walk, DRAM runs are touched, no data moves. */
int tdma_cur_xfer(struct tcursor *cu, const struct tdma_kctx *k, uint8_t *buf,
		  uint64_t len, int write, uint64_t *fault)
{
	const struct tside *s = cu->s;
	const struct kmem_lmem *lm = &k->lmem;

	while (len) {
		uint64_t piece = kern_min_u64(s->run - cu->pos, len);

		if (s->kind == SIDE_GLOBAL) {
			uint64_t a = run_start(s, lm, cu->n, cu->c, cu->h) + cu->pos;
			const struct kmem_ops *ops = k->dram.ops;
			int rc = !buf ? (ops->touch ? ops->touch(k->dram.ctx, a, (size_t)piece, write) : 0)
				 : write ? ops->write(k->dram.ctx, a, buf, (size_t)piece)
					 : ops->read(k->dram.ctx, a, buf, (size_t)piece);

			if (rc) {
				*fault = a;
				return -1;
			}
		} else {
			uint64_t idx;

			if (s->kind == SIDE_LOCAL) {
				idx = run_start(s, lm, cu->n, cu->c, cu->h) + cu->pos;
			} else {
				uint64_t a = s->addr + cu->pos;
				uint64_t off = a & LOCAL_OFF_MASK;

				piece = kern_min_u64(piece, lm->lane_size - off);
				idx = (a >> TPU_LMEM_ADDR_SHIFT) * lm->lane_size + off;
			}
			if (buf && write)
				memcpy(lm->base + idx, buf, (size_t)piece);
			else if (buf)
				memcpy(buf, lm->base + idx, (size_t)piece);
		}
		if (buf)
			buf += piece;
		len -= piece;
		cu->pos += piece;
		if (cu->pos == s->run) {
			cu->pos = 0;
			if (++cu->h == s->rh) {
				cu->h = 0;
				if (++cu->c == s->rc) {
					cu->c = 0;
					cu->n++;
				}
			}
		}
	}
	return 0;
}

unsigned tdma_fmt_size(uint32_t fmt)
{
	return fmt == 1 ? 1 : fmt == 2 ? 2 : 0;
}

static uint64_t local_addr(uint32_t high, uint32_t low)
{
	return ((uint64_t)high << 32) | low;
}

static uint64_t global_addr(const struct tdma_kctx *k, uint32_t sel, uint32_t high, uint32_t low)
{
	return (k->arraybase[sel % TPU_NUM_ARRAYBASE] + (((uint64_t)high << 32) | low)) &
	       TPU_DMA_ADDR_MASK;
}

void tdma_fail(struct tdma_kresult *r, uint32_t status, const char *what)
{
	r->status |= status;
	r->executed = 0;
	r->dram_bytes = r->dram_bus_bytes = r->lmem_bytes = 0;
	r->what = what;
}

/* Range checks for both sides; 0 or -1 with BUSERR filled in. */
int tdma_check_sides(struct tdma_kresult *r, const struct tdma_kctx *k,
		     const struct tside *src, const struct tside *dst)
{
	uint64_t fault = 0;

	if ((src && src->kind == SIDE_GLOBAL) || dst->kind == SIDE_GLOBAL) {
		if (!k->dram.ops || !k->dram.ops->read || !k->dram.ops->write) {
			tdma_fail(r, ST_BUSERR, "no DRAM attached");
			r->fault_addr = (src && src->kind == SIDE_GLOBAL) ? src->addr : dst->addr;
			return -1;
		}
	}
	if (src && local_check(src, &k->lmem)) {
		tdma_fail(r, ST_BUSERR, "source outside LMEM");
		r->fault_addr = src->addr;
		return -1;
	}
	if (local_check(dst, &k->lmem)) {
		tdma_fail(r, ST_BUSERR, "destination outside LMEM");
		r->fault_addr = dst->addr;
		return -1;
	}
	if ((src && global_check(src, &k->dram, &fault)) || global_check(dst, &k->dram, &fault)) {
		tdma_fail(r, ST_BUSERR, "DRAM address not mapped");
		r->fault_addr = fault;
		return -1;
	}
	return 0;
}

struct xfer {
	uint64_t total;          /* elements */
	unsigned ses, des;       /* element sizes */
	int int8_signed, rnd;    /* conversion */
	int swap;                /* transposes: packed (a, b, m, c, x) -> (a, c, m, b, x) */
	int exp_index;           /* mv_lut_idx: bf16 -> its exponent index */
	uint64_t pa, pb, pm, pc, px;
};

/* Gather -> convert -> permute -> scatter, TDMA_CHUNK_ELEMS at a time. */
static void run_copy(struct tdma_kresult *r, const struct tdma_kctx *k,
		     const struct tside *src, const struct tside *dst, const struct xfer *x)
{
	struct tcursor sc = { .s = src }, dc = { .s = dst };
	uint64_t left = x->total, fault = 0;
	uint64_t chunk = kern_min_u64(x->total, TDMA_CHUNK_ELEMS);
	int conv = x->ses != x->des;
	uint8_t *sbuf, *cbuf, *tbuf;

	if (k->timing_only) {
		/* Checked and counted by the caller; the runs are still walked
		 * so the memory's checks see every access a copy would make. */
		if (tdma_cur_xfer(&sc, k, NULL, x->total * x->ses, 0, &fault) ||
		    tdma_cur_xfer(&dc, k, NULL, x->total * x->des, 1, &fault))
			goto buserr;
		return;
	}
	sbuf = kern_scratch((size_t)(chunk * (x->ses + 2 * x->des)));
	if (!sbuf) {
		tdma_fail(r, 0, "out of host memory (not executed)");
		return;
	}
	cbuf = sbuf + chunk * x->ses;
	tbuf = cbuf + chunk * x->des;
	while (left) {
		uint64_t m = kern_min_u64(left, chunk);
		uint8_t *cur = sbuf;

		if (tdma_cur_xfer(&sc, k, sbuf, m * x->ses, 0, &fault))
			goto buserr;
		if (conv) {
			kern_convert(cur, x->ses, cbuf, x->des, m, x->int8_signed, x->rnd);
			cur = cbuf;
		}
		if (x->exp_index)
			kern_bf16_exp_index(cur, m);
		if (x->swap) {  /* whole tensor is in one chunk (checked by the caller) */
			kern_swap_axes(cur, tbuf, x->pa, x->pb, x->pm, x->pc, x->px, x->des);
			cur = tbuf;
		}
		if (tdma_cur_xfer(&dc, k, cur, m * x->des, 1, &fault))
			goto buserr;
		left -= m;
	}
	r->executed = 1;
	return;
buserr:
	tdma_fail(r, ST_BUSERR, "DRAM bus error");
	r->fault_addr = fault;
}

/* Timing-only encodings: byte counts from the shape fields. */
static void estimate(const struct tdma_desc *d, struct tdma_kresult *r, int src_local,
		     int dst_local, unsigned ses, unsigned des, const char *what)
{
	uint64_t sb, db;

	if (d->sys_dtype) {     /* matrix: rows x cols on both sides */
		uint64_t rows = d->trans_dir == TDMA_DESC_TRANS_DIR_L2G ? d->dst_c : d->src_n;
		uint64_t cols = d->trans_dir == TDMA_DESC_TRANS_DIR_L2G ? d->dst_w : d->src_w;

		sb = rows * cols * ses;
		db = rows * cols * des;
	} else {
		sb = (uint64_t)d->src_n * d->src_c * d->src_h * d->src_w * ses;
		db = (uint64_t)d->src_n * d->dst_c * d->dst_h * d->dst_w * des;
		if (d->spec_func == TDMA_DESC_SPEC_FUNC_TRANSPOSE)  /* keeps the element count */
			db = sb / ses * des;
	}
	if (src_local)
		r->lmem_bytes += sb;
	else
		r->dram_bytes += sb;
	if (dst_local)
		r->lmem_bytes += db;
	else
		r->dram_bytes += db;
	r->dram_bus_bytes = r->dram_bytes;
	r->executed = 0;
	r->what = what;
}

static void exec_general(const struct tdma_desc *d, const struct tdma_kctx *k,
			 struct tdma_kresult *r, int src_local, int dst_local,
			 uint64_t sa, uint64_t da)
{
	struct tside src, dst;
	struct xfer x = { 0 };
	uint64_t count = d->src_n_stride;

	if (d->spec_func != TDMA_DESC_SPEC_FUNC_PLAIN || d->sys_dtype || d->compress_en) {
		tdma_fail(r, ST_DECERR, "general copy with spec_func/matrix/compress");
		return;
	}
	if (!tdma_fmt_size(d->src_fmt) || d->src_fmt != d->dst_fmt) {
		tdma_fail(r, ST_DECERR, "general copy: invalid or differing formats");
		return;
	}
	if (count == 0) {
		tdma_fail(r, ST_ZERO, "general copy of 0 bytes");
		return;
	}
	side_linear(&src, src_local, sa, count);
	side_linear(&dst, dst_local, da, count);
	if (tdma_check_sides(r, k, &src, &dst))
		return;
	tdma_account(r, &src);
	tdma_account(r, &dst);
	x.total = count;
	x.ses = x.des = 1;
	r->what = "general copy";
	run_copy(r, k, &src, &dst, &x);
}

static void exec_fill(const struct tdma_desc *d, const struct tdma_kctx *k,
		      struct tdma_kresult *r, int dst_local, uint64_t da)
{
	struct tside dst;
	struct tcursor dc = { .s = &dst };
	unsigned des = tdma_fmt_size(d->dst_fmt);
	uint64_t total, chunk, left, i, fault = 0;
	uint8_t *buf;

	if (!des || d->sys_dtype || d->compress_en) {
		tdma_fail(r, ST_DECERR, "constant fill: invalid format/matrix/compress");
		return;
	}
	if (!d->src_n || !d->dst_c || !d->dst_h || !d->dst_w ||
	    (d->dst_h > 1 && !d->dst_h_stride) || (d->src_n > 1 && !d->dst_n_stride)) {
		tdma_fail(r, ST_ZERO, "constant fill with a zero dimension or stride");
		return;
	}
	tdma_side_tensor(&dst, dst_local, da, d->src_n, d->dst_c, d->dst_h, d->dst_w, d->dst_n_stride,
		    ((uint64_t)d->dst_c_stride_high << 16) | d->dst_c_stride_low, d->dst_h_stride, des);
	total = dst.n * dst.c * dst.h * dst.w;
	if (total > TDMA_MAX_ELEMS) {      /* timed from the byte count alone */
		if (dst_local)
			r->lmem_bytes = total * des;
		else
			r->dram_bytes = r->dram_bus_bytes = total * des;
		r->what = "constant fill too large (timing only)";
		return;
	}
	if (tdma_check_sides(r, k, NULL, &dst))
		return;
	tdma_account(r, &dst);
	r->what = "constant fill";
	if (k->timing_only) {
		if (tdma_cur_xfer(&dc, k, NULL, total * des, 1, &fault)) {
			tdma_fail(r, ST_BUSERR, "DRAM bus error");
			r->fault_addr = fault;
		}
		return;
	}
	chunk = kern_min_u64(total, TDMA_CHUNK_ELEMS);
	buf = kern_scratch((size_t)(chunk * des));
	if (!buf) {
		tdma_fail(r, 0, "out of host memory (not executed)");
		return;
	}
	for (i = 0; i < chunk; i++) {
		buf[i * des] = (uint8_t)d->const_val;
		if (des == 2)
			buf[i * des + 1] = (uint8_t)(d->const_val >> 8);
	}
	for (left = total; left; left -= kern_min_u64(left, chunk)) {
		if (tdma_cur_xfer(&dc, k, buf, kern_min_u64(left, chunk) * des, 1, &fault)) {
			tdma_fail(r, ST_BUSERR, "DRAM bus error");
			r->fault_addr = fault;
			return;
		}
	}
	r->executed = 1;
}

void tdma_kernel_exec(const struct tdma_desc *d, const struct tdma_kctx *k,
		      struct tdma_kresult *r)
{
	unsigned dir = d->trans_dir & 3u;
	int src_local = dir == TDMA_DESC_TRANS_DIR_L2G || dir == TDMA_DESC_TRANS_DIR_L2L;
	int dst_local = dir == TDMA_DESC_TRANS_DIR_G2L || dir == TDMA_DESC_TRANS_DIR_L2L;
	uint64_t sa = src_local ? local_addr(d->src_base_addr_high, d->src_base_addr_low)
				: global_addr(k, d->src_base_reg_sel, d->src_base_addr_high,
					      d->src_base_addr_low);
	uint64_t da = dst_local ? local_addr(d->dst_base_addr_high, d->dst_base_addr_low)
				: global_addr(k, d->dst_base_reg_sel, d->dst_base_addr_high,
					      d->dst_base_addr_low);
	unsigned ses, des, sf = d->spec_func, md;
	int rotate, bad;
	uint64_t sn, sc, sh, sw, dn, dc, dh, dw, scs, dcs;
	struct tside src, dst;
	struct xfer x = { 0 };

	memset(r, 0, sizeof(*r));
	if (d->trans_fmt) {
		exec_general(d, k, r, src_local, dst_local, sa, da);
		return;
	}
	if (sf != TDMA_DESC_SPEC_FUNC_PLAIN && sf != TDMA_DESC_SPEC_FUNC_TRANSPOSE &&
	    sf != TDMA_DESC_SPEC_FUNC_CONST_FILL) {
		tdma_fail(r, ST_DECERR, "reserved spec_func");
		return;
	}
	if (sf == TDMA_DESC_SPEC_FUNC_CONST_FILL) {
		exec_fill(d, k, r, dst_local, da);
		return;
	}
	ses = tdma_fmt_size(d->src_fmt);
	des = tdma_fmt_size(d->dst_fmt);
	if (!ses || !des) {
		tdma_fail(r, ST_DECERR, "reserved src_fmt/dst_fmt");
		return;
	}
	md = sf == TDMA_DESC_SPEC_FUNC_TRANSPOSE ? d->transpose_md : TDMA_DESC_TRANSPOSE_MD_NC;
	rotate = sf == TDMA_DESC_SPEC_FUNC_TRANSPOSE &&
		 (md == TDMA_DESC_TRANSPOSE_MD_CHW3 || md == TDMA_DESC_TRANSPOSE_MD_CHW4);
	sn = d->src_n, sc = d->src_c, sh = d->src_h, sw = d->src_w;
	dn = sf == TDMA_DESC_SPEC_FUNC_TRANSPOSE && md == TDMA_DESC_TRANSPOSE_MD_NC ? sc : sn;
	dc = d->dst_c, dh = d->dst_h, dw = d->dst_w;
	if (!sn || !sc || !sh || !sw || !dc || !dh || !dw) {
		tdma_fail(r, ST_ZERO, "zero dimension");
		return;
	}
	if (d->compress_en && dir == TDMA_DESC_TRANS_DIR_G2L && sf == TDMA_DESC_SPEC_FUNC_PLAIN) {
		tdma_exec_decompress(d, k, r, sa, da);
		return;
	}
	if (d->compress_en && dir == TDMA_DESC_TRANS_DIR_L2G && sf == TDMA_DESC_SPEC_FUNC_PLAIN) {
		tdma_exec_compress(d, k, r, sa, da);
		return;
	}
	if (d->sys_dtype && !d->compress_en &&
	    (dir == TDMA_DESC_TRANS_DIR_G2L ||
	     (dir == TDMA_DESC_TRANS_DIR_L2G && sf == TDMA_DESC_SPEC_FUNC_PLAIN))) {
		tdma_exec_matrix(d, k, r, sa, da);
		return;
	}
	if (d->sys_dtype) {
		estimate(d, r, src_local, dst_local, ses, des, "matrix copy (timing only)");
		return;
	}
	if (d->compress_en) {
		estimate(d, r, src_local, dst_local, ses, des, "compressed copy (timing only)");
		return;
	}
	if (rotate && src_local) {   /* no layout of an HWC image in LMEM is known */
		estimate(d, r, src_local, dst_local, ses, des, "CHW rotate from LMEM (timing only)");
		return;
	}
	/* A zero source h stride reads one row h times: the compiler
	 * broadcasts one value to several lanes this way (docs/datapath.md
	 * 2.7), so it is not an error. */
	if ((sn > 1 && !d->src_n_stride) || (dh > 1 && !d->dst_h_stride) ||
	    (dn > 1 && !d->dst_n_stride)) {
		tdma_fail(r, ST_ZERO, "zero h or n stride");
		return;
	}
	if (sf == TDMA_DESC_SPEC_FUNC_PLAIN)
		bad = sn * sc * sh * sw != dn * dc * dh * dw;
	else if (md == TDMA_DESC_TRANSPOSE_MD_NC)
		bad = dc != sn || sh * sw != dh * dw;
	else if (md == TDMA_DESC_TRANSPOSE_MD_CW)
		bad = dc != sw || dh != sh || dw != sc;
	else
		bad = sc != (md == TDMA_DESC_TRANSPOSE_MD_CHW3 ? 3u : 4u) || dc != sc || dh != sh || dw != sw;
	if (bad) {
		tdma_fail(r, ST_DECERR, sf == TDMA_DESC_SPEC_FUNC_PLAIN ?
			  "source and destination element counts differ" :
			  "source and destination shapes do not match the transpose");
		return;
	}
	scs = ((uint64_t)d->src_c_stride_high << 16) | d->src_c_stride_low;
	dcs = ((uint64_t)d->dst_c_stride_high << 16) | d->dst_c_stride_low;
	if (rotate)     /* an HWC image: sh rows of sw pixels of sc adjacent elements; the
			 * c stride field is not used (cvikernel writes 1) [A] */
		tdma_side_tensor(&src, 0, sa, sn, sh, 1, sw * sc, d->src_n_stride, d->src_h_stride, 0, ses);
	else
		tdma_side_tensor(&src, src_local, sa, sn, sc, sh, sw, d->src_n_stride, scs,
				 d->src_h_stride, ses);
	tdma_side_tensor(&dst, dst_local, da, dn, dc, dh, dw, d->dst_n_stride, dcs, d->dst_h_stride, des);
	x.total = sn * sc * sh * sw;
	if (x.total > TDMA_MAX_ELEMS ||
	    (sf == TDMA_DESC_SPEC_FUNC_TRANSPOSE && x.total > TDMA_CHUNK_ELEMS)) {
		estimate(d, r, src_local, dst_local, ses, des, "tensor copy too large (timing only)");
		return;
	}
	if (tdma_check_sides(r, k, &src, &dst))
		return;
	tdma_account(r, &src);
	tdma_account(r, &dst);
	x.ses = ses;
	x.des = des;
	x.int8_signed = d->int8_sign;
	x.rnd = d->int8_rnd_mode;
	/* the helper of the bf16 exponent/mantissa lookup (cvikernel's only
	 * use: an L2L bf16 copy); elsewhere the bit is ignored [A] */
	x.exp_index = d->mv_lut_idx && dir == TDMA_DESC_TRANS_DIR_L2L && ses == 2 && des == 2 &&
		      sf == TDMA_DESC_SPEC_FUNC_PLAIN;
	if (sf == TDMA_DESC_SPEC_FUNC_TRANSPOSE) {
		/* packed (a, b, m, c, x) -> (a, c, m, b, x) */
		x.swap = 1;
		if (md == TDMA_DESC_TRANSPOSE_MD_NC) {          /* (n, c, h*w) -> (c, n, h*w) */
			x.pa = 1, x.pb = sn, x.pm = 1, x.pc = sc, x.px = sh * sw;
			r->what = "NC-transposed tensor copy";
		} else if (md == TDMA_DESC_TRANSPOSE_MD_CW) {   /* (n, c, h, w) -> (n, w, h, c) */
			x.pa = sn, x.pb = sc, x.pm = sh, x.pc = sw, x.px = 1;
			r->what = "CW-transposed tensor copy";
		} else {                        /* (n, h*w, ch) -> (n, ch, h*w) */
			x.pa = sn, x.pb = sh * sw, x.pm = 1, x.pc = sc, x.px = 1;
			r->what = "CHW-rotated tensor copy";
		}
	} else {
		r->what = x.exp_index ? "tensor copy to exponent indices (mv_lut_idx)" :
			  ses == des ? "tensor copy" : "tensor copy with format conversion";
	}
	run_copy(r, k, &src, &dst, &x);
}

uint64_t tdma_kernel_cost_ps(const struct tdma_kresult *r, double clk_hz,
			     double dram_bytes_per_s)
{
	double cyc_ps, dram_ps, lmem_ps, bus;

	if (!(clk_hz > 0))
		clk_hz = (double)TPU_CLK_HZ_DEFAULT;
	if (!(dram_bytes_per_s > 0))
		dram_bytes_per_s = TPU_DRAM_PEAK_BYTES_PER_S * TPU_DRAM_EFFICIENCY;
	cyc_ps = 1e12 / clk_hz;
	bus = (double)kern_max_u64(r->dram_bus_bytes, r->dram_bytes);
	dram_ps = bus * 1e12 / dram_bytes_per_s;
	lmem_ps = (double)kern_ceil_div(r->lmem_bytes, TPU_LMEM_BYTES_PER_CYCLE) * cyc_ps;
	return (uint64_t)llround(TPU_TDMA_DESC_OVERHEAD_CYCLES * cyc_ps +
				 (dram_ps > lmem_ps ? dram_ps : lmem_ps));
}
