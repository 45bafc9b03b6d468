/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_tiu_kernel.c - unit tests of the TIU datapath kernel and its cost
 * model.
 *
 * Functional results are compared over the whole LMEM against the
 * reference of harness/ref (ref_tiu.h), which restates docs/datapath.md per
 * element without the kernel:
 *   element (n,c,h,w) of an operand at local address A lives in lane
 *   ((A >> 15) + c) % 8 at offset (A & 0x7fff) + (((A >> 15) + c) / 8)*cs
 *   + n*ns + h*hs + w*ws; a 16-bit value has its high byte b_str further on.
 *   mul/mac/add/sub/max/min/copy: v = op(a, b) exactly, then
 *   v = floor((v [+ 2^(s-1) when rounding]) / 2^s), saturate, ReLU.
 *   and/or/xor/shift: exact result wrapped to the result width.
 * Cycle counts are spot values worked out by hand from the tpu-mlir
 * formulas quoted in docs/datapath.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fake_mem.h"
#include "rng.h"
#include "ref_tiu.h"
#include "tiu_kernel.h"
#include "tpu/hwcfg.h"
#include "tpu/tiu_desc.h"

#define REGION    0x2800u       /* per-operand offset region inside every lane */

static struct tiu_kctx kc;
static struct test_rng rng;

static uint32_t rnd(void)
{
	return test_rng_u32(&rng);
}

static uint32_t rnd_in(uint32_t lo, uint32_t hi)    /* inclusive */
{
	return test_rng_in(&rng, lo, hi);
}

static void setup(void)
{
	fake_mem_alloc();
	kc.lmem = fake_mem_lmem();
	test_rng_seed(&rng, 0xC0FFEE11u);
}

static void fill_random(void)
{
	fake_mem_fill32(&rng, lmem, LMEM_SIZE);
	fake_mem_snap();
}

/* ---- operands and reference (harness/ref) ---- */

struct params {
	unsigned eu;
	unsigned rshift, lshift;
	int round, relu;
	int b_const;
	int64_t cval;            /* raw bits for the opd1_addr field */
};

/* Operand element (n, c, h, w) in img (its low byte). */
static uint8_t *at(uint8_t *img, const struct ref_tiu_opd *o, uint32_t n, uint32_t c, uint32_t h,
		   uint32_t w)
{
	struct ref_mem m = fake_mem_ref(NULL, img);
	uint8_t *p = ref_tiu_at(&m, o, n, c, h, w);

	ck_assert_msg(p != NULL, "reference: %s", ref_error());
	return p;
}

/* The expected image: the reference applied to the snapshot. */
static void ref_run(const struct params *p, const struct ref_tiu_opd *res,
		    const struct ref_tiu_opd *a, const struct ref_tiu_opd *b, uint32_t N, uint32_t C,
		    uint32_t H, uint32_t W)
{
	struct ref_mem from = fake_mem_ref(NULL, olmem), to = fake_mem_ref(NULL, elmem);
	struct ref_eltwise e = { .op = (enum ref_tiu_op)p->eu, .rshift = p->rshift, .round = p->round,
				 .lshift = p->lshift, .relu = p->relu, .res_wide = res->wide,
				 .res_signed = res->is_signed };
	/* A constant opd1 reads as a value of opd1's width and signedness. */
	int64_t bc = b->wide ? (b->is_signed ? (int16_t)p->cval : (uint16_t)p->cval)
			     : (b->is_signed ? (int8_t)p->cval : (uint8_t)p->cval);

	ck_assert_msg(ref_tiu_eltwise(&from, &to, &e, res, a, p->b_const ? NULL : b, bc, N, C, H, W) == 0,
		      "reference: %s", ref_error());
}

