/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_tdma_modes.c - the TDMA kernel's matrix mode, VLC decompression
 * and compression (docs/datapath.md 2.10 - 2.12) against the references
 * of harness/ref:
 * ref_matrix.h for matrices, ref_vlc.h (compressor and decompressor
 * written from the format description) for compressed streams.
 *
 * Every case compares the whole fake DRAM and LMEM byte for byte; the
 * expected image is the reference applied to a snapshot.  Compressed
 * cases compress random data with the reference, let the kernel
 * decompress it and expect the data back; damaged streams must get the
 * same verdict from the kernel (DECERR, memory unchanged) as from the
 * reference decompressor, or the same decoded data.  Compression must
 * write the reference compressor's stream byte for byte, and a few
 * streams derived by hand pin the format itself.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fake_mem.h"
#include "ref_desc.h"
#include "ref_matrix.h"
#include "ref_tdma.h"
#include "ref_vlc.h"
#include "rt_desc.h"
#include "rng.h"
#include "tdma_kernel.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"

#define ST_BUSERR TDMA_INT_MASK_STATUS_VAL_BUSERR
#define ST_DECERR TDMA_INT_MASK_STATUS_VAL_DECERR
#define ST_ZERO   TDMA_INT_MASK_STATUS_VAL_ZERO

static struct tdma_kctx kc;
static struct test_rng rng;

/* base select i starts i * 64 KiB into the DRAM window */
static uint64_t base_of(unsigned sel)
{
	return DRAM_BASE + (uint64_t)sel * 0x10000u;
}

static uint32_t rnd_in(uint32_t lo, uint32_t hi)
{
	return test_rng_in(&rng, lo, hi);
}

static void setup(void)
{
	unsigned i;

	fake_mem_alloc();
	memset(&kc, 0, sizeof(kc));
	kc.dram.ops = &fake_mem_ops;
	kc.lmem = fake_mem_lmem();
	for (i = 0; i < TPU_NUM_ARRAYBASE; i++)
		kc.arraybase[i] = base_of(i);
	/* random memories once per test; each case snaps what the previous
	 * one left: still random bytes, and much cheaper */
	test_rng_seed(&rng, 0x7d3a11u);
	test_rng_fill(&rng, dram, DRAM_SIZE);
	test_rng_fill(&rng, lmem, LMEM_SIZE);
}

static void run(const struct tdma_desc *d, struct tdma_kresult *r)
{
	memset(r, 0xa5, sizeof(*r));    /* the kernel must fill every field */
	tdma_kernel_exec(d, &kc, r);
}

/* The descriptor again, timing only: the same status and byte counts,
 * nothing written. */
static void check_timing_only(const struct tdma_desc *d, const struct tdma_kresult *r,
			      const char *tag)
{
	struct tdma_kresult t;

	memcpy(dram, odram, DRAM_SIZE);
	memcpy(lmem, olmem, LMEM_SIZE);
	kc.timing_only = 1;
	run(d, &t);
	kc.timing_only = 0;
	ck_assert_msg(t.status == r->status && t.dram_bytes == r->dram_bytes &&
			      t.dram_bus_bytes == r->dram_bus_bytes && t.lmem_bytes == r->lmem_bytes,
		      "%s: timing only differs: status 0x%x/0x%x dram %llu/%llu bus %llu/%llu lmem %llu/%llu",
		      tag, t.status, r->status, (unsigned long long)t.dram_bytes,
		      (unsigned long long)r->dram_bytes, (unsigned long long)t.dram_bus_bytes,
		      (unsigned long long)r->dram_bus_bytes, (unsigned long long)t.lmem_bytes,
		      (unsigned long long)r->lmem_bytes);
	ck_assert_int_eq(t.executed, 0);
	fake_mem_check_unchanged(tag);
}

static void set_addr(uint32_t *lo, uint32_t *hi, uint64_t a)
{
	*lo = (uint32_t)a;
	*hi = (uint32_t)(a >> 32) & 0xff;
}

/* ---- local layouts ---- */

/* A local tensor (n, c, h, w) of element size es, or a matrix (n rows
 * over c lanes of w, h = 1): start lane, strides and offset drawn so it
 * fits in LMEM (sometimes ending exactly at the lane end).  0 when it
 * cannot fit. */
struct lspec {
	uint64_t addr;
	uint32_t n, c, h, w;
	uint32_t ns, cs, hs;
};

static int draw_local(struct lspec *l, uint32_t n, uint32_t c, uint32_t h, uint32_t w, unsigned es)
{
	uint32_t lane0 = rnd_in(0, LANES - 1), wraps, end, off;

	l->n = n, l->c = c, l->h = h, l->w = w;
	l->hs = w * es + (rnd_in(0, 3) == 0 ? rnd_in(0, 3) * es : 0);
	l->cs = (h - 1) * l->hs + w * es;
	if (rnd_in(0, 1))
		l->cs = (l->cs + 15) / 16 * 16;
	wraps = (lane0 + c - 1) / LANES;
	l->ns = (wraps + 1) * l->cs + (rnd_in(0, 3) == 0 ? rnd_in(1, 8) * es : 0);
	end = (n - 1) * l->ns + wraps * l->cs + (h - 1) * l->hs + w * es;
	if (end > LANE_SZ)
		return 0;
	off = rnd_in(0, 5) == 0 ? LANE_SZ - end : rnd_in(0, LANE_SZ - end) / es * es;
	l->addr = (uint64_t)lane0 * LANE_SZ + off;
	return 1;
}

/* ---- matrix mode ---- */

enum { MX_G2L, MX_G2L_CONV, MX_L2G, MX_G2L_TP, MX_VARIANTS };

