// SPDX-License-Identifier: Apache-2.0
//
// check_model_errors.cpp - malformed descriptors and bad addresses give the
// status a driver can see (tdma.h, tiu.h, regs/tdma.yaml status values) and
// never crash or freeze the simulator:
//   zero dimension/stride -> ZERO (0x20), the run still completes;
//   DRAM outside the window, descriptor fetch outside DRAM -> BUSERR (0x2),
//   the run stops with SYNC_STATUS short of the count;
//   vld = 0 or a reserved encoding -> DECERR (0x4), the run stops;
//   TIU: no cmd_end (runs into the zero padding), operand outside LMEM,
//   fetch outside DRAM, cmd_en = 0 -> BD_CTRL.ERR, line 75 when INTR_EN;
//   seeded random garbage: always ends.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "tb_extra.h"

#include "tpu/tiu_reorder.h"

using namespace tpusim;
using namespace tpusim::tbx;

static constexpr unsigned G2L = TDMA_DESC_TRANS_DIR_G2L;
static constexpr unsigned L2G = TDMA_DESC_TRANS_DIR_L2G;
static constexpr unsigned G2G = TDMA_DESC_TRANS_DIR_G2G;
static constexpr uint32_t ZERO = TDMA_INT_MASK_STATUS_VAL_ZERO;
static constexpr uint32_t EOD = TDMA_INT_MASK_STATUS_VAL_EOD;
static constexpr uint32_t BUSERR = TDMA_INT_MASK_STATUS_VAL_BUSERR;
static constexpr uint32_t DECERR = TDMA_INT_MASK_STATUS_VAL_DECERR;
static constexpr uint64_t kDramEnd = TPU_DRAM_BASE + TPU_DRAM_DEFAULT_SIZE;

static uint64_t lad(unsigned lane, uint32_t off) { return (uint64_t)lane << TPU_LMEM_ADDR_SHIFT | off; }

// Three G2G copies kData+0x1000*i -> kData+0x80000+0x1000*i (base 0 = 0).
static std::vector<Copy> three_copies()
{
	std::vector<Copy> cs;
	for (unsigned i = 0; i < 3; i++)
		cs.emplace_back(G2G, g_compact(kData + 0x1000 * i, 1, 2, 4, 16),
				g_compact(kData + 0x80000 + 0x1000 * i, 1, 2, 4, 16));
	return cs;
}

// Random memories and the three copies at kTdmaDesc, the middle one
// changed by vary: the image expected with the first copy done (and the
// third when third).
static Image middle_varied(Bench &b, int seed, const std::function<void(tdma_desc &)> &vary, bool third)
{
	Rng r(seed);
	randomize(b, r);
	b.resync();
	auto cs = three_copies();
	vary(cs[1].d);
	put_tdma_stream(b, kTdmaDesc, descs_of(cs));
	Image want = Image::capture(b);
	ref_copy(want, want, cs[0].src, cs[0].dst);
	if (third)
		ref_copy(want, want, cs[2].src, cs[2].dst);
	return want;
}

// ---- ZERO -------------------------------------------------------------------

static void zero_variant(tdma_desc &d, int v)
{
	switch (v) {
	case 0: d.src_h = 0; break;
	case 1: d.src_c = 0; break;
	case 2: d.dst_w = 0; break;
	case 3: d.src_n = 0; break;
	case 4: d.dst_h = 0; break;     // (a zero source h stride broadcasts: not ZERO)
	case 5: d.dst_h_stride = 0; break;
	case 6: rt_tdma_general_copy(&d, G2G, kData, 0, kData + 0x90000, 0, 0); break;  // 0 bytes
	case 7: {                                           // fill with a zero dimension
		rt_tensor t = to_rt(g_compact(kData + 0x90000, 1, 2, 0, 16));
		rt_tdma_fill(&d, L2G, &t, 0x77);
		break;
	}
	}
}

START_TEST(zero_dimension_completes)
{
	const int v = _i;
	run_bench([v](Bench &b) {
		Image want = middle_varied(b, 40 + v, [v](tdma_desc &d) { zero_variant(d, v); }, true);

		ck_assert(run_tdma(b, kTdmaDesc, 3));  // EOD still comes
		ck_assert(wait_idle(b));
		ck_assert_uint_eq(tdma_status(b), EOD | ZERO);
		ck_assert_uint_eq(tdma_sync_id(b), 3);
		expect_same(Image::capture(b), want, "zero");
		auto e = ends_of(b.rec, Engine::tdma);
		ck_assert_uint_eq(e.size(), 3);
		ck_assert_uint_eq(e[1].status, ZERO);
		ck_assert(!e[1].executed);
		ck_assert_uint_eq(e[2].status, 0);
	});
}
END_TEST

