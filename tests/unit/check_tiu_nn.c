/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_tiu_nn.c - the TIU's neural-network operations (pooling,
 * depthwise, conv, matmul and matmul_qm, table lookup), ge, mul_qm and
 * their bf16 forms (with the fp32 ps32 partial sums) against the
 * independent per-element reference of harness/ref/ref_nn.c.
 *
 * Every case is a seeded random descriptor on a random LMEM: random start
 * lanes (channels wrap past lane 7), random padded strides, tensors that
 * end exactly at the lane end, pads / insertion / dilation / strides,
 * random shifts with both rounding modes, ReLU, biases, per-channel
 * records and values that saturate.  The kernel's LMEM and the
 * reference's must agree byte for byte over the whole LMEM; a failure
 * prints the seed and case number, and TIU_NN_DUMP=<case> prints that
 * case's descriptor.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fake_mem.h"
#include "ref_nn.h"
#include "rng.h"
#include "tiu_kernel.h"
#include "tpu/tiu_desc.h"

/* Each operand gets its own region of every lane; the last 2 KiB of a
 * lane are kept for operands that end exactly at the lane end. */
enum { R_RES, R_IN, R_WT, R_PAR, R_TAB };
static const uint32_t reg_lo[] = { 0x0000, 0x3000, 0x5000, 0x6800, 0x7000 };
static const uint32_t reg_hi[] = { 0x3000, 0x5000, 0x6800, 0x7000, 0x7800 };
#define EDGE_MAX  0x800u

/* Set when a generated operand does not fit its region: the case is
 * drawn again. */
static int g_nofit;

#define SEED 0x7105EEDu

static struct tiu_kctx kc;
static struct test_rng rng;

static uint32_t rin(uint32_t lo, uint32_t hi) { return test_rng_in(&rng, lo, hi); }

static void setup(void)
{
	fake_mem_alloc();
	kc.lmem = fake_mem_lmem();
	kc.timing_only = 0;
}

static void fill_random(void)
{
	uint32_t i;

	for (i = 0; i < LMEM_SIZE; i += 8) {
		uint64_t v = test_rng_next(&rng);

		memcpy(lmem + i, &v, 8);
	}
	/* a share of extreme bytes, so sums saturate */
	for (i = 0; i < LMEM_SIZE / 32; i++)
		lmem[rin(0, LMEM_SIZE - 1)] = rin(0, 1) ? 0x7f : 0x80;
	memcpy(elmem, lmem, LMEM_SIZE);
}

static void compare(const char *what, unsigned i)
{
	char tag[96];

	snprintf(tag, sizeof(tag), "%s case %u (seed 0x%x)", what, i, SEED);
	fake_mem_check_lmem(tag);
}

/* TIU_NN_DUMP=<case> prints that case's descriptor (to replay a failure). */
static void dump_if_asked(const struct tiu_desc *d, unsigned i)
{
	const char *e = getenv("TIU_NN_DUMP");

	if (!e || (unsigned)atoi(e) != i)
		return;
	fprintf(stderr, "case %u: tsk %u.%u bf16 %u res %x (%u,%u,%u,%u) str %u/%u,%u,%u,%u b %u ps32 %u\n"
		"  opd0 %x (%u,%u,%u,%u) str %u pad %u,%u,%u,%u ins %u,%u last %u,%u val %x\n"
		"  opd1 %x const %u k %ux%u str %u dil %u,%u stride %u,%u\n"
		"  opd2 %x chq %u num %u seg %u b %u; shift %u round %u relu %u quan_m %x\n",
		i, d->tsk_typ, d->tsk_eu_typ, d->opd_typ, d->res0_addr, d->res0_n, d->res0_c, d->res0_h,
		d->res0_w, d->short_res0_str, d->res0_n_str, d->res0_c_str, d->res0_h_str,
		d->res0_w_str, d->res0_b_str, d->ps32_md, d->opd0_addr, d->opd0_n, d->opd0_c,
		d->opd0_h, d->opd0_w, d->short_opd0_str, d->conv_opd0_up_pad, d->conv_opd0_dn_pad,
		d->conv_opd0_lf_pad, d->conv_opd0_rt_pad, d->conv_opd0_y_ins0, d->conv_opd0_x_ins0,
		d->conv_opd0_y_ins0_last, d->conv_opd0_x_ins0_last, d->opd0_ins_val, d->opd1_addr,
		d->opt_opd1_const, d->opd1_h, d->opd1_w, d->short_opd1_str, d->conv_opd1_y_ins0,
		d->conv_opd1_x_ins0, d->conv_op_y_str, d->conv_op_x_str, d->opd2_addr,
		d->opt_chl_quan, d->tsk_opd_num, d->opt_opd2_seg, d->opd2_b_str, d->opt_res_shift,
		d->opt_rshift_typ, d->opt_relu_typ, d->quan_m);
}

/* Bytes of a lane one operand spans from its start offset: channels
 * c0..c0+C-1 from start lane l0 with the given strides. */
static uint32_t span(uint32_t l0, uint32_t C, uint32_t N, uint32_t H, uint32_t W,
		     uint32_t ns, uint32_t cs, uint32_t hs, uint32_t ws)
{
	return ((l0 + C - 1) / LANES) * cs + (N - 1) * ns + (H - 1) * hs + (W - 1) * ws + 1;
}

/* Local address of an operand in region reg; with edge, the operand ends
 * exactly at the lane end instead. */
static uint32_t place(unsigned reg, uint32_t l0, uint32_t bytes, int edge)
{
	uint32_t off = reg_lo[reg] + rin(0, 3) * 16;

	if (edge && bytes <= EDGE_MAX)
		off = LANE_SZ - bytes;
	else if (off + bytes > reg_hi[reg])
		g_nofit = 1;
	return l0 << 15 | off;
}

static uint32_t align16(uint32_t v) { return (v + 15) / 16 * 16; }

/* A drawn operand layout: start lane, stride mode (0 the default layout,
 * 3 manual strides), byte strides and the bytes of a lane it spans from
 * its start offset.  A matrix has no h stride (0). */
struct lay {
	uint32_t l0, mode, ns, cs, hs, ws, span;
};

