/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_tdma_kernel.c - unit tests of the TDMA datapath kernel.
 *
 * Every functional result is compared byte for byte, over the whole fake
 * DRAM and the whole LMEM, against the reference of harness/ref (ref_tdma.h),
 * which restates the formulas of docs/datapath.md per element (no kernel
 * internals):
 *   global element (n,c,h,w) at base[sel] + addr + n*ns + c*cs + h*hs + w*es
 *   local element: lane (lane0 + c) % 8,
 *                  offset off0 + ((lane0 + c) / 8)*cs + n*ns + h*hs + w*es
 * Sources are read from a snapshot taken before the run, so the reference
 * has "read everything, then write" semantics.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "fake_mem.h"
#include "rng.h"
#include "ref_tdma.h"
#include "rt_desc.h"
#include "tdma_kernel.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"

#define ST_BUSERR TDMA_INT_MASK_STATUS_VAL_BUSERR
#define ST_DECERR TDMA_INT_MASK_STATUS_VAL_DECERR
#define ST_ZERO   TDMA_INT_MASK_STATUS_VAL_ZERO

static struct tdma_kctx kc;

/* Bases chosen so every select is exercised with different values;
 * base 6 tests the 40-bit wrap (0xFF00000000 + 0x0180000000). */
static const uint64_t bases[8] = {
	0x80000000ull, 0x80010000ull, 0x80020000ull, 0x7FFF0000ull,
	0x80040000ull, 0x80000100ull, 0xFF00000000ull, 0x80080000ull,
};

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
	memset(&kc, 0, sizeof(kc));
	kc.dram.ops = &fake_mem_ops;
	kc.lmem = fake_mem_lmem();
	memcpy(kc.arraybase, bases, sizeof(bases));
	test_rng_seed(&rng, 0x12345678u);
}

/* Random contents everywhere, snapshot, expected := snapshot. */
static void fill_random(void)
{
	fake_mem_fill32(&rng, dram, DRAM_SIZE);
	fake_mem_fill32(&rng, lmem, LMEM_SIZE);
	fake_mem_snap();
}

/* ---- tensor descriptions and the reference ---- */

struct tspec {
	int local;
	uint64_t addr;          /* global: offset from bases[sel]; local: local address */
	unsigned sel;
	uint32_t n, c, h, w;
	uint32_t ns, cs, hs;
};

/* A tspec as the reference addresses it: global tensors at the physical
 * address their base select gives (40-bit wrap). */
static struct ref_tensor ref_of(const struct tspec *t, unsigned es)
{
	struct ref_tensor r = { t->local != 0, t->addr, t->n, t->c, t->h, t->w, t->ns, t->cs, t->hs, es };

	if (!t->local)
		r.addr = (bases[t->sel] + t->addr) & 0xFFFFFFFFFFull;
	return r;
}

/* Element (n, c, h, w) of t in the image: its first byte; all es bytes
 * must lie inside. */
static uint8_t *ref_at(uint8_t *dimg, uint8_t *limg, const struct tspec *t,
		       uint32_t n, uint32_t c, uint32_t h, uint32_t w, unsigned es)
{
	struct ref_mem m = fake_mem_ref(dimg, limg);
	struct ref_tensor r = ref_of(t, es);
	uint8_t *p = ref_byte(&m, &r, n, c, h, w, 0);

	ck_assert_msg(p && ref_byte(&m, &r, n, c, h, w, es - 1), "reference: %s", ref_error());
	return p;
}

/* Expected image := the reference's copy of s (snapshot) into t. */
static void ref_copy(const struct tspec *s, const struct tspec *t, unsigned ses, unsigned des,
		     int sign, int rz)
{
	struct ref_mem from = fake_mem_ref(odram, olmem), to = fake_mem_ref(edram, elmem);
	struct ref_tensor rs = ref_of(s, ses), rt = ref_of(t, des);

	ck_assert_msg(ref_tdma_copy(&from, &to, &rs, &rt, sign, rz) == 0, "reference: %s", ref_error());
}

/* Tensor descriptor for s -> t (dst n = s->n; t->n is ignored), built
 * by the runtime's builder; sfmt, dfmt are element sizes (1 int8, 2 bf16). */
static void make_desc(struct tdma_desc *d, unsigned dir, const struct tspec *s,
		      const struct tspec *t, unsigned sfmt, unsigned dfmt)
{
	struct rt_tensor rs = { s->addr, s->sel, s->n, s->c, s->h, s->w, s->ns, s->cs, s->hs, sfmt };
	struct rt_tensor rt = { t->addr, t->sel, t->n, t->c, t->h, t->w, t->ns, t->cs, t->hs, dfmt };

	rt_tdma_tensor_copy(d, dir, &rs, &rt);
}

static unsigned dir_of(const struct tspec *s, const struct tspec *t)
{
	return s->local ? (t->local ? 3 : 1) : (t->local ? 0 : 2);
}

static void run(const struct tdma_desc *d, struct tdma_kresult *r)
{
	memset(r, 0xa5, sizeof(*r));    /* the kernel must fill every field */
	tdma_kernel_exec(d, &kc, r);
}

/* Runs s -> t with formats and checks against the reference. */
static void run_and_check(const struct tspec *s, const struct tspec *t, unsigned ses,
			  unsigned des, int sign, int rz, const char *tag)
{
	struct tdma_desc d;
	struct tdma_kresult r;

	fill_random();
	make_desc(&d, dir_of(s, t), s, t, ses, des);
	d.int8_sign = sign;
	d.int8_rnd_mode = rz;
	run(&d, &r);
	ck_assert_msg(r.status == 0, "%s: status 0x%x (%s)", tag, r.status, r.what);
	ck_assert_msg(r.executed == 1, "%s: not executed (%s)", tag, r.what);
	ref_copy(s, t, ses, des, sign, rz);
	fake_mem_check(tag);
	/* payload accounting: every side's elements x element size */
	{
		uint64_t sb = (uint64_t)s->n * s->c * s->h * s->w * ses;
		uint64_t db = (uint64_t)t->n * t->c * t->h * t->w * des;
		uint64_t dr = (s->local ? 0 : sb) + (t->local ? 0 : db);
		uint64_t lm = (s->local ? sb : 0) + (t->local ? db : 0);

		ck_assert_msg(r.dram_bytes == dr, "%s: dram_bytes %llu, expected %llu", tag,
			      (unsigned long long)r.dram_bytes, (unsigned long long)dr);
		ck_assert_msg(r.lmem_bytes == lm, "%s: lmem_bytes %llu, expected %llu", tag,
			      (unsigned long long)r.lmem_bytes, (unsigned long long)lm);
		ck_assert(r.dram_bus_bytes >= r.dram_bytes);
		ck_assert(r.dram_bus_bytes % TPU_DRAM_LINE_BYTES == 0);
	}
	/* The same descriptor timing only: the same result and cost, every
	 * DRAM byte still touched (for the memory's checkers), nothing
	 * moved. */
	{
		struct tdma_kresult rt;

		fill_random();
		kc.timing_only = 1;
		run(&d, &rt);
		kc.timing_only = 0;
		ck_assert_msg(rt.status == r.status && rt.dram_bytes == r.dram_bytes &&
				      rt.dram_bus_bytes == r.dram_bus_bytes && rt.lmem_bytes == r.lmem_bytes,
			      "%s: timing only differs: status 0x%x dram %llu bus %llu lmem %llu", tag, rt.status,
			      (unsigned long long)rt.dram_bytes, (unsigned long long)rt.dram_bus_bytes,
			      (unsigned long long)rt.lmem_bytes);
		ck_assert_msg(rt.executed == 0, "%s: timing only claims execution", tag);
		ck_assert_msg(touched_read + touched_write == r.dram_bytes,
			      "%s: timing only touched %llu DRAM bytes, the copy moves %llu", tag,
			      (unsigned long long)(touched_read + touched_write),
			      (unsigned long long)r.dram_bytes);
		ck_assert_msg(n_reads == 0 && n_writes == 0, "%s: timing only moved data", tag);
		fake_mem_check_unchanged(tag);
	}
}