static void make_desc(struct tiu_desc *d, const struct params *p, const struct ref_tiu_opd *res,
		      const struct ref_tiu_opd *a, const struct ref_tiu_opd *b, uint32_t N, uint32_t C,
		      uint32_t H, uint32_t W)
{
	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 3;
	d->tsk_eu_typ = p->eu;
	d->tsk_opd_num = p->eu == REF_TIU_COPY ? 1 : 2;
	d->opt_res_shift = p->rshift;
	d->opt_left_shift = p->lshift;
	d->opt_rshift_typ = p->round;
	d->opt_shift_typ = res->is_signed;
	d->opt_relu_typ = p->relu;
	d->opt_res_add = p->eu == REF_TIU_MAC;
	d->res0_n = d->opd0_n = d->opd1_n = N;
	d->res0_c = d->opd0_c = d->opd1_c = C;
	d->res0_h = d->opd0_h = d->opd1_h = H;
	d->res0_w = d->opd0_w = d->opd1_w = W;
	d->short_res0_str = d->short_opd0_str = d->short_opd1_str = d->short_opd2_str = 3;
	d->res0_addr = res->addr;
	d->opt_res0_sign = res->is_signed;
	d->opt_res0_seg = !res->wide;
	d->res0_n_str = res->ns, d->res0_c_str = res->cs, d->res0_h_str = res->hs;
	d->res0_w_str = res->ws, d->res0_b_str = res->bs;
	d->opd0_addr = a->addr;
	d->opt_opd0_sign = a->is_signed;
	d->opt_opd0_seg = !a->wide;
	d->opd0_n_str = a->ns, d->opd0_c_str = a->cs, d->opd0_h_str = a->hs;
	d->opd0_w_str = a->ws, d->opd0_b_str = a->bs;
	d->opt_opd1_sign = b->is_signed;
	d->opt_opd1_seg = !b->wide;
	if (p->b_const) {
		d->opt_opd1_const = 1;
		d->opd1_addr = (uint32_t)(p->cval & (b->wide ? 0xffff : 0xff));
	} else {
		d->opd1_addr = b->addr;
		d->opd1_n_str = b->ns, d->opd1_c_str = b->cs, d->opd1_h_str = b->hs;
		d->opd1_w_str = b->ws, d->opd1_b_str = b->bs;
	}
}

/* Random layout for an operand confined to offsets [region, region + REGION)
 * of every lane; lane0_max limits the start lane (opd1 addresses are 16-bit). */
static void gen_opd(struct ref_tiu_opd *o, unsigned region, unsigned lane0_max, int wide, int sign,
		    uint32_t N, uint32_t C, uint32_t H, uint32_t W)
{
	uint32_t lane0 = rnd_in(0, lane0_max), rows = (lane0 + C - 1) / LANES;
	uint32_t ext, off;

	o->ws = rnd_in(1, 2);
	o->hs = (W - 1) * o->ws + 1 + rnd_in(0, 3);
	o->cs = H * o->hs + rnd_in(0, 1) * 16;
	o->ns = o->cs * (rows + 1) + rnd_in(0, 5);
	ext = rows * o->cs + (N - 1) * o->ns + (H - 1) * o->hs + (W - 1) * o->ws + 1;
	o->wide = wide;
	o->is_signed = sign;
	o->bs = wide ? ext + rnd_in(0, 7) : rnd_in(0, 40);   /* ignored when 8-bit */
	ck_assert(ext + (wide ? o->bs : 0) <= REGION);
	off = region + rnd_in(0, REGION - ext - (wide ? o->bs : 0));
	o->addr = (lane0 << 15) | off;
}

/* The same descriptor timing only: the same error and cycles, and LMEM
 * left as it was. */
static void timing_only_matches(const struct tiu_desc *d, const struct tiu_kresult *full, const char *tag)
{
	struct tiu_kresult r;

	fill_random();
	kc.timing_only = 1;
	memset(&r, 0xa5, sizeof(r));
	tiu_kernel_exec(d, &kc, &r);
	kc.timing_only = 0;
	ck_assert_msg(r.error == full->error && r.cycles == full->cycles && r.executed == 0,
		      "%s: timing only: error %d cycles %llu executed %d", tag, r.error,
		      (unsigned long long)r.cycles, r.executed);
	ck_assert_msg(memcmp(lmem, olmem, LMEM_SIZE) == 0, "%s: timing only changed LMEM", tag);
}

/* Runs d; when it executed without error (which the test asserts on the
 * result returned), checks it against the reference: its cycles the cost model's, LMEM as the reference writes
 * it, and the same descriptor timed only. */
static struct tiu_kresult exec_and_check(const struct tiu_desc *d, const struct params *p,
					 const struct ref_tiu_opd *res, const struct ref_tiu_opd *a,
					 const struct ref_tiu_opd *b, uint32_t N, uint32_t C, uint32_t H,
					 uint32_t W, const char *tag)
{
	struct tiu_kresult r;

	memset(&r, 0xa5, sizeof(r));
	tiu_kernel_exec(d, &kc, &r);
	if (r.error != 0 || r.executed != 1)
		return r;
	ck_assert_uint_eq(r.cycles, tiu_kernel_cost(d, LANES));
	ck_assert(r.op_name != NULL);
	ref_run(p, res, a, b, N, C, H, W);
	fake_mem_check_lmem(tag);
	timing_only_matches(d, &r, tag);
	return r;
}