/* Operand opd of d at addr, laid out as *l; addr is evaluated first, so it
 * may be the call that draws *l.  The default mode's strides are written
 * too: the kernel and the reference ignore them there. */
#define PUT_OPD(d, opd, addr, l)                                                           \
	((d)->opd##_addr = (addr), (d)->short_##opd##_str = (l)->mode,                       \
	 (d)->opd##_n_str = (l)->ns, (d)->opd##_c_str = (l)->cs, (d)->opd##_h_str = (l)->hs, \
	 (d)->opd##_w_str = (l)->ws)

/* Manual strides for an 8-bit (N, C, H, W) tensor, packed or padded. */
static void strides(struct lay *l, uint32_t C, uint32_t H, uint32_t W)
{
	l->mode = 3;
	l->ws = rin(0, 3) ? 1 : 2;
	l->hs = W * l->ws + (rin(0, 2) ? 0 : rin(1, 5));
	l->cs = H * l->hs + (rin(0, 1) ? 0 : rin(1, 20));
	l->ns = l->cs * ((C + LANES - 1) / LANES) + (rin(0, 2) ? 0 : rin(1, 9));
}

/* An 8-bit (N, C, H, W) operand from a random start lane: manual strides
 * or the default layout. */
static void lay8(struct lay *l, uint32_t N, uint32_t C, uint32_t H, uint32_t W)
{
	l->l0 = rin(0, 7);
	if (rin(0, 1)) {
		strides(l, C, H, W);
	} else {
		l->mode = 0;
		l->ws = 1, l->hs = W, l->cs = align16(H * W);
		l->ns = l->cs * ((C + LANES - 1) / LANES);
	}
	l->span = span(l->l0, C, N, H, W, l->ns, l->cs, l->hs, l->ws);
}

/* Per-channel records for C channels in opd2: random biases (small, or
 * any 32-bit value), multipliers (mostly in [2^30, 2^31)), right shifts and
 * some left shifts, and random bits above the 6-bit shift. */
static void gen_records(struct tiu_desc *d, uint32_t C)
{
	unsigned has_bias = rin(0, 1), rs = has_bias ? 9 : 5, c;
	uint32_t a, l0 = rin(0, 7);

	d->opt_chl_quan = 1;
	d->opt_res_shift = 0;
	d->tsk_opd_num = has_bias ? 3 : 2;
	a = place(R_PAR, l0, ((l0 + C - 1) / LANES + 1) * rs, rin(0, 4) == 0);
	d->opd2_addr = a;
	d->opd2_n = 1, d->opd2_c = C, d->opd2_h = 1, d->opd2_w = 1;
	d->short_opd2_str = 2;
	for (c = 0; c < C; c++) {
		uint32_t lane = l0 + c, m = rin(0x40000000u, 0x7fffffffu);
		uint8_t *p = lmem + (lane % LANES) * LANE_SZ + (a & 0x7fff) + (lane / LANES) * rs;
		int qs = rin(0, 4) ? (int)rin(0, 14) : rin(0, 1) ? -(int)rin(1, 4) : (int)rin(0, 63) - 32;
		int32_t b = rin(0, 1) ? (int32_t)rin(0, 4000) - 2000 : (int32_t)rin(0, 0xffffffffu);

		if (rin(0, 9) == 0)
			m = rin(0, 0xffffffffu);
		if (has_bias) {
			memcpy(p, &b, 4);
			p += 4;
		}
		memcpy(p, &m, 4);
		p[4] = (uint8_t)(qs & 0x3f) | (uint8_t)(rin(0, 3) << 6);
	}
	memcpy(elmem, lmem, LMEM_SIZE);
}

/* A per-tensor bias for C channels in opd2, one element per channel
 * (mode 2) with the high plane opd2_b_str bytes after the low: 16 bits
 * (es 1: high and low byte, of either sign) or fp32 (es 2: high, then low
 * bf16 half). */
static void gen_bias(struct tiu_desc *d, uint32_t C, unsigned es)
{
	uint32_t l0 = rin(0, 7);

	if (es == 1)
		d->opt_opd2_sign = rin(0, 3) != 0;
	d->tsk_opd_num = 3;
	d->opt_opd2_seg = 0;
	d->short_opd2_str = 2;
	d->opd2_n = 1, d->opd2_c = C, d->opd2_h = 1, d->opd2_w = 1;
	d->opd2_b_str = es * ((l0 + C - 1) / LANES + 1);
	d->opd2_addr = place(R_PAR, l0, 2 * d->opd2_b_str, 0);
}

/* A depthwise weight (1, C, kh, kw) of es-byte elements in the default
 * layout. */
static void gen_dw_weight(struct tiu_desc *d, uint32_t C, unsigned es)
{
	uint32_t l0 = rin(0, 7), kh = d->opd1_h, kw = d->opd1_w;

	d->opd1_n = 1, d->opd1_c = C;
	d->short_opd1_str = 0;
	d->opd1_addr = place(R_WT, l0, span(l0, C, 1, kh, kw, 0, align16(es * kh * kw), es * kw,
					    es) + es - 1, 0);
}

/* A generator of random descriptors of one kind, with its argument. */
typedef void (*gen_fn)(struct tiu_desc *d, unsigned arg);

/* A reference of ref_nn.h. */
typedef int ref_fn(const struct tiu_desc *d, uint8_t *b, unsigned lanes, uint32_t lane_size);

/* Draws a random case until the generator's shapes fit LMEM (it sets
 * g_nofit when they do not); LMEM is random bytes first unless the
 * generator fills it itself. */
static void draw(struct tiu_desc *d, gen_fn gen, unsigned arg, int fills_lmem)
{
	do {
		if (!fills_lmem)
			fill_random();
		g_nofit = 0;
		gen(d, arg);
	} while (g_nofit);
}

/* Runs d timing only (LMEM must stay as it is, in elmem still), then the
 * reference on elmem, then the kernel for real; both runs must agree on
 * error and cycles, and the real one must execute. */
static void run_case(const struct tiu_desc *d, ref_fn *ref, const char *what, unsigned i)
{
	struct tiu_kresult t, r;

	kc.timing_only = 1;
	tiu_kernel_exec(d, &kc, &t);
	kc.timing_only = 0;
	ck_assert_msg(!t.executed && !memcmp(lmem, elmem, LMEM_SIZE),
		      "%s case %u: the timing-only run executed or wrote", what, i);
	ck_assert_msg(ref(d, elmem, LANES, LANE_SZ) == 0, "%s case %u: the reference refused it",
		      what, i);
	tiu_kernel_exec(d, &kc, &r);
	ck_assert_msg(r.executed == 1 && r.error == 0, "%s case %u: executed %d error %d", what, i,
		      r.executed, r.error);
	ck_assert_msg(t.error == r.error && t.cycles == r.cycles,
		      "%s case %u: timing only gives error %d cycles %llu, executed %d %llu", what, i,
		      t.error, (unsigned long long)t.cycles, r.error, (unsigned long long)r.cycles);
	dump_if_asked(d, i);
	compare(what, i);
}

/* ---- pooling and depthwise ---- */

/* The window of a random tsk_typ 1 descriptor with eu (reset first); the
 * result fits the window. */
static void gen_window(struct tiu_desc *d, unsigned eu, uint32_t N, uint32_t C)
{
	uint32_t ih, iw, kh, kw, sh, sw, dh = 1, dw = 1;
	uint32_t pt, pb, pl, pr, yi = 0, xi = 0, yl = 0, xl = 0, eh, ew, oh, ow;

	do {
		ih = rin(1, 10), iw = rin(1, 18), kh = rin(1, 4), kw = rin(1, 4);
		sh = rin(1, 3), sw = rin(1, 3);
		pt = rin(0, 2), pb = rin(0, 2), pl = rin(0, 2), pr = rin(0, 2);
		if (eu == 1 || eu == 2) {
			yi = rin(0, 2) ? 0 : rin(1, 2), xi = rin(0, 2) ? 0 : rin(1, 2);
			yl = rin(0, 2) ? 0 : rin(1, 2), xl = rin(0, 2) ? 0 : rin(1, 2);
		}
		if (eu == 2)
			dh = rin(1, 2), dw = rin(1, 3);
		eh = (ih - 1) * (yi + 1) + yl + 1 + pt + pb;
		ew = (iw - 1) * (xi + 1) + xl + 1 + pl + pr;
	} while (eh < (kh - 1) * dh + 1 || ew < (kw - 1) * dw + 1);
	oh = (eh - ((kh - 1) * dh + 1)) / sh + 1;
	ow = (ew - ((kw - 1) * dw + 1)) / sw + 1;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 1;
	d->tsk_eu_typ = eu;
	d->tsk_opd_num = eu == 1 ? 2 : 1;
	d->opt_rshift_typ = rin(0, 3) ? 1 : 0;
	d->opt_relu_typ = rin(0, 2) == 0;
	d->res0_n = N, d->res0_c = C, d->res0_h = oh, d->res0_w = ow;
	d->opd0_n = N, d->opd0_c = C, d->opd0_h = ih, d->opd0_w = iw;
	d->opd1_h = kh, d->opd1_w = kw;
	d->conv_op_y_str = sh, d->conv_op_x_str = sw;
	d->conv_opd0_up_pad = pt, d->conv_opd0_dn_pad = pb;
	d->conv_opd0_lf_pad = pl, d->conv_opd0_rt_pad = pr;
	d->conv_opd0_y_ins0 = yi, d->conv_opd0_x_ins0 = xi;
	d->conv_opd0_y_ins0_last = yl, d->conv_opd0_x_ins0_last = xl;
	d->conv_opd1_y_ins0 = dh - 1, d->conv_opd1_x_ins0 = dw - 1;
}

/* A random tsk_typ 1 descriptor with eu on 8-bit data. */
static void gen_pool(struct tiu_desc *d, unsigned eu)
{
	uint32_t N = rin(1, 3), C = rin(1, 20);
	int edge = rin(0, 3) == 0;
	struct lay l;

	gen_window(d, eu, N, C);
	d->opt_opd0_sign = rin(0, 1);
	d->opt_res0_sign = eu == 2 ? rin(0, 1) : d->opt_opd0_sign;
	d->opt_res_shift = (eu == 0 || eu == 3) ? 0 : rin(0, 14);
	d->opd0_ins_val = rin(0, 1) ? rin(0, 255) : (d->opt_opd0_sign ? 0x80 : 0);

	/* result and input: manual strides (as cvikernel's depthwise) or default */
	lay8(&l, N, C, d->res0_h, d->res0_w);
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span, edge), &l);
	lay8(&l, N, C, d->opd0_h, d->opd0_w);
	PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);

	if (eu == 1) {
		d->opt_opd1_const = 1;
		d->opt_opd1_sign = 0;
		d->opd1_addr = rin(0, 255);
	}
	if (eu != 2)
		return;
	/* depthwise weight: (1, C, kh, kw), default layout, or a scalar */
	d->opt_opd1_sign = rin(0, 3) != 0;
	if (rin(0, 5) == 0) {
		d->opt_opd1_const = 1;
		d->opd1_addr = rin(0, 255);
	} else {
		gen_dw_weight(d, C, 1);
	}
	if (rin(0, 1))
		gen_records(d, C);
	else if (rin(0, 1))
		gen_bias(d, C, 1);
}