/* ---- layout generators ---- */

static uint32_t align16(uint32_t x)
{
	return (x + 15) & ~15u;
}

/* Local tensor with (possibly padded) strides and a random start that fits. */
static void gen_local(struct tspec *t, uint32_t n, uint32_t c, uint32_t h, uint32_t w,
		      unsigned es, int compact)
{
	uint32_t lane0 = rnd_in(0, LANES - 1), rows, ext, off;

	t->local = 1;
	t->sel = 0;
	t->n = n, t->c = c, t->h = h, t->w = w;
	t->hs = w * es + (compact ? 0 : rnd_in(0, 3) * es);
	t->cs = compact ? align16(h * t->hs) : h * t->hs + rnd_in(0, 20);
	rows = (lane0 + c + LANES - 1) / LANES;
	t->ns = t->cs * ((c + LANES - 1) / LANES) + (compact ? 0 : rnd_in(0, 2) * 16);
	if (t->ns < t->cs * rows && n > 1)
		t->ns = t->cs * rows;
	ext = (uint32_t)((uint64_t)((lane0 + c - 1) / LANES) * t->cs + (uint64_t)(n - 1) * t->ns +
			 (uint64_t)(h - 1) * t->hs + w * es);
	ck_assert_msg(ext <= LANE_SZ, "generator: local tensor too large");
	off = rnd_in(0, LANE_SZ - ext);
	if (compact)
		off &= ~15u;
	t->addr = ((uint64_t)lane0 << 15) | off;
}

/* Global tensor in DRAM, relative to a random base select. */
static void gen_global(struct tspec *t, uint32_t n, uint32_t c, uint32_t h, uint32_t w,
		       unsigned es, int compact)
{
	uint64_t ext, lo, hi, abs_addr;

	t->local = 0;
	t->n = n, t->c = c, t->h = h, t->w = w;
	t->hs = w * es + (compact ? 0 : rnd_in(0, 5) * es);
	t->cs = h * t->hs + (compact ? 0 : rnd_in(0, 9));
	t->ns = c * t->cs + (compact ? 0 : rnd_in(0, 33));
	ext = (uint64_t)(n - 1) * t->ns + (uint64_t)(c - 1) * t->cs + (uint64_t)(h - 1) * t->hs +
	      (uint64_t)w * es;
	ck_assert(ext < DRAM_SIZE / 2);
	lo = DRAM_BASE + 0x1000;
	hi = DRAM_BASE + DRAM_SIZE - ext;
	abs_addr = lo + rnd() % (hi - lo);
	t->sel = rnd_in(0, 7);
	t->addr = (abs_addr - bases[t->sel]) & 0xFFFFFFFFFFull;
}

static void gen_side(struct tspec *t, int local, uint32_t n, uint32_t c, uint32_t h, uint32_t w,
		     unsigned es, int compact)
{
	if (local)
		gen_local(t, n, c, h, w, es, compact);
	else
		gen_global(t, n, c, h, w, es, compact);
}

/* ---- tests ---- */

struct fixed_case {
	const char *name;
	struct tspec s, t;
	unsigned ses, des;      /* element sizes */
	int sign;               /* int8 -> bf16: the source is signed */
};

/* Hand-written layouts: compact, padded, lane wrap, reshape, n stride
 * gaps, broadcasts, zero strides, the lane end, conversions. */
