// SPDX-License-Identifier: Apache-2.0
//
// check_model_tdma.cpp - TDMA copies through the real path: descriptors in
// DRAM at a 64-byte aligned address, fired with the driver's register
// sequence, completion by the IRQ.  Every result is compared byte for byte
// (whole LMEM plus a 1 MiB DRAM window, so stray writes count too) against
// a reference computed here from the tensor formulas of
// hardware-reference 5.2 (tb_extra.h), never by the datapath kernels.
#include <cstdint>
#include <string>
#include <vector>

#include "tb_extra.h"

using namespace tpusim;
using namespace tpusim::tbx;

static constexpr unsigned G2L = TDMA_DESC_TRANS_DIR_G2L;
static constexpr unsigned L2G = TDMA_DESC_TRANS_DIR_L2G;
static constexpr unsigned G2G = TDMA_DESC_TRANS_DIR_G2G;
static constexpr unsigned L2L = TDMA_DESC_TRANS_DIR_L2L;

static uint64_t lad(unsigned lane, uint32_t off) { return (uint64_t)lane << TPU_LMEM_ADDR_SHIFT | off; }

// Distinct array bases inside the data window (0x8000 apart, odd 64-B skew).
static uint64_t base_of(unsigned i) { return kData + 0x8000ull * i + 0x40ull * i; }

static void set_bases(Bench &b)
{
	for (unsigned i = 0; i < TPU_NUM_ARRAYBASE; i++)
		b.set_arraybase(i, base_of(i));
}

// Random memories, an engine resynchronised, the eight bases set.
static void start(Bench &b, int seed)
{
	Rng r(seed);
	randomize(b, r);
	b.resync();
	set_bases(b);
}

// The run finished normally: only EOD in the status, line 76 high, the
// sync id is the last descriptor's, every descriptor executed cleanly.
static void expect_clean_end(Bench &b, uint32_t last_id, size_t ndesc)
{
	ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_EOD);
	ck_assert(b.top.tdma.irq.read());
	ck_assert_uint_eq(tdma_sync_id(b), last_id);
	auto ends = ends_of(b.rec, Engine::tdma);
	ck_assert_uint_eq(ends.size(), ndesc);
	for (const auto &e : ends) {
		ck_assert_msg(e.executed, "descriptor id %u (%s) not executed", e.id, e.op);
		ck_assert_uint_eq(e.status, 0);
	}
}

// Runs the stream of n descriptors at kTdmaDesc; false when it raised no
// interrupt (the caller asserts that), else memory must be as want and
// the run must have ended cleanly.
static bool ran_as_expected(Bench &b, const Image &want, unsigned n, const char *tag)
{
	if (!run_tdma(b, kTdmaDesc, n))
		return false;
	expect_same(Image::capture(b), want, tag);
	expect_clean_end(b, n, n);
	return true;
}

// The copies cs as the stream at kTdmaDesc, run as ran_as_expected()
// runs it; memory must be as the reference's copies make it.
static bool copies_ran(Bench &b, const std::vector<Copy> &cs, const char *tag)
{
	put_tdma_stream(b, kTdmaDesc, descs_of(cs));
	Image want = Image::capture(b);
	ref_copies(want, cs);
	return ran_as_expected(b, want, (unsigned)cs.size(), tag);
}

// n G2G copies of 2 x 32 bytes in base 0: source 0x100 * i, destination
// 0x90000 further on.
static std::vector<Copy> g2g_rows(unsigned n)
{
	std::vector<Copy> cs;
	for (unsigned i = 0; i < n; i++)
		cs.emplace_back(G2G, g_compact(base_of(0) + 0x100 * i, 1, 1, 2, 32),
				g_compact(base_of(0) + 0x90000 + 0x100 * i, 1, 1, 2, 32), base_of(0), 0,
				base_of(0), 0);
	return cs;
}

// ---- G2L then L2G round trips over varied shapes ---------------------------

struct RtCase {
	const char *name;
	uint32_t n, c, h, w;
	uint64_t gns, gcs, ghs;   // source global strides (gcs 0 = broadcast)
	uint64_t laddr;           // local address (start lane in bits 15+)
	bool manual_local;        // else default layout, eu aligned
	uint64_t lns, lcs, lhs;   // local strides when manual
	uint64_t ons, ocs, ohs;   // L2G output strides
	unsigned sel_in, sel_out;
};