/* An operand one byte past its lane: error, nothing written. */
START_TEST(test_pool_out_of_range)
{
	unsigned i;

	test_rng_seed(&rng, SEED + 100);
	for (i = 0; i < 40; i++) {
		struct tiu_desc d;
		struct tiu_kresult r;

		uint32_t l0, b;

		draw(&d, gen_pool, i % 4, 0);
		/* move the result so it ends one byte past the lane (gen_pool
		 * writes the strides of the default layout too) */
		l0 = d.res0_addr >> 15;
		b = span(l0, d.res0_c, d.res0_n, d.res0_h, d.res0_w, d.res0_n_str, d.res0_c_str,
			 d.res0_h_str, d.res0_w_str);
		d.res0_addr = l0 << 15 | (LANE_SZ - b + 1);
		tiu_kernel_exec(&d, &kc, &r);
		ck_assert_int_eq(r.error, 1);
		ck_assert_int_eq(r.executed, 0);
		ck_assert(memcmp(lmem, elmem, LMEM_SIZE) == 0);
	}
}
END_TEST

/* ---- convolution ---- */

static void gen_conv(struct tiu_desc *d, unsigned unused)
{
	uint32_t N = rin(1, 2), IC = rin(1, 12), OC = rin(1, 20), ih, iw, kh, kw, sh, sw, dh, dw;
	uint32_t pt, pb, pl, pr, yi, xi, yl, xl, eh, ew, oh, ow;
	uint32_t l0, wlen, ps = rin(0, 1) ? 0 : rin(1, 3);
	struct lay l;

	do {
		ih = rin(1, 8), iw = rin(1, 12), kh = rin(1, 3), kw = rin(1, 3);
		sh = rin(1, 3), sw = rin(1, 3), dh = rin(1, 2), dw = rin(1, 2);
		pt = rin(0, 2), pb = rin(0, 2), pl = rin(0, 2), pr = rin(0, 2);
		yi = rin(0, 3) ? 0 : 1, xi = rin(0, 3) ? 0 : 1;
		yl = rin(0, 3) ? 0 : 1, xl = rin(0, 3) ? 0 : 1;
		eh = (ih - 1) * (yi + 1) + yl + 1 + pt + pb;
		ew = (iw - 1) * (xi + 1) + xl + 1 + pl + pr;
	} while (eh < (kh - 1) * dh + 1 || ew < (kw - 1) * dw + 1);
	oh = (eh - ((kh - 1) * dh + 1)) / sh + 1;
	ow = (ew - ((kw - 1) * dw + 1)) / sw + 1;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 0;
	d->tsk_opd_num = 2;
	d->opt_opd0_sign = rin(0, 1);
	d->opt_opd1_sign = rin(0, 3) != 0;
	d->opt_res0_sign = rin(0, 3) != 0;
	d->opt_rshift_typ = rin(0, 3) ? 1 : 0;
	d->opt_res_shift = rin(0, 7) ? rin(0, 16) : rin(17, 63);
	d->opt_relu_typ = rin(0, 2) == 0;
	d->double_conv = rin(0, 1);
	d->ps32_md = ps;
	d->res0_n = N, d->res0_c = OC, d->res0_h = oh, d->res0_w = ow;
	d->opd0_n = N, d->opd0_c = IC, d->opd0_h = ih, d->opd0_w = iw;
	d->opd1_n = IC, d->opd1_c = OC, d->opd1_h = kh, d->opd1_w = kw;
	d->conv_op_y_str = sh, d->conv_op_x_str = sw;
	d->conv_opd0_up_pad = pt, d->conv_opd0_dn_pad = pb;
	d->conv_opd0_lf_pad = pl, d->conv_opd0_rt_pad = pr;
	d->conv_opd0_y_ins0 = yi, d->conv_opd0_x_ins0 = xi;
	d->conv_opd0_y_ins0_last = yl, d->conv_opd0_x_ins0_last = xl;
	d->conv_opd1_y_ins0 = dh - 1, d->conv_opd1_x_ins0 = dw - 1;
	d->opd0_ins_val = rin(0, 2) ? 0 : rin(0, 255);

	/* result: manual strides; the partial sum's planes n*ns apart as
	 * cvikernel sets them, or further */
	l.l0 = rin(0, 7);
	strides(&l, OC, oh, ow);
	l.span = span(l.l0, OC, N, oh, ow, l.ns, l.cs, l.hs, l.ws);
	d->res0_b_str = ps ? N * l.ns + (rin(0, 2) ? 0 : rin(1, 40)) : rin(0, 64);
	if (d->res0_b_str < l.span && ps)
		d->res0_b_str = l.span;
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span + (ps ? 3 * d->res0_b_str : 0), rin(0, 3) == 0),
		&l);
	/* input: the default layout (as cvikernel) or manual strides */
	lay8(&l, N, IC, ih, iw);
	PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);
	/* weights (oc, kh, kw, ic) in the lane of oc, or a scalar */
	if (rin(0, 7) == 0) {
		d->opt_opd1_const = 1;
		d->opd1_addr = rin(0, 255);
	} else {
		l0 = rin(0, 7);
		wlen = kh * kw * IC;
		d->short_opd1_str = 1;
		d->opd1_addr = place(R_WT, l0, ((l0 + OC - 1) / LANES + 1) * wlen, rin(0, 3) == 0);
	}
	if (ps == 2 || ps == 3)
		return;         /* no output stage until the last tile */
	if (rin(0, 1))
		gen_records(d, OC);
	else if (rin(0, 1))
		gen_bias(d, OC, 1);
}

