/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_rt_cmdbuf.c - unit tests of the command-buffer builder and the
 * dmabuf image (harness/runtime/rt_cmdbuf.h).
 *
 * Expected values come from the layout rules of driver-reference 4 and the
 * id rules of hardware-reference 4.3, written out here (offsets as
 * ALIGN(...) arithmetic, ids as literal sequences); the image is read back
 * as little-endian bytes, TDMA slots with the generated tdma_desc_unpack
 * and TIU slots with tiu_desc_from_stored + tiu_desc_unpack.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "rt_cmdbuf.h"
#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"
#include "tpu/tiu_reorder.h"

#define ALIGN(x, a) (((x) + (a) - 1) / (a) * (a))
#define PADDR       0x87654000ull
#define HDR         128u
#define CPU         224u
#define TIU_SZ      112u
#define TDMA_SZ     64u

static uint32_t rd32(const uint8_t *p, size_t off)
{
	return (uint32_t)p[off] | (uint32_t)p[off + 1] << 8 | (uint32_t)p[off + 2] << 16 |
	       (uint32_t)p[off + 3] << 24;
}

static uint16_t rd16(const uint8_t *p, size_t off)
{
	return (uint16_t)(p[off] | p[off + 1] << 8);
}

static int all_zero(const uint8_t *p, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Segment-table entry fields (cvi_cpu_sync_desc_t). */
static uint32_t seg_word(const uint8_t *img, unsigned seg, unsigned word)
{
	return rd32(img, HDR + seg * CPU + 4 * word);
}
enum { S_OP, S_NTIU, S_NTDMA, S_OFFTIU, S_OFFTDMA, S_TIU_ORI, S_TDMA_ORI };

/* Segment seg's whole table entry: a sync op (2) over ntiu TIU descriptors
 * at tiu_ori and ntdma TDMA ones at tdma_ori, relocated to PADDR in 256-
 * and 64-byte units; an engine with nothing in the segment has offset and
 * origin 0. */
static void check_seg(const uint8_t *img, unsigned seg, uint32_t ntiu, uint32_t tiu_ori,
		      uint32_t ntdma, uint32_t tdma_ori)
{
	static const char *const name[] = { "op", "ntiu", "ntdma", "offset_tiu", "offset_tdma",
					    "tiu_ori", "tdma_ori" };
	const uint32_t want[] = {
		2, ntiu, ntdma,
		ntiu ? (uint32_t)((PADDR + tiu_ori) >> 8) : 0,
		ntdma ? (uint32_t)((PADDR + tdma_ori) >> 6) : 0,
		ntiu ? tiu_ori : 0,
		ntdma ? tdma_ori : 0,
	};
	unsigned w;

	for (w = S_OP; w <= S_TDMA_ORI; w++)
		ck_assert_msg(seg_word(img, seg, w) == want[w], "segment %u %s: %u, want %u", seg,
			      name[w], seg_word(img, seg, w), want[w]);
}

/* The test's command buffer, and the images build() made of it: the
 * fixture creates the one and frees them all. */
static struct rt_cmdbuf *cb;
static uint8_t *imgs[4];
static unsigned nimgs;

static void mk_tdma(struct tdma_desc *d, unsigned i)
{
	tdma_desc_reset(d);
	d->vld = 1;
	d->trans_dir = TDMA_DESC_TRANS_DIR_G2L;
	d->src_base_addr_low = 0x1000u + i;
	d->dst_base_addr_low = 0x40u * (i & 0xFF);
	d->layer_id = i & 0xFFFF;
	d->cmd_id = 0x5555;        /* must be overwritten */
	d->wait_id_tpu = 0x6666;   /* must be overwritten */
}

static void mk_tiu(struct tiu_desc *d, unsigned i)
{
	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->tsk_typ = 3;
	d->tsk_eu_typ = 2;
	d->res0_addr = 0x100u + i;
	d->opd0_addr = 0x2345;
	d->quan_m = 0xDEADBEEFu;
	d->layer_info = i & 0xFFFF;
	d->cmd_id_tpu = 0x7777;    /* must be overwritten */
	d->cmd_id_gdma = 0x7777;
}

static int add_tdma(unsigned i)
{
	struct tdma_desc d;

	mk_tdma(&d, i);
	return rt_cmdbuf_tdma(cb, &d);
}

static int add_tiu(unsigned i)
{
	struct tiu_desc d;

	mk_tiu(&d, i);
	return rt_cmdbuf_tiu(cb, &d);
}

/* Appends in program order: 'T' a TIU, 'D' a TDMA (each engine's k-th
 * from mk_tiu / mk_tdma with k), '|' a sync. */
static void add_seq(const char *seq)
{
	unsigned ti = 0, di = 0;

	for (; *seq; seq++)
		if (*seq == 'T')
			add_tiu(ti++);
		else if (*seq == 'D')
			add_tdma(di++);
		else
			ck_assert_int_eq(rt_cmdbuf_sync(cb), 0);
}

/* The image of cb built with opts at PADDR; the fixture frees it. */
static uint8_t *build(const struct rt_build_opts *opts, long *size)
{
	long sz = rt_dmabuf_size_opts(cb, opts);
	uint8_t *img;
	long r;

	ck_assert_int_gt(sz, 0);
	ck_assert_uint_lt(nimgs, sizeof(imgs) / sizeof(imgs[0]));
	img = malloc((size_t)sz);
	ck_assert_ptr_nonnull(img);
	imgs[nimgs++] = img;
	memset(img, 0xAB, (size_t)sz);
	r = rt_dmabuf_build_opts(cb, PADDR, NULL, opts, img, (size_t)sz);
	ck_assert_int_eq(r, sz);
	*size = sz;
	return img;
}

static void setup(void)
{
	cb = rt_cmdbuf_create();
	ck_assert_ptr_nonnull(cb);
}

/* The deliberately broken builds all start from one TIU/TDMA stream. */
static void setup_flags(void)
{
	setup();
	add_seq("TDTD");
}

static void teardown(void)
{
	while (nimgs)
		free(imgs[--nimgs]);
	rt_cmdbuf_destroy(cb);
}

static void tdma_at(const uint8_t *img, size_t off, struct tdma_desc *d)
{
	tdma_desc_unpack(d, img + off);
}

static void tiu_at(const uint8_t *img, size_t off, struct tiu_desc *d)
{
	uint8_t canon[TIU_SZ];

	ck_assert_int_eq(tiu_desc_from_stored(img + off, canon), 0);
	tiu_desc_unpack(d, canon);
}

/* ---- layout ------------------------------------------------------------- */

START_TEST(test_layout_one_segment)
{
	const uint64_t ab[8] = { 0x80000000u, 0x81000000u, 0x82000000u, 0x83000000u,
				 0, 0x12345678u, 0, 0x8F000000u };
	/* 1 segment: table 128..352, TIU area at ALIGN(352, 256) = 512; three
	 * TIU (336 B) + 128 zero bytes end at 976 -> TDMA area at 1024. */
	const uint32_t tiu_off = ALIGN(HDR + CPU * 1, 256);
	const uint32_t tiu_end = tiu_off + 3 * TIU_SZ;
	const uint32_t tdma_off = ALIGN(tiu_end + 128, 256);
	const uint32_t size = tdma_off + 2 * TDMA_SZ;
	uint8_t *img;
	unsigned k;
	long r;

	ck_assert_uint_eq(tiu_off, 512);
	ck_assert_uint_eq(tdma_off, 1024);
	add_seq("DTTDT");
	ck_assert_int_eq(rt_dmabuf_size(cb), size);

	img = malloc(size + 64);
	memset(img, 0xAA, size + 64);
	r = rt_dmabuf_build(cb, PADDR, ab, img, size + 64);
	ck_assert_int_eq(r, size);

	/* header */
	ck_assert_uint_eq(rd16(img, 0), 0xB5B5);
	ck_assert_uint_eq(rd16(img, 2), 0x1822);
	ck_assert_uint_eq(rd32(img, 4), size);
	ck_assert_uint_eq(rd32(img, 8), 1);          /* cpu_desc_count */
	ck_assert_uint_eq(rd32(img, 12), 3);         /* bd_desc_count */
	ck_assert_uint_eq(rd32(img, 16), 2);         /* tdma_desc_count */
	ck_assert_uint_eq(rd32(img, 20), 0);         /* tpu_clk_rate */
	ck_assert_uint_eq(rd32(img, 24), 0);         /* pmubuf_size */
	ck_assert_uint_eq(rd32(img, 28), size);      /* pmubuf_offset = dmabuf_size */
	for (k = 0; k < 8; k++) {
		ck_assert_uint_eq(rd32(img, 32 + 8 * k), (uint32_t)ab[k]);
		ck_assert_uint_eq(rd32(img, 36 + 8 * k), 0);
	}
	ck_assert(all_zero(img, 96, 128));

	/* segment table */
	check_seg(img, 0, 3, tiu_off, 2, tdma_off);
	ck_assert_uint_eq(seg_word(img, 0, S_OFFTIU), 0x876542u);
	ck_assert_uint_eq(seg_word(img, 0, S_OFFTDMA), 0x21D9510u);
	ck_assert_str_eq((const char *)img + HDR + 28, "layer_end");
	ck_assert(all_zero(img, HDR + 28 + sizeof("layer_end"), HDR + CPU));

	/* alignment gap, padding after the last TIU, alignment before TDMA */
	ck_assert(all_zero(img, HDR + CPU, tiu_off));
	ck_assert(all_zero(img, tiu_end, tdma_off));
	for (k = 0; k < 3; k++) {
		struct tiu_desc d;

		tiu_at(img, tiu_off + k * TIU_SZ, &d);
		ck_assert_uint_eq(d.res0_addr, 0x100u + k);
		ck_assert_uint_eq(d.cmd_id_tpu, k + 1);
	}
	for (k = 0; k < 2; k++) {
		struct tdma_desc d;

		tdma_at(img, tdma_off + k * TDMA_SZ, &d);
		ck_assert_uint_eq(d.src_base_addr_low, 0x1000u + k);
		ck_assert_uint_eq(d.cmd_id, k + 1);
	}
	/* nothing written past the image */
	for (k = 0; k < 64; k++)
		ck_assert_uint_eq(img[size + k], 0xAA);

	free(img);
}
END_TEST

START_TEST(test_layout_two_tiu_segments)
{
	/* 2 segments: table ends at 128 + 448 = 576 -> TIU at 768.
	 * seg0: 3 TIU = 336 + 128 = 464 -> next block at 768 + 512 = 1280;
	 * seg1: 2 TIU = 224 + 128 = 352 -> area ends at 1280 + 512 = 1792. */
	const uint32_t t0 = ALIGN(HDR + 2 * CPU, 256);
	const uint32_t t1 = ALIGN(t0 + 3 * TIU_SZ + 128, 256);
	const uint32_t td = ALIGN(t1 + 2 * TIU_SZ + 128, 256);
	struct tiu_desc d;
	uint8_t *img;
	long size;

	ck_assert_uint_eq(t0, 768);
	ck_assert_uint_eq(t1, 1280);
	ck_assert_uint_eq(td, 1792);
	add_seq("TTTD|TT");
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 2);
	img = build(NULL, &size);
	ck_assert_int_eq(size, td + 1 * TDMA_SZ);

	ck_assert_uint_eq(rd32(img, 8), 2);
	check_seg(img, 0, 3, t0, 1, td);
	check_seg(img, 1, 2, t1, 0, 0);         /* no TDMA: num 0, offset 0, ori 0 */
	ck_assert(all_zero(img, t0 + 3 * TIU_SZ, t1));
	ck_assert(all_zero(img, t1 + 2 * TIU_SZ, td));
	tiu_at(img, t1, &d);
	ck_assert_uint_eq(d.res0_addr, 0x103);
	ck_assert_uint_eq(d.cmd_id_tpu, 1);
}
END_TEST