/* One case of a sweep (what, combo) on a random shape and layout:
 * result, opd0 and opd1 of the widths and signs given. */
static void run_case(const struct params *p, int res_wide, int a_wide, int b_wide, int rs,
		     int as, int bs, const char *what, unsigned combo)
{
	g_cases++;
	char tag[160];
	uint32_t N = rnd_in(1, 3), C = rnd_in(1, 12), H = rnd_in(1, 4), W = rnd_in(1, 9);
	struct ref_tiu_opd res, a, b;
	struct tiu_desc d;
	int res_planes = res_wide || p->eu == REF_TIU_MAC;

	snprintf(tag, sizeof(tag), "%s eu %u combo %u (widths %d %d %d signs %d %d %d sh %u/%u rnd %d relu %d)",
		 what, p->eu, combo, res_wide, a_wide, b_wide, rs, as, bs, p->rshift, p->lshift, p->round,
		 p->relu);

	gen_opd(&res, 0, LANES - 1, res_planes, rs, N, C, H, W);
	res.wide = res_wide;
	gen_opd(&a, REGION, LANES - 1, a_wide, as, N, C, H, W);
	gen_opd(&b, 2 * REGION, 1, b_wide, bs, N, C, H, W);
	fill_random();
	if (p->eu == REF_TIU_SHIFT) {           /* shift counts in [-16, 16] */
		uint32_t n, c, h, w;

		for (n = 0; n < N; n++)
			for (c = 0; c < C; c++)
				for (h = 0; h < H; h++)
					for (w = 0; w < W; w++)
						*at(lmem, &b, n, c, h, w) = (uint8_t)(int8_t)rnd_in(0, 32) - 16;
		fake_mem_snap();
	}
	make_desc(&d, p, &res, &a, &b, N, C, H, W);
	struct tiu_kresult r = exec_and_check(&d, p, &res, &a, &b, N, C, H, W, tag);

	ck_assert_msg(r.error == 0 && r.executed == 1, "%s: error %d executed %d", tag, r.error,
		      r.executed);
}

/* All ops, 8-bit operands, every sign / shift / rounding / ReLU / result
 * width combination, random strides and start lanes. */
START_TEST(test_eltwise_int8)
{
	static const unsigned ops[] = {
		REF_TIU_MUL, REF_TIU_MAC, REF_TIU_ADD, REF_TIU_SUB, REF_TIU_MAX,
		REF_TIU_MIN, REF_TIU_AND, REF_TIU_OR, REF_TIU_XOR, REF_TIU_COPY,
	};
	static const unsigned shifts[] = { 0, 1, 3, 7 };
	unsigned eu = ops[_i], combo;

	test_rng_seed(&rng, 0x1234567u + eu * 1000003u);
	for (combo = 0; combo < 128; combo++) {
		struct params p = { 0 };
		int rs = combo & 1, as = (combo >> 1) & 1, bs = (combo >> 2) & 1;
		int res_wide = (combo >> 3) & 1;

		p.eu = eu;
		p.rshift = shifts[(combo >> 4) & 3];
		p.round = (combo >> 6) & 1;
		p.relu = (combo % 3) == 0;
		p.lshift = eu == REF_TIU_MAC ? rnd_in(0, 4) : 0;
		run_case(&p, res_wide, 0, 0, rs, as, bs, "int8", combo);
	}
	ck_assert_uint_gt(g_cases, 0);
}
END_TEST

/* 16-bit operand planes (add/sub/and/or/xor/max/min/mul/copy) */
START_TEST(test_eltwise_16bit)
{
	static const unsigned ops[] = {
		REF_TIU_ADD, REF_TIU_SUB, REF_TIU_MUL, REF_TIU_MAX, REF_TIU_MIN,
		REF_TIU_AND, REF_TIU_OR, REF_TIU_XOR, REF_TIU_COPY,
	};
	unsigned eu = ops[_i], combo;

	test_rng_seed(&rng, 0x777u + eu);
	for (combo = 0; combo < 64; combo++) {
		struct params p = { 0 };

		p.eu = eu;
		p.rshift = (combo >> 3) & 3 ? ((combo >> 3) & 3) * 3 : 0;
		p.round = (combo >> 5) & 1;
		p.relu = combo % 5 == 0;
		run_case(&p, combo & 1, 1, (combo >> 1) & 1, (combo >> 2) & 1, combo & 1 ? 1 : (combo >> 1) & 1,
			 (combo >> 2) & 1, "16-bit", combo);
	}
	ck_assert_uint_gt(g_cases, 0);
}
END_TEST