/* ---- matrix multiply ---- */

/* An 8-bit matrix (rows, c, w) from a random start lane: the default
 * layout, or manual padded strides. */
static void mat8(struct lay *l, uint32_t rows, uint32_t c, uint32_t w)
{
	l->l0 = rin(0, 7);
	l->hs = 0;
	if (rin(0, 1)) {
		l->mode = 0;
		l->ws = 1, l->cs = align16(w), l->ns = l->cs * ((c + LANES - 1) / LANES);
	} else {
		l->mode = 3;
		l->ws = rin(0, 3) ? 1 : 2;
		l->cs = w * l->ws + (rin(0, 1) ? 0 : rin(1, 9));
		l->ns = l->cs * ((l->l0 + c - 1) / LANES + 1) + (rin(0, 2) ? 0 : rin(1, 7));
	}
	l->span = span(l->l0, c, rows, 1, w, l->ns, l->cs, 0, l->ws);
}

/* A matmul bias of `planes` byte planes for the result's columns in opd2:
 * one row apart in the default layout, opd2_b_str apart with manual
 * strides; with may_edge it may end at the lane end. */
static void gen_mat_bias(struct tiu_desc *d, unsigned planes, int may_edge)
{
	struct lay l;

	d->tsk_opd_num = 3;
	d->opd2_n = 1, d->opd2_c = d->res0_c, d->opd2_h = 1, d->opd2_w = d->res0_w;
	mat8(&l, 1, d->res0_c, d->res0_w);
	d->opd2_b_str = l.mode == 0 ? 16 : l.span + rin(0, 9);
	l.span += (planes - 1) * (l.mode == 0 ? l.ns : d->opd2_b_str);
	PUT_OPD(d, opd2, place(R_PAR, l.l0, l.span, may_edge && rin(0, 3) == 0), &l);
}