// ---- BUSERR -------------------------------------------------------------------

// Variants of descriptor 2 that reach outside [DRAM base, DRAM end).
static void outside_variant(Bench &b, tdma_desc &d, int v)
{
	switch (v) {
	case 0:  // G2L source straddling the DRAM end
		b.set_arraybase(1, kDramEnd - 0x100);
		d = tdma_copy(G2L, g_compact(kDramEnd - 0x100, 1, 2, 1, 0x100),
			      l_default(lad(0, 0), 1, 2, 1, 0x100), kDramEnd - 0x100, 1);
		break;
	case 1:  // L2G destination below DRAM
		b.set_arraybase(2, 0x1000);
		d = tdma_copy(L2G, l_default(lad(0, 0), 1, 2, 4, 16), g_compact(0x1000, 1, 2, 4, 16), 0,
			      0, 0x1000, 2);
		break;
	case 2:  // general copy to exactly one past the end
		rt_tdma_general_copy(&d, G2G, kData, 0, kDramEnd, 0, 64);
		break;
	case 3:  // G2G whose n stride walks out of the window
		d = tdma_copy(G2G, g_side(kData, 3, 1, 1, 16, 0x20000000, 16, 16),
			      g_compact(kData + 0x90000, 3, 1, 1, 16));
		break;
	case 4:  // address-high byte set: 0x80_8000_0000
		d = tdma_copy(G2G, g_compact(kData | (0x80ull << 32), 1, 1, 1, 16),
			      g_compact(kData + 0x90000, 1, 1, 1, 16));
		break;
	case 5:  // constant fill into DRAM past the end
		{
			rt_tensor t = to_rt(g_compact(kDramEnd - 8, 1, 1, 1, 16));
			rt_tdma_fill(&d, L2G, &t, 0x33);
		}
		break;
	}
}

START_TEST(dram_outside_window_buserr)
{
	const int v = _i;
	run_bench([v](Bench &b) {
		Image want =
			middle_varied(b, 50 + v, [&b, v](tdma_desc &d) { outside_variant(b, d, v); }, false);

		ck_assert(run_tdma(b, kTdmaDesc, 3));  // BUSERR is unmasked: the line rises
		ck_assert(wait_idle(b));
		sc_core::wait(sc_time(100, SC_US));
		ck_assert_uint_eq(tdma_status(b), BUSERR);
		ck_assert_uint_eq(tdma_sync_id(b), 1);  // short of 3: the driver sees it
		expect_same(Image::capture(b), want, "buserr");  // nothing after the first copy
		auto e = ends_of(b.rec, Engine::tdma);
		ck_assert_uint_ge(e.size(), 1);
		ck_assert_uint_le(e.size(), 2);
		if (e.size() == 2)
			ck_assert_uint_eq(e[1].status, BUSERR);
		ck_assert_uint_eq(b.top.tdma.stats().errors, 1);
	});
}
END_TEST

START_TEST(desc_fetch_outside_dram)
{
	run_bench([](Bench &b) {
		b.resync();
		ck_assert(run_tdma(b, 0x40000, 2));  // DES_BASE below DRAM
		ck_assert_uint_eq(tdma_status(b), BUSERR);
		ck_assert_uint_eq(tdma_sync_id(b), 0);
		ck_assert(b.rec.ends.empty());

		// the stream runs off the end of DRAM: first descriptor fine, second not
		b.resync();
		tdma_desc d = three_copies()[0].d;
		d.cmd_id = 1;
		b.put_tdma(kDramEnd - 64, d);
		ck_assert(run_tdma(b, kDramEnd - 64, 2));
		ck_assert_uint_eq(tdma_status(b), BUSERR);
		ck_assert_uint_eq(tdma_sync_id(b), 1);
		ck_assert_uint_eq(b.rec.ends.size(), 1);
		ck_assert_uint_eq(b.rec.ends[0].addr, kDramEnd - 64);
	});
}
END_TEST

// ---- DECERR -----------------------------------------------------------------