START_TEST(test_matrix_random)
{
	static const char *const names[MX_VARIANTS] = { "g2l", "g2l conv", "l2g", "g2l transposed" };
	unsigned v = (unsigned)_i, cs_;

	for (cs_ = 0; cs_ < 120; cs_++) {
		int g2l = v != MX_L2G, tp = v == MX_G2L_TP;
		unsigned ses = rnd_in(1, 2);
		unsigned des = v == MX_G2L_CONV || v == MX_L2G ? rnd_in(1, 2) : ses;
		unsigned ges = g2l ? ses : des, les = g2l ? des : ses, sel = rnd_in(0, 7);
		uint32_t grows = rnd_in(0, 3) ? rnd_in(1, 12) : rnd_in(1, 200);
		uint32_t gcols = rnd_in(0, 3) ? rnd_in(1, 70) : rnd_in(1, 600);
		uint32_t lrows = tp ? gcols : grows, lcols = tp ? grows : gcols;
		uint32_t w = rnd_in(1, rnd_in(0, 1) ? 80 : 16), c = (lcols + w - 1) / w;
		uint64_t rs = (uint64_t)gcols * ges + (rnd_in(0, 2) ? 0 : rnd_in(1, 40));
		uint64_t goff, gphys;
		struct lspec l;
		struct rt_tensor gt, lt;
		struct tdma_desc d;
		struct tdma_kresult r;
		struct ref_matrix gm, lm;
		struct ref_mem from, to;
		char tag[160];

		if (g2l && grows > 1 && rnd_in(0, 15) == 0)
			rs = 0;                 /* every row from the same place */
		if (!draw_local(&l, lrows, c, 1, w, les) ||
		    (uint64_t)(grows - 1) * rs + (uint64_t)gcols * ges > DRAM_SIZE - 0x80000u) {
			cs_--;
			continue;
		}
		goff = rnd_in(0, (uint32_t)(DRAM_SIZE - 0x80000u - ((grows - 1) * rs + gcols * ges)));
		gphys = base_of(sel) + goff;
		snprintf(tag, sizeof(tag), "%s case %u: %ux%u es %u->%u rs %llu local c %u w %u lane0 %llu",
			 names[v], cs_, grows, gcols, ses, des, (unsigned long long)rs, c, w,
			 (unsigned long long)(l.addr / LANE_SZ));

		fake_mem_snap();
		/* the global side: rows of gcols, row_stride apart; the rest
		 * of its fields keep their reset value 1 */
		gt = (struct rt_tensor){ goff, sel, grows, grows, 1, gcols, 1, (uint32_t)rs, 1, ges };
		lt = (struct rt_tensor){ l.addr, 0, lrows, c, 1, w, l.ns, l.cs, w * les, les };
		if (g2l)
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2L, &gt, &lt);
		else
			rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2G, &lt, &gt);
		d.sys_dtype = 1;
		d.spec_func = tp;
		d.int8_sign = rnd_in(0, 1);
		d.int8_rnd_mode = rnd_in(0, 1);
		run(&d, &r);
		ck_assert_msg(r.status == 0 && r.executed == 1, "%s: status 0x%x executed %d (%s)", tag,
			      r.status, r.executed, r.what);

		gm = (struct ref_matrix){ .addr = gphys, .rows = grows, .cols = gcols, .row_stride = rs,
					  .es = ges };
		lm = (struct ref_matrix){ .local = true, .addr = l.addr, .rows = lrows, .cols = lcols,
					  .w = w, .ns = l.ns, .cs = l.cs, .es = les };
		from = fake_mem_ref(odram, olmem);
		to = fake_mem_ref(edram, elmem);
		ck_assert_msg(ref_matrix_copy(&from, &to, g2l ? &gm : &lm, g2l ? &lm : &gm, tp,
					      d.int8_sign, d.int8_rnd_mode) == 0,
			      "%s: reference: %s", tag, ref_error());
		fake_mem_check(tag);
		ck_assert_msg(r.dram_bytes == (uint64_t)grows * gcols * ges &&
				      r.lmem_bytes == (uint64_t)grows * gcols * les,
			      "%s: bytes dram %llu lmem %llu", tag, (unsigned long long)r.dram_bytes,
			      (unsigned long long)r.lmem_bytes);
		ck_assert(r.dram_bus_bytes >= r.dram_bytes && r.dram_bus_bytes % TPU_AXI_BYTES == 0);
		check_timing_only(&d, &r, tag);
	}
	ck_assert_int_eq(g_cases, 120);
}
END_TEST

/* A row of an error table: what the descriptor gets wrong, the status
 * that must say so, and whether the encoding is timed only (byte
 * counts, nothing moved). */
struct err_row {
	const char *what;
	uint32_t status;
	int timed;
};

/* Row k of an error table ran: its status, executed for the valid row
 * 0 alone, the fault address when fault is not 0, byte counts when
 * timed only, and memory unchanged but for row 0. */
static void check_err_row(const struct err_row *w, unsigned k, const struct tdma_kresult *r,
			  uint64_t fault)
{
	ck_assert_msg(r->status == w->status, "%s: status 0x%x (%s)", w->what, r->status, r->what);
	ck_assert_msg(r->executed == (k == 0), "%s: executed %d", w->what, r->executed);
	if (fault)
		ck_assert_msg(r->fault_addr == fault, "%s: fault_addr 0x%llx", w->what,
			      (unsigned long long)r->fault_addr);
	if (w->timed)
		ck_assert_msg(r->dram_bytes + r->lmem_bytes > 0, "%s: no byte counts", w->what);
	if (k)
		fake_mem_check_unchanged(w->what);
}

/* A valid G2L int8 matrix copy: 3 rows x 40 cols, 16 per lane from lane 6. */
static void matrix_base(struct tdma_desc *d)
{
	static const struct rt_tensor g = { 0x100, 0, 3, 3, 1, 40, 1, 48, 1, 1 };
	static const struct rt_tensor l = { 6ull * LANE_SZ + 0x40, 0, 3, 3, 1, 16, 32, 16, 16, 1 };

	rt_tdma_tensor_copy(d, TDMA_DESC_TRANS_DIR_G2L, &g, &l);
	d->sys_dtype = 1;
}