START_TEST(test_one_engine_segments)
{
	/* seg0: TIU only, seg1: TDMA only, seg2: empty (explicit sync). */
	const uint32_t t0 = ALIGN(HDR + 3 * CPU, 256);
	const uint32_t td = ALIGN(t0 + TIU_SZ + 128, 256);
	uint8_t *img;
	long size;

	add_seq("T|D||");
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 3);
	img = build(NULL, &size);
	ck_assert_int_eq(size, td + TDMA_SZ);
	ck_assert_uint_eq(rd32(img, 8), 3);
	check_seg(img, 0, 1, t0, 0, 0);
	check_seg(img, 1, 0, 0, 1, td);
	check_seg(img, 2, 0, 0, 0, 0);
	ck_assert_str_eq((const char *)img + HDR + 2 * CPU + 28, "layer_end");
}
END_TEST

START_TEST(test_empty_cmdbuf)
{
	uint8_t img[512];

	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 0);
	ck_assert_int_eq(rt_dmabuf_size(cb), ALIGN(HDR, 256));
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR, NULL, img, sizeof(img)), 256);
	ck_assert_uint_eq(rd16(img, 0), 0xB5B5);
	ck_assert_uint_eq(rd32(img, 4), 256);
	ck_assert_uint_eq(rd32(img, 8), 0);
	ck_assert(all_zero(img, HDR, 256));
}
END_TEST