START_TEST(invalid_descriptor_decerr)
{
	const int v = _i;
	run_bench([v](Bench &b) {
		Image want = middle_varied(b, 60 + v, [v](tdma_desc &d) {
			switch (v) {
			case 0: d.vld = 0; break;
			case 1: d.spec_func = 3; break;  // reserved
			case 2: d.src_fmt = 0; break;    // reserved format
			case 3: d.dst_c = 4; break;      // element counts differ (8 vs 16 x 4)
			}
		}, false);
		ck_assert(run_tdma(b, kTdmaDesc, 3));
		ck_assert(wait_idle(b));
		ck_assert_uint_eq(tdma_status(b), DECERR);
		ck_assert_uint_eq(tdma_sync_id(b), 1);
		expect_same(Image::capture(b), want, "decerr");
		ck_assert_uint_eq(b.top.tdma.stats().errors, 1);
		ck_assert(!b.top.tdma.stats().last_error.empty());
	});
}
END_TEST

// ---- TIU ------------------------------------------------------------------------

static tiu_desc add_at(uint32_t res, uint32_t a, uint32_t bb, uint32_t n, uint32_t c, uint32_t h,
		       uint32_t w)
{
	rt_tensor tr = to_rt(l_default(res, n, c, h, w)), ta = to_rt(l_default(a, n, c, h, w)),
		  tb = to_rt(l_default(bb, n, c, h, w));
	rt_tiu_eltwise_args p = {};
	tiu_desc d;
	p.op = TIU_DESC_TSK_EU_TYP_ADD;
	p.res = &tr, p.a = &ta, p.b = &tb;
	rt_tiu_eltwise(&d, &p);
	return d;
}

START_TEST(tiu_chain_without_cmd_end)
{
	run_bench([](Bench &b) {
		b.resync();
		put_tiu_chain(b, kTiuDesc, {add_at(0, 0x100, 0x200, 1, 8, 2, 8),
					    add_at(0x300, 0x100, 0x200, 1, 8, 2, 8)},
			      true, false);  // no cmd_end: the 128 zero bytes follow
		b.fire_tiu(kTiuDesc);
		ck_assert(wait_idle(b));
		uint32_t v = tiu_ctrl(b);
		ck_assert(v & TIU_BD_CTRL_ERR_MASK);
		ck_assert(!(v & TIU_BD_CTRL_INT_STATUS_MASK));
		ck_assert_uint_eq(FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, v), 2);  // both ran
		ck_assert(b.top.tiu.irq.read());
		ck_assert_uint_eq(ends_of(b.rec, Engine::tiu).size(), 2);
		ck_assert_uint_eq(b.top.tiu.stats().errors, 1);
		b.wr(TIU_BASE + TIU_BD_CTRL_REG, v);  // W1C ERR
		ck_assert(!b.top.tiu.irq.read());
		ck_assert(!(tiu_ctrl(b) & TIU_BD_CTRL_ERR_MASK));
	});
}
END_TEST

START_TEST(tiu_operand_outside_lmem)
{
	const int v = _i;
	run_bench([v](Bench &b) {
		Rng r(70 + v);
		r.fill(b.top.lmem());
		b.resync();
		tiu_desc d;
		switch (v) {
		case 0: d = add_at(lad(7, 0x7FF0), 0, 0x100, 1, 1, 4, 16); break;   // res runs off lane
		case 1: d = add_at(lad(9, 0), 0, 0x100, 1, 1, 4, 16); break;        // lane 9 of 8
		case 2: d = add_at(0, lad(0, 0x7F10), 0x100, 1, 1, 16, 16); break;  // opd0 runs off
		case 3: d = add_at(0, 0x100, lad(0, 0x7FC0), 2, 8, 4, 16); break;   // opd1 n stride
		}
		put_tiu_chain(b, kTiuDesc, {d, add_at(0x1000, 0, 0x100, 1, 1, 1, 16)});
		Image before = Image::capture(b);
		b.fire_tiu(kTiuDesc);
		ck_assert(wait_idle(b));
		uint32_t c = tiu_ctrl(b);
		ck_assert(c & TIU_BD_CTRL_ERR_MASK);
		ck_assert_uint_eq(FIELD_GET(TIU_BD_CTRL_CMD_ID_MASK, c), 0);  // neither completed
		ck_assert(b.top.tiu.irq.read());
		expect_same(Image::capture(b), before, "tiu range");
	});
}
END_TEST