static void gen_matmul(struct tiu_desc *d, unsigned unused)
{
	uint32_t R = rin(1, 6), C = rin(1, 12), W = rin(1, 16), K = rin(1, 40), LW = rin(1, 16);
	uint32_t LC = (K + LW - 1) / LW, ps = rin(0, 1) ? 0 : rin(1, 3);
	struct lay l;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 2;
	d->tsk_opd_num = 2;
	d->opt_opd0_sign = rin(0, 1);
	d->opt_opd1_sign = rin(0, 1);
	d->opt_res0_sign = rin(0, 3) != 0;
	d->opt_res0_seg = rin(0, 1);
	d->opt_rshift_typ = rin(0, 3) ? 1 : 0;
	d->opt_res_shift = ps == 2 || ps == 3 ? 0 : rin(0, 12);
	d->opt_left_shift = rin(0, 6);
	d->opt_relu_typ = rin(0, 2) == 0;
	d->opt_res_add = !ps && rin(0, 1);
	d->ps32_md = ps;
	d->res0_n = R, d->res0_c = C, d->res0_h = 1, d->res0_w = W;
	d->opd0_n = R, d->opd0_c = LC, d->opd0_h = 1, d->opd0_w = LW;
	d->opd1_n = K, d->opd1_c = C, d->opd1_h = 1, d->opd1_w = K - LW * (LC - 1);

	mat8(&l, R, C, W);
	if (ps) {
		d->res0_b_str = R * l.ns + (rin(0, 2) ? 0 : rin(1, 30));
		l.span += 3 * d->res0_b_str;
	} else if (d->opt_res0_seg == 0 || d->opt_res_add) {
		/* the high plane: R rows further on (default), or anywhere
		 * past the low one (manual) */
		d->res0_b_str = l.mode == 0 ? 16 : l.span + rin(0, 20);
		l.span += l.mode == 0 ? R * l.ns : d->res0_b_str;
	}
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span, rin(0, 3) == 0), &l);
	mat8(&l, R, LC, LW);
	PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);
	mat8(&l, K, C, W);
	PUT_OPD(d, opd1, place(R_WT, l.l0, l.span, rin(0, 3) == 0), &l);

	if ((ps == 0 || ps == 1) && rin(0, 1)) {
		d->opt_opd2_sign = rin(0, 3) != 0;
		d->opt_opd2_seg = rin(0, 3) ? 0 : 1;
		gen_mat_bias(d, d->opt_opd2_seg ? 1 : 2, 0);
	}
}

/* ---- matmul_qm ---- */

/* A random matmul_qm: the matmul of gen_matmul with opt_chl_quan, a
 * multiplier and a 6-bit signed shift, and a 32-bit bias in four byte
 * planes (one row apart in the default layout, opd2_b_str apart with
 * manual strides).  cvikernel sets opt_chl_quan for ps32_md 0 and 1 only. */
static void gen_matmul_qm(struct tiu_desc *d, unsigned unused)
{
	gen_matmul(d, 0);
	if (d->ps32_md >= 2)
		d->ps32_md = 1;
	d->opt_chl_quan = 1;
	d->quan_m = rin(0, 4) ? rin(0x40000000u, 0x7fffffffu) : rin(0, 0xffffffffu);
	d->opt_res_shift = rin(0, 4) ? rin(0, 14) : rin(0, 63);
	d->tsk_opd_num = 2;
	if (rin(0, 1)) {
		d->opt_opd2_sign = 1;
		d->opt_opd2_seg = 0;
		gen_mat_bias(d, 4, 1);
	}
}

/* ---- ge and mul_qm (fixed-point element-wise) ---- */

/* An element-wise operand of (N, C, H, W) in region reg, laid out as
 * lay8 draws it; a 16-bit one has its high plane *bs bytes after the low
 * one.  Returns its local address. */
static uint32_t elt_opd(struct lay *l, unsigned reg, uint32_t N, uint32_t C, uint32_t H,
			uint32_t W, int wide, int edge, uint32_t *bs)
{
	lay8(l, N, C, H, W);
	*bs = wide ? l->span + rin(0, 16) : rin(0, 64);
	return place(reg, l->l0, l->span + (wide ? *bs : 0), edge);
}

/* A random ge (eu 11) or mul_qm (eu 0 with opt_chl_quan): 8- or 16-bit
 * operands of either sign, a tensor or scalar opd1, an 8- or 16-bit
 * result, sometimes in place; mul_qm with multipliers of every size and
 * right or left 6-bit shifts, so results saturate and round both ways. */
static void gen_elt(struct tiu_desc *d, unsigned eu)
{
	uint32_t N = rin(1, 3), C = rin(1, 20), H = rin(1, 6), W = rin(1, 20);
	struct lay l;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 3;
	d->tsk_eu_typ = eu;
	d->tsk_opd_num = 2;
	d->opt_chl_quan = eu == 0;
	d->opt_relu_typ = rin(0, 2) == 0;
	d->opt_rshift_typ = rin(0, 1);
	d->opt_res_shift = rin(0, 3) ? rin(0, 14) : rin(0, 63);
	d->quan_m = rin(0, 3) ? rin(0x40000000u, 0x7fffffffu) : rin(0, 0xffffffffu);
	d->opt_res0_sign = rin(0, 3) != 0;
	d->opt_opd0_sign = rin(0, 1);
	d->opt_opd1_sign = rin(0, 1);
	d->opt_res0_seg = rin(0, 3) ? 1 : 0;
	d->opt_opd0_seg = rin(0, 3) ? 1 : 0;
	d->opt_opd1_seg = rin(0, 3) ? 1 : 0;
	d->res0_n = N, d->res0_c = C, d->res0_h = H, d->res0_w = W;
	d->opd0_n = N, d->opd0_c = C, d->opd0_h = H, d->opd0_w = W;
	d->opd1_n = N, d->opd1_c = C, d->opd1_h = H, d->opd1_w = W;
	PUT_OPD(d, res0, elt_opd(&l, R_RES, N, C, H, W, d->opt_res0_seg == 0, rin(0, 3) == 0,
				 &d->res0_b_str), &l);
	if (rin(0, 4) == 0) {   /* in place */
		d->opt_opd0_seg = d->opt_res0_seg;
		d->opd0_b_str = d->res0_b_str;
		PUT_OPD(d, opd0, d->res0_addr, &l);
	} else {
		PUT_OPD(d, opd0, elt_opd(&l, R_IN, N, C, H, W, d->opt_opd0_seg == 0, 0,
					 &d->opd0_b_str), &l);
	}
	if (rin(0, 3) == 0) {   /* scalar: 8 bits, or 16 with seg 0 */
		d->opt_opd1_const = 1;
		d->opd1_addr = rin(0, 0xffff);
	} else {
		PUT_OPD(d, opd1, elt_opd(&l, R_WT, N, C, H, W, d->opt_opd1_seg == 0, rin(0, 3) == 0,
					 &d->opd1_b_str), &l);
	}
}