/* ---- sync ids ----------------------------------------------------------- */

/* A program step and what it must get: 'D' a TDMA and 'T' a TIU with their
 * id and wait, or '(' and ')' switching parallel mode on and off. */
struct exp_id {
	char eng;
	uint32_t id, wait;
};

/* Appends the program of e (the k-th entry from mk_tiu / mk_tdma with k),
 * each descriptor returning its expected id, then reads the ids and waits
 * back from the image of its 1-segment build.  Returns how many
 * descriptors there have another id or wait than e says (each printed),
 * which the test asserts is none. */
static size_t check_ids(const struct exp_id *e, size_t n)
{
	uint32_t ntiu = 0, ntdma = 0, tiu_off, tdma_off;
	uint8_t *img;
	long size;
	size_t i, ti = 0, di = 0, wrong = 0;

	for (i = 0; i < n; i++) {
		if (e[i].eng == '(' || e[i].eng == ')') {
			ck_assert_int_eq(rt_cmdbuf_parallel(cb, e[i].eng == '('), 0);
			continue;
		}
		*(e[i].eng == 'T' ? &ntiu : &ntdma) += 1;
		ck_assert_msg((e[i].eng == 'T' ? add_tiu((unsigned)i) : add_tdma((unsigned)i)) ==
			      (int)e[i].id, "desc %zu: not given id %u", i, e[i].id);
	}
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 1);
	img = build(NULL, &size);
	tiu_off = ALIGN(HDR + CPU, 256);
	tdma_off = ntiu ? ALIGN(tiu_off + ntiu * TIU_SZ + 128, 256) : tiu_off;
	check_seg(img, 0, ntiu, tiu_off, ntdma, tdma_off);
	for (i = 0; i < n; i++) {
		uint32_t id, wait;

		if (e[i].eng == 'T') {
			struct tiu_desc d;

			tiu_at(img, tiu_off + ti++ * TIU_SZ, &d);
			id = d.cmd_id_tpu, wait = d.cmd_id_gdma;
			ck_assert_uint_eq(d.cmd_id_en, 1);
		} else if (e[i].eng == 'D') {
			struct tdma_desc d;

			tdma_at(img, tdma_off + di++ * TDMA_SZ, &d);
			id = d.cmd_id, wait = d.wait_id_tpu;
			ck_assert_uint_eq(d.bar_en, 1);
		} else {
			continue;
		}
		if (id != e[i].id || wait != e[i].wait) {
			fprintf(stderr, "desc %zu (%c): id %u wait %u, want id %u wait %u\n", i, e[i].eng,
				id, wait, e[i].id, e[i].wait);
			wrong++;
		}
	}
	return wrong;
}

START_TEST(test_ids_serial)
{
	static const struct exp_id e[] = {
		{ 'D', 1, 0 }, { 'D', 2, 0 },   /* no TIU yet */
		{ 'T', 1, 2 }, { 'T', 2, 2 },   /* latest TDMA is 2 */
		{ 'D', 3, 2 },                  /* latest TIU is 2 */
		{ 'T', 3, 3 },
		{ 'T', 4, 3 },
		{ 'D', 4, 4 },
	};

	ck_assert_uint_eq(check_ids(e, sizeof(e) / sizeof(e[0])), 0);

	/* introspection returns the same assignment, before patching */
	{
		struct tdma_desc d;
		struct tiu_desc t;

		ck_assert_int_eq(rt_cmdbuf_get_tdma(cb, 2, &d), 0);
		ck_assert_uint_eq(d.cmd_id, 3);
		ck_assert_uint_eq(d.wait_id_tpu, 2);
		ck_assert_uint_eq(d.eod, 0);
		ck_assert_int_eq(rt_cmdbuf_get_tiu(cb, 1, &t), 0);
		ck_assert_uint_eq(t.cmd_id_tpu, 2);
		ck_assert_uint_eq(t.cmd_id_gdma, 2);
		ck_assert_int_eq(rt_cmdbuf_get_tiu(cb, 4, &t), -EINVAL);
	}
}
END_TEST

START_TEST(test_ids_parallel)
{
	static const struct exp_id e[] = {
		{ 'D', 1, 0 }, { 'T', 1, 1 },
		/* parallel block: waits only for what came before it */
		{ '(', 0, 0 }, { 'D', 2, 1 }, { 'T', 2, 1 },
		{ '(', 0, 0 },        /* repeating the mode is a no-op */
		{ 'D', 3, 1 }, { 'T', 3, 1 },
		/* serial again: the latest, including the block */
		{ ')', 0, 0 }, { 'D', 4, 3 }, { 'T', 4, 4 },
	};

	ck_assert_uint_eq(check_ids(e, sizeof(e) / sizeof(e[0])), 0);
}
END_TEST

START_TEST(test_ids_parallel_at_start)
{
	static const struct exp_id e[] = {
		{ ')', 0, 0 },        /* already serial: no-op */
		{ '(', 0, 0 }, { 'T', 1, 0 }, { 'D', 1, 0 }, { 'T', 2, 0 },  /* nothing before the block */
		{ ')', 0, 0 }, { 'D', 2, 2 }, { 'T', 3, 2 },
	};

	ck_assert_uint_eq(check_ids(e, sizeof(e) / sizeof(e[0])), 0);
}
END_TEST