static const RtCase kRt[] = {
	{"one row", 1, 1, 1, 16, 16, 16, 16, lad(0, 0), false, 0, 0, 0, 16, 16, 16, 0, 1},
	{"nchw compact, eu aligned", 2, 3, 4, 5, 60, 20, 5, lad(0, 0x40), false, 0, 0, 0, 60, 20, 5, 2, 3},
	{"start lane 3 wraps", 1, 11, 3, 7, 231, 21, 7, lad(3, 0x200), false, 0, 0, 0, 231, 21, 7, 4, 5},
	{"padded global, lane 7, manual local", 3, 9, 2, 9, 400, 40, 12, lad(7, 0x10), true, 80, 32,
	 12, 288, 32, 16, 6, 7},
	{"broadcast c stride 0", 1, 8, 2, 8, 16, 0, 8, lad(0, 0x300), false, 0, 0, 0, 128, 16, 8, 1, 0},
	{"broadcast c stride 0, start lane 5", 2, 10, 1, 12, 40, 0, 12, lad(5, 0x1000), false, 0, 0,
	 0, 120, 12, 12, 3, 2},
	{"wide w, two n, odd n stride", 2, 16, 1, 33, 533, 33, 33, lad(5, 0x1000), false, 0, 0, 0,
	 528, 33, 33, 7, 4},
	{"h stride gaps both sides", 4, 5, 3, 4, 100, 20, 6, lad(2, 0x2000), true, 64, 32, 9, 96, 24,
	 8, 0, 6},
};

START_TEST(g2l_l2g_round_trip)
{
	const RtCase &k = kRt[_i];
	const int seed = 100 + _i;

	run_bench([&k, seed](Bench &b) {
		start(b, seed);

		TSide gsrc = g_side(base_of(k.sel_in) + 0x100, k.n, k.c, k.h, k.w, k.gns, k.gcs, k.ghs);
		TSide loc = k.manual_local ? l_side(k.laddr, k.n, k.c, k.h, k.w, k.lns, k.lcs, k.lhs)
					   : l_default(k.laddr, k.n, k.c, k.h, k.w);
		TSide gout = g_side(base_of(k.sel_out) + 0x80000, k.n, k.c, k.h, k.w, k.ons, k.ocs, k.ohs);

		ck_assert_msg(copies_ran(b, {{G2L, gsrc, loc, base_of(k.sel_in), k.sel_in},
					     {L2G, loc, gout, 0, 0, base_of(k.sel_out), k.sel_out}}, k.name),
			      "%s: no TDMA interrupt", k.name);
	});
}
END_TEST

// Reshape: the element order is (n, c, h, w) on both sides.
START_TEST(reshape_keeps_element_order)
{
	run_bench([](Bench &b) {
		start(b, 7);
		TSide g = g_compact(base_of(1) + 0x40, 1, 4, 1, 64);
		TSide l = l_default(lad(1, 0x800), 1, 4, 8, 8);
		TSide out = g_compact(base_of(2) + 0x10000, 1, 1, 2, 128);

		ck_assert_msg(copies_ran(b, {{G2L, g, l, base_of(1), 1}, {L2G, l, out, 0, 0, base_of(2), 2}}, "reshape"),
			      "reshape: no TDMA interrupt");
	});
}
END_TEST