START_TEST(test_matrix_errors)
{
	struct tdma_desc d;
	struct tdma_kresult r;
	unsigned k;
	static const struct err_row want[] = {
		{ "valid", 0, 0 },
		{ "c one more than ceil(cols / w)", ST_DECERR, 0 },
		{ "l2g src_n differs from dst_c", ST_DECERR, 0 },
		{ "zero local n stride, 3 rows", ST_ZERO, 0 },
		{ "last row one byte past the lane end", ST_BUSERR, 0 },
		{ "global rows outside DRAM", ST_BUSERR, 0 },
		{ "start lane 8, one partial channel", ST_BUSERR, 0 },
		{ "l2l matrix: timed only", 0, 1 },
		{ "g2g matrix: timed only", 0, 1 },
		{ "l2g matrix transposed: timed only", 0, 1 },
	};

	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		uint64_t fault = 0;

		fake_mem_snap();
		matrix_base(&d);
		switch (k) {
		case 1: d.dst_c = 4; break;
		case 2:
			d.trans_dir = TDMA_DESC_TRANS_DIR_L2G;
			d.src_n = 3, d.src_c = 3, d.src_h = 1, d.src_w = 16, d.src_n_stride = 32;
			set_addr(&d.src_base_addr_low, &d.src_base_addr_high, 6ull * LANE_SZ + 0x40);
			set_addr(&d.dst_base_addr_low, &d.dst_base_addr_high, 0x100);
			d.dst_c = 2, d.dst_w = 40;
			break;
		case 3: d.dst_n_stride = 0; break;
		case 4:
			/* channels 0,1 in lanes 6,7; channel 2 (8 elements)
			 * wraps to lane 0 at +cs = 17: its last row ends at
			 * 0x40 + 17 + 2*ns + 8 = LANE_SZ + 1 */
			d.dst_c_stride_low = 17;
			d.dst_n_stride = (LANE_SZ + 1 - 0x40 - 17 - 8) / 2;
			fault = 6ull * LANE_SZ + 0x40;
			break;
		case 5:
			set_addr(&d.src_base_addr_low, &d.src_base_addr_high, DRAM_SIZE - 100);
			/* the third row is the first run that fails */
			fault = base_of(0) + DRAM_SIZE - 100 + 2 * 48;
			break;
		case 6:
			set_addr(&d.dst_base_addr_low, &d.dst_base_addr_high, 8ull * LANE_SZ);
			d.src_w = 10, d.dst_c = 1;
			fault = 8ull * LANE_SZ;
			break;
		case 7: d.trans_dir = TDMA_DESC_TRANS_DIR_L2L; break;
		case 8: d.trans_dir = TDMA_DESC_TRANS_DIR_G2G; break;
		case 9:
			d.trans_dir = TDMA_DESC_TRANS_DIR_L2G;
			d.spec_func = TDMA_DESC_SPEC_FUNC_TRANSPOSE;
			break;
		}
		run(&d, &r);
		check_err_row(&want[k], k, &r, fault);
		g_cases += k > 0;
	}
	ck_assert_int_eq(g_cases, 9);
}
END_TEST

/* ---- VLC decompression ---- */

/* Random data of count elements with a compressible distribution:
 * small symbols around a centre plus some zeros. */
static void vlc_data(uint8_t *x, uint32_t count, const struct ref_vlc_params *p)
{
	unsigned spread = 1u << rnd_in(0, 8), zeros = rnd_in(0, 4), centre = rnd_in(0, 255);
	uint32_t i;

	for (i = 0; i < count; i++) {
		unsigned off = rnd_in(0, spread - 1);
		int zero = rnd_in(0, 7) < zeros;

		if (!p->bf16) {
			x[i] = zero ? 0 : (uint8_t)(p->is_signed ? (int)(off / 2) * (off & 1 ? -1 : 1)
								 : (int)off);
			if (rnd_in(0, 40) == 0)
				x[i] = (uint8_t)rnd_in(0, 255);
		} else {
			unsigned e = (centre + off - spread / 2) & 0xff;
			uint16_t b = (uint16_t)(rnd_in(0, 1) << 15 | e << 7 | rnd_in(0, 127));

			if (zero)
				b = 0;
			else if (p->zero_guard && e == 0)
				b = (uint16_t)(rnd_in(0, 1) << 15 | rnd_in(0, 127));  /* -0, subnormals */
			x[2 * i] = (uint8_t)b;
			x[2 * i + 1] = (uint8_t)(b >> 8);
		}
	}
}

/* What the stream holds after a lossless round trip: with the zero guard
 * an exponent of 0 keeps no sign or mantissa (docs/datapath.md 2.11). */
static void vlc_expect(uint8_t *y, const uint8_t *x, uint32_t count, const struct ref_vlc_params *p)
{
	uint32_t i;

	memcpy(y, x, (size_t)count * (p->bf16 ? 2 : 1));
	if (p->bf16 && p->zero_guard)
		for (i = 0; i < count; i++)
			if (((y[2 * i + 1] << 8 | y[2 * i]) & 0x7f80) == 0)
				y[2 * i] = y[2 * i + 1] = 0;
}

enum { VL_U8, VL_S8, VL_BF16, VL_BF16_ZG, VL_MATRIX, VL_CONV, VL_VARIANTS };

struct vcase {
	struct ref_vlc_params p;
	int matrix;
	unsigned ses, des;
	uint32_t count;
	struct lspec l;          /* destination */
	uint32_t n, c, h, w;     /* source shape (tensor), or rows x cols (n x w) */
	unsigned sel;
	uint64_t soff;           /* stream offset from base[sel], 16-aligned */
	uint8_t *x, *y, *st;     /* data, expected data, stream */
	size_t len;
};

static int draw_vcase(struct vcase *v, unsigned variant)
{
	memset(&v->p, 0, sizeof(v->p));
	v->matrix = variant == VL_MATRIX;
	v->p.bf16 = variant == VL_BF16 || variant == VL_BF16_ZG ||
		    (variant == VL_MATRIX && rnd_in(0, 1));
	v->p.zero_guard = variant == VL_BF16_ZG || (v->p.bf16 && rnd_in(0, 1));
	v->p.is_signed = !v->p.bf16 && (variant == VL_S8 || rnd_in(0, 1));
	if (v->p.is_signed)
		v->p.bias0 = (uint8_t)rnd_in(0, 127), v->p.bias1 = (uint8_t)rnd_in(0, 127);
	if (rnd_in(0, 3) == 0)
		v->p.bias0 = v->p.bias1 = 0;
	if (v->p.bf16)
		v->p.bias0 = (uint8_t)(rnd_in(0, 1) ? 127 : rnd_in(0, 255));
	v->ses = v->p.bf16 ? 2 : 1;
	v->des = variant == VL_CONV ? 2 : v->ses;
	if (v->matrix) {
		uint32_t w = rnd_in(1, 40);

		v->n = rnd_in(1, 20), v->w = rnd_in(1, 300), v->c = v->h = 1;
		v->count = v->n * v->w;
		if (!draw_local(&v->l, v->n, (v->w + w - 1) / w, 1, w, v->des))
			return 0;
	} else {
		static const uint32_t small[] = { 1, 15, 16, 17, 31, 32, 33, 255, 256, 257 };

		v->n = rnd_in(1, 3), v->c = rnd_in(1, 20), v->h = rnd_in(1, 6), v->w = rnd_in(1, 40);
		if (rnd_in(0, 4) == 0)
			v->n = v->c = v->h = 1, v->w = small[rnd_in(0, 9)];
		v->count = v->n * v->c * v->h * v->w;
		/* the destination: the same count in another shape sometimes */
		if (rnd_in(0, 2) == 0 && v->h * v->w % 2 == 0) {
			if (!draw_local(&v->l, v->n, v->c, 2, v->h * v->w / 2, v->des))
				return 0;
		} else if (!draw_local(&v->l, v->n, v->c, v->h, v->w, v->des)) {
			return 0;
		}
	}
	v->sel = rnd_in(0, 7);
	v->soff = rnd_in(0, 0x60000) / 16 * 16;
	return 1;
}