START_TEST(test_tdma_wait_inheritance)
{
	struct tdma_desc d;

	/* segment 0: a run of TDMA after one TIU keeps waiting for it */
	add_tiu(0);
	add_tdma(0);
	add_tdma(1);
	add_tdma(2);
	rt_cmdbuf_get_tdma(cb, 1, &d);
	ck_assert_uint_eq(d.wait_id_tpu, 1);
	rt_cmdbuf_get_tdma(cb, 2, &d);
	ck_assert_uint_eq(d.wait_id_tpu, 1);
	rt_cmdbuf_sync(cb);

	/* segment 1: nothing is inherited across the break */
	add_tdma(3);
	rt_cmdbuf_get_tdma(cb, 3, &d);
	ck_assert_uint_eq(d.cmd_id, 1);
	ck_assert_uint_eq(d.wait_id_tpu, 0);
	add_tiu(1);
	add_tdma(4);
	add_tdma(5);
	rt_cmdbuf_get_tdma(cb, 5, &d);
	ck_assert_uint_eq(d.wait_id_tpu, 1);

	/* a parallel block that straddles a break: the pre-block TIU is in
	 * the previous segment, so no wait and nothing to inherit */
	rt_cmdbuf_parallel(cb, true);
	rt_cmdbuf_sync(cb);
	add_tdma(6);
	add_tiu(2);
	add_tdma(7);
	rt_cmdbuf_get_tdma(cb, 6, &d);
	ck_assert_uint_eq(d.cmd_id, 1);
	ck_assert_uint_eq(d.wait_id_tpu, 0);
	rt_cmdbuf_get_tdma(cb, 7, &d);
	ck_assert_uint_eq(d.cmd_id, 2);
	ck_assert_uint_eq(d.wait_id_tpu, 0);
	{
		struct tiu_desc t;

		rt_cmdbuf_get_tiu(cb, 2, &t);
		ck_assert_uint_eq(t.cmd_id_tpu, 1);
		ck_assert_uint_eq(t.cmd_id_gdma, 0);
	}
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 3);
}
END_TEST

/* ---- patching ----------------------------------------------------------- */

START_TEST(test_last_descriptor_patching)
{
	/* seg0: T T D D | seg1: D T D */
	const uint32_t t0 = ALIGN(HDR + 2 * CPU, 256);
	const uint32_t t1 = ALIGN(t0 + 2 * TIU_SZ + 128, 256);
	const uint32_t td = ALIGN(t1 + 1 * TIU_SZ + 128, 256);
	static const int tiu_last[3] = { 0, 1, 1 };
	static const int tdma_last[4] = { 0, 1, 0, 1 };
	uint8_t *img;
	long size;
	unsigned i;

	add_seq("TTDD|DTD");
	img = build(NULL, &size);
	ck_assert_int_eq(size, td + 4 * TDMA_SZ);

	for (i = 0; i < 3; i++) {
		struct tiu_desc d;

		tiu_at(img, i < 2 ? t0 + i * TIU_SZ : t1, &d);
		ck_assert_uint_eq(d.cmd_end, tiu_last[i]);
		ck_assert_uint_eq(d.cmd_intr_en, tiu_last[i]);
		ck_assert_uint_eq(d.cmd_en, 1);
		ck_assert_uint_eq(d.cmd_id_en, 1);
	}
	for (i = 0; i < 4; i++) {
		struct tdma_desc d;
		uint32_t w0 = rd32(img, td + i * TDMA_SZ);

		tdma_at(img, td + i * TDMA_SZ, &d);
		ck_assert_uint_eq(d.eod, tdma_last[i]);
		ck_assert_uint_eq(d.intp_en, tdma_last[i]);
		ck_assert_uint_eq(d.bar_en, 1);
		ck_assert_uint_eq(d.vld, 1);
		/* word 0 bits: 2 eod, 3 intp_en, 4 bar_en */
		ck_assert_uint_eq((w0 >> 2) & 1, tdma_last[i]);
		ck_assert_uint_eq((w0 >> 3) & 1, tdma_last[i]);
		ck_assert_uint_eq((w0 >> 4) & 1, 1);
	}
}
END_TEST

START_TEST(test_tiu_stored_form)
{
	const uint32_t t0 = ALIGN(HDR + CPU, 256);
	struct tiu_desc in[2], exp[2];
	uint8_t *img;
	long size;
	unsigned i, k;

	for (i = 0; i < 2; i++) {
		mk_tiu(&in[i], i);
		/* zero the chunk-index nibbles: the builder must put them in */
		in[i].rsvd0 = in[i].rsvd1 = in[i].rsvd2 = in[i].rsvd3 = 0;
		in[i].rsvd4 = in[i].rsvd5 = in[i].rsvd6 = 0;
		in[i].opd2_b_str = 0x55;   /* a field in chunk 6 */
		in[i].opd0_c_str = 0x1234; /* chunk 4 */
		ck_assert_int_eq(rt_cmdbuf_tiu(cb, &in[i]), (int)i + 1);
		exp[i] = in[i];
		exp[i].cmd_id_en = 1;
		exp[i].cmd_id_tpu = i + 1;
		exp[i].cmd_id_gdma = 0;
		exp[i].rsvd0 = 0;
		exp[i].rsvd1 = 1;
		exp[i].rsvd2 = 2;
		exp[i].rsvd3 = 3;
		exp[i].rsvd4 = 4;
		exp[i].rsvd5 = 5;
		exp[i].rsvd6 = 6;
	}
	exp[1].cmd_end = 1;
	exp[1].cmd_intr_en = 1;
	img = build(NULL, &size);

	for (i = 0; i < 2; i++) {
		const uint8_t *st = img + t0 + i * TIU_SZ;
		uint8_t canon[TIU_SZ], dec[TIU_SZ];
		struct tiu_desc got;

		tiu_desc_pack(&exp[i], canon);
		/* stored chunk p holds canonical chunk k with k in its top nibble;
		 * chunks 0 and 6 are swapped */
		for (k = 0; k < 7; k++) {
			unsigned p = k == 0 ? 6 : k == 6 ? 0 : k;

			ck_assert_msg(memcmp(st + p * 16, canon + k * 16, 16) == 0,
				      "desc %u chunk %u misplaced", i, k);
			ck_assert_uint_eq(st[p * 16 + 15] >> 4, k);
		}
		/* the first stored byte is canonical byte 96, not the cmd_en byte */
		ck_assert_uint_eq(st[0], canon[96]);
		ck_assert_uint_eq(st[96], canon[0]);
		ck_assert_int_eq(tiu_desc_from_stored(st, dec), 0);
		ck_assert(memcmp(dec, canon, TIU_SZ) == 0);
		tiu_desc_unpack(&got, dec);
		ck_assert(memcmp(&got, &exp[i], sizeof(got)) == 0);
	}
}
END_TEST

/* ---- segmentation ------------------------------------------------------- */