START_TEST(test_scalar_opd1)
{
	static const unsigned ops[] = {
		REF_TIU_MUL, REF_TIU_MAC, REF_TIU_ADD, REF_TIU_SUB, REF_TIU_MAX, REF_TIU_MIN,
	};
	unsigned k, combo;

	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		for (combo = 0; combo < 32; combo++) {
			struct params p = { 0 };
			int b_wide = ops[k] == REF_TIU_ADD || ops[k] == REF_TIU_SUB ? (combo & 1) : 0;

			p.eu = ops[k];
			p.b_const = 1;
			p.cval = (int64_t)rnd();
			p.rshift = (combo >> 1) & 3;
			p.round = (combo >> 3) & 1;
			p.relu = (combo >> 4) & 1;
			p.lshift = ops[k] == REF_TIU_MAC ? 1 : 0;
			run_case(&p, 0, 0, b_wide, 1, (combo >> 2) & 1, (combo >> 1) & 1, "scalar", combo);
		}
	ck_assert_uint_gt(g_cases, 0);
}
END_TEST

START_TEST(test_mac_lshift_16bit_out)
{
	unsigned combo;

	for (combo = 0; combo < 40; combo++) {
		struct params p = { 0 };

		p.eu = REF_TIU_MAC;
		p.lshift = combo % 8;
		p.rshift = combo % 5;
		p.round = 1;
		run_case(&p, combo & 1, 0, 0, 1, 1, combo & 2 ? 1 : 0, "mac", combo);
	}
	ck_assert_uint_gt(g_cases, 0);
}
END_TEST

START_TEST(test_arith_shift)
{
	unsigned combo;

	for (combo = 0; combo < 40; combo++) {
		struct params p = { .eu = REF_TIU_SHIFT };

		/* cvikernel: a 16-bit signed, bits 8-bit signed, res 16-bit signed */
		run_case(&p, 1, 1, 0, 1, combo & 1 ? 1 : 0, 1, "shift", combo);
	}
	ck_assert_uint_gt(g_cases, 0);
}
END_TEST

START_TEST(test_in_place_add)
{
	/* res == opd0 (same address and strides) */
	struct params p = { .eu = REF_TIU_ADD, .rshift = 1, .round = 1 };
	struct ref_tiu_opd a, b;
	struct tiu_desc d;

	test_rng_seed(&rng, 99);
	gen_opd(&a, 0, 7, 0, 1, 2, 11, 3, 5);
	gen_opd(&b, 2 * REGION, 1, 0, 1, 2, 11, 3, 5);
	fill_random();
	make_desc(&d, &p, &a, &a, &b, 2, 11, 3, 5);
	struct tiu_kresult r = exec_and_check(&d, &p, &a, &a, &b, 2, 11, 3, 5, "in-place add");

	ck_assert_msg(r.error == 0 && r.executed == 1, "in-place add: error %d executed %d", r.error,
		      r.executed);
}
END_TEST