/* The case's decompression (dir G2L, the stream into v->l) or its
 * compression (dir L2G, v->l into a stream at the same address).  The
 * stream's side is a packed tensor (n, c, h, w) of source-format
 * elements, or a matrix of n rows of w; fields a matrix does not use keep
 * their reset value 1, as does a decompressed matrix's h stride. */
static void vlc_desc(struct tdma_desc *d, const struct vcase *v, unsigned dir)
{
	bool compress = dir == TDMA_DESC_TRANS_DIR_L2G;
	uint32_t es = v->ses;
	struct rt_tensor g = { v->soff, v->sel, v->n, v->c, v->h, v->w, v->c * v->h * v->w * es,
			       v->h * v->w * es, v->w * es, es };
	struct rt_tensor l = { v->l.addr, 0, v->l.n, v->l.c, v->l.h, v->l.w, v->l.ns, v->l.cs,
			       v->matrix && !compress ? 1 : v->l.hs, v->des };

	if (v->matrix)
		g = (struct rt_tensor){ v->soff, v->sel, v->n, v->n, 1, v->w, 1, v->w * es, 1, es };
	if (compress) {
		rt_tdma_tensor_copy(d, TDMA_DESC_TRANS_DIR_L2G, &l, &g);
		d->compress_bias0 = v->p.bias0;
		d->compress_bias1 = v->p.bias1;
		d->compress_zero_guard = v->p.zero_guard;
	} else {
		rt_tdma_tensor_copy(d, TDMA_DESC_TRANS_DIR_G2L, &g, &l);
	}
	d->compress_en = 1;
	d->cmprs_fmt = v->p.is_signed;
	d->sys_dtype = v->matrix;
	d->int8_sign = v->p.is_signed;
}

/* Expected LMEM := the data y (source-format elements) laid out in the
 * destination, through the references (a packed global source). */
static void vlc_expected(const struct vcase *v, uint8_t *y)
{
	struct ref_mem from = { olmem, LANES, LANE_SZ, y, 0, (uint64_t)v->count * v->ses };
	struct ref_mem to = fake_mem_ref(edram, elmem);

	if (v->matrix) {
		struct ref_matrix s = { false, 0, v->n, v->w, (uint64_t)v->w * v->ses, 0, 0, 0, v->ses };
		struct ref_matrix t = { true, v->l.addr, v->n, v->w, 0, v->l.w, v->l.ns, v->l.cs, v->des };

		ck_assert_msg(ref_matrix_copy(&from, &to, &s, &t, false, v->p.is_signed, false) == 0,
			      "reference: %s", ref_error());
	} else {
		struct ref_tensor s = { false, 0, v->n, v->c, v->h, v->w,
					(uint64_t)v->c * v->h * v->w * v->ses,
					(uint64_t)v->h * v->w * v->ses, (uint64_t)v->w * v->ses, v->ses };
		struct ref_tensor t = { true, v->l.addr, v->l.n, v->l.c, v->l.h, v->l.w,
					v->l.ns, v->l.cs, v->l.hs, v->des };

		ck_assert_msg(ref_tdma_copy(&from, &to, &s, &t, v->p.is_signed, false) == 0,
			      "reference: %s", ref_error());
	}
}

/* Draws a case, compresses its data with the reference and stores the
 * stream in DRAM (memories random, then snapshot). */
static void vlc_prepare(struct vcase *v, unsigned variant)
{
	size_t cap;

	while (!draw_vcase(v, variant))
		;
	cap = ref_vlc_max_size((size_t)v->count * v->ses, v->p.bf16);
	v->x = malloc((size_t)v->count * v->ses);
	v->y = malloc((size_t)v->count * v->ses);
	v->st = malloc(cap);
	ck_assert(v->x && v->y && v->st);
	vlc_data(v->x, v->count, &v->p);
	vlc_expect(v->y, v->x, v->count, &v->p);
	v->len = ref_vlc_compress(v->x, (size_t)v->count * v->ses, &v->p, v->st, cap);
	ck_assert_msg(v->len, "reference compressor: %s", ref_error());
	memcpy(dram + (base_of(v->sel) - DRAM_BASE) + v->soff, v->st, v->len);
	fake_mem_snap();
}

static void vlc_free(struct vcase *v)
{
	free(v->x);
	free(v->y);
	free(v->st);
}

START_TEST(test_vlc_random)
{
	static const char *const names[VL_VARIANTS] = { "u8", "s8", "bf16", "bf16 zero guard",
							"matrix", "int8 -> bf16" };
	unsigned variant = (unsigned)_i, k;

	for (k = 0; k < 80; k++) {
		struct vcase v;
		struct tdma_desc d;
		struct tdma_kresult r;
		uint8_t *back;
		char tag[200];

		vlc_prepare(&v, variant);
		snprintf(tag, sizeof(tag),
			 "%s case %u: %u elements, signed %d bias %u/%u zg %d, stream %zu bytes, dst c %u w %u",
			 names[variant], k, v.count, v.p.is_signed, v.p.bias0, v.p.bias1, v.p.zero_guard,
			 v.len, v.l.c, v.l.w);
		/* the reference agrees with itself first */
		back = malloc((size_t)v.count * v.ses);
		ck_assert(back);
		ck_assert_msg(ref_vlc_decompress(v.st, v.len, v.p.bf16, back, (size_t)v.count * v.ses) == 0,
			      "%s: reference decompressor: %s", tag, ref_error());
		ck_assert_msg(memcmp(back, v.y, (size_t)v.count * v.ses) == 0,
			      "%s: reference round trip differs", tag);
		free(back);
		ck_assert_uint_eq(ref_vlc_stream_size(v.st, (size_t)v.count * v.ses), v.len);

		vlc_desc(&d, &v, TDMA_DESC_TRANS_DIR_G2L);
		run(&d, &r);
		ck_assert_msg(r.status == 0 && r.executed == 1, "%s: status 0x%x executed %d (%s)", tag,
			      r.status, r.executed, r.what);
		vlc_expected(&v, v.y);
		fake_mem_check(tag);
		/* The bus charge (docs/timing.md): whole 64-byte lines per
		 * burst of at most 256 bytes, so at least the stream and at
		 * most two extra lines per burst. */
		ck_assert_msg(r.dram_bytes == v.len && r.dram_bus_bytes >= v.len &&
				      r.dram_bus_bytes % TPU_DRAM_LINE_BYTES == 0 &&
				      r.dram_bus_bytes <= v.len + 2 * TPU_DRAM_LINE_BYTES * (v.len / 256 + 2) &&
				      r.lmem_bytes == (uint64_t)v.count * v.des,
			      "%s: bytes dram %llu bus %llu lmem %llu", tag,
			      (unsigned long long)r.dram_bytes, (unsigned long long)r.dram_bus_bytes,
			      (unsigned long long)r.lmem_bytes);
		check_timing_only(&d, &r, tag);
		vlc_free(&v);
	}
	ck_assert_int_eq(g_cases, 80);
}
END_TEST