START_TEST(test_segmentation_at_ffff)
{
	/* TIU, 65535 TDMA (seg0 ends at TDMA id 0xFFFF), 3 TDMA, TIU */
	const uint32_t n0 = 65535, n1 = 3, ntdma = n0 + n1;
	const uint32_t t0 = ALIGN(HDR + 2 * CPU, 256);
	const uint32_t t1 = ALIGN(t0 + TIU_SZ + 128, 256);
	const uint32_t td = ALIGN(t1 + TIU_SZ + 128, 256);
	const uint32_t td1 = td + n0 * TDMA_SZ;
	struct tdma_desc d;
	struct tiu_desc t;
	uint32_t a, b;
	uint8_t *img;
	long size;
	uint32_t i;

	ck_assert_int_eq(add_tiu(0), 1);
	for (i = 0; i < n0; i++)
		ck_assert_int_eq(add_tdma(i), (int)(i + 1));
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 1);  /* closed, nothing open */
	for (i = 0; i < n1; i++)
		ck_assert_int_eq(add_tdma(n0 + i), (int)(i + 1));
	ck_assert_int_eq(add_tiu(1), 1);

	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 2);
	ck_assert_int_eq(rt_cmdbuf_segment(cb, 0, &a, &b), 0);
	ck_assert_uint_eq(a, 1);
	ck_assert_uint_eq(b, n0);
	ck_assert_int_eq(rt_cmdbuf_segment(cb, 1, &a, &b), 0);
	ck_assert_uint_eq(a, 1);
	ck_assert_uint_eq(b, n1);
	ck_assert_int_eq(rt_cmdbuf_segment(cb, 2, &a, &b), -EINVAL);

	img = build(NULL, &size);
	ck_assert_int_eq(size, td + ntdma * TDMA_SZ);
	ck_assert_uint_eq(rd32(img, 8), 2);
	ck_assert_uint_eq(rd32(img, 12), 2);
	ck_assert_uint_eq(rd32(img, 16), ntdma);
	check_seg(img, 0, 1, t0, n0, td);
	check_seg(img, 1, 1, t1, n1, td1);

	tdma_at(img, td + 1 * TDMA_SZ, &d);      /* seg0 #2 */
	ck_assert_uint_eq(d.wait_id_tpu, 1);
	ck_assert_uint_eq(d.eod, 0);
	tdma_at(img, td1 - TDMA_SZ, &d);         /* seg0 last */
	ck_assert_uint_eq(d.cmd_id, 0xFFFF);
	ck_assert_uint_eq(d.wait_id_tpu, 1);
	ck_assert_uint_eq(d.eod, 1);
	ck_assert_uint_eq(d.intp_en, 1);
	tdma_at(img, td1, &d);                   /* seg1 first */
	ck_assert_uint_eq(d.cmd_id, 1);
	ck_assert_uint_eq(d.wait_id_tpu, 0);     /* no dependency across the break */
	ck_assert_uint_eq(d.eod, 0);
	tdma_at(img, td1 + 2 * TDMA_SZ, &d);     /* seg1 last */
	ck_assert_uint_eq(d.cmd_id, 3);
	ck_assert_uint_eq(d.eod, 1);
	tiu_at(img, t0, &t);
	ck_assert_uint_eq(t.cmd_id_gdma, 0);
	ck_assert_uint_eq(t.cmd_end, 1);
	tiu_at(img, t1, &t);
	ck_assert_uint_eq(t.cmd_id_tpu, 1);
	ck_assert_uint_eq(t.cmd_id_gdma, 3);
	ck_assert_uint_eq(t.cmd_end, 1);
}
END_TEST

START_TEST(test_segmentation_at_ffff_tiu)
{
	struct tiu_desc t;
	uint32_t a, b, i;

	add_tdma(0);
	for (i = 0; i < 65535; i++)
		ck_assert_int_eq(add_tiu(i), (int)(i + 1));
	ck_assert_int_eq(add_tiu(0), 1);
	ck_assert_int_eq(add_tdma(1), 1);
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 2);
	rt_cmdbuf_segment(cb, 0, &a, &b);
	ck_assert_uint_eq(a, 65535);
	ck_assert_uint_eq(b, 1);
	rt_cmdbuf_segment(cb, 1, &a, &b);
	ck_assert_uint_eq(a, 1);
	ck_assert_uint_eq(b, 1);
	rt_cmdbuf_get_tiu(cb, 65534, &t);
	ck_assert_uint_eq(t.cmd_id_tpu, 0xFFFF);
	ck_assert_uint_eq(t.cmd_id_gdma, 1);
	rt_cmdbuf_get_tiu(cb, 65535, &t);
	ck_assert_uint_eq(t.cmd_id_tpu, 1);
	ck_assert_uint_eq(t.cmd_id_gdma, 0);
}
END_TEST

/* ---- verbatim appends (compiled command buffers) ------------------------ */

START_TEST(test_verbatim_keeps_ids)
{
	/* A compiled stream whose waits are not what serial mode would pick:
	 * TDMA 1 (wait 0), TDMA 2 (wait 0), TIU 1 waits for TDMA 1 only,
	 * TDMA 3 waits for TIU 1, TIU 2 waits for TDMA 2. */
	static const struct { int tiu; uint32_t id, wait; } seq[] = {
		{0, 1, 0}, {0, 2, 0}, {1, 1, 1}, {0, 3, 1}, {1, 2, 2},
	};
	struct tdma_desc d;
	struct tiu_desc t;
	size_t i, ntiu = 0, ntdma = 0;

	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		if (seq[i].tiu) {
			mk_tiu(&t, (unsigned)i);
			t.cmd_id_en = 0;              /* set by the builder */
			t.cmd_id_tpu = seq[i].id;
			t.cmd_id_gdma = seq[i].wait;
			ck_assert_int_eq(rt_cmdbuf_tiu_verbatim(cb, &t), (int)seq[i].id);
		} else {
			mk_tdma(&d, (unsigned)i);
			d.cmd_id = seq[i].id;
			d.wait_id_tpu = seq[i].wait;
			ck_assert_int_eq(rt_cmdbuf_tdma_verbatim(cb, &d), (int)seq[i].id);
		}
	}
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		if (seq[i].tiu) {
			ck_assert_int_eq(rt_cmdbuf_get_tiu(cb, ntiu++, &t), 0);
			ck_assert_uint_eq(t.cmd_id_tpu, seq[i].id);
			ck_assert_uint_eq(t.cmd_id_gdma, seq[i].wait);
			ck_assert_uint_eq(t.cmd_id_en, 1);
			ck_assert_uint_eq(t.res0_addr, 0x100u + i);
		} else {
			ck_assert_int_eq(rt_cmdbuf_get_tdma(cb, ntdma++, &d), 0);
			ck_assert_uint_eq(d.cmd_id, seq[i].id);
			ck_assert_uint_eq(d.wait_id_tpu, seq[i].wait);
			ck_assert_uint_eq(d.bar_en, 1);
		}
	}
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 1);
}
END_TEST