// G2L int8 -> bf16 conversion (exact for every int8), then bf16 stored back.
START_TEST(g2l_int8_to_bf16)
{
	run_bench([](Bench &b) {
		start(b, 8);
		TSide g = g_compact(base_of(0) + 0x100, 1, 5, 2, 6, 1);
		TSide l = l_default(lad(4, 0x600), 1, 5, 2, 6, true, 2);
		TSide g2 = g_side(base_of(0) + 0x100, 1, 5, 2, 6, 60, 12, 6, 1);  // same bytes, unsigned pass
		TSide l2 = l_default(lad(1, 0x3000), 1, 5, 2, 6, true, 2);
		TSide out = g_compact(base_of(5) + 0x20000, 1, 5, 2, 6, 2);

		tdma_desc d1 = tdma_copy(G2L, g, l, base_of(0), 0);
		d1.int8_sign = 1;
		tdma_desc d2 = tdma_copy(G2L, g2, l2, base_of(0), 0);
		d2.int8_sign = 0;
		tdma_desc d3 = tdma_copy(L2G, l, out, 0, 0, base_of(5), 5);
		ck_assert_uint_eq(d1.src_fmt, TDMA_DESC_SRC_FMT_INT8);
		ck_assert_uint_eq(d1.dst_fmt, TDMA_DESC_DST_FMT_BF16);
		put_tdma_stream(b, kTdmaDesc, {d1, d2, d3});

		Image want = Image::capture(b);
		ref_copy(want, want, g, l, true);
		ref_copy(want, want, g2, l2, false);
		ref_copy(want, want, l, out);
		// spot-check the reference itself: -1 -> 0xBF80, 255 unsigned -> 0x437F
		ck_assert_uint_eq(ref_int8_to_bf16(0xFF, true), 0xBF80);
		ck_assert_uint_eq(ref_int8_to_bf16(0xFF, false), 0x437F);
		ck_assert_msg(ran_as_expected(b, want, 3, "int8->bf16"), "int8->bf16: no TDMA interrupt");
	});
}
END_TEST

START_TEST(l2l_copy_between_lanes)
{
	run_bench([](Bench &b) {
		Rng r(9);
		randomize(b, r);
		b.resync();
		TSide src = l_default(lad(2, 0x100), 2, 5, 3, 5);
		TSide dst = l_side(lad(6, 0x2000), 2, 5, 3, 5, 80, 32, 8);  // lanes 6,7,0,1,2: 2 rows

		ck_assert_msg(copies_ran(b, {{L2L, src, dst}}, "l2l"), "l2l: no TDMA interrupt");
	});
}
END_TEST

START_TEST(g2g_tensor_padded_to_compact)
{
	run_bench([](Bench &b) {
		start(b, 10);
		TSide src = g_side(base_of(3) + 0x10, 2, 3, 4, 5, 100, 32, 7);
		TSide dst = g_compact(base_of(5) + 0x40000, 2, 3, 4, 5);
		TSide src2 = g_compact(base_of(5) + 0x40000, 2, 3, 4, 5);            // and back out,
		TSide dst2 = g_side(base_of(6) + 0x50000, 2, 3, 4, 5, 131, 41, 9);   // padded again

		ck_assert_msg(copies_ran(b, {{G2G, src, dst, base_of(3), 3, base_of(5), 5},
					     {G2G, src2, dst2, base_of(5), 5, base_of(6), 6}}, "g2g"),
			      "g2g: no TDMA interrupt");
	});
}
END_TEST

// Each descriptor picks other bases; a mixed-up select lands elsewhere.
START_TEST(base_selects_all_eight)
{
	run_bench([](Bench &b) {
		start(b, 11);
		for (unsigned i = 0; i < TPU_NUM_ARRAYBASE; i++)
			ck_assert_uint_eq(b.rd(TDMA_BASE + TDMA_ARRAYBASE_L_REG(i)), (uint32_t)base_of(i));

		std::vector<Copy> cs;
		for (unsigned i = 0; i < TPU_NUM_ARRAYBASE; i++) {
			unsigned o = (i + 3) % TPU_NUM_ARRAYBASE;
			cs.emplace_back(G2G, g_compact(base_of(i) + 0x100, 1, 2, 4, 16),
					g_compact(base_of(o) + 0x80000 + 0x200 * i, 1, 2, 4, 16), base_of(i), i,
					base_of(o), o);
		}
		ck_assert_msg(copies_ran(b, cs, "base selects"), "base selects: no TDMA interrupt");
	});
}
END_TEST