static const struct fixed_case fixed[] = {
	{ "g2l int8 compact 1x16x4x5",
	  { 0, 0x100, 1, 1, 16, 4, 5, 320, 20, 5 },
	  { 1, 0x0040, 0, 1, 16, 4, 5, 64, 32, 5 }, 1, 1, 0 },
	{ "g2l bf16 padded, start lane 5",
	  { 0, 0x2000, 2, 2, 3, 3, 7, 300, 80, 20 },
	  { 1, (5u << 15) | 0x200, 0, 2, 3, 3, 7, 64, 64, 14 }, 2, 2, 0 },
	{ "l2g int8 start lane 3, 11 channels",
	  { 1, (3u << 15) | 0x30, 0, 2, 11, 2, 20, 96, 48, 20 },
	  { 0, 0x4000, 4, 2, 11, 2, 20, 440, 40, 20 }, 1, 1, 0 },
	{ "l2g bf16 reshape 2x4x3x4 -> 2x2x6x4",
	  { 1, (7u << 15) | 0x100, 0, 2, 4, 3, 4, 64, 32, 8 },
	  { 0, 0x800, 5, 2, 2, 6, 4, 200, 96, 16 }, 2, 2, 0 },
	{ "g2g int8 reshape 3x5x2x7 -> 3x7x5x2",
	  { 0, 0x10000, 3, 3, 5, 2, 7, 90, 16, 8 },
	  { 0, 0x20000, 7, 3, 7, 5, 2, 100, 12, 2 }, 1, 1, 0 },
	{ "g2g bf16 padded h stride",
	  { 0, 0x3000, 0, 1, 2, 5, 9, 400, 200, 32 },
	  { 0, 0x6000, 0, 1, 2, 5, 9, 90, 90, 18 }, 2, 2, 0 },
	{ "l2l int8 lane 2 -> lane 6",
	  { 1, (2u << 15) | 0x1000, 0, 2, 9, 3, 6, 64, 32, 6 },
	  { 1, (6u << 15) | 0x40, 0, 2, 9, 3, 6, 100, 20, 6 }, 1, 1, 0 },
	{ "l2l bf16 reshape 1x9x2x8 -> 1x3x6x8",
	  { 1, (1u << 15) | 0x800, 0, 1, 9, 2, 8, 128, 32, 16 },
	  { 1, (4u << 15) | 0x0, 0, 1, 3, 6, 8, 96, 96, 16 }, 2, 2, 0 },
	{ "g2l 40-bit wrap through base 6",
	  { 0, 0x0180001000ull, 6, 1, 4, 2, 16, 128, 32, 16 },
	  { 1, 0x10, 0, 1, 4, 2, 16, 32, 32, 16 }, 1, 1, 0 },
	{ "g2l c stride 0 (broadcast table)",
	  { 0, 0x500, 0, 1, 8, 16, 16, 256, 0, 16 },
	  { 1, 0x100, 0, 1, 8, 16, 16, 256, 256, 16 }, 1, 1, 0 },
	/* c stride 0 on the global source with c > 1 is legal (no ZERO) */
	{ "broadcast with n = 2",
	  { 0, 0x40, 2, 2, 16, 1, 32, 32, 0, 32 },
	  { 1, 0, 0, 2, 16, 1, 32, 64, 32, 32 }, 1, 1, 0 },
	/* h stride 0 with h == 1 and n stride 0 with n == 1 are not errors */
	{ "h = n = 1 with zero strides",
	  { 0, 0x100, 0, 1, 4, 1, 8, 0, 16, 0 },
	  { 1, 0x100, 0, 1, 4, 1, 8, 0, 16, 0 }, 1, 1, 0 },
	/* A zero source h stride with h > 1 reads the same row h times: the
	 * compiler's softmax broadcasts one bf16 value to eight lanes with an
	 * L2L copy (1, 1, 8, 1) h stride 0 -> (1, 8, 1, 1); also G2L int8
	 * with w > 1 and n > 1. */
	{ "L2L bf16 broadcast to 8 lanes",
	  { 1, 0x1240, 0, 1, 1, 8, 1, 16, 16, 0 },
	  { 1, 0x0300, 0, 1, 8, 1, 1, 16, 16, 16 }, 2, 2, 0 },
	{ "G2L int8 rows repeated",
	  { 0, 0x400, 0, 2, 3, 5, 4, 64, 16, 0 },
	  { 1, 0x2100, 0, 2, 3, 5, 4, 32, 32, 4 }, 1, 1, 0 },
	/* the same layout as test_buserr_lmem case 0, one byte lower: fits */
	{ "exact fit at the lane end",
	  { 0, 0x100, 0, 1, 16, 1, 16, 0, 16, 16 },
	  { 1, (7u << 15) | (LANE_SZ - 2 * 1024 - 16), 0, 1, 16, 1, 16, 0, 1024, 16 }, 1, 1, 0 },
	/* G2L and L2L int8 -> bf16, unsigned and signed */
	{ "g2l u8->bf16",
	  { 0, 0x100, 0, 2, 5, 3, 7, 200, 40, 8 },
	  { 1, (2u << 15) | 0x20, 0, 2, 5, 3, 7, 96, 48, 14 }, 1, 2, 0 },
	{ "l2l u8->bf16",
	  { 1, (6u << 15) | 0x400, 0, 1, 4, 16, 16, 256, 256, 16 },
	  { 1, (1u << 15) | 0x2000, 0, 1, 4, 16, 16, 512, 512, 32 }, 1, 2, 0 },
	{ "g2l s8->bf16",
	  { 0, 0x100, 0, 2, 5, 3, 7, 200, 40, 8 },
	  { 1, (2u << 15) | 0x20, 0, 2, 5, 3, 7, 96, 48, 14 }, 1, 2, 1 },
	{ "l2l s8->bf16",
	  { 1, (6u << 15) | 0x400, 0, 1, 4, 16, 16, 256, 256, 16 },
	  { 1, (1u << 15) | 0x2000, 0, 1, 4, 16, 16, 512, 512, 32 }, 1, 2, 1 },
};

START_TEST(test_fixed_layouts)
{
	const struct fixed_case *fc = &fixed[_i];

	run_and_check(&fc->s, &fc->t, fc->ses, fc->des, fc->sign, 0, fc->name);
	ck_assert_uint_gt(g_cases, 0);
}
END_TEST

/* Random layouts for direction _i (0 G2L .. 3 L2L), both element sizes. */
START_TEST(test_random_layouts)
{
	unsigned dir = (unsigned)_i, it;
	char tag[96];

	test_rng_seed(&rng, 0x9e3779b9u + dir * 7919u);
	for (it = 0; it < 60; it++) {
		struct tspec s, t;
		unsigned es = it % 2 ? 2 : 1;
		uint32_t n = rnd_in(1, 3), c = rnd_in(1, 12), h = rnd_in(1, 4), w = rnd_in(1, 10);
		uint32_t tc = c, th = h, tw = w;
		int src_local = dir == 1 || dir == 3, dst_local = dir == 0 || dir == 3;

		switch (rnd() % 4) {      /* destination reshape */
		case 1: th = w, tw = h; break;
		case 2: tc = c * h, th = 1; break;
		case 3: tc = 1, th = c * h; break;
		default: break;
		}
		gen_side(&s, src_local, n, c, h, w, es, it % 3 == 0);
		gen_side(&t, dst_local, n, tc, th, tw, es, it % 5 == 0);
		snprintf(tag, sizeof(tag), "dir %u it %u (%ux%ux%ux%u es %u)", dir, it, n, c, h, w, es);
		run_and_check(&s, &t, es, es, 0, 0, tag);
	}
	ck_assert_uint_gt(g_cases, 0);
}
END_TEST

/* Writes a table of interesting bf16 values into the source, then checks
 * bf16 -> int8 for L2G and L2L, signed/unsigned, both rounding modes. */
START_TEST(test_convert_bf16_to_int8)
{
	static const float vals[] = {
		0.0f, -0.0f, 0.5f, 1.5f, 2.5f, -2.5f, -3.5f, 3.5f, 2.7f, -2.7f, 126.5f, 127.5f,
		-128.5f, 300.0f, -300.0f, 255.5f, 254.5f, -1.0f, 0.25f, -0.75f, 1e30f, -1e30f,
	};
	static const uint16_t specials[] = { 0x7FC0, 0xFFC0, 0x7F80, 0xFF80 };
	const unsigned nv = sizeof(vals) / sizeof(vals[0]) + 4;
	int mode, sign, dir;

	for (dir = 0; dir < 2; dir++)
		for (sign = 0; sign < 2; sign++)
			for (mode = 0; mode < 2; mode++) {
				struct tspec s = { 1, (3u << 15) | 0x100, 0, 1, 2, 1, nv, 128, 64, 64 };
				struct tspec tg = { 0, 0x900, 1, 1, 2, 1, nv, 64, 32, 32 };
				struct tspec tl = { 1, (0u << 15) | 0x40, 0, 1, 2, 1, nv, 32, 32, 32 };
				const struct tspec *t = dir ? &tl : &tg;
				struct tdma_desc d;
				struct tdma_kresult r;
				unsigned i, ch;

				fill_random();
				for (ch = 0; ch < 2; ch++)
					for (i = 0; i < nv; i++) {
						uint8_t *p = ref_at(dram, lmem, &s, 0, ch, 0, i, 2);
						uint16_t b;

						if (i < nv - 4) {
							float f = ch ? -vals[i] : vals[i];
							uint32_t u;

							memcpy(&u, &f, 4);
							b = (uint16_t)(u >> 16);
						} else {
							b = specials[i - (nv - 4)];
						}
						p[0] = (uint8_t)b;
						p[1] = (uint8_t)(b >> 8);
					}
				fake_mem_snap();
				make_desc(&d, dir ? 3 : 1, &s, t, 2, 1);
				d.int8_sign = sign;
				d.int8_rnd_mode = mode;
				run(&d, &r);
				ck_assert_uint_eq(r.status, 0);
				ck_assert_int_eq(r.executed, 1);
				ref_copy(&s, t, 2, 1, sign, mode);
				fake_mem_check("bf16 -> int8");
			}
	/* spot values straight from the rule text */
	ck_assert_uint_eq(ref_bf16_to_int8(0x4020, 1, 0), 2);          /* 2.5 -> 2 (even) */
	ck_assert_uint_eq(ref_bf16_to_int8(0x4060, 1, 0), 4);          /* 3.5 -> 4 */
	ck_assert_uint_eq(ref_bf16_to_int8(0xC020, 1, 1), (uint8_t)-2); /* -2.5 -> -2 toward 0 */
}
END_TEST