/* Damaged streams: the kernel accepts exactly what the reference
 * decompressor accepts and then writes what it decodes; otherwise DECERR
 * and nothing written. */
START_TEST(test_vlc_damaged)
{
	unsigned k, accepted = 0, rejected = 0;

	for (k = 0; k < 400; k++) {
		struct vcase v;
		struct tdma_desc d;
		struct tdma_kresult r;
		uint8_t *st, *out;
		size_t bytes, blocks, kmap, i, flips;
		unsigned mode = rnd_in(0, 4);
		char tag[160];

		vlc_prepare(&v, rnd_in(0, VL_VARIANTS - 1));
		bytes = (size_t)v.count * v.ses;
		blocks = (v.count + 15) / 16;
		kmap = (blocks + 15) / 16 * 16;
		st = dram + (base_of(v.sel) - DRAM_BASE) + v.soff;
		if (mode == 0) {                /* bit flips in the order bytes and the data */
			for (flips = rnd_in(1, 4); flips; flips--) {
				i = 16 + rnd_in(0, (uint32_t)(v.len - 17));
				st[i] ^= (uint8_t)(1u << rnd_in(0, 7));
			}
		} else if (mode == 1) {         /* one order byte replaced */
			st[16 + rnd_in(0, (uint32_t)blocks - 1)] = (uint8_t)rnd_in(0, 255);
		} else if (mode == 2) {         /* data size in the header shrunk */
			uint32_t db = (uint32_t)(v.len - 16 - kmap), nb = rnd_in(0, db / 16) * 16;

			st[0] = (uint8_t)nb, st[1] = (uint8_t)(nb >> 8), st[2] = (uint8_t)(nb >> 16);
		} else if (mode == 3) {         /* data size grown, maybe past the limit */
			uint32_t nb = (uint32_t)(v.len - 16 - kmap) + rnd_in(1, 4) * 16;

			st[0] = (uint8_t)nb, st[1] = (uint8_t)(nb >> 8), st[2] = (uint8_t)(nb >> 16);
		} else {                        /* the data type bit */
			st[3] ^= 0x20;
		}
		fake_mem_snap();
		snprintf(tag, sizeof(tag), "damaged case %u mode %u: %u elements, bf16 %d", k, mode,
			 v.count, v.p.bf16);
		out = malloc(bytes);
		ck_assert(out);
		vlc_desc(&d, &v, TDMA_DESC_TRANS_DIR_G2L);
		run(&d, &r);
		if (ref_vlc_decompress(st, DRAM_SIZE - (size_t)(st - dram), v.p.bf16, out, bytes) == 0) {
			ck_assert_msg(r.status == 0 && r.executed == 1, "%s: reference accepts (status 0x%x, %s)",
				      tag, r.status, r.what);
			vlc_expected(&v, out);
			fake_mem_check(tag);
			ck_assert_uint_eq(r.dram_bytes, ref_vlc_stream_size(st, bytes));
			accepted++;
		} else {
			ck_assert_msg(r.status == ST_DECERR && r.executed == 0,
				      "%s: reference rejects (%s) but status 0x%x executed %d (%s)", tag,
				      ref_error(), r.status, r.executed, r.what);
			fake_mem_check_unchanged(tag);
			g_cases++;
			rejected++;
		}
		check_timing_only(&d, &r, tag);
		free(out);
		vlc_free(&v);
	}
	/* both outcomes must have been exercised */
	ck_assert_msg(accepted > 40 && rejected > 40, "accepted %u rejected %u", accepted, rejected);
	ck_assert_int_eq(g_cases, 400);
}
END_TEST

/* A compressed copy of one row of count elements of es bytes, dir G2L
 * (decompression) or L2G (compression); the other fields keep their
 * reset values. */
static void vlc_row_desc(struct tdma_desc *d, unsigned dir, uint64_t src, uint64_t dst,
			 uint32_t count, unsigned es)
{
	struct rt_tensor s = { src, 0, 1, 1, 1, count, 1, 1, 1, es };
	struct rt_tensor t = { dst, 0, 1, 1, 1, count, 1, 1, 1, es };

	rt_tdma_tensor_copy(d, dir, &s, &t);
	d->compress_en = 1;
}

/* The zero guard keeps neither sign nor mantissa of an exponent-0 value:
 * -0 and subnormals come back as +0 (docs/datapath.md 2.11). */
START_TEST(test_vlc_zero_guard_drops_subnormals)
{
	static const uint16_t in[5] = { 0x8000, 0x0001, 0x807f, 0x3f80, 0x0000 };
	static const uint16_t want[5] = { 0x0000, 0x0000, 0x0000, 0x3f80, 0x0000 };
	struct ref_vlc_params p = { true, false, 127, 0, true };
	uint8_t st[128], x[10];
	struct tdma_desc d;
	struct tdma_kresult r;
	size_t len;
	unsigned i;

	for (i = 0; i < 5; i++)
		x[2 * i] = (uint8_t)in[i], x[2 * i + 1] = (uint8_t)(in[i] >> 8);
	len = ref_vlc_compress(x, sizeof(x), &p, st, sizeof(st));
	ck_assert(len > 0);
	memcpy(dram + 0x200, st, len);
	fake_mem_snap();
	vlc_row_desc(&d, TDMA_DESC_TRANS_DIR_G2L, 0x200, 3ull * LANE_SZ + 0x100, 5, 2);
	run(&d, &r);
	ck_assert_msg(r.status == 0 && r.executed == 1, "status 0x%x (%s)", r.status, r.what);
	for (i = 0; i < 5; i++) {
		const uint8_t *e = lmem + 3 * LANE_SZ + 0x100 + 2 * i;

		ck_assert_msg((e[0] | e[1] << 8) == want[i], "element %u: 0x%04x, expected 0x%04x", i,
			      e[0] | e[1] << 8, want[i]);
	}
}
END_TEST

/* Errors found before anything is decoded, and the encodings that stay
 * timed only. */