// DRAM above 4 GiB: only the ARRAYBASE_H bytes (one per base, four per
// register) or the descriptor's address-high byte reach it.  The other
// bases get high bytes that point outside DRAM, so a wrong byte lane ends
// in a bus error instead of passing by accident.
START_TEST(arraybase_high_bytes)
{
	TpuConfig cfg;
	cfg.dram_base = 0x280000000ull;
	cfg.dram_size = 0x1000000;  // 16 MiB
	run_bench(
		[](Bench &b) {
			const uint64_t D = 0x280000000ull;
			Rng r(12);
			randomize(b, r, D, kDataSize);
			b.resync();
			for (unsigned i = 0; i < 8; i++)
				b.wr(TDMA_BASE + TDMA_ARRAYBASE_L_REG(i), 0x80001000u);
			b.wr(TDMA_BASE + TDMA_ARRAYBASE_L_REG(1), 0x80040000u);
			b.wr(TDMA_BASE + TDMA_ARRAYBASE_L_REG(0), 0);
			// bases 0..3: 0x00, 0x02, 0x7F, 0x33; bases 4..7: 0x7F, 0x02, 0x11, 0x05
			b.wr(TDMA_BASE + TDMA_ARRAYBASE_H_REG(0), 0x337F0200u);
			b.wr(TDMA_BASE + TDMA_ARRAYBASE_H_REG(1), 0x0511027Fu);
			ck_assert_uint_eq(b.rd(TDMA_BASE + TDMA_ARRAYBASE_H_REG(1)), 0x0511027Fu);
			const uint64_t base5 = 0x280001000ull, base1 = 0x280040000ull;

			TSide g = g_compact(base5 + 0x100, 1, 3, 2, 10);
			TSide l = l_default(lad(2, 0x80), 1, 3, 2, 10);
			TSide out = g_compact(base1 + 0x200, 1, 3, 2, 10);
			TSide s3 = g_compact(D + 0x2000, 1, 1, 4, 32);       // via desc high byte, base 0
			TSide d3 = g_compact(base5 + 0x10000, 1, 1, 4, 32);
			std::vector<Copy> cs = {{G2L, g, l, base5, 5}, {L2G, l, out, 0, 0, base1, 1},
						{G2G, s3, d3, 0, 0, base5, 5}};
			ck_assert_uint_eq(cs[2].d.src_base_addr_high, 0x02);
			ck_assert_uint_eq(cs[2].d.src_base_addr_low, 0x80002000u);
			put_tdma_stream(b, D + 0xF00000, descs_of(cs));

			Image want = Image::capture(b, D, kDataSize);
			ref_copies(want, cs);
			ck_assert(run_tdma(b, D + 0xF00000, 3));
			expect_same(Image::capture(b, D, kDataSize), want, "high bytes");
			expect_clean_end(b, 3, 3);
		},
		nullptr, cfg);
}
END_TEST

// Linear ("general") copies in all four directions; local addresses are
// flat (lane * 32 KiB + offset), so a copy may run across a lane boundary.
START_TEST(general_copies)
{
	run_bench([](Bench &b) {
		start(b, 13);
		std::vector<tdma_desc> ds(4);
		// global sides are offsets from their base (odd, unaligned)
		rt_tdma_general_copy(&ds[0], G2G, 0x1003, 2, 0x70001, 6, 1000);
		rt_tdma_general_copy(&ds[1], G2L, 0x20000, 0, lad(0, 0x7F00), 0, 0x300);
		rt_tdma_general_copy(&ds[2], L2G, lad(0, 0x7F80), 0, 0x30005, 7, 0x100);
		rt_tdma_general_copy(&ds[3], L2L, lad(3, 0x10), 0, lad(6, 0x7FF0), 0, 0x40);
		put_tdma_stream(b, kTdmaDesc, ds);

		Image want = Image::capture(b);
		for (uint64_t i = 0; i < 1000; i++)
			want.dbyte(base_of(6) + 0x70001 + i) = want.dbyte(base_of(2) + 0x1003 + i);
		for (uint64_t i = 0; i < 0x300; i++)
			want.lflat(0x7F00 + i) = want.dbyte(base_of(0) + 0x20000 + i);
		for (uint64_t i = 0; i < 0x100; i++)
			want.dbyte(base_of(7) + 0x30005 + i) = want.lflat(0x7F80 + i);
		for (uint64_t i = 0; i < 0x40; i++)
			want.lflat(lad(6, 0x7FF0) + i) = want.lflat(lad(3, 0x10) + i);
		ck_assert_msg(ran_as_expected(b, want, 4, "general"), "general: no TDMA interrupt");
	});
}
END_TEST