/* ---- table lookup ---- */

static void lay_bf16(struct lay *l, uint32_t N, uint32_t C, uint32_t H, uint32_t W);

/* A random lookup on 8-bit data (es 1: a 16x16 or 32x8 byte table) or
 * on bf16 (es 2: the 32x8 bf16 table, the index in each element's low
 * byte). */
static void gen_lut(struct tiu_desc *d, unsigned es)
{
	uint32_t N = rin(1, 3), C = rin(1, 24), H = rin(1, 8), W = rin(1, 24);
	uint32_t l0, th = es == 2 || rin(0, 1) ? 32 : 16, tw = 256 / th;
	int same = rin(0, 3) == 0;
	struct lay l;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 3;
	d->tsk_eu_typ = 12;
	d->tsk_opd_num = 2;
	d->opd_typ = es == 2;
	d->res0_n = N, d->res0_c = C, d->res0_h = H, d->res0_w = W;
	d->opd0_n = N, d->opd0_c = C, d->opd0_h = H, d->opd0_w = W;
	d->opd1_n = 1, d->opd1_c = LANES, d->opd1_h = th, d->opd1_w = tw;
	if (es == 2)
		lay_bf16(&l, N, C, H, W);
	else
		lay8(&l, N, C, H, W);
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span, rin(0, 3) == 0), &l);
	if (same) {             /* in place: the result overwrites its input */
		PUT_OPD(d, opd0, d->res0_addr, &l);
	} else {
		if (es == 2)
			lay_bf16(&l, N, C, H, W);
		else
			lay8(&l, N, C, H, W);
		PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);
	}
	/* the table: mostly from lane 0 as cvikernel places it; a bf16
	 * table's 256 entries take 512 bytes of every lane */
	l0 = rin(0, 2) ? 0 : rin(1, 7);
	d->opd1_addr = place(R_TAB, l0, span(l0, LANES, 1, th, tw * es, 0, 256 * es, tw * es, 1),
			     rin(0, 3) == 0);
}


/* ---- bf16 tensor arithmetic ---- */

/* A bf16 (N, C, H, W) operand from a random start lane, default or manual
 * strides; its span covers both bytes of the last element. */
static void lay_bf16(struct lay *l, uint32_t N, uint32_t C, uint32_t H, uint32_t W)
{
	l->l0 = rin(0, 7);
	if (rin(0, 1)) {
		l->mode = 0;
		l->ws = 2, l->hs = 2 * W, l->cs = align16(2 * H * W);
		l->ns = l->cs * ((C + LANES - 1) / LANES);
	} else {
		l->mode = 3;
		l->ws = rin(0, 3) ? 2 : 4;
		l->hs = W * l->ws + 2 * rin(0, 2);
		l->cs = H * l->hs + 2 * rin(0, 5);
		l->ns = l->cs * ((l->l0 + C - 1) / LANES + 1) + 2 * rin(0, 3);
	}
	l->span = span(l->l0, C, N, H, W, l->ns, l->cs, l->hs, l->ws) + 1;
}

/* bf16 specials: infinities, zeros, the largest finite values, the
 * smallest denormals, NaN, 1 and 2^127. */
static const uint16_t special[] = { 0x7f80, 0xff80, 0x0000, 0x8000, 0x7f7f, 0xff7f,
				    0x0001, 0x8001, 0x7fc0, 0x3f80, 0x7f00 };

static void gen_bf16(struct tiu_desc *d, unsigned unused)
{
	static const unsigned ops[] = { 0, 1, 2, 3, 4, 5, 10, 11 };
	uint32_t N = rin(1, 3), C = rin(1, 20), H = rin(1, 6), W = rin(1, 20), i;
	struct lay l;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 3;
	d->tsk_eu_typ = ops[rin(0, 7)];
	d->opd_typ = 1;
	d->opt_relu_typ = rin(0, 2) == 0;
	d->opt_res0_sign = d->opt_opd0_sign = d->opt_opd1_sign = 1;
	d->res0_n = N, d->res0_c = C, d->res0_h = H, d->res0_w = W;
	d->opd0_n = N, d->opd0_c = C, d->opd0_h = H, d->opd0_w = W;
	d->opd1_n = N, d->opd1_c = C, d->opd1_h = H, d->opd1_w = W;
	lay_bf16(&l, N, C, H, W);
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span, rin(0, 3) == 0), &l);
	if (rin(0, 4) == 0) {   /* in place */
		PUT_OPD(d, opd0, d->res0_addr, &l);
	} else {
		lay_bf16(&l, N, C, H, W);
		PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);
	}
	if (rin(0, 3) == 0) {
		d->opt_opd1_const = 1;
		d->opd1_addr = rin(0, 2) ? rin(0, 0xffff) : special[rin(0, 10)];
	} else {
		lay_bf16(&l, N, C, H, W);
		PUT_OPD(d, opd1, place(R_WT, l.l0, l.span, 0), &l);
	}
	/* values near 1 (so sums round rather than overflow) and specials */
	for (i = 0; i < LMEM_SIZE; i += 2) {
		uint16_t v = lmem[i] | lmem[i + 1] << 8;

		if (rin(0, 1))
			v = (uint16_t)((v & 0x807f) | (rin(0x7b, 0x83) << 7));
		else if (rin(0, 15) == 0)
			v = special[rin(0, 10)];
		lmem[i] = (uint8_t)v, lmem[i + 1] = (uint8_t)(v >> 8);
	}
	memcpy(elmem, lmem, LMEM_SIZE);
}