/* Byte of the fake memories at a global tspec address (sel 0) or a local one. */
static uint8_t *img_byte(uint8_t *dimg, uint8_t *limg, int local, uint64_t addr)
{
	if (local)
		return limg + (addr >> 15) * LANE_SZ + (addr & 0x7fff);
	return dimg + (bases[0] + addr - DRAM_BASE);
}

START_TEST(test_cw_transpose_by_hand)
{
	/* L2G int8: local (1, 2, 1, 3) = lane 0: 10 11 12, lane 1: 20 21 22
	 * -> global (1, 3, 1, 2) packed = 10 20 11 21 12 22 */
	struct tspec s = { 1, 0x40, 0, 1, 2, 1, 3, 16, 16, 3 };
	struct tspec t = { 0, 0x300, 0, 1, 3, 1, 2, 6, 2, 2 };
	static const uint8_t want[6] = { 10, 20, 11, 21, 12, 22 };
	struct tdma_desc d;
	struct tdma_kresult r;
	unsigned i;

	fill_random();
	for (i = 0; i < 3; i++) {
		*img_byte(dram, lmem, 1, 0x40 + i) = (uint8_t)(10 + i);
		*img_byte(dram, lmem, 1, (1u << 15) + 0x40 + i) = (uint8_t)(20 + i);
	}
	fake_mem_snap();
	make_desc(&d, 1, &s, &t, 1, 1);
	d.spec_func = 1;
	d.transpose_md = 3;
	run(&d, &r);
	ck_assert_msg(r.status == 0 && r.executed == 1, "cw transpose: 0x%x %s", r.status, r.what);
	memcpy(img_byte(edram, elmem, 0, 0x300), want, sizeof(want));
	fake_mem_check("l2g cw transpose by hand");
}
END_TEST

START_TEST(test_chw_rotate_by_hand)
{
	/* G2L, transpose_md 1: the HWC image (h 1, w 2, 3 channels) 1 2 3 4 5 6
	 * in DRAM -> local (1, 3, 1, 2): lane 2: 1 4, lane 3: 2 5, lane 4: 3 6 */
	struct tspec s = { 0, 0x500, 0, 1, 3, 1, 2, 6, 1, 6 };
	struct tspec t = { 1, (2u << 15) | 0x100, 0, 1, 3, 1, 2, 16, 16, 2 };
	static const uint8_t img[6] = { 1, 2, 3, 4, 5, 6 };
	struct tdma_desc d;
	struct tdma_kresult r;
	unsigned ch;

	fill_random();
	memcpy(img_byte(dram, lmem, 0, 0x500), img, sizeof(img));
	fake_mem_snap();
	make_desc(&d, 0, &s, &t, 1, 1);
	d.spec_func = 1;
	d.transpose_md = 1;
	run(&d, &r);
	ck_assert_msg(r.status == 0 && r.executed == 1, "chw rotate: 0x%x %s", r.status, r.what);
	for (ch = 0; ch < 3; ch++) {
		*img_byte(edram, elmem, 1, ((2u + ch) << 15) | 0x100) = (uint8_t)(1 + ch);
		*img_byte(edram, elmem, 1, (((2u + ch) << 15) | 0x100) + 1) = (uint8_t)(4 + ch);
	}
	fake_mem_check("g2l chw rotate by hand");
}
END_TEST

/* The transposes (spec_func 1, transpose_md md) against their element
 * mappings, in every direction, with padded strides, lane wrap and a
 * bf16 -> int8 conversion (signed, to nearest):
 *   md 0, NC: dst (n' = c, c' = n, x) = src (n, c, x), x = h * W + w
 *   md 3, CW: dst (n, c' = w, h, w' = c) = src (n, c, h, w)
 *   md 1, 2, CHW rotate: dst (n, ch, y, x) = the HWC source's pixel
 *     (n, y, x) channel ch: at n*ns + y*hs + (x*C + ch)*es, C = 3 (md 1)
 *     or 4 (md 2); the source's c is C */