START_TEST(tiu_bad_fetch_and_cmd_en)
{
	run_bench([](Bench &b) {
		b.resync();
		b.fire_tiu(0x1000);  // below DRAM
		ck_assert(wait_idle(b));
		ck_assert(tiu_ctrl(b) & TIU_BD_CTRL_ERR_MASK);
		ck_assert(b.rec.ends.empty());

		b.resync();
		b.wr(TIU_BASE + TIU_BD_CTRL_REG, tiu_ctrl(b) | TIU_BD_CTRL_ERR_MASK);  // W1C
		ck_assert(!(tiu_ctrl(b) & TIU_BD_CTRL_ERR_MASK));
		tiu_desc d = add_at(0, 0x100, 0x200, 1, 8, 2, 8);
		d.cmd_en = 0;
		put_tiu_chain(b, kTiuDesc, {d});
		b.fire_tiu(kTiuDesc);
		ck_assert(wait_idle(b));
		ck_assert(tiu_ctrl(b) & TIU_BD_CTRL_ERR_MASK);
		ck_assert(b.rec.ends.empty());
		ck_assert_uint_eq(tiu_cmd_id(b), 0);
	});
}
END_TEST

// ---- absurd sizes ---------------------------------------------------------------

// A valid timing-only encoding (compressed copy) with 60000^4 elements.
// Whatever duration the model gives it, simulated time must stay
// consistent: the same descriptor twice takes the same time twice, and the
// busy counter grows.  (A cost beyond the 64-bit picosecond range of
// sc_time must not wrap or saturate silently.)
START_TEST(huge_timing_only_tdma_time_consistent)
{
	static bool done;
	run_bench(
		[](Bench &b) {
			TSide g = g_compact(kData, 60000, 60000, 60000, 60000);
			tdma_desc d = tdma_copy(G2G, g, g);
			d.compress_en = 1;
			sc_time took[2], busy[2];
			for (int i = 0; i < 2; i++) {
				b.resync();
				put_tdma_stream(b, kTdmaDesc, {d});
				sc_time t0 = sc_core::sc_time_stamp();
				b.fire_tdma(kTdmaDesc, 1);
				if (!b.top.tdma.irq.read())  // no timeout: it may take very long
					sc_core::wait(b.top.tdma.irq.posedge_event());
				auto e = ends_of(b.rec, Engine::tdma);
				ck_assert_uint_eq(e.size(), (size_t)i + 1);
				took[i] = e.back().end - e.back().start;
				ck_assert(e.back().end >= e.back().start && e.back().start >= t0);
				busy[i] = b.top.tdma.stats().busy_time;
			}
			ck_assert_msg(took[0] == took[1], "same descriptor took %s, then %s",
				      took[0].to_string().c_str(), took[1].to_string().c_str());
			ck_assert_msg(busy[1] > busy[0], "busy time went from %s to %s",
				      busy[0].to_string().c_str(), busy[1].to_string().c_str());
			done = true;
		},
		[](Bench &) { ck_assert_msg(done, "the TDMA interrupt never came"); });
}
END_TEST

// A valid element-wise add of 4095^4 elements whose strides are all 0 (so
// every operand stays inside LMEM) and whose second operand is a scalar.
// The simulator must finish it (or refuse it) promptly: this test's case
// has a 5 s timeout, the kernel's element loop would run 2.8e14 times.
START_TEST(huge_eltwise_tiu_terminates)
{
	run_bench([](Bench &b) {
		b.resync();
		rt_tensor t = to_rt(l_side(0, 4095, 4095, 4095, 4095, 0, 0, 0));
		rt_tiu_eltwise_args p = {};
		p.op = TIU_DESC_TSK_EU_TYP_ADD;
		p.res = p.a = p.b = &t;
		p.b_is_const = true;
		p.b_const = 1;
		tiu_desc d;
		rt_tiu_eltwise(&d, &p);
		d.res0_w_str = d.opd0_w_str = 0;
		put_tiu_chain(b, kTiuDesc, {d});
		b.fire_tiu(kTiuDesc);
		ck_assert(wait_idle(b, sc_core::sc_max_time() - sc_core::sc_time_stamp()));
		ck_assert_uint_eq(ends_of(b.rec, Engine::tiu).size(), 1);
	});
}
END_TEST