/* ---- bf16 pooling and depthwise ---- */

/* A bf16 value between 2^-12 and 2^12 (so single-precision sums round,
 * and the order of the terms shows, but rarely overflow), or a special. */
static uint16_t bf16_val(void)
{
	if (rin(0, 15) == 0)
		return special[rin(0, 10)];
	return (uint16_t)((rin(0, 1) << 15) | (rin(0x73, 0x8b) << 7) | rin(0, 0x7f));
}

/* Every LMEM halfword a bf16_val(); expected := live. */
static void fill_bf16(void)
{
	uint32_t i;

	for (i = 0; i < LMEM_SIZE; i += 2) {
		uint16_t v = bf16_val();

		lmem[i] = (uint8_t)v, lmem[i + 1] = (uint8_t)(v >> 8);
	}
	memcpy(elmem, lmem, LMEM_SIZE);
}

/* The fp32 sum's low halves of a result spanning one bytes a lane: rows
 * n strides on (cvikernel), or further; returns the span with them. */
static uint32_t gen_ps32_b_str(struct tiu_desc *d, uint32_t rows, uint32_t ns, uint32_t one)
{
	d->res0_b_str = rows * ns + 2 * (rin(0, 2) ? 0 : rin(1, 20));
	if (d->res0_b_str < one)
		d->res0_b_str = one + 2 * rin(0, 3);
	return one + d->res0_b_str;
}

static void gen_pool_bf16(struct tiu_desc *d, unsigned eu)
{
	uint32_t N = rin(1, 3), C = rin(1, 20);
	struct lay l;

	gen_window(d, eu, N, C);
	d->opd_typ = 1;
	d->opt_opd0_sign = d->opt_res0_sign = d->opt_opd1_sign = 1;
	d->opd0_ins_val = rin(0, 1) ? bf16_val() : (eu == 0 ? 0xff7f : eu == 3 ? 0x7f7f : 0);
	d->opd1_addr = bf16_val();      /* avg multiplier, or depthwise scalar */
	lay_bf16(&l, N, C, d->res0_h, d->res0_w);
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span, rin(0, 3) == 0), &l);
	lay_bf16(&l, N, C, d->opd0_h, d->opd0_w);
	PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);
	if (eu == 1)
		d->opt_opd1_const = 1;
	if (eu == 2) {
		if (rin(0, 5) == 0)
			d->opt_opd1_const = 1;
		else
			gen_dw_weight(d, C, 2);
	}
	if ((eu == 1 || eu == 2) && rin(0, 1))
		gen_bias(d, C, 2);
	fill_bf16();
}

/* ---- bf16 convolution ---- */

static void gen_conv_bf16(struct tiu_desc *d, unsigned unused)
{
	uint32_t N, l0, IC, OC, ps;
	struct lay l;

	gen_conv(d, 0);            /* the int8 geometry and strides, then bf16 layouts */
	N = d->res0_n, IC = d->opd0_c, OC = d->res0_c;
	d->opd_typ = 1;
	d->ps32_md = ps = rin(0, 1) ? 0 : rin(1, 3);
	d->opt_chl_quan = 0;
	d->tsk_opd_num = 2;
	d->opt_res0_sign = d->opt_opd0_sign = d->opt_opd1_sign = 1;
	d->opd0_ins_val = rin(0, 1) ? bf16_val() : 0;
	g_nofit = 0;
	lay_bf16(&l, N, OC, d->res0_h, d->res0_w);
	if (ps)
		l.span = gen_ps32_b_str(d, N, l.ns, l.span);
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span, rin(0, 3) == 0), &l);
	lay_bf16(&l, N, IC, d->opd0_h, d->opd0_w);
	PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);
	if (d->opt_opd1_const) {
		d->opd1_addr = bf16_val();
	} else {
		l0 = rin(0, 7);
		d->opd1_addr = place(R_WT, l0, ((l0 + OC - 1) / LANES + 1) * 2 * d->opd1_h *
					       d->opd1_w * IC, rin(0, 3) == 0);
	}
	if (ps < 2 && rin(0, 1))
		gen_bias(d, OC, 2);
	fill_bf16();
}

/* ---- bf16 matrix multiply ---- */

/* A bf16 matrix (rows, c, 1, w) from a random start lane: default or
 * manual strides; its span covers both bytes of the last element. */
static void mat_bf16(struct lay *l, uint32_t rows, uint32_t c, uint32_t w)
{
	l->l0 = rin(0, 7);
	l->hs = 0;
	if (rin(0, 1)) {
		l->mode = 0;
		l->ws = 2, l->cs = align16(2 * w), l->ns = l->cs * ((c + LANES - 1) / LANES);
	} else {
		l->mode = 3;
		l->ws = rin(0, 3) ? 2 : 4;
		l->cs = w * l->ws + 2 * rin(0, 4);
		l->ns = l->cs * ((l->l0 + c - 1) / LANES + 1) + 2 * rin(0, 3);
	}
	l->span = span(l->l0, c, rows, 1, w, l->ns, l->cs, 0, l->ws) + 1;
}