static const struct transpose_case {
	const char *name;
	struct tspec s, t;
	unsigned md, ses, des;
} transposes[] = {
	/* G2L int8: src (3, 5, 2, 4) -> dst (5, 3, 1, 8) */
	{ "g2l nc transpose int8",
	  { 0, 0x200, 1, 3, 5, 2, 4, 64, 12, 5 },
	  { 1, (2u << 15) | 0x80, 0, 5, 3, 1, 8, 16, 16, 8 }, 0, 1, 1 },
	/* L2G bf16 -> int8: src (2, 9, 3, 3) local -> dst (9, 2, 3, 3) global */
	{ "l2g nc transpose bf16->int8",
	  { 1, (4u << 15) | 0x400, 0, 2, 9, 3, 3, 64, 32, 6 },
	  { 0, 0x8000, 4, 9, 2, 3, 3, 40, 20, 3 }, 0, 2, 1 },
	/* L2G int8 (3, 5, 4, 7) -> (3, 7, 4, 5) */
	{ "cw transpose case 0",
	  { 1, (6u << 15) | 0x21, 0, 3, 5, 4, 7, 40, 130, 9 },
	  { 0, 0x1003, 2, 3, 7, 4, 5, 200, 27, 6 }, 3, 1, 1 },
	/* L2G bf16 (2, 9, 3, 4) -> (2, 4, 3, 9) */
	{ "cw transpose case 1",
	  { 1, (3u << 15) | 0x100, 0, 2, 9, 3, 4, 32, 64, 8 },
	  { 0, 0x2000, 5, 2, 4, 3, 9, 240, 60, 18 }, 3, 2, 2 },
	/* G2L bf16 -> int8 (1, 2, 2, 17) -> (1, 17, 2, 2) */
	{ "cw transpose case 2",
	  { 0, 0x4000, 1, 1, 2, 2, 17, 0, 80, 36 },
	  { 1, (1u << 15) | 0x200, 0, 1, 17, 2, 2, 16, 8, 2 }, 3, 2, 1 },
	/* G2G int8 (4, 3, 1, 6) -> (4, 6, 1, 3) */
	{ "cw transpose case 3",
	  { 0, 0x100, 0, 4, 3, 1, 6, 18, 6, 6 },
	  { 0, 0x6000, 7, 4, 6, 1, 3, 20, 3, 3 }, 3, 1, 1 },
	/* L2L int8 (2, 8, 2, 3) -> (2, 3, 2, 8) */
	{ "cw transpose case 4",
	  { 1, 0x300, 0, 2, 8, 2, 3, 8, 0, 3 },
	  { 1, (2u << 15) | 0x600, 0, 2, 3, 2, 8, 32, 64, 8 }, 3, 1, 1 },
	/* G2L int8, 4 channels, padded rows and batches, lane wrap */
	{ "chw rotate case 0",
	  { 0, 0x10123, 3, 2, 4, 5, 3, 70, 1, 13 },
	  { 1, (6u << 15) | 0x40, 0, 2, 4, 5, 3, 48, 128, 3 }, 2, 1, 1 },
	/* G2L int8, 3 channels, a cvikernel layout (h stride = c * w) */
	{ "chw rotate case 1",
	  { 0, 0x800, 1, 3, 3, 7, 5, 105, 1, 15 },
	  { 1, 0x80, 0, 3, 3, 7, 5, 48, 48, 5 }, 1, 1, 1 },
	/* G2G bf16, 3 channels */
	{ "chw rotate case 2",
	  { 0, 0x3000, 4, 1, 3, 2, 4, 0, 2, 30 },
	  { 0, 0x5000, 0, 1, 3, 2, 4, 0, 20, 8 }, 1, 2, 2 },
	/* G2L bf16 -> int8, 4 channels */
	{ "chw rotate case 3",
	  { 0, 0x7000, 0, 1, 4, 3, 2, 0, 2, 16 },
	  { 1, (1u << 15) | 0x10, 0, 1, 4, 3, 2, 0, 16, 2 }, 2, 2, 1 },
};

START_TEST(test_transpose)
{
	const struct transpose_case *tc = &transposes[_i];
	const struct tspec *a = &tc->s, *b = &tc->t;
	unsigned ses = tc->ses, des = tc->des;
	/* a rotate's source as rows of w * C elements: (n, h, 1, w * C) */
	struct tspec rows = { 0, a->addr, a->sel, a->n, a->h, 1, a->w * a->c, a->ns, a->hs, 0 };
	struct tdma_desc d;
	struct tdma_kresult r;
	uint32_t n, c, h, w;

	fill_random();
	make_desc(&d, dir_of(a, b), a, b, ses, des);
	d.spec_func = 1;
	d.transpose_md = tc->md;
	d.int8_sign = 1;
	run(&d, &r);
	ck_assert_msg(r.status == 0 && r.executed == 1, "%s: 0x%x %s", tc->name, r.status, r.what);
	for (n = 0; n < a->n; n++)
		for (c = 0; c < a->c; c++)
			for (h = 0; h < a->h; h++)
				for (w = 0; w < a->w; w++) {
					uint32_t x = h * a->w + w;
					const uint8_t *from;
					uint8_t *to;

					if (tc->md == 1 || tc->md == 2) {
						from = ref_at(odram, olmem, &rows, n, h, 0, w * a->c + c, ses);
						to = ref_at(edram, elmem, b, n, c, h, w, des);
					} else if (tc->md == 3) {
						from = ref_at(odram, olmem, a, n, c, h, w, ses);
						to = ref_at(edram, elmem, b, n, w, h, c, des);
					} else {
						from = ref_at(odram, olmem, a, n, c, h, w, ses);
						to = ref_at(edram, elmem, b, c, n, x / b->w, x % b->w, des);
					}
					if (ses == des)
						memcpy(to, from, des);
					else
						to[0] = ref_bf16_to_int8((uint16_t)(from[0] | from[1] << 8), 1, 0);
				}
	fake_mem_check(tc->name);
	ck_assert_uint_eq(g_cases, 1);
}
END_TEST

static void fill_ref(const struct tspec *t, unsigned es, uint16_t v)
{
	struct ref_mem to = fake_mem_ref(edram, elmem);
	struct ref_tensor r = ref_of(t, es);

	ck_assert_msg(ref_tdma_fill(&to, &r, v) == 0, "reference: %s", ref_error());
}

START_TEST(test_constant_fill)
{
	static const struct { struct tspec t; unsigned es; unsigned dir; } cases[] = {
		{ { 1, (5u << 15) | 0x300, 0, 2, 11, 3, 5, 96, 48, 5 }, 1, 0 },   /* G2L int8 */
		{ { 1, (0u << 15) | 0x10, 0, 1, 3, 4, 9, 80, 80, 20 }, 2, 0 },    /* G2L bf16 */
		{ { 0, 0x1000, 2, 2, 4, 3, 6, 300, 70, 20 }, 1, 1 },              /* L2G int8 */
		{ { 0, 0x2000, 5, 1, 3, 2, 10, 200, 64, 24 }, 2, 1 },             /* L2G bf16 */
	};
	unsigned k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct tdma_desc d;
		struct tdma_kresult r;
		struct tspec none = { 0 };
		uint16_t v = cases[k].es == 2 ? 0xBF80 : 0x5A;   /* -1.0 bf16 / 0x5A */

		fill_random();
		none.local = cases[k].dir == 1;
		none.n = cases[k].t.n;
		make_desc(&d, cases[k].dir, &none, &cases[k].t, cases[k].es, cases[k].es);
		d.spec_func = 4;
		d.const_val = v | (cases[k].es == 1 ? 0x3300 : 0);  /* int8 uses the low byte */
		d.src_c = d.src_h = d.src_w = 1;
		run(&d, &r);
		ck_assert_msg(r.status == 0 && r.executed == 1, "fill %u: %s", k, r.what);
		fill_ref(&cases[k].t, cases[k].es, v);
		fake_mem_check("constant fill");
		ck_assert_uint_eq(n_reads, 0);
	}
}
END_TEST