START_TEST(constant_fill)
{
	run_bench([](Bench &b) {
		start(b, 14);
		TSide l = l_default(lad(5, 0x400), 2, 6, 3, 5);
		TSide g = g_side(base_of(4) + 0x1000, 2, 3, 4, 5, 130, 40, 8);  // gaps stay untouched
		TSide lb = l_default(lad(0, 0x5000), 1, 4, 2, 3, true, 2);
		std::vector<tdma_desc> ds(3);
		rt_tensor t0 = to_rt(l), t1 = to_rt(g, base_of(4), 4), t2 = to_rt(lb);
		rt_tdma_fill(&ds[0], G2L, &t0, 0xA5);
		rt_tdma_fill(&ds[1], L2G, &t1, 0x5A);
		rt_tdma_fill(&ds[2], G2L, &t2, 0x3F80);  // bf16 1.0
		put_tdma_stream(b, kTdmaDesc, ds);

		Image want = Image::capture(b);
		ref_fill(want, l, 0xA5);
		ref_fill(want, g, 0x5A);
		ref_fill(want, lb, 0x3F80);
		ck_assert_msg(ran_as_expected(b, want, 3, "fill"), "fill: no TDMA interrupt");
	});
}
END_TEST

// One stream of ten mixed descriptors: in order, one after the other, each
// fetched from its 64-byte slot, EOD and the line once at the very end.
START_TEST(multi_descriptor_stream)
{
	run_bench([](Bench &b) {
		start(b, 15);
		TSide ga = g_compact(base_of(1) + 0x100, 1, 8, 4, 8);
		TSide la = l_default(lad(0, 0), 1, 8, 4, 8);
		TSide gb = g_side(base_of(2) + 0x200, 2, 3, 2, 16, 128, 40, 20);
		TSide lb = l_default(lad(3, 0x1000), 2, 3, 2, 16);
		TSide lc = l_default(lad(6, 0x2000), 1, 8, 4, 8);
		TSide lf = l_default(lad(1, 0x3000), 1, 7, 1, 9);
		TSide go1 = g_compact(base_of(3) + 0x90000, 1, 8, 4, 8);
		TSide go2 = g_compact(base_of(4) + 0x90000, 2, 3, 2, 16);
		TSide go3 = g_compact(base_of(5) + 0x90000, 1, 7, 1, 9);
		TSide gg = g_compact(base_of(6) + 0x90000, 2, 3, 2, 16);

		std::vector<tdma_desc> ds;
		ds.push_back(tdma_copy(G2L, ga, la, base_of(1), 1));
		ds.push_back(tdma_copy(G2L, gb, lb, base_of(2), 2));
		ds.push_back(tdma_copy(L2L, la, lc));
		tdma_desc f;
		rt_tensor tf = to_rt(lf);
		rt_tdma_fill(&f, G2L, &tf, 0x11);
		ds.push_back(f);
		ds.push_back(tdma_copy(L2G, lc, go1, 0, 0, base_of(3), 3));
		ds.push_back(tdma_copy(L2G, lb, go2, 0, 0, base_of(4), 4));
		ds.push_back(tdma_copy(L2G, lf, go3, 0, 0, base_of(5), 5));
		ds.push_back(tdma_copy(G2G, go2, gg, base_of(4), 4, base_of(6), 6));
		tdma_desc gen;
		rt_tdma_general_copy(&gen, G2G, 0x300, 0, 0xA0000, 0, 333);  // base 0 = kData
		ds.push_back(gen);
		tdma_desc gen2;
		rt_tdma_general_copy(&gen2, G2L, 0x400, 0, lad(7, 0x6000), 0, 64);
		ds.push_back(gen2);
		put_tdma_stream(b, kTdmaDesc, ds);

		Image want = Image::capture(b);
		ref_copy(want, want, ga, la);
		ref_copy(want, want, gb, lb);
		ref_copy(want, want, la, lc);
		ref_fill(want, lf, 0x11);
		ref_copy(want, want, lc, go1);
		ref_copy(want, want, lb, go2);
		ref_copy(want, want, lf, go3);
		ref_copy(want, want, go2, gg);
		for (uint64_t i = 0; i < 333; i++)
			want.dbyte(kData + 0xA0000 + i) = want.dbyte(kData + 0x300 + i);
		for (uint64_t i = 0; i < 64; i++)
			want.lflat(lad(7, 0x6000) + i) = want.dbyte(kData + 0x400 + i);

		sc_core::sc_time fired = sc_core::sc_time_stamp();
		ck_assert_msg(ran_as_expected(b, want, (unsigned)ds.size(), "stream"), "stream: no TDMA interrupt");

		auto ends = ends_of(b.rec, Engine::tdma);
		for (size_t i = 0; i < ends.size(); i++) {
			ck_assert_uint_eq(ends[i].id, i + 1);
			ck_assert_uint_eq(ends[i].index, i);
			ck_assert_uint_eq(ends[i].addr, kTdmaDesc + 64 * i);
			ck_assert(ends[i].start >= fired && ends[i].end > ends[i].start);
			if (i)
				ck_assert(ends[i].start >= ends[i - 1].end);
		}
		// exactly one edge on line 76, when the last descriptor ended
		ck_assert_uint_eq(b.rec.irqs.size(), 1);
		ck_assert_int_eq(b.rec.irqs[0].line, TDMA_IRQ);
		ck_assert(b.rec.irqs[0].level);
		ck_assert(b.rec.irqs[0].t == ends.back().end);
	});
}
END_TEST