START_TEST(test_bf16_rounds_toward_zero)
{
	/* One bf16 element per op, worked out by hand (docs/datapath.md 3.11).
	 * 1. mac: 1.5 (0x3fc0) * 1.0234375 (0x3f83) = 1 + 137/256, exactly
	 *    the tie between the bf16 values 1 + 68/128 (0x3fc4) and
	 *    1 + 69/128 (0x3fc5); the old result 1.5 * 2^-24 (0x33c0) lies
	 *    0.75 of a single-precision ulp above it.  Truncated, the single
	 *    is the tie and rounds to the even 0x3fc4 (to nearest: one ulp
	 *    above the tie, 0x3fc5).
	 * 2. mac: 2^127 (0x7f00) * 4.0 (0x4080) truncates to FLT_MAX
	 *    (to nearest: infinity); plus the old -(2 - 2^-7) * 2^127
	 *    (0xff7f) gives 2^120 - 2^104, which rounds to the bf16 2^120
	 *    (0x7b80) (to nearest: infinity, 0x7f7f).
	 * 3. mul: the same product alone: FLT_MAX, which the conversion
	 *    makes 0x7f7f as it does infinity. */
	static const struct { unsigned eu; uint16_t a, b, old, want; } cases[] = {
		{ 1, 0x3fc0, 0x3f83, 0x33c0, 0x3fc4 },
		{ 1, 0x7f00, 0x4080, 0xff7f, 0x7b80 },
		{ 0, 0x7f00, 0x4080, 0x0000, 0x7f7f },
	};
	unsigned k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct tiu_desc d;
		struct tiu_kresult r;
		uint8_t *res = lmem + 0x300;

		fill_random();
		lmem[0x100] = (uint8_t)cases[k].a, lmem[0x101] = (uint8_t)(cases[k].a >> 8);
		lmem[0x200] = (uint8_t)cases[k].b, lmem[0x201] = (uint8_t)(cases[k].b >> 8);
		res[0] = (uint8_t)cases[k].old, res[1] = (uint8_t)(cases[k].old >> 8);
		tiu_desc_reset(&d);
		d.cmd_en = 1;
		d.tsk_typ = 3;
		d.tsk_eu_typ = cases[k].eu;
		d.tsk_opd_num = 2;
		d.opd_typ = 1;
		d.opt_res_add = cases[k].eu == 1;
		d.res0_n = d.opd0_n = d.opd1_n = 1;
		d.res0_c = d.opd0_c = d.opd1_c = 1;
		d.res0_h = d.opd0_h = d.opd1_h = 1;
		d.res0_w = d.opd0_w = d.opd1_w = 1;
		d.short_res0_str = d.short_opd0_str = d.short_opd1_str = 3;
		d.res0_n_str = d.res0_c_str = d.res0_h_str = d.res0_w_str = 2;
		d.opd0_n_str = d.opd0_c_str = d.opd0_h_str = d.opd0_w_str = 2;
		d.opd1_n_str = d.opd1_c_str = d.opd1_h_str = d.opd1_w_str = 2;
		d.opt_res0_seg = d.opt_opd0_seg = d.opt_opd1_seg = 1;
		d.opt_res0_sign = d.opt_opd0_sign = d.opt_opd1_sign = 1;
		d.res0_addr = 0x300, d.opd0_addr = 0x100, d.opd1_addr = 0x200;
		tiu_kernel_exec(&d, &kc, &r);
		ck_assert_msg(r.executed == 1 && r.error == 0, "bf16 op %u: not executed", cases[k].eu);
		ck_assert_msg((res[0] | res[1] << 8) == cases[k].want, "bf16 op %u: 0x%04x, expected 0x%04x",
			      cases[k].eu, (unsigned)(res[0] | res[1] << 8), cases[k].want);
	}
}
END_TEST

START_TEST(test_default_strides)
{
	/* stride mode 0: w 1, h w, c align16(h*w), n c_str * ceil(c / 8) */
	/* C = 8 from lane 3 spans two lane rows, yet n_str = c_str * ceil(8 / 8) */
	struct params p = { .eu = REF_TIU_ADD };
	uint32_t N = 2, C = 8, H = 3, W = 5;
	uint32_t cs = 16, ns = 16 * 1;
	struct ref_tiu_opd res = { (3u << 15) | 0x100, ns, cs, W, 1, 0, 0, 1 };
	struct ref_tiu_opd a = { (5u << 15) | 0x2000, ns, cs, W, 1, 0, 0, 1 };
	struct ref_tiu_opd b = { (1u << 15) | 0x5000, ns, cs, W, 1, 0, 0, 1 };
	struct tiu_desc d;

	fill_random();
	make_desc(&d, &p, &res, &a, &b, N, C, H, W);
	d.short_res0_str = d.short_opd0_str = d.short_opd1_str = 0;
	/* descriptor stride fields must be ignored in mode 0 */
	d.res0_c_str = d.opd0_c_str = d.opd1_c_str = 999;
	d.res0_n_str = d.opd0_n_str = d.opd1_n_str = 7;
	struct tiu_kresult r = exec_and_check(&d, &p, &res, &a, &b, N, C, H, W, "default strides");

	ck_assert_msg(r.error == 0 && r.executed == 1, "default strides: error %d executed %d", r.error,
		      r.executed);
}
END_TEST