START_TEST(test_verbatim_out_of_sequence)
{
	struct tdma_desc d;
	struct tiu_desc t;

	mk_tdma(&d, 0);
	d.cmd_id = 2;                                  /* the first must be 1 */
	ck_assert_int_eq(rt_cmdbuf_tdma_verbatim(cb, &d), -EINVAL);
	d.cmd_id = 1;
	ck_assert_int_eq(rt_cmdbuf_tdma_verbatim(cb, &d), 1);
	ck_assert_int_eq(rt_cmdbuf_tdma_verbatim(cb, &d), -EINVAL);   /* id repeated */
	mk_tiu(&t, 0);
	t.cmd_id_tpu = 0;
	ck_assert_int_eq(rt_cmdbuf_tiu_verbatim(cb, &t), -EINVAL);
	ck_assert_uint_eq(rt_cmdbuf_tiu_count(cb), 0);
	ck_assert_uint_eq(rt_cmdbuf_tdma_count(cb), 1);
	ck_assert_int_eq(rt_cmdbuf_tdma_verbatim(NULL, &d), -EINVAL);
	ck_assert_int_eq(rt_cmdbuf_tiu_verbatim(cb, NULL), -EINVAL);
}
END_TEST

START_TEST(test_verbatim_segment_at_ffff)
{
	/* TIU ids 1..0xFFFF close the segment; the next TIU is id 1 again. */
	struct tiu_desc t;
	uint32_t a, b, i;

	mk_tiu(&t, 0);
	t.cmd_id_gdma = 0;
	for (i = 1; i <= 0xFFFF; i++) {
		t.cmd_id_tpu = i;
		ck_assert_int_eq(rt_cmdbuf_tiu_verbatim(cb, &t), (int)i);
	}
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 1);
	t.cmd_id_tpu = 0x10000 & 0xFFFF;                /* 0: out of sequence */
	ck_assert_int_eq(rt_cmdbuf_tiu_verbatim(cb, &t), -EINVAL);
	t.cmd_id_tpu = 1;
	ck_assert_int_eq(rt_cmdbuf_tiu_verbatim(cb, &t), 1);
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 2);
	ck_assert_int_eq(rt_cmdbuf_segment(cb, 0, &a, &b), 0);
	ck_assert_uint_eq(a, 0xFFFF);
	ck_assert_uint_eq(b, 0);
}
END_TEST

START_TEST(test_explicit_sync)
{
	struct tdma_desc d;
	struct tiu_desc t;
	uint32_t a, b;

	add_tiu(0);
	add_tdma(0);
	ck_assert_int_eq(rt_cmdbuf_sync(cb), 0);
	ck_assert_int_eq(add_tdma(1), 1);
	ck_assert_int_eq(add_tiu(1), 1);
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 2);
	rt_cmdbuf_segment(cb, 0, &a, &b);
	ck_assert_uint_eq(a, 1);
	ck_assert_uint_eq(b, 1);
	rt_cmdbuf_get_tdma(cb, 1, &d);
	ck_assert_uint_eq(d.wait_id_tpu, 0);  /* not the seg0 TIU */
	rt_cmdbuf_get_tiu(cb, 1, &t);
	ck_assert_uint_eq(t.cmd_id_gdma, 1);
}
END_TEST

/* ---- errors ------------------------------------------------------------- */

START_TEST(test_misaligned_paddr)
{
	uint8_t img[2048];
	long size;

	add_tiu(0);
	add_tdma(0);
	size = rt_dmabuf_size(cb);
	ck_assert_int_le(size, (long)sizeof(img));
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR + 0x40, NULL, img, sizeof(img)), -EINVAL);
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR + 0x800, NULL, img, sizeof(img)), -EINVAL);
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR + 0x1, NULL, img, sizeof(img)), -EINVAL);
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR + 0x1000, NULL, img, sizeof(img)), size);
	ck_assert_int_eq(rt_dmabuf_build(NULL, PADDR, NULL, img, sizeof(img)), -EINVAL);
}
END_TEST

START_TEST(test_small_output_buffer)
{
	uint8_t *img;
	long size;
	long i;

	add_tiu(0);
	add_tdma(0);
	size = rt_dmabuf_size(cb);
	img = malloc((size_t)size);
	memset(img, 0xCD, (size_t)size);
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR, NULL, img, (size_t)size - 1), -ENOSPC);
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR, NULL, img, 0), -ENOSPC);
	for (i = 0; i < size; i++)
		ck_assert_uint_eq(img[i], 0xCD);   /* untouched */
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR, NULL, img, (size_t)size), size);
	free(img);
}
END_TEST

START_TEST(test_address_ranges)
{
	uint64_t ab[8] = { 0 };
	uint8_t img[2048];

	add_tiu(0);
	add_tdma(0);
	ab[3] = 0x100000000ull;   /* needs an H word the driver does not program */
	ck_assert_int_eq(rt_dmabuf_build(cb, PADDR, ab, img, sizeof(img)), -ERANGE);
	ab[3] = 0xFFFFFFFFull;
	ck_assert_int_gt(rt_dmabuf_build(cb, PADDR, ab, img, sizeof(img)), 0);
	ck_assert_uint_eq(rd32(img, 32 + 8 * 3), 0xFFFFFFFFu);
	ck_assert_uint_eq(rd32(img, 36 + 8 * 3), 0);
	/* beyond 40-bit DMA addresses */
	ck_assert_int_eq(rt_dmabuf_build(cb, 1ull << 40, NULL, img, sizeof(img)), -ERANGE);
	/* offset_tdma = pa >> 6 must fit 32 bits */
	ck_assert_int_eq(rt_dmabuf_build(cb, 1ull << 39, NULL, img, sizeof(img)), -ERANGE);
}
END_TEST