// PIO: the sixteen words in CMD_ACCP0..15, CTRL.ENABLE without MODESEL.
static void run_pio(Bench &b, const tdma_desc &d)
{
	uint8_t raw[TDMA_DESC_SIZE];
	tdma_desc_pack(&d, raw);
	for (unsigned i = 0; i < TDMA_CMD_ACCP_COUNT; i++) {
		uint32_t w;
		std::memcpy(&w, raw + 4 * i, 4);
		b.wr(TDMA_BASE + TDMA_CMD_ACCP_REG(i), w);
	}
	b.wr(TDMA_BASE + TDMA_INT_MASK_REG, TDMA_INT_MASK_STATUS_VAL_ZERO);
	b.wr(TDMA_BASE + TDMA_CTRL_REG, TDMA_CTRL_ENABLE_MASK | FIELD_PREP(TDMA_CTRL_BURSTLEN_MASK, TDMA_CTRL_BURSTLEN_VAL_BEATS_16));
	ck_assert(b.wait_tdma_irq(sc_time(1, SC_MS)));
}

START_TEST(pio_g2g_copies)
{
	run_bench([](Bench &b) {
		start(b, 16);

		// linear, as platform_run_pio does for a plain DRAM copy
		tdma_desc d;
		rt_tdma_general_copy(&d, G2G, 0x5005, 0, 0x60003, 0, 777);
		d.cmd_id = 1;
		d.eod = d.intp_en = 1;
		Image want = Image::capture(b);
		for (uint64_t i = 0; i < 777; i++)
			want.dbyte(kData + 0x60003 + i) = want.dbyte(kData + 0x5005 + i);
		run_pio(b, d);
		expect_same(Image::capture(b), want, "pio linear");
		expect_clean_end(b, 1, 1);
		ck_assert_uint_eq(b.rec.ends[0].addr, 0);  // not fetched from DRAM

		// 2-D strided, second PIO run after a resync
		b.resync();
		TSide s = g_side(base_of(2) + 0x10, 1, 1, 6, 50, 0, 0, 64);
		TSide t = g_side(base_of(2) + 0x70000, 1, 1, 6, 50, 0, 0, 50);
		tdma_desc d2 = tdma_copy(G2G, s, t, base_of(2), 2, base_of(2), 2);
		d2.cmd_id = 1;
		d2.eod = d2.intp_en = 1;
		ref_copy(want, want, s, t);
		run_pio(b, d2);
		expect_same(Image::capture(b), want, "pio 2-D");
		ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_EOD);
		ck_assert_uint_eq(tdma_sync_id(b), 1);
	});
}
END_TEST