static void gen_matmul_bf16(struct tiu_desc *d, unsigned unused)
{
	uint32_t R = rin(1, 6), C = rin(1, 12), W = rin(1, 16), K = rin(1, 40), LW = rin(1, 16);
	uint32_t LC = (K + LW - 1) / LW, ps = rin(0, 1) ? 0 : rin(1, 3);
	struct lay l;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 2;
	d->tsk_opd_num = 2;
	d->opd_typ = 1;
	d->ps32_md = ps;
	d->opt_res0_sign = d->opt_opd0_sign = d->opt_opd1_sign = 1;
	d->opt_relu_typ = rin(0, 2) == 0;
	d->res0_n = R, d->res0_c = C, d->res0_h = 1, d->res0_w = W;
	d->opd0_n = R, d->opd0_c = LC, d->opd0_h = 1, d->opd0_w = LW;
	d->opd1_n = K, d->opd1_c = C, d->opd1_h = 1, d->opd1_w = K - LW * (LC - 1);
	mat_bf16(&l, R, C, W);
	if (ps)
		l.span = gen_ps32_b_str(d, R, l.ns, l.span);
	PUT_OPD(d, res0, place(R_RES, l.l0, l.span, rin(0, 3) == 0), &l);
	mat_bf16(&l, R, LC, LW);
	PUT_OPD(d, opd0, place(R_IN, l.l0, l.span, 0), &l);
	mat_bf16(&l, K, C, W);
	PUT_OPD(d, opd1, place(R_WT, l.l0, l.span, rin(0, 3) == 0), &l);
	if (ps < 2 && rin(0, 1)) {      /* fp32 bias: a 2-row matrix, high half first */
		d->tsk_opd_num = 3;
		d->opt_opd2_seg = 0;
		d->opd2_n = 1, d->opd2_c = C, d->opd2_h = 1, d->opd2_w = W;
		mat_bf16(&l, 1, C, W);
		d->opd2_b_str = l.mode == 0 ? 16 : l.span + 2 * rin(0, 4);
		l.span += l.mode == 0 ? l.ns : d->opd2_b_str;
		PUT_OPD(d, opd2, place(R_PAR, l.l0, l.span, 0), &l);
	}
	fill_bf16();
}

/* ---- the random draws ---- */

/* What a draw must show in at least one of its cases (features()). */
enum {
	F_PS_ALL = 0xf,         /* ps32_md 0..3, bit per mode */
	F_PS1 = 1 << 1,
	F_CHQ = 1 << 4,         /* per-channel records or quantisation */
	F_WIDE = 1 << 5,        /* a 16-bit result */
	F_ADD = 1 << 6,         /* matmul's res_add */
	F_BIAS = 1 << 7,
	F_SCALAR = 1 << 8,      /* a constant opd1 */
	F_GE = 1 << 9,          /* bf16 ge */
};

static unsigned features(const struct tiu_desc *d)
{
	return 1u << d->ps32_md | (d->opt_chl_quan ? F_CHQ : 0) |
	       (d->opt_res0_seg == 0 ? F_WIDE : 0) | (d->opt_res_add ? F_ADD : 0) |
	       (d->tsk_opd_num == 3 ? F_BIAS : 0) | (d->opt_opd1_const ? F_SCALAR : 0) |
	       (d->tsk_eu_typ == 11 ? F_GE : 0);
}

/* One draw: cases from seed SEED + seed, the generator with its argument
 * (the bf16 ones fill LMEM themselves), the reference that judges them and
 * the features the draw must cover. */
static const struct nn_draw {
	const char *name;
	unsigned seed, cases;
	gen_fn gen;
	unsigned arg;
	int fills_lmem;
	ref_fn *ref;
	unsigned must_see;
} draws[] = {
	{ "max_pool", 0, 150, gen_pool, 0, 0, ref_nn_pool, 0 },
	{ "avg_pool", 1, 150, gen_pool, 1, 0, ref_nn_pool, 0 },
	{ "depthwise", 2, 150, gen_pool, 2, 0, ref_nn_pool, 0 },
	{ "min_pool", 3, 150, gen_pool, 3, 0, ref_nn_pool, 0 },
	/* every partial-sum mode and the records */
	{ "conv", 10, 200, gen_conv, 0, 0, ref_nn_conv, F_PS_ALL | F_CHQ },
	{ "matmul", 20, 200, gen_matmul, 0, 0, ref_nn_matmul, F_PS_ALL | F_WIDE | F_ADD },
	{ "matmul_qm", 21, 150, gen_matmul_qm, 0, 0, ref_nn_matmul, F_BIAS | F_PS1 },
	{ "mul_qm", 80, 200, gen_elt, 0, 0, ref_nn_mul_qm, F_WIDE | F_SCALAR },
	{ "ge", 91, 200, gen_elt, 11, 0, ref_nn_ge, F_WIDE | F_SCALAR },
	{ "lut", 30, 100, gen_lut, 1, 0, ref_nn_lut, 0 },
	/* the exponent/mantissa and slope tables of the compiler's softmax,
	 * sigmoid and reciprocal are this operation on 32x8 bf16 tables;
	 * LMEM is random, so the low byte indexes every entry and the high
	 * byte must not matter */
	{ "bf16 lut", 31, 100, gen_lut, 2, 0, ref_nn_lut, 0 },
	{ "bf16", 40, 230, gen_bf16, 0, 0, ref_nn_bf16, F_GE },
	{ "bf16 max_pool", 50, 60, gen_pool_bf16, 0, 1, ref_nn_pool_bf16, 0 },
	{ "bf16 avg_pool", 51, 60, gen_pool_bf16, 1, 1, ref_nn_pool_bf16, 0 },
	{ "bf16 depthwise", 52, 60, gen_pool_bf16, 2, 1, ref_nn_pool_bf16, 0 },
	{ "bf16 min_pool", 53, 60, gen_pool_bf16, 3, 1, ref_nn_pool_bf16, 0 },
	/* every partial-sum mode: fp32 halves written, continued, finished */
	{ "bf16 conv", 60, 120, gen_conv_bf16, 0, 1, ref_nn_conv_bf16, F_PS_ALL },
	{ "bf16 matmul", 70, 160, gen_matmul_bf16, 0, 1, ref_nn_matmul_bf16, F_PS_ALL },
};

START_TEST(test_random)
{
	const struct nn_draw *t = &draws[_i];
	unsigned seen = 0, i;

	test_rng_seed(&rng, SEED + t->seed);
	for (i = 0; i < t->cases; i++) {
		struct tiu_desc d;

		draw(&d, t->gen, t->arg, t->fills_lmem);
		run_case(&d, t->ref, t->name, i);
		seen |= features(&d);
	}
	ck_assert_msg((seen & t->must_see) == t->must_see,
		      "%s: the draw shows features %#x of %#x", t->name, seen & t->must_see,
		      t->must_see);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("tiu_nn");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, fake_mem_free);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_random, 0, sizeof(draws) / sizeof(draws[0]));
	tcase_add_test(tc, test_pool_out_of_range);
	suite_add_tcase(s, tc);
	return s;
}