START_TEST(test_invalid_args)
{
	struct tdma_desc d;

	ck_assert_int_eq(rt_cmdbuf_tdma(cb, NULL), -EINVAL);
	ck_assert_int_eq(rt_cmdbuf_tiu(cb, NULL), -EINVAL);
	ck_assert_int_eq(rt_cmdbuf_tdma(NULL, &d), -EINVAL);
	ck_assert_int_eq(rt_cmdbuf_sync(NULL), -EINVAL);
	ck_assert_int_eq(rt_cmdbuf_parallel(NULL, true), -EINVAL);
	ck_assert_int_eq(rt_dmabuf_size(NULL), -EINVAL);
	ck_assert_int_eq(rt_cmdbuf_get_tdma(cb, 0, &d), -EINVAL);
	ck_assert_uint_eq(rt_cmdbuf_tdma_count(cb), 0);
	add_tdma(0);
	add_tiu(0);
	ck_assert_uint_eq(rt_cmdbuf_tdma_count(cb), 1);
	ck_assert_uint_eq(rt_cmdbuf_tiu_count(cb), 1);
	rt_cmdbuf_reset(cb);
	ck_assert_uint_eq(rt_cmdbuf_tdma_count(cb), 0);
	ck_assert_uint_eq(rt_cmdbuf_segment_count(cb), 0);
	ck_assert_int_eq(add_tdma(0), 1);
}
END_TEST

/* A member wider than its field must not vanish into a truncated (and so
 * different) descriptor: a 17-bit n in the 16-bit src_n. */
START_TEST(test_field_out_of_range)
{
	struct tdma_desc d;
	struct tiu_desc t;

	mk_tdma(&d, 0);
	d.src_n = 1u << TDMA_DESC_SRC_N_WIDTH;
	ck_assert_int_eq(rt_cmdbuf_tdma(cb, &d), -ERANGE);
	mk_tiu(&t, 0);
	t.res0_n = 1u << TIU_DESC_RES0_N_WIDTH;
	ck_assert_int_eq(rt_cmdbuf_tiu(cb, &t), -ERANGE);
	/* Nothing was appended and no id consumed. */
	ck_assert_uint_eq(rt_cmdbuf_tdma_count(cb), 0);
	ck_assert_uint_eq(rt_cmdbuf_tiu_count(cb), 0);
	ck_assert_int_eq(add_tdma(0), 1);
	ck_assert_int_eq(add_tiu(0), 1);
}
END_TEST

/* ---- deliberately broken builds ----------------------------------------- */

/* Offsets of the bytes where two images of equal size differ. */
static size_t diff_bytes(const uint8_t *a, const uint8_t *b, size_t n, size_t *first, size_t *last)
{
	size_t i, cnt = 0;

	for (i = 0; i < n; i++) {
		if (a[i] != b[i]) {
			if (!cnt)
				*first = i;
			*last = i;
			cnt++;
		}
	}
	return cnt;
}

START_TEST(test_default_opts_equal_null)
{
	struct rt_build_opts o = { 0, 0 };
	uint8_t *a, *b;
	long sa, sb;

	a = build(NULL, &sa);
	b = build(&o, &sb);
	ck_assert_int_eq(sa, sb);
	ck_assert(memcmp(a, b, (size_t)sa) == 0);
}
END_TEST

START_TEST(test_break_no_eod_padding)
{
	/* default: TIU block 512 .. 736, padding to 864, TDMA at 1024;
	 * broken: TDMA at ALIGN(736, 64) = 768, right after the TIU. */
	const uint32_t t0 = ALIGN(HDR + CPU, 256);
	const uint32_t tiu_end = t0 + 2 * TIU_SZ;
	const uint32_t td_good = ALIGN(tiu_end + 128, 256);
	const uint32_t td_bad = ALIGN(tiu_end, 64);
	struct rt_build_opts o = { RT_BUILD_NO_EOD_PADDING, 0 };
	struct tdma_desc d;
	uint8_t *good, *bad;
	long sg, sb;

	ck_assert_uint_eq(td_bad, 768);
	good = build(NULL, &sg);
	bad = build(&o, &sb);
	ck_assert_int_eq(sg, td_good + 2 * TDMA_SZ);
	ck_assert_int_eq(sb, td_bad + 2 * TDMA_SZ);
	ck_assert_int_eq(rt_dmabuf_size_opts(cb, &o), sb);
	check_seg(bad, 0, 2, t0, 2, td_bad);
	ck_assert_uint_eq(rd32(bad, 4), sb);
	/* fewer than 128 zero bytes follow the last TIU */
	ck_assert(!all_zero(bad, tiu_end, tiu_end + 128));
	ck_assert(all_zero(good, tiu_end, tiu_end + 128));
	tdma_at(bad, td_bad, &d);
	ck_assert_uint_eq(d.cmd_id, 1);
	ck_assert_uint_eq(d.vld, 1);
}
END_TEST

START_TEST(test_break_no_eod_padding_two_segments)
{
	/* Without padding every segment's TIU block still starts 256-aligned:
	 * seg0 768 .. 880, seg1 at ALIGN(880, 256) = 1024 .. 1136, TDMA at
	 * ALIGN(1136, 64) = 1152. */
	const uint32_t t0 = ALIGN(HDR + 2 * CPU, 256);
	const uint32_t t1 = ALIGN(t0 + TIU_SZ, 256);
	const uint32_t td = ALIGN(t1 + TIU_SZ, 64);
	struct rt_build_opts o = { RT_BUILD_NO_EOD_PADDING, 0 };
	struct tiu_desc t;
	uint8_t *img;
	long size;

	ck_assert_uint_eq(t1, 1024);
	ck_assert_uint_eq(td, 1152);
	add_tiu(0);
	add_tdma(0);
	rt_cmdbuf_sync(cb);
	add_tiu(1);
	add_tdma(1);
	img = build(&o, &size);
	ck_assert_int_eq(size, td + 2 * TDMA_SZ);
	check_seg(img, 0, 1, t0, 1, td);
	check_seg(img, 1, 1, t1, 1, td + TDMA_SZ);
	tiu_at(img, t1, &t);
	ck_assert_uint_eq(t.res0_addr, 0x101);
}
END_TEST