// SYNC_STATUS takes each descriptor's own cmd_id as it completes (ids need
// not be consecutive), and STATUS.IDLE drops while the engine runs.
START_TEST(sync_status_follows_ids)
{
	run_bench([](Bench &b) {
		b.resync();
		set_bases(b);
		const uint32_t ids[] = {7, 8, 20};
		std::vector<tdma_desc> ds;
		for (unsigned i = 0; i < 3; i++) {
			TSide s = g_compact(base_of(0) + 0x10000 * i, 1, 1, 1, 16384);
			TSide d = g_compact(base_of(0) + 0x80000 + 0x10000 * i, 1, 1, 1, 16384);
			ds.push_back(tdma_copy(G2G, s, d, base_of(0), 0, base_of(0), 0));
			ds.back().cmd_id = ids[i];
		}
		put_tdma_stream(b, kTdmaDesc, ds, false);
		ck_assert_uint_eq(b.rd(TDMA_BASE + TDMA_STATUS_REG), TDMA_STATUS_IDLE_MASK);
		b.fire_tdma(kTdmaDesc, 3);
		std::vector<uint32_t> seen;
		bool saw_busy = false;
		while (!b.top.tdma.irq.read()) {
			uint32_t id = tdma_sync_id(b);
			if (seen.empty() || seen.back() != id)
				seen.push_back(id);
			if (b.rd(TDMA_BASE + TDMA_STATUS_REG) != TDMA_STATUS_IDLE_MASK)
				saw_busy = true;
			ck_assert(sc_core::sc_time_stamp() < sc_time(1, SC_MS));
		}
		ck_assert(saw_busy);
		ck_assert_uint_eq(tdma_sync_id(b), 20);
		// every value seen is 0 or one of the ids, in order
		std::vector<uint32_t> allowed = {0, 7, 8, 20};
		size_t k = 0;
		for (uint32_t v : seen) {
			while (k < allowed.size() && allowed[k] != v)
				k++;
			ck_assert_msg(k < allowed.size(), "SYNC_STATUS showed %u out of order", v);
		}
		ck_assert_msg(seen.size() >= 3, "only %zu distinct ids observed", seen.size());
		ck_assert_uint_eq(tdma_status(b), TDMA_INT_MASK_STATUS_VAL_EOD);
		wait_idle(b);
		ck_assert_uint_eq(b.rd(TDMA_BASE + TDMA_STATUS_REG), TDMA_STATUS_IDLE_MASK);
	});
}
END_TEST

// A descriptor with eod ends the run early, whatever DESNUM says.
START_TEST(eod_ends_run_early)
{
	run_bench([](Bench &b) {
		start(b, 17);
		std::vector<Copy> cs = g2g_rows(4);
		cs[1].d.eod = cs[1].d.intp_en = 1;
		put_tdma_stream(b, kTdmaDesc, descs_of(cs), true, false);
		Image want = Image::capture(b);
		ref_copies(want, {cs[0], cs[1]});
		ck_assert(run_tdma(b, kTdmaDesc, 4));
		wait_idle(b);
		expect_same(Image::capture(b), want, "eod");
		expect_clean_end(b, 2, 2);
	});
}
END_TEST

// DESNUM bounds the run: the third descriptor is never fetched.
START_TEST(desnum_bounds_run)
{
	run_bench([](Bench &b) {
		start(b, 18);
		std::vector<Copy> cs = g2g_rows(3);
		put_tdma_stream(b, kTdmaDesc, descs_of(cs));  // eod on the third
		Image want = Image::capture(b);
		ref_copies(want, {cs[0], cs[1]});
		b.fire_tdma(kTdmaDesc, 2);
		ck_assert(wait_idle(b));
		sc_core::wait(sc_time(10, SC_US));
		expect_same(Image::capture(b), want, "desnum");
		ck_assert_uint_eq(tdma_sync_id(b), 2);
		ck_assert_uint_eq(ends_of(b.rec, Engine::tdma).size(), 2);
	});
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("model_tdma");
	TCase *tc = tcase_create("tdma");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, g2l_l2g_round_trip, 0, (int)(sizeof(kRt) / sizeof(kRt[0])));
	tcase_add_test(tc, reshape_keeps_element_order);
	tcase_add_test(tc, g2l_int8_to_bf16);
	tcase_add_test(tc, l2l_copy_between_lanes);
	tcase_add_test(tc, g2g_tensor_padded_to_compact);
	tcase_add_test(tc, base_selects_all_eight);
	tcase_add_test(tc, arraybase_high_bytes);
	tcase_add_test(tc, general_copies);
	tcase_add_test(tc, constant_fill);
	tcase_add_test(tc, multi_descriptor_stream);
	tcase_add_test(tc, pio_g2g_copies);
	tcase_add_test(tc, sync_status_follows_ids);
	tcase_add_test(tc, eod_ends_run_early);
	tcase_add_test(tc, desnum_bounds_run);
	suite_add_tcase(s, tc);
	return s;
}