START_TEST(test_vlc_errors)
{
	unsigned k;
	static const struct err_row want[] = {
		{ "valid", 0, 0 },
		{ "header says bf16, src_fmt int8", ST_DECERR, 0 },
		{ "header data size past the largest possible", ST_DECERR, 0 },
		{ "stream runs past the end of DRAM", ST_BUSERR, 0 },
		{ "header outside DRAM", ST_BUSERR, 0 },
		{ "destination past the lane end", ST_BUSERR, 0 },
		{ "element counts differ", ST_DECERR, 0 },
		{ "zero destination h stride", ST_ZERO, 0 },
		{ "matrix: c is not ceil(cols / w)", ST_DECERR, 0 },
		{ "g2g compression: timed only", 0, 1 },
		{ "g2l compressed transposed matrix: timed only", 0, 1 },
	};

	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		struct vcase v;
		struct tdma_desc d;
		struct tdma_kresult r;
		uint64_t fault = 0;
		uint8_t *st;

		for (;;) {      /* a case the error can be made in */
			vlc_prepare(&v, VL_U8);
			if ((k != 7 || v.l.h > 1) && (k != 5 || v.l.w > 1))
				break;
			vlc_free(&v);
		}
		st = dram + (base_of(v.sel) - DRAM_BASE) + v.soff;
		vlc_desc(&d, &v, TDMA_DESC_TRANS_DIR_G2L);
		switch (k) {
		case 1: st[3] |= 0x20; break;
		case 2: st[0] = 0xf0, st[1] = 0xff, st[2] = 0x0f; break;
		case 3:
			/* move the stream so its end passes the DRAM end */
			d.src_base_reg_sel = 0;
			set_addr(&d.src_base_addr_low, &d.src_base_addr_high, DRAM_SIZE - 16);
			memcpy(dram + DRAM_SIZE - 16, v.st, 16);
			fault = DRAM_BASE + DRAM_SIZE - 16;
			break;
		case 4:
			d.src_base_reg_sel = 0;
			set_addr(&d.src_base_addr_low, &d.src_base_addr_high, DRAM_SIZE);
			fault = DRAM_BASE + DRAM_SIZE;
			break;
		case 5:
			set_addr(&d.dst_base_addr_low, &d.dst_base_addr_high,
				 (v.l.addr / LANE_SZ) * LANE_SZ + LANE_SZ - 1);
			break;
		case 6: d.dst_w = v.l.w + 1; break;
		case 7: d.dst_h_stride = 0; break;
		case 8:
			d.sys_dtype = 1;
			d.src_n = d.src_c = 1;
			d.src_w = v.count;
			d.dst_w = v.count > 1 ? v.count - 1 : 1;
			d.dst_c = v.count > 1 ? 3 : 2;
			break;
		case 9:
			d.trans_dir = TDMA_DESC_TRANS_DIR_G2G;
			break;
		case 10:
			d.sys_dtype = 1;
			d.spec_func = TDMA_DESC_SPEC_FUNC_TRANSPOSE;
			break;
		}
		fake_mem_snap();
		run(&d, &r);
		check_err_row(&want[k], k, &r, fault);
		g_cases++;
		vlc_free(&v);
	}
	ck_assert_int_eq(g_cases, 11);
}
END_TEST

/* ---- VLC compression (L2G) ---- */

/* The case's data x into its local layout (through the reference, with
 * the conversion of the case), the expected stream (the reference
 * compressor's) into the expected DRAM; snapshot before.  vlc_prepare
 * stored the stream in DRAM for a decompression: random bytes over it,
 * so that a compressor that wrote too little cannot pass. */
static void vlc_cplace(struct vcase *v)
{
	test_rng_fill(&rng, dram + (base_of(v->sel) - DRAM_BASE) + v->soff, v->len);
	fake_mem_snap();
	vlc_expected(v, v->x);
	memcpy(lmem, elmem, LMEM_SIZE);
	fake_mem_snap();
	memcpy(edram + (base_of(v->sel) - DRAM_BASE) + v->soff, v->st, v->len);
}

/* The reference's whole-descriptor path (ref_desc.h, what `tpusim model
 * --reference` replays) on the snapshot gives the expected memories too. */
static void vlc_ref_desc_agrees(const struct tdma_desc *d, const char *tag)
{
	uint8_t *rd = malloc(DRAM_SIZE), *rl = malloc(LMEM_SIZE);
	struct ref_mem m;

	ck_assert(rd && rl);
	memcpy(rd, odram, DRAM_SIZE);
	memcpy(rl, olmem, LMEM_SIZE);
	m = fake_mem_ref(rd, rl);
	ck_assert_msg(ref_tdma_desc(d, &m, kc.arraybase) == REF_DESC_OK, "%s: ref_tdma_desc: %s", tag,
		      ref_error());
	ck_assert_msg(memcmp(rd, edram, DRAM_SIZE) == 0 && memcmp(rl, elmem, LMEM_SIZE) == 0,
		      "%s: ref_tdma_desc's memories differ", tag);
	free(rd);
	free(rl);
}

/* Compresses the case's local data with the kernel: the stream must be
 * the reference compressor's, byte for byte, with nothing else written;
 * the kernel's decompressor must then give the data back. */
static void vlc_compress_case(struct vcase *v, const char *tag)
{
	struct tdma_desc d;
	struct tdma_kresult r;

	vlc_cplace(v);
	vlc_desc(&d, v, TDMA_DESC_TRANS_DIR_L2G);
	run(&d, &r);
	ck_assert_msg(r.status == 0 && r.executed == 1, "%s: status 0x%x executed %d (%s)", tag,
		      r.status, r.executed, r.what);
	fake_mem_check(tag);
	ck_assert_msg(r.dram_bytes == v->len && r.dram_bus_bytes >= v->len &&
			      r.dram_bus_bytes % TPU_DRAM_LINE_BYTES == 0 &&
			      r.lmem_bytes == (uint64_t)v->count * v->des,
		      "%s: bytes dram %llu (stream %zu) bus %llu lmem %llu", tag,
		      (unsigned long long)r.dram_bytes, v->len, (unsigned long long)r.dram_bus_bytes,
		      (unsigned long long)r.lmem_bytes);
	vlc_ref_desc_agrees(&d, tag);
	check_timing_only(&d, &r, tag);

	/* and back: the stream as the kernel wrote it, decompressed over
	 * the source, gives the data (less what the zero guard drops) */
	memcpy(dram, edram, DRAM_SIZE);
	memcpy(lmem, elmem, LMEM_SIZE);
	fake_mem_snap();
	vlc_desc(&d, v, TDMA_DESC_TRANS_DIR_G2L);
	run(&d, &r);
	ck_assert_msg(r.status == 0 && r.executed == 1, "%s: round trip: status 0x%x (%s)", tag,
		      r.status, r.what);
	vlc_expected(v, v->y);
	fake_mem_check(tag);
}