START_TEST(test_general_copy)
{
	/* G2L crossing from lane 0 into lane 1, L2G, G2G, L2L */
	struct gc { unsigned dir; uint64_t src, dst; unsigned ssel, dsel; uint32_t count; } cases[] = {
		{ 0, 0x1234, 0x7ff0, 1, 0, 100 },
		{ 1, (6u << 15) | 0x7f00, 0x5000, 0, 4, 700 },
		{ 2, 0x100, 0x40001, 1, 2, 5000 },
		{ 3, 0x10, (3u << 15) | 0x7ffd, 0, 0, 40000 },
	};
	unsigned k;

	for (k = 0; k < 4; k++) {
		struct tdma_desc d;
		struct tdma_kresult r;
		int sl = cases[k].dir == 1 || cases[k].dir == 3, dl = cases[k].dir == 0 || cases[k].dir == 3;
		struct ref_mem from = fake_mem_ref(odram, olmem), to = fake_mem_ref(edram, elmem);
		uint64_t src, dst;

		fill_random();
		rt_tdma_general_copy(&d, cases[k].dir, cases[k].src, cases[k].ssel, cases[k].dst,
				     cases[k].dsel, cases[k].count);
		run(&d, &r);
		ck_assert_msg(r.status == 0 && r.executed == 1, "general %u: %s", k, r.what);
		/* local: flat addresses; global: physical, through the selects */
		src = sl ? cases[k].src : bases[cases[k].ssel] + cases[k].src;
		dst = dl ? cases[k].dst : bases[cases[k].dsel] + cases[k].dst;
		ck_assert_msg(ref_general_copy(&from, &to, sl, src, dl, dst, cases[k].count) == 0,
			      "reference: %s", ref_error());
		fake_mem_check("general copy");
		ck_assert_uint_eq(r.dram_bytes, (uint64_t)cases[k].count * (!sl + !dl));
		ck_assert_uint_eq(r.lmem_bytes, (uint64_t)cases[k].count * (sl + dl));
	}
}
END_TEST

/* ZERO: every dimension, and the n strides and the destination h stride
 * (a zero source h stride broadcasts: see the fixed layouts);
 * memory must not change. */
START_TEST(test_zero_status)
{
	static const char *const what[] = {
		"src_n", "src_c", "src_h", "src_w", "dst_c", "dst_h", "dst_w",
		"src_n_stride", "dst_h_stride", "dst_n_stride",
		"general count", "fill dst_w", "fill dst_h_stride",
	};
	struct tspec s = { 0, 0x100, 0, 2, 4, 3, 8, 200, 48, 16 };
	struct tspec t = { 1, 0x100, 0, 2, 4, 3, 8, 64, 32, 8 };
	struct tdma_desc d;
	struct tdma_kresult r;
	unsigned k = (unsigned)_i;

	fill_random();
	make_desc(&d, 0, &s, &t, 1, 1);
	switch (k) {
	case 0: d.src_n = 0; break;
	case 1: d.src_c = 0; break;
	case 2: d.src_h = 0; break;
	case 3: d.src_w = 0; break;
	case 4: d.dst_c = 0; break;
	case 5: d.dst_h = 0; break;
	case 6: d.dst_w = 0; break;
	case 7: d.src_n_stride = 0; break;
	case 8: d.dst_h_stride = 0; break;
	case 9: d.dst_n_stride = 0; break;
	case 10: d.trans_fmt = 1; d.src_n_stride = 0; break;
	case 11: d.spec_func = 4; d.dst_w = 0; break;
	case 12: d.spec_func = 4; d.dst_h_stride = 0; break;
	}
	run(&d, &r);
	ck_assert_msg(r.status == ST_ZERO, "%s = 0: status 0x%x (%s)", what[k], r.status, r.what);
	ck_assert_int_eq(r.executed, 0);
	fake_mem_check_unchanged(what[k]);
	ck_assert_uint_eq(n_writes, 0);
}
END_TEST

/* The exponent index mv_lut_idx gives a bf16 value, from its value:
 * floor(log2 |x|) + 63, + 128 when x < 0 (tpu-mlir's bf16_lut_mantissa);
 * 0 for zero and subnormals, and the exponent field 255 read as 2^128
 * for infinities and NaN (docs/datapath.md 2.2, [A]). */
static uint8_t exp_index_of(uint16_t b)
{
	uint32_t u = (uint32_t)b << 16;
	int neg = b >> 15, e;
	float f;

	memcpy(&f, &u, 4);
	if (isinf(f) || isnan(f))
		e = 128;
	else if (fabsf(f) < 0x1p-126f)
		return 0;
	else
		(void)frexpf(f, &e), e -= 1;    /* |f| = m * 2^e, 1 <= m < 2 */
	return (uint8_t)(e + 63 + (neg ? 128 : 0));
}

/* mv_lut_idx on an L2L bf16 copy: each destination element holds the
 * exponent index of its source element in its low byte, 0 in its high
 * byte; every exponent, both signs, zeros, subnormals, infinities, NaN. */
START_TEST(test_mv_lut_idx)
{
	struct tspec s = { 1, 0x200, 0, 1, 8, 2, 16, 512, 64, 32 };
	struct tspec t = { 1, 0x2000, 0, 1, 8, 2, 16, 512, 64, 32 };
	static const uint16_t special[] = { 0x0000, 0x8000, 0x0001, 0x807f, 0x7f80, 0xff80,
					    0x7fc0, 0x3f80, 0xbf80, 0x0080, 0x7f7f };
	struct tdma_desc d;
	struct tdma_kresult r;
	uint32_t c, h, w;

	fill_random();
	for (c = 0; c < 8; c++)
		for (h = 0; h < 2; h++)
			for (w = 0; w < 16; w++) {
				uint32_t i = (c * 2 + h) * 16 + w, off = c * LANE_SZ + 0x200 + h * 32 + w * 2;
				uint16_t v = i < 11 ? special[i] : (uint16_t)(rnd() & 0xffff);
				uint32_t to = c * LANE_SZ + 0x2000 + h * 32 + w * 2;

				if (i >= 11)    /* exponent fields 1..245 (254, 255: specials) */
					v = (uint16_t)((v & 0x807f) | (i - 11 + 1) << 7);
				lmem[off] = olmem[off] = elmem[off] = (uint8_t)v;
				lmem[off + 1] = olmem[off + 1] = elmem[off + 1] = (uint8_t)(v >> 8);
				elmem[to] = exp_index_of(v);
				elmem[to + 1] = 0;
			}
	make_desc(&d, 3, &s, &t, 2, 2);
	d.mv_lut_idx = 1;
	run(&d, &r);
	ck_assert_msg(r.status == 0 && r.executed == 1, "status 0x%x (%s)", r.status, r.what);
	fake_mem_check("mv_lut_idx");
	ck_assert_uint_eq(g_cases, 1);
}
END_TEST

/* DRAM faults, with and without probe: the fault address, counted back
 * from the DRAM end (the first run that fails; without probe on a write
 * somewhere in the range), and memory unchanged: everything when the
 * kernel probes or the failing side is the source (read before any
 * write), else the LMEM source. */