START_TEST(test_param_strides)
{
	/* stride mode 2: (1, c, 1, 1) with n = ceil(c / 8), c = h = w = 1 */
	struct params p = { .eu = REF_TIU_COPY };
	struct ref_tiu_opd res = { 0x300, 2, 1, 1, 1, 0, 0, 0 };
	struct ref_tiu_opd a = { 0x600, 2, 1, 1, 1, 0, 0, 0 };
	struct tiu_desc d;

	fill_random();
	make_desc(&d, &p, &res, &a, &a, 2, 13, 1, 1);
	d.short_res0_str = d.short_opd0_str = 2;
	d.res0_n_str = d.opd0_n_str = 100;
	struct tiu_kresult r = exec_and_check(&d, &p, &res, &a, &a, 2, 13, 1, 1, "param strides");

	ck_assert_msg(r.error == 0 && r.executed == 1, "param strides: error %d executed %d", r.error,
		      r.executed);
}
END_TEST

START_TEST(test_out_of_range)
{
	/* 0: result runs past the lane end; 1: opd0 starts in lane 8;
	 * 2: mac with 8-bit output whose (read) high plane is past the end;
	 * 3: opd1 past the lane end */
	struct params p = { .eu = _i == 2 ? REF_TIU_MAC : REF_TIU_ADD };
	struct ref_tiu_opd res = { (2u << 15) | (LANE_SZ - 40), 0, 48, 8, 1, 0, 0, 1 };
	struct ref_tiu_opd a = { (1u << 15) | 0x100, 0, 48, 8, 1, 0, 0, 1 };
	struct ref_tiu_opd b = { 0x200, 0, 48, 8, 1, 0, 0, 1 };
	struct tiu_desc d;
	struct tiu_kresult r;

	switch (_i) {
	case 0: break;                  /* res: off + 5*8 + 8 > lane */
	case 1: res.addr = 0x100; a.addr = 8u << 15; break;
	case 2: res.addr = (4u << 15) | (LANE_SZ - 200); res.bs = 180; break;
	default: res.addr = 0x100; b.addr = (1u << 15) | (LANE_SZ - 10); break;
	}
	fill_random();
	make_desc(&d, &p, &res, &a, &b, 1, 6, 6, 8);
	memset(&r, 0xa5, sizeof(r));
	tiu_kernel_exec(&d, &kc, &r);
	ck_assert_msg(r.error == 1, "case %d: error %d", _i, r.error);
	ck_assert_int_eq(r.executed, 0);
	ck_assert(r.cycles > 0);
	ck_assert(memcmp(lmem, olmem, LMEM_SIZE) == 0);
	timing_only_matches(&d, &r, "out of range");     /* the same checks catch it */
}
END_TEST

START_TEST(test_unimplemented)
{
	struct tiu_desc d;
	struct tiu_kresult r;

	fill_random();
	tiu_desc_reset(&d);
	d.cmd_en = 1;
	switch (_i) {
	/* bf16 conv whose weights are not in stride mode 1 */
	case 0: d.tsk_typ = 0; d.opd_typ = 1; d.ps32_md = 2; break;
	case 1: d.tsk_typ = 1; d.tsk_eu_typ = 0; d.ps32_md = 2; break; /* ps32 max pool */
	/* bf16 matmul accumulating into the result (cvikernel forbids it) */
	case 2: d.tsk_typ = 2; d.opd_typ = 1; d.opt_res_add = 1; break;
	case 3: d.tsk_typ = 3; d.tsk_eu_typ = 6; d.opd_typ = 1; break; /* bf16 shift */
	/* bf16 lut whose table (3 x 3) is not 256 entries */
	case 4: d.tsk_typ = 3; d.tsk_eu_typ = 12; d.opd_typ = 1; break;
	case 5: d.tsk_typ = 3; d.tsk_eu_typ = 2; d.opt_chl_quan = 1; break; /* add_qm */
	default: d.tsk_typ = 9; break;                  /* reserved */
	}
	d.res0_n = 1, d.res0_c = 16, d.res0_h = 4, d.res0_w = 16;
	d.opd0_n = 1, d.opd0_c = 16, d.opd0_h = 6, d.opd0_w = 18;
	d.opd1_h = 3, d.opd1_w = 3, d.opd1_n = 16, d.opd1_c = 16;
	memset(&r, 0xa5, sizeof(r));
	tiu_kernel_exec(&d, &kc, &r);
	ck_assert_int_eq(r.executed, 0);
	ck_assert_int_eq(r.error, 0);
	ck_assert(r.cycles > TPU_TIU_DESC_OVERHEAD_CYCLES);
	ck_assert(r.op_name != NULL);
	ck_assert(memcmp(lmem, olmem, LMEM_SIZE) == 0);
}
END_TEST