START_TEST(test_vlc_compress_random)
{
	static const char *const names[VL_VARIANTS] = { "u8", "s8", "bf16", "bf16 zero guard",
							"matrix", "bf16 -> int8" };
	unsigned variant = (unsigned)_i, k;

	for (k = 0; k < 60; k++) {
		struct vcase v;
		char tag[200];

		vlc_prepare(&v, variant);
		snprintf(tag, sizeof(tag),
			 "compress %s case %u: %u elements, signed %d bias %u/%u zg %d, stream %zu bytes, "
			 "src c %u w %u",
			 names[variant], k, v.count, v.p.is_signed, v.p.bias0, v.p.bias1, v.p.zero_guard,
			 v.len, v.l.c, v.l.w);
		vlc_compress_case(&v, tag);
		vlc_free(&v);
	}
	ck_assert_int_eq(g_cases, 2 * 60);
}
END_TEST

/* Data at the edges of the format: all zero (every block order 0 with a
 * 16-bit unary field), noise (no order fits: every block raw), and one
 * block's worth of large symbols, at element counts that leave a short
 * last block; each against the reference compressor, and the order
 * bytes as the format says they must be. */
START_TEST(test_vlc_compress_edges)
{
	static const uint32_t counts[] = { 1, 15, 16, 17, 33, 255, 257 };
	unsigned variant, pattern, ci;

	for (variant = VL_U8; variant <= VL_BF16_ZG; variant++)
		for (pattern = 0; pattern < 2; pattern++)
			for (ci = 0; ci < sizeof(counts) / sizeof(counts[0]); ci++) {
				struct vcase v;
				uint32_t i, blocks;
				char tag[160];

				do {
					vlc_prepare(&v, variant);
					if (v.count >= counts[ci] && v.n * v.c * v.h == 1)
						break;
					vlc_free(&v);
				} while (1);
				/* a single row of counts[ci] elements */
				v.count = v.w = counts[ci];
				v.l.w = counts[ci];
				v.l.h = 1;
				/* noise: int8 symbols of 127 and up (unsigned
				 * 128..255; signed, unrotated, magnitudes 64
				 * and up), so every quotient at order 5 is at
				 * least 3 and no full block fits 47 unary bits;
				 * bf16 exponents with bit 5 set, none 0 */
				if (!v.p.bf16)
					v.p.bias0 = v.p.bias1 = 0;
				for (i = 0; i < v.count * v.ses; i++)
					v.x[i] = !pattern ? 0
						 : v.p.bf16 ? (uint8_t)(rnd_in(0, 255) | (i & 1 ? 0x10 : 0))
						 : v.p.is_signed ? (uint8_t)(rnd_in(0, 1) ? 0x40 | rnd_in(0, 0x3f)
											 : 0x80 | rnd_in(0, 0x3f))
						 : (uint8_t)(0x80 | rnd_in(0, 0x7f));
				vlc_expect(v.y, v.x, v.count, &v.p);
				v.len = ref_vlc_compress(v.x, (size_t)v.count * v.ses, &v.p, v.st,
							 ref_vlc_max_size((size_t)v.count * v.ses, v.p.bf16));
				ck_assert_msg(v.len, "reference compressor: %s", ref_error());
				snprintf(tag, sizeof(tag), "edges variant %u %s, %u elements", variant,
					 pattern ? "noise" : "zeros", v.count);
				vlc_compress_case(&v, tag);
				blocks = (v.count + 15) / 16;
				for (i = 0; i < blocks; i++) {
					uint8_t kinfo = edram[(base_of(v.sel) - DRAM_BASE) + v.soff + 16 + i];

					/* zeros: value 0 is symbol 0 unless a bf16
					 * exponent without the zero guard; noise:
					 * only raw blocks for int8 (bf16 exponents
					 * here have 16 values, often codable) */
					if (!pattern && (!v.p.bf16 || v.p.zero_guard))
						ck_assert_msg(kinfo == 0x00, "%s: block %u order byte 0x%02x",
							      tag, i, kinfo);
					if (pattern && !v.p.bf16 && v.count >= 16 * (i + 1))
						ck_assert_msg(kinfo == 0xe0, "%s: block %u order byte 0x%02x",
							      tag, i, kinfo);
				}
				vlc_free(&v);
			}
}
END_TEST

/* Streams derived by hand from the format rules (docs/datapath.md 2.11,
 * 2.12), not by any encoder: each covers a rule the others do not. */