// ---- garbage --------------------------------------------------------------------

struct HangEvent : TpuObserver {
	sc_core::sc_event ev;
	int count = 0;
	void hang(const std::string &) override
	{
		count++;
		ev.notify(sc_core::SC_ZERO_TIME);
	}
};

static HangEvent g_hang;
static int g_rounds_done;
static sc_time g_longest;
static int g_timeouts;

static tdma_desc garbage_tdma(Rng &r, int mode)
{
	uint8_t raw[TDMA_DESC_SIZE];
	r.fill(raw, sizeof(raw));
	tdma_desc d;
	tdma_desc_unpack(&d, raw);
	if (mode == 0)
		return d;
	d.vld = r.below(10) != 0;
	d.bar_en = r.below(4) == 0;
	d.wait_id_tpu = r.below(4);
	d.trans_fmt = r.below(5) == 0;
	d.compress_en = r.below(8) == 0;
	d.sys_dtype = r.below(8) == 0;
	d.spec_func = r.below(3) ? 0 : r.below(2) ? 4 : r.below(8);
	d.transpose_md = r.below(3) ? 0 : r.below(4);
	d.src_fmt = r.below(5) ? 1 : r.below(4), d.dst_fmt = r.below(5) ? d.src_fmt : r.below(4);
	d.src_base_reg_sel = r.below(8), d.dst_base_reg_sel = r.below(8);
	d.src_base_addr_high = d.dst_base_addr_high = 0;
	d.src_base_addr_low = r.below(0x48000);
	d.dst_base_addr_low = r.below(0x48000);
	if (mode == 1) {  // small shapes and strides, sometimes 0
		auto dim = [&r](uint32_t max) { return r.below(12) ? 1 + r.below(max) : 0; };
		d.src_n = dim(3), d.src_c = dim(12), d.src_h = dim(6), d.src_w = dim(40);
		d.dst_c = r.below(5) ? d.src_c : dim(12);
		d.dst_h = r.below(5) ? d.src_h : dim(6);
		d.dst_w = r.below(5) ? d.src_w : dim(40);
		d.src_n_stride = r.below(2) ? r.below(4096) : r.below(70000);
		d.dst_n_stride = r.below(4096);
		d.src_c_stride_low = r.below(600), d.src_c_stride_high = r.below(8) == 0;
		d.dst_c_stride_low = r.below(600), d.dst_c_stride_high = 0;
		d.src_h_stride = r.below(100), d.dst_h_stride = r.below(100);
	} else if (mode == 3) {  // valid encoding, huge random 16-bit shapes
		d.src_n = r.below(0x10000), d.src_c = r.below(0x10000);
		d.src_h = r.below(0x10000), d.src_w = r.below(0x10000);
		d.dst_c = d.src_c, d.dst_h = d.src_h, d.dst_w = d.src_w;
		d.src_n_stride = (uint32_t)r.next(), d.dst_n_stride = (uint32_t)r.next();
	}
	return d;
}