START_TEST(test_op_names)
{
	struct tiu_desc d;

	tiu_desc_reset(&d);
	d.tsk_typ = 3;
	d.tsk_eu_typ = 2;
	ck_assert_str_eq(tiu_kernel_op_name(&d), "add");
	d.tsk_eu_typ = 1;
	ck_assert_str_eq(tiu_kernel_op_name(&d), "mac");
	d.tsk_typ = 0;
	ck_assert_str_eq(tiu_kernel_op_name(&d), "conv");
	d.tsk_typ = 1;
	d.tsk_eu_typ = 2;
	ck_assert_str_eq(tiu_kernel_op_name(&d), "depthwise_conv");
	d.tsk_typ = 15;
	ck_assert(tiu_kernel_op_name(&d) != NULL);
}
END_TEST

/* ---- cost model spot checks (worked by hand, docs/datapath.md) ---- */

static void eltwise_desc(struct tiu_desc *d, unsigned eu, uint32_t C, uint32_t H, uint32_t W,
			 uint32_t c_str)
{
	tiu_desc_reset(d);
	d->tsk_typ = 3;
	d->tsk_eu_typ = eu;
	d->res0_n = 1, d->res0_c = C, d->res0_h = H, d->res0_w = W;
	d->short_res0_str = 3;
	d->res0_c_str = c_str;
	d->opt_res0_seg = 1;
	d->opt_opd0_seg = 1;
}

START_TEST(test_cost_eltwise)
{
	struct tiu_desc d;

	/* add, 8-bit: tiles 1*ceil(16/8)*ceil(32/16) = 4; 4*5 + 26 + 12 + 32 */
	eltwise_desc(&d, REF_TIU_ADD, 16, 4, 8, 32);
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 90);
	/* start lane 5: ceil(21/8) = 3 lane tiles -> 6 tiles: 30 + 38 + 32 */
	d.res0_addr = 5u << 15;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 100);
	/* mul 8-bit result, c_str 40: (2.5+3)*30/16 = 10.3125; 4 x -> 41 */
	eltwise_desc(&d, REF_TIU_MUL, 16, 4, 8, 40);
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 41 + 38 + 32);
	/* mul 16-bit result: 2.5 + 1 = 3.5; 4 x -> 14 */
	eltwise_desc(&d, REF_TIU_MUL, 16, 4, 8, 32);
	d.opt_res0_seg = 0;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 14 + 38 + 32);
	/* add, 16-bit opd0, scalar opd1: 7 - 0.5 = 6.5; 4 x -> 26 */
	eltwise_desc(&d, REF_TIU_ADD, 16, 4, 8, 32);
	d.opt_opd0_seg = 0;
	d.opt_opd1_const = 1;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 26 + 38 + 32);
	/* mac 8-bit: 9; 4 x -> 36 ; per-channel post 31 */
	eltwise_desc(&d, REF_TIU_MAC, 16, 4, 8, 32);
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 36 + 38 + 32);
	/* bf16 add: EU 8 -> tiles 1*1*ceil(16/8) = 2; 2*5 + 38 + 32 */
	eltwise_desc(&d, REF_TIU_ADD, 8, 2, 8, 32);
	d.opd_typ = 1;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 80);
	/* cv180x (2 lanes): 16 channels -> 8 lane tiles x 2 -> 16 tiles: 80 */
	eltwise_desc(&d, REF_TIU_ADD, 16, 4, 8, 32);
	ck_assert_uint_eq(tiu_kernel_cost(&d, 2), 80 + 38 + 32);
	/* lut: tiles 1*1*4; 4*(1+16+2) + 26 + 12 + 32 */
	eltwise_desc(&d, 12, 8, 4, 16, 64);
	d.opd1_h = 16;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 146);
}
END_TEST