static const struct buserr_case {
	const char *name;
	struct tspec s, t;
	int noprobe;
	uint64_t back_min, back_max;    /* the fault address: the DRAM end minus these */
} buserrs[] = {
	/* G2L, channels of 32 bytes, 64 apart: runs at end-208, -144, -80,
	 * -16; channel 3's run (64 bytes) is the first failure */
	{ "dram read fault without probe",
	  { 0, DRAM_SIZE - 3 * 64 - 16, 0, 1, 4, 1, 32, 0, 64, 32 },
	  { 1, 0x100, 0, 1, 4, 1, 32, 0, 32, 32 }, 1, 16, 16 },
	{ "dram read fault",
	  { 0, DRAM_SIZE - 3 * 64 - 16, 0, 1, 4, 1, 32, 0, 64, 32 },
	  { 1, 0x100, 0, 1, 4, 1, 32, 0, 32, 32 }, 0, 16, 16 },
	/* each n is one contiguous 128-byte run: n = 0 at end - 200 fits,
	 * n = 1 at end - 200 + 192 = end - 8 is the first that fails */
	{ "dram write fault with probe",
	  { 1, 0x100, 0, 2, 4, 2, 16, 128, 32, 16 },
	  { 0, DRAM_SIZE - 200, 0, 2, 4, 2, 16, 192, 32, 16 }, 0, 8, 8 },
	{ "dram write fault without probe",
	  { 1, 0x100, 0, 1, 4, 1, 16, 64, 16, 16 },
	  { 0, DRAM_SIZE - 40, 0, 1, 4, 1, 16, 64, 16, 16 }, 1, 1, 40 },
};

START_TEST(test_buserr_dram)
{
	const struct buserr_case *bc = &buserrs[_i];
	struct tdma_desc d;
	struct tdma_kresult r;

	kc.dram.ops = bc->noprobe ? &fake_mem_ops_noprobe : &fake_mem_ops;
	fill_random();
	make_desc(&d, dir_of(&bc->s, &bc->t), &bc->s, &bc->t, 1, 1);
	run(&d, &r);
	ck_assert_msg(r.status == ST_BUSERR, "%s: status 0x%x (%s)", bc->name, r.status, r.what);
	ck_assert_int_eq(r.executed, 0);
	ck_assert_msg(r.fault_addr >= DRAM_BASE + DRAM_SIZE - bc->back_max &&
			      r.fault_addr <= DRAM_BASE + DRAM_SIZE - bc->back_min,
		      "%s: fault_addr 0x%llx", bc->name, (unsigned long long)r.fault_addr);
	if (bc->noprobe && bc->s.local) {
		ck_assert_msg(memcmp(lmem, olmem, LMEM_SIZE) == 0, "%s: LMEM written", bc->name);
	} else {
		ck_assert_uint_eq(n_writes, 0);
		fake_mem_check_unchanged(bc->name);
	}
}
END_TEST

START_TEST(test_buserr_lmem)
{
	struct tdma_desc d;
	struct tdma_kresult r;
	/* 0: G2L whose last channel row ends 1 byte past the lane
	 * 1: L2G source in lane 8 (does not exist)
	 * 2: general G2L ending past the last lane
	 * 3: fill into LMEM past the lane end */
	unsigned k = (unsigned)_i;
	struct tspec s = { 0, 0x100, 0, 1, 16, 1, 16, 0, 16, 16 };
	struct tspec t = { 1, (7u << 15) | (LANE_SZ - 2 * 1024), 0, 1, 16, 1, 16, 0, 1024, 16 };

	fill_random();
	switch (k) {
	case 0:
		/* 16 channels from lane 7 reach row 2: off + 2*1024 + 16 = lane + 1 */
		t.addr = (7u << 15) | (LANE_SZ - 2 * 1024 - 15);
		make_desc(&d, 0, &s, &t, 1, 1);
		break;
	case 1: {
		struct tspec ls = { 1, 8ull << 15, 0, 1, 1, 1, 16, 0, 16, 16 };
		struct tspec g = { 0, 0x100, 0, 1, 1, 1, 16, 0, 16, 16 };

		make_desc(&d, 1, &ls, &g, 1, 1);
		t = ls;
		break;
	}
	case 2:
		t.addr = (7u << 15) | (LANE_SZ - 10);
		rt_tdma_general_copy(&d, 0, 0, 0, t.addr, 0, 11);
		break;
	default:
		t.addr = (7u << 15) | (LANE_SZ - 2 * 1024 - 15);
		make_desc(&d, 0, &s, &t, 1, 1);
		d.spec_func = 4;
		break;
	}
	run(&d, &r);
	ck_assert_msg(r.status == ST_BUSERR, "case %u: status 0x%x (%s)", k, r.status, r.what);
	ck_assert_int_eq(r.executed, 0);
	ck_assert_uint_eq(r.fault_addr, t.addr);
	fake_mem_check_unchanged("lmem range");
}
END_TEST

START_TEST(test_decerr)
{
	struct tspec s = { 0, 0x100, 0, 1, 4, 2, 8, 64, 16, 8 };
	struct tspec t = { 1, 0x100, 0, 1, 4, 2, 8, 64, 16, 8 };
	struct tdma_desc d;
	struct tdma_kresult r;
	unsigned k = (unsigned)_i;

	fill_random();
	make_desc(&d, 0, &s, &t, 1, 1);
	switch (k) {
	case 0: d.src_fmt = 0; break;
	case 1: d.dst_fmt = 3; break;
	case 2: d.spec_func = 2; break;
	case 3: d.spec_func = 7; break;
	case 4: d.dst_w = 7; break;                        /* element counts differ */
	case 5: d.trans_fmt = 1; d.src_n_stride = 16; d.dst_fmt = 2; break;
	case 6: d.trans_fmt = 1; d.src_n_stride = 16; d.spec_func = 4; break;
	case 7: d.spec_func = 1; d.dst_c = 3; break;       /* NC transpose: dst_c != src_n */
	case 8: d.spec_func = 1; d.transpose_md = 3; break; /* CW: dst_c 4 != src_w 8 */
	case 9: d.spec_func = 1; d.transpose_md = 1; break; /* CHW rotate C=3 of 4 channels */
	case 10: d.spec_func = 1; d.transpose_md = 2; d.dst_w = 7; break; /* rotate: dst_w != src_w */
	}
	run(&d, &r);
	ck_assert_msg(r.status == ST_DECERR, "case %u: status 0x%x (%s)", k, r.status, r.what);
	ck_assert_int_eq(r.executed, 0);
	fake_mem_check_unchanged("decerr");
}
END_TEST

START_TEST(test_timing_only)
{
	struct tspec s = { 0, 0x100, 0, 2, 4, 3, 8, 200, 48, 16 };
	struct tspec t = { 1, 0x100, 0, 2, 4, 3, 8, 128, 32, 8 };
	struct tdma_desc d;
	struct tdma_kresult r;
	unsigned k;

	/* matrix mode, compression and the CHW rotate in the directions no
	 * compiler emits (G2L/L2G matrices, G2L decompression, L2G
	 * compression and G2L/G2G rotates execute: test_transpose and
	 * check_tdma_modes) */
	for (k = 0; k < 4; k++) {
		fill_random();
		make_desc(&d, 0, &s, &t, 1, 1);
		if (k == 0)
			d.sys_dtype = 1, d.trans_dir = 3;
		else if (k == 1)
			d.compress_en = 1, d.trans_dir = 2;
		else if (k == 2)
			d.spec_func = 1, d.transpose_md = 1, d.trans_dir = 1;
		else
			d.spec_func = 1, d.transpose_md = 2, d.trans_dir = 3;
		run(&d, &r);
		ck_assert_msg(r.status == 0, "case %u: status 0x%x", k, r.status);
		ck_assert_int_eq(r.executed, 0);
		ck_assert(r.dram_bytes + r.lmem_bytes > 0);
		ck_assert(r.what != NULL);
		fake_mem_check_unchanged("timing only");
	}
}
END_TEST