static tiu_desc garbage_tiu(Rng &r, int mode)
{
	uint8_t raw[TIU_DESC_SIZE];
	r.fill(raw, sizeof(raw));
	tiu_desc d;
	tiu_desc_unpack(&d, raw);
	d.cmd_en = r.below(10) != 0;
	d.cmd_end = 0;
	d.cmd_id_gdma = r.below(4);
	// chunk-index nibbles as the runtime leaves them (the reorder ORs k in)
	d.rsvd0 = d.rsvd1 = d.rsvd2 = d.rsvd3 = d.rsvd4 = d.rsvd5 = d.rsvd6 = 0;
	if (mode == 1 || mode == 3) {  // addresses near LMEM; mode 1: small shapes, sometimes 0
		d.opt_res0_seg = r.below(4) ? 1 : r.below(4);
		d.opt_opd0_seg = r.below(4) ? 1 : r.below(4);
		d.opt_opd1_seg = r.below(4) ? 1 : r.below(4);
		d.short_res0_str = r.below(2) ? 3 : r.below(4);
		d.short_opd0_str = r.below(2) ? 3 : r.below(4);
		d.short_opd1_str = r.below(2) ? 3 : r.below(4);
		d.tsk_typ = r.below(4) ? 3 : r.below(4);
		d.tsk_eu_typ = r.below(14);
		d.opd_typ = r.below(8) == 0;
		d.opt_chl_quan = r.below(8) == 0;
		d.opt_opd0_const = r.below(8) == 0;
		d.opt_relu_typ = r.below(4) ? r.below(2) : r.below(4);
		d.res0_n = r.below(3), d.res0_c = r.below(12), d.res0_h = r.below(5), d.res0_w = r.below(20);
		d.opd0_n = d.res0_n, d.opd0_c = d.res0_c, d.opd0_h = d.res0_h, d.opd0_w = d.res0_w;
		d.opd1_n = d.res0_n, d.opd1_c = d.res0_c, d.opd1_h = r.below(4), d.opd1_w = r.below(4);
		d.res0_addr = r.below(0x48000), d.opd0_addr = r.below(0x48000);
		d.opd1_addr = r.below(0x10000), d.opd2_addr = r.below(0x10000);
		d.res0_n_str = r.below(600), d.res0_c_str = r.below(600), d.res0_h_str = r.below(64);
		d.res0_w_str = r.below(3);
		d.opd0_n_str = r.below(600), d.opd0_c_str = r.below(600), d.opd0_h_str = r.below(64);
		d.opd0_w_str = r.below(3);
		d.opd1_n_str = r.below(600), d.opd1_c_str = r.below(600), d.opd1_h_str = r.below(64);
		d.opd1_w_str = r.below(3);
		d.res0_b_str = d.opd0_b_str = d.opd1_b_str = r.below(0x1000);
		if (mode == 3) {  // huge random 12-bit shapes, any strides
			d.res0_n = d.opd0_n = d.opd1_n = r.below(0x1000);
			d.res0_c = d.opd0_c = d.opd1_c = r.below(0x1000);
			d.res0_h = d.opd0_h = d.opd1_h = r.below(0x1000);
			d.res0_w = d.opd0_w = d.opd1_w = r.below(0x1000);
			d.res0_n_str = r.below(3), d.res0_c_str = r.below(3), d.res0_h_str = r.below(3);
			d.opd0_n_str = r.below(3), d.opd0_c_str = r.below(3), d.opd0_h_str = r.below(3);
		}
	}
	return d;
}