START_TEST(test_cost_conv_pool_matmul)
{
	struct tiu_desc d;

	/* conv 3x3, C_in 4 -> C_out 16, 8x8 output, int8, no bias:
	 * fetch = ceil((15*1/1 + 1)/16) + 1 = 2 <= 4 -> no bubble;
	 * loop = 9*4 + 4 = 40; tiles = 2*4 = 8; 41 + 320 + 12 + 32 */
	tiu_desc_reset(&d);
	d.tsk_typ = 0;
	d.tsk_opd_num = 2;
	d.res0_n = 1, d.res0_c = 16, d.res0_h = 8, d.res0_w = 8;
	d.opd0_c = 4;
	d.opd1_h = 3, d.opd1_w = 3;
	d.conv_op_x_str = 1;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 405);
	/* C_in 1, stride 2: fetch = ceil(31/16) + 1 = 3 > 1 -> bubble 9*2 = 18;
	 * loop = 9 + 18 + 4 = 31; 41 + 8*31 + 12 + 32 */
	d.opd0_c = 1;
	d.conv_op_x_str = 2;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 333);
	/* C_in 4, stride 2, double conv, bias + per-channel: k = 2 -> 9*2 = 18,
	 * bias 0, shift 1 -> 19 (>= 16); 41 + 8*19 + 31 + 32 */
	d.opd0_c = 4;
	d.double_conv = 1;
	d.tsk_opd_num = 3;
	d.opt_chl_quan = 1;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 256);

	/* max pool 2x2 stride 2, 4x4 out, C 8: misc = 31/16 + 15/16 = 2.875;
	 * 1 tile x (4*2.875 + 2) = 13.5 -> 13; + 32 */
	tiu_desc_reset(&d);
	d.tsk_typ = 1;
	d.tsk_eu_typ = 0;
	d.res0_n = 1, d.res0_c = 8, d.res0_h = 4, d.res0_w = 4;
	d.opd1_h = 2, d.opd1_w = 2;
	d.conv_op_x_str = 2;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 45);
	/* avg pool 3x3 stride 1: misc = 16/16 + 15/16 = 1.9375; loop = int(17.4375)
	 * = 17; 1 x (17 + 4) + 12 + 32 */
	d.tsk_eu_typ = 1;
	d.opd1_h = 3, d.opd1_w = 3;
	d.conv_op_x_str = 1;
	d.tsk_opd_num = 2;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 65);
	/* depthwise 3x3 stride 1, OW 4: misc = (4/16)*4 + 15/16 = 1.9375;
	 * loop 17; shift 3 (int8); 1 x (17 + 0 + 3) + 12 + 32 */
	d.tsk_eu_typ = 2;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 64);

	/* matmul: res (4, 2, 1, 16), 32 rows of right, int8, no bias:
	 * 41 + 4*1*1*(32 + 4) + 12 + 32 */
	tiu_desc_reset(&d);
	d.tsk_typ = 2;
	d.tsk_opd_num = 2;
	d.res0_n = 4, d.res0_c = 2, d.res0_h = 1, d.res0_w = 16;
	d.opd1_n = 32;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 229);
	/* with accumulate (+2) and ps32 middle tile (+8): 4 x 46 */
	d.opt_res_add = 1;
	d.ps32_md = 3;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8), 41 + 4 * 46 + 12 + 32);

	/* unknown: default step 4 x 1 tile + 26 + 32 */
	tiu_desc_reset(&d);
	d.tsk_typ = 5;
	d.res0_n = 1, d.res0_c = 8, d.res0_h = 1, d.res0_w = 16;
	ck_assert_uint_eq(tiu_kernel_cost(&d, 8),
			  TPU_TIU_DEFAULT_STEP_CYCLES + TPU_TIU_ELTWISE_CONST_CYCLES +
				  TPU_TIU_DESC_OVERHEAD_CYCLES);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("tiu_kernel");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, fake_mem_free);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_eltwise_int8, 0, 10);
	tcase_add_loop_test(tc, test_eltwise_16bit, 0, 9);
	tcase_add_test(tc, test_scalar_opd1);
	tcase_add_test(tc, test_mac_lshift_16bit_out);
	tcase_add_test(tc, test_bf16_rounds_toward_zero);
	tcase_add_test(tc, test_arith_shift);
	tcase_add_test(tc, test_in_place_add);
	tcase_add_test(tc, test_default_strides);
	tcase_add_test(tc, test_param_strides);
	tcase_add_loop_test(tc, test_out_of_range, 0, 4);
	tcase_add_loop_test(tc, test_unimplemented, 0, 7);
	tcase_add_test(tc, test_op_names);
	tcase_add_test(tc, test_cost_eltwise);
	tcase_add_test(tc, test_cost_conv_pool_matmul);
	suite_add_tcase(s, tc);
	return s;
}