START_TEST(test_dram_accounting)
{
	struct tdma_desc d;
	struct tdma_kresult r;
	/* compact 1x16x4x5 int8 at a 16-aligned address: one 320-byte run */
	struct tspec s = { 0, 0x100, 0, 1, 16, 4, 5, 320, 20, 5 };
	struct tspec t = { 1, 0x40, 0, 1, 16, 4, 5, 64, 32, 5 };
	/* padded rows: 2 channels x 3 rows of 7 bytes, h stride 20 from 0x1008 */
	struct tspec p = { 0, 0x1008, 0, 1, 2, 3, 7, 0, 60, 20 };
	struct tspec pt = { 1, 0x40, 0, 1, 2, 3, 7, 0, 32, 7 };
	uint64_t bus = 0;
	unsigned c, h;

	fill_random();
	make_desc(&d, 0, &s, &t, 1, 1);
	run(&d, &r);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.dram_bytes, 320);
	ck_assert_uint_eq(r.dram_bus_bytes, 320);
	ck_assert_uint_eq(r.lmem_bytes, 320);
	ck_assert_uint_eq(n_reads, 1);          /* one callback for the contiguous tensor */

	fill_random();
	make_desc(&d, 0, &p, &pt, 1, 1);
	run(&d, &r);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.dram_bytes, 42);
	/* each 7-byte row is one burst, charged every 64-byte line it touches
	 * (here one each) */
	for (c = 0; c < 2; c++)
		for (h = 0; h < 3; h++) {
			uint64_t a = 0x1008 + c * 60 + h * 20;

			bus += ((a + 7 + 63) / 64) * 64 - a / 64 * 64;
		}
	ck_assert_uint_eq(bus, 6 * 64);
	ck_assert_uint_eq(r.dram_bus_bytes, bus);
	ck_assert_uint_eq(n_reads, 6);          /* one callback per row */
}
END_TEST

/* The burst rule of silicon-timing 3.2: bursts of at most 256 bytes from
 * the start rounded down to 16, cut at 4 KiB, each charged every 64-byte
 * line it touches. */
START_TEST(test_dram_bursts)
{
	struct tdma_desc d;
	struct tdma_kresult r;
	/* 300 bytes at 0xFF0: bursts [0xFF0, 0x1000) [0x1000, 0x1100)
	 * [0x1100, 0x111C): 1 + 4 + 1 lines */
	struct tspec x = { 0, 0xFF0, 0, 1, 1, 1, 300, 300, 300, 300 };
	struct tspec xt = { 1, 0, 0, 1, 1, 1, 300, 304, 304, 300 };
	/* 512 bytes at 0x2010: bursts [0x2010, 0x2110) [0x2110, 0x2210), each
	 * across 5 lines */
	struct tspec y = { 0, 0x2010, 0, 1, 1, 1, 512, 512, 512, 512 };
	struct tspec yt = { 1, 0, 0, 1, 1, 1, 512, 512, 512, 512 };

	fill_random();
	make_desc(&d, 0, &x, &xt, 1, 1);
	run(&d, &r);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.dram_bytes, 300);
	ck_assert_uint_eq(r.dram_bus_bytes, 6 * 64);
	make_desc(&d, 0, &y, &yt, 1, 1);
	run(&d, &r);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.dram_bus_bytes, 10 * 64);
}
END_TEST

START_TEST(test_cost_ps)
{
	struct tdma_kresult r;
	double over = TPU_TDMA_DESC_OVERHEAD_CYCLES * 1e12 / 500e6;
	uint64_t ov = (uint64_t)(over + 0.5);

	ck_assert_uint_eq(TPU_TDMA_DESC_OVERHEAD_CYCLES, 100);   /* the figures below */
	ck_assert(TPU_DRAM_PEAK_BYTES_PER_S == 7544000000.0 && TPU_DRAM_EFFICIENCY == 0.60);
	memset(&r, 0, sizeof(r));
	r.dram_bytes = r.dram_bus_bytes = 4526400;      /* 7.544e9 * 0.60 * 1 ms */
	r.lmem_bytes = 1600;
	ck_assert_uint_eq(tdma_kernel_cost_ps(&r, 500e6, 0), 200000 + 1000000000ull);
	memset(&r, 0, sizeof(r));
	r.lmem_bytes = 1600;                            /* 100 cycles x 2000 ps */
	ck_assert_uint_eq(tdma_kernel_cost_ps(&r, 500e6, 0), ov + 200000);
	r.lmem_bytes = 1601;                            /* rounds up to 101 cycles */
	ck_assert_uint_eq(tdma_kernel_cost_ps(&r, 500e6, 0), ov + 202000);
	memset(&r, 0, sizeof(r));
	ck_assert_uint_eq(tdma_kernel_cost_ps(&r, 700e6, 0), (uint64_t)(100.0 * 1e12 / 700e6 + 0.5));
	/* half the bandwidth (slow DRAM) doubles the DRAM term */
	r.dram_bytes = r.dram_bus_bytes = 4526400;
	ck_assert_uint_eq(tdma_kernel_cost_ps(&r, 500e6, 7.544e9 * 0.60 / 2), 200000 + 2000000000ull);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("tdma_kernel");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, fake_mem_free);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_fixed_layouts, 0, (int)(sizeof(fixed) / sizeof(fixed[0])));
	tcase_add_loop_test(tc, test_random_layouts, 0, 4);
	tcase_add_test(tc, test_convert_bf16_to_int8);
	tcase_add_test(tc, test_cw_transpose_by_hand);
	tcase_add_test(tc, test_chw_rotate_by_hand);
	tcase_add_loop_test(tc, test_transpose, 0, (int)(sizeof(transposes) / sizeof(transposes[0])));
	tcase_add_test(tc, test_constant_fill);
	tcase_add_test(tc, test_general_copy);
	tcase_add_loop_test(tc, test_zero_status, 0, 13);
	tcase_add_test(tc, test_mv_lut_idx);
	tcase_add_loop_test(tc, test_buserr_dram, 0, (int)(sizeof(buserrs) / sizeof(buserrs[0])));
	tcase_add_loop_test(tc, test_buserr_lmem, 0, 4);
	tcase_add_loop_test(tc, test_decerr, 0, 11);
	tcase_add_test(tc, test_timing_only);
	tcase_add_test(tc, test_dram_accounting);
	tcase_add_test(tc, test_dram_bursts);
	tcase_add_test(tc, test_cost_ps);
	suite_add_tcase(s, tc);
	return s;
}