START_TEST(test_vlc_compress_known_streams)
{
	static const struct {
		const char *what;
		int bf16, is_signed, zero_guard;
		uint8_t bias0, bias1;
		uint32_t count;
		uint8_t in[34];
		uint8_t order[2];
		uint8_t data[16];
	} want[] = {
		/* block 0: symbols 0 1 2 3, eleven 0s, 5: order 0 (27 bits
		 * against 36 for order 1); block 1: 7 and fifteen padding
		 * 0s, order 0 (23 bits) */
		{ "u8, 17 elements, two blocks", 0, 0, 0, 0, 0, 17,
		  { 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 7 },
		  { 0x0b, 0x07 },
		  { 0x25, 0xfe, 0x1f, 0x04, 0xfc, 0xff, 0x03 } },
		/* 3 -> 2, -4 -> 1, 1 -> 252, -1 -> 251 (rotated by 2 / 3,
		 * zigzagged): orders 4 and 5 both need 110 bits, the lower
		 * wins; 4 bit planes, then quotients 0 0 15 15 and twelve 0s */
		{ "s8 bias 2/3, order tie", 0, 1, 0, 2, 3, 16,
		  { 3, 0xfc, 1, 0xff },
		  { 0x9e },
		  { 0x0a, 0x00, 0x09, 0x00, 0x04, 0x00, 0x0c, 0x00, 0x03, 0x00, 0x02, 0x00, 0xfe,
		    0x3f } },
		/* 127 -> 254, -128 -> 255: no order fits, a raw block */
		{ "s8, raw block", 0, 1, 0, 0, 0, 16,
		  { 0x7f, 0x80, 0x7f, 0x80, 0x7f, 0x80, 0x7f, 0x80, 0x7f, 0x80, 0x7f, 0x80, 0x7f, 0x80,
		    0x7f, 0x80 },
		  { 0xe0 },
		  { 0xfe, 0xff, 0xfe, 0xff, 0xfe, 0xff, 0xfe, 0xff, 0xfe, 0xff, 0xfe, 0xff, 0xfe, 0xff,
		    0xfe, 0xff } },
		/* 1.0, +0, -2.0 around 127 with the zero guard: exponents
		 * 127 128 0 -> symbols 1 3 0 (padding 0), order 0 (20 bits),
		 * then the sign+mantissa bytes 0x00 0x80 of the two nonzero
		 * exponents only */
		{ "bf16 zero guard", 1, 0, 1, 127, 0, 3,
		  { 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0 },
		  { 0x04 },
		  { 0xc6, 0xff, 0x0f, 0x00, 0x08 } },
	};
	unsigned k, i;

	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		unsigned es = want[k].bf16 ? 2 : 1;
		uint64_t sa = 2ull * LANE_SZ + 0x200, off = 0x3000;
		uint8_t expect[48];
		struct tdma_desc d;
		struct tdma_kresult r;

		memset(expect, 0, sizeof(expect));
		expect[0] = 16;         /* block data size */
		expect[3] = (uint8_t)(want[k].is_signed << 4 | want[k].bf16 << 5);
		expect[4] = want[k].bias0;
		expect[5] = (uint8_t)(want[k].bias1 | want[k].zero_guard << 7);
		memcpy(expect + 16, want[k].order, sizeof(want[k].order));
		memcpy(expect + 32, want[k].data, sizeof(want[k].data));

		memcpy(lmem + sa, want[k].in, want[k].count * es);
		fake_mem_snap();
		memcpy(edram + off, expect, sizeof(expect));
		vlc_row_desc(&d, TDMA_DESC_TRANS_DIR_L2G, sa, off, want[k].count, es);
		d.cmprs_fmt = want[k].is_signed;
		d.compress_zero_guard = want[k].zero_guard;
		d.compress_bias0 = want[k].bias0;
		d.compress_bias1 = want[k].bias1;
		run(&d, &r);
		ck_assert_msg(r.status == 0 && r.executed == 1, "%s: status 0x%x (%s)", want[k].what,
			      r.status, r.what);
		for (i = 0; i < sizeof(expect); i++)
			ck_assert_msg(dram[off + i] == expect[i], "%s: stream byte %u = 0x%02x, expected 0x%02x",
				      want[k].what, i, dram[off + i], expect[i]);
		fake_mem_check(want[k].what);
		ck_assert_uint_eq(r.dram_bytes, sizeof(expect));
	}
	ck_assert_int_eq(g_cases, 4);
}
END_TEST

/* Errors of a compression (memory unchanged), and the encodings that
 * stay timed only. */
START_TEST(test_vlc_compress_errors)
{
	unsigned k;
	static const struct err_row want[] = {
		{ "valid", 0, 0 },
		{ "element counts differ", ST_DECERR, 0 },
		{ "zero source n stride", ST_ZERO, 0 },
		{ "matrix: src_n differs from dst_c", ST_DECERR, 0 },
		{ "matrix: c is not ceil(cols / w)", ST_DECERR, 0 },
		{ "source past the lane end", ST_BUSERR, 0 },
		{ "header outside DRAM", ST_BUSERR, 0 },
		{ "stream runs past the end of DRAM", ST_BUSERR, 0 },
		{ "signed bias0 128: timed only", 0, 1 },
		{ "l2l compression: timed only", 0, 1 },
		{ "l2g compressed nc transpose: timed only", 0, 1 },
	};

	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		struct vcase v;
		struct tdma_desc d;
		struct tdma_kresult r;
		uint64_t fault = 0;

		for (;;) {      /* a case the error can be made in */
			vlc_prepare(&v, k == 8 ? VL_S8 : VL_U8);
			if ((k != 2 || v.l.n > 1) && (k != 5 || v.l.w > 1) && (k != 7 || v.len > 32))
				break;
			vlc_free(&v);
		}
		vlc_cplace(&v);
		vlc_desc(&d, &v, TDMA_DESC_TRANS_DIR_L2G);
		switch (k) {
		case 1: d.dst_w = v.w + 1; break;
		case 2: d.src_n_stride = 0; break;
		case 3:
			d.sys_dtype = 1;
			d.src_n = 1, d.src_c = 1, d.src_h = 1, d.src_w = v.count;
			d.dst_c = 2, d.dst_w = v.count;
			break;
		case 4:
			d.sys_dtype = 1;
			d.src_n = 1, d.src_c = 2, d.src_h = 1, d.src_w = v.count;
			d.dst_c = 1, d.dst_w = v.count;
			break;
		case 5:
			fault = (v.l.addr / LANE_SZ) * LANE_SZ + LANE_SZ - 1;
			set_addr(&d.src_base_addr_low, &d.src_base_addr_high, fault);
			break;
		case 6:
			d.dst_base_reg_sel = 0;
			set_addr(&d.dst_base_addr_low, &d.dst_base_addr_high, DRAM_SIZE);
			fault = DRAM_BASE + DRAM_SIZE;
			break;
		case 7:
			/* the header fits, the rest of the stream does not */
			d.dst_base_reg_sel = 0;
			set_addr(&d.dst_base_addr_low, &d.dst_base_addr_high, DRAM_SIZE - 32);
			fault = DRAM_BASE + DRAM_SIZE - 32;
			break;
		case 8: d.compress_bias0 = 128; break;
		case 9: d.trans_dir = TDMA_DESC_TRANS_DIR_L2L; break;
		case 10: d.spec_func = TDMA_DESC_SPEC_FUNC_TRANSPOSE; break;
		}
		run(&d, &r);
		check_err_row(&want[k], k, &r, fault);
		if (!k)
			fake_mem_check(want[k].what);
		g_cases += k > 0;
		vlc_free(&v);
	}
	ck_assert_int_eq(g_cases, 11);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("tdma_modes");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, fake_mem_free);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_matrix_random, 0, MX_VARIANTS);
	tcase_add_test(tc, test_matrix_errors);
	tcase_add_loop_test(tc, test_vlc_random, 0, VL_VARIANTS);
	tcase_add_test(tc, test_vlc_damaged);
	tcase_add_test(tc, test_vlc_zero_guard_drops_subnormals);
	tcase_add_test(tc, test_vlc_errors);
	tcase_add_loop_test(tc, test_vlc_compress_random, 0, VL_VARIANTS);
	tcase_add_test(tc, test_vlc_compress_edges);
	tcase_add_test(tc, test_vlc_compress_known_streams);
	tcase_add_test(tc, test_vlc_compress_errors);
	suite_add_tcase(s, tc);
	return s;
}