START_TEST(test_break_no_tdma_eod)
{
	const uint32_t t0 = ALIGN(HDR + CPU, 256);
	const uint32_t td = ALIGN(t0 + 2 * TIU_SZ + 128, 256);
	struct rt_build_opts o = { RT_BUILD_NO_TDMA_EOD, 0 };
	struct tdma_desc d;
	uint8_t *good, *bad;
	size_t first = 0, last = 0;
	long sg, sb;

	good = build(NULL, &sg);
	bad = build(&o, &sb);
	ck_assert_int_eq(sg, sb);
	ck_assert_uint_eq(diff_bytes(good, bad, (size_t)sg, &first, &last), 1);
	ck_assert_uint_eq(first, td + TDMA_SZ);    /* word 0 of the last TDMA */
	tdma_at(bad, td + TDMA_SZ, &d);
	ck_assert_uint_eq(d.eod, 0);
	ck_assert_uint_eq(d.intp_en, 0);
	ck_assert_uint_eq(d.bar_en, 1);
	tdma_at(good, td + TDMA_SZ, &d);
	ck_assert_uint_eq(d.eod, 1);
	ck_assert_uint_eq(d.intp_en, 1);
}
END_TEST

START_TEST(test_break_no_tiu_end)
{
	const uint32_t t0 = ALIGN(HDR + CPU, 256);
	struct rt_build_opts o = { RT_BUILD_NO_TIU_END, 0 };
	struct tiu_desc t;
	uint8_t *good, *bad;
	size_t first = 0, last = 0;
	long sg, sb;

	good = build(NULL, &sg);
	bad = build(&o, &sb);
	ck_assert_int_eq(sg, sb);
	ck_assert_uint_eq(diff_bytes(good, bad, (size_t)sg, &first, &last), 1);
	/* canonical byte 0 (cmd_end, cmd_intr_en) is stored at +96 */
	ck_assert_uint_eq(first, t0 + TIU_SZ + 96);
	tiu_at(bad, t0 + TIU_SZ, &t);
	ck_assert_uint_eq(t.cmd_end, 0);
	ck_assert_uint_eq(t.cmd_intr_en, 0);
	tiu_at(good, t0 + TIU_SZ, &t);
	ck_assert_uint_eq(t.cmd_end, 1);
	ck_assert_uint_eq(t.cmd_intr_en, 1);
}
END_TEST

START_TEST(test_break_reloc_off_by_one)
{
	struct rt_build_opts o = { RT_BUILD_RELOC_OFF_BY_ONE, 0 };
	uint8_t *good, *bad;
	size_t first = 0, last = 0;
	long sg, sb;

	good = build(NULL, &sg);
	bad = build(&o, &sb);
	ck_assert_int_eq(sg, sb);
	ck_assert_uint_eq(seg_word(bad, 0, S_OFFTIU), seg_word(good, 0, S_OFFTIU) + 1);
	ck_assert_uint_eq(seg_word(bad, 0, S_OFFTDMA), seg_word(good, 0, S_OFFTDMA) + 1);
	ck_assert_uint_eq(seg_word(bad, 0, S_TIU_ORI), seg_word(good, 0, S_TIU_ORI));
	ck_assert_uint_eq(seg_word(bad, 0, S_TDMA_ORI), seg_word(good, 0, S_TDMA_ORI));
	diff_bytes(good, bad, (size_t)sg, &first, &last);
	ck_assert_uint_ge(first, HDR + 12);
	ck_assert_uint_le(last, HDR + 19);
}
END_TEST

START_TEST(test_pmubuf_size_opt)
{
	struct rt_build_opts o = { 0, 0x101000 };
	uint8_t *img;
	long size;

	img = build(&o, &size);
	ck_assert_uint_eq(rd32(img, 24), 0x101000);
	ck_assert_uint_eq(rd32(img, 28), size);
}
END_TEST

/* bm_dmabuf.c's PMU buffer: ALIGN((n_tiu + n_tdma) * 16 + 1 MiB, 4 KiB). */
START_TEST(test_pmubuf_size_formula)
{
	unsigned i;

	ck_assert_int_eq(rt_pmubuf_size(cb), 0x100000);          /* nothing: the spare MiB */
	ck_assert_int_eq(rt_pmubuf_size(NULL), -EINVAL);
	for (i = 0; i < 3; i++)
		ck_assert_int_gt(add_tiu(i), 0);
	for (i = 0; i < 5; i++)
		ck_assert_int_gt(add_tdma(i), 0);
	ck_assert_int_eq(rt_pmubuf_size(cb), 0x101000);          /* 0x100080 rounded up */
	/* 256 descriptors fill exactly one 4 KiB page past the MiB. */
	for (i = 8; i < 256; i++)
		ck_assert_int_gt(add_tdma(i), 0);
	ck_assert_int_eq(rt_pmubuf_size(cb), 0x101000);
	ck_assert_int_gt(add_tdma(256), 0);
	ck_assert_int_eq(rt_pmubuf_size(cb), 0x102000);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("rt_cmdbuf");
	TCase *tc = tcase_create("core");
	TCase *flags = tcase_create("broken builds");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_layout_one_segment);
	tcase_add_test(tc, test_layout_two_tiu_segments);
	tcase_add_test(tc, test_one_engine_segments);
	tcase_add_test(tc, test_empty_cmdbuf);
	tcase_add_test(tc, test_ids_serial);
	tcase_add_test(tc, test_ids_parallel);
	tcase_add_test(tc, test_ids_parallel_at_start);
	tcase_add_test(tc, test_tdma_wait_inheritance);
	tcase_add_test(tc, test_last_descriptor_patching);
	tcase_add_test(tc, test_tiu_stored_form);
	tcase_add_test(tc, test_segmentation_at_ffff);
	tcase_add_test(tc, test_segmentation_at_ffff_tiu);
	tcase_add_test(tc, test_verbatim_keeps_ids);
	tcase_add_test(tc, test_verbatim_out_of_sequence);
	tcase_add_test(tc, test_verbatim_segment_at_ffff);
	tcase_add_test(tc, test_explicit_sync);
	tcase_add_test(tc, test_misaligned_paddr);
	tcase_add_test(tc, test_small_output_buffer);
	tcase_add_test(tc, test_address_ranges);
	tcase_add_test(tc, test_invalid_args);
	tcase_add_test(tc, test_field_out_of_range);
	tcase_add_test(tc, test_break_no_eod_padding_two_segments);
	tcase_add_test(tc, test_pmubuf_size_formula);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(flags, setup_flags, teardown);
	tcase_set_timeout(flags, 60);
	tcase_add_test(flags, test_default_opts_equal_null);
	tcase_add_test(flags, test_break_no_eod_padding);
	tcase_add_test(flags, test_break_no_tdma_eod);
	tcase_add_test(flags, test_break_no_tiu_end);
	tcase_add_test(flags, test_break_reloc_off_by_one);
	tcase_add_test(flags, test_pmubuf_size_opt);
	suite_add_tcase(s, flags);
	return s;
}