// Random streams, seeded: each round must come to rest (both idle) or be
// reported as a hang (then the driver's reset recovers it).  Nothing may
// crash, and the simulation must end.
START_TEST(random_garbage_always_ends)
{
	const int seed = _i;
	g_rounds_done = 0;
	run_bench(
		[seed](Bench &b) {
			b.top.observers().add(&g_hang);
			Rng r(9000 + seed);
			const uint64_t rst = RSTC_BASE + RSTC_SOFT_RSTN_0_REG;
			for (int round = 0; round < 40; round++) {
				int mode = r.below(4);  // 0 raw, 1 small, 2 junk TIU bytes, 3 huge shapes
				b.resync();
				for (unsigned i = 0; i < 8; i++)
					b.set_arraybase(i, r.below(4) ? kData + 0x10000 * r.below(16)
								       : (uint64_t)r.next() & 0xFFFFFFFFFFull);
				unsigned nt = 1 + r.below(6), nu = 1 + r.below(4);
				std::vector<tdma_desc> ds;
				for (unsigned i = 0; i < nt; i++)
					ds.push_back(garbage_tdma(r, mode == 2 ? (int)r.below(2) : mode));
				std::vector<tiu_desc> ts;
				for (unsigned i = 0; i < nu; i++)
					ts.push_back(garbage_tiu(r, mode == 0 ? 0 : mode == 3 ? 3 : 1));
				if (getenv("TPUSIM_GARBAGE_STATS"))
					for (const auto &d : ds)
						fprintf(stderr, "  tdma vld%u dir%u fmt%u sf%u cmp%u mat%u n%u c%u/%u h%u/%u "
							"w%u/%u ns%u/%u cs%u/%u hs%u/%u src%x:%08x dst%x:%08x sel%u/%u\n",
							d.vld, d.trans_dir, d.trans_fmt, d.spec_func, d.compress_en,
							d.sys_dtype, d.src_n, d.src_c, d.dst_c, d.src_h, d.dst_h,
							d.src_w, d.dst_w, d.src_n_stride, d.dst_n_stride,
							d.src_c_stride_low | d.src_c_stride_high << 16,
							d.dst_c_stride_low | d.dst_c_stride_high << 16,
							d.src_h_stride, d.dst_h_stride, d.src_base_addr_high,
							d.src_base_addr_low, d.dst_base_addr_high, d.dst_base_addr_low,
							d.src_base_reg_sel, d.dst_base_reg_sel);
				put_tdma_stream(b, kTdmaDesc, ds, r.below(2), r.below(2));
				if (mode == 2) {  // raw random bytes where the TIU fetches
					std::vector<uint8_t> junk(nu * TIU_DESC_SIZE + 128);
					r.fill(junk);
					b.poke(kTiuDesc, junk.data(), junk.size());
				} else {
					put_tiu_chain(b, kTiuDesc, ts, r.below(2), r.below(4) != 0);
				}
				int hangs = g_hang.count;
				sc_time t0 = sc_core::sc_time_stamp();
				if (r.below(4))
					b.fire_tiu(kTiuDesc);
				b.fire_tdma(kTdmaDesc, r.below(8) ? nt : r.below(70000));
				// the driver's patience: 60 s for the TDMA interrupt, then resets
				sc_time deadline = t0 + sc_time(60, sc_core::SC_SEC);
				for (;;) {
					sc_core::wait(sc_time(1, SC_US));
					if (b.top.tdma.state() == EngineState::idle &&
					    b.top.tiu.state() == EngineState::idle)
						break;
					if (g_hang.count != hangs) {
						ck_assert(!b.top.hang_report().empty());
						break;
					}
					if (sc_core::sc_time_stamp() >= deadline) {
						g_timeouts++;
						break;
					}
					sc_core::wait(deadline - sc_core::sc_time_stamp(),
						      b.top.tdma.busy.default_event() |
							      b.top.tiu.busy.default_event() | g_hang.ev);
				}
				if (getenv("TPUSIM_GARBAGE_STATS"))
					fprintf(stderr, "round %d mode %d: %s\n", round, mode,
						b.top.stats_summary().c_str());
				if (sc_core::sc_time_stamp() - t0 > g_longest)
					g_longest = sc_core::sc_time_stamp() - t0;
				// the driver's recovery: pulse TPUSYS
				b.wr(rst, RSTC_SOFT_RSTN_0_RESVAL & ~RSTC_SOFT_RSTN_0_TPUSYS_MASK);
				b.wr(rst, RSTC_SOFT_RSTN_0_RESVAL);
				ck_assert(wait_idle(b, sc_time(1, SC_US)));
				ck_assert(sc_core::sc_time_stamp() > t0);
				ck_assert(sc_core::sc_time_stamp() < t0 + sc_time(61, sc_core::SC_SEC));
				g_rounds_done++;
			}
		},
		[](Bench &b) {
			ck_assert_int_eq(g_rounds_done, 40);
			if (getenv("TPUSIM_GARBAGE_STATS")) {
				unsigned te = 0, tx = 0, ue = 0, ux = 0;
				for (const auto &e : b.rec.ends) {
					if (e.engine == Engine::tdma)
						te++, tx += e.executed;
					else
						ue++, ux += e.executed;
				}
				fprintf(stderr, "garbage: tdma ends %u (executed %u), tiu ends %u (executed %u), "
					"hangs %d, timeouts %d, longest round %s\n%s", te, tx, ue, ux, g_hang.count, g_timeouts,
					g_longest.to_string().c_str(), b.top.stats_summary().c_str());
			}
		});
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("model_errors");
	TCase *tc = tcase_create("errors");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, zero_dimension_completes, 0, 8);
	tcase_add_loop_test(tc, dram_outside_window_buserr, 0, 6);
	tcase_add_test(tc, desc_fetch_outside_dram);
	tcase_add_loop_test(tc, invalid_descriptor_decerr, 0, 4);
	tcase_add_test(tc, tiu_chain_without_cmd_end);
	tcase_add_loop_test(tc, tiu_operand_outside_lmem, 0, 4);
	tcase_add_test(tc, tiu_bad_fetch_and_cmd_en);
	tcase_add_loop_test(tc, random_garbage_always_ends, 0, 4);
	tcase_add_test(tc, huge_timing_only_tdma_time_consistent);
	suite_add_tcase(s, tc);
	TCase *tb = tcase_create("bounds");
	tcase_set_timeout(tb, 5);
	tcase_add_test(tb, huge_eltwise_tiu_terminates);
	suite_add_tcase(s, tb);
	return s;
}
